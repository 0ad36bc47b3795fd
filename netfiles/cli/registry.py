"""The core commands by name, each imported only when it runs or its help is shown.

A command's module (and the libraries it imports: subprocess for `git`, YAML
field checks for `merge`, ...) costs start-up time for every other command.
`netfiles due` has no use for the `merge` command, so the group's `commands`
mapping holds "module:attribute" names and imports one on first use. Anything
that reads the mapping (click itself for `--help`, a plugin, a test walking
`cli.commands`) gets the command objects, in the same order as always.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, MutableMapping

import click

#: Name -> "module:attribute", in the order the commands were always registered (the group's insertion order).
CORE_COMMANDS: dict[str, str] = {
    **{name: f"netfiles.cli.commands:{name}"
       for name in ("init", "add", "log", "ls", "show", "check", "index", "plugins", "trust", "report")},
    "watch": "netfiles.watch.command:watch",
    "help": "netfiles.cli.help_command:help_command",
    "git": "netfiles.cli.git_command:git_group",
    "merge-file": "netfiles.cli.git_command:merge_file",
    "ties": "netfiles.cli.network_commands:ties",
    "orgs": "netfiles.cli.network_commands:orgs",
    "attributes": "netfiles.cli.network_commands:attributes",
    "dormant": "netfiles.cli.tier_commands:dormant",
    "review": "netfiles.cli.tier_commands:review",
    "merge": "netfiles.writing.merge_contacts:merge",
}


class LazyCommands(MutableMapping[str, click.Command]):
    """A click group's `commands`: entries given as "module:attribute" are imported when first looked up.

    `prepare` runs once on each command so imported (the hidden `--version` option).
    Setting a name replaces its entry in place, as in a dict: a plugin's command of
    the same name wins, as it always has, and the core one is never imported.
    """

    def __init__(self, targets: dict[str, str]):
        self._entries: dict[str, click.Command | str] = dict(targets)
        self.prepare: Callable[[click.Command], None] | None = None

    def __getitem__(self, name: str) -> click.Command:
        entry = self._entries[name]
        if isinstance(entry, str):
            module, _, attribute = entry.partition(":")
            entry = getattr(importlib.import_module(module), attribute)
            if self.prepare is not None:
                self.prepare(entry)
            self._entries[name] = entry
        return entry

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._entries[name] = command

    def __delitem__(self, name: str) -> None:
        del self._entries[name]

    def __contains__(self, name: object) -> bool:  # without importing it
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def imported(self) -> list[click.Command]:
        """The commands already imported (or added as objects), without importing the others."""
        return [entry for entry in self._entries.values() if not isinstance(entry, str)]
