"""Contacts built for whole-vault work share equal texts and dates (less memory) without changing any value."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

import netfiles
from netfiles.model.contact import Contact
from netfiles.testing import make_vault, run_cli

ANA = """\
---
name: Ana Souza
organization: Acme Bank
tags: [mentor, finance]
met: 2021-03-04
pronouns: "she/her"
languages:
  - Portuguese
  - English
desk: 42
links: {site: "https://ana.example.org"}
---
## Log
- 2026-10-01 coffee: talked about risk #gave
- 2026-09-02 call: quarterly check-in
"""

BO = """\
---
name: Bo Chen
organization: Acme Bank
tags: [mentor, finance]
pronouns: "he/him"
languages: [English]
knows: ["[[Ana Souza]]"]
---
## Log
- 2026-10-01 coffee: lunch with Ana
"""

NOTE = """\
---
date: 2026-10-05
---
Met [[Ana Souza]] and [[Bo Chen]] at the bank's offsite.
"""


def _vault(tmp_path):
    return make_vault(tmp_path / "v", {"people/Ana Souza.md": ANA, "people/Bo Chen.md": BO,
                                       "daily/2026-10-05.md": NOTE})


def test_front_matter_is_the_files_fields_as_written(tmp_path):
    vault = netfiles.load_vault(_vault(tmp_path))
    ana = next(c for c in vault.contacts if c.name == "Ana Souza")
    assert ana.front_matter == {"name": "Ana Souza", "organization": "Acme Bank", "tags": ["mentor", "finance"],
                                "met": "2021-03-04", "pronouns": "she/her",
                                "languages": ["Portuguese", "English"], "desk": 42,
                                "links": {"site": "https://ana.example.org"}}
    assert ana.attribute("pronouns") == "she/her" and ana.attribute("desk") == 42
    assert ana.met == dt.date(2021, 3, 4)
    assert [(i.date, i.kind, i.text) for i in ana.interactions] == [
        (dt.date(2026, 10, 5), "note", "2026-10-05"),
        (dt.date(2026, 10, 1), "coffee", "talked about risk #gave"),
        (dt.date(2026, 9, 2), "call", "quarterly check-in")]


def test_changing_one_contacts_lists_leaves_the_others_alone(tmp_path):
    """Equal values are shared between contacts, but lists and dicts stay each contact's own."""
    vault = netfiles.load_vault(_vault(tmp_path))
    ana, bo = vault.contacts
    ana.tags.append("investor")
    ana.front_matter["tags"].append("investor")
    ana.front_matter["languages"].clear()
    assert bo.tags == ["mentor", "finance"]
    assert bo.front_matter["tags"] == ["mentor", "finance"]
    assert bo.front_matter["languages"] == ["English"]
    assert ana.organization is bo.organization  # one text for both: what saves the memory


def test_shared_contacts_equal_contacts_built_alone(tmp_path):
    """Every field of every contact is what `Contact.from_record` gives without sharing anything."""
    vault = netfiles.load_vault(_vault(tmp_path))
    for contact in vault.contacts:
        alone = Contact.from_record(contact.path, vault.index.record(contact.path), vault.config.channel_of)
        shared = dataclasses.asdict(contact)
        by_itself = dataclasses.asdict(alone)
        interactions = shared.pop("interactions")
        assert by_itself.pop("interactions") == [i for i in interactions if i["kind"] != "note"]
        assert shared == by_itself
        assert [i["source"] for i in interactions if i["kind"] == "note"] == ["daily/2026-10-05.md"]


def test_commands_reading_every_contact_show_custom_fields(tmp_path):
    root = _vault(tmp_path)
    shown = run_cli(root, "ls", "--where", "pronouns=he/him", "--format", "json", "--today", "2026-11-01")
    assert shown.exit_code == 0, shown.output
    assert [row["name"] for row in json.loads(shown.output)["contacts"]] == ["Bo Chen"]
    listed = run_cli(root, "ls", "--where", "organization=Acme Bank", "--format", "csv", "--today", "2026-11-01")
    assert listed.exit_code == 0 and "Ana Souza" in listed.output and "Bo Chen" in listed.output


def test_each_contact_gives_what_contacts_holds(tmp_path):
    """The one-at-a-time pass of a whole-vault check sees the same contacts, in the same order, as `contacts`."""
    root = _vault(tmp_path)
    one_by_one = [dataclasses.asdict(c) for c in netfiles.load_vault(root).each_contact()]
    assert one_by_one == [dataclasses.asdict(c) for c in netfiles.load_vault(root).contacts]
    assert [c["name"] for c in one_by_one] == ["Ana Souza", "Bo Chen"]


class PronounRule:
    """A plugin rule on a custom field, as a user would write one."""

    @netfiles.hookimpl
    def netfiles_check_contact(self, contact):
        if "pronouns" in contact.front_matter and contact.front_matter["pronouns"] != "she/her":
            return [netfiles.Diagnostic(contact.path, 1, 1, "XP001", netfiles.WARNING,
                                        f"pronouns {contact.front_matter['pronouns']}")]
        return None


def test_whole_vault_check_hands_plugins_each_contacts_front_matter(netfiles_vault, netfiles_pm, netfiles_cli):
    netfiles_vault.write("people/Ana Souza.md", ANA)
    netfiles_vault.write("people/Bo Chen.md", BO)
    netfiles_pm.register(PronounRule())
    result = netfiles_cli("check", "--format", "json")
    found = [(d["path"], d["message"]) for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "XP001"]
    assert found == [("people/Bo Chen.md", "pronouns he/him")]


def test_contact_fields_are_the_facts_fields(tmp_path):
    """A pass over two fields of every contact gives what `contact_facts()` says of each, without building them."""
    root = _vault(tmp_path)
    (root / "people" / "Cy Dee.md").write_text("---\nname: Cy Dee\ncadence: never\ntier: Core\nstrength: 9\n---\n")
    vault = netfiles.load_vault(root)
    names = ("path", "cadence_days", "written_tier", "strength", "organization")
    assert vault.contact_fields(*names) == [tuple(getattr(f, n) for n in names) for f in vault.contact_facts()]
    assert vault.contact_fields("name", "written_tier", "cadence_days") == [
        ("Ana Souza", None, None), ("Bo Chen", None, None), ("Cy Dee", "core", 0)]
    with pytest.raises(ValueError, match="emails"):
        vault.contact_fields("name", "emails")
