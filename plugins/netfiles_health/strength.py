"""Tie strength inferred from interaction history, on the manual 1..5 scale.

Used when a contact has no manual ``strength``. Tie strength grows with
frequency and recency of contact (Granovetter 1973; Marsden & Campbell 1984,
"Measuring tie strength", *Social Forces* 63(2): 482-501, found contact
frequency and recency to be the usable but imperfect indicators), so every
interaction contributes a weight that halves every ``half_life_days``.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Iterable

__all__ = [
    "DEFAULT_HALF_LIFE_DAYS",
    "SATURATION",
    "STRONG_THRESHOLD",
    "decay_score",
    "inferred_strength",
    "is_strong",
]

DEFAULT_HALF_LIFE_DAYS = 180.0

# k in 1 + 4 * (1 - exp(-score / k)); chosen so that a single interaction
# today (score 1) maps to exactly 2.0: 1 - exp(-1/k) = 1/4  =>  k = 1/ln(4/3).
SATURATION = 1.0 / math.log(4.0 / 3.0)  # ~3.476

# Manual strengths 4 and 5 are strong, 1-3 weak; 3.5 splits the scale there.
STRONG_THRESHOLD = 3.5


def _as_date(value: date) -> date:
    """Accept datetimes too (datetime - date raises TypeError)."""
    return value.date() if isinstance(value, datetime) else value


def decay_score(
    interaction_dates: Iterable[date],
    today: date,
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
) -> float:
    """Sum of ``0.5 ** (age_days / half_life_days)`` over interactions.

    Why: exponential decay rewards both frequency (more terms) and recency
    (larger terms). Interactions dated after ``today`` count as age 0.
    """
    if not half_life_days > 0:
        raise ValueError(f"half_life_days must be > 0, got {half_life_days!r}")
    today = _as_date(today)
    score = 0.0
    for when in interaction_dates:
        age = max((today - _as_date(when)).days, 0)
        score += 0.5 ** (age / half_life_days)
    return score


def inferred_strength(
    interaction_dates: Iterable[date],
    today: date,
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
) -> float:
    """Tie strength in [1, 5) from interaction dates.

    ``score = sum_i 0.5 ** (age_i / half_life_days)`` (half-life 180 days by
    default) is mapped with the saturating curve

        strength = 1 + 4 * (1 - exp(-score / k)),   k = 1 / ln(4/3) ~ 3.48

    so that: no interactions -> 1.0; one interaction today -> 2.0; one
    interaction half a year ago -> ~1.54; monthly contact over the past year
    (score ~6.9) -> ~4.45; weekly contact -> ~5.0. The curve saturates
    because contact beyond a few times a month says little more about
    closeness, and the result never exceeds the manual maximum of 5.
    """
    score = decay_score(interaction_dates, today, half_life_days)
    return 1.0 + 4.0 * (1.0 - math.exp(-score / SATURATION))


def is_strong(strength: float) -> bool:
    """Strong tie if strength >= 3.5: manual 4-5 are strong, 1-3 weak.

    The same cut applies to inferred strengths: contact about every two
    months over the past year (score ~3.6) gives ~3.59, just strong; a
    single recent interaction (2.0) does not.
    """
    return strength >= STRONG_THRESHOLD
