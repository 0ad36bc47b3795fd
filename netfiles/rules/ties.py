"""Who knows whom: written `knows` ties, and ties inferred from shared interactions (issue 12, section 2).

Evidence that two contacts know each other, per unordered pair:

- a log line of one contact that names others as wikilinks, e.g. in Ana's file
  `- 2026-03-04 meeting: with [[Bo Chen]], [[Carla Diaz]]`: Ana, Bo and Carla
  were together, so each of the three pairs gets one piece of evidence;
- a dated note (daily or meeting note) that links two or more contacts.

A group larger than `[ties] max_group` (default 8, counting the contact whose
log it is and any `with N others`) says nothing about who knows whom and is
skipped. The same occasion seen from several files counts once: one piece of
evidence per pair per date per kind, and a dated note on a day the pair's logs
already show an interaction is that same occasion. A pair whose evidence reaches
`[ties] min_evidence` (default 2) is an inferred tie; written `knows` ties are
ties whatever their evidence.

One pass over the contacts' log lines and the notes, no loop over all pairs:
the work grows with the number of log lines that name other contacts.

Plugins: `find_ties(vault)` gives every tie with its status ("written" or
"inferred") and evidence; `tie_pairs(vault, include_inferred=True)` gives the
plain set of path pairs, like `Vault.ties()` (which answers the same with
`vault.ties(include_inferred=True)`). `find_ties(vault, names_only=True)` reads
the vault one contact at a time and names each tie's contacts by path and name
(`ContactName`): what `netfiles ties` prints, without holding every contact.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, NamedTuple

from ..model.config import CONFIG_PATH
from ..model.diagnostics import WARNING, Diagnostic
from ..reading.wikilinks import find_links

if TYPE_CHECKING:
    from ..model.contact import Contact

DEFAULT_MIN_EVIDENCE = 2
DEFAULT_MAX_GROUP = 8
WRITTEN, INFERRED = "written", "inferred"
_OTHERS = re.compile(r"\b(\d+)\s+others?\b", re.I)


@dataclass(frozen=True)
class TieSettings:
    """`[ties]` in config.toml: how much evidence makes a tie, and how large a group still counts."""

    min_evidence: int = DEFAULT_MIN_EVIDENCE
    max_group: int = DEFAULT_MAX_GROUP


def tie_settings(config) -> tuple[TieSettings, list[Diagnostic]]:
    """The `[ties]` settings, and TIE001 for each bad value (the default is used instead)."""
    table = config.data.get("ties", {})
    diags: list[Diagnostic] = []
    if not isinstance(table, dict):
        return TieSettings(), [Diagnostic(CONFIG_PATH, 0, 0, "TIE001", WARNING,
                                          "`ties` must be a table ([ties]); using the defaults")]
    values = {}
    for key, default, lowest in (("min_evidence", DEFAULT_MIN_EVIDENCE, 1), ("max_group", DEFAULT_MAX_GROUP, 2)):
        value = table.get(key, default)
        if type(value) is not int or value < lowest:
            diags.append(Diagnostic(CONFIG_PATH, config.line_of("ties", key), 1, "TIE001", WARNING,
                                    f"[ties] {key} must be a whole number of at least {lowest}, not {value!r}; "
                                    f"using {default}"))
            value = default
        values[key] = value
    unknown = sorted(set(table) - set(values))
    for key in unknown:
        diags.append(Diagnostic(CONFIG_PATH, config.line_of("ties", key), 1, "TIE001", WARNING,
                                f"[ties] has no setting {key!r} (known: min_evidence, max_group)"))
    return TieSettings(**values), diags


class Evidence(NamedTuple):
    """One occasion on which both contacts of a pair were together, and every file that records it.

    `sources` are (vault-relative path, line) pairs; line 0 for a dated note.
    """

    date: _dt.date
    kind: str
    sources: tuple[tuple[str, int], ...]

    @property
    def origin(self) -> str:
        """`log` when a contact's log records it, else `note` (only dated notes do)."""
        return "note" if all(line == 0 for _, line in self.sources) else "log"

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat(), "kind": self.kind, "origin": self.origin,
                "sources": [{"path": p, "line": n} for p, n in self.sources]}


class ContactName(NamedTuple):
    """A contact named by its path and name only: the two ends of a tie from `find_ties(..., names_only=True)`."""

    path: str
    name: str

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1][:-3]


@dataclass
class Tie:
    """Two contacts who know each other: written (`knows` in either file) or inferred from evidence."""

    a: Contact | ContactName
    b: Contact | ContactName
    written: bool
    evidence: list[Evidence] = field(default_factory=list)  # newest first

    @property
    def status(self) -> str:
        return WRITTEN if self.written else INFERRED

    @property
    def count(self) -> int:
        return len(self.evidence)

    @property
    def paths(self) -> tuple[str, str]:
        return self.a.path, self.b.path

    def other(self, contact: Contact | ContactName) -> Contact | ContactName:
        return self.b if contact.path == self.a.path else self.a

    def to_dict(self) -> dict:
        return {"a": {"name": self.a.name, "path": self.a.path}, "b": {"name": self.b.name, "path": self.b.path},
                "status": self.status, "evidence_count": self.count,
                "evidence": [e.to_dict() for e in self.evidence]}


def tie_evidence(vault, settings: TieSettings | None = None) -> dict[tuple[str, str], list[Evidence]]:
    """Evidence for every pair of contacts seen together, keyed by their sorted paths; newest first."""
    from ..store.vault import _loading_many_objects

    with _loading_many_objects():  # a few hundred thousand small tuples on 10k contacts, no cycles
        return _tie_evidence(vault, vault.each_contact(), settings or tie_settings(vault.config)[0])


def _tie_evidence(vault, contacts, settings: TieSettings) -> dict[tuple[str, str], list[Evidence]]:
    max_group = settings.max_group
    resolved: dict[str, str | None] = {}  # link target -> the one contact path it names (a few per contact)

    def path_of(target: str) -> str | None:
        if target not in resolved:
            found = vault.resolve_paths(target)  # paths only: no contact read for being named
            resolved[target] = found[0] if len(found) == 1 else None
        return resolved[target]

    logs: dict[tuple, list] = {}  # (a, b, date, kind) -> sources
    notes: dict[tuple, list] = {}  # (a, b, date) -> sources; merged into that day's log evidence, if any
    for contact in contacts:
        for item in contact.interactions:
            if "[[" not in item.text or item.source != contact.path:
                continue  # a log line naming nobody, or a dated note (counted below)
            group = {contact.path}
            for target in find_links(item.text):
                path = path_of(target)
                if path:
                    group.add(path)
            size = len(group)
            if size < 2:
                continue
            if "other" in item.text:
                match = _OTHERS.search(item.text)
                size += int(match.group(1)) if match else 0
            if size > max_group:
                continue
            source = (contact.path, item.line)
            for a, b in _pairs(group):
                logs.setdefault((a, b, item.date, item.kind), []).append(source)
    for note in vault.notes:
        group = {p for p in map(path_of, note.links) if p}
        if 2 <= len(group) <= max_group:
            for a, b in _pairs(group):
                notes.setdefault((a, b, note.date), []).append((note.path, 0))
    evidence: dict[tuple[str, str], list[Evidence]] = {}
    logged_days = set()
    for (a, b, date, kind), sources in logs.items():
        day = (a, b, date)
        cited = tuple(sources) if len(sources) == 1 else tuple(sorted(set(sources)))
        if day not in logged_days:
            logged_days.add(day)
            if day in notes:  # the same occasion, also in a dated note: cited, not counted again
                cited += tuple(sorted(notes[day]))
        evidence.setdefault((a, b), []).append(Evidence(date, kind, cited))
    for (a, b, date), sources in notes.items():
        if (a, b, date) not in logged_days:
            evidence.setdefault((a, b), []).append(Evidence(date, "note", tuple(sorted(set(sources)))))
    for items in evidence.values():
        if len(items) > 1:
            items.sort(key=_newest_first)
    return evidence


def _newest_first(item: Evidence):
    return -item.date.toordinal(), item.kind


def _pairs(group: set[str]):
    members = sorted(group)
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            yield a, b


def find_ties(vault, include_inferred: bool = True, min_evidence: int | None = None,
              settings: TieSettings | None = None, ordered: bool = True, names_only: bool = False,
              each: Callable[[Contact], object] | None = None) -> list[Tie]:
    """Written ties (with any evidence they have) and, with `include_inferred`, pairs whose evidence reaches
    `min_evidence` (default `[ties] min_evidence`). Sorted: most evidence first, then by names; graph
    measures that need no order pass `ordered=False` (sorting 200,000 ties by name costs half a second).

    A tie's `a` and `b` are the vault's `Contact`s, or with `names_only` their `ContactName`s: then the
    vault is read one contact at a time and none is kept (a fifth of the memory on a large vault).
    `each(contact)` is called for every contact as the pass reads it, so a caller that needs a little
    more of each contact (`netfiles intro`: a few attributes) gathers it without a second pass."""
    from ..store.vault import _loading_many_objects

    settings = settings or tie_settings(vault.config)[0]
    threshold = settings.min_evidence if min_evidence is None else min_evidence
    by_path: dict[str, Contact | ContactName] = {}
    written: set[tuple[str, str]] = set()

    def each_contact():
        """Every contact, noting its name (or itself) and its written ties on the way: one pass for all three."""
        for contact in vault.each_contact() if names_only else vault.contacts:
            by_path[contact.path] = ContactName(contact.path, contact.name) if names_only else contact
            written.update(vault.knows_pairs(contact))
            if each is not None:
                each(contact)
            yield contact

    with _loading_many_objects():  # a few hundred thousand small tuples on 10k contacts, no cycles
        evidence = _tie_evidence(vault, each_contact(), settings)
    ties = [Tie(by_path[a], by_path[b], True, evidence.get((a, b), [])) for a, b in written]
    if include_inferred:
        ties += [Tie(by_path[a], by_path[b], False, items) for (a, b), items in evidence.items()
                 if (a, b) not in written and len(items) >= threshold]
    if ordered:
        ties.sort(key=lambda t: (-t.count, t.a.name.casefold(), t.b.name.casefold(), t.a.path, t.b.path))
    return ties


def tie_pairs(vault, include_inferred: bool = True) -> set[tuple[str, str]]:
    """Sorted (path, path) pairs of the ties, for graph measures; `find_ties` says which are inferred."""
    if not include_inferred:
        return vault.ties()
    return {t.paths for t in find_ties(vault, include_inferred=True)}
