"""vCard files to ContactRecords and back, using vobject.

Reads one .vcf (one or many cards) or a vdir (a folder of .vcf files, as
kept by khard and vdirsyncer).  Address books collect years of cruft from
many apps, so each card is parsed on its own: a broken card becomes a
`Problem` and the rest still import.
"""

from __future__ import annotations

import calendar
import os
import re
import uuid
from pathlib import Path

import vobject

from .records import ContactRecord, Problem, canonical_linkedin_url, clean_name

__all__ = ["read_vcards", "record_to_vcard", "split_name", "stable_uid", "vcard_files"]

_BEGIN_RE = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END_RE = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_GENERATIONAL = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}


# --------------------------------------------------------------------------
# Reading


def read_vcards(path: str | os.PathLike, problems: list[Problem] | None = None) -> list[ContactRecord]:
    """All contacts in a .vcf file or a folder of them (searched
    recursively, hidden folders skipped, files in name order).

    Cards that cannot be read are reported into `problems` (when a list is
    given) as (file, line of BEGIN:VCARD, message) and skipped; this never
    raises for bad content.  `source_line` is the BEGIN:VCARD line within
    its file.
    """
    problems = problems if problems is not None else []
    records: list[ContactRecord] = []
    for file in vcard_files(path):
        records.extend(_read_file(file, problems))
    return records


def vcard_files(path: str | os.PathLike) -> list[Path]:
    """The files `read_vcards` reads: `path` itself, or the .vcf files of a
    folder (recursively, hidden folders skipped, in name order)."""
    root = Path(path)
    if not root.is_dir():
        return [root]
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() == ".vcf"
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def _decode(data: bytes, file: str, problems: list[Problem]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(file, None, "not UTF-8; read as Windows-1252"))
        return data.decode("cp1252", errors="replace")


def _split_cards(text: str) -> tuple[list[tuple[int, str]], list[int]]:
    """Cut the text into (first line, card text) by BEGIN/END lines, so one
    broken card cannot swallow the ones after it.  Also returns the lines of
    cards that never end."""
    cards, unclosed = [], []
    start, buffer = None, []
    # Only CR/LF end a line: str.splitlines() would also cut at U+2028 and
    # friends, which may sit inside a NOTE.
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if _BEGIN_RE.match(line) and start is None:
            start, buffer = number, [line]
        elif start is not None:
            buffer.append(line)
            if _END_RE.match(line) and not line.startswith((" ", "\t")):
                cards.append((start, "\r\n".join(buffer) + "\r\n"))
                start, buffer = None, []
            elif _BEGIN_RE.match(line):
                # A new card before the old one ended (AGENT cards aside,
                # this is a truncated card): report it and start over.
                unclosed.append(start)
                start, buffer = number, [line]
    if start is not None:
        unclosed.append(start)
    return cards, unclosed


def _read_file(file: Path, problems: list[Problem]) -> list[ContactRecord]:
    label = str(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        problems.append(Problem(label, None, f"cannot read: {exc.strerror or exc}"))
        return []
    cards, unclosed = _split_cards(_decode(data, label, problems))
    for line in unclosed:
        problems.append(Problem(label, line, "vCard has no END:VCARD; skipped"))
    if not cards and not unclosed:
        problems.append(Problem(label, None, "no vCard found"))
    records = []
    for line, text in cards:
        try:
            card = vobject.readOne(text, allowQP=True)
        except Exception as exc:  # vobject raises many kinds on bad input
            problems.append(Problem(label, line, f"unreadable vCard: {_one_line(exc)}"))
            continue
        try:
            record = _card_to_record(card, label, line, problems)
        except Exception as exc:  # a value of an unexpected shape
            problems.append(Problem(label, line, f"unreadable vCard: {_one_line(exc)}"))
            continue
        if record is not None:
            records.append(record)
    return records


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _text(value) -> str:
    """A property value as plain text, whatever shape vobject gave it."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    return str(value).strip()


def _values(card, name: str) -> list:
    return list(card.contents.get(name, []))


def _first_text(card, name: str) -> str:
    for line in _values(card, name):
        text = _text(line.value)
        if text:
            return text
    return ""


def _card_to_record(card, file: str, line: int, problems: list[Problem]) -> ContactRecord | None:
    name = clean_name(_first_text(card, "fn"), "")
    if not name:
        for n in _values(card, "n"):
            value = n.value
            if isinstance(value, vobject.vcard.Name):
                parts = [_text(value.given), _text(value.additional), _text(value.family), _text(value.suffix)]
                name = clean_name(" ".join(p for p in parts if p), "")
            else:
                name = clean_name(" ".join(reversed([p for p in _text(value).split(";") if p])), "")
            if name:
                break
    org_values = [_org(v.value) for v in _values(card, "org")]
    organization = next((o for o in org_values if o), None)
    if not name:
        if organization:
            name = organization
        else:
            problems.append(Problem(file, line, "vCard has no name (FN, N or ORG); skipped"))
            return None

    record = ContactRecord(name=name, source_line=line)
    record.organization = organization
    record.role = _first_text(card, "title") or _first_text(card, "role") or None

    for email in _values(card, "email"):
        text = _text(email.value)
        if text and text not in record.emails:
            record.emails.append(text)
    for tel in _values(card, "tel"):
        text = _text(tel.value)
        if text.lower().startswith("tel:"):
            text = text[4:]
        if text and text not in record.phones:
            record.phones.append(text)

    urls = []
    for url in _values(card, "url") + _values(card, "x-socialprofile"):
        text = _text(url.value)
        if "linkedin.com" in text.lower():
            if record.linkedin is None:
                record.linkedin = canonical_linkedin_url(text)
        elif text and url.name.lower() == "url" and text not in urls:
            urls.append(text)
    if urls:
        record.extra["urls"] = urls

    for categories in _values(card, "categories"):
        value = categories.value
        items = value if isinstance(value, (list, tuple)) else str(value).split(",")
        for item in items:
            tag = _text(item)
            if tag and tag not in record.tags:
                record.tags.append(tag)

    for bday in _values(card, "bday"):
        raw = _text(bday.value)
        parsed = _parse_bday(raw, omit_year="X-APPLE-OMIT-YEAR" in bday.params)
        if parsed:
            record.birthday = parsed
            break
        problems.append(Problem(file, line, f"unrecognised BDAY: {raw!r}"))

    for adr in _values(card, "adr"):
        value = adr.value
        country = ""
        if isinstance(value, vobject.vcard.Address):
            parts = [_text(value.city), _text(value.region)]
            country = _text(value.country)
        else:
            parts = [_text(value)]
        location = ", ".join(p for p in parts if p) or country
        if location:
            record.location = location
            if country:
                record.extra["country"] = country
            break

    nicknames = []
    for nickname in _values(card, "nickname"):
        value = nickname.value
        for item in value if isinstance(value, (list, tuple)) else str(value).split(","):
            text = _text(item)
            if text and text not in nicknames and text != name:
                nicknames.append(text)
    if nicknames:
        record.extra["nicknames"] = nicknames

    notes = [_text(n.value) for n in _values(card, "note")]
    notes = [n for n in notes if n]
    if notes:
        record.extra["note"] = "\n\n".join(notes)
    uid = _first_text(card, "uid")
    if uid:
        record.extra["uid"] = uid
    return record


def _org(value) -> str:
    """ORG is "Company;Department;..."; the first part is the organisation."""
    if isinstance(value, (list, tuple)):
        return _text(value[0]) if value else ""
    return _text(str(value).split(";")[0])


def _valid_month_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]  # 2000: leap year


def _parse_bday(raw: str, *, omit_year: bool = False) -> str | None:
    """BDAY as "YYYY-MM-DD" or "--MM-DD" (no year).

    Accepts YYYY-MM-DD, YYYYMMDD, --MMDD, --MM-DD, with an optional time
    part, and Apple's "1604-MM-DD" with X-APPLE-OMIT-YEAR (a year-less
    birthday).  None when unrecognised or impossible.
    """
    text = raw.strip().split("T")[0]
    if m := re.fullmatch(r"--(\d{2})-?(\d{2})", text):
        month, day = int(m.group(1)), int(m.group(2))
        return f"--{month:02d}-{day:02d}" if _valid_month_day(month, day) else None
    if m := re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not _valid_month_day(month, day) or (month == 2 and day == 29 and not calendar.isleap(year)):
            return None
        if omit_year or year == 1604:
            return f"--{month:02d}-{day:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


# --------------------------------------------------------------------------
# Writing


def stable_uid(record: ContactRecord) -> str:
    """A UID that stays the same across runs for the same person: the
    record's own UID when it has one, else a UUID5 of its LinkedIn URL,
    first email or name (in that order).  Persist it if the person may
    later gain a URL or change name."""
    if record.extra.get("uid"):
        return str(record.extra["uid"])
    key = record.linkedin or (record.emails[0].lower() if record.emails else record.name.casefold())
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"netfiles:{key}"))


# Lower-case particles that belong to the family name ("Pieter de Vries" -> family "de Vries").
_PARTICLES = {"de", "da", "das", "do", "dos", "du", "del", "della", "der", "den", "di", "la", "le", "van", "von",
              "ten", "ter", "bin", "binti", "al", "el", "y", "zu"}
# Vietnamese family names, written first ("Nguyễn Thu Hà": family Nguyễn, given "Thu Hà").
_FAMILY_FIRST = {"nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ",
                 "ngô", "dương", "lý", "đinh", "trương", "đoàn", "lâm", "mai", "trịnh", "cao", "lưu", "tạ", "đào"}


def split_name(name: str, family: str | None = None, given: str | None = None) -> tuple[str, str, str, str]:
    """(family, given, additional, suffix) for the N property, which khard and phones sort by.

    The contact's own `family_name` / `given_name` fields win.  Otherwise: a
    generational suffix (Jr., III) is kept apart; a name starting with a
    Vietnamese family name is family-name-first ("Nguyễn Thu Hà"); else the
    last word is the family name, together with the lower-case particles
    before it ("Pieter de Vries" -> "de Vries"; "Ana María da Silva" ->
    "da Silva").  A single word (or a name without spaces, as in Chinese or
    Japanese script) is the given name.  FN always carries the name as
    written, so a wrong guess never loses anything.
    """
    if family or given:
        return (family or "").strip(), (given or "").strip(), "", ""
    words = name.split()
    suffix = ""
    if len(words) > 2 and words[-1].lower().rstrip(".") in {g.rstrip(".") for g in _GENERATIONAL}:
        suffix = words.pop()
    if len(words) <= 1:
        return "", " ".join(words), "", suffix
    if words[0].casefold() in _FAMILY_FIRST:
        return words[0], " ".join(words[1:]), "", suffix
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    return " ".join(words[start:]), " ".join(words[:start]), "", suffix


def _bday(card, birthday: str) -> None:
    """BDAY valid in vCard 3.0: a full date as is; a birthday without a year as Apple writes it
    (`BDAY;X-APPLE-OMIT-YEAR=1604:1604-MM-DD`, read back by netfiles, Apple and khard as year-less), since
    3.0 has no `--MM-DD` form."""
    line = card.add("bday")
    if birthday.startswith("--"):
        line.value = f"1604-{birthday[2:]}"
        line.params["X-APPLE-OMIT-YEAR"] = ["1604"]
    else:
        line.value = birthday


def record_to_vcard(record: ContactRecord, uid: str | None = None) -> str:
    """A vCard 3.0 for `record` (CRLF line endings, as the RFC wants).

    Carries name (FN, and N by `split_name`), aliases (extra["nicknames"],
    one NICKNAME each), organization, role, emails, phones, LinkedIn URL (as
    URL), other URLs (extra["urls"]), tags (CATEGORIES), birthday (see
    `_bday`), location and country (ADR locality and country) and
    extra["note"] (NOTE).  `met`, interactions and other extra keys have no
    vCard field and are left out.  `uid` defaults to `stable_uid(record)`.
    """
    card = vobject.vCard()
    card.add("version").value = "3.0"
    card.add("uid").value = uid or stable_uid(record)
    card.add("fn").value = record.name
    family, given, additional, suffix = split_name(record.name, record.extra.get("family_name"),
                                                   record.extra.get("given_name"))
    card.add("n").value = vobject.vcard.Name(family=family, given=given, additional=additional, suffix=suffix)
    for nickname in record.extra.get("nicknames") or []:
        card.add("nickname").value = str(nickname)
    for email in record.emails:
        line = card.add("email")
        line.value = email
        line.type_param = "INTERNET"
    for phone in record.phones:
        card.add("tel").value = phone
    if record.organization:
        card.add("org").value = [record.organization]
    if record.role:
        card.add("title").value = record.role
    if record.birthday:
        _bday(card, record.birthday)
    if record.linkedin:
        card.add("url").value = record.linkedin
    urls = record.extra.get("urls") or []
    for url in [urls] if isinstance(urls, str) else urls:
        card.add("url").value = str(url)
    if record.tags:
        card.add("categories").value = [str(t) for t in record.tags]
    country = record.extra.get("country")
    if record.location or country:
        card.add("adr").value = vobject.vcard.Address(city=record.location or "", country=country or "")
    if record.extra.get("note"):
        card.add("note").value = str(record.extra["note"])
    return card.serialize()
