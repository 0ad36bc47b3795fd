"""Read a LinkedIn data export ("Get a copy of your data") into ContactRecords.

Accepts the .zip LinkedIn sends, the folder it unpacks to, or a lone
Connections.csv.  Real exports are messy (a "Notes:" preamble before the
header, BOMs, CRLF, missing columns, three date styles), so every file is
streamed with the csv module, headers are found by their column names, and
a bad row becomes a `Problem` instead of an exception.

Files holding other people's address books (LinkedIn's "Imported
Contacts", synced phone contacts) are never opened: they are not the
user's network and not ours to read.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path, PurePosixPath
from typing import IO

from .records import ContactRecord, InteractionRecord, Problem, canonical_linkedin_url, clean_name

__all__ = ["ImportFormatError", "LinkedInExport", "Owner", "parse_connected_on", "parse_timestamp", "read_export"]

# Limits on what one export member may make us read (zip bombs, a file of one endless line). A real
# export's largest member, messages.csv, is tens of MB and compresses about 5:1; its lines are short.
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # uncompressed bytes of one member
MAX_RATIO = 100  # uncompressed : compressed, for members over RATIO_FLOOR_BYTES
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024  # one physical line
MAX_CONNECTIONS = 100_000  # rows of Connections.csv; LinkedIn allows 30,000 connections

ADDRESS_BOOK_NOTE = "skipped (other people's address book, never read)"
IGNORED_NOTE = "ignored (not used by the importer)"
EXCERPT_CHARS = 80


class ImportFormatError(ValueError):
    """The input is not a LinkedIn export we can read at all (no
    Connections.csv, or no header row in it).  Bad rows never raise."""


@dataclass
class Owner:
    """The person who downloaded the export: never imported as a contact."""

    name: str | None = None
    url: str | None = None


@dataclass
class LinkedInExport:
    """Everything read from one export.

    `records` are the connections (Connections.csv order) with their
    LinkedIn interactions attached; `others` are people who only appear in
    messages or invitations (not connections), kept apart so the plugin can
    decide whether to import them.  `notes` are one-line remarks for the
    user (ignored files, skipped rows); `problems` are malformed rows.
    """

    records: list[ContactRecord] = field(default_factory=list)
    owner: Owner | None = None
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    others: list[ContactRecord] = field(default_factory=list)


# --------------------------------------------------------------------------
# Where the files come from: zip, folder, or one file


class _Bounded(io.RawIOBase):
    """A member's bytes as a stream that stops with ImportFormatError past the size or line-length limit.

    Counted on the bytes actually read, so a zip entry that lies about its size is caught too;
    memory stays bounded because nothing downstream ever holds more than one line.
    """

    def __init__(self, raw: IO[bytes], member: str):
        self._raw, self._member = raw, member
        self._total = 0
        self._line = 1  # physical line being read, for the message
        self._run = 0  # bytes since the last newline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._raw.read(min(len(buffer), 1 << 16))
        size = len(data)
        buffer[:size] = data
        self._total += size
        if self._total > MAX_MEMBER_BYTES:
            raise ImportFormatError(f"{self._member}: larger than {_mib(MAX_MEMBER_BYTES)} uncompressed; not read "
                                    "(a real LinkedIn export is far smaller)")
        first, last = data.find(b"\n"), data.rfind(b"\n")
        if last == -1:
            self._run += size
        elif self._run + first > MAX_LINE_BYTES:
            self._run += first  # the line ending in this chunk is already too long
        else:  # lines wholly inside one chunk are shorter than the chunk, which is shorter than the limit
            self._line += data.count(b"\n")
            self._run = size - last - 1
        if self._run > MAX_LINE_BYTES:
            raise ImportFormatError(f"{self._member}: line {self._line} is longer than {_mib(MAX_LINE_BYTES)}; not read")
        return size

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


def _mib(size: int) -> str:
    return f"{size // (1024 * 1024)} MiB"


class _Source:
    """A read-only view of the export's files by relative POSIX path."""

    def members(self) -> list[str]:
        raise NotImplementedError

    def open_binary(self, member: str) -> IO[bytes]:
        """The member's bytes, bounded by MAX_MEMBER_BYTES and MAX_LINE_BYTES."""
        return io.BufferedReader(_Bounded(self._open(member), member))

    def _open(self, member: str) -> IO[bytes]:
        raise NotImplementedError

    def close(self) -> None:
        pass


class _ZipSource(_Source):
    """Reads members straight from the archive; nothing is extracted."""

    def __init__(self, path: Path):
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImportFormatError(f"{path.name}: not a readable zip file ({exc})") from exc

    def members(self) -> list[str]:
        return sorted(i.filename for i in self._zip.infolist() if not i.is_dir())

    def _open(self, member: str) -> IO[bytes]:
        info = self._zip.getinfo(member)
        if info.file_size > MAX_MEMBER_BYTES:
            raise ImportFormatError(f"{member}: {_mib(info.file_size)} uncompressed, over the {_mib(MAX_MEMBER_BYTES)} "
                                    "limit; not read (a real LinkedIn export is far smaller)")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFormatError(f"{member}: expands {info.file_size // max(info.compress_size, 1)} times "
                                    f"(over {MAX_RATIO}:1), which only a zip bomb does; not read")
        return self._zip.open(member)

    def close(self) -> None:
        self._zip.close()


class _DirSource(_Source):
    def __init__(self, path: Path):
        self._root = path

    def members(self) -> list[str]:
        found: list[str] = []
        for dirpath, _dirnames, filenames in os.walk(self._root):
            rel = Path(dirpath).relative_to(self._root)
            found.extend((rel / name).as_posix() for name in filenames)
        return sorted(found)  # same order as the zip, so notes match

    def _open(self, member: str) -> IO[bytes]:
        return open(self._root / member, "rb")


class _FileSource(_Source):
    def __init__(self, path: Path):
        self._path = path

    def members(self) -> list[str]:
        return [self._path.name]

    def _open(self, member: str) -> IO[bytes]:
        return open(self._path, "rb")


def _open_source(path: Path) -> _Source:
    if path.is_dir():
        return _DirSource(path)
    if not path.exists():
        raise ImportFormatError(f"{path}: no such file or folder")
    if zipfile.is_zipfile(path):
        return _ZipSource(path)
    return _FileSource(path)


# --------------------------------------------------------------------------
# Which file is which


def _squash(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.lower())


def _is_address_book(member: str) -> bool:
    """LinkedIn's "Imported Contacts.csv" and any synced address book.

    Judged by name alone, so the file is never opened.
    """
    parts = [_squash(p) for p in PurePosixPath(member).parts]
    name = parts[-1]
    stem = name.rsplit(".", 1)[0]
    if name.endswith(".vcf"):
        return True
    if stem in {"contacts", "addressbook", "addressbookcontacts", "phonecontacts", "syncedcontacts"}:
        return True
    return any(
        word in part
        for part in parts
        for word in ("importedcontact", "addressbook", "syncedcontact", "phonecontact", "contactsync")
    )


def _classify(member: str) -> str:
    name = PurePosixPath(member).name
    if name.startswith("._") or "__MACOSX" in PurePosixPath(member).parts:
        return "ignored"
    if _is_address_book(member):
        return "address-book"
    return {
        "connections.csv": "connections",
        "messages.csv": "messages",
        "invitations.csv": "invitations",
        "profile.csv": "profile",
    }.get(_squash(name), "ignored")


# --------------------------------------------------------------------------
# CSV plumbing


class _NoHeader(Exception):
    pass


def _norm_header(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.replace("\ufeff", "").strip().lower())


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(cell: str | None) -> str:
    """Trim a cell and drop control characters that would corrupt YAML."""
    return _CONTROL_RE.sub("", cell or "").strip()


class _Table:
    """Streams one CSV member as (physical line, {header: value}) pairs.

    The header is the first row whose trimmed, lower-cased cells include
    every name in `required` -- found by content, never by position.
    """

    def __init__(self, source: _Source, member: str, required: set[str], encoding: str):
        self.source = source
        self.member = member
        self.required = required
        self.encoding = encoding
        self.problems: list[Problem] = []
        self.header: list[str] = []

    def _text(self) -> io.TextIOWrapper:
        # errors="replace": the encoding was checked beforehand, and a
        # stray byte must not abort a 50,000-row import.
        raw = self.source.open_binary(self.member)
        return io.TextIOWrapper(raw, encoding=self.encoding, errors="replace", newline="")

    def _records(self, lines, first_line: int = 1) -> Iterator[tuple[int, list[str]]]:
        """csv records with the physical line each starts on."""
        reader = csv.reader(lines)
        end = 0
        errors = 0
        while True:
            start = end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                errors += 1
                end = reader.line_num
                self.problems.append(Problem(self.member, start + first_line - 1, f"unreadable CSV: {exc}"))
                if errors > 100:
                    self.problems.append(Problem(self.member, None, "too many CSV errors; rest of file skipped"))
                    return
                continue
            end = reader.line_num
            yield start + first_line - 1, row

    def _is_header(self, row: list[str]) -> bool:
        return self.required <= {_norm_header(c) for c in row}

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        with self._text() as text:
            records = self._records(text)
            for line, row in records:
                if self._is_header(row):
                    yield from self._data(records, row)
                    return
        # A preamble with an unbalanced quote swallows the header as part of
        # one giant field; look for it line by line instead.
        self.problems.clear()
        with self._text() as text:
            for number, physical in enumerate(text, start=1):
                try:
                    cells = next(csv.reader([physical]))
                except (csv.Error, StopIteration):
                    continue
                if self._is_header(cells):
                    yield from self._data(self._records(text, number + 1), cells)
                    return
        raise _NoHeader(self.member)

    def _data(self, records, header_row: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
        self.header = [_norm_header(c) for c in header_row]
        width = len(self.header)
        for line, row in records:
            if not any(c.strip() for c in row):
                continue  # blank line
            if len(row) > width and any(c.strip() for c in row[width:]):
                self.problems.append(
                    Problem(self.member, line, f"row has {len(row)} fields, expected {width} (unquoted comma?); skipped")
                )
                continue
            values = {name: _clean(row[i]) if i < len(row) else "" for i, name in enumerate(self.header)}
            yield line, values


# --------------------------------------------------------------------------
# Dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}


_FULL_MONTHS = [
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
]


def _month(name: str) -> int | None:
    """English month names, independent of the process locale (strptime's
    %b is not)."""
    key = name.lower().rstrip(".")
    if key in _MONTHS:
        return _MONTHS[key]
    return _FULL_MONTHS.index(key) + 1 if key in _FULL_MONTHS else None


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def parse_connected_on(text: str) -> date | None:
    """"12 Mar 2024", "01-Jul-25", "2024-03-12", "Mar 12, 2024" or US
    "3/12/2024"; None when it is none of these."""
    text = text.strip()
    try:
        if m := re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})", text):
            month = _month(m.group(2))
            return date(_year(m.group(3)), month, int(m.group(1))) if month else None
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := re.fullmatch(r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})", text):
            month = _month(m.group(1))
            return date(int(m.group(3)), month, int(m.group(2))) if month else None
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})", text):
            return date(_year(m.group(3)), int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None
    return None


_ISO_TS_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
_US_TS_RE = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)


def parse_timestamp(text: str) -> datetime | None:
    """LinkedIn timestamps ("2025-10-06 23:49:02 UTC", "10/6/25, 11:49 PM",
    "2025-10-06") as aware datetimes.  LinkedIn writes UTC, so a time with
    no zone is taken as UTC."""
    text = text.strip()
    try:
        if m := _ISO_TS_RE.fullmatch(text):
            y, mo, d, hh, mm, ss, zone = m.groups()
            tz: tzinfo = timezone.utc
            if zone and zone[0] in "+-":
                sign = 1 if zone[0] == "+" else -1
                digits = zone[1:].replace(":", "")
                tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
            return datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0), tzinfo=tz)
        if m := _US_TS_RE.fullmatch(text):
            mo, d, y, hh, mm, ss, ampm = m.groups()
            hour = int(hh or 0)
            if ampm:
                if not 1 <= hour <= 12:
                    return None
                hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
            return datetime(_year(y), int(mo), int(d), hour, int(mm or 0), int(ss or 0), tzinfo=timezone.utc)
    except ValueError:
        return None
    return None


# --------------------------------------------------------------------------
# Helpers for people


_URL_IN_TEXT_RE = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)?linkedin\.com/in/[^\s,;\]\[\"'<>]+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _linkedin_url(text: str | None) -> str | None:
    """The normalised URL when `text` is a LinkedIn URL, else None (so that
    "n/a" or an empty cell never becomes an identity)."""
    return canonical_linkedin_url(text) if text and "linkedin.com/" in text.lower() else None


def _profile_urls(text: str) -> list[str]:
    """All profile URLs in a cell that may hold several, separated by commas
    or spaces (group messages)."""
    urls = []
    for piece in re.split(r"[,\s]+", text or ""):
        url = _linkedin_url(piece)
        if url and url not in urls:
            urls.append(url)
    return urls


def _excerpt(content: str) -> str:
    """First non-empty line, without HTML, shortened; wikilink brackets and
    "#" are defused so a message cannot add links or #gave/#got tags to a
    log line."""
    text = re.sub(r"<[^>]+>", " ", content or "")
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    first = re.sub(r"\s+", " ", first)
    first = first.replace("[[", "[").replace("]]", "]").replace("#", "")
    if len(first) > EXCERPT_CHARS:
        first = first[: EXCERPT_CHARS - 1].rstrip() + "…"
    return first


def _name_key(name: str) -> str:
    return clean_name(name, "").casefold()


@dataclass
class _Person:
    """Someone the owner exchanged messages or invitations with."""

    url: str | None
    names: Counter = field(default_factory=Counter)
    # day -> [count, earliest timestamp, excerpt of the earliest message]
    days: dict = field(default_factory=dict)
    # day -> (profile URLs of the others in group messages that day, largest group with the owner)
    groups: dict = field(default_factory=dict)
    # (timestamp or None, direction) for each invitation
    invitations: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0] if self.names else ""


# --------------------------------------------------------------------------
# The reader


_CONNECTION_COLUMNS = {
    "first": ("first name",),
    "last": ("last name",),
    "url": ("url", "profile url", "public profile url"),
    "email": ("email address", "email", "e-mail address"),
    "company": ("company",),
    "position": ("position", "title"),
    "connected": ("connected on",),
}


def _pick(values: dict[str, str], key: str) -> str:
    for column in _CONNECTION_COLUMNS[key]:
        if values.get(column):
            return values[column]
    return ""


class _ExportReader:
    def __init__(self, source: _Source, with_content: bool, tz: tzinfo | None):
        self.source = source
        self.with_content = with_content
        self.tz = tz
        self.out = LinkedInExport()
        self._encodings: dict[str, str] = {}

    # -- infrastructure ----------------------------------------------------

    def note(self, text: str) -> None:
        self.out.notes.append(text)

    def encoding(self, member: str) -> str:
        """UTF-8 (with or without BOM), UTF-16 by its BOM, else Windows-1252
        (a file re-saved by Excel).  Checked by streaming the bytes once, so
        parsing never has to start over."""
        if member not in self._encodings:
            self._encodings[member] = self._detect_encoding(member)
        return self._encodings[member]

    def _detect_encoding(self, member: str) -> str:
        with self.source.open_binary(member) as raw:
            head = raw.read(4)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16"
            decoder = codecs.getincrementaldecoder("utf-8")()
            chunk = head
            try:
                while chunk:
                    decoder.decode(chunk)
                    chunk = raw.read(1 << 20)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                self.note(f"{member}: not UTF-8, read as Windows-1252")
                return "cp1252"
        return "utf-8-sig"

    def table(self, member: str, required: set[str], consume, *, keep_problems: bool = True):
        """Run `consume(rows)` over a member's data rows, then keep the CSV
        problems it met (not on a preliminary pass over the same file)."""
        table = _Table(self.source, member, required, self.encoding(member))
        try:
            return consume(table.rows())
        finally:
            if keep_problems:
                self.out.problems.extend(table.problems)

    def local_date(self, moment: datetime) -> date:
        """The calendar day of a UTC timestamp where the user lives (or in
        `tz` when given)."""
        return moment.astimezone(self.tz).date() if self.tz else moment.astimezone().date()

    # -- the whole export --------------------------------------------------

    def read(self) -> LinkedInExport:
        chosen: dict[str, str] = {}
        single = isinstance(self.source, _FileSource)
        for member in self.source.members():
            kind = _classify(member)
            if single:
                if kind == "address-book":
                    raise ImportFormatError(
                        f"{member}: an address book export, not LinkedIn connections; netfiles does not read it"
                    )
                kind = "connections"
            if kind == "address-book":
                self.note(f"{member}: {ADDRESS_BOOK_NOTE}")
            elif kind == "ignored":
                self.note(f"{member}: {IGNORED_NOTE}")
            elif kind in chosen:
                # Prefer the shallowest copy (the export's own top folder).
                keep, drop = sorted([chosen[kind], member], key=lambda m: (m.count("/"), m))
                chosen[kind] = keep
                self.note(f"{drop}: ignored (another {PurePosixPath(keep).name} is used)")
            else:
                chosen[kind] = member

        if "connections" not in chosen:
            raise ImportFormatError("no Connections.csv found; is this a LinkedIn data export?")

        profile = self.read_profile(chosen["profile"]) if "profile" in chosen else Owner()
        connections = self.read_connections(chosen["connections"])
        people: dict = {}
        owner = profile
        if "messages" in chosen:
            owner = self.find_owner(chosen["messages"], profile, connections)
        if owner.url or owner.name:
            self.out.owner = owner
        if "messages" in chosen:
            self.read_messages(chosen["messages"], owner, people)
        if "invitations" in chosen:
            self.read_invitations(chosen["invitations"], owner, people)

        if owner.url:
            kept = [r for r in connections if r.linkedin != owner.url]
            if len(kept) != len(connections):
                self.note(f"{chosen['connections']}: the export owner's own row was left out")
            connections = kept
        self.out.records = connections
        self.attach(people, connections, owner)
        return self.out

    # -- Profile.csv -------------------------------------------------------

    def read_profile(self, member: str) -> Owner:
        def consume(rows):
            for _line, values in rows:
                name = clean_name(values.get("first name"), values.get("last name"))
                url = None
                # Only where the owner lists their own sites: a Summary may
                # well link to somebody else's profile.
                for column, value in values.items():
                    if any(w in column for w in ("website", "url", "profile")):
                        if m := _URL_IN_TEXT_RE.search(value):
                            url = canonical_linkedin_url(m.group(0))
                            break
                return Owner(name or None, url)
            return Owner()

        try:
            return self.table(member, {"first name", "last name"}, consume)
        except _NoHeader:
            self.note(f"{member}: no 'First Name,Last Name' header; ignored")
            return Owner()

    # -- Connections.csv ---------------------------------------------------

    def read_connections(self, member: str) -> list[ContactRecord]:
        nameless: list[int] = []

        def consume(rows):
            records = []
            for line, values in rows:
                record = self.connection(member, line, values, nameless)
                if record is not None:
                    records.append(record)
                    if len(records) > MAX_CONNECTIONS:
                        raise ImportFormatError(f"{member}: more than {MAX_CONNECTIONS:,} connections at line {line} "
                                                "(LinkedIn allows 30,000); not imported")
            return records

        try:
            records = self.table(member, {"first name", "last name"}, consume)
        except _NoHeader:
            raise ImportFormatError(
                f"{member}: no header row with 'First Name' and 'Last Name' found; "
                "is this LinkedIn's Connections.csv?"
            ) from None
        if nameless:
            shown = ", ".join(str(n) for n in nameless[:10]) + (", ..." if len(nameless) > 10 else "")
            self.note(f"{member}: skipped {len(nameless)} row(s) with no name (line {shown})")
        return records

    def connection(self, member: str, line: int, values: dict[str, str], nameless: list[int]) -> ContactRecord | None:
        name = clean_name(_pick(values, "first"), _pick(values, "last"))
        if not name:
            nameless.append(line)
            return None
        record = ContactRecord(name=name, tags=["linkedin"], source_line=line)
        record.organization = _pick(values, "company") or None
        record.role = _pick(values, "position") or None

        raw_url = _pick(values, "url")
        if raw_url:
            if "linkedin.com" in raw_url.lower():
                record.linkedin = canonical_linkedin_url(raw_url)
                if record.linkedin is None:  # `http://[...`: an identity we cannot read; skip, never guess
                    self.out.problems.append(Problem(member, line, f"invalid URL {raw_url[:80]!r}; row skipped"))
                    return None
            else:
                self.out.problems.append(Problem(member, line, f"not a LinkedIn profile URL: {raw_url!r}"))

        for piece in re.split(r"[,;\s]+", _pick(values, "email")):
            if not piece:
                continue
            if _EMAIL_RE.match(piece):
                if piece not in record.emails:
                    record.emails.append(piece)
            else:
                self.out.problems.append(Problem(member, line, f"not an email address: {piece!r}"))

        raw_date = _pick(values, "connected")
        if raw_date:
            record.met = parse_connected_on(raw_date)
            if record.met is None:
                self.out.problems.append(Problem(member, line, f"unrecognised date in Connected On: {raw_date!r}"))
        return record

    # -- messages.csv ------------------------------------------------------

    _MESSAGE_HEADER = {"from", "date"}

    def find_owner(self, member: str, profile: Owner, connections: list[ContactRecord]) -> Owner:
        """The owner is the one profile URL present in every conversation.

        When several URLs qualify (e.g. one conversation only), Profile.csv's
        name breaks the tie, then "not one of your own connections".
        """
        if profile.url:
            return profile
        common: set[str] | None = None
        names: dict[str, Counter] = {}
        participants: dict[str, set[str]] = {}

        def consume(rows):
            for _line, values in rows:
                conversation = values.get("conversation id") or values.get("conversation title") or ""
                sender = _linkedin_url(values.get("sender profile url"))
                urls = set(_profile_urls(values.get("recipient profile urls", "")))
                if sender:
                    urls.add(sender)
                    names.setdefault(sender, Counter())[values.get("from", "")] += 1
                if urls:
                    participants.setdefault(conversation, set()).update(urls)

        try:
            self.table(member, self._MESSAGE_HEADER, consume, keep_problems=False)
        except _NoHeader:
            return profile  # reported, once, by read_messages
        for urls in participants.values():
            common = set(urls) if common is None else common & urls
        candidates = sorted(common or ())
        if len(candidates) > 1 and profile.name:
            by_name = [u for u in candidates if _name_key(profile.name) in {_name_key(n) for n in names.get(u, ())}]
            candidates = by_name or candidates
        if len(candidates) > 1:
            connected = {r.linkedin for r in connections}
            outside = [u for u in candidates if u not in connected]
            candidates = outside or candidates
        if len(candidates) == 1:
            url = candidates[0]
            name = profile.name
            if not name and names.get(url):
                name = clean_name(names[url].most_common(1)[0][0], "") or None
            return Owner(name, url)
        if participants:
            self.note(f"{member}: could not tell whose export this is (add Profile.csv)")
        return profile

    def is_owner(self, owner: Owner, url: str | None, name: str) -> bool:
        if url and owner.url:
            return url == owner.url
        return bool(owner.name and name and _name_key(name) == _name_key(owner.name))

    def person(self, people: dict, url: str | None, name: str) -> _Person | None:
        name = clean_name(name, "")
        if not url and (not name or name.casefold() == "linkedin member"):
            return None
        key = url or ("name", name.casefold())
        person = people.setdefault(key, _Person(url))
        if name and name.casefold() != "linkedin member":
            person.names[name] += 1
        return person

    def read_messages(self, member: str, owner: Owner, people: dict) -> None:
        if not (owner.url or owner.name):
            self.note(f"{member}: messages not used (export owner unknown)")
            return

        def consume(rows):
            for line, values in rows:
                moment = parse_timestamp(values.get("date", ""))
                if moment is None:
                    self.out.problems.append(Problem(member, line, f"unrecognised date: {values.get('date', '')!r}"))
                    continue
                sender_url = _linkedin_url(values.get("sender profile url"))
                sender_name = values.get("from", "")
                recipients: list[str | None] = [*_profile_urls(values.get("recipient profile urls", ""))]
                to_names = [n.strip() for n in values.get("to", "").split(",")] if values.get("to") else []
                if len(to_names) != len(recipients):
                    # Names may themselves hold commas ("Souza, PhD"); only
                    # trust the pairing when the counts agree, or one name.
                    to_names = [values.get("to", "")] if len(recipients) <= 1 else [""] * len(recipients)
                if not recipients and to_names:
                    recipients = [None] * len(to_names)

                if self.is_owner(owner, sender_url, sender_name):
                    others = [(u, n) for u, n in zip(recipients, to_names) if not self.is_owner(owner, u, n)]
                else:
                    others = [(sender_url, sender_name)]
                day = self.local_date(moment)
                excerpt = _excerpt(values.get("content", "")) if self.with_content else ""
                # A group message (the owner and two or more others): evidence that they know each other.
                present = {u for u in [sender_url, *recipients] if u and not self.is_owner(owner, u, "")}
                for url, name in others:
                    person = self.person(people, url, name)
                    if person is None:
                        continue
                    if len(present) >= 2 and url in present:
                        peers, size = person.groups.get(day, (set(), 0))
                        person.groups[day] = (peers | (present - {url}), max(size, len(present) + 1))
                    slot = person.days.get(day)
                    if slot is None:
                        person.days[day] = [1, moment, excerpt]
                    else:
                        slot[0] += 1
                        if moment < slot[1]:
                            slot[1], slot[2] = moment, excerpt

        try:
            self.table(member, self._MESSAGE_HEADER, consume)
        except _NoHeader:
            self.note(f"{member}: no 'FROM,DATE' header; ignored")

    # -- Invitations.csv ---------------------------------------------------

    def read_invitations(self, member: str, owner: Owner, people: dict) -> None:
        def consume(rows):
            for line, values in rows:
                direction = values.get("direction", "").upper()
                inviter = _linkedin_url(values.get("inviterprofileurl"))
                invitee = _linkedin_url(values.get("inviteeprofileurl"))
                if direction not in ("INCOMING", "OUTGOING") and owner.url:
                    if inviter == owner.url:
                        direction = "OUTGOING"
                    elif invitee == owner.url:
                        direction = "INCOMING"
                if direction == "OUTGOING":
                    url, name = invitee, values.get("to", "")
                elif direction == "INCOMING":
                    url, name = inviter, values.get("from", "")
                else:
                    self.out.problems.append(
                        Problem(member, line, f"unknown invitation direction: {values.get('direction', '')!r}")
                    )
                    continue
                if self.is_owner(owner, url, name):
                    continue
                raw = values.get("sent at", "")
                moment = parse_timestamp(raw) if raw else None
                if raw and moment is None:
                    self.out.problems.append(Problem(member, line, f"unrecognised date in Sent At: {raw!r}"))
                person = self.person(people, url, name)
                if person is not None:
                    person.invitations.append((moment, direction, _excerpt(values.get("message", ""))))

        try:
            self.table(member, {"direction"}, consume)
        except _NoHeader:
            self.note(f"{member}: no 'Direction' header; ignored")

    # -- putting interactions on people ------------------------------------

    def attach(self, people: dict, connections: list[ContactRecord], owner: Owner) -> None:
        """Give each person's interactions to their connection (by profile
        URL, else by a name only one connection has), or to a record in
        `others`."""
        by_url: dict[str, ContactRecord] = {}
        by_name: dict[str, list[ContactRecord]] = {}
        for record in connections:
            if record.linkedin:
                by_url.setdefault(record.linkedin, record)
            by_name.setdefault(record.name.casefold(), []).append(record)

        slots: dict[int, tuple[ContactRecord | None, list[_Person]]] = {}
        slot_of: dict[int, int] = {}
        ambiguous: Counter = Counter()

        def place(person: _Person, target: ContactRecord | None) -> None:
            key = id(target) if target is not None else id(person)
            slots.setdefault(key, (target, []))[1].append(person)
            slot_of[id(person)] = key

        def by_unique_name(person: _Person) -> tuple[ContactRecord | None, bool]:
            same = by_name.get(person.name.casefold(), []) if person.name else []
            if len(same) > 1:
                ambiguous[person.name] += 1
                return None, True
            return (same[0] if same else None), False

        url_people = [p for p in people.values() if p.url]
        name_people = [p for p in people.values() if not p.url]
        for person in url_people:
            target = by_url.get(person.url)
            if target is None:
                target, unsure = by_unique_name(person)
                if unsure:
                    continue
            place(person, target)
        # Someone seen without a URL (e.g. a TO name) joins the URL person of
        # the same name when there is exactly one.
        placed_by_name: dict[str, list[_Person]] = {}
        for person in url_people:
            if person.name and id(person) in slot_of:
                placed_by_name.setdefault(person.name.casefold(), []).append(person)
        for person in name_people:
            target, unsure = by_unique_name(person)
            if unsure:
                continue
            if target is None:
                twins = placed_by_name.get(person.name.casefold(), [])
                if len(twins) == 1:
                    slots[slot_of[id(twins[0])]][1].append(person)
                    continue
            place(person, target)

        for name in sorted(ambiguous):
            self.note(f"LinkedIn activity with {name!r} not attached: more than one connection has that name")

        others = []
        for target, group in slots.values():
            interactions, reached_out = self.interactions(group)
            if target is None:
                lead = next((p for p in group if p.url), group[0])
                name = lead.name or (lead.url or "").rsplit("/", 1)[-1]
                if not name or self.is_owner(owner, lead.url, name):
                    continue
                target = ContactRecord(name=name, linkedin=lead.url, tags=["linkedin"])
                others.append(target)
            target.interactions.extend(interactions)
            target.interactions.sort(key=lambda i: (i.date, i.text))
            if reached_out and "reached_out" not in target.extra:
                target.extra["reached_out"] = reached_out
        others.sort(key=lambda r: (r.name.casefold(), r.linkedin or ""))
        self.out.others = others
        if others:
            self.note(f"{len(others)} people in messages or invitations are not connections (see others)")

    def interactions(self, group: list[_Person]) -> tuple[list[InteractionRecord], str | None]:
        days: dict[date, list] = {}
        for person in group:
            for day, (count, moment, excerpt) in person.days.items():
                slot = days.setdefault(day, [0, moment, excerpt])
                slot[0] += count
                if moment < slot[1]:
                    slot[1], slot[2] = moment, excerpt
        groups: dict[date, tuple[set, int]] = {}
        for person in group:
            for day, (peers, size) in person.groups.items():
                have, largest = groups.get(day, (set(), 0))
                groups[day] = (have | peers, max(largest, size))
        result = []
        for day, (count, _moment, excerpt) in sorted(days.items()):
            text = "message" if count == 1 else f"messages ({count})"
            if self.with_content and excerpt:
                text = f"{text}: {excerpt}"
            peers, size = groups.get(day, (set(), 0))
            result.append(InteractionRecord(day, "linkedin", text, tuple(sorted(peers)), size))

        invitations = sorted(
            (inv for person in group for inv in person.invitations),
            key=lambda inv: (inv[0] is None, inv[0] or datetime.min.replace(tzinfo=timezone.utc)),
        )
        seen = set()
        for moment, direction, excerpt in invitations:
            if moment is None:
                continue
            text = "invitation sent" if direction == "OUTGOING" else "invitation received"
            if self.with_content and excerpt:
                text = f"{text}: {excerpt}"
            day = self.local_date(moment)
            if (day, text) not in seen:
                seen.add((day, text))
                result.append(InteractionRecord(day, "linkedin", text))
        reached_out = None
        if invitations:
            reached_out = "me" if invitations[0][1] == "OUTGOING" else "them"
        return result, reached_out


def read_export(path: str | os.PathLike, *, with_content: bool = False, tz: tzinfo | None = None) -> LinkedInExport:
    """Read a LinkedIn export: the .zip, its unpacked folder, or a lone
    Connections.csv.

    Message and invitation timestamps (UTC in the export) are turned into
    calendar days in `tz`, by default the machine's local time zone.
    Message text is only used, as a short first-line excerpt, when
    `with_content` is true.  Raises ImportFormatError only when there is no
    Connections.csv or no header in it.
    """
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))  # long messages
    source = _open_source(Path(path))
    try:
        return _ExportReader(source, with_content, tz).read()
    finally:
        source.close()
