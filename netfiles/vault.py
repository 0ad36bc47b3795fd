"""A vault loaded through its index: contacts, dated notes, ties and name lookup."""
from __future__ import annotations

import datetime as _dt
import gc
from contextlib import contextmanager
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable

from .config import Config, load_config
from .dates import parse_cadence
from .diagnostics import Diagnostic
from .index import Index
from .model import Contact, IndexChanges, Interaction, Note
from .wikilinks import Resolver, fold, link_target


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


class Vault:
    """Everything a command needs about one vault. Contacts load lazily, so small commands stay fast."""

    def __init__(self, root: Path, config: Config | None = None, index: Index | None = None):
        self.root = Path(root).resolve()
        self.config = config or load_config(self.root)
        self.index = index or Index(self.root, self.config)
        self.changes = IndexChanges()

    def refresh(self, progress=None, only: Iterable[str] | None = None) -> IndexChanges:
        """Bring the index up to date (`only` these vault-relative files, if given) and forget anything loaded."""
        self.changes = self.index.refresh(progress=progress, only=only)
        for name in ("contacts", "notes", "_records", "resolver", "_by_path", "file_diagnostics", "_note_links"):
            self.__dict__.pop(name, None)
        return self.changes

    # Loading ------------------------------------------------------------------------------------

    @cached_property
    def _records(self) -> dict[str, dict]:
        with _loading_many_objects():
            return dict(self.index.records())

    @cached_property
    def contacts(self) -> list[Contact]:
        """All contacts, sorted by path, with interactions from their logs and from dated notes."""
        with _loading_many_objects():
            channel_of = lru_cache(maxsize=None)(self.config.channel_of)  # a few kinds, asked once per log line
            contacts = []
            for rel, record in self._records.items():
                if record["kind"] == "contact":
                    contacts.append(Contact.from_record(rel, record, channel_of))
            self.__dict__["contacts"] = contacts  # so the resolver below can see them
            for note in self.notes:
                seen = set()
                for target in note.links:
                    found = self.resolve(target)
                    if len(found) == 1 and found[0].path not in seen:
                        seen.add(found[0].path)
                        found[0].interactions.append(
                            Interaction(note.date, "note", note.title, note.path, 0, channel=channel_of("note")))
            for contact in contacts:
                contact.interactions.sort(key=lambda i: (i.date, i.source, i.line), reverse=True)
            return contacts

    @cached_property
    def notes(self) -> list[Note]:
        records = self._records.items() if "_records" in self.__dict__ else self.index.records("note")
        return [Note(rel, _dt.date.fromisoformat(r["date"]), tuple(r.get("links", ())), r["name"])
                for rel, r in records if r["kind"] == "note"]

    @cached_property
    def file_diagnostics(self) -> list[Diagnostic]:
        """Problems found while parsing each file (the index keeps them, so unchanged files cost nothing)."""
        return [Diagnostic.from_dict(d) for r in self._records.values() for d in r.get("diagnostics", ())]

    @property
    def files_indexed(self) -> int:
        return len(self._records) if "_records" in self.__dict__ else self.index.count()

    @cached_property
    def _by_path(self) -> dict[str, Contact]:
        return {c.path: c for c in self.contacts}

    def contact_at(self, path: str) -> Contact | None:
        """The contact in one file, without loading the others unless they are loaded already."""
        if "contacts" in self.__dict__:
            return self._by_path.get(path)
        record = self.index.record(path)
        if not record or record["kind"] != "contact":
            return None
        contact = Contact.from_record(path, record, self.config.channel_of)
        # its dated notes too, as `contacts` gives them, so the contact is the same whichever way it is loaded
        keys = {fold(contact.stem), fold(contact.name), *(fold(a) for a in contact.aliases)}
        notes = {}
        for key in keys:
            for note, target in self._note_links.get(key, ()):
                if note.path not in notes and self.resolve_paths(target) == [path]:
                    notes[note.path] = note
        contact.interactions += [Interaction(n.date, "note", n.title, n.path, 0, channel=self.config.channel_of("note"))
                                 for n in notes.values()]
        contact.interactions.sort(key=lambda i: (i.date, i.source, i.line), reverse=True)
        return contact

    @cached_property
    def _note_links(self) -> dict[str, list[tuple[Note, str]]]:
        """Each link of each dated note, by the name it ends with: finds one contact's notes without resolving all."""
        found: dict[str, list[tuple[Note, str]]] = {}
        for note in self.notes:
            for target in note.links:
                found.setdefault(fold(target.rsplit("/", 1)[-1]), []).append((note, target))
        return found

    # Lookup ------------------------------------------------------------------------------------

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.contacts)

    def resolve(self, target: str) -> list[Contact]:
        """Contacts a wikilink target names (docs/format.md, section 3)."""
        if "contacts" in self.__dict__:
            return self.resolver.resolve(target)
        return [c for c in (self.contact_at(p) for p in self.resolve_paths(target)) if c]

    def resolve_paths(self, target: str) -> list[str]:
        """Paths a link target names, answered from the index alone: the fast path for checking one file."""
        if "contacts" in self.__dict__:
            return [c.path for c in self.resolver.resolve(target)]
        target = link_target(target)
        if "/" in target:
            found = self.index.paths_ending(target)
            if found:
                return found
            target = target.rsplit("/", 1)[1]
        return self.index.paths_named(target)

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
        from .fields import FrontMatterLocator
        from .parse import decode, split_front_matter

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
        (`netfiles.ties`; `find_ties` says which of them are written and which inferred).
        """
        if include_inferred:
            from .ties import tie_pairs

            return tie_pairs(self, include_inferred=True)
        contacts = self.contacts
        pairs: set[tuple[str, str]] = set()
        with _loading_many_objects():  # a pair per tie: 200,000 tuples on a 100k vault
            for contact in contacts:
                for link in contact.knows:
                    found = self.resolve(link.target)
                    if len(found) == 1 and found[0] is not contact:
                        a, b = sorted((contact.path, found[0].path))
                        pairs.add((a, b))
        return pairs

    def default_cadence_days(self) -> int:
        return parse_cadence(self.config.default_cadence) or 90

    def cadence_days(self, contact: Contact) -> int:
        """The contact's cadence in days, the vault default when unset; 0 means `never`."""
        return self.default_cadence_days() if contact.cadence_days is None else contact.cadence_days

    def abspath(self, contact_or_path) -> Path:
        rel = contact_or_path if isinstance(contact_or_path, str) else contact_or_path.path
        return self.root / rel

    def people_dir(self) -> Path:
        """The first people folder, where new contacts go; WriteError when config.toml puts it outside the vault."""
        from .writes import people_folder

        return people_folder(self.root, self.config)

    # For other modules and plugins: public names, so nothing reaches into private attributes ---------

    def records(self) -> dict[str, dict]:
        """Every indexed file's record by vault-relative path, loaded once (the whole-vault rules read them)."""
        return self._records

    def get_cached(self, key: str) -> str | None:
        """A value a plugin derived and kept with the index (`.netfiles/cache/`), or None.

        The cache is derived data: it may be rebuilt at any time, so key the value on what it was derived from.
        """
        return self.index.get_meta("plugin-cache:" + key)

    def set_cached(self, key: str, value: str) -> None:
        """Keep a derived value with the index, for `get_cached` in a later run."""
        self.index.set_meta("plugin-cache:" + key, value)


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
