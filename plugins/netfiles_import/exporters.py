"""`netfiles export vcard OUTPUT` and `netfiles export csv [FILE]`.

vCard UIDs are stable: every contact's `uid` front matter field
(`netfiles.ensure_uids` writes one, once, into a file that has none: the
only change an export makes to the vault).  A contact without one gets the
UID earlier versions derived (its `vcard_uid`, else a UUID of its LinkedIn
URL, first email or name: `vcard.stable_uid`), so cards already in an
address book keep matching.

A folder OUTPUT is a vdir (one .vcf per contact, as khard and vdirsyncer
keep them) with a small state file, `.netfiles-export.json`, holding the
SHA-256 of every card netfiles wrote there.  A card whose bytes differ from
that hash was changed in the address book since the last export and is
never overwritten or removed (reported instead; import it first); a card
netfiles wrote whose contact is gone is removed.  A `.vcf` file OUTPUT (or
`-`) gets every card in one file, as Google Contacts and phones import.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import netfiles

from .records import ContactRecord, canonical_linkedin_url

__all__ = ["CSV_COLUMNS", "STATE_FILE", "card_filename", "contact_record", "contact_uids", "export_csv",
           "export_vcard", "vcard_note"]

CSV_COLUMNS = (
    "name", "emails", "phones", "organization", "role", "industry", "function", "location", "country",
    "seniority", "tags", "met", "last_contact", "linkedin", "birthday", "strength", "cadence", "how_met", "path",
)
STATE_FILE = ".netfiles-export.json"
_PLAIN_UID = re.compile(r"[a-z0-9][a-z0-9._@+-]{0,99}")
_LOG_HEADING = re.compile(r"^#{1,6}[ \t]+log[ \t#]*$", re.IGNORECASE)


def _list(value) -> list[str]:
    if value is None or value == "":
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def vcard_note(vault, contact) -> str:
    """The contact's notes for NOTE: the Markdown body between the `# Name` title and the `## Log` heading
    (the log stays out: it is netfiles' own record and would swamp a phone's contact card)."""
    try:
        text = (vault.root / contact.path).read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return ""
    lines = re.split(r"\r\n|\r|\n", text)
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines))
    body, fence, titled = [], None, False
    for line in lines[start:]:
        stripped = line.strip()
        if fence is None and _LOG_HEADING.match(stripped):
            break
        if stripped.startswith(("```", "~~~")):
            fence = None if fence and stripped.startswith(fence) else (fence or stripped[:3])
        if not titled and fence is None and stripped.startswith("# "):
            titled = True
            continue
        body.append(line.rstrip())
    return "\n".join(body).strip("\n")


def contact_record(contact, note: str = "") -> ContactRecord:
    """A contact as the neutral record the vCard writer takes."""
    fm = contact.front_matter
    raw_linkedin = fm.get("linkedin")
    extra: dict = {}
    if fm.get("urls"):
        extra["urls"] = _list(fm.get("urls"))
    if contact.aliases:
        extra["nicknames"] = [str(a) for a in contact.aliases]
    if contact.country:
        extra["country"] = str(contact.country)
    for key in ("family_name", "given_name"):
        if isinstance(fm.get(key), str) and fm[key].strip():
            extra[key] = fm[key].strip()
    if note:
        extra["note"] = note
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
        extra=extra,
    )


def _legacy_uid(contact) -> str:
    """The UID exports derived before contacts had a `uid` (kept for cards already in an address book)."""
    from .vcard import stable_uid

    return netfiles.contact_uid(contact) or stable_uid(contact_record(contact))


def contact_uids(contacts) -> dict[str, str]:
    """Path -> the vCard UID an export gives each contact, without writing anything: its `uid` (or
    `vcard_uid`), else the UID earlier exports derived.  Two contacts that would share one are told apart by
    path.  The import uses it to recognise cards exported from this vault."""
    import uuid

    uids: dict[str, str] = {}
    used: set[str] = set()
    for contact in sorted(contacts, key=lambda c: c.path):
        uid = _legacy_uid(contact)
        if uid in used:
            uid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"netfiles:path:{contact.path}"))
        used.add(uid)
        uids[contact.path] = uid
    return uids


def card_filename(uid: str) -> str:
    """The vdir file name of a card: the UID itself when it is plainly safe (lower-case letters, digits,
    `. _ @ + -`), else a readable part and a hash of the UID after `~`, which a plain name cannot hold.  So
    two UIDs never share a file, even on case-insensitive file systems (`a/b` and `a:b`, `Ab` and `ab`)."""
    if _PLAIN_UID.fullmatch(uid) and not uid.endswith("."):
        return f"{uid}.vcf"
    readable = re.sub(r"[^a-z0-9._@+-]+", "-", uid.lower()).strip("-.")[:40]
    digest = hashlib.sha256(uid.encode("utf-8")).hexdigest()[:20]
    return f"{readable}~{digest}.vcf" if readable else f"~{digest}.vcf"


def _cards(vault) -> list[tuple[str, str, bytes]]:
    """(path, uid, card bytes) for every contact, in path order; contacts without a `uid` get one written."""
    from .vcard import record_to_vcard

    assignment = netfiles.ensure_uids(vault, propose=_legacy_uid)
    if assignment.written:
        _say(f"gave {len(assignment.written)} contact(s) a stable uid (written to their files, once)")
    for note in assignment.notes:
        _say(note)
    cards = []
    for contact in sorted(vault.contacts, key=lambda c: c.path):
        uid = assignment.uids[contact.path]
        record = contact_record(contact, vcard_note(vault, contact))
        cards.append((contact.path, uid, record_to_vcard(record, uid).encode("utf-8")))
    return cards


def _say(message: str) -> None:
    import click

    click.echo(f"netfiles: {netfiles.printable(message)}", err=True)


def export_vcard(vault, output: Path | None, **_options) -> str | None:
    """Cards for every contact: a vdir when OUTPUT is a folder (or a new name without .vcf), one multi-card
    file when it is a .vcf file (or an existing file), standard output for `-`."""
    if output is None:
        return b"".join(card for _, _, card in _cards(vault)).decode("utf-8")
    output = Path(output).expanduser()
    if output.is_dir():
        _export_vdir(vault, output)
        return None
    if output.suffix.lower() == ".vcf" or output.exists() or output.is_symlink():
        netfiles.check_output(output)  # a FIFO, device or missing folder is refused before the work
        netfiles.write_output(output, b"".join(card for _, _, card in _cards(vault)))
        return None
    netfiles.check_output(output)  # the folder's parent must exist
    output.mkdir()
    _export_vdir(vault, output)
    return None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_state(folder: Path) -> dict[str, dict]:
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
        cards = state.get("cards", {})
        return {str(uid): entry for uid, entry in cards.items()
                if isinstance(entry, dict) and isinstance(entry.get("file"), str) and isinstance(entry.get("sha256"), str)
                and "/" not in entry["file"] and "\\" not in entry["file"] and entry["file"].endswith(".vcf")}
    except (OSError, ValueError, AttributeError):
        return {}


def _export_vdir(vault, folder: Path) -> None:
    """Write, update and remove the cards netfiles owns in a vdir; never touch a card changed since (see module doc)."""
    state = _read_state(folder)
    new_state: dict[str, dict] = {}
    skipped, removed, written, unchanged = [], [], 0, 0
    for path, uid, data in _cards(vault):
        name = card_filename(uid)
        target = folder / name
        try:
            current = target.read_bytes() if target.exists() else None
        except OSError as exc:
            skipped.append(f"{name} ({path}): cannot read it: {exc.strerror or exc}")
            continue
        known = state.get(uid)
        if current is not None and current != data:
            if known is None or known.get("file") != name or _sha(current) != known["sha256"]:
                why = ("changed in the address book since the last export" if known else
                       "not written by netfiles' last export here")
                skipped.append(f"{name} ({path}): {why}: skipped (import it with `netfiles import vcard "
                               f"{folder}`, then export again)")
                if known:
                    new_state[uid] = known
                continue
        if current == data:
            unchanged += 1
        else:
            netfiles.write_output(target, data)
            written += 1
        new_state[uid] = {"file": name, "sha256": _sha(data), "contact": path}
    for uid, entry in state.items():
        if uid in new_state:
            continue
        target = folder / entry["file"]
        try:
            current = target.read_bytes()
        except FileNotFoundError:
            continue  # already deleted in the address book
        except OSError:
            current = None
        if current is not None and _sha(current) == entry["sha256"]:
            target.unlink()
            removed.append(entry["file"])
        else:
            skipped.append(f"{entry['file']}: its contact is gone, but the card was changed in the address book "
                           "since the last export: kept")
            new_state[uid] = entry
    body = json.dumps({"about": "netfiles export vcard: the cards netfiles wrote here and their SHA-256, so "
                                "cards changed in the address book are never overwritten",
                       "cards": dict(sorted(new_state.items()))}, indent=1, ensure_ascii=False) + "\n"
    netfiles.write_output(folder / STATE_FILE, body)
    _say(f"{written} card(s) written, {unchanged} unchanged, {len(removed)} removed, {len(skipped)} skipped "
         f"in {folder}")
    for line in skipped[:20]:
        _say(line)
    if len(skipped) > 20:
        _say(f"... and {len(skipped) - 20} more skipped")
    return None


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
