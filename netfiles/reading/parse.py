"""One Markdown file to one plain record: front matter, log, links and diagnostics.

The record is JSON-safe so the index can store it and later commands can
rebuild contacts without reading the file again. Parsing never raises on bad
input: every defect becomes a Diagnostic naming the file and line.
"""
from __future__ import annotations

import datetime as _dt
import re

from ..rules.conflicts import conflict_marker_diagnostics
from ..model.dates import parse_date_value, parse_iso_date
from ..model.diagnostics import Diagnostic
from .fields import FrontMatterLocator, normalize_contact
from .markdown import normalize_newlines, scan
from .wikilinks import find_links

MAX_FILE_BYTES = 5 * 1024 * 1024
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_LIST_ITEM = re.compile(r"^ {0,3}[-*+][ \t]+(.*)")  # the item's text; trailing space is stripped after
_DATE_SHAPE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_KIND = re.compile(r"^([\w-]+):?(?:[ \t]+(.*))?$")
_HELP_TAG = re.compile(r"#(gave|got)\b", re.I)
_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def split_front_matter(text: str):
    """(yaml_text or None, body, body_first_line, closed). YAML starts on line 2 when present.

    Line endings are read as `markdown` reads them (`\\r\\n`, `\\n` or a lone `\\r`),
    and come back as `\\n`, so the parts match the lines the writer sees.
    """
    text = normalize_newlines(text)
    if not text.startswith("---\n"):
        return None, text, 1, True
    start = 4
    match = _CLOSING.search(text, start)
    if not match:
        return text[start:], "", 1, False
    yaml_text = text[start:match.start()]
    end = text.find("\n", match.end())
    body = "" if end == -1 else text[end + 1:]
    body_line = 3 + yaml_text.count("\n")
    return yaml_text, body, body_line, True


def json_safe(value):
    """Dates to ISO strings and keys to strings, so front matter can be stored and printed as JSON."""
    if type(value) is str or type(value) is int or value is None:
        return value  # nearly every value: answered before the isinstance chain below
    # (strings are kept without a call: most values are, and this runs for every file indexed)
    if isinstance(value, dict):
        return {str(k): v if type(v) is str else json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [v if type(v) is str else json_safe(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return str(value) if isinstance(value, str) else value
    return str(value)


def decode(path: str, data: bytes):
    """(text, diagnostics). A BOM is skipped; invalid UTF-8 and binary files are NF103 at their line."""
    if b"\x00" in data[:8192]:
        return None, [Diagnostic.core(path, 1, 1, "NF103", "file is binary, not UTF-8 text")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Diagnostic.core(path, line, col, "NF103",
                                      f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); re-save it as UTF-8")]


def load_front_matter(path: str, yaml_text: str | None, closed: bool):
    """(mapping, diagnostics). Invalid YAML is NF101 at the YAML error's line; a non-mapping is NF102."""
    if yaml_text is None:
        return {}, []
    if not closed:
        return None, [Diagnostic.core(path, 1, 1, "NF101", "front matter starts with --- but is never closed by ---")]
    from . import yamlload

    try:
        data = yamlload.load(yaml_text)
    except Exception as exc:  # noqa: BLE001 - whatever goes wrong reading one file's YAML is NF101 for that file
        line, col, problem = yamlload.error_position(exc)
        line, col = (line + 2, (col or 0) + 1) if line is not None else (2, 0)
        return None, [Diagnostic.core(path, line, col, "NF101", f"invalid YAML in front matter: {problem}")]
    if data is None:
        return {}, []
    too_complex = _too_complex(data)
    if too_complex:
        return None, [Diagnostic.core(path, 2, 1, "NF101", f"front matter {too_complex}")]
    if not isinstance(data, dict):
        return None, [Diagnostic.core(path, 2, 1, "NF102",
                                      f"front matter is a {type(data).__name__}, not a mapping of `key: value` fields")]
    return data, []


def _too_complex(data, max_depth: int = 50, max_items: int = 100_000) -> str | None:
    """Why front matter cannot be used as data (nested too deep, refers to itself, expands too far), or None.

    YAML anchors can make a value contain itself or grow exponentially ("billion laughs"); every
    later step walks the values, so they are measured here once, without recursion.
    """
    if not isinstance(data, (dict, list)):
        return None
    # Only containers go on the stack; their items are counted in bulk, which keeps this cheap
    # for the usual front matter of a few lists (it runs for every file that is indexed).
    stack, count = [(data, 0)], 1
    while stack:
        value, depth = stack.pop()
        if depth >= max_depth:
            return f"nests deeper than {max_depth} levels, or an alias refers to itself"
        items = value.values() if isinstance(value, dict) else value
        count += len(items)
        if count > max_items:
            return "is too large once its YAML aliases are expanded"
        stack.extend((v, depth + 1) for v in items if isinstance(v, (dict, list)))
    return None


def parse_log(path: str, body: str, first_line: int):
    """Interactions from list items in Log sections (see `markdown`), and NF304 for items without a valid date."""
    if "log" not in body.lower():
        return [], []
    items, diags = [], []
    lines = normalize_newlines(body).split("\n")
    for section in scan(lines).sections:
        top_indent = None  # indent of the section's first item; items 2+ spaces deeper are sub-items
        for index in section.lines:
            line = lines[index]
            item = _LIST_ITEM.match(line)
            if not item:
                continue
            indent = len(line) - len(line.lstrip(" "))
            if top_indent is None:
                top_indent = indent
            elif indent >= top_indent + 2:
                continue  # a nested list item: details of the item above, not an interaction of its own
            number = first_line + index
            content = item.group(1).rstrip()
            col = line.index(content) + 1 if content else 1
            first, _, rest = content.partition(" ")
            date = parse_iso_date(first) if first else None
            if date is None:
                if _DATE_SHAPE.match(first):
                    message = f"log item has an invalid date {first!r}"
                else:
                    message = "log item does not start with a date: write `- YYYY-MM-DD KIND: text`"
                diags.append(Diagnostic.core(path, number, col, "NF304", message))
                continue
            kind, text = "note", ""
            match = _KIND.match(rest.strip())
            if match:
                kind, text = match.group(1).lower(), (match.group(2) or "").strip()
            elif rest.strip():
                text = rest.strip()
            tags = {t.lower() for t in _HELP_TAG.findall(text)} if "#" in text else ()
            items.append([date.isoformat(), kind, text, number, "gave" in tags, "got" in tags])
    return items, diags


def _links_in_values(value) -> list[str]:
    if isinstance(value, str):
        return find_links(value) if "[[" in value else []
    if isinstance(value, dict):
        return [t for v in value.values() for t in _links_in_values(v)]
    if isinstance(value, list):
        return [t for v in value for t in _links_in_values(v)]
    return []


def parse_markdown(path: str, data: bytes, is_contact: bool) -> dict:
    """The record of one file. `path` is vault-relative with `/`; `is_contact` says it is under a people folder."""
    stem = _stem(path)
    record: dict = {"kind": "contact" if is_contact else "other", "name": stem, "fm": {}, "diagnostics": []}
    if len(data) > MAX_FILE_BYTES:
        record["diagnostics"] = [Diagnostic.core(path, 0, 0, "NF104",
                                                 f"file is over the {MAX_FILE_BYTES // 1024 // 1024} MiB limit; skipped").to_dict()]
        return record
    text, diags = decode(path, data)
    if text is None:
        record["diagnostics"] = [d.to_dict() for d in diags]
        return record
    text = normalize_newlines(text)  # CR-only and CRLF files are read line for line like LF files
    yaml_text, body, body_line, closed = split_front_matter(text)
    fm, diags = load_front_matter(path, yaml_text, closed)
    diags += conflict_marker_diagnostics(path, text)
    if fm is None:
        fm = {}
        body = text if not closed else body
    locator = FrontMatterLocator(yaml_text or "", 2)
    if is_contact:
        fields, field_diags = normalize_contact(fm, locator, path, stem)
        diags += field_diags
        log, log_diags = parse_log(path, body, body_line)
        diags += log_diags
        record.update(fields)
        record["log"] = log
        record["mentions"] = sorted(set(find_links(body)))
    else:
        record["date"], date_diags = _note_date(path, fm, stem, locator)
        diags += date_diags
        if record["date"]:
            record["kind"] = "note"
            record["links"] = sorted(set(find_links(body)) | set(_links_in_values(fm)))
    record["fm"] = json_safe(fm)
    record["diagnostics"] = [d.to_dict() for d in diags]
    return record


def _stem(path: str) -> str:
    """`PurePosixPath(path).stem` without building a path object for every file indexed."""
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _note_date(path: str, fm: dict, stem: str, locator: FrontMatterLocator):
    """A dated note's date: front matter `date`, else a file name starting with YYYY-MM-DD."""
    value = fm.get("date")
    if isinstance(value, _dt.datetime):
        return value.date().isoformat(), []
    if isinstance(value, _dt.date):
        return value.isoformat(), []
    if value is not None:
        parsed = parse_date_value(value) if isinstance(value, str) else None
        if parsed:
            return parsed.isoformat(), []
        line, col = locator.key("date")
        return None, [Diagnostic.core(path, line, col, "NF202", f"`date`: {str(value)!r} is not a date (YYYY-MM-DD)")]
    match = _FILE_DATE.match(stem)
    if match:
        parsed = parse_iso_date(match.group(1))
        if parsed:
            return parsed.isoformat(), []
    return None, []
