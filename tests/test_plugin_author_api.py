"""What a plugin author can do with the public API alone: declare fields, point at lines, tell lookups apart."""
from __future__ import annotations

import pytest

import netfiles
from netfiles.testing import run_cli

ANA = """\
---
name: Ana Souza
aliases: [Ana]
nps: nine
newsletter: yes
renewal: 2026-02-30
account_email: ana-at-example
segment: [enterprise, hobbyist]
---
# Ana
"""
ANA2 = "---\nname: Ana Lima\naliases: [Ana]\n---\n"


class CrmPlugin:
    """A plugin that gives meaning to four fields of its own."""

    @netfiles.hookimpl
    def netfiles_contact_fields(self):
        return [
            netfiles.FieldSpec("nps", "integer", "Net promoter score, 0..10"),
            netfiles.FieldSpec("newsletter", "boolean"),
            netfiles.FieldSpec("renewal", "date"),
            netfiles.FieldSpec("account_email", "email"),
            netfiles.FieldSpec("segment", "list", choices=("enterprise", "smb")),
            netfiles.FieldSpec("emails", "integer"),  # a core field: left to the core
        ]


def _check(vault, paths=()):
    pm = netfiles.get_plugin_manager(vault)
    pm.register(CrmPlugin(), name="crm")
    v = netfiles.load_vault(vault)
    return netfiles.check_vault(v, pm, list(paths) or None).diagnostics


@pytest.mark.parametrize("paths", [(), ("people/Ana Souza.md",)], ids=["full check", "pre-commit paths"])
def test_declared_fields_are_checked_at_their_line(netfiles_make_vault, paths):
    vault = netfiles_make_vault({"people/Ana Souza.md": ANA})
    found = {(d.line, d.code) for d in _check(vault, paths)}
    assert found == {(4, "NF201"), (6, "NF202"), (7, "NF203"), (8, "NF201")}, found
    # `newsletter: yes` is a YAML 1.1 boolean, as Obsidian's checkbox writes it: no diagnostic at line 5


def test_a_correct_contact_gets_no_diagnostic_from_declared_fields(netfiles_make_vault):
    vault = netfiles_make_vault({"people/Ana Souza.md": ANA.replace("nine", "9").replace("2026-02-30", "2026-02-28")
                                 .replace("ana-at-example", "ana@example.org").replace("hobbyist", "SMB")})
    assert _check(vault) == []


def test_field_position_points_plugins_at_the_line(netfiles_make_vault):
    vault = netfiles.load_vault(netfiles_make_vault({"people/Ana Souza.md": ANA}))
    ana = vault.find("Ana Souza")
    assert vault.field_position(ana, "renewal") == (6, 1)
    assert vault.field_position(ana, "segment", "hobbyist") == (8, 23)
    assert vault.field_position(ana, "not_written") == (0, 0)


def test_find_tells_ambiguous_from_missing(netfiles_make_vault):
    vault = netfiles.load_vault(netfiles_make_vault({"people/Ana Souza.md": ANA, "people/Ana Lima.md": ANA2}))
    with pytest.raises(netfiles.AmbiguousName) as ambiguous:
        vault.find("ana")
    assert {c.name for c in ambiguous.value.candidates} == {"Ana Souza", "Ana Lima"}
    with pytest.raises(netfiles.NoSuchContact):
        vault.find("Bo Chen")
    with pytest.raises(netfiles.ContactNotFound):  # both remain ContactNotFound for older plugins
        vault.find("ana")


def test_field_spec_rejects_an_unknown_type():
    with pytest.raises(ValueError, match="type must be one of"):
        netfiles.FieldSpec("x", "colour")


def test_check_summary_names_a_vault_plugin_that_did_not_run(netfiles_make_vault, tmp_path, monkeypatch):
    monkeypatch.setenv("NETFILES_TRUST_FILE", str(tmp_path / "trust.json"))
    vault = netfiles_make_vault({"people/Ana Souza.md": ANA2,
                                 ".netfiles/plugins/rules.py": "import netfiles\n"})
    result = run_cli(vault, "check")
    assert result.exit_code == 0
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith("All good: 1 file checked.")
    assert "1 vault plugin not run (rules)" in summary and "netfiles trust" in summary
