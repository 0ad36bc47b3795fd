"""Tests for the pure network-health computations (netfiles_health.metrics/strength)."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta

import networkx as nx
import pytest

from netfiles_health.metrics import (
    BurtMeasures,
    blau,
    brokers,
    burt_measures,
    density,
    dunbar_layers,
    ei_against_base_rate,
    strong_weak,
)
from netfiles_health.groups import detect
from netfiles_health.strength import STRONG_THRESHOLD, inferred_strength, is_strong

EGO = "__ego__"


# ---------------------------------------------------------------------------
# Helpers: ego graph and an independent slow reference
# ---------------------------------------------------------------------------


def ego_graph(ego_weights, ties):
    """The ego graph as networkx sees it: ego + alters + alter ties."""
    G = nx.Graph()
    G.add_node(EGO)
    for name, w in ego_weights.items():
        G.add_edge(EGO, name, weight=w)
    for tie in ties:
        a, b = tie[0], tie[1]
        G.add_edge(a, b, weight=tie[2] if len(tie) == 3 else 1.0)
    return G


def slow_reference(ego_weights, ties):
    """Burt's formulas spelled out on a full mutual-weight matrix, O(n^3).

    Independent of both netfiles and networkx's scipy code path (which is
    wrong for weighted effective size in networkx 3.5-3.6, PR #8906).
    """
    nodes = [EGO, *ego_weights]
    idx = {v: k for k, v in enumerate(nodes)}
    size = len(nodes)
    z = [[0.0] * size for _ in range(size)]
    for name, w in ego_weights.items():
        z[0][idx[name]] = z[idx[name]][0] = 2 * w  # mutual weight z_xy + z_yx
    for tie in ties:
        a, b = idx[tie[0]], idx[tie[1]]
        w = tie[2] if len(tie) == 3 else 1.0
        z[a][b] = z[b][a] = 2 * w
    p = [[z[x][y] / sum(z[x]) for y in range(size)] for x in range(size)]
    m = [[z[x][y] / max(z[x]) for y in range(size)] for x in range(size)]
    alters = range(1, size)
    n = size - 1
    eff = sum(1 - sum(p[0][q] * m[j][q] for q in alters) for j in alters)
    contrib = [(p[0][j] + sum(p[0][q] * p[q][j] for q in alters)) ** 2 for j in alters]
    con = sum(contrib)
    if not ties:
        hier = None  # undefined without alter-alter ties
    elif n == 1:
        hier = 0.0
    else:
        r = [c / (con / n) for c in contrib]
        hier = sum(x * math.log(x) for x in r) / (n * math.log(n))
    return BurtMeasures(eff, eff / n, con, hier)


def assert_measures_close(got, want, tol=1e-9):
    for field in ("effective_size", "efficiency", "constraint", "hierarchy"):
        g, w = getattr(got, field), getattr(want, field)
        assert (g is None) == (w is None), field
        if w is not None:
            assert g == pytest.approx(w, rel=tol, abs=tol), field


def named(graph):
    """Relabel integer nodes to contact-like string names."""
    return nx.relabel_nodes(graph, {v: f"p{v:04d}" for v in graph})


# ---------------------------------------------------------------------------
# Burt measures: hand-computed cases
# ---------------------------------------------------------------------------


def test_no_alters_is_all_none():
    assert burt_measures({}, []) == BurtMeasures(None, None, None, None)


def test_single_alter():
    # p_ia = 1, no redundancy: effective size 1, constraint 1^2 = 1.
    # Hierarchy is undefined without alter-alter ties.
    got = burt_measures({"a": 2.5}, [])
    assert got == BurtMeasures(1.0, 1.0, 1.0, None)


def test_star_without_ties_equal_weights():
    # n = 4 unconnected alters, p_ij = 1/4: no redundancy -> effective size 4,
    # efficiency 1; constraint = sum_j (1/4)^2 = 4/16 = 1/n = 0.25;
    # No alter-alter ties -> hierarchy undefined (None).
    got = burt_measures(dict.fromkeys("abcd", 1.0), [])
    assert_measures_close(got, BurtMeasures(4.0, 1.0, 0.25, None))


def test_star_without_ties_unequal_weights():
    # Weights 1 and 3: p = 1/4, 3/4. Effective size 2 (no redundancy).
    # Constraint = (1/4)^2 + (3/4)^2 = 1/16 + 9/16 = 0.625.
    # Burt's formula would give H = (0.2 ln 0.2 + 1.8 ln 1.8) / (2 ln 2) ~ 0.53 from the unequal
    # strengths alone (issue 13 item 5): with no alter-alter ties hierarchy is undefined instead.
    got = burt_measures({"a": 1.0, "b": 3.0}, [])
    assert_measures_close(got, BurtMeasures(2.0, 1.0, 0.625, None))


def test_triangle():
    # Ego + a + b, tie a-b, all weights 1.
    # p_ia = p_ib = 1/2; alter a has ties to ego and b -> p_ab = 1/2, m_ab = 1.
    # Effective size = sum_j (1 - p_ib m_ab) = 2 * (1 - 1/2) = 1
    #   (Borgatti: n - 2t/n = 2 - 2/2 = 1); efficiency 1/2.
    # c_a = (p_ia + p_ib p_ba)^2 = (1/2 + 1/2 * 1/2)^2 = 9/16; C = 2 * 9/16 = 1.125.
    got = burt_measures({"a": 1, "b": 1}, [("a", "b")])
    assert_measures_close(got, BurtMeasures(1.0, 0.5, 1.125, 0.0))


TWO_CLUSTERS = [("a", "b"), ("a", "c"), ("b", "c"), ("d", "e"), ("d", "f"), ("e", "f"), ("c", "d")]


def test_two_clusters_with_bridge():
    # Triangles {a,b,c} and {d,e,f}, bridge c-d; all weights 1. n = 6, t = 7.
    # Effective size (Borgatti) = 6 - 2*7/6 = 11/3.
    # Ego-graph degrees: a, b, e, f = 3 (ego + 2); c, d = 4 (ego + 3).
    # p_ij = 1/6 for every alter j.
    # c_a = ((1/6)(1 + 1/3 [via b] + 1/4 [via c]))^2 = (19/72)^2, same for b, e, f.
    # c_c = ((1/6)(1 + 1/3 [a] + 1/3 [b] + 1/4 [d]))^2 = (23/72)^2, same for d.
    # C = (4*19^2 + 2*23^2) / 72^2 = (1444 + 1058) / 5184 = 2502/5184.
    got = burt_measures(dict.fromkeys("abcdef", 1.0), TWO_CLUSTERS)
    contrib = [19**2] * 4 + [23**2] * 2
    mean = sum(contrib) / 6
    hier = sum((c / mean) * math.log(c / mean) for c in contrib) / (6 * math.log(6))
    assert_measures_close(got, BurtMeasures(11 / 3, 11 / 18, 2502 / 5184, hier))
    assert 0 < got.hierarchy < 0.01  # nearly even spread


def test_alter_tie_weights_change_marginal_strength():
    # Ego-a weight 1, ego-b weight 1, a-b weight 3 (a and b are close).
    # Ego: p_ia = p_ib = 1/2. Alter a: z = {ego: 1, b: 3} -> max 3, m_ab = 1,
    #   p_ab = 3/4. Redundancy of a = p_ib * m_ab = 1/2; same for b.
    # Effective size = 2 * (1 - 1/2) = 1.
    # c_a = (1/2 + 1/2 * 3/4)^2 = (7/8)^2 = 49/64; C = 98/64 = 1.53125.
    got = burt_measures({"a": 1, "b": 1}, [("a", "b", 3)])
    assert_measures_close(got, BurtMeasures(1.0, 0.5, 1.53125, 0.0))


def test_duplicate_self_and_unknown_ties_are_ignored():
    base = burt_measures({"a": 1, "b": 1, "c": 1}, [("a", "b")])
    noisy = burt_measures(
        {"a": 1, "b": 1, "c": 1},
        [("a", "b"), ("b", "a"), ("a", "a"), ("a", "stranger"), ("zed", "c")],
    )
    assert noisy == base
    # Same tie listed with two weights: the stronger weight is kept.
    assert burt_measures({"a": 1, "b": 1}, [("a", "b", 1), ("b", "a", 3)]) == burt_measures(
        {"a": 1, "b": 1}, [("a", "b", 3)]
    )


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "x", None])
def test_bad_weights_are_rejected(bad):
    with pytest.raises(ValueError):
        burt_measures({"a": bad}, [])
    with pytest.raises(ValueError):
        burt_measures({"a": 1, "b": 1}, [("a", "b", bad)])


def test_malformed_tie_rejected():
    with pytest.raises(ValueError):
        burt_measures({"a": 1}, [("a",)])


def test_generator_inputs():
    ties = (t for t in [("a", "b")])
    assert burt_measures({"a": 1, "b": 1}, ties).effective_size == pytest.approx(1.0)


# ---------------------------------------------------------------------------
# Burt measures: agreement with networkx and the slow reference
# ---------------------------------------------------------------------------


EQUAL_WEIGHT_GRAPHS = [
    pytest.param(nx.gnp_random_graph(1, 0.5, seed=1), id="gnp-1"),
    pytest.param(nx.empty_graph(2), id="empty-2"),
    pytest.param(nx.gnp_random_graph(12, 0.4, seed=2), id="gnp-12"),
    pytest.param(nx.gnp_random_graph(60, 0.1, seed=3), id="gnp-60"),
    pytest.param(nx.gnp_random_graph(150, 0.04, seed=4), id="gnp-150"),
    pytest.param(nx.gnp_random_graph(300, 0.02, seed=5), id="gnp-300"),
    pytest.param(nx.powerlaw_cluster_graph(40, 2, 0.5, seed=6), id="powerlaw-40"),
    pytest.param(nx.powerlaw_cluster_graph(300, 3, 0.3, seed=7), id="powerlaw-300"),
    pytest.param(nx.barabasi_albert_graph(200, 2, seed=8), id="ba-200"),
    pytest.param(nx.connected_caveman_graph(6, 5), id="caveman-6x5"),
]


@pytest.mark.slow
@pytest.mark.parametrize("alters", EQUAL_WEIGHT_GRAPHS)
def test_equal_weights_match_networkx(alters):
    alters = named(alters)
    weights = dict.fromkeys(alters, 1.0)
    got = burt_measures(weights, alters.edges())
    G = ego_graph(weights, alters.edges())
    n, t = len(alters), alters.number_of_edges()
    assert got.effective_size == pytest.approx(n - 2 * t / n, abs=1e-9)  # Borgatti 1997, by hand
    if n <= 150:
        # Unweighted nodes=[ego] path: Borgatti's n - 2t/n; whole-graph constraint (sparse path).
        assert got.effective_size == pytest.approx(nx.effective_size(G, nodes=[EGO])[EGO], abs=1e-9)
        assert got.constraint == pytest.approx(nx.constraint(G)[EGO], abs=1e-9)
    else:  # networkx takes 20-45 s here; igraph's compiled constraint (Burt's formula) is the reference
        import igraph

        index = {v: i for i, v in enumerate([EGO, *alters])}
        graph = igraph.Graph(n=len(index), edges=[(index[a], index[b]) for a, b in G.edges()])
        assert got.constraint == pytest.approx(graph.constraint([0])[0], abs=1e-9)
    if not alters.number_of_edges():
        assert got.hierarchy is None
    elif len(alters) <= 60:  # networkx's per-node path is O(d^3)
        assert got.constraint == pytest.approx(nx.constraint(G, nodes=[EGO])[EGO], abs=1e-9)
        # Hierarchy from networkx's own per-alter local constraints.
        contrib = [nx.local_constraint(G, EGO, j) for j in alters]
        n, C = len(contrib), sum(contrib)
        want = 0.0 if n == 1 else sum((c / (C / n)) * math.log(c / (C / n)) for c in contrib) / (n * math.log(n))
        assert got.hierarchy == pytest.approx(want, abs=1e-9)
    assert got.efficiency == pytest.approx(got.effective_size / len(alters), abs=1e-12)


def weighted_case(alters, seed):
    rng = random.Random(seed)
    weights = {a: rng.choice([1, 2, 3, 4, 5]) * rng.uniform(0.5, 1.5) for a in alters}
    ties = [(a, b, rng.choice([1.0, 1.0, 2.0, 0.5])) for a, b in alters.edges()]
    return weights, ties


@pytest.mark.parametrize(
    "alters,seed",
    [
        (nx.gnp_random_graph(1, 0.5, seed=1), 1),
        (nx.empty_graph(5), 2),
        (nx.gnp_random_graph(8, 0.5, seed=3), 3),
        (nx.gnp_random_graph(25, 0.2, seed=4), 4),
        (nx.powerlaw_cluster_graph(30, 2, 0.4, seed=5), 5),
        (nx.complete_graph(10), 6),
        (nx.connected_caveman_graph(4, 5), 7),
    ],
)
def test_unequal_weights_match_slow_reference(alters, seed):
    alters = named(alters)
    weights, ties = weighted_case(alters, seed)
    got = burt_measures(weights, ties)
    assert_measures_close(got, slow_reference(weights, ties))
    # networkx's per-node (nodes=[ego]) weighted path agrees with the formula too;
    # only its whole-graph sparse path is broken for weighted effective size.
    G = ego_graph(weights, ties)
    assert got.effective_size == pytest.approx(
        nx.effective_size(G, nodes=[EGO], weight="weight")[EGO], abs=1e-9
    )
    assert got.constraint == pytest.approx(nx.constraint(G, nodes=[EGO], weight="weight")[EGO], abs=1e-9)


def test_unequal_weights_medium_graph_reference():
    alters = named(nx.gnp_random_graph(80, 0.08, seed=11))
    weights, ties = weighted_case(alters, 11)
    assert_measures_close(burt_measures(weights, ties), slow_reference(weights, ties))


def test_large_network_completes():
    # 3000 contacts, 15000 ties: linear time (networkx per-node would take hours).
    alters = named(nx.gnm_random_graph(3000, 15000, seed=42))
    got = burt_measures(dict.fromkeys(alters, 1.0), alters.edges())
    assert got.effective_size == pytest.approx(3000 - 2 * 15000 / 3000)
    assert 0 < got.constraint < 0.01
    weights, ties = weighted_case(alters, 42)
    assert burt_measures(weights, ties).effective_size > 0


# ---------------------------------------------------------------------------
# Density, communities, brokers
# ---------------------------------------------------------------------------


def test_density():
    assert density(0, 0) is None
    assert density(1, 0) is None
    assert density(2, 1) == 1.0
    assert density(4, 3) == 0.5  # 3 of 4*3/2 = 6 possible ties
    assert density(10, 0) == 0.0


def test_groups_two_triangles():
    # Two triangles joined by c-d: modularity 5/14 ~ 0.357 for the split (by hand: 7 ties, each triangle
    # holds 3 inside ties and degree sum 7 -> 2 * (3/7 - (7/14)^2) = 5/14).
    found = detect(TWO_CLUSTERS)
    assert found["modularity"] == pytest.approx(5 / 14)
    assert sorted(found["members"]) == [["a", "b", "c"], ["d", "e", "f"]]
    assert found["rewirings"] >= 5 and found["baseline_sd"] > 0


def test_groups_degenerate():
    assert detect([])["members"] == [] and detect([])["significant"] is False
    complete = detect(list(named(nx.complete_graph(8)).edges()))
    assert complete["significant"] is False  # one group: nothing to separate


def test_groups_deterministic_regardless_of_input_order():
    alters = named(nx.connected_caveman_graph(5, 6))
    ties = list(alters.edges())
    first = detect(ties)
    rng = random.Random(3)
    shuffled = [t[::-1] for t in ties]
    rng.shuffle(shuffled)
    assert detect(shuffled) == first
    assert first["significant"] and first["z"] > 3
    caves = [[f"p{v:04d}" for v in range(6 * k, 6 * k + 6)] for k in range(5)]
    assert sorted(first["members"]) == caves
    assert first["modularity"] == pytest.approx(nx.community.modularity(alters, first["members"]))


def test_brokers_bridge_between_two_clusters():
    got = brokers(list("abcdef"), TWO_CLUSTERS, [["a", "b", "c"], ["d", "e", "f"]])
    assert got == [
        {"name": "c", "cluster": 0, "clusters": [0, 1], "bridged": [1], "external_ties": 1, "liaison": False},
        {"name": "d", "cluster": 1, "clusters": [0, 1], "bridged": [0], "external_ties": 1, "liaison": False},
    ]


def test_brokers_liaison_and_sorting():
    # a (cluster 0) knows c (cluster 1) and e (cluster 2): reaches 3 clusters.
    # d-f links clusters 1 and 2. Everyone else reaches 2 clusters with 1 tie.
    clusters = [["a", "b"], ["c", "d"], ["e", "f"], ["g"]]
    ties = [("a", "b"), ("c", "d"), ("e", "f"), ("a", "c"), ("a", "e"), ("d", "f")]
    got = brokers(list("abcdefg"), ties, clusters)
    assert [r["name"] for r in got] == ["a", "c", "d", "e", "f"]
    assert got[0]["clusters"] == [0, 1, 2] and got[0]["bridged"] == [1, 2]
    assert got[0]["liaison"] is True and got[0]["external_ties"] == 2
    assert all(not r["liaison"] for r in got[1:])


def test_brokers_degenerate():
    assert brokers([], [], []) == []
    assert brokers(["a"], [], [["a"]]) == []
    assert brokers(["a", "b"], [("a", "b")], [["a", "b"]]) == []  # one cluster: no bridges


def test_pipeline_on_large_network():
    alters = named(nx.planted_partition_graph(30, 100, 0.1, 0.002, seed=42))
    found = detect(list(alters.edges()))
    assert found["significant"]
    clusters = sorted(found["members"], key=lambda c: (-len(c), c[0]))
    assert sum(len(c) for c in clusters) == 3000
    assert [len(c) for c in clusters] == sorted((len(c) for c in clusters), reverse=True)
    found = brokers(list(alters), alters.edges(), clusters)
    counts = [len(r["clusters"]) for r in found]
    assert counts == sorted(counts, reverse=True)


# ---------------------------------------------------------------------------
# Blau and E-I
# ---------------------------------------------------------------------------


def test_blau_two_even_categories():
    # p = (1/2, 1/2): 1 - (1/4 + 1/4) = 0.5; IQV = 0.5 / (1 - 1/2) = 1.
    got = blau(["x", "y"] * 3)
    assert got == {
        "value": 0.5,
        "iqv": 1.0,
        "known": 6,
        "missing": 0,
        "categories": {"x": 3, "y": 3},
        "enough_data": True,
    }


def test_blau_uneven_and_missing():
    # Known: a a a b c (5); missing: None, "", "  " (3).
    # p = 3/5, 1/5, 1/5: 1 - (9 + 1 + 1)/25 = 14/25 = 0.56; IQV = 0.56 / (2/3) = 0.84.
    got = blau(["a", None, "a", "", "b", "a", "  ", "c"])
    assert got["value"] == pytest.approx(0.56)
    assert got["iqv"] == pytest.approx(0.84)
    assert (got["known"], got["missing"]) == (5, 3)
    assert got["categories"] == {"a": 3, "b": 1, "c": 1}


def test_blau_single_category_and_not_enough_data():
    same = blau(["a"] * 5)
    assert same["value"] == 0.0 and same["iqv"] == 0.0
    few = blau(["a", "b", None, None], min_known=5)
    assert few["value"] is None and few["iqv"] is None and few["enough_data"] is False
    assert (few["known"], few["missing"]) == (2, 2)
    assert blau(["a", "b"], min_known=2)["value"] == 0.5
    empty = blau([])
    assert empty["value"] is None and empty["known"] == 0 and empty["categories"] == {}
    assert blau([], min_known=0)["value"] is None  # never divides by zero


def test_ei_against_base_rate_by_hand():
    # 6 of 10 share the ego's value, which is 30% of the population one could meet:
    # E-I = (4 - 6) / 10 = -0.2; expected 1 - 2 * 0.3 = 0.4; H = (0.6 - 0.3) / 0.7 = 3/7.
    got = ei_against_base_rate(6, 4, 0.3)
    assert got["value"] == pytest.approx(-0.2) and got["expected"] == pytest.approx(0.4)
    assert got["coleman_h"] == pytest.approx(3 / 7)
    # Exactly as many alike as the population: H = 0 and E-I equals its expectation.
    even = ei_against_base_rate(3, 7, 0.3)
    assert even["coleman_h"] == pytest.approx(0.0) and even["value"] == pytest.approx(even["expected"])
    # The expected E-I is the mean E-I of ties drawn at random from that population (simulation, fixed seed).
    rng = random.Random(5)
    draws = [sum(1 if rng.random() < 0.3 else -1 for _ in range(10)) for _ in range(20000)]
    mean_ei = sum(-d / 10 for d in draws) / len(draws)
    assert mean_ei == pytest.approx(got["expected"], abs=0.01)


def test_ei_against_base_rate_rejects_nonsense():
    for bad in (0.0, 1.0, -0.1, 1.5):
        with pytest.raises(ValueError):
            ei_against_base_rate(1, 1, bad)
    with pytest.raises(ValueError):
        ei_against_base_rate(0, 0, 0.5)


# ---------------------------------------------------------------------------
# Dunbar layers and strong/weak
# ---------------------------------------------------------------------------


def test_dunbar_layers_by_frequency_leave_layers_short():
    # Distinct contact days in the last year: weekly (>= 52) -> 5, monthly (>= 12) -> 15,
    # three-monthly (>= 4) -> 50, yearly (>= 1) -> 150, else beyond. Nobody is moved up to fill a layer.
    days = {"wes": 60, "mo": 12, "mia": 30, "qu": 4, "yan": 1, "zed": 0, "old": 3}
    got = dunbar_layers(days)
    assert [layer["members"] for layer in got["layers"]] == [["wes"], ["mia", "mo"], ["qu"], ["old", "yan"]]
    assert [layer["count"] for layer in got["layers"]] == [1, 2, 1, 2]
    assert [layer["cumulative"] for layer in got["layers"]] == [1, 3, 4, 6]
    assert [layer["limit"] for layer in got["layers"]] == [5, 15, 50, 150]
    assert got["beyond"] == {"count": 1, "members": ["zed"]}


def test_dunbar_layers_written_closeness_and_overflow():
    # A written strength places a contact too (5 -> 5, 4 -> 15, 3 -> 50, 2 -> 150); the closer layer wins.
    got = dunbar_layers({"amy": 0, "bob": 13, "cy": 0}, {"amy": 5, "bob": 3, "cy": 1})
    assert [layer["members"] for layer in got["layers"]] == [["amy"], ["bob"], [], []]
    assert got["beyond"]["members"] == ["cy"]
    # Twelve people in touch weekly: all in the first layer; its typical size is 5, not a cap.
    crowd = dunbar_layers({f"p{i:02d}": 52 for i in range(12)})
    assert crowd["layers"][0]["count"] == 12 and crowd["layers"][0]["size"] == 5


def test_dunbar_layers_without_strength_data_are_empty():
    got = dunbar_layers({f"p{i}": 0 for i in range(800)})
    assert [layer["count"] for layer in got["layers"]] == [0, 0, 0, 0]
    assert got["beyond"]["count"] == 800


def test_strong_weak():
    got = strong_weak({"a": 5, "b": 4, "c": 3.5, "d": 3, "e": 1}, 3.5)
    assert (got["strong"], got["weak"], got["total"]) == (3, 2, 5)
    assert got["strong_share"] == pytest.approx(0.6) and got["weak_share"] == pytest.approx(0.4)
    empty = strong_weak({}, 3.5)
    assert empty["total"] == 0 and empty["strong_share"] is None and empty["weak_share"] is None


# ---------------------------------------------------------------------------
# Inferred tie strength
# ---------------------------------------------------------------------------

TODAY = date(2025, 6, 1)


def days_ago(*ages):
    return [TODAY - timedelta(days=a) for a in ages]


def test_inferred_strength_anchor_points():
    assert inferred_strength([], TODAY) == 1.0
    assert inferred_strength(days_ago(0), TODAY) == pytest.approx(2.0)
    # One interaction one half-life ago: score 1/2 -> 1 + 4(1 - exp(-(0.5/a)^b)) with the constants of
    # netfiles/rules/strength.py: b = ln(ln(8/3) / ln(4/3)) / ln(5.5), a = ln(4/3)^(-1/b); ~1.641.
    b = math.log(math.log(8 / 3) / math.log(4 / 3)) / math.log(5.5)
    a = math.log(4 / 3) ** (-1 / b)
    assert inferred_strength(days_ago(180), TODAY) == pytest.approx(1 + 4 * (1 - math.exp(-((0.5 / a) ** b))))
    monthly = inferred_strength(days_ago(*range(0, 360, 30)), TODAY)
    assert 3.7 < monthly < 3.8  # score sum(0.5 ** (30k/180), k < 12) = 6.875
    assert is_strong(monthly)
    assert not is_strong(inferred_strength(days_ago(0), TODAY))


def test_inferred_strength_monotone_in_recency_and_frequency():
    by_age = [inferred_strength(days_ago(age), TODAY) for age in (0, 7, 30, 90, 365, 2000)]
    assert by_age == sorted(by_age, reverse=True)
    assert len(set(by_age)) == len(by_age)
    by_count = [inferred_strength(days_ago(*range(0, 30 * k, 30)), TODAY) for k in range(0, 15)]
    assert by_count == sorted(by_count)
    assert len(set(by_count)) == len(by_count)


def test_inferred_strength_bounds_future_and_half_life():
    flood = inferred_strength(days_ago(*([0] * 1000)), TODAY)
    assert 1.0 <= flood <= 5.0
    assert inferred_strength([TODAY + timedelta(days=30)], TODAY) == 1.0  # not happened yet
    ancient = inferred_strength(days_ago(365 * 30), TODAY)
    assert 1.0 <= ancient < 1.001
    # A longer half-life forgets more slowly.
    assert inferred_strength(days_ago(365), TODAY, half_life_days=365) > inferred_strength(days_ago(365), TODAY)
    with pytest.raises(ValueError):
        inferred_strength(days_ago(1), TODAY, half_life_days=0)


def test_inferred_strength_accepts_datetimes():
    at_noon = datetime(2025, 5, 1, 12, 0)
    assert inferred_strength([at_noon], datetime(2025, 6, 1, 8, 0)) == inferred_strength([date(2025, 5, 1)], TODAY)


def test_is_strong_threshold():
    assert STRONG_THRESHOLD == 3.5
    assert is_strong(5) and is_strong(4) and is_strong(3.5)
    assert not is_strong(3) and not is_strong(1)
