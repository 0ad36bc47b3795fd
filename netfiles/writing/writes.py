"""Changing users' files safely: atomic, minimal, locked, and never over a change made since reading.

Every edit of an existing file runs read-change-rename under a lock (one lock
file per target, kept in `.netfiles/cache/locks/`, never beside the note): the
new text goes to a temporary file in the same folder, which replaces the
original only if the original still has the size, mtime, ctime, inode and bytes
that were read. A crash leaves the old file or the new one, never half of each.
Bytes we were not asked to change stay as they were: BOM, line endings,
comments, key order and formatting. What is refused, and why, is written up in
docs/safety.md ("Writing your files").
"""
from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import os
import re
import stat as _stat
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..model.config import CONFIG_PATH, VaultPaths
from ..model.dates import parse_iso_date
from .filenames import safe_filename
from ..model.errors import NetfilesError
from ..reading.markdown import front_matter_end, scan, split_lines
from .yamlstyle import KEY_LINE, FrontMatterStyle, quoted_like, scalar, split_comment

BOM = b"\xef\xbb\xbf"
_ITEM = re.compile(r"^ {0,3}[-*+][ \t]+(\S+)")
_EMPTY_VALUE = re.compile(r"^(?:|''|\"\"|\[\]|~|null)$")
_TEMP = re.compile(r"^\..+\.(\d+)\.netfiles-tmp$")
LOCK_TIMEOUT = 10.0  # seconds to wait for another netfiles process writing the same file
SETTLE_SECONDS = 1.0  # an empty read is trusted once the file stayed so this long (an editor's save takes less)
STALE_TEMP_SECONDS = 3600.0  # a temporary file this old is left over, whoever made it


class FileChangedError(NetfilesError):
    """The file changed on disk after we read it; nothing was written."""


class WriteError(NetfilesError):
    """A write that cannot be done safely (the message says why); nothing was written."""


@dataclass(frozen=True)
class FileVersion:
    """What identifies one version of a file without reading it: a change to any field is a new version."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int

    @classmethod
    def of(cls, st: os.stat_result) -> "FileVersion":
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes as read, and its version then, to detect edits made between reading and writing."""

    path: Path
    data: bytes
    version: FileVersion | None = None  # None for a snapshot built by hand: then only the bytes are compared

    @classmethod
    def read(cls, path: Path) -> "Snapshot":
        """Read a regular file (never a FIFO or device: opening one could block or never end)."""
        path = Path(path)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise WriteError(f"{path} cannot be read ({exc.strerror}); nothing was written") from None
        with os.fdopen(fd, "rb") as handle:
            before = os.fstat(fd)
            if not _stat.S_ISREG(before.st_mode):
                raise WriteError(f"{path} is not a regular file; netfiles writes only regular files")
            data = handle.read()
            after = os.fstat(fd)
        if FileVersion.of(before) != FileVersion.of(after):
            raise FileChangedError(f"{path} was being written while netfiles read it; nothing was written. "
                                   "Run the command again.")
        return cls(path, data, FileVersion.of(after))

    def is_current(self, path: Path, compare_bytes: bool = True) -> bool:
        """True when `path` still holds this version: same size, times and inode (when known) and same bytes."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return False
        if self.version is not None and FileVersion.of(st) != self.version:
            return False
        if not compare_bytes:
            return self.version is not None
        if st.st_size != len(self.data):
            return False
        try:
            with open(path, "rb") as handle:
                return handle.read() == self.data
        except OSError:
            return False


@dataclass(frozen=True)
class IndexedFile:
    """What the index last saw of a file, so an edit can refuse a read that lost part of it.

    An editor that saves in place truncates the file, then writes it: read in
    between, the file looks empty or cut short. When the index saw front matter
    or a log there, a read without them is refused rather than written back.
    """

    front_matter: bool = False
    log: bool = False


# Where a write may go ----------------------------------------------------------------------------

def vault_root_of(path: Path) -> Path | None:
    """The nearest folder above `path` as written (links not followed) holding `.netfiles/`, or None."""
    folder = Path(os.path.abspath(path)).parent
    for candidate in (folder, *folder.parents):
        if VaultPaths(candidate).config_dir.is_dir():
            return candidate
    return None


def resolve_target(path: Path, vault_root: Path | None = None) -> tuple[Path, Path | None]:
    """(the real path a write to `path` would change, the vault root), or WriteError when it leaves the vault.

    The rule: a path reached through a vault stays in that vault. A symlink
    `people/evil.md -> ~/.bashrc`, or a linked folder pointing out, is refused;
    the vault is `vault_root` when given, else the nearest folder above `path`
    holding `.netfiles/`. A path in no vault (an export to ~/out.csv) is not limited.
    """
    root = Path(vault_root) if vault_root is not None else vault_root_of(path)
    real = Path(os.path.realpath(path))
    if root is not None:
        real_root = Path(os.path.realpath(root))
        if real != real_root and real_root not in real.parents:
            raise WriteError(f"{path} leads outside the vault (to {real}); netfiles writes only inside "
                             f"{real_root}. Nothing was written.")
    return real, root


def people_folder(root: Path, config, index: int = 0) -> Path:
    """The `index`-th people folder of the vault; WriteError naming config.toml and its line when it leaves the vault."""
    folders = list(config.people) or ["people"]
    folder = folders[min(index, len(folders) - 1)]
    path = Path(root) / folder
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(path))
    if os.path.isabs(folder) or (real != real_root and real_root not in real.parents):
        where = CONFIG_PATH
        line = _config_line(getattr(config, "path", None), "people")
        raise WriteError(f"{where}{f' line {line}' if line else ''}: people folder {folder!r} is outside the vault "
                         f"({real}); people folders must be inside {real_root}. Nothing was written.")
    return path


def _config_line(path: Path | None, key: str) -> int:
    """The line of a top-level `key = ...` in config.toml (before any [table]), 0 when not found."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines() if path else []
    except (OSError, UnicodeDecodeError):
        return 0
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("["):
            return 0
        if re.match(rf"^{re.escape(key)}\s*=", stripped):
            return number
    return 0


# Locks and temporary files -----------------------------------------------------------------------

@contextmanager
def locked(real: Path, vault_root: Path | None = None) -> Iterator[None]:
    """Hold the lock of one target file: netfiles processes writing it take turns (filelock).

    Lock files live in the vault's `.netfiles/cache/locks/` (ignored by git), or
    in the temporary folder for files in no vault; never beside the note.
    """
    from filelock import FileLock, Timeout

    name = hashlib.sha256(os.fsencode(str(real))).hexdigest()[:32] + ".lock"
    folder = _lock_folder(vault_root)
    lock = FileLock(str(folder / name), timeout=LOCK_TIMEOUT)
    try:
        with lock:
            yield
    except Timeout:
        raise WriteError(f"{real} is being written by another netfiles process (waited {LOCK_TIMEOUT:.0f} s); "
                         "nothing was written. Run the command again.") from None


def _lock_folder(vault_root: Path | None) -> Path:
    if vault_root is not None:
        folder = VaultPaths(Path(vault_root)).locks_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# lock files of netfiles writes; never commit them\n*\n", encoding="utf-8")
            return folder
        except OSError:
            pass  # a read-only cache: fall back to the temporary folder (same name, so processes still agree)
    folder = Path(tempfile.gettempdir()) / f"netfiles-locks-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


_cleaned: set[str] = set()


def remove_stale_temp_files(folder: Path, now: float | None = None) -> list[Path]:
    """Delete `.NAME.PID.netfiles-tmp` files left by a killed netfiles (their process is gone, or they are old).

    Only regular files of ours with that exact name shape are touched; returns what was removed.
    """
    removed: list[Path] = []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not _stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
                continue
            if _process_alive(int(match.group(1))) and now - st.st_mtime < STALE_TEMP_SECONDS:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError, OSError) as exc:
        return isinstance(exc, PermissionError)
    return True


def _clean_once(folder: Path) -> None:
    key = str(folder)
    if key not in _cleaned:
        _cleaned.add(key)
        remove_stale_temp_files(folder)


# Writing -----------------------------------------------------------------------------------------

def write_atomic(path: Path, data: bytes, snapshot: Snapshot | None = None, create: bool = False,
                 sync: bool = True, vault_root: Path | None = None) -> None:
    """Write `data` to `path` via a temporary file and a rename, under the file's lock.

    With `snapshot`, refuse (FileChangedError) if the file no longer holds the
    version that was read. With `create`, refuse to replace an existing file.
    `sync=False` skips the per-file fsync, for bulk writers of new files that
    call `os.sync()` once at the end (the write stays atomic, only durability waits).
    A path inside a vault must stay inside it (see `resolve_target`); only
    regular files are replaced, never a read-only one or one with other hard links.
    """
    real, root = resolve_target(Path(path), vault_root)
    if create:  # no lock needed: the hard link that makes the file fails if the name exists
        if os.path.lexists(path):  # a file, or a link even to nowhere: never write through it
            raise WriteError(f"{path} already exists; not overwriting it")
        _create(real, data, sync)
        return
    with locked(real, root):
        if snapshot is None:  # nothing to compare with: the file's version now is enough (no need to read it)
            try:
                st = os.stat(real)
            except FileNotFoundError:
                _create(real, data, sync, replace=True)
                return
            if not _stat.S_ISREG(st.st_mode):
                raise WriteError(f"{path} is not a regular file; netfiles writes only regular files")
            _replace(real, data, Snapshot(real, b"", FileVersion.of(st)), sync, compare_bytes=False)
            return
        try:
            current = Snapshot.read(real)
        except FileNotFoundError:
            raise FileChangedError(f"{path} was deleted after it was read; nothing was written") from None
        if not _same(snapshot, current):
            raise FileChangedError(f"{path} changed after it was read; nothing was written. Run the command again.")
        _replace(real, data, current, sync)


def edit_file(path: Path, change: Callable[["TextFile"], bool], snapshot: Snapshot | None = None,
              vault_root: Path | None = None, indexed: IndexedFile | None = None, sync: bool = True) -> bool:
    """Read-change-rename one text file under its lock; `change` edits a TextFile and says whether it changed it.

    This is the one path every edit of a user's file takes (log lines, filled
    fields): it refuses a file that left the vault, a stale `snapshot`, a read
    that looks like an editor's save half done, and anything `_replace` refuses.
    """
    real, root = resolve_target(Path(path), vault_root)
    with locked(real, root):
        try:
            current = Snapshot.read(real)
        except FileNotFoundError:
            raise FileChangedError(f"{path} does not exist (moved or deleted?); nothing was written") from None
        if snapshot is not None and not _same(snapshot, current):
            raise FileChangedError(f"{path} changed after it was read; nothing was written. Run the command again.")
        doc = TextFile(Snapshot(Path(path), current.data, current.version))
        _refuse_partial_read(Path(path), current, doc, indexed)
        if not change(doc):
            return False
        _replace(real, doc.to_bytes(), current, sync=sync)  # sync=False: bulk writers os.sync() once at the end
        return True


def _same(snapshot: Snapshot, current: Snapshot) -> bool:
    if snapshot.data != current.data:
        return False
    return snapshot.version is None or snapshot.version == current.version


def _refuse_partial_read(path: Path, current: Snapshot, doc: "TextFile", indexed: IndexedFile | None) -> None:
    """An editor saving in place truncates, then writes: refuse a read that may have fallen in between.

    An empty read is trusted only once the file has stayed empty and unchanged for
    SETTLE_SECONDS (netfiles waits that long at most); a read without the front
    matter or the Log section the index last saw is refused.
    """
    again = "nothing was written. Run the command again once the file is saved."
    if indexed is not None and not current.data.strip() and (indexed.front_matter or indexed.log):
        raise FileChangedError(f"{path} is empty now, but had content when it was last indexed (an editor may be "
                               f"saving it); {again}")
    if not current.data.strip() and current.version is not None:
        age = time.time() - current.version.mtime_ns / 1e9
        if 0 <= age < SETTLE_SECONDS:
            time.sleep(SETTLE_SECONDS - age)
        if not current.is_current(Path(current.path)):
            raise FileChangedError(f"{path} was empty, then changed while netfiles waited for it to settle (an "
                                   f"editor was saving it); {again}")
    if indexed is None:
        return
    if indexed.front_matter and doc.front_matter_range() is None:
        raise FileChangedError(f"{path} has no front matter now, but had when it was last indexed (an editor may "
                               f"be saving it); {again}")
    if indexed.log and not scan(doc.lines, doc.body_start()).sections:
        raise FileChangedError(f"{path} has no Log section now, but had one when it was last indexed (an editor "
                               f"may be saving it); {again}")


def _create(path: Path, data: bytes, sync: bool, replace: bool = False) -> None:
    """Write a new file; never clobber one that appeared meanwhile (unless `replace`, for a target known missing)."""
    _clean_once(path.parent)
    tmp = _temp_name(path)
    try:
        _write_temp(tmp, data, sync)
        if replace:
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)  # fails if the file exists: never clobber
        except FileExistsError:
            raise WriteError(f"{path} already exists; not overwriting it") from None
        except OSError:  # file systems without hard links
            if os.path.lexists(path):
                raise WriteError(f"{path} already exists; not overwriting it") from None
            os.replace(tmp, path)
    finally:
        _unlink_quietly(tmp)


def _replace(real: Path, data: bytes, current: Snapshot, sync: bool, compare_bytes: bool = True) -> None:
    """Replace the regular file `real`, read as `current`, keeping its mode and owner; refuse what we cannot keep."""
    st = os.stat(real)
    mode = _stat.S_IMODE(st.st_mode)
    if not _stat.S_ISREG(st.st_mode):
        raise WriteError(f"{real} is not a regular file; netfiles writes only regular files")
    if not mode & 0o222 or not os.access(real, os.W_OK):
        raise WriteError(f"{real} is read-only (mode {mode:o}); nothing was written. "
                         f"Make it writable (chmod u+w) if netfiles should change it.")
    if st.st_nlink > 1:
        raise WriteError(f"{real} has {st.st_nlink} hard links; replacing it would split them, so nothing was "
                         "written. Edit it by hand, or remove the other links.")
    _clean_once(real.parent)
    tmp = _temp_name(real)
    try:
        _write_temp(tmp, data, sync)
        os.chmod(tmp, mode)
        _keep_owner(tmp, real, st)
        if not current.is_current(real, compare_bytes):
            raise FileChangedError(f"{real} changed after it was read; nothing was written. Run the command again.")
        os.replace(tmp, real)
        if sync:
            _sync_folder(real.parent)
    finally:
        _unlink_quietly(tmp)


def _keep_owner(tmp: Path, real: Path, st: os.stat_result) -> None:
    if not hasattr(os, "chown"):
        return
    new = os.stat(tmp)
    if (new.st_uid, new.st_gid) == (st.st_uid, st.st_gid):
        return
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except OSError:
        raise WriteError(f"{real} belongs to another user or group (uid {st.st_uid}, gid {st.st_gid}); replacing it "
                         "would change its owner, so nothing was written.") from None


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.netfiles-tmp")


def _write_temp(tmp: Path, data: bytes, sync: bool) -> None:
    """Write the temporary file; a failure (full disk, read-only folder) is a WriteError, the original untouched."""
    try:
        try:
            handle = open(tmp, "xb")
        except FileExistsError:  # left by an earlier process that had our PID: no write of ours is running on it
            os.unlink(tmp)
            handle = open(tmp, "xb")
        with handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
    except OSError as exc:
        _unlink_quietly(tmp)
        raise WriteError(f"cannot write in {tmp.parent} ({exc.strerror or exc}); nothing was written") from None


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot sync a folder
        if exc.errno not in (errno.EINVAL, errno.EBADF, errno.EACCES):
            raise
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class TextFile:
    """A file's text split into lines, remembering its BOM and line ending so they can be written back."""

    def __init__(self, snapshot: Snapshot):
        data = snapshot.data
        self.snapshot = snapshot
        self.bom = data.startswith(BOM)
        try:
            text = data[3 if self.bom else 0:].decode("utf-8")
        except UnicodeDecodeError:
            raise WriteError(f"{snapshot.path} is not valid UTF-8; not editing it") from None
        self.newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")
        # only \r\n, \n and \r end lines (markdown.split_lines), as the parser reads them
        self.lines = split_lines(text)

    def front_matter_range(self) -> tuple[int, int] | None:
        """(index of the opening ---, index of the closing ---) or None when there is no front matter."""
        end = front_matter_end(self.lines)
        return None if end is None else (0, end)

    def body_start(self) -> int:
        fm = self.front_matter_range()
        return fm[1] + 1 if fm else 0

    def ensure_final_newline(self) -> None:
        if self.lines and not self.lines[-1].endswith(("\n", "\r")):
            self.lines[-1] += self.newline

    def to_bytes(self) -> bytes:
        return (BOM if self.bom else b"") + "".join(self.lines).encode("utf-8")


def format_log_line(date: _dt.date, kind: str, text: str = "") -> str:
    kind = kind.strip().lower()
    if not re.fullmatch(r"[\w-]+", kind):
        raise WriteError(f"kind {kind!r} must be one word, such as coffee, call or email")
    if "\n" in text or "\r" in text:
        raise WriteError("the log text must be a single line")
    text = text.strip()
    return f"- {date.isoformat()} {kind}: {text}" if text else f"- {date.isoformat()} {kind}"


def append_log_line(path: Path, date: _dt.date, kind: str, text: str = "", snapshot: Snapshot | None = None,
                    vault_root: Path | None = None, indexed: IndexedFile | None = None) -> str:
    """Add one interaction under the `## Log` heading (made if missing); returns the line added.

    The line goes where the log's own order puts it (newest first, as in
    docs/format.md, or oldest first if that is how the user keeps it), so the git
    diff is exactly one added line. The Log section is found by
    `markdown.scan`, as the parser finds it, so the index always sees the line.
    A file ending inside an unclosed code fence is refused when the log would
    have to go after it (the line would be inside the fence).
    """
    entry = format_log_line(date, kind, text)

    def change(doc: TextFile) -> bool:
        _insert_log_line(doc, entry, date, path)
        return True

    edit_file(path, change, snapshot, vault_root, indexed)
    return entry


def append_log_lines(path: Path, entries: list, snapshot: Snapshot | None = None, sync: bool = True,
                     vault_root: Path | None = None, indexed: IndexedFile | None = None) -> list[str]:
    """`append_log_line` for several (date, kind, text) entries, in one write; returns the lines added.

    For importers that add many lines to many files: `sync=False` skips the
    fsync, for callers that `os.sync()` once at the end.
    """
    added = [format_log_line(date, kind, text) for date, kind, text in entries]

    def change(doc: TextFile) -> bool:
        for entry, (date, _kind, _text) in zip(added, entries):
            _insert_log_line(doc, entry, date, path)
        return bool(added)

    edit_file(path, change, snapshot, vault_root, indexed, sync)
    return added


def _insert_log_line(doc: TextFile, entry: str, date: _dt.date, path) -> None:
    line = entry + doc.newline
    outline = scan(doc.lines, doc.body_start())
    if not outline.sections:
        if outline.unclosed_fence is not None:
            raise WriteError(f"{path}: line {outline.unclosed_fence + 1} opens a code block (```) that is never "
                             "closed, so a Log section added at the end would be inside it. Close the code block "
                             "or add a `## Log` heading above it; nothing was written.")
        doc.ensure_final_newline()
        if doc.lines and doc.lines[-1].strip():
            doc.lines.append(doc.newline)
        doc.lines += ["## Log" + doc.newline, line]
        return
    section = outline.sections[0]
    point = _insertion_point(doc.lines, section, date)
    if point > 0 and not doc.lines[point - 1].endswith(("\n", "\r")):
        doc.lines[point - 1] += doc.newline  # only when the file had no final newline
    doc.lines.insert(point, line)


def _insertion_point(lines: list[str], section, date: _dt.date) -> int:
    """Where a line dated `date` goes in `section`: among its dated items, never inside a code fence."""
    items, top_indent = [], None
    for i in section.lines:
        match = _ITEM.match(lines[i])
        if match:
            indent = len(lines[i]) - len(lines[i].lstrip(" "))
            if top_indent is None:
                top_indent = indent
            elif indent >= top_indent + 2:
                continue  # a nested item belongs to the one above (as in parse.parse_log)
            items.append((i, parse_iso_date(match.group(1))))
    dated = [(i, d) for i, d in items if d]
    if not dated:
        if items:
            return items[0][0]
        point = section.heading + 1
        while point < section.end and not lines[point].strip() and point + 1 < section.end:
            point += 1
        return _outside_fence(section, point)
    ascending = len(dated) > 1 and all(a[1] <= b[1] for a, b in zip(dated, dated[1:])) and dated[0][1] != dated[-1][1]
    if ascending:
        after = [i for i, d in dated if d <= date]
        return _after_item(lines, section, after[-1]) if after else dated[0][0]
    for i, d in dated:
        if d <= date:
            return i
    return _after_item(lines, section, dated[-1][0])


def _outside_fence(section, point: int) -> int:
    """`point`, or the first line before it that is not inside a code fence of the section."""
    while point - 1 in section.fenced:
        point -= 1
    return point


def _after_item(lines: list[str], section, index: int) -> int:
    """The line after a list item and its indented continuation lines (a code fence in it included)."""
    index += 1
    while index < section.end and (index - 1 in section.fenced
                                   or (lines[index].startswith(("  ", "\t")) and lines[index].strip())):
        index += 1
    return _outside_fence(section, index)


def set_missing_fields(path: Path, values: dict, snapshot: Snapshot | None = None,
                       vault_root: Path | None = None, indexed: IndexedFile | None = None,
                       sync: bool = True, dry_run: bool = False) -> list[str]:
    """Fill front matter fields that are absent or empty; never touch a field with a value. Returns keys set.

    An empty key is filled on its own line, keeping its comment (`met:   # later`
    becomes `met: 2024-05-16   # later`). New keys are added just before the
    closing `---`, one line each (a block list one line per item), so the user's
    comments, order and formatting stay as they were. Lists follow the style the
    file's other lists use; with none, Obsidian's (see `FrontMatterStyle`).
    With `dry_run`, nothing is written: the keys that would be set are returned.
    """
    done: list[str] = []
    if dry_run:
        return _fill(TextFile(snapshot or Snapshot.read(Path(path))), values, path)

    def change(doc: TextFile) -> bool:
        done.extend(_fill(doc, values, path))
        return bool(done)

    edit_file(path, change, snapshot, vault_root, indexed, sync)
    return done


def _fill(doc: TextFile, values: dict, path) -> list[str]:
    """`set_missing_fields` on a file's lines in memory; returns the keys set (the lines are untouched if none)."""
    fm = doc.front_matter_range()
    made_front_matter = fm is None
    if fm is None:
        if doc.lines and doc.lines[0].rstrip("\r\n") == "---":
            raise WriteError(f"{path}: the front matter is never closed by ---; fix that first, nothing was written")
        doc.lines[0:0] = ["---" + doc.newline, "---" + doc.newline]
        fm = (0, 1)
    existing = _front_matter(doc, fm, path)
    body = [line.rstrip("\r\n") for line in doc.lines[fm[0] + 1:fm[1]]]
    style = FrontMatterStyle.of(body)
    present = {}
    for offset, text in enumerate(body):
        match = KEY_LINE.match(text)
        if match:
            present[match.group(1).strip()] = (fm[0] + 1 + offset, match)
    done, new_lines = [], []
    for key, value in values.items():
        if value in (None, "", []):
            continue
        if existing.get(key) not in (None, "", [], {}):
            continue  # has a value, however it is written
        if key in present:
            i, match = present[key]
            rest = match.group(2)
            value_text, comment = split_comment(rest)
            next_is_block = i + 1 < fm[1] and doc.lines[i + 1].startswith((" ", "\t", "-"))
            if _EMPTY_VALUE.match(value_text.strip()) and not next_is_block:
                head = doc.lines[i][:match.start(2)]  # the key as the user wrote it, and its colon
                inline, items = style.value(value)
                if inline is not None:
                    doc.lines[i] = f"{head} {inline}{comment}{doc.newline}"
                else:  # a block list: the key line keeps its comment, the items follow it
                    doc.lines[i] = f"{head}{comment}{doc.newline}"
                    doc.lines[i + 1:i + 1] = [item + doc.newline for item in items]
                    fm = (fm[0], fm[1] + len(items))
                    present = {k: (j + len(items) if j > i else j, m) for k, (j, m) in present.items()}
                done.append(key)
            continue
        if key in existing:
            continue  # empty, but written in a form we cannot edit as one line (e.g. a quoted key)
        new_lines += [line + doc.newline for line in style.render(key, value)]
        done.append(key)
    if done:
        doc.lines[fm[1]:fm[1]] = new_lines
    elif made_front_matter:
        del doc.lines[0:2]
    return done


def _front_matter(doc: TextFile, fm: tuple[int, int] | None, path) -> dict:
    """The front matter as data ({} without one), to know which keys have values; WriteError when it cannot be read."""
    from ..reading import yamlload

    if fm is None:
        return {}
    try:
        data = yamlload.load("".join(doc.lines[fm[0] + 1:fm[1]]))
    except Exception as exc:  # as parse.load_front_matter
        if not yamlload.is_yaml_error(exc):
            raise
        raise WriteError(f"{path}: the front matter is not valid YAML ({type(exc).__name__}); nothing was written") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise WriteError(f"{path}: the front matter is not a mapping of `key: value` fields; nothing was written")
    return data


def render_contact(name: str, fields: dict, newline: str = "\n", body: str = "") -> str:
    """The text of a new contact file: front matter in Obsidian's style, a title, `body` (notes) and an empty log."""
    style = FrontMatterStyle()
    lines = ["---", f"name: {scalar(name)}"]
    for key, value in fields.items():
        if value not in (None, "", []):
            lines += style.render(key, value)
    lines += ["---", f"# {_heading_text(name)}", ""]
    notes = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if notes:
        lines += [*notes.split("\n"), ""]
    lines += ["## Log", ""]
    return newline.join(lines)


def _heading_text(name: str) -> str:
    """The name as a heading's text, on one line: only real line ends (CR, LF) become spaces.

    U+0085, U+2028 and U+2029 are not line ends in Markdown (or for netfiles), so they stay as typed.
    """
    return str(name).replace("\r\n", " ").replace("\n", " ").replace("\r", " ").strip()


def create_contact(folder: Path, name: str, fields: dict, stem: str | None = None,
                   vault_root: Path | None = None, body: str = "") -> Path:
    """Write a new contact file named after the person, with `body` as its notes; never overwrites a file.

    Also refused: a name differing only in case (or Unicode form) from a file already
    in the folder, since macOS and Windows see those as one file.
    """
    import unicodedata

    if not str(name).strip():
        raise WriteError("a contact needs a name")
    folder = Path(folder)
    resolve_target(folder / "x.md", vault_root)  # the folder must not lead out of the vault
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem or safe_filename(name)}.md"
    if os.path.lexists(path):
        raise WriteError(f"{path} already exists; not overwriting it (use another name or edit that file)")
    key = unicodedata.normalize("NFC", path.name).casefold()
    for entry in os.listdir(folder):
        if unicodedata.normalize("NFC", entry).casefold() == key:
            raise WriteError(f"{folder / entry} already exists and differs from {path.name!r} only in case; "
                             "macOS and Windows treat them as one file, so nothing was written. Use another name "
                             "or edit that file.")
    write_atomic(path, render_contact(name, fields, body=body).encode("utf-8"), create=True, vault_root=vault_root)
    return path


def add_list_items(path: Path, key: str, items: list[str], snapshot: Snapshot | None = None,
                   sync: bool = True, vault_root: Path | None = None) -> list[str]:
    """Add `items` to the front matter list `key`, in the style it is written in; returns the items added.

    A flow list (`tags: [a, b]`) gets them before its `]`, a block list one
    `- item` line each after its last item, a single value becomes a flow
    list; an absent or empty key is filled as by `set_missing_fields`.
    Items already there (compared case-insensitively) are skipped.
    """
    added: list[str] = []

    def change(doc: TextFile) -> bool:
        added.extend(_extend_list(doc, key, items, path))
        return bool(added)

    edit_file(path, change, snapshot, vault_root, sync=sync)
    return added


def _extend_list(doc: TextFile, key: str, items: list[str], path) -> list[str]:
    """`add_list_items` on a file's lines in memory; returns the items added.

    An absent or empty key is filled as by `set_missing_fields` (the file's list style, else
    Obsidian's). A block list gets one `- item` line after its last item, a one-line flow list
    the items before its `]`, a single value becomes a one-line flow list; each new item is
    quoted as its neighbour is. The front matter is read back: if anything but the new items
    would change (a list across several lines, say), WriteError and nothing is written.
    """
    fm = doc.front_matter_range()
    before = _front_matter(doc, fm, path)
    old = before.get(key)
    have = [] if old in (None, "") else (old if isinstance(old, list) else [old])
    seen = {str(v).casefold() for v in have}
    new = []
    for item in map(str, items):
        if item.casefold() not in seen:
            seen.add(item.casefold())
            new.append(item)
    if not new:
        return []
    if not have:
        return new if _fill(doc, {key: new}, path) else []
    for item in new:
        _append_item(doc, key, item, path)
    after = _front_matter(doc, doc.front_matter_range(), path)
    if after != {**before, key: [*have, *new]}:
        raise WriteError(f"{path}: adding to `{key}` would change more than that (is the list written across "
                         "several lines?); nothing was written. Add it by hand.")
    return new


def _append_item(doc: TextFile, key: str, item: str, path) -> None:
    """Add one item to the non-empty list field `key`, in the form it is written in."""
    fm = doc.front_matter_range() or (0, 0)
    found = next(((i, m) for i in range(fm[0] + 1, fm[1])
                  if (m := KEY_LINE.match(doc.lines[i].rstrip("\r\n"))) and m.group(1).strip() == key), None)
    if found is None:
        raise WriteError(f"{path}: `{key}` is written in a form netfiles cannot edit; add {item} by hand")
    at, match = found
    head = doc.lines[at][:match.start(2)]
    value, comment = split_comment(match.group(2))
    bare = value.strip()
    block = _block_items(doc.lines, at + 1, fm[1])
    if not bare and block:  # block list: a new line like the last item
        last = doc.lines[block[-1]].rstrip("\r\n")
        written = last.lstrip(" \t")
        indent = last[:len(last) - len(written)]
        doc.lines.insert(block[-1] + 1, f"{indent}- {quoted_like(item, written[1:].strip())}{doc.newline}")
    elif bare.startswith("[") and bare.endswith("]"):  # one-line flow list
        inner = bare[1:-1].strip()
        first = inner.split(",", 1)[0].strip() if inner else None
        listed = f"{inner}, {quoted_like(item, first)}" if inner else quoted_like(item, None)
        doc.lines[at] = f"{head.rstrip()} [{listed}]{comment}{doc.newline}"
    elif bare and not bare.startswith(("[", "|", ">", "{", "&", "*", "!")):  # a single value: a flow list
        doc.lines[at] = f"{head.rstrip()} [{bare}, {quoted_like(item, bare)}]{comment}{doc.newline}"
    else:
        raise WriteError(f"{path}: `{key}` is written across several lines or in a form netfiles cannot edit; "
                         f"add {item} by hand")


def _block_items(lines: list[str], start: int, end: int) -> list[int]:
    """Indexes of the `- item` lines of a block list starting at `start` (blank and comment lines skipped)."""
    found = []
    for i in range(start, end):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- ") or stripped == "-":
            found.append(i)
            continue
        break
    return found


def add_list_item(path: Path, key: str, item: str, snapshot: Snapshot | None = None,
                  vault_root: Path | None = None) -> str | None:
    """Add one item to the list field `key`; returns the line(s) written, or None when the item is there."""
    line = planned_list_item(path, key, item, snapshot)
    if line is not None:
        add_list_items(path, key, [item], snapshot, vault_root=vault_root)
    return line


def planned_list_item(path: Path, key: str, item: str, snapshot: Snapshot | None = None) -> str | None:
    """The line(s) `add_list_item` would write (for --dry-run), or None when the item is there; writes nothing."""
    snapshot = snapshot or Snapshot.read(Path(path))
    doc = TextFile(snapshot)
    before = list(doc.lines)
    if not _extend_list(doc, key, [item], path):
        return None
    import difflib

    added = [line.rstrip("\r\n") for line in difflib.ndiff(before, doc.lines) if line.startswith("+ ")]
    return "\n".join(line[2:] for line in added)


def update_contact(path: Path, fill: dict | None = None, extend: dict | None = None, log: list | None = None,
                   snapshot: Snapshot | None = None, sync: bool = True, vault_root: Path | None = None,
                   indexed: IndexedFile | None = None, notes: str = "") -> bool:
    """`set_missing_fields(fill)`, `add_list_items` for each key of `extend`,
    `append_log_lines(log)` and `notes` added above the Log section, in one write
    (for importers updating many files); returns whether anything changed."""

    def change(doc: TextFile) -> bool:
        changed = bool(fill and _fill(doc, fill, path))
        if notes.strip():
            _insert_notes(doc, notes)
            changed = True
        for key, items in (extend or {}).items():
            changed = bool(_extend_list(doc, key, items, path)) or changed
        for date, kind, text in log or ():
            _insert_log_line(doc, format_log_line(date, kind, text), date, path)
            changed = True
        return changed

    return edit_file(path, change, snapshot, vault_root, indexed, sync)


def _insert_notes(doc: TextFile, notes: str) -> None:
    """Free text for the notes part of the body: just above the Log heading (at the end when there is none)."""
    lines = [line + doc.newline for line in notes.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")]
    outline = scan(doc.lines, doc.body_start())
    if outline.sections:
        at = outline.sections[0].heading
        before = [] if at == 0 or not doc.lines[at - 1].strip() else [doc.newline]
        doc.lines[at:at] = before + lines + [doc.newline]
    else:
        doc.ensure_final_newline()
        doc.lines += ([doc.newline] if doc.lines and doc.lines[-1].strip() else []) + lines


def replace_lines(path: Path, changes: dict[int, str], snapshot: Snapshot | None = None,
                  vault_root: Path | None = None) -> None:
    """Replace whole lines (0-based index -> new text, without its line ending), keeping the file's line endings."""

    def change(doc: TextFile) -> bool:
        for index, text in changes.items():
            old = doc.lines[index]
            doc.lines[index] = text + old[len(old.rstrip("\r\n")):]
        return bool(changes)

    edit_file(path, change, snapshot, vault_root)


def append_text(path: Path, text: str, snapshot: Snapshot | None = None, vault_root: Path | None = None) -> None:
    """Add `text` (lines) at the end of the file, in the file's line endings."""

    def change(doc: TextFile) -> bool:
        doc.ensure_final_newline()
        doc.lines.extend(line + doc.newline for line in text.split("\n"))
        return True

    edit_file(path, change, snapshot, vault_root)


def remove_file(path: Path, snapshot: Snapshot, vault_root: Path | None = None) -> None:
    """Delete a file under its lock, refusing (FileChangedError) if it changed since `snapshot` was read."""
    real, root = resolve_target(Path(path), vault_root)
    with locked(real, root):
        try:
            current = Snapshot.read(real)
        except FileNotFoundError:
            return
        if not _same(snapshot, current):
            raise FileChangedError(f"{path} changed after it was read; not removed. Run the command again.")
        real.unlink()
