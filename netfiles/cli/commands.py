"""The core commands. Each is a thin layer over library functions that tests call directly too."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from .app import DATE, App, NetfilesError, UsageProblem, pass_app, today_option
from ..model.config import VaultPaths

FORMATS_LIST = click.Choice(["table", "json", "csv"])


# init ---------------------------------------------------------------------------------------------

@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--people", metavar="FOLDER",
              help="Folder your contacts are in (default: an existing People/ or Contacts/ folder, else people/).")
@click.option("--name", "owner_name", help="Your name, for [me] (asked on a terminal when not given).")
@click.option("--email", "owner_emails", multiple=True, help="Your email address, for [me] (repeatable).")
@click.option("--linkedin", "owner_linkedin", help="Your LinkedIn profile URL, for [me].")
@click.option("--pre-commit/--no-pre-commit", "pre_commit", default=None,
              help="Write a .pre-commit-config.yaml that runs `netfiles check` on every commit.")
@click.option("--merge-driver/--no-merge-driver", "merge_driver", default=None,
              help="In a git repository: merge contact files by meaning (as `netfiles git setup`).")
@click.option("--no-input", is_flag=True, help="Ask nothing, even on a terminal.")
@click.pass_context
def init(ctx, directory: Path, people, owner_name, owner_emails, owner_linkedin, pre_commit, merge_driver, no_input):
    """Make a vault in DIRECTORY (default: here), or add netfiles to an existing Obsidian vault.

    Writes .netfiles/config.toml with the defaults written out and explained
    and you as [me] (importers never make you a contact), .netfiles/.gitignore
    (keeps the cache out of git), a people folder and a contact template.
    Existing files are never overwritten. In an Obsidian vault, .obsidian/ is
    left alone, an existing People/ or Contacts/ folder is used, and the
    template goes to Obsidian's templates folder.

    \b
    Examples:
      netfiles init ~/network && cd ~/network && git init
      netfiles init --name "Sam Owner" --email sam@example.org --pre-commit
      netfiles init ~/Obsidian/MyVault --people "People"
    """
    from .git_command import git_root
    from ..writing.scaffold import Owner, init_vault, plan_init, pre_commit_config, write_pre_commit_config

    plan = plan_init(directory, people)
    asking = not no_input and sys.stdin.isatty()
    owner = Owner(owner_name or "", list(owner_emails), owner_linkedin or "")
    if asking and not VaultPaths(directory).config_file.exists():
        if not owner.name:
            owner.name = click.prompt("Your name (so imports never make you a contact)", default="",
                                      show_default=False).strip()
        if not owner.emails:
            answer = click.prompt("Your email addresses, separated by commas", default="", show_default=False)
            owner.emails = [e.strip() for e in answer.split(",") if e.strip()]
    for email in owner.emails:
        if not re.match(r"^[^@\s]+@[^@\s]+$", email):
            raise UsageProblem(f"invalid email {email!r}: expected local@domain")
    created = init_vault(directory, plan.people, owner)
    for path in created:
        click.echo(f"created {path}")
    if not created:
        click.echo(f"{directory} is already a netfiles vault; nothing to do.")
    if plan.obsidian:
        click.echo(f"Obsidian vault: .obsidian/ left as it is; contacts are the notes in {plan.people}/.")
    repo_root = git_root(directory)
    if pre_commit is None and asking and repo_root is not None:
        pre_commit = click.confirm("Check contact files on every commit (writes .pre-commit-config.yaml)?",
                                   default=True)
    if merge_driver is None and asking and repo_root is not None:
        merge_driver = click.confirm("Merge contact files by meaning when clones meet (netfiles git setup)?",
                                     default=True)
    if merge_driver:
        if repo_root is None:
            raise UsageProblem(f"{directory} is not in a git repository: run `git init` first, then `netfiles git setup`")
        from .git_command import setup

        ctx.obj = App(ctx.obj.pm, directory.resolve())
        ctx.invoke(setup, attributes_only=False)
    if pre_commit:
        written = write_pre_commit_config(directory, repo_root)
        if written:
            click.echo(f"created {written} (then run `pre-commit install` once in this clone)")
        else:
            click.echo("A .pre-commit-config.yaml exists already; add this hook to its repos:\n")
            click.echo(pre_commit_config(directory, repo_root).split("\n", 1)[1])
    else:
        click.echo("\nTo check contacts on every commit, put this in .pre-commit-config.yaml"
                   " (or run `netfiles init --pre-commit`):\n")
        click.echo(pre_commit_config(directory, repo_root))


# add ----------------------------------------------------------------------------------------------

@click.command()
@click.argument("name")
@click.option("--org", "organization", help="Organization they work for.")
@click.option("--role", help="Their role or job title.")
@click.option("--email", "emails", multiple=True, help="Email address (repeatable).")
@click.option("--phone", "phones", multiple=True, help="Phone number (repeatable).")
@click.option("--tag", "tags", multiple=True, help="Tag (repeatable).")
@click.option("--alias", "aliases", multiple=True, help="Another name they go by, e.g. a first name (repeatable).")
@click.option("--cadence", help="How often to keep in touch: 2w, 1m, quarterly, never...")
@click.option("--met", type=DATE, help="When you met (YYYY-MM-DD).")
@click.option("--how-met", help="Where or how you met.")
@click.option("--industry", help="Industry, e.g. finance.")
@click.option("--location", help="City or region.")
@click.option("--country", help="Country code, e.g. BR.")
@click.option("--linkedin", help="LinkedIn profile URL.")
@click.option("--knows", "knows", multiple=True, help="Another contact they know (repeatable).")
@click.option("--folder", default="", help="Sub-folder of the people folder to put the file in.")
@today_option
@pass_app
def add(app, name, organization, role, emails, phones, tags, aliases, cadence, met, how_met, industry, location,
        country, linkedin, knows, folder, today):
    """Create a contact file for NAME; never overwrites an existing file.

    The file gets `added: <today>`: reminders for someone you have not yet
    been in touch with count from that day (netfiles help tiers).

    \b
    Example:
      netfiles add "Ana Souza" --alias Ana --org "Acme Bank" --role "Head of Data" \\
          --email ana@example.org --tag mentor --cadence 2m
    """
    from .contacts import new_contact

    fields = {"aliases": list(aliases), "organization": organization, "role": role, "emails": list(emails), "phones": list(phones),
              "tags": list(tags), "cadence": cadence, "met": met, "how_met": how_met, "industry": industry,
              "location": location, "country": country, "linkedin": linkedin,
              "knows": [f"[[{k}]]" for k in knows], "added": app.today(today)}
    path = new_contact(app.vault, name, fields, folder)
    click.echo(f"created {path}")


# log ----------------------------------------------------------------------------------------------

@click.command()
@click.argument("name")
@click.argument("text", default="")
@click.option("--date", "when", type=DATE, help="Date of the interaction (default: today).")
@click.option("--kind", help="One word: coffee, call, email, meeting... [default: note]")
@pass_app
def log(app, name, text, when, kind):
    """Add one line to NAME's log: `- DATE KIND: TEXT` under `## Log`.

    NAME is matched like a wikilink: file name, name or alias, any case. Only
    that one line changes in the file (a one-line git diff). TEXT may start
    with the kind, as the line itself does: "coffee: ..." is --kind coffee.

    \b
    Examples:
      netfiles log "Ana Souza" "talked about her move to risk #gave" --kind coffee
      netfiles log ana "coffee: talked about her move to risk #gave"
      netfiles log ana "sent the deck" --kind email --date 2026-11-02
    """
    from ..store.vault import ContactNotFound
    from ..writing.writes import IndexedFile, append_log_line

    vault = app.vault
    try:
        contact = vault.find(name)
    except ContactNotFound as exc:
        raise NetfilesError(str(exc)) from None
    kind, text = _kind_and_text(kind, text, vault.config)
    indexed = IndexedFile(front_matter=bool(contact.front_matter),  # a read missing these is an editor mid-save
                          log=any(i.source == contact.path for i in contact.interactions))
    line = append_log_line(vault.abspath(contact), app.today(when), kind, text, vault_root=vault.root, indexed=indexed)
    click.echo(f"{contact.path}: {line}")


def _kind_and_text(kind: str | None, text: str, config) -> tuple[str, str]:
    """Read a leading `kind:` of the text as the kind, when it is a known kind or the --kind given.

    "re: the budget" stays text: only words that name a kind (a channel's kind in the config,
    or the --kind option itself) are taken, so the line is never `coffee: coffee: ...`.
    """
    match = re.match(r"^\s*([\w-]+):(?:\s+|$)(.*)$", text, re.S)
    if match:
        word = match.group(1).lower()
        known = {k for kinds in config.channels().values() for k in kinds}
        if word == (kind or "").strip().lower() or (kind is None and word in known):
            return word, match.group(2)
    return kind or "note", text


# ls -----------------------------------------------------------------------------------------------

@click.command(name="ls")
@click.option("--tag", "tags", multiple=True, help="Only contacts with this tag (repeat: all of them).")
@click.option("--where", "conditions", multiple=True, metavar="FIELD[=|!=|~=]VALUE",
              help="Filter: industry=finance, location~=paulo (contains), role!=CTO, email (field present).")
@click.option("--sort", type=click.Choice(["name", "last_contact"]), default="name", show_default=True)
@click.option("--format", "output_format", type=FORMATS_LIST, default="table", show_default=True)
@click.option("--tier", "tiers", multiple=True, type=click.Choice(["inner", "core", "dormant", "wider"]),
              help="Only contacts in this tier, written or inferred (repeatable; netfiles help tiers).")
@click.option("--all", "show_all", is_flag=True,
              help="On a terminal, print every contact, not one screenful (pipes and files always get all).")
@today_option
@pass_app
def ls(app, tags, conditions, sort, output_format, tiers, show_all, today):
    """List contacts, filtered by tag and fields.

    \b
    Examples:
      netfiles ls --tag mentor
      netfiles ls --where industry=finance --where country=BR --sort last_contact
      netfiles ls --where "organization~=bank" --format csv > bank.csv
      netfiles ls --where linkedin --format json | jq '.contacts[].name'
      netfiles ls --tier inner --tier core
      netfiles ls --all                 # on a terminal: every contact, not one screenful

    JSON rows also give `strength` with `strength_source` (written or
    inferred), `tier` with `tier_source`, and `last_contact` (netfiles help tiers).
    """
    from .contacts import contact_summaries, filter_contacts, parse_condition
    from .output import print_csv, print_table, screenful

    try:
        parsed = [parse_condition(c) for c in conditions]
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    # --where may name any front matter field: only then every contact is read (one at a time, only matches
    # kept); else the index's columns do
    contacts = filter_contacts(app.vault.each_contact() if parsed else app.vault.contact_facts(), tags, parsed)
    if tiers:
        from ..rules.tiers import tier_names

        assigned = tier_names(app.vault, app.today(today))
        contacts = [c for c in contacts if assigned[c.path] in tiers]
    contacts.sort(key=lambda c: c.name.casefold())
    if sort == "last_contact":  # most recent first, never contacted last; by name within a day (sorts are stable)
        contacts.sort(key=lambda c: -c.last_contact.toordinal() if c.last_contact else 1)
    if output_format == "json":  # made and written a chunk of rows at a time: 100,000 rows are never held at once
        from ..rules.tiers import tier_columns
        from .contacts import SUMMARY_COLUMNS, merged_columns, summary_columns
        from .output import ROWS_AT_ONCE, print_json_columns

        tier_keys, tier_values = tier_columns(app.vault, app.today(today))
        columns, merge = merged_columns(SUMMARY_COLUMNS, tier_keys)  # tiers' strength and last contact win
        parts = (contacts[start:start + ROWS_AT_ONCE] for start in range(0, len(contacts), ROWS_AT_ONCE))
        print_json_columns("contacts", columns, (merge(summary_columns(part) + tier_values(part)) for part in parts))
        return
    rows = contact_summaries(contacts)
    if output_format == "csv":
        print_csv(rows, ["name", "organization", "role", "industry", "location", "country", "emails", "tags",
                         "last_contact", "path"])
    else:
        print_table(rows, ["name", "organization", "role", "tags", "last_contact"],
                    ["Name", "Organization", "Role", "Tags", "Last contact"],
                    shown=screenful(len(rows), show_all), what="contacts")
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
    from ..store.vault import ContactNotFound

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
    from ..rules.check import check_vault
    from ..model.config import find_vault_root
    from ..model.diagnostics import (filter_diagnostics, format_github, format_json, format_text, has_errors, shown_paths,
                              summary_line)
    from .output import use_color

    if app.vault_root is None and paths:  # pre-commit runs from the repository root; the vault may be a subfolder
        app.vault_root = next(filter(None, (find_vault_root(Path(p)) for p in paths)), None)
    if paths:  # as pre-commit runs it: refresh only these files and those their rules read, not the whole vault
        result = check_vault(app.open_vault(refresh=False), app.pm, files=paths, refresh=True)
    else:
        result = check_vault(app.vault, app.pm)
    loaded = set(getattr(app.pm, "load_diagnostics", ()))
    extra = [d for d in app.plugin_diagnostics if d not in loaded]  # plugins failing while this command started
    codes = lambda values: [c.strip().upper() for v in values for c in v.split(",") if c.strip()]
    diags = filter_diagnostics(extra + result.diagnostics, codes(select), codes(ignore))
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
            skipped = [i.name for i in app.pm.infos if i.status in ("untrusted", "changed")]
            left_out = f" ({shown_paths(result.outside)}: outside the vault, not checked)" if result.outside else ""
            click.echo(summary_line(diags, result.files_checked, skipped) + left_out, err=True)
    if has_errors(diags) and not exit_zero:
        raise SystemExit(1)


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
    from ..model.config import ConfigError, load_config
    from ..store.index import Index
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
    from ..plugin_api.plugins import hooks_of

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
    from ..plugin_api import trust as trust_store
    from ..plugin_api.plugins import vault_plugin_files

    root = app.require_root()
    files = vault_plugin_files(root)
    if not files:
        click.echo("This vault has no plugins of its own (.netfiles/plugins/*.py).")
        return
    if revoke:
        for path in files:
            click.echo(path.relative_to(root).as_posix())
        trust_store.revoke(files)
        click.echo("Permission withdrawn; these plugins will not run.")
        return
    shown: dict[Path, tuple[str, str]] = {}  # each file read once: what is listed, shown and allowed is the same bytes
    refused = 0
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            source = trust_store.read_source(path)
            text = trust_store.decode_source(source)
        except trust_store.PluginSourceError as exc:
            click.echo(f"{rel}  [refused]  {exc}; it cannot be allowed")
            refused += 1
            continue
        digest = trust_store.file_hash(path, source)
        state = trust_store.status(path, source)
        click.echo(f"{rel}  [{state}]  sha256 {digest[:16]}…")
        if state != "allowed":
            shown[path] = (digest, text)
    if not shown:
        click.echo("Nothing else to allow." if refused else "All allowed.")
        return
    if not yes:
        if not sys.stdin.isatty():
            raise NetfilesError("not allowing plugins without confirmation; read them, then run `netfiles trust --yes`")
        for path, (_digest, text) in shown.items():
            display, hidden = trust_store.visible(text)
            click.echo(f"\n--- {path.name} ---\n" + display)
            if hidden:
                click.echo(f"--- {path.name}: {hidden} control or invisible character{'s' * (hidden != 1)} "
                           "shown as <NAME> or <U+XXXX>: a terminal would have acted on them or hidden them ---")
        if not click.confirm("Allow these plugins to run on this machine?"):
            raise NetfilesError("nothing allowed")
    trust_store.allow_hashes({path: digest for path, (digest, _text) in shown.items()})
    click.echo(f"Allowed {len(shown)} plugin file{'s' * (len(shown) != 1)} on this machine.")


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
    from ..plugin_api.plugins import collect
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
