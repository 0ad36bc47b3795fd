"""The pytest fixtures netfiles ships for plugin authors (netfiles/testing.py, the `pytest11` entry point).

The plugin, its pyproject and its tests are taken verbatim from
docs/plugins.md: the package is installed for real and its tests run in a
separate pytest, in a folder of its own, as a plugin author would run them.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import types
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import netfiles

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "plugins.md"
FENCE = r"```[a-z]*\n(.*?)```"


def doc_files() -> dict[str, str]:
    """`<!-- file: PATH -->` followed by a fenced block, in docs/plugins.md."""
    text = DOC.read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- file: (\S+) -->\n" + FENCE, text, flags=re.S))


def doc_snippets() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return re.findall(r"<!-- snippet -->\n" + FENCE, text, flags=re.S)


def module_from(source: str, name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    return module


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NETFILES_VAULT", "NETFILES_DEBUG", "PYTEST_DISABLE_PLUGIN_AUTOLOAD", "PYTEST_ADDOPTS")}
    env.update(extra)
    return env


@pytest.fixture
def mentors(monkeypatch, tmp_path):
    """The docs' example plugin module, imported from a checkout (not installed)."""
    pkg = tmp_path / "checkout"
    (pkg / "netfiles_mentors").mkdir(parents=True)
    (pkg / "netfiles_mentors" / "__init__.py").write_text(doc_files()["netfiles_mentors/__init__.py"], encoding="utf-8")
    monkeypatch.syspath_prepend(str(pkg))
    import netfiles_mentors

    yield netfiles_mentors
    sys.modules.pop("netfiles_mentors", None)


# the documented plugin, tested the documented way ----------------------------------------------------

@pytest.mark.slow
def test_docs_example_package_installs_and_its_tests_pass_with_the_fixtures(tmp_path):
    files = doc_files()
    project = tmp_path / "netfiles-mentors"
    for rel in ("pyproject.toml", "netfiles_mentors/__init__.py", "tests/test_mentors.py"):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(files[rel], encoding="utf-8")
    site = tmp_path / "site"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
                          "--target", str(site), str(project)], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stdout + pip.stderr

    env = clean_env(PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
                    NETFILES_TRUST_FILE=str(tmp_path / "trust.json"))
    # a separate pytest, in the plugin's own folder: the fixtures come from the pytest11 entry point alone
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=project,
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout

    # and the installed package is a plugin of the real command
    vault = tmp_path / "vault"
    (vault / ".netfiles").mkdir(parents=True)
    listed = subprocess.run([sys.executable, "-m", "netfiles", "--vault", str(vault), "plugins", "--format", "json"],
                            env=env, capture_output=True, text=True)
    row = {r["name"]: r for r in json.loads(listed.stdout)["plugins"]}["mentors"]
    assert (row["source"], row["status"]) == ("package netfiles-mentors 0.1.0", "loaded")
    assert row["hooks"] == ["netfiles_check_contact", "netfiles_check_vault", "netfiles_register_commands",
                            "netfiles_report_sections"]


def test_docs_example_in_this_process(mentors, netfiles_vault, netfiles_pm, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza", tags=["mentor"], log=["2026-11-02 coffee: talked about risk #got"])
    netfiles_vault.add_contact("Bo Chen", tags=["mentor", "pycon"], cadence="2m", knows=["Ana Souza"])
    assert netfiles_pm.register(mentors) == "netfiles_mentors"

    listed = netfiles_cli("mentors", "--today", "2026-11-21", "--format", "json")
    assert json.loads(listed.stdout) == {"today": "2026-11-21", "mentors": [
        {"name": "Bo Chen", "last_contact": None, "days_since": None},
        {"name": "Ana Souza", "last_contact": "2026-11-02", "days_since": 19}]}

    check = netfiles_cli("check", "--select", "MEN")
    assert check.exit_code == 0
    assert check.stdout == ("people/Ana Souza.md:1:1: MEN001 mentor Ana Souza has no cadence; "
                            "add one such as `cadence: 2m`\n")
    report = netfiles_cli("report", "--today", "2026-11-21")
    assert "Mentors\n- Ana Souza: 19 days since you last spoke\n- Bo Chen: never logged" in report.stdout


def test_every_hook_snippet_in_the_docs_works(netfiles_vault, netfiles_pm, netfiles_cli, tmp_path):
    snippets = doc_snippets()
    modules = [module_from(source, f"snippet{i}") for i, source in enumerate(snippets)]
    for module in modules:
        netfiles_pm.register(module)
    implemented = sorted(hook for m in modules for hook in vars(m) if hook.startswith("netfiles_"))
    assert implemented == sorted(name for name in dir(netfiles.plugin_api.hookspecs) if name.startswith("netfiles_"))

    netfiles_vault.add_contact("Ana Souza", organization="Acme Bank", emails=["Ana@Example.org"], knows=["Bo Chen"],
                               met=datetime.date(2026, 3, 1))
    netfiles_vault.add_contact("Bo Chen", organization="Globex", role="CTO", emails=["bo@example.org"])
    netfiles_vault.config(size={"max_contacts": 1})

    listed = {r["name"]: r["hooks"] for r in json.loads(netfiles_cli("plugins", "--format", "json").stdout)["plugins"]}
    for module in modules:
        assert listed[module.__name__] == sorted(h for h in vars(module) if h.startswith("netfiles_"))

    assert netfiles_cli("who-knows", "bo chen").stdout == "Ana Souza\n"
    missing = netfiles_cli("who-knows", "Nobody")
    assert missing.exit_code == 1 and "Nobody" in missing.stderr

    check = json.loads(netfiles_cli("check", "--format", "json", "--select", "ORG,SIZE").stdout)["diagnostics"]
    assert [(d["path"], d["code"]) for d in check] == [(".", "SIZE001"), ("people/Ana Souza.md", "ORG001")]

    seen = next(m for m in modules if hasattr(m, "SEEN")).SEEN
    assert seen and seen[0]["added"] == ["people/Ana Souza.md", "people/Bo Chen.md"]

    names = tmp_path / "names.txt"
    names.write_text("Bo Chen\nCarla Diaz\n", encoding="utf-8")
    dry = json.loads(netfiles_cli("import", "names", names, "--dry-run", "--format", "json").stdout)
    assert (dry["created"], dry["unchanged"], dry["created_files"]) == (1, 1, ["people/Carla Diaz.md"])
    assert not (netfiles_vault.path / "people" / "Carla Diaz.md").exists()
    assert netfiles_cli("import", "names", names).exit_code == 0
    assert "name: Carla Diaz" in netfiles_vault.read("people/Carla Diaz.md")

    exported = netfiles_cli("export", "emails", "--separator", ",")
    assert exported.stdout == "Ana Souza,ana@example.org\nBo Chen,bo@example.org\n"
    out = tmp_path / "emails.tsv"
    assert netfiles_cli("export", "emails", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == "Ana Souza\tana@example.org\nBo Chen\tbo@example.org\n"

    report = json.loads(netfiles_cli("report", "--today", "2026-11-21", "--format", "json").stdout)
    section = next(s for s in report["sections"] if s["title"] == "Met in 2026")
    assert (section["text"], section["data"]) == ("1 new contacts", {"names": ["Ana Souza"]})


def test_docs_vault_plugin_example(netfiles_vault, netfiles_cli):
    netfiles_vault.add_plugin("birthdays", doc_files()[".netfiles/plugins/birthdays.py"])
    netfiles_vault.add_contact("Mum", tags=["family"])
    netfiles_vault.add_contact("Dad", tags=["family"], birthday="1950-04-01")
    before = netfiles_cli("check", "--select", "FAM")
    assert before.stdout == "" and "is not allowed on this machine yet" in before.stderr
    assert netfiles_cli("trust", "--yes").exit_code == 0
    after = netfiles_cli("check", "--select", "FAM")
    assert after.stdout == "people/Mum.md:1:1: FAM001 Mum is family but has no birthday\n"


# the fixtures themselves -------------------------------------------------------------------------------

def test_docs_example_with_several_vaults(netfiles_make_vault):
    text = DOC.read_text(encoding="utf-8")
    [source] = re.findall(r"<!-- example: several vaults -->\n" + FENCE, text, flags=re.S)
    module = module_from(source, "several_vaults")
    module.test_two_vaults(netfiles_make_vault)


def test_make_vault_and_run_cli_leave_the_working_directory_and_settings_alone(netfiles_make_vault, tmp_path):
    from netfiles.testing import check_diagnostics, run_cli, write_file

    before = os.getcwd()
    vault = netfiles_make_vault({"people/Ana.md": """
        ---
        name: Ana
        ---
        """}, config='default_cadence = "30d"\n', name="mine")
    assert vault == tmp_path / "mine" and (vault / ".netfiles/config.toml").read_text() == 'default_cadence = "30d"\n'
    assert (vault / "people/Ana.md").read_bytes() == b"---\nname: Ana\n---\n"  # dedented, as tests indent it
    write_file(vault, "people/Bo.md", b"---\r\nname: [Bo\r\n---\r\n")  # bytes exactly as given
    assert [(d["path"], d["code"]) for d in check_diagnostics(vault)] == [("people/Bo.md", "NF101")]
    assert run_cli(vault, "ls").stdout.splitlines()[1:] == ["Ana", "Bo"]
    assert os.getcwd() == before
    assert os.environ["NETFILES_TRUST_FILE"].startswith(str(tmp_path))


def test_fixtures_come_from_the_pytest11_entry_point(pytestconfig):
    found = {ep.name: ep.value for ep in entry_points(group="pytest11")}
    assert found.get("netfiles") == "netfiles.testing"
    assert pytestconfig.pluginmanager.has_plugin("netfiles")


def test_importing_the_pytest_plugin_stays_light():
    """pytest imports netfiles.testing in every project where netfiles is installed: it must cost nothing."""
    code = ("import sys, pytest\n"
            "before = set(sys.modules)\n"
            "import netfiles.testing\n"
            "print(sorted(set(sys.modules) - before))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=clean_env())
    assert out.returncode == 0, out.stderr
    # beyond what pytest itself loads: only the two netfiles modules (no click, yaml, rich, sqlite3, ...)
    assert json.loads(out.stdout.replace("'", '"')) == ["netfiles", "netfiles.testing"]


def test_vault_is_isolated(netfiles_vault, tmp_path):
    assert netfiles_vault.path == tmp_path / "vault"
    assert (netfiles_vault.path / ".netfiles").is_dir() and (netfiles_vault.path / "people").is_dir()
    assert os.environ["NETFILES_TRUST_FILE"] == str(tmp_path / "netfiles-trust.json")
    assert "NETFILES_VAULT" not in os.environ
    assert os.fspath(netfiles_vault) == str(netfiles_vault.path)


def test_add_contact_and_notes_read_back(netfiles_vault, netfiles_cli):
    ana = netfiles_vault.add_contact("Ana Souza", emails=["Ana@Example.org"], knows=["Bo Chen"], tags=["mentor"],
                                     met=datetime.date(2024, 5, 16), cadence="2m", body="Met at PyCon.",
                                     log=["2026-11-02 coffee: hi #gave", "- 2026-09-14 call: deck review #got"])
    netfiles_vault.add_contact("Bo Chen", folder="people/berlin", introduced_by="Ana Souza")
    netfiles_vault.add_note("daily/2026-10-01.md", "Lunch.", links=["Bo Chen"])
    netfiles_vault.add_note("meetings/kickoff.md", "Kick-off.", date="2026-10-05", links=["Ana Souza", "Bo Chen"])
    assert ana == netfiles_vault.path / "people" / "Ana Souza.md"
    text = netfiles_vault.read("people/Ana Souza.md")
    assert text.startswith("---\nname: Ana Souza\n")
    assert "Met at PyCon.\n\n## Log\n- 2026-11-02 coffee: hi #gave\n- 2026-09-14 call: deck review #got\n" in text

    clean = netfiles_cli("check", "--select", "NF")
    assert clean.exit_code == 0 and clean.stdout == "", clean.output

    vault = netfiles_vault.load()
    a, b = vault.find("Ana Souza"), vault.find("Bo Chen")
    assert b.path == "people/berlin/Bo Chen.md"
    assert (a.emails, a.tags, a.met, a.cadence_days) == (["ana@example.org"], ["mentor"], datetime.date(2024, 5, 16), 60)
    assert vault.ties() == {("people/Ana Souza.md", "people/berlin/Bo Chen.md")}
    assert [(i.date.isoformat(), i.kind, i.gave, i.got) for i in a.interactions] == [
        ("2026-11-02", "coffee", True, False), ("2026-10-05", "note", False, False), ("2026-09-14", "call", False, True)]
    assert [i.date.isoformat() for i in b.interactions] == ["2026-10-05", "2026-10-01"]


def test_config_writes_toml_that_netfiles_reads(netfiles_vault):
    path = netfiles_vault.config(default_cadence="30d", people=["people", "clients"],
                                 plugins={"disabled": ["health"]},
                                 me={"name": 'Sam "the owner" Ødegaard', "country": "NO"},
                                 reminders={"per_week": 3, "skip": True, "start": datetime.date(2026, 1, 5),
                                            "nested": {"ratio": 0.5}})
    assert path == netfiles_vault.path / ".netfiles" / "config.toml"
    config = netfiles_vault.load().config
    assert config.default_cadence == "30d"
    assert config.people == ["people", "clients"]
    assert config.disabled_plugins == ["health"]
    assert config.me == {"name": 'Sam "the owner" Ødegaard', "country": "NO"}
    assert config.section("reminders") == {"per_week": 3, "skip": True, "start": datetime.date(2026, 1, 5),
                                           "nested": {"ratio": 0.5}}

    netfiles_vault.config('[me]\nname = "Raw Text"\n')
    assert netfiles_vault.load().config.me == {"name": "Raw Text"}
    with pytest.raises(TypeError):
        netfiles_vault.config("x = 1", people=["p"])


def test_pm_is_built_on_first_use_so_config_counts(netfiles_vault, netfiles_pm):
    netfiles_vault.config(plugins={"disabled": ["reminders"]})
    assert netfiles_pm.get_plugin("reminders") is None
    assert netfiles_pm.get_plugin("health") is not None
    assert [i.status for i in netfiles_pm.infos if i.name == "reminders"] == ["disabled"]


def test_pm_register_catches_misspelt_hooks_and_tolerates_repeats(netfiles_vault, netfiles_pm):
    class Typo:
        @netfiles.hookimpl
        def netfiles_check_contacts(self, contact):
            return []

    with pytest.raises(ValueError, match="netfiles_check_contacts"):
        netfiles_pm.register(Typo())
    assert netfiles_pm.get_plugin("typo") is None

    class Fine:
        @netfiles.hookimpl
        def netfiles_check_vault(self):
            return [netfiles.Diagnostic(".", 0, 0, "FINE001", netfiles.WARNING, "fine")]

    plugin = Fine()
    name = netfiles_pm.register(plugin, name="fine")
    assert netfiles_pm.register(plugin) == name == "fine"
    vault = netfiles_vault.load()
    result = netfiles.check_vault(vault, netfiles_pm.pm)
    assert [d.code for d in result.diagnostics] == ["FINE001"]

    import netfiles_reminders  # loaded through its entry point already: registering it again is harmless

    assert netfiles_pm.register(netfiles_reminders) == "reminders"


def test_cli_runs_on_the_vault_and_rebuilds_plugins_each_time(netfiles_vault, netfiles_pm, netfiles_cli):
    netfiles_vault.write("people/bad.md", "---\nname: [unclosed\n---\n")
    before = os.getcwd()
    one_file = netfiles_cli("check", netfiles_vault.path / "people/bad.md", "--select", "NF")
    assert os.getcwd() == before  # the fixture passes --vault and leaves the working directory alone
    assert one_file.exit_code == 1
    assert one_file.stdout.startswith("people/bad.md:")  # shown relative to the vault
    assert "NF101" in one_file.stdout

    netfiles_vault.add_plugin("local", "import netfiles\n\n@netfiles.hookimpl\ndef netfiles_check_vault():\n"
                                       "    return [netfiles.Diagnostic('.', 0, 0, 'LOC9', netfiles.WARNING, 'local')]\n")
    assert "LOC9" not in netfiles_cli("check", "--select", "LOC").stdout
    assert netfiles_cli("trust", "--yes").exit_code == 0
    assert "LOC9 local" in netfiles_cli("check", "--select", "LOC").stdout
    assert netfiles_pm.get_plugin("local") is not None  # the handle follows the latest command


def test_cli_keeps_stdout_and_stderr_apart(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza")
    result = netfiles_cli("ls")
    assert result.exit_code == 0
    assert "Ana Souza" in result.stdout
    assert result.stderr.strip() == "1 contact"
