"""The multi-source footprint (benchmarks/footprint.py, small scale): one person in four sources is one
contact, the owner is never a contact, and importing everything twice changes nothing the second time."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml
from import_helpers import snapshot

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("footprint", ROOT / "benchmarks" / "footprint.py")
footprint = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(footprint)

IMPORTS = [
    ("linkedin", "linkedin"),
    ("google-contacts", "contacts.csv"),
    ("calendar", "calendar.ics", "--today", "2026-11-21"),
    ("mail", "Sent.mbox", "--today", "2026-11-21"),
]


def contacts(vault: Path) -> dict[str, dict]:
    found = {}
    for path in (vault / "people").glob("*.md"):
        found[path.name] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return found


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    from click.testing import CliRunner

    import netfiles

    out = tmp_path_factory.mktemp("footprint")
    truth = footprint.write_footprint(out, people=120, seed=3)
    vault = out / "vault"
    runner = CliRunner()
    cli = netfiles.create_cli()
    results = []
    for command, path, *rest in IMPORTS:
        result = runner.invoke(cli, ["--vault", str(vault), "import", command, str(out / path), *rest])
        assert result.exit_code == 0, result.output
        results.append(result)
    return out, vault, truth, runner, cli


def test_the_footprint_has_the_people_and_sources_it_promises(imported):
    out, _vault, truth, _runner, _cli = imported
    assert len(truth["people"]) == 120 and len(truth["close"]) == 30
    assert json.loads((out / "truth.json").read_text(encoding="utf-8"))["knows"] == truth["knows"]
    everywhere = [p for p in truth["people"] if len(p["sources"]) == 4]
    assert len(everywhere) >= 10


def test_one_person_in_four_sources_is_one_contact(imported):
    _out, vault, truth, _runner, _cli = imported
    files = contacts(vault)
    for person in (p for p in truth["people"] if len(p["sources"]) == 4):
        mine = [name for name, fm in files.items()
                if fm.get("linkedin") == person["linkedin"]
                or {person["work"], person["personal"]} & set(fm.get("emails") or [])]
        assert len(mine) == 1, (person["name"], mine)
        fm = files[mine[0]]
        assert fm["linkedin"] == person["linkedin"]
        assert {person["work"], person["personal"]} <= set(fm["emails"])  # Google gave both addresses
        log = (vault / "people" / mine[0]).read_text(encoding="utf-8").split("## Log", 1)[1]
        assert " email" in log and (" meeting" in log or " call" in log)  # mail and calendar evidence
        assert "linkedin" in fm["tags"]  # made from the LinkedIn connection


def test_the_owner_is_never_a_contact(imported):
    _out, vault, truth, _runner, _cli = imported
    owner = truth["owner"]
    for fm in contacts(vault).values():
        assert fm.get("name") != owner["name"]
        assert not set(owner["emails"]) & set(fm.get("emails") or [])


def test_reimporting_everything_changes_nothing(imported):
    out, vault, _truth, runner, cli = imported
    before = snapshot(vault)
    for command, path, *rest in IMPORTS:
        result = runner.invoke(cli, ["--vault", str(vault), "import", command, str(out / path), *rest])
        assert result.exit_code == 0, result.output
        assert "0 created, 0 updated" in result.output
    assert snapshot(vault) == before


def test_the_generator_is_deterministic(tmp_path):
    a = footprint.write_footprint(tmp_path / "a", people=40, seed=5)
    b = footprint.write_footprint(tmp_path / "b", people=40, seed=5)
    assert a == b
    for name in ("Sent.mbox", "calendar.ics", "contacts.csv", "linkedin/messages.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
