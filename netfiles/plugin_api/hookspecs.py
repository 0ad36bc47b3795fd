"""Every hook a netfiles plugin can implement. Specs only: see plugins/ for implementations.

Plugins implement hooks with `@netfiles.hookimpl` and may accept any subset of
a hook's arguments, by name (pluggy matches them), so new arguments can be
added here later without breaking existing plugins. A hook implementation
that raises is caught at the plugin boundary and reported as diagnostic NF001
naming the plugin; the other implementations still run (netfiles.plugin_api.hookguard).
Hooks are called through pluggy, so `wrapper=True` implementations, tracing
and plugins' own `firstresult` specs work as usual.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import pluggy

if TYPE_CHECKING:
    import datetime

    import click

    from ..model.diagnostics import Diagnostic
    from .extensions import Exporter, Importer, ReportSection
    from ..model.fieldspecs import FieldSpec
    from ..model.contact import Contact
    from ..store.vault import Vault

hookspec = pluggy.HookspecMarker("netfiles")


@hookspec
def netfiles_register_commands(cli: "click.Group") -> None:
    """Add click commands to the `netfiles` command group.

    Commands get the running application with `@netfiles.pass_app`; `app.vault`
    loads the vault (index refreshed) on first use. Keep heavy imports inside
    the command function so `netfiles --help` stays fast.
    """


@hookspec
def netfiles_check_contact(contact: "Contact", vault: "Vault") -> "Iterable[Diagnostic] | None":
    """Check one contact; return diagnostics with this plugin's own code prefix.

    Runs for every contact on a full `netfiles check`, and only for the given
    files when paths are passed (as pre-commit does), so it should look at the
    contact itself and, at most, at the contacts it links to.
    """


@hookspec
def netfiles_contact_fields() -> "Iterable[FieldSpec]":
    """Declare the front matter fields this plugin reads, with their types (`netfiles.FieldSpec`).

    `netfiles check` then reports a contact whose value has the wrong type, or is
    not one of the allowed `choices`, at the field's line, with the core codes
    (NF201 wrong type, NF202 invalid date, NF203 invalid email). Fields the
    core already defines (docs/format.md, section 2) are left to the core.
    """


@hookspec
def netfiles_check_vault(vault: "Vault") -> "Iterable[Diagnostic] | None":
    """Check the vault as a whole (e.g. "your cadences promise more contacts a week than you allow").

    Runs on a full `netfiles check`, not when only some paths are checked.
    """


@hookspec
def netfiles_index_changed(vault: "Vault", added: list[str], changed: list[str], removed: list[str]) -> None:
    """React to files entering, changing in or leaving the index (vault-relative paths).

    Called after any refresh that found changes: by ordinary commands, by
    `netfiles index`, and live by `netfiles watch`.

    It fires in whichever process refreshes the index first. The index is shared:
    after an edit, the first command to run (`netfiles ls` in a terminal, the
    pre-commit hook, a watcher) sees the file changed, updates the index and calls
    this hook; a later command finds the index current and does not call it for
    that change again. `netfiles watch` is the exception: it re-reads every file
    it saw an event for, so it calls the hook for those files even when another
    process refreshed first. Do not rely on one process hearing every change;
    to act once per change, key your own work on the file content or its stat.
    """


@hookspec
def netfiles_importers() -> "Iterable[Importer]":
    """Return importers; each becomes `netfiles import NAME PATH [--dry-run] [options]`."""


@hookspec
def netfiles_exporters() -> "Iterable[Exporter]":
    """Return exporters; each becomes `netfiles export NAME [OUTPUT] [options]`."""


@hookspec
def netfiles_report_sections(vault: "Vault", today: "datetime.date") -> "Iterable[ReportSection]":
    """Return sections for `netfiles report`, the one-page overview of the network."""
