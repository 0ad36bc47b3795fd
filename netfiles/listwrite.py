"""Adding one item to a list field of a contact's front matter, in the style the file already uses.

- block list (`knows:` then `  - "[[Bo Chen]]"` lines): one new line after the last item,
  with the same indent and quoting;
- flow list on one line (`knows: ["[[Bo Chen]]"]`): the item appended before `]`;
- a single value (`knows: "[[Bo Chen]]"`) or an empty one: becomes a one-line flow list;
- no key: a new `key: [item]` line just before the closing `---`.

Everything else stays byte for byte. Before writing, the new front matter is read back and must
hold the old list plus the item and every other field unchanged; otherwise nothing is written.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .writes import Snapshot, TextFile, WriteError, write_atomic

_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(.*)$")
_COMMENT = re.compile(r"[ \t]+#.*$")


def add_list_item(path: Path, key: str, item: str, snapshot: Snapshot | None = None) -> str | None:
    """Append `item` to the list field `key`; returns the changed or added line, or None if the item is there."""
    snapshot = snapshot or Snapshot.read(path)
    planned = _plan(path, key, item, snapshot)
    if planned is None:
        return None
    doc, line = planned
    write_atomic(path, doc.to_bytes(), snapshot)
    return line


def planned_list_item(path: Path, key: str, item: str) -> str | None:
    """The line `add_list_item` would write (for --dry-run), or None if the item is there; writes nothing."""
    planned = _plan(path, key, item, Snapshot.read(path))
    return planned[1] if planned else None


def _plan(path: Path, key: str, item: str, snapshot: Snapshot) -> tuple[TextFile, str] | None:
    doc = TextFile(snapshot)
    fm = doc.front_matter_range()
    if fm is None:
        if doc.lines and doc.lines[0].rstrip("\r\n") == "---":
            raise WriteError(f"{path}: the front matter is never closed by ---; fix that first, nothing was written")
        doc.lines[0:0] = ["---" + doc.newline, "---" + doc.newline]
        fm = (0, 1)
    before = _load(doc, fm, path)
    old = before.get(key)
    old_items = [] if old in (None, "") else (old if isinstance(old, list) else [old])
    if item in old_items:
        return None
    at = _key_line(doc, fm, key)
    if at is None:
        if key in before:
            raise WriteError(f"{path}: `{key}` is written in a form netfiles cannot edit; add {item} by hand")
        changed = f"{key}: [{_quoted(item, None)}]"
        doc.lines.insert(fm[1], changed + doc.newline)
    else:
        changed = _edit(doc, fm, at, key, item, old_items, path)
    after = _load(doc, doc.front_matter_range() or fm, path)
    if after != {**before, key: old_items + [item]}:
        raise WriteError(f"{path}: adding {item} to `{key}` would change more than that; nothing was written. "
                         f"Add it by hand.")
    return doc, changed


def _edit(doc: TextFile, fm: tuple[int, int], at: int, key: str, item: str, old_items: list, path) -> str:
    value = _KEY.match(doc.lines[at].rstrip("\r\n")).group(2)
    found = _COMMENT.search(value)
    comment = found.group(0) if found else ""
    bare = (value[:found.start()] if found else value).strip()
    following = _block_items(doc, fm, at)
    if not bare and following:  # block list: a new line after the last item, like it
        last = doc.lines[following[-1]].rstrip("\r\n")
        indent = last[:len(last) - len(last.lstrip(" \t"))]
        neighbour = last.lstrip(" \t")[1:].strip()
        new = f"{indent}- {_quoted(item, neighbour)}"
        doc.lines.insert(following[-1] + 1, new + doc.newline)
        return new
    if bare.startswith("[") and bare.endswith("]"):  # flow list on one line
        inner = bare[1:-1].strip()
        first = inner.split(",", 1)[0].strip() if inner else None
        items = f"{inner}, {_quoted(item, first)}" if inner else _quoted(item, None)
        new = f"{key}: [{items}]{comment}"
    elif bare.startswith(("[", "|", ">", "{", "&", "*", "!")):
        raise WriteError(f"{path}: `{key}` is written across several lines or in a form netfiles cannot edit; "
                         f"add {item} by hand")
    else:  # empty, or a single value: a flow list of the old value and the new item
        items = [bare] if old_items and bare else []
        new = f"{key}: [{', '.join(items + [_quoted(item, bare or None)])}]{comment}"
    doc.lines[at] = new + doc.newline
    return new


def _block_items(doc: TextFile, fm: tuple[int, int], at: int) -> list[int]:
    """Indexes of the `- item` lines of the block list under the key at `at` (blank and comment lines skipped)."""
    found = []
    for i in range(at + 1, fm[1]):
        stripped = doc.lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- ") or stripped == "-":
            found.append(i)
            continue
        break
    return found


def _key_line(doc: TextFile, fm: tuple[int, int], key: str) -> int | None:
    for i in range(fm[0] + 1, fm[1]):
        match = _KEY.match(doc.lines[i].rstrip("\r\n"))
        if match and match.group(1) == key:
            return i
    return None


def _quoted(item: str, like: str | None) -> str:
    """The item quoted as the neighbouring item is (double quotes when there is none to copy)."""
    if like and like.startswith("'"):
        return "'" + item.replace("'", "''") + "'"
    if like and not like.startswith('"') and not item.startswith("[") and _plain_ok(item):
        return item
    return json.dumps(item, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    return bool(re.fullmatch(r"[^\s\[\]{},:#&*!|>'\"%@`-][^\[\]{},:#]*", text)) and text == text.strip()


def _load(doc: TextFile, fm: tuple[int, int], path) -> dict:
    from . import yamlload

    try:
        data = yamlload.load("".join(doc.lines[fm[0] + 1:fm[1]]))
    except Exception as exc:
        if not yamlload.is_yaml_error(exc):
            raise
        raise WriteError(f"{path}: the front matter is not valid YAML; nothing was written") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise WriteError(f"{path}: the front matter is not a mapping of `key: value` fields; nothing was written")
    return data
