"""Degenerate vaults, bad settings, check rules and switching the plugin off: clear messages, never a traceback."""
from __future__ import annotations

import json

import pytest

TODAY = "2026-11-21"
FORMATS = ("text", "json", "html")


def run_all(cli):
    """Every format, exit 0, no exception; returns the parsed JSON and the text."""
    outputs = {}
    for fmt in FORMATS:
        result = cli("health", "--today", TODAY, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        assert "Traceback" not in result.output and "internal error" not in result.stderr
        outputs[fmt] = result.stdout
    return json.loads(outputs["json"]), outputs["text"], outputs["html"]


def test_empty_vault(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Sam"})
    data, text, html = run_all(netfiles_cli)
    assert data["contacts"] == 0
    s = data["structure"]
    assert s["effective_size"] is None and s["constraint"] is None and s["reason"] == "no contacts"
    assert s["clusters"] == [] and s["brokers"] == []
    assert data["ties"]["strong_share"] is None
    assert data["reciprocity"]["give_share"] is None and data["reciprocity"]["reason"]
    assert data["channels"]["shares"]["in-person"] is None
    assert "no contacts yet" in text.lower()
    assert "no contacts yet" in html.lower()
    intro = netfiles_cli("intro", "anyone")
    assert intro.exit_code == 1 and "nothing in the vault" in intro.stderr


def test_one_contact(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Sam", "industry": "tech"})
    netfiles_vault.add_contact("Solo", industry="tech", log=["2026-11-01 call: hi #got"])
    data, text, _ = run_all(netfiles_cli)
    s = data["structure"]
    # One contact has no structure: nothing is measured, and nothing is praised.
    assert (s["effective_size"], s["efficiency"], s["constraint"], s["hierarchy"]) == (None, None, None, None)
    assert s["measured"] is False and "two contacts" in s["reason"]
    assert s["density"] is None and "two contacts" in s["density_reason"]
    assert s["clusters"] == []
    assert any("Only one contact" in w for w in data["warnings"])
    assert data["diversity"]["blau"]["industry"]["value"] is None
    assert "hierarchy, density, clusters, brokers, ego betweenness, local bridges: not measured" in text
    assert "Keep" not in text
    assert "1 contact," in text


def test_no_me(netfiles_vault, netfiles_cli):
    for i in range(6):
        netfiles_vault.add_contact(f"P{i}", industry="tech" if i % 2 else "finance", knows=[f"P{(i + 1) % 6}"])
    data, text, _ = run_all(netfiles_cli)
    assert data["me"] is None
    assert any("[me]" in w for w in data["warnings"])
    ei = data["diversity"]["ei"]["industry"]
    assert ei["value"] is None and ei["reason"] == "no [me] table in config"
    assert data["diversity"]["blau"]["industry"]["value"] == pytest.approx(0.5)  # still measurable
    assert data["structure"]["effective_size"] is not None
    assert "no [me] in config" in text
    intro = netfiles_cli("intro", "industry=tech")
    assert intro.exit_code == 0 and "add [me]" in intro.stdout


def test_no_ties(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Sam"})
    for i in range(4):
        netfiles_vault.add_contact(f"P{i}", strength=2)
    data, text, _ = run_all(netfiles_cli)
    s = data["structure"]
    # No ties: an ego network with no structure has nothing to measure (issue 12 section 4).
    for key in ("effective_size", "efficiency", "constraint", "hierarchy", "density"):
        assert s[key] is None, key
    assert s["reason"].startswith("not measured: 0 of 4 contacts have ties")
    assert s["clusters"] == [] and s["brokers"] == []
    assert any("Only 0 of 4 contacts have ties" in w for w in data["warnings"])
    flat = " ".join(text.split())
    assert "Effective size, constraint, hierarchy" in flat and "add `knows` links or import a calendar" in flat
    assert flat.count("0 of 4 contacts have ties (need") == 1  # said once, not under every measure


def test_all_attributes_missing(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Sam", "industry": "tech", "location": "Lisbon"})
    for i in range(8):
        netfiles_vault.add_contact(f"P{i}")
    data, text, _ = run_all(netfiles_cli)
    for name, blau in data["diversity"]["blau"].items():
        assert blau["value"] is None and blau["missing"] == 8 and blau["known"] == 0, name
        assert blau["reason"] == "not enough data (0 known, need 5)"
    assert data["diversity"]["ei"]["industry"]["value"] is None
    assert any("diversity cannot be measured" in w for w in data["warnings"])
    assert "industry: not enough data (0 known, 8 missing)" in text


@pytest.mark.parametrize("setting,message", [
    ("pace_per_month = 0", "`pace_per_month` must be a number > 0"),
    ("half_life_days = \"soon\"", "`half_life_days` must be a number of days > 0"),
    ("min_known = 2.5", "`min_known` must be a whole number >= 1"),
    ("strong_threshold = 7", "`strong_threshold` must be a tie strength above 1 and at most 5"),
    ("attributes = [1, 2]", "`attributes` must be a list of field names"),
])
def test_bad_settings(netfiles_vault, netfiles_cli, setting, message):
    netfiles_vault.config(f'[me]\nname = "Sam"\n\n[health]\n{setting}\n')
    netfiles_vault.add_contact("P0")
    result = netfiles_cli("health", "--today", TODAY)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    check = netfiles_cli("check", "--format", "json")
    assert check.exit_code == 1
    found = [d for d in json.loads(check.stdout)["diagnostics"] if d["code"] == "NH001"]
    assert len(found) == 1 and message in found[0]["message"]
    assert found[0]["path"] == ".netfiles/config.toml" and found[0]["line"] == 5 and found[0]["severity"] == "error"
    report = netfiles_cli("report", "--today", TODAY)
    assert report.exit_code == 0 and "bad [health] settings" in report.stdout
    assert netfiles_cli("intro", "P0").exit_code == 2


def test_unknown_setting_is_a_warning(netfiles_vault, netfiles_cli):
    netfiles_vault.config('[me]\nname = "Sam"\n\n[health]\npace_per_mnth = 3\n')
    netfiles_vault.add_contact("P0")
    check = netfiles_cli("check")
    assert check.exit_code == 0
    assert ".netfiles/config.toml:5:1: NH002 unknown setting `pace_per_mnth`" in check.stdout
    assert netfiles_cli("health", "--today", TODAY).exit_code == 0


def test_typo_in_knows(netfiles_vault, netfiles_cli):
    # John says he knows Bo; Bo's file names "Jon Smith", who does not exist: probably John.
    netfiles_vault.config(me={"name": "Sam"})
    netfiles_vault.add_contact("John Smith", knows=["Bo Chen"])
    netfiles_vault.add_contact("Bo Chen", knows=["Jon Smith", "Ana Lima"])
    netfiles_vault.add_contact("Ana Lima", knows=["Bo Chen"])  # confirmed both ways: never a typo
    check = netfiles_cli("check", "--format", "json")
    diags = json.loads(check.stdout)["diagnostics"]
    typos = [d for d in diags if d["code"] == "NH101"]
    assert len(typos) == 1
    assert typos[0]["path"] == "people/Bo Chen.md" and typos[0]["severity"] == "warning"
    assert "did you mean [[John Smith]]" in typos[0]["message"]
    assert typos[0]["line"] > 0
    assert any(d["code"] == "NF301" for d in diags)  # the core still reports the broken link


def test_one_sided_knows_alone_is_fine(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Sam"})
    netfiles_vault.add_contact("John Smith", knows=["Bo Chen"])
    netfiles_vault.add_contact("Bo Chen", knows=["Carla Diaz"])  # a different, real person
    netfiles_vault.add_contact("Carla Diaz")
    check = netfiles_cli("check", "--format", "json")
    assert check.exit_code == 0
    assert not [d for d in json.loads(check.stdout)["diagnostics"] if d["code"].startswith("NH")]


def test_typo_resolving_to_another_contact(netfiles_vault, netfiles_cli):
    # Bo names "Jon Smith", a real but different contact who does not name Bo back.
    netfiles_vault.config(me={"name": "Sam"})
    netfiles_vault.add_contact("John Smith", knows=["Bo Chen"])
    netfiles_vault.add_contact("Jon Smith")
    netfiles_vault.add_contact("Bo Chen", knows=["Jon Smith"])
    diags = json.loads(netfiles_cli("check", "--format", "json").stdout)["diagnostics"]
    typos = [d for d in diags if d["code"] == "NH101"]
    assert len(typos) == 1 and "which is Jon Smith (people/Jon Smith.md)" in typos[0]["message"]


def test_disabling_the_plugin_removes_its_commands(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Sam"}, plugins={"disabled": ["health"]}, health={"pace_per_month": -1})
    netfiles_vault.add_contact("P0")
    for args in (("health",), ("intro", "P0"), ("export", "graph")):
        result = netfiles_cli(*args)
        assert result.exit_code == 2 and "No such command" in result.stderr, args
    assert netfiles_cli("check").exit_code == 0  # NH rules are gone too
    report = netfiles_cli("report", "--today", TODAY)
    assert report.exit_code == 0 and "Network health" not in report.stdout
    assert "health" not in netfiles_cli("--help").stdout.split("Commands:")[1]
