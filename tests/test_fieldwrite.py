"""One-line edits of existing front matter keys keep everything else byte for byte."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from netfiles.writing.fieldwrite import add_to_list, set_field
from netfiles.writing.writes import FileChangedError, Snapshot, WriteError


def write(tmp_path, text: str, name="c.md"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(a) == len(b)
    return [(x, y) for x, y in zip(a, b) if x != y]


def test_set_field_replaces_in_place_keeping_comment_quotes_and_crlf(tmp_path):
    text = "---\r\nname: Ana\r\ntier: 'wider'   # decided 2026\r\ncadence: 1m\r\n---\r\n# Ana\r\n"
    path = write(tmp_path, text)
    set_field(path, "tier", "core")
    after = path.read_bytes().decode()
    assert changed_lines(text, after) == [("tier: 'wider'   # decided 2026\r\n", "tier: 'core'   # decided 2026\r\n")]
    set_field(path, "cadence", "2w")
    assert "cadence: 2w\r\n" in path.read_bytes().decode()


def test_set_field_adds_a_missing_key_and_fills_an_empty_one(tmp_path):
    path = write(tmp_path, "---\nname: Bo\ntier:\n---\nbody\n")
    set_field(path, "tier", "inner")
    assert path.read_text() == "---\nname: Bo\ntier: inner\n---\nbody\n"
    path2 = write(tmp_path, "---\nname: Cy\n---\n", "d.md")
    set_field(path2, "tier", "core")
    assert yaml.safe_load(path2.read_text().split("---")[1]) == {"name": "Cy", "tier": "core"}


def test_set_field_refuses_a_block_value_and_a_changed_file(tmp_path):
    path = write(tmp_path, "---\ntier:\n  - a\n---\n")
    with pytest.raises(WriteError):
        set_field(path, "tier", "core")
    path2 = write(tmp_path, "---\ntier: core\n---\n", "e.md")
    snap = Snapshot.read(path2)
    path2.write_text("---\ntier: inner\n---\n")
    with pytest.raises(FileChangedError):
        set_field(path2, "tier", "wider", snap)
    assert path2.read_text() == "---\ntier: inner\n---\n"


@pytest.mark.parametrize("before, after", [
    ("tags: [a, b]  # mine\n", "tags: [a, b, new]  # mine\n"),
    ("tags: []\n", "tags: [new]\n"),
    ("tags: a\n", "tags: [a, new]\n"),
    ("tags:\n  - a\n  - b\n", "tags:\n  - a\n  - b\n  - new\n"),
    ("tags:\n- a\n", "tags:\n- a\n- new\n"),
])
def test_add_to_list_in_each_style(tmp_path, before, after):
    path = write(tmp_path, f"---\nname: Ana\n{before}other: 1\n---\n")
    assert add_to_list(path, "tags", "new")
    assert path.read_text() == f"---\nname: Ana\n{after}other: 1\n---\n"
    assert not add_to_list(path, "tags", "NEW")  # already there, any case
    assert path.read_text() == f"---\nname: Ana\n{after}other: 1\n---\n"


@settings(derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(str.strip))
def test_any_value_reads_back_as_written(tmp_path, value):
    path = write(tmp_path, "---\nname: Ana\ntier: wider\n---\n")
    set_field(path, "tier", value.strip())
    assert yaml.safe_load(path.read_text().split("---")[1])["tier"] == value.strip()
