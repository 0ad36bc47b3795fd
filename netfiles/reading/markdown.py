"""One reading of a Markdown file's lines, front matter, code fences and Log sections.

The parser (`parse.py`, which finds interactions) and the writer (`writes.py`,
which adds them) both read files through this module, so a line `netfiles log`
writes is always a line the index then sees. The rules, in one place:

- Lines end at `\\r\\n`, `\\n` or a lone `\\r` (CommonMark's line endings); nothing
  else ends a line (not U+0085, U+2028 or a form feed, which Python's
  `str.splitlines` would split at).
- Front matter is the lines between a first line `---` and the next line that is
  `---` or `...` (trailing blanks allowed).
- A code fence opens at a line whose text starts with three backticks or tildes
  and closes at the next line starting with the same three characters; a fence
  that is never closed runs to the end of the file.
- A Log section starts at a heading (`#` to `######`, then a blank, then text)
  whose text is `Log` in any case, and runs to the next heading of the same or a
  higher level. A Log heading inside a Log section is part of that section.

Every pattern here is linear in the line's length (no nested or adjacent
quantifiers that can backtrack), since parsing time must stay linear in file size.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_NEWLINES = re.compile(r"\r\n?")
# `#{1,6}`, a blank, then the rest of the line; closing blanks and `#`s are stripped in
# Python (str.rstrip), not by the pattern: `(.*?)[ \t#]*$` backtracks quadratically.
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*)")


def split_lines(text: str) -> list[str]:
    """The lines of `text`, each with its own line ending (the last may have none)."""
    return LINE.findall(text)


def normalize_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` to `\\n`: the same lines, numbered the same, for readers that split at `\\n`."""
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line (its line ending may be attached), else None."""
    match = _HEADING.match(line)
    if match is None:
        return None
    return len(match.group(1)), match.group(2).rstrip("\r\n").rstrip(" \t#")


def fence_marker(line: str) -> str | None:
    """"```" or "~~~" when the line opens or closes a code fence."""
    if "```" in line or "~~~" in line:  # cheap test first: this runs for every line indexed
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            return stripped[:3]
    return None


def front_matter_end(lines: list[str]) -> int | None:
    """Index of the closing `---` of the front matter, or None (no front matter, or never closed)."""
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n").rstrip(" \t") in ("---", "..."):
            return i
    return None


@dataclass
class LogSection:
    """One Log section: its heading line, the line after its end, and its lines outside code fences."""

    heading: int
    level: int
    end: int
    lines: list[int] = field(default_factory=list)  # content lines outside fences (not headings, not fence lines)
    fenced: set[int] = field(default_factory=set)  # lines after which a code fence is open


@dataclass
class Outline:
    """What `scan` found: the Log sections in order, and the line of a code fence never closed."""

    sections: list[LogSection]
    unclosed_fence: int | None


def scan(lines: list[str], start: int = 0) -> Outline:
    """The Log sections of `lines[start:]` (line endings may be attached or already removed)."""
    sections: list[LogSection] = []
    current: LogSection | None = None
    fence = None
    fence_at = None
    for i in range(start, len(lines)):
        line = lines[i]
        marker = fence_marker(line) if ("```" in line or "~~~" in line) else None  # inline test: runs per line
        if marker:
            if fence is None:
                fence, fence_at = marker, i
                if current is not None:
                    current.fenced.add(i)
            elif marker == fence:
                fence = None
            elif current is not None:
                current.fenced.add(i)
            continue
        if fence is not None:
            if current is not None:
                current.fenced.add(i)
            continue
        found = heading(line) if line.startswith("#") else None
        if found:
            level, title = found
            if current is not None and level <= current.level:
                current.end = i
                current = None
            if current is None and title.strip().lower() == "log":
                current = LogSection(i, level, len(lines))
                sections.append(current)
            continue
        if current is not None:
            current.lines.append(i)
    return Outline(sections, fence_at if fence is not None else None)
