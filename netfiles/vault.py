"""A vault loaded through its index: contacts, dated notes, ties and name lookup."""
from __future__ import annotations

import datetime as _dt
from functools import cached_property
from pathlib import Path

from .config import Config, load_config
from .dates import parse_cadence
from .diagnostics import Diagnostic
from .index import Index
from .model import Contact, IndexChanges, Interaction, Note
from .wikilinks import Resolver, link_target


class ContactNotFound(LookupError):
    """No contact, or more than one, answers to a name. `candidates` lists what the user may have meant."""

    def __init__(self, name: str, candidates: list[Contact], ambiguous: bool = False):
        self.name, self.candidates, self.ambiguous = name, candidates, ambiguous
        listing = ", ".join(f"{c.name} ({c.path})" for c in candidates)
        if ambiguous:
            message = f"{name!r} is ambiguous: it names {listing}. Use the file name, e.g. {candidates[0].stem!r}."
        elif candidates:
            message = f"no contact named {name!r}. Did you mean: {listing}?"
        else:
            message = f"no contact named {name!r} (names, file names and aliases were searched)."
        super().__init__(message)


class Vault:
    """Everything a command needs about one vault. Contacts load lazily, so small commands stay fast."""

    def __init__(self, root: Path, config: Config | None = None, index: Index | None = None):
        self.root = Path(root).resolve()
        self.config = config or load_config(self.root)
        self.index = index or Index(self.root, self.config)
        self.changes = IndexChanges()

    def refresh(self, progress=None) -> IndexChanges:
        """Bring the index up to date and forget anything loaded before."""
        self.changes = self.index.refresh(progress=progress)
        for name in ("contacts", "notes", "_records", "resolver", "_by_path", "file_diagnostics"):
            self.__dict__.pop(name, None)
        return self.changes

    # Loading ------------------------------------------------------------------------------------

    @cached_property
    def _records(self) -> dict[str, dict]:
        return dict(self.index.records())

    @cached_property
    def contacts(self) -> list[Contact]:
        """All contacts, sorted by path, with interactions from their logs and from dated notes."""
        channel_of = self.config.channel_of
        contacts = []
        for rel, record in self._records.items():
            if record["kind"] == "contact":
                contact = Contact.from_record(rel, record)
                contact.interactions = [_with_channel(i, channel_of) for i in contact.interactions]
                contacts.append(contact)
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
        return [Note(rel, _dt.date.fromisoformat(r["date"]), tuple(r.get("links", ())), r["name"])
                for rel, r in self._records.items() if r["kind"] == "note"]

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
        contact = Contact.from_record(path, record)
        contact.interactions = [_with_channel(i, self.config.channel_of) for i in contact.interactions]
        return contact

    # Lookup ------------------------------------------------------------------------------------

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.contacts)

    def resolve(self, target: str) -> list[Contact]:
        """Contacts a wikilink target names (FORMAT.md section 3)."""
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
            raise ContactNotFound(name, found, ambiguous=True)
        raise ContactNotFound(name, self.resolver.candidates(link_target(name)))

    # Derived ------------------------------------------------------------------------------------

    @property
    def me(self) -> dict:
        return self.config.me

    def ties(self) -> set[tuple[str, str]]:
        """Undirected `knows` ties as sorted (path, path) pairs; A knowing B is B knowing A."""
        pairs = set()
        for contact in self.contacts:
            for link in contact.knows:
                found = self.resolve(link.target)
                if len(found) == 1 and found[0] is not contact:
                    pairs.add(tuple(sorted((contact.path, found[0].path))))
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
        return self.root / (self.config.people[0] if self.config.people else "people")


def _with_channel(interaction: Interaction, channel_of) -> Interaction:
    from dataclasses import replace

    return replace(interaction, channel=channel_of(interaction.kind))


def load_vault(root: Path | str, progress=None) -> Vault:
    """Open a vault and refresh its index; the one call most commands and plugins need."""
    vault = Vault(Path(root))
    vault.refresh(progress=progress)
    return vault
