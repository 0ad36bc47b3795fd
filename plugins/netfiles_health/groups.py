"""Groups among the contacts, and whether they are real: Leiden modularity against degree-preserving rewirings.

Any graph, even a random one, has a partition with sizeable modularity (Guimerà, Sales-Pardo & Amaral
2004, "Modularity from fluctuations in random graphs and complex networks", Phys. Rev. E 70: 025101).
So the partition found here (Leiden, Traag, Waltman & van Eck 2019, python-igraph, seed 42) is compared
with the partitions found the same way in the same graph rewired at random with every contact's number
of ties kept. Its z-score z = (Q - mean Q_random) / sd Q_random says whether the groups are more than
chance; below Z_MIN the report says "no clear groups" and names no clusters or brokers.

The result depends only on the ties, so it is cached in the index's key-value store (`.netfiles/cache/`)
keyed by a hash of the sorted ties (never by `--today`).
"""
from __future__ import annotations

import hashlib
import json
import math
import random

SEED = 42
#: z-score of the modularity from which groups count as real (about p < 0.001 one-sided if normal).
Z_MIN = 3.0
#: Rewired graphs compared first; if z is then between CLEAR_BELOW and CLEAR_ABOVE, more are drawn.
FIRST_REWIRINGS = 5
MAX_REWIRINGS = 20
CLEAR_BELOW, CLEAR_ABOVE = 0.0, 10.0
#: Rewiring trials per tie (igraph's `rewire` swaps the ends of two ties when that keeps the graph simple).
SWAPS_PER_TIE = 5
CACHE_KEY = "health_groups"
CACHE_VERSION = 1


def ties_key(ties: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    digest.update(f"v{CACHE_VERSION}|{SEED}|{MAX_REWIRINGS}|{Z_MIN}\n".encode())
    for a, b in sorted(ties):
        digest.update(f"{a}\t{b}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _leiden(graph) -> tuple[list[int], float]:
    found = graph.community_leiden(objective_function="modularity", n_iterations=2)
    return list(found.membership), float(found.modularity)


def detect(ties: list[tuple[str, str]]) -> dict:
    """{"members": [[node, ...] per group], "modularity", "baseline_mean", "baseline_sd", "z", "rewirings",
    "significant"} for the contacts that have ties. Deterministic: igraph draws from a seeded generator."""
    import igraph

    nodes = sorted({p for tie in ties for p in tie})
    if not ties:
        return {"members": [], "modularity": None, "baseline_mean": None, "baseline_sd": None, "z": None,
                "rewirings": 0, "significant": False}
    index = {p: i for i, p in enumerate(nodes)}
    edges = sorted({(min(index[a], index[b]), max(index[a], index[b])) for a, b in ties if a != b})
    graph = igraph.Graph(n=len(nodes), edges=edges)
    previous = random.getstate()
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        membership, modularity = _leiden(graph)
        baseline: list[float] = []
        while len(baseline) < MAX_REWIRINGS:
            rewired = graph.copy()
            rewired.rewire(n=SWAPS_PER_TIE * len(edges))
            baseline.append(_leiden(rewired)[1])
            if len(baseline) == FIRST_REWIRINGS:
                z = _z(modularity, baseline)
                if z is None or not CLEAR_BELOW < z < CLEAR_ABOVE:
                    break
    finally:
        igraph.set_random_number_generator(random)
        random.setstate(previous)
    mean = sum(baseline) / len(baseline)
    sd = math.sqrt(sum((q - mean) ** 2 for q in baseline) / (len(baseline) - 1)) if len(baseline) > 1 else 0.0
    z = _z(modularity, baseline)
    groups: dict[int, list[str]] = {}
    for node, label in zip(nodes, membership):
        groups.setdefault(label, []).append(node)
    # A rewired graph with no freedom (sd 0: e.g. a complete graph) has the same modularity: nothing to find.
    significant = z is not None and z >= Z_MIN and len(groups) > 1
    return {"members": [sorted(g) for g in groups.values()], "modularity": modularity, "baseline_mean": mean,
            "baseline_sd": sd, "z": z, "rewirings": len(baseline), "significant": significant}


def _z(value: float, baseline: list[float]) -> float | None:
    if len(baseline) < 2:
        return None
    mean = sum(baseline) / len(baseline)
    sd = math.sqrt(sum((q - mean) ** 2 for q in baseline) / (len(baseline) - 1))
    if sd < 1e-12:
        return None if abs(value - mean) < 1e-12 else math.copysign(math.inf, value - mean)
    return (value - mean) / sd


def cached_detect(ties: list[tuple[str, str]], store=None) -> dict:
    """`detect`, kept with the vault's index (`Vault.get_cached`/`set_cached`, `store`) under a hash of the ties.

    A missing, stale or unreadable entry is recomputed; a failed write only costs the next run the time.
    """
    key = ties_key(ties)
    if store is not None:
        try:
            stored = json.loads(store.get_cached(CACHE_KEY) or "{}")
            if stored.get("key") == key:
                result = stored["result"]
                result["z"] = _from_json(result["z"])
                return result
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
    result = detect(ties)
    if store is not None:
        try:
            store.set_cached(CACHE_KEY, json.dumps({"key": key, "result": {**result, "z": _to_json(result["z"])}},
                                                 ensure_ascii=False))
        except Exception:  # noqa: BLE001 - a read-only or locked cache is only a missed speed-up
            pass
    return result


def _to_json(z):
    return None if z is None else (str(z) if math.isinf(z) else z)


def _from_json(z):
    return float(z) if isinstance(z, str) else z
