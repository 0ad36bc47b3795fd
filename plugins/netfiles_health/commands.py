"""The `health` and `intro` commands and the report section. Heavy modules are imported inside the functions."""
from __future__ import annotations

from pathlib import Path

import click

from netfiles import (CONFIG_PATH, DATE, NetfilesError, ReportSection, SettingError, UsageProblem, missing_modules,
                      pass_app, require_extra, to_json, today_option)

from . import NEEDS


def _settings(vault):
    from .settings import settings_of

    settings, problems = settings_of(vault)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SettingError(f"bad [health] settings in {CONFIG_PATH}: " + "; ".join(p.message for p in errors))
    return settings


def _write(output: Path, text: str) -> None:
    """A regular file or a new name in an existing folder (netfiles.write_output refuses FIFOs, devices, folders)."""
    from netfiles import write_output

    try:
        write_output(output, text)
    except OSError as exc:
        raise NetfilesError(f"cannot write {output}: {exc.strerror or exc}") from None


@click.command()
@today_option
@click.option("--format", "output_format", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="A readable report, JSON for scripts, or one self-contained HTML page.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of printing it.")
@click.option("--since", type=DATE, default=None,
              help="Also compare with the network as of this date (YYYY-MM-DD): gained, gone quiet, faded.")
@pass_app
def health(app, today, output_format, output, since):
    """How healthy your network is: structure, diversity, tie strength, reciprocity, channels, growth.

    Measures your own ego network (you = [me] in config; your contacts; their
    `knows` ties) with the standard definitions of network science: Burt's
    effective size and constraint, clusters and brokers, Blau's diversity
    index, the E-I index against you, strong and weak ties, Dunbar's layers.
    Settings: the [health] table of .netfiles/config.toml.

    \b
    Examples:
      netfiles health --today 2026-11-21
      netfiles health --format json | jq .structure.constraint
      netfiles health --format html --output health.html
      netfiles health --since 2025-11-21 --today 2026-11-21
    """
    require_extra("netfiles health", "health", *NEEDS)
    from .report import health_report, public

    vault = app.vault
    settings = _settings(vault)
    day = app.today(today)
    if since is not None and since >= day:
        raise UsageProblem(f"--since {since.isoformat()} must be before today ({day.isoformat()})")
    report = health_report(vault, day, settings, since)
    if output_format == "json":
        text = to_json(public(report)) + "\n"
    elif output_format == "html":
        from .html import render_html

        text = render_html(report)
    else:
        from .text import render_text

        text = render_text(report)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(output, text)
        click.echo(f"Wrote {output}", err=True)


@click.command()
@click.argument("target")
@click.option("--n", "count", type=click.IntRange(min=1), default=3, show_default=True,
              help="How many introducers to suggest.")
@today_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def intro(app, target, count, today, output_format):
    """Who can introduce you to TARGET: a contact, a tag, an organization, or FIELD=VALUE.

    Follows `knows` ties from your contacts to the target, preferring strong
    ties. For a group (tag, organization, industry=health, ...) it prefers
    contacts who differ most from you: they know the people you don't.

    \b
    Examples:
      netfiles intro "Ana Souza"
      netfiles intro industry=health --n 5
      netfiles intro tag:mentor
      netfiles intro "Banco Horizonte"
    """
    require_extra("netfiles intro", "health", *NEEDS)
    from .intro import IntroError, find_introducers, render_intro

    vault = app.vault
    settings = _settings(vault)
    try:
        result = find_introducers(vault, target, count, app.today(today), settings)
    except IntroError as exc:
        raise NetfilesError(str(exc)) from None
    if output_format == "json":
        click.echo(to_json(result))
    else:
        click.echo(render_intro(result), nl=False)


def report_section(vault, today) -> ReportSection:
    missing = missing_modules(*NEEDS)
    if missing:
        return ReportSection("Network health", f"Not measured: needs {', '.join(missing)}, not installed: "
                             "pip install 'netfiles[health]'.", {"measured": False, "missing": missing}, order=50)
    from .report import HealthConfigError, health_report, public
    from .text import render_section

    try:
        report = health_report(vault, today)
    except HealthConfigError as exc:
        return ReportSection("Network health", f"Not measured: bad [health] settings ({exc}).", {}, order=50)
    data = {"coverage": report["coverage"], "findings": report["findings"][:3],
            "structure": {k: report["structure"][k]
                          for k in ("measured", "effective_size", "efficiency", "constraint", "density", "reason")},
            "ties": {k: report["ties"][k] for k in ("measured", "strong", "weak", "reason")}}
    return ReportSection("Network health", render_section(report), public(data), order=50)
