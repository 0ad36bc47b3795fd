"""`netfiles health` on small vaults whose every number is worked out by hand in the comments.

The vault of `small` (TODAY = 2026-11-21):

    contact  strength      industry  location  country  met         log (up to today)
    Ana      4 (written)   tech      Lisbon    PT       2026-11-01  coffee 11-10 #gave, call 10-01 #got
    Bo       2 (written)   finance   Berlin    DE       2026-10-15  email 09-01 #gave, email 08-01 #gave
    Cy       2 (written)   health    -         PT       2025-01-01  video 2026-07-01 #got, lunch 2025-06-01
    Di       2.0 inferred  tech      -         -        -           meeting 2026-11-21 (+ coffee 2026-12-01 #gave,
                                                                    after today: ignored everywhere)

Ties: Ana-Bo, Ana-Cy, Bo-Cy (a triangle); Di knows nobody.
Me: tech, Lisbon, PT. [health] min_known = 2, pace_per_month = 0.5.
"""
from __future__ import annotations

import json
import math

import pytest

TODAY = "2026-11-21"

ME = {"name": "Me Myself", "industry": "tech", "location": "Lisbon", "country": "PT"}


def small(vault, **health):
    vault.config(me=ME, health={"min_known": 2, "pace_per_month": 0.5, **health})
    vault.add_contact("Ana", strength=4, industry="tech", location="Lisbon", country="PT", met="2026-11-01",
                      knows=["Bo", "Cy"], log=["2026-11-10 coffee: catch-up #gave", "2026-10-01 call: advice #got"])
    vault.add_contact("Bo", strength=2, industry="finance", location="Berlin", country="DE", met="2026-10-15",
                      log=["2026-09-01 email: sent slides #gave", "2026-08-01 email: intro #gave"])
    vault.add_contact("Cy", strength=2, industry="health", country="PT", met="2025-01-01", knows=["Bo"],
                      log=["2026-07-01 video: feedback #got", "2025-06-01 lunch: first meeting"])
    vault.add_contact("Di", industry="tech", log=["2026-12-01 coffee: planned #gave", "2026-11-21 meeting: kickoff"])


def health_json(cli, *extra):
    if "--today" not in extra:
        extra = ("--today", TODAY, *extra)
    result = cli("health", "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_top_level(netfiles_vault, netfiles_cli):
    small(netfiles_vault)
    data = health_json(netfiles_cli)
    assert data["me"] == "Me Myself"
    assert data["contacts"] == 4
    assert data["knows_ties"] == 3
    assert data["today"] == TODAY
    assert isinstance(data["warnings"], list)
    for key in ("structure", "diversity", "ties", "reciprocity", "channels", "growth"):
        assert key in data


def test_structure_by_hand(netfiles_vault, netfiles_cli):
    small(netfiles_vault)
    s = health_json(netfiles_cli)["structure"]
    # Ego weights w = Ana 4, Bo 2, Cy 2, Di 2 (one interaction today: inferred exactly 2.0); W = 10.
    # A knows tie weighs the mean strength 2.5 (see report.structure).
    # Ego-graph totals: Ana 4 + 2.5 + 2.5 = 9, Bo 2 + 2.5 + 2.5 = 7, Cy 7, Di 2.
    # Strongest tie of each: Ana 4, Bo 2.5, Cy 2.5, Di 2.
    # Effective size = sum_j (1 - sum_q p_iq m_jq):
    #   Ana: 1 - (.2 * 2.5/4 + .2 * 2.5/4) = 0.75; Bo: 1 - (.4 * 1 + .2 * 1) = 0.4; Cy: 0.4; Di: 1.
    assert s["effective_size"] == pytest.approx(2.55)
    assert s["efficiency"] == pytest.approx(2.55 / 4)
    # Constraint c_j = (p_ij + sum_q p_iq p_qj)^2:
    c_ana = (0.4 + 2 * 0.2 * 2.5 / 7) ** 2  # (0.4 + 1/7)^2
    c_bo = (0.2 + 0.4 * 2.5 / 9 + 0.2 * 2.5 / 7) ** 2  # (0.2 + 1/9 + 1/14)^2
    c_di = 0.2**2
    contributions = [c_ana, c_bo, c_bo, c_di]
    total = sum(contributions)
    assert s["constraint"] == pytest.approx(total)
    assert s["constraint"] == pytest.approx(0.627368, abs=1e-6)
    mean = total / 4
    hierarchy = sum((c / mean) * math.log(c / mean) for c in contributions) / (4 * math.log(4))
    assert s["hierarchy"] == pytest.approx(hierarchy)
    # Without ties: sum p_j^2 = .16 + 3 * .04 = 0.28.
    assert s["constraint_without_ties"] == pytest.approx(0.28)
    # 3 of 4 * 3 / 2 = 6 possible ties.
    assert s["density"] == pytest.approx(0.5)
    # One triangle and a loner: modularity of the best split is 0, no better than chance: no clusters named.
    assert s["groups"]["significant"] is False and s["groups"]["modularity"] == pytest.approx(0.0)
    assert s["clusters"] == [] and s["isolates"] == 1
    assert s["brokers"] == []
    # The range constraint is read in: no ties (0.28) up to all four knowing each other, from networkx.
    import networkx as nx

    complete = nx.Graph()
    for contact, w in {"Ana": 4, "Bo": 2, "Cy": 2, "Di": 2}.items():
        complete.add_edge("me", contact, weight=w)
    for a, b in nx.complete_graph(["Ana", "Bo", "Cy", "Di"]).edges():
        complete.add_edge(a, b, weight=2.5)
    high = nx.constraint(complete, nodes=["me"], weight="weight")["me"]
    assert s["constraint_all_ties"] == pytest.approx(high, abs=1e-12)
    assert s["constraint_position"] == pytest.approx((total - 0.28) / (high - 0.28))
    for key in ("effective_size", "efficiency", "constraint", "hierarchy", "density"):
        assert isinstance(s[key], float)


def test_diversity_by_hand(netfiles_vault, netfiles_cli):
    small(netfiles_vault)
    d = health_json(netfiles_cli)["diversity"]
    industry = d["blau"]["industry"]
    # tech 2, finance 1, health 1: 1 - (1/4 + 1/16 + 1/16) = 0.625
    assert industry["value"] == pytest.approx(0.625)
    assert (industry["known"], industry["missing"]) == (4, 0)
    assert industry["categories"] == {"tech": 2, "finance": 1, "health": 1}
    # location: Lisbon 1, Berlin 1, missing 2 (missing is not a category): 1 - (1/4 + 1/4) = 0.5
    location = d["blau"]["location"]
    assert location["value"] == pytest.approx(0.5)
    assert (location["known"], location["missing"]) == (2, 2)
    # country: PT 2, DE 1 (1 missing): 1 - (4/9 + 1/9) = 4/9
    assert d["blau"]["country"]["value"] == pytest.approx(4 / 9)
    # function: nobody has one -> not enough data, never 0.
    function = d["blau"]["function"]
    assert function["value"] is None and function["missing"] == 4 and "not enough data" in function["reason"]

    ei = d["ei"]
    # industry vs my "tech": internal Ana, Di; external Bo, Cy -> (2 - 2) / 4 = 0.
    # No base rate in config: no expected value, no chance claim.
    assert ei["industry"]["value"] == pytest.approx(0.0)
    assert ei["industry"]["expected"] is None and ei["industry"]["coleman_h"] is None
    assert ei["industry"]["base_rate_reason"] == "no [health.base_rates.industry] in config"
    assert (ei["industry"]["internal"], ei["industry"]["external"]) == (2, 2)
    assert ei["industry"]["me"] == "tech"
    # country vs "PT": internal Ana, Cy; external Bo -> (1 - 2) / 3 = -1/3.
    assert ei["country"]["value"] == pytest.approx(-1 / 3)
    assert ei["country"]["missing"] == 1
    # location vs "Lisbon": Ana same, Bo different -> 0 (2 of 4 known: exactly the 50% coverage needed).
    assert ei["location"]["value"] == pytest.approx(0.0)
    # My function is not in [me]: no E-I, and the reason says so.
    assert ei["function"]["value"] is None and "function" in ei["function"]["reason"]


def test_min_known_hides_small_samples(netfiles_vault, netfiles_cli):
    small(netfiles_vault, min_known=5)
    d = health_json(netfiles_cli)["diversity"]
    assert d["min_known"] == 5
    assert d["blau"]["industry"]["value"] is None
    assert d["blau"]["industry"]["reason"] == "not enough data (4 known, need 5)"
    assert d["ei"]["industry"]["value"] is None and d["ei"]["industry"]["expected"] is None
    text = netfiles_cli("health", "--today", TODAY).stdout
    assert "industry: not enough data (4 known)" in text


def test_ties_by_hand(netfiles_vault, netfiles_cli):
    small(netfiles_vault)
    t = health_json(netfiles_cli)["ties"]
    assert (t["strong"], t["weak"], t["total"]) == (1, 3, 4)  # only Ana (4) reaches 3.5
    assert t["strong_share"] == pytest.approx(0.25) and t["weak_share"] == pytest.approx(0.75)
    assert (t["manual"], t["inferred"]) == (3, 1)
    assert t["threshold"] == 3.5 and t["half_life_days"] == 180.0
    # Layers by contact days in the last year (2025-11-22..2026-11-21) or written strength:
    # Ana: 2 days, written 4 -> the 15 layer (monthly or 4); Bo: 2 days, written 2 -> 150; Cy: 1 day
    # (2026-07-01), written 2 -> 150; Di: 1 day -> 150 (yearly). Nobody is in touch weekly or wrote 5.
    members = [layer["members"] for layer in t["layers"]]
    assert members == [[], ["Ana"], [], ["Bo", "Cy", "Di"]]  # by days, then written strength, then name
    assert [layer["limit"] for layer in t["layers"]] == [5, 15, 50, 150]
    assert t["beyond"] == 0 and t["layers_reason"] is None and t["measured"] is True


def test_strong_threshold_setting(netfiles_vault, netfiles_cli):
    small(netfiles_vault, strong_threshold=1.5)
    t = health_json(netfiles_cli)["ties"]
    assert (t["strong"], t["weak"]) == (4, 0)


def test_inferred_strength_half_life(netfiles_vault, netfiles_cli):
    # One interaction exactly one half-life (90 days) before --today: score 0.5, so the strength is
    # 1 + 4 * (1 - exp(-(0.5 / a) ** b)) with a, b from netfiles/rules/strength.py (~1.641). An interaction
    # after --today does not count.
    netfiles_vault.config(me=ME, health={"half_life_days": 90})
    netfiles_vault.add_contact("Di", log=["2027-03-01 coffee: later", "2026-11-21 meeting: kickoff"])
    data = health_json(netfiles_cli, "--today", "2027-02-19")
    t = data["ties"]
    b = math.log(math.log(8 / 3) / math.log(4 / 3)) / math.log(5.5)
    a = math.log(4 / 3) ** (-1 / b)
    assert t["mean_strength"] == pytest.approx(1 + 4 * (1 - math.exp(-((0.5 / a) ** b))))
    assert (t["manual"], t["inferred"]) == (0, 1)


def test_reciprocity_by_hand(netfiles_vault, netfiles_cli):
    small(netfiles_vault)
    r = health_json(netfiles_cli)["reciprocity"]
    # gave: Ana 1, Bo 2 (Di's #gave is after today); got: Ana 1, Cy 1.
    assert (r["gave"], r["got"], r["balance"]) == (3, 2, 1)
    assert r["give_share"] == pytest.approx(0.6)
    assert r["most_one_sided"] == [{"name": "Bo", "gave": 2, "got": 0, "balance": 2},
                                   {"name": "Cy", "gave": 0, "got": 1, "balance": -1}]
    assert (r["only_gave"], r["only_got"]) == (1, 1)


def test_channels_by_hand(netfiles_vault, netfiles_cli):
    small(netfiles_vault)
    c = health_json(netfiles_cli)["channels"]
    # Last year = 2025-11-22 .. 2026-11-21: in person: Ana's coffee, Di's meeting; call: Ana's call,
    # Cy's video; online: Bo's two emails. Cy's lunch (2025-06) and Di's coffee (2026-12) are outside.
    assert (c["since"], c["until"]) == ("2025-11-22", "2026-11-21")
    assert c["counts"] == {"in-person": 2, "call": 2, "online": 2}
    assert c["total"] == 6
    for share in c["shares"].values():
        assert share == pytest.approx(1 / 3)
    months = {m["month"]: m for m in c["per_month"]}
    assert len(c["per_month"]) == 24 and months["2026-11"]["in-person"] == 2
    assert months["2025-06"]["in-person"] == 1  # the lunch is in the 24-month series


def test_growth_by_hand(netfiles_vault, netfiles_cli):
    small(netfiles_vault)
    data = health_json(netfiles_cli)
    g = data["growth"]
    # Met in the last 90 days: Ana (20 days ago), Bo (37 days): 2 * 30 / 90 = 0.667 a month > pace 0.5.
    assert g["recent_count"] == 2 and g["recent_rate"] == pytest.approx(2 / 3)
    assert g["last_30_days"] == 1
    assert g["over_pace"] is True and g["pace_per_month"] == 0.5
    assert (g["known_met"], g["unknown_met"]) == (3, 1)
    months = {m["month"]: m["count"] for m in g["per_month"]}
    assert len(months) == 12 and months["2026-11"] == 1 and months["2026-10"] == 1
    assert any(w.startswith("Growth:") for w in data["warnings"])
    assert data["findings"][0]["metric"] == "growth"


def test_growth_within_pace(netfiles_vault, netfiles_cli):
    small(netfiles_vault, pace_per_month=8)
    g = health_json(netfiles_cli)["growth"]
    assert g["over_pace"] is False


def test_extra_attribute_from_config(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={**ME, "sector": "b2b", "education": ["TU Berlin", "LSE"]},
                          health={"min_known": 2, "attributes": ["sector", "education"]})
    netfiles_vault.add_contact("Ana", sector="B2B", education=["LSE"])  # case-insensitive; shares LSE
    netfiles_vault.add_contact("Bo", sector="b2c", education=["USP"])
    netfiles_vault.add_contact("Cy", sector="  ")  # blank: missing, not a category
    data = health_json(netfiles_cli)
    blau = data["diversity"]["blau"]["sector"]
    assert blau["known"] == 2 and blau["missing"] == 1 and blau["value"] == pytest.approx(0.5)
    ei = data["diversity"]["ei"]["sector"]
    assert (ei["internal"], ei["external"]) == (1, 1) and ei["value"] == pytest.approx(0.0)
    edu = data["diversity"]["ei"]["education"]
    assert (edu["internal"], edu["external"]) == (1, 1)  # a shared school counts as the same
    assert data["settings"]["attributes"][-2:] == ["sector", "education"]


GROUP_A, GROUP_B = ["A1", "A2", "A3", "A4", "A5"], ["B1", "B2", "B3", "B4", "B5"]


def test_clusters_and_brokers(netfiles_vault, netfiles_cli):
    # Two groups of five who all know each other, joined by A5-B1: two clusters, A5 and B1 bridge them.
    netfiles_vault.config(me=ME)
    for group in (GROUP_A, GROUP_B):
        for i, name in enumerate(group):
            knows = group[i + 1:] + (["B1"] if name == "A5" else [])
            netfiles_vault.add_contact(name, strength=3, knows=knows)
    s = health_json(netfiles_cli)["structure"]
    assert s["clusters"] == [GROUP_A, GROUP_B]
    assert s["groups"]["significant"] and s["groups"]["z"] >= 3
    assert [b["name"] for b in s["brokers"]] == ["A5", "B1"]
    assert s["brokers"][0] == {"name": "A5", "cluster": 0, "bridged": [1], "external_ties": 1, "liaison": False}
    # Borgatti: n - 2t/n = 10 - 42/10 with equal strengths (21 ties).
    assert s["effective_size"] == pytest.approx(10 - 42 / 10)
    text = netfiles_cli("health", "--today", TODAY).stdout
    assert "Brokers: A5, B1" in text


def test_text_report_has_a_line_per_metric(netfiles_vault, netfiles_cli):
    small(netfiles_vault)
    result = netfiles_cli("health", "--today", TODAY)
    assert result.exit_code == 0
    text = result.stdout
    for needle in ("Effective size 2.5", "Constraint 0.627", "Hierarchy", "Density 0.500", "cluster",
                   "industry: 3 values, Blau 0.62", "E-I +0.00 (you: tech, 2 of 4 share it)", "1 strong ties (25%)",
                   "Dunbar layers", "Coverage", "3 of 4 contacts have ties (3 ties, written or inferred)",
                   "You gave 3 times and got 2", "in-person 33%", "Growth"):
        assert needle in text, needle
    # every metric line is followed by its interpretation
    assert text.count("    -> ") >= 12


def test_output_file_and_determinism(netfiles_vault, netfiles_cli, tmp_path):
    small(netfiles_vault)
    first = netfiles_cli("health", "--today", TODAY, "--format", "json").stdout
    second = netfiles_cli("health", "--today", TODAY, "--format", "json").stdout
    assert first == second
    out = tmp_path / "h.json"
    result = netfiles_cli("health", "--today", TODAY, "--format", "json", "--output", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text()) == json.loads(first)
    bad = netfiles_cli("health", "--today", TODAY, "--output", tmp_path / "missing" / "x.txt")
    assert bad.exit_code == 2 and "does not exist" in bad.stderr


def test_report_section(netfiles_vault, netfiles_cli):
    small(netfiles_vault)
    result = netfiles_cli("report", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.output
    sections = {s["title"]: s for s in json.loads(result.stdout)["sections"]}
    health = sections["Network health"]
    assert len(health["data"]["findings"]) <= 3
    assert health["data"]["findings"][0]["metric"] == "growth"
    assert "Growth above your pace" in health["text"]
    text = netfiles_cli("report", "--today", TODAY).stdout
    assert "Network health" in text
