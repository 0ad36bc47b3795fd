"""The thin command line over the library: `create_cli(pm)` builds the click group, `main()` runs it."""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from .. import __version__
from .app import App
from ..model.errors import NetfilesError


class CommandError(click.ClickException):
    """A library `NetfilesError` as click shows it: `Error: MESSAGE` and the error's exit status."""

    def __init__(self, error: NetfilesError):
        super().__init__(error.message)
        self.exit_code = error.exit_code  # type: ignore[misc]  # click declares it on the class; one per error here


EPILOG = """\b
Examples:
  netfiles init ~/network            make a vault
  netfiles add "Ana Souza" --org "Acme Bank" --tag mentor
  netfiles log ana "talked about her move to risk" --kind coffee
  netfiles ls --tag mentor --sort last_contact
  netfiles check                     validate every file (pre-commit uses this)
  netfiles due                       who to get in touch with now

The vault is the nearest folder holding .netfiles/, from here upwards;
--vault DIR or NETFILES_VAULT choose another. The file format and every
diagnostic code: netfiles help format. All topics: netfiles help.
"""


class NetfilesGroup(click.Group):
    """Turns unexpected exceptions into one clear line and exit status 2, never a traceback."""

    plugin_notices: tuple[str, ...] = ()  # why vault plugins did not run, set by `create_cli`

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except NetfilesError as exc:  # the library's expected failures (WriteError, SettingError, ...): their exit
            raise CommandError(exc) from None
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        except Exception as exc:
            if os.environ.get("NETFILES_DEBUG"):
                raise
            click.echo(f"netfiles: internal error: {type(exc).__name__}: {exc}\n"
                       "Please report it; set NETFILES_DEBUG=1 to see the traceback.", err=True)
            ctx.exit(2)

    def resolve_command(self, ctx, args):
        """An unknown command may belong to a vault plugin that did not run: say so next to the usage error."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            for notice in self.plugin_notices:
                click.echo(f"note: {notice}", err=True)
            raise


def create_cli(pm=None) -> click.Group:
    """A fresh command group with the core commands and every plugin's commands, importers and exporters."""
    from ..plugin_api.plugins import call_hook, get_plugin_manager

    if pm is None:
        pm = get_plugin_manager(None)

    @click.group(cls=NetfilesGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, "--version", prog_name="netfiles")
    @click.option("--vault", "vault_dir", type=click.Path(file_okay=False, path_type=Path), envvar="NETFILES_VAULT",
                  help="The vault folder (default: nearest folder with .netfiles/ from here up).")
    @click.pass_context
    def cli(ctx, vault_dir):
        """netfiles: your professional network as plain Markdown files."""
        from ..model.config import locate_vault

        root = locate_vault(str(vault_dir) if vault_dir else None)
        app = App(pm, root)
        if isinstance(ctx.obj, list):  # `_run` keeps the command's App to the end of the process
            ctx.obj.append(app)
        ctx.obj = app
        app.plugin_diagnostics.extend(problems)
        ctx.call_on_close(app.report_plugin_problems)
        ctx.call_on_close(app.close)  # the script's process ends without closing what is left open

    # NF001 from building this command line (kept per CLI: a manager reused for several CLIs must not pile them up)
    problems: list = []
    from .registry import CORE_COMMANDS, LazyCommands

    cli.commands = LazyCommands(CORE_COMMANDS)  # each imported when it runs or its help is shown
    _add_import_export(cli, pm, problems)
    call_hook(pm, "netfiles_register_commands", problems, cli=cli)
    cli.plugin_notices = tuple(getattr(pm, "notices", ()))
    _add_version_options(cli)
    return cli


def _add_import_export(cli: click.Group, pm, problems: list) -> None:
    from ..plugin_api.plugins import collect

    @cli.group(name="import", cls=NetfilesGroup)
    def import_group():
        """Bring contacts in from another source (LinkedIn, vCard, ...).

        \b
        Examples:
          netfiles import linkedin ~/Downloads/Basic_LinkedInDataExport.zip --dry-run
          netfiles import vcard contacts.vcf
        """

    @cli.group(name="export", cls=NetfilesGroup)
    def export_group():
        """Write the vault out for other tools (vCard, CSV, graph files, ...).

        \b
        Examples:
          netfiles export vcard contacts.vcf
          netfiles export csv > contacts.csv
        """

    for importer in collect(pm, "netfiles_importers", problems):
        import_group.add_command(_importer_command(importer))
    for exporter in collect(pm, "netfiles_exporters", problems):
        export_group.add_command(_exporter_command(exporter))


def _importer_command(importer) -> click.Command:
    from .app import pass_app

    @pass_app
    def run(app, path, dry_run, output_format, **options):
        from .imports import run_import

        run_import(app, importer, path, dry_run, output_format, options)

    params = [
        click.Argument(["path"], type=click.Path(exists=True, path_type=Path)),
        click.Option(["--dry-run"], is_flag=True, help="Show what would be created and updated; write nothing."),
        click.Option(["--format", "output_format"], type=click.Choice(["text", "json"]), default="text",
                     help="Summary as text or JSON."),
        *importer.options,
    ]
    return click.Command(importer.name, callback=run, params=params, help=importer.help,
                         epilog=_example(importer.help, f"netfiles import {importer.name} PATH --dry-run"))


def _exporter_command(exporter) -> click.Command:
    from .app import pass_app

    @pass_app
    def run(app, output, **options):
        if output is not None and str(output) == "-":
            output = None  # standard output, as exporters without OUTPUT write
        result = exporter.run(app.vault, output, **options)
        if isinstance(result, str) and output is None:
            click.echo(result, nl=not result.endswith("\n"))
        elif output is not None:
            click.echo(f"Wrote {output}", err=True)

    params = [click.Argument(["output"], type=click.Path(path_type=Path), required=exporter.output_required),
              *exporter.options]
    usage = f"netfiles export {exporter.name} OUTPUT" if exporter.output_required else f"netfiles export {exporter.name}"
    return click.Command(exporter.name, callback=run, params=params, help=exporter.help,
                         epilog=_example(exporter.help, usage))


def _example(help_text: str | None, usage: str) -> str | None:
    """An example for a plugin's importer or exporter whose help has none, so every command shows one."""
    return None if "Example" in (help_text or "") else f"\b\nExample:\n  {usage}"


def _add_version_options(group: click.Group, hidden_version=None) -> None:
    """`--version` on every command, not only on `netfiles` itself (hidden from their help).

    Core commands not imported yet get it when they are (`LazyCommands.prepare`).
    One option decorator serves them all (click translates its texts once).
    """
    import functools

    from .registry import LazyCommands

    if hidden_version is None:
        hidden_version = click.version_option(__version__, "--version", prog_name="netfiles", hidden=True)
    add = functools.partial(_add_version_option, hidden_version=hidden_version)
    commands = group.commands
    if isinstance(commands, LazyCommands):
        commands.prepare = add
        present = commands.imported()
    else:
        present = list(commands.values())
    for command in present:
        add(command)


def _add_version_option(command: click.Command, hidden_version) -> None:
    if not any("--version" in getattr(p, "opts", ()) for p in command.params):
        hidden_version(command)
    if isinstance(command, click.Group):
        _add_version_options(command, hidden_version)


def _vault_hint(argv: list[str]) -> tuple[str | None, list[str]]:
    """`--vault` from the arguments (so the right vault's plugins load before parsing), and path-like arguments."""
    vault = None
    for i, arg in enumerate(argv):
        if arg == "--vault" and i + 1 < len(argv):
            vault = argv[i + 1]
        elif arg.startswith("--vault="):
            vault = arg.split("=", 1)[1]
    return vault, [a for a in argv if not a.startswith("-")]


@contextlib.contextmanager
def _no_cyclic_collection(argv: list[str], restore: bool = True):
    """Python's cyclic garbage collector off while one short `netfiles` command runs, as it was afterwards.

    A command builds tens of thousands of contacts, records and graph nodes that live
    until it exits and hold no cycles; the collector walks them again and again
    (about a second of a `health` run on 100,000 contacts) and finds nothing.
    Reference counting still frees everything as usual. Decided here only: `watch`,
    which runs for hours, keeps the collector; code that calls `main()` in-process
    gets its own setting back, whether the command returns or exits. Not with
    `restore=False`, for a process that ends with the command: switched back on, the
    collector would walk every object the command made once more (0.2 s at 100k).
    """
    import gc

    was_enabled = gc.isenabled()
    if _command_word(argv) != "watch":
        gc.disable()
    try:
        yield
    finally:
        if was_enabled and restore:
            gc.enable()


#: Core commands that never involve a vault plugin, whatever their options: their plugin files are not even read.
_NO_VAULT_PLUGINS = {"init", "trust"}


def _options_part(argv: list[str]) -> list[str]:
    return argv[:argv.index("--")] if "--" in argv else argv


def _command_word(argv: list[str]) -> str | None:
    """The command named on the line (`ls` in `netfiles --vault V ls --tag x`), or None."""
    skip = False
    for arg in _options_part(argv):
        if skip:
            skip = False
        elif arg == "--vault":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _needs_vault_plugins(argv: list[str]) -> bool:
    """Whether this command line may use the vault's own plugins, so their files must be read.

    Vault plugin files are read (and, once allowed, run) only when needed: not for
    `init` or `trust` (which reads them itself, to show them), nor for the help of a
    core command. `netfiles --help` lists every command, theirs too, so it reads them.
    """
    from .registry import CORE_COMMANDS

    word = _command_word(argv)
    if word in _NO_VAULT_PLUGINS:
        return False
    options = _options_part(argv)
    return not (word in CORE_COMMANDS and ("--help" in options or "-h" in options))


def main(argv: list[str] | None = None, *, ending_process: bool = False) -> None:
    """Entry point of the `netfiles` command. `ending_process`: the caller ends the process with the command
    (the `netfiles` script does), so Python's collector, off while the command runs, is not switched back on."""
    argv = sys.argv[1:] if argv is None else argv
    with _no_cyclic_collection(argv, restore=not ending_process):
        _run(argv)


def _run(argv: list[str]) -> None:
    from ..model.config import locate_vault, vault_dir_problem
    from ..plugin_api.plugins import get_plugin_manager

    if "--version" in _options_part(argv):  # nothing else is needed: no vault, no plugin is looked at
        click.echo(f"netfiles, version {__version__}")
        raise SystemExit(0)  # as click's own --version: main() always ends the process the same way
    explicit, paths = _vault_hint(argv)
    root = locate_vault(explicit, paths)
    # A vault that cannot be opened loads no vault plugins; the command itself says why (even --version works)
    usable = root if root and not vault_dir_problem(root) else None
    pm = get_plugin_manager(usable, load_vault_plugins=_needs_vault_plugins(argv))
    cli = create_cli(pm)
    # This frame keeps the command's App, and all the vault it read, while click ends the command with
    # SystemExit, whose traceback holds the frame; the `netfiles` script then ends the process without
    # freeing them one object at a time (0.17 s on 100,000 contacts; see `netfiles.__main__`).
    kept: list = []
    cli.main(args=argv, prog_name="netfiles", obj=kept)
