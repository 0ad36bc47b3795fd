"""Can the user keep the promise their cadences make? The `check` rules REM001 and REM002.

A contact every `c` days asks for 7/c contacts a week; summed over the
contacts whose reminders the files promise (a written cadence, or a written
`tier` among `reminders.tiers`, at the default cadence), that is the weekly
load the vault promises. More than `reminders.per_week` is a promise the user
cannot keep. Contacts placed in a tier only by inference are left out: the
promise is what the files say, so a fresh import of 800 LinkedIn connections
(no cadence, no tier) raises nothing, and `check` needs no date.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import netfiles

from .schedule import format_days
from .settings import CONFIG_PATH, SettingError, per_week, setting_line


@dataclass
class Capacity:
    """The weekly load the cadences ask for, against what `per_week` allows."""

    per_week: int
    load: float  # contacts a week the cadences ask for
    contacts: int  # contacts with a cadence (not `never`)
    by_cadence: dict[int, int] = field(default_factory=dict)  # cadence days -> number of contacts

    @property
    def over(self) -> bool:
        return self.load > self.per_week + 1e-9

    def to_dict(self) -> dict:
        return {"per_week": self.per_week, "load_per_week": round(self.load, 2), "contacts": self.contacts,
                "by_cadence": {str(k): v for k, v in sorted(self.by_cadence.items())}}


def weekly_load(vault) -> tuple[float, dict[int, int]]:
    """Σ 7 / cadence_days over the promised contacts (see the module doc), and how many have each cadence."""
    from .settings import covered_tiers

    try:
        tiers = covered_tiers(vault)
    except SettingError:
        tiers = ()
    counts: Counter[int] = Counter()
    default = vault.default_cadence_days()
    for cadence, tier in vault.contact_fields("cadence_days", "written_tier"):  # two columns, no contact loaded
        days = default if cadence is None else cadence
        if days and (cadence or tier in tiers):
            counts[days] += 1
    return sum(7 * n / days for days, n in counts.items()), dict(counts)


def capacity(vault) -> Capacity:
    """The vault's weekly load; raises SettingError when `per_week` is not usable."""
    allowed = per_week(vault)
    load, counts = weekly_load(vault)
    return Capacity(allowed, load, sum(counts.values()), counts)


def _advice(cap: Capacity) -> str:
    """What to change: the cadences that weigh most, and the per_week that would fit."""
    heaviest = sorted(cap.by_cadence.items(), key=lambda kv: (-7 * kv[1] / kv[0], kv[0]))[:2]
    parts = [f"{n} contact{'s' * (n != 1)} at cadence {format_days(days)} ({7 * n / days:.1f}/week)"
             for days, n in heaviest]
    return (f"heaviest: {', '.join(parts)}. Lengthen some cadences, set `cadence: never` where you no longer "
            f"mean to keep in touch, or raise per_week to {math.ceil(cap.load - 1e-9)}")


def check_capacity(vault) -> list:
    """REM002 (error) when `reminders.per_week` is unusable, else REM001 (warning) when over capacity."""
    try:
        cap = capacity(vault)
    except SettingError as exc:
        line = setting_line(vault, "per_week")
        message = str(exc).split(": ", 1)[1]  # the diagnostic's path already names the file
        return [netfiles.Diagnostic(CONFIG_PATH, line, 1 if line else 0, "REM002", netfiles.ERROR, message)]
    if not cap.over:
        return []
    message = (f"your cadences ask for {cap.load:.2f} contacts a week ({cap.contacts} contacts) but "
               f"reminders.per_week allows {cap.per_week}: {_advice(cap)}")
    line = setting_line(vault, "per_week")
    return [netfiles.Diagnostic(CONFIG_PATH, line, 1 if line else 0, "REM001", netfiles.WARNING, message)]
