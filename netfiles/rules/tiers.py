"""Tiers: which layer of your network each contact is in, from evidence and settings (docs/tiers.md).

- `inner`: the closest, at most `inner_size` (15): written strength 5, or an
  inferred strength of at least `inner_strength` (4.0, contact about every
  two or three weeks), strongest first.
- `core`: a written cadence (not `never`), a written strength of 3 or more,
  or regular recent contact: at least `core_days` (3) distinct contact days
  in the last `core_window_days` (365), or a strong inferred tie. Inferred
  core members are capped at `core_size` (150), strongest first.
- `dormant`: once a regular tie (the inferred strength reached `dormant_strength`,
  2.9, on some day: about every two months for most of a year; see
  `netfiles.peak_strength`) and silent for `dormant_days` (730) or more.
- `wider`: everyone else.

A written `tier` field overrides all of this. Layer sizes follow Dunbar's
layers (Zhou, Sornette, Hill & Dunbar 2005; Hill & Dunbar 2003); dormant ties
follow Levin, Walter & Murnighan (2011).
"""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass, fields
from itertools import repeat
from operator import attrgetter
from typing import Callable, NamedTuple, Sequence

from ..model.contact import ContactFacts
from ..model.config import CONFIG_PATH
from ..model.errors import SettingError
from ..model.dates import add_days
from .strength import DEFAULT_HALF_LIFE_DAYS, INFERRED, STRONG_THRESHOLD, WRITTEN, day_weights, days_peak, strength_parts

INNER, CORE, DORMANT, WIDER = "inner", "core", "dormant", "wider"
TIERS = (INNER, CORE, DORMANT, WIDER)
CONFIG_TABLE = "tiers"


@dataclass(frozen=True)
class TierSettings:
    """The `[tiers]` table of `.netfiles/config.toml`; every key optional."""

    inner_size: int = 15
    inner_strength: float = 4.0
    core_size: int = 150
    core_days: int = 3
    core_window_days: int = 365
    dormant_days: int = 730
    dormant_strength: float = 2.9  # every two months for nine months peaks at 2.97, for a year at 3.13
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS

    @classmethod
    def from_config(cls, config) -> "TierSettings":
        """Read `[tiers]`; a value of the wrong kind is a `SettingError` naming the key."""
        table = config.section(CONFIG_TABLE) if config is not None else {}
        values = {}
        for f in fields(cls):
            if f.name not in table:
                continue
            value = table[f.name]
            number_ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
            if not number_ok or (f.type == "int" and not isinstance(value, int)):
                kind = "a positive whole number" if f.type == "int" else "a positive number"
                raise SettingError(f"{CONFIG_PATH}: `tiers.{f.name}` must be {kind}; it is {value!r}")
            values[f.name] = value
        for key in ("inner_strength", "dormant_strength"):
            if key in values and not 1 < values[key] <= 5:
                raise SettingError(f"{CONFIG_PATH}: `tiers.{key}` must be above 1 and at most 5")
        return cls(**values)


class Tier(NamedTuple):
    """A contact's tier, whether it is written in the file or inferred, and the evidence in one line.

    A named tuple: the tiers are found for every contact of the vault at once (100,000 on a large one).
    """

    name: str
    source: str  # "written" or "inferred"
    reason: str

    def to_dict(self) -> dict:
        return {"tier": self.name, "tier_source": self.source, "tier_reason": self.reason}


def written_tier(contact) -> str | None:
    """The file's `tier` when it is one of TIERS (any case); invalid values are check's NF207, not a tier.

    `contact` is a `Contact` or its `ContactFacts` (which the index stores with the tier already read).
    """
    return contact.written_tier


def tier_value(value) -> str | None:
    """A written `tier` value as a tier name, or None when it is none of TIERS."""
    if isinstance(value, str) and value.strip().casefold() in TIERS:
        return value.strip().casefold()
    return None


class Evidence(NamedTuple):
    """What the tier rules look at for one contact, as of one day (a named tuple: one per contact)."""

    strength: float
    strength_source: str
    recent_days: int  # distinct contact days in the core window
    last_contact: _dt.date | None
    peak: float | None  # None when the contact is not silent for `dormant_days`: the peak cannot matter then
    peak_day: _dt.date | None
    written_cadence: bool


def evidence(contact, today: _dt.date, settings: TierSettings, since: _dt.date | None = None) -> Evidence:
    """`since`, when given, is the start of the core window (`today` - `core_window_days`), found once for many.

    `contact.dates` are the contact days, each once, newest first (`Contact` and `ContactFacts` alike),
    so `contact_days`' set and sort are not needed: the days up to `today`, oldest first, are a slice.
    """
    newest_first = contact.dates
    days = newest_first[::-1]
    if newest_first and newest_first[0] > today:  # days after `today` do not count yet
        days = days[:bisect.bisect_right(days, today)]
    if since is None:
        since = add_days(today, -settings.core_window_days)
    strength, source = strength_parts(contact, days, day_weights(today, settings.half_life_days))  # `tie_strength`
    if not days:
        return _make_evidence(Evidence, (strength, source, 0, None, 1.0, None, bool(contact.cadence_days)))
    # The peak (a Python pass over every day) only decides `dormant`, which needs a long silence first.
    peak: float | None
    if (today - days[-1]).days >= settings.dormant_days:
        peak, peak_day = days_peak(days, settings.half_life_days)
    else:
        peak, peak_day = None, None
    recent = len(days) - bisect.bisect_right(days, since)  # days after `since`: `days` is sorted
    return _make_evidence(Evidence, (strength, source, recent, days[-1], peak, peak_day, bool(contact.cadence_days)))


_make_evidence = tuple.__new__  # `Evidence._make` without its Python-level call: one per contact


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _people(n: int) -> str:
    return f"{n} closer {'person' if n == 1 else 'people'}"


def contact_evidence(vault, today: _dt.date, settings: TierSettings) -> dict[str, Evidence]:
    """Every contact's `Evidence` as of `today`, keyed by path; computed once per vault, today and settings."""
    return vault.remembered(("tier evidence", today, settings), lambda: dict(zip(
        [c.path for c in vault.contact_facts()], _evidence_in_order(vault, today, settings))))


def _evidence_in_order(vault, today: _dt.date, settings: TierSettings) -> list[Evidence]:
    """`contact_evidence` in the order of `vault.contact_facts()`: the tiers walk both side by side, without
    looking each contact up by path (on 100,000 contacts every pass over a dict of them counts)."""
    since = add_days(today, -settings.core_window_days)
    return vault.remembered(("tier evidence in order", today, settings),
                            lambda: [evidence(c, today, settings, since) for c in vault.contact_facts()])


def contact_tiers(vault, today: _dt.date, settings: TierSettings | None = None) -> dict[str, Tier]:
    """Every contact's tier, keyed by path (see the module doc for the rules), from the index's `ContactFacts`,
    with the sentence saying why (`Tier.reason`). `tier_names` gives the tiers alone, at a fraction of the cost.

    Computed once per vault, today and settings (until `Vault.forget`): `due`, `ls --tier` and the rest
    of one command share it.
    """
    settings = settings or TierSettings.from_config(vault.config)
    return vault.remembered(("tiers", today, settings), lambda: _contact_tiers(vault, today, settings))


def tier_names(vault, today: _dt.date, settings: TierSettings | None = None) -> dict[str, str]:
    """Every contact's tier name, keyed by path: `contact_tiers` without the reasons, which `due` and
    `ls --tier` do not show (writing them for 100,000 contacts took most of the tiers' time)."""
    settings = settings or TierSettings.from_config(vault.config)
    return vault.remembered(("tier names", today, settings),
                            lambda: {path: name for path, (name, _why) in _assigned(vault, today, settings).items()})


def _contact_tiers(vault, today: _dt.date, settings: TierSettings) -> dict[str, Tier]:
    known = contact_evidence(vault, today, settings)
    return {path: Tier(name, _source(why), _reason(why, known[path], settings, today))
            for path, (name, why) in _assigned(vault, today, settings).items()}


# Why a contact is in its tier: `_assigned` says which rule placed it, `_reason` turns that into a sentence
(_WRITTEN_TIER, _INNER, _INNER_FULL, _CADENCE, _WRITTEN_STRENGTH, _REGULAR, _DORMANT, _CORE_FULL, _NO_INTERACTION,
 _WIDER) = range(10)
_WRITTEN_TIERS = {name: (name, _WRITTEN_TIER) for name in TIERS}


def _assigned(vault, today: _dt.date, settings: TierSettings) -> dict[str, tuple[str, int]]:
    """{path: (tier, which rule placed it)} of every contact: the rules of the module doc, in one place."""
    return vault.remembered(("tier rules", today, settings), lambda: _assign(vault, today, settings))


def _assign(vault, today: _dt.date, settings: TierSettings) -> dict[str, tuple[str, int]]:
    # Walked by position in `contact_facts()` order, not by path: on 100,000 contacts each dictionary
    # lookup per contact and pass costs more than the rule it serves.
    facts = vault.contact_facts()
    known = _evidence_in_order(vault, today, settings)
    placed: list[tuple[str, int] | None] = [None] * len(facts)
    inner_candidates = []
    for i, contact in enumerate(facts):
        written = contact.written_tier  # `written_tier(contact)`
        if written is not None:
            placed[i] = _WRITTEN_TIERS[written]
            continue
        e = known[i]
        if ((e.strength_source == WRITTEN and e.strength >= 5)
                or (e.strength_source == INFERRED and e.strength >= settings.inner_strength)):
            inner_candidates.append(i)

    def strongest(positions: list[int]) -> list[int]:
        return sorted(positions, key=lambda i: (-known[i].strength, -(known[i].last_contact or _dt.date.min).toordinal(),
                                                facts[i].path))

    ranked_inner = strongest(inner_candidates)
    for i in ranked_inner[:settings.inner_size]:
        placed[i] = _PLACED_INNER
    for i in ranked_inner[settings.inner_size:]:
        placed[i] = _PLACED_INNER_FULL
    inferred_core = []
    for i, e in enumerate(known):
        if placed[i] is not None:
            continue
        if e.written_cadence:
            placed[i] = _PLACED_CADENCE
        elif e.strength_source == WRITTEN and e.strength >= 3:
            placed[i] = _PLACED_WRITTEN_STRENGTH
        elif e.recent_days >= settings.core_days or (e.strength_source == INFERRED and e.strength >= STRONG_THRESHOLD):
            inferred_core.append(i)
    ranked_core = strongest(inferred_core)
    for i in ranked_core[:settings.core_size]:
        placed[i] = _PLACED_REGULAR
    for i in ranked_core[settings.core_size:]:
        placed[i] = _PLACED_CORE_FULL  # unless dormant, below
    silent_since = add_days(today, -settings.dormant_days)  # last contact on or before it: silent long enough
    for i, e in enumerate(known):
        found = placed[i]
        if found is not None and found is not _PLACED_CORE_FULL:
            continue
        if (e.peak is not None and e.peak >= settings.dormant_strength and e.peak_day and e.last_contact
                and e.last_contact <= silent_since):
            placed[i] = _PLACED_DORMANT
        elif found is None:
            placed[i] = _PLACED_NO_INTERACTION if e.last_contact is None else _PLACED_WIDER
    return dict(zip([c.path for c in facts], placed))  # every position is placed by now


_PLACED_INNER, _PLACED_INNER_FULL = (INNER, _INNER), (CORE, _INNER_FULL)
_PLACED_CADENCE, _PLACED_WRITTEN_STRENGTH, _PLACED_REGULAR = (CORE, _CADENCE), (CORE, _WRITTEN_STRENGTH), (CORE, _REGULAR)
_PLACED_DORMANT, _PLACED_CORE_FULL = (DORMANT, _DORMANT), (WIDER, _CORE_FULL)
_PLACED_NO_INTERACTION, _PLACED_WIDER = (WIDER, _NO_INTERACTION), (WIDER, _WIDER)


def _source(why: int) -> str:
    """`Tier.source`: "written" for a tier written in the file, else "inferred"."""
    return WRITTEN if why == _WRITTEN_TIER else INFERRED


def _reason(why: int, e: Evidence, settings: TierSettings, today: _dt.date) -> str:
    """The sentence of `Tier.reason`: which rule of `_assign` placed the contact, with its evidence."""
    if why == _WRITTEN_TIER:
        return "`tier` written in the file"
    if why == _INNER:
        strength = "written strength 5" if e.strength_source == WRITTEN else (
            f"inferred strength {e.strength:.1f} (at least {settings.inner_strength:g})")
        return f"{strength}; among your {settings.inner_size} closest"
    if why == _INNER_FULL:
        return f"qualifies for inner but inner is full ({_people(settings.inner_size)}; `tiers.inner_size`)"
    if why == _CADENCE:
        return "a written cadence"
    if why == _WRITTEN_STRENGTH:
        return f"written strength {e.strength:.0f}"
    if why == _REGULAR:
        return (f"regular recent contact: {_plural(e.recent_days, 'contact day')} in the "
                f"last {settings.core_window_days} days, strength {e.strength:.1f}")
    if why == _CORE_FULL:
        return f"qualifies for core but core is full ({_people(settings.core_size)}; `tiers.core_size`)"
    if why == _NO_INTERACTION:
        return "no interaction, cadence or strength written"
    assert e.last_contact is not None  # _DORMANT and _WIDER: placed by their last contact
    if why == _DORMANT:
        assert e.peak is not None and e.peak_day is not None
        return (f"strength {e.peak:.1f} on {e.peak_day.isoformat()}, "
                f"silent since {e.last_contact.isoformat()} ({(today - e.last_contact).days} days)")
    return (f"{_plural(e.recent_days, 'contact day')} in the last "
            f"{settings.core_window_days} days, last {e.last_contact.isoformat()}")


def tier_diagnostics(vault, path: str, record: dict) -> list:
    """NF207: a `tier` that is not inner, core, dormant or wider (line found in the file only when needed)."""
    from ..model.diagnostics import Diagnostic

    fm = record.get("fm") or {}
    if not isinstance(fm, dict) or "tier" not in fm or fm["tier"] is None:
        return []
    value = fm["tier"]
    if isinstance(value, str) and value.strip().casefold() in TIERS:
        return []
    line, col = _key_line(vault.root / path, "tier")
    return [Diagnostic.core(path, line, col, "NF207",
                            f"invalid tier {value!r}: use {', '.join(TIERS)} (or remove it to let netfiles infer it)")]


def _key_line(path, key: str) -> tuple[int, int]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0, 0
    for number, text in enumerate(lines[1:], 2):
        if text.rstrip() == "---":
            break
        if text.startswith(key) and text[len(key):].lstrip(" \t'\"").startswith(":"):
            return number, 1
    return 0, 0


def tier_columns(vault, today: _dt.date) -> tuple[tuple[str, ...], Callable[[Sequence], list[list]]]:
    """The columns tiers add to `ls --format json` and a function giving their values for many contacts, a list per
    column: strength with its source, tier with its source and reason, last contact as of `today` (the tiers and
    evidence are computed once, for every contact; each column is then read in one call)."""
    settings = TierSettings.from_config(vault.config)
    placed = _assigned(vault, today, settings)  # the reasons are written for the rows asked, no `Tier` kept for each
    known = contact_evidence(vault, today, settings)
    columns = ("strength", "strength_source", *Tier(WIDER, INFERRED, "").to_dict(), "last_contact")

    def values(contacts: Sequence) -> list[list]:
        if not contacts:
            return [[] for _ in columns]
        paths = list(map(attrgetter("path"), contacts))
        found: list[Evidence | None] = (list(map(known.get, paths)) if set(map(type, contacts)) == {ContactFacts}
                                        else [None] * len(paths))
        if None in found:  # contacts loaded in full (`ls --where`) have their evidence found again
            found = [e or evidence(c, today, settings) for e, c in zip(found, contacts)]
        days = list(map(attrgetter("last_contact"), found))
        day_text = {day: day.isoformat() for day in set(days) if day}  # a few hundred days for thousands of rows
        names, whys = zip(*map(placed.__getitem__, paths))
        return [list(map(round, map(attrgetter("strength"), found), repeat(2))),
                list(map(attrgetter("strength_source"), found)),
                list(names),  # a Tier's fields, as `contact_tiers` makes them: `to_dict`'s keys, in order
                list(map(_source, whys)),
                [_reason(why, known[path], settings, today) for why, path in zip(whys, paths)],
                list(map(day_text.get, days))]

    return columns, values

