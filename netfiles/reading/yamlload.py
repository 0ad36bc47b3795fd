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
from typing import TYPE_CHECKING

from .plainyaml import NOT_PLAIN, load_plain

if TYPE_CHECKING:
    from yaml import Mark, Node


class InvalidDate(str):
    """The text of a YAML timestamp that names no real date; `line` is 0-based within the YAML."""

    line: int = 0


def _invalid_date(text: str, line: int) -> InvalidDate:
    value = InvalidDate(text)
    value.line = line
    return value


#: The most values one front matter may hold once YAML aliases are expanded, and the deepest nesting.
#: Contact front matter holds a few dozen; these bounds refuse "billion laughs" documents built from
#: anchors (with any tag: lists, mappings, `!!pairs`, `!!omap`, `!!set`, merge keys) before PyYAML
#: constructs a single value, so such a file costs time and memory in proportion to its size.
MAX_NODES = 100_000
MAX_DEPTH = 50


class FrontMatterYAMLError(ValueError):
    """Why a YAML document cannot be used, with its 0-based line and column when known.

    `load` raises only this: PyYAML's syntax errors, constructor failures of any type
    (`!!bool maybe` is a KeyError inside PyYAML, `!!int ''` an IndexError), documents
    that refer to themselves or expand too far, and anything else that went wrong.
    """

    def __init__(self, problem: str, line: int | None = None, column: int | None = None):
        super().__init__(problem)
        self.problem, self.line, self.column = problem, line, column


def _short(value: str, limit: int = 40) -> str:
    """A value quoted for a message, cut to `limit` characters."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _tag_name(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


@lru_cache(maxsize=None)
def loader_class():
    """PyYAML's safe loader (the C one when PyYAML was built with libyaml), keeping impossible dates as values."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]  # a base chosen at run time (C or Python loader)
        def construct_object(self, node, deep=False):
            """Plain strings straight from the node, the rest as PyYAML does, failures as errors at the node.

            Most values are strings, and PyYAML builds each through three Python
            calls and a memo entry to return `node.value` in the end.
            """
            if node.tag == "tag:yaml.org,2002:str" and type(node) is yaml.ScalarNode:
                return node.value
            try:
                return super().construct_object(node, deep)
            except yaml.YAMLError:
                raise
            except Exception as exc:  # a tag's constructor failing on its value, whatever the exception
                what = f"{_short(node.value)} is not a valid {_tag_name(node.tag)} value" if isinstance(node, yaml.ScalarNode) \
                    else f"this {_tag_name(node.tag)} value cannot be read ({type(exc).__name__})"
                raise yaml.constructor.ConstructorError(None, None, what, node.start_mark) from None

    def construct_timestamp(loader, node):
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):
            return _invalid_date(node.value, node.start_mark.line)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    return Loader


def load(text: str):
    """Parse one YAML document: the plain subset directly, anything else with PyYAML's safe loader.

    Raises FrontMatterYAMLError, and nothing else, when the text is not usable YAML.
    """
    try:
        data = load_plain(text, _invalid_date)
        if data is not NOT_PLAIN:
            return data
        return _load_with_pyyaml(text)
    except FrontMatterYAMLError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure on one file's YAML is that file's problem
        line, column, problem = error_position(exc)
        raise FrontMatterYAMLError(problem, line, column) from exc


def _load_with_pyyaml(text: str):
    """Compose the node graph, measure it, and only then construct values from it."""
    loader = loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        # Without an alias (`*name`) the nodes form a tree no larger than the text, which `parse`
        # measures after construction; only aliases can make a document refer to itself or expand.
        problem = node_graph_problem(node) if "*" in text else None
        if problem:
            message, mark = problem
            raise FrontMatterYAMLError(message, mark.line, mark.column)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def node_graph_problem(root: Node) -> tuple[str, Mark] | None:
    """(why, mark) when a composed YAML document refers to itself, nests too deep or expands too far.

    Aliases make the node graph a DAG (or a cycle); each distinct node is visited
    once, without recursion, and its size with aliases expanded is summed from its
    children's, so the cost is linear in the text however far the aliases expand.
    """
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        children = _children(node)
        if finished:
            in_progress.discard(key)
            size = 1 + sum(sizes[id(child)] for child in children)
            depth = 1 + max((depths[id(child)] for child in children), default=0)
            if size > MAX_NODES:
                return f"over {MAX_NODES:,} values once YAML aliases are expanded", node.start_mark
            if depth > MAX_DEPTH:
                return f"values nested deeper than {MAX_DEPTH} levels", node.start_mark
            sizes[key], depths[key] = size, depth
            continue
        if key in sizes:
            continue
        if key in in_progress:
            return "an alias refers to a value that contains it", node.start_mark
        in_progress.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return None


def _children(node: Node) -> list[Node]:
    value = node.value
    if isinstance(value, str):
        return []  # a scalar
    if value and isinstance(value[0], tuple):
        return [part for pair in value for part in pair]  # a mapping: (key, value) node pairs
    return value  # a sequence


def is_yaml_error(exc: BaseException) -> bool:
    """Whether `load` raised because the text is not usable YAML: `load` raises nothing else."""
    return isinstance(exc, Exception)


def error_position(exc: BaseException) -> tuple[int | None, int | None, str]:
    """(0-based line, column, problem) of a YAML error; line and column are None when not known."""
    if isinstance(exc, FrontMatterYAMLError):
        return exc.line, exc.column, exc.problem
    import yaml

    if not isinstance(exc, yaml.MarkedYAMLError):
        if isinstance(exc, RecursionError):
            return None, None, "nests too deep"
        return None, None, str(exc) or type(exc).__name__
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
