"""Health sentences that follow from the data (issue 13 items 1-6 and 9, issue 12 section 4).

Every reference value here is worked out by hand in the comments or computed with networkx, never
taken from the code under test.
"""
from __future__ import annotations

import datetime as dt
import json

import networkx as nx
import pytest

import netfiles

TODAY = "2026-11-21"


def health(cli, fmt="json", today=TODAY):
    result = cli("health", "--today", today, "--format", fmt)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if fmt == "json" else result.stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def graph_vault(vault, graph, me=None, **fields):
    """One contact per node (named P000...), each tie written once, equal written strengths."""
    vault.config(me=me or {"name": "Owner"})
    name = {v: f"P{v:03d}" for v in graph}
    knows = {v: [] for v in graph}
    for a, b in graph.edges():
        knows[min(a, b)].append(name[max(a, b)])
    for v in graph:
        vault.add_contact(name[v], strength=3, knows=sorted(knows[v]), **fields)


# 1. Constraint against its bounds ---------------------------------------------------------------------

def test_complete_network_of_30_is_closed(netfiles_vault, netfiles_cli):
    n = 30
    graph_vault(netfiles_vault, nx.complete_graph(n))
    data = health(netfiles_cli)
    s = data["structure"]
    # Equal strengths: constraint of a complete ego network is (2n-1)^2/n^3 (Burt 1992), here its maximum;
    # without ties it would be 1/n.
    assert s["constraint"] == pytest.approx((2 * n - 1) ** 2 / n**3)
    assert s["constraint_all_ties"] == pytest.approx((2 * n - 1) ** 2 / n**3)
    assert s["constraint_without_ties"] == pytest.approx(1 / n)
    assert s["constraint_position"] == pytest.approx(1.0)
    assert s["constraint"] < 0.2  # the old fixed cut-off would have called this "low"
    text = flat(health(netfiles_cli, "text"))
    assert "near the closed end" in text
    assert "open network" not in text.lower() and "don't know each other" not in text
    assert all(f["metric"] != "constraint" or f["level"] != "good" for f in data["findings"])
    assert "most contacts know each other" in text  # density 1.0
    assert "Burt's own scale" not in text


def test_constraint_position_near_the_open_end(netfiles_vault, netfiles_cli):
    # 20 contacts: 5 pairs who know each other (10 contacts in ties: the 50% coverage needed), 10 alone.
    graph = nx.Graph([(2 * i, 2 * i + 1) for i in range(5)])
    graph.add_nodes_from(range(10, 20))
    graph_vault(netfiles_vault, graph)
    s = health(netfiles_cli)["structure"]
    # Paired contact: p = 1/20 plus 1/20 * 1/2 through the partner -> c = (3/40)^2; alone: (1/20)^2.
    constraint = 10 * (3 / 40) ** 2 + 10 * (1 / 20) ** 2
    high = (2 * 20 - 1) ** 2 / 20**3  # all 20 knowing each other
    assert s["constraint"] == pytest.approx(constraint)
    assert s["constraint_position"] == pytest.approx((constraint - 1 / 20) / (high - 1 / 20))
    assert s["constraint_position"] < 0.25
    assert "near the open end" in flat(health(netfiles_cli, "text"))


# 3. Clusters only when significant --------------------------------------------------------------------

def test_random_graph_has_no_clear_groups(netfiles_vault, netfiles_cli):
    graph = nx.gnp_random_graph(100, 0.06, seed=1)
    graph_vault(netfiles_vault, graph)
    data = health(netfiles_cli)
    g = data["structure"]["groups"]
    assert g["significant"] is False and g["z"] < 3
    assert g["modularity"] > 0.3  # a random graph still has a high-modularity partition (Guimerà et al. 2004)
    assert data["structure"]["clusters"] == [] and data["structure"]["brokers"] == []
    text = flat(health(netfiles_cli, "text"))
    assert "No clear groups: modularity" in text and "separate groups" not in text
    html = health(netfiles_cli, "html")
    assert "No clear groups" in html and "Cluster 1" not in html


def test_sample_vault_groups_are_real(tmp_path):
    import shutil
    from pathlib import Path

    from netfiles.testing import run_cli

    root = tmp_path / "vault"
    shutil.copytree(Path(__file__).resolve().parents[2] / "sample-vault", root,
                    ignore=shutil.ignore_patterns("cache"))
    result = run_cli(root, "health", "--today", TODAY, "--format", "json")
    s = json.loads(result.output)["structure"]
    assert s["groups"]["significant"] and s["groups"]["z"] > 5
    assert len([c for c in s["clusters"] if len(c) > 1]) == 4


def test_groups_are_cached_by_ties_not_by_today(netfiles_vault, netfiles_cli):
    graph_vault(netfiles_vault, nx.connected_caveman_graph(3, 5))
    first = health(netfiles_cli)["structure"]["groups"]

    def stored():  # what health kept with the index, read as a plugin would (Vault.get_cached)
        return json.loads(netfiles.Vault(netfiles_vault.path).get_cached("health_groups"))

    key = stored()["key"]
    assert health(netfiles_cli, today="2030-01-01")["structure"]["groups"] == first
    assert stored()["key"] == key  # another day: same ties, same entry
    netfiles_vault.add_contact("Newcomer", strength=3, knows=["P000"])
    health(netfiles_cli)
    assert stored()["key"] != key


# 2. E-I without a chance claim, and with a base rate ----------------------------------------------------

def six_a_four_b(vault, me_value, rates=None):
    config = {"me": {"name": "Owner", "industry": me_value}, "health": {"min_known": 5}}
    if rates:
        config["health"]["base_rates"] = {"industry": rates}
    vault.config(**config)
    for i in range(10):
        vault.add_contact(f"C{i}", industry="A" if i < 6 else "B")


@pytest.mark.parametrize("me_value,internal,ei", [("A", 6, -0.2), ("B", 4, 0.2)])
def test_ei_makes_no_chance_claim_without_a_base_rate(netfiles_vault, netfiles_cli, me_value, internal, ei):
    six_a_four_b(netfiles_vault, me_value)
    e = health(netfiles_cli)["diversity"]["ei"]["industry"]
    # E-I = (E - I) / (E + I): A ego: (4 - 6) / 10; B ego: (6 - 4) / 10.
    assert e["internal"] == internal and e["value"] == pytest.approx(ei)
    assert e["expected"] is None and e["coleman_h"] is None
    text = flat(health(netfiles_cli, "text"))
    assert "chance" not in text and "homophily depends on how common" in text


@pytest.mark.parametrize("me_value,ei,h,words", [
    # pi = 0.5: expected E-I = 1 - 2 * 0.5 = 0. A ego: s = 0.6, H = (0.6 - 0.5) / 0.5 = +0.2.
    ("A", -0.2, 0.2, "More alike than the population you gave"),
    # B ego: s = 0.4, H = (0.4 - 0.5) / 0.5 = -0.2.
    ("B", 0.2, -0.2, "Less alike than the population you gave"),
])
def test_ei_against_a_base_rate(netfiles_vault, netfiles_cli, me_value, ei, h, words):
    six_a_four_b(netfiles_vault, me_value, {"A": 0.5, "B": 0.5})
    data = health(netfiles_cli)
    e = data["diversity"]["ei"]["industry"]
    assert e["value"] == pytest.approx(ei) and e["expected"] == pytest.approx(0.0)
    assert e["coleman_h"] == pytest.approx(h) and e["base_rate"] == pytest.approx(0.5)
    assert words in flat(health(netfiles_cli, "text"))
    homophily = [f for f in data["findings"] if f["metric"] == "diversity"]
    assert bool(homophily) == (h > 0)


def test_base_rate_of_a_rare_value(netfiles_vault, netfiles_cli):
    # 6 of 10 share "A", which is 5% of the population: expected E-I 0.9, H = (0.6 - 0.05) / 0.95.
    six_a_four_b(netfiles_vault, "A", {"a": 0.05})  # value names are case-insensitive
    e = health(netfiles_cli)["diversity"]["ei"]["industry"]
    assert e["expected"] == pytest.approx(0.9) and e["coleman_h"] == pytest.approx(0.55 / 0.95)


def test_list_attribute_shares_any_item_in_value_and_base_rate(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Owner", "education": ["TU Berlin", "LSE"]},
                          health={"min_known": 2, "attributes": ["education"],
                                  "base_rates": {"education": {"LSE": 0.1, "TU Berlin": 0.05}}})
    netfiles_vault.add_contact("Ana", education=["LSE", "MIT"])  # shares LSE
    netfiles_vault.add_contact("Bo", education=["USP"])
    netfiles_vault.add_contact("Cy", education="TU Berlin")  # shares TU Berlin
    netfiles_vault.add_contact("Di", education=["MIT"])
    e = health(netfiles_cli)["diversity"]["ei"]["education"]
    # Same: Ana, Cy; different: Bo, Di -> E-I 0. pi = share with either of my schools = 0.1 + 0.05.
    assert (e["internal"], e["external"]) == (2, 2) and e["value"] == pytest.approx(0.0)
    assert e["base_rate"] == pytest.approx(0.15) and e["expected"] == pytest.approx(0.7)
    assert e["coleman_h"] == pytest.approx((0.5 - 0.15) / 0.85)


@pytest.mark.parametrize("table,message", [
    ('[health.base_rates.industry]\nfinance = 1.5\n', "`base_rates.industry.finance` must be a share between 0 and 1"),
    ('[health]\nbase_rates = 3\n', "`base_rates` must be a table of attributes"),
])
def test_bad_base_rates(netfiles_vault, netfiles_cli, table, message):
    netfiles_vault.config(f'[me]\nname = "Sam"\n\n{table}')
    netfiles_vault.add_contact("P0")
    result = netfiles_cli("health", "--today", TODAY)
    assert result.exit_code == 2 and message in result.stderr
    diags = json.loads(netfiles_cli("check", "--format", "json").stdout)["diagnostics"]
    assert any(d["code"] == "NH001" and message in d["message"] for d in diags)


# 4. Diversity needs three values --------------------------------------------------------------------------

def test_two_even_values_are_not_called_diverse(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Owner"})
    for i in range(10):
        netfiles_vault.add_contact(f"C{i}", industry="tech" if i < 5 else "finance")
    b = health(netfiles_cli)["diversity"]["blau"]["industry"]
    # Blau = 1 - (0.5^2 + 0.5^2) = 0.5; IQV = 0.5 / (1 - 1/2) = 1.0 over 2 values.
    assert b["value"] == pytest.approx(0.5) and b["iqv"] == pytest.approx(1.0) and b["values"] == 2
    text = flat(health(netfiles_cli, "text"))
    assert "industry: 2 values" in text and "not diverse in industry" in text
    assert "diverse in industry:" not in text


def test_three_even_values_are_diverse(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Owner"})
    for i in range(9):
        netfiles_vault.add_contact(f"C{i}", industry=("tech", "finance", "health")[i % 3])
    b = health(netfiles_cli)["diversity"]["blau"]["industry"]
    assert b["iqv"] == pytest.approx((1 - 3 * (1 / 3) ** 2) / (1 - 1 / 3))  # = 1.0
    assert "diverse in industry: 3 values" in flat(health(netfiles_cli, "text"))


# 6. Layers -----------------------------------------------------------------------------------------------

def test_layers_without_strength_data(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Owner"})
    for name in ("Zed", "Amy", "Bob", "Cat", "Dan", "Eve"):
        netfiles_vault.add_contact(name)
    t = health(netfiles_cli)["ties"]
    assert [layer["count"] for layer in t["layers"]] == [0, 0, 0, 0] and t["beyond"] == 6
    assert t["layers_reason"].startswith("no strength data")
    assert t["measured"] is False and t["strong_share"] is None
    text = flat(health(netfiles_cli, "text"))
    assert "Dunbar layers: not measured" in text and "in touch about weekly" not in text
    assert "Amy, Bob" not in text  # no alphabetical "closest five"


def test_layers_by_contact_frequency(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Owner"})
    # Weekly for a year (52 distinct days) -> the 5 layer; four lines on one day count as one day.
    today = dt.date(2026, 11, 21)
    weekly = [f"{(today - dt.timedelta(days=7 * k)).isoformat()} call: weekly" for k in range(52)]
    netfiles_vault.add_contact("Weekly", log=weekly)
    netfiles_vault.add_contact("Sameday", log=["2026-11-01 call: a", "2026-11-01 email: b", "2026-11-01 lunch: c",
                                               "2026-11-01 video: d"])
    netfiles_vault.add_contact("Never")
    t = health(netfiles_cli)["ties"]
    members = [layer["members"] for layer in t["layers"]]
    assert members == [["Weekly"], [], [], ["Sameday"]]  # one day of contact: the yearly layer only
    assert t["beyond"] == 1


# 5. Hierarchy, and issue 12: 800 connections, no ties, no attributes ---------------------------------------

def test_800_connections_without_ties_or_attributes(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Owner"})
    for i in range(800):
        netfiles_vault.write(f"people/Conn {i:03d}.md", f"---\nname: Conn {i:03d}\n---\n")
    data = health(netfiles_cli)
    s = data["structure"]
    for key in ("effective_size", "efficiency", "constraint", "hierarchy", "density"):
        assert s[key] is None, key
    assert s["clusters"] == [] and s["brokers"] == [] and s["measured"] is False
    assert "0 of 800 contacts have ties" in s["reason"]
    cov = data["coverage"]
    assert cov["ties"]["contacts"] == 0 and cov["interactions"]["contacts"] == 0
    assert all(a["contacts"] == 0 for a in cov["attributes"].values())
    for name, b in data["diversity"]["blau"].items():
        assert b["value"] is None, name
    assert data["ties"]["measured"] is False and data["ties"]["layers_reason"]
    assert all(f["level"] != "good" for f in data["findings"])
    text = health(netfiles_cli, "text")
    lowered = text.lower()
    assert "keep it so" not in lowered and "keep bridging" not in lowered and " high" not in lowered
    assert "add `knows` links or import a calendar" in flat(text)
    assert text.index("Coverage") < text.index("Structure")
    html = health(netfiles_cli, "html")
    assert "0 clusters" not in html and "the 0 largest" not in html and "alone</text>" not in html
    assert html.index("What this rests on") < html.index("Your network")
    report = netfiles_cli("report", "--today", TODAY, "--format", "json")
    section = {x["title"]: x for x in json.loads(report.stdout)["sections"]}["Network health"]
    assert section["text"].startswith("Coverage: 0 of 800 contacts have ties (0 ties, written or inferred)")
    assert section["data"]["structure"]["measured"] is False


def test_few_ties_are_not_enough(netfiles_vault, netfiles_cli):
    # 3 of 10 contacts in ties: below half, so structure is not measured (docs/health.md, Coverage).
    netfiles_vault.config(me={"name": "Owner"})
    netfiles_vault.add_contact("A", knows=["B", "C"])
    netfiles_vault.add_contact("B")
    netfiles_vault.add_contact("C")
    for i in range(7):
        netfiles_vault.add_contact(f"X{i}")
    s = health(netfiles_cli)["structure"]
    assert s["effective_size"] is None and s["reason"].startswith("not measured: 3 of 10 contacts have ties")


def test_constraint_bounds_hold_on_random_ego_networks():
    # 1,500 random ego networks (seeded): with equal strengths constraint always lies between nobody knowing
    # anybody and everybody knowing everybody; with unequal strengths never below the lower bound.
    import random

    from netfiles_health.metrics import burt_measures, constraint_bounds

    for seed in range(1500):
        rng = random.Random(seed)
        n = rng.randint(2, 9)
        graph = nx.gnp_random_graph(n, rng.random(), seed=seed)
        equal = {f"p{v}": 1.0 for v in graph}
        c = burt_measures(equal, [(f"p{a}", f"p{b}", 1.0) for a, b in graph.edges()]).constraint
        low, high = constraint_bounds(equal, 1.0)
        assert low == pytest.approx(1 / n) and high == pytest.approx((2 * n - 1) ** 2 / n**3)
        assert low - 1e-12 <= c <= high + 1e-12, seed
        weights = {f"p{v}": float(rng.randint(1, 5)) for v in graph}
        mean = sum(weights.values()) / n
        c = burt_measures(weights, [(f"p{a}", f"p{b}", mean) for a, b in graph.edges()]).constraint
        low, _ = constraint_bounds(weights, mean)
        assert c >= low - 1e-12, seed


def test_bubble_caption_counts_the_clusters_drawn():
    import re

    from netfiles_health.html import BUBBLES_MAX, render_html
    from netfiles_health.report import report_from_network

    from test_health_html import synthetic_network

    report = report_from_network(synthetic_network(700))
    groups = [c for c in report["structure"]["clusters"] if len(c) > 1]
    assert report["structure"]["groups"]["significant"] and groups  # the generator plants groups of ~50
    html = render_html(report)
    drawn = min(len(groups), BUBBLES_MAX)
    caption = re.search(r"<span>([^<]*) as bubbles", html).group(1)
    if drawn == len(groups):
        assert caption == f"all {len(groups)} clusters drawn"
    else:
        assert caption == f"{len(groups)} clusters; the {drawn} largest drawn"
    assert not re.search(r"\b0 clusters", html)


def test_ties_inferred_from_shared_meetings_count_and_are_labelled(netfiles_vault, netfiles_cli):
    """Issue 12 section 2: importing a calendar gives the health report ties, and it says which are inferred."""
    netfiles_vault.config(me={"name": "Sam"})
    netfiles_vault.add_contact("Ana Souza", knows=["Bo Chen"])
    netfiles_vault.add_contact("Bo Chen", log=["2026-03-04 meeting: with [[Carla Diaz]]",
                                               "2026-05-06 meeting: with [[Carla Diaz]]"])
    netfiles_vault.add_contact("Carla Diaz")
    result = netfiles_cli("health", "--today", "2026-11-21", "--format", "json")
    data = json.loads(result.stdout)
    assert (data["knows_ties"], data["written_ties"], data["inferred_ties"]) == (2, 1, 1)
    text = netfiles_cli("health", "--today", "2026-11-21").stdout
    assert "2 ties between them (1 written as `knows`, 1 inferred from meetings, mails and notes" in text


def test_seniority_and_function_inferred_from_titles_are_measured_and_labelled(netfiles_vault, netfiles_cli):
    """Issue 12 section 2: titles give seniority and function; the report counts them and says they were inferred."""
    netfiles_vault.config(me={"name": "Sam"})
    titles = ["Senior Software Engineer", "VP Engineering", "Data Scientist", "Head of Data", "Product Designer",
              "Account Executive", "Recruiter", "CFO", "Junior Developer", "Marketing Manager"]
    for i, title in enumerate(titles):
        netfiles_vault.add_contact(f"P{i}", role=title)
    netfiles_vault.add_contact("Written", role="Intern", seniority="executive")
    data = json.loads(netfiles_cli("health", "--today", "2026-11-21", "--format", "json").stdout)
    seniority = data["diversity"]["blau"]["seniority"]
    assert seniority["known"] == 11 and seniority["inferred"] == 10  # the written one is not counted as inferred
    assert data["coverage"]["attributes"]["function"]["inferred"] >= 9
    text = netfiles_cli("health", "--today", "2026-11-21").stdout
    assert "seniority 11 (10 inferred)" in text
    assert "10 of them inferred from job titles" in text
