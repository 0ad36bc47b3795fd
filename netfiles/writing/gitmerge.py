"""Three-way merge of one contact file by meaning: git's merge driver for the people folders.

Front matter is merged key by key, list fields as sets, the log as a set of
lines in the log's own date order, and the rest of the body by `git merge-file`.
Only what truly conflicts (one key changed two ways, one paragraph edited two
ways) gets conflict markers; everything else from both sides is kept.
"""
from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..reading.markdown import scan, split_lines
from .yamlstyle import plain_or_quoted

#: Front matter fields merged as sets: additions from both sides kept, a removal on one side honoured.
SET_FIELDS = ("emails", "phones", "aliases", "tags", "knows", "education")
OURS, THEIRS = "<<<<<<< ours", ">>>>>>> theirs"
_KEY = re.compile(r"^([^\s#'\"\-?][^:]*?)[ \t]*:(?:[ \t]|$)")
_DATED_ITEM = re.compile(r"^[ ]{0,3}[-*+][ \t]+(\d{4}-\d{2}-\d{2})\b")
_LOG_PLACEHOLDER = "\x00netfiles-log\x00\n"


@dataclass
class Version:
    """One side of the merge, split into what is merged by meaning."""

    bom: bool
    newline: str
    front_matter: list[tuple[str | None, str]] | None  # (key, lines of its block); None: no front matter
    body: str


@dataclass
class MergeResult:
    text: bytes
    conflicts: list[str] = field(default_factory=list)  # what conflicted, for the message


# Reading -------------------------------------------------------------------------------------------

def read_version(data: bytes) -> Version:
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3 if bom else 0:].decode("utf-8", "surrogateescape")
    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = split_lines(text)  # lines end at \n only here (normalised above), never at U+2028 or form feeds
    if not lines or lines[0].rstrip() != "---":
        return Version(bom, newline, None, text)
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return Version(bom, newline, _blocks(lines[1:end]), "".join(lines[end + 1:]))
    return Version(bom, newline, None, text)  # never closed: merged as text


def _blocks(lines: list[str]) -> list[tuple[str | None, str]]:
    """Front matter as (key, text) blocks: a key's line with the list items and comments below it."""
    blocks: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        match = _KEY.match(line)
        if match:
            blocks.append((match.group(1).strip(), [line]))
        else:
            blocks[-1][1].append(line)
    return [(key, "".join(text)) for key, text in blocks if key is not None or text]


def _value(block: str | None):
    """The YAML value of one key's block (None when absent or unreadable)."""
    if block is None:
        return None
    from ..reading import yamlload

    try:
        data = yamlload.load(block)
    except Exception:  # any unreadable block is compared as text only
        return None
    return next(iter(data.values())) if isinstance(data, dict) and len(data) == 1 else None


# Front matter --------------------------------------------------------------------------------------

def merge_front_matter(base, ours, theirs) -> tuple[list[str], list[str]]:
    """(merged front matter lines, conflicting keys). Key order: ours, with theirs' new keys after their neighbour."""
    b, o, t = (dict(v or []) for v in (base, ours, theirs))
    order = [k for k, _ in ours or []]
    for i, (key, _) in enumerate(theirs or []):
        if key not in order:
            before = next((k for k, _ in reversed((theirs or [])[:i]) if k in order), None)
            order.insert(order.index(before) + 1 if before in order else len(order), key)
    out, conflicts = [], []
    for key in order:
        ob, tb, bb = o.get(key), t.get(key), b.get(key)
        if ob == tb or tb == bb:
            chosen = ob
        elif ob == bb:
            chosen = tb
        else:
            chosen = _merge_set_field(key, bb, ob, tb)
            if chosen is None:
                conflicts.append(str(key))
                out.append(f"{OURS}\n{_ends(ob or '')}=======\n{_ends(tb or '')}{THEIRS}\n")
                continue
        if chosen is not None:
            out.append(_ends(chosen))
    return out, conflicts


def _ends(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def _merge_set_field(key, base_block, ours_block, theirs_block) -> str | None:
    """Both sides changed a list field: union of additions, removals honoured, in ours' order and style."""
    if key not in SET_FIELDS or ours_block is None or theirs_block is None:
        return None
    values = [_as_list(_value(x)) if x is not None else [] for x in (base_block, ours_block, theirs_block)]
    if not all(isinstance(v, list) for v in values):
        return None
    base, ours, theirs = ([str(i) for i in v] for v in values)
    removed = (set(base) - set(ours)) | (set(base) - set(theirs))
    merged = [v for v in ours if v not in removed]
    merged += [v for v in theirs if v not in removed and v not in merged]
    raw = _raw_items(theirs_block) | _raw_items(ours_block)  # ours' spelling wins
    return _render_list(key, merged, ours_block, raw)


def _as_list(value):
    """A list field's items: an empty key is no items, a single string is one item (docs/format.md, section 2)."""
    if value is None:
        return []
    return [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value


def _raw_items(block: str) -> dict[str, str]:
    """Block-list items as written ({value: text after `- `}), to keep each item's quoting."""
    found = {}
    for line in block.splitlines()[1:]:
        stripped = line.strip()
        if stripped.startswith("- "):
            value = _value(f"x: [{stripped[2:]}]")
            if isinstance(value, list) and len(value) == 1:
                found[str(value[0])] = stripped[2:]
    return found


def _render_list(key: str, items: list[str], style_block: str, raw: dict[str, str]) -> str:
    lines = style_block.splitlines()
    block_style = len(lines) > 1 and lines[1].lstrip().startswith("- ")
    if block_style:
        indent = lines[1][: len(lines[1]) - len(lines[1].lstrip())]
        return f"{key}:\n" + "".join(f"{indent}- {raw.get(item) or plain_or_quoted(item)}\n" for item in items)
    return f"{key}: [" + ", ".join(plain_or_quoted(item) for item in items) + "]\n"


# Body ----------------------------------------------------------------------------------------------

def _log_section(body: str) -> tuple[int, int] | None:
    """(start, end) line indexes of the lines under the first `Log` heading, as the parser finds it."""
    outline = scan(split_lines(body))
    if not outline.sections:
        return None
    section = outline.sections[0]
    return section.heading + 1, section.end


def _log_units(lines: list[str]) -> list[str]:
    """Log lines grouped as items: a list item with its indented continuation lines."""
    units: list[str] = []
    for line in lines:
        if units and line.startswith((" ", "\t")) and line.strip() and not _DATED_ITEM.match(line):
            units[-1] += line
        else:
            units.append(line)
    return units


def _date_of(unit: str) -> str | None:
    match = _DATED_ITEM.match(unit)
    return match.group(1) if match else None


def merge_log(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    """Both sides' new lines, ours' lines first, theirs' new ones placed by date; removals honoured; no duplicates."""
    key = lambda unit: unit.rstrip()  # noqa: E731 - trailing spaces do not make a new interaction
    bset, tset = {key(u) for u in base}, {key(u) for u in theirs}
    merged = [u for u in ours if not (key(u) in bset and key(u) not in tset)]
    have = {key(u) for u in merged}
    dates = [d for d in map(_date_of, merged) if d]
    newest_first = len(dates) < 2 or dates[0] >= dates[-1]
    for unit in theirs:
        if key(unit) in have or key(unit) in bset:
            continue
        have.add(key(unit))
        merged.insert(_place(merged, _date_of(unit), newest_first), unit if unit.endswith("\n") else unit + "\n")
    return merged


def _place(units: list[str], date: str | None, newest_first: bool) -> int:
    """Where a dated item goes: before the first older item (newest first) or after the last older one."""
    dated = [(i, d) for i, d in enumerate(map(_date_of, units)) if d]
    if date is None or not dated:
        last = max((i for i, _ in dated), default=-1)
        return last + 1 if dated else _first_blank_tail(units)
    if newest_first:
        return next((i for i, d in dated if d <= date), dated[-1][0] + 1)
    after = [i for i, d in dated if d <= date]
    return after[-1] + 1 if after else dated[0][0]


def _first_blank_tail(units: list[str]) -> int:
    """Before trailing blank lines, so a new item joins the list rather than following a gap."""
    end = len(units)
    while end and not units[end - 1].strip():
        end -= 1
    return end


def merge_body(base: str, ours: str, theirs: str) -> tuple[str, bool]:
    """(merged body, clean). The log merges as a set; everything else by git's three-way text merge."""
    sections = [s for s in map(_log_section, (base, ours, theirs)) if s is not None]
    if len(sections) == 3:
        parts = []
        for text, (start, end) in zip((base, ours, theirs), sections):
            lines = split_lines(text)
            if end > start and not lines[end - 1].endswith("\n"):
                lines[end - 1] += "\n"
            tail = lines[end - 1:end] if end > start and not lines[end - 1].strip() else []
            items = lines[start:end - len(tail)]
            parts.append(("".join(lines[:start]) + _LOG_PLACEHOLDER + "".join(tail) + "".join(lines[end:]),
                          _log_units(items)))
        merged_text, clean = git_merge_text(*(p[0] for p in parts))
        log = merge_log(*(p[1] for p in parts))
        return merged_text.replace(_LOG_PLACEHOLDER, "".join(log), 1), clean
    return git_merge_text(base, ours, theirs)


def git_merge_text(base: str, ours: str, theirs: str) -> tuple[str, bool]:
    """git's own three-way merge of plain text (`git merge-file -p`), with standard conflict markers."""
    if ours == theirs or theirs == base:
        return ours, True
    if ours == base:
        return theirs, True
    with tempfile.TemporaryDirectory(prefix="netfiles-merge-") as tmp:
        paths = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(tmp) / name
            path.write_bytes(text.encode("utf-8", "surrogateescape"))
            paths.append(str(path))
        done = subprocess.run(["git", "merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", *paths],
                              capture_output=True, timeout=60)
    if done.returncode < 0 or done.returncode > 127:
        raise RuntimeError(f"git merge-file failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout.decode("utf-8", "surrogateescape"), done.returncode == 0


# The whole file ------------------------------------------------------------------------------------

def merge_contact(base: bytes, ours: bytes, theirs: bytes) -> MergeResult:
    """Merge three versions of a contact file; conflicts are written with markers and listed."""
    b, o, t = (read_version(x) for x in (base, ours, theirs))
    conflicts: list[str] = []
    if o.front_matter is None and t.front_matter is None:
        text, clean = merge_body(b.body, o.body, t.body)
    else:
        fm, conflicts = merge_front_matter(b.front_matter, o.front_matter, t.front_matter)
        body, clean = merge_body(b.body, o.body, t.body)
        text = "---\n" + "".join(fm) + "---\n" + body
    if not clean:
        conflicts.append("body")
    data = text.replace("\n", o.newline) if o.newline != "\n" else text
    return MergeResult((b"\xef\xbb\xbf" if o.bom else b"") + data.encode("utf-8", "surrogateescape"), conflicts)
