"""How netfiles writes a YAML value so it looks like the rest of the file (and like Obsidian's own).

Used by `writes` for fields it fills and for new contact files. Every value written
here reads back as the same value, and none contains a character YAML takes for a
line break (U+0085, U+2028, U+2029): those are written escaped in double quotes.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..model.dates import parse_iso_date

# `key: rest` at the top level of front matter; linear (greedy `[^:]*`, the key is stripped after)
KEY_LINE = re.compile(r"^([^\s#'\"\-?][^:]*):(.*)$")
_BLOCK_ITEM = re.compile(r"^([ \t]*)-(?:[ \t]|$)")


def split_comment(rest: str) -> tuple[str, str]:
    """(value, comment with the blanks before it) of what follows `key:` on a line whose value is empty-ish."""
    for quote in ("''", '""'):
        if rest.strip().startswith(quote):
            at = rest.index(quote) + 2
            return rest[:at], rest[at:] if rest[at:].strip() else ""
    at = rest.find("#")
    if at == -1:
        return rest, ""
    value = rest[:at].rstrip(" \t")
    return value, rest[len(value):]


# Characters that must not stand raw in a one-line value: control characters (line feed and carriage return
# too) and the ones YAML reads as line breaks (U+0085, U+2028, U+2029). Tab is escaped as \t.
_LINE_BREAKS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")  # and what YAML may not hold raw
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?")  # as Obsidian writes them


@dataclass(frozen=True)
class FrontMatterStyle:
    """How a file writes its lists, so values netfiles adds look like the rest of the file.

    Obsidian's Properties panel is the default (a new file, or one without lists):
    block lists one `- item` a line, links double-quoted (`"[[Ana Souza]]"`),
    dates and date-times unquoted (`2026-12-01`, `2026-12-01T09:00`).
    """

    block_lists: bool = True
    indent: str = "  "

    @classmethod
    def of(cls, lines: list[str]) -> "FrontMatterStyle":
        """The style of front matter `lines` (without line endings): what most of its non-empty lists use."""
        block = flow = 0
        indent = None
        for i, text in enumerate(lines):
            match = KEY_LINE.match(text)
            if not match:
                continue
            value = split_comment(match.group(2))[0].strip()
            if value.startswith("[") and value != "[]":
                flow += 1
            elif not value and i + 1 < len(lines):
                item = _BLOCK_ITEM.match(lines[i + 1])
                if item:
                    block += 1
                    indent = item.group(1) if indent is None else indent
        return cls(block_lists=block >= flow, indent="  " if indent is None else indent)

    def render(self, key: str, value) -> list[str]:
        """The lines of `key: value` (without line endings)."""
        inline, items = self.value(value)
        return [f"{key}: {inline}"] if inline is not None else [f"{key}:", *items]

    def value(self, value) -> tuple[str | None, list[str]]:
        """(the text after `key: `, or None for a block list; the block list's item lines)."""
        if isinstance(value, (list, tuple)) and value and all(_is_scalar(v) for v in value):
            if self.block_lists:
                return None, [f"{self.indent}- {scalar(v)}" for v in value]
            return "[" + ", ".join(_flow_item(v) for v in value) + "]", []
        return scalar(value), []


def _is_scalar(value) -> bool:
    return isinstance(value, (str, int, float, _dt.date)) or value is None


def scalar(value) -> str:
    """One value in block context: Obsidian's quoting for links and dates, PyYAML's for the rest."""
    from ..reading.yamlload import dump_value

    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        if _DATE_TIME.fullmatch(value) and parse_iso_date(value[:10]) is not None:
            return value
        if "[[" in value or _LINE_BREAKS.search(value):
            return _double_quoted(value)
    return dump_value(value)


def _flow_item(value) -> str:
    from ..reading.yamlload import _plain, dump_value

    if isinstance(value, str) and _plain(value) and "," not in value:
        return value
    if isinstance(value, str) and ("[[" in value or _LINE_BREAKS.search(value)):
        return _double_quoted(value)
    if isinstance(value, str) and _DATE_TIME.fullmatch(value) and parse_iso_date(value[:10]) is not None:
        return value
    return dump_value([value])[1:-1]


def quoted_like(item: str, neighbour: str | None) -> str:
    """A new list item written as the item beside it is: single-quoted, plain (when YAML reads it back as
    the same text), or, with no neighbour to copy or one in double quotes, double-quoted as Obsidian does."""
    if neighbour and neighbour.startswith("'") and not _LINE_BREAKS.search(item):
        return "'" + item.replace("'", "''") + "'"
    if neighbour and not neighbour.startswith('"'):
        return plain_or_quoted(item)
    return _double_quoted(item)


def plain_or_quoted(item: str) -> str:
    """`item` unquoted when YAML reads it back as that same text, else double-quoted with escapes."""
    return item if _reads_back_plain(item) else _double_quoted(item)


def _reads_back_plain(item: str) -> bool:
    """Whether `item`, unquoted in a flow or block list, reads back as that same text."""
    from ..reading import yamlload

    if not item or item != item.strip() or _LINE_BREAKS.search(item) or item[0] in "[]{},:#&*!|>'\"%@`-":
        return False
    try:
        return yamlload.load(f"x: [{item}]") == {"x": [item]}
    except Exception:  # any YAML error: not plain
        return False


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar; control characters and Unicode line breaks escaped, so none splits a line."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", body.replace("\t", "\\t")) + '"'
