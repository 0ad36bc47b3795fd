"""Google Contacts' CSV export ("Google CSV"), in both of its header styles.

The current export names its columns "First Name", "Middle Name", "Last
Name", "Nickname", "Organization Name", "Organization Title", "Birthday",
"Notes", "Labels", "E-mail 1 - Value", "Phone 1 - Value", "Website 1 -
Value", "Address 1 - City", ...; the older one "Given Name", "Additional
Name", "Family Name", "Organization 1 - Name", "Organization 1 - Title",
"Group Membership", "E-mail 1 - Value", ....  One cell may hold several
values joined by " ::: ".  Labels become tags, without Google's own
"* myContacts" (and with "* starred" as "starred").
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import netfiles

from .records import ContactRecord, Problem, canonical_linkedin_url, clean_name

SEPARATOR = " ::: "
_NAME_COLUMNS = ({"first name", "last name"}, {"given name", "family name"})
_BIRTHDAY = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$")


class GoogleContactsError(ValueError):
    """Not a Google Contacts CSV; the message names the file and line."""


def _values(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split(":::") if v.strip()]


def _first(row: dict, *columns: str) -> str:
    for column in columns:
        value = " ".join((row.get(column) or "").split())
        if value:
            return value
    return ""


def _numbered(row: dict, kind: str) -> list[str]:
    """Every value of every "KIND n - Value" column, in column order."""
    values: list[str] = []
    for column, cell in row.items():
        if column and column.startswith(f"{kind} ") and column.endswith(" - value"):
            values.extend(v for v in _values(cell) if v not in values)
    return values


def _tags(row: dict) -> list[str]:
    tags = []
    for label in _values(row.get("labels") or row.get("group membership")):
        if label.casefold() in ("* mycontacts", "* my contacts", "* other contacts"):
            continue
        label = label[2:] if label.startswith("* ") else label
        if label and label not in tags:
            tags.append(label)
    return tags


def read_google_contacts(path: Path, problems: list) -> list[ContactRecord]:
    """The contacts of a Google Contacts CSV export; malformed rows go to `problems`."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise GoogleContactsError(f"{path}:{line}: not UTF-8 text "
                                  "(Google exports UTF-8; was the file re-saved by a spreadsheet?)") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as exc:
        raise GoogleContactsError(f"{path}:1: unreadable header: {exc}") from None
    if not any(columns <= set(header) for columns in _NAME_COLUMNS):
        raise GoogleContactsError(f"{path}:1: not a Google Contacts CSV export (no 'First Name'/'Last Name' or "
                                  "'Given Name'/'Family Name' columns)")
    records = []
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise GoogleContactsError(f"{path}:{start}: {exc}") from None
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(str(path), start, f"{len(cells)} cells for {len(header)} columns; extra cells ignored"))
        row = dict(zip(header, cells))
        record = _record(row, start, problems, str(path))
        if record is not None:
            records.append(record)
    return records


def _record(row: dict, line: int, problems: list, file: str) -> ContactRecord | None:
    name = clean_name(" ".join(p for p in (_first(row, "first name", "given name"),
                                           _first(row, "middle name", "additional name")) if p),
                      _first(row, "last name", "family name"))
    suffix = _first(row, "name suffix")
    if name and suffix:
        name = clean_name(name, suffix)
    emails = _numbered(row, "e-mail")
    phones = _numbered(row, "phone")
    organization = _first(row, "organization name", "organization 1 - name")
    if not name:
        name = _first(row, "name", "file as") or organization or (emails[0] if emails else "")
    if not name:
        if any(v.strip() for v in row.values()):
            problems.append(Problem(file, line, "no name, email or organization; row skipped"))
        return None
    birthday = _first(row, "birthday")
    if birthday and not _BIRTHDAY.match(birthday):
        problems.append(Problem(file, line, f"birthday {birthday!r} is not YYYY-MM-DD or --MM-DD; left out"))
        birthday = ""
    if birthday and not birthday.startswith("--") and netfiles.parse_iso_date(birthday) is None:
        problems.append(Problem(file, line, f"birthday {birthday!r} is not a date; left out"))
        birthday = ""
    websites = _numbered(row, "website")
    linkedin = next((canonical_linkedin_url(u) for u in websites if "linkedin.com/" in u.lower()), None)
    nickname = _first(row, "nickname")
    return ContactRecord(
        name=name,
        organization=organization or None,
        role=_first(row, "organization title", "organization 1 - title") or None,
        emails=emails,
        phones=phones,
        linkedin=linkedin,
        tags=_tags(row),
        birthday=birthday or None,
        location=_first(row, "address 1 - city") or None,
        extra={"aliases": [nickname] if nickname and nickname != name else [], "note": row.get("notes") or ""},
        source_line=line,
    )
