"""Tie strength: the written `strength` (1..5), else inferred from the days you were in touch.

Tie strength grows with frequency and recency of contact (Granovetter 1973;
Marsden & Campbell 1984, "Measuring tie strength", *Social Forces* 63(2):
482-501, found closeness the best indicator, and frequency and duration
usable but overstating ties to neighbours and co-workers). So the inferred
value is a decayed count of **contact days**:

- every day with at least one interaction counts once, however many log
  lines, meetings or dated notes it holds (four log lines on one day, or a
  log line and a daily note about the same meeting, are one day);
- a day's weight halves every ``half_life_days`` (180 by default); days after
  ``today`` do not count yet;
- ``score = sum over days of 0.5 ** (age / half_life)`` is mapped to the
  1..5 scale by ``strength = 1 + 4 * (1 - exp(-(score / SCALE) ** SHAPE))``.

The two constants are fixed by two anchors. One contact day today gives 2.0
(as before: a single meeting is a weak tie). The strong cut 3.5 (between
written 3 and 4) sits at a score of 5.5, chosen so that the verdict does not
depend on the day a rhythm started: contact every two months never reaches
it (an endless two-monthly rhythm peaks at 1 / (1 - 0.5 ** (60/180)) = 4.85),
and monthly contact over the past year never misses it (its lowest score,
the last contact 29 days ago, is 0.5 ** (29/180) * (1 - 0.5 ** 2) /
(1 - 0.5 ** (30/180)) = 6.15). That matches the layers of Hill & Dunbar
(2003) and Zhou et al. (2005), where the ~15 closest people are those seen
at least monthly. So SHAPE = ln(ln(8/3) / ln(4/3)) / ln(5.5) ~ 0.72 and
SCALE = ln(4/3) ** (-1 / SHAPE) ~ 5.64. Other values: one contact day half
a year ago 1.64; monthly for a year, the last today, 3.74; weekly for
years 4.92.
"""
from __future__ import annotations

import bisect
import functools
import datetime as _dt
import math
from typing import Iterable, NamedTuple, Sequence

__all__ = [
    "DEFAULT_HALF_LIFE_DAYS", "SATURATION", "STRENGTH_SATURATION", "STRONG_THRESHOLD", "STRONG_SCORE", "WRITTEN", "INFERRED",
    "TieStrength", "contact_days", "decay_score", "inferred_strength", "is_strong", "peak_strength",
    "strength_from_score", "strength_parts", "tie_strength", "written_strength",
]

DEFAULT_HALF_LIFE_DAYS = 180.0
STRONG_THRESHOLD = 3.5  # written 4 and 5 are strong, 1..3 weak; the same cut for inferred values
STRONG_SCORE = 5.5  # the decayed contact-day score that maps to STRONG_THRESHOLD
SHAPE = math.log(math.log(4.0 / (5.0 - STRONG_THRESHOLD)) / math.log(4.0 / 3.0)) / math.log(STRONG_SCORE)  # ~0.72
SATURATION = math.log(4.0 / 3.0) ** (-1.0 / SHAPE)  # the SCALE of the module doc, ~5.64
STRENGTH_SATURATION = SATURATION  # the name exported from `netfiles`
WRITTEN = "written"
INFERRED = "inferred"


class TieStrength(NamedTuple):
    """A strength on the 1..5 scale and where it comes from: "written" in the file or "inferred" from the log."""

    value: float
    source: str

    @property
    def strong(self) -> bool:
        return is_strong(self.value)


def _as_date(value) -> _dt.date:
    """Accept datetimes too (datetime - date raises TypeError)."""
    return value.date() if isinstance(value, _dt.datetime) else value


def contact_days(dates: Iterable, today=None) -> list[_dt.date]:
    """The distinct days with an interaction, oldest first; with `today`, only days up to it."""
    # Called once per contact by the tiers, so it stays in C where it can: when every value is a plain
    # `date` (always so for the index's `ContactFacts`) the set, the sort and the cut at `today` (a
    # bisection of the sorted days) run without a Python step per date.
    days = set(dates)
    if not set(map(type, days)) <= _PLAIN_DATE:
        datetime = _dt.datetime
        days = {d.date() if isinstance(d, datetime) else d for d in days}
    ordered = sorted(days)
    if today is not None:
        del ordered[bisect.bisect_right(ordered, _as_date(today)):]
    return ordered


_PLAIN_DATE = {_dt.date}


def decay_score(interaction_dates: Iterable, today, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> float:
    """Sum of ``0.5 ** (age_days / half_life_days)`` over distinct contact days up to `today`."""
    if not half_life_days > 0:
        raise ValueError(f"half_life_days must be > 0, got {half_life_days!r}")
    today = _as_date(today)
    return days_score(contact_days(interaction_dates, today), today, half_life_days)


def days_score(days: Iterable[_dt.date], today: _dt.date, half_life_days: float) -> float:
    """`decay_score` of days `contact_days` already gave (distinct, oldest first, none after `today`).

    The rules that need the days for more than the score (tiers) find them once and call this.
    """
    return sum(map(day_weights(today, half_life_days).__getitem__, days))


class _DayWeights(dict):
    """{day: its weight `0.5 ** (age / half_life)` as of one day}, each computed once on first use.

    The one formula of a contact day's weight. A vault has a few thousand distinct days, so the
    tiers' score of every contact is a sum of looked-up floats (in the same order as before, so the
    same value to the last bit) instead of a power per date.
    """

    def __init__(self, today: _dt.date, half_life_days: float):
        super().__init__()
        self.today_number = today.toordinal()
        self.half_life_days = half_life_days

    def __missing__(self, day: _dt.date) -> float:
        weight = self[day] = 0.5 ** ((self.today_number - day.toordinal()) / self.half_life_days)
        return weight


@functools.lru_cache(maxsize=8)
def day_weights(today: _dt.date, half_life_days: float) -> _DayWeights:
    """The `_DayWeights` of one day and half-life, shared by every contact (kept for the few days a process asks)."""
    return _DayWeights(today, half_life_days)


def strength_from_score(score: float) -> float:
    """The 1..5 value of a decayed contact-day score (see the module doc)."""
    return 1.0 + 4.0 * (1.0 - math.exp(-((score / SATURATION) ** SHAPE))) if score > 0 else 1.0


def inferred_strength(interaction_dates: Iterable, today, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> float:
    """Tie strength in [1, 5) from interaction dates (see the module doc); no interactions give 1.0."""
    return strength_from_score(decay_score(interaction_dates, today, half_life_days))


def is_strong(strength: float) -> bool:
    """Strong tie if strength >= 3.5: written 4-5 are strong, 1-3 weak; inferred: about monthly contact."""
    return strength >= STRONG_THRESHOLD


def peak_strength(interaction_dates: Iterable, today, half_life_days: float = DEFAULT_HALF_LIFE_DAYS
                  ) -> tuple[float, _dt.date | None]:
    """The highest inferred strength the tie ever had up to `today`, and the day it had it.

    The score only rises on a contact day, so it peaks on one; computed in one
    pass (the score decays between days and gains 1 on each).
    """
    if not half_life_days > 0:
        raise ValueError(f"half_life_days must be > 0, got {half_life_days!r}")
    return days_peak(contact_days(interaction_dates, today), half_life_days)


def days_peak(days: Iterable[_dt.date], half_life_days: float) -> tuple[float, _dt.date | None]:
    """`peak_strength` of days `contact_days` already gave (distinct, oldest first)."""
    best, best_day, score, previous = 0.0, None, 0.0, None
    for day in days:
        number = day.toordinal()
        if previous is not None:
            score *= 0.5 ** ((number - previous) / half_life_days)
        score += 1.0
        previous = number
        if score > best:
            best, best_day = score, day
    return strength_from_score(best), best_day


def written_strength(contact) -> int | None:
    return valid_strength(getattr(contact, "strength", None))


def valid_strength(value) -> int | None:
    """A written `strength` when it is a whole number from 1 to 5, else None (check reports the rest)."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    return None


def tie_strength(contact, today, half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
                 days: Sequence[_dt.date] | None = None) -> TieStrength:
    """The written `strength` when the file has a valid one (it always wins), else inferred up to `today`.

    `contact` is a `Contact` or its `ContactFacts`: both have `strength` and `dates`. `days`, when
    given, are `contact_days(contact.dates, today)`, for callers that already have them.
    """
    if not half_life_days > 0 and written_strength(contact) is None:  # a written strength needs no half-life
        raise ValueError(f"half_life_days must be > 0, got {half_life_days!r}")
    today = _as_date(today)
    if days is None:
        days = contact_days(contact.dates, today)
    return TieStrength(*strength_parts(contact, days, day_weights(today, half_life_days)))


def strength_parts(contact, days: Iterable[_dt.date], weights: dict) -> tuple[float, str]:
    """`tie_strength`'s value and source, from the days `contact_days` gave and the `day_weights` of their day:
    the rule itself, for a pass over many contacts that looks the weights up once (the tiers' evidence)."""
    written = written_strength(contact)
    if written is not None:
        return float(written), WRITTEN
    return strength_from_score(sum(map(weights.__getitem__, days))), INFERRED
