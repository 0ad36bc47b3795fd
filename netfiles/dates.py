"""Dates and durations of FORMAT.md: ISO dates, `--MM-DD` birthdays and cadences."""
from __future__ import annotations

import datetime as _dt
import re

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_BIRTHDAY_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")
_CADENCE = re.compile(r"^(\d+)\s*([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
_NAMED_CADENCES = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91, "yearly": 365}

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


def parse_birthday(text: str) -> tuple[int | None, int, int] | None:
    """`YYYY-MM-DD` or `--MM-DD` as (year or None, month, day); 29 February is allowed without a year."""
    text = text.strip()
    full = parse_iso_date(text)
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
    """Days between contacts: `<n>d|w|m|y`, a named cadence, or `never` (returned as NEVER, 0). None if invalid."""
    text = str(text).strip().lower()
    if text == "never":
        return NEVER
    if text in _NAMED_CADENCES:
        return _NAMED_CADENCES[text]
    match = _CADENCE.match(text)
    if not match or int(match.group(1)) == 0:
        return None
    return int(match.group(1)) * _UNIT_DAYS[match.group(2)]


def parse_duration(text: str) -> int | None:
    """A duration for options such as `--within 7d`; like a cadence, but `0d` is fine and `never` is not."""
    text = str(text).strip().lower()
    if text in ("0", "0d"):
        return 0
    days = parse_cadence(text)
    return None if days == NEVER else days
