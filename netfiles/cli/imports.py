"""Running an importer from the command line: the vault, the dry run, and the summary."""
from __future__ import annotations

import click

from .app import NetfilesError

UNCHANGED_SHOWN = 20  # a dry run names this many untouched contacts; JSON lists them all


def run_import(app, importer, path, dry_run: bool, output_format: str, options: dict) -> None:
    from .output import print_json

    vault = app.vault
    try:
        report = importer.run(vault, path, dry_run=dry_run, **options)
    except (ValueError, OSError) as exc:
        raise NetfilesError(f"{importer.name} import of {path} failed: {exc}") from None
    if output_format == "json":
        print_json({"dry_run": dry_run, **report.counts(), "created_files": report.created,
                    "updated_files": report.updated, "unchanged_files": report.unchanged,
                    "skipped_people": report.skipped, "uncertain": report.uncertain,
                    "differences": report.differences, "notes": report.notes})
        return
    verb = "would be " if dry_run else ""
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for rel in report.created:
        click.echo(f"{'would create' if dry_run else 'created'} {rel}")
    for rel in report.updated:
        click.echo(f"{'would update' if dry_run else 'updated'} {rel}")
    if dry_run:
        for rel in report.unchanged[:UNCHANGED_SHOWN]:
            click.echo(f"would leave alone {rel}")
        if len(report.unchanged) > UNCHANGED_SHOWN:
            click.echo(f"would leave alone {len(report.unchanged) - UNCHANGED_SHOWN} more (--format json lists them all)")
    if dry_run and report.skipped:
        _echo_some("Not imported:", report.skipped)
    if report.uncertain:
        _echo_some("Maybe someone you have (not imported; please confirm):", report.uncertain)
    if report.differences:
        click.echo("\nLeft as you have them (the source says otherwise):")
        for line in report.differences:
            click.echo(f"  {line}")
    counts = report.counts()
    click.echo(f"\n{counts['created']} {verb}created, {counts['updated']} {verb}updated, "
               f"{counts['unchanged']} unchanged, {counts['skipped']} skipped"
               + (f", {len(report.uncertain)} to confirm." if report.uncertain else ".") + (" (dry run: nothing written)" if dry_run else ""))


def _echo_some(title: str, lines: list[str]) -> None:
    """A titled list: the first UNCHANGED_SHOWN lines, then "and N more" (JSON output has them all)."""
    click.echo(f"\n{title}")
    for line in lines[:UNCHANGED_SHOWN]:
        click.echo(f"  {line}")
    if len(lines) > UNCHANGED_SHOWN:
        click.echo(f"  and {len(lines) - UNCHANGED_SHOWN} more (--format json lists them all)")
