"""`netfiles.check_vault()` gives exactly what `netfiles check` prints: the same diagnostics in the same order,
for the whole vault (NF103 names and plugins that failed to load included) and for `check PATH...`."""
from __future__ import annotations

import json
import os

import pytest

import netfiles


class Crash:
    @netfiles.hookimpl
    def netfiles_check_contact(self, contact):
        if contact.name == "Bo Chen":
            raise KeyError("no such field")


def messy_vault(vault):
    vault.add_contact("Ana Souza", emails=["ana@example.org"], knows=["Bo Chen", "Nobody Here"],
                      log=["2026-11-02 coffee: talked about risk #gave", "2026-13-40 call: a date that is not one"])
    vault.add_contact("Bo Chen", emails=["ana@example.org"], cadence="sometimes")
    vault.add_contact("Cy Dee", folder="people/team", knows=["Ana"])
    vault.write("people/Broken.md", "---\nname: [unclosed\n---\n")
    vault.write("notes/2026-11-03 meeting.md", "Met [[Bo Chen]] and [[Dana Missing]].\n")
    os.makedirs(vault.path / "people", exist_ok=True)
    with open(os.path.join(os.fsencode(vault.path / "people"), b"Caf\xe9 Owner.md"), "wb") as f:
        f.write(b"---\nname: Cafe Owner\n---\n")
    vault.add_plugin("halfdone", "import no_such_module_anywhere\n")
    vault.allow_plugins()


def printed(netfiles_cli, *args):
    result = netfiles_cli("check", "--format", "json", *args)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)["diagnostics"]


def from_library(netfiles_vault, netfiles_pm, **kwargs):
    result = netfiles.check_vault(netfiles.load_vault(netfiles_vault.path), netfiles_pm.reload(), **kwargs)
    return [d.to_dict() for d in result.diagnostics], result


def test_the_whole_vault_as_the_command_prints_it(netfiles_vault, netfiles_pm, netfiles_cli):
    messy_vault(netfiles_vault)
    netfiles_pm.register(Crash(), name="crash")
    shown = printed(netfiles_cli)
    codes = {d["code"] for d in shown}
    assert {"NF001", "NF103", "NF301"} <= codes, codes  # a plugin that did not load, a name not UTF-8, a broken link
    assert len(codes) >= 5
    assert any(d["code"] == "NF103" and d["path"].startswith("people/Caf") for d in shown)
    assert any(d["code"] == "NF001" and "'halfdone' failed in loading" in d["message"] for d in shown)
    diagnostics, result = from_library(netfiles_vault, netfiles_pm)
    assert diagnostics == shown
    assert result.outside == []


@pytest.mark.parametrize("given", [["people/Bo Chen.md"], ["people/team"], ["people/Ana Souza.md", "notes"]])
def test_check_paths_as_the_command_prints_them(netfiles_vault, netfiles_pm, netfiles_cli, given):
    messy_vault(netfiles_vault)
    netfiles_pm.register(Crash(), name="crash")
    files = [str(netfiles_vault.path / g) for g in given]
    shown = printed(netfiles_cli, *files)
    assert not any(d["code"] == "NF103" for d in shown)  # only a whole-vault check walks every name
    diagnostics, result = from_library(netfiles_vault, netfiles_pm, files=files)
    assert diagnostics == shown
    assert [d for d in shown if d["code"] != "NF001"]  # problems of the files themselves, not only the plugin's


def test_paths_outside_the_vault_are_left_out_or_refused(netfiles_vault, netfiles_pm, tmp_path):
    messy_vault(netfiles_vault)
    stray = tmp_path / "README.md"
    stray.write_text("not in the vault\n", encoding="utf-8")
    vault = netfiles.load_vault(netfiles_vault.path)
    result = netfiles.check_vault(vault, files=[stray, netfiles_vault.path / "people" / "Bo Chen.md"])
    assert result.outside == [str(stray)] and result.files_checked == 1
    with pytest.raises(netfiles.UsageProblem, match="is outside the vault"):
        netfiles.check_vault(vault, files=[stray])
    with pytest.raises(netfiles.UsageProblem, match="no such file: .*Nobody.md"):
        netfiles.check_vault(vault, files=[netfiles_vault.path / "people" / "Nobody.md"])
