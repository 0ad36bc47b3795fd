"""The public identity and merge engine (netfiles.merge_people and friends), used as a plugin author would."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

import netfiles


def test_names_fold_case_accents_punctuation_and_spaces():
    assert netfiles.name_key("  José   ÁLVAREZ ") == netfiles.name_key("jose alvarez")
    assert netfiles.name_key("Søren O'Brien") == netfiles.name_key("Soren OBrien")
    assert netfiles.name_key("Łukasz Yılmaz") == "lukasz yilmaz"
    assert netfiles.name_key("Ana Souza") != netfiles.name_key("Ana Sousa")


def test_nicknames_are_variants_of_the_first_name_only():
    assert "christopher lee" in netfiles.nickname_variants("Chris Lee")
    assert "chris lee" in netfiles.nickname_variants("Christopher Lee")
    assert netfiles.nickname_variants("Chris") == set()
    assert netfiles.nickname_variants("Ana Souza") == set()


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_name_key_is_idempotent(text):
    key = netfiles.name_key(text)
    assert netfiles.name_key(key) == key


@settings(derandomize=True, max_examples=100, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéáøñ -'", max_size=30))
def test_name_key_ignores_case_and_spacing(text):
    assert netfiles.name_key(text.upper()) == netfiles.name_key(text)
    assert netfiles.name_key("  " + text.replace(" ", "   ") + " ") == netfiles.name_key(text)


def _item(name, emails=(), **kw):
    record = netfiles.ContactRecord(name=name, emails=list(emails), interactions=kw.pop("interactions", []))
    return netfiles.Incoming(record, {"emails": list(emails)}, **kw)


def test_merge_people_by_email_then_name_and_a_nickname_is_only_a_question(netfiles_vault):
    netfiles_vault.add_contact("Christopher Lee", emails=["chris@acme.example"])
    netfiles_vault.add_contact("José Álvarez")
    vault = netfiles_vault.load()
    day = dt.date(2026, 3, 4)
    items = [
        _item("C. Lee", ["CHRIS@acme.example"], key="a",
              interactions=[netfiles.InteractionRecord(day, "meeting", with_keys=("b",), participants=3)]),
        _item("Jose Alvarez", ["jose@x.example"], key="b",
              interactions=[netfiles.InteractionRecord(day, "meeting", with_keys=("a",), participants=3)]),
        _item("Chris Lee", ["kit@home.example"], key="c"),
        _item("Nobody Known", ["n@x.example"], key="d", create=False, why_not_created="not a contact"),
    ]
    report = netfiles.merge_people(vault, items, source="a test", dry_run=False)
    assert report.updated == ["people/Christopher Lee.md", "people/José Álvarez.md"]
    assert report.created == []
    assert report.skipped == ["Nobody Known: not a contact"]
    assert len(report.uncertain) == 1 and report.uncertain[0].startswith("Chris Lee (kit@home.example) may be "
                                                                         "Christopher Lee")
    lee = (netfiles_vault.path / "people/Christopher Lee.md").read_text(encoding="utf-8")
    assert "- 2026-03-04 meeting: with [[José Álvarez]]" in lee and "kit@home.example" not in lee
    jose = (netfiles_vault.path / "people/José Álvarez.md").read_text(encoding="utf-8")
    assert "jose@x.example" in jose and "- 2026-03-04 meeting: with [[Christopher Lee]]" in jose
    again = netfiles.merge_people(netfiles_vault.load(), items, source="a test")
    assert again.updated == [] and again.created == []


def test_the_owner_is_recognised_by_email_url_or_name(netfiles_vault):
    netfiles_vault.config(me={"name": "Sam Owner", "emails": ["Sam@Owner.example"],
                              "linkedin": "https://www.linkedin.com/in/sam-owner/"})
    owner = netfiles.Owner(netfiles_vault.load())
    assert owner.has_email("sam@owner.example")
    assert owner.is_me(netfiles.ContactRecord(name="S. O.", linkedin="linkedin.com/in/Sam-Owner"))
    assert owner.is_me(netfiles.ContactRecord(name="Sam  Owner"))
    assert not owner.is_me(netfiles.ContactRecord(name="Sam Owner"), by_name=False)
