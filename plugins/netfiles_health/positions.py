"""Your position between your contacts: ego betweenness, local bridges and brokerage roles.

- Ego betweenness (Everett & Borgatti 2005, "Ego network betweenness", Social Networks 27: 31-38):
  the sum over pairs of your contacts who do not know each other of 1 / (number of two-paths between
  them); you are one of those paths, every common contact another. It equals your betweenness in
  your ego network.
- Local bridges (Granovetter 1973): `knows` ties between two contacts who have no common contact in
  your network; they carry news between circles that otherwise do not touch.
- Brokerage roles (Gould & Fernandez 1989, "Structures of mediation", Sociological Methodology 19:
  89-126): every open two-path a-b-c (a and c do not know each other) with b, you or a contact, in
  the middle, classified by the groups of a, b and c (the values of one attribute): coordinator (all
  one group), consultant (a and c in one group, b in another), gatekeeper or representative (b shares
  a group with one end only; the two differ only in direction, which `knows` ties lack), liaison (all
  three differ). Each count is set beside the count expected if the two ends' groups fell at random
  with the observed group shares, given the group of the one in the middle.

All counts run over pairs of neighbours, O(sum of squared degrees), never over all pairs of contacts.
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Mapping

ROLES = ("coordinator", "consultant", "gatekeeper_or_representative", "liaison")


def _adjacency(nodes, ties) -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {p: set() for p in nodes}
    for a, b in ties:
        if a != b and a in adj and b in adj:
            adj[a].add(b)
            adj[b].add(a)
    return adj


def _common_counts(adj: dict[str, set[str]]) -> dict[tuple[str, str], int]:
    """Number of common neighbours of each unordered pair that has at least one (pairs as sorted tuples)."""
    common: dict[tuple[str, str], int] = {}
    get = common.get
    for around in adj.values():
        if len(around) < 2:
            continue
        for a, b in combinations(sorted(around), 2):
            common[(a, b)] = get((a, b), 0) + 1
    return common


def ego_betweenness(nodes, ties, adj=None, common=None) -> float:
    """Sum over non-adjacent pairs of contacts of 1 / (1 + their common contacts)."""
    adj = adj if adj is not None else _adjacency(nodes, ties)
    common = common if common is not None else _common_counts(adj)
    n = len(adj)
    edges = sum(len(v) for v in adj.values()) // 2
    total = float(n * (n - 1) // 2 - edges)  # pairs who do not know each other, each 1 through you alone
    for (a, b), shared in common.items():
        if b not in adj[a]:
            total += 1.0 / (1 + shared) - 1.0
    return total


def local_bridges(nodes, ties, adj=None, common=None) -> list[tuple[str, str]]:
    """Ties whose two ends have no common contact, sorted."""
    adj = adj if adj is not None else _adjacency(nodes, ties)
    common = common if common is not None else _common_counts(adj)
    return sorted((a, b) for a, around in adj.items() for b in around if a < b and (a, b) not in common)


def analyse(nodes, ties, group_of: dict, ego_group=None) -> tuple[float, list[tuple[str, str]], dict]:
    """(ego betweenness, local bridges, brokerage roles), sharing one adjacency and one pass over neighbour pairs."""
    adj = _adjacency(nodes, ties)
    common = _common_counts(adj)
    return (ego_betweenness(nodes, ties, adj, common), local_bridges(nodes, ties, adj, common),
            brokerage_roles(nodes, ties, group_of, ego_group, adj))


def _role(middle, end_a, end_c) -> str:
    if end_a == end_c:
        return "coordinator" if middle == end_a else "consultant"
    if middle in (end_a, end_c):
        return "gatekeeper_or_representative"
    return "liaison"


def role_chances(middle, shares: dict) -> dict[str, float]:
    """Chance of each role for a two-path with `middle` in the middle, if both ends drew their group at random
    with the observed shares (Gould & Fernandez compare counts with this kind of baseline)."""
    own = shares.get(middle, 0.0)
    square = sum(p * p for p in shares.values())
    return {"coordinator": own * own, "consultant": square - own * own,
            "gatekeeper_or_representative": 2 * own * (1 - own), "liaison": 1 - square - 2 * own * (1 - own)}


def brokerage_roles(nodes, ties, group_of: dict, ego_group=None, adj=None) -> dict:
    """Counts of each role over open two-paths whose three groups are known, with you and with contacts in the
    middle, each beside its expected count.

    `group_of[node]` is the node's group (None = unknown); `ego_group` is yours (None: your own paths
    are not classified). The ends' group shares are those of your contacts with a known group.
    """
    adj = adj if adj is not None else _adjacency(nodes, ties)
    known = [p for p in adj if group_of.get(p) is not None]
    sizes = Counter(group_of[p] for p in known)
    shares = {g: size / len(known) for g, size in sizes.items()} if known else {}
    through_contacts: Counter = Counter()
    expected_contacts: dict[str, float] = {}
    for middle, around in adj.items():
        g = group_of.get(middle)
        if g is None or len(around) < 2:
            continue
        ends = [(p, group_of.get(p)) for p in around]
        ends = [(p, k) for p, k in ends if k is not None]
        paths = 0
        for (a, ga), (c, gc) in combinations(ends, 2):
            if c not in adj[a]:
                through_contacts[_role(g, ga, gc)] += 1
                paths += 1
        if paths:
            for role, chance in role_chances(g, shares).items():
                expected_contacts[role] = expected_contacts.get(role, 0.0) + paths * chance
    result = {"through_you": None, "through_contacts": _table(through_contacts, expected_contacts),
              "known": len(known)}
    if ego_group is not None:
        # Pairs of contacts by their groups, minus the pairs who know each other (those paths are closed).
        tied: Counter = Counter()
        for a in known:
            for b in adj[a]:
                if a < b and group_of.get(b) is not None:
                    tied[tuple(sorted((group_of[a], group_of[b]), key=str))] += 1
        through_you: Counter = Counter()
        groups = sorted(sizes, key=str)
        for i, k in enumerate(groups):
            for l in groups[i:]:
                pairs = sizes[k] * (sizes[k] - 1) // 2 if k == l else sizes[k] * sizes[l]
                open_pairs = pairs - tied[(k, l)]
                if open_pairs:
                    through_you[_role(ego_group, k, l)] += open_pairs
        total = sum(through_you.values())
        chances = role_chances(ego_group, shares)
        result["through_you"] = _table(through_you, {r: total * c for r, c in chances.items()})
    return result


def _table(counts: Counter, expected: Mapping[str, float]) -> dict:
    return {role: {"count": counts[role], "expected": float(expected.get(role, 0.0))} for role in ROLES}
