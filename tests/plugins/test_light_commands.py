"""`suggest`, `ties` and `intro` read the index's columns, or one contact at a time, instead of every contact
in full (the memory of a 100,000-contact vault): on any vault they say what they said over every loaded contact.

Each property test writes a small random vault (logs naming each other, dated notes, `knows` links,
cadences, snoozes, written strengths, groups) and compares a command's answer with the same rule
run over full `Contact`s.
"""
from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netfiles import find_ties, load_vault
from netfiles.cli.output import print_json, print_json_list
from netfiles.store.vault import Vault
from netfiles.testing import VaultBuilder, run_cli
from netfiles_health import intro
from netfiles_health.network import build_network
from netfiles_health.settings import settings_of
from netfiles_reminders.suggest import suggest

TODAY = dt.date(2026, 11, 21)
NAMES = ("Ana Souza", "Bo Chen", "Carla Diaz", "Dan Eze", "Eva Berg", "Femi Ade", "Gus Lind", "Hana Mori")
KINDS = ("coffee", "call", "email", "meeting")
_day = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2027, 3, 1))


class WholeContacts(Vault):
    """The vault as the commands read it before: full `Contact`s wherever they now read the index's columns
    (a `Contact` has every attribute of `ContactFacts`)."""

    def contact_facts(self):
        return self.contacts

    def contact_fields(self, *names):
        return [tuple(getattr(c, name) for name in names) for c in self.contacts]


@st.composite
def vaults(draw) -> Path:
    """A vault of up to eight contacts who log meetings with each other, with dated notes linking them."""
    root = Path(tempfile.mkdtemp(prefix="light-"))
    vault = VaultBuilder(root / "v")
    names = NAMES[:draw(st.integers(2, len(NAMES)))]
    for name in names:
        others = [n for n in names if n != name]
        log = []
        for day in draw(st.one_of(st.just([]), st.lists(_day, max_size=6))):  # silent contacts too
            met_with = draw(st.lists(st.sampled_from(others), max_size=3, unique=True))
            text = ("with " + ", ".join(f"[[{n}]]" for n in met_with)) if met_with else "caught up"
            log.append(f"{day.isoformat()} {draw(st.sampled_from(KINDS))}: {text}")
        fields: dict = {}
        optional = {
            "met": _day, "how_met": st.sampled_from(["PyCon  hallway", "a friend's   dinner"]),
            "cadence": st.sampled_from(["2w", "1m", "quarterly", "never"]), "strength": st.integers(1, 5),
            "snooze_until": _day, "industry": st.sampled_from(["finance", "Finance", "health"]),
            "function": st.sampled_from(["data", "sales"]), "sector": st.sampled_from(["public", "private"]),
            "tags": st.lists(st.sampled_from(["mentor", "alumni", "investor"]), min_size=1, max_size=2, unique=True),
            "organization": st.sampled_from(["Acme Bank", "Globex"]),
            "knows": st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True),
        }
        for key, values in optional.items():
            if draw(st.booleans()):
                fields[key] = draw(values)
        vault.add_contact(name, log=log, **fields)
    for number, day in enumerate(draw(st.lists(_day, max_size=4))):
        linked = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
        vault.add_note(f"daily/{day.isoformat()} {number}.md", "notes", date=day.isoformat(), links=linked)
    group_by = draw(st.sampled_from(["industry", "tags", "function", "sector", "organization"]))
    health = {"attributes": ["sector"]} if draw(st.booleans()) else {}
    vault.config(reminders={"group_by": group_by}, me={"name": "Sam Owner", "industry": "finance"}, health=health)
    return vault.path


@settings(derandomize=True, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vaults(), st.sampled_from([TODAY, dt.date(2025, 6, 1)]), st.integers(1, 6))
def test_suggest_from_the_index_columns_is_suggest_over_every_contact(root, today, n):
    light = suggest(load_vault(root), today, n)
    whole = WholeContacts(root)
    assert light == suggest(whole, today, n)
    assert "contacts" in whole._derived  # the reference did read every contact in full


def _ties(found) -> list[tuple]:
    return [(t.a.path, t.a.name, t.b.path, t.b.name, t.status, t.evidence) for t in found]


@settings(derandomize=True, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vaults(), st.sampled_from([None, 1, 3]))
def test_ties_read_one_contact_at_a_time_are_the_ties_over_every_contact(root, min_evidence):
    """`netfiles ties` names each tie's contacts without holding them: the same ties, evidence and order."""
    whole = find_ties(load_vault(root), min_evidence=min_evidence)
    light = load_vault(root)
    assert _ties(find_ties(light, min_evidence=min_evidence, names_only=True)) == _ties(whole)
    assert "contacts" not in light._derived and not light._loaded  # no contact kept, none read for being named
    assert {t.paths for t in whole if t.written} == load_vault(root).ties()
    args = ["ties", "--all", "--format", "json"] + (["--min", str(min_evidence)] if min_evidence else [])
    printed = json.loads(run_cli(root, *args).stdout)
    assert printed["ties"] == [t.to_dict() for t in whole]
    assert (printed["written"], printed["inferred"]) == (sum(t.written for t in whole),
                                                         sum(not t.written for t in whole))


def test_a_json_list_printed_as_made_is_the_whole_json(capsys):
    head = {"min_evidence": 2, "reason": "a \"quoted\" text", "none": None, "nested": {"a": [1, 2.5]}}
    rows = [{"a": {"name": "Zoë", "path": "people/z.md"}, "evidence": []}] * 3
    for items in (rows, []):
        print_json({**head, "ties": items})
        whole = capsys.readouterr().out
        print_json_list("ties", iter(items), head=head)
        assert capsys.readouterr().out == whole


def _introducers(vault, target: str, count: int):
    try:
        return intro.find_introducers(vault, target, count, TODAY, settings_of(vault)[0])
    except intro.IntroError as exc:
        return str(exc)


@settings(derandomize=True, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vaults(), st.sampled_from([*NAMES[:3], "tag:mentor", "#alumni", "investor", "Acme Bank", "industry=finance",
                                  "Function = data", "sector=public", "education=LSE", "Nobody Here"]),
       st.integers(1, 4))
def test_intro_over_gathered_fields_is_intro_over_every_contact(root, target, count):
    """`intro` keeps a few fields of each contact (`IntroContact`): the same introducers, paths and messages."""
    light = _introducers(load_vault(root), target, count)
    with pytest.MonkeyPatch.context() as patch:  # the network of every contact in full, as `health` builds it
        patch.setattr(intro, "intro_network", lambda vault, today, settings_, _target:
                      build_network(vault, today, settings_))
        assert light == _introducers(load_vault(root), target, count)
