"""The core commands as a user runs them: init, add, ls, show, index, report, --version and --help."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import click
import pytest
import yaml

import netfiles
from netfiles.model.config import DEFAULTS, load_config
from netfiles.testing import run_cli, write_file

# init -----------------------------------------------------------------------------------------------


def test_init_makes_a_vault(tmp_path):
    target = tmp_path / "network"
    result = run_cli(None, "init", target)
    assert result.exit_code == 0, result.output
    assert (target / ".netfiles").is_dir() and (target / "people").is_dir()
    assert (target / ".netfiles/.gitignore").read_text().splitlines()[-1] == "cache/"
    # the defaults written out, commented, and read back as the defaults
    config = (target / ".netfiles/config.toml").read_text()
    assert load_config(target).data == DEFAULTS
    for key in ("people", "ignore", "default_cadence", "[plugins]", "disabled", "[me]"):
        assert key in config
    assert sum(line.startswith("#") for line in config.splitlines()) >= 10
    # a contact template that is not itself a contact
    template = (target / "templates/contact.md").read_text()
    assert template.startswith("---\n") and "## Log" in template
    # the pre-commit snippet, printed for the user, is valid YAML naming the hook
    snippet = result.stdout[result.stdout.index("repos:"):]
    assert yaml.safe_load(snippet)["repos"][0]["hooks"][0]["id"] == "netfiles-check"
    # and the new vault works
    assert run_cli(target, "check").exit_code == 0
    ls = run_cli(target, "ls", "--format", "json")
    assert json.loads(ls.stdout) == {"contacts": []}


def test_init_never_overwrites(tmp_path):
    target = tmp_path / "v"
    (target / ".netfiles").mkdir(parents=True)
    (target / ".netfiles/config.toml").write_text('default_cadence = "30d"\n')
    result = run_cli(None, "init", target)
    assert result.exit_code == 0
    assert (target / ".netfiles/config.toml").read_text() == 'default_cadence = "30d"\n'
    assert "created .netfiles/.gitignore" in result.stdout
    again = run_cli(None, "init", target)
    assert "already a netfiles vault" in again.stdout


def test_init_defaults_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli(None, "init").exit_code == 0
    assert (tmp_path / ".netfiles/config.toml").is_file()


@pytest.mark.git
def test_init_gitignore_keeps_the_cache_out_of_git(tmp_path):
    target = tmp_path / "v"
    run_cli(None, "init", target)
    write_file(target, "people/Ana.md", "---\nname: Ana\n---\n")
    assert run_cli(target, "index").exit_code == 0
    assert (target / ".netfiles/cache").is_dir()
    subprocess.run(["git", "init", "-q"], cwd=target, check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=target, check=True,
                            capture_output=True, text=True).stdout
    assert ".netfiles/config.toml" in status and "people/Ana.md" in status
    assert "cache" not in status


# add ------------------------------------------------------------------------------------------------


def test_add_writes_a_contact_that_reads_back(netfiles_make_vault):
    v = netfiles_make_vault({"people/Bo Chen.md": ""})
    result = run_cli(v, "add", "Ana Souza", "--org", "Acme Bank", "--role", "Head of Data", "--email", "ana@example.org",
                     "--email", "ana@home.example", "--tag", "mentor", "--tag", "pycon-2024", "--cadence", "2m",
                     "--met", "2024-05-16", "--how-met", "PyCon: hallway track", "--knows", "Bo Chen",
                     "--linkedin", "https://www.linkedin.com/in/ana", "--country", "BR", "--today", "2026-11-21")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "created people/Ana Souza.md"
    shown = json.loads(run_cli(v, "show", "Ana Souza", "--format", "json").stdout)
    assert shown["front_matter"] == {
        "name": "Ana Souza", "organization": "Acme Bank", "role": "Head of Data",
        "emails": ["ana@example.org", "ana@home.example"], "tags": ["mentor", "pycon-2024"], "cadence": "2m",
        "met": "2024-05-16", "how_met": "PyCon: hallway track", "country": "BR",
        "linkedin": "https://www.linkedin.com/in/ana", "knows": ["[[Bo Chen]]"], "added": "2026-11-21"}
    assert shown["knows"] == ["Bo Chen"]
    assert shown["cadence_days"] == 60
    assert run_cli(v, "check", "--select", "NF").exit_code == 0
    text = (v / "people/Ana Souza.md").read_text()
    assert "# Ana Souza" in text and "## Log" in text


def test_add_refuses_to_clobber(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana Souza.md": "---\nname: Ana Souza\nrole: CTO\n---\n"})
    result = run_cli(v, "add", "Ana Souza", "--role", "intern")
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert (v / "people/Ana Souza.md").read_text() == "---\nname: Ana Souza\nrole: CTO\n---\n"


@pytest.mark.parametrize("name, stem", [("AC/DC: Back?", "AC DC Back"), ("../../etc/passwd", "etc passwd"),
                                        ("CON", "CON (contact)"), ("  Ana   Souza ", "Ana Souza"), ("...", "Unnamed")])
def test_add_makes_a_safe_file_name_inside_the_people_folder(netfiles_make_vault, name, stem):
    v = netfiles_make_vault()
    result = run_cli(v, "add", name)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"created people/{stem}.md"
    files = sorted(p.relative_to(v).as_posix() for p in v.rglob("*.md"))
    assert files == [f"people/{stem}.md"]


def test_add_refuses_a_second_file_for_the_same_person(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\nemails: [ana@example.org]\nlinkedin: linkedin.com/in/ana\n---\n"})
    by_email = run_cli(v, "add", "Ana Souza", "--email", "ANA@example.org")
    assert by_email.exit_code == 1 and "people/Ana.md" in by_email.stderr
    by_linkedin = run_cli(v, "add", "Ana Souza", "--linkedin", "https://www.linkedin.com/in/Ana/")
    assert by_linkedin.exit_code == 1 and "people/Ana.md" in by_linkedin.stderr
    assert not (v / "people/Ana Souza.md").exists()


@pytest.mark.parametrize("args", [["--email", "not-an-email"], ["--cadence", "sometimes"], ["--folder", "../out"]])
def test_add_rejects_bad_values(netfiles_make_vault, args):
    v = netfiles_make_vault()
    result = run_cli(v, "add", "Ana", *args)
    assert result.exit_code == 1
    assert list(v.rglob("*.md")) == []


def test_add_into_a_sub_folder(netfiles_make_vault):
    v = netfiles_make_vault()
    assert run_cli(v, "add", "Ana", "--folder", "work/lisbon").stdout.strip() == "created people/work/lisbon/Ana.md"


# ls -------------------------------------------------------------------------------------------------

@pytest.fixture
def people(netfiles_make_vault):
    return netfiles_make_vault({
        "people/Ana Souza.md": """\
            ---
            name: Ana Souza
            organization: Acme Bank
            industry: finance
            country: BR
            emails: [ana@example.org]
            tags: [mentor, pycon]
            ---
            ## Log
            - 2026-03-01 call: x
            """,
        "people/Bo Chen.md": """\
            ---
            organization: "=HYPERLINK(\\"http://x\\")"
            industry: tech
            country: PT
            tags: [pycon]
            ---
            ## Log
            - 2026-05-01 coffee
            """,
        "people/carla.md": "---\nname: Carla Diaz\nindustry: Finance\nrole: CTO\n---\n",
        "daily/2026-06-10.md": "Lunch with [[Carla Diaz]].\n",
    })


def names(result) -> list[str]:
    return [c["name"] for c in json.loads(result.stdout)["contacts"]]


def test_ls_filters_and_sorts(people):
    assert names(run_cli(people, "ls", "--format", "json")) == ["Ana Souza", "Bo Chen", "Carla Diaz"]
    assert names(run_cli(people, "ls", "--tag", "pycon", "--format", "json")) == ["Ana Souza", "Bo Chen"]
    assert names(run_cli(people, "ls", "--tag", "pycon", "--tag", "#Mentor", "--format", "json")) == ["Ana Souza"]
    assert names(run_cli(people, "ls", "--where", "industry=finance", "--format", "json")) == ["Ana Souza", "Carla Diaz"]
    assert names(run_cli(people, "ls", "--where", "industry=finance", "--where", "country=BR", "--format", "json")) == \
        ["Ana Souza"]
    assert names(run_cli(people, "ls", "--where", "industry!=finance", "--format", "json")) == ["Bo Chen"]
    assert names(run_cli(people, "ls", "--where", "organization~=bank", "--format", "json")) == ["Ana Souza"]
    assert names(run_cli(people, "ls", "--where", "email", "--format", "json")) == ["Ana Souza"]
    assert names(run_cli(people, "ls", "--where", "role=cto", "--format", "json")) == ["Carla Diaz"]
    by_last = run_cli(people, "ls", "--sort", "last_contact", "--format", "json")
    assert names(by_last) == ["Carla Diaz", "Bo Chen", "Ana Souza"]  # the daily note counts for Carla
    assert [c["last_contact"] for c in json.loads(by_last.stdout)["contacts"]] == \
        ["2026-06-10", "2026-05-01", "2026-03-01"]


def test_ls_bad_where_is_a_usage_error(people):
    result = run_cli(people, "ls", "--where", "=x")
    assert result.exit_code == 2 and "--where" in result.stderr


def test_ls_table_and_csv(people):
    table = run_cli(people, "ls", "--where", "country=PT")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["Name", "Organization", "Role", "Tags", "Last", "contact"]
    assert lines[1].startswith("Bo Chen ") and lines[1].endswith("2026-05-01")
    assert "1 contact" in table.stderr
    rows = list(csv.DictReader(io.StringIO(run_cli(people, "ls", "--format", "csv").stdout)))
    assert [r["name"] for r in rows] == ["Ana Souza", "Bo Chen", "Carla Diaz"]
    assert rows[0]["tags"] == "mentor; pycon" and rows[0]["path"] == "people/Ana Souza.md"
    assert rows[1]["organization"] == "'=HYPERLINK(\"http://x\")"  # a formula is neutralised


# show -----------------------------------------------------------------------------------------------

@pytest.fixture
def network(netfiles_make_vault):
    return netfiles_make_vault({
        "people/Ana Souza.md": """\
            ---
            name: Ana Souza
            aliases: [Ana]
            met: 2024-05-16
            birthday: --03-02
            strength: 4
            knows: ["[[Bo Chen]]"]
            ---
            ## Log
            - 2026-09-14 call: reviewed my deck #got
            - 2026-06-01 email
            """,
        "people/Bo Chen.md": "---\nname: Bo Chen\n---\n",
        "people/Carla.md": '---\nknows: ["[[Ana]]"]\n---\n',
        "daily/2026-10-03.md": "Bumped into [[Ana]] and [[ana souza|her]] again.\n",
        "meetings/kickoff.md": "---\ndate: 2026-11-05\n---\nWith [[Bo Chen]] and [[Ana Souza#Log]].\n",
        "meetings/undated.md": "[[Ana]] without a date is not an interaction.\n",
        "templates/2026-12-01 template.md": "[[Ana]] in an ignored folder.\n",
    })


def test_show_json(network):
    result = run_cli(network, "show", "ana", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == "Ana Souza" and data["path"] == "people/Ana Souza.md"
    assert data["front_matter"] == {"name": "Ana Souza", "aliases": ["Ana"], "met": "2024-05-16",
                                    "birthday": "--03-02", "strength": 4, "knows": ["[[Bo Chen]]"]}
    got = [(i["date"], i["kind"], i["text"], i["source"]) for i in data["interactions"]]
    assert got == [("2026-11-05", "note", "kickoff", "meetings/kickoff.md"),
                   ("2026-10-03", "note", "2026-10-03", "daily/2026-10-03.md"),
                   ("2026-09-14", "call", "reviewed my deck #got", "people/Ana Souza.md"),
                   ("2026-06-01", "email", "", "people/Ana Souza.md")]
    assert data["last_contact"] == "2026-11-05"
    assert data["knows"] == ["Bo Chen", "Carla"]  # both directions: Ana says Bo, Carla says Ana


def test_show_knows_is_undirected(network):
    bo = json.loads(run_cli(network, "show", "Bo Chen", "--format", "json").stdout)
    assert bo["knows"] == ["Ana Souza"]
    assert bo["last_contact"] == "2026-11-05"
    carla = json.loads(run_cli(network, "show", "carla", "--format", "json").stdout)
    assert carla["knows"] == ["Ana Souza"] and carla["last_contact"] is None and carla["interactions"] == []


def test_show_text(network):
    result = run_cli(network, "show", "Ana Souza")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Ana Souza\n=========\nfile: people/Ana Souza.md\n")
    assert "knows: Bo Chen, Carla" in out and "last contact: 2026-11-05" in out
    assert "  2026-09-14 call: reviewed my deck #got  [people/Ana Souza.md]" in out


def test_show_unknown(network):
    result = run_cli(network, "show", "Zed")
    assert result.exit_code == 1 and "no contact named 'Zed'" in result.stderr


# index ----------------------------------------------------------------------------------------------

def index_counts(vault, *args) -> dict:
    result = run_cli(vault, "index", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_index_counts_added_changed_removed(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "", "people/Bo.md": "", "notes/n.md": "x"})
    assert index_counts(v) == {"added": 3, "changed": 0, "removed": 0, "unchanged": 0, "files": 3}
    assert index_counts(v) == {"added": 0, "changed": 0, "removed": 0, "unchanged": 3, "files": 3}
    write_file(v, "people/Ana.md", "---\nname: Ana Souza\n---\n")
    (v / "people/Bo.md").unlink()
    write_file(v, "people/Cy.md", "")
    assert index_counts(v) == {"added": 1, "changed": 1, "removed": 1, "unchanged": 1, "files": 3}
    text = run_cli(v, "index")
    assert text.stdout.strip() == "0 added, 0 changed, 0 removed, 3 unchanged (3 files indexed)"
    assert index_counts(v, "--rebuild") == {"added": 3, "changed": 0, "removed": 0, "unchanged": 0, "files": 3}


def test_every_command_refreshes_the_index(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\nname: Ana\n---\n"})
    assert names(run_cli(v, "ls", "--format", "json")) == ["Ana"]
    write_file(v, "people/Ana.md", "---\nname: Ana Souza\nstrength: 9\n---\n")
    os.utime(v / "people/Ana.md", ns=(1, 1))  # a different mtime, whatever the clock's resolution
    assert names(run_cli(v, "ls", "--format", "json")) == ["Ana Souza"]
    assert run_cli(v, "check").exit_code == 1


def test_unchanged_files_are_not_read_again(netfiles_make_vault):
    """Same stat means unchanged: a second run re-reads nothing (that is what makes it fast)."""
    v = netfiles_make_vault({"people/Ana.md": "---\nname: Ana\n---\n"})
    assert names(run_cli(v, "ls", "--format", "json")) == ["Ana"]
    counts = json.loads(run_cli(v, "index", "--format", "json").stdout)
    assert (counts["changed"], counts["unchanged"]) == (0, 1)


def test_a_same_size_edit_with_the_mtime_put_back_is_seen(netfiles_make_vault):
    """`touch -r` (or a tool restoring times) after a same-size edit: ctime and inode still tell (issue 10, item 18)."""
    v = netfiles_make_vault({"people/Ana.md": "---\nname: Ana\n---\n"})
    path = v / "people/Ana.md"
    assert names(run_cli(v, "ls", "--format", "json")) == ["Ana"]
    st = path.stat()
    path.write_text("---\nname: Bob\n---\n")  # same size, written in place (same inode)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns, path.stat().st_ino) == (st.st_size, st.st_mtime_ns, st.st_ino)
    assert names(run_cli(v, "ls", "--format", "json")) == ["Bob"]


def test_deleting_the_cache_loses_nothing(network):
    before = run_cli(network, "show", "ana", "--format", "json").stdout
    checked = run_cli(network, "check", "--format", "json").stdout
    import shutil

    shutil.rmtree(network / ".netfiles/cache")
    assert run_cli(network, "show", "ana", "--format", "json").stdout == before
    assert run_cli(network, "check", "--format", "json").stdout == checked


def test_a_corrupt_cache_is_rebuilt(network):
    before = run_cli(network, "show", "ana", "--format", "json").stdout
    for name in os.listdir(network / ".netfiles/cache"):
        (network / ".netfiles/cache" / name).write_bytes(b"this is not a database" * 100)
    result = run_cli(network, "show", "ana", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == before


# report ---------------------------------------------------------------------------------------------

def test_report_vault_section(network):
    result = run_cli(network, "report", "--today", "2026-11-21", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["today"] == "2026-11-21"
    vault = next(s for s in data["sections"] if s["title"] == "Vault")
    assert vault["data"] == {"contacts": 3, "notes": 2, "ties": 2, "interactions": 5, "interactions_last_year": 5,
                             "file_errors": 0}
    later = json.loads(run_cli(network, "report", "--today", "2027-10-04", "--format", "json").stdout)
    assert next(s for s in later["sections"] if s["title"] == "Vault")["data"]["interactions_last_year"] == 2
    text = run_cli(network, "report", "--today", "2026-11-21")
    assert text.exit_code == 0
    assert "3 contacts, 2 ties between them, 2 dated notes." in text.stdout


# --version and --help -------------------------------------------------------------------------------

def test_version_from_the_real_command():
    for argv in (["netfiles", "--version"], [sys.executable, "-m", "netfiles", "--version"]):
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0
        assert done.stdout.strip() == f"netfiles, version {netfiles.__version__}"


def all_commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


CORE = {"init", "add", "log", "ls", "show", "check", "index", "plugins", "trust", "report", "import", "export"}


def test_every_core_command_has_help_with_examples(netfiles_make_vault):
    v = netfiles_make_vault()
    cli = netfiles.create_cli(netfiles.get_plugin_manager(v))
    missing = []
    for path, _command in all_commands(cli):
        if path[0] not in CORE:
            continue
        result = run_cli(v, *path, "--help")
        assert result.exit_code == 0, (path, result.output)
        assert "Usage: " in result.stdout
        if "Example" not in result.stdout:
            missing.append(" ".join(path))
    assert missing == []
    top = run_cli(None, "--help")
    assert top.exit_code == 0 and "Examples:" in top.stdout and "NETFILES_VAULT" in top.stdout


def test_every_command_answers_version(netfiles_make_vault):
    v = netfiles_make_vault()
    cli = netfiles.create_cli(netfiles.get_plugin_manager(v))
    for path, _command in all_commands(cli):
        result = run_cli(v, *path, "--version")
        assert result.exit_code == 0, (path, result.output)
        assert result.stdout.strip() == f"netfiles, version {netfiles.__version__}"


def test_plugin_commands_have_help(netfiles_make_vault):
    v = netfiles_make_vault()
    cli = netfiles.create_cli(netfiles.get_plugin_manager(v))
    for path, _command in all_commands(cli):
        result = run_cli(v, *path, "--help")
        assert result.exit_code == 0, (path, result.output)
        assert "Usage: " in result.stdout
