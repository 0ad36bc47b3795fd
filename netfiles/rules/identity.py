"""The identity and merge engine every importer shares (public: `netfiles.merge_people`).

An importer turns its source into `Incoming` items (a ContactRecord plus the
front matter fields it would give a contact); `merge_people()` decides, for
each, whether it is someone the vault already has, and what to write:

- A person matches an existing contact by vCard UID, then any email (unless
  the person's LinkedIn URL names another contact: an address can be shared,
  a profile cannot), then normalised LinkedIn URL (the core's `normalize_linkedin`, the key
  `netfiles check` compares), then name (or alias; case, accents and
  whitespace folded by `name_key`) when that name is unique both in the
  vault and in the source, and the two do not have different LinkedIn URLs.
- A name that only matches through a nickname ("Chris Lee" and
  "Christopher Lee") is uncertain: it is reported for the user to confirm
  (`netfiles merge`, or add the email to the contact) and is neither merged
  nor made a new file.
- The vault's owner (`[me]` in the config: name, emails, linkedin) is never
  matched or made a contact (`Owner`).
- A match never overwrites a field the user has filled in: empty fields are
  filled (one line each) and log lines not already there are added, in one
  write per file (`writes.update_contact`); values that differ are listed in
  the report's `differences` for the user to decide.  Emails are identity:
  a matched person's new addresses are added to the list (unless another
  file has them).
- No match makes a new file in the first people folder, named by
  `netfiles.safe_filename`; a second person with the same name gets a
  readable stem from their organisation or profile ("Ana Souza (Acme Bank)").
  New files are written whole, once, with their log.
- Everything is decided before anything is written, so `dry_run` reports
  exactly what a real run would do, and a real run that finds nothing new
  writes nothing (re-importing is idempotent).

Co-participants of an interaction (`InteractionRecord.with_keys`) become
`with [[Stem]], [[Stem]]` in the log line, or `with N others` past
`[ties] max_group` participants: the evidence `netfiles ties` reads.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

import netfiles

__all__ = [
    "ContactRecord", "InteractionRecord", "ImportProblem", "Incoming", "Owner", "merge_people", "name_key",
    "nickname_variants", "valid_emails",
]

# Front matter keys importers may fill, in the order a new file lists them.
FIELD_ORDER = (
    "aliases", "emails", "phones", "organization", "role", "location", "country", "tags", "met",
    "linkedin", "birthday", "urls", "vcard_uid",
)
LIST_KEYS = {"aliases", "emails", "phones", "tags", "urls"}
# Scalars whose differing values are worth showing the user.  `met` is not:
# the day you connected on LinkedIn is rarely the day you met.
COMPARED = ("organization", "role", "location", "birthday")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")  # the rule of docs/format.md (NF203)


@dataclass
class InteractionRecord:
    """One dated contact with a person, ready to become a `- DATE KIND: text` log line.

    `with_keys` are the `Incoming.key`s of the other people who were there
    (a meeting's attendees, a mail's To/Cc, a group conversation); those who
    are contacts are named in the line as `with [[Stem]]`.  `participants`
    counts everyone there, the owner included; past `[ties] max_group` the
    line says `with N others` instead of links.
    """

    date: date
    kind: str
    text: str = ""
    with_keys: tuple = ()
    participants: int = 0


@dataclass
class ContactRecord:
    """A person as an importer saw them, before any merging.

    Lists are never None so callers can extend them without checks;
    `source_line` points back into the file the record came from so that
    diagnostics can name it.
    """

    name: str
    organization: str | None = None
    role: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    linkedin: str | None = None
    met: date | None = None
    tags: list[str] = field(default_factory=list)
    birthday: str | None = None  # "YYYY-MM-DD" or "--MM-DD"
    location: str | None = None
    extra: dict = field(default_factory=dict)
    source_line: int | None = None
    interactions: list[InteractionRecord] = field(default_factory=list)


class ImportProblem(NamedTuple):
    """A malformed row or card: reported, never raised, so that one bad line
    does not cost the user the rest of their import."""

    file: str
    line: int | None
    message: str


@dataclass
class Incoming:
    """One person from a source.

    `fields` are front matter values as they would be written (dates as
    `date`, lists as lists); `create_only` keys are used only when a new
    file is made (e.g. the `linkedin` tag: a user's tags are theirs).
    `create` False means "add to someone the vault already has, but never
    make a new file" (people who are not connections).  `body` is free text
    for a new file (a vCard NOTE).
    """

    record: ContactRecord
    fields: dict
    create: bool = True
    create_only: tuple[str, ...] = ()
    body: str = ""
    why_not_created: str = "not created"
    key: str | None = None  # what other people's InteractionRecord.with_keys call this person


@dataclass(eq=False)
class _Target:
    """A contact as it will be after this import: an existing file or a new one."""

    path: str
    name: str
    values: dict  # front matter values (existing: as written; new: as planned)
    is_new: bool
    log_keys: set = field(default_factory=set)  # (date, kind) already in the log
    fill: dict = field(default_factory=dict)  # existing only: keys to fill
    new_log: dict = field(default_factory=dict)  # (date, kind) -> [texts]
    extend: dict = field(default_factory=dict)  # existing only: list key -> items to add (new emails)
    body: str = ""
    export_uid: str | None = None
    notes: str = ""  # existing only: a note from the source that the file does not hold yet

    @property
    def stem(self) -> str:
        return Path(self.path).name[:-3]


# Letters that Unicode does not decompose into a base letter and an accent,
# and punctuation people drop ("O'Brien" / "OBrien", "Jean-Luc" / "Jean Luc").
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ß": "ss",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "'": "", "’": "",
                       "-": " ", "‐": " ", ".": " "})


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """How names are compared: case, accents, punctuation and whitespace folded
    ("José  Álvarez" is "jose alvarez", "Søren O'Brien" is "soren obrien")."""
    decomposed = unicodedata.normalize("NFKD", str(name).translate(_FOLD))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", bare).casefold().split())


# Common English given names and their short forms.  A match through one of
# these is only ever a suggestion: Chris may be Christopher or Christine.
_NICKNAMES = {
    "alexander": "alex al sasha", "alexandra": "alex sasha sandra", "andrew": "andy drew",
    "anthony": "tony", "barbara": "barb", "benjamin": "ben benji", "catherine": "cathy kate katie cat",
    "katherine": "kathy kate katie kat", "charles": "charlie chuck chas", "christine": "chris chrissy",
    "christopher": "chris kit topher", "daniel": "dan danny", "david": "dave davy", "deborah": "debbie deb",
    "dorothy": "dot dottie", "edward": "ed eddie ted", "elizabeth": "liz beth betty lizzie eliza",
    "frederick": "fred freddie", "gregory": "greg", "isabel": "bel izzy", "jacob": "jake",
    "james": "jim jimmy jamie", "jennifer": "jen jenny", "jessica": "jess jessie", "john": "jack johnny",
    "jonathan": "jon jonny", "joseph": "joe joey", "josé": "pepe", "joshua": "josh", "kenneth": "ken kenny",
    "lawrence": "larry", "margaret": "maggie meg peggy", "matthew": "matt", "michael": "mike mikey mick",
    "nicholas": "nick nicky", "patricia": "pat patty trish", "patrick": "pat paddy", "peter": "pete",
    "rebecca": "becky becca", "richard": "rick rich dick richie", "robert": "rob bob bobby robbie",
    "samantha": "sam sammy", "samuel": "sam sammy", "stephen": "steve", "steven": "steve",
    "susan": "sue susie", "theodore": "ted teddy theo", "thomas": "tom tommy", "timothy": "tim timmy",
    "victoria": "vicky tori", "william": "will bill billy liam", "zachary": "zach zack",
    "francisco": "paco pancho", "alejandro": "alex ale", "guillermo": "memo", "ignacio": "nacho",
    "manuel": "manolo", "enrique": "kike", "roberto": "beto", "giuseppe": "peppe beppe",
}
_VARIANTS: dict[str, set[str]] = {}
for _full, _shorts in _NICKNAMES.items():
    for _name in [_full, *_shorts.split()]:
        _VARIANTS.setdefault(name_key(_name), set()).update(name_key(n) for n in [_full, *_shorts.split()])


def nickname_variants(name: str) -> set[str]:
    """`name_key`s of the same name with the first word swapped for a known
    variant ("Chris Lee" -> "christopher lee", "christine lee", ...): candidates
    to suggest, never to merge on."""
    words = name_key(name).split()
    if len(words) < 2:
        return set()
    rest = " ".join(words[1:])
    return {f"{v} {rest}" for v in _VARIANTS.get(words[0], ()) if v != words[0]}


class Owner:
    """The vault's owner (`[me]` in the config: name, emails, linkedin), never a contact.

    Importers add what their source says about its owner (the LinkedIn
    export's profile) with `extra_urls`, `extra_names` and `extra_emails`.
    """

    def __init__(self, vault, extra_urls=(), extra_names=(), extra_emails=()):
        me = vault.me or {}
        self.urls = {netfiles.normalize_linkedin(u) for u in [me.get("linkedin"), *extra_urls]
                     if isinstance(u, str) and u.strip()}
        emails = me.get("emails") or []
        emails = [emails] if isinstance(emails, str) else list(emails)
        self.emails = {str(e).strip().lower() for e in [*emails, *extra_emails] if str(e).strip()}
        self.names = {name_key(n) for n in [me.get("name"), *extra_names] if isinstance(n, str) and n.strip()}

    def has_email(self, address: str | None) -> bool:
        return bool(address and address.strip().lower() in self.emails)

    def is_me(self, record: ContactRecord, by_name: bool = True) -> bool:
        if record.linkedin and netfiles.normalize_linkedin(record.linkedin) in self.urls:
            return True
        if any(self.has_email(e) for e in record.emails):
            return True
        return by_name and name_key(record.name) in self.names


def _names(record: ContactRecord) -> list[str]:
    """The names a source gives a person: mail and calendars may show several
    for one address (`extra["names"]`, most used first; empty when the name
    was only guessed from the address, which is never matched on)."""
    names = record.extra.get("names")
    return [record.name] if names is None else list(names)


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}


def _as_list(value) -> list:
    if _empty(value):
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _digits(phone: str) -> str:
    return re.sub(r"[^\d+]", "", phone).lstrip("+")


def _same_text(a, b) -> bool:
    return " ".join(str(a).split()).casefold() == " ".join(str(b).split()).casefold()


@functools.lru_cache(maxsize=65536)
def _url_key(url: str) -> str:
    return netfiles.normalize_linkedin(url)


def _linkedin_key(url) -> str | None:
    """The core's identity key for a profile URL ("linkedin.com/in/x"), what NF302 compares."""
    return _url_key(url) if isinstance(url, str) and url.strip() else None


def _log_line(day: date, kind: str, text: str) -> str:
    return f"- {day.isoformat()} {kind}: {text}" if text else f"- {day.isoformat()} {kind}"


def _heading(name: str) -> str:
    """The `# Name` title of a new file, unable to add a wikilink or a tag."""
    return name.replace("[[", "[").replace("]]", "]")


class _Merger:
    def __init__(self, vault, source: str, export_uids: dict[str, str] | None):
        self.vault = vault
        self.source = source
        self.report = netfiles.ImportReport()
        self.targets: list[_Target] = []
        self.by_uid: dict[str, _Target] = {}
        self.by_linkedin: dict[str, _Target] = {}
        self.by_email: dict[str, _Target] = {}
        self.by_name: dict[str, list[_Target]] = {}
        self.people_dir = vault.people_dir()
        self.taken: set[str] = set()  # case-folded stems in use
        self.source_names: dict[str, set] = {}
        self._differences: dict[str, None] = {}
        self._people_roots: list[Path] | None = None
        for contact in vault.contacts:
            self._add_existing(contact, (export_uids or {}).get(contact.path))
        try:
            self.taken.update(name_key(p[:-3]) for p in os.listdir(self.people_dir) if p.lower().endswith(".md"))
        except OSError:
            pass

    # -- the vault as it is ---------------------------------------------------------------

    def _add_existing(self, contact, export_uid: str | None) -> None:
        fm = contact.front_matter
        values = {key: fm.get(key) for key in FIELD_ORDER}
        target = _Target(contact.path, contact.name, values, is_new=False, export_uid=export_uid)
        target.log_keys = {(i.date, i.kind) for i in contact.interactions if i.source == contact.path}
        self.targets.append(target)
        self.taken.add(name_key(contact.stem))
        for uid in (export_uid, fm.get("vcard_uid")):
            if not _empty(uid):
                self.by_uid.setdefault(str(uid).strip(), target)
        if contact.linkedin:
            self.by_linkedin.setdefault(contact.linkedin, target)
        for email in contact.emails:
            self.by_email.setdefault(email.lower(), target)
        self._index_names(target, [contact.name, *contact.aliases])

    def _index_names(self, target: _Target, names) -> None:
        for key in {name_key(n) for n in names if n and str(n).strip()}:
            bucket = self.by_name.setdefault(key, [])
            if target not in bucket:
                bucket.append(target)

    # -- matching -------------------------------------------------------------------------

    @staticmethod
    def _identity(item: Incoming):
        record = item.record
        if record.extra.get("uid"):
            return ("uid", str(record.extra["uid"]))
        if record.linkedin:
            return ("linkedin", _linkedin_key(record.linkedin))
        if record.emails:
            return ("email", record.emails[0].lower())
        return ("item", id(item))

    def count_source_names(self, items: list[Incoming]) -> None:
        """How many different people in the source share each name: a name
        is only good for matching when it names one person on both sides."""
        for item in items:
            for name in _names(item.record):
                self.source_names.setdefault(name_key(name), set()).add(self._identity(item))

    def find(self, item: Incoming) -> tuple[_Target | None, str]:
        record = item.record
        uid = record.extra.get("uid")
        if uid and str(uid).strip() in self.by_uid:
            return self.by_uid[str(uid).strip()], "uid"
        key = _linkedin_key(record.linkedin)
        by_url = self.by_linkedin.get(key) if key else None
        for email in record.emails:
            found = self.by_email.get(email.lower())
            # An address can be shared (a team inbox); a profile is one person.
            if found is not None and (by_url is None or by_url is found):
                return found, "email"
        if by_url is not None:
            return by_url, "linkedin"
        for name in _names(record):
            nkey = name_key(name)
            candidates = self.by_name.get(nkey, [])
            if len(candidates) == 1 and len(self.source_names.get(nkey, ())) <= 1:
                target = candidates[0]
                theirs = _linkedin_key(target.values.get("linkedin"))
                if not (key and theirs and key != theirs):  # two profiles: two people
                    return target, "name"
        return None, ""

    def suggest(self, item: Incoming) -> _Target | None:
        """The one existing contact whose name is a nickname variant of this
        person's (and whose LinkedIn profile, if any, is not another one)."""
        key = _linkedin_key(item.record.linkedin)
        found = []
        names = _names(item.record)
        # From mail and calendars (display names), the name itself when it was
        # not taken because two addresses carry it; then nickname variants.
        same = sorted({name_key(n) for n in names}) if item.record.extra.get("names") is not None else []
        for variant in [*same, *sorted({v for n in names for v in nickname_variants(n)})]:
            for target in self.by_name.get(variant, ()):
                theirs = _linkedin_key(target.values.get("linkedin"))
                if not (key and theirs and key != theirs) and target not in found:
                    found.append(target)
        return found[0] if len(found) == 1 else None

    def explain_new(self, item: Incoming) -> None:
        """A note when the vault has someone of this name who was not taken for this person."""
        record = item.record
        existing = [t for t in self.by_name.get(name_key(record.name), []) if not t.is_new]
        if not existing:
            return
        key = _linkedin_key(record.linkedin)
        others = [t for t in existing if key and _linkedin_key(t.values.get("linkedin")) not in (None, key)]
        if len(others) == len(existing):
            paths = ", ".join(t.path for t in others)
            self.report.notes.append(f"{record.name}: {paths} has another LinkedIn profile; "
                                     f"{self.source}'s {record.name} is someone else (a new file)")
        elif len(existing) > 1:
            self.report.notes.append(
                f"{record.name}: {len(existing)} contacts have this name; made a new file rather than guess "
                "(give the right one this LinkedIn URL or email to link them)")
        else:
            self.report.notes.append(
                f"{record.name}: several people of this name in the source; {existing[0].path} was not "
                "matched by name (give it their LinkedIn URL or email to link them)")

    # -- merging --------------------------------------------------------------------------

    def differ(self, target: _Target, text: str) -> None:
        self._differences.setdefault(f"{target.path}: {text}", None)

    def merge_into(self, target: _Target, item: Incoming) -> None:
        record = item.record
        known = {name_key(n) for n in [target.name, *_as_list(target.values.get("aliases"))]}
        if (record.extra.get("names") is None and name_key(record.name) not in known
                and not (nickname_variants(record.name) & known)):
            self.differ(target, f"name is {target.name!r} here, {self.source} says {record.name!r}")
        for key, value in item.fields.items():
            if _empty(value) or key in item.create_only:
                continue
            current = target.values.get(key)
            if key == "emails":
                self._merge_emails(target, value, current)
            elif _empty(current):
                if key == "linkedin" and (profile := _linkedin_key(value)) is not None:
                    owner = self.by_linkedin.get(profile)
                    if owner is not None and owner is not target:
                        self.differ(target, f"{self.source} gives the LinkedIn profile {value}, "
                                            f"which is already in {owner.path}")
                        continue
                    self.by_linkedin[profile] = target
                if key == "vcard_uid":
                    if str(value) == target.export_uid:
                        continue  # our own exported UID: nothing to remember
                    self.by_uid.setdefault(str(value), target)
                self._set(target, key, value)
            elif key == "linkedin":
                if _linkedin_key(current) != _linkedin_key(value):
                    self.differ(target, f"linkedin is {current!r} here, {self.source} says {value!r}")
            elif key == "phones":
                have = {_digits(p) for p in _as_list(current)}
                self._extend(target, "phones", current, [p for p in value if _digits(p) not in have])
            elif key == "aliases":
                have = {name_key(a) for a in [target.name, *_as_list(current)]}
                for alias in value:
                    if name_key(alias) not in have:
                        self.differ(target, f"aliases: {self.source} also has {alias!r}")
            elif key in COMPARED and not isinstance(current, (list, dict)):
                if not _same_text(current, value):
                    self.differ(target, f"{key} is {str(current)!r} here, {self.source} says {str(value)!r}")
        if item.body.strip() and not target.is_new:
            self._compare_notes(target, item.body)

    def _compare_notes(self, target: _Target, note: str) -> None:
        """A note (vCard NOTE) the existing file does not hold is added above its log, and said so."""
        try:
            here = (self.vault.root / target.path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        flat = lambda text: " ".join(text.replace("\\", "").split())  # noqa: E731 (escapes of note_body)
        if flat(note) not in flat(here) and flat(note) not in flat(target.notes):
            target.notes = f"{target.notes}\n\n{note}".strip("\n")

    def _merge_emails(self, target: _Target, emails: list[str], current) -> None:
        have = {e.lower() for e in _as_list(current)}
        free = []
        for email in emails:
            low = email.lower()
            if low in have:
                continue
            owner = self.by_email.get(low)
            if owner is not None and owner is not target:
                self.differ(target, f"{self.source} gives the email {email}, which is already in {owner.path}")
            else:
                free.append(email)
                have.add(low)
        # Addresses are identity, not a value to choose between: a person's
        # new address is added to the list, never replacing one.
        self._extend(target, "emails", current, free)
        for email in free:
            self.by_email[email.lower()] = target

    def _extend(self, target: _Target, key: str, current, new: list) -> None:
        """Add items to a list field (emails, phones): one new line each in the file, nothing replaced."""
        if not new:
            return
        if _empty(current):
            self._set(target, key, list(new))
        else:
            target.values[key] = [*_as_list(current), *new]
            if not target.is_new:
                target.extend.setdefault(key, []).extend(new)

    def _set(self, target: _Target, key: str, value) -> None:
        target.values[key] = value
        if not target.is_new:
            target.fill[key] = value

    def add_log(self, target: _Target, record: ContactRecord, placed: dict, max_group: int) -> None:
        """One line per day and kind: a day already in the log (whatever its
        text) is left alone, so re-imports, with or without message
        excerpts, add nothing.  Co-participants who are contacts (`placed`:
        Incoming.key -> target) are named by file stem; a group larger than
        `max_group` is counted instead."""
        days: dict = {}
        for interaction in record.interactions:
            key = (interaction.date, interaction.kind)
            if key in target.log_keys:
                continue
            slot = days.setdefault(key, ([], [], [0]))
            texts, stems, crowd = slot
            if interaction.participants > max_group:
                crowd[0] = max(crowd[0], interaction.participants - 2)
            else:
                for other in interaction.with_keys:
                    peer = placed.get(other)
                    if peer is not None and peer is not target and peer.stem not in stems:
                        stems.append(peer.stem)
            if interaction.text and interaction.text not in texts:
                texts.append(interaction.text)
        for key, (texts, stems, crowd) in days.items():
            parts = target.new_log.setdefault(key, [])
            evidence = []
            if stems:
                evidence.append("with " + ", ".join(f"[[{stem}]]" for stem in sorted(stems, key=name_key)))
            if crowd[0]:
                evidence.append(f"with {crowd[0]} others")
            for text in [*evidence, *texts]:
                if text not in parts:
                    parts.append(text)

    def create(self, item: Incoming) -> _Target:
        record = item.record
        stem = self._stem(record, item.fields)
        values = {key: value for key, value in item.fields.items() if not _empty(value)}
        rel = (self.people_dir / f"{stem}.md").relative_to(self.vault.root).as_posix()
        target = _Target(rel, record.name, values, is_new=True, body=item.body.strip())
        self.targets.append(target)
        self.taken.add(name_key(stem))
        if values.get("vcard_uid"):
            self.by_uid.setdefault(str(values["vcard_uid"]), target)
        if profile := _linkedin_key(values.get("linkedin")):
            self.by_linkedin.setdefault(profile, target)
        for email in values.get("emails", []):
            self.by_email.setdefault(email.lower(), target)
        self._index_names(target, [record.name])
        return target

    def _stem(self, record: ContactRecord, fields: dict) -> str:
        """The person's name; for a second person of that name, the name and
        their organisation, else their profile's handle, else a number."""
        name = record.name
        tries = [name]
        if fields.get("organization"):
            tries.append(f"{name} ({fields['organization']})")
        handle = (_linkedin_key(fields.get("linkedin")) or "").rsplit("/", 1)[-1]
        if handle:
            tries.append(f"{name} ({handle})")
        for attempt in tries:
            stem = netfiles.safe_filename(attempt)
            if name_key(stem) not in self.taken:
                return stem
        base = netfiles.safe_filename(name)
        number = 2
        while name_key(f"{base} {number}") in self.taken:
            number += 1
        return f"{base} {number}"

    # -- writing --------------------------------------------------------------------------

    def _inside_people(self, path: Path) -> bool:
        if self._people_roots is None:
            self._people_roots = [(self.vault.root / folder).resolve()
                                  for folder in (self.vault.config.people or ["people"])]
        resolved = path.resolve()
        return any(resolved.is_relative_to(root) and resolved != root for root in self._people_roots)

    def render_new(self, target: _Target) -> str:
        fields = {key: target.values[key] for key in FIELD_ORDER if key in target.values}
        text = netfiles.render_contact(target.name, fields)
        head, marker, _ = text.rpartition("## Log\n")
        head = head.replace(f"\n# {target.name}\n", f"\n# {_heading(target.name)}\n", 1)
        if target.body:
            head += target.body.replace("\r\n", "\n").strip("\n") + "\n\n"
        lines = [_log_line(day, kind, "; ".join(texts)) + "\n"
                 for (day, kind), texts in sorted(target.new_log.items(), reverse=True)]
        return head + marker + "".join(lines)

    def write(self, target: _Target) -> None:
        """Write one target: a new file whole, or an existing one's fills and log lines.

        Nothing is ever written outside the people folders: a new file's stem
        comes from `netfiles.safe_filename` (no separators, no "..") and must
        sit directly in the first people folder; an existing file must
        resolve inside one (a symlink out of the vault is refused).
        """
        path = self.vault.root / target.path
        if target.is_new:
            stem = path.name[:-3]
            if (path.parent != self.people_dir or not stem or stem.strip(".") == ""
                    or any(sep in stem for sep in ("/", "\\", "\0"))):
                raise netfiles.WriteError(f"{target.path} is not a safe new file in {self.people_dir}; not writing it")
            # No fsync per new file (thousands of them): merge() syncs once at the end.
            netfiles.write_atomic(path, self.render_new(target).encode("utf-8"), create=True, sync=False)
            return
        if not self._inside_people(path):
            raise netfiles.WriteError(f"{target.path} is outside the people folders; not writing it")
        from ..writing.writes import update_contact

        entries = [(day, kind, "; ".join(texts)) for (day, kind), texts in sorted(target.new_log.items())]
        # One write per file, without an fsync each (hundreds of them): merge_people syncs once at the end.
        update_contact(path, target.fill, target.extend, entries, sync=False, notes=target.notes)


def max_group(vault) -> int:
    """`[ties] max_group` (default 8): past this many participants an
    interaction is too big to say who knows whom."""
    value = (vault.config.data.get("ties") or {}).get("max_group", 8)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 1 else 8


def merge_people(vault, items: list[Incoming], *, source: str, dry_run: bool = False,
                 export_uids: dict[str, str] | None = None, report=None):
    """Merge `items` into the vault by the rules above; returns a netfiles.ImportReport.

    `source` names the source in differences ("LinkedIn", "the vCard").
    `export_uids` maps contact paths to the UID `netfiles export vcard`
    gives them, so a card exported from this vault matches its contact.
    With `dry_run` nothing is written.  A file that changed under us is
    skipped with a note; the rest of the import goes on.
    """
    merger = _Merger(vault, source, export_uids)
    if report is not None:
        merger.report = report
    report = merger.report
    report.dry_run = dry_run
    merger.count_source_names(items)
    touched: dict[int, _Target] = {}
    placed: dict[str, _Target] = {}
    merged: list[tuple[_Target, Incoming]] = []
    wrote_new = False
    progress = netfiles.Progress("Importing")
    try:
        for done, item in enumerate(items):
            if done % 500 == 0:
                progress(done, 2 * len(items))  # until we know how many files will be written
            target, _how = merger.find(item)
            if target is not None:
                merger.merge_into(target, item)
            else:
                maybe = merger.suggest(item)
                if maybe is not None:
                    shown = item.record.emails[0] if item.record.emails else item.record.linkedin
                    shown = f" ({shown})" if shown else ""
                    report.uncertain.append(f"{item.record.name}{shown} may be {maybe.name} ({maybe.path}): "
                                            "not imported; if they are the same person add this email or URL "
                                            "to the file, or merge the two files with `netfiles merge`")
                    continue
                if not item.create:
                    report.skipped.append(f"{item.record.name}: {item.why_not_created}")
                    continue
                merger.explain_new(item)
                target = merger.create(item)
            touched[id(target)] = target
            merged.append((target, item))
            if item.key is not None:
                placed.setdefault(item.key, target)
        limit = max_group(vault)
        for target, item in merged:
            merger.add_log(target, item.record, placed, limit)

        changed = [t for t in touched.values() if t.is_new or t.fill or t.extend or t.new_log or t.notes]
        total = len(items) + len(changed)
        done = len(items)
        progress(done, total)
        for target in touched.values():
            if target.is_new:
                report.created.append(target.path)
            elif target.fill or target.extend or target.new_log or target.notes:
                report.updated.append(target.path)
            else:
                report.unchanged.append(target.path)
        if not dry_run:
            if any(t.is_new for t in changed):
                merger.people_dir.mkdir(parents=True, exist_ok=True)
            for target in changed:
                try:
                    merger.write(target)
                    wrote_new = True
                except (netfiles.FileChangedError, netfiles.WriteError) as exc:
                    report.notes.append(f"{target.path}: not written: {exc}")
                    for bucket in (report.created, report.updated):
                        if target.path in bucket:
                            bucket.remove(target.path)
                    report.skipped.append(f"{target.path}: not written")
                done += 1
                if done % 50 == 0 or done == total:
                    progress(done, total)
    finally:
        progress.close()
        if wrote_new and hasattr(os, "sync"):
            os.sync()  # new files were written without an fsync each: make them durable before we report
    report.created.sort()
    report.updated.sort()
    report.unchanged.sort()
    report.differences.extend(merger._differences)
    # The vault's index is derived data: the next command (or `vault.refresh()`) reads the new files.
    return report


def valid_emails(emails, problems: list[str], where: str) -> list[str]:
    """The addresses `netfiles check` accepts; the others are reported, not written."""
    kept: list[str] = []
    for email in emails:
        email = str(email).strip()
        if _EMAIL_RE.match(email):
            if email.lower() not in {e.lower() for e in kept}:
                kept.append(email)
        elif email:
            problems.append(f"{where}: {email!r} is not an email address; left out")
    return kept
