"""Ego betweenness, local bridges and brokerage roles against networkx and hand counts (issue 13 items 10-12)."""
from __future__ import annotations

import json
import random
from itertools import combinations

import networkx as nx
import pytest

from netfiles_health.positions import brokerage_roles, ego_betweenness, local_bridges

EGO = "__ego__"
TODAY = "2026-11-21"


def named(graph):
    return nx.relabel_nodes(graph, {v: f"p{v:03d}" for v in graph})


GRAPHS = [nx.gnp_random_graph(40, 0.1, seed=1), nx.connected_caveman_graph(4, 5), nx.empty_graph(6),
          nx.complete_graph(7), nx.barabasi_albert_graph(60, 2, seed=3)]


@pytest.mark.parametrize("graph", GRAPHS)
def test_ego_betweenness_is_the_egos_betweenness_in_networkx(graph):
    alters = named(graph)
    ego_graph = nx.Graph(alters)
    ego_graph.add_edges_from((EGO, v) for v in alters)
    want = nx.betweenness_centrality(ego_graph, normalized=False)[EGO]
    assert ego_betweenness(list(alters), list(alters.edges())) == pytest.approx(want, abs=1e-9)


def test_ego_betweenness_by_hand():
    # a-b-c path plus d alone: pairs not tied: a-c (common b: 1/2), a-d, b-d, c-d (1 each) -> 3.5.
    assert ego_betweenness(list("abcd"), [("a", "b"), ("b", "c")]) == pytest.approx(3.5)


@pytest.mark.parametrize("graph", GRAPHS)
def test_local_bridges_match_networkx(graph):
    alters = named(graph)
    want = sorted(tuple(sorted(e)) for e in nx.local_bridges(alters, with_span=False))
    assert local_bridges(list(alters), list(alters.edges())) == want


def reference_roles(graph, group_of, ego_group):
    """Every open two-path of the ego graph, enumerated and classified one by one."""
    full = nx.Graph(graph)
    full.add_edges_from((EGO, v) for v in graph)
    groups = {**group_of, EGO: ego_group}
    counts = {"you": {}, "contacts": {}}
    for middle in full:
        for a, c in combinations(sorted(full[middle]), 2):
            if full.has_edge(a, c) or EGO in (a, c):
                continue
            ga, gb, gc = groups[a], groups[middle], groups[c]
            if None in (ga, gb, gc):
                continue
            if ga == gc:
                role = "coordinator" if gb == ga else "consultant"
            elif gb in (ga, gc):
                role = "gatekeeper_or_representative"
            else:
                role = "liaison"
            side = counts["you" if middle == EGO else "contacts"]
            side[role] = side.get(role, 0) + 1
    return counts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_brokerage_roles_match_enumeration(seed):
    rng = random.Random(seed)
    alters = named(nx.gnp_random_graph(30, 0.12, seed=seed))
    group_of = {v: rng.choice(["a", "b", "c", None]) for v in alters}
    got = brokerage_roles(list(alters), list(alters.edges()), group_of, "a")
    want = reference_roles(alters, group_of, "a")
    assert {r: v["count"] for r, v in got["through_you"].items() if v["count"]} == want["you"]
    assert {r: v["count"] for r, v in got["through_contacts"].items() if v["count"]} == want["contacts"]


def test_brokerage_roles_by_hand():
    # You are in A; contacts a1, a2 (A), b1, b2 (B); ties a1-b1 and b1-b2.
    # Through you (pairs not tied): a1-a2 coordinator; a1-b2, a2-b1, a2-b2 gatekeeper/representative
    # (b1-b2 and a1-b1 are tied, so closed). Through b1 (B): a1-b2 not tied, ends A and B: gatekeeper.
    groups = {"a1": "A", "a2": "A", "b1": "B", "b2": "B"}
    got = brokerage_roles(list(groups), [("a1", "b1"), ("b1", "b2")], groups, "A")
    you = got["through_you"]
    assert {r: v["count"] for r, v in you.items()} == {"coordinator": 1, "consultant": 0,
                                                        "gatekeeper_or_representative": 3, "liaison": 0}
    # Expected with shares A 1/2, B 1/2 and you in A, over 4 paths: coordinator 1/4, consultant 1/4,
    # gatekeeper/representative 2 * 1/2 * 1/2, liaison 0.
    assert [you[r]["expected"] for r in ("coordinator", "consultant", "gatekeeper_or_representative", "liaison")] \
        == pytest.approx([1.0, 1.0, 2.0, 0.0])
    assert got["through_contacts"]["gatekeeper_or_representative"]["count"] == 1


def test_report_holds_positions(netfiles_vault, netfiles_cli):
    netfiles_vault.config(me={"name": "Owner", "industry": "tech"})
    netfiles_vault.add_contact("Ana", industry="tech", knows=["Bo"])
    netfiles_vault.add_contact("Bo", industry="finance", knows=["Cy"])
    netfiles_vault.add_contact("Cy", industry="finance")
    netfiles_vault.add_contact("Di", industry="health", knows=["Ana"])
    result = netfiles_cli("health", "--today", TODAY, "--format", "json")
    s = json.loads(result.stdout)["structure"]
    # Path Di-Ana-Bo-Cy: not tied pairs Di-Bo (via Ana: 1/2), Ana-Cy (via Bo: 1/2), Di-Cy (1) -> 2.0.
    assert s["ego_betweenness"] == pytest.approx(2.0) and s["ego_betweenness_max"] == 3
    # No tie of a path lies in a triangle: all three are local bridges.
    assert s["local_bridges_total"] == 3
    assert s["brokerage"]["attribute"] == "industry" and s["brokerage"]["through_you"] is not None
    text = netfiles_cli("health", "--today", TODAY).stdout
    assert "Ego betweenness 2.0 of 3 pairs" in text and "3 local bridges" in text
