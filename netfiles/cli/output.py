"""Printing tables, JSON and CSV: aligned plain text everywhere, one screenful and colour only on a terminal."""
from __future__ import annotations

import io
import itertools
import json
import math
import os
import stat
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence, TextIO

import click

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress, TaskID

#: The output name that means standard output, as in most command-line tools.
STDOUT = "-"


def use_color(stream=None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def json_safe(value):
    """`value` with every float JSON cannot hold (NaN, ±Infinity: YAML's `.nan`, `.inf`) written as YAML wrote
    it, as a string, so every `--format json` output is valid JSON (RFC 8259) that strict parsers accept."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, dict):
        return {key if isinstance(key, str) else str(json_safe(key)): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(item) for item in value]
    return value


def to_json(data, indent: int | None = 2) -> str:
    """`data` as strict JSON text: non-finite floats made strings (`json_safe`), dates and other values as text.

    With the default indent of 2 the text is exactly `json.dumps(json_safe(data), indent=2, ...)`, written
    by `_indented`: the standard library encodes indented JSON in pure Python, a third of a second for
    `ls --format json` on 10,000 contacts, where its C encoder only writes compact text.
    """
    if indent == 2:
        return _indented(data, "\n")
    return json.dumps(json_safe(data), indent=indent, ensure_ascii=False, default=str, allow_nan=False)


_encode_string = json.encoder.encode_basestring  # the C function when available, as json.dumps uses it


def _indented(value, newline: str) -> str:
    """`value` as JSON with an indent of 2; `newline` is a newline and the current indentation.

    Containers join their items' texts in one call, and strings (most values) are encoded
    in place rather than by another call: `ls --format json` writes 160,000 values on 10,000 contacts.
    """
    if type(value) is str:
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value) if math.isfinite(value) else _encode_string(json_safe(value))
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + "  "
        return "{" + inner + ("," + inner).join([
            _encode_string(key if isinstance(key, str) else str(json_safe(key))) + ": "
            + (_encode_string(item) if type(item) is str else _indented(item, inner))
            for key, item in value.items()]) + newline + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        if not value:
            return "[]"
        inner = newline + "  "
        return "[" + inner + ("," + inner).join([
            _encode_string(item) if type(item) is str else _indented(item, inner) for item in value]) + newline + "]"
    return _encode_string(str(value))  # dates and anything else: as text, as `default=str` does


def print_json(data) -> None:
    click.echo(to_json(data))


def _json_list_opening(key: str, head: dict | None) -> str:
    """The text of `{**head, key: [` as `print_json` writes it: the start of a listing printed in parts."""
    fields = "".join(_indented(name, "") + ": " + _indented(value, "\n  ") + ",\n  "
                     for name, value in (head or {}).items())
    return "{\n  " + fields + _indented(key, "") + ": ["


def print_json_list(key: str, items: Iterable, head: dict | None = None) -> None:
    """Print `{**head, key: [items]}` as `print_json` would, a few hundred items at a time: a long listing (`ties
    --format json` on 100,000 contacts, 200,000 ties) is never held whole, nor are its items if `items` makes
    them as it goes. Rows that all have the same keys print faster with `print_json_columns`."""
    chunk = [_json_list_opening(key, head)]
    separator = "\n    "
    for item in items:
        chunk.append(separator + _indented(item, "\n    "))
        separator = ",\n    "
        if len(chunk) >= 500:
            click.echo("".join(chunk), nl=False)
            chunk = []
    chunk.append("]\n}" if separator == "\n    " else "\n  ]\n}")
    click.echo("".join(chunk))


#: Rows to make and write at a time (`ls --format json`): 100,000 rows are never held at once, each column of a chunk
#: is encoded in a few calls, and a chunk's data (about 300 kB of text) stays in the processor's caches: 2,000 at a
#: time took a fifth longer at 10,000 contacts.
ROWS_AT_ONCE = 500


def print_json_columns(key: str, columns: Sequence[str], chunks: Iterable[Sequence[Sequence]],
                       head: dict | None = None) -> None:
    """Print `{**head, key: rows}` as `print_json` would, for rows given a chunk at a time, each chunk a sequence of
    columns: the values of `columns` (one or more distinct keys, the same in every row) for the chunk's rows, in
    order.

    Each column of a chunk is encoded in a few calls (`_column_texts`), then the chunk's text is joined row by row
    in one call, so the work per value is in C: `ls --format json` writes 150,000 values on 10,000 contacts.
    """
    click.echo(_json_list_opening(key, head), nl=False)
    prefixes = [",\n    {\n      " + _encode_string(columns[0]) + ": "]
    prefixes += [",\n      " + _encode_string(name) + ": " for name in columns[1:]]
    first = True
    for chunk in chunks:
        if not chunk[0]:
            continue
        texts = [_column_texts(prefix, values) for prefix, values in zip(prefixes, chunk, strict=True)]
        text = "".join(itertools.chain.from_iterable(zip(*texts, itertools.repeat("\n    }"))))
        click.echo(text[1:] if first else text, nl=False)  # the first row has no comma before it
        first = False
    click.echo("]\n}" if first else "\n  ]\n}")


_SCALARS = frozenset({str, int, float, bool, type(None)})
_TEXTS = frozenset({str, type(None)})
_LIST_ITEM = ",\n        "  # between the items of a list that is a row's value
_nul_separated = json.JSONEncoder(ensure_ascii=False, separators=("\0", ": "), allow_nan=False,
                                  check_circular=False).encode  # flat values: no cycle to look for
_list_items = json.JSONEncoder(ensure_ascii=False, separators=(_LIST_ITEM, ": "), allow_nan=False,
                              check_circular=False).encode


def _column_texts(prefix: str, values: Sequence) -> list[str]:
    """`prefix` and the JSON text of each of one column's values, as `_indented` writes a row's value, in a few
    calls.

    Scalars are encoded as one list with a NUL between items, then split there: JSON text has no raw NUL (strings
    escape it). A column of few distinct texts (an industry, a tier) encodes each text once. Lists of scalars are
    encoded as one list of lists with the items already indented; two lists meet at "]" + separator + "[", which
    nothing else contains. Any other column (a date, NaN, a dict, a mixed column) is written value by value.
    """
    kinds = set(map(type, values))
    try:
        if kinds <= _TEXTS and len(values) > 1:
            distinct = list(set(values))  # equal texts (unlike 0 and 0.0, or 1 and True) have one JSON text
            if len(distinct) <= len(values) // 2:
                return list(map(dict(zip(distinct, _column_texts(prefix, distinct))).__getitem__, values))
        if kinds <= _SCALARS:
            return (prefix + _nul_separated(values)[1:-1].replace("\0", "\0" + prefix)).split("\0")
        if kinds <= {list, tuple} and set(map(type, itertools.chain.from_iterable(values))) <= _SCALARS:
            inner = _list_items(values)[2:-2]  # the items of the first list ... of the last list
            text = inner.replace("]" + _LIST_ITEM + "[", "\n      ]\0" + prefix + "[\n        ")
            text = (prefix + "[\n        " + text + "\n      ]").replace("[\n        \n      ]", "[]")
            return text.split("\0")
    except ValueError:  # NaN or ±Infinity: `_indented` writes them as YAML did, as text
        pass
    return [prefix + _indented(value, "\n      ") for value in values]


def check_output(path) -> Path | None:
    """Where an export may write: None for standard output (`-` or None), else the path, when it is a regular file
    (to be replaced) or a new name in an existing folder.

    Anything else (a folder, a named pipe, a device, a socket, a broken symlink, a missing folder) is refused
    with `UsageProblem` (exit status 2), so an export never replaces `/dev/null` or a FIFO with a file.
    """
    from ..model.errors import UsageProblem

    if path is None or str(path) == STDOUT:
        return None
    path = Path(path).expanduser()
    try:
        info = path.stat()  # follows a symlink: a link to a regular file is written through
    except FileNotFoundError:
        if os.path.lexists(path):
            raise UsageProblem(f"cannot write {path}: it is a symbolic link to nothing") from None
        parent = path.parent
        if not parent.is_dir():
            what = "is not a folder" if parent.exists() else "does not exist"
            raise UsageProblem(f"cannot write {path}: folder {parent} {what}") from None
        return path
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISREG(info.st_mode):
        return path
    raise UsageProblem(f"cannot write {path}: it is {_kind(info.st_mode)}, not a regular file; "
                       "give a file name (or - for standard output)")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def write_output(path, data: bytes | str) -> Path | None:
    """Write an export's bytes to `path` as `check_output` allows: standard output for `-`/None, else atomically
    (a reader never sees half a file). Returns the path written, or None for standard output."""
    from ..writing.writes import write_atomic

    if isinstance(data, str):
        data = data.encode("utf-8")
    target = check_output(path)
    if target is None:
        stream = sys.stdout.buffer  # click.get_binary_stream is deprecated (removed in click 9)
        stream.write(data)
        stream.flush()
        return None
    write_atomic(target, data)
    return target


def neutralize(value) -> str:
    """Keep a spreadsheet from running a cell as a formula (OWASP CSV injection): prefix = + - @ with '."""
    text = "" if value is None else str(value)
    if text and text[0] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def write_csv(rows: list[dict], columns: list[str], stream, neutralise: bool = True) -> int:
    """Rows (dicts) as CSV with a header; lists joined with "; ", every cell neutralised unless `neutralise` is
    False (raw values for programs, not spreadsheets). Returns the row count.

    Lines end in LF; any value holding a CR or LF is quoted, so no value can start a new row (Python's csv
    module before 3.13 leaves a bare CR unquoted when the line ending is LF).
    """
    import csv  # here: most commands never write CSV

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # \r\n: quote values containing either character

    def emit(cells) -> None:
        writer.writerow(cells)
        stream.write(buffer.getvalue()[:-2] + "\n")
        buffer.seek(0)
        buffer.truncate()

    emit(columns)
    count = 0
    for row in rows:
        cells = ["; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for v in (row.get(c) for c in columns)]
        emit([neutralize(v) if neutralise else ("" if v is None else str(v)) for v in cells])
        count += 1
    return count


def print_csv(rows: list[dict], columns: list[str]) -> None:
    buffer = io.StringIO()
    write_csv(rows, columns, buffer)
    click.echo(buffer.getvalue(), nl=False)


def screenful(total: int, show_all: bool = False, limit: int | None = None, stream: TextIO | None = None) -> int:
    """How many of `total` rows to print: all when asked (`--all`), `--limit`, else one screenful on a terminal
    and all in a pipe (scripts get every row). A terminal has no use for 10,000 rows, and printing them costs
    more than the command's work."""
    if show_all:
        return total
    if limit is not None:
        return min(limit, total)
    stream = stream or sys.stdout
    if hasattr(stream, "isatty") and stream.isatty():
        import shutil  # on a terminal only

        return min(total, max(5, shutil.get_terminal_size().lines - 4))  # room for the header and summary lines
    return total


def more_line(total: int, shown: int, what: str, hint: str = "--all shows every one") -> str:
    """'and N more WHAT (HINT)' when only `shown` of `total` were printed, else ''."""
    return f"and {total - shown} more {what} ({hint})" if total > shown else ""


def print_table(rows: list[dict], columns: list[str], headers: list[str] | None = None, title: str | None = None,
                shown: int | None = None, what: str = "rows") -> None:
    """A table of rows (dicts) as aligned plain text, the same in a pipe and on a terminal, where the header is
    bold (only with colour, see `use_color`) and wide cells are cut with "…" to fit the window.

    With `shown` (see `screenful`), only the first `shown` rows, then "and N more WHAT (--all shows every one)".
    A plain writer rather than rich's Table: laying out 18,000 cells cost rich 2.5 s on a terminal.
    """
    headers = headers or columns
    total = len(rows)
    shown = total if shown is None else min(shown, total)
    cells = [[_cell(row.get(c)) for c in columns] for row in rows[:shown]]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    on_terminal = sys.stdout.isatty() if hasattr(sys.stdout, "isatty") else False
    if on_terminal:
        import shutil  # on a terminal only

        widths = _fit(widths, shutil.get_terminal_size().columns - 1)
    header = _row(headers, widths)
    lines = [title] if title else []
    lines.append(f"\x1b[1m{header}\x1b[0m" if use_color() else header)
    for start in range(0, len(cells), _LINES_AT_ONCE):  # 100,000 lines are never held as one text as well
        lines.extend(_row(row, widths) for row in cells[start:start + _LINES_AT_ONCE])
        click.echo("\n".join(lines))
        lines = []
    more = more_line(total, shown, what)
    if lines or more:
        click.echo("\n".join(lines + ([more] if more else [])))


_LINES_AT_ONCE = 2000  # table lines written at a time


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(_pad(clip(v, w), w) for v, w in zip(cells, widths)).rstrip()


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _fit(widths: list[int], room: int, narrowest: int = 8) -> list[int]:
    """Column widths that fit `room` characters, taking from the widest column first (none below `narrowest`)."""
    widths = list(widths)
    excess = sum(widths) + 2 * (len(widths) - 1) - room
    while excess > 0:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= narrowest:
            break
        widths[widest] -= 1
        excess -= 1
    return widths


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clip(text: str, width: int) -> str:
    """`text` cut to `width` columns, ending in "…" when something was cut."""
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        size = display_width(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…"


def _cell(value: object) -> str:
    """A value on one line: lists joined with ", ", control characters escaped (a value cannot fake a row)."""
    from ..model.diagnostics import printable

    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return printable(", ".join(map(str, value)))
    return printable(str(value))


class Progress:
    """A progress bar on stderr for long work, only when stderr is a terminal; silent otherwise."""

    def __init__(self, description: str):
        self.description = description
        self._progress: RichProgress | None = None
        self._task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if not (sys.stderr.isatty() and not os.environ.get("NETFILES_NO_PROGRESS")):
            return
        if self._progress is None or self._task is None:
            from rich.console import Console
            from rich.progress import Progress as RichProgress

            self._progress = RichProgress(console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=total)
        self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
