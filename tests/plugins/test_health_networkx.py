"""The whole pipeline (files -> index -> `netfiles health --format json`) against networkx on random vaults.

Equal tie strengths: Burt's measures must equal networkx's on the ego graph
(ego tied to every contact, contacts tied by `knows`). Unequal strengths:
they must equal networkx's per-node weighted path (`nodes=[ego]`, correct in
every version) on the ego graph whose `knows` ties weigh the mean strength,
as docs/health.md says. Density, modularity and brokers are checked against
networkx and the definitions too.
"""
from __future__ import annotations

import json
import math
import random

import networkx as nx
import pytest

pytestmark = pytest.mark.slow  # cross-checks against networkx on random vaults

TODAY = "2026-11-21"
EGO = "__ego__"


def name(i: int) -> str:
    return f"Person {i:03d}"


def random_vault(vault, graph, strengths, seed):
    """Contacts 0..n-1; each tie written in one file or both (undirected either way)."""
    rng = random.Random(seed)
    vault.config(me={"name": "Owner", "industry": "tech"})
    knows = {v: [] for v in graph}
    for a, b in graph.edges():
        side = rng.random()
        if side < 0.45:
            knows[a].append(b)
        elif side < 0.9:
            knows[b].append(a)
        else:
            knows[a].append(b)
            knows[b].append(a)
    for v in graph:
        vault.add_contact(name(v), strength=strengths[v], knows=[name(u) for u in sorted(knows[v])])


def run_health(cli) -> dict:
    result = cli("health", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ego_graph(graph, weights, tie_weight):
    G = nx.Graph()
    for v in graph:
        G.add_edge(EGO, name(v), weight=weights[v])
    for a, b in graph.edges():
        G.add_edge(name(a), name(b), weight=tie_weight)
    return G


@pytest.mark.parametrize("n,p,seed", [(100, 0.05, 1), (60, 0.12, 2), (30, 1.0, 3)])
def test_equal_strengths_match_networkx(netfiles_vault, netfiles_cli, n, p, seed):
    graph = nx.gnp_random_graph(n, p, seed=seed)
    random_vault(netfiles_vault, graph, dict.fromkeys(graph, 3), seed)
    s = run_health(netfiles_cli)["structure"]
    G = ego_graph(graph, dict.fromkeys(graph, 1.0), 1.0)
    assert s["effective_size"] == pytest.approx(nx.effective_size(G, nodes=[EGO])[EGO], abs=1e-9)
    assert s["efficiency"] == pytest.approx(nx.effective_size(G, nodes=[EGO])[EGO] / n, abs=1e-9)
    assert s["constraint"] == pytest.approx(nx.constraint(G)[EGO], abs=1e-9)
    contrib = [nx.local_constraint(G, EGO, name(v)) for v in graph]
    total = sum(contrib)
    hierarchy = sum((c / (total / n)) * math.log(c / (total / n)) for c in contrib) / (n * math.log(n))
    assert s["hierarchy"] == pytest.approx(max(hierarchy, 0.0), abs=1e-9)
    alters = nx.relabel_nodes(graph, name)
    assert s["density"] == pytest.approx(nx.density(alters), abs=1e-12)


def test_unequal_strengths_match_networkx_per_node(netfiles_vault, netfiles_cli):
    graph = nx.powerlaw_cluster_graph(40, 2, 0.4, seed=7)
    rng = random.Random(7)
    strengths = {v: rng.randint(1, 5) for v in graph}
    random_vault(netfiles_vault, graph, strengths, 7)
    s = run_health(netfiles_cli)["structure"]
    mean = sum(strengths.values()) / len(strengths)
    G = ego_graph(graph, strengths, mean)
    assert s["effective_size"] == pytest.approx(nx.effective_size(G, nodes=[EGO], weight="weight")[EGO], abs=1e-9)
    assert s["constraint"] == pytest.approx(nx.constraint(G, nodes=[EGO], weight="weight")[EGO], abs=1e-9)


def test_clusters_are_significant_groups_and_brokers_follow_the_definition(netfiles_vault, netfiles_cli):
    graph = nx.connected_caveman_graph(5, 6)  # five caves of six, joined in a ring
    graph.add_nodes_from([30, 31])  # two contacts who know nobody
    random_vault(netfiles_vault, graph, dict.fromkeys(graph, 2), 11)
    s = run_health(netfiles_cli)["structure"]
    clusters = s["clusters"]
    # A partition of all contacts; isolated contacts are their own clusters.
    assert sorted(x for c in clusters for x in c) == sorted(name(v) for v in graph)
    assert [name(30)] in clusters and [name(31)] in clusters
    # The five caves, far above what the same degrees give at random.
    caves = sorted(sorted(name(v) for v in range(k * 6, k * 6 + 6)) for k in range(5))
    assert sorted(c for c in clusters if len(c) > 1) == caves
    g = s["groups"]
    assert g["significant"] and g["z"] > 3
    # The modularity reported is the modularity of that partition, computed by networkx.
    tied = graph.subgraph(range(30))
    want = nx.community.modularity(tied, [set(range(k * 6, k * 6 + 6)) for k in range(5)])
    assert g["modularity"] == pytest.approx(want, abs=1e-9)
    # Brokers: exactly the contacts with a tie into another cluster.
    where = {x: i for i, c in enumerate(clusters) for x in c}
    bridging = {name(a) for a, b in graph.edges() if where[name(a)] != where[name(b)]}
    bridging |= {name(b) for a, b in graph.edges() if where[name(a)] != where[name(b)]}
    assert {b["name"] for b in s["brokers"]} == bridging
    assert s["brokers_total"] == len(bridging)
