"""A vault loaded through its index: contacts, dated notes, ties and name lookup."""
from __future__ import annotations

import datetime as _dt
import functools
import gc
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from ..model.config import Config, load_config
from ..model.dates import parse_cadence
from ..model.diagnostics import Diagnostic
from .index import Index
from ..model.contact import Contact, ContactFacts, IndexChanges, Interaction, Note
from ..model.shared import SharedValues
from ..reading.wikilinks import Resolver, fold, link_target, resolve_target

T = TypeVar("T")


class ContactNotFound(LookupError):
    """No contact, or more than one, answers to a name. `candidates` lists what the user may have meant."""

    def __init__(self, name: str, candidates: list[Contact], ambiguous: bool = False):
        self.name, self.candidates, self.ambiguous = name, candidates, ambiguous
        listing = ", ".join(f"{c.name} ({c.path})" for c in candidates)
        if ambiguous:
            handles = " or ".join(repr(_handle(c, candidates, name)) for c in candidates)
            message = f"{name!r} is ambiguous: it names {listing}. Say which one: {handles}."
        elif candidates:
            message = f"no contact named {name!r}. Did you mean: {listing}?"
        else:
            message = f"no contact named {name!r} (names, file names and aliases were searched)."
        super().__init__(message)


class AmbiguousName(ContactNotFound):
    """More than one contact answers to a name; `candidates` are those contacts."""


class NoSuchContact(ContactNotFound):
    """No contact answers to a name; `candidates` are near misses the user may have meant."""


def _handle(contact: Contact, candidates: list[Contact], typed: str) -> str:
    """The shortest name for `contact` that none of the other candidates answers to: its stem, else folder/stem..."""
    typed = fold(link_target(typed))
    others = [c for c in candidates if c is not contact]
    parts = contact.path[:-3].split("/")
    for n in range(1, len(parts) + 1):
        handle = "/".join(parts[-n:])
        key = fold(handle)
        if key == typed:
            continue
        if any(("/" + fold(o.path[:-3])).endswith("/" + key) for o in others):
            continue
        if n == 1 and any(key in {fold(o.name), *(fold(a) for a in o.aliases)} for o in others):
            continue
        return handle
    return contact.path


def _derived(method):
    """A property computed once from the index and kept until `Vault.forget` (which `refresh` calls)."""
    name = method.__name__

    @functools.wraps(method)
    def get(self):
        try:
            return self._derived[name]
        except KeyError:
            value = self._derived[name] = method(self)
            return value

    return property(get)


class _Days(dict):
    """{ISO text: date}, each text parsed once on first use (a vault has a few thousand distinct days); None stays None."""

    def __missing__(self, text: str | None) -> _dt.date | None:
        found = self[text] = None if text is None else _dt.date.fromisoformat(text)
        return found


class Vault:
    """Everything a command needs about one vault, asked of the index when needed, so small commands stay fast.

    Questions about one contact or one link go to the index's tables; `contacts` loads every
    contact (for `health`, export and plugins that need them all). Whatever was read is kept
    until `forget()`, which `refresh()` calls.
    """

    def __init__(self, root: Path, config: Config | None = None, index: Index | None = None):
        self.root = Path(root).resolve()
        self.config = config or load_config(self.root)
        self.index = index or Index(self.root, self.config)
        self.changes = IndexChanges()
        self._derived: dict = {}

    def refresh(self, progress=None, only: Iterable[str] | None = None) -> IndexChanges:
        """Bring the index up to date (`only` these vault-relative files, if given) and forget anything read before."""
        self.changes = self.index.refresh(progress=progress, only=only)
        self.forget()
        return self.changes

    def forget(self) -> None:
        """Drop everything read or derived from the index (contacts, notes, lookups), so the next question reads it again."""
        self._derived = {}

    # Loading ------------------------------------------------------------------------------------

    @_derived
    def records(self) -> dict[str, dict]:
        """{path: index record} of every file, sorted by path: parsed front matter and log as stored (the parser's
        diagnostics are in `file_diagnostics`)."""
        with _loading_many_objects():
            return dict(self.index.records())

    @_derived
    def _loaded(self) -> dict[str, Contact]:
        """The one `Contact` object of each path read so far: `contact_at`, `resolve` and `contacts` share them."""
        return {}

    @_derived
    def contacts(self) -> list[Contact]:
        """All contacts, sorted by path, with interactions from their logs and from dated notes."""
        with _loading_many_objects():
            return list(self._each_contact(keep=True))

    def each_contact(self) -> Iterator[Contact]:
        """Every contact in turn, sorted by path, like `contacts` but none kept after use (unless `contacts` or
        `contact_at` already holds it): a whole-vault pass in the memory of one contact at a time."""
        if "contacts" in self._derived:
            return iter(self.contacts)
        return self._each_contact(keep=False)

    def _each_contact(self, keep: bool) -> Iterator[Contact]:
        loaded = self._loaded
        notes = self._note_interactions()
        # each contact's record decoded and dropped in turn: the records take four times the memory of the
        # contacts made from them
        for rel, record in self.index.records("contact"):
            contact = loaded.get(rel)
            if contact is None:
                # a contact not kept shares values with no other: a table of every text seen would outgrow it
                contact = self._build(rel, record, notes.get(rel, {}), None if keep else SharedValues())
                if keep:
                    loaded[rel] = contact
            yield contact

    def _build(self, rel: str, record: dict, notes: dict, values: SharedValues | None = None) -> Contact:
        """A contact from its record and its dated notes ({note path: (ISO date, title)}), its texts and dates
        shared through `values` (by default with every contact this vault keeps)."""
        values = self._values if values is None else values
        contact = Contact.from_record(rel, record, self._channel_of, values)
        note_channel = values[self._channel_of("note")]
        contact.interactions += [Interaction(values.day(day), "note", values[title], values[note], 0,
                                             channel=note_channel)
                                 for note, (day, title) in notes.items()]
        contact.interactions.sort(key=lambda i: (i.date, i.source, i.line), reverse=True)
        return contact

    @_derived
    def _values(self) -> SharedValues:
        """Equal texts and dates of every contact read until `forget()`, one object each (docs/index.md, Memory)."""
        return SharedValues()

    @_derived
    def _channel_of(self):
        return lru_cache(maxsize=None)(self.config.channel_of)  # a few kinds, asked once per interaction

    def _note_interactions(self, keys=None) -> dict[str, dict[str, tuple[str, str]]]:
        """{contact path: {note path: (ISO date, title)}} of the dated notes that link each contact.

        A note counts for a contact when one of its links names that contact alone, by the
        same rule as every link (`wikilinks.resolve_target`). With `keys`, only the links
        ending with those name keys: enough for the contacts answering to them.
        """
        links = self.index.note_links(keys)
        named = self.index.paths_by_name(None if keys is None else {key for key, *_ in links})  # None: one query
        resolved: dict[str, list[str]] = {}
        found: dict[str, dict[str, tuple[str, str]]] = {}
        for _key, target, note, day, title in links:
            paths = resolved.get(target)
            if paths is None:
                paths = resolved[target] = resolve_target(target, self.index.paths_ending,
                                                          lambda name: named.get(fold(name), []))
            if len(paths) == 1:
                found.setdefault(paths[0], {}).setdefault(note, (day, title))
        return found

    def contact_facts(self) -> list[ContactFacts]:
        """Every contact's `ContactFacts` (fields and interaction dates), sorted by path, read from the index's
        columns: what `due`, tiers and `ls` need, at a fraction of the time and memory of `contacts`."""
        return self._facts

    def contact_fields(self, *names: str) -> list[tuple]:
        """These fields of every contact, one tuple each, sorted by path, straight from the index's columns
        without building any `ContactFacts`: for a pass over every contact that needs two or three fields.

        Fields: path, name, cadence_days, strength, written_tier, organization, role, industry, location,
        country, with the values `ContactFacts` has (strength and tier only when valid). ValueError for any other.
        """
        return self.index.contact_columns(["tier" if name == "written_tier" else name for name in names])

    @_derived
    def _facts(self) -> list[ContactFacts]:
        day = _Days()
        as_date = day.__getitem__
        notes = self._note_interactions()
        facts: list[ContactFacts] = []
        append, make = facts.append, tuple.__new__  # `ContactFacts._make` without its Python-level call
        for (path, name, tags, met, birthday, snooze, cadence, strength, tier, added, organization, role, industry,
             location, country, emails, log) in self.index.contact_rows():
            # the index keeps the log's days each once, newest first; `_Days` lookups without a Python loop
            own = tuple(map(as_date, log))
            if path in notes:
                own = tuple(sorted({*own, *(day[text] for text, _title in notes[path].values())}, reverse=True))
            append(make(ContactFacts, (path, name, tags, as_date(met), birthday, as_date(snooze), cadence, strength,
                                       tier, as_date(added), own, organization, role, industry, location, country,
                                       emails)))
        return facts

    @_derived
    def notes(self) -> list[Note]:
        records = self.index.records("note")
        return [Note(rel, _dt.date.fromisoformat(r["date"]), tuple(r.get("links", ())), r["name"])
                for rel, r in records if r["kind"] == "note"]

    @_derived
    def file_diagnostics(self) -> list[Diagnostic]:
        """Problems found while parsing each file, by path (the index keeps them in a table of their own, so
        unchanged files cost nothing and no record is decoded to list them)."""
        return self.index.diagnostics()

    @property
    def files_indexed(self) -> int:
        return self.index.count()

    def contact_at(self, path: str) -> Contact | None:
        """The contact in one file (read from the index on first use, without loading the others)."""
        contact = self._loaded.get(path)
        if contact is not None:
            return contact
        record = self.index.record(path)
        if not record or record["kind"] != "contact":
            return None
        keys = {fold(path.rsplit("/", 1)[-1][:-3]), fold(record["name"]), *(fold(a) for a in record.get("aliases", ()))}
        contact = self._loaded[path] = self._build(path, record, self._note_interactions(keys).get(path, {}))
        return contact

    # Lookup ------------------------------------------------------------------------------------

    @_derived
    def resolver(self) -> Resolver:
        """Name lookup over all contacts loaded (for suggestions: `Resolver.candidates`)."""
        return Resolver(self.contacts)

    def resolve(self, target: str) -> list[Contact]:
        """Contacts a wikilink target names (docs/format.md, section 3)."""
        return [c for c in (self.contact_at(p) for p in self.resolve_paths(target)) if c]

    def resolve_paths(self, target: str) -> list[str]:
        """Paths a link target names, answered from the index (and kept: a vault asks for the same names often)."""
        resolved = self._resolved
        found = resolved.get(target)
        if found is None:
            found = resolved[target] = resolve_target(target, self.index.paths_ending, self.index.paths_named)
        return list(found)

    @_derived
    def _resolved(self) -> dict[str, list[str]]:
        return {}

    def find(self, name: str) -> Contact:
        """The one contact a user means by NAME (stem, name or alias), or ContactNotFound listing candidates."""
        found = self.resolve(name)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousName(name, found, ambiguous=True)
        raise NoSuchContact(name, self.resolver.candidates(link_target(name)))

    def field_position(self, contact: Contact | str, key: str, needle: str | None = None) -> tuple[int, int]:
        """(line, column) of a front matter key in the contact's file, or of `needle` within its value.

        For plugins that report a problem with a field: `Diagnostic(contact.path, *vault.field_position(
        contact, "nps"), ...)` points the user at the line to fix. (0, 0) when the key is not written.
        """
        from ..reading.fields import FrontMatterLocator
        from ..reading.parse import decode, split_front_matter

        rel = contact if isinstance(contact, str) else contact.path
        try:
            data = self.abspath(rel).read_bytes()
        except OSError:
            return 0, 0
        text, _ = decode(rel, data)
        yaml_text = split_front_matter(text)[0] if text is not None else None
        if yaml_text is None:
            return 0, 0
        locator = FrontMatterLocator(yaml_text, 2)
        return locator.value(key, needle) if needle else locator.key(key)

    # Derived ------------------------------------------------------------------------------------

    @property
    def me(self) -> dict:
        return self.config.me

    def ties(self, include_inferred: bool = False) -> set[tuple[str, str]]:
        """Undirected `knows` ties as sorted (path, path) pairs; A knowing B is B knowing A.

        With `include_inferred`, also the ties inferred from shared interactions
        (`netfiles.rules.ties`; `find_ties` says which of them are written and which inferred).
        """
        if include_inferred:
            from ..rules.ties import tie_pairs

            return tie_pairs(self, include_inferred=True)
        pairs: set[tuple[str, str]] = set()
        with _loading_many_objects():  # a pair per tie: 200,000 tuples on a 100k vault
            for contact in self.each_contact():
                pairs.update(self.knows_pairs(contact))
        return pairs

    def tied_to(self, contact: Contact) -> list[str]:
        """Paths of the contacts tied to this one by `knows`, whichever file says it (the pairs of `ties()`
        that hold it), sorted; asks the index about this contact only: its links, and the files linking it."""
        found = {other for link in contact.knows if (other := self._knows_target(contact.path, link.target))}
        for path in self.index.paths_linking({contact.stem, contact.name, *contact.aliases}):
            linking = self.contact_at(path)
            if linking is not None and any(self._knows_target(path, link.target) == contact.path
                                           for link in linking.knows):
                found.add(path)
        found.discard(contact.path)
        return sorted(found)

    def _knows_target(self, path: str, target: str) -> str | None:
        """The contact a `knows` link in the file at `path` ties it to: the one contact the link names, not itself."""
        found = self.resolve_paths(target)
        return found[0] if len(found) == 1 and found[0] != path else None

    def default_cadence_days(self) -> int:
        return self._default_cadence

    @_derived
    def _default_cadence(self) -> int:
        return parse_cadence(self.config.default_cadence) or 90  # read once: `due` asks for every contact

    def cadence_days(self, contact: Contact | ContactFacts) -> int:
        """The contact's cadence in days, the vault default when unset; 0 means `never`."""
        return self._default_cadence if contact.cadence_days is None else contact.cadence_days

    def close(self) -> None:
        """Close the index's database connection (reopened if asked again). SQLite then writes what its log
        holds into the database and removes the log: a process that ends without closing it (the `netfiles`
        script ends without freeing anything) would leave the next command a log as large as a whole first
        build (450 MB at 100k), which every later write slowed down on."""
        self.index.close()

    def modified_ns(self, path: str) -> int | None:
        """The modification time in nanoseconds of the file at this vault-relative path; None when there is none.
        (A plain `os.stat` of a joined text path: `due` asks it of thousands of contacts, and `Path` costs as much.)"""
        try:
            return os.stat(os.path.join(self.root, path)).st_mtime_ns
        except OSError:
            return None

    def abspath(self, contact_or_path) -> Path:
        rel = contact_or_path if isinstance(contact_or_path, str) else contact_or_path.path
        return self.root / rel

    def people_dir(self) -> Path:
        """The first people folder, where new contacts go; WriteError when config.toml puts it outside the vault."""
        from ..writing.writes import people_folder

        return people_folder(self.root, self.config)

    # For other modules and plugins: public names, so nothing reaches into private attributes ---------

    def remembered(self, key: tuple, compute: Callable[[], T]) -> T:
        """`compute()`, called once per `key` until `forget()` (which `refresh` calls): for rules that derive
        something of the whole vault (every contact's tier) which several parts of one command ask for."""
        memo = self._remembered
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    @_derived
    def _remembered(self) -> dict:
        return {}

    def get_cached(self, key: str) -> str | None:
        """A value a plugin derived and kept with the index (`.netfiles/cache/`), or None.

        The cache is derived data: it may be rebuilt at any time, so key the value on what it was derived from.
        """
        return self.index.get_meta("plugin-cache:" + key)

    def set_cached(self, key: str, value: str) -> None:
        """Keep a derived value with the index, for `get_cached` in a later run."""
        self.index.set_meta("plugin-cache:" + key, value)

    def knows_pairs(self, contact: Contact) -> list[tuple[str, str]]:
        """The ties this contact's own `knows` links write, as sorted (path, path) pairs: `ties()` is their union
        over every contact, so a pass that reads one contact at a time can gather them on the way."""
        pairs = []
        for link in contact.knows:
            other = self._knows_target(contact.path, link.target)
            if other is not None:
                a, b = sorted((contact.path, other))
                pairs.append((a, b))
        return pairs


@contextmanager
def _loading_many_objects():
    """Load records or contacts with Python's cyclic garbage collector paused while loading.

    Loading 10k contacts makes about a million small objects. Each few hundred
    allocations start a collection, and the full ones walk everything loaded so far,
    though records and contacts hold no reference cycles (reference counting frees
    them). The collector is switched back on afterwards, as the caller had it: nothing
    is frozen out of its sight, so a script or test that loads many vaults in one
    process gets their memory and open files back. Nested uses leave it to the outermost.
    """
    outermost = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if outermost:
            gc.enable()


def load_vault(root: Path | str, progress=None) -> Vault:
    """Open a vault and refresh its index; the one call most commands and plugins need."""
    vault = Vault(Path(root))
    vault.refresh(progress=progress)
    return vault
