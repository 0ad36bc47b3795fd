"""Each bundled plugin's libraries are its own pip extra: the core installs and runs without them, and a plugin
whose extra is missing says what to install (exit status 2) while every other command keeps working.

"Not installed" is made real in a subprocess: a sitecustomize on PYTHONPATH puts a finder first on
sys.meta_path that refuses the blocked packages, exactly as Python reports a package that is not there.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netfiles_health import NEEDS as HEALTH_NEEDS

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PLUGIN_LIBRARIES = {"networkx", "numpy", "igraph", "icalendar", "recurring-ical-events", "vobject"}
BLOCKED = "networkx,numpy,igraph,icalendar,recurring_ical_events,vobject"

BLOCKER = '''
import os, sys

BLOCKED = set(os.environ["NETFILES_TEST_BLOCK"].split(","))


class NotInstalled:
    """Answers for the blocked packages as Python does for a package that is not installed."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, NotInstalled())
'''


def names(requirements: list[str]) -> set[str]:
    """Distribution names of requirement strings, without versions, extras or markers."""
    return {re.match(r"[A-Za-z0-9._-]+", r).group(0).lower() for r in requirements}


def test_the_core_dependencies_leave_out_every_plugin_library():
    core = names(PROJECT["dependencies"])
    assert core & PLUGIN_LIBRARIES == set()
    assert {"click", "pyyaml", "pluggy"} <= core


def test_each_plugin_declares_its_libraries_as_its_extra_and_test_installs_them_all():
    extras = PROJECT["optional-dependencies"]
    assert names(extras["health"]) == {"networkx", "numpy", "igraph"} == set(HEALTH_NEEDS)
    assert names(extras["import"]) == {"icalendar", "recurring-ical-events", "vobject"}
    assert names(extras["reminders"]) == {"icalendar"}
    assert extras["all"] == ["netfiles[health,import,reminders]"]
    assert "netfiles[all]" in extras["test"]  # the README's `pip install -e '.[test]'` gets everything


@pytest.fixture
def without_plugin_libraries(tmp_path):
    """The environment of a netfiles installed without any extra: `run(vault, *args)` -> CompletedProcess."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(textwrap.dedent(BLOCKER), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
               NETFILES_TEST_BLOCK=BLOCKED)
    env.pop("NETFILES_DEBUG", None)

    def run(vault: Path | None, *args: str) -> subprocess.CompletedProcess:
        argv = ["netfiles"] + (["--vault", str(vault)] if vault else []) + list(args)
        return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)

    run.env = env
    return run


@pytest.fixture
def two_people(netfiles_make_vault):
    return netfiles_make_vault({
        "people/ana.md": "---\nname: Ana Souza\norganization: Acme\ncadence: 1m\nmet: 2025-01-01\n"
                         "knows: ['[[Bo Chen]]']\n---\n## Log\n- 2025-06-01 call: catch-up\n",
        "people/bo.md": "---\nname: Bo Chen\norganization: Globex\ncadence: 2m\nmet: 2025-01-01\n---\n",
    }, config='[me]\nname = "Me"\n')


def test_the_blocker_really_hides_the_libraries(without_plugin_libraries):
    code = "import networkx"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0  # installed here
    hidden = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=without_plugin_libraries.env)
    assert hidden.returncode == 1 and "ModuleNotFoundError: No module named 'networkx'" in hidden.stderr


def test_core_commands_work_without_any_plugin_library(without_plugin_libraries, two_people):
    run = without_plugin_libraries
    check = run(two_people, "check")
    assert check.returncode == 0 and "All good" in check.stdout + check.stderr
    due = run(two_people, "due", "--today", "2026-11-21")
    assert due.returncode == 0 and "Ana Souza" in due.stdout and "Bo Chen" in due.stdout
    listed = run(two_people, "ls")
    assert listed.returncode == 0 and listed.stdout.splitlines()[1].startswith("Ana Souza")
    report = run(two_people, "report", "--today", "2026-11-21")
    assert report.returncode == 0 and "Traceback" not in report.stderr and "NF001" not in report.stdout + report.stderr
    assert "Not measured: needs networkx, numpy, igraph, not installed: pip install 'netfiles[health]'." in report.stdout


@pytest.mark.parametrize("args, needs", [
    (["health", "--today", "2026-11-21"], "netfiles health needs networkx, numpy, igraph"),
    (["intro", "Bo Chen"], "netfiles intro needs networkx, numpy, igraph"),
    (["export", "graph", "--format", "json"], "netfiles export graph needs networkx, numpy, igraph"),
])
def test_health_commands_say_which_extra_to_install(without_plugin_libraries, two_people, args, needs):
    result = without_plugin_libraries(two_people, *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"Error: {needs}, not installed: pip install 'netfiles[health]'\n"
    assert result.stdout == ""


def test_import_and_reminders_commands_say_which_extra_to_install(without_plugin_libraries, two_people, tmp_path):
    before = {p: p.read_bytes() for p in (two_people / "people").iterdir()}
    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Cy Dee\nEND:VCARD\n")
    cases = [
        (["import", "vcard", str(card)], "netfiles import vcard needs vobject", "import"),
        (["import", "calendar", str(card)], "netfiles import calendar needs icalendar, recurring_ical_events", "import"),
        (["due", "--today", "2026-11-21", "--ics", str(tmp_path / "due.ics")], "netfiles due --ics needs icalendar",
         "reminders"),
    ]
    for args, needs, extra in cases:
        result = without_plugin_libraries(two_people, *args)
        assert (result.returncode, result.stderr.splitlines()[-1]) == (
            2, f"Error: {needs}, not installed: pip install 'netfiles[{extra}]'"), args
    assert not (tmp_path / "due.ics").exists()
    assert {p: p.read_bytes() for p in (two_people / "people").iterdir()} == before  # no uid written, nothing imported
    csv_export = without_plugin_libraries(two_people, "export", "csv")
    assert csv_export.returncode == 0 and "Ana Souza" in csv_export.stdout  # the import plugin's other commands work
