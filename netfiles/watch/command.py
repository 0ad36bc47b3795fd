"""The `netfiles watch` command: a thin layer over `netfiles.watch.watcher.Watcher`."""
from __future__ import annotations

import click

from ..cli.app import UsageProblem, pass_app


@click.command()
@click.option("--debounce", type=click.FloatRange(0, 10), default=0.1, show_default=True, metavar="SECONDS",
              help="Wait this long without new events before processing a burst (one save often makes several).")
@click.option("--max-wait", type=click.FloatRange(0, 60), default=0.5, show_default=True, metavar="SECONDS",
              help="Process a continuous burst of events at least this often.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json prints one JSON object per line (events: watching, indexed, diagnostic, stopped).")
@pass_app
def watch(app, debounce, max_wait, output_format):
    """Keep the index current while you edit, and show problems as they appear and go away.

    Runs in the foreground until Ctrl-C. Each time files are created, edited,
    renamed, moved or deleted (in any editor, Obsidian included), it updates
    the index for those files, checks them and the contacts linking to them,
    prints `indexed PATH (added|changed|removed)`, then each new diagnostic
    as `path:line:col: CODE message` and each fixed one as `resolved: ...`.
    Plugins hear of every change through their netfiles_index_changed hook.

    \b
    Examples:
      netfiles watch
      netfiles watch --format json | jq -c 'select(.event == "diagnostic")'
    """
    from ..model.config import ConfigError
    from .watcher import Watcher, printer

    root = app.require_root()
    try:
        watcher = Watcher(root, app.pm, on_event=printer(output_format), debounce=debounce, max_wait=max_wait)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None
    app.show_notices()
    watcher.run_forever()
