"""Changing users' files safely: atomic, minimal, and never over a change made since reading.

Every write goes to a temporary file in the same folder and is renamed over
the original, so a crash leaves the old file or the new one, never half of
each. Bytes we were not asked to change stay as they were: BOM, line endings,
comments, key order and formatting.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_iso_date
from .filenames import safe_filename

BOM = b"\xef\xbb\xbf"
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ITEM = re.compile(r"^ {0,3}[-*+][ \t]+(\S+)")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_EMPTY_VALUE = re.compile(r"^[ \t]*(?:|''|\"\"|\[\]|~|null)[ \t]*(?:#.*)?$")


class FileChangedError(Exception):
    """The file changed on disk after we read it; nothing was written."""


class WriteError(Exception):
    """A write that cannot be done safely (the message says why); nothing was written."""


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes as read, to detect edits made between reading and writing."""

    path: Path
    data: bytes

    @classmethod
    def read(cls, path: Path) -> "Snapshot":
        return cls(Path(path), Path(path).read_bytes())


def write_atomic(path: Path, data: bytes, snapshot: Snapshot | None = None, create: bool = False,
                 sync: bool = True) -> None:
    """Write `data` to `path` via a temporary file and a rename.

    With `snapshot`, refuse (FileChangedError) if the file no longer holds the
    bytes that were read. With `create`, refuse to replace an existing file.
    `sync=False` skips the per-file fsync, for bulk writers of new files that
    call `os.sync()` once at the end (the write stays atomic, only durability waits).
    """
    path = Path(path)
    if not create and path.is_symlink():
        path = Path(os.path.realpath(path))  # replace the file the link points to, not the link
    tmp = path.with_name(f".{path.name}.{os.getpid()}.netfiles-tmp")
    mode = None
    if not create:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            if snapshot is not None:
                raise FileChangedError(f"{path} was deleted after it was read; nothing was written") from None
    try:
        with open(tmp, "xb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if snapshot is not None and path.read_bytes() != snapshot.data:
            raise FileChangedError(f"{path} changed after it was read; nothing was written. Run the command again.")
        if create:
            try:
                os.link(tmp, path)  # fails if the file exists: never clobber
            except FileExistsError:
                raise WriteError(f"{path} already exists; not overwriting it") from None
            except OSError:  # file systems without hard links
                if path.exists():
                    raise WriteError(f"{path} already exists; not overwriting it") from None
                os.replace(tmp, path)
        else:
            os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


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
        # only \r\n, \n and \r end lines: str.splitlines() would also split at U+2028, form feeds...
        self.lines = _LINES.findall(text)

    def front_matter_range(self) -> tuple[int, int] | None:
        """(index of the opening ---, index of the closing ---) or None when there is no front matter."""
        if not self.lines or self.lines[0].rstrip("\r\n") != "---":
            return None
        for i in range(1, len(self.lines)):
            if self.lines[i].rstrip("\r\n").rstrip() in ("---", "..."):
                return 0, i
        return None

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


def append_log_line(path: Path, date: _dt.date, kind: str, text: str = "", snapshot: Snapshot | None = None) -> str:
    """Add one interaction under the `## Log` heading (made if missing); returns the line added.

    The line goes where the log's own order puts it (newest first, as in
    FORMAT.md, or oldest first if that is how the user keeps it), so the git
    diff is exactly one added line.
    """
    return append_log_lines(path, [(date, kind, text)], snapshot)[0]


def append_log_lines(path: Path, entries: list, snapshot: Snapshot | None = None, sync: bool = True) -> list[str]:
    """`append_log_line` for several (date, kind, text) entries, in one write; returns the lines added.

    For importers that add many lines to many files: `sync=False` skips the
    fsync, for callers that `os.sync()` once at the end.
    """
    snapshot = snapshot or Snapshot.read(path)
    doc = TextFile(snapshot)
    added = [_insert_log_line(doc, date, kind, text) for date, kind, text in entries]
    write_atomic(path, doc.to_bytes(), snapshot, sync=sync)
    return added


def _insert_log_line(doc: TextFile, date: _dt.date, kind: str, text: str) -> str:
    entry = format_log_line(date, kind, text)
    line = entry + doc.newline
    start = 0
    fm = doc.front_matter_range()
    if fm:
        start = fm[1] + 1
    heading_at, level, end = _find_log_section(doc.lines, start)
    if heading_at is None:
        doc.ensure_final_newline()
        if doc.lines and doc.lines[-1].strip():
            doc.lines.append(doc.newline)
        doc.lines += ["## Log" + doc.newline, line]
    else:
        point = _insertion_point(doc.lines, heading_at, end, date)
        if point > 0 and not doc.lines[point - 1].endswith(("\n", "\r")):
            doc.lines[point - 1] += doc.newline  # only when the file had no final newline
        doc.lines.insert(point, line)
    return entry


def _find_log_section(lines: list[str], start: int):
    fence = None
    heading_at = level = None
    for i in range(start, len(lines)):
        stripped = lines[i].strip()
        if stripped.startswith(("```", "~~~")):
            fence = None if fence and stripped.startswith(fence) else (fence or stripped[:3])
            continue
        if fence:
            continue
        match = _HEADING.match(lines[i].rstrip("\r\n"))
        if not match:
            continue
        if heading_at is not None and len(match.group(1)) <= level:
            return heading_at, level, i
        if heading_at is None and match.group(2).strip().lower() == "log":
            heading_at, level = i, len(match.group(1))
    return heading_at, level, len(lines)


def _insertion_point(lines: list[str], heading_at: int, end: int, date: _dt.date) -> int:
    items, top_indent = [], None
    for i in range(heading_at + 1, end):
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
        point = heading_at + 1
        while point < end and not lines[point].strip() and point + 1 < end:
            point += 1
        return point
    ascending = len(dated) > 1 and all(a[1] <= b[1] for a, b in zip(dated, dated[1:])) and dated[0][1] != dated[-1][1]
    if ascending:
        after = [i for i, d in dated if d <= date]
        return _after_item(lines, after[-1], end) if after else dated[0][0]
    for i, d in dated:
        if d <= date:
            return i
    return _after_item(lines, dated[-1][0], end)


def _after_item(lines: list[str], index: int, end: int) -> int:
    """The line after a list item and its indented continuation lines."""
    index += 1
    while index < end and lines[index].startswith(("  ", "\t")) and lines[index].strip():
        index += 1
    return index


def set_missing_fields(path: Path, values: dict, snapshot: Snapshot | None = None, sync: bool = True) -> list[str]:
    """Fill front matter fields that are absent or empty; never touch a field with a value. Returns keys set.

    New keys are added just before the closing `---`, one line each, so the
    user's comments, order and formatting stay as they were. `sync` as in `write_atomic`.
    """
    snapshot = snapshot or Snapshot.read(path)
    doc = TextFile(snapshot)
    done = _fill_fields(doc, values, path)
    if done:
        write_atomic(path, doc.to_bytes(), snapshot, sync=sync)
    return done


def _fill_fields(doc: TextFile, values: dict, path) -> list[str]:
    """`set_missing_fields` on a file's lines in memory; returns the keys set."""
    from .yamlload import dump_value

    fm = doc.front_matter_range()
    made_front_matter = False
    if fm is None:
        if doc.lines and doc.lines[0].rstrip("\r\n") == "---":
            raise WriteError(f"{path}: the front matter is never closed by ---; fix that first, nothing was written")
        doc.lines[0:0] = ["---" + doc.newline, "---" + doc.newline]
        fm = (0, 1)
        made_front_matter = True
    existing = _front_matter(doc, fm, path)
    present = {}
    for i in range(fm[0] + 1, fm[1]):
        match = re.match(r"^([^\s#'\"\-?][^:]*?)[ \t]*:(.*)$", doc.lines[i].rstrip("\r\n"))
        if match:
            present[match.group(1).strip()] = (i, match.group(2))
    done, new_lines = [], []
    for key, value in values.items():
        if value in (None, "", []):
            continue
        rendered = f"{key}: {dump_value(value)}{doc.newline}"
        if existing.get(key) not in (None, "", [], {}):
            continue  # has a value, however it is written
        if key in present:
            i, rest = present[key]
            next_is_block = i + 1 < fm[1] and doc.lines[i + 1].startswith((" ", "\t", "-"))
            if _EMPTY_VALUE.match(rest) and not next_is_block:
                doc.lines[i] = rendered
                done.append(key)
            continue
        if key in existing:
            continue  # empty, but written in a form we cannot edit as one line (e.g. a quoted key)
        new_lines.append(rendered)
        done.append(key)
    if not done:
        if made_front_matter:
            del doc.lines[0:2]
        return []
    doc.lines[fm[1]:fm[1]] = new_lines
    return done


def _front_matter(doc: TextFile, fm: tuple[int, int], path) -> dict:
    """The front matter as data, to know which keys have values; WriteError when it cannot be read."""
    from . import yamlload

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


def render_contact(name: str, fields: dict, newline: str = "\n") -> str:
    """The text of a new contact file: front matter in a sensible order, a title and an empty log."""
    from .yamlload import dump_value

    lines = ["---", f"name: {dump_value(name)}"]
    for key, value in fields.items():
        if value not in (None, "", []):
            lines.append(f"{key}: {dump_value(value)}")
    lines += ["---", f"# {name}", "", "## Log", ""]
    return newline.join(lines)


def create_contact(folder: Path, name: str, fields: dict, stem: str | None = None) -> Path:
    """Write a new contact file named after the person; refuses to overwrite an existing file."""
    if not str(name).strip():
        raise WriteError("a contact needs a name")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem or safe_filename(name)}.md"
    if path.exists():
        raise WriteError(f"{path} already exists; not overwriting it (use another name or edit that file)")
    write_atomic(path, render_contact(name, fields).encode("utf-8"), create=True)
    return path


def add_list_items(path: Path, key: str, items: list[str], snapshot: Snapshot | None = None,
                   sync: bool = True) -> list[str]:
    """Add `items` to the front matter list `key`, in the style it is written in; returns the items added.

    A flow list (`tags: [a, b]`) gets them before its `]`, a block list one
    `- item` line each after its last item, a single value becomes a flow
    list; an absent or empty key is filled as by `set_missing_fields`.
    Items already there (compared case-insensitively) are skipped.
    """
    snapshot = snapshot or Snapshot.read(path)
    doc = TextFile(snapshot)
    added = _extend_list(doc, key, items, path)
    if added:
        write_atomic(path, doc.to_bytes(), snapshot, sync=sync)
    return added


def _extend_list(doc: TextFile, key: str, items: list[str], path) -> list[str]:
    """`add_list_items` on a file's lines in memory; returns the items added."""
    from .yamlload import dump_value

    fm = doc.front_matter_range()
    existing = _front_matter(doc, fm, path) if fm else {}
    have = existing.get(key)
    have = [] if have in (None, "") else (have if isinstance(have, list) else [have])
    seen = {str(v).casefold() for v in have}
    new = []
    for item in items:
        if str(item).casefold() not in seen:
            seen.add(str(item).casefold())
            new.append(str(item))
    if not new:
        return []
    if not have:
        return new if _fill_fields(doc, {key: new}, path) else []
    for i in range(fm[0] + 1, fm[1]):
        match = re.match(rf"^({re.escape(key)}[ \t]*:[ \t]*)(.*?)([ \t]+#.*)?$", doc.lines[i].rstrip("\r\n"))
        if not match:
            continue
        value = match.group(2)
        comment = match.group(3) or ""
        if value.startswith("[") and value.endswith("]"):
            inner = value[1:-1].rstrip()
            added = dump_value(new)[1:-1]
            doc.lines[i] = f"{match.group(1)}[{inner}{', ' if inner else ''}{added}]{comment}{doc.newline}"
        elif value:
            doc.lines[i] = f"{match.group(1)}{dump_value([*map(str, have), *new])}{comment}{doc.newline}"
        else:
            last, indent = i, "  "
            for j in range(i + 1, fm[1]):
                item = re.match(r"^([ \t]*)-[ \t]", doc.lines[j])
                if item:
                    last, indent = j, item.group(1)
                elif doc.lines[j].strip() and not doc.lines[j].startswith((" ", "\t")):
                    break
            doc.lines[last + 1:last + 1] = [f"{indent}- {dump_value(v)}{doc.newline}" for v in new]
        return new
    raise WriteError(f"{path}: `{key}` is written in a form netfiles cannot extend one line at a time; "
                     "nothing was written")


def update_contact(path: Path, fill: dict | None = None, extend: dict | None = None, log: list | None = None,
                   snapshot: Snapshot | None = None, sync: bool = True) -> bool:
    """`set_missing_fields(fill)`, `add_list_items` for each key of `extend` and
    `append_log_lines(log)` in one write (for importers updating many files);
    returns whether anything changed."""
    snapshot = snapshot or Snapshot.read(path)
    doc = TextFile(snapshot)
    changed = bool(fill) and bool(_fill_fields(doc, fill, path))
    for key, items in (extend or {}).items():
        changed = bool(_extend_list(doc, key, items, path)) or changed
    for date, kind, text in log or ():
        _insert_log_line(doc, date, kind, text)
        changed = True
    if changed:
        write_atomic(path, doc.to_bytes(), snapshot, sync=sync)
    return changed


def replace_lines(path: Path, changes: dict[int, str], snapshot: Snapshot | None = None) -> None:
    """Replace whole lines (0-based index -> new text, without its line ending), keeping the file's line endings."""
    snapshot = snapshot or Snapshot.read(path)
    doc = TextFile(snapshot)
    for index, text in changes.items():
        old = doc.lines[index]
        ending = old[len(old.rstrip("\r\n")):]
        doc.lines[index] = text + ending
    write_atomic(path, doc.to_bytes(), snapshot)


def append_text(path: Path, text: str, snapshot: Snapshot | None = None) -> None:
    """Add `text` (lines) at the end of the file, in the file's line endings."""
    snapshot = snapshot or Snapshot.read(path)
    doc = TextFile(snapshot)
    doc.ensure_final_newline()
    doc.lines.extend(line + doc.newline for line in text.split("\n"))
    write_atomic(path, doc.to_bytes(), snapshot)


def remove_file(path: Path, snapshot: Snapshot) -> None:
    """Delete a file, refusing (FileChangedError) if it changed since `snapshot` was read."""
    path = Path(path)
    try:
        if path.read_bytes() != snapshot.data:
            raise FileChangedError(f"{path} changed after it was read; not removed. Run the command again.")
    except FileNotFoundError:
        return
    path.unlink()
