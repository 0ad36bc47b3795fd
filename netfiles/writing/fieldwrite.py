"""One-line edits of a front matter key that already exists: change a scalar, add an item to a list.

For a key that is missing, `netfiles.set_missing_fields` adds it. Both keep
the rest of the file byte for byte (comments, quoting, key order, line
endings, BOM) and write atomically, refusing if the file changed since read.
"""
from __future__ import annotations

import re
from pathlib import Path

from .writes import Snapshot, TextFile, WriteError, set_missing_fields, write_atomic

# `key: value  # comment` at the top level of the front matter
_SCALAR = re.compile(r"^(?P<key>[^\s#'\"\-?][^:]*?)(?P<sep>[ \t]*:[ \t]*)(?P<value>(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|"
                     r"[^#\r\n]*?))(?P<rest>[ \t]+#.*|[ \t]*)(?P<eol>\r?\n|\r)?$", re.S)
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][\w .\-/]*$")


def _key_line(doc: TextFile, key: str) -> tuple[int, re.Match] | None:
    fm = doc.front_matter_range()
    if fm is None:
        return None
    for i in range(fm[0] + 1, fm[1]):
        match = _SCALAR.match(doc.lines[i])
        if match and match.group("key").strip().strip("'\"") == key:
            return i, match
    return None


def _quoted_like(old: str, new: str) -> str:
    """The new value in the old value's quoting style; plain only when YAML reads it back as that string."""
    if old.startswith("'"):
        return "'" + new.replace("'", "''") + "'"
    if old.startswith('"') or not _reads_back_plain(new):
        return '"' + new.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return new


def _reads_back_plain(value: str) -> bool:
    """Whether YAML reads `value` unquoted as this very string (not a number, date, bool or null)."""
    if not _PLAIN_SAFE.match(value):
        return False
    import yaml

    try:
        return yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        return False


def set_field(path: Path, key: str, value: str, snapshot: Snapshot | None = None) -> str:
    """Set a string field: change its value in place when present, else add it. Returns the line written.

    Refuses (WriteError) a key whose value is a block (a list or mapping on the following lines).
    """
    path = Path(path)
    snapshot = snapshot or Snapshot.read(path)
    doc = TextFile(snapshot)
    found = _key_line(doc, key)
    if found is None:
        set_missing_fields(path, {key: value}, snapshot)
        return f"{key}: {value}"
    i, match = found
    old = match.group("value")
    if old == "" or old.startswith(("[", "{", "|", ">")):
        if old == "" and not _continues(doc, i):
            pass  # `key:` with no value: fill it
        else:
            raise WriteError(f"{path}: `{key}` holds a list or block, not a single value; edit it by hand")
    line = f"{match.group('key')}{match.group('sep') or ': '}{_quoted_like(old, value)}{match.group('rest')}"
    if old == "" and not match.group("sep").endswith((" ", "\t")):
        line = f"{match.group('key')}{match.group('sep')} {_quoted_like(old, value)}{match.group('rest')}"
    doc.lines[i] = line + (match.group("eol") or "")
    write_atomic(path, doc.to_bytes(), snapshot)
    return line.strip()


def _continues(doc: TextFile, i: int) -> bool:
    """Whether the line after `i` is an indented continuation (a block value) of the key on line i."""
    fm = doc.front_matter_range()
    nxt = doc.lines[i + 1] if fm and i + 1 < fm[1] else ""
    return nxt[:1] in (" ", "\t", "-")


def add_to_list(path: Path, key: str, item: str, snapshot: Snapshot | None = None) -> bool:
    """Add `item` to a list field (flow `[a, b]`, block `- a`, a single value, or missing). False if already there."""
    path = Path(path)
    snapshot = snapshot or Snapshot.read(path)
    doc = TextFile(snapshot)
    found = _key_line(doc, key)
    if found is None:
        return bool(set_missing_fields(path, {key: [item]}, snapshot))
    i, match = found
    old = match.group("value").strip()
    eol = match.group("eol") or ""
    rendered = _quoted_like("", item)
    head = f"{match.group('key')}{match.group('sep')}"
    if old == "" and _continues(doc, i):  # block list
        end, prefix = i + 1, None
        fm_end = (doc.front_matter_range() or (0, 0))[1]  # there is front matter: `_continues` found it
        items = []
        while end < fm_end and doc.lines[end][:1] in (" ", "\t", "-"):
            stripped = doc.lines[end].lstrip(" \t")
            if stripped.startswith("- "):
                prefix = doc.lines[end][: len(doc.lines[end]) - len(stripped)] + "- "
                items.append(stripped[2:].strip().strip("'\""))
            end += 1
        if prefix is None:
            raise WriteError(f"{path}: `{key}` is not a list; edit it by hand")
        if item.casefold() in (x.casefold() for x in items):
            return False
        doc.lines.insert(end, f"{prefix}{rendered}{doc.newline}")
    elif old.startswith("[") and old.endswith("]"):
        inner = old[1:-1].strip()
        items = [x.strip().strip("'\"") for x in inner.split(",")] if inner else []
        if item.casefold() in (x.casefold() for x in items):
            return False
        new = f"[{inner}, {rendered}]" if inner else f"[{rendered}]"
        doc.lines[i] = f"{head}{new}{match.group('rest')}{eol}"
    elif old and not old.startswith(("{", "|", ">")):
        if old.strip("'\"").casefold() == item.casefold():
            return False
        doc.lines[i] = f"{head}[{old}, {rendered}]{match.group('rest')}{eol}"
    else:
        raise WriteError(f"{path}: `{key}` is not a list; edit it by hand")
    write_atomic(path, doc.to_bytes(), snapshot)
    return True
