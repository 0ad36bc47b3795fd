"""The readable text report: each metric on one line, its interpretation on the next."""
from __future__ import annotations

import textwrap

from . import interpret as I
from .change import change_lines
from .coverage import coverage_lines

WIDTH = 100
CLUSTERS_SHOWN = 6
NAMES_PER_CLUSTER = 5


def _metric(lines: list[str], pair: tuple[str, str]) -> None:
    line, advice = pair
    lines.append(f"  {line}")
    lines.extend(textwrap.wrap(advice, WIDTH, initial_indent="    -> ", subsequent_indent="       "))


def render_text(report: dict) -> str:
    lines: list[str] = []
    who = report["me"] or "you (no [me] in config)"
    lines.append(f"Network health of {who}, {report['today']}")
    n = report["contacts"]
    lines.append(f"{n} contact{'s' * (n != 1)}, {report['knows_ties']} ties between them{_tie_sources(report)}. "
                 "What each measure means: netfiles help health.")
    if report["contacts"] == 0:
        lines.append("")
        lines.extend(f"! {w}" for w in report["warnings"])
        return "\n".join(lines) + "\n"

    lines += ["", "Coverage (what the measures below rest on)"]
    lines.extend(f"  {line}" for line in coverage_lines(report["coverage"]))

    lines += ["", "Structure (Burt 1992, structural holes)"]
    if not report["structure"]["measured"]:  # one line, not the same reason under every measure
        _metric(lines, I.structure_not_measured(report))
    else:
        for part in (I.effective_size, I.constraint, I.hierarchy, I.density, I.clusters):
            _metric(lines, part(report))
    s = report["structure"]
    groups = [(i, c) for i, c in enumerate(s["clusters"]) if len(c) > 1]
    for index, members in groups[:CLUSTERS_SHOWN]:
        shown = ", ".join(members[:NAMES_PER_CLUSTER])
        more = f", +{len(members) - NAMES_PER_CLUSTER}" if len(members) > NAMES_PER_CLUSTER else ""
        lines.append(f"      {index + 1}. ({len(members)}) {shown}{more}")
    if len(groups) > CLUSTERS_SHOWN:
        lines.append(f"      ... {len(groups) - CLUSTERS_SHOWN} more clusters")
    if s["measured"]:
        _metric(lines, I.brokers(report))
    for b in s["brokers"][:5]:
        bridged = ", ".join(str(k + 1) for k in b["bridged"])
        lines.append(f"      {b['name']}: cluster {b['cluster'] + 1} -> {bridged}")
    for pair in I.positions(report):
        _metric(lines, pair)

    d = report["diversity"]
    lines += ["", "Diversity (Blau 1977 index; Krackhardt & Stern 1988 E-I index; Coleman 1958 H with base rates; "
              f"minimum {d['min_known']} known values)"]
    for name in d["blau"]:
        _metric(lines, I.attribute(report, name))

    lines += ["", "Ties (Granovetter 1973; layers: Hill & Dunbar 2003, Zhou et al. 2005; strong from strength "
              f"{report['ties']['threshold']:g})"]
    _metric(lines, I.strong_weak(report))
    _metric(lines, I.layers(report))
    inner = report["ties"]["layers"][0]["members"]
    if inner:
        lines.append(f"      in touch about weekly or written 5: {I.names(inner, 8)}")

    lines += ["", "Reciprocity (#gave / #got)"]
    _metric(lines, I.reciprocity(report))
    for x in report["reciprocity"]["most_one_sided"]:
        lines.append(f"      {x['name']}: gave {x['gave']}, got {x['got']}")

    lines += ["", f"Channels ({report['channels']['since']} to {report['channels']['until']})"]
    _metric(lines, I.channels(report))

    lines += ["", "Growth (new contacts by `met` date)"]
    _metric(lines, I.growth(report))
    recent = [m for m in report["growth"]["per_month"] if m["count"]][-6:]
    if recent:
        lines.append("      " + ", ".join(f"{m['month']}: {m['count']}" for m in recent))

    if "change" in report:
        lines += ["", f"Change since {report['change']['since']}"]
        for pair in change_lines(report["change"]):
            _metric(lines, pair)

    if report["warnings"]:
        lines += ["", "Warnings"]
        for w in report["warnings"]:
            lines.extend(textwrap.wrap(w, WIDTH, initial_indent="  ! ", subsequent_indent="    "))
    return "\n".join(lines) + "\n"


def render_section(report: dict, limit: int = 3) -> str:
    """The `netfiles report` section: the top findings, one per line."""
    found = report["findings"][:limit]
    lines = ["Coverage: " + "; ".join(coverage_lines(report["coverage"]))] if report["contacts"] else []
    if not found:
        return "\n".join(lines + ["Nothing stands out. Run `netfiles health` for the full report."])
    marks = {"warning": "!", "good": "+", "info": "-"}
    lines += [f"{marks.get(f['level'], '-')} {f['text']}" for f in found]
    lines.append("Full report: `netfiles health` (or --format html).")
    return "\n".join(lines)


def _tie_sources(report) -> str:
    """Which ties were written and which inferred, when any were inferred (every output says so)."""
    inferred = report.get("inferred_ties") or 0
    if not inferred:
        return ""
    return (f" ({report['written_ties']} written as `knows`, {inferred} inferred from meetings, mails and notes "
            "you shared: `netfiles ties` shows the evidence)")
