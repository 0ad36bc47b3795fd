"""A fast reader for the plain subset of YAML that contact front matter nearly always is.

Indexing spends most of its time in YAML: even with the C parser, PyYAML builds
nodes, calls a Python resolver for every scalar and constructs the values in
Python. Front matter is almost always a flat mapping of `key: value` lines,
`[a, b]` lists and `- item` lists of plain or simply quoted strings, dates and
small numbers. `load_plain` reads exactly that subset in one pass over the
lines, and returns `NOT_PLAIN` the moment it meets anything else (comments after
values, anchors, tags, block scalars, nested mappings, escapes, tabs, CRLF,
multi-line values, floats, times...), so the caller hands the text to PyYAML.

Whatever it returns is what PyYAML's safe loader returns for the same text: plain
scalars follow PyYAML's YAML 1.1 implicit types (a value whose first character
could start a number or a time is taken on only when it is a plain decimal or
a date), and tests compare the two on generated and mutated documents and check
that every first character PyYAML's resolver knows is handled here. It imports
nothing from PyYAML, so reading ordinary front matter never pays for importing it.
"""
from __future__ import annotations

import datetime as _dt
import re

NOT_PLAIN = object()  # "this text is outside the subset": parse it with PyYAML

# YAML 1.1 booleans and nulls, exactly the words PyYAML's resolver matches (`yEs` is a string).
_WORDS = {word: value for words, value in (("yes Yes YES true True TRUE on On ON", True),
                                             ("no No NO false False FALSE off Off OFF", False),
                                             ("null Null NULL ~", None))
          for word in words.split()}
# First characters with which PyYAML's resolver may give a plain scalar a type other than string.
WORD_START = frozenset("yYnNtTfFoO~")
NUMBER_START = frozenset("-+.0123456789<=!&*")
# PyYAML's own patterns for the types a value starting with a digit, sign or dot may have
# (yaml/resolver.py, unchanged since YAML 1.1 support began; a test compares them).
FLOAT = re.compile(r'''^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$''', re.X)
INT = re.compile(r'''^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$''', re.X)
TIMESTAMP = re.compile(r'''^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$''', re.X)
_KEY_LINE = re.compile(r"([^\W\d][\w-]*(?: [\w-]+)*):(?: +(.*))?")
_ITEM_LINE = re.compile(r"( *)- +(.*)")
_DOUBLE = re.compile(r'"([^"\\]*)" *')
_SINGLE = re.compile(r"'((?:[^']|'')*)' *")
_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# One flow-list item and its comma. The plain alternative is greedy and takes trailing spaces (stripped
# after): a lazy one followed by ` *` backtracked quadratically over a long run of spaces.
_FLOW_ITEM = re.compile(r""" *(?:"([^"\\]*)" *|'((?:[^']|'')*)' *|([^-?,\[\]{}#:&*!|>'"%@` ][^,\[\]{}#:]*))(,|$)""")


def load_plain(text: str, date_error=None):
    """The mapping PyYAML would load from `text`, or `NOT_PLAIN` when `text` is outside the subset.

    `date_error(value, line)` makes the value of a date that does not exist
    (`2026-13-45`); `line` is 0-based within `text`. Without it such text is not plain.
    """
    lines = text.split("\n")
    result: dict = {}
    key = None  # the key whose block list is being read
    items: list | None = None
    item_indent = -1
    for number, line in enumerate(lines):
        if not line.isprintable():
            return NOT_PLAIN  # tabs, CR, other line breaks, control and format characters: PyYAML's rules
        if not line or line[0] == "#" or line.isspace():
            if line.startswith("#") and items is not None:
                return NOT_PLAIN  # a comment between list items: rare, and PyYAML knows the rules
            continue
        if line[0] == " " or line[0] == "-":
            if key is None:
                return NOT_PLAIN
            match = _ITEM_LINE.fullmatch(line)
            if not match:
                return NOT_PLAIN
            indent = len(match.group(1))
            if items is None:
                items, item_indent = [], indent
                result[key] = items
            elif indent != item_indent:
                return NOT_PLAIN
            value = _scalar(match.group(2).rstrip(" "), number, date_error)
            if value is NOT_PLAIN:
                return NOT_PLAIN
            items.append(value)
            continue
        match = _KEY_LINE.fullmatch(line)
        if not match:
            return NOT_PLAIN
        name = match.group(1)
        if len(name) > 1000 or name in _WORDS:  # libyaml refuses implicit keys over 1024 characters
            return NOT_PLAIN  # `yes:` or `null:` keys are booleans and nulls to PyYAML
        raw = (match.group(2) or "").rstrip(" ")
        key, items = None, None
        if not raw:
            key = name  # a block list may follow; if not, the value is null
            result[name] = None
            continue
        if raw[0] == "[":
            value = _flow_list(raw, number, date_error)
        else:
            value = _scalar(raw, number, date_error)
        if value is NOT_PLAIN:
            return NOT_PLAIN
        result[name] = value
    if not result:
        return NOT_PLAIN  # empty or comments only: PyYAML's answer (None) is cheap to get
    return result


def _flow_list(raw: str, number: int, date_error):
    """`[a, "b", 'c']` on one line, items plain or quoted; anything fancier is NOT_PLAIN."""
    if raw[-1] != "]":
        return NOT_PLAIN
    inner = raw[1:-1]
    if not inner.strip():
        return []
    if inner.rstrip(" ")[-1] == ",":
        return NOT_PLAIN  # a trailing comma: leave it to PyYAML
    values = []
    pos, end = 0, len(inner)
    while pos < end:
        match = _FLOW_ITEM.match(inner, pos)
        if not match:
            return NOT_PLAIN
        double, single, plain, comma = match.groups()
        if double is not None:
            values.append(double)
        elif single is not None:
            values.append(single.replace("''", "'"))
        else:
            value = _plain_value(plain.rstrip(" "), number, date_error)
            if value is NOT_PLAIN:
                return NOT_PLAIN
            values.append(value)
        pos = match.end()
    return values


def _scalar(raw: str, number: int, date_error):
    """A block-context scalar on one line: quoted, or plain without comment or mapping indicator."""
    if not raw:
        return NOT_PLAIN  # an empty list item is null to PyYAML; rare enough to leave to it
    first = raw[0]
    if first == '"':
        match = _DOUBLE.fullmatch(raw)
        return match.group(1) if match else NOT_PLAIN
    if first == "'":
        match = _SINGLE.fullmatch(raw)
        return match.group(1).replace("''", "'") if match else NOT_PLAIN
    if first in _INDICATORS or ": " in raw or " #" in raw or raw[-1] == ":":
        return NOT_PLAIN
    return _plain_value(raw, number, date_error)


def _plain_value(value: str, number: int, date_error):
    """A plain scalar as PyYAML's safe constructor makes it: strings, nulls, booleans, decimal ints and dates."""
    first = value[0]
    if first in WORD_START:
        return _WORDS.get(value, value)  # `Yes` is True, `Yesterday` a string
    if first not in NUMBER_START:
        return value  # most values: a first character no implicit type starts with
    if first in "<=!&*":
        return NOT_PLAIN if value in ("<<", "=", "!", "&", "*") else value
    if FLOAT.match(value):
        return NOT_PLAIN  # floats are PyYAML's to make
    if INT.match(value):
        if len(value) > 4000:
            return NOT_PLAIN  # over Python's limit for int(text): PyYAML reports the error at its line
        return int(value) if _DECIMAL.fullmatch(value) else NOT_PLAIN  # octal, hex, 1_000, 1:20: PyYAML's
    if first in "0123456789" and TIMESTAMP.match(value):
        match = _DATE.fullmatch(value)
        if not match:
            return NOT_PLAIN  # a time of day: PyYAML's
        try:
            return _dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return NOT_PLAIN if date_error is None else date_error(value, number)
    return value  # `3M`, `+41 22 555 01 01`: strings that only start like numbers
