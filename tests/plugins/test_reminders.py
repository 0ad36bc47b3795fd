"""The reminders plugin: `due`, `suggest`, `plan`, `--ics`, birthdays, the REM rules and the report section.

One small vault with fixed dates, `TODAY` a Monday, covers log lines, a daily
note named by its date that links `[[Ana|A.]]` (an alias with shown text), a
meeting note dated in its front matter, a snooze, `cadence: never`,
birthdays with and without a year (29 February among them), a contact known
only by `met`, a contact with no dates at all and an interaction dated after
`--today`. The real CLI runs on it through CliRunner; the pure functions are
called directly too.
"""
from __future__ import annotations

import datetime as _dt
import json
import textwrap
from pathlib import Path

import pytest

from netfiles import load_vault
from netfiles.testing import run_cli
from netfiles_reminders.capacity import capacity, weekly_load
from netfiles_reminders.plan import plan_weeks
from netfiles_reminders.schedule import (
    BIRTHDAY,
    CONTACT,
    DueItem,
    birthday_in_year,
    birthdays_between,
    due_contacts,
    next_birthday,
    urgency_key,
)
from netfiles_reminders.suggest import suggest, tie_strength

TODAY = _dt.date(2026, 10, 5)  # a Monday, ISO week 2026-W41
D = _dt.date
REQUIRED_KEYS = {"name", "path", "due_date", "overdue_days", "last_contact", "cadence_days"}

CONFIG = """\
default_cadence = "30d"

[reminders]
per_week = 2
"""

FILES = {
    # alias `Ana`; her last contact comes from the daily note below, not from her log
    "people/Ana Souza.md": """\
        ---
        name: Ana Souza
        aliases: [Ana]
        industry: finance
        strength: 4
        cadence: 2w
        birthday: "--03-02"
        ---
        # Ana Souza

        ## Log
        - 2026-09-14 call: she reviewed my deck #got
        """,
    # last contact from a meeting note dated by front matter, linked through an alias
    "people/Bo Chen.md": """\
        ---
        name: Bo Chen
        aliases: [Bo]
        industry: tech
        cadence: 1m
        ---
        ## Log
        - 2026-08-01 coffee: first coffee
        """,
    # monthly in the year up to her last contact: an inferred close (strong) tie, overdue
    "people/Carla Diaz.md": """\
        ---
        name: Carla Diaz
        industry: finance
        cadence: 2w
        tags: [payments, mentor]
        ---
        ## Log
        - 2026-09-01 call: pix roadmap
        - 2026-08-01 message: holiday photos
        - 2026-07-01 email: sent the paper
        - 2026-06-01 message: congrats
        - 2026-05-01 lunch: in Lisbon
        - 2026-04-01 email: slides
        - 2026-03-01 call: intro
        - 2026-02-01 message: hello
        - 2026-01-01 message: happy new year
        - 2025-12-01 email: reading list
        - 2025-11-01 call: catch-up
        - 2025-10-01 coffee: first coffee
        """,
    "people/Dan Snooze.md": """\
        ---
        name: Dan Snooze
        industry: media
        cadence: 1m
        snooze_until: 2026-11-01
        birthday: 1980-10-08
        ---
        ## Log
        - 2026-01-01 message: happy new year
        """,
    "people/Eve Never.md": """\
        ---
        name: Eve Never
        industry: health
        cadence: never
        birthday: "--03-01"
        ---
        ## Log
        - 2024-05-01 email: long ago
        """,
    "people/Fay Feb.md": """\
        ---
        name: Fay Feb
        cadence: 1y
        birthday: 2000-02-29
        ---
        ## Log
        - 2026-09-30 video: catch-up
        """,
    # no date of any kind: due today, 0 days overdue (a written tier puts him among those reminded)
    "people/Gus Nodates.md": """\
        ---
        name: Gus Nodates
        industry: health
        tier: core
        ---
        # Gus
        """,
    # only a `met` date
    "people/Hal Met.md": """\
        ---
        name: Hal Met
        industry: health
        met: 2026-06-01
        cadence: quarterly
        ---
        # Hal
        """,
    # its only log line is after TODAY: as of TODAY there was no contact yet, so `met` counts
    "people/Ivy Future.md": """\
        ---
        name: Ivy Future
        industry: media
        met: 2026-01-10
        cadence: 6m
        ---
        ## Log
        - 2026-12-01 dinner: planned
        """,
    # a weak tie silent for more than a year, with history: dormant
    "people/Kim Dormant.md": """\
        ---
        name: Kim Dormant
        industry: tech
        strength: 2
        cadence: 1y
        ---
        ## Log
        - 2025-06-01 conference: met at PyData
        - 2025-01-01 email: thanks for the talk
        """,
    "daily/2026-10-01.md": """\
        # Thursday
        - Lunch with [[Ana|A.]], she moves to risk next month.
        """,
    "meetings/kickoff.md": """\
        ---
        date: 2026-09-20
        ---
        # Kickoff
        With [[Bo|B.]].
        """,
    # no date: not an interaction
    "notes/ideas.md": """\
        # Ideas
        Ask [[Ana Souza]] and [[Carla Diaz]] about it.
        """,
}


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    (root / ".netfiles").mkdir(parents=True)
    write(root, ".netfiles/config.toml", CONFIG)
    for rel, text in FILES.items():
        write(root, rel, text)
    return root


@pytest.fixture
def vault(vault_dir):
    return load_vault(vault_dir)


def run(root: Path, *args):
    return run_cli(root, *args, catch_exceptions=True)


def run_json(root: Path, *args) -> dict:
    result = run(root, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def names(items) -> list[str]:
    return [i.name for i in items]


# due: the pure function ---------------------------------------------------------------------------

def test_due_today_most_urgent_first(vault):
    items = due_contacts(vault, TODAY)
    assert names(items) == ["Carla Diaz", "Ivy Future", "Hal Met", "Kim Dormant", "Gus Nodates"]
    carla, ivy, hal, kim, gus = items
    # Carla: last log line 2026-09-01 + 2w
    assert (carla.due_date, carla.overdue_days, carla.last_contact, carla.cadence_days) == (
        D(2026, 9, 15), 20, D(2026, 9, 1), 14)
    # Ivy: her only log line is after TODAY, so `met` + 6m counts
    assert (ivy.due_date, ivy.overdue_days, ivy.last_contact) == (D(2026, 7, 9), 88, None)
    # Hal: met + quarterly (91 days)
    assert (hal.due_date, hal.overdue_days, hal.cadence_days) == (D(2026, 8, 31), 35, 91)
    assert (kim.due_date, kim.overdue_days) == (D(2026, 6, 1), 126)
    # no dates at all: due today, 0 days overdue, vault default cadence
    assert (gus.due_date, gus.overdue_days, gus.last_contact, gus.cadence_days) == (TODAY, 0, None, 30)
    assert all(i.kind == CONTACT for i in items)


def test_urgency_is_overdue_relative_to_cadence_then_days_then_name():
    def item(name, overdue, cadence):
        return DueItem(name, f"people/{name}.md", TODAY, overdue, None, cadence)

    items = [item("b", 10, 10), item("a", 10, 10), item("c", 365, 365), item("d", 20, 14), item("e", 0, 30)]
    assert [i.name for i in sorted(items, key=urgency_key)] == ["d", "c", "a", "b", "e"]


def test_last_contact_from_daily_note_alias_link_and_dated_meeting_note(vault):
    soon = {i.name: i for i in due_contacts(vault, TODAY, within_days=30)}
    # Ana: log says 2026-09-14, the daily note `daily/2026-10-01.md` linking [[Ana|A.]] is newer
    assert soon["Ana Souza"].last_contact == D(2026, 10, 1)
    assert soon["Ana Souza"].due_date == D(2026, 10, 15)
    # Bo: log says 2026-08-01, the meeting note with `date: 2026-09-20` links [[Bo|B.]]
    assert soon["Bo Chen"].last_contact == D(2026, 9, 20)
    assert soon["Bo Chen"].due_date == D(2026, 10, 20)
    # an undated note is no interaction: Carla's last contact is still her log's
    assert soon["Carla Diaz"].last_contact == D(2026, 9, 1)


def test_within_lists_what_falls_due_soon_with_negative_overdue(vault):
    week = due_contacts(vault, TODAY, within_days=10, birthdays=False)
    assert "Ana Souza" in names(week) and "Bo Chen" not in names(week)
    ana = next(i for i in week if i.name == "Ana Souza")
    assert ana.overdue_days == -10
    assert names(week)[-1] == "Ana Souza"  # not yet due: after everything that is


def test_never_is_never_due(vault):
    for within in (0, 3650):
        assert "Eve Never" not in names(due_contacts(vault, TODAY, within_days=within))


def test_snooze_holds_a_contact_back_until_that_day(vault):
    assert "Dan Snooze" not in names(due_contacts(vault, TODAY))
    assert "Dan Snooze" not in names(due_contacts(vault, TODAY, within_days=26))
    later = {i.name: i for i in due_contacts(vault, TODAY, within_days=27)}
    assert later["Dan Snooze"].due_date == D(2026, 11, 1)
    assert "snoozed until 2026-11-01" in later["Dan Snooze"].reason
    # from the snooze date on he is due, overdue counted from that day, not from before the snooze
    on_the_day = {i.name: i for i in due_contacts(vault, D(2026, 11, 1))}
    assert (on_the_day["Dan Snooze"].due_date, on_the_day["Dan Snooze"].overdue_days) == (D(2026, 11, 1), 0)
    later = {i.name: i for i in due_contacts(vault, D(2026, 11, 11))}
    assert later["Dan Snooze"].overdue_days == 10
    assert later["Dan Snooze"].reason == "last contact 2026-01-01, cadence 1m; snoozed until 2026-11-01"


def test_tag_filter_needs_every_tag(vault):
    assert names(due_contacts(vault, TODAY, tags=["mentor"])) == ["Carla Diaz"]
    assert names(due_contacts(vault, TODAY, tags=["#Payments", "mentor"])) == ["Carla Diaz"]
    assert due_contacts(vault, TODAY, tags=["mentor", "investor"]) == []


# birthdays -----------------------------------------------------------------------------------------

def test_birthday_dates_and_29_february():
    assert birthday_in_year(2, 29, 2027) == D(2027, 2, 28)
    assert birthday_in_year(2, 29, 2028) == D(2028, 2, 29)
    assert next_birthday("--03-02", D(2027, 3, 3)) == (D(2028, 3, 2), None)
    assert next_birthday("2000-02-29", D(2027, 2, 1)) == (D(2027, 2, 28), 27)
    assert next_birthday("2000-02-29", D(2028, 2, 1)) == (D(2028, 2, 29), 28)
    assert next_birthday("2030-01-01", D(2027, 2, 1)) is None  # not born yet
    assert next_birthday("not a date", D(2027, 2, 1)) is None


def test_birthdays_in_the_week_including_29_february_in_a_common_year(vault):
    rows = [i for i in due_contacts(vault, D(2027, 2, 25)) if i.kind == BIRTHDAY]
    assert [(i.name, i.due_date, i.overdue_days) for i in rows] == [
        ("Fay Feb", D(2027, 2, 28), -3), ("Ana Souza", D(2027, 3, 2), -5)]
    assert rows[0].reason == "birthday Sunday 28 February (turns 27)"
    assert rows[1].reason == "birthday Tuesday 2 March"  # no year: no age
    # Eve's --03-01 is in the window too, but `cadence: never` opts out of every reminder
    assert "Eve Never" not in names(rows)


def test_birthdays_in_a_leap_year_today_and_outside_the_week(vault):
    leap = birthdays_between(vault, D(2028, 2, 27), D(2028, 3, 4))
    assert [(i.name, i.due_date) for i in leap] == [("Fay Feb", D(2028, 2, 29)), ("Ana Souza", D(2028, 3, 2))]
    assert "turns 28" in leap[0].reason
    today = [i for i in due_contacts(vault, D(2027, 3, 2)) if i.kind == BIRTHDAY]
    assert [(i.name, i.overdue_days, i.reason) for i in today] == [("Ana Souza", 0, "birthday today")]
    # a week ahead is the default window; --within widens it
    assert [i for i in due_contacts(vault, D(2027, 2, 20)) if i.kind == BIRTHDAY] == []
    wide = [i.name for i in due_contacts(vault, D(2027, 2, 20), within_days=10) if i.kind == BIRTHDAY]
    assert wide == ["Fay Feb", "Ana Souza"]


def test_birthday_of_someone_snoozed_past_it_is_not_shown(vault):
    # Dan's birthday, 8 October, falls this week, but he is snoozed until 1 November
    assert birthdays_between(vault, TODAY, TODAY + _dt.timedelta(days=6)) == []
    assert names(birthdays_between(vault, D(2027, 10, 5), D(2027, 10, 11))) == ["Dan Snooze"]


# due: the command -----------------------------------------------------------------------------------

def test_due_json_has_every_key_and_iso_dates(vault_dir, vault):
    data = run_json(vault_dir, "due", "--today", "2027-02-25")
    assert data["due"], data
    for row in data["due"]:
        assert REQUIRED_KEYS <= set(row), row
        assert row["kind"] in ("contact", "birthday")
        _dt.date.fromisoformat(row["due_date"])
        assert row["last_contact"] is None or _dt.date.fromisoformat(row["last_contact"])
        assert isinstance(row["overdue_days"], int) and isinstance(row["cadence_days"], int)
    kinds = [row["kind"] for row in data["due"]]
    assert kinds == sorted(kinds, key=lambda k: k == "birthday")  # birthdays after the contacts
    assert [r["name"] for r in data["due"] if r["kind"] == "birthday"] == ["Fay Feb", "Ana Souza"]
    # the command prints what the function computes
    assert data["due"] == [i.to_dict() for i in due_contacts(vault, D(2027, 2, 25))]


def test_due_json_today(vault_dir):
    rows = run_json(vault_dir, "due", "--today", TODAY.isoformat())["due"]
    assert [r["name"] for r in rows] == ["Carla Diaz", "Ivy Future", "Hal Met", "Kim Dormant", "Gus Nodates"]
    assert rows[0] == {"name": "Carla Diaz", "path": "people/Carla Diaz.md", "due_date": "2026-09-15",
                       "overdue_days": 20, "last_contact": "2026-09-01", "cadence_days": 14, "kind": "contact",
                       "reason": "last contact 2026-09-01, cadence 2w"}
    assert rows[-1]["last_contact"] is None and rows[-1]["overdue_days"] == 0


def test_due_table_within_and_tag(vault_dir):
    result = run(vault_dir, "due", "--today", TODAY.isoformat(), "--within", "2w")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Name", "Kind", "Due", "When", "Last", "contact", "Cadence"]
    assert any(line.startswith("Carla Diaz") and "20d overdue" in line for line in lines)
    assert any(line.startswith("Ana Souza") and "in 10d" in line for line in lines)
    assert any(line.startswith("Gus Nodates") and "today" in line and "never" in line for line in lines)
    assert not any("Eve Never" in line or "Bo Chen" in line for line in lines)
    tagged = run(vault_dir, "due", "--today", TODAY.isoformat(), "--tag", "payments")
    assert [line.split()[0] for line in tagged.stdout.splitlines()[1:]] == ["Carla"]


def test_due_birthday_rows_in_the_table(vault_dir):
    result = run(vault_dir, "due", "--today", "2027-02-25")
    rows = [line for line in result.stdout.splitlines() if " birthday " in line]
    assert len(rows) == 2 and rows[0].startswith("Fay Feb") and "2027-02-28" in rows[0] and "in 3d" in rows[0]


def test_due_rejects_bad_options(vault_dir):
    assert run(vault_dir, "due", "--today", "2026-02-30").exit_code == 2
    assert run(vault_dir, "due", "--within", "soon").exit_code == 2


def test_due_nobody(tmp_path):
    root = tmp_path / "empty"
    (root / ".netfiles").mkdir(parents=True)
    result = run(root, "due", "--today", TODAY.isoformat())
    assert result.exit_code == 0 and result.stdout == ""
    assert "Nobody is due" in result.output
    assert run_json(root, "due", "--today", TODAY.isoformat()) == {"due": [], "left_out": 0, "limit": 12, "left_out_reason": None}


# --ics ----------------------------------------------------------------------------------------------

def _read_ics(path: Path):
    import icalendar

    return icalendar.Calendar.from_ical(path.read_bytes())


def test_ics_is_valid_and_reproducible(vault_dir, tmp_path):
    out = tmp_path / "out" / "netfiles.ics"
    out.parent.mkdir()
    result = run(vault_dir, "due", "--today", "2027-02-25", "--ics", out, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["due"]
    assert f"Wrote {len(rows)} reminders" in result.output
    calendar = _read_ics(out)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]).startswith("-//netfiles//")
    todos = calendar.walk("VTODO")
    assert len(todos) == len(rows)
    for todo in todos:
        for prop in ("UID", "DTSTAMP", "SUMMARY", "DUE", "DESCRIPTION"):
            assert prop in todo, prop
        assert todo.decoded("DTSTAMP") == _dt.datetime(2027, 2, 25, tzinfo=_dt.timezone.utc)  # from --today
    by_summary = {str(t["SUMMARY"]): t for t in todos}
    carla = by_summary["Get in touch with Carla Diaz"]
    assert carla.decoded("DUE") == D(2026, 9, 15)
    assert "last contact 2026-09-01, cadence 2w" in str(carla["DESCRIPTION"])
    assert "people/Carla Diaz.md" in str(carla["DESCRIPTION"])
    assert by_summary["Wish Fay Feb a happy birthday"].decoded("DUE") == D(2027, 2, 28)
    assert len({str(t["UID"]) for t in todos}) == len(todos)
    # written atomically: no temporary file left beside it
    assert [p.name for p in out.parent.iterdir()] == ["netfiles.ics"]
    # same vault, same --today: the same bytes
    first = out.read_bytes()
    run(vault_dir, "due", "--today", "2027-02-25", "--ics", out)
    assert out.read_bytes() == first


def test_ics_uids_are_stable_across_dates(vault_dir, tmp_path):
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run(vault_dir, "due", "--today", TODAY.isoformat(), "--ics", a).exit_code == 0
    assert run(vault_dir, "due", "--today", "2026-10-20", "--ics", b).exit_code == 0

    def uids(path):
        return {str(t["SUMMARY"]): str(t["UID"]) for t in _read_ics(path).walk("VTODO")}

    first, second = uids(a), uids(b)
    assert set(first) < set(second)  # more is due two weeks later
    assert all(second[summary] == uid for summary, uid in first.items())
    assert {str(t["DTSTAMP"].dt.date()) for t in _read_ics(b).walk("VTODO")} == {"2026-10-20"}


def test_ics_events_and_bad_folder(vault_dir, tmp_path):
    out = tmp_path / "events.ics"
    assert run(vault_dir, "due", "--today", TODAY.isoformat(), "--ics", out, "--ics-component", "event").exit_code == 0
    events = _read_ics(out).walk("VEVENT")
    assert len(events) == 5 and not _read_ics(out).walk("VTODO")
    # overdue ones are placed on today, where a calendar shows them
    assert {e.decoded("DTSTART") for e in events} == {TODAY}
    assert all(e.decoded("DTEND") == TODAY + _dt.timedelta(days=1) for e in events)
    missing = run(vault_dir, "due", "--today", TODAY.isoformat(), "--ics", tmp_path / "nope" / "x.ics")
    assert missing.exit_code == 2 and "does not exist" in missing.output


# suggest --------------------------------------------------------------------------------------------

def _by_hand(*days: _dt.date) -> float:
    """The core's curve (docs/tiers.md): 1 + 4(1 - exp(-(score/a)^b)), score = sum 0.5^(age/180)."""
    import math

    b = math.log(math.log(8 / 3) / math.log(4 / 3)) / math.log(5.5)
    a = math.log(4 / 3) ** (-1 / b)
    score = sum(0.5 ** ((TODAY - day).days / 180) for day in days)
    return 1 + 4 * (1 - math.exp(-((score / a) ** b)))


def test_tie_strength_written_or_inferred_by_the_core_rule(vault):
    by_name = {c.name: c for c in vault.contacts}
    assert tie_strength(by_name["Ana Souza"], TODAY) == (4, True)
    carla = [_dt.date(2025, 10, 1), _dt.date(2025, 11, 1), _dt.date(2025, 12, 1)] + [
        _dt.date(2026, m, 1) for m in range(1, 10)]
    value, written = tie_strength(by_name["Carla Diaz"], TODAY)
    assert value == pytest.approx(_by_hand(*carla)) and not written  # monthly for a year: ~3.59, strong
    assert value > 3.5
    assert tie_strength(by_name["Gus Nodates"], TODAY) == (1, False)
    bo = tie_strength(by_name["Bo Chen"], TODAY)  # log line + meeting note
    assert bo == (pytest.approx(_by_hand(_dt.date(2026, 8, 1), _dt.date(2026, 9, 20))), False)


def test_suggest_mixes_close_dormant_and_quiet_group(vault):
    picks = suggest(vault, TODAY, 3)
    assert [(p.name, p.pick) for p in picks] == [
        ("Carla Diaz", "close-tie"), ("Kim Dormant", "dormant-tie"), ("Hal Met", "quiet-group")]
    carla, kim, hal = picks
    assert carla.reason == "close tie (strength 3.6, inferred from the log) 20 days overdue: " \
                           "last contact 2026-09-01, cadence 2w"
    assert kim.reason == ("dormant weak tie: last contact 2025-06-01 (1.3 years ago), 2 interactions in all; "
                          "worth reviving")
    # health: Eve (never) was last seen 2024-05-01; she is not suggested, but Hal (whom we met) from her group is
    assert hal.reason == "from the group you see least (industry 'health': nobody there since 2024-05-01)"
    assert all("\n" not in p.reason for p in picks)


def test_suggest_fills_with_due_contacts_and_is_deterministic(vault_dir, vault):
    five = suggest(vault, TODAY, 5)
    assert [(p.name, p.pick) for p in five][3:] == [("Ivy Future", "due"), ("Gus Nodates", "due")]
    assert suggest(vault, TODAY, 1) == five[:1]
    first = run(vault_dir, "suggest", "--today", TODAY.isoformat())
    second = run(vault_dir, "suggest", "--today", TODAY.isoformat())
    assert first.exit_code == 0 and first.stdout == second.stdout
    assert first.stdout.splitlines()[0] == f"1. Carla Diaz — {five[0].reason}"
    assert len(first.stdout.splitlines()) == 3
    data = run_json(vault_dir, "suggest", "--today", TODAY.isoformat(), "--n", "5")
    assert data["suggestions"] == [p.to_dict() for p in five]


def test_suggest_close_tie_due_later_this_week_and_never_contacted_dormant_tie(vault_dir):
    carla = vault_dir / "people/Carla Diaz.md"
    carla.write_text(carla.read_text().replace("## Log\n", "## Log\n- 2026-10-04 call: caught up\n"))
    (vault_dir / "people/Kim Dormant.md").unlink()
    hal = vault_dir / "people/Hal Met.md"
    hal.write_text(hal.read_text().replace("met: 2026-06-01", "met: 2025-06-01\nhow_met: PyData Berlin"))
    picks = suggest(load_vault(vault_dir), D(2026, 10, 10), 3)
    # no close tie is overdue: Ana (manual strength 4) falls due on Thursday
    assert (picks[0].name, picks[0].reason) == (
        "Ana Souza", "close tie (strength 4) due in 5 days: last contact 2026-10-01, cadence 2w")
    # Hal and Ivy were never contacted (Ivy's dinner is after --today), but only Hal met us over a year ago
    assert (picks[1].name, picks[1].reason) == (
        "Hal Met", "dormant weak tie: met 2025-06-01 (PyData Berlin), 1.4 years ago, and not in touch since; "
                   "worth reviving")


def test_suggest_skips_never_and_snoozed(vault):
    everyone = {p.name for p in suggest(vault, TODAY, 50)}
    assert "Eve Never" not in everyone and "Dan Snooze" not in everyone


def test_suggest_group_by_tags_from_config(vault_dir):
    write(vault_dir, ".netfiles/config.toml", CONFIG + 'group_by = "tags"\n')
    write(vault_dir, "people/Lee Tagged.md",
          "---\nname: Lee Tagged\ntags: [Payments]\n---\n## Log\n- 2026-02-01 call: hi\n")
    picks = suggest(load_vault(vault_dir), TODAY, 3)
    assert [p.name for p in picks] == ["Carla Diaz", "Kim Dormant", "Lee Tagged"]
    # tags compare case-insensitively; single-person groups (Carla's #mentor) come after real groups
    assert picks[2].reason == ("from the group you see least (tag #payments: nobody there since 2026-09-01); "
                               "you know them best there")


# plan -----------------------------------------------------------------------------------------------

def test_plan_spreads_at_most_per_week_and_reports_overflow(vault):
    plan = plan_weeks(vault, TODAY, weeks=4, per_week=2)
    assert [w.label for w in plan.weeks] == ["2026-W41", "2026-W42", "2026-W43", "2026-W44"]
    assert [[i.name for i in w.items] for w in plan.weeks] == [
        ["Carla Diaz", "Ivy Future"],
        ["Hal Met", "Kim Dormant"],
        ["Gus Nodates", "Ana Souza"],
        ["Bo Chen", "Carla Diaz"],  # Carla again, a fortnight after week 41
    ]
    assert [i.name for i in plan.overflow] == ["Dan Snooze"]
    assert plan.message.startswith("1 more than your rhythm allows in these weeks: consider longer cadences")
    roomy = plan_weeks(vault, TODAY, weeks=4, per_week=10)
    assert roomy.overflow == [] and max(len(w.items) for w in roomy.weeks) <= 10
    assert "Eve Never" not in {i.name for w in roomy.weeks for i in w.items}


def test_plan_command_uses_per_week_from_config(vault_dir):
    data = run_json(vault_dir, "plan", "--today", TODAY.isoformat())
    assert data["per_week"] == 2 and len(data["weeks"]) == 4
    assert data["weeks"][0]["start"] == "2026-10-05" and data["weeks"][0]["end"] == "2026-10-11"
    assert all(len(w["contacts"]) <= 2 for w in data["weeks"])
    assert [i["name"] for i in data["overflow"]] == ["Dan Snooze"]
    text = run(vault_dir, "plan", "--today", "2026-10-07", "--weeks", "2")
    assert text.exit_code == 0
    assert "2026-W41  2026-10-05  Carla Diaz" in text.stdout
    assert "more than your rhythm allows in these weeks: consider longer cadences" in text.stdout


def test_plan_with_bad_per_week_is_a_usage_problem(vault_dir):
    write(vault_dir, ".netfiles/config.toml", "[reminders]\nper_week = 0\n")
    result = run(vault_dir, "plan", "--today", TODAY.isoformat())
    assert result.exit_code == 2
    assert ".netfiles/config.toml" in result.output and "per_week" in result.output


# check rules ----------------------------------------------------------------------------------------

def test_capacity_of_the_fixture_vault(vault):
    load, counts = weekly_load(vault)
    assert counts == {14: 2, 30: 3, 365: 2, 91: 1, 180: 1}  # Eve (never) left out
    assert load == pytest.approx(7 * (2 / 14 + 3 / 30 + 2 / 365 + 1 / 91 + 1 / 180))
    assert not capacity(vault).over


def test_rem001_when_cadences_promise_more_than_per_week(tmp_path):
    root = tmp_path / "busy"
    write(root, ".netfiles/config.toml", '# settings\n[reminders]\n\nper_week = 3\n')
    for n in range(5):
        write(root, f"people/P{n}.md", f"---\nname: Person {n}\ncadence: weekly\n---\n")
    write(root, "people/Q.md", "---\nname: Quiet\ncadence: never\n---\n")
    result = run(root, "check", "--format", "json")
    assert result.exit_code == 0, result.output  # a warning only
    [diag] = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"].startswith("REM")]
    assert diag["code"] == "REM001" and diag["severity"] == "warning"
    assert (diag["path"], diag["line"]) == (".netfiles/config.toml", 4)
    assert "5.00 contacts a week" in diag["message"] and "allows 3" in diag["message"]
    assert "raise per_week to 5" in diag["message"] and "5 contacts at cadence 1w" in diag["message"]
    text = run(root, "check")
    assert ".netfiles/config.toml:4:1: REM001 " in text.stdout


def test_no_rem001_within_capacity(vault_dir):
    result = run(vault_dir, "check", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [d for d in json.loads(result.stdout)["diagnostics"] if d["code"].startswith("REM")] == []


@pytest.mark.parametrize("value", ["0", "-1", '"three"', "2.5", "true"])
def test_rem002_when_per_week_is_not_a_positive_integer(vault_dir, value):
    write(vault_dir, ".netfiles/config.toml", f"[reminders]\nper_week = {value}\n")
    result = run(vault_dir, "check", "--format", "json")
    assert result.exit_code == 1, result.output
    [diag] = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"].startswith("REM")]
    assert (diag["code"], diag["severity"], diag["path"], diag["line"]) == (
        "REM002", "error", ".netfiles/config.toml", 2)
    assert "per_week" in diag["message"]


# report, help, disabling ----------------------------------------------------------------------------

def test_report_has_a_keep_in_touch_section(vault_dir):
    data = run_json(vault_dir, "report", "--today", TODAY.isoformat())
    [section] = [s for s in data["sections"] if s["title"] == "Keep in touch"]
    assert section["data"]["due_count"] == 5
    assert section["data"]["due"][0]["name"] == "Carla Diaz"
    assert [s["name"] for s in section["data"]["suggestions"]] == ["Carla Diaz", "Kim Dormant", "Hal Met"]
    assert "5 contacts due." in section["text"] and "This week:" in section["text"]


@pytest.mark.parametrize("command", ["due", "suggest", "plan"])
def test_help_has_examples_and_today(vault_dir, command):
    result = run(vault_dir, command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "--today" in result.stdout and f"netfiles {command}" in result.stdout


def test_disabling_the_plugin_removes_commands_and_rules_only(vault_dir):
    write(vault_dir, ".netfiles/config.toml", '[plugins]\ndisabled = ["reminders"]\n[reminders]\nper_week = 0\n')
    for command in ("due", "suggest", "plan"):
        result = run(vault_dir, command, "--today", TODAY.isoformat())
        assert result.exit_code == 2 and "No such command" in result.output
    listing = run(vault_dir, "ls", "--format", "json")
    assert listing.exit_code == 0 and len(json.loads(listing.stdout)["contacts"]) == 10
    check = run(vault_dir, "check", "--format", "json")
    assert check.exit_code == 0  # the invalid per_week is not reported: the rule is gone with the plugin
    assert not [d for d in json.loads(check.stdout)["diagnostics"] if d["code"].startswith("REM")]
    report = run_json(vault_dir, "report", "--today", TODAY.isoformat())
    assert "Keep in touch" not in [s["title"] for s in report["sections"]]
