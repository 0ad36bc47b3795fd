"""One line of plain-words interpretation per metric: what the number means for this person and what to do.

Shared by the text report, the HTML report and the `netfiles report`
section, so the three always say the same thing. Each function takes the
report dict (see report.py) and returns (line with the number, advice).
The cut-offs are rules of thumb, documented in docs/health.md.
"""
from __future__ import annotations

# Cut-offs (see docs/health.md).
EFFICIENCY_HIGH, EFFICIENCY_LOW = 0.8, 0.5
# Constraint's position between its lowest (nobody knows anybody) and highest (everybody knows everybody) value.
CONSTRAINT_OPEN, CONSTRAINT_CLOSED = 0.25, 0.6
DENSITY_SPARSE, DENSITY_DENSE, DENSITY_MOST = 0.1, 0.3, 0.5
HIERARCHY_EVEN, HIERARCHY_CONCENTRATED = 0.1, 0.3
IQV_LOW, IQV_HIGH = 0.4, 0.75
HOMOPHILY_H = 0.1  # |Coleman's H| above this: more (or less) alike than the population given
DIVERSE_MIN_VALUES = 3  # fewer values than this are never called diverse
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

def _not_measured(report, title: str) -> tuple[str, str] | None:
    """(line, advice) for a structural measure that is not measured, else None."""
    s = report["structure"]
    if s["measured"]:
        return None
    if report["contacts"] == 0:
        return f"{title}: not measured", "No contacts yet."
    return f"{title}: not measured", s["reason"].removeprefix("not measured: ")


def structure_not_measured(report) -> tuple[str, str]:
    """The single line that stands for every structural measure when their input is too thin."""
    missing = _not_measured(report, "Structure")
    if missing is None:
        raise ValueError("the structure was measured: show its measures, not this line")
    return ("Effective size, constraint, hierarchy, density, clusters, brokers, ego betweenness, local bridges: "
            "not measured", missing[1])


def effective_size(report) -> tuple[str, str]:
    s, n = report["structure"], report["contacts"]
    missing = _not_measured(report, "Effective size")
    if missing:
        return missing
    line = f"Effective size {s['effective_size']:.1f} of {n} contact{'s' * (n != 1)} (efficiency {s['efficiency']:.2f})"
    eff = s["efficiency"]
    if eff >= EFFICIENCY_HIGH:
        advice = ("high: most contacts reach people the others don't, so little of what you hear is repeated "
                  "(Burt 1992).")
    elif eff >= EFFICIENCY_LOW:
        advice = "moderate: some contacts know the same people. A new contact outside your known groups adds more."
    else:
        advice = ("low: many contacts know each other and mostly tell you the same things; that closure also "
                  "brings trust (Coleman 1988). For new ideas, meet people outside these circles.")
    return line, advice


def constraint(report) -> tuple[str, str]:
    s, n = report["structure"], report["contacts"]
    missing = _not_measured(report, "Constraint")
    if missing:
        return missing
    value, low, high, position = s["constraint"], s["constraint_without_ties"], s["constraint_all_ties"], \
        s["constraint_position"]
    line = (f"Constraint {small(value)}, between {small(low)} if none of your {n} contacts knew each other and "
            f"{small(high)} if all did" + ("" if position is None else f" ({position:.0%} of the way)"))
    if position is None:
        advice = "with this few contacts the range is empty: add contacts to read it."
    elif position < CONSTRAINT_OPEN:
        advice = ("near the open end: your contacts' other ties mostly lie outside your network, so each brings "
                  "their own circle: room for brokerage (Burt 1992), less of the trust closure brings (Coleman 1988).")
    elif position < CONSTRAINT_CLOSED:
        advice = ("between open and closed: many contacts know others of your contacts. Closure brings trust and "
                  "shared norms (Coleman 1988); contacts outside those circles bring news (Burt 1992).")
    else:
        advice = ("near the closed end for this many contacts: most of your contacts know others among them, so "
                  "your ties overlap. Closure builds trust and support (Coleman 1988) but repeats news (Burt "
                  "1992); effective size and clusters show whether it is one circle or several.")
    return line, advice


def hierarchy(report) -> tuple[str, str]:
    s = report["structure"]
    missing = _not_measured(report, "Hierarchy")
    if missing:
        return missing
    if s["hierarchy"] is None:
        return "Hierarchy: undefined", s["hierarchy_reason"] or "undefined"
    line = f"Hierarchy {s['hierarchy']:.3f}"
    if s["hierarchy"] < HIERARCHY_EVEN:
        advice = "the constraint is spread evenly: no single contact dominates your network."
    elif s["hierarchy"] < HIERARCHY_CONCENTRATED:
        advice = "somewhat concentrated: a few contacts who know many of the others account for much of it."
    else:
        advice = ("concentrated: one or two contacts, tied to many of the others, account for much of your "
                  "constraint; depending on them is a risk.")
    return line, advice


def density(report) -> tuple[str, str]:
    s = report["structure"]
    missing = _not_measured(report, "Density")
    if missing:
        return missing
    if s["density"] is None:
        return "Density: not enough data", "Density needs at least two contacts."
    possible = report["contacts"] * (report["contacts"] - 1) // 2
    line = f"Density {small(s['density'])} ({report['knows_ties']} of {possible} possible ties between contacts)"
    share = f"{s['density']:.0%} of the pairs of your contacts know each other"
    if s["density"] < DENSITY_SPARSE:
        advice = f"sparse: {share}; an open network, good for new information."
    elif s["density"] < DENSITY_DENSE:
        advice = f"moderate: {share}; some closed groups, some openness."
    elif s["density"] < DENSITY_MOST:
        advice = f"dense: {share}, a fairly closed network (trust, and more of the same news)."
    else:
        advice = f"closed: {share}; most contacts know each other (trust, but an echo chamber). Seek outsiders."
    return line, advice


def clusters(report) -> tuple[str, str]:
    s = report["structure"]
    missing = _not_measured(report, "Clusters")
    if missing:
        return missing
    g = s["groups"]
    groups = [k for k in s["cluster_sizes"] if k > 1]
    if not g or g["modularity"] is None:
        return "Clusters: none", "no ties between contacts to group them by."
    z = "n/a" if g["z"] is None else f"{g['z']:.1f}"
    stats = (f"modularity {g['modularity']:.3f} vs {g['baseline_mean']:.3f} ± {g['baseline_sd']:.3f} in "
             f"{g['rewirings']} random rewirings (z {z})")
    if not g["significant"]:
        return (f"No clear groups: {stats}",
                "your contacts' ties are no more grouped than the same ties placed at random, so no clusters "
                "or brokers are named.")
    alone = s["isolates"]
    line = (f"{len(groups)} cluster{'s' * (len(groups) != 1)} of contacts who know each other"
            + (f" (sizes {', '.join(map(str, groups[:6]))}{', ...' if len(groups) > 6 else ''})" if groups else "")
            + f", {alone} contact{'s' * (alone != 1)} who know{'s' * (alone == 1)} nobody else here; {stats}")
    advice = (f"you span {len(groups)} groups that are more than chance; you link them, which brings ideas "
              "from one to the other.")
    if alone:
        advice += " Contacts who know nobody else are either bridges to new worlds or missing `knows` links."
    return line, advice


def brokers(report) -> tuple[str, str]:
    s = report["structure"]
    missing = _not_measured(report, "Brokers")
    if missing:
        return missing
    found = s["brokers"]
    if len([k for k in s["cluster_sizes"] if k > 1]) < 2 and not found:
        return "Brokers: none", "with fewer than two clear groups there is nothing to bridge."
    if not found:
        return ("Brokers: none",
                "nobody but you links your groups: a strong position (structural holes), but a fragile one.")
    line = f"Brokers: {names([b['name'] for b in found], 4)}"
    advice = ("they know people in more than one of your groups: they bring news across. "
              "Keep these ties warm; they are your best introducers.")
    return line, advice


def positions(report) -> list[tuple[str, str]]:
    """Ego betweenness, local bridges and brokerage roles: one (line, advice) each, when structure is measured."""
    s = report["structure"]
    if not s["measured"]:
        return []
    out = []
    top = s["ego_betweenness_max"]
    if top:
        share = s["ego_betweenness"] / top
        out.append((f"Ego betweenness {s['ego_betweenness']:.1f} of {top:.0f} pairs of contacts who don't know "
                    "each other (Everett & Borgatti 2005)",
                    f"you are on {share:.0%} of the shortest paths between them: the rest also run through common "
                    "contacts, who could introduce them without you."))
    bridges = s["local_bridges_total"]
    if bridges:
        pairs = [f"{a} - {b}" for a, b in s["local_bridges"][:3]]
        more = f" and {bridges - len(pairs)} more" if bridges > len(pairs) else ""
        out.append((f"{bridges} local bridge{'s' * (bridges != 1)} (Granovetter 1973): {', '.join(pairs)}{more}",
                    "ties between contacts with no common contact here: news crosses between circles through them."))
    roles = s["brokerage"]["through_you"]
    if roles is not None:
        attr = s["brokerage"]["attribute"]
        parts = ", ".join(f"{ROLE_WORDS[r]} {v['count']} (expected {v['expected']:.0f})" for r, v in roles.items()
                          if v["count"] or v["expected"] >= 0.5)
        if parts:
            out.append((f"Brokerage by {attr} through you (Gould & Fernandez 1989): {parts}",
                        f"open two-paths between contacts classified by {attr}; more liaison and gatekeeper paths "
                        "than expected mean you connect groups, more coordinator paths that you connect within one."))
    return out


ROLE_WORDS = {"coordinator": "coordinator", "consultant": "consultant",
              "gatekeeper_or_representative": "gatekeeper/representative", "liaison": "liaison"}


# Diversity ---------------------------------------------------------------------------------------

def attribute(report, name: str) -> tuple[str, str]:
    b = report["diversity"]["blau"][name]
    e = report["diversity"]["ei"][name]
    missing = f", {b['missing']} missing" if b["missing"] else ""
    if b.get("inferred"):
        missing = f", {b['inferred']} of them inferred from job titles or [industries]" + missing
    if b["value"] is None:
        if b["reason"] and b["reason"].startswith("not measured"):
            return f"{name}: not measured", b["reason"].removeprefix("not measured: ")
        return (f"{name}: not enough data ({b['known']} known{missing})",
                f"record {name} for more contacts to measure diversity here.")
    k = b["values"]
    top = ", ".join(f"{key} {v}" for key, v in list(b["categories"].items())[:3])
    line = f"{name}: {k} value{'s' * (k != 1)}, Blau {b['value']:.2f} ({b['known']} known{missing}; top: {top})"
    iqv = b["iqv"]
    if k == 1:
        advice = f"one value: every contact whose {name} you know has the same one."
    elif k < DIVERSE_MIN_VALUES:
        advice = (f"two values only (IQV {iqv:.2f} measures how even the split is): not diverse in {name}, "
                  "however even.")
    elif iqv < IQV_LOW:
        advice = f"little variety: most contacts share one {name}."
    elif iqv < IQV_HIGH:
        advice = f"some variety in {name} across {k} values."
    else:
        advice = f"diverse in {name}: {k} values, evenly spread (IQV {iqv:.2f})."
    if e["value"] is not None:
        line += f"; E-I {signed(e['value'])} (you: {e['me']}, {e['internal']} of {e['known']} share it)"
        if e["expected"] is not None:
            line += f", {signed(e['expected'])} expected from your base rate {e['base_rate']:.0%}"
            h = e["coleman_h"]
            if h > HOMOPHILY_H:
                advice += (f" More alike than the population you gave (Coleman's H {h:+.2f}): "
                           f"seek out other {name} values.")
            elif h < -HOMOPHILY_H:
                advice += f" Less alike than the population you gave (Coleman's H {h:+.2f})."
            else:
                advice += f" About as alike as the population you gave (Coleman's H {h:+.2f})."
        else:
            advice += (f" Whether that is homophily depends on how common {e['me']} is among the people you "
                       f"could meet: give its share in [health.base_rates.{name}].")
    elif e["reason"] and b["value"] is not None:
        advice += f" (E-I: {e['reason']}.)"
    return line, advice


# Ties --------------------------------------------------------------------------------------------

def strong_weak(report) -> tuple[str, str]:
    t = report["ties"]
    if not t["total"]:
        return "Ties: none", "No contacts yet."
    if not t["measured"]:
        return "Strong and weak ties: not measured", t["reason"].removeprefix("not measured: ")
    line = (f"{t['strong']} strong ties ({pct(t['strong_share'])}), {t['weak']} weak ({pct(t['weak_share'])}); "
            f"strength {t['manual']} written, {t['inferred']} inferred from the log")
    if t["strong"] < min(MIN_SUPPORT, t["total"]):
        advice = (f"fewer than {MIN_SUPPORT} strong ties: trust and support come from a handful of close people. "
                  "Deepen a few ties with regular contact.")
    elif t["weak_share"] >= 0.5:
        advice = "a good base of weak ties, which bring new information and opportunities (Granovetter 1973)."
    else:
        advice = ("mostly strong ties: trusted, but they hear what you hear. Reconnect with acquaintances, "
                  "who bring news from elsewhere.")
    return line, advice


def layers(report) -> tuple[str, str]:
    t = report["ties"]
    if not t["total"]:
        return "Dunbar layers: empty", "No contacts yet."
    if t["layers_reason"]:
        return "Dunbar layers: not measured", t["layers_reason"].removeprefix("no strength data: ")
    parts = [f"{layer['limit']}: {layer['cumulative']}" for layer in t["layers"]]
    line = ("Dunbar layers (typical size: yours, by contact frequency or written strength) " + ", ".join(parts)
            + f"; {t['beyond']} beyond")
    short = [layer for layer in t["layers"] if layer["cumulative"] < layer["limit"]]
    days = t["layer_min_days"]
    if t["with_data"] < t["total"]:
        advice = (f"{t['with_data']} of {t['total']} contacts have strength data; the others cannot be placed. ")
    else:
        advice = ""
    if short:
        advice += (f"{len(short)} of 4 layers hold fewer people than their typical size, because fewer are in "
                   f"touch that often (about weekly = {days[0]} days a year, monthly = {days[1]}, "
                   f"every three months = {days[2]}, yearly = {days[3]}) or written that close.")
    else:
        advice += "every layer is at least its typical size."
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
    if not s["measured"] and n >= 2:
        out.append((1, "structure", "info", "Structure " + s["reason"] + "."))
    if g["over_pace"]:
        out.append((0, "growth", "warning", f"Growth above your pace: {growth(report)[0]}. Follow up before adding more."))
    position = s["constraint_position"]
    if s["measured"] and position is not None:
        if position >= CONSTRAINT_CLOSED and s["efficiency"] < EFFICIENCY_LOW:
            out.append((1, "constraint", "warning",
                        f"Closed network: constraint {small(s['constraint'])} is {position:.0%} of the way to "
                        f"everyone knowing everyone, efficiency {s['efficiency']:.2f}. Trust is high; new "
                        "information comes from outside these circles."))
        elif position < CONSTRAINT_OPEN:
            out.append((6, "constraint", "good",
                        f"Open network: constraint {small(s['constraint'])}, near its lowest value "
                        f"{small(s['constraint_without_ties'])} for {n} contacts; efficiency {s['efficiency']:.2f}."))
    if t["measured"] and t["strong"] < min(MIN_SUPPORT, t["total"]):
        out.append((2, "ties", "warning", f"Only {t['strong']} strong ties: deepen a few with regular contact."))
    elif not t["measured"] and t["total"]:
        out.append((2, "ties", "info", "Tie strength " + t["reason"] + "."))
    if r["give_share"] is not None and r["balance"] < 0 and not balanced(r):
        out.append((3, "reciprocity", "warning", f"You got {r['got']} favours and gave {r['gave']}: give before you take."))
    homophily = []
    for name, e in report["diversity"]["ei"].items():
        if e["coleman_h"] is not None and e["coleman_h"] > HOMOPHILY_H:
            homophily.append((-e["coleman_h"], name, e))
    if homophily:
        _, name, e = min(homophily)
        out.append((4, "diversity", "warning",
                    f"Your contacts share your {name} ({e['me']}) more than the population you gave: "
                    f"{e['internal']} of {e['known']} vs a base rate of {e['base_rate']:.0%} (Coleman's H "
                    f"{e['coleman_h']:+.2f}). Ask contacts unlike you for introductions."))
    if c["total"] and (c["shares"].get("in-person") or 0) < IN_PERSON_LOW:
        out.append((5, "channels", "warning",
                    f"Only {pct(c['shares'].get('in-person'))} of last year's interactions were in person: "
                    "meet your strong ties face to face."))
    if s["brokers"]:
        out.append((7, "brokers", "good", f"Bridges between your groups: {names([b['name'] for b in s['brokers']], 3)}. "
                                          "Keep these ties warm."))
    if r["give_share"] is not None and r["balance"] > 0 and not balanced(r):
        out.append((8, "reciprocity", "good", f"You gave {r['gave']} times and got {r['got']}: you give before you take."))
    out.sort(key=lambda x: x[0])
    return [{"metric": m, "level": level, "text": text} for _, m, level, text in out]
