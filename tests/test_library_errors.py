"""The library raises its own exceptions (netfiles.NetfilesError and kin), never click's; only the command line
turns them into `Error: MESSAGE` and an exit status, the same ones as before."""
from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest

import netfiles
from netfiles.cli.contacts import new_contact
from netfiles.cli.output import check_output

NETFILES = Path(netfiles.__file__).resolve().parent


def test_the_library_errors_are_not_click_exceptions_and_keep_their_exit_status():
    for name in ("NetfilesError", "UsageProblem", "SettingError", "ConfigError", "InvalidValue", "DuplicateContact",
                 "WriteError", "FileChangedError"):
        error = getattr(netfiles, name)
        assert issubclass(error, netfiles.NetfilesError)
        assert not issubclass(error, click.ClickException), name
    assert netfiles.NetfilesError.exit_code == netfiles.WriteError.exit_code == netfiles.InvalidValue.exit_code == 1
    assert netfiles.UsageProblem.exit_code == netfiles.SettingError.exit_code == netfiles.ConfigError.exit_code == 2


def test_new_contact_raises_library_errors_and_add_exits_as_before(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza", emails=["ana@example.org"])
    vault = netfiles_vault.load()
    with pytest.raises(netfiles.InvalidValue, match="invalid email 'ana-at-home'"):
        new_contact(vault, "Ana Two", {"emails": ["ana-at-home"]})
    with pytest.raises(netfiles.DuplicateContact) as duplicate:
        new_contact(vault, "Ana Again", {"emails": ["ana@example.org"]})
    assert duplicate.value.owner == "people/Ana Souza.md"

    bad = netfiles_cli("add", "Ana Two", "--email", "ana-at-home")
    assert bad.exit_code == 1
    assert bad.stderr.strip() == "Error: invalid email 'ana-at-home': expected local@domain"
    again = netfiles_cli("add", "Ana Again", "--email", "ana@example.org")
    assert again.exit_code == 1
    assert "Error: ana@example.org already belongs to people/Ana Souza.md" in again.stderr
    assert "Traceback" not in bad.output + again.output
    assert not (netfiles_vault.path / "people" / "Ana Again.md").exists()


def test_a_bad_tier_setting_is_a_setting_error_and_exit_status_2(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza")
    netfiles_vault.config(tiers={"inner_size": "many"})
    with pytest.raises(netfiles.SettingError, match=r"`tiers.inner_size` must be a positive whole number"):
        netfiles.TierSettings.from_config(netfiles_vault.load().config)
    result = netfiles_cli("dormant", "--today", "2026-11-21")
    assert result.exit_code == 2
    assert "Error: .netfiles/config.toml: `tiers.inner_size` must be a positive whole number; it is 'many'" \
        in result.stderr


def test_an_unwritable_export_target_is_a_usage_problem_and_exit_status_2(netfiles_vault, netfiles_cli, tmp_path):
    netfiles_vault.add_contact("Ana Souza")
    with pytest.raises(netfiles.UsageProblem, match="not a regular file"):
        check_output(tmp_path)
    result = netfiles_cli("export", "csv", str(tmp_path))
    assert result.exit_code == 2
    assert f"Error: cannot write {tmp_path}: it is a folder, not a regular file" in result.stderr


def test_a_plugin_command_raising_a_library_error_gets_its_exit_status(netfiles_vault, netfiles_pm, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza")

    class Strict:
        @netfiles.hookimpl
        def netfiles_register_commands(self, cli):
            @cli.command()
            def strict():
                """Refuse to run."""
                raise netfiles.UsageProblem("strict needs --really")

    netfiles_pm.register(Strict(), name="strict")
    result = netfiles_cli("strict")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: strict needs --really"


def _raised_or_imported_click(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            text = ast.unparse(node.exc)
            if text.startswith(("click.", "ClickException", "UsageError", "BadParameter")):
                found.append(f"{path.name}:{node.lineno}: raise {text}")
        elif isinstance(node, ast.ImportFrom) and node.module == "app" and node.level == 1:
            found += [f"{path.name}:{node.lineno}: from .app import {a.name}" for a in node.names
                      if a.name in ("NetfilesError", "UsageProblem")]
    return found


def test_library_modules_raise_no_click_exception():
    """Modules that are not command modules neither raise click exceptions nor take errors from the CLI's app."""
    command_modules = {"cli/main.py", "cli/app.py", "cli/commands.py", "watch/command.py", "__main__.py"}
    library = [p for p in sorted(NETFILES.rglob("*.py"))
               if p.relative_to(NETFILES).as_posix() not in command_modules
               and not p.name.endswith(("_commands.py", "_command.py"))
               and "@click.command" not in p.read_text(encoding="utf-8") and "import click" not in p.read_text(
                   encoding="utf-8").split("def ", 1)[0].replace("if TYPE_CHECKING:\n    import click", "")]
    assert {p.name for p in library} >= {"contacts.py", "tiers.py", "check.py", "vault.py", "writes.py"}
    assert [f for p in library for f in _raised_or_imported_click(p)] == []
