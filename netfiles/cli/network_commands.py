"""`netfiles ties`, `netfiles orgs` and `netfiles attributes`: what the evidence shows, with its source."""
from __future__ import annotations

from typing import NamedTuple

import click

from .app import NetfilesError, pass_app


class _Shown(NamedTuple):
    """What `attributes` prints of a contact besides its attributes."""

    name: str
    path: str
    role: str | None
    organization: str | None


def register(cli: click.Group) -> None:
    for command in (ties, orgs, attributes):
        cli.add_command(command)


def _shown(total: int, show_all: bool, limit: int | None) -> int:
    from .output import screenful

    return screenful(total, show_all, limit)


def _more(total: int, shown: int, what: str) -> None:
    from .output import more_line

    if total > shown:
        click.echo(more_line(total, shown, what))


def _warn(app, diagnostics) -> None:
    from ..model.diagnostics import format_text

    if diagnostics:
        click.echo(format_text(diagnostics), err=True)


def _find(vault, name: str):
    from ..store.vault import ContactNotFound

    try:
        return vault.find(name)
    except ContactNotFound as exc:
        raise NetfilesError(str(exc)) from None


def _percent(part: int, whole: int) -> str:
    """A whole percentage, rounded half up (1 of 8 is 13%, as a reader rounds); "<1%" rather than a false 0%."""
    if whole and 0 < part and 200 * part < whole:
        return "<1%"
    return f"{(200 * part + whole) // (2 * whole) if whole else 0}%"


# ties ---------------------------------------------------------------------------------------------

@click.command()
@click.argument("name", required=False)
@click.option("--inferred", "only", flag_value="inferred", help="Only ties inferred from evidence (not yet written).")
@click.option("--written", "only", flag_value="written", help="Only ties written as `knows`.")
@click.option("--min", "min_evidence", type=click.IntRange(1), default=None, metavar="N",
              help="Evidence an inferred tie needs (default: [ties] min_evidence, 2).")
@click.option("--accept", nargs=2, metavar="A B", default=None,
              help="Write `knows: [[B]]` into A's file (one line; knows is undirected).")
@click.option("--accept-all", is_flag=True, help="Write every inferred tie shown (with --min, NAME) as `knows`.")
@click.option("--dry-run", is_flag=True, help="With --accept/--accept-all: show the lines, write nothing.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Print every tie, not one screenful.")
@click.option("--limit", type=click.IntRange(1), default=None, metavar="N", help="Print at most N ties.")
@pass_app
def ties(app, name, only, min_evidence, accept, accept_all, dry_run, output_format, show_all, limit):
    """Who knows whom: written `knows` ties and ties inferred from shared interactions.

    Evidence for a pair is a log line of one naming the other (`- 2026-03-04
    meeting: with [[Bo Chen]]`), the same meeting in both files counted once,
    and dated notes that link both. A pair with at least [ties] min_evidence
    pieces (default 2) is an inferred tie. Every line says whether a tie is
    written or inferred. More: netfiles help ties.

    \b
    Examples:
      netfiles ties                         every tie, most evidence first
      netfiles ties "Ana Souza" --inferred  Ana's inferred ties
      netfiles ties --inferred --min 3 --format json
      netfiles ties --accept "Ana Souza" "Bo Chen"
      netfiles ties --accept-all --min 3 --dry-run
    """
    from ..rules.ties import find_ties, tie_settings

    vault = app.vault
    settings, diags = tie_settings(vault.config)
    _warn(app, diags)
    if accept:
        _accept_pair(vault, accept, settings, dry_run)
        return
    found = find_ties(vault, include_inferred=only != "written", min_evidence=min_evidence, settings=settings,
                      names_only=True)  # names and paths are all it prints: no contact is held
    if name:
        contact = _find(vault, name)
        found = [t for t in found if contact.path in t.paths]
    if only:
        found = [t for t in found if t.status == only]
    if accept_all:
        _accept_many(vault, [t for t in found if not t.written], dry_run)
        return
    threshold = settings.min_evidence if min_evidence is None else min_evidence
    written = sum(t.written for t in found)
    if output_format == "json":
        from .output import print_json_list

        print_json_list("ties", (t.to_dict() for t in found),  # 200,000 ties on a 100k vault: printed as made
                        head={"min_evidence": threshold, "max_group": settings.max_group,
                              "written": written, "inferred": len(found) - written})
        return
    if not found:
        click.echo("No ties found. Write `knows` in contact files, or log shared meetings as "
                   "`- DATE meeting: with [[Name]]` (netfiles help ties).")
        return
    click.echo(f"{len(found)} ties: {written} written, {len(found) - written} inferred "
               f"(inferred: {threshold}+ pieces of evidence, groups of up to {settings.max_group}).")
    shown = _shown(len(found), show_all, limit)
    for tie in found[:shown]:
        click.echo(_tie_line(tie))
    _more(len(found), shown, "ties")
    if any(not t.written for t in found[:shown]):
        click.echo('Write one into the files: netfiles ties --accept "NAME" "NAME"')


def _tie_line(tie) -> str:
    if tie.evidence:
        shown = ", ".join(f"{e.date.isoformat()} {e.kind}" for e in tie.evidence[:3])
        more = f", +{tie.count - 3}" if tie.count > 3 else ""
        logs = sum(e.origin == "log" for e in tie.evidence)
        evidence = f"evidence {tie.count} ({logs} log, {tie.count - logs} note): {shown}{more}"
    else:
        evidence = "no evidence in logs or notes"
    return f"{tie.a.name} — {tie.b.name}  {tie.status}  {evidence}"


def _link_to(vault, contact) -> str:
    """A wikilink that names this contact and no other: its file name, else folder/file name."""
    stem = contact.stem
    if [c.path for c in vault.resolve(stem)] == [contact.path]:
        return f"[[{stem}]]"
    return f"[[{contact.path[:-3]}]]"


def _accept_pair(vault, names, settings, dry_run: bool) -> None:
    from ..rules.ties import find_ties

    a, b = (_find(vault, n) for n in names)
    if a.path == b.path:
        raise NetfilesError(f"{names[0]!r} and {names[1]!r} are the same contact, {a.name} ({a.path})")
    pair = tuple(sorted((a.path, b.path)))
    # every written tie is among them, whatever its evidence: one pass over the vault answers both questions
    tie = next((t for t in find_ties(vault, min_evidence=1, settings=settings, names_only=True) if t.paths == pair),
               None)
    if tie is not None and tie.written:
        click.echo(f"{a.name} and {b.name} already know each other (written); nothing to do.")
        return
    count = tie.count if tie else 0
    _write_knows(vault, a, b, dry_run)
    if not count:
        click.echo(f"note: no evidence for {a.name} — {b.name} in logs or notes; written because you asked.",
                   err=True)


def _accept_many(vault, found, dry_run: bool) -> None:
    if not found:
        click.echo("No inferred ties to accept.")
        return
    from ..writing.writes import FileChangedError, WriteError

    failed = []
    for tie in found:
        try:
            _write_knows(vault, tie.a, tie.b, dry_run)
        except (FileChangedError, WriteError, OSError) as exc:
            failed.append(tie)
            click.echo(f"skipped {tie.a.name} — {tie.b.name}: {exc}", err=True)
    done = len(found) - len(failed)
    verb = "would write" if dry_run else "wrote"
    click.echo(f"{verb} {done} knows line{'s' * (done != 1)}" + (" (dry run: nothing written)" if dry_run else "")
               + (f"; {len(failed)} skipped (see above)" if failed else ""))
    if failed:
        click.get_current_context().exit(1)


def _write_knows(vault, a, b, dry_run: bool) -> None:
    from ..writing.writes import add_list_item, planned_list_item

    item = _link_to(vault, b)
    if dry_run:
        line = planned_list_item(vault.abspath(a), "knows", item)
        click.echo(f"{a.path}: would add  {line}" if line else f"{a.path}: already has {item}")
        return
    line = add_list_item(vault.abspath(a), "knows", item)
    click.echo(f"{a.path}: added  {line}" if line else f"{a.path}: already has {item}")


# orgs ---------------------------------------------------------------------------------------------

@click.command()
@click.option("--top", type=click.IntRange(1), default=20, show_default=True, metavar="N",
              help="Say what share of your contacts the N largest organizations cover.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Print every organization, not one screenful.")
@click.option("--limit", type=click.IntRange(1), default=None, metavar="N", help="Print at most N organizations.")
@pass_app
def orgs(app, top, output_format, show_all, limit):
    """Organizations by number of contacts, with the industry [industries] maps each to.

    Classify the largest ones in .netfiles/config.toml and most of your
    network has an industry:

    \b
      [industries]
      "Acme Bank" = "finance"

    \b
    Examples:
      netfiles orgs
      netfiles orgs --top 10 --format json
    """
    from ..rules.attributes import industry_map
    from ..rules.organizations import organization_summary

    vault = app.vault
    industries, diags = industry_map(vault.config)
    _warn(app, diags)
    summary = organization_summary(vault.contact_facts(), industries, top)  # the index's columns: no contact loaded
    if output_format == "json":
        from .output import print_json

        print_json(summary)
        return
    rows = summary["organizations"]
    total = summary["contacts"]
    if not rows:
        click.echo(f"None of your {total} contacts has an organization: add `organization:` to their files "
                   f"(or import LinkedIn, which fills it).")
        return
    from .output import print_table

    shown = _shown(len(rows), show_all, limit)
    print_table([{**r, "share": f"{_percent(r['contacts'], total)}", "cumulative": f"{_percent(r['cumulative'], total)}",
                  "industry": r["industry"] or "unmapped"} for r in rows[:shown]],
                ["name", "contacts", "share", "cumulative", "industry"],
                ["Organization", "Contacts", "Share", "Cumulative", "Industry"])
    _more(len(rows), shown, "organizations")
    covered = summary["top"]
    click.echo(f"The top {covered['organizations']} organizations cover {_percent(covered['contacts'], total)} "
               f"of your contacts ({covered['contacts']} of {total}); "
               f"{total - summary['with_organization']} have no organization.")
    known = summary["industry_known"]
    click.echo(f"Industry known for {_percent(known['contacts'], total)} of your contacts "
               f"({known['written']} written, {known['inferred']} inferred through [industries]); "
               f"{summary['mapped_organizations']} of {len(rows)} organizations are mapped.")


# attributes -----------------------------------------------------------------------------------------

@click.command()
@click.argument("name", required=False)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Print every contact, not one screenful.")
@click.option("--limit", type=click.IntRange(1), default=None, metavar="N", help="Print at most N contacts.")
@pass_app
def attributes(app, name, output_format, show_all, limit):
    """Seniority, function and industry of each contact, written or inferred.

    Written `seniority`, `function` and `industry` fields win; otherwise
    seniority and function come from the `role` (job title) by the rules in
    `netfiles help attributes`, and industry from the [industries] map of organizations.
    Inferred values are marked `(inferred)` and never written to files.

    \b
    Examples:
      netfiles attributes
      netfiles attributes "Ana Souza" --format json
    """
    from ..rules.attributes import attributes_of, industry_map

    vault = app.vault
    industries, diags = industry_map(vault.config)
    _warn(app, diags)
    contacts = [_find(vault, name)] if name else vault.each_contact()
    # what is printed of each contact, not the contact: whole contacts of a large vault take a gigabyte
    found = [(_Shown(c.name, c.path, c.role, c.organization), attributes_of(c, industries)) for c in contacts]
    names = ("seniority", "function", "industry")
    coverage = {n: {"written": sum(1 for _, a in found if n in a and a[n].status == "written"),
                    "inferred": sum(1 for _, a in found if n in a and a[n].status == "inferred")} for n in names}
    if output_format == "json":
        from .output import print_json

        print_json({"contacts": [{"name": c.name, "path": c.path, "role": c.role, "organization": c.organization,
                                  **{n: a[n].to_dict() if n in a else None for n in names}} for c, a in found],
                    "coverage": coverage, "total": len(found)})
        return
    from .output import print_table

    def cell(attrs, n):
        if n not in attrs:
            return ""
        return attrs[n].value + (" (inferred)" if attrs[n].status == "inferred" else "")

    shown = _shown(len(found), show_all, limit)
    print_table([{"name": c.name, "role": c.role, **{n: cell(a, n) for n in names}} for c, a in found[:shown]],
                ["name", "role", *names], ["Name", "Role", "Seniority", "Function", "Industry"])
    _more(len(found), shown, "contacts")
    if not name:
        for n in names:
            known = coverage[n]["written"] + coverage[n]["inferred"]
            click.echo(f"{n}: known for {known} of {len(found)} ({coverage[n]['written']} written, "
                       f"{coverage[n]['inferred']} inferred)")
