"""Assemble every health metric of the owner's ego network into one JSON-ready dict.

The math lives in `metrics.py` and `strength.py`; this module only decides
what goes in (which contacts, which interactions, which values count as
missing) and how the answer is laid out. Everything depends on `today` and the
files, never on the clock. Numbers that are measurements are floats; a
measurement that cannot be made is `null` with a `reason` beside it.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter

import netfiles

from . import labelprop, metrics
from .network import EgoNetwork, build_network
from .settings import Settings, settings_of

#: Above this many contacts with ties, label propagation finds a first partition for Louvain (see find_clusters).
LOUVAIN_MAX_NODES = 2_000
#: Brokers listed in the report (all are in `structure.brokers_total`).
BROKERS_SHOWN = 10
#: One-sided contacts listed under reciprocity.
ONE_SIDED_SHOWN = 5
#: The recent window of the growth warning: this many days, expressed per 30-day month.
RECENT_DAYS = 90
SEED = 42


class HealthConfigError(ValueError):
    """The [health] settings are unusable; the message lists each problem."""


def health_report(vault, today: _dt.date, settings: Settings | None = None) -> dict:
    """The full report for `netfiles health --format json`."""
    if settings is None:
        settings, problems = settings_of(vault)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise HealthConfigError("; ".join(p.message for p in errors))
    network = build_network(vault, today, settings)
    return report_from_network(network, channels=list(vault.config.channels()))


def report_from_network(network: EgoNetwork, channels: list[str] | None = None) -> dict:
    settings = network.settings
    warnings: list[str] = []
    n = len(network.contacts)
    if network.me_name is None:
        warnings.append("No [me] table with a name in .netfiles/config.toml: the report cannot compare contacts "
                        "with you (E-I index). Add [me] with your name, industry, location, ...")
    if n == 0:
        warnings.append("The vault has no contacts yet: add people with `netfiles add` to see network health.")
    elif n == 1:
        warnings.append("Only one contact: structure and diversity need more people to mean anything.")
    elif not network.ties:
        warnings.append("No `knows` ties between contacts: structure (constraint, clusters, brokers) assumes nobody "
                        "knows anybody. Add `knows: [\"[[Name]]\"]` to contacts who know each other.")
    report = {
        "today": network.today.isoformat(),
        "me": network.me_name,
        "contacts": n,
        "knows_ties": len(network.ties),
        "settings": settings.to_dict(),
        "structure": structure(network),
        "diversity": diversity(network, warnings),
        "ties": ties(network),
        "reciprocity": reciprocity(network),
        "channels": channel_mix(network, channels),
        "growth": growth(network, warnings),
        "warnings": warnings,
        "_network": network,  # for the HTML charts; public() drops it
    }
    from .interpret import findings

    report["findings"] = findings(report)
    return report


# Structure ---------------------------------------------------------------------------------------

def find_clusters(paths: list[str], ties: list[tuple[str, str]]) -> tuple[list[list[str]], str]:
    """Communities among alters, deterministic for a given networkx version. Isolated alters are their own cluster.

    Up to LOUVAIN_MAX_NODES contacts with ties: Louvain (Blondel et al. 2008), networkx, seed 42
    (`metrics.communities`). Above that, plain Louvain costs about a second of CPU at 10,000 contacts,
    so fast label propagation (Traag & Subelj 2023, seed 42; `labelprop`, the same steps and random draws
    as networkx's, on integer lists) finds a first, fine partition and Louvain
    merges its groups on the aggregated graph: Louvain's own multi-level idea with a cheaper first level
    (measured on the 10,000-contact benchmark vault: 0.2 s instead of 1.35 s, modularity 0.890 vs 0.887).
    If label propagation floods (its largest group holds over a third of the contacts with ties, which
    happens on graphs without clear groups), plain Louvain runs instead.
    """
    connected = sorted({p for tie in ties for p in tie})
    if len(connected) <= LOUVAIN_MAX_NODES:
        return metrics.communities(paths, ties, seed=SEED), "louvain"
    import networkx as nx

    parts = sorted(labelprop.communities(connected, ties, SEED), key=lambda c: (-len(c), c[0]))
    if len(parts[0]) * 3 > len(connected):
        return metrics.communities(paths, ties, seed=SEED), "louvain"
    where = {p: i for i, members in enumerate(parts) for p in members}
    weights: dict[tuple[int, int], int] = {}
    for a, b in ties:
        ka, kb = where[a], where[b]
        key = (ka, kb) if ka <= kb else (kb, ka)
        weights[key] = weights.get(key, 0) + 1
    coarse = nx.Graph()
    coarse.add_nodes_from(range(len(parts)))
    coarse.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    merged = nx.community.louvain_communities(coarse, weight="weight", seed=SEED)
    clusters = [sorted(p for i in group for p in parts[i]) for group in merged]
    clusters += [[p] for p in sorted(set(paths) - set(connected))]
    clusters.sort(key=lambda c: (-len(c), c[0]))
    return clusters, "label-propagation+louvain"


def structure(network: EgoNetwork) -> dict:
    paths = network.paths
    n = len(paths)
    result: dict = {"effective_size": None, "efficiency": None, "constraint": None, "constraint_without_ties": None,
                    "hierarchy": None,
                    "density": None, "clusters": [], "cluster_sizes": [], "isolates": 0, "brokers": [],
                    "brokers_total": 0, "community_algorithm": None, "reason": None}
    if n == 0:
        result["reason"] = "no contacts"
        return result
    # Burt's measures are scale-invariant (each proportion divides by a row total), so giving every `knows`
    # tie the mean ego-tie strength is the same as dividing the ego's strengths by their mean: a `knows`
    # tie counts as a typical tie. With equal strengths this is the unweighted ego graph of networkx.
    burt = metrics.burt_measures(network.strengths, [(a, b, network.knows_weight) for a, b in network.ties])
    result.update(effective_size=_f(burt.effective_size), efficiency=_f(burt.efficiency),
                  constraint=_f(burt.constraint), hierarchy=_f(burt.hierarchy))
    # The same contacts and strengths with no `knows` ties: sum_j p_j^2. What constraint exceeds it by is closure.
    total = sum(network.strengths.values())
    result["constraint_without_ties"] = float(sum((w / total) ** 2 for w in network.strengths.values()))
    result["density"] = _f(metrics.density(n, len(network.ties)))
    if result["density"] is None:
        result["density_reason"] = "density needs at least two contacts"
    clusters, algorithm = find_clusters(paths, network.ties)
    result["community_algorithm"] = algorithm
    result["clusters"] = [sorted((network.name(p) for p in c), key=str.casefold) for c in clusters]
    result["cluster_sizes"] = [len(c) for c in clusters]
    result["isolates"] = sum(1 for c in clusters if len(c) == 1)
    found = metrics.brokers(paths, network.ties, clusters)
    result["brokers_total"] = len(found)
    result["brokers"] = [{"name": network.name(b["name"]), "cluster": b["cluster"], "bridged": b["bridged"],
                          "external_ties": b["external_ties"], "liaison": b["liaison"]}
                         for b in found[:BROKERS_SHOWN]]
    result["_cluster_paths"] = clusters  # dropped before printing; used by the HTML and export
    return result


# Diversity ---------------------------------------------------------------------------------------

def _items(value) -> tuple[str, ...]:
    """A field's value as normalised items: () when missing; lists keep every non-empty item."""
    if isinstance(value, str):
        text = value.strip()
        return (text,) if text else ()
    if value is None:
        return ()
    if isinstance(value, (list, tuple, set)):
        return tuple(sorted({str(v).strip() for v in value if v is not None and str(v).strip()}, key=str.casefold))
    text = str(value).strip()
    return (text,) if text else ()


def attribute_keys(network: EgoNetwork, attribute: str):
    """(ego key, ego items, [alter key], [alter items], {key: display}); keys are case-insensitive, None = missing.

    A list value (e.g. education) is one category per combination for Blau;
    for E-I an alter who shares any item with the owner counts as the same.
    """
    display: dict[str, str] = {}

    def key_of(items):
        if not items:
            return None
        key = " + ".join(i.casefold() for i in items)
        display.setdefault(key, " + ".join(items))
        return key

    ego_items = _items(network.me.get(attribute))
    ego_key = key_of(ego_items)
    alter_items = [_items(contact.attribute(attribute)) for contact in network.contacts]
    keys = [key_of(items) for items in alter_items]
    return ego_key, ego_items, keys, alter_items, display


def diversity(network: EgoNetwork, warnings: list[str]) -> dict:
    settings = network.settings
    min_known = settings.min_known
    blau_out, ei_out = {}, {}
    for attribute in settings.attributes:
        ego_key, ego_items, keys, alter_items, display = attribute_keys(network, attribute)
        b = metrics.blau(keys, min_known=min_known)
        blau_out[attribute] = {
            "value": _f(b["value"]), "iqv": _f(b["iqv"]), "known": b["known"], "missing": b["missing"],
            "categories": {display[k]: v for k, v in b["categories"].items()},
            "reason": None if b["enough_data"] else f"not enough data ({b['known']} known, need {min_known})",
        }
        # E-I: an alter sharing any item with the owner is "same" (for single values: equal, ignoring case).
        ego_set = {i.casefold() for i in ego_items}
        ei_keys = keys
        if ego_set:
            ei_keys = [key if key is None else
                       (ego_key if key in ego_set else key) if len(items) == 1 else
                       (ego_key if ego_set & {i.casefold() for i in items} else key)
                       for key, items in zip(keys, alter_items)]
        e = metrics.ei_index(ego_key, ei_keys, min_known=min_known)
        reason = e["reason"]
        if ego_key is None:
            reason = (f"your own {attribute} is not in [me]" if network.me else "no [me] table in config")
        ei_out[attribute] = {
            "value": _f(e["value"]), "expected": _f(e["expected"]), "me": display.get(ego_key),
            "external": e["external"], "internal": e["internal"], "known": e["known"], "missing": e["missing"],
            "reason": reason,
        }
    if network.contacts and all(v["known"] == 0 for v in blau_out.values()):
        warnings.append("No contact has any of the attributes " + ", ".join(settings.attributes)
                        + ": diversity cannot be measured. Fill in industry, location, ... in contact files.")
    return {"min_known": min_known, "blau": blau_out, "ei": ei_out}


# Tie strength ------------------------------------------------------------------------------------

def ties(network: EgoNetwork) -> dict:
    settings = network.settings
    split = metrics.strong_weak(network.strengths, threshold=settings.strong_threshold)
    layers = metrics.dunbar_layers(network.strengths)
    out_layers = []
    for layer in layers["layers"]:
        members = layer["members"]
        strong = sum(1 for p in members if network.strengths[p] >= settings.strong_threshold)
        out_layers.append({
            "name": layer["name"], "limit": layer["limit"], "capacity": layer["capacity"], "count": layer["count"],
            "strong": strong,
            "min_strength": _f(min((network.strengths[p] for p in members), default=None)),
            "members": [network.name(p) for p in members],
        })
    values = sorted(network.strengths.values())
    histogram = Counter(min(int(v + 0.5), 5) for v in values)  # nearest whole strength 1..5
    return {
        "total": split["total"], "strong": split["strong"], "weak": split["weak"],
        "strong_share": _f(split["strong_share"]), "weak_share": _f(split["weak_share"]),
        "threshold": float(settings.strong_threshold),
        "manual": len(network.manual), "inferred": len(network.contacts) - len(network.manual),
        "half_life_days": float(settings.half_life_days),
        "mean_strength": _f(sum(values) / len(values)) if values else None,
        "histogram": {str(k): histogram.get(k, 0) for k in range(1, 6)},
        "layers": out_layers,
        "beyond": layers["beyond"]["count"],
        "reason": None if values else "no contacts",
    }


# Reciprocity -------------------------------------------------------------------------------------

def reciprocity(network: EgoNetwork) -> dict:
    gave = got = 0
    rows = []
    today = network.today
    for contact in network.contacts:
        g = r = 0
        for i in contact.interactions:
            if i.date <= today:
                g += i.gave
                r += i.got
        gave += g
        got += r
        if g or r:
            rows.append({"name": network.name(contact.path), "gave": g, "got": r, "balance": g - r})
    rows.sort(key=lambda x: (-abs(x["balance"]), -(x["gave"] + x["got"]), x["name"].casefold()))
    one_sided = [r for r in rows if r["balance"] != 0][:ONE_SIDED_SHOWN]
    total = gave + got
    return {
        "gave": gave, "got": got, "balance": gave - got,
        "give_share": _f(gave / total) if total else None,
        "contacts_with_exchanges": len(rows),
        "only_gave": sum(1 for r in rows if r["got"] == 0),
        "only_got": sum(1 for r in rows if r["gave"] == 0),
        "most_one_sided": one_sided,
        "reason": None if total else "no #gave or #got tags in any log",
    }


# Channels ----------------------------------------------------------------------------------------

def _month(day: _dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_back(today: _dt.date, count: int) -> list[str]:
    year, month = today.year, today.month
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def channel_mix(network: EgoNetwork, channels: list[str] | None = None) -> dict:
    """Interactions of the last 365 days (today included) by channel, and per month for 24 months."""
    today = network.today
    since = netfiles.add_days(today, -364)
    names = list(dict.fromkeys([*(channels or []), "in-person", "call", "online"]))
    order = {"in-person": 0, "call": 1, "online": 2}
    names.sort(key=lambda c: (order.get(c, 3), c))
    counts = dict.fromkeys(names, 0)
    months = _months_back(today, 24)
    per_month = {m: dict.fromkeys(names, 0) for m in months}
    for contact in network.contacts:
        for interaction in contact.interactions:
            if interaction.date > today:
                continue
            channel = interaction.channel if interaction.channel in counts else "online"
            if interaction.date >= since:
                counts[channel] += 1
            month = _month(interaction.date)
            if month in per_month:
                per_month[month][channel] += 1
    total = sum(counts.values())
    return {
        "since": since.isoformat(), "until": today.isoformat(), "total": total, "counts": counts,
        "shares": {c: (_f(v / total) if total else None) for c, v in counts.items()},
        "per_month": [{"month": m, **per_month[m]} for m in months],
        "reason": None if total else "no interactions in the last year",
    }


# Growth ------------------------------------------------------------------------------------------

def growth(network: EgoNetwork, warnings: list[str]) -> dict:
    today = network.today
    pace = network.settings.pace_per_month
    months = _months_back(today, 12)
    per_month = dict.fromkeys(months, 0)
    known = unknown = future = 0
    recent = last30 = 0
    for contact in network.contacts:
        met = contact.met
        if met is None:
            unknown += 1
            continue
        if met > today:
            future += 1
            continue
        known += 1
        month = _month(met)
        if month in per_month:
            per_month[month] += 1
        age = (today - met).days
        if age < RECENT_DAYS:
            recent += 1
        if age < 30:
            last30 += 1
    rate = recent * 30.0 / RECENT_DAYS
    over = rate > pace or last30 > pace
    result = {
        "per_month": [{"month": m, "count": per_month[m]} for m in months],
        "recent_days": RECENT_DAYS, "recent_count": recent, "recent_rate": float(rate), "last_30_days": last30,
        "pace_per_month": float(pace), "over_pace": over, "known_met": known, "unknown_met": unknown,
        "future_met": future,
        "reason": None if known else "no contact has a `met` date",
    }
    if over:
        warnings.append(f"Growth: {last30} new contacts in the last 30 days and {rate:.1f} a month over the last "
                        f"{RECENT_DAYS} days, above your pace of {pace:g} a month. New ties need time; "
                        "follow up with the people you just met before adding more.")
    return result


def _f(value):
    return None if value is None else float(value)


def public(report: dict) -> dict:
    """The report without private helper keys (those starting with `_`), for JSON output."""
    if isinstance(report, dict):
        return {k: public(v) for k, v in report.items() if not str(k).startswith("_")}
    if isinstance(report, list):
        return [public(v) for v in report]
    return report
