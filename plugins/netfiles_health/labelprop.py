"""Fast label propagation (Traag & Šubelj 2023) on plain integer adjacency lists.

The same algorithm, visiting order and random draws as networkx's
`fast_label_propagation_communities`, so it finds the same communities for the
same seed; it only skips networkx's per-node dict-of-dicts graph and Counter
objects, which at 100,000 contacts cost more than the algorithm itself.
"""
from __future__ import annotations

import random
from collections import deque


def adjacency(nodes: list[str], ties) -> list[list[int]]:
    """Neighbour indices of each node, in the order networkx's `Graph.add_edges_from(ties)` would keep them.

    A tie given twice (either way round) counts once, as in a networkx Graph.
    """
    position = {node: i for i, node in enumerate(nodes)}
    neighbours: list[dict[int, None]] = [{} for _ in nodes]
    for a, b in ties:
        i, j = position[a], position[b]
        neighbours[i][j] = None
        neighbours[j][i] = None
    return [list(n) for n in neighbours]


def fast_label_propagation(neighbours: list[list[int]], rng: random.Random) -> list[int]:
    """A community label for each node.

    Every node starts with a label of its own and is queued in random order. A node
    taken from the queue adopts the label most of its neighbours have (ties drawn at
    random); when its label changes, neighbours with another label that are not
    queued already join the queue. Each step costs the node's degree, so the whole
    run is near-linear in the number of ties.
    """
    count = len(neighbours)
    queue = list(range(count))
    rng.shuffle(queue)
    pending = deque(queue)
    queued = bytearray(b"\x01") * count
    labels = list(range(count))
    choice = rng.choice
    while pending:
        node = pending.popleft()
        queued[node] = 0
        around = neighbours[node]
        if not around:
            continue  # an isolated node keeps its own label
        freqs: dict[int, int] = {}
        for other in around:
            label = labels[other]
            freqs[label] = freqs.get(label, 0) + 1
        top = max(freqs.values())
        label = choice([lab for lab, freq in freqs.items() if freq == top])
        if labels[node] != label:
            labels[node] = label
            for other in around:
                if labels[other] != label and not queued[other]:
                    pending.append(other)
                    queued[other] = 1
    return labels


def communities(nodes: list[str], ties, seed: int) -> list[list[str]]:
    """Groups of nodes sharing a label, each sorted, in order of first member."""
    labels = fast_label_propagation(adjacency(nodes, ties), random.Random(seed))
    groups: dict[int, list[str]] = {}
    for node, label in zip(nodes, labels):
        groups.setdefault(label, []).append(node)
    return [sorted(members) for members in groups.values()]
