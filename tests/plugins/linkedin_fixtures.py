"""Writers for realistic LinkedIn data-export fixtures.

Shared by the parser tests and the import plugin's tests; import as
``from linkedin_fixtures import ...`` (tests/plugins/conftest.py puts this
folder on sys.path).  Everything is written to a folder you pass in
(usually pytest's tmp_path) and every writer returns the path it wrote.

Rows are plain dicts with short keys:

- connection: first, last, url, email, company, position, connected
  (a ``date`` is formatted with ``date_style``; a ``str`` is written as is)
- message: conversation_id, title, from_name, from_url, to_names, to_urls,
  date (``datetime`` in UTC, or ``str``), subject, content, folder
- invitation: from_name, to_name, sent_at (``datetime`` or ``str``),
  message, direction ("INCOMING"/"OUTGOING"), inviter_url, invitee_url
"""

from __future__ import annotations

import csv
import random
import unicodedata
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

CONNECTION_COLUMNS = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
MESSAGE_COLUMNS = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
]
INVITATION_COLUMNS = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
PROFILE_COLUMNS = [
    "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
    "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers",
]

# The real preamble: "Notes:", one quoted paragraph on one line, a blank line.
PREAMBLE_LINES = [
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections "
    "to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"',
    "",
]
# Physical line of the first data row (header is the line before it).
FIRST_ROW_LINE = len(PREAMBLE_LINES) + 2
DEFAULT_NESTED_FOLDER = "Basic_LinkedInDataExport_10-06-2025"

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def format_connected_on(day: date, date_style: str = "d Mon YYYY") -> str:
    """The three styles seen in real exports: "12 Mar 2024", "01-Jul-25",
    "2024-03-12" (English month names whatever the locale)."""
    if date_style == "d Mon YYYY":
        return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"
    if date_style == "dd-Mon-yy":
        return f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year % 100:02d}"
    if date_style == "YYYY-MM-DD":
        return day.isoformat()
    raise ValueError(f"unknown date_style {date_style!r}")


def _open_writer(path: Path, *, bom: bool, crlf: bool):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")
    eol = "\r\n" if crlf else "\n"
    return fh, csv.writer(fh, lineterminator=eol), eol


def write_connections_csv(
    path,
    rows,
    *,
    bom: bool = False,
    crlf: bool = False,
    with_url: bool = True,
    date_style: str = "d Mon YYYY",
    preamble: bool = True,
) -> Path:
    """Connections.csv as LinkedIn writes it (preamble, then header, rows)."""
    columns = [c for c in CONNECTION_COLUMNS if with_url or c != "URL"]
    keys = {"First Name": "first", "Last Name": "last", "URL": "url", "Email Address": "email",
            "Company": "company", "Position": "position", "Connected On": "connected"}
    fh, writer, eol = _open_writer(path, bom=bom, crlf=crlf)
    with fh:
        if preamble:
            fh.write(eol.join(PREAMBLE_LINES) + eol)
        writer.writerow(columns)
        for row in rows:
            cells = []
            for column in columns:
                value = row.get(keys[column], "")
                if isinstance(value, date):
                    value = format_connected_on(value, date_style)
                cells.append("" if value is None else value)
            writer.writerow(cells)
    return Path(path)


def _timestamp(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if isinstance(value, datetime) else (value or "")


def write_messages_csv(path, messages, *, bom: bool = False, crlf: bool = False) -> Path:
    """messages.csv; several recipient URLs are joined with ",", as in
    group conversations."""
    fh, writer, _ = _open_writer(path, bom=bom, crlf=crlf)
    with fh:
        writer.writerow(MESSAGE_COLUMNS)
        for m in messages:
            writer.writerow([
                m.get("conversation_id", ""),
                m.get("title", ""),
                m.get("from_name", ""),
                m.get("from_url", ""),
                ", ".join(m.get("to_names", [])),
                ",".join(m.get("to_urls", [])),
                _timestamp(m.get("date")),
                m.get("subject", ""),
                m.get("content", ""),
                m.get("folder", "INBOX"),
                m.get("attachments", ""),
            ])
    return Path(path)


def format_sent_at(moment: datetime, style: str = "us") -> str:
    """Invitations.csv "Sent At": "10/6/25, 11:49 PM" (us) or ISO."""
    if style == "us":
        hour = moment.hour % 12 or 12
        ampm = "AM" if moment.hour < 12 else "PM"
        return f"{moment.month}/{moment.day}/{moment.year % 100:02d}, {hour}:{moment.minute:02d} {ampm}"
    return _timestamp(moment)


def write_invitations_csv(path, invitations, *, date_style: str = "us", bom: bool = False, crlf: bool = False) -> Path:
    fh, writer, _ = _open_writer(path, bom=bom, crlf=crlf)
    with fh:
        writer.writerow(INVITATION_COLUMNS)
        for inv in invitations:
            sent = inv.get("sent_at", "")
            writer.writerow([
                inv.get("from_name", ""),
                inv.get("to_name", ""),
                format_sent_at(sent, date_style) if isinstance(sent, datetime) else sent,
                inv.get("message", ""),
                inv.get("direction", ""),
                inv.get("inviter_url", ""),
                inv.get("invitee_url", ""),
            ])
    return Path(path)


def write_profile_csv(path, first: str, last: str, *, websites: str = "", headline: str = "Engineer") -> Path:
    """Profile.csv: one row about the export owner.  LinkedIn puts no
    profile URL in it; `websites` may hold one, e.g. "[PERSONAL:https://...]"."""
    fh, writer, _ = _open_writer(path, bom=False, crlf=False)
    with fh:
        writer.writerow(PROFILE_COLUMNS)
        writer.writerow([first, last, "", "", "", headline, "", "Software", "", "Lisbon, Portugal", "", websites, ""])
    return Path(path)


# Files a real export also holds, which the importer ignores.
IGNORED_FILES = {
    "Profile Summary.csv": "Headline,Summary\nEngineer,Hello\n",
    "Skills.csv": "Name\nPython\n",
    "Email Addresses.csv": "Email Address,Confirmed,Primary,Updated On\nme@example.org,Yes,Yes,1/1/20\n",
    "PhoneNumbers.csv": "Extension,Number,Type\n,+351 555 0100,Mobile\n",
    "Rich_Media.csv": "Date/Time,Media Description,Media Link\n",
    "Jobs/Job Applications.csv": "Application Date,Company Name\n",
}
# Other people's address books: must never be opened.  The bytes are not
# UTF-8 and hold an unterminated quote, so any attempt to parse them shows.
ADDRESS_BOOK_FILES = ["Imported Contacts.csv", "ImportedContacts.csv", "Contacts.csv"]
POISON_BYTES = b'\xff\xfe\x00"First Name,Last Name\n\x00\x81\x8d SECRET neighbour@example.org\n"unterminated'


def write_export(
    folder,
    rows,
    *,
    messages=None,
    invitations=None,
    profile: tuple[str, str] | None = None,
    profile_websites: str = "",
    extras: bool = True,
    **connection_options,
) -> Path:
    """A whole unpacked export folder: Connections.csv plus, when given,
    messages.csv, Invitations.csv and Profile.csv; with `extras` also the
    ignored files and the address-book files (poisoned)."""
    folder = Path(folder)
    write_connections_csv(folder / "Connections.csv", rows, **connection_options)
    if messages is not None:
        write_messages_csv(folder / "messages.csv", messages)
    if invitations is not None:
        write_invitations_csv(folder / "Invitations.csv", invitations)
    if profile is not None:
        write_profile_csv(folder / "Profile.csv", *profile, websites=profile_websites)
    if extras:
        for name, text in IGNORED_FILES.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        for name in ADDRESS_BOOK_FILES:
            (folder / name).write_bytes(POISON_BYTES)
    return folder


def make_export_zip(dir_or_files, zip_path, nested_folder=True) -> Path:
    """Zip a folder (its files, relative paths kept) or a list of files
    (flat).  `nested_folder` True puts everything under LinkedIn's usual
    top folder; a string names that folder; False puts files at the root."""
    zip_path = Path(zip_path)
    if isinstance(dir_or_files, (str, Path)) and Path(dir_or_files).is_dir():
        base = Path(dir_or_files)
        entries = [(p, p.relative_to(base).as_posix()) for p in sorted(base.rglob("*")) if p.is_file()]
    else:
        entries = [(Path(p), Path(p).name) for p in dir_or_files]
    prefix = ""
    if nested_folder:
        prefix = (DEFAULT_NESTED_FOLDER if nested_folder is True else str(nested_folder)).strip("/") + "/"
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        if prefix:
            zf.writestr(prefix, "")  # the folder entry, as real archives have
        for path, arcname in entries:
            zf.write(path, prefix + arcname)
    return zip_path


# --------------------------------------------------------------------------
# Generated rows

_FIRST = [
    "Ana", "José", "Zoë", "Łukasz", "Søren", "Anaïs", "Björn", "Chloé", "Dmitri", "Priya",
    "Nguyễn", "Hiroshi", "Fatima", "Olúwaseun", "Siobhán", "Mateus", "Γιώργος", "Мария", "李", "Ayşe",
    "John", "Mary", "Wei", "Ingrid", "Renée",
]
_LAST = [
    "Souza", "García", "Müller", "Kowalski", "Østergaard", "Dubois", "Öberg", "Leroy", "Ivanov",
    "Raman", "Văn An", "Tanaka", "Al-Sayed", "Adébáyọ̀", "Ní Bhriain", "Conceição", "Παπαδόπουλος",
    "Иванова", "小龙", "Yılmaz", "O'Brien", "Smith", "Chen", "Lindqvist", "Gauthier",
]
_CREDENTIAL_SUFFIXES = [", PhD", ", MBA", " PhD", ", CFA", ", PMP", " MBA, CFA", ", Ph.D."]
_GENERATIONAL = [", Jr.", " III"]
_COMPANIES = [
    "Acme Bank", "Acme, Inc.", "Smith & Sons, LLC", 'The "Best" Company', 'Foo, Bar & Baz "FBB"',
    "Globex", "Initech", "Umbrella Corp.", "Banco São Paulo", "Zürich Versicherung", "株式会社テスト",
    "", "Self-employed", "Wayne Enterprises",
]
_POSITIONS = [
    "Head of Data", "Software Engineer", "CTO", "Recruiter", "Product Manager, Payments",
    'Director, "Special" Projects', "Partner", "Student", "",
]
# Formula-looking values people really put in their headlines.
FORMULA_POSITIONS = ['=HYPERLINK("http://evil.example/","click me")', "+1 555 0100", "@handle", "-Growth-"]


def _slug(first: str, last: str) -> str:
    text = unicodedata.normalize("NFKD", f"{first} {last}").encode("ascii", "ignore").decode()
    text = "-".join(w for w in "".join(c if c.isalnum() else " " for c in text.lower()).split())
    return text or "member"


def generate_rows(n: int, seed: int = 0) -> list[dict]:
    """`n` realistic connection rows: non-ASCII names, a few exact duplicate
    names (with distinct URLs), quoted commas and quotes in companies, about
    15% with an email, credential suffixes on some last names, and
    formula-looking Position values on a few.  Deterministic for a seed."""
    rng = random.Random(seed)
    rows: list[dict] = []
    start = date(2010, 1, 1)
    for i in range(n):
        if rows and rng.random() < 0.03:
            twin = rng.choice(rows)
            first, last = twin["first"], twin["last"]
        else:
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            roll = rng.random()
            if roll < 0.08:
                last += rng.choice(_CREDENTIAL_SUFFIXES)
            elif roll < 0.10:
                last += rng.choice(_GENERATIONAL)
        slug = _slug(first, last.split(",")[0])
        row = {
            "first": first,
            "last": last,
            "url": f"https://www.linkedin.com/in/{slug}-{i:05d}{rng.randrange(16**4):04x}",
            "email": f"{slug.split('-')[0]}.{i}@example.org" if rng.random() < 0.15 else "",
            "company": rng.choice(_COMPANIES),
            "position": rng.choice(FORMULA_POSITIONS) if rng.random() < 0.04 else rng.choice(_POSITIONS),
            "connected": start + timedelta(days=rng.randrange(16 * 365)),
        }
        rows.append(row)
    return rows
