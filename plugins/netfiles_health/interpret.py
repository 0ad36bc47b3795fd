"""One line of plain-words interpretation per metric: what the number means for this person and what to do.

Shared by the text report, the HTML report and the `netfiles report`
section, so the three always say the same thing. Each function takes the
report dict (see report.py) and returns (line with the number, advice).
The cut-offs are rules of thumb, documented in docs/health.md.
"""
from __future__ import annotations

# Cut-offs (see docs/health.md).
EFFICIENCY_HIGH, EFFICIENCY_LOW = 0.8, 0.5
CONSTRAINT_LOW, CONSTRAINT_HIGH = 0.2, 0.4  # Burt's absolute scale (0 = many separate contacts, 1 = one contact)
DENSITY_SPARSE, DENSITY_DENSE = 0.1, 0.3
HIERARCHY_EVEN, HIERARCHY_CONCENTRATED = 0.1, 0.3
IQV_LOW, IQV_HIGH = 0.4, 0.75
EI_MARGIN = 0.15
IN_PERSON_LOW, IN_PERSON_HIGH = 0.2, 0.4
MIN_SUPPORT = 5


def pct(value) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def num(value, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def small(value) -> str:
    """Three decimals, or two significant digits for values below 0.01 (large vaults)."""
    if value is None:
        return "n/a"
    return f"{value:.3f}" if value == 0 or value >= 0.0095 else f"{value:.2g}"


def signed(value) -> str:
    return "n/a" if value is None else f"{value:+.2f}"


def names(items, limit: int = 3) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


# Structure ---------------------------------------------------------------------------------------

def effective_size(report) -> tuple[str, str]:
    s, n = report["structure"], report["contacts"]
    if s["effective_size"] is None:
        return "Effective size: not enough data", "Add contacts to measure how many of them reach different circles."
    line = f"Effective size {s['effective_size']:.1f} of {n} contact{'s' * (n != 1)} (efficiency {s['efficiency']:.2f})"
    eff = s["efficiency"]
    if n == 1:
        advice = "one contact is trivially non-redundant; the measure says more with more people."
    elif eff >= EFFICIENCY_HIGH:
        advice = "high: most contacts reach circles the others don't, so little of what you hear is repeated. Keep it so."
    elif eff >= EFFICIENCY_LOW:
        advice = "moderate: some contacts know the same people. Your next new contact is worth more outside your known groups."
    else:
        advice = ("low: many contacts know each other and mostly tell you the same things. "
                  "Meet people outside your usual circles.")
    return line, advice


def constraint(report) -> tuple[str, str]:
    s, n = report["structure"], report["contacts"]
    if s["constraint"] is None:
        return "Constraint: not enough data", "Add contacts first."
    value, open_value = s["constraint"], s["constraint_without_ties"]
    line = f"Constraint {small(value)} ({small(open_value)} if none of your contacts knew each other; 1 = a single contact)"
    closure = (value - open_value) / value if value > 0 else 0.0
    if n == 1:
        advice = "with a single contact you depend entirely on them: add people from other circles."
    elif value < CONSTRAINT_LOW:
        advice = ("low: your contacts mostly don't know each other and your time is spread, so you hear diverse news "
                  "and can broker between groups. Keep bridging.")
    elif closure < 0.25:
        advice = ("not low, but because you have few contacts or a few dominant ties, not because they know each "
                  "other. More contacts from other circles would lower it.")
    elif value < CONSTRAINT_HIGH:
        advice = "moderate: part of your network is a closed group. Invest in contacts who know none of the others."
    else:
        advice = ("high: your network is closed or rests on a few people, an echo chamber that limits new ideas. "
                  "Add contacts from other groups.")
    return line, advice


def hierarchy(report) -> tuple[str, str]:
    s, n = report["structure"], report["contacts"]
    if s["hierarchy"] is None:
        return "Hierarchy: not enough data", "Add contacts first."
    line = f"Hierarchy {s['hierarchy']:.3f}"
    if n < 2:
        advice = "undefined with one contact (shown as 0)."
    elif s["hierarchy"] < HIERARCHY_EVEN:
        advice = "the constraint is spread evenly: no single contact dominates your network."
    elif s["hierarchy"] < HIERARCHY_CONCENTRATED:
        advice = "somewhat concentrated: a few close, well-connected contacts shape much of your network."
    else:
        advice = ("concentrated: one or two contacts account for much of your constraint; depending on them is a risk. "
                  "Widen the circle around them.")
    return line, advice


def density(report) -> tuple[str, str]:
    s = report["structure"]
    if s["density"] is None:
        return "Density: not enough data", "Density needs at least two contacts."
    possible = report["contacts"] * (report["contacts"] - 1) // 2
    line = f"Density {small(s['density'])} ({report['knows_ties']} of {possible} possible ties between contacts)"
    if report["knows_ties"] == 0:
        advice = "no `knows` ties recorded: add who knows whom, or these measures treat everyone as a stranger to the rest."
    elif s["density"] < DENSITY_SPARSE:
        advice = "sparse: an open network where few of your contacts know each other, good for new information."
    elif s["density"] < DENSITY_DENSE:
        advice = "moderate: some closed groups, some openness."
    else:
        advice = "dense: most contacts know each other, a closed network (trust, but echo chambers). Seek outsiders."
    return line, advice


def clusters(report) -> tuple[str, str]:
    s = report["structure"]
    sizes = s["cluster_sizes"]
    if not sizes:
        return "Clusters: none", "No contacts yet."
    groups = [k for k in sizes if k > 1]
    alone = s["isolates"]
    line = (f"{len(groups)} cluster{'s' * (len(groups) != 1)} of contacts who know each other"
            + (f" (sizes {', '.join(map(str, groups[:6]))}{', ...' if len(groups) > 6 else ''})" if groups else "")
            + f", {alone} contact{'s' * (alone != 1)} who know{'s' * (alone == 1)} nobody else here")
    if not groups:
        advice = "no groups yet: record `knows` links so the report can find your circles."
    elif len(groups) == 1:
        advice = "one connected group: a single circle. People from a different world would add new ideas."
    else:
        advice = (f"you span {len(groups)} separate groups; you are the link between them, which brings ideas "
                  "from one to the other.")
    if s["isolates"] and groups:
        advice += " Contacts who know nobody else are either bridges to new worlds or missing `knows` links."
    return line, advice


def brokers(report) -> tuple[str, str]:
    s = report["structure"]
    found = s["brokers"]
    if len([k for k in s["cluster_sizes"] if k > 1]) < 2 and not found:
        return "Brokers: none", "with fewer than two groups there is nothing to bridge yet."
    if not found:
        return ("Brokers: none",
                "nobody but you links your groups: a strong position (structural holes), but a fragile one.")
    line = f"Brokers: {names([b['name'] for b in found], 4)}"
    advice = ("they know people in more than one of your groups: they bring news across. "
              "Keep these ties warm; they are your best introducers.")
    return line, advice


# Diversity ---------------------------------------------------------------------------------------

def attribute(report, name: str) -> tuple[str, str]:
    b = report["diversity"]["blau"][name]
    e = report["diversity"]["ei"][name]
    missing = f", {b['missing']} missing" if b["missing"] else ""
    if b["value"] is None:
        return (f"{name}: not enough data ({b['known']} known{missing})",
                f"record {name} for more contacts to measure diversity here.")
    top = ", ".join(f"{k} {v}" for k, v in list(b["categories"].items())[:3])
    line = (f"{name}: Blau {b['value']:.2f} over {len(b['categories'])} values ({b['known']} known{missing}; "
            f"top: {top})")
    iqv = b["iqv"]
    if iqv < IQV_LOW:
        advice = f"little variety: most contacts share one {name}."
    elif iqv < IQV_HIGH:
        advice = f"some variety in {name}."
    else:
        advice = f"diverse in {name}."
    if e["value"] is not None:
        line += f"; E-I {signed(e['value'])} vs {signed(e['expected'])} by chance (you: {e['me']})"
        gap = e["value"] - e["expected"]
        if e["value"] <= -0.6:
            advice += f" Most share your {name}: an echo-chamber risk; ask contacts unlike you for introductions."
        elif e["value"] >= 0.9:
            advice += f" Hardly anyone shares your {name}: diverse, but keep some common ground to understand each other."
        elif gap < -EI_MARGIN:
            advice += f" More like you than chance would give (homophily): seek out other {name} values."
        elif gap > EI_MARGIN:
            advice += " More different from you than chance would give: a good spread with some common ground."
        else:
            advice += " About as like you as chance would give."
    elif e["reason"]:
        advice += f" (E-I: {e['reason']}.)"
    return line, advice


# Ties --------------------------------------------------------------------------------------------

def strong_weak(report) -> tuple[str, str]:
    t = report["ties"]
    if not t["total"]:
        return "Ties: none", "No contacts yet."
    line = (f"{t['strong']} strong ties ({pct(t['strong_share'])}), {t['weak']} weak ({pct(t['weak_share'])}); "
            f"strength {t['manual']} written, {t['inferred']} inferred from the log")
    if t["strong"] < min(MIN_SUPPORT, t["total"]):
        advice = (f"fewer than {MIN_SUPPORT} strong ties: trust and support come from a handful of close people. "
                  "Deepen a few ties with regular contact.")
    elif t["weak_share"] >= 0.5:
        advice = "a good base of weak ties, which bring new information and opportunities (Granovetter)."
    else:
        advice = ("mostly strong ties: trusted, but they hear what you hear. Reconnect with acquaintances, "
                  "who bring news from elsewhere.")
    return line, advice


def layers(report) -> tuple[str, str]:
    t = report["ties"]
    if not t["total"]:
        return "Dunbar layers: empty", "No contacts yet."
    parts = [f"{layer['limit']}: {layer['count']}/{layer['capacity']} ({layer['strong']} strong)"
             for layer in t["layers"]]
    line = "Dunbar layers " + ", ".join(parts) + (f", beyond 150: {t['beyond']}" if t["beyond"] else "")
    inner = t["layers"][0]
    if inner["count"] and inner["strong"] < inner["count"]:
        some = f"only {inner['strong']} of" if inner["strong"] else "none of"
        advice = (f"{some} your {inner['count']} closest contacts {'is a strong tie' if not inner['strong'] else 'are strong ties'}: "
                  "your support clique has room; see your closest people more often.")
    elif t["beyond"]:
        advice = (f"{t['beyond']} contacts lie beyond the ~150 people one can keep up with: fine as weak ties, "
                  "but don't expect to keep them all warm.")
    else:
        advice = "your closest layer is made of strong ties: a solid core."
    return line, advice


# Reciprocity -------------------------------------------------------------------------------------

def reciprocity(report) -> tuple[str, str]:
    r = report["reciprocity"]
    if r["give_share"] is None:
        return ("Reciprocity: no #gave or #got tags",
                "tag log lines with #gave (you helped) and #got (they helped) to see the balance.")
    line = f"You gave {r['gave']} times and got {r['got']} ({pct(r['give_share'])} giving)"
    takers = [x["name"] for x in r["most_one_sided"] if x["balance"] < 0]
    if balanced(r):
        advice = "about even: you give about as much as you get."
        if takers:
            advice += f" Still, you owe {names(takers, 2)} a favour."
    elif r["balance"] > 0:
        advice = "you give before you take: good, keep helping without keeping score."
        if takers:
            advice += f" Still, you owe {names(takers, 2)} a favour."
    else:
        advice = "you have taken more than you have given: give before you take."
        if takers:
            advice += f" Look for a way to help {names(takers, 2)}."
    return line, advice


def balanced(r) -> bool:
    """Within 5% of all exchanges (and at least one) of even."""
    return abs(r["balance"]) <= max(1, 0.05 * (r["gave"] + r["got"]))


# Channels ----------------------------------------------------------------------------------------

def channels(report) -> tuple[str, str]:
    c = report["channels"]
    if not c["total"]:
        return "Channels: no interactions in the last year", "log your meetings, calls and messages to see the mix."
    parts = ", ".join(f"{name} {pct(c['shares'][name])}" for name in c["counts"])
    line = f"Last year: {parts} of {c['total']} interactions"
    in_person = c["shares"].get("in-person") or 0.0
    if in_person < IN_PERSON_LOW:
        advice = "mostly at a distance: face-to-face builds trust faster. Meet your strong ties in person."
    elif in_person < IN_PERSON_HIGH:
        advice = "a fair share in person; meeting face to face more often would deepen your ties."
    else:
        advice = "much of it face to face, the channel that builds trust best."
    return line, advice


# Growth ------------------------------------------------------------------------------------------

def growth(report) -> tuple[str, str]:
    g = report["growth"]
    unknown = f"; {g['unknown_met']} without a `met` date" if g["unknown_met"] else ""
    line = (f"{g['last_30_days']} new contacts in the last 30 days, {g['recent_rate']:.1f}/month over "
            f"{g['recent_days']} days (pace {g['pace_per_month']:g}/month{unknown})")
    if g["known_met"] == 0:
        return line, "add `met:` dates to see how fast your network grows."
    if g["over_pace"]:
        advice = ("faster than your pace: too many new contacts at once means none of them gets followed up. "
                  "Follow up on recent ones before adding more.")
    else:
        advice = "a pace you can follow up on."
    return line, advice


# Findings ----------------------------------------------------------------------------------------

def findings(report) -> list[dict]:
    """The most important observations, most urgent first: {"metric", "level", "text"}."""
    out: list[tuple[int, str, str, str]] = []
    n = report["contacts"]
    s, t, r, c, g = (report[k] for k in ("structure", "ties", "reciprocity", "channels", "growth"))
    if n == 0:
        return [{"metric": "contacts", "level": "info", "text": "No contacts yet: add people to see network health."}]
    if g["over_pace"]:
        out.append((0, "growth", "warning", f"Growth above your pace: {growth(report)[0]}. Follow up before adding more."))
    if n >= 2 and s["constraint"] is not None:
        value, open_value = s["constraint"], s["constraint_without_ties"]
        if value >= CONSTRAINT_HIGH and (value - open_value) >= 0.25 * value:
            line, advice = constraint(report)
            out.append((1, "constraint", "warning", f"Constraint {s['constraint']:.2f} is {advice}"))
        elif s["constraint"] < CONSTRAINT_LOW and report["knows_ties"]:
            out.append((6, "constraint", "good", f"Open network: constraint {s['constraint']:.2f}, efficiency "
                                                 f"{s['efficiency']:.2f}; your contacts mostly don't know each other."))
    if t["total"] and t["strong"] < min(MIN_SUPPORT, t["total"]):
        out.append((2, "ties", "warning", f"Only {t['strong']} strong ties: deepen a few with regular contact."))
    if r["give_share"] is not None and r["balance"] < 0 and not balanced(r):
        out.append((3, "reciprocity", "warning", f"You got {r['got']} favours and gave {r['gave']}: give before you take."))
    homophily = []
    for name, e in report["diversity"]["ei"].items():
        if e["value"] is not None and (e["value"] <= -0.6 or e["value"] - e["expected"] < -EI_MARGIN):
            homophily.append((e["value"] - e["expected"], name, e))
    if homophily:
        gap, name, e = min(homophily)
        out.append((4, "diversity", "warning",
                    f"Your contacts share your {name} ({e['me']}) more than chance: E-I {e['value']:+.2f} vs "
                    f"{e['expected']:+.2f}. Ask contacts unlike you for introductions."))
    if c["total"] and (c["shares"].get("in-person") or 0) < IN_PERSON_LOW:
        out.append((5, "channels", "warning",
                    f"Only {pct(c['shares'].get('in-person'))} of last year's interactions were in person: "
                    "meet your strong ties face to face."))
    if s["brokers"]:
        out.append((7, "brokers", "good", f"Bridges between your groups: {names([b['name'] for b in s['brokers']], 3)}. "
                                          "Keep these ties warm."))
    if r["give_share"] is not None and r["balance"] > 0 and not balanced(r):
        out.append((8, "reciprocity", "good", f"You gave {r['gave']} times and got {r['got']}: you give before you take."))
    if report["knows_ties"] == 0 and n >= 2:
        out.append((1, "structure", "info", "No `knows` ties recorded: add who knows whom to measure structure."))
    out.sort(key=lambda x: x[0])
    return [{"metric": m, "level": level, "text": text} for _, m, level, text in out]
