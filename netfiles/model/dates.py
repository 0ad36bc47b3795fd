"""Dates and durations of docs/format.md: ISO dates, `--MM-DD` birthdays and cadences.

Every rule about which dates and durations are usable lives here: date-times as
Obsidian writes them count as their date, cadences are at most 100 years, and
date arithmetic saturates at the first and last representable day instead of
raising OverflowError (`met: 9999-12-31` plus a cadence is "never, in practice").
"""
from __future__ import annotations

import datetime as _dt
import re

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# A date-time as Obsidian's Properties panel and other tools write it: `2026-12-01T09:00`,
# `2024-05-16 10:30`, with optional seconds, fraction and zone. It counts as the date written.
_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[Tt]| +)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
                        r"(?: *(?:Z|[+-]\d{1,2}(?::?\d{2})?))?$", re.A)
_BIRTHDAY_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")
_CADENCE = re.compile(r"^(\d+)\s*([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
_NAMED_CADENCES = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91, "yearly": 365}

#: The longest cadence (and `--within`-style duration), in days: 100 years. Longer ones are NF204.
MAX_CADENCE_DAYS = 100 * 365

#: `cadence_days` value of a contact who opted out with `cadence: never`.
NEVER = 0


def parse_iso_date(text: str) -> _dt.date | None:
    """A strict `YYYY-MM-DD` date, or None when the text is not one (or names a day that does not exist)."""
    match = _ISO.match(text.strip())
    if not match:
        return None
    try:
        if text.isascii():  # the usual case, and date.fromisoformat is quickest for exactly this shape
            return _dt.date.fromisoformat(match.group(0))
        return _dt.date(*map(int, match.groups()))  # `\d` also matched other scripts' digits
    except ValueError:
        return None


def parse_date_value(text: str) -> _dt.date | None:
    """A front matter date written as text: `YYYY-MM-DD`, or a date-time (`2026-12-01T09:00`) for its date."""
    text = text.strip()
    date = parse_iso_date(text)
    if date is not None or len(text) <= 10:
        return date
    match = _DATE_TIME.match(text)
    return parse_iso_date(match.group(1)) if match else None


def add_days(day: _dt.date, days: int) -> _dt.date:
    """`day` moved by `days`, saturating at date.min and date.max instead of raising OverflowError."""
    target = day.toordinal() + days
    if target > _dt.date.max.toordinal():
        return _dt.date.max
    if target < 1:
        return _dt.date.min
    return _dt.date.fromordinal(target)


def parse_birthday(text: str) -> tuple[int | None, int, int] | None:
    """`YYYY-MM-DD` (or a date-time) or `--MM-DD` as (year or None, month, day); 29 February is allowed without a year."""
    text = text.strip()
    full = parse_date_value(text)
    if full:
        return full.year, full.month, full.day
    match = _BIRTHDAY_NO_YEAR.match(text)
    if not match:
        return None
    month, day = map(int, match.groups())
    try:
        _dt.date(2000, month, day)  # a leap year, so --02-29 is valid
    except ValueError:
        return None
    return None, month, day


def parse_cadence(text: str) -> int | None:
    """Days between contacts: `<n>d|w|m|y`, a named cadence, or `never` (returned as NEVER, 0).

    None if invalid, including a cadence over MAX_CADENCE_DAYS (100 years).
    """
    text = str(text).strip().lower()
    if text == "never":
        return NEVER
    if text in _NAMED_CADENCES:
        return _NAMED_CADENCES[text]
    match = _CADENCE.match(text)
    if not match:
        return None
    digits = match.group(1).lstrip("0")
    if len(digits) > 6:
        return None  # over 100 years whatever the unit (and int() of a huge text is slow)
    days = int(digits or 0) * _UNIT_DAYS[match.group(2)]
    return days if 0 < days <= MAX_CADENCE_DAYS else None


def parse_duration(text: str) -> int | None:
    """A duration for options such as `--within 7d`; like a cadence, but `0d` is fine and `never` is not."""
    text = str(text).strip().lower()
    if text in ("0", "0d"):
        return 0
    days = parse_cadence(text)
    return None if days == NEVER else days
