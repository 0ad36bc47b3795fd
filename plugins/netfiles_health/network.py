"""The owner's ego network, built from a Vault: who the alters are, how strong each tie is, who knows whom.

- Ego: the vault owner (`[me]` in config). Ego is tied to every contact.
- Alters: the contacts, keyed by their vault-relative path (unique), shown by
  name (disambiguated with the path when two contacts share a name).
- Alter-alter ties: the resolved, undirected `knows` links, and the ties inferred from
  meetings, mails and notes two contacts shared (`netfiles.find_ties`; the report says how many
  of each).
- Tie strength of ego to each alter: the contact's `strength` (1..5) when
  given, else inferred from the log with exponential decay
  (`strength.inferred_strength`), counting only interactions up to `today`.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import netfiles

from .settings import Settings
from .strength import inferred_strength


@dataclass
class EgoNetwork:
    today: _dt.date
    settings: Settings
    me: dict  # the [me] table as written (empty when absent)
    contacts: list  # Contact objects (intro: `IntroContact`s), sorted by path
    names: dict[str, str]  # path -> display name
    strengths: dict[str, float]  # path -> tie strength 1..5
    manual: set[str]  # paths whose strength is written in the file
    ties: list[tuple[str, str]]  # sorted (path, path) pairs: written `knows` and inferred ties
    by_path: dict = field(default_factory=dict)
    inferred: set = field(default_factory=set)  # the pairs of `ties` inferred from shared occasions, not written
    industries: dict = field(default_factory=dict)  # `[industries]`: folded organization -> industry
    inferred_items: dict = field(default_factory=dict)  # attribute -> how many contacts' values were inferred
    _items: dict = field(default_factory=dict, repr=False)  # attribute -> per-contact items (see items)

    @property
    def me_name(self) -> str | None:
        name = self.me.get("name")
        return str(name).strip() if isinstance(name, str) and name.strip() else None

    @property
    def paths(self) -> list[str]:
        return [c.path for c in self.contacts]

    def name(self, path: str) -> str:
        return self.names[path]

    @property
    def knows_weight(self) -> float:
        """The weight of a `knows` tie between two contacts in Burt's measures: the mean ego-tie strength (a `knows`
        tie counts as a typical tie; the measures are scale-invariant, so only this ratio matters)."""
        return sum(self.strengths.values()) / len(self.strengths) if self.strengths else 1.0

    def adjacency(self) -> dict[str, set[str]]:
        adj: dict[str, set[str]] = {p: set() for p in self.names}
        for a, b in self.ties:
            adj[a].add(b)
            adj[b].add(a)
        return adj

    def items(self, attribute: str) -> list[tuple[str, ...]]:
        """Each contact's value of `attribute` as normalised items (computed once per attribute).

        Seniority, function and industry that are not written come from the job title and
        `[industries]` (`netfiles.attributes_of`); `inferred_items` counts them, so the report
        can say which values were written and which inferred.
        """
        found = self._items.get(attribute)
        if found is None:
            found, inferred = [], 0
            for contact in self.contacts:
                items = items_of(contact.attribute(attribute))
                if not items and attribute in INFERABLE:
                    guess = self._guesses(contact).get(attribute)
                    if guess is not None:
                        items, inferred = (guess.value,), inferred + 1
                found.append(items)
            self._items[attribute] = found
            self.inferred_items[attribute] = inferred
        return found

    def _guesses(self, contact) -> dict:
        """`netfiles.attributes_of` for one contact, once for all three attributes it infers."""
        found = self._items.setdefault("_guesses", {})
        if contact.path not in found:
            found[contact.path] = netfiles.attributes_of(contact, self.industries)
        return found[contact.path]

    def interactions_until_today(self, contact):
        return [i for i in contact.interactions if i.date <= self.today]


#: Attributes that `netfiles.attributes_of` infers when they are not written (docs/attributes.md).
INFERABLE = ("seniority", "function", "industry")


def items_of(value) -> tuple[str, ...]:
    """A field's value as normalised items: () when missing; lists keep every non-empty item."""
    if isinstance(value, str):
        text = value.strip()
        return (text,) if text else ()
    if value is None:
        return ()
    if isinstance(value, (list, tuple, set)):
        return tuple(sorted({str(v).strip() for v in value if v is not None and str(v).strip()}, key=str.casefold))
    text = str(value).strip()
    return (text,) if text else ()


def display_names(contacts) -> dict[str, str]:
    """Contact names, with the file path added where two contacts share one (so lists stay unambiguous)."""
    counts: dict[str, int] = {}
    for contact in contacts:
        key = contact.name.casefold()
        counts[key] = counts.get(key, 0) + 1
    return {c.path: (c.name if counts[c.name.casefold()] == 1 else f"{c.name} ({c.path})") for c in contacts}


def tie_strength(contact, today: _dt.date, half_life_days: float) -> tuple[float, bool]:
    """(strength, manual?): the written `strength`, else inferred from interactions up to `today` (`dates`:
    every interaction's date, newest first)."""
    if isinstance(contact.strength, int) and not isinstance(contact.strength, bool) and 1 <= contact.strength <= 5:
        return float(contact.strength), True
    dates = [d for d in contact.dates if d <= today]
    return inferred_strength(dates, today, half_life_days), False


def build_network(vault, today: _dt.date, settings: Settings) -> EgoNetwork:
    """The whole ego network, every contact held in full (`health`, export)."""
    contacts = vault.contacts
    # Written `knows` ties and the ties inferred from meetings, mails and notes shared (`netfiles ties`)
    return network_of(vault, today, settings, contacts, netfiles.find_ties(vault, ordered=False) if contacts else [])


def network_of(vault, today: _dt.date, settings: Settings, contacts, found) -> EgoNetwork:
    """The ego network of `contacts` (anything with path, name, strength and dates) and their ties `found`."""
    contacts = sorted(contacts, key=lambda c: c.path)
    strengths: dict[str, float] = {}
    manual: set[str] = set()
    for contact in contacts:
        value, is_manual = tie_strength(contact, today, settings.half_life_days)
        strengths[contact.path] = value
        if is_manual:
            manual.add(contact.path)
    ties = sorted(t.paths for t in found)
    me = vault.config.me
    return EgoNetwork(today=today, settings=settings, me=me, contacts=contacts, names=display_names(contacts),
                      strengths=strengths, manual=manual, ties=ties, by_path={c.path: c for c in contacts},
                      inferred={t.paths for t in found if not t.written},
                      industries=netfiles.industry_map(vault.config)[0])
