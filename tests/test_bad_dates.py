"""Issue 10 item 13 and issue 14 (Obsidian): every date value `check` accepts is usable by every command.

Rules (netfiles/model/dates.py): a date-time as Obsidian writes it counts as its date; a
cadence longer than 100 years is NF204; date arithmetic saturates at the last day
a date can name, so `met: 9999-12-31` plus a cadence is due "never, in practice".
"""
from __future__ import annotations

import datetime as _dt
import json

import pytest

from netfiles import add_days, load_vault, parse_cadence, parse_date_value
from netfiles.testing import check_diagnostics, run_cli

EXTREMES = {
    "people/late met.md": "---\nname: Late Met\nmet: 9999-12-31\ncadence: 1m\n---\n",
    "people/late log.md": "---\nname: Late Log\ncadence: 100y\n---\n## Log\n- 9999-12-30 call: far ahead\n",
    "people/snoozed.md": "---\nname: Snoozed\nsnooze_until: 9999-12-31\nbirthday: --12-31\n---\n",
    "people/early.md": "---\nname: Early\nmet: 0001-01-01\nbirthday: 0001-01-01\ncadence: 1d\n---\n",
    "people/leap.md": "---\nname: Leap\nbirthday: 9996-02-29\ncadence: weekly\n---\n",
}


@pytest.mark.parametrize("today", ["2026-12-01", "9999-12-25", "0001-01-02"])
def test_extreme_dates_that_pass_check_do_not_crash_any_command(netfiles_make_vault, today):
    vault = netfiles_make_vault(EXTREMES)
    assert run_cli(vault, "check").exit_code == 0
    for command in (["due"], ["due", "--within", "100y"], ["plan"], ["suggest"], ["report"]):
        result = run_cli(vault, *command, "--today", today)
        assert result.exit_code == 0, (command, result.output)
        assert "error" not in result.output.lower(), (command, result.output)
    for command in (["health"], ["ls", "--format", "json"], ["export", "csv"]):
        assert run_cli(vault, *command).exit_code == 0, command


def test_reminders_calendar_with_a_date_at_the_end_of_time(netfiles_make_vault, tmp_path):
    vault = netfiles_make_vault(EXTREMES)
    result = run_cli(vault, "due", "--today", "9999-12-25", "--within", "30d", "--ics", tmp_path / "r.ics")
    assert result.exit_code == 0, result.output
    assert "BEGIN:VCALENDAR" in (tmp_path / "r.ics").read_text(encoding="utf-8")


def test_a_contact_met_at_the_end_of_time_is_never_due(netfiles_make_vault):
    vault = netfiles_make_vault(EXTREMES)
    result = run_cli(vault, "due", "--today", "2026-12-01", "--within", "100y", "--format", "json")
    names = {item["name"] for item in json.loads(result.stdout)["due"]}
    assert "Late Met" not in names and "Early" in names


@pytest.mark.parametrize("cadence", ["99999999999999999999d", "101y", "36501d", "1300m", "5300w"])
def test_a_cadence_over_100_years_is_nf204(netfiles_make_vault, cadence):
    vault = netfiles_make_vault({"people/long.md": f"---\nname: Long\ncadence: {cadence}\n---\n"})
    found = check_diagnostics(vault)
    assert [(d["code"], d["line"]) for d in found] == [("NF204", 3)]
    assert "at most 100y" in found[0]["message"]
    assert run_cli(vault, "due", "--today", "2026-12-01").exit_code == 0


def test_cadence_limits():
    assert parse_cadence("100y") == 36_500
    assert parse_cadence("36500d") == 36_500
    assert parse_cadence("007d") == 7
    assert parse_cadence("36501d") is None
    assert parse_cadence("9" * 10_000 + "d") is None


def test_date_arithmetic_saturates():
    assert add_days(_dt.date(9999, 12, 1), 365) == _dt.date.max
    assert add_days(_dt.date(1, 1, 5), -10) == _dt.date.min
    assert add_days(_dt.date(2026, 2, 28), 1) == _dt.date(2026, 3, 1)


# Obsidian: "met: 2024-05-16 10:30" and date-times without seconds count as their date

OBSIDIAN = ["2024-05-16 10:30", "2024-05-16T10:30", "2024-05-16T10:30:15", "2024-05-16T10:30:15.250",
            "2024-05-16T10:30Z", "2024-05-16T10:30+02:00", "2024-05-16 9:05"]


def test_every_date_field_accepts_obsidian_date_times(netfiles_make_vault):
    files = {}
    for number, (written, quote) in enumerate((w, q) for w in OBSIDIAN for q in ("", "'", '"')):
        value = f"{quote}{written}{quote}"
        files[f"people/p{number}.md"] = f"---\nmet: {value}\nbirthday: {value}\nsnooze_until: {value}\n---\n"
        files[f"notes/n{number}.md"] = f"---\ndate: {value}\n---\nWith [[p{number}]].\n"
    vault = netfiles_make_vault(files)
    assert check_diagnostics(vault) == []
    contacts = load_vault(vault).contacts
    assert len(contacts) == len(OBSIDIAN) * 3
    for contact in contacts:
        assert (contact.met, contact.snooze_until, contact.birthday) == (_dt.date(2024, 5, 16),) * 2 + ("2024-05-16",)
        assert [i.date for i in contact.interactions] == [_dt.date(2024, 5, 16)]  # the dated note counts


@pytest.mark.parametrize("text", ["2024-05-16 25:00x", "2024-05-16T", "2024-05-16 10", "2024-13-16T10:30",
                                  "2024-05-16T10:30 tomorrow", "16/05/2024"])
def test_what_is_not_a_date_stays_nf202(netfiles_make_vault, text):
    vault = netfiles_make_vault({"people/ana.md": f"---\nname: Ana\nmet: '{text}'\n---\n"})
    assert [d["code"] for d in check_diagnostics(vault)] == ["NF202"]


def test_parse_date_value():
    assert parse_date_value(" 2026-12-01T09:00 ") == _dt.date(2026, 12, 1)
    assert parse_date_value("2026-12-01") == _dt.date(2026, 12, 1)
    assert parse_date_value("2026-12-01T09") is None
    assert parse_date_value("2026-02-30T09:00") is None
