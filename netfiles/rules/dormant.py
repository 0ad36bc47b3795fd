"""Dormant ties worth reviving: once strong, silent for two years or more, ranked by what is new about them.

Reconnecting with dormant ties gives advice as useful as current ties and
more novel (Levin, Walter & Murnighan 2011, "Dormant ties: the value of
reconnecting", Organization Science 22(4):923-939); people tend to pick the
ties they like rather than those that would bring most (Walter, Levin &
Murnighan 2015, "Reconnection choices", Organization Science
26(5):1447-1465). So the list is ranked by novelty, one point for each of:

1. their organization differs from yours (`[me] organization`);
2. their industry differs from yours (`[me] industry`);
3. nobody in your active core (inner and core tiers) is at their organization;
4. nobody in your active core is in their industry;
5. they moved since: their log names an organization of your vault other
   than the one they are at now.

A point whose data is missing is "not measured", never counted. Ties score
equal: the stronger past tie first, then the longer silence.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from .strength import contact_days, peak_strength
from .tiers import CORE, DORMANT, INNER, TierSettings, contact_tiers


@dataclass
class DormantTie:
    name: str
    path: str
    organization: str | None
    industry: str | None
    peak_strength: float
    peak_day: _dt.date | None
    last_contact: _dt.date | None
    contact_days: int
    silent_days: int | None
    tier_source: str
    novelty: int = 0
    evidence: list[str] = field(default_factory=list)
    not_measured: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"name": self.name, "path": self.path, "novelty": self.novelty, "evidence": self.evidence,
                "not_measured": self.not_measured, "organization": self.organization, "industry": self.industry,
                "peak_strength": round(self.peak_strength, 2), "peak_day": iso(self.peak_day),
                "last_contact": iso(self.last_contact), "silent_days": self.silent_days,
                "contact_days": self.contact_days, "tier_source": self.tier_source}


def _fold(value) -> str:
    return str(value).strip().casefold() if value not in (None, "") else ""


def dormant_ties(vault, today: _dt.date, settings: TierSettings | None = None) -> list[DormantTie]:
    """The dormant-tier contacts (inferred or written), most novel first (see the module doc)."""
    settings = settings or TierSettings.from_config(vault.config)
    tiers = contact_tiers(vault, today, settings)
    me = vault.config.me or {}
    my_org, my_industry = _fold(me.get("organization")), _fold(me.get("industry"))
    facts = vault.contact_facts()  # the index's columns; only the dormant contacts are read in full
    active = [c for c in facts if tiers[c.path].name in (INNER, CORE)]
    core_orgs = {_fold(c.organization) for c in active} - {""}
    core_industries = {_fold(c.industry) for c in active} - {""}
    known_orgs = {_fold(o): str(o).strip() for o in [me.get("organization"), *(c.organization for c in facts)]
                  if len(_fold(o)) >= 3}
    found = []
    for fact in facts:
        tier = tiers[fact.path]
        if tier.name != DORMANT:
            continue
        contact = vault.contact_at(fact.path)
        days = contact_days([i.date for i in contact.interactions], today)
        peak, peak_day = peak_strength(days, today, settings.half_life_days)
        last = days[-1] if days else None
        tie = DormantTie(contact.name, contact.path, contact.organization, contact.industry, peak, peak_day,
                         last, len(days), (today - last).days if last else None, tier.source)
        _score(tie, contact, my_org, my_industry, core_orgs, core_industries, known_orgs, bool(active))
        found.append(tie)
    found.sort(key=lambda t: (-t.novelty, -t.peak_strength, -(t.silent_days or 0), t.name.casefold(), t.path))
    return found


def _score(tie, contact, my_org, my_industry, core_orgs, core_industries, known_orgs, has_core) -> None:
    org, industry = _fold(contact.organization), _fold(contact.industry)

    def point(measured: bool, holds: bool, yes: str, what: str) -> None:
        if not measured:
            tie.not_measured.append(what)
        elif holds:
            tie.novelty += 1
            tie.evidence.append(yes)

    point(bool(org and my_org), org != my_org, f"organization {contact.organization} is not yours",
          "organization vs yours (add `organization` to the contact and to [me])")
    point(bool(industry and my_industry), industry != my_industry, f"industry {contact.industry} is not yours",
          "industry vs yours (add `industry` to the contact and to [me])")
    point(bool(org and has_core), org not in core_orgs, f"nobody in your active core is at {contact.organization}",
          "organization vs your core (needs `organization` and an active core)")
    point(bool(industry and has_core), industry not in core_industries,
          f"nobody in your active core is in {contact.industry}",
          "industry vs your core (needs `industry` and an active core)")
    if org:
        text = " ".join(i.text for i in contact.interactions).casefold()
        earlier = sorted(shown for key, shown in known_orgs.items()
                         if key != org and re.search(r"\b" + re.escape(key) + r"\b", text))
        if earlier:
            tie.novelty += 1
            tie.evidence.append(f"moved since: the log names {', '.join(earlier)}, now at {contact.organization}")
