"""YAML for front matter: the plain subset read directly, the rest by PyYAML with its C loader.

PyYAML raises ValueError deep inside construction for `2026-13-45`, which
would lose the whole front matter; we keep such a value as `InvalidDate` with
its line so the field rules can report NF202 precisely. PyYAML itself is
imported only when a document is outside the plain subset (`plainyaml`) or a
value must be written by its emitter, which keeps it off the path of a
pre-commit `check` of ordinary files.
"""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from .plainyaml import NOT_PLAIN, load_plain


class InvalidDate(str):
    """The text of a YAML timestamp that names no real date; `line` is 0-based within the YAML."""

    line: int = 0


def _invalid_date(text: str, line: int) -> InvalidDate:
    value = InvalidDate(text)
    value.line = line
    return value


@lru_cache(maxsize=None)
def loader_class():
    """PyYAML's safe loader (the C one when PyYAML was built with libyaml), keeping impossible dates as values."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        def construct_object(self, node, deep=False):
            """Plain strings straight from the node, the rest as PyYAML does.

            Most values are strings, and PyYAML builds each through three Python
            calls and a memo entry to return `node.value` in the end.
            """
            if node.tag == "tag:yaml.org,2002:str" and type(node) is yaml.ScalarNode:
                return node.value
            return super().construct_object(node, deep)

    def construct_timestamp(loader, node):
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):
            return _invalid_date(node.value, node.start_mark.line)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    return Loader


def load(text: str):
    """Parse one YAML document: the plain subset directly, anything else with PyYAML's safe loader.

    Raises PyYAML's errors (and ValueError and friends) for invalid YAML, as `yaml.load` does.
    """
    data = load_plain(text, _invalid_date)
    if data is NOT_PLAIN:
        import yaml

        data = yaml.load(text, Loader=loader_class())
    return data


def is_yaml_error(exc: BaseException) -> bool:
    """Whether `load` raised because the text is not usable YAML (as opposed to a bug)."""
    if isinstance(exc, (ValueError, TypeError, OverflowError, RecursionError)):
        return True
    import yaml

    return isinstance(exc, yaml.YAMLError)


def error_position(exc: BaseException) -> tuple[int | None, int | None, str]:
    """(0-based line, column, problem) of a YAML error; line and column are None when PyYAML does not know them."""
    import yaml

    if not isinstance(exc, yaml.MarkedYAMLError):
        return None, None, str(exc)
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    return (mark.line, mark.column, problem) if mark else (None, None, problem)


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
    import yaml

    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False)
    text = text.strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    elif text.endswith("..."):
        text = text[:-3].strip()
    return text
