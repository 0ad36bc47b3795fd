"""Core commands are imported only when used, and nothing a user or a plugin sees changed because of it:
every command is listed and runs, `--version` works on each, a plugin's command of the same name still wins."""
from __future__ import annotations

import re

import click

import netfiles


def help_listing(text: str) -> list[str]:
    """The command names of a `--help` page's Commands: section."""
    section = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    return [m.group(1) for m in re.finditer(r"^  (\S+)", section, re.M)]


def test_help_lists_every_command_of_the_group_and_each_is_a_command(netfiles_vault, netfiles_cli):
    result = netfiles_cli("--help")
    assert result.exit_code == 0
    cli = netfiles.create_cli(netfiles.get_plugin_manager(netfiles_vault.path))
    assert help_listing(result.stdout) == sorted(cli.commands)
    for name, command in cli.commands.items():
        assert isinstance(command, click.Command)
        assert command.name == name


def test_each_command_answers_version_and_help(netfiles_vault, netfiles_cli):
    names = help_listing(netfiles_cli("--help").stdout)
    assert {"ls", "merge", "git", "due"} <= set(names)
    for name in names:
        version = netfiles_cli(name, "--version")
        assert (version.exit_code, version.stdout) == (0, f"netfiles, version {netfiles.__version__}\n"), name
        shown = netfiles_cli(name, "--help")
        assert shown.exit_code == 0 and f"Usage: netfiles {name}" in shown.stdout, name
        assert "--version" not in shown.stdout  # hidden, as always


def test_a_plugin_command_named_like_a_core_command_replaces_it(netfiles_vault, netfiles_pm, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza", organization="Acme Bank")

    class MyOrgs:
        @netfiles.hookimpl
        def netfiles_register_commands(self, cli):
            @cli.command(name="orgs")
            def my_orgs():
                """Organisations, my way."""
                click.echo("my orgs")

    core = netfiles_cli("orgs")
    assert core.exit_code == 0 and "Acme Bank" in core.stdout
    netfiles_pm.register(MyOrgs(), name="myorgs")
    replaced = netfiles_cli("orgs")
    assert (replaced.exit_code, replaced.stdout) == (0, "my orgs\n")
    assert "Organisations, my way." in netfiles_cli("--help").stdout


def test_core_commands_keep_their_order_in_the_group(netfiles_vault):
    """`cli.commands` in registration order: core commands, import/export, then plugins' (a plugin may rely on it)."""
    names = list(netfiles.create_cli(netfiles.get_plugin_manager(netfiles_vault.path)).commands)
    assert names.index("init") == 0
    assert names.index("merge") < names.index("import") < names.index("export") < names.index("due")
