"""`netfiles import linkedin` and `netfiles import vcard`: read the source,
map it to contact fields, and hand it to the core's `netfiles.merge_people`."""

from __future__ import annotations

from pathlib import Path

import netfiles

from .records import ContactRecord, Problem

Incoming = netfiles.Incoming
merge = netfiles.merge_people
valid_emails = netfiles.valid_emails

__all__ = ["import_linkedin", "import_vcard", "linkedin_fields", "vcard_fields"]

MAX_PROBLEM_NOTES = 50
NOT_A_CONNECTION = "in messages or invitations, not a connection"


def _where(file, line: int | None, base: Path | None) -> str:
    """"file:line" with the file relative to the imported folder when it is inside it."""
    file = str(file)
    if base is not None:
        try:
            file = Path(file).relative_to(base).as_posix()
        except ValueError:
            pass
    return f"{file}:{line}" if line else file


def _problem_notes(problems: list[Problem], base: Path | None = None) -> list[str]:
    """"file:line: message", one per problem, at most MAX_PROBLEM_NOTES."""
    notes = [f"{_where(p.file, p.line, base)}: {p.message}" for p in problems[:MAX_PROBLEM_NOTES]]
    if len(problems) > MAX_PROBLEM_NOTES:
        notes.append(f"... and {len(problems) - MAX_PROBLEM_NOTES} more problem(s) like these")
    return notes


# --------------------------------------------------------------------------
# LinkedIn


def _line(value) -> str | None:
    """A single-line value: any run of whitespace (newlines, U+2028, ...) is one space."""
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def linkedin_fields(record: ContactRecord) -> dict:
    """Connections.csv columns to contact fields: First + Last Name -> name
    (cleaned by the parser), Company -> organization, Position -> role,
    Email Address -> emails, URL -> linkedin, Connected On -> met; tag
    `linkedin` (on new files only)."""
    return {
        "emails": list(record.emails),
        "organization": _line(record.organization),
        "role": _line(record.role),
        "tags": ["linkedin"],
        "met": record.met,
        "linkedin": record.linkedin,
    }


def import_linkedin(vault, path, dry_run: bool = False, with_content: bool = False,
                    include_others: bool = False, **_options):
    """Import a LinkedIn export (zip, folder or Connections.csv)."""
    from .linkedin import read_export

    path = Path(path)
    export = read_export(path, with_content=with_content)
    report = netfiles.ImportReport()
    report.notes.extend(export.notes)
    report.notes.extend(_problem_notes(export.problems, path if path.is_dir() else None))

    owner = export.owner
    me = netfiles.Owner(vault, [owner.url] if owner and owner.url else [], [owner.name] if owner and owner.name else [])
    if owner is not None:
        shown = " ".join(p for p in (owner.name, f"({owner.url})" if owner.url else None) if p)
        report.notes.append(f"export owner: {shown}; never imported as a contact")

    items: list[Incoming] = []
    for record in export.records:
        if me.is_me(record, by_name=False):
            report.skipped.append(f"{record.name}: you (the export's owner or [me])")
            continue
        items.append(Incoming(record, linkedin_fields(record), create_only=("tags",), key=record.linkedin))
    for record in export.others:
        if me.is_me(record):
            continue
        fields = {"linkedin": record.linkedin, "tags": ["linkedin"]}
        items.append(Incoming(record, fields, create=include_others, create_only=("tags",),
                              why_not_created=NOT_A_CONNECTION, key=record.linkedin))
    merge(vault, items, source="LinkedIn", dry_run=dry_run, report=report)
    unmatched = sum(1 for s in report.skipped if s.endswith(NOT_A_CONNECTION))
    if unmatched:
        report.notes.append(f"{unmatched} people in messages or invitations are neither connections nor "
                            "in the vault; not imported (--include-others adds them)")
    return report


# --------------------------------------------------------------------------
# vCard


def vcard_fields(record: ContactRecord, problems: list[str], where: str) -> dict:
    urls = record.extra.get("urls") or []
    return {
        "emails": valid_emails(record.emails, problems, where),
        "phones": [p for p in (_line(p) for p in record.phones) if p],
        "organization": _line(record.organization),
        "role": _line(record.role),
        "location": _line(record.location),
        "country": _line(record.extra.get("country")),
        "aliases": [a for a in (_line(a) for a in record.extra.get("nicknames") or []) if a],
        "tags": [t for t in (_line(t) for t in record.tags) if t],
        "linkedin": record.linkedin,
        "birthday": record.birthday,
        "urls": [str(u) for u in ([urls] if isinstance(urls, str) else urls)],
        "vcard_uid": record.extra.get("uid"),
    }


def note_body(note) -> str:
    """A card's NOTE as Markdown text for a new file's body that cannot
    change the file's structure: a line that would be a heading (say
    "## Log") or open a code fence is escaped with a backslash, as Markdown
    shows it unchanged."""
    lines = []
    for line in str(note or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.lstrip().startswith(("#", "```", "~~~")):
            line = "\\" + line.lstrip()
        lines.append(line.rstrip())
    return "\n".join(lines).strip("\n")


def import_vcard(vault, path, dry_run: bool = False, **_options):
    """Import a .vcf file (one or many cards) or a folder of them (a vdir)."""
    from .exporters import contact_uids
    from .vcard import read_vcards, vcard_files

    path = Path(path)
    base = path if path.is_dir() else path.parent
    problems: list[Problem] = []
    cards: list[tuple[Path, ContactRecord]] = []
    for file in vcard_files(path):
        cards.extend((file, record) for record in read_vcards(file, problems))
    if not cards:
        if problems:
            raise ValueError(f"no readable vCard in {path} ({_problem_notes(problems[:1], base)[0]})")
        raise ValueError(f"no .vcf files in {path}")
    report = netfiles.ImportReport()
    report.notes.extend(_problem_notes(problems, base))
    me = netfiles.Owner(vault)
    items = []
    for file, record in cards:
        if me.is_me(record):
            report.skipped.append(f"{record.name}: you ([me] in the vault's config)")
            continue
        where = _where(file, record.source_line, base)
        fields = vcard_fields(record, report.notes, where)
        record.emails = fields["emails"]
        items.append(Incoming(record, fields, create_only=("tags",), body=note_body(record.extra.get("note"))))
    merge(vault, items, source="the vCard", dry_run=dry_run, report=report,
          export_uids=contact_uids(vault.contacts))
    return report



# --------------------------------------------------------------------------
# Calendar and mail: people by address, as evidence


def _owner_with_emails(vault, what: str) -> "netfiles.Owner":
    owner = netfiles.Owner(vault)
    if not owner.emails:
        raise ValueError(f"IMP001 netfiles cannot tell your own {what} from other people's: add your addresses "
                         "to .netfiles/config.toml, e.g.\n[me]\nname = \"Your Name\"\n"
                         "emails = [\"you@example.org\", \"you@work.example\"]")
    return owner


def _merge_evidence(vault, evidence, source: str, dry_run: bool, create_min: int | None, report):
    merge(vault, evidence.items(create_min), source=source, dry_run=dry_run, report=report)
    evidence.summarise(report)
    return report


def import_calendar(vault, path, dry_run: bool = False, today=None, with_content: bool = False,
                    create_min: int | None = None, **_options):
    """Meetings from an .ics file: one log line per contact per day."""
    from .calendar import read_calendar

    owner = _owner_with_emails(vault, "calendar entries")
    today = netfiles.App.today(today)
    evidence, counts = read_calendar(Path(path), owner, today, with_content)
    report = netfiles.ImportReport()
    skipped = [f"{counts.cancelled} cancelled"] if counts.cancelled else []
    if counts.declined:
        skipped.append(f"{counts.declined} you declined")
    if counts.alone:
        skipped.append(f"{counts.alone} with nobody else")
    report.notes.append(f"{counts.events} events up to {today.isoformat()}"
                        + (f" ({', '.join(skipped)}: not counted)" if skipped else ""))
    return _merge_evidence(vault, evidence, "the calendar", dry_run, create_min, report)


def import_mail(vault, path, dry_run: bool = False, today=None, received: bool = False,
                create_min: int | None = None, **_options):
    """Mail you sent (and with `received`, mail sent to you), from an mbox or a Maildir."""
    from .mail import read_mail

    owner = _owner_with_emails(vault, "mail")
    today = netfiles.App.today(today)
    evidence, counts = read_mail(Path(path), owner, today, received)
    report = netfiles.ImportReport()
    parts = [f"{counts.messages} messages read (headers only): {counts.sent} sent by you"]
    if received:
        parts.append(f"{counts.received} sent to you")
    if counts.lists:
        parts.append(f"{counts.lists} from mailing lists or automatic senders skipped")
    if counts.drafts:
        parts.append(f"{counts.drafts} drafts skipped")
    if counts.after_today:
        parts.append(f"{counts.after_today} dated after {today.isoformat()} skipped")
    report.notes.append(", ".join(parts))
    report.notes.extend(counts.problems[:MAX_PROBLEM_NOTES])
    if len(counts.problems) > MAX_PROBLEM_NOTES:
        report.notes.append(f"... and {len(counts.problems) - MAX_PROBLEM_NOTES} more problem(s) like these")
    if not counts.sent and not received:
        report.notes.append("IMP004 no mail from your [me] emails here: is this your Sent mail, and are all your "
                            "addresses under [me] emails? (--received counts mail sent to you)")
    return _merge_evidence(vault, evidence, "the mail", dry_run, create_min, report)


# --------------------------------------------------------------------------
# Google Contacts


def import_google_contacts(vault, path, dry_run: bool = False, **_options):
    """Google Contacts' CSV export: names, nicknames, organizations, emails, phones, labels, notes."""
    from .google import read_google_contacts

    path = Path(path)
    problems: list[Problem] = []
    records = read_google_contacts(path, problems)
    report = netfiles.ImportReport()
    report.notes.extend(_problem_notes(problems))
    me = netfiles.Owner(vault)
    items = []
    for record in records:
        if me.is_me(record):
            report.skipped.append(f"{record.name}: you ([me] in the vault's config)")
            continue
        where = _where(path, record.source_line, None)
        fields = vcard_fields(record, report.notes, where)
        fields.pop("vcard_uid", None)
        fields["aliases"] = record.extra.get("aliases") or []
        record.emails = fields["emails"]
        items.append(Incoming(record, fields, create_only=("tags",), body=note_body(record.extra.get("note"))))
    merge(vault, items, source="Google Contacts", dry_run=dry_run, report=report)
    return report
