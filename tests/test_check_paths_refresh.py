"""`netfiles check PATH` (the pre-commit case) refreshes only the given files and those their rules read, not the
whole vault, and stays right: the contacts its links resolve to and those sharing its emails are stat'ed again."""
from __future__ import annotations

import json

import netfiles


def check(netfiles_cli, *args):
    result = netfiles_cli("check", "--format", "json", *args)
    return result, [(d["path"], d["code"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]


def indexed(netfiles_vault) -> int:
    """Files the index holds now, without refreshing it."""
    return netfiles.Vault(netfiles_vault.path).files_indexed


def test_a_linked_contact_deleted_since_the_last_index_is_a_broken_link(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza", knows=["Bo Chen"])
    netfiles_vault.add_contact("Bo Chen")
    assert check(netfiles_cli)[0].exit_code == 0  # the index now holds Bo Chen
    (netfiles_vault.path / "people" / "Bo Chen.md").unlink()  # deleted, the deletion not staged
    result, diags = check(netfiles_cli, str(netfiles_vault.path / "people/Ana Souza.md"))
    assert result.exit_code == 1
    assert [(p, c) for p, c, _ in diags] == [("people/Ana Souza.md", "NF301")]
    assert "[[Bo Chen]]" in diags[0][2]


def test_an_email_no_longer_shared_is_no_duplicate_and_a_new_share_is(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza", emails=["ana@example.org"])
    netfiles_vault.add_contact("Ana Old", emails=["ana@example.org"])
    _, before = check(netfiles_cli)
    assert {c for _, c, _ in before} == {"NF302"}
    netfiles_vault.add_contact("Ana Old", emails=["old@example.org"])  # fixed in the other file, not staged
    result, diags = check(netfiles_cli, str(netfiles_vault.path / "people/Ana Souza.md"))
    assert result.exit_code == 0 and diags == []


def test_a_new_contact_a_link_names_is_found_without_a_full_index(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza")
    check(netfiles_cli)
    netfiles_vault.add_contact("Ana Souza", knows=["Dee New"])
    netfiles_vault.add_contact("Dee New")  # written after the last index, in the people folder
    result, diags = check(netfiles_cli, str(netfiles_vault.path / "people/Ana Souza.md"))
    assert result.exit_code == 0 and diags == []


def test_check_path_does_not_index_unrelated_files_but_a_first_run_indexes_everything(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza", knows=["Bo Chen"])
    netfiles_vault.add_contact("Bo Chen")
    result, diags = check(netfiles_cli, str(netfiles_vault.path / "people/Ana Souza.md"))  # no index yet: built whole, so Bo resolves
    assert result.exit_code == 0 and diags == []
    assert indexed(netfiles_vault) == 2
    netfiles_vault.add_contact("Cy Unrelated")
    netfiles_vault.add_contact("Ana Souza", knows=["Bo Chen"], emails=["ana@example.org"])
    result, diags = check(netfiles_cli, str(netfiles_vault.path / "people/Ana Souza.md"))
    assert result.exit_code == 0 and diags == []
    assert indexed(netfiles_vault) == 2  # Cy's file was not read: the vault was not walked
    assert check(netfiles_cli)[0].exit_code == 0
    assert indexed(netfiles_vault) == 3
