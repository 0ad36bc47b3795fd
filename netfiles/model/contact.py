"""The objects commands and plugins work with: contacts, interactions, dated notes."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import NamedTuple

from .shared import SharedValues

ATTRIBUTES = ("organization", "role", "industry", "function", "location", "country", "seniority")


class Link(NamedTuple):
    """A wikilink target in a front matter field, with where it stands for diagnostics."""

    target: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)  # no per-object dict: a vault has five times as many as contacts
class Interaction:
    """One dated contact with a person: a log line of theirs, or a dated note that links them."""

    date: _dt.date
    kind: str
    text: str
    source: str  # vault-relative path of the file it came from
    line: int = 0
    gave: bool = False  # `#gave`: I helped them
    got: bool = False  # `#got`: they helped me
    channel: str = "online"

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat(), "kind": self.kind, "text": self.text, "source": self.source,
                "line": self.line, "channel": self.channel, "gave": self.gave, "got": self.got}


@dataclass(eq=False)
class Contact:
    """A person: one Markdown file under a people folder. `front_matter` is the data as written."""

    path: str
    name: str
    front_matter: dict
    aliases: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    education: list[str] = field(default_factory=list)
    knows: list[Link] = field(default_factory=list)
    introduced_by: list[Link] = field(default_factory=list)
    met: _dt.date | None = None
    birthday: str | None = None
    snooze_until: _dt.date | None = None
    cadence_days: int | None = None  # None: the vault default; 0: `never`
    strength: int | None = None
    linkedin: str | None = None  # normalised
    organization: str | None = None
    role: str | None = None
    industry: str | None = None
    function: str | None = None
    location: str | None = None
    country: str | None = None
    seniority: str | None = None
    how_met: str | None = None
    mentions: list[str] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)  # newest first, log and notes together

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1][:-3]

    @property
    def last_contact(self) -> _dt.date | None:
        """The newest interaction date, from the log or from dated notes (docs/format.md, section 4)."""
        return self.interactions[0].date if self.interactions else None

    @property
    def dates(self) -> tuple[_dt.date, ...]:
        """The contact days: each day with an interaction once, newest first; what strength and tiers count."""
        return tuple(sorted({i.date for i in self.interactions}, reverse=True))

    @property
    def written_tier(self) -> str | None:
        """The `tier` written in the file when it is a valid tier name, else None (see `netfiles.rules.tiers`)."""
        from ..rules.tiers import tier_value

        return tier_value(self.front_matter.get("tier")) if isinstance(self.front_matter, dict) else None

    @property
    def added(self) -> _dt.date | None:
        """The `added` (or `created`) date written in the front matter (see `netfiles.entered_vault`)."""
        from ..rules.entered import added_date

        return added_date(self.front_matter)

    def attribute(self, name: str):
        """A field by name: the typed value for known fields, else the front matter value as written."""
        if name in ATTRIBUTES or name in ("name", "path", "how_met", "strength", "linkedin"):
            return getattr(self, name)
        if name in ("tags", "aliases", "emails", "phones", "education"):
            return getattr(self, name)
        return self.front_matter.get(name)

    def __repr__(self) -> str:
        return f"Contact({self.name!r}, {self.path!r})"

    @classmethod
    def from_record(cls, path: str, record: dict, channel_of=None, values: "SharedValues | None" = None) -> "Contact":
        """Rebuild a contact from its index record; `channel_of(kind)` sets each interaction's channel.

        With `values` (one for many contacts), equal texts and dates of all of them are one object each.
        """
        values = values if values is not None else SharedValues()
        share = values.shared
        day = values.day
        channel_of = channel_of or (lambda kind: "online")
        log = [Interaction(day(d), share(kind), text, path, line, gave, got, share(channel_of(kind)))
               for d, kind, text, line, gave, got in record.get("log", [])]
        get = record.get
        return cls(
            path=path, name=share(record["name"]), front_matter=share(get("fm", {})),
            aliases=share(get("aliases", [])), emails=share(get("emails", [])), phones=share(get("phones", [])),
            tags=share(get("tags", [])), education=share(get("education", [])),
            knows=[Link(share(t), line, col) for t, line, col in get("knows", [])],
            introduced_by=[Link(share(t), line, col) for t, line, col in get("introduced_by", [])],
            met=day(record["met"]) if get("met") else None,
            birthday=share(get("birthday")),
            snooze_until=day(record["snooze_until"]) if get("snooze_until") else None,
            cadence_days=get("cadence_days"), strength=get("strength"), linkedin=share(get("linkedin")),
            organization=share(get("organization")), role=share(get("role")), industry=share(get("industry")),
            function=share(get("function")), location=share(get("location")), country=share(get("country")),
            seniority=share(get("seniority")), how_met=share(get("how_met")),
            mentions=share(get("mentions", [])), interactions=log,
        )


class ContactFacts(NamedTuple):
    """What reminders, tiers and `ls` need of one contact, read from the index's columns without loading the contact.

    It has the attributes of `Contact` that those rules read, so the same rule functions
    (`netfiles.tie_strength`, `netfiles.contact_tiers`, the reminders' due dates) take either.
    `dates` holds the contact days, log and dated notes, each once, newest first. A named tuple:
    a vault of 100,000 contacts makes 100,000 of them, and a tuple is made several times faster.
    """

    path: str
    name: str
    tags: tuple[str, ...] = ()
    met: _dt.date | None = None
    birthday: str | None = None
    snooze_until: _dt.date | None = None
    cadence_days: int | None = None
    strength: int | None = None  # only a valid written strength (1..5)
    written_tier: str | None = None
    added: _dt.date | None = None
    dates: tuple[_dt.date, ...] = ()
    organization: str | None = None
    role: str | None = None
    industry: str | None = None
    location: str | None = None
    country: str | None = None
    emails: tuple[str, ...] = ()

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1][:-3]

    @property
    def last_contact(self) -> _dt.date | None:
        return self.dates[0] if self.dates else None


@dataclass(frozen=True)
class Note:
    """A dated Markdown file outside the people folders: one `note` interaction with each contact it links."""

    path: str
    date: _dt.date
    links: tuple[str, ...]
    title: str


@dataclass
class IndexChanges:
    """What one refresh of the index found: vault-relative paths of Markdown files."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def to_dict(self) -> dict:
        return {"added": len(self.added), "changed": len(self.changed), "removed": len(self.removed),
                "unchanged": self.unchanged}
