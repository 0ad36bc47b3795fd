"""`netfiles import calendar`: Google, Outlook and Apple exports become meeting and call log lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calendar_fixtures import APPLE, GOOGLE, OUTLOOK, big_meeting
from import_helpers import ok, snapshot, log

TODAY = "2026-03-31"
PEOPLE = {
    "Ana Souza": "ana@acme.example",
    "Bo Chen": "bo@chen.example",
    "Carla Díaz": "carla@diaz.example",
    "Dan Ortiz": "dan@ortiz.example",
}


@pytest.fixture
def vault(netfiles_vault):
    netfiles_vault.config(me={"name": "Sam Owner", "emails": ["sam@owner.example"]})
    for name, email in PEOPLE.items():
        netfiles_vault.add_contact(name, emails=[email])
    return netfiles_vault


@pytest.fixture
def calendars(tmp_path) -> dict[str, Path]:
    files = {}
    for name, text in (("google", GOOGLE), ("outlook", OUTLOOK), ("apple", APPLE)):
        files[name] = tmp_path / f"{name}.ics"
        files[name].write_bytes(text.encode("utf-8"))
    return files


def run(netfiles_cli, path, *args):
    return netfiles_cli("import", "calendar", str(path), "--today", TODAY, *args)


def test_google_export_recurrences_exceptions_cancelled_declined_and_alone(vault, netfiles_cli, calendars):
    ok(run(netfiles_cli, calendars["google"]))
    # Weekly 1:1 with a Meet link: every Monday up to the UNTIL, without the EXDATE; the cancelled
    # coffee (5th) and the future planning (April) are not there.
    assert log(vault, "Ana Souza") == ["- 2026-03-30 call", "- 2026-03-23 call", "- 2026-03-09 call",
                                       "- 2026-03-02 call"]
    # The lunch: Dan declined and the room is not a person, so they are not co-participants.
    assert log(vault, "Bo Chen") == ["- 2026-03-04 meeting: with [[Carla Díaz]]"]
    assert log(vault, "Carla Díaz") == ["- 2026-03-04 meeting: with [[Bo Chen]]"]
    assert log(vault, "Dan Ortiz") == []  # declined the lunch
    assert not (vault.path / "people" / "Eve Stranger.md").exists()


def test_outlook_teams_call_and_all_day_event(vault, netfiles_cli, calendars):
    ok(run(netfiles_cli, calendars["outlook"]))
    assert log(vault, "Bo Chen") == ["- 2026-03-10 call: with [[Carla Díaz]]"]
    assert log(vault, "Carla Díaz") == ["- 2026-03-10 call: with [[Bo Chen]]"]
    assert log(vault, "Dan Ortiz") == ["- 2026-03-12 meeting"]


def test_apple_floating_times_rdate_and_utc_times_on_the_calendars_day(vault, netfiles_cli, calendars):
    ok(run(netfiles_cli, calendars["apple"]))
    # 02:30 UTC on the 25th is the evening of the 24th in New York (the calendar's X-WR-TIMEZONE).
    assert log(vault, "Ana Souza") == ["- 2026-03-27 meeting", "- 2026-03-24 call", "- 2026-03-20 meeting"]


def test_titles_only_with_content(vault, netfiles_cli, calendars):
    ok(run(netfiles_cli, calendars["outlook"], "--with-content"))
    assert log(vault, "Dan Ortiz") == ["- 2026-03-12 meeting: Offsite with Dan"]
    assert log(vault, "Bo Chen") == ["- 2026-03-10 call: with [[Carla Díaz]]; Pipeline review"]


def test_reimport_changes_nothing(vault, netfiles_cli, calendars):
    for path in calendars.values():
        ok(run(netfiles_cli, path))
    before = snapshot(vault.path)
    for path in calendars.values():
        result = ok(run(netfiles_cli, path))
        assert "0 created, 0 updated" in result.stdout
    assert snapshot(vault.path) == before


def test_people_who_are_not_contacts_are_counted_listed_and_created_on_request(vault, netfiles_cli, calendars):
    before = snapshot(vault.path)
    result = ok(run(netfiles_cli, calendars["google"], "--dry-run", "--format", "json"))
    data = json.loads(result.stdout)
    assert data["skipped_people"] == ["Eve Stranger: eve@startup.example, 2 day(s) of meetings, not a contact"]
    assert snapshot(vault.path) == before
    result = ok(run(netfiles_cli, calendars["google"]))
    assert "1 people in these meetings are not contacts" in result.stderr
    assert not (vault.path / "people" / "Eve Stranger.md").exists()
    ok(run(netfiles_cli, calendars["google"], "--create-min", "3"))
    assert not (vault.path / "people" / "Eve Stranger.md").exists()
    ok(run(netfiles_cli, calendars["google"], "--create-min", "2"))
    eve = (vault.path / "people" / "Eve Stranger.md").read_text(encoding="utf-8")
    assert "emails: [eve@startup.example]" in eve or "- eve@startup.example" in eve
    assert log(vault, "Eve Stranger") == ["- 2026-03-18 call", "- 2026-03-04 meeting: with [[Bo Chen]], [[Carla Díaz]]"]


def test_a_big_meeting_is_counted_not_linked(vault, netfiles_cli, tmp_path):
    for i in range(1, 3):
        vault.add_contact(f"Person {i}", emails=[f"a{i}@big.example"])
    path = tmp_path / "big.ics"
    path.write_text(big_meeting(9), encoding="utf-8", newline="")
    ok(run(netfiles_cli, path))
    assert log(vault, "Person 1") == ["- 2026-03-17 meeting: with 8 others"]
    vault.config(me={"name": "Sam Owner", "emails": ["sam@owner.example"]}, ties={"max_group": 12})
    path.write_text(big_meeting(9).replace("20260317", "20260318"), encoding="utf-8", newline="")
    ok(run(netfiles_cli, path))
    assert log(vault, "Person 1")[0] == "- 2026-03-18 meeting: with [[Person 2]]"


@pytest.mark.parametrize("damage, line, message", [
    (lambda t: t.replace("SUMMARY:Team lunch\r\n", "SUMMARY Team lunch\r\n"), None, "not an iCalendar line"),
    (lambda t: t.replace("DTSTART;TZID=Europe/Lisbon:20260304T123000", "DTSTART;TZID=Europe/Lisbon:2026-03-04"),
     None, "DTSTART"),
    (lambda t: t.replace("END:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Europe/Lisbon:20260305", "BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Lisbon:20260305"), None, "BEGIN:VEVENT"),
    (lambda t: t[: t.index("END:VCALENDAR")], None, "never closed"),
])
def test_malformed_files_are_refused_with_file_and_line_and_nothing_written(vault, netfiles_cli, tmp_path, damage,
                                                                            line, message):
    path = tmp_path / "broken.ics"
    text = damage(GOOGLE)
    path.write_bytes(text.encode("utf-8"))
    before = snapshot(vault.path)
    result = run(netfiles_cli, path)
    assert result.exit_code != 0
    assert f"{path}:" in result.output and message in result.output
    assert "Traceback" not in result.output
    assert snapshot(vault.path) == before


def test_the_error_names_the_right_line(vault, netfiles_cli, tmp_path):
    path = tmp_path / "broken.ics"
    text = GOOGLE.replace("SUMMARY:Team lunch\r\n", "SUMMARY Team lunch\r\n")
    path.write_bytes(text.encode("utf-8"))
    number = text.split("\r\n").index("SUMMARY Team lunch") + 1
    assert f"{path}:{number}: not an iCalendar line" in run(netfiles_cli, path).output


def test_without_my_addresses_the_import_asks_for_them(netfiles_vault, netfiles_cli, calendars):
    netfiles_vault.add_contact("Ana Souza", emails=["ana@acme.example"])
    result = run(netfiles_cli, calendars["google"])
    assert result.exit_code != 0
    assert "IMP001" in result.output and "[me]" in result.output


def test_a_long_list_of_strangers_ends_with_and_n_more_on_a_terminal(vault, netfiles_cli, tmp_path):
    path = tmp_path / "big.ics"
    path.write_text(big_meeting(25), encoding="utf-8", newline="")
    text = run(netfiles_cli, path, "--dry-run").stdout
    assert text.count(", 1 day(s) of meetings, not a contact") == 20
    assert "and 5 more (--format json lists them all)" in text
    data = json.loads(run(netfiles_cli, path, "--dry-run", "--format", "json").stdout)
    assert len(data["skipped_people"]) == 25


def test_the_owner_under_another_address_or_by_name_is_not_a_participant(vault, netfiles_cli, tmp_path):
    path = tmp_path / "me.ics"
    path.write_text(GOOGLE.replace("mailto:sam@owner.example", "mailto:sam@old-job.example"), encoding="utf-8",
                    newline="")
    vault.config(me={"name": "Sam Owner", "emails": ["sam@owner.example", "sam@old-job.example"]})
    ok(run(netfiles_cli, path, "--create-min", "1"))
    assert not any(p.name.startswith("Sam") for p in (vault.path / "people").iterdir())
    vault.config(me={"name": "Sam Owner", "emails": ["sam@owner.example"]})  # the old address forgotten
    ok(run(netfiles_cli, path, "--create-min", "1"))
    assert not any(p.name.startswith("Sam") for p in (vault.path / "people").iterdir())  # known by CN name
