"""Small value types that plugins hand to the core: importers, exporters and report sections."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Importer:
    """`netfiles import NAME PATH [--dry-run] [options]` runs `run(vault, path, dry_run=..., **options)`.

    `options` are extra click options (click.Option objects) shown on the subcommand.
    `run` returns an ImportReport; it must write nothing when `dry_run` is true.
    """

    name: str
    help: str
    run: Callable[..., "ImportReport"]
    options: list = field(default_factory=list)
    path_help: str = "file or folder to import"


@dataclass
class Exporter:
    """`netfiles export NAME [OUTPUT] [options]` runs `run(vault, output, **options)`; output None means stdout."""

    name: str
    help: str
    run: Callable[..., Any]
    options: list = field(default_factory=list)
    output_required: bool = False


@dataclass
class ImportReport:
    """What an import did (or, with --dry-run, would do), for the summary and `--format json`."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)  # values that differ but were left as the user had them
    notes: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)  # maybe someone the vault has: for the user to confirm
    dry_run: bool = False

    def counts(self) -> dict[str, int]:
        return {"created": len(self.created), "updated": len(self.updated),
                "unchanged": len(self.unchanged), "skipped": len(self.skipped)}


@dataclass
class ReportSection:
    """One part of `netfiles report`: a title, readable text, and data for `--format json`."""

    title: str
    text: str
    data: dict = field(default_factory=dict)
    order: int = 100
