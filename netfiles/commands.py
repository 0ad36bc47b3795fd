"""The core commands. Each is a thin layer over library functions that tests call directly too."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .app import DATE, NetfilesError, UsageProblem, pass_app, today_option

FORMATS_LIST = click.Choice(["table", "json", "csv"])


def register(cli: click.Group) -> None:
    for command in (init, add, log, ls, show, check, index, plugins, trust, report):
        cli.add_command(command)
    cli.add_command(__import__("netfiles.watch_command", fromlist=["watch"]).watch)  # netfiles watch


# init ---------------------------------------------------------------------------------------------

@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
def init(directory: Path):
    """Make a vault in DIRECTORY (default: here).

    Writes .netfiles/config.toml with the defaults written out and explained,
    .netfiles/.gitignore (keeps the cache out of git), a people/ folder and a
    contact template, then prints a pre-commit snippet. Existing files are
    never overwritten.

    \b
    Example:
      netfiles init ~/network && cd ~/network && git init
    """
    from .scaffold import PRE_COMMIT_SNIPPET, init_vault

    created = init_vault(directory)
    for path in created:
        click.echo(f"created {path}")
    if not created:
        click.echo(f"{directory} is already a netfiles vault; nothing to do.")
    click.echo("\nTo check contacts on every commit, add this to .pre-commit-config.yaml:\n")
    click.echo(PRE_COMMIT_SNIPPET)


# add ----------------------------------------------------------------------------------------------

@click.command()
@click.argument("name")
@click.option("--org", "organization", help="Organization they work for.")
@click.option("--role", help="Their role or job title.")
@click.option("--email", "emails", multiple=True, help="Email address (repeatable).")
@click.option("--phone", "phones", multiple=True, help="Phone number (repeatable).")
@click.option("--tag", "tags", multiple=True, help="Tag (repeatable).")
@click.option("--cadence", help="How often to keep in touch: 2w, 1m, quarterly, never...")
@click.option("--met", type=DATE, help="When you met (YYYY-MM-DD).")
@click.option("--how-met", help="Where or how you met.")
@click.option("--industry", help="Industry, e.g. finance.")
@click.option("--location", help="City or region.")
@click.option("--country", help="Country code, e.g. BR.")
@click.option("--linkedin", help="LinkedIn profile URL.")
@click.option("--knows", "knows", multiple=True, help="Another contact they know (repeatable).")
@click.option("--folder", default="", help="Sub-folder of the people folder to put the file in.")
@pass_app
def add(app, name, organization, role, emails, phones, tags, cadence, met, how_met, industry, location, country,
        linkedin, knows, folder):
    """Create a contact file for NAME; never overwrites an existing file.

    \b
    Example:
      netfiles add "Ana Souza" --org "Acme Bank" --role "Head of Data" \\
          --email ana@example.org --tag mentor --cadence 2m
    """
    from .contacts import new_contact

    fields = {"organization": organization, "role": role, "emails": list(emails), "phones": list(phones),
              "tags": list(tags), "cadence": cadence, "met": met, "how_met": how_met, "industry": industry,
              "location": location, "country": country, "linkedin": linkedin,
              "knows": [f"[[{k}]]" for k in knows]}
    path = new_contact(app.vault, name, fields, folder)
    click.echo(f"created {path}")


# log ----------------------------------------------------------------------------------------------

@click.command()
@click.argument("name")
@click.argument("text", default="")
@click.option("--date", "when", type=DATE, help="Date of the interaction (default: today).")
@click.option("--kind", default="note", show_default=True, help="One word: coffee, call, email, meeting...")
@pass_app
def log(app, name, text, when, kind):
    """Add one line to NAME's log: `- DATE KIND: TEXT` under `## Log`.

    NAME is matched like a wikilink: file name, name or alias, any case. Only
    that one line changes in the file (a one-line git diff).

    \b
    Examples:
      netfiles log "Ana Souza" "talked about her move to risk #gave" --kind coffee
      netfiles log ana "sent the deck" --kind email --date 2026-11-02
    """
    from .vault import ContactNotFound
    from .writes import IndexedFile, append_log_line

    vault = app.vault
    try:
        contact = vault.find(name)
    except ContactNotFound as exc:
        raise NetfilesError(str(exc)) from None
    indexed = IndexedFile(front_matter=bool(contact.front_matter),  # a read missing these is an editor mid-save
                          log=any(i.source == contact.path for i in contact.interactions))
    line = append_log_line(vault.abspath(contact), app.today(when), kind, text, vault_root=vault.root, indexed=indexed)
    click.echo(f"{contact.path}: {line}")


# ls -----------------------------------------------------------------------------------------------

@click.command(name="ls")
@click.option("--tag", "tags", multiple=True, help="Only contacts with this tag (repeat: all of them).")
@click.option("--where", "conditions", multiple=True, metavar="FIELD[=|!=|~=]VALUE",
              help="Filter: industry=finance, location~=paulo (contains), role!=CTO, email (field present).")
@click.option("--sort", type=click.Choice(["name", "last_contact"]), default="name", show_default=True)
@click.option("--format", "output_format", type=FORMATS_LIST, default="table", show_default=True)
@pass_app
def ls(app, tags, conditions, sort, output_format):
    """List contacts, filtered by tag and fields.

    \b
    Examples:
      netfiles ls --tag mentor
      netfiles ls --where industry=finance --where country=BR --sort last_contact
      netfiles ls --where "organization~=bank" --format csv > bank.csv
      netfiles ls --where linkedin --format json | jq '.contacts[].name'
    """
    from .contacts import contact_summary, filter_contacts, parse_condition
    from .output import print_csv, print_json, print_table

    try:
        parsed = [parse_condition(c) for c in conditions]
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    contacts = filter_contacts(app.vault.contacts, tags, parsed)
    if sort == "last_contact":
        contacts.sort(key=lambda c: (c.last_contact is None, -(c.last_contact.toordinal() if c.last_contact else 0), c.name.casefold()))
    else:
        contacts.sort(key=lambda c: c.name.casefold())
    rows = [contact_summary(c) for c in contacts]
    if output_format == "json":
        print_json({"contacts": rows})
    elif output_format == "csv":
        print_csv(rows, ["name", "organization", "role", "industry", "location", "country", "emails", "tags",
                         "last_contact", "path"])
    else:
        print_table(rows, ["name", "organization", "role", "tags", "last_contact"],
                    ["Name", "Organization", "Role", "Tags", "Last contact"])
        click.echo(f"{len(rows)} contact{'s' * (len(rows) != 1)}", err=True)


# show ---------------------------------------------------------------------------------------------

@click.command()
@click.argument("name")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def show(app, name, output_format):
    """Show one contact: fields, who they know, and every interaction.

    \b
    Examples:
      netfiles show "Ana Souza"
      netfiles show ana --format json
    """
    from .contacts import contact_details, render_details
    from .output import print_json
    from .vault import ContactNotFound

    try:
        contact = app.vault.find(name)
    except ContactNotFound as exc:
        raise NetfilesError(str(exc)) from None
    details = contact_details(app.vault, contact)
    if output_format == "json":
        print_json(details)
    else:
        click.echo(render_details(details))


# check --------------------------------------------------------------------------------------------

@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="github prints workflow commands that annotate pull requests.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (NF3, NF301,REM).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Leave out these codes or prefixes.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option("--quiet", "-q", is_flag=True, help="Print diagnostics only, no summary line.")
@pass_app
def check(app, paths, output_format, select, ignore, exit_zero, quiet):
    """Validate contacts and notes; one line per problem, `path:line:col: CODE message`.

    With PATHS (as pre-commit passes them), only those files are checked,
    together with the rules linking them to the rest of the vault.
    Exit status: 0 clean, 1 errors found, 2 usage or configuration problem.

    \b
    Examples:
      netfiles check
      netfiles check people/ana.md --format json
      netfiles check --select NF3 --ignore NF303
      netfiles check --format github        # in CI, annotate the pull request
    """
    from .check import check_vault
    from .config import find_vault_root
    from .diagnostics import filter_diagnostics, format_github, format_json, format_text, has_errors, summary_line
    from .output import use_color

    if app.vault_root is None and paths:  # pre-commit runs from the repository root; the vault may be a subfolder
        app.vault_root = next(filter(None, (find_vault_root(Path(p)) for p in paths)), None)
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise UsageProblem(f"no such file: {', '.join(missing)}")
    vault = app.vault
    result = check_vault(vault, app.pm, _vault_paths(vault, paths) if paths else None)
    if not paths:
        from .diagnostics import Diagnostic

        result.diagnostics += [Diagnostic.core(name, 0, 0, "NF103", "file name is not valid UTF-8, so netfiles cannot "
                                               "index this file; rename it") for name in vault.index.layout.skipped]
    codes = lambda values: [c.strip().upper() for v in values for c in v.split(",") if c.strip()]
    diags = filter_diagnostics(app.plugin_diagnostics + result.diagnostics, codes(select), codes(ignore))
    app.plugin_diagnostics = []  # printed below with the rest
    if output_format == "json":
        click.echo(format_json(diags))
    elif output_format == "github":
        if diags:
            click.echo(format_github(diags))
    else:
        if diags:
            click.echo(format_text(diags, color=use_color()))
        if not quiet:
            click.echo(summary_line(diags, result.files_checked), err=True)
    if has_errors(diags) and not exit_zero:
        raise SystemExit(1)


def _vault_paths(vault, paths) -> list[str] | None:
    """Vault-relative files to check: files as given, folders as the indexed files in them (None: everything).

    Paths outside the vault, and files it does not index (ignored folders, other types), are left out.
    """
    layout = vault.index.layout
    out: list[str] = []
    for path in paths:
        rel = layout.relative(path)
        if rel is None:
            continue
        if os.path.isdir(path):
            if rel == ".":
                return None
            out += [r for r, _ in vault.index.records() if r.startswith(rel + "/")]
        else:
            out.append(rel)
    return out


# index --------------------------------------------------------------------------------------------

@click.command()
@click.option("--rebuild", is_flag=True, help="Forget the cache and read every file again.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def index(app, rebuild, output_format):
    """Bring the index in .netfiles/cache/ up to date and say what changed.

    Only files whose size or modification time changed are read again.
    The cache is derived data: deleting it loses nothing.

    \b
    Examples:
      netfiles index                  after editing files by hand (any command does this too)
      netfiles index --rebuild        read every file again
    """
    from .config import ConfigError, load_config
    from .index import Index
    from .output import print_json

    if rebuild:
        root = app.require_root()
        try:
            config = load_config(root)
        except ConfigError as exc:
            raise UsageProblem(str(exc)) from None
        idx = Index(root, config)
        idx.rebuild()
        idx.close()
    vault = app.vault
    counts = vault.changes.to_dict()
    counts["files"] = vault.files_indexed
    if output_format == "json":
        print_json(counts)
    else:
        click.echo(f"{counts['added']} added, {counts['changed']} changed, {counts['removed']} removed, "
                   f"{counts['unchanged']} unchanged ({counts['files']} files indexed)")


# plugins ------------------------------------------------------------------------------------------

@click.command()
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_app
def plugins(app, output_format):
    """List plugins: where each came from, whether it is loaded, and the hooks it implements.

    \b
    Examples:
      netfiles plugins
      netfiles plugins --format json
    Switch one off in .netfiles/config.toml: [plugins] disabled = ["health"]
    """
    from .output import print_json, print_table
    from .plugins import hooks_of

    rows = [{"name": i.name, "source": i.source, "location": i.location, "status": i.status,
             "hooks": hooks_of(app.pm, i.name) if i.status == "loaded" else [], "message": i.message} for i in app.pm.infos]
    if output_format == "json":
        print_json({"plugins": rows})
    else:
        print_table(rows, ["name", "source", "status", "hooks", "location"], ["Plugin", "Source", "Status", "Hooks", "Location"])
        for row in rows:
            if row["message"]:
                click.echo(f"{row['name']}: {row['message']}", err=True)
    app.show_notices()


# trust --------------------------------------------------------------------------------------------

@click.command()
@click.option("--yes", "-y", is_flag=True, help="Allow without asking.")
@click.option("--revoke", is_flag=True, help="Withdraw the permission instead.")
@pass_app
def trust(app, yes, revoke):
    """Review the vault's own plugins (.netfiles/plugins/*.py) and allow them to run on this machine.

    Vault plugins are code that came with the files, so they run only after
    you allow them. The permission is kept outside the vault, per file content:
    a changed file must be allowed again.

    \b
    Examples:
      netfiles trust            show each plugin file and ask
      netfiles trust --yes      allow them all (after reading them!)
    """
    from . import trust as trust_store
    from .plugins import vault_plugin_files

    root = app.require_root()
    files = vault_plugin_files(root)
    if not files:
        click.echo("This vault has no plugins of its own (.netfiles/plugins/*.py).")
        return
    for path in files:
        state = trust_store.status(path)
        click.echo(f"{path.relative_to(root).as_posix()}  [{state}]  sha256 {trust_store.file_hash(path)[:16]}…")
    if revoke:
        trust_store.revoke(files)
        click.echo("Permission withdrawn; these plugins will not run.")
        return
    pending = [p for p in files if trust_store.status(p) != "allowed"]
    if not pending:
        click.echo("All allowed.")
        return
    if not yes:
        if not sys.stdin.isatty():
            raise NetfilesError("not allowing plugins without confirmation; read them, then run `netfiles trust --yes`")
        for path in pending:
            click.echo(f"\n--- {path.name} ---\n" + path.read_text(encoding="utf-8", errors="replace"))
        if not click.confirm("Allow these plugins to run on this machine?"):
            raise NetfilesError("nothing allowed")
    trust_store.allow(pending)
    click.echo(f"Allowed {len(pending)} plugin file{'s' * (len(pending) != 1)} on this machine.")


# report -------------------------------------------------------------------------------------------

@click.command()
@today_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def report(app, today, output_format):
    """A one-page overview: vault summary plus every plugin's section (due contacts, network health...).

    \b
    Example:
      netfiles report --today 2026-11-21
    """
    from .output import print_json
    from .plugins import collect
    from .report import vault_section

    vault = app.vault
    day = app.today(today)
    sections = [vault_section(vault, day)]
    sections += collect(app.pm, "netfiles_report_sections", app.plugin_diagnostics, vault=vault, today=day)
    sections.sort(key=lambda s: s.order)
    if output_format == "json":
        print_json({"today": day.isoformat(), "sections": [{"title": s.title, "text": s.text, "data": s.data} for s in sections]})
        return
    for section in sections:
        click.secho(section.title, bold=True)
        click.echo(section.text.rstrip() + "\n")
