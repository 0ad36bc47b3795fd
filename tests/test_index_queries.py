"""Commands that ask the index's query tables (due, tiers, show) answer as if every contact were loaded.

The index keeps typed columns beside each file's record; `due` and tiers read
`ContactFacts` from them and `show` asks about one contact only. These tests
check that what a user sees follows the files as they change (a dated note
added, a contact renamed, a second contact taking the same name), and that the
columns say what the whole-vault `Vault.contacts` says.
"""
from __future__ import annotations

import datetime as _dt
import json
import marshal
import shutil

from hypothesis import given, settings
from hypothesis import strategies as st

from netfiles import load_vault
from netfiles.store.index import facts_blob
from netfiles.rules.strength import tie_strength
from netfiles.rules.tiers import contact_tiers
from netfiles.testing import run_cli, write_file

TODAY = "2026-06-01"


def _contact(name: str, extra: str = "", log: str = "") -> str:
    return f"---\nname: {name}\n{extra}---\n\n## Log\n{log}"


def _interaction_sources(vault, name: str) -> list[tuple[str, str, str]]:
    result = run_cli(vault, "show", name, "--format", "json")
    assert result.exit_code == 0, result.output
    return [(i["date"], i["kind"], i["source"]) for i in json.loads(result.output)["interactions"]]


def test_show_lists_a_dated_note_once_added_and_not_after_the_contact_is_renamed(netfiles_make_vault):
    vault = netfiles_make_vault({"people/Ana Souza.md": _contact("Ana Souza", log="- 2026-01-10 call: hello\n")})
    assert _interaction_sources(vault, "Ana Souza") == [("2026-01-10", "call", "people/Ana Souza.md")]

    write_file(vault, "notes/2026-03-02 lunch.md", "Lunch with [[Ana Souza]] and [[Nobody Known]].\n")
    assert _interaction_sources(vault, "Ana Souza") == [
        ("2026-03-02", "note", "notes/2026-03-02 lunch.md"), ("2026-01-10", "call", "people/Ana Souza.md")]

    (vault / "people/Ana Souza.md").unlink()
    write_file(vault, "people/Ana Lima.md", _contact("Ana Lima", log="- 2026-01-10 call: hello\n"))
    assert _interaction_sources(vault, "Ana Lima") == [("2026-01-10", "call", "people/Ana Lima.md")]


def test_a_note_stops_counting_when_a_second_contact_takes_the_name_it_links(netfiles_make_vault):
    vault = netfiles_make_vault({"people/Ana.md": _contact("Ana Souza"),
                     "notes/2026-03-02.md": "Met [[Ana Souza]].\n"})
    assert _interaction_sources(vault, "people/Ana") == [("2026-03-02", "note", "notes/2026-03-02.md")]
    write_file(vault, "people/work/Other.md", _contact("Other", "aliases: [Ana Souza]\n"))
    assert _interaction_sources(vault, "people/Ana") == []  # the link is ambiguous now
    (vault / "people/work/Other.md").unlink()
    assert _interaction_sources(vault, "people/Ana") == [("2026-03-02", "note", "notes/2026-03-02.md")]


def test_a_folder_link_in_a_note_counts_for_the_contact_in_that_folder(netfiles_make_vault):
    vault = netfiles_make_vault({"people/work/Ana.md": _contact("Ana Work"), "people/home/Ana.md": _contact("Ana Home"),
                     "notes/2026-03-02.md": "Met [[work/Ana]].\n", "notes/2026-03-05.md": "Call: [[PEOPLE/Work/ana]].\n"})
    assert _interaction_sources(vault, "Ana Work") == [("2026-03-05", "note", "notes/2026-03-05.md"),
                                                              ("2026-03-02", "note", "notes/2026-03-02.md")]
    assert _interaction_sources(vault, "Ana Home") == []


def _mixed_vault(netfiles_make_vault):
    """Contacts with every field the query columns hold, written in the ways users write them."""
    return netfiles_make_vault({
        "people/Ana Souza.md": _contact("Ana Souza", "cadence: 2w\ntags: [mentor, Friend]\nmet: 2024-05-01\n",
                                        "- 2026-05-31 call: after dinner\n- 2026-05-20 call: catch-up\n"
                                        "- 2026-04-01 coffee #gave\n- 2026-05-20 email: notes from the call\n"),
        "people/Bo.md": _contact("Bo Chen", "strength: 5\ntier: ' Inner '\nbirthday: --06-03\n"),
        "people/Cy.md": _contact("Cy Diaz", "strength: 9\ntier: best\nadded: 2025-01-02T10:00:00\n"),
        "people/Di.md": _contact("Di Evans", "cadence: never\nsnooze_until: 2026-07-01\ncreated: 2025-02-03\n",
                                 "- 2026-05-30 email: re: plans\n"),
        "people/Ed.md": _contact("Ed Fox", "aliases: [Eddie]\ncadence: 1m\n"),
        "notes/2026-05-31 dinner.md": "Dinner with [[Eddie]], [[Ana Souza|Ana]] and [[Ana Souza]].\n",
        "notes/2026-02-01.md": "---\ndate: 2026-01-15\n---\nCall with [[Bo Chen]] about [[people/Cy]].\n",
        "notes/2026-04-01.md": "Met [[Bo Chen]] again; [[Ghost]] too.\n",
        "notes/undated.md": "No date here, [[Ana Souza]] does not count.\n",
    })


def test_the_query_columns_say_what_the_loaded_contacts_say(netfiles_make_vault):
    vault = load_vault(_mixed_vault(netfiles_make_vault))
    facts = {f.path: f for f in vault.contact_facts()}
    contacts = vault.contacts
    assert sorted(facts) == [c.path for c in contacts]
    for contact in contacts:
        fact = facts[contact.path]
        assert fact.dates == contact.dates, contact.path
        assert (fact.name, list(fact.tags), fact.met, fact.birthday, fact.snooze_until, fact.cadence_days) == (
            contact.name, contact.tags, contact.met, contact.birthday, contact.snooze_until, contact.cadence_days)
        assert (fact.written_tier, fact.added) == (contact.written_tier, contact.added), contact.path
    assert facts["people/Bo.md"].dates == (_dt.date(2026, 4, 1), _dt.date(2026, 1, 15))
    assert facts["people/Bo.md"].written_tier == "inner" and facts["people/Cy.md"].written_tier is None
    today = _dt.date.fromisoformat(TODAY)
    assert [tie_strength(facts[c.path], today) for c in contacts] == [tie_strength(c, today) for c in contacts]
    assert tie_strength(facts["people/Bo.md"], today) == (5.0, "written")
    assert tie_strength(facts["people/Cy.md"], today).source == "inferred"  # `strength: 9` is none
    assert facts["people/Cy.md"].added == _dt.date(2025, 1, 2)
    assert facts["people/Ed.md"].dates == (_dt.date(2026, 5, 31),)
    # each contact day once, newest first: two log lines on one day, a log line and a note on another
    assert facts["people/Ana Souza.md"].dates == (_dt.date(2026, 5, 31), _dt.date(2026, 5, 20), _dt.date(2026, 4, 1))


def test_due_and_tiers_are_the_same_from_a_new_and_a_warm_index(netfiles_make_vault):
    root = _mixed_vault(netfiles_make_vault)
    first = run_cli(root, "due", "--today", TODAY, "--within", "30d", "--format", "json")
    assert first.exit_code == 0, first.output
    names = [(item["name"], item["kind"], item["due_date"]) for item in json.loads(first.output)["due"]]
    # Ana's last contact is the dinner note (31 May) + her 2w cadence; Ed counts from the same note, by his alias
    assert ("Ana Souza", "contact", "2026-06-14") in names and ("Ed Fox", "contact", "2026-06-30") in names
    assert ("Bo Chen", "birthday", "2026-06-03") in names
    assert not any(name == "Di Evans" for name, *_ in names)  # cadence: never
    warm = run_cli(root, "due", "--today", TODAY, "--within", "30d", "--format", "json")
    assert warm.output == first.output
    shutil.rmtree(root / ".netfiles" / "cache")
    assert run_cli(root, "due", "--today", TODAY, "--within", "30d", "--format", "json").output == first.output

    vault = load_vault(root)
    today = _dt.date.fromisoformat(TODAY)
    tiers = contact_tiers(vault, today)
    assert tiers["people/Bo.md"].name == "inner" and tiers["people/Bo.md"].source == "written"
    assert tiers["people/Ana Souza.md"].reason == "a written cadence"


def test_ls_from_the_index_columns_matches_ls_over_loaded_contacts(netfiles_make_vault):
    """`--where name` holds for everyone but makes `ls` load every contact: both ways must print the same."""
    root = _mixed_vault(netfiles_make_vault)
    for fmt in ("json", "csv", "table"):
        fast = run_cli(root, "ls", "--format", fmt, "--today", TODAY, "--sort", "last_contact")
        loaded = run_cli(root, "ls", "--format", fmt, "--today", TODAY, "--sort", "last_contact", "--where", "name")
        assert fast.exit_code == 0 and fast.output == loaded.output, fmt
    rows = json.loads(run_cli(root, "ls", "--format", "json", "--today", TODAY).output)["contacts"]
    ana = next(row for row in rows if row["name"] == "Ana Souza")
    assert (ana["tags"], ana["last_contact"], ana["tier"]) == (["mentor", "Friend"], "2026-05-31", "core")


_VALUES = st.one_of(st.text(), st.integers(), st.none(), st.booleans(), st.floats(allow_nan=False))


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(min_size=1), st.lists(_VALUES, max_size=5).map(tuple), _VALUES, st.lists(st.text(), max_size=5).map(tuple))
def test_a_contacts_facts_read_back_as_written(path, tags, value, days):
    """The values stored with each contact (any YAML scalar a file may hold) come back equal and of the same type."""
    facts = ("Name", tags, value, value, None, 30, 5, "inner", "2026-01-02", value, "Role", None, None, "BR", tags, days)
    read = marshal.loads(facts_blob(path, facts))
    assert read == (path, *facts) and [type(v) for v in read] == [type(v) for v in (path, *facts)]


def test_a_damaged_facts_row_makes_the_cache_again(netfiles_make_vault):
    vault = load_vault(_mixed_vault(netfiles_make_vault))
    expected = vault.contact_facts()
    with vault.index.db:
        vault.index.db.execute("UPDATE contacts SET facts=x'00ff' WHERE path='people/Bo.md'")
    vault.forget()
    assert vault.contact_facts() == expected
