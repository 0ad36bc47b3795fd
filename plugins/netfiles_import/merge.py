"""Merging imported people into the vault: the rules every importer shares.

An importer turns its source into `Incoming` items (a ContactRecord plus the
front matter fields it would give a contact); `merge()` decides, for each,
whether it is someone the vault already has, and what to write:

- A person matches an existing contact by vCard UID, then normalised
  LinkedIn URL (the core's `netfiles.normalize_linkedin`, the key
  `netfiles check` compares), then email, then exact name (or alias) when
  that name is unique both in the vault and in the source, and the two do
  not have different LinkedIn URLs.
- A match never overwrites a field the user has filled in: empty fields are
  filled (one line each, by `netfiles.set_missing_fields`) and log lines not
  already there are added (by `netfiles.append_log_line`); values that
  differ are listed in the report's `differences` for the user to decide.
- No match makes a new file in the first people folder, named by
  `netfiles.safe_filename`; a second person with the same name gets a
  readable stem from their organisation or profile ("Ana Souza (Acme Bank)").
  New files are written whole, once, with their log.
- Everything is decided before anything is written, so `dry_run` reports
  exactly what a real run would do, and a real run that finds nothing new
  writes nothing (re-importing is idempotent).

Only the public `netfiles` API is used.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import netfiles

from .records import ContactRecord

__all__ = ["Incoming", "merge", "name_key", "valid_emails"]

# Front matter keys importers may fill, in the order a new file lists them.
FIELD_ORDER = (
    "aliases", "emails", "phones", "organization", "role", "location", "country", "tags", "met",
    "linkedin", "birthday", "urls", "vcard_uid",
)
LIST_KEYS = {"aliases", "emails", "phones", "tags", "urls"}
# Scalars whose differing values are worth showing the user.  `met` is not:
# the day you connected on LinkedIn is rarely the day you met.
COMPARED = ("organization", "role", "location", "birthday")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")  # the rule of FORMAT.md (NF203)


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
    body: str = ""
    export_uid: str | None = None


def name_key(name: str) -> str:
    """How names are compared: Unicode-normalised, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", str(name)).casefold().split())


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
            self.source_names.setdefault(name_key(item.record.name), set()).add(self._identity(item))

    def find(self, item: Incoming) -> tuple[_Target | None, str]:
        record = item.record
        uid = record.extra.get("uid")
        if uid and str(uid).strip() in self.by_uid:
            return self.by_uid[str(uid).strip()], "uid"
        key = _linkedin_key(record.linkedin)
        if key and key in self.by_linkedin:
            return self.by_linkedin[key], "linkedin"
        for email in record.emails:
            if email.lower() in self.by_email:
                return self.by_email[email.lower()], "email"
        nkey = name_key(record.name)
        candidates = self.by_name.get(nkey, [])
        if len(candidates) == 1 and len(self.source_names.get(nkey, ())) <= 1:
            target = candidates[0]
            theirs = _linkedin_key(target.values.get("linkedin"))
            if not (key and theirs and key != theirs):  # two profiles: two people
                return target, "name"
        return None, ""

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
        if name_key(record.name) not in {name_key(n) for n in [target.name, *_as_list(target.values.get("aliases"))]}:
            self.differ(target, f"name is {target.name!r} here, {self.source} says {record.name!r}")
        for key, value in item.fields.items():
            if _empty(value) or key in item.create_only:
                continue
            current = target.values.get(key)
            if key == "emails":
                self._merge_emails(target, value, current)
            elif _empty(current):
                if key == "linkedin":
                    owner = self.by_linkedin.get(_linkedin_key(value))
                    if owner is not None and owner is not target:
                        self.differ(target, f"{self.source} gives the LinkedIn profile {value}, "
                                            f"which is already in {owner.path}")
                        continue
                    self.by_linkedin[_linkedin_key(value)] = target
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
                for phone in value:
                    if _digits(phone) not in have:
                        self.differ(target, f"phones: {self.source} also has {phone!r}")
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
        self._add_log(target, record)

    def _compare_notes(self, target: _Target, note: str) -> None:
        """A note (vCard NOTE) the existing file does not contain is reported, never dropped silently."""
        try:
            here = (self.vault.root / target.path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        flat = lambda text: " ".join(text.replace("\\", "").split())  # noqa: E731 (escapes of note_body)
        if flat(note) not in flat(here):
            shown = flat(note)
            self.differ(target, f"notes: {self.source} has a note not in this file: "
                                f"{shown[:80] + ('...' if len(shown) > 80 else '')!r}")

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
            elif _empty(current):
                free.append(email)
            else:
                self.differ(target, f"emails: {self.source} also has {email}")
        if free:
            self._set(target, "emails", free)
            for email in free:
                self.by_email[email.lower()] = target

    def _set(self, target: _Target, key: str, value) -> None:
        target.values[key] = value
        if not target.is_new:
            target.fill[key] = value

    def _add_log(self, target: _Target, record: ContactRecord) -> None:
        """One line per day and kind: a day already in the log (whatever its
        text) is left alone, so re-imports, with or without message
        excerpts, add nothing."""
        for interaction in record.interactions:
            key = (interaction.date, interaction.kind)
            if key in target.log_keys:
                continue
            texts = target.new_log.setdefault(key, [])
            if interaction.text and interaction.text not in texts:
                texts.append(interaction.text)

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
        if _linkedin_key(values.get("linkedin")):
            self.by_linkedin.setdefault(_linkedin_key(values["linkedin"]), target)
        for email in values.get("emails", []):
            self.by_email.setdefault(email.lower(), target)
        self._index_names(target, [record.name])
        self._add_log(target, record)
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
        if target.fill:
            netfiles.set_missing_fields(path, target.fill)
        for (day, kind), texts in sorted(target.new_log.items()):
            netfiles.append_log_line(path, day, kind, "; ".join(texts))


def merge(vault, items: list[Incoming], *, source: str, dry_run: bool = False,
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
    wrote_new = False
    progress = netfiles.Progress("Importing")
    try:
        for done, item in enumerate(items):
            if done % 500 == 0:
                progress(done, 2 * len(items))  # until we know how many files will be written
            target, _how = merger.find(item)
            if target is not None:
                merger.merge_into(target, item)
            elif item.create:
                merger.explain_new(item)
                target = merger.create(item)
            else:
                report.skipped.append(f"{item.record.name}: {item.why_not_created}")
                continue
            touched[id(target)] = target

        changed = [t for t in touched.values() if t.is_new or t.fill or t.new_log]
        total = len(items) + len(changed)
        done = len(items)
        progress(done, total)
        for target in touched.values():
            if target.is_new:
                report.created.append(target.path)
            elif target.fill or target.new_log:
                report.updated.append(target.path)
            else:
                report.unchanged.append(target.path)
        if not dry_run:
            if any(t.is_new for t in changed):
                merger.people_dir.mkdir(parents=True, exist_ok=True)
            for target in changed:
                try:
                    merger.write(target)
                    wrote_new = wrote_new or target.is_new
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
    kept = []
    for email in emails:
        email = str(email).strip()
        if _EMAIL_RE.match(email):
            if email.lower() not in {e.lower() for e in kept}:
                kept.append(email)
        elif email:
            problems.append(f"{where}: {email!r} is not an email address; left out")
    return kept
