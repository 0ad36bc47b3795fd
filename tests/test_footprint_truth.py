"""Issue 12, "done when": on a footprint with a known truth, what netfiles infers after importing it.

benchmarks/footprint.py writes four years of one person's LinkedIn export, calendar, sent mail
and address book, with the truth: the closest people (by how often they were in touch), who
knows whom (the same team), who went dormant. After importing all four sources, as a user
would, the inferred tie strengths, inferred ties, due list and dormant list are compared with
that truth. The figures are printed (pytest -s) for the closing note and docs/benchmarks.md.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import netfiles

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-21"
_spec = importlib.util.spec_from_file_location("footprint", ROOT / "benchmarks" / "footprint.py")
footprint = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(footprint)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    out = tmp_path_factory.mktemp("truth")
    truth = footprint.write_footprint(out, people=300, seed=11)
    vault_dir = out / "vault"
    cli, runner = netfiles.create_cli(), CliRunner()
    for command, source in (("linkedin", "linkedin"), ("google-contacts", "contacts.csv"),
                            ("calendar", "calendar.ics"), ("mail", "Sent.mbox")):
        extra = ["--today", TODAY] if command in ("calendar", "mail") else []
        result = runner.invoke(cli, ["--vault", str(vault_dir), "import", command, str(out / source), *extra])
        assert result.exit_code == 0, result.output
    vault = netfiles.load_vault(vault_dir)
    person_of = {}  # contact path -> truth person id, by LinkedIn URL or either address
    for person in truth["people"]:
        for contact in vault.contacts:
            if contact.linkedin == netfiles.normalize_linkedin(person["linkedin"] or "") or \
                    {person["work"], person["personal"]} & {e.lower() for e in contact.emails}:
                person_of[contact.path] = person["id"]
    return truth, vault, person_of, cli, runner


def test_the_strength_ranking_recovers_most_of_the_closest(world):
    truth, vault, person_of, _cli, _runner = world
    import datetime as dt

    today = dt.date.fromisoformat(TODAY)
    close = set(truth["close"])
    ranked = sorted(vault.contacts, key=lambda c: -netfiles.tie_strength(c, today).value)
    top = {person_of.get(c.path) for c in ranked[:len(close)]}
    recovered = len(top & close) / len(close)
    print(f"\nstrength ranking: {len(top & close)} of the true {len(close)} closest in the top {len(close)} "
          f"({recovered:.0%})")
    assert recovered >= 0.7


def test_inferred_ties_are_mostly_true_ties(world):
    truth, vault, person_of, _cli, _runner = world
    true = {frozenset(pair) for pair in truth["knows"]}
    inferred = [t for t in netfiles.find_ties(vault) if t.status == "inferred"]
    pairs = [frozenset((person_of.get(t.a.path), person_of.get(t.b.path))) for t in inferred]
    correct = sum(pair in true for pair in pairs)
    precision = correct / len(pairs)
    print(f"\ninferred ties: {len(pairs)}, of which {correct} true ({precision:.0%}); "
          f"{len(true)} true ties in all")
    assert len(pairs) >= 20 and precision >= 0.8


def test_due_is_human_sized(world):
    _truth, vault, _person_of, cli, runner = world
    result = runner.invoke(cli, ["--vault", str(vault.root), "due", "--today", TODAY, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    print(f"\ndue: {len(data['due'])} listed, {data['left_out']} left out ({data['left_out_reason']}); "
          f"{len(vault.contacts)} contacts")
    assert 0 < len(data["due"]) <= 20
    assert all(item["overdue_days"] < 3 * 365 for item in data["due"])  # never "8187 days overdue"


def test_the_dormant_strong_ties_are_found(world):
    truth, vault, person_of, cli, runner = world
    result = runner.invoke(cli, ["--vault", str(vault.root), "dormant", "--today", TODAY, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = {person_of.get(item["path"]) for item in json.loads(result.stdout)["dormant"]}
    dormant = {d for d in truth["dormant"] if d in set(person_of.values())}
    recall = len(found & dormant) / len(dormant)
    wrong = len(found - dormant)
    print(f"\ndormant: {len(found & dormant)} of {len(dormant)} dormant contacts found ({recall:.0%}), "
          f"{wrong} others listed")
    assert len(dormant) >= 5 and recall >= 0.7 and wrong <= len(found) // 3

