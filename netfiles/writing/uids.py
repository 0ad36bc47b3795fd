"""A contact's stable identity for other programs: the `uid` front matter field.

Address books and calendars match entries by UID, so a UID must survive a
changed email, a new LinkedIn URL, a renamed file or a move into a subfolder.
A UID derived from any of those would not, so netfiles writes one into the
contact's file the first time a program needs it (`netfiles export vcard`,
`netfiles due --ics`) and never changes it: one line, `uid: ...`, added by
`set_missing_fields`. A contact imported from a vCard keeps its card's UID
(`vcard_uid`), so the card and the file stay one person.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Callable

UID_FIELD = "uid"


def contact_uid(contact) -> str | None:
    """The contact's written `uid` (or, until one is written, the UID of the vCard it came from), else None."""
    for key in (UID_FIELD, "vcard_uid"):
        value = contact.front_matter.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


@dataclass
class UidAssignment:
    """What `ensure_uids` found and did: path -> UID for every contact, files given a `uid`, and notes."""

    uids: dict[str, str] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def ensure_uids(vault, contacts=None, propose: Callable | None = None, write: bool = True) -> UidAssignment:
    """Every contact's UID, writing a `uid` into the files that have none (once; an existing `uid` is never changed).

    A new UID is `propose(contact)` when given (the vCard exporter proposes the UID its earlier versions derived,
    so cards already in an address book keep matching), else the contact's `vcard_uid`, else a random UUID.
    A file that cannot be written (read-only, changed meanwhile) keeps working for this run with a UID derived
    from its path, and a note says so. Two files with the same `uid` (a copied file) are told apart the same way,
    the later path getting the derived one. With `write` False nothing is written (for dry runs).
    """
    from .writes import FileChangedError, WriteError, set_missing_fields

    result = UidAssignment()
    used: dict[str, str] = {}
    for contact in sorted(vault.contacts if contacts is None else contacts, key=lambda c: c.path):
        written = contact.front_matter.get(UID_FIELD)
        uid = contact_uid(contact) if written not in (None, "") else None
        if uid is None:
            uid = (propose(contact) if propose else None) or contact_uid(contact) or str(uuid.uuid4())
            if write:
                try:
                    if set_missing_fields(vault.root / contact.path, {UID_FIELD: uid}):
                        result.written.append(contact.path)
                except (OSError, FileChangedError, WriteError) as exc:
                    uid = _path_uid(contact.path)
                    result.notes.append(f"{contact.path}: could not write its uid ({exc}); "
                                        "using one derived from its path for now")
        if uid in used:
            result.notes.append(f"{contact.path} has the same uid as {used[uid]} (a copied file?); "
                                "give one of them a new uid")
            uid = _path_uid(contact.path)
        used[uid] = contact.path
        result.uids[contact.path] = uid
    return result


def _path_uid(path: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"netfiles:path:{path}"))
