"""Cold indexing: the bulk load of an empty index stores what a file-by-file refresh stores, and its shortcuts
(lists written as JSON without the encoder, one C-level test for spaces in a URL) agree with the slow ways."""
from __future__ import annotations

import re
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from netfiles import load_vault
from netfiles.reading import fields
from netfiles.reading.fields import url_problem
from netfiles.store import index as index_module

_TABLES = ("files", "names", "identities", "links", "contacts", "interactions", "notes", "note_links", "diagnostics")


def _contact(i: int) -> str:
    return (f"---\nname: Person {i}\nemails: [p{i}@example.com]\ntags: [t{i % 3}, \"with space\"]\n"
            f"knows: [\"[[Person {(i + 1) % 30}]]\"]\nstrength: {i % 7}\ncadence: {'2w' if i % 2 else 'soon'}\n"
            f"linkedin: {'https://linkedin.com/in/p' if i % 5 else 'not a url'}{i}\n---\n"
            f"## Log\n- 2026-0{1 + i % 9}-1{i % 10} call: hello #gave\n- 2026-02-30 broken\n")


def _files() -> dict[str, str]:
    files = {f"people/Person {i}.md": _contact(i) for i in range(30)}
    files.update({f"notes/2026-03-{day:02d}.md": f"Met [[Person {day}]] and [[Ghost]].\n" for day in range(1, 11)})
    files["people/Broken.md"] = "---\nname: [unclosed\n---\n"
    return files


def _dump(root) -> dict[str, list]:
    """Every table's rows in a stable order, and the meta keys that do not depend on chance (the stamps do)."""
    db = sqlite3.connect(root / ".netfiles" / "cache" / "index.sqlite")
    try:
        found = {}
        for table in _TABLES:
            if db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone():
                found[table] = sorted(db.execute(f"SELECT * FROM {table}"), key=repr)
        found["meta"] = sorted(db.execute("SELECT * FROM meta WHERE key NOT IN ('generation', 'check_cache', 'stamps', 'stamps generation')"))
        return found
    finally:
        db.close()


def test_a_bulk_first_build_stores_what_a_file_by_file_refresh_stores(netfiles_make_vault, monkeypatch):
    files = _files()
    bulk_root = netfiles_make_vault(files, name="bulk")
    monkeypatch.setattr(index_module, "PARALLEL_THRESHOLD", 5)  # the bulk path, with worker processes
    vault = load_vault(bulk_root)
    assert vault.index.db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL again after the bulk load
    first = vault.index.generation()
    assert first and vault.refresh().unchanged == len(files) and vault.index.generation() == first
    vault.index.close()

    monkeypatch.setattr(index_module, "PARALLEL_THRESHOLD", 10 ** 9)
    one_root = netfiles_make_vault({}, name="one_by_one")
    for rel, text in files.items():  # each refresh adds one file to an index that is not empty
        (one_root / rel).parent.mkdir(parents=True, exist_ok=True)
        (one_root / rel).write_text(text, encoding="utf-8")
        load_vault(one_root).index.close()
    bulk, one = _dump(bulk_root), _dump(one_root)
    assert bulk["files"] and bulk["interactions"] and bulk["note_links"]
    assert [row[0] for row in bulk["files"]] == [row[0] for row in one["files"]]
    for table in bulk:
        if table == "files":  # the stat stamps differ (other files, other inodes); the records must not
            assert [(r[0], r[5], r[6]) for r in bulk[table]] == [(r[0], r[5], r[6]) for r in one[table]]
        else:
            assert bulk[table] == one[table], table


def test_a_refresh_that_changes_something_moves_the_generation_once(netfiles_make_vault):
    root = netfiles_make_vault({"people/Ana.md": _contact(1)})
    vault = load_vault(root)
    before = vault.index.generation()
    (root / "people" / "Bo.md").write_text(_contact(2), encoding="utf-8")
    assert vault.refresh().added == ["people/Bo.md"]
    assert vault.index.generation() == before + 1
    assert not vault.refresh() and vault.index.generation() == before + 1


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1))
def test_a_url_with_any_space_or_control_character_is_refused_as_such(text):
    """The one-pass test says what the character-by-character rule said, for every kind of character."""
    url = "https://example.com/" + text
    by_character = any(c.isspace() or not c.isprintable() for c in url.strip())
    assert (url_problem(url) == "it contains spaces or control characters") == by_character


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.from_regex(fields.SIMPLE_URL, fullmatch=True))
def test_an_address_taken_without_urlsplit_is_one_urlsplit_accepts(url):
    """The shortcut for plain `https://host/path` values answers only what the full rule answers too."""
    if " " in url.strip() or not url.strip().isprintable() or not url.strip():
        return  # refused before the shortcut is asked
    saved = fields.SIMPLE_URL
    fields.SIMPLE_URL = re.compile(r"(?!)")  # the full rule: urlsplit, the scheme, the port and the host name
    try:
        assert url_problem(url) is None, url
    finally:
        fields.SIMPLE_URL = saved
