"""The SQLite index in `.netfiles/cache/`: parsed records of every Markdown file, refreshed by stat.

Unchanged files (same mtime and size) are never re-read. The cache is derived
data: deleting it loses nothing, and a change of parser or of the people and
ignore settings rebuilds it.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Callable, Iterable

from .config import CONFIG_DIR, Config
from .model import IndexChanges
from .scan import VaultLayout
from .wikilinks import fold

SCHEMA_VERSION = "5"  # 4: links table (who links to a name), for the watcher; 5: NFC name keys, nested log items
PARALLEL_THRESHOLD = 400  # below this many files to parse, one process is faster than a pool

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, kind TEXT, record TEXT);
CREATE TABLE IF NOT EXISTS names (key TEXT, path TEXT);
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE TABLE IF NOT EXISTS identities (key TEXT, path TEXT);
CREATE INDEX IF NOT EXISTS identities_key ON identities(key);
CREATE TABLE IF NOT EXISTS links (key TEXT, path TEXT);
CREATE INDEX IF NOT EXISTS links_key ON links(key);
CREATE INDEX IF NOT EXISTS names_path ON names(path);
CREATE INDEX IF NOT EXISTS identities_path ON identities(path);
CREATE INDEX IF NOT EXISTS links_path ON links(path);
"""


def read_and_parse(root: str, rel: str, is_contact: bool) -> dict | None:
    """Read one file and parse it; None when it vanished in between (it will count as removed)."""
    from .parse import MAX_FILE_BYTES, parse_markdown  # only when a file is read: a warm run never loads YAML

    try:
        with open(os.path.join(root, rel), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # a huge file is reported, never read whole
    except FileNotFoundError:
        return None
    except OSError as exc:
        from .diagnostics import Diagnostic

        stem = rel.rsplit("/", 1)[-1][:-3]
        return {"kind": "contact" if is_contact else "other", "name": stem, "fm": {}, "diagnostics": [
            Diagnostic.core(rel, 0, 0, "NF104", f"file cannot be read: {exc.strerror or exc}").to_dict()]}
    return parse_markdown(rel, data, is_contact)


def index_entry(root: str, rel: str, is_contact: bool) -> tuple | None:
    """What the index stores for one file: (kind, record as JSON, name keys, identity keys, link keys).

    None when the file vanished. Everything is computed where the file is parsed
    (a worker process on a large vault), so only a few strings travel back to the
    process that writes the index, instead of a nested record to pickle and then
    encode again.
    """
    record = read_and_parse(root, rel, is_contact)
    if record is None:
        return None
    text = json.dumps(record, separators=(",", ":"))
    if record["kind"] != "contact":
        return record["kind"], text, (), (), ()
    return "contact", text, tuple(name_keys(rel, record)), tuple(identity_keys(record)), tuple(link_keys(record))


def _parse_batch(args):
    root, batch = args
    return [(rel, index_entry(root, rel, is_contact)) for rel, is_contact in batch]


def identity_keys(record: dict) -> list[str]:
    """Keys that must be unique across contacts: emails and normalised LinkedIn URLs."""
    keys = ["email:" + e for e in record.get("emails", [])]
    if record.get("linkedin"):
        keys.append("linkedin:" + record["linkedin"])
    return keys


def link_keys(record: dict) -> set[str]:
    """Case-folded last part of each `knows`/`introduced_by` target: the name keys this contact's links ask for.

    A file whose name keys (see `name_keys`) meet these may change how the links resolve.
    """
    return {fold(str(target).rsplit("/", 1)[-1])
            for field in ("knows", "introduced_by") for target, *_ in record.get(field, ())}


def name_keys(rel: str, record: dict) -> set[str]:
    """Case-folded stem, name and aliases: what a wikilink to this contact may say."""
    keys = {fold(rel.rsplit("/", 1)[-1][:-3]), fold(record["name"])}
    keys.update(fold(a) for a in record.get("aliases", []))
    return keys


class Index:
    """One vault's index. Open it, `refresh()` it, then read records."""

    def __init__(self, root: Path, config: Config):
        self.root = root
        self.layout = VaultLayout(root, config)
        self.path = root / CONFIG_DIR / "cache" / "index.sqlite"
        self._fingerprint = json.dumps([SCHEMA_VERSION, config.people, config.ignore])
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30)
            db.executescript(_SCHEMA)
        except (OSError, sqlite3.DatabaseError):
            # A corrupt or unwritable cache is only derived data: start over, in memory if need be.
            try:
                self.path.unlink(missing_ok=True)
                db = sqlite3.connect(self.path, timeout=30)
            except (OSError, sqlite3.DatabaseError):
                db = sqlite3.connect(":memory:")
            db.executescript(_SCHEMA)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        row = db.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
        if not row or row[0] != self._fingerprint:
            with db:
                db.execute("DELETE FROM files")
                db.execute("DELETE FROM names")
                db.execute("DELETE FROM identities")
                db.execute("DELETE FROM links")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (self._fingerprint,))
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def rebuild(self) -> None:
        with self.db:
            for table in ("files", "names", "identities", "links"):
                self.db.execute(f"DELETE FROM {table}")

    def refresh(self, progress: Callable[[int, int], None] | None = None,
                only: Iterable[str] | None = None, force: Iterable[str] = ()) -> IndexChanges:
        """Bring the index up to date with the files; returns what was added, changed and removed.

        `only` limits the work to those vault-relative paths (the watcher's case).
        `force` names files to read again even when their size and mtime look unchanged
        (the watcher saw them written; two writes within one clock tick keep the same mtime).
        """
        only = None if only is None else set(only)
        force = set(force)
        on_disk = self.layout.walk() if only is None else self._stat_some(only)
        known = {row[0]: (row[1], row[2]) for row in self.db.execute("SELECT path, mtime_ns, size FROM files")}
        if only is not None:
            known = {p: v for p, v in known.items() if p in only}
        changes = IndexChanges()
        todo = []
        for rel, stamp in on_disk.items():
            old = known.get(rel)
            if old is None:
                todo.append(rel)
                changes.added.append(rel)
            elif tuple(old) != stamp or rel in force:
                todo.append(rel)
                changes.changed.append(rel)
            else:
                changes.unchanged += 1
        changes.removed = sorted(set(known) - set(on_disk))
        parsed = self._parse_all(todo, progress)
        vanished = {rel for rel, entry in parsed if entry is None}  # deleted between listing and reading
        if vanished:
            changes.added = [rel for rel in changes.added if rel not in vanished]
            changes.changed = [rel for rel in changes.changed if rel not in vanished]
            changes.removed += sorted(rel for rel in vanished if rel in known)
        with self.db:
            gone = changes.removed + [rel for rel, _ in parsed]
            self.db.executemany("DELETE FROM files WHERE path=?", ((p,) for p in gone))
            self.db.executemany("DELETE FROM names WHERE path=?", ((p,) for p in gone))
            self.db.executemany("DELETE FROM identities WHERE path=?", ((p,) for p in gone))
            self.db.executemany("DELETE FROM links WHERE path=?", ((p,) for p in gone))
            rows, names, identities, links = [], [], [], []
            for rel, entry in parsed:
                if entry is None:
                    continue
                kind, text, name_list, identity_list, link_list = entry
                rows.append((rel, *on_disk[rel], kind, text))
                names.extend((key, rel) for key in name_list)
                identities.extend((key, rel) for key in identity_list)
                links.extend((key, rel) for key in link_list)
            self.db.executemany("INSERT INTO files VALUES (?,?,?,?,?)", rows)
            self.db.executemany("INSERT INTO names VALUES (?,?)", names)
            self.db.executemany("INSERT INTO identities VALUES (?,?)", identities)
            self.db.executemany("INSERT INTO links VALUES (?,?)", links)
        if changes:
            self._bump_generation()
        return changes

    # Small key-value store beside the records, for caches derived from them --------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        """A number that changes whenever any indexed file does: the key of caches derived from the index."""
        return int(self.get_meta("generation") or 0)

    def _bump_generation(self) -> None:
        self.set_meta("generation", str(self.generation() + 1))

    def _stat_some(self, paths: Iterable[str]) -> dict[str, tuple[int, int]]:
        found = {}
        for rel in paths:
            if not self.layout.is_markdown(rel):
                continue
            try:
                st = os.stat(self.root / rel)
            except OSError:
                continue
            if os.path.isfile(self.root / rel):
                found[rel] = (st.st_mtime_ns, st.st_size)
        return found

    def _parse_all(self, todo: list[str], progress) -> list[tuple[str, tuple | None]]:
        """(path, `index_entry`) for each file to read: in worker processes when there are many."""
        root = str(self.root)
        jobs = [(rel, self.layout.is_contact(rel)) for rel in todo]
        if len(jobs) < PARALLEL_THRESHOLD or (os.cpu_count() or 1) < 2:
            out = []
            for number, (rel, is_contact) in enumerate(jobs, 1):
                out.append((rel, index_entry(root, rel, is_contact)))
                if progress and number % 200 == 0:
                    progress(number, len(jobs))
            return out
        return self._parse_parallel(root, jobs, progress)

    @staticmethod
    def _parse_parallel(root: str, jobs, progress):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        workers = min(os.cpu_count() or 2, 8)
        size = max(50, len(jobs) // (workers * 8))
        batches = [(root, jobs[i:i + size]) for i in range(0, len(jobs), size)]
        out = []
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for result in pool.map(_parse_batch, batches):
                out.extend(result)
                if progress:
                    progress(len(out), len(jobs))
        return out

    # Reading -----------------------------------------------------------------------------------

    def records(self, kind: str | None = None) -> Iterable[tuple[str, dict]]:
        query = "SELECT path, record FROM files" + (" WHERE kind=?" if kind else "") + " ORDER BY path"
        for rel, text in self.db.execute(query, (kind,) if kind else ()):
            yield rel, json.loads(text)

    def record(self, rel: str) -> dict | None:
        row = self.db.execute("SELECT record FROM files WHERE path=?", (rel,)).fetchone()
        return json.loads(row[0]) if row else None

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM files").fetchone()[0]

    def paths_named(self, key: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT path FROM names WHERE key=?", (fold(key),))]

    def paths_ending(self, suffix: str) -> list[str]:
        """Contacts whose path ends with `/suffix.md` (a `[[folder/Target]]` link), case-insensitively."""
        wanted = "/" + fold(suffix) + ".md"
        rows = self.db.execute("SELECT path FROM files WHERE kind='contact'")
        return [r[0] for r in rows if ("/" + fold(r[0])).endswith(wanted)]

    def paths_linking(self, keys: Iterable[str]) -> list[str]:
        """Contacts with a `knows`/`introduced_by` link whose target's last part is one of these name keys."""
        found: set[str] = set()
        for key in set(keys):
            found.update(r[0] for r in self.db.execute("SELECT path FROM links WHERE key=?", (fold(key),)))
        return sorted(found)

    def paths_with_identity(self, key: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT path FROM identities WHERE key=?", (key,))]
