"""Printing tables, JSON and CSV: rich tables and colour on a terminal, plain text in pipes."""
from __future__ import annotations

import csv
import io
import json
import os
import sys

import click


def use_color(stream=None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def print_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def neutralize(value) -> str:
    """Keep a spreadsheet from running a cell as a formula (OWASP CSV injection): prefix = + - @ with '."""
    text = "" if value is None else str(value)
    if text and text[0] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def write_csv(rows: list[dict], columns: list[str], stream) -> int:
    """Rows (dicts) as CSV with a header; lists joined with "; ", every cell neutralised. Returns the row count."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([neutralize("; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v) for v in
                         (row.get(c) for c in columns)])
        count += 1
    return count


def print_csv(rows: list[dict], columns: list[str]) -> None:
    buffer = io.StringIO()
    write_csv(rows, columns, buffer)
    click.echo(buffer.getvalue(), nl=False)


def print_table(rows: list[dict], columns: list[str], headers: list[str] | None = None, title: str | None = None) -> None:
    """A table of rows (dicts): rich on a terminal, aligned plain text otherwise."""
    headers = headers or columns
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    if use_color():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, header_style="bold")
        for header in headers:
            table.add_column(header, overflow="fold")
        for row in cells:
            table.add_row(*row)
        Console().print(table)
        return
    if title:
        click.echo(title)
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


class Progress:
    """A progress bar on stderr for long work, only when stderr is a terminal; silent otherwise."""

    def __init__(self, description: str):
        self.description = description
        self._progress = None
        self._task = None

    def __call__(self, done: int, total: int) -> None:
        if not (sys.stderr.isatty() and not os.environ.get("NETFILES_NO_PROGRESS")):
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import Progress as RichProgress

            self._progress = RichProgress(console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=total)
        self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
