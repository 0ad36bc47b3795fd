"""PyYAML with the C loader when available, and dates that do not exist kept as values.

PyYAML raises ValueError deep inside construction for `2026-13-45`, which
would lose the whole front matter; we keep such a value as `InvalidDate` with
its line so the field rules can report NF202 precisely.
"""
from __future__ import annotations

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HAS_C_LOADER = _Base is not yaml.SafeLoader


class InvalidDate(str):
    """The text of a YAML timestamp that names no real date; `line` is 0-based within the YAML."""

    line: int = 0


class Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_timestamp(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        value = InvalidDate(node.value)
        value.line = node.start_mark.line
        return value


Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load(text: str):
    """Parse one YAML document with the fast, safe loader."""
    return yaml.load(text, Loader=Loader)


def dump_value(value) -> str:
    """One value in flow style, as it would stand after `key: ` on a single line."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False)
    text = text.strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    elif text.endswith("..."):
        text = text[:-3].strip()
    return text
