"""Assemble every health metric of the owner's ego network into one JSON-ready dict.

The math lives in `metrics.py` and `strength.py`; this module only decides
what goes in (which contacts, which interactions, which values count as
missing) and how the answer is laid out. Everything depends on `today` and the
files, never on the clock. Numbers that are measurements are floats; a
measurement that cannot be made is `null` with a `reason` beside it.
"""
from __future__ import annotations

import datetime as _dt
import math
from collections import Counter
from typing import Any

import netfiles

from . import coverage, groups, metrics, positions
from .network import EgoNetwork, build_network, items_of
from .settings import Settings, settings_of

#: Brokers listed in the report (all are in `structure.brokers_total`).
BROKERS_SHOWN = 10
#: Local bridges listed (all are counted in `structure.local_bridges_total`).
BRIDGES_SHOWN = 10
#: One-sided contacts listed under reciprocity.
ONE_SIDED_SHOWN = 5
#: The recent window of the growth warning: this many days, expressed per 30-day month.
RECENT_DAYS = 90


class HealthConfigError(ValueError):
    """The [health] settings are unusable; the message lists each problem."""


def health_report(vault, today: _dt.date, settings: Settings | None = None, since: _dt.date | None = None) -> dict:
    """The full report for `netfiles health --format json`; with `since`, also the change since then."""
    if settings is None:
        settings, problems = settings_of(vault)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise HealthConfigError("; ".join(p.message for p in errors))
    network = build_network(vault, today, settings)
    channels = list(vault.config.channels())
    report = report_from_network(network, channels=channels, store=vault)
    if since is not None:
        from .change import compare, network_then

        earlier, undated = network_then(network, since)
        then = report_from_network(earlier, channels=channels)  # no cache: it holds today's ties
        report["change"] = compare(report, then, network, earlier, since, undated)
    return report


def report_from_network(network: EgoNetwork, channels: list[str] | None = None, store=None) -> dict:
    settings = network.settings
    warnings: list[str] = []
    n = len(network.contacts)
    today = network.today
    interactions = {c.path: sum(1 for i in c.interactions if i.date <= today) for c in network.contacts}
    known = {a: sum(1 for items in network.items(a) if items) for a in settings.attributes}
    cover = coverage.coverage(network, interactions, known, network.inferred_items)
    if network.me_name is None:
        warnings.append("No [me] table with a name in .netfiles/config.toml: the report cannot compare contacts "
                        "with you (E-I index). Add [me] with your name, industry, location, ...")
    if n == 0:
        warnings.append("The vault has no contacts yet: add people with `netfiles add` to see network health.")
    elif n == 1:
        warnings.append("Only one contact: structure and diversity need more people to mean anything.")
    elif not cover["ties"]["enough"]:
        warnings.append(f"Only {cover['ties']['contacts']} of {n} contacts have ties: structure (effective "
                        "size, constraint, clusters, brokers) is not measured. " + coverage.ADD_TIES.capitalize()
                        + ", or write `knows: [\"[[Name]]\"]` in contact files.")
    report: dict[str, Any] = {
        "today": today.isoformat(),
        "me": network.me_name,
        "contacts": n,
        "knows_ties": len(network.ties),
        "written_ties": len(network.ties) - len(network.inferred),
        "inferred_ties": len(network.inferred),
        "coverage": cover,
        "settings": settings.to_dict(),
        "structure": structure(network, cover["ties"], store),
        "diversity": diversity(network, cover, warnings),
        "ties": ties(network, cover),
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

def find_clusters(paths: list[str], ties: list[tuple[str, str]], store=None) -> tuple[list[list[str]], dict]:
    """(clusters, groups): the significant groups among the contacts, then everyone else alone.

    `groups` is `groups.detect`'s summary (modularity, its z-score against degree-preserving rewirings,
    significant?). When the partition is not significant there are no clusters (an empty list): the
    report says "no clear groups" rather than naming chance groupings.
    """
    found = groups.cached_detect(ties, store)
    if not found["significant"]:
        return [], found
    clusters = [list(members) for members in found["members"]]
    grouped = {p for members in clusters for p in members}
    clusters += [[p] for p in paths if p not in grouped]
    clusters.sort(key=lambda c: (-len(c), c[0]))
    return clusters, found


def structure(network: EgoNetwork, cover: dict, store=None) -> dict:
    paths = network.paths
    n = len(paths)
    result: dict = {"measured": False, "effective_size": None, "efficiency": None, "constraint": None,
                    "constraint_without_ties": None, "constraint_all_ties": None, "constraint_position": None,
                    "hierarchy": None, "hierarchy_reason": None, "density": None, "groups": None, "clusters": [],
                    "cluster_sizes": [], "isolates": 0, "brokers": [], "brokers_total": 0,
                    "community_algorithm": None, "reason": None}
    result["_cluster_paths"] = []
    if n == 0:
        result["reason"] = "no contacts"
        return result
    if not cover["enough"]:
        result["reason"] = coverage.ties_not_measured(cover, n)
        result["density_reason"] = result["hierarchy_reason"] = result["reason"]
        return result
    result["measured"] = True
    # Alter-alter ties weigh the mean ego-tie strength: Burt's measures are scale-invariant (each proportion
    # divides by a row total), so this is the same as dividing the ego's strengths by their mean: a `knows`
    # tie counts as a typical tie. With equal strengths this is the unweighted ego graph of networkx.
    weight = network.knows_weight  # a sum over every contact: once, not once per tie
    burt = metrics.burt_measures(network.strengths, [(a, b, weight) for a, b in network.ties])
    low, high = metrics.constraint_bounds(network.strengths, weight)
    result.update(effective_size=_f(burt.effective_size), efficiency=_f(burt.efficiency),
                  constraint=_f(burt.constraint), hierarchy=_f(burt.hierarchy),
                  constraint_without_ties=float(low), constraint_all_ties=float(high))
    if burt.constraint is not None and high - low > 1e-12:
        result["constraint_position"] = float(min(max((burt.constraint - low) / (high - low), 0.0), 1.0))
    if burt.hierarchy is None:
        result["hierarchy_reason"] = "undefined without ties between your contacts"
    result["density"] = _f(metrics.density(n, len(network.ties)))
    clusters, found = find_clusters(paths, network.ties, store)
    result["community_algorithm"] = "leiden"
    result["groups"] = {k: (_f(v) if isinstance(v, float) else v) for k, v in found.items() if k != "members"}
    if result["groups"]["z"] is not None and math.isinf(result["groups"]["z"]):
        result["groups"]["z"] = None  # JSON has no infinity; `significant` says it
    result["groups"]["z_min"] = groups.Z_MIN
    result["clusters"] = [sorted((network.name(p) for p in c), key=str.casefold) for c in clusters]
    result["cluster_sizes"] = [len(c) for c in clusters]
    result["isolates"] = n - cover["contacts"]  # contacts in no `knows` tie
    found_brokers = metrics.brokers(paths, network.ties, clusters)
    result["brokers_total"] = len(found_brokers)
    result["brokers"] = [{"name": network.name(b["name"]), "cluster": b["cluster"], "bridged": b["bridged"],
                          "external_ties": b["external_ties"], "liaison": b["liaison"]}
                         for b in found_brokers[:BROKERS_SHOWN]]
    result["_cluster_paths"] = clusters  # dropped before printing; used by the HTML and export
    result.update(_positions(network))
    return result


def _positions(network: EgoNetwork) -> dict:
    """Ego betweenness, local bridges and Gould & Fernandez brokerage roles (positions.py)."""
    paths, ties = network.paths, network.ties
    n = len(paths)
    unlinked = n * (n - 1) // 2 - len(ties)
    attribute = network.settings.brokerage_by
    group_of = {p: (items[0].casefold() if len(items) == 1 else None)
                for p, items in zip(paths, network.items(attribute))}
    ego_items = items_of(network.me.get(attribute))
    ego_group = ego_items[0].casefold() if len(ego_items) == 1 else None
    between, bridges, roles = positions.analyse(paths, ties, group_of, ego_group)
    return {
        "ego_betweenness": float(between), "ego_betweenness_max": float(unlinked),
        "local_bridges_total": len(bridges),
        "local_bridges": [[network.name(a), network.name(b)] for a, b in bridges[:BRIDGES_SHOWN]],
        "brokerage": {"attribute": attribute, **roles,
                      "reason": None if ego_group is not None else f"your own {attribute} is not one value in [me]"},
    }


# Diversity ---------------------------------------------------------------------------------------

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

    ego_items = items_of(network.me.get(attribute))
    ego_key = key_of(ego_items)
    alter_items = network.items(attribute)
    keys = [key_of(items) for items in alter_items]
    return ego_key, ego_items, keys, alter_items, display


def diversity(network: EgoNetwork, cover: dict, warnings: list[str]) -> dict:
    settings = network.settings
    min_known = settings.min_known
    n = len(network.contacts)
    blau_out, ei_out = {}, {}
    for attribute in settings.attributes:
        ego_key, ego_items, keys, alter_items, display = attribute_keys(network, attribute)
        b = metrics.blau(keys, min_known=min_known)
        reason = None
        if not b["enough_data"]:
            reason = f"not enough data ({b['known']} known, need {min_known})"
        elif not cover["attributes"][attribute]["enough"]:
            reason = coverage.attribute_not_measured(attribute, b["known"], n)
        measured = reason is None
        blau_out[attribute] = {
            "value": _f(b["value"]) if measured else None, "iqv": _f(b["iqv"]) if measured else None,
            "values": len(b["categories"]), "known": b["known"], "missing": b["missing"],
            "inferred": network.inferred_items.get(attribute, 0),
            "categories": {display[k]: v for k, v in b["categories"].items()},
            "reason": reason,
        }
        ei_out[attribute] = _ei(network, attribute, ego_key, ego_items, alter_items, display, reason)
    if network.contacts and all(v["known"] == 0 for v in blau_out.values()):
        warnings.append("No contact has any of the attributes " + ", ".join(settings.attributes)
                        + ": diversity cannot be measured. Fill in industry, location, ... in contact files.")
    return {"min_known": min_known, "blau": blau_out, "ei": ei_out}


def _ei(network: EgoNetwork, attribute: str, ego_key, ego_items, alter_items, display, reason) -> dict:
    """E-I against the owner: an alter who shares any item with the owner (list or single value) is "same".

    The expected value and Coleman's H only come from a base rate the user gives in
    `[health.base_rates.ATTRIBUTE]`; without one there is no chance claim (see metrics.ei_against_base_rate).
    """
    ego_set = {i.casefold() for i in ego_items}
    known = [items for items in alter_items if items]
    internal = sum(1 for items in known if ego_set & {i.casefold() for i in items})
    out = {"value": None, "expected": None, "coleman_h": None, "base_rate": None, "me": display.get(ego_key),
           "external": len(known) - internal if ego_set else None, "internal": internal if ego_set else None,
           "known": len(known), "missing": len(alter_items) - len(known), "reason": reason,
           "base_rate_reason": None}
    if not ego_set:
        out["reason"] = f"your own {attribute} is not in [me]" if network.me else "no [me] table in config"
        return out
    if reason is not None:
        return out
    rates = network.settings.base_rates.get(attribute)
    if rates:
        given = [rates[i] for i in sorted(ego_set) if i in rates]
        base_rate = min(sum(given), 0.999) if given else None  # list values: shares add up (capped below 1)
    else:
        base_rate = None
    if base_rate is None:
        out["value"] = _f((len(known) - 2 * internal) / len(known))
        out["base_rate_reason"] = (f"no base rate for {out['me']} in [health.base_rates.{attribute}]"
                                   if rates else f"no [health.base_rates.{attribute}] in config")
        return out
    found = metrics.ei_against_base_rate(internal, len(known) - internal, base_rate)
    out.update(value=_f(found["value"]), expected=_f(found["expected"]), coleman_h=_f(found["coleman_h"]),
               base_rate=_f(base_rate))
    return out


# Tie strength ------------------------------------------------------------------------------------

def ties(network: EgoNetwork, cover: dict) -> dict:
    settings = network.settings
    split = metrics.strong_weak(network.strengths, threshold=settings.strong_threshold)
    since = netfiles.add_days(network.today, -364)
    days = {c.path: len({i.date for i in c.interactions if since <= i.date <= network.today})
            for c in network.contacts}
    written = {p: int(network.strengths[p]) for p in network.manual}
    layers = metrics.dunbar_layers(days, written)
    out_layers = []
    for layer in layers["layers"]:
        members = layer["members"]
        strong = sum(1 for p in members if network.strengths[p] >= settings.strong_threshold)
        out_layers.append({
            "name": layer["name"], "size": layer["size"], "limit": layer["limit"], "count": layer["count"],
            "cumulative": layer["cumulative"],
            "strong": strong, "min_days": min((days[p] for p in members), default=None),
            "members": [network.name(p) for p in members],
        })
    values = sorted(network.strengths.values())
    histogram = Counter(min(int(v + 0.5), 5) for v in values)  # nearest whole strength 1..5
    strength_cover = cover["strength"]
    reason = None
    if not values:
        reason = "no contacts"
    elif not strength_cover["enough"]:
        reason = coverage.strength_not_measured(strength_cover["contacts"], len(values))
    layers_reason = None
    if values and not strength_cover["contacts"]:
        layers_reason = ("no strength data: no contact has a logged interaction or a written `strength`, so "
                         "nobody can be placed in a layer; " + coverage.ADD_STRENGTH)
    return {
        "measured": reason is None,
        "total": split["total"], "strong": split["strong"], "weak": split["weak"],
        "strong_share": _f(split["strong_share"]) if reason is None else None,
        "weak_share": _f(split["weak_share"]) if reason is None else None,
        "threshold": float(settings.strong_threshold),
        "manual": len(network.manual), "inferred": len(network.contacts) - len(network.manual),
        "with_data": strength_cover["contacts"],
        "half_life_days": float(settings.half_life_days),
        "mean_strength": _f(sum(values) / len(values)) if values else None,
        "histogram": {str(k): histogram.get(k, 0) for k in range(1, 6)},
        "layers": out_layers,
        "layer_min_days": list(metrics.LAYER_MIN_DAYS),
        "layer_min_written": list(metrics.LAYER_MIN_WRITTEN),
        "beyond": layers["beyond"]["count"],
        "layers_reason": layers_reason,
        "reason": reason,
    }


# Reciprocity -------------------------------------------------------------------------------------

def reciprocity(network: EgoNetwork) -> dict:
    gave = got = 0
    rows: list[dict[str, Any]] = []
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


def public(report: Any) -> Any:
    """The report without private helper keys (those starting with `_`), for JSON output (recursively)."""
    if isinstance(report, dict):
        return {k: public(v) for k, v in report.items() if not str(k).startswith("_")}
    if isinstance(report, list):
        return [public(v) for v in report]
    return report
