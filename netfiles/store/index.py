"""The SQLite index in `.netfiles/cache/`: parsed records of every Markdown file, refreshed by stat.

Unchanged files (same mtime, size, ctime and inode) are never re-read. The cache
is derived data: deleting it loses nothing, a change of parser or of the people
and ignore settings rebuilds it, and a damaged, unreadable or read-only cache is
rebuilt (or replaced by one in memory) with a one-line note, never an error.
"""
from __future__ import annotations

import contextlib
import functools
import json
import marshal
import os
import sqlite3
import stat
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

from ..model.config import Config, VaultPaths
from ..model.contact import IndexChanges
from ..model.diagnostics import Diagnostic
from ..reading.scan import VaultLayout, stamp
from ..reading.wikilinks import fold, path_ends_with

# 4: links table (who links to a name), for the watcher; 5: NFC name keys, nested log items;
# 7: ctime_ns and inode compared, date-times read as dates, cadence limit;
# 8: query tables (contacts, interactions, notes, note_links) beside the records;
# 9: parser diagnostics as rows of their own (not in the records), the whole-vault check result as rows;
# 10: each contact's log dates joined in its contacts row (`log_dates`);
# 11: contacts kept in path order (their path is the key), `log_dates` each day once, newest first;
# 12: what `ContactFacts` holds, as one marshalled tuple per contact (`facts`), beside the columns queries ask
SCHEMA_VERSION = "12"
_ENCODER = json.JSONEncoder(separators=(",", ":"), check_circular=False)  # made once; records hold no cycles
PARALLEL_THRESHOLD = 400  # below this many files to parse, one process is faster than a pool

# Lookup indexes of the key tables, by name: by key (who answers to a name) and by path (to replace a file's rows).
_KEY_INDEXES = {f"{table}_{column}": f"CREATE INDEX IF NOT EXISTS {table}_{column} ON {table}({column})"
                for table in ("names", "identities", "links", "note_links") for column in ("key", "path")}
_KEY_INDEXES.update({f"{table}_path": f"CREATE INDEX IF NOT EXISTS {table}_path ON {table}(path)"
                     for table in ("notes", "diagnostics")})  # contacts: the path is its key
# One contact's log dates (`Vault.contact_at`, the watcher) are read from this index alone, never from the rows with
# their text; every contact's come with its contacts row (its `facts`, the log's days each once).
_KEY_INDEXES["interactions_dates"] = "CREATE INDEX IF NOT EXISTS interactions_dates ON interactions(path, date)"
_RETIRED_INDEXES = ("interactions_path",)  # replaced by one above; dropped from caches made before
# Every table with one or more rows per file, in a `path` column: what refreshing a file replaces
# (in the order of `ParsedBatch.rows`).
_PER_FILE_TABLES = ("files", "names", "identities", "links", "contacts", "interactions", "notes", "note_links",
                    "diagnostics")
# (SQLite refuses an INSERT whose count of values differs from the table's columns, so a mismatch cannot go unseen.)
_INSERTS = {table: f"INSERT INTO {table} VALUES ({','.join('?' * columns)})" for table, columns in
            zip(_PER_FILE_TABLES, (7, 2, 2, 2, 11, 7, 3, 3, 6))}
_DIGEST_KEY = "stamps"  # meta key: `_stamps_digest` of the files the index holds, when known
_DIGEST_GENERATION_KEY = "stamps generation"  # meta key: the index generation those stamps describe
_DIAGNOSTIC_COLUMNS = "path, line, col, code, severity, message"  # `Diagnostic`'s fields, in its order
_STAMP_COLUMNS = "mtime_ns, size, ctime_ns, inode"  # what `scan.stamp` gives, in that order
# Every run compares the stat stamps of every file: read from this index, not from the table of records
# (1.3 kB a row), which a run on 100,000 files would otherwise read whole (about 130 MB) for 5 numbers a file.
_KEY_INDEXES["files_stamps"] = f"CREATE INDEX IF NOT EXISTS files_stamps ON files(path, {_STAMP_COLUMNS})"
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, ctime_ns INTEGER, inode INTEGER, kind TEXT, record TEXT);
CREATE TABLE IF NOT EXISTS names (key TEXT, path TEXT);
CREATE TABLE IF NOT EXISTS identities (key TEXT, path TEXT);
CREATE TABLE IF NOT EXISTS links (key TEXT, path TEXT);
CREATE TABLE IF NOT EXISTS contacts (
    path TEXT PRIMARY KEY, name TEXT, cadence_days INTEGER, strength INTEGER, tier TEXT, organization TEXT,
    role TEXT, industry TEXT, location TEXT, country TEXT, facts BLOB) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS interactions (
    path TEXT, date TEXT, kind TEXT, text TEXT, line INTEGER, gave INTEGER, got INTEGER);
CREATE TABLE IF NOT EXISTS notes (path TEXT, date TEXT, title TEXT);
CREATE TABLE IF NOT EXISTS note_links (key TEXT, target TEXT, path TEXT);
CREATE TABLE IF NOT EXISTS diagnostics (
    path TEXT, line INTEGER, col INTEGER, code TEXT, severity TEXT, message TEXT);
CREATE TABLE IF NOT EXISTS check_result (
    path TEXT, line INTEGER, col INTEGER, code TEXT, severity TEXT, message TEXT);
"""
_SCHEMA = (_TABLES + "".join(statement + ";\n" for statement in _KEY_INDEXES.values())
           + "".join(f"DROP INDEX IF EXISTS {name};\n" for name in _RETIRED_INDEXES))


# SQLite result codes (the low byte of an extended code) that mean the cache file itself cannot be used:
# SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB.
# "Busy" and "locked" are not among them: another netfiles is writing, and waiting is right.
_DAMAGE_CODES = {3, 8, 10, 11, 13, 14, 26}
_DAMAGE_WORDS = ("malformed", "not a database", "readonly", "unable to open", "disk i/o", "permission", "full")


def _is_damage(exc: BaseException) -> bool:
    """True for errors that come from the cache file (corrupt, unreadable, read-only), not from a bug or a lock."""
    if isinstance(exc, OSError):
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in _DAMAGE_CODES
    return any(word in str(exc).lower() for word in _DAMAGE_WORDS)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _note(message: str) -> None:
    """One line on stderr, as the commands print their notes."""
    try:
        sys.stderr.write(f"note: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _keep_out_of_git(folder: Path) -> None:
    """A `.gitignore` of `*` in the cache folder (as `.pytest_cache` has), so `git add -A` never commits the cache.

    Written whenever it is missing, so a vault not made by `netfiles init` gets it too.
    """
    marker = folder / ".gitignore"
    if marker.exists():
        return
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("# Created by netfiles: this folder is derived data (the index), rebuilt when missing.\n*\n")


_WRITES_ONLY = {"refresh", "rebuild", "set_meta", "set_check_result"}  # methods that need no rows after starting over


def _recovering(method):
    """Run an Index method; if the cache turns out damaged, unreadable or read-only, start over and run it again.

    Damage can show on any query (a corrupt page is found when read), so every
    method that touches the database goes through this. A read after starting over
    refreshes first, so it answers from the files, never from half a cache.
    """
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc) or self.in_memory:
                raise
            self._discard(exc)
        if method.__name__ not in _WRITES_ONLY:
            self.refresh()
        return method(self, *args, **kwargs)

    return wrapper


def read_and_parse(root: str, rel: str, is_contact: bool) -> dict | None:
    """Read one file and parse it; None when it vanished in between (it will count as removed)."""
    from ..reading.parse import MAX_FILE_BYTES, parse_markdown  # only when a file is read: a warm run never loads YAML

    try:
        data = _read_capped(os.path.join(root, rel), MAX_FILE_BYTES + 1)  # a huge file is reported, never read whole
    except FileNotFoundError:
        return None
    except OSError as exc:
        stem = rel.rsplit("/", 1)[-1][:-3]
        return {"kind": "contact" if is_contact else "other", "name": stem, "fm": {}, "diagnostics": [
            Diagnostic.core(rel, 0, 0, "NF104", f"file cannot be read: {exc.strerror or exc}").to_dict()]}
    return parse_markdown(rel, data, is_contact)


def _read_capped(path: str, limit: int) -> bytes:
    """At most `limit` bytes of a file, asking for no more than it holds, with plain system calls.

    `open(...).read(limit)` allocates the whole limit (5 MiB) for every file before trimming
    it, and a buffered file object adds system calls of its own: on a vault of small files
    both cost more than the reading itself.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, min(size, limit - 1) + 1)
        while len(data) != size and len(data) < limit:  # a short read, or it changed since fstat: read to the end
            more = os.read(fd, limit - len(data))
            if not more:
                break
            data += more
        return data
    finally:
        os.close(fd)


def index_entry(root: str, rel: str, is_contact: bool) -> tuple | None:
    """What the index stores for one file: (kind, record as JSON, name keys, identity keys, link keys, query rows,
    diagnostic rows).

    None when the file vanished. Everything is computed where the file is parsed
    (a worker process on a large vault), so only a few strings travel back to the
    process that writes the index, instead of a nested record to pickle and then
    encode again. The query rows are the typed columns commands ask (see `query_rows`).
    The parser's diagnostics are rows of their own table, not part of the record:
    `check` reads them without decoding any record.
    """
    record = read_and_parse(root, rel, is_contact)
    if record is None:
        return None
    problems = [(d["path"], d["line"], d["col"], d["code"], d["severity"], d["message"])
                for d in record.pop("diagnostics", ())]
    text = _ENCODER.encode(record)
    rows = query_rows(record)
    if record["kind"] != "contact":
        return record["kind"], text, (), (), (), rows, problems
    return ("contact", text, tuple(name_keys(rel, record)), tuple(identity_keys(record)), tuple(link_keys(record)),
            rows, problems)


_SUMMARY_FIELDS = ("organization", "role", "industry", "location", "country")  # text columns `ls` shows


def query_rows(record: dict) -> tuple:
    """(contact row, interaction rows, note row, note link rows) of one record, without its path.

    A contact has the scalar columns queries ask (`contact_columns`) and its `contact_facts`
    values, without the path (see `contact_rows`), and one row per log line; a dated note has
    its date and title, and one row per link keyed by the name key its target ends with, so
    one contact's notes are found by its name keys. Links are resolved when asked (`Vault`),
    so a renamed or new contact changes them without re-reading notes.
    """
    kind = record["kind"]
    if kind == "contact":
        log = record.get("log", ())
        added_date, valid_strength, tier_value = _field_rules()
        fm = record.get("fm")
        fm = fm if isinstance(fm, dict) else {}
        added = added_date(fm)
        scalars = (record["name"], record.get("cadence_days"), valid_strength(record.get("strength")),
                   tier_value(fm.get("tier")), *(record.get(key) for key in _SUMMARY_FIELDS))
        facts = (record["name"], tuple(record.get("tags", ())), record.get("met"), record.get("birthday"),
                 record.get("snooze_until"), *scalars[1:4], added.isoformat() if added else None, *scalars[4:],
                 tuple(record.get("emails", ())), log_days(log))
        return (scalars, facts), [tuple(item) for item in log], None, ()
    if kind == "note":
        links = [(fold(target.rsplit("/", 1)[-1]), target) for target in record.get("links", ())]
        return None, (), (record["date"], record["name"]), links
    return None, (), None, ()


def _stamps_digest(stamps: dict[str, tuple[int, int, int, int]]) -> bytes:
    """Every file's path and `scan.stamp`, in the order the walk met them, as one byte string.

    Kept by each refresh (about 80 bytes a file), it answers "has anything changed?" by comparing two
    byte strings, without reading 100,000 stamps back from the index and comparing them one by
    one (0.13 s at 100k). The walk's order is the file system's, which stays the same while
    nothing changes; when it does change, the strings differ and the refresh compares stamp by
    stamp, as without them. Exact, unlike a hash: equal strings are equal stamps. (marshal
    format 2: the same bytes for the same values, whatever else the process holds.)
    """
    return marshal.dumps(stamps, 2)


def log_days(log) -> tuple[str, ...]:
    """The days of a contact's log lines (ISO dates), each once, newest first, stored with its facts.

    The same dates as its rows of `interactions`, made from the same parse: every command that needs
    every contact's dates (`due`, tiers, `ls`) reads them with the contact, where a query gathering
    them from `interactions` for each contact cost a third of reading the contacts (10k: 12 of 33 ms).
    In the order the rules read them (`Contact.dates`), so reading 100,000 contacts sorts nothing.
    """
    return tuple(sorted({item[0] for item in log if item[0] is not None}, reverse=True))


def facts_blob(path: str, facts: tuple) -> bytes:
    """A contact's `contact_rows` tuple as stored: marshal's format 2, which holds the tuples, texts, numbers
    and None it is made of, and reads back in one C call (a third of the time of reading the same values
    as seventeen columns and splitting their lists)."""
    return marshal.dumps((path, *facts), 2)


@functools.lru_cache(maxsize=None)
def _field_rules():
    """(added_date, valid_strength, tier_value): imported on first use, then looked up once, not once per contact."""
    from ..rules.entered import added_date
    from ..rules.strength import valid_strength
    from ..rules.tiers import tier_value

    return added_date, valid_strength, tier_value


class ParsedBatch(NamedTuple):
    """What a batch of files adds to the index: rows for each table of `_PER_FILE_TABLES`, in that order."""

    paths: list[str]  # every file of the batch, to replace what the index held for it
    vanished: list[str]  # files deleted between listing and reading
    rows: tuple[list[tuple], ...]


def parse_batch(root: str, jobs: list[tuple[str, bool, tuple]]) -> ParsedBatch:
    """Read and parse files given as (path, is it a contact, `scan.stamp`), and make their rows of every table.

    The rows are made here, in the worker process that parsed the files, so the process
    writing the index only hands them to SQLite; a path repeated in many rows travels once.
    """
    tables: tuple[list[tuple], ...] = tuple([] for _ in _PER_FILE_TABLES)
    files, names, identities, links, contacts, interactions, notes, note_links, problems = tables
    vanished = []
    for rel, is_contact, file_stamp in jobs:
        entry = index_entry(root, rel, is_contact)
        if entry is None:
            vanished.append(rel)
            continue
        kind, text, name_list, identity_list, link_list, (contact, log, note, note_link_list), found = entry
        files.append((rel, *file_stamp, kind, text))
        names += [(key, rel) for key in name_list]
        identities += [(key, rel) for key in identity_list]
        links += [(key, rel) for key in link_list]
        if contact is not None:
            scalars, facts = contact
            contacts.append((rel, *scalars, facts_blob(rel, facts)))
            interactions += [(rel, *item) for item in log]
        if note is not None:
            notes.append((rel, *note))
            note_links += [(key, target, rel) for key, target in note_link_list]
        problems += found
    return ParsedBatch([rel for rel, _, _ in jobs], vanished, tables)


def _parse_batch(args) -> ParsedBatch:
    return parse_batch(*args)


def _usable_cpus() -> int:
    """CPUs this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


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


_SCALAR_CONTACT_COLUMNS = frozenset(("path", "name", "cadence_days", "strength", "tier", "organization", "role",
                                     "industry", "location", "country"))
_BATCH = 500  # records fetched per query by `Index.records`: few enough to hold, many enough to be quick


class Index:
    """One vault's index. Open it, `refresh()` it, then read records."""

    def __init__(self, root: Path, config: Config):
        self.root = root
        self.layout = VaultLayout(root, config)
        self.path = VaultPaths(root).index_file
        self._fingerprint = json.dumps([SCHEMA_VERSION, config.people, config.ignore])
        self._db: sqlite3.Connection | None = None
        self.in_memory = False  # True once the cache on disk could not be used, nor a new one written
        self._retried_file = False

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        """The cache as it is; else, if it cannot be used, a new one; else one in memory (each with a note).

        The cache is derived data: a damaged, unreadable or read-only one is never a reason to fail.
        """
        if not self.in_memory:
            try:
                return self._prepare(self._connect_file())
            except (OSError, sqlite3.DatabaseError) as exc:
                if not _is_damage(exc):
                    raise
                self._discard(exc)
        return self._prepare(sqlite3.connect(":memory:"))

    def _connect_file(self) -> sqlite3.Connection:
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        _keep_out_of_git(folder)
        return sqlite3.connect(self.path, timeout=30)

    def _prepare(self, db: sqlite3.Connection) -> sqlite3.Connection:
        """Tables, WAL mode, and a clean start when the parser or the people/ignore settings changed."""
        try:
            db.executescript(_TABLES)  # the indexes once the tables are known to be this version's (below)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            row = db.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
            if not row or row[0] != self._fingerprint:
                # tables made by another schema version may have other columns: make them again, in one transaction
                db.executescript("BEGIN IMMEDIATE;" + "".join(f"DROP TABLE IF EXISTS {table};" for table in
                                                              _PER_FILE_TABLES)
                                 + "DROP TABLE IF EXISTS check_result; DELETE FROM meta WHERE key='check_cache';"
                                 + f"DELETE FROM meta WHERE key IN ('{_DIGEST_KEY}', '{_DIGEST_GENERATION_KEY}');"
                                 + _SCHEMA)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (self._fingerprint,))
                db.commit()
            db.executescript(_SCHEMA)  # no-ops, unless an index is new (a cache made before it gets it once)
        except BaseException:
            db.close()
            raise
        return db

    def _discard(self, exc: BaseException) -> None:
        """Close and delete a cache that cannot be used (with its WAL files); the next `db` is new, or in memory.

        Says so on stderr in one line: the user may wonder why this run is slower.
        """
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        reason = _reason(exc)
        where = os.path.relpath(self.path, self.root)
        if self._retried_file:
            self.in_memory = True
        else:
            self._retried_file = True
            try:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                with contextlib.closing(self._prepare(self._connect_file())):
                    pass
            except (OSError, sqlite3.DatabaseError) as second:
                reason = f"{reason}; a new one cannot be written either: {_reason(second)}"
                self.in_memory = True
        if self.in_memory:
            _note(f"the index cache {where} cannot be used ({reason}); running without it this time (slower)")
        else:
            _note(f"the index cache {where} was damaged or unreadable ({reason}); rebuilt it (it is derived data: "
                  "nothing is lost)")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @_recovering
    def rebuild(self) -> None:
        with self.db:
            for table in _PER_FILE_TABLES:
                self.db.execute(f"DELETE FROM {table}")
            self._keep_stamps_digest(None)

    @_recovering
    def refresh(self, progress: Callable[[int, int], None] | None = None,
                only: Iterable[str] | None = None, force: Iterable[str] = ()) -> IndexChanges:
        """Bring the index up to date with the files; returns what was added, changed and removed.

        `only` limits the work to those vault-relative paths (the watcher's case).
        `force` names files to read again even when their stat looks unchanged
        (the watcher saw them written; two writes within one clock tick keep the same mtime).
        A file counts as changed when its mtime, size, ctime or inode differ from the index:
        ctime cannot be set back (`touch -r` and tools that restore times set mtime only),
        and an editor that saves by renaming a new file over the old one changes the inode.
        """
        only = None if only is None else set(only)
        force = set(force)
        on_disk = self.layout.walk() if only is None else self._stat_some(only)
        digest = _stamps_digest(on_disk) if only is None else None
        if digest is not None and not force and self._unchanged_since(digest, len(on_disk)):
            return IndexChanges(unchanged=len(on_disk))  # the usual case: nothing to read, not even the stamps
        known = self._stamps() if only is None else self._stamps_of(only)
        first_build = not known  # with `only`, confirmed by _still_empty below before anything is skipped
        changes = IndexChanges()
        todo = []
        unchanged = not force and on_disk == known  # the usual case, compared in C: nothing to read or remove
        for rel, now in ({} if unchanged else on_disk).items():
            old = known.get(rel)
            if old is None:
                todo.append(rel)
                changes.added.append(rel)
            elif old != now or rel in force:
                todo.append(rel)
                changes.changed.append(rel)
            else:
                changes.unchanged += 1
        if unchanged:
            changes.unchanged = len(on_disk)
        else:
            changes.removed = sorted(set(known) - set(on_disk))
        vanished: list[str] = []  # deleted between listing and reading
        bulk = first_build and len(todo) >= PARALLEL_THRESHOLD
        with self._bulk_load() if bulk else contextlib.nullcontext(), self.db:
            # one transaction: other processes see the whole refresh or none of it
            if first_build:
                first_build = self._still_empty()
            self._delete(changes.removed)
            if first_build and bulk:
                self._drop_key_indexes()
            for batch in self._parse_batches(todo, on_disk, progress):
                vanished += batch.vanished
                self._store(batch, replace=not first_build)
            for statement in _KEY_INDEXES.values():
                self.db.execute(statement)  # no-ops unless _drop_key_indexes ran
            if vanished:
                gone = set(vanished)
                changes.added = [rel for rel in changes.added if rel not in gone]
                changes.changed = [rel for rel in changes.changed if rel not in gone]
                changes.removed += sorted(rel for rel in gone if rel in known)
            if changes:
                self._bump_generation()  # in the same transaction: a second commit costs as much as a small refresh
            if digest is not None and not vanished:
                # what the index now holds, after a whole walk whose files were all read (a refresh of a few
                # files leaves the kept stamps as they are: the generation it moves makes them stale)
                self._keep_stamps_digest(digest)
        return changes

    def _unchanged_since(self, digest: bytes, files: int) -> bool:
        """True when the index holds exactly the files walked, with these stamps: the stamps kept by the last
        whole refresh match, no refresh changed the index since (its generation is theirs), and the count of
        files matches (a second check, cheap)."""
        if self.get_meta(_DIGEST_GENERATION_KEY) != str(self.generation()):
            return False
        if self.get_meta(_DIGEST_KEY) != digest:
            return False
        return self.db.execute("SELECT count(*) FROM files").fetchone()[0] == files

    def _keep_stamps_digest(self, digest: bytes | None) -> None:
        """Keep (or, with None, forget) the stamps the index holds, with its generation, inside the caller's
        transaction. Forgetting 8 MB of stamps (100k files) costs a write of its own: only a rebuild does."""
        if digest is None:
            self.db.execute("DELETE FROM meta WHERE key IN (?, ?)", (_DIGEST_KEY, _DIGEST_GENERATION_KEY))
        else:
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                [(_DIGEST_KEY, digest), (_DIGEST_GENERATION_KEY, str(self.generation()))])

    @contextlib.contextmanager
    def _bulk_load(self) -> Iterator[None]:
        """Settings for filling an empty index in one transaction, put back afterwards.

        No fsync when the transaction is copied into the database file (`synchronous=OFF`),
        which halves the commit: the cache is derived data, and one left damaged by a power
        cut is rebuilt on the next run like any other. (A larger page cache was measured too,
        and made no difference.)
        """
        db = self.db
        db.execute("PRAGMA synchronous=OFF")
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error):  # never hide what went wrong in the transaction
                db.execute("PRAGMA synchronous=NORMAL")

    def _still_empty(self) -> bool:
        """Take the write lock now and say whether the index is still empty.

        A first build writes rows without deleting old ones first; another process may
        have filled the index while this one listed the files, and then its rows must
        be replaced like on any other refresh.
        """
        self.db.execute("BEGIN IMMEDIATE")
        return self.db.execute("SELECT NOT EXISTS (SELECT 1 FROM files)").fetchone()[0] == 1

    def _delete(self, paths: list[str]) -> None:
        for table in _PER_FILE_TABLES:
            self.db.executemany(f"DELETE FROM {table} WHERE path=?", ((rel,) for rel in paths))

    def _store(self, batch: ParsedBatch, replace: bool = True) -> None:
        """Write one batch of rows, replacing what the index held for those paths.

        Called while the next batches are still being parsed, so that writing the
        index overlaps with reading the files instead of following it. `replace=False`
        when the index was empty: nothing to delete (and no path index to delete with).
        """
        if replace:
            self._delete(batch.paths)
        for table, rows in zip(_PER_FILE_TABLES, batch.rows):
            if rows:
                self.db.executemany(_INSERTS[table], rows)

    def _drop_key_indexes(self) -> None:
        """Drop the lookup indexes of the key tables before filling an empty index; `refresh` builds them again.

        Building an index once over all rows is quicker than updating it row by row:
        this is a bulk load, and cold indexing is the slowest thing netfiles does.
        Runs inside refresh's transaction, so an interruption leaves the indexes in place.
        """
        for name in _KEY_INDEXES:
            self.db.execute(f"DROP INDEX IF EXISTS {name}")

    # Small key-value store beside the records, for caches derived from them --------------------

    @_recovering
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    @_recovering
    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        """A number that changes whenever any indexed file does: the key of caches derived from the index."""
        return int(self.get_meta("generation") or 0)

    def _bump_generation(self) -> None:
        """Count up; a new cache starts at a random number, so no key made from an older cache can match it.

        Runs inside `refresh`'s transaction (so it writes without committing).
        """
        row = self.db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        value = int(row[0]) + 1 if row else int.from_bytes(os.urandom(6), "big") + 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(value),))

    @_recovering
    def stamps(self) -> dict[str, tuple[int, int, int, int]]:
        """{path: `scan.stamp`} of every indexed file, as stored: compare with `VaultLayout.walk()` to find changes."""
        return self._stamps()

    def _stamps(self) -> dict[str, tuple[int, int, int, int]]:
        return {path: (mtime, size, ctime, inode)  # unpacked, not sliced: one of the costs of every refresh
                for path, mtime, size, ctime, inode in self.db.execute(f"SELECT path, {_STAMP_COLUMNS} FROM files")}

    def _stat_some(self, paths: Iterable[str]) -> dict[str, tuple[int, int, int, int]]:
        found = {}
        for rel in paths:
            if not self.layout.is_markdown(rel):
                continue
            try:
                st = os.stat(self.root / rel)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                found[rel] = stamp(st)
        return found

    def _parse_batches(self, todo: list[str], on_disk: dict, progress) -> Iterator[ParsedBatch]:
        """The files to read, parsed in batches: in worker processes when there are many."""
        root = str(self.root)
        jobs = [(rel, self.layout.is_contact(rel), on_disk[rel]) for rel in todo]
        if len(jobs) < PARALLEL_THRESHOLD or _usable_cpus() < 2:
            for start in range(0, len(jobs), 200):
                yield parse_batch(root, jobs[start:start + 200])
                if progress and start + 200 < len(jobs):
                    progress(start + 200, len(jobs))
            return
        yield from self._parse_parallel(root, jobs, progress)

    @staticmethod
    def _parse_parallel(root: str, jobs, progress):
        """Parse in one worker process per CPU; batches come back in order, as each is done."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from ..rules import entered, strength, tiers
        from ..reading import parse  # noqa: F401 - imported once here, before the workers fork

        workers = min(_usable_cpus(), 8)
        size = max(50, len(jobs) // (workers * 32))  # small batches: the workers finish close together
        batches = [(root, jobs[i:i + size]) for i in range(0, len(jobs), size)]
        done = 0
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for result in pool.map(_parse_batch, batches):
                yield result
                done += len(result.paths)
                if progress:
                    progress(done, len(jobs))

    # Reading -----------------------------------------------------------------------------------

    @_recovering
    def records(self, kind: str | None = None) -> Iterable[tuple[str, dict]]:
        """(path, record) of every indexed file, or of one kind, sorted by path."""
        order = sorted(self.db.execute(
            "SELECT path, rowid FROM files" + (" WHERE kind=?" if kind else ""), (kind,) if kind else ()))
        return self._records_of(order)

    def _records_of(self, order: list[tuple[str, int]]) -> Iterator[tuple[str, dict]]:
        """Each record of these (path, rowid), decoded when it is asked for, fetched a few hundred at a time.

        Only the paths are held, not every record's text (180 MB at 100,000 contacts), so a caller that keeps
        something smaller (a `Contact`, or nothing) never holds every record. `ORDER BY path` would walk the
        path index and fetch rows from wherever they lie in the file; fetching by rowid in batches reads the
        rows of a vault indexed in one go (rowids in path order) nearly from start to end.
        """
        loads = json.loads
        for start in range(0, len(order), _BATCH):
            batch = order[start:start + _BATCH]
            marks = ",".join("?" * len(batch))
            texts = dict(self.db.execute(f"SELECT rowid, record FROM files WHERE rowid IN ({marks})",
                                         [rowid for _, rowid in batch]))
            for rel, rowid in batch:
                yield rel, loads(texts[rowid])

    @_recovering
    def record(self, rel: str) -> dict | None:
        row = self.db.execute("SELECT record FROM files WHERE path=?", (rel,)).fetchone()
        return json.loads(row[0]) if row else None

    @_recovering
    def diagnostics(self, paths: Iterable[str] | None = None) -> list[Diagnostic]:
        """What the parser found wrong in every file, or in these files: by path, each file's in the order found."""
        query = f"SELECT {_DIAGNOSTIC_COLUMNS} FROM diagnostics"
        if paths is None:
            return [Diagnostic(*row) for row in self.db.execute(query + " ORDER BY path, rowid")]
        return [Diagnostic(*row) for rel in sorted(set(paths))
                for row in self.db.execute(query + " WHERE path=? ORDER BY rowid", (rel,))]

    @_recovering
    def check_result(self, key: str) -> tuple[int, list[Diagnostic]] | None:
        """(files checked, diagnostics in their order) of the whole-vault check stored under `key`, else None.

        Rows, not one JSON text: a warm `check` of a vault with many problems reads them
        straight into `Diagnostic`s, and one with none reads nothing but the key.
        """
        db = self.db
        began = not db.in_transaction
        if began:
            db.execute("BEGIN")  # one snapshot: another process may be replacing the key and the rows
        try:
            row = db.execute("SELECT value FROM meta WHERE key='check_cache'").fetchone()
            stored = json.loads(row[0]) if row else {}
            if stored.get("key") != key:
                return None
            rows = db.execute(f"SELECT {_DIAGNOSTIC_COLUMNS} FROM check_result ORDER BY rowid")
            return stored["files_checked"], [Diagnostic(*row) for row in rows]
        finally:
            if began:
                db.commit()

    @_recovering
    def set_check_result(self, key: str, files_checked: int, diagnostics: Iterable[Diagnostic]) -> None:
        """Keep a whole-vault check result under `key` (see `check_result`), replacing the one kept before."""
        with self.db:
            self.db.execute("DELETE FROM check_result")
            self.db.executemany("INSERT INTO check_result VALUES (?,?,?,?,?,?)",
                                ((d.path, d.line, d.col, d.code, d.severity, d.message) for d in diagnostics))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('check_cache', ?)",
                            (json.dumps({"key": key, "files_checked": files_checked}),))

    @_recovering
    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM files").fetchone()[0]

    @_recovering
    def paths_named(self, key: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT path FROM names WHERE key=?", (fold(key),))]

    @_recovering
    def paths_ending(self, suffix: str) -> list[str]:
        """Contacts whose path ends with `/suffix.md` (a `[[folder/Target]]` link), case-insensitively, by path.

        Such a file's stem is the target's last part, one of its name keys: the name index
        finds the few candidates instead of comparing every contact's path.
        """
        stem = fold(suffix.rsplit("/", 1)[-1])
        return sorted({r[0] for r in self.db.execute("SELECT path FROM names WHERE key=?", (stem,))
                       if path_ends_with(r[0], suffix)})

    @_recovering
    def paths_linking(self, keys: Iterable[str]) -> list[str]:
        """Contacts with a `knows`/`introduced_by` link whose target's last part is one of these name keys."""
        found: set[str] = set()
        for key in set(keys):
            found.update(r[0] for r in self.db.execute("SELECT path FROM links WHERE key=?", (fold(key),)))
        return sorted(found)

    @_recovering
    def paths_with_identity(self, key: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT path FROM identities WHERE key=?", (key,))]

    @_recovering
    def shared_identities(self) -> dict[str, list[str]]:
        """The identity keys (email, LinkedIn URL) held by more than one contact file, with those files: a
        whole-vault check of duplicate identities without reading any record, nor holding every identity."""
        owners: dict[str, list[str]] = {}
        for key, path in self.db.execute(
                "SELECT key, path FROM identities WHERE key IN "
                "(SELECT key FROM identities GROUP BY key HAVING COUNT(DISTINCT path) > 1)"):
            owners.setdefault(key, []).append(path)
        return owners

    def _stamps_of(self, paths: Iterable[str]) -> dict[str, tuple[int, int, int, int]]:
        """`_stamps` of these paths only: refreshing a few files must not read the stamps of the whole vault."""
        paths = list(paths)
        found: dict[str, tuple[int, int, int, int]] = {}
        for start in range(0, len(paths), 500):
            chunk = paths[start:start + 500]
            rows = self.db.execute(f"SELECT path, {_STAMP_COLUMNS} FROM files WHERE path IN "
                                   f"({','.join('?' * len(chunk))})", chunk)
            found.update((row[0], tuple(row[1:])) for row in rows)
        return found

    # Questions commands ask instead of loading every record ---------------------------------------

    @_recovering
    def contact_columns(self, columns: Sequence[str]) -> list[tuple]:
        """These scalar columns of every contact (from `_SCALAR_CONTACT_COLUMNS`), sorted by path: a pass over
        every contact that needs two fields reads two fields."""
        unknown = [c for c in columns if c not in _SCALAR_CONTACT_COLUMNS]
        if unknown or not columns:
            raise ValueError(f"not a scalar column of the contacts table: {', '.join(unknown) or '(none)'}")
        return self.db.execute(f"SELECT {', '.join(columns)} FROM contacts ORDER BY path").fetchall()

    @_recovering
    def contact_rows(self) -> list[tuple]:
        """(path, name, tags, met, birthday, snooze_until, cadence_days, strength, tier, added, organization,
        role, industry, location, country, emails, log days) of every contact, sorted by path: tags and emails
        as tuples, dates as ISO text (the log's days as a tuple, each once, newest first), strength and tier
        only when valid. A cache whose rows cannot be read is damaged: it is made again."""
        blobs = self.db.execute("SELECT facts FROM contacts ORDER BY path").fetchall()  # the key's order
        try:
            return [marshal.loads(blob) for blob, in blobs]
        except (EOFError, ValueError, TypeError) as exc:
            raise sqlite3.DatabaseError(f"database disk image is malformed: {exc}") from None

    @_recovering
    def note_links(self, keys: Iterable[str] | None = None) -> list[tuple[str, str, str, str, str]]:
        """(name key, link target, note path, note date, note title) of each dated note's links: all, or
        those whose target ends with one of these name keys (the notes that may count for one contact)."""
        query = ("SELECT l.key, l.target, n.path, n.date, n.title FROM note_links l JOIN notes n ON n.path = l.path")
        if keys is None:
            return self.db.execute(query).fetchall()
        found: list = []
        for key in set(keys):
            found += self.db.execute(query + " WHERE l.key=?", (fold(key),)).fetchall()
        return found

    @_recovering
    def paths_by_name(self, keys: Iterable[str] | None = None) -> dict[str, list[str]]:
        """{name key: contact paths answering to it}, for these keys, or for every key a dated note links to."""
        rows: Iterable[tuple[str, str]]
        if keys is None:
            rows = self.db.execute("SELECT key, path FROM names WHERE key IN (SELECT key FROM note_links)")
        else:
            rows = (row for key in set(keys) for row in
                    self.db.execute("SELECT key, path FROM names WHERE key=?", (fold(key),)))
        found: dict[str, list[str]] = {}
        for key, path in rows:
            found.setdefault(key, []).append(path)
        return found
