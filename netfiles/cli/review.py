"""`netfiles review`: the first-day ritual of picking your core network, one contact at a time.

The queue holds the untriaged contacts (no written `tier`), so a review can
stop at any point and resume where it left off. Order:

1. strongest evidence first: contacts with a contact day in the last year, a
   written cadence or a written strength, strongest first;
2. then dormant strong ties (once strong, silent for two years), strongest
   past tie first;
3. then everyone else, from the groups you see least: grouped by
   `[review] group_by` (default `industry`), the group whose latest contact
   is oldest (never first), smaller groups first, then by name.

Each decision is one line in the contact's file: `tier`, `cadence` or a tag.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..model.dates import parse_cadence
from ..rules.strength import contact_days, peak_strength, tie_strength
from ..rules.tiers import DORMANT, TIERS, TierSettings, contact_tiers, written_tier

EVIDENCE, DORMANT_TIES, QUIET_GROUPS = "evidence", "dormant", "quiet group"
KEYS = {"i": "inner", "c": "core", "w": "wider", "d": "dormant"}


@dataclass
class Candidate:
    name: str
    path: str
    section: str
    tier: str  # inferred
    tier_reason: str
    strength: float
    strength_source: str
    last_contact: _dt.date | None
    contact_days: int
    organization: str | None = None
    role: str | None = None
    group: str | None = None
    peak: float = 1.0  # the strongest the tie ever was (netfiles.peak_strength)
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"name": self.name, "path": self.path, "section": self.section, "inferred_tier": self.tier,
                "tier_reason": self.tier_reason, "strength": round(self.strength, 2),
                "strength_source": self.strength_source,
                "last_contact": self.last_contact.isoformat() if self.last_contact else None,
                "contact_days": self.contact_days, "organization": self.organization, "role": self.role,
                "group": self.group, "evidence": self.evidence}


def group_field(vault) -> str:
    value = vault.config.section("review").get("group_by", "industry")
    return value.strip() if isinstance(value, str) and value.strip() else "industry"


def review_queue(vault, today: _dt.date) -> list[Candidate]:
    """The untriaged contacts in review order (see the module doc)."""
    settings = TierSettings.from_config(vault.config)
    tiers = contact_tiers(vault, today, settings)
    by_group: dict[str, list] = {}
    grouping = group_field(vault)
    first, dormant, rest = [], [], []
    since = today - _dt.timedelta(days=settings.core_window_days)
    for contact in vault.each_contact():  # one at a time: a candidate keeps what it shows, not the contact
        days = contact_days([i.date for i in contact.interactions], today)
        raw_group = contact.attribute(grouping)
        group = ", ".join(map(str, raw_group)) if isinstance(raw_group, list) else raw_group
        group = str(group) if group not in (None, "") else None
        by_group.setdefault((group or "").casefold(), []).append(days[-1] if days else None)
        if written_tier(contact) is not None:
            continue
        strength = tie_strength(contact, today, settings.half_life_days)
        tier = tiers[contact.path]
        candidate = Candidate(contact.name, contact.path, "", tier.name, tier.reason, strength.value, strength.source,
                              days[-1] if days else None, len(days), contact.organization, contact.role, group)
        candidate.evidence = _evidence(contact, candidate, days, since)
        recent = any(d > since for d in days)
        if recent or contact.cadence_days or strength.source == "written":
            candidate.section = EVIDENCE
            first.append(candidate)
        elif tier.name == DORMANT:
            candidate.section = DORMANT_TIES
            dormant.append(candidate)
        else:
            candidate.section = QUIET_GROUPS
            rest.append(candidate)
    first.sort(key=lambda c: (-c.strength, -c.contact_days, c.name.casefold(), c.path))
    dormant.sort(key=lambda c: (-c.peak, c.name.casefold(), c.path))

    def group_key(c: Candidate):
        dates = by_group[(c.group or "").casefold()]
        latest = max((d for d in dates if d is not None), default=None)
        return (latest is not None, latest or _dt.date.min, len(dates), (c.group or "~").casefold(),
                c.name.casefold(), c.path)

    rest.sort(key=group_key)
    return first + dormant + rest


def _evidence(contact, candidate: Candidate, days, since) -> list[str]:
    lines = [f"strength {candidate.strength:.1f} ({candidate.strength_source})"]
    recent = sum(1 for d in days if d > since)
    if days:
        lines.append(f"{len(days)} contact day{'s' * (len(days) != 1)}, {recent} in the last year; "
                     f"last {days[-1].isoformat()}")
        peak, when = peak_strength(days, days[-1])
        candidate.peak = peak
        lines.append(f"strongest: {peak:.1f}" + (f" on {when.isoformat()}" if when else ""))
    else:
        lines.append("no interaction logged")
    if contact.cadence_days:
        lines.append(f"written cadence: {contact.front_matter.get('cadence')}")
    if contact.met:
        lines.append(f"met {contact.met.isoformat()}" + (f" ({contact.how_met})" if contact.how_met else ""))
    lines.append(f"inferred tier: {candidate.tier} ({candidate.tier_reason})")
    return lines


def parse_decision(text: str) -> tuple[str, str]:
    """`tier=core`, `cadence=2m`, `tag=mentor` (also `tags=`): checked, else ValueError with what to write."""
    key, sep, value = text.partition("=")
    key, value = key.strip().casefold(), value.strip()
    if not sep or not value:
        raise ValueError(f"{text!r}: write tier=core, cadence=2m or tag=NAME")
    if key == "tier":
        if value.casefold() not in TIERS:
            raise ValueError(f"invalid tier {value!r}: use {', '.join(TIERS)}")
        return "tier", value.casefold()
    if key == "cadence":
        if parse_cadence(value) is None:
            raise ValueError(f"invalid cadence {value!r}: use 2w, 1m, quarterly, never...")
        return "cadence", value
    if key in ("tag", "tags"):
        return "tag", value.lstrip("#")
    raise ValueError(f"{text!r}: review sets tier, cadence or tag")


def apply_decision(vault, contact, key: str, value: str) -> str:
    """Write one decision into the contact's file (one line); returns what changed, for the user."""
    from ..writing.fieldwrite import add_to_list, set_field

    path = vault.abspath(contact)
    if key == "tag":
        added = add_to_list(path, "tags", value)
        return f"{contact.path}: tag {value} " + ("added" if added else "already there")
    line = set_field(path, key, value)
    return f"{contact.path}: {line}"
