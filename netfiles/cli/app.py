"""The running application that commands share: which vault, which plugins, and the loaded vault."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..model.config import ConfigError, load_config
from ..model.diagnostics import Diagnostic
from ..model.errors import NetfilesError, UsageProblem  # noqa: F401  (long importable from here: plugins still do)

if TYPE_CHECKING:
    from ..store.vault import Vault


def is_vault(folder: Path) -> bool:
    """A folder netfiles may index and write a cache into: it has `.netfiles/`, or (made by hand) a `people/` folder.

    `--vault DIR` on any other folder (`/tmp`, a home folder) is refused rather than
    scanned, so no cache appears where no vault was meant to be.
    """
    from ..model.config import CONFIG_DIR, DEFAULTS

    return (folder / CONFIG_DIR).is_dir() or any((folder / people).is_dir() for people in DEFAULTS["people"])


class App:
    """What a command needs, built once per run: the vault root, the plugin manager, the vault itself.

    Plugin commands receive it with `@netfiles.pass_app`.
    """

    def __init__(self, pm, vault_root: Path | None):
        self.pm = pm
        self.vault_root = vault_root
        self.plugin_diagnostics: list[Diagnostic] = list(getattr(pm, "load_diagnostics", []))
        self._vault: Vault | None = None
        self._notices_shown = False

    def require_root(self) -> Path:
        if self.vault_root is None:
            raise UsageProblem("not inside a netfiles vault: no .netfiles/ folder here or above. "
                               "Use --vault DIR, set NETFILES_VAULT, or create one with `netfiles init`.")
        from ..model.config import vault_dir_problem

        problem = vault_dir_problem(self.vault_root)
        if problem:
            raise UsageProblem(problem)
        if not is_vault(self.vault_root):
            import shlex

            raise UsageProblem(f"{self.vault_root} is not a netfiles vault: it has no .netfiles/ folder (and no "
                               "people/ folder), so netfiles reads and writes nothing there. To make it a vault, run "
                               f"`netfiles init {shlex.quote(str(self.vault_root))}`.")
        return self.vault_root

    @property
    def vault(self) -> Vault:
        """The vault with its index refreshed (with a progress bar for long work); plugins hear of changes."""
        return self.open_vault()

    def open_vault(self, refresh: bool = True):
        """The vault, built once per run. `refresh=False` leaves the index as it is, for a command that refreshes
        only the files it reads (`check PATH`, through `check_vault`)."""
        if self._vault is None:
            from .output import Progress
            from ..plugin_api.plugins import call_hook
            from ..store.vault import Vault

            root = self.require_root()
            try:
                vault = Vault(root, load_config(root))
            except ConfigError as exc:
                raise UsageProblem(str(exc)) from None
            changes = None
            if refresh:
                progress = Progress("Indexing")
                try:
                    changes = vault.refresh(progress=progress)
                finally:
                    progress.close()
            self._vault = vault
            self.show_notices()
            if changes:
                call_hook(self.pm, "netfiles_index_changed", self.plugin_diagnostics, vault=vault,
                          added=changes.added, changed=changes.changed, removed=changes.removed)
        return self._vault

    def show_notices(self) -> None:
        if not self._notices_shown:
            self._notices_shown = True
            for notice in getattr(self.pm, "notices", []):
                click.echo(f"note: {notice}", err=True)

    def report_plugin_problems(self) -> None:
        """Print NF001 diagnostics from plugins on stderr; the command's own output stays clean."""
        from ..model.diagnostics import format_text

        if self.plugin_diagnostics:
            click.echo(format_text(self.plugin_diagnostics), err=True)

    def close(self) -> None:
        """Close the vault's index, if the command opened it (see `Vault.close`)."""
        if self._vault is not None:
            self._vault.close()

    @staticmethod
    def today(value: _dt.date | None) -> _dt.date:
        """The `--today` value, else the real date: the one place the clock is read."""
        return value or _dt.date.today()


pass_app = click.make_pass_decorator(App)


class DateParam(click.ParamType):
    """A YYYY-MM-DD option value."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, _dt.date):
            return value
        from ..model.dates import parse_iso_date

        parsed = parse_iso_date(str(value))
        if parsed is None:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)
        return parsed


class DurationParam(click.ParamType):
    """A duration such as 7d, 2w, 3m or 1y."""

    name = "DURATION"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        from ..model.dates import parse_duration

        days = parse_duration(str(value))
        if days is None:
            self.fail(f"{value!r} is not a duration such as 7d, 2w, 3m or 1y", param, ctx)
        return days


DATE = DateParam()
DURATION = DurationParam()


def today_option(function):
    """`--today YYYY-MM-DD` for every command whose answer depends on the date."""
    return click.option("--today", type=DATE, default=None,
                        help="Compute as if today were this date (for reproducible results).")(function)
