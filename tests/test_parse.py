"""The per-file parser and the small parsing helpers of the public API (FORMAT.md sections 2-4)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from netfiles import (NEVER, find_links, link_target, load_vault, normalize_linkedin, parse_birthday, parse_cadence,
                      parse_duration, parse_iso_date, safe_filename)
from netfiles.reading.parse import parse_markdown
from netfiles.testing import check_diagnostics

D = dt.date


def contact(text: str | bytes, path: str = "people/Ana.md") -> dict:
    data = text.encode("utf-8") if isinstance(text, str) else text
    record = parse_markdown(path, data, is_contact=True)
    json.dumps(record)  # records go to the index as JSON
    return record


def codes(record: dict) -> list[tuple[str, int, int]]:
    return [(d["code"], d["line"], d["col"]) for d in record["diagnostics"]]


# Front matter and fields -------------------------------------------------------------------------------

def test_a_full_contact():
    record = contact("""---
name: Ana Souza
aliases: Ana
emails: [Ana@Example.org]
phones: "+55 11 5555 0100"
tags: [mentor, 2024]
met: 2024-05-16
birthday: --03-02
snooze_until: "2026-12-01"
cadence: Quarterly
strength: 4
linkedin: https://www.LinkedIn.com/in/Ana-Souza/?trk=x
knows: ["[[Bo Chen]]", "[[people/Carla Diaz|Carla]]", "[[Dan#Work]]"]
introduced_by: "[[Bo Chen]]"
organization: Acme Bank
country: BR
custom: {any: thing}
---
# Ana Souza
""")
    assert codes(record) == []
    assert record["name"] == "Ana Souza"
    assert record["aliases"] == ["Ana"] and record["phones"] == ["+55 11 5555 0100"]
    assert record["emails"] == ["ana@example.org"]
    assert record["tags"] == ["mentor", "2024"]
    assert (record["met"], record["birthday"], record["snooze_until"]) == ("2024-05-16", "--03-02", "2026-12-01")
    assert record["cadence_days"] == 91 and record["strength"] == 4
    assert record["linkedin"] == "linkedin.com/in/ana-souza"
    assert [k[0] for k in record["knows"]] == ["Bo Chen", "people/Carla Diaz", "Dan"]
    assert [k[0] for k in record["introduced_by"]] == ["Bo Chen"]
    assert record["fm"]["met"] == "2024-05-16" and record["fm"]["custom"] == {"any": "thing"}
    assert record["fm"]["linkedin"] == "https://www.LinkedIn.com/in/Ana-Souza/?trk=x"  # as written


def test_name_defaults_to_the_stem():
    assert contact("", "people/work/Bo Chen.md")["name"] == "Bo Chen"
    assert contact("---\nrole: x\n---\n", "people/Bo Chen.md")["name"] == "Bo Chen"
    empty = contact("---\nname: '  '\n---\n", "people/Bo Chen.md")
    assert empty["name"] == "Bo Chen" and codes(empty) == [("NF201", 2, 1)]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_line_numbers_are_the_same_with_crlf_and_bom(newline, bom):
    text = "---\nname: Ana\n\nstrength: 9\n---\n# Ana\n\n## Log\n- 2026-01-01 call: x\n- oops\n"
    record = contact(bom + text.replace("\n", newline).encode())
    assert record["name"] == "Ana"
    assert codes(record) == [("NF205", 4, 1), ("NF304", 10, 3)]
    assert record["log"] == [["2026-01-01", "call", "x", 9, False, False]]


@pytest.mark.parametrize("text", ["", "\xef\xbb\xbf", "---\n---\n", "---\r\n---\r\n", "# Just a title\n", "---",
                                  "---\n...\n", "no newline at all"])
def test_degenerate_files_are_contacts_without_problems(text):
    record = contact(text)
    assert record["kind"] == "contact" and record["name"] == "Ana" and codes(record) == []


def test_front_matter_must_start_on_the_first_line():
    record = contact("\n---\nname: Bo\n---\n")
    assert record["name"] == "Ana" and codes(record) == []


def test_front_matter_closed_by_dots():
    assert contact("---\nname: Bo\n...\n# Bo\n")["name"] == "Bo"


def test_invalid_yaml_keeps_the_log():
    record = contact("---\nname: [Ana\n---\n## Log\n- 2026-01-01 call\n- bad\n")
    assert [c[0] for c in codes(record)] == ["NF101", "NF304"]
    assert record["log"][0][:2] == ["2026-01-01", "call"]


@pytest.mark.parametrize("text, code", [
    ("---\n- a\n---\n", "NF102"), ("---\njust a string\n---\n", "NF102"), ("---\n42\n---\n", "NF102"),
    ("---\n? [a, b]\n: c\n---\n", "NF101"),  # a key that cannot be a key
    ("---\na: &x [*x]\n---\n", "NF101"), ("---\na: !!python/object:os.system x\n---\n", "NF101"),
    ("---\n" + "a: " + "[" * 2000 + "]" * 2000 + "\n---\n", "NF101"),
    ("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"  # "billion laughs": 10**9 items once expanded
     + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)) + "---\n", "NF101"),
], ids=["list", "string", "number", "list-key", "self-alias", "python-tag", "deep", "billion-laughs"])
def test_odd_yaml(text, code):
    assert [c[0] for c in codes(contact(text))] == [code]


def test_a_date_that_does_not_exist_is_nf202_and_the_rest_is_read():
    record = contact("---\nname: Ana\nmet: 2026-13-45\nrole: CTO\nbirthday: 2023-02-29\n---\n")
    assert codes(record) == [("NF202", 3, 1), ("NF202", 5, 1)]
    assert record["role"] == "CTO" and record["met"] is None
    assert record["fm"]["met"] == "2026-13-45"


def test_datetime_values_count_as_dates():
    record = contact("---\nmet: 2024-05-16 10:30:00\n---\n")
    assert record["met"] == "2024-05-16" and codes(record) == []


@pytest.mark.parametrize("front, code", [
    ("emails: [null]", "NF201"), ("emails: {a: b}", "NF201"), ("name: [Ana]", "NF201"),
    ("introduced_by: [[Bo]]", "NF201"), ("linkedin: 42", "NF201"), ("role: {a: b}", "NF201"),
    ("emails: ['a@b', 'a b@c']", "NF203"), ("cadence: 90", "NF204"), ("cadence: 2 weeks", "NF204"),
    ("strength: 3.0", "NF205"), ("met: yesterday", "NF202"), ("birthday: 03-02", "NF202"),
])
def test_field_types(front, code):
    assert [c[0] for c in codes(contact(f"---\n{front}\n---\n"))] == [code]


# The log -----------------------------------------------------------------------------------------------

def test_log_items():
    record = contact("""# Ana
## Log
- 2026-11-02 coffee: talked about risk #gave
* 2026-09-14 CALL: she reviewed my deck #GOT
+ 2026-08-01 video
- 2026-06-01 lunch with the team
- 2026-05-01   email:  spaced out  
### Details (still the log: a lower level)
- 2026-04-01 visit: x #gave #got
## Next
- not the log
""")
    assert codes(record) == []
    assert [item[:3] + item[4:] for item in record["log"]] == [
        ["2026-11-02", "coffee", "talked about risk #gave", True, False],
        ["2026-09-14", "call", "she reviewed my deck #GOT", False, True],
        ["2026-08-01", "video", "", False, False],
        ["2026-06-01", "lunch", "with the team", False, False],
        ["2026-05-01", "email", "spaced out", False, False],
        ["2026-04-01", "visit", "x #gave #got", True, True],
    ]
    assert [item[3] for item in record["log"]] == [3, 4, 5, 6, 7, 9]


def test_log_heading_of_any_level_and_code_fences():
    record = contact("#### log\n```\n- not an item\n## Log\n```\n- 2026-01-01 call\n~~~\n- 2026-01-02 call\n~~~\n# Top\n- x\n")
    assert codes(record) == []
    assert [item[0] for item in record["log"]] == ["2026-01-01"]


def test_nested_items_belong_to_the_item_above():
    record = contact("## Log\n- 2026-01-02 call: a\n  - what she said\n  - 2025-01-01 a date in a detail\n"
                     "- 2026-01-01 call: b\n")
    assert codes(record) == []
    assert [item[0] for item in record["log"]] == ["2026-01-02", "2026-01-01"]


def test_an_indented_log_list():
    record = contact("## Log\n  - 2026-01-02 call\n  - 2026-01-01 call\n  - bad\n")
    assert [item[0] for item in record["log"]] == ["2026-01-02", "2026-01-01"]
    assert codes(record) == [("NF304", 4, 5)]


# Notes ------------------------------------------------------------------------------------------------

def note(text: str, path: str) -> dict:
    return parse_markdown(path, text.encode(), is_contact=False)


def test_dated_notes():
    assert note("[[Ana]] and [[Bo|B]]", "daily/2026-03-01.md")["date"] == "2026-03-01"
    assert note("[[Ana]]", "meetings/2026-03-01 Kick-off.md")["links"] == ["Ana"]
    by_fm = note("---\ndate: 2026-03-05\nattendees: ['[[Carla]]']\n---\nWith [[Ana#Log]].\n", "meetings/kickoff.md")
    assert by_fm["kind"] == "note" and by_fm["date"] == "2026-03-05" and by_fm["links"] == ["Ana", "Carla"]
    assert note("---\ndate: 2026-03-05T10:00:00\n---\n", "x.md")["date"] == "2026-03-05"
    assert note("[[Ana]]", "notes/ideas.md")["kind"] == "other"
    assert note("[[Ana]]", "daily/2026-02-30.md")["kind"] == "other"


def test_vault_interactions_from_notes(netfiles_make_vault):
    v = netfiles_make_vault({
        "people/Ana.md": "---\nname: Ana Souza\naliases: [Ana]\n---\n## Log\n- 2026-01-01 call\n",
        "people/Sam.md": "", "people/work/Sam.md": "",
        "daily/2026-03-01.md": "[[Ana]] twice: [[ana souza]], and [[Sam]] is ambiguous, [[Nobody]] broken.\n",
        "meetings/m.md": "---\ndate: 2025-12-01\n---\n[[work/Sam]]\n",
        "people/2026-04-01.md": "a contact whose stem looks like a date links [[Ana]]: not a note",
    })
    vault = load_vault(v)
    ana = vault.find("Ana")
    assert [(i.date, i.kind, i.source) for i in ana.interactions] == [
        (D(2026, 3, 1), "note", "daily/2026-03-01.md"), (D(2026, 1, 1), "call", "people/Ana.md")]
    assert ana.last_contact == D(2026, 3, 1)
    assert [i.source for i in vault.find("work/Sam").interactions] == ["meetings/m.md"]
    assert vault.find("people/Sam").interactions == []
    # the same contact whichever way it is loaded
    full = {c.path: c for c in vault.contacts}
    assert full["people/Ana.md"].interactions == ana.interactions


# Wikilinks and resolution --------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, target", [("[[Ana]]", "Ana"), ("[[Ana|shown]]", "Ana"), ("[[people/Ana]]", "people/Ana"),
                                         ("[[Ana#Log]]", "Ana"), ("[[Ana.md]]", "Ana"), ("[[ Ana  |x]]", "Ana"),
                                         ("Ana", "Ana"), ("[[folder/Ana#h|x]]", "folder/Ana")])
def test_link_target(raw, target):
    assert link_target(raw) == target


def test_find_links():
    assert find_links("a [[One]] b [[Two|2]] [[#local]] [[]] [[Three#x]] [not] [[Four]]") == ["One", "Two", "Three", "Four"]


def test_resolution(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana Souza.md": "---\naliases: [Nana]\n---\n",
                             "people/work/bo.md": "---\nname: Bo Chen\n---\n",
                             "people/old/bo.md": "---\nname: Bo Old\n---\n"})
    vault = load_vault(v)
    for target in ("Ana Souza", "ana souza", "NANA", "[[Nana|x]]", "people/Ana Souza", "Ana Souza#Log"):
        assert [c.path for c in vault.resolve(target)] == ["people/Ana Souza.md"], target
    assert [c.path for c in vault.resolve("bo chen")] == ["people/work/bo.md"]
    assert [c.path for c in vault.resolve("work/bo")] == ["people/work/bo.md"]
    assert sorted(c.path for c in vault.resolve("bo")) == ["people/old/bo.md", "people/work/bo.md"]
    assert vault.resolve("nobody") == []
    # the same answers once every contact is loaded
    vault.contacts
    assert sorted(c.path for c in vault.resolve("bo")) == ["people/old/bo.md", "people/work/bo.md"]
    assert [c.path for c in vault.resolve("WORK/BO")] == ["people/work/bo.md"]


def test_names_match_whether_accents_are_composed_or_not(netfiles_make_vault):
    decomposed, composed = "Joa\u0303o Pereira", "Jo\u00e3o Pereira"  # as macOS may store a file name, as typed
    v = netfiles_make_vault({f"people/{decomposed}.md": "", "people/Ana.md": f'---\nknows: ["[[{composed.upper()}]]"]\n---\n',
                             "people/Bo.md": f"---\naliases: [{decomposed.split()[0]}]\n---\n"})
    assert check_diagnostics(v) == []
    vault = load_vault(v)
    assert [c.name for c in vault.resolve(composed)] == [decomposed]
    assert [c.path for c in vault.resolve("jo\u00e3o")] == ["people/Bo.md"]
    vault.contacts
    assert [c.name for c in vault.resolve(composed)] == [decomposed]


def test_knows_is_undirected(netfiles_make_vault):
    v = netfiles_make_vault({"people/A.md": '---\nknows: ["[[B]]", "[[C]]", "[[A]]", "[[Nobody]]"]\n---\n',
                             "people/B.md": '---\nknows: "[[A]]"\n---\n', "people/C.md": "", "people/D.md": '---\nknows: ["[[C]]"]\n---\n'})
    assert load_vault(v).ties() == {("people/A.md", "people/B.md"), ("people/A.md", "people/C.md"),
                                    ("people/C.md", "people/D.md")}


# Small helpers ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, days", [("7d", 7), ("2w", 14), ("3m", 90), ("1y", 365), ("weekly", 7),
                                        ("fortnightly", 14), ("monthly", 30), ("quarterly", 91), ("yearly", 365),
                                        ("never", NEVER), (" 2W ", 14), ("0d", None), ("2", None), ("-1d", None),
                                        ("1.5m", None), ("", None), ("daily", None)])
def test_parse_cadence(text, days):
    assert parse_cadence(text) == days


def test_parse_duration():
    assert parse_duration("0d") == 0 and parse_duration("2w") == 14 and parse_duration("never") is None


@pytest.mark.parametrize("text, value", [("2026-01-31", D(2026, 1, 31)), ("2024-02-29", D(2024, 2, 29)),
                                         ("2023-02-29", None), ("2026-1-31", None), ("26-01-31", None),
                                         ("2026-01-31T10:00", None), ("", None)])
def test_parse_iso_date(text, value):
    assert parse_iso_date(text) == value


@pytest.mark.parametrize("text, value", [("1988-03-02", (1988, 3, 2)), ("--03-02", (None, 3, 2)),
                                         ("--02-29", (None, 2, 29)), ("--02-30", None), ("--13-01", None),
                                         ("03-02", None)])
def test_parse_birthday(text, value):
    assert parse_birthday(text) == value


@pytest.mark.parametrize("url", ["https://www.linkedin.com/in/ana/", "HTTP://LinkedIn.com/in/Ana?x=1#y",
                                 "linkedin.com/in/ana", " www.linkedin.com/in/ana// "])
def test_normalize_linkedin(url):
    assert normalize_linkedin(url) == "linkedin.com/in/ana"


@pytest.mark.parametrize("name, stem", [("Ana Souza", "Ana Souza"), ("a/b\\c", "a b c"), ("..", "Unnamed"),
                                        ("nul.txt", "nul.txt (contact)"), ("x" * 300, "x" * 100),
                                        ("Tab\there", "Tab here"), ("#tag [[x]]", "tag x"), ("João", "João")])
def test_safe_filename(name, stem):
    assert safe_filename(name) == stem
