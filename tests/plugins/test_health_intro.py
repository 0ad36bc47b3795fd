"""`netfiles intro TARGET`: contacts, tags, organizations and FIELD=VALUE targets, and clear errors.

    me: Sam, tech, data, Lisbon, PT

    Ana   strength 5  tech/data/Lisbon/PT (just like me)   knows Tom, Hana
    Bo    strength 1  finance/sales/Nairobi/KE             knows Tom, Hana, Iris
    Cy    strength 3  health/research/Boston/US            knows Dan
    Dan   strength 4  tech/data/Lisbon/PT                  knows Tom
    Tom   strength 1  target person, tags [vc], org Seed Fund
    Hana  strength 2  industry health, org Clinic One
    Iris  strength 2  industry health, org Clinic One, tags [vc]
"""
from __future__ import annotations

import json

import pytest

TODAY = "2026-11-21"
ME = {"name": "Sam", "industry": "tech", "function": "data", "location": "Lisbon", "country": "PT"}
LIKE_ME = {"industry": "tech", "function": "data", "location": "Lisbon", "country": "PT"}


@pytest.fixture
def vault(netfiles_vault):
    netfiles_vault.config(me=ME)
    netfiles_vault.add_contact("Ana", strength=5, knows=["Tom", "Hana"], **LIKE_ME)
    netfiles_vault.add_contact("Bo", strength=1, industry="finance", function="sales", location="Nairobi",
                               country="KE", knows=["Tom", "Hana", "Iris"])
    netfiles_vault.add_contact("Cy", strength=3, industry="health", function="research", location="Boston",
                               country="US", knows=["Dan"])
    netfiles_vault.add_contact("Dan", strength=4, knows=["Tom"], **LIKE_ME)
    netfiles_vault.add_contact("Tom", strength=1, tags=["vc"], organization="Seed Fund",
                               log=["2025-03-02 email: hello"])
    netfiles_vault.add_contact("Hana", strength=2, industry="health", organization="Clinic One")
    netfiles_vault.add_contact("Iris", strength=2, industry="health", organization="Clinic One", tags=["vc"])
    return netfiles_vault


def intro(cli, *args):
    result = cli("intro", *args, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_contact_target_prefers_strong_ties(vault, netfiles_cli):
    data = intro(netfiles_cli, "Tom", "--n", "6")
    assert data["kind"] == "contact" and data["already_contact"] is True
    assert "Tom is already your contact (weak tie, strength 1.0, last contact 2025-03-02)" in data["message"]
    # A path scores the product of its strengths / 5; a `knows` tie weighs the mean strength
    # (5 + 1 + 3 + 4 + 1 + 2 + 2) / 7 = 18/7, so k = 18/35 per `knows` step.
    # Ana 5/5 * k; Dan 4/5 * k; Cy 3/5 * k * k (via Dan); Hana and Iris 2/5 * k * k (via Ana, via Bo; by
    # name); Bo 1/5 * k: the strength-1 contact comes last although he knows Tom directly.
    k = 18 / 35
    assert [i["name"] for i in data["introducers"]] == ["Ana", "Dan", "Cy", "Hana", "Iris", "Bo"]
    assert [i["score"] for i in data["introducers"]] == pytest.approx(
        [k, 0.8 * k, 0.6 * k * k, 0.4 * k * k, 0.4 * k * k, 0.2 * k])
    assert data["introducers"][0]["path"] == ["Sam", "Ana", "Tom"]
    assert data["introducers"][2]["path"] == ["Sam", "Cy", "Dan", "Tom"]
    assert "through Dan" in data["introducers"][2]["why"]
    assert len(intro(netfiles_cli, "Tom")["introducers"]) == 3  # --n defaults to 3


def test_contact_target_text(vault, netfiles_cli):
    result = netfiles_cli("intro", "tom", "--n", "1", "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Tom is already your contact (weak tie, strength 1.0, last contact 2025-03-02). For a warm re-introduction, ask:",
        "  1. Ana: knows Tom directly; your strong tie, strength 5.0",
        "     path: Sam -> Ana -> Tom",
    ]


def test_contact_nobody_knows(vault, netfiles_cli):
    vault.add_contact("Lone", strength=2)
    data = intro(netfiles_cli, "Lone")
    assert data["introducers"] == [] and "Nobody else in your vault" in data["message"]


def test_attribute_target_prefers_contacts_unlike_me(vault, netfiles_cli):
    data = intro(netfiles_cli, "industry=health")
    assert data["kind"] == "attribute" and data["matches"] == ["Cy", "Hana", "Iris"]
    # Who knows a health contact: Ana (Hana), Bo (Hana, Iris), Dan (Cy).
    # Differences from me over the 4 attributes both sides have: Bo 4 of 4, Ana 0 of 4, Dan 0 of 4.
    # Ana and Dan tie on differences: the stronger tie (Ana 5) first.
    names = [i["name"] for i in data["introducers"]]
    assert names == ["Bo", "Ana", "Dan"]
    bo = data["introducers"][0]
    assert (bo["differences"], bo["compared"]) == (4, 4)
    assert bo["knows"] == ["Hana", "Iris"] and bo["path"] == ["Sam", "Bo"]  # never ends at someone you know
    assert "differs from you in 4 of 4 attributes" in bo["why"]
    assert "You already know 3 contacts with industry=health" in data["message"]


def test_attribute_target_is_case_insensitive(vault, netfiles_cli):
    assert intro(netfiles_cli, "Industry=HEALTH")["matches"] == ["Cy", "Hana", "Iris"]


def test_tag_target(vault, netfiles_cli):
    for target in ("tag:vc", "#vc", "vc", "tag=vc"):
        data = intro(netfiles_cli, target)
        assert data["kind"] in ("tag", "attribute") and data["matches"] == ["Iris", "Tom"], target
        assert data["introducers"][0]["name"] == "Bo"  # knows Tom and Iris, and differs most


def test_organization_target(vault, netfiles_cli):
    data = intro(netfiles_cli, "clinic one")
    assert data["kind"] == "organization" and data["matches"] == ["Hana", "Iris"]
    assert [i["name"] for i in data["introducers"]] == ["Bo", "Ana"]
    assert "contacts at clinic one" in data["message"]


def test_unknown_target_lists_close_names(vault, netfiles_cli):
    result = netfiles_cli("intro", "Clinic On")
    assert result.exit_code == 1
    assert "Did you mean: Clinic One" in result.stderr
    result = netfiles_cli("intro", "industry=helth")
    assert result.exit_code == 1 and "no contact has industry=helth" in result.stderr and "health" in result.stderr
    result = netfiles_cli("intro", "tag:v")
    assert result.exit_code == 1 and "no contact has the tag 'v'" in result.stderr
    result = netfiles_cli("intro", "colour=red")
    assert result.exit_code == 1 and "No contact has a `colour` at all" in result.stderr


def test_ambiguous_contact(vault, netfiles_cli):
    vault.add_contact("Tom", folder="people/other", strength=2)
    result = netfiles_cli("intro", "Tom")
    assert result.exit_code == 1 and "ambiguous" in result.stderr
    assert intro(netfiles_cli, "other/Tom")["matches"] == ["Tom (people/other/Tom.md)"]


def test_direct_introducer_beats_an_equal_roundabout_path(netfiles_vault, netfiles_cli):
    # Equal strengths 5 everywhere: the mean is 5, so a `knows` step multiplies by 1 and both paths score 1.
    # The introducer who knows the target directly comes first.
    netfiles_vault.config(me=ME)
    netfiles_vault.add_contact("Zed", strength=5, knows=["Target"])
    netfiles_vault.add_contact("Amy", strength=5, knows=["Mid"])
    netfiles_vault.add_contact("Mid", strength=5, knows=["Target"])
    netfiles_vault.add_contact("Target", strength=5)
    data = intro(netfiles_cli, "Target", "--n", "3")
    assert [i["name"] for i in data["introducers"]] == ["Mid", "Zed", "Amy"]  # direct (by name), then roundabout
    assert [i["score"] for i in data["introducers"]] == pytest.approx([1.0, 1.0, 1.0])


def test_group_introducers_ranked_by_share_of_differences(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me=ME)
    # Few: only industry and function known, both differ: 2 of 2 = 100%.
    netfiles_vault.add_contact("Few", strength=3, industry="law", function="legal", knows=["Member"])
    # Many: all four known, three differ: 3 of 4 = 75% (ranked first by count, second by share).
    netfiles_vault.add_contact("Many", strength=3, industry="law", function="legal", location="Rome",
                               country="PT", knows=["Member"])
    netfiles_vault.add_contact("Member", strength=3, organization="Target Org")
    netfiles_vault.add_contact("Insider", strength=5, organization="Target Org", industry="mining",
                               function="ops", location="Perth", country="AU", knows=["Member"])
    data = intro(netfiles_cli, "Target Org")
    names = [i["name"] for i in data["introducers"]]
    assert names == ["Few", "Many"]  # Insider is in the group: never offered as a way into it
    assert [i["difference_share"] for i in data["introducers"]] == pytest.approx([1.0, 0.75])
    text = netfiles_cli("intro", "Target Org", "--today", TODAY).stdout
    assert "path:" not in text  # a group path would end at someone you already know
