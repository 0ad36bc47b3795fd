"""The plugin system as users meet it: bundled, installed and failing plugins, `netfiles plugins`, `[plugins] disabled`.

Installed plugins are real packages, built and installed by pip into a
folder that is put on the path (in this process) or on PYTHONPATH (for the
real `netfiles` command in a subprocess).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import netfiles

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]

HELLO_PLUGIN = '''\
"""netfiles-hello: a test plugin that adds `netfiles hello` and the check rule HEL001."""
import netfiles


@netfiles.hookimpl
def netfiles_register_commands(cli):
    import click

    @cli.command()
    @netfiles.pass_app
    def hello(app):
        """Greet every contact."""
        for contact in app.vault.contacts:
            click.echo(f"hello {contact.name}")


@netfiles.hookimpl
def netfiles_check_contact(contact):
    if not contact.emails:
        return [netfiles.Diagnostic(contact.path, 1, 1, "HEL001", netfiles.WARNING, f"{contact.name} has no email")]
    return []
'''

BROKEN_PLUGIN = '''\
"""netfiles-broken: a plugin whose import fails."""
raise RuntimeError("netfiles-broken cannot start: missing API key")
'''


def _package(root: Path, dist: str, module: str, ep_name: str, source: str) -> Path:
    pkg = root / dist
    (pkg / module).mkdir(parents=True)
    (pkg / module / "__init__.py").write_text(source, encoding="utf-8")
    (pkg / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "{dist}"
        version = "0.1"

        [tool.setuptools]
        packages = ["{module}"]

        [project.entry-points.netfiles]
        {ep_name} = "{module}"
        """), encoding="utf-8")
    return pkg


def _pip_install(pkg: Path, target: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
                           "--target", str(target), str(pkg)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Two packages installed for real by pip, each into its own folder: netfiles-hello and netfiles-broken."""
    root = tmp_path_factory.mktemp("packages")
    hello = _package(root / "src", "netfiles-hello", "netfiles_hello", "hello", HELLO_PLUGIN)
    broken = _package(root / "src", "netfiles-broken", "netfiles_broken", "broken", BROKEN_PLUGIN)
    with ThreadPoolExecutor(2) as pool:  # two builds at once: about 3 s instead of 6
        sites = list(pool.map(_pip_install, [hello, broken], [root / "site-hello", root / "site-broken"]))
    return {"hello": sites[0], "broken": sites[1]}


@pytest.fixture
def on_path(monkeypatch):
    """Put an installed package's folder on sys.path for this test only (importlib.metadata then finds it)."""

    def add(site: Path) -> None:
        monkeypatch.syspath_prepend(str(site))

    yield add
    for name in ("netfiles_hello", "netfiles_broken"):
        sys.modules.pop(name, None)


def run_netfiles(vault: Path, *args, pythonpath: Path | None = None, cwd: Path | None = None):
    """The real `netfiles` command in a subprocess."""
    env = {k: v for k, v in os.environ.items() if k not in ("NETFILES_VAULT", "NETFILES_DEBUG")}
    env["NETFILES_TRUST_FILE"] = str(vault.parent / "trust.json")
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "netfiles", *map(str, args)], cwd=cwd or vault, env=env,
                          capture_output=True, text=True)


def plugins_json(netfiles_cli) -> dict[str, dict]:
    result = netfiles_cli("plugins", "--format", "json")
    assert result.exit_code == 0, result.output
    return {row["name"]: row for row in json.loads(result.stdout)["plugins"]}


def check_json(netfiles_cli, *args):
    result = netfiles_cli("check", "--format", "json", *args)
    return result, json.loads(result.stdout)["diagnostics"]


def implemented_hooks(module) -> list[str]:
    """Independently of pluggy's bookkeeping: the module's functions marked with @netfiles.hookimpl."""
    return sorted(name for name, value in vars(module).items() if callable(value) and hasattr(value, "netfiles_impl"))


def simple_vault(vault):
    vault.add_contact("Ana Souza", emails=["ana@example.org"], knows=["Bo Chen", "Nobody Here"],
                      log=["2026-11-02 coffee: talked about risk #gave"])
    vault.add_contact("Bo Chen")
    return vault


# bundled plugins ----------------------------------------------------------------------------------

def test_bundled_plugins_are_plain_entry_points_and_listed_with_their_hooks(netfiles_vault, netfiles_cli):
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]["netfiles"]
    packages = sorted(p.name for p in (REPO / "plugins").iterdir() if (p / "__init__.py").is_file())
    # every package in plugins/ is registered the way a third-party plugin is: an entry point in group "netfiles"
    assert sorted(declared.values()) == packages
    found = {ep.name: ep.value for ep in entry_points(group="netfiles") if ep.dist and ep.dist.name == "netfiles"}
    assert found == declared

    listed = plugins_json(netfiles_cli)
    for name, module_name in declared.items():
        row = listed[name]
        assert (row["source"], row["status"], row["location"]) == ("bundled", "loaded", module_name)
        import importlib

        assert row["hooks"] == implemented_hooks(importlib.import_module(module_name))
        assert all(hook.startswith("netfiles_") for hook in row["hooks"])


def test_plugins_table_names_each_plugin(netfiles_vault, netfiles_cli):
    result = netfiles_cli("plugins")
    assert result.exit_code == 0
    for name in ("reminders", "health", "import"):
        assert name in result.stdout
    assert "bundled" in result.stdout


def test_hooks_listed_are_exactly_those_implemented(netfiles_vault, netfiles_pm, netfiles_cli):
    class Partial:
        @netfiles.hookimpl
        def netfiles_check_contact(self, contact):
            return []

        @netfiles.hookimpl
        def netfiles_report_sections(self, today):
            return []

        def netfiles_check_vault(self, vault):  # not marked: pluggy ignores it, so must the listing
            raise AssertionError("never called")

    netfiles_pm.register(Partial(), name="partial")
    row = plugins_json(netfiles_cli)["partial"]
    assert row["hooks"] == ["netfiles_check_contact", "netfiles_report_sections"]
    assert row["source"] == "registered"


def test_misspelt_hook_is_pointed_out_not_listed(netfiles_vault, netfiles_cli):
    netfiles_vault.add_plugin("typo", textwrap.dedent('''\
        import netfiles

        @netfiles.hookimpl
        def netfiles_check_contacts(contact):
            return []
        '''))
    netfiles_vault.allow_plugins()
    result = netfiles_cli("plugins", "--format", "json")
    row = {r["name"]: r for r in json.loads(result.stdout)["plugins"]}["typo"]
    assert row["status"] == "loaded"
    assert row["hooks"] == []
    assert "netfiles_check_contacts" in row["message"] and "misspelt" in row["message"]


# a plugin that raises becomes NF001 and the command goes on ----------------------------------------

class GoodRule:
    """Another plugin's rule, to show it still reports while a neighbour crashes."""

    @netfiles.hookimpl
    def netfiles_check_contact(self, contact):
        return [netfiles.Diagnostic(contact.path, 1, 1, "GOOD001", netfiles.WARNING, "good plugin saw this contact")]


class CrashingChecks:
    @netfiles.hookimpl
    def netfiles_check_contact(self, contact):
        raise KeyError("no such field")

    @netfiles.hookimpl
    def netfiles_check_vault(self, vault):
        def results():
            yield netfiles.Diagnostic(".", 0, 0, "BOOM001", netfiles.WARNING, "half-way")
            raise ZeroDivisionError("division by zero")

        return results()  # a generator failing half-way is caught too


def test_crashing_check_hooks_become_nf001_and_the_check_goes_on(netfiles_vault, netfiles_pm, netfiles_cli):
    simple_vault(netfiles_vault)
    netfiles_pm.register(CrashingChecks(), name="boom")
    netfiles_pm.register(GoodRule(), name="good")

    result, diags = check_json(netfiles_cli)
    assert result.exit_code == 1
    crashes = [d for d in diags if d["code"] == "NF001"]
    assert {(d["path"], d["severity"]) for d in crashes} == {
        ("people/Ana Souza.md", "error"), ("people/Bo Chen.md", "error"), (".", "error")}
    assert all("plugin 'boom'" in d["message"] for d in crashes)
    assert any("netfiles_check_contact" in d["message"] and "KeyError" in d["message"] for d in crashes)
    assert any("netfiles_check_vault" in d["message"] and "ZeroDivisionError" in d["message"] for d in crashes)
    # the core rules and the other plugin's rule still ran
    assert any(d["code"] == "NF301" and "Nobody Here" in d["message"] for d in diags)
    assert {d["path"] for d in diags if d["code"] == "GOOD001"} == {"people/Ana Souza.md", "people/Bo Chen.md"}

    text = netfiles_cli("check")
    assert text.exit_code == 1
    assert "people/Ana Souza.md:0:0: NF001 plugin 'boom' failed in netfiles_check_contact: KeyError" in text.stdout
    assert "Traceback" not in text.output


def test_only_a_crash_still_fails_the_check(netfiles_vault, netfiles_pm, netfiles_cli):
    netfiles_vault.add_contact("Bo Chen", emails=["bo@example.org"])
    netfiles_pm.register(CrashingChecks(), name="boom")
    result, diags = check_json(netfiles_cli, "--select", "NF")
    assert result.exit_code == 1
    assert {d["code"] for d in diags} == {"NF001"}


def test_register_commands_raising_leaves_other_commands_working(netfiles_vault, netfiles_pm, netfiles_cli):
    simple_vault(netfiles_vault)

    class BadCommands:
        @netfiles.hookimpl
        def netfiles_register_commands(self, cli):
            raise ImportError("click-extra is not installed")

    netfiles_pm.register(BadCommands(), name="badcmds")
    result = netfiles_cli("ls", "--format", "json")
    assert result.exit_code == 0
    assert [c["name"] for c in json.loads(result.stdout)["contacts"]] == ["Ana Souza", "Bo Chen"]
    assert "NF001 plugin 'badcmds' failed in netfiles_register_commands: ImportError: click-extra" in result.stderr
    # a second command line from the same manager reports it once, not twice
    again = netfiles_cli("ls")
    assert again.stderr.count("NF001") == 1


def test_report_section_raising_leaves_the_rest_of_the_report(netfiles_vault, netfiles_pm, netfiles_cli):
    simple_vault(netfiles_vault)

    class BadSection:
        @netfiles.hookimpl
        def netfiles_report_sections(self, vault, today):
            raise ValueError("cannot compute")

    class GoodSection:
        @netfiles.hookimpl
        def netfiles_report_sections(self, today):
            return [netfiles.ReportSection("Good news", f"all fine on {today}", order=500)]

    netfiles_pm.register(BadSection(), name="badreport")
    netfiles_pm.register(GoodSection(), name="goodreport")
    result = netfiles_cli("report", "--today", "2026-11-21")
    assert result.exit_code == 0
    assert "Good news" in result.stdout and "all fine on 2026-11-21" in result.stdout
    assert "NF001 plugin 'badreport' failed in netfiles_report_sections: ValueError: cannot compute" in result.stderr

    as_json = netfiles_cli("report", "--today", "2026-11-21", "--format", "json")
    assert "Good news" in [s["title"] for s in json.loads(as_json.stdout)["sections"]]


def test_importers_and_exporters_raising_leave_the_others(netfiles_vault, netfiles_pm, netfiles_cli, tmp_path):
    simple_vault(netfiles_vault)

    class Bad:
        @netfiles.hookimpl
        def netfiles_importers(self):
            raise RuntimeError("importers exploded")

        @netfiles.hookimpl
        def netfiles_exporters(self):
            raise RuntimeError("exporters exploded")

    class Good:
        @netfiles.hookimpl
        def netfiles_importers(self):
            def run(vault, path, dry_run=False):
                return netfiles.ImportReport(created=[f"people/{Path(path).stem}.md"], dry_run=dry_run)

            return [netfiles.Importer("names", "One contact per file name.", run)]

        @netfiles.hookimpl
        def netfiles_exporters(self):
            return [netfiles.Exporter("names", "Names, one a line.",
                                      lambda vault, output: "".join(f"{c.name}\n" for c in vault.contacts))]

    netfiles_pm.register(Bad(), name="bad")
    netfiles_pm.register(Good(), name="good")
    source = tmp_path / "Carla Diaz.txt"
    source.write_text("x", encoding="utf-8")
    imported = netfiles_cli("import", "names", source, "--dry-run", "--format", "json")
    assert imported.exit_code == 0, imported.output
    assert "people/Carla Diaz.md" in imported.stdout
    assert "NF001 plugin 'bad' failed in netfiles_importers: RuntimeError: importers exploded" in imported.stderr
    assert "NF001 plugin 'bad' failed in netfiles_exporters: RuntimeError: exporters exploded" in imported.stderr
    exported = netfiles_cli("export", "names")
    assert exported.exit_code == 0
    assert exported.stdout == "Ana Souza\nBo Chen\n"


def test_index_changed_raising_is_reported_and_command_works(netfiles_vault, netfiles_pm, netfiles_cli):
    simple_vault(netfiles_vault)

    class Listener:
        @netfiles.hookimpl
        def netfiles_index_changed(self, added):
            raise OSError(f"cannot sync {len(added)} files")

    netfiles_pm.register(Listener(), name="sync")
    result = netfiles_cli("ls", "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["contacts"]) == 2
    assert "NF001 plugin 'sync' failed in netfiles_index_changed: OSError: cannot sync 2 files" in result.stderr


# installed packages: real entry points --------------------------------------------------------------

def test_installed_package_adds_command_and_rule_in_process(installed, on_path, netfiles_vault, netfiles_cli):
    on_path(installed["hello"])
    simple_vault(netfiles_vault)

    hello = netfiles_cli("hello")
    assert hello.exit_code == 0, hello.output
    assert hello.stdout == "hello Ana Souza\nhello Bo Chen\n"

    result, diags = check_json(netfiles_cli, "--select", "HEL")
    assert [(d["path"], d["code"], d["message"]) for d in diags] == [("people/Bo Chen.md", "HEL001", "Bo Chen has no email")]
    assert result.exit_code == 0  # a warning only

    row = plugins_json(netfiles_cli)["hello"]
    assert row["source"] == "package netfiles-hello 0.1"
    assert row["location"] == "netfiles_hello"
    assert row["status"] == "loaded"
    assert row["hooks"] == ["netfiles_check_contact", "netfiles_register_commands"]


def test_installed_package_works_in_the_real_command(installed, netfiles_vault):
    simple_vault(netfiles_vault)
    hello = run_netfiles(netfiles_vault.path, "hello", pythonpath=installed["hello"])
    assert hello.returncode == 0, hello.stderr
    assert hello.stdout == "hello Ana Souza\nhello Bo Chen\n"
    check = run_netfiles(netfiles_vault.path, "check", "--select", "HEL", pythonpath=installed["hello"])
    assert check.returncode == 0
    assert check.stdout == "people/Bo Chen.md:1:1: HEL001 Bo Chen has no email\n"
    listed = run_netfiles(netfiles_vault.path, "plugins", "--format", "json", pythonpath=installed["hello"])
    rows = {r["name"]: r for r in json.loads(listed.stdout)["plugins"]}
    assert rows["hello"]["source"] == "package netfiles-hello 0.1"
    # without the package on the path the command does not exist
    missing = run_netfiles(netfiles_vault.path, "hello")
    assert missing.returncode == 2
    assert "No such command 'hello'" in missing.stderr


def test_plugin_failing_at_import_becomes_nf001_and_commands_work(installed, on_path, netfiles_vault, netfiles_cli):
    on_path(installed["broken"])
    simple_vault(netfiles_vault)

    listed = netfiles_cli("ls", "--format", "json")
    assert listed.exit_code == 0
    assert [c["name"] for c in json.loads(listed.stdout)["contacts"]] == ["Ana Souza", "Bo Chen"]
    assert ("NF001 plugin 'broken' failed in loading: RuntimeError: netfiles-broken cannot start: missing API key"
            in listed.stderr)

    result, diags = check_json(netfiles_cli)
    assert result.exit_code == 1
    assert [d["message"] for d in diags if d["code"] == "NF001"] == [
        "plugin 'broken' failed in loading: RuntimeError: netfiles-broken cannot start: missing API key (at __init__.py:2)"]
    assert any(d["code"] == "NF301" for d in diags)

    row = plugins_json(netfiles_cli)["broken"]
    assert (row["status"], row["source"], row["hooks"]) == ("failed", "package netfiles-broken 0.1", [])
    assert "missing API key" in row["message"]

    real = run_netfiles(netfiles_vault.path, "ls", pythonpath=installed["broken"])
    assert real.returncode == 0
    assert "NF001 plugin 'broken' failed in loading" in real.stderr
    assert "Traceback" not in real.stderr


# [plugins] disabled ----------------------------------------------------------------------------------

def test_disabled_plugin_is_not_even_imported(installed, on_path, netfiles_vault, netfiles_cli):
    on_path(installed["broken"])
    simple_vault(netfiles_vault)
    netfiles_vault.config(plugins={"disabled": ["broken"]})

    result, diags = check_json(netfiles_cli)
    assert not [d for d in diags if d["code"] == "NF001"]
    assert "NF001" not in result.stderr
    assert "netfiles_broken" not in sys.modules
    assert plugins_json(netfiles_cli)["broken"]["status"] == "disabled"


def test_disabled_installed_plugin_loses_command_and_rule_only(installed, on_path, netfiles_vault, netfiles_cli):
    on_path(installed["hello"])
    simple_vault(netfiles_vault)
    netfiles_vault.config(plugins={"disabled": ["hello"]})

    gone = netfiles_cli("hello")
    assert gone.exit_code == 2
    assert "No such command 'hello'" in gone.stderr
    _, diags = check_json(netfiles_cli)
    assert not [d for d in diags if d["code"].startswith("HEL")]
    assert any(d["code"] == "NF301" for d in diags)  # the rest of the check is untouched
    row = plugins_json(netfiles_cli)["hello"]
    assert (row["status"], row["hooks"]) == ("disabled", [])
    assert "netfiles_hello" not in sys.modules


def test_disabling_reminders_removes_due_and_nothing_else(netfiles_vault, netfiles_cli):
    simple_vault(netfiles_vault)
    assert netfiles_cli("due", "--help").exit_code == 0  # present while enabled

    netfiles_vault.config(plugins={"disabled": ["reminders"]})
    due = netfiles_cli("due", "--today", "2026-11-21")
    assert due.exit_code == 2
    assert "No such command 'due'" in due.stderr
    listed = plugins_json(netfiles_cli)
    assert listed["reminders"]["status"] == "disabled"
    assert all(listed[name]["status"] == "loaded" for name in ("health", "import"))
    assert netfiles_cli("ls").exit_code == 0
    assert netfiles_cli("check", "--select", "NF").exit_code == 1  # the broken link is still found
    report = netfiles_cli("report", "--today", "2026-11-21")
    assert report.exit_code == 0


def test_disabled_list_must_be_a_list(netfiles_vault, netfiles_cli):
    netfiles_vault.config('[plugins]\ndisabled = "reminders"\n')
    result = netfiles_cli("check")
    assert result.exit_code == 2
    assert "plugins.disabled" in result.stderr


@pytest.mark.parametrize("name", ["reminders", "health", "import"])
def test_any_bundled_plugin_can_be_switched_off(name, netfiles_vault, netfiles_cli):
    simple_vault(netfiles_vault)
    enabled = netfiles_cli("--help").stdout
    netfiles_vault.config(plugins={"disabled": [name]})
    listed = plugins_json(netfiles_cli)
    assert (listed[name]["status"], listed[name]["hooks"]) == ("disabled", [])
    assert all(row["status"] == "loaded" for other, row in listed.items() if other != name)
    disabled = netfiles_cli("--help").stdout
    # the core commands are all still there
    for command in ("init", "add", "log", "ls", "show", "check", "index", "plugins", "trust", "report"):
        assert f"  {command} " in disabled
    assert netfiles_cli("check", "--select", "NF").exit_code == 1
    if name == "reminders":
        assert "  due " in enabled and "  due " not in disabled
