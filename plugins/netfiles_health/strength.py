"""Tie strength for the health plugin: a thin layer over the core's `netfiles.rules.strength`.

The rules (distinct contact days, decay, the curve and the strong cut) live in
the core so that tiers, reminders and plugins share one implementation; see
`netfiles/rules/strength.py` and docs/plugins.md. The names here stay for the
plugin's existing callers.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

import netfiles as _core

__all__ = [
    "DEFAULT_HALF_LIFE_DAYS",
    "SATURATION",
    "STRONG_THRESHOLD",
    "decay_score",
    "inferred_strength",
    "is_strong",
]

DEFAULT_HALF_LIFE_DAYS = _core.DEFAULT_HALF_LIFE_DAYS
SATURATION = _core.STRENGTH_SATURATION
STRONG_THRESHOLD = _core.STRONG_THRESHOLD


def decay_score(interaction_dates: Iterable[date], today: date,
                half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> float:
    """Decayed count of distinct contact days up to `today` (`netfiles.rules.strength.decay_score`)."""
    return _core.decay_score(interaction_dates, today, half_life_days)


def inferred_strength(interaction_dates: Iterable[date], today: date,
                      half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> float:
    """Tie strength in [1, 5) from interaction dates (`netfiles.rules.strength.inferred_strength`)."""
    return _core.inferred_strength(interaction_dates, today, half_life_days)


def is_strong(strength: float) -> bool:
    """Strong tie if strength >= 3.5 (`netfiles.rules.strength.is_strong`)."""
    return _core.is_strong(strength)
