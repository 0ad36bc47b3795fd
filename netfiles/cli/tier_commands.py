"""The commands `netfiles dormant` and `netfiles review` (docs/tiers.md): thin layers over dormant.py and review.py."""
from __future__ import annotations

import sys

import click

from .app import NetfilesError, UsageProblem, pass_app, today_option

FORMAT = click.Choice(["table", "json"])
SHOWN = 20


def and_more(count: int, shown: int, hint: str) -> str:
    return f"... and {count - shown} more ({hint})" if count > shown else ""


@click.command()
@today_option
@click.option("--n", "count", type=click.IntRange(min=1), default=SHOWN, show_default=True,
              help="How many to list in the table (JSON lists them all).")
@click.option("--format", "output_format", type=FORMAT, default="table", show_default=True)
@pass_app
def dormant(app, today, count, output_format):
    """Once-strong ties silent for two years or more, most novel first: worth reviving.

    Ranked by how much new they would bring: an organization or industry
    other than yours and your active core's, or a move since you last met.
    Reconnecting with dormant ties gives advice as useful as current ties and
    more novel (Levin, Walter & Murnighan 2011). Rules: netfiles help tiers.

    \b
    Examples:
      netfiles dormant
      netfiles dormant --today 2026-11-21 --format json
    """
    from ..rules.dormant import dormant_ties

    day = app.today(today)
    ties = dormant_ties(app.vault, day)
    if output_format == "json":
        from .output import print_json

        print_json({"today": day.isoformat(), "count": len(ties), "dormant": [t.to_dict() for t in ties]})
        return
    if not ties:
        click.echo("No dormant strong ties: nobody who was once strong (about monthly contact, or a written "
                   "strength of 4 or 5) has been silent for two years. Log past interactions to find them.",
                   err=True)
        return
    for rank, tie in enumerate(ties[:count], 1):
        years = (tie.silent_days or 0) / 365.25
        where = ", ".join(x for x in (tie.organization, tie.industry) if x) or "organization and industry unknown"
        click.echo(f"{rank}. {tie.name} ({where}): silent {years:.1f} years since "
                   f"{tie.last_contact.isoformat() if tie.last_contact else 'never'}, "
                   f"strength {tie.peak_strength:.1f} at its strongest; new: {tie.novelty} of 5")
        for line in tie.evidence:
            click.echo(f"     + {line}")
        if tie.not_measured:
            click.echo(f"     not measured: {'; '.join(tie.not_measured)}")
    more = and_more(len(ties), count, "--n to see more, --format json for all")
    if more:
        click.echo(more)


@click.command()
@today_option
@click.option("--set", "decisions", nargs=2, multiple=True, metavar="NAME FIELD=VALUE",
              help="Apply one decision without prompting, e.g. --set 'Ana Souza' tier=core (repeatable).")
@click.option("--format", "output_format", type=FORMAT, default="table", show_default=True,
              help="json: the queue of untriaged contacts, in review order.")
@click.option("--interactive/--no-interactive", default=None,
              help="Ask one contact at a time (default: when run on a terminal).")
@pass_app
def review(app, today, decisions, output_format, interactive):
    """Pick your core network: untriaged contacts one at a time, one key each.

    Shows the most promising contacts without a written `tier` first
    (strongest evidence, then dormant strong ties, then people from the
    groups you see least) with the evidence. Keys: i inner, c core,
    w wider, d dormant, k set a cadence, t add a tag, s skip, q quit.
    Each decision is a one-line change to the contact's file; stop any
    time and run it again to go on.

    \b
    Examples:
      netfiles review
      netfiles review --format json | jq '.queue[:10]'
      netfiles review --set "Ana Souza" tier=core --set ana cadence=2m
    """
    from .review import apply_decision, parse_decision, review_queue

    vault = app.vault
    if decisions:
        for name, text in decisions:
            try:
                key, value = parse_decision(text)
            except ValueError as exc:
                raise UsageProblem(str(exc)) from None
            click.echo(_apply(vault, apply_decision, vault_find(vault, name), key, value))
        return
    day = app.today(today)
    queue = review_queue(vault, day)
    if output_format == "json":
        from .output import print_json

        print_json({"today": day.isoformat(), "untriaged": len(queue), "queue": [c.to_dict() for c in queue]})
        return
    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if not queue:
        click.echo("Everyone has a tier: nothing to review.", err=True)
        return
    if not interactive:
        from .output import print_table

        rows = [{"name": c.name, "section": c.section, "tier": c.tier, "strength": f"{c.strength:.1f}",
                 "last": c.last_contact.isoformat() if c.last_contact else "never"} for c in queue[:SHOWN]]
        print_table(rows, ["name", "section", "tier", "strength", "last"],
                    ["Name", "Why now", "Inferred tier", "Strength", "Last contact"])
        more = and_more(len(queue), SHOWN, "--format json lists them all")
        click.echo((more + "\n" if more else "") + f"{len(queue)} untriaged. On a terminal `netfiles review` asks "
                   "one at a time; in scripts use --set NAME tier=core.", err=True)
        return
    _interactive(vault, queue, apply_decision, parse_decision)


def vault_find(vault, name: str):
    from ..store.vault import ContactNotFound

    try:
        return vault.find(name)
    except ContactNotFound as exc:
        raise NetfilesError(str(exc)) from None


def _apply(vault, apply_decision, contact, key, value) -> str:
    from ..writing.writes import FileChangedError, WriteError

    try:
        return apply_decision(vault, contact, key, value)
    except (WriteError, FileChangedError, OSError) as exc:
        raise NetfilesError(str(exc)) from None


PROMPT = "[i]nner [c]ore [w]ider [d]ormant  [k] cadence  [t] tag  [s]kip  [q]uit > "


def _interactive(vault, queue, apply_decision, parse_decision) -> None:
    from .review import KEYS

    decided = 0
    for number, candidate in enumerate(queue, 1):
        click.echo("")
        click.secho(f"{number}/{len(queue)}  {candidate.name}", bold=True)
        where = " · ".join(x for x in (candidate.role, candidate.organization, candidate.group) if x)
        if where:
            click.echo(f"  {where}")
        click.echo(f"  why now: {candidate.section}")
        for line in candidate.evidence:
            click.echo(f"  - {line}")
        contact = vault.contact_at(candidate.path)
        while True:
            click.echo(PROMPT, nl=False)
            try:
                key = click.getchar()
            except (KeyboardInterrupt, EOFError, click.Abort):
                key = "q"
            key = (key or "q").lower()
            click.echo(key if key.isprintable() else "")
            if key in KEYS:
                click.echo("  " + _apply(vault, apply_decision, contact, "tier", KEYS[key]))
                decided += 1
                break
            if key in ("k", "t"):
                field = "cadence" if key == "k" else "tag"
                text = click.prompt(f"  {field}", default="", show_default=False).strip()
                if not text:
                    continue
                try:
                    name, value = parse_decision(f"{field}={text}")
                except ValueError as exc:
                    click.echo(f"  {exc}")
                    continue
                click.echo("  " + _apply(vault, apply_decision, contact, name, value))
                continue
            if key == "s":
                break
            if key == "q":
                _summary(decided, len(queue) - decided)
                return
            click.echo("  keys: i c w d set the tier, k cadence, t tag, s skip, q quit")
    _summary(decided, len(queue) - decided)


def _summary(decided: int, left: int) -> None:
    click.echo(f"\nSet {decided} tier{'s' * (decided != 1)}; {left} contact{'s' * (left != 1)} still untriaged"
               + (": run `netfiles review` again to go on." if left else "."))
