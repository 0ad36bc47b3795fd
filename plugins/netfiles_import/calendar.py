"""`netfiles import calendar FILE.ics`: meetings with people, from an iCalendar export.

Parsing is icalendar's, recurrence (RRULE, RDATE, EXDATE, moved or changed
occurrences) recurring-ical-events'; this module only decides what counts:
not cancelled, not declined by the owner, at least one other person who
did not decline (rooms and resources are not people), on or before today.
Before parsing, every content line is checked, so a malformed file is
refused with its line number and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import netfiles

from .evidence import Evidence

# A content line after unfolding (RFC 5545 3.1): NAME *(;PARAM=VALUE[,VALUE]) : VALUE
_PARAM_VALUE = r'(?:"[^"]*"|[^";:,]*)'
_CONTENT_LINE = re.compile(rf'^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+={_PARAM_VALUE}(?:,{_PARAM_VALUE})*)*:')
_VIDEO = re.compile(
    r"zoom\.us/|zoomgov\.com/|meet\.google\.com/|teams\.microsoft\.com/|teams\.live\.com/|webex\.com/|"
    r"whereby\.com/|gotomeeting\.com/|meet\.jit\.si/|chime\.aws/|skype\.com/|facetime\.apple\.com/",
    re.IGNORECASE)
_VIDEO_PROPERTIES = ("LOCATION", "DESCRIPTION", "URL", "CONFERENCE", "X-GOOGLE-CONFERENCE",
                     "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK",
                     "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK")
_CHECKED = ("DTSTART", "DTEND", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "ATTENDEE", "ORGANIZER")


class CalendarError(ValueError):
    """The file is not a readable iCalendar file; the message names the file and line."""


@dataclass
class CalendarCounts:
    events: int = 0
    cancelled: int = 0
    declined: int = 0
    alone: int = 0
    future: int = 0


def _scan(path: Path, text: str) -> list[dict[str, int]]:
    """Check every content line; return, for each VEVENT in file order, the
    first line of each of its properties (for messages about them)."""
    events: list[dict[str, int]] = []
    stack: list[tuple[str, int]] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    logical: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if line[:1] in (" ", "\t") and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + line[1:])
        elif line.strip():
            logical.append((number, line))
    for number, line in logical:
        if not _CONTENT_LINE.match(line):
            raise CalendarError(f"{path}:{number}: not an iCalendar line: {line[:60]!r}")
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        value = line.split(":", 1)[1].strip().upper() if name in ("BEGIN", "END") else ""
        if name == "BEGIN":
            stack.append((value, number))
            if value == "VEVENT":
                events.append({})
        elif name == "END":
            if not stack or stack[-1][0] != value:
                opened = f"BEGIN:{stack[-1][0]} of line {stack[-1][1]}" if stack else "nothing"
                raise CalendarError(f"{path}:{number}: END:{value} does not close {opened}")
            stack.pop()
        elif stack and stack[-1][0] == "VEVENT":
            events[-1].setdefault(name, number)
    if stack:
        raise CalendarError(f"{path}:{stack[-1][1]}: BEGIN:{stack[-1][0]} is never closed")
    if not logical or logical[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise CalendarError(f"{path}:1: not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
    return events


def _address(value) -> str | None:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower() if "@" in text else None


def _param(value, name: str) -> str:
    params = getattr(value, "params", {}) or {}
    return str(params.get(name, "")).strip()


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _calendar_zone(calendar):
    from zoneinfo import ZoneInfo

    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    try:
        return ZoneInfo(name) if name else None
    except (ValueError, KeyError, OSError):
        return None


def _day(value, zone) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is not None and zone is not None:
            return value.astimezone(zone).date()
        return value.date()  # floating time: the day as written
    return value


def _is_video(event) -> bool:
    return any(_VIDEO.search(str(v)) for prop in _VIDEO_PROPERTIES for v in _as_list(event.get(prop)))


def read_calendar(path: Path, owner: "netfiles.Owner", today: date, with_content: bool = False,
                  evidence: Evidence | None = None) -> tuple[Evidence, CalendarCounts]:
    """Meetings on or before `today` in the .ics file at `path`, by person."""
    import icalendar
    import recurring_ical_events

    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise CalendarError(f"{path}:{line}: not UTF-8 text") from None
    property_lines = _scan(path, text)
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError as exc:
        raise CalendarError(f"{path}: not a readable iCalendar file: {exc}") from None
    evidence = evidence or Evidence(owner, "meetings")
    counts = CalendarCounts()
    index = 0
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            lines = property_lines[index] if index < len(property_lines) else {}
            index += 1
            for name, message in getattr(event, "errors", ()):
                if name.upper() in _CHECKED:
                    raise CalendarError(f"{path}:{lines.get(name.upper(), 0)}: {name}: {message}")
            if event.get("DTSTART") is None:
                raise CalendarError(f"{path}:{lines.get('BEGIN', 0) or lines.get('UID', 0)}: VEVENT without DTSTART")
        zone = _calendar_zone(calendar)
        try:
            occurrences = recurring_ical_events.of(calendar).between(date(1900, 1, 1), today + timedelta(days=1))
        except Exception as exc:  # the library's own errors for a bad rule: a message, not a traceback
            raise CalendarError(f"{path}: cannot expand the recurring events: {exc}") from None
        for event in occurrences:
            _add_event(event, owner, today, zone, with_content, evidence, counts)
    return evidence, counts


def _add_event(event, owner, today: date, zone, with_content: bool, evidence: Evidence,
               counts: CalendarCounts) -> None:
    day = _day(event["DTSTART"].dt, zone)
    if day > today:
        counts.future += 1
        return
    counts.events += 1
    if str(event.get("STATUS", "")).strip().upper() == "CANCELLED":
        counts.cancelled += 1
        return
    people: list[tuple[str, str]] = []
    for value in [*_as_list(event.get("ORGANIZER")), *_as_list(event.get("ATTENDEE"))]:
        address = _address(value)
        if address is None:
            continue
        status = _param(value, "PARTSTAT").upper()
        if owner.has_email(address):
            if status == "DECLINED":
                counts.declined += 1
                return
            continue
        if (status == "DECLINED" or _param(value, "CUTYPE").upper() in ("ROOM", "RESOURCE")
                or _param(value, "ROLE").upper() == "NON-PARTICIPANT"):
            continue
        people.append((address, _param(value, "CN")))
    if not people:
        counts.alone += 1
        return
    kind = "call" if _is_video(event) else "meeting"
    title = " ".join(str(event.get("SUMMARY", "")).split()) if with_content else ""
    evidence.add(day, kind, people, title)
