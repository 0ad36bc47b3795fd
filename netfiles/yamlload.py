"""PyYAML with the C loader when available, and dates that do not exist kept as values.

PyYAML raises ValueError deep inside construction for `2026-13-45`, which
would lose the whole front matter; we keep such a value as `InvalidDate` with
its line so the field rules can report NF202 precisely.
"""
from __future__ import annotations

import datetime as _dt
import re

import yaml

from .plainyaml import NOT_PLAIN, load_plain

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HAS_C_LOADER = _Base is not yaml.SafeLoader


class InvalidDate(str):
    """The text of a YAML timestamp that names no real date; `line` is 0-based within the YAML."""

    line: int = 0


_STR_TAG = "tag:yaml.org,2002:str"


class Loader(_Base):  # type: ignore[misc, valid-type]
    def construct_object(self, node, deep=False):
        """Plain strings straight from the node, the rest as PyYAML does.

        Most front matter values are strings, and PyYAML builds each through three
        Python calls and a memo entry to return `node.value` in the end; answering
        them here makes loading a contact's front matter about a quarter quicker.
        """
        if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
            return node.value
        return super().construct_object(node, deep)


def _construct_timestamp(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return _invalid_date(node.value, node.start_mark.line)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _invalid_date(text: str, line: int) -> InvalidDate:
    value = InvalidDate(text)
    value.line = line
    return value


def load(text: str):
    """Parse one YAML document: the plain subset directly, anything else with PyYAML's safe loader."""
    data = load_plain(text, _invalid_date)
    if data is NOT_PLAIN:
        data = yaml.load(text, Loader=Loader)
    return data


# Values PyYAML writes as they are (plain), answered without its slow pure-Python emitter so that
# writing thousands of files stays fast: a letter first, then letters, digits and a few punctuation
# marks with single spaces, and not a YAML 1.1 boolean or null word; http(s) URLs without query or
# fragment; dates; lists of such strings without commas. Anything else goes through PyYAML.
_PLAIN = re.compile(r"[^\W\d_][\w.,&()/'+-]*(?: [\w.,&()/'+-]+)*|https?://[\w.%/+-]+")
_PLAIN_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


def _plain(value) -> bool:
    return isinstance(value, str) and bool(_PLAIN.fullmatch(value)) and value.lower() not in _PLAIN_WORDS


def dump_value(value) -> str:
    """One value in flow style, as it would stand after `key: ` on a single line."""
    if _plain(value):
        return value
    if type(value) is _dt.date:
        return value.isoformat()
    if isinstance(value, list) and value and all(_plain(v) and "," not in v for v in value):
        return "[" + ", ".join(value) + "]"
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False)
    text = text.strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    elif text.endswith("..."):
        text = text[:-3].strip()
    return text
