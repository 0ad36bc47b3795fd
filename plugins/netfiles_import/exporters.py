"""`netfiles export vcard DIR` and `netfiles export csv [FILE]`.

Exports read the vault and never change a contact file.

vCard UIDs are stable: a contact's `vcard_uid` (stored by `netfiles import
vcard` from the card it came from), else its `uid`, else a UUID derived from
its LinkedIn URL, first email or name (`vcard.stable_uid`), so exporting
twice gives the same UIDs and a phone or khard updates cards instead of
duplicating them.  A derived UID changes when what it was derived from
changes; importing the card back stores nothing, because the import knows
the UID it would have exported.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import netfiles

from .records import ContactRecord, canonical_linkedin_url

__all__ = ["CSV_COLUMNS", "contact_record", "contact_uids", "export_csv", "export_vcard"]

CSV_COLUMNS = (
    "name", "emails", "phones", "organization", "role", "industry", "function", "location", "country",
    "seniority", "tags", "met", "last_contact", "linkedin", "birthday", "strength", "cadence", "how_met", "path",
)


def _list(value) -> list[str]:
    if value is None or value == "":
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def contact_record(contact) -> ContactRecord:
    """A contact as the neutral record the vCard writer takes."""
    fm = contact.front_matter
    raw_linkedin = fm.get("linkedin")
    return ContactRecord(
        name=contact.name,
        organization=contact.organization,
        role=contact.role,
        emails=list(contact.emails),
        phones=list(contact.phones),
        linkedin=canonical_linkedin_url(raw_linkedin) if isinstance(raw_linkedin, str) else None,
        tags=list(contact.tags),
        birthday=contact.birthday,
        location=contact.location,
        extra={"urls": _list(fm.get("urls"))} if fm.get("urls") else {},
    )


def contact_uids(contacts) -> dict[str, str]:
    """Path -> the vCard UID its export carries (see the module's doc).  Two
    contacts that would share one (same name and nothing else) are told
    apart by file path, the later path in sort order getting the path-based
    one."""
    from .vcard import stable_uid

    uids: dict[str, str] = {}
    used: set[str] = set()
    for contact in sorted(contacts, key=lambda c: c.path):
        fm = contact.front_matter
        explicit = next((str(fm[k]).strip() for k in ("vcard_uid", "uid")
                         if fm.get(k) is not None and str(fm[k]).strip()), None)
        uid = explicit or stable_uid(contact_record(contact))
        if uid in used:
            uid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"netfiles:path:{contact.path}"))
        used.add(uid)
        uids[contact.path] = uid
    return uids


def export_vcard(vault, output: Path, **_options) -> None:
    """One .vcf per contact in OUTPUT (made if missing), named by UID; files
    whose content would not change are not rewritten, other files in the
    folder are left alone."""
    from .vcard import record_to_vcard

    output = Path(output)
    if output.exists() and not output.is_dir():
        raise netfiles.NetfilesError(f"{output} is a file; give a folder for the .vcf files")
    output.mkdir(parents=True, exist_ok=True)
    uids = contact_uids(vault.contacts)
    for contact in vault.contacts:
        uid = uids[contact.path]
        data = record_to_vcard(contact_record(contact), uid).encode("utf-8")
        path = output / f"{netfiles.safe_filename(uid)}.vcf"
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        netfiles.write_atomic(path, data)


def export_csv(vault, output: Path | None, columns: str | None = None, bom: bool = False, raw: bool = False,
               **_options) -> str | None:
    """The contacts as CSV (UTF-8, one row each), every cell neutralised so a
    spreadsheet shows `=HYPERLINK(...)` as text rather than running it
    (`raw`: values as written, for programs); `bom` starts the file with a
    UTF-8 byte order mark, which Excel needs to read UTF-8."""
    if output is not None:
        netfiles.check_output(output)  # refuse a folder, FIFO or device before the work
    names = [c.strip() for c in columns.split(",") if c.strip()] if columns else list(CSV_COLUMNS)
    rows = []
    for contact in vault.contacts:
        row = {}
        for name in names:
            if name == "last_contact":
                row[name] = contact.last_contact.isoformat() if contact.last_contact else ""
            elif name == "linkedin":
                url = contact.front_matter.get("linkedin")
                row[name] = canonical_linkedin_url(url) if isinstance(url, str) else ""
            elif name in ("met", "snooze_until"):
                value = getattr(contact, name)
                row[name] = value.isoformat() if value else ""
            elif name == "cadence":
                row[name] = contact.front_matter.get("cadence", "")
            elif name in ("knows", "introduced_by"):
                row[name] = [link.target for link in getattr(contact, name)]
            else:
                value = contact.attribute(name)
                row[name] = value if isinstance(value, (str, int, float, list)) or value is None else str(value)
        rows.append(row)
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    netfiles.write_csv(rows, names, buffer, neutralise=not raw)
    text = buffer.getvalue()
    if output is None:
        return text
    netfiles.write_output(output, text)
    return None
