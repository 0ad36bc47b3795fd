"""Issue 10 item 3 and issue 14 (Obsidian): values netfiles writes keep comments and follow the file's style.

Obsidian's Properties panel writes block lists, double-quoted links and unquoted dates; netfiles
writes the same in new files and files without lists, so opening a note there makes no git diff.
"""
from __future__ import annotations

import datetime as dt

import yaml

from netfiles import render_contact, set_missing_fields
from netfiles.testing import run_cli


def fill(tmp_path, text: str, values: dict) -> str:
    path = tmp_path / "Ana.md"
    path.write_bytes(text.encode())
    set_missing_fields(path, values)
    return path.read_bytes().decode()


def test_filling_an_empty_key_keeps_its_comment(tmp_path):
    text = "---\nname: Ana\nmet:   # fill in later\nrole: ''  # ask her\n---\n"
    after = fill(tmp_path, text, {"met": dt.date(2024, 5, 16), "role": "CTO"})
    assert after == "---\nname: Ana\nmet: 2024-05-16   # fill in later\nrole: CTO  # ask her\n---\n"


def test_filling_an_empty_list_key_keeps_its_comment_and_the_file_style(tmp_path):
    text = "---\nname: Ana\ntags:\n  - vip\nknows:   # who else\n---\n"
    after = fill(tmp_path, text, {"knows": ["[[Bo Chen]]", "[[Carla]]"]})
    assert after == '---\nname: Ana\ntags:\n  - vip\nknows:   # who else\n  - "[[Bo Chen]]"\n  - "[[Carla]]"\n---\n'
    assert yaml.safe_load(after.split("---")[1])["knows"] == ["[[Bo Chen]]", "[[Carla]]"]


def test_new_lists_are_block_style_in_a_block_style_file(tmp_path):
    text = "---\nname: Bo\ntags:\n- linkedin\n---\n# Bo\n"  # items at the key's indent: kept so
    after = fill(tmp_path, text, {"emails": ["bo@chen.example"], "knows": ["[[Ana Souza]]"]})
    assert after == ('---\nname: Bo\ntags:\n- linkedin\nemails:\n- bo@chen.example\nknows:\n- "[[Ana Souza]]"\n'
                     '---\n# Bo\n')


def test_new_lists_are_flow_style_in_a_flow_style_file(tmp_path):
    text = "---\nname: Bo\ntags: [linkedin, mentor]\naliases: [Bobby]\n---\n"
    after = fill(tmp_path, text, {"emails": ["bo@chen.example"], "knows": ["[[Ana Souza]]", "Acme, Inc."]})
    assert after == ('---\nname: Bo\ntags: [linkedin, mentor]\naliases: [Bobby]\nemails: [bo@chen.example]\n'
                     'knows: ["[[Ana Souza]]", \'Acme, Inc.\']\n---\n')
    assert yaml.safe_load(after.split("---")[1])["knows"] == ["[[Ana Souza]]", "Acme, Inc."]


def test_a_file_without_lists_gets_obsidians_style(tmp_path):
    text = "---\nname: Bo\nemails: []\n---\n"  # an empty [] says nothing about style
    after = fill(tmp_path, text, {"tags": ["linkedin"], "birthday": "1991-07-04", "snooze_until": "2026-12-01T09:00",
                                  "introduced_by": "[[Ana Souza]]"})
    assert after == ('---\nname: Bo\nemails: []\ntags:\n  - linkedin\nbirthday: 1991-07-04\n'
                     'snooze_until: 2026-12-01T09:00\nintroduced_by: "[[Ana Souza]]"\n---\n')


def test_new_files_are_written_in_obsidians_style():
    text = render_contact("Bo Chen", {"organization": "Acme, Inc.", "tags": ["linkedin"],
                                      "emails": ["bo@chen.example"], "knows": ["[[Ana Souza]]", "[[Carla]]"],
                                      "met": dt.date(2024, 5, 16), "birthday": "1991-07-04"})
    assert text == ('---\nname: Bo Chen\norganization: Acme, Inc.\ntags:\n  - linkedin\nemails:\n'
                    '  - bo@chen.example\nknows:\n  - "[[Ana Souza]]"\n  - "[[Carla]]"\nmet: 2024-05-16\n'
                    'birthday: 1991-07-04\n---\n# Bo Chen\n\n## Log\n')


def test_add_writes_obsidians_style(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana Souza.md": "---\nname: Ana Souza\n---\n"})
    result = run_cli(v, "add", "Bo Chen", "--knows", "Ana Souza", "--tag", "linkedin", "--met", "2024-05-16",
                     "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert (v / "people/Bo Chen.md").read_text() == ('---\nname: Bo Chen\ntags:\n  - linkedin\nmet: 2024-05-16\n'
                                                     'knows:\n  - "[[Ana Souza]]"\nadded: 2026-12-01\n---\n'
                                                     '# Bo Chen\n\n## Log\n')
    assert run_cli(v, "check").exit_code == 0


# Property: filling fields changes only the empty keys' own lines, and every value reads back as given

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from netfiles.reading.parse import json_safe  # noqa: E402

WORDS = st.sampled_from(["Acme", "Acme, Inc.", "O'Brien", "yes", "[[Ana Souza]]", "a: b", "# not a comment",
                         "Ana\u0085Souza", "São Paulo", "2024-05-16", "2026-12-01T09:00", "-x", "null"])
VALUES = st.one_of(WORDS, st.lists(WORDS, min_size=1, max_size=3), st.dates(dt.date(1950, 1, 1), dt.date(2030, 1, 1)))
EXISTING = st.sampled_from(["name: Ana", "tags: [a, b]", "tags:\n  - a\n  - b", "aliases:\n- Nana", "role: CTO  # c",
                            "emails: []", "# a comment line", "org: 'x'"])
EMPTY = st.sampled_from(["", "   # fill in later", " ''", ' ""  # later', " []", " ~", " null # n"])


@st.composite
def front_matter_case(draw):
    lines = draw(st.lists(EXISTING, max_size=4, unique=True))
    empties = draw(st.lists(st.sampled_from(["met", "location", "knows", "country"]), max_size=3, unique=True))
    for key in empties:
        lines.insert(draw(st.integers(0, len(lines))), f"{key}:{draw(EMPTY)}")
    keys = draw(st.lists(st.sampled_from(["met", "location", "knows", "country", "phones", "how_met"]),
                         min_size=1, max_size=4, unique=True))
    values = {key: draw(VALUES) for key in keys}
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(["---", *"\n".join(lines).split("\n"), "---", "# Ana", ""])
    return text, values, empties


@settings(derandomize=True, max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=front_matter_case())
def test_filled_values_read_back_and_nothing_else_changes(tmp_path, case):
    text, values, empties = case
    path = tmp_path / "Ana.md"
    path.write_bytes(text.encode())
    before = yaml.safe_load(text.split("---")[1]) or {}
    done = set_missing_fields(path, values)
    after_text = path.read_bytes().decode()
    after = yaml.safe_load(after_text.split("---")[1]) or {}
    assert sorted(done) == sorted(k for k in values if before.get(k) in (None, "", []))
    for key, value in values.items():
        expected = value if key in done else before.get(key)
        assert json_safe(after.get(key)) == json_safe(expected), (key, after_text)
    assert {k: v for k, v in after.items() if k not in done} == {k: v for k, v in before.items() if k not in done}
    # every line of the file is still there, except the lines of the empty keys that were filled
    new_lines = after_text.splitlines()
    for line in text.splitlines():
        key = line.split(":", 1)[0]
        if key in done and key in empties:
            comment = line[line.index("#"):] if "#" in line else ""
            assert any(n.startswith(f"{key}:") and n.endswith(comment) for n in new_lines), (line, after_text)
        else:
            assert line in new_lines
    newline = "\r\n" if "\r\n" in text else "\n"
    assert after_text.count(newline) == after_text.count("\n")  # the file's line ending throughout
