"""People seen in mail and calendars, gathered by address before merging.

Calendar and mail importers see the same people many times (each meeting,
each mail); `Evidence` collects them by email address, one interaction per
person per day and kind, with who else was there, and turns them into
`netfiles.Incoming` items: people who are not contacts are only created
with `--create-min N` (at least N days of interaction).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import netfiles

# Senders and recipients that are machines or lists, not people.
_ROBOT_RE = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|bounces?|notifications?|"
    r"newsletter|updates?|marketing|info|support|billing|invoices?|calendar|"
    r"calendar-notification|listserv|majordomo|owner-[^@]*|[^@]*-(?:request|bounces|owner))(?:[+@]|$)",
    re.IGNORECASE)
_ROBOT_DOMAIN_RE = re.compile(r"@(?:[^@]*\.)?(?:googlegroups\.com|groups\.io|lists\.[^@]+|resource\.calendar\.google\.com)$",
                              re.IGNORECASE)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_robot(address: str) -> bool:
    """A no-reply, notification or mailing-list address (never a contact)."""
    return bool(_ROBOT_RE.match(address) or _ROBOT_DOMAIN_RE.search(address))


def name_from_address(address: str) -> str:
    """"ana.souza@x.org" -> "Ana Souza": a readable name when a source gives none."""
    local = address.split("@", 1)[0].split("+", 1)[0]
    words = [w.rstrip("0123456789") for w in re.split(r"[._\-]+", local)]
    words = [w for w in words if w]
    return " ".join(w.capitalize() for w in words) or address


@dataclass
class _Person:
    address: str
    names: Counter = field(default_factory=Counter)
    days: dict = field(default_factory=dict)  # (date, kind) -> [texts, co-participant addresses, largest group]


class Evidence:
    """Interactions by person (email address), for one import."""

    def __init__(self, owner: "netfiles.Owner", what: str):
        self.owner = owner
        self.what = what  # "meeting(s)", "mail(s)": how notes count them
        self.people: dict[str, _Person] = {}
        self.robots: set[str] = set()

    def add(self, day: date, kind: str, people: list[tuple[str, str]], text: str = "",
            log_only: set[str] | None = None) -> None:
        """One event or mail on `day` with `people` ((address, display name);
        the owner is left out here); everyone there, or only the addresses in
        `log_only`, gets the interaction, with the others as co-participants."""
        seen: dict[str, str] = {}
        for address, name in people:
            address = address.strip().lower()
            if not _EMAIL_RE.match(address) or self.owner.has_email(address):
                continue
            if name and netfiles.name_key(name) in self.owner.names:
                continue  # the owner under an address missing from [me] emails
            if is_robot(address):
                self.robots.add(address)
                continue
            if address not in seen or (name and not seen[address]):
                seen[address] = (name or "").strip()
        size = len(seen) + 1  # with the owner
        for address, name in seen.items():
            if log_only is not None and address not in log_only:
                continue
            person = self.people.setdefault(address, _Person(address))
            if name and name.lower() != address:
                person.names[name] += 1
            slot = person.days.setdefault((day, kind), [[], set(), 0])
            if text and text not in slot[0]:
                slot[0].append(text)
            slot[1].update(a for a in seen if a != address)
            slot[2] = max(slot[2], size)

    def items(self, create_min: int | None) -> list:
        """One `netfiles.Incoming` per person; new files only for those with at
        least `create_min` days of interaction."""
        items = []
        for address in sorted(self.people):
            person = self.people[address]
            names = [name for name, _count in person.names.most_common()]
            name = names[0] if names else name_from_address(address)
            interactions = [
                netfiles.InteractionRecord(day, kind, "; ".join(texts), tuple(sorted(others)), size)
                for (day, kind), (texts, others, size) in sorted(person.days.items())
            ]
            record = netfiles.ContactRecord(name=name, emails=[address], interactions=interactions,
                                            extra={"names": names})
            count = len({day for day, _kind in person.days})
            items.append(netfiles.Incoming(
                record, {"emails": [address]}, key=address,
                create=create_min is not None and count >= create_min,
                why_not_created=f"{address}, {count} day(s) of {self.what}, not a contact"))
        return items

    def summarise(self, report) -> None:
        """Notes on who was left out and why (after merging)."""
        absent = [s for s in report.skipped if s.endswith("not a contact")]
        if absent:
            report.notes.append(
                f"IMP002 {len(absent)} people in these {self.what} are not contacts and were not created "
                "(--dry-run lists them; --create-min N creates those with at least N days of interaction)")
        if self.robots:
            report.notes.append(f"IMP003 {len(self.robots)} no-reply, notification or mailing-list addresses "
                                "ignored (they are not people)")
