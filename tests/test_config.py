"""Finding the vault (--vault, NETFILES_VAULT, walking up) and reading .netfiles/config.toml (FORMAT.md section 1)."""
from __future__ import annotations

import json
import os
import subprocess

import pytest
from netfiles.testing import run_cli, write_file


@pytest.fixture(autouse=True)
def no_vault_from_the_environment(monkeypatch):
    monkeypatch.delenv("NETFILES_VAULT", raising=False)


def contact_names(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [c["name"] for c in json.loads(result.stdout)["contacts"]]


@pytest.fixture
def two(netfiles_make_vault):
    return (netfiles_make_vault({"people/Ana.md": ""}, name="one"), netfiles_make_vault({"people/Bo.md": ""}, name="two"))


def test_vault_option(two):
    assert contact_names(run_cli(two[0], "ls", "--format", "json")) == ["Ana"]
    assert contact_names(run_cli(two[1], "ls", "--format", "json")) == ["Bo"]


def test_vault_variable(two, monkeypatch):
    monkeypatch.chdir(two[0])
    assert contact_names(run_cli(None, "ls", "--format", "json", env={"NETFILES_VAULT": str(two[1])})) == ["Bo"]
    # --vault wins over the variable
    assert contact_names(run_cli(two[0], "ls", "--format", "json", env={"NETFILES_VAULT": str(two[1])})) == ["Ana"]


def test_walking_up_from_a_sub_folder(two, monkeypatch):
    deep = two[1] / "people" / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert contact_names(run_cli(None, "ls", "--format", "json")) == ["Bo"]


def test_real_command_walks_up_and_uses_the_variable(two):
    env = {k: v for k, v in os.environ.items() if k != "NETFILES_VAULT"}
    done = subprocess.run(["netfiles", "ls", "--format", "json"], cwd=two[0] / "people", env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert [c["name"] for c in json.loads(done.stdout)["contacts"]] == ["Ana"]
    done = subprocess.run(["netfiles", "ls", "--format", "json"], cwd=two[0], env={**env, "NETFILES_VAULT": str(two[1])},
                          capture_output=True, text=True, timeout=60)
    assert [c["name"] for c in json.loads(done.stdout)["contacts"]] == ["Bo"]


def test_an_explicit_folder_without_netfiles_works_with_defaults(tmp_path):
    plain = tmp_path / "plain"
    write_file(plain, "people/Ana.md", "---\nstrength: 9\n---\n")
    write_file(plain, "templates/contact.md", "---\nname: {{title}}\n---\n")  # ignored by default
    write_file(plain, "Carla.md", "not under people/: not a contact")
    assert contact_names(run_cli(plain, "ls", "--format", "json")) == ["Ana"]
    result = run_cli(plain, "check")
    assert result.exit_code == 1 and "people/Ana.md:2:1: NF205" in result.stdout


def test_outside_any_vault_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli(None, "ls")
    assert result.exit_code == 2
    assert "not inside a netfiles vault" in result.stderr and "netfiles init" in result.stderr
    missing = run_cli(tmp_path / "nowhere", "ls")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_a_deleted_current_folder_is_not_a_traceback(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "NETFILES_VAULT"}
    done = subprocess.run(["sh", "-c", "cd gone && rmdir ../gone && exec netfiles ls"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "not inside a netfiles vault" in done.stderr


# Settings -------------------------------------------------------------------------------------------

def test_people_ignore_and_default_cadence(netfiles_make_vault):
    v = netfiles_make_vault({"contacts/Ana.md": "", "contacts/archive/Old.md": "", "people/NotAContact.md": "",
                             "contacts/drafts/Draft.md": ""},
                            config='people = ["contacts/"]\nignore = ["archive", "contacts/drafts"]\ndefault_cadence = "2w"\n')
    assert contact_names(run_cli(v, "ls", "--format", "json")) == ["Ana"]
    shown = json.loads(run_cli(v, "show", "Ana", "--format", "json").stdout)
    assert shown["cadence_days"] == 14


def test_channels_can_be_extended(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "## Log\n- 2026-01-02 brunch: x\n- 2026-01-01 coffee\n- 2026-01-03 carrier-pigeon\n"},
                            config='[channels]\nin-person = ["Brunch"]\n')
    shown = json.loads(run_cli(v, "show", "Ana", "--format", "json").stdout)
    assert [(i["kind"], i["channel"]) for i in shown["interactions"]] == \
        [("carrier-pigeon", "online"), ("brunch", "in-person"), ("coffee", "in-person")]


def test_changing_people_folders_rebuilds_the_index(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "", "friends/Bo.md": ""})
    assert contact_names(run_cli(v, "ls", "--format", "json")) == ["Ana"]
    write_file(v, ".netfiles/config.toml", 'people = ["people", "friends"]\n')
    assert contact_names(run_cli(v, "ls", "--format", "json")) == ["Ana", "Bo"]


BAD_CONFIGS = {
    "syntax": 'people = ["people"\n',
    "people not a list": 'people = "people"\n',
    "ignore not strings": "ignore = [1, 2]\n",
    "cadence": 'default_cadence = "sometimes"\n',
    "cadence never": 'default_cadence = "never"\n',
    "plugins not a table": "plugins = 5\n",
    "disabled not a list": '[plugins]\ndisabled = "health"\n',
    "me not a table": 'me = "Sam"\n',
    "channels not a table": 'channels = ["coffee"]\n',
    "channel kinds not a list": '[channels]\nin-person = "brunch"\n',
}


@pytest.mark.parametrize("text", BAD_CONFIGS.values(), ids=BAD_CONFIGS.keys())
@pytest.mark.parametrize("command", [["ls"], ["check"], ["index", "--rebuild"], ["show", "Ana"]])
def test_bad_config_is_exit_2_naming_the_file(netfiles_make_vault, text, command):
    v = netfiles_make_vault({"people/Ana.md": ""}, config=text)
    result = run_cli(v, *command)
    assert result.exit_code == 2, result.output
    assert str(v / ".netfiles" / "config.toml") in result.stderr
    assert "internal error" not in result.stderr


def test_bad_config_from_the_real_command(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": ""}, config="plugins = 5\n")
    for args in (["check"], ["ls"], ["check", "people/Ana.md"]):
        done = subprocess.run(["netfiles", *args], cwd=v, capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, (args, done.stderr)
        assert "config.toml" in done.stderr and "Traceback" not in done.stderr


def test_config_not_utf8(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": ""}, config=b'people = ["\xff"]\n')
    result = run_cli(v, "check")
    assert result.exit_code == 2 and "not valid UTF-8" in result.stderr


# check PATHS as pre-commit passes them -----------------------------------------------------------------

@pytest.fixture
def repo(tmp_path):
    """A git repository whose vault is a sub-folder, as pre-commit sees it."""
    vault = tmp_path / "repo" / "network"
    write_file(vault, ".netfiles/config.toml", "# defaults\n")
    write_file(vault, "people/Ana.md", '---\nstrength: 9\nknows: ["[[Bo]]"]\n---\n')
    write_file(vault, "people/Bo.md", "---\nemails: [bo@x.org]\n---\n")
    write_file(vault, "people/Bo2.md", "---\nemails: [BO@x.org]\n---\n")
    write_file(vault, "people/Cy.md", "---\ncadence: sometimes\n---\n")
    write_file(vault, "templates/bad.md", "---\nstrength: 12\n---\n")
    return vault


def test_check_paths_relative_to_a_sub_folder(repo, monkeypatch):
    monkeypatch.chdir(repo / "people")
    result = run_cli(None, "check", "Ana.md", "Bo.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "people/Ana.md:2:1: NF205 strength must be an integer from 1 to 5, not 9",
        "people/Bo.md:2:10: NF302 duplicate identity: email bo@x.org is also in people/Bo2.md",
    ]
    assert "2 files checked" in result.stderr


def test_check_paths_from_the_repository_root(repo, monkeypatch):
    monkeypatch.chdir(repo.parent)
    result = run_cli(None, "check", "network/people/Cy.md")
    assert result.exit_code == 1
    assert [line.split()[:2] for line in result.stdout.splitlines()] == [["people/Cy.md:2:1:", "NF204"]]


def test_check_of_a_path_in_an_ignored_folder_is_silently_skipped(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = run_cli(None, "check", "templates/bad.md")
    assert result.exit_code == 0
    assert result.stdout == ""
    other = run_cli(None, "check", "templates/bad.md", ".netfiles/config.toml", "people/Bo2.md")
    assert other.exit_code == 1
    assert [line.split()[:2] for line in other.stdout.splitlines()] == [["people/Bo2.md:2:10:", "NF302"]]


def test_check_a_folder_checks_the_files_in_it(repo, monkeypatch):
    monkeypatch.chdir(repo)
    codes = [line.split()[1] for line in run_cli(None, "check", "people").stdout.splitlines()]
    assert codes == ["NF205", "NF302", "NF302", "NF204"]
    assert run_cli(None, "check", "templates").stdout == ""


def test_check_a_path_that_does_not_exist_is_a_usage_error(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = run_cli(None, "check", "people/Typo.md")
    assert result.exit_code == 2
    assert "people/Typo.md" in result.stderr


def test_check_paths_through_a_symlinked_folder(repo, monkeypatch, tmp_path):
    link = tmp_path / "link-to-network"
    link.symlink_to(repo)
    monkeypatch.chdir(link)
    monkeypatch.setenv("PWD", str(link))
    result = run_cli(None, "check", str(link / "people/Cy.md"))
    assert result.exit_code == 1
    assert result.stdout.startswith("people/Cy.md:2:1: NF204")


def test_check_paths_reports_links_elsewhere_that_the_change_made_ambiguous(netfiles_make_vault, monkeypatch):
    v = netfiles_make_vault({"people/Ana.md": '---\nknows: ["[[Sam]]", "[[Nobody]]"]\n---\n', "people/Sam.md": "",
                             "people/Samuel.md": "---\naliases: [Sam]\n---\n", "people/Bo.md": ""})
    monkeypatch.chdir(v)
    result = run_cli(None, "check", "people/Samuel.md")
    assert result.exit_code == 0  # a warning
    assert [line.split()[:2] for line in result.stdout.splitlines()] == [["people/Ana.md:2:10:", "NF303"]]
    assert run_cli(None, "check", "people/Bo.md").stdout == ""  # Ana's broken link does not concern Bo
