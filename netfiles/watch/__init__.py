"""Watching the vault: the index kept fresh as files change.

`from netfiles.watch import Watcher` works as it always has; the watcher (and watchdog) is imported only
when asked for, so commands that do not watch never load it.
"""
from __future__ import annotations

__all__ = ["Watcher", "format_event", "printer"]


def __getattr__(name: str):
    if name in __all__:
        from . import watcher

        return getattr(watcher, name)
    raise AttributeError(f"module 'netfiles.watch' has no attribute {name!r}")
