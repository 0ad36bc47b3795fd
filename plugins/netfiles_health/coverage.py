"""How much of the network each measure's inputs cover, and whether that is enough to measure it.

A measure computed on thin data reads as a verdict about the person ("high effective size: keep it so")
when it is really a statement about missing files. So every section of the report first asks: how
many contacts have the input this measure needs? Below the cut-offs here the measure is "not
measured", with the count and what to add (docs/health.md, "Coverage").
"""
from __future__ import annotations

#: Share of contacts that must appear in at least one `knows` tie before structure is measured.
#: Below half, most "contacts who know nobody" are more likely unrecorded ties than real strangers.
TIES_MIN_SHARE = 0.5
#: Share of contacts with a known value before an attribute's diversity is measured.
ATTRIBUTE_MIN_SHARE = 0.5
#: Share of contacts with strength data (a written `strength` or a logged interaction) before the
#: strong/weak balance is judged.
STRENGTH_MIN_SHARE = 0.5

ADD_TIES = "add `knows` links or import a calendar or mail (people in the same meeting or mail probably know each other)"
ADD_STRENGTH = "log interactions, import a calendar or mail, or write `strength:` for your closest contacts"


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def enough(part: int, whole: int, minimum: float) -> bool:
    return whole > 0 and part >= minimum * whole


def tie_coverage(paths: list[str], ties: list[tuple[str, str]]) -> dict:
    tied = {p for tie in ties for p in tie}
    n, k = len(paths), len(tied)
    return {"contacts": k, "share": share(k, n), "ties": len(ties), "min_share": TIES_MIN_SHARE,
            "enough": n >= 2 and enough(k, n, TIES_MIN_SHARE)}


def ties_not_measured(cover: dict, total: int) -> str:
    """The reason line for a structural measure that is not measured."""
    if total < 2:
        return "not measured: structure needs at least two contacts"
    return (f"not measured: {cover['contacts']} of {total} contacts have ties (need at least "
            f"{TIES_MIN_SHARE:.0%}); {ADD_TIES}")


def attribute_not_measured(name: str, known: int, total: int) -> str:
    return (f"not measured: {known} of {total} contacts have {name} (need at least {ATTRIBUTE_MIN_SHARE:.0%}); "
            f"add `{name}:` to contact files")


def strength_not_measured(covered: int, total: int) -> str:
    return (f"not measured: {covered} of {total} contacts have strength data (need at least "
            f"{STRENGTH_MIN_SHARE:.0%}); {ADD_STRENGTH}")


def coverage(network, today_interactions: dict[str, int], attribute_known: dict[str, int],
             attribute_inferred: dict[str, int] | None = None) -> dict:
    """Counts of contacts with ties, with each attribute (and how many of those were inferred), with
    interactions and with strength data."""
    attribute_inferred = attribute_inferred or {}
    n = len(network.contacts)
    with_log = sum(1 for count in today_interactions.values() if count)
    strength_data = sum(1 for p in network.paths if p in network.manual or today_interactions.get(p))
    return {
        "contacts": n,
        "ties": tie_coverage(network.paths, network.ties),
        "attributes": {name: {"contacts": known, "inferred": attribute_inferred.get(name, 0),
                              "share": share(known, n), "min_share": ATTRIBUTE_MIN_SHARE,
                              "enough": enough(known, n, ATTRIBUTE_MIN_SHARE)}
                       for name, known in attribute_known.items()},
        "interactions": {"contacts": with_log, "share": share(with_log, n)},
        "strength": {"contacts": strength_data, "written": len(network.manual), "share": share(strength_data, n),
                     "min_share": STRENGTH_MIN_SHARE, "enough": enough(strength_data, n, STRENGTH_MIN_SHARE)},
    }


def coverage_lines(cov: dict) -> list[str]:
    """The plain-words coverage summary that leads every report."""
    n = cov["contacts"]
    if not n:
        return []
    t, i, s = cov["ties"], cov["interactions"], cov["strength"]
    lines = [f"{t['contacts']} of {n} contacts have ties ({t['ties']} ties, written or inferred)"
             + ("" if t["enough"] else ": structure not measured"),
             f"{i['contacts']} of {n} have logged interactions; {s['contacts']} have strength data "
             f"({s['written']} written)" + ("" if s["enough"] else ": strong/weak balance not measured")]
    parts = [f"{name} {a['contacts']}" + (f" ({a['inferred']} inferred)" if a.get("inferred") else "")
             for name, a in cov["attributes"].items()]
    lines.append(f"Attributes known (of {n}): " + ", ".join(parts))
    return lines
