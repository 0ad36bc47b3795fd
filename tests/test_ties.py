"""Ties inferred from shared interactions (issue 12, section 2): evidence, dedupe, thresholds, --accept."""
from __future__ import annotations

import datetime as _dt
import json
import subprocess

import pytest

import netfiles
from netfiles.store.vault import load_vault
from netfiles.testing import check_diagnostics, run_cli, write_file


def contact(name: str, *log: str, fm: str = "", role: str | None = None, org: str | None = None) -> str:
    lines = ["---", f"name: {name}"]
    if role:
        lines.append(f"role: {role}")
    if org:
        lines.append(f"organization: {org}")
    if fm:
        lines.append(fm)
    lines += ["---", f"# {name}", "", "## Log", *log, ""]
    return "\n".join(lines)


@pytest.fixture
def team(netfiles_make_vault):
    """Ana's and Bo's logs both record the March offsite with Carla; Ana and Bo also had a call; a dated
    note links Carla and Dan; a big all-hands is written as `with 12 others`; Ed `knows` Fay (written)."""
    return netfiles_make_vault({
        "people/Ana Souza.md": contact(
            "Ana Souza",
            "- 2026-04-01 call: with [[Bo Chen]] about the migration",
            "- 2026-03-04 meeting: with [[Bo Chen]], [[Carla Diaz]]",
            "- 2026-02-10 meeting: all-hands with [[Dan Eze]], [[Bo Chen]] and 12 others",
            "- 2026-01-05 coffee: just the two of us"),
        "people/Bo Chen.md": contact(
            "Bo Chen",
            "- 2026-03-04 meeting: with [[Ana Souza]], [[Carla Diaz|Carla]]"),
        "people/Carla Diaz.md": contact("Carla Diaz", "- 2025-12-01 email: follow-up"),
        "people/Dan Eze.md": contact("Dan Eze"),
        "people/Ed Park.md": contact("Ed Park", fm='knows: ["[[Fay Lin]]"]'),
        "people/Fay Lin.md": contact("Fay Lin"),
        "notes/2026-05-02 dinner.md": "Dinner with [[Carla Diaz]] and [[Dan Eze]].\n",
        "notes/standup.md": "---\ndate: 2026-03-04\n---\nStandup: [[Ana Souza]], [[Bo Chen]].\n",
    })


def pairs(ties) -> dict:
    return {tuple(sorted((t.a.name, t.b.name))): t for t in ties}


def test_the_same_meeting_in_both_logs_is_one_piece_of_evidence(team):
    evidence = netfiles.tie_evidence(load_vault(team))
    offsite = evidence[("people/Bo Chen.md", "people/Carla Diaz.md")]
    assert [(e.date, e.kind) for e in offsite] == [(_dt.date(2026, 3, 4), "meeting")]
    # Carla was in Ana's and Bo's account of it: both files are cited for Bo and Carla
    assert {p for p, _ in offsite[0].sources} == {"people/Ana Souza.md", "people/Bo Chen.md"}
    ana_bo = evidence[("people/Ana Souza.md", "people/Bo Chen.md")]
    # the offsite (both logs, and the standup note of the same day: one occasion) and the April call
    assert [(e.date.isoformat(), e.kind) for e in ana_bo] == [("2026-04-01", "call"), ("2026-03-04", "meeting")]
    assert {p for p, _ in ana_bo[1].sources} == {"people/Ana Souza.md", "people/Bo Chen.md", "notes/standup.md"}


def test_a_pair_reaching_min_evidence_is_an_inferred_tie_and_knows_is_written(team):
    found = pairs(netfiles.find_ties(load_vault(team)))
    assert set(found) == {("Ana Souza", "Bo Chen"), ("Ed Park", "Fay Lin")}
    assert found[("Ana Souza", "Bo Chen")].status == "inferred"
    assert found[("Ana Souza", "Bo Chen")].count == 2
    assert found[("Ed Park", "Fay Lin")].status == "written"
    assert found[("Ed Park", "Fay Lin")].count == 0


def test_groups_larger_than_max_group_give_no_evidence(team):
    evidence = netfiles.tie_evidence(load_vault(team))
    # the all-hands (Ana, Dan, Bo and 12 others) is too large to say that Ana and Dan know each other
    assert ("people/Ana Souza.md", "people/Dan Eze.md") not in evidence
    write_file(team, "notes/2026-06-01 conference.md",
               "".join(f"[[{n}]] " for n in ("Ana Souza", "Bo Chen", "Carla Diaz", "Dan Eze", "Ed Park", "Fay Lin")))
    write_file(team, ".netfiles/config.toml", "[ties]\nmax_group = 5\n")
    vault = load_vault(team)
    assert all(e.date != _dt.date(2026, 6, 1) for items in netfiles.tie_evidence(vault).values() for e in items)
    write_file(team, ".netfiles/config.toml", "[ties]\nmax_group = 6\n")
    vault = load_vault(team)
    assert _dt.date(2026, 6, 1) in {e.date for e in netfiles.tie_evidence(vault)[("people/Ed Park.md", "people/Fay Lin.md")]}


def test_dated_notes_are_evidence_and_the_threshold_comes_from_config(team):
    vault = load_vault(team)
    carla_dan = netfiles.tie_evidence(vault)[("people/Carla Diaz.md", "people/Dan Eze.md")]
    assert [(e.kind, e.origin, e.sources) for e in carla_dan] == [("note", "note", (("notes/2026-05-02 dinner.md", 0),))]
    assert ("Carla Diaz", "Dan Eze") not in pairs(netfiles.find_ties(vault))
    assert ("Carla Diaz", "Dan Eze") in pairs(netfiles.find_ties(vault, min_evidence=1))
    write_file(team, ".netfiles/config.toml", "[ties]\nmin_evidence = 1\n")
    found = pairs(netfiles.find_ties(load_vault(team)))
    assert {("Carla Diaz", "Dan Eze"), ("Ana Souza", "Carla Diaz"), ("Bo Chen", "Carla Diaz")} <= set(found)
    assert ("Ana Souza", "Dan Eze") not in found  # the all-hands still counts for nothing


def test_vault_ties_can_include_inferred_ones(team):
    vault = load_vault(team)
    assert vault.ties() == {("people/Ed Park.md", "people/Fay Lin.md")}
    assert vault.ties(include_inferred=True) == {("people/Ed Park.md", "people/Fay Lin.md"),
                                                 ("people/Ana Souza.md", "people/Bo Chen.md")}


def test_ties_command_lists_written_and_inferred_with_their_evidence(team):
    result = run_cli(team, "ties")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("2 ties: 1 written, 1 inferred")
    assert "Ana Souza — Bo Chen  inferred  evidence 2 (2 log, 0 note): 2026-04-01 call, 2026-03-04 meeting" in lines
    assert "Ed Park — Fay Lin  written  no evidence in logs or notes" in lines
    only = run_cli(team, "ties", "--inferred").output
    assert "Ana Souza — Bo Chen" in only and "Fay Lin" not in only
    carla = run_cli(team, "ties", "carla diaz", "--min", "1").output
    assert "3 ties: 0 written, 3 inferred" in carla and "Fay Lin" not in carla


def test_ties_json_names_status_sources_and_dates(team):
    data = json.loads(run_cli(team, "ties", "--format", "json").output)
    assert (data["min_evidence"], data["max_group"], data["written"], data["inferred"]) == (2, 8, 1, 1)
    tie = next(t for t in data["ties"] if t["status"] == "inferred")
    assert (tie["a"]["name"], tie["b"]["name"], tie["evidence_count"]) == ("Ana Souza", "Bo Chen", 2)
    call = tie["evidence"][0]
    assert call == {"date": "2026-04-01", "kind": "call", "origin": "log",
                    "sources": [{"path": "people/Ana Souza.md", "line": 7}]}


def test_long_lists_end_with_and_n_more(team):
    result = run_cli(team, "ties", "--min", "1", "--limit", "2")
    assert "and 3 more ties (--all shows every one)" in result.output
    assert "more ties" not in run_cli(team, "ties", "--min", "1", "--all").output


def _git(root, *args):
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


@pytest.mark.git
def test_accept_writes_exactly_one_knows_line_and_check_stays_clean(team):
    _git(team, "init", "-q")
    (team / ".gitignore").write_text(".netfiles/cache/\n")
    _git(team, "add", ".")
    _git(team, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    result = run_cli(team, "ties", "--accept", "ana souza", "bo chen")
    assert result.exit_code == 0, result.output
    diff = _git(team, "diff", "-U0").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["+knows:", '+  - "[[Bo Chen]]"']  # a file with no list to follow: Obsidian's block list
    assert check_diagnostics(team) == []
    assert "Ana Souza — Bo Chen  written" in run_cli(team, "ties").output
    again = run_cli(team, "ties", "--accept", "Bo Chen", "Ana Souza")
    assert "already know each other (written)" in again.output
    assert _git(team, "diff", "--stat").count("|") == 1


def test_accept_all_dry_run_writes_nothing_then_writes_one_line_per_tie(team):
    before = {p: p.read_bytes() for p in (team / "people").iterdir()}
    dry = run_cli(team, "ties", "--accept-all", "--min", "1", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would write 4 knows lines (dry run: nothing written)" in dry.output
    assert {p: p.read_bytes() for p in (team / "people").iterdir()} == before
    done = run_cli(team, "ties", "--accept-all", "--min", "1")
    assert "wrote 4 knows lines" in done.output
    assert check_diagnostics(team) == []
    data = json.loads(run_cli(team, "ties", "--min", "1", "--format", "json").output)
    assert (data["written"], data["inferred"]) == (5, 0)
    ana = (team / "people/Ana Souza.md").read_text()
    assert 'knows:\n  - "[[Bo Chen]]"\n  - "[[Carla Diaz]]"\n' in ana  # two ties of Ana's: one list, not two keys


def test_accept_all_skips_a_file_it_cannot_edit_and_says_so(team):
    bo = team / "people/Bo Chen.md"
    bo.write_text(bo.read_text().replace("name: Bo Chen", 'name: Bo Chen\nknows: ["[[Ed Park]]",\n  "[[Fay Lin]]"]'))
    result = run_cli(team, "ties", "--accept-all", "--min", "1")
    assert result.exit_code == 1
    assert "skipped Bo Chen — Carla Diaz: " in result.stderr and "add [[Carla Diaz]] by hand" in result.stderr
    assert "wrote 3 knows lines; 1 skipped (see above)" in result.stdout
    assert "[[Carla Diaz]]" not in bo.read_text()


def test_accept_dry_run_shows_the_line_and_writes_nothing(team):
    before = (team / "people/Ana Souza.md").read_bytes()
    result = run_cli(team, "ties", "--accept", "Ana Souza", "Carla Diaz", "--dry-run")
    assert 'people/Ana Souza.md: would add  knows:\n  - "[[Carla Diaz]]"' in result.output
    assert (team / "people/Ana Souza.md").read_bytes() == before


def test_accept_unknown_name_is_a_clear_error(team):
    result = run_cli(team, "ties", "--accept", "Ana Souza", "Nobody Here")
    assert result.exit_code == 1
    assert "no contact named 'Nobody Here'" in result.output


def test_bad_ties_config_is_tie001_in_check_and_defaults_apply(team):
    write_file(team, ".netfiles/config.toml", '[ties]\nmin_evidence = "two"\nmax_grup = 3\n\n[industries]\n"Acme" = 3\n')
    result = run_cli(team, "check", "--format", "json")
    codes = {(d["code"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert codes == {("TIE001", 2), ("TIE001", 3), ("TIE002", 6)}
    listing = run_cli(team, "ties")
    assert "TIE001 [ties] min_evidence must be a whole number of at least 1, not 'two'; using 2" in listing.stderr
    assert listing.stdout.startswith("2 ties: 1 written, 1 inferred")


def test_inferred_ties_on_a_generated_vault_need_no_all_pairs_work(tmp_path):
    """200 contacts in 25 teams of 8; each team met twice (log lines in the organiser's file only). Every
    teammate pair is an inferred tie and no cross-team pair is."""
    people = tmp_path / "v" / "people"
    people.mkdir(parents=True)
    (tmp_path / "v" / ".netfiles").mkdir()
    names = [f"Person {i:03d}" for i in range(200)]
    for t in range(25):
        team = names[t * 8:(t + 1) * 8]
        for k, name in enumerate(team):
            log = []
            if k == 0:  # the organiser logs two meetings with the whole team
                log = [f"- 2026-0{m}-0{t % 9 + 1} meeting: with " + ", ".join(f"[[{n}]]" for n in team[1:])
                       for m in (1, 2)]
            (people / f"{name}.md").write_text(contact(name, *log), encoding="utf-8")
    evidence = netfiles.tie_evidence(load_vault(tmp_path / "v"))
    assert len(evidence) == 25 * 28
    found = netfiles.find_ties(load_vault(tmp_path / "v"))
    assert len(found) == 25 * 28 and all(t.status == "inferred" and t.count == 2 for t in found)
    assert all(names.index(t.a.name) // 8 == names.index(t.b.name) // 8 for t in found)


def test_the_public_api_has_the_tie_and_attribute_helpers():
    for name in ("find_ties", "tie_evidence", "tie_pairs", "tie_settings", "Tie", "Evidence", "infer_seniority",
                 "infer_function", "attributes_of", "industry_map", "organization_summary", "add_list_item"):
        assert name in netfiles.__all__ and getattr(netfiles, name)
