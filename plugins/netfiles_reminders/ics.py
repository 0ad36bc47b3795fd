"""`netfiles due --ics FILE`: the due list as an iCalendar file (RFC 5545) that calendar apps subscribe to.

Built with the `icalendar` library, imported only when a file is written.
Reproducible: the same vault and `--today` give the same bytes.

- One VTODO per item (or, with `component="event"`, one all-day VEVENT on the
  due date, or today when that has passed: many calendar apps, Google
  Calendar among them, show only events from a subscription).
- UID = hash of the contact's stable `uid` (written into its file once by
  `netfiles.ensure_uids`) and the kind (contact or birthday), never of the
  date or the file's path, so a re-export updates the same entry instead of
  adding one, even after the file is renamed or moved into a subfolder.
- DTSTAMP is midnight UTC of `today` (from `--today`), not the clock.
"""
from __future__ import annotations

import datetime as _dt
import hashlib

import netfiles

PRODID = "-//netfiles//reminders//EN"
TODO = "todo"
EVENT = "event"


def item_uid(item, contact_uid: str | None = None) -> str:
    """Stable across exports: depends on the contact's `uid` (its path only when it has none) and the kind."""
    key = f"uid:{contact_uid}" if contact_uid else item.path
    digest = hashlib.sha256(f"{key}\n{item.kind}".encode("utf-8")).hexdigest()[:32]
    return f"{digest}@netfiles-reminders"


def _summary(item) -> str:
    if item.kind == "birthday":
        return f"Wish {item.name} a happy birthday"
    return f"Get in touch with {item.name}"


def _description(item) -> str:
    """Why this reminder: how late it is, the last contact and the cadence (or the birthday), and the file."""
    from .schedule import describe_overdue

    why = item.reason if item.kind == "birthday" else f"{describe_overdue(item.overdue_days)}: {item.reason}"
    return f"{why[:1].upper()}{why[1:]}.\nFile: {item.path}"


def build_calendar(items, today: _dt.date, component: str = TODO, uids: dict[str, str] | None = None) -> bytes:
    """The iCalendar bytes for these DueItems; `uids` maps contact paths to their stable `uid`."""
    from icalendar import Calendar, Event, Todo

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "netfiles: keep in touch")
    stamp = _dt.datetime.combine(today, _dt.time(0, 0), tzinfo=_dt.timezone.utc)
    for item in items:
        entry = Event() if component == EVENT else Todo()
        entry.add("uid", item_uid(item, (uids or {}).get(item.path)))
        entry.add("dtstamp", stamp)
        entry.add("summary", _summary(item))
        entry.add("description", _description(item))
        entry.add("categories", ["netfiles", item.kind])
        if component == EVENT:
            day = max(item.due_date, today)
            entry.add("dtstart", day)
            entry.add("dtend", netfiles.add_days(day, 1))
            entry.add("transp", "TRANSPARENT")
        else:
            entry.add("due", item.due_date)
            entry.add("status", "NEEDS-ACTION")
        calendar.add_component(entry)
    return calendar.to_ical()


def write_calendar(path, items, today: _dt.date, component: str = TODO, uids: dict[str, str] | None = None) -> int:
    """Write the calendar atomically (a reader never sees half a file) to a regular file or a new name, or to
    standard output for `-` (`netfiles.write_output`); returns how many entries."""
    netfiles.write_output(path, build_calendar(items, today, component, uids))
    return len(items)
