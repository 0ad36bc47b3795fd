"""netfiles: your professional network as plain files.

The public API for plugins and scripts. Names are imported lazily, so
`import netfiles` (and the CLI start-up) stays fast.
"""
from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "hookimpl": "netfiles.plugins",
    "get_plugin_manager": "netfiles.plugins",
    "call_hook": "netfiles.plugins",
    "create_cli": "netfiles.cli",
    "main": "netfiles.cli",
    "App": "netfiles.app",
    "pass_app": "netfiles.app",
    "today_option": "netfiles.app",
    "DATE": "netfiles.app",
    "DURATION": "netfiles.app",
    "NetfilesError": "netfiles.app",
    "UsageProblem": "netfiles.app",
    "Diagnostic": "netfiles.diagnostics",
    "ERROR": "netfiles.diagnostics",
    "WARNING": "netfiles.diagnostics",
    "Contact": "netfiles.model",
    "Interaction": "netfiles.model",
    "Note": "netfiles.model",
    "Link": "netfiles.model",
    "ATTRIBUTES": "netfiles.model",
    "Vault": "netfiles.vault",
    "load_vault": "netfiles.vault",
    "ContactNotFound": "netfiles.vault",
    "check_vault": "netfiles.check",
    "Importer": "netfiles.extensions",
    "Exporter": "netfiles.extensions",
    "ImportReport": "netfiles.extensions",
    "ReportSection": "netfiles.extensions",
    "parse_cadence": "netfiles.dates",
    "parse_iso_date": "netfiles.dates",
    "parse_birthday": "netfiles.dates",
    "parse_duration": "netfiles.dates",
    "NEVER": "netfiles.dates",
    "normalize_linkedin": "netfiles.fields",
    "find_links": "netfiles.wikilinks",
    "link_target": "netfiles.wikilinks",
    "safe_filename": "netfiles.filenames",
    "write_atomic": "netfiles.writes",
    "append_log_line": "netfiles.writes",
    "set_missing_fields": "netfiles.writes",
    "create_contact": "netfiles.writes",
    "render_contact": "netfiles.writes",
    "Snapshot": "netfiles.writes",
    "IndexedFile": "netfiles.writes",
    "FileChangedError": "netfiles.writes",
    "WriteError": "netfiles.writes",
    "neutralize": "netfiles.output",
    "write_csv": "netfiles.output",
    "print_json": "netfiles.output",
    "print_table": "netfiles.output",
    "Progress": "netfiles.output",
    "use_color": "netfiles.output",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'netfiles' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
