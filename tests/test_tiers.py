"""Tiers and reminders on a first-day vault: 800 LinkedIn connections nobody talks to, and a few real friends."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess

import pytest

import netfiles
from netfiles.testing import VaultBuilder, run_cli
from tiers_fixtures import CORE_CADENCE, CORE_LOGGED, DORMANT, IMPORT_DAY, INNER, TODAY, build_first_day_vault


def run(root, *args, input=None):
    return run_cli(root, *args, input=input, catch_exceptions=True)


def run_json(root, *args) -> dict:
    result = run(root, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def first_day(tmp_path_factory):
    builder = VaultBuilder(tmp_path_factory.mktemp("firstday") / "vault")
    build_first_day_vault(builder)
    return builder.path


@pytest.fixture(scope="module")
def listing(first_day) -> dict[str, dict]:
    rows = run_json(first_day, "ls", "--today", TODAY.isoformat())["contacts"]
    return {r["name"]: r for r in rows}


def test_ls_json_gives_strength_tier_and_last_contact_with_their_sources(listing):
    assert len(listing) == 800 + len(INNER) + len(CORE_LOGGED) + len(CORE_CADENCE) + len(DORMANT)
    ines = listing["Inês Weekly"]
    assert ines["strength_source"] == "inferred" and ines["strength"] > 4.5
    assert (ines["tier"], ines["tier_source"]) == ("inner", "inferred")
    assert ines["last_contact"] == TODAY.isoformat()
    linkedin = [r for r in listing.values() if "linkedin" in r["tags"]]
    assert {r["tier"] for r in linkedin} == {"wider"}
    assert {(r["strength"], r["strength_source"], r["last_contact"]) for r in linkedin} == {(1.0, "inferred", None)}


def test_tiers_recover_the_known_layers(listing):
    tiers = {name: row["tier"] for name, row in listing.items()}
    assert [tiers[n] for n in INNER] == ["inner"] * len(INNER)
    assert {tiers[n] for n in CORE_LOGGED} == {"core"}
    assert {tiers[n] for n in CORE_CADENCE} == {"core"}
    assert {tiers[n] for n in DORMANT} == {"dormant"}
    counts = {t: sum(1 for v in tiers.values() if v == t) for t in netfiles.TIERS}
    assert counts == {"inner": 5, "core": 32, "dormant": 6, "wider": 800}


def test_ls_filters_by_tier(first_day):
    result = run(first_day, "ls", "--today", TODAY.isoformat(), "--tier", "inner", "--tier", "dormant")
    assert result.exit_code == 0, result.output
    names = [line.split("  ")[0].strip() for line in result.stdout.splitlines()[1:]]
    assert sorted(names) == sorted(INNER + DORMANT)


def test_due_is_human_sized_most_urgent_first_and_says_what_it_left_out(first_day):
    data = run_json(first_day, "due", "--today", TODAY.isoformat())
    due = data["due"]
    assert len(due) == 12 == data["limit"]  # four weeks of the default per_week 3
    assert not [d for d in due if d["path"].startswith("people/linkedin/")]
    assert all(d["overdue_days"] < 400 for d in due)  # nobody "8187 days overdue"
    urgency = [d["overdue_days"] / d["cadence_days"] for d in due]
    assert urgency == sorted(urgency, reverse=True)
    everyone = run_json(first_day, "due", "--today", TODAY.isoformat(), "--all")["due"]
    assert data["left_out"] == len(everyone) - 12 > 0
    assert "--all" in data["left_out_reason"]
    table = run(first_day, "due", "--today", TODAY.isoformat())
    assert f"{data['left_out']} more due, left out" in table.stderr


def test_a_contact_with_no_interaction_counts_from_entering_the_vault(first_day):
    everyone = run_json(first_day, "due", "--today", TODAY.isoformat(), "--all")["due"]
    by_name = {d["name"]: d for d in everyone}
    # Cadence Person k: met 2004-06-01, added IMPORT_DAY - (60 + 10k) days, cadence 2m (60 days):
    # due IMPORT_DAY - 10k days, not 2004-07-31
    for k, name in enumerate(CORE_CADENCE):
        added = IMPORT_DAY - dt.timedelta(days=60 + 10 * k)
        assert by_name[name]["due_date"] == (IMPORT_DAY - dt.timedelta(days=10 * k)).isoformat()
        assert f"entered the vault on {added.isoformat()} (added field)" in by_name[name]["reason"]


def test_due_ics_is_human_sized_too(first_day, tmp_path):
    target = tmp_path / "due.ics"
    result = run(first_day, "due", "--today", TODAY.isoformat(), "--ics", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().count(b"BEGIN:VTODO") == 12
    assert "more due left out" in result.stderr


def test_check_raises_no_rem001_after_the_import(first_day):
    result = run(first_day, "check", "--format", "json")
    codes = {d["code"] for d in json.loads(result.stdout)["diagnostics"]}
    assert "REM001" not in codes


def test_plan_says_and_n_more(first_day):
    result = run(first_day, "plan", "--today", TODAY.isoformat(), "--weeks", "1")
    assert result.exit_code == 0, result.output
    overflow = run_json(first_day, "plan", "--today", TODAY.isoformat(), "--weeks", "1")["overflow"]
    assert len(overflow) > 10
    line = next(l for l in result.stdout.splitlines() if l.startswith("Not planned:"))
    assert line.endswith(f"and {len(overflow) - 10} more")


def test_rem001_counts_written_promises(netfiles_vault, netfiles_cli):
    # 30 contacts at a written weekly cadence promise 30 a week; 800 without cadence promise nothing
    for i in range(30):
        netfiles_vault.add_contact(f"Weekly {i}", cadence="weekly")
    netfiles_vault.add_contact("Tiered", tier="inner")
    result = netfiles_cli("check", "--format", "json")
    rem = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "REM001"]
    assert len(rem) == 1 and "31 contacts" in rem[0]["message"]


def test_written_tier_overrides_and_invalid_is_nf207(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Stranger", tier="Inner")
    netfiles_vault.add_contact("Oops", tier="vip")
    netfiles_vault.add_contact("Friend", cadence="1m", tier="wider")
    rows = {r["name"]: r for r in json.loads(netfiles_cli("ls", "--format", "json", "--today", "2026-01-01").stdout)["contacts"]}
    assert (rows["Stranger"]["tier"], rows["Stranger"]["tier_source"]) == ("inner", "written")
    assert (rows["Friend"]["tier"], rows["Friend"]["tier_source"]) == ("wider", "written")
    assert (rows["Oops"]["tier"], rows["Oops"]["tier_source"]) == ("wider", "inferred")
    result = netfiles_cli("check")
    assert result.exit_code == 1
    lines = [l for l in result.stdout.splitlines() if "NF207" in l]
    assert len(lines) == 1 and lines[0].startswith("people/Oops.md:")
    line_no = int(lines[0].split(":")[1])
    assert netfiles_vault.read("people/Oops.md").splitlines()[line_no - 1].startswith("tier:")


def test_bad_tier_setting_is_a_clear_usage_error(netfiles_vault, netfiles_cli):
    netfiles_vault.config(tiers={"inner_size": "many"})
    netfiles_vault.add_contact("Ana")
    result = netfiles_cli("ls", "--format", "json", catch_exceptions=True)
    assert result.exit_code == 2 and "tiers.inner_size" in result.stderr


@pytest.mark.git
def test_entry_date_from_git_then_file_time(tmp_path):
    builder = VaultBuilder(tmp_path / "vault")
    builder.add_contact("Gita", cadence="1m", met="2004-01-01")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-03-01T10:00:00", "GIT_COMMITTER_DATE": "2026-03-01T10:00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "import"]):
        subprocess.run(["git", "-C", str(builder.path), *args], check=True, env=env)
    vault = netfiles.load_vault(builder.path)
    gita = vault.find("Gita")
    assert netfiles.entered_vault(vault, gita, dt.date(2026, 6, 1)) == (dt.date(2026, 3, 1), "git")
    # as of a day before that commit the entry is not known yet
    assert netfiles.entered_vault(vault, gita, dt.date(2026, 2, 1)) == (None, "unknown")
    due = run_json(builder.path, "due", "--today", "2026-06-01")["due"]
    assert [(d["name"], d["due_date"]) for d in due] == [("Gita", "2026-03-31")]


def _tiers(netfiles_cli, today="2026-11-21") -> dict[str, tuple[str, str]]:
    rows = json.loads(netfiles_cli("ls", "--format", "json", "--today", today).stdout)["contacts"]
    return {r["name"]: (r["tier"], r["tier_reason"]) for r in rows}


def test_core_needs_three_contact_days_not_three_log_lines(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Three Days", log=["2026-10-01 call", "2026-06-01 call", "2025-12-01 call"])
    netfiles_vault.add_contact("One Busy Day", log=["2026-10-01 call", "2026-10-01 email", "2026-10-01 coffee"])
    netfiles_vault.add_contact("Too Long Ago", log=["2026-10-01 call", "2026-06-01 call", "2025-11-20 call"])
    tiers = _tiers(netfiles_cli)
    assert tiers["Three Days"][0] == "core"
    assert "3 contact days in the last 365 days" in tiers["Three Days"][1]
    assert tiers["One Busy Day"] == ("wider", "1 contact day in the last 365 days, last 2026-10-01")
    assert tiers["Too Long Ago"][0] == "wider"  # 2025-11-20 is 366 days before 2026-11-21


def test_layers_are_caps_in_strength_order(netfiles_vault, netfiles_cli):
    netfiles_vault.config(tiers={"inner_size": 2})
    weekly = [f"2026-{m:02d}-{d:02d} coffee" for m in range(6, 12) for d in (1, 8, 15, 22)]
    netfiles_vault.add_contact("Closest", strength=5)
    netfiles_vault.add_contact("Weekly A", log=weekly)
    netfiles_vault.add_contact("Weekly B", log=weekly[:-4])  # stopped a month earlier: weaker today
    tiers = _tiers(netfiles_cli)
    assert tiers["Closest"][0] == "inner" and tiers["Weekly A"][0] == "inner"
    assert tiers["Weekly B"] == ("core", "qualifies for inner but inner is full (2 closer people; `tiers.inner_size`)")


def test_core_cap_sends_the_weakest_to_wider(netfiles_vault, netfiles_cli):
    netfiles_vault.config(tiers={"core_size": 1})
    netfiles_vault.add_contact("Often", log=[f"2026-{m:02d}-03 call" for m in range(1, 11)])
    netfiles_vault.add_contact("Sometimes", log=["2026-10-01 call", "2026-06-01 call", "2026-02-01 call"])
    netfiles_vault.add_contact("Promised", cadence="quarterly")  # a written cadence is never capped
    tiers = _tiers(netfiles_cli)
    assert tiers["Often"][0] == "core" and tiers["Promised"] == ("core", "a written cadence")
    assert tiers["Sometimes"] == ("wider", "qualifies for core but core is full (1 closer person; `tiers.core_size`)")


def test_tier_names_are_the_tiers_without_their_reasons(first_day, netfiles_vault):
    """`due` and `ls --tier` ask only the names; they must be the tiers `ls --format json` explains."""
    vault = netfiles.load_vault(first_day)
    named = netfiles.tier_names(vault, TODAY)
    tiers = netfiles.contact_tiers(vault, TODAY)
    assert named == {path: tier.name for path, tier in tiers.items()}
    assert set(named.values()) == set(netfiles.TIERS)
    # every kind of reason, written tiers and full layers included, on a vault small enough to hold them all
    netfiles_vault.config(tiers={"inner_size": 1, "core_size": 1})
    for n, days in enumerate((60, 30, 20, 12, 8)):
        log = [f"{(TODAY - dt.timedelta(days=7 * k)).isoformat()} call: hi" for k in range(days)]
        netfiles_vault.add_contact(f"Friend {n}", log=log)
    netfiles_vault.add_contact("Written", tier="Dormant")
    netfiles_vault.add_contact("Cadence", cadence="1m")
    small = netfiles.load_vault(netfiles_vault.path)
    settings = netfiles.TierSettings.from_config(small.config)
    tiers = netfiles.contact_tiers(small, TODAY, settings)
    assert netfiles.tier_names(small, TODAY, settings) == {path: tier.name for path, tier in tiers.items()}
    reasons = {small.contact_at(path).name: (tier.name, tier.source, tier.reason) for path, tier in tiers.items()}
    assert reasons["Written"] == ("dormant", "written", "`tier` written in the file")
    assert reasons["Cadence"] == ("core", "inferred", "a written cadence")
    assert reasons["Friend 0"][0] == "inner" and "among your 1 closest" in reasons["Friend 0"][2]
    assert reasons["Friend 1"][:2] == ("core", "inferred") and "inner is full (1 closer person" in reasons["Friend 1"][2]


def test_entry_date_from_the_file_time_follows_the_file(tmp_path):
    """No `added`, no git: the day the file was last modified, and again after an edit."""
    builder = VaultBuilder(tmp_path / "vault")
    path = builder.add_contact("Hana", cadence="1m")
    noon = dt.datetime(2026, 2, 10, 12, 0).timestamp()
    os.utime(path, (noon, noon))
    vault = netfiles.load_vault(builder.path)
    hana = vault.find("Hana")
    assert netfiles.entered_vault(vault, hana, dt.date(2026, 6, 1)) == (dt.date(2026, 2, 10), "file time")
    path.write_text(path.read_text() + "\nMore notes.\n")
    later = dt.datetime(2026, 4, 2, 9, 30).timestamp()
    os.utime(path, (later, later))
    vault.refresh()
    assert netfiles.entered_vault(vault, vault.find("Hana"), dt.date(2026, 6, 1)) == (dt.date(2026, 4, 2), "file time")
    fresh = netfiles.load_vault(builder.path)
    assert fresh.modified_ns("people/nobody.md") is None
