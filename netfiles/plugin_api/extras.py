"""A plugin's optional dependencies (its pip extra, `netfiles[health]`): a clear message when they are missing.

The core installs without networkx, numpy, igraph, icalendar or vobject; a bundled plugin's commands that need
them call `require_extra` first, so a missing library is a one-line install hint with exit status 2, never a
traceback, and every other command keeps working.
"""
from __future__ import annotations

import importlib.util

from ..model.errors import UsageProblem


class MissingExtra(UsageProblem):
    """A command needs libraries that are not installed; the message names them and the pip command (exit 2)."""

    def __init__(self, what: str, extra: str, missing: list[str]):
        self.what, self.extra, self.missing = what, extra, missing
        super().__init__(f"{what} needs {', '.join(missing)}, not installed: pip install 'netfiles[{extra}]'")


def missing_modules(*modules: str) -> list[str]:
    """The `modules` that cannot be imported, found without importing them (numpy alone takes 0.1 s)."""
    missing = []
    for name in modules:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # a broken install, or a finder that refuses it
            found = False
        if not found:
            missing.append(name)
    return missing


def require_extra(what: str, extra: str, *modules: str) -> None:
    """Raise `MissingExtra` when any of `modules` (import names) is missing, e.g.
    `require_extra("netfiles health", "health", "networkx", "numpy", "igraph")`."""
    missing = missing_modules(*modules)
    if missing:
        raise MissingExtra(what, extra, missing)
