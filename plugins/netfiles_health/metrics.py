"""Pure network-health measures for the owner's ego network.

The ego is the vault owner. Every contact ("alter") is tied to the ego with a
positive tie strength ``w_j``; alters may also know each other (undirected
"knows" ties, weight 1 unless given). Nothing here touches files or the rest of
netfiles: inputs are plain names, numbers and tuples.

References
----------
- Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.*
  Harvard University Press. (effective size, efficiency, constraint, hierarchy)
- Borgatti, S. P. (1997). "Structural holes: Unpacking Burt's redundancy
  measures." *Connections* 20(1): 35-38.
- NetworkX ``networkx/algorithms/structuralholes.py`` (``effective_size``,
  ``constraint``, ``local_constraint``): same definitions, used as the test
  oracle for equal weights.
- Blau, P. M. (1977). *Inequality and Heterogeneity.* Free Press.
- Agresti, A. & Agresti, B. F. (1978). "Statistical analysis of qualitative
  variation." *Sociological Methodology* 9: 204-237. (IQV)
- Krackhardt, D. & Stern, R. N. (1988). "Informal networks and organizational
  crises: an experimental simulation." *Social Psychology Quarterly* 51(2):
  123-140. (E-I index and its expected value)
- Gould, R. V. & Fernandez, R. M. (1989). "Structures of mediation: a formal
  approach to brokerage in transaction networks." *Sociological Methodology*
  19: 89-126. (brokerage roles)
- Zhou, W.-X., Sornette, D., Hill, R. A. & Dunbar, R. I. M. (2005).
  "Discrete hierarchical organization of social group sizes." *Proc. R. Soc.
  B* 272: 439-444. (layers of ~5, 15, 50, 150)
- Granovetter, M. (1973). "The strength of weak ties." *American Journal of
  Sociology* 78(6): 1360-1380.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

__all__ = [
    "BurtMeasures",
    "burt_measures",
    "constraint_bounds",
    "density",
    "brokers",
    "blau",
    "ei_against_base_rate",
    "dunbar_layers",
    "strong_weak",
    "DUNBAR_LAYERS",
]

# A tie between two alters: (a, b) with weight 1, or (a, b, weight).
AlterTie = Sequence[Any]


# ---------------------------------------------------------------------------
# Input normalisation
# ---------------------------------------------------------------------------


def _check_weight(value: Any, what: str) -> float:
    """Tie weights must be finite and > 0: Burt's proportions divide by them."""
    try:
        w = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(w) or w <= 0:
        raise ValueError(f"{what} must be a finite number > 0, got {value!r}")
    return w


def _normalise_ties(
    alters: Iterable[str], alter_ties: Iterable[AlterTie]
) -> dict[tuple[str, str], float]:
    """Collapse the tie list into one undirected weighted edge per pair.

    Why: callers collect "knows" links from both people's files, so the same
    pair often appears twice, as (a, b) and (b, a). An undirected tie is one
    edge; if it is listed with different weights the largest one is kept.
    Self-ties and ties to names that are not alters are dropped (the ego graph
    only contains the ego and its alters).
    """
    known = set(alters)
    edges: dict[tuple[str, str], float] = {}
    for tie in alter_ties:
        if len(tie) == 2:
            a, b = tie
            w = 1.0
        elif len(tie) == 3:
            a, b, raw = tie
            w = _check_weight(raw, f"weight of tie {a!r}-{b!r}")
        else:
            raise ValueError(f"a tie is (a, b) or (a, b, weight), got {tie!r}")
        if a == b or a not in known or b not in known:
            continue
        key = (a, b) if a <= b else (b, a)
        if w > edges.get(key, 0.0):
            edges[key] = w
    return edges


# ---------------------------------------------------------------------------
# Burt's structural-hole measures
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BurtMeasures:
    """Burt's (1992) measures of the ego's position; ``None`` where undefined.

    - ``effective_size``: non-redundant contacts (n alters minus redundancy).
    - ``efficiency``: effective size / number of alters (0..1].
    - ``constraint``: how much the ego's time and energy is locked into one
      closed group (1/n for n unconnected equal contacts, up to ~1.0+).
    - ``hierarchy``: how much of the constraint comes from a single contact
      (0 = evenly spread, towards 1 = concentrated on one contact).
    """

    effective_size: float | None
    efficiency: float | None
    constraint: float | None
    hierarchy: float | None


def burt_measures(
    ego_weights: Mapping[str, float], alter_ties: Iterable[AlterTie]
) -> BurtMeasures:
    """Effective size, efficiency, constraint and hierarchy of the ego.

    The ego graph holds the ego, its alters and the alter-alter ties. The ego
    is tied to alter ``j`` with weight ``w_j = ego_weights[j]`` (> 0);
    alter ties are ``(a, b)`` (weight 1) or ``(a, b, weight)``.

    Definitions (Burt 1992, ch. 2; Borgatti 1997; identical to networkx's
    ``effective_size`` / ``local_constraint``), with mutual weight ``z`` and
    ``i`` the ego:

    - proportional strength ``p_xy = z_xy / sum_k z_xk`` (normalised over
      *all* of x's ties in the ego graph, including an alter's tie to ego);
    - marginal strength ``m_xy = z_xy / max_k z_xk``;
    - effective size ``= sum_j (1 - sum_q p_iq m_jq)``;
    - efficiency ``= effective size / n``;
    - constraint ``C = sum_j c_j`` with ``c_j = (p_ij + sum_q p_iq p_qj)^2``;
    - hierarchy ``H = sum_j r_j ln r_j / (n ln n)`` with ``r_j = c_j / (C/n)``.

    Why not networkx: its per-node ``constraint`` is O(d^3) (about 105 s at
    500 contacts), and its whole-graph weighted ``effective_size`` (scipy
    path) is wrong in networkx 3.5-3.6 (networkx PR #8906). Here every sum
    only runs over alters ``q`` that are tied to ``j``, because p_iq is
    nonzero for every alter but m_jq and p_qj vanish unless q knows j. So
    after one pass accumulating per-alter totals and one pass accumulating
    the indirect terms, the cost is O(alters + ties).

    Hierarchy is ``None`` without alter-alter ties: Burt defines it as the
    concentration of constraint *from ties among contacts*, and without them
    any inequality only restates unequal tie strengths.
    With no alters every measure is ``None``.
    """
    weights = {name: _check_weight(w, f"strength of {name!r}") for name, w in ego_weights.items()}
    n = len(weights)
    if n == 0:
        return BurtMeasures(None, None, None, None)
    edges = _normalise_ties(weights, alter_ties)

    # Pass 1 over ties: per-alter totals.
    #   total[j]  = sum of j's tie weights in the ego graph (ego tie included)
    #   peak[j]   = j's strongest tie (for marginal strength m_jq)
    #   redund[j] = sum_q w_q * z_jq  (numerator of sum_q p_iq m_jq)
    total = dict(weights)
    peak = dict(weights)
    redund = dict.fromkeys(weights, 0.0)
    for (a, b), z in edges.items():
        total[a] += z
        total[b] += z
        if z > peak[a]:
            peak[a] = z
        if z > peak[b]:
            peak[b] = z
        redund[a] += weights[b] * z
        redund[b] += weights[a] * z

    # Pass 2 over ties: indirect[j] = sum_q w_q * p_qj  (p_qj = z_qj / total[q]).
    indirect = dict.fromkeys(weights, 0.0)
    for (a, b), z in edges.items():
        indirect[b] += weights[a] * z / total[a]
        indirect[a] += weights[b] * z / total[b]

    ego_total = sum(weights.values())  # sum_k z_ik, normalises p_iq = w_q / ego_total
    eff = 0.0
    contributions = []
    for j, w_j in weights.items():
        eff += 1.0 - redund[j] / (ego_total * peak[j])
        contributions.append(((w_j + indirect[j]) / ego_total) ** 2)
    con = sum(contributions)

    if not edges:
        hier = None  # without alter-alter ties, unequal constraint only mirrors unequal strengths (undefined)
    elif n == 1:
        hier = 0.0
    else:
        mean = con / n
        hier = sum((c / mean) * math.log(c / mean) for c in contributions) / (n * math.log(n))
        hier = max(hier, 0.0)  # clamp -1e-17 rounding noise for equal contributions

    return BurtMeasures(effective_size=eff, efficiency=eff / n, constraint=con, hierarchy=hier)


def constraint_bounds(ego_weights: Mapping[str, float], tie_weight: float) -> tuple[float, float]:
    """Constraint of an ego with these tie strengths when nobody knows anybody, and when everybody knows everybody.

    The first is the lowest possible value; the second the highest with equal strengths (with unequal ones
    a few arrangements score slightly above it, so the report caps the position at 1).

    Why: constraint's scale depends on n (1/n for n unconnected equal contacts, (2n-1)^2/n^3 when all
    know each other), so a fixed cut-off reads 30 contacts who all know each other as "low". The bounds
    let the report place the observed value between the two. With equal strengths they are 1/n and
    (2n-1)^2/n^3. The complete network is closed form in O(n): every alter q has total
    w_q + (n-1) t, so p_qj = t / (w_q + (n-1) t) for every j != q.
    """
    weights = [_check_weight(w, "strength") for w in ego_weights.values()]
    n = len(weights)
    if n == 0:
        raise ValueError("constraint bounds need at least one contact")
    total = sum(weights)
    low = sum((w / total) ** 2 for w in weights)
    share = [w * tie_weight / (w + (n - 1) * tie_weight) for w in weights]  # w_q * p_qj, the same for every j
    all_shares = sum(share)
    high = sum(((w + all_shares - s) / total) ** 2 for w, s in zip(weights, share))
    return low, high


# ---------------------------------------------------------------------------
# Alter graph: density, clusters, brokers
# ---------------------------------------------------------------------------


def density(n_alters: int, n_ties: int) -> float | None:
    """Share of possible alter-alter ties that exist: t / (n (n - 1) / 2).

    Why: the classic closure measure of an ego network (the ego's own ties are
    excluded, they always exist). Undefined (``None``) below two alters.
    """
    if n_alters < 2:
        return None
    return n_ties / (n_alters * (n_alters - 1) / 2)


def brokers(
    alters: Iterable[str],
    alter_ties: Iterable[AlterTie],
    clusters: Sequence[Sequence[str]],
) -> list[dict[str, Any]]:
    """Alters whose own ties reach into a cluster other than their own.

    Definition: alter ``a`` in cluster ``k`` is a broker if it knows at least
    one member of some other cluster; it then links its own cluster to those
    clusters (Gould & Fernandez 1989's representative/gatekeeper roles).
    Brokers that reach two or more *other* clusters are flagged
    ``liaison=True`` (Gould & Fernandez's liaison: mediating between groups
    it does not belong to). The ego is excluded: it knows everyone.

    Returns dicts ``{"name", "cluster" (own index), "clusters" (own plus
    bridged indices, sorted), "bridged" (other cluster indices, sorted),
    "external_ties" (ties leaving the own cluster), "liaison"}`` sorted by
    number of clusters reached (desc), external ties (desc), then name.
    Indices refer to positions in ``clusters``; alters in no cluster are
    ignored.
    """
    alter_set = set(alters)
    where: dict[str, int] = {}
    for index, members in enumerate(clusters):
        for name in members:
            if name in alter_set:
                where[name] = index
    bridged: dict[str, set[int]] = {}
    external: Counter[str] = Counter()
    for a, b in _normalise_ties(where, alter_ties):
        ka, kb = where[a], where[b]
        if ka == kb:
            continue
        bridged.setdefault(a, set()).add(kb)
        bridged.setdefault(b, set()).add(ka)
        external[a] += 1
        external[b] += 1
    result: list[dict[str, Any]] = [
        {
            "name": name,
            "cluster": where[name],
            "clusters": sorted(others | {where[name]}),
            "bridged": sorted(others),
            "external_ties": external[name],
            "liaison": len(others) >= 2,
        }
        for name, others in bridged.items()
    ]
    result.sort(key=lambda r: (-len(r["clusters"]), -r["external_ties"], r["name"]))
    return result


# ---------------------------------------------------------------------------
# Diversity: Blau's index and the E-I index
# ---------------------------------------------------------------------------


def _is_missing(value: Any) -> bool:
    """None, empty and blank strings mean "not recorded", not a category."""
    return value is None or (isinstance(value, str) and not value.strip())


def blau(values: Iterable[str | None], min_known: int = 5) -> dict[str, Any]:
    """Blau's heterogeneity index ``1 - sum_k p_k^2`` over the known values.

    Why: the standard diversity measure for a categorical attribute of the
    alters (Blau 1977): the probability that two alters drawn at random (with
    replacement) differ. Missing values are counted, not treated as a
    category. With fewer than ``min_known`` known values the index is not
    reported (``value`` None, ``enough_data`` False).

    Also returns ``iqv``, the index of qualitative variation
    ``Blau / (1 - 1/k)`` (Agresti & Agresti 1978), which rescales to 0..1;
    ``k`` is the number of *observed* categories (the possible categories are
    unknown), and ``iqv`` is 0.0 when only one category is observed.
    """
    values = list(values)
    known = [v for v in values if not _is_missing(v)]
    counts = Counter(known)
    result: dict[str, Any] = {
        "value": None,
        "iqv": None,
        "known": len(known),
        "missing": len(values) - len(known),
        "categories": dict(sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))),
        "enough_data": len(known) >= max(min_known, 1),
    }
    if not result["enough_data"]:
        return result
    n = len(known)
    index = 1.0 - sum((c / n) ** 2 for c in counts.values())
    k = len(counts)
    result["value"] = index
    result["iqv"] = index / (1.0 - 1.0 / k) if k > 1 else 0.0
    return result


def ei_against_base_rate(internal: int, external: int, base_rate: float) -> dict[str, float]:
    """E-I of the ego, its expected value in a population where a share ``base_rate`` shares the ego's value,
    and Coleman's homophily index.

    Why an outside base rate: Krackhardt & Stern's shuffle baseline, applied to one ego, draws only from
    the ego's own contacts, so "below chance" there means no more than "my value is the commonest among
    my contacts"
    (the same ten contacts, 6 A and 4 B, read as homophily for an A ego and as chance for a B ego).
    Homophily is choosing alike people more often than the people one could meet: if a share pi of that
    population shares the ego's value, ties drawn from it at random give I/(E+I) = pi on average, so

        expected E-I = 1 - 2 pi,     Coleman's H = (s - pi) / (1 - pi)  with s = I / (E + I)

    (Coleman 1958, "Relational analysis"; H > 0: more alike than the population, H < 0: less).
    """
    known = internal + external
    if known == 0:
        raise ValueError("E-I needs at least one known contact")
    if not 0 < base_rate < 1:
        raise ValueError(f"a base rate is a share between 0 and 1, got {base_rate!r}")
    same = internal / known
    return {"value": (external - internal) / known, "expected": 1.0 - 2.0 * base_rate,
            "coleman_h": (same - base_rate) / (1.0 - base_rate)}


# ---------------------------------------------------------------------------
# Tie strength summaries
# ---------------------------------------------------------------------------

# (name, cumulative size) of Dunbar's layers (Zhou et al. 2005).
DUNBAR_LAYERS: tuple[tuple[str, int], ...] = (
    ("support clique", 5),
    ("sympathy group", 15),
    ("affinity group", 50),
    ("active network", 150),
)


#: Distinct days of contact in the last 365 days that place a contact in each layer: about weekly,
#: monthly, every three months and yearly (Dunbar 2018, "The anatomy of friendship", Trends in Cognitive
#: Sciences 22(1): 32-51, gives weekly, monthly and yearly for the 5, 15 and 150 layers; three-monthly
#: for the 50 layer is this tool's interpolation).
LAYER_MIN_DAYS: tuple[int, ...] = (52, 12, 4, 1)
#: A written `strength` (closeness, 1..5) that places a contact in each layer: 5, 4, 3, 2.
LAYER_MIN_WRITTEN: tuple[int, ...] = (5, 4, 3, 2)


def dunbar_layers(days: Mapping[str, int], written: Mapping[str, int] | None = None) -> dict[str, Any]:
    """Place contacts into Dunbar's layers by how often you are in touch, or by the closeness you wrote.

    Why: the layers of roughly 5, 15, 50 and 150 (Zhou, Sornette, Hill & Dunbar 2005; Hill & Dunbar
    2003) are defined by closeness and contact frequency, not by rank: a layer holds the people you
    are in touch with that often, and stays short when few are. ``days[name]`` is the number of
    distinct days of contact in the last year; ``written[name]`` a written strength 1..5. A contact
    goes to the closest layer either one qualifies for (layer i needs ``LAYER_MIN_DAYS[i]`` days or a
    written strength of ``LAYER_MIN_WRITTEN[i]``); everyone else is "beyond". The sizes are the typical
    ones, so a layer may also hold more people than its size; that is reported, not cut.

    Returns ``{"layers": [{"name", "size" (typical size of the layer alone), "limit" (cumulative),
    "count", "cumulative", "members" (sorted by days, then name)}], "beyond": {"count", "members"}}``.
    """
    written = written or {}
    placed: list[list[str]] = [[] for _ in DUNBAR_LAYERS]
    beyond: list[str] = []
    for name in days.keys() | written.keys():
        count, strength = days.get(name, 0), written.get(name, 0)
        for index, (min_days, min_written) in enumerate(zip(LAYER_MIN_DAYS, LAYER_MIN_WRITTEN)):
            if count >= min_days or strength >= min_written:
                placed[index].append(name)
                break
        else:
            beyond.append(name)
    order = lambda name: (-days.get(name, 0), -written.get(name, 0), name)  # noqa: E731
    layers, cumulative, previous = [], 0, 0
    for (name, limit), members in zip(DUNBAR_LAYERS, placed):
        members.sort(key=order)
        cumulative += len(members)
        layers.append({"name": name, "size": limit - previous, "limit": limit, "count": len(members),
                       "cumulative": cumulative, "members": members})
        previous = limit
    beyond.sort(key=order)
    return {"layers": layers, "beyond": {"count": len(beyond), "members": beyond}}


def strong_weak(strengths: Mapping[str, float], threshold: float = 3.5) -> dict[str, Any]:
    """Count strong (strength >= threshold) and weak ties and their shares.

    Why: Granovetter (1973): weak ties bring non-redundant information,
    strong ties bring support; the balance is a health signal. The default
    threshold 3.5 matches ``strength.is_strong`` (manual strengths 4-5 are
    strong). Shares are ``None`` when there are no contacts.
    """
    total = len(strengths)
    strong = sum(1 for s in strengths.values() if float(s) >= threshold)
    weak = total - strong
    return {
        "threshold": threshold,
        "total": total,
        "strong": strong,
        "weak": weak,
        "strong_share": strong / total if total else None,
        "weak_share": weak / total if total else None,
    }
