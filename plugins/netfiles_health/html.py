"""The HTML health report: one self-contained page with inline CSS and inline SVG charts.

No scripts, no external files, no network access needed to view it: every
chart is SVG written here, tooltips are SVG <title> elements, and every piece
of user text goes through html.escape. Layouts are deterministic: a seeded
spring layout (networkx, needs numpy; a cluster-circle layout without it) for
up to DRAW_NODES_MAX contacts, and above that one bubble per cluster so the
file stays small however large the vault is.
"""
from __future__ import annotations

import math
from html import escape
from typing import Any

from . import interpret as I
from .coverage import coverage_lines

DRAW_NODES_MAX = 300
LABEL_ALL_MAX = 80
BUBBLES_MAX = 40
DOTS_PER_LAYER = 150
SEED = 42

PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#2f6f9f", "#d4a017", "#6a9f3a"]
SINGLE = "#b8bcc4"
CHANNEL_COLORS = {"in-person": "#59a14f", "call": "#4e79a7", "online": "#b07aa1"}
EXTRA_CHANNEL_COLORS = ["#f28e2b", "#76b7b2", "#9c755f"]
STRONG, WEAK, ACCENT, WARN = "#2f5d8a", "#9cc3e6", "#e15759", "#d9822b"

CSS = """
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1f2933;font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif}
main{max-width:1040px;margin:0 auto;padding:28px 20px 48px}
header h1{margin:0;font-size:30px;letter-spacing:-.5px}
header p{margin:4px 0 0;color:#52606d}
h2{font-size:20px;margin:0 0 4px}
h3{font-size:15px;margin:0 0 6px}
section{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(15,23,42,.08);padding:20px 22px;margin:18px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(125px,1fr));gap:12px;background:none;box-shadow:none;
padding:0}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(15,23,42,.08);padding:14px 16px}
.card .v{font-size:26px;font-weight:650;letter-spacing:-.5px}
.card .k{color:#52606d;font-size:13px}
.card .h{font-size:12px;color:#7b8794}
.findings ul{list-style:none;margin:0;padding:0}
.findings li{padding:8px 12px;border-radius:8px;margin:6px 0;background:#f0f4f8}
.findings li.warning{background:#fff4e5;border-left:4px solid #d9822b}
.findings li.good{background:#eaf6ec;border-left:4px solid #59a14f}
.findings li.info{border-left:4px solid #9aa5b1}
.why{margin:8px 0 0;padding:0;list-style:none}
.why li{margin:6px 0;padding-left:12px;border-left:3px solid #d9e2ec}
.why b{font-weight:600}
.why span{display:block;color:#52606d}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:18px}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:13px;color:#52606d;margin:6px 0}
.legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:5px;vertical-align:-1px}
.muted{color:#7b8794;font-size:13px}
.warnings li{color:#8a4b08}
svg{max-width:100%;height:auto;display:block}
svg text{font-family:inherit}
.lbl{font-size:10px;fill:#1f2933;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.ax{font-size:10px;fill:#7b8794}
footer{color:#7b8794;font-size:12px;margin-top:24px}
"""


def _e(text) -> str:
    return escape(str(text), quote=True)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value == value else "0"


def _why(items: list[tuple[str, str]]) -> str:
    return "<ul class=why>" + "".join(f"<li><b>{_e(a)}</b><span>{_e(b)}</span></li>" for a, b in items) + "</ul>"


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{_e(label)}"><title>{_e(label)}</title>' + "".join(body) + "</svg>")


def _color(index: int, size: int) -> str:
    return SINGLE if size <= 1 else PALETTE[index % len(PALETTE)]


# Network ----------------------------------------------------------------------------------------

def _layout(paths: list[str], ties: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1]^2 from a seeded spring layout (networkx, which needs numpy), so the drawing is stable."""
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(paths)
    graph.add_edges_from(ties)
    connected = [p for p in paths if graph.degree(p)]
    pos = {}
    if connected:
        sub = graph.subgraph(connected)
        k = 1.6 / math.sqrt(max(len(connected), 1))
        raw = nx.spring_layout(sub, seed=SEED, k=k, iterations=200)
        pos = {p: (float(x), float(y)) for p, (x, y) in raw.items()}
    isolates = [p for p in paths if p not in pos]
    pos = _normalise(pos, bottom=0.86 if isolates else 1.0)
    # Contacts who know nobody else: a row along the bottom.
    for i, p in enumerate(isolates):
        pos[p] = ((i + 0.5) / len(isolates), 0.96)
    return pos


def _normalise(pos, bottom=1.0):
    if not pos:
        return {}
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    dx, dy = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    return {p: (0.5 if x1 == x0 else (x - x0) / dx, (0.5 if y1 == y0 else (y - y0) / dy) * bottom)
            for p, (x, y) in pos.items()}


def network_svg(report: dict, vault_data: dict) -> tuple[str, str, str]:
    """(svg, legend html, caption) of the contact network: every contact up to DRAW_NODES_MAX, else cluster bubbles."""
    s = report["structure"]
    clusters = s.get("_cluster_paths", [])
    paths = vault_data["paths"]
    if not paths:
        return "", "", ""
    if not s["measured"]:
        return "", "", "Structure " + s["reason"] + "."
    if len(paths) > DRAW_NODES_MAX:
        if not clusters:
            return "", "", (f"No clear groups among your {len(paths)} contacts (their ties are no more grouped "
                            "than at random), so there are no clusters to draw at this size.")
        return _bubbles_svg(report, vault_data, clusters)
    names, strengths, info = vault_data["names"], vault_data["strengths"], vault_data["info"]
    ties = vault_data["ties"]
    grouped = bool(clusters)
    if not grouped:  # no clear groups: everyone with ties in one colour, the others alone
        tied = {p for tie in ties for p in tie}
        clusters = [[p for p in paths if p in tied]] + [[p] for p in paths if p not in tied]
    cluster_of = {p: i for i, c in enumerate(clusters) for p in c}
    sizes = {i: len(c) for i, c in enumerate(clusters)}
    brokers = {b["name"] for b in report["structure"]["brokers"]}
    threshold = report["ties"]["threshold"]
    W, H, M = 960, 600, 36
    pos = _layout(paths, ties)
    xy = {p: (M + x * (W - 2 * M), M + y * (H - 2 * M)) for p, (x, y) in pos.items()}
    body = [f'<rect width="{W}" height="{H}" rx="10" fill="#fbfcfd"/>']
    for a, b in ties:
        (x1, y1), (x2, y2) = xy[a], xy[b]
        bridge = cluster_of[a] != cluster_of[b]
        style = 'stroke="#8a94a6" stroke-width="1.4" stroke-dasharray="4 3"' if bridge else \
            'stroke="#c3cad5" stroke-width="1"'
        body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {style}/>')
    label_all = len(paths) <= LABEL_ALL_MAX
    labels = []
    for p in sorted(paths, key=lambda q: strengths[q]):
        x, y = xy[p]
        c = cluster_of[p]
        r = 3.5 + 1.6 * strengths[p]
        name = names[p]
        ring = ' stroke="#1f2933" stroke-width="2"' if name in brokers else ' stroke="#fff" stroke-width="1.2"'
        tip = f"{name}: {info[p]}; tie strength {strengths[p]:.1f}" + (
            (f"; cluster {c + 1}" if grouped else "") if sizes[c] > 1 else "; knows nobody else here") + (
            "; bridges clusters" if name in brokers else "")
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{_color(c, sizes[c])}"{ring}>'
                     f'<title>{_e(tip)}</title></circle>')
        if label_all or name in brokers or strengths[p] >= threshold:
            if x > W - 140:  # near the right edge: label on the left of the dot
                labels.append(f'<text class="lbl" x="{x - r - 2:.1f}" y="{y + 3.5:.1f}" text-anchor="end">'
                              f'{_e(name)}</text>')
            else:
                labels.append(f'<text class="lbl" x="{x + r + 2:.1f}" y="{y + 3.5:.1f}">{_e(name)}</text>')
    body.extend(labels)
    groups = [(i, c) for i, c in enumerate(clusters) if len(c) > 1] if grouped else []
    legend = "" if grouped else "<span>No clear groups: ties no more grouped than at random</span>"
    legend += "".join(f'<span><i style="background:{_color(i, len(c))}"></i>Cluster {i + 1} ({len(c)})</span>'
                     for i, c in groups[:12])
    if len(groups) > 12:
        legend += f"<span>... {len(groups) - 12} more clusters</span>"
    singles = sum(1 for c in clusters if len(c) == 1)
    if singles:
        legend += f'<span><i style="background:{SINGLE}"></i>Knows nobody else here ({singles}, bottom row)</span>'
    legend += ('<span><i style="background:#fff;border:2px solid #1f2933"></i>Broker</span>'
               '<span>- - - tie between clusters</span><span>bigger dot = stronger tie</span>')
    return _svg(W, H, body, "Your contacts and who knows whom, coloured by cluster"), legend, (
        "Every dot is a contact; lines are knows ties. You are tied to all of them and are not drawn. "
        "Hover for details.")


def _bubbles_svg(report, vault_data, clusters):
    import networkx as nx

    ties = vault_data["ties"]
    groups = [i for i, c in enumerate(clusters) if len(c) > 1]
    shown = groups[:BUBBLES_MAX]
    cluster_of = {p: i for i, c in enumerate(clusters) for p in c}
    other_groups = groups[BUBBLES_MAX:]
    singles = [i for i, c in enumerate(clusters) if len(c) == 1]
    bucket: dict[int, int | str] = {i: i for i in shown}
    bucket.update({i: "other" for i in other_groups})
    bucket.update({i: "single" for i in singles})
    sizes: dict = {i: len(clusters[i]) for i in shown}
    if other_groups:
        sizes["other"] = sum(len(clusters[i]) for i in other_groups)
    if singles:
        sizes["single"] = len(singles)
    weights: dict = {}
    for a, b in ties:
        ka, kb = bucket[cluster_of[a]], bucket[cluster_of[b]]
        if ka != kb:
            key = tuple(sorted((ka, kb), key=str))
            weights[key] = weights.get(key, 0) + 1
    W, H, M = 960, 600, 16
    placed = [k for k in sizes if k != "single"]
    graph: nx.Graph[int | str] = nx.Graph()
    graph.add_nodes_from(sorted(placed, key=str))
    graph.add_weighted_edges_from((a, b, math.log1p(w)) for (a, b), w in sorted(weights.items(), key=str)
                                  if a in graph and b in graph)
    raw = nx.spring_layout(graph, seed=SEED, weight="weight", iterations=200)
    pos = _normalise({k: (float(x), float(y)) for k, (x, y) in raw.items()})
    # Bubble area proportional to contacts, all bubbles together about a third of the drawing.
    scale = math.sqrt(0.33 * W * H / (math.pi * sum(sizes.values())))
    radius = {k: max(6.0, min(80.0, scale * math.sqrt(v))) for k, v in sizes.items()}
    xy = {k: [M + 60 + x * (W - 2 * M - 120), M + 60 + y * (H - 2 * M - 120)] for k, (x, y) in pos.items()}
    if "single" in sizes:
        xy["single"] = [M + radius["single"] + 4, H - M - radius["single"] - 4]
    _separate(xy, radius, W, H, M)
    top = max(weights.values(), default=1)
    body = [f'<rect width="{W}" height="{H}" rx="10" fill="#fbfcfd"/>']
    for (a, b), w in sorted(weights.items(), key=str):
        (x1, y1), (x2, y2) = xy[a], xy[b]
        body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#a8b1bd" '
                    f'stroke-width="{0.6 + 5 * math.sqrt(w / top):.1f}" stroke-opacity=".6"><title>{w} ties</title></line>')
    names = vault_data["names"]
    strengths = vault_data["strengths"]
    for key in sorted(sizes, key=lambda k: -sizes[k]):
        x, y = xy[key]
        if key == "other":
            fill, title = "#d3d8df", f"{len(other_groups)} smaller clusters: {sizes[key]} contacts"
            label = f"{len(other_groups)} small clusters"
        elif key == "single":
            fill, title = SINGLE, f"{sizes[key]} contacts who know nobody else here"
            label = f"{sizes[key]} alone"
        else:
            fill = _color(key, sizes[key])
            members = clusters[key]
            best = max(members, key=lambda p: (strengths[p], names[p]))
            title = f"Cluster {key + 1}: {sizes[key]} contacts, e.g. {names[best]}"
            label = f"#{key + 1} ({sizes[key]})"
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius[key]:.1f}" fill="{fill}" fill-opacity=".85" '
                    f'stroke="#fff" stroke-width="2"><title>{_e(title)}</title></circle>')
        if radius[key] > 14 or key in ("other", "single"):
            body.append(f'<text class="lbl" x="{x:.1f}" y="{y + 3:.1f}" text-anchor="middle">{_e(label)}</text>')
    drawn = (f"all {len(groups)} clusters drawn" if len(shown) == len(groups)
             else f"{len(groups)} clusters; the {len(shown)} largest drawn")
    legend = f"<span>{drawn} as bubbles (area = contacts), lines = ties between clusters.</span>"
    return _svg(W, H, body, "Clusters of your contacts and the ties between them"), legend, (
        f"Too many contacts to draw one by one ({len(vault_data['paths'])}): each bubble is a cluster of contacts "
        "who know each other, lines are the knows ties between clusters. Hover for details.")


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year[2:]}"


def _separate(xy: dict, radius: dict, W: int, H: int, M: int, rounds: int = 300) -> None:
    """Push overlapping bubbles apart and keep them inside the drawing (deterministic, O(rounds * k^2))."""
    keys = sorted(xy, key=str)
    fixed = {"single"}
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                (xa, ya), (xb, yb) = xy[a], xy[b]
                dx, dy = xb - xa, yb - ya
                dist = math.hypot(dx, dy)
                need = radius[a] + radius[b] + 3
                if dist >= need:
                    continue
                moved = True
                if dist < 1e-6:
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (need - dist) / 2
                ux, uy = dx / dist, dy / dist
                share_a = 0.0 if a in fixed else (1.0 if b in fixed else 0.5) * 2
                share_b = 0.0 if b in fixed else (1.0 if a in fixed else 0.5) * 2
                xy[a][0] -= ux * push * share_a
                xy[a][1] -= uy * push * share_a
                xy[b][0] += ux * push * share_b
                xy[b][1] += uy * push * share_b
        for k in keys:
            r = radius[k]
            xy[k][0] = min(max(xy[k][0], M + r), W - M - r)
            xy[k][1] = min(max(xy[k][1], M + r), H - M - r)
        if not moved:
            break


# Bars -------------------------------------------------------------------------------------------

def attribute_svg(name: str, blau: dict, ei: dict) -> str:
    cats = list(blau["categories"].items())
    rows = cats[:6]
    if len(cats) > 6:
        rows.append((f"{len(cats) - 6} other values", sum(v for _, v in cats[6:])))
    if blau["missing"]:
        rows.append(("missing", blau["missing"]))
    if not rows:
        return '<p class="muted">No values recorded.</p>'
    top = max(v for _, v in rows) or 1
    W, row_h, label_w = 330, 21, 125
    H = row_h * len(rows) + 6
    me = (ei.get("me") or "").casefold()
    body = []
    for i, (label, value) in enumerate(rows):
        y = 3 + i * row_h
        width = (W - label_w - 40) * value / top
        if label == "missing":
            fill = "#e4e7eb"
        elif me and label.casefold() == me:
            fill = ACCENT
        else:
            fill = "#7aa6cf"
        text = label if len(label) <= 18 else label[:17] + "…"
        you = " (you)" if me and label.casefold() == me else ""
        body.append(f'<text class="ax" x="{label_w - 6}" y="{y + 13}" text-anchor="end" style="font-size:11px;'
                    f'fill:#3e4c59">{_e(text + you)}</text>')  # noqa: E501
        body.append(f'<rect x="{label_w}" y="{y + 2}" width="{max(width, 1.5):.1f}" height="{row_h - 6}" rx="3" '
                    f'fill="{fill}"><title>{_e(label)}: {value}</title></rect>')
        body.append(f'<text class="ax" x="{label_w + width + 5:.1f}" y="{y + 13}">{value}</text>')
    return _svg(W, H, body, f"Contacts by {name}")


def dunbar_svg(report: dict, vault_data: dict) -> str:
    t = report["ties"]
    S = 380
    c = S / 2
    radii = [48, 92, 136, 178]
    body = []
    for r, layer, shade in zip(reversed(radii), reversed(t["layers"]), ["#f3f6f9", "#e8eef4", "#dde6ef", "#d2deea"]):
        body.append(f'<circle cx="{c}" cy="{c}" r="{r}" fill="{shade}" stroke="#fff" stroke-width="2"/>')
    inner = 0
    strengths = vault_data["strengths_by_name"]
    threshold = t["threshold"]
    for r, layer in zip(radii, t["layers"]):
        members = layer["members"][:DOTS_PER_LAYER]  # a crowded layer: the rest is in the count
        band_mid = (inner + r) / 2 if inner else r * 0.45
        for k, name in enumerate(members):
            angle = -math.pi / 2 + 2 * math.pi * k / max(len(members), 1) + (0.3 if inner else 0)
            jitter = (k % 3 - 1) * (r - inner) * 0.22 if len(members) > 20 else 0
            rr = band_mid + jitter
            x, y = c + rr * math.cos(angle), c + rr * math.sin(angle)
            s = strengths.get(name, 1.0)
            fill = STRONG if s >= threshold else WEAK
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4.5 if len(members) <= 50 else 3}" fill="{fill}" '
                        f'stroke="#fff" stroke-width=".8"><title>{_e(name)}: strength {s:.1f}</title></circle>')
        more = f" ({layer['count']})" if layer["count"] > len(members) else ""
        body.append(f'<text class="ax" x="{c}" y="{c - r + 11}" text-anchor="middle">{_e(layer["limit"])}{more}</text>')
        inner = r
    return _svg(S, S, body, "Dunbar layers of 5, 15, 50 and 150 by contact frequency or written strength")


def histogram_svg(report: dict) -> str:
    t = report["ties"]
    hist = t["histogram"]
    W, H, M = 340, 200, 28
    top = max(hist.values()) or 1
    bw = (W - 2 * M) / 5
    body = [f'<line x1="{M}" y1="{H - M}" x2="{W - M}" y2="{H - M}" stroke="#9aa5b1"/>']
    for i in range(5):
        value = hist[str(i + 1)]
        h = (H - 2 * M - 10) * value / top
        x = M + i * bw + 6
        fill = STRONG if i + 1 >= t["threshold"] else WEAK
        body.append(f'<rect x="{x:.1f}" y="{H - M - h:.1f}" width="{bw - 12:.1f}" height="{h:.1f}" rx="3" '
                    f'fill="{fill}"><title>strength {i + 1}: {value}</title></rect>')
        body.append(f'<text class="ax" x="{x + (bw - 12) / 2:.1f}" y="{H - M - h - 4:.1f}" '
                    f'text-anchor="middle">{value}</text>')
        body.append(f'<text class="ax" x="{x + (bw - 12) / 2:.1f}" y="{H - M + 14}" text-anchor="middle">{i + 1}</text>')
    body.append(f'<text class="ax" x="{W / 2}" y="{H - 2}" text-anchor="middle">tie strength (rounded)</text>')
    return _svg(W, H, body, "Contacts by tie strength")


def _channel_colors(names: list[str]) -> dict[str, str]:
    colors, extra = {}, iter(EXTRA_CHANNEL_COLORS * 4)
    for name in names:
        colors[name] = CHANNEL_COLORS.get(name) or next(extra)
    return colors


def activity_svg(report: dict) -> str:
    ch = report["channels"]
    months = ch["per_month"]
    names = list(ch["counts"])
    colors = _channel_colors(names)
    W, H, L, B = 960, 230, 34, 30
    totals = [sum(m[n] for n in names) for m in months]
    top = max(totals) or 1
    step = 10 ** max(0, len(str(top)) - 1)
    bw = (W - L - 10) / len(months)
    body = []
    for tick in range(0, top + 1, max(step, math.ceil(top / 4 / step) * step)):
        y = H - B - (H - B - 16) * tick / top
        body.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - 10}" y2="{y:.1f}" stroke="#eef1f4"/>'
                    f'<text class="ax" x="{L - 4}" y="{y + 3:.1f}" text-anchor="end">{tick}</text>')
    for i, month in enumerate(months):
        x = L + i * bw + 3
        y = H - B
        for name in names:
            value = month[name]
            if not value:
                continue
            h = (H - B - 16) * value / top
            y -= h
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw - 6:.1f}" height="{h:.1f}" fill="{colors[name]}">'
                        f'<title>{_e(month["month"])}: {value} {_e(name)}</title></rect>')
        if i % 3 == 0 or i == len(months) - 1:
            body.append(f'<text class="ax" x="{x + (bw - 6) / 2:.1f}" y="{H - B + 14}" text-anchor="middle">'
                        f'{_e(_month_label(month["month"]))}</text>')
    return _svg(W, H, body, "Interactions per month by channel, last 24 months")


def shares_bar(report: dict) -> str:
    ch = report["channels"]
    if not ch["total"]:
        return ""
    colors = _channel_colors(list(ch["counts"]))
    W, H = 960, 34
    x = 0.0
    body = []
    for name, value in ch["counts"].items():
        if not value:
            continue
        w = W * value / ch["total"]
        body.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{H}" fill="{colors[name]}">'
                    f'<title>{_e(name)}: {value}</title></rect>')
        if w > 90:
            body.append(f'<text x="{x + 8:.1f}" y="22" style="font-size:13px;fill:#fff;font-weight:600">'
                        f'{_e(name)} {100 * value / ch["total"]:.0f}%</text>')
        x += w
    return _svg(W, H, body, "Share of last year's interactions by channel")


def reciprocity_svg(report: dict) -> str:
    """Favours got (left) and given (right): all contacts together, then the most one-sided, each on its own scale."""
    r = report["reciprocity"]
    rows = [("All contacts", r["gave"], r["got"])] + [(x["name"], x["gave"], x["got"]) for x in r["most_one_sided"]]
    W, row_h, mid = 960, 26, 480
    gap = 14 if len(rows) > 1 else 0
    H = row_h * len(rows) + 28 + gap
    overall = max(r["gave"], r["got"]) or 1
    single = max([max(g, t) for _, g, t in rows[1:]] + [1])
    half = mid - 190
    body = [f'<text class="ax" x="{mid - 8}" y="12" text-anchor="end">&#8592; they helped you (#got)</text>',
            f'<text class="ax" x="{mid + 8}" y="12">you helped them (#gave) &#8594;</text>']
    for i, (name, gave, got) in enumerate(rows):
        y = 22 + i * row_h + (gap if i else 0)
        top = overall if i == 0 else single
        gw, tw = half * gave / top, half * got / top
        body.append(f'<rect x="{mid - tw:.1f}" y="{y}" width="{tw:.1f}" height="{row_h - 8}" rx="3" fill="{WARN}">'
                    f'<title>{_e(name)}: got {got}</title></rect>')
        body.append(f'<rect x="{mid}" y="{y}" width="{gw:.1f}" height="{row_h - 8}" rx="3" fill="#59a14f">'
                    f'<title>{_e(name)}: gave {gave}</title></rect>')
        weight = "font-weight:600;" if i == 0 else ""
        body.append(f'<text x="{mid - half - 14:.1f}" y="{y + 13}" text-anchor="end" style="font-size:12px;{weight}'
                    f'fill:#1f2933">{_e(name)}</text>')
        body.append(f'<text class="ax" x="{mid - tw - 4:.1f}" y="{y + 13}" text-anchor="end">{got}</text>')
        body.append(f'<text class="ax" x="{mid + gw + 4:.1f}" y="{y + 13}">{gave}</text>')
    if len(rows) > 1:
        body.append(f'<text class="ax" x="{W - 10}" y="{22 + row_h + gap - 3}" text-anchor="end">most one-sided '
                    "contacts (own scale)</text>")
    body.append(f'<line x1="{mid}" y1="18" x2="{mid}" y2="{H - 4}" stroke="#52606d"/>')
    return _svg(W, H, body, "Favours given and received")


def growth_svg(report: dict) -> str:
    g = report["growth"]
    months = g["per_month"]
    pace = g["pace_per_month"]
    W, H, L, B = 960, 200, 34, 30
    top = max([m["count"] for m in months] + [pace]) or 1
    bw = (W - L - 10) / len(months)
    body = []
    for i, m in enumerate(months):
        h = (H - B - 18) * m["count"] / top
        x = L + i * bw + 8
        fill = ACCENT if m["count"] > pace else "#7aa6cf"
        body.append(f'<rect x="{x:.1f}" y="{H - B - h:.1f}" width="{bw - 16:.1f}" height="{h:.1f}" rx="3" '
                    f'fill="{fill}"><title>{_e(m["month"])}: {m["count"]} new</title></rect>')
        if m["count"]:
            body.append(f'<text class="ax" x="{x + (bw - 16) / 2:.1f}" y="{H - B - h - 4:.1f}" '
                        f'text-anchor="middle">{m["count"]}</text>')
        body.append(f'<text class="ax" x="{x + (bw - 16) / 2:.1f}" y="{H - B + 14}" text-anchor="middle">'
                    f'{_e(_month_label(m["month"]))}</text>')
    y = H - B - (H - B - 18) * pace / top
    body.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - 10}" y2="{y:.1f}" stroke="{ACCENT}" stroke-dasharray="6 4"/>'
                f'<text class="ax" x="{W - 12}" y="{y - 5:.1f}" text-anchor="end" style="fill:{ACCENT}">'
                f'your pace: {_n(pace)} a month</text>')
    body.append(f'<line x1="{L}" y1="{H - B}" x2="{W - 10}" y2="{H - B}" stroke="#9aa5b1"/>')
    return _svg(W, H, body, "New contacts per month, last 12 months")


def change_svg(change: dict) -> str:
    """Then (grey) and now (blue) side by side: contacts, strong ties, and Blau per attribute."""
    rows: list[tuple[str, Any, Any, float | None]] = [
        ("contacts", change["contacts"]["then"], change["contacts"]["now"], None),
        ("strong ties", change["strong"]["then"], change["strong"]["now"], None)]
    rows += [(f"{name} (Blau)", v["then"], v["now"], 1.0) for name, v in change["diversity"].items()
             if v["then"] is not None or v["now"] is not None]
    W, row_h, label_w = 960, 30, 170
    H = row_h * len(rows) + 24
    body = [f'<rect x="{label_w}" y="2" width="10" height="10" fill="#b8bcc4"/><text class="ax" x="{label_w + 14}" '
            f'y="11">then ({_e(change["since"])})</text><rect x="{label_w + 120}" y="2" width="10" height="10" '
            f'fill="#4e79a7"/><text class="ax" x="{label_w + 134}" y="11">now</text>']
    for i, (label, then, now, scale) in enumerate(rows):
        y = 20 + i * row_h
        top = scale or max(then or 0, now or 0, 1)
        body.append(f'<text class="ax" x="{label_w - 8}" y="{y + 15}" text-anchor="end" style="font-size:12px;'
                    f'fill:#3e4c59">{_e(label)}</text>')
        for k, (value, fill) in enumerate(((then, "#b8bcc4"), (now, "#4e79a7"))):
            width = 0 if value is None else (W - label_w - 80) * value / top
            shown = "not measured" if value is None else (f"{value:.2f}" if scale else str(value))
            body.append(f'<rect x="{label_w}" y="{y + k * 11}" width="{max(width, 1):.1f}" height="10" rx="2" '
                        f'fill="{fill}"><title>{_e(label)}: {_e(shown)}</title></rect>'
                        f'<text class="ax" x="{label_w + width + 4:.1f}" y="{y + k * 11 + 9}">{_e(shown)}</text>')
    return _svg(W, H, body, f"Your network on {change['since']} and now")


# Page -------------------------------------------------------------------------------------------

def _vault_data(report: dict) -> dict:
    """What the charts need beyond the JSON report: per-contact strength and a short description."""
    network = report["_network"]
    info = {}
    for c in network.contacts:
        bits = [str(v) for v in (c.role, c.organization, c.industry, c.location) if v]
        info[c.path] = ", ".join(bits) or "no details"
    return {"paths": network.paths, "names": network.names, "strengths": network.strengths, "ties": network.ties,
            "info": info, "strengths_by_name": {network.names[p]: s for p, s in network.strengths.items()}}


def _card(value: str, key: str, hint: str = "") -> str:
    return (f'<div class="card"><div class="v">{_e(value)}</div><div class="k">{_e(key)}</div>'
            + (f'<div class="h">{_e(hint)}</div>' if hint else "") + "</div>")


def render_html(report: dict) -> str:
    data = _vault_data(report)
    s, t, r, ch, g = (report[k] for k in ("structure", "ties", "reciprocity", "channels", "growth"))
    who = report["me"] or "you"
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Network health of {_e(who)}, {_e(report['today'])}</title>",
           f"<style>{CSS}</style></head><body><main>",
           f"<header><h1>Network health</h1><p>{_e(who)} &middot; {_e(report['today'])} &middot; "
           f"{report['contacts']} contacts &middot; {report['knows_ties']} ties between them"
           + (f" ({report['written_ties']} written, {report['inferred_ties']} inferred)" if report.get("inferred_ties") else "")
           + "</p></header>"]
    if report["contacts"]:
        out.append('<section id="coverage"><h2>What this rests on</h2><ul>'
                   + "".join(f"<li>{_e(line)}</li>" for line in coverage_lines(report["coverage"]))
                   + "</ul></section>")
    if report["warnings"]:
        out.append('<section class="warnings"><h2>Before you read</h2><ul>'
                   + "".join(f"<li>{_e(w)}</li>" for w in report["warnings"]) + "</ul></section>")
    if report["contacts"] == 0:
        out.append("</main></body></html>")
        return "\n".join(out) + "\n"
    out.append('<section class="findings"><h2>What stands out</h2><ul>'
               + "".join(f'<li class="{_e(f["level"])}">{_e(f["text"])}</li>' for f in report["findings"][:6])
               + "</ul></section>")
    unmeasured = "not measured: too few ties"
    position = s["constraint_position"]
    if not s["measured"]:
        clusters_card = _card("n/a", "clusters", unmeasured)
    elif s["groups"] and s["groups"]["significant"]:
        clusters_card = _card(str(len([k for k in s["cluster_sizes"] if k > 1])), "clusters",
                              f"{s['isolates']} contacts alone")
    else:
        clusters_card = _card("none", "clear groups", "ties no more grouped than at random")
    cards = [
        _card(_n(s["effective_size"]) if s["effective_size"] is not None else "n/a", "effective size",
              f"of {report['contacts']} contacts" if s["measured"] else unmeasured),
        _card(I.small(s["constraint"]), "constraint",
              unmeasured if not s["measured"] else
              "range empty" if position is None else f"{position:.0%} of the way from open to closed"),
        _card(I.small(s["density"]), "density", "share of possible ties" if s["measured"] else unmeasured),
        clusters_card,
        _card(f"{t['strong']} / {t['weak']}" if t["measured"] else "n/a", "strong / weak ties",
              f"strong from {t['threshold']:g}" if t["measured"] else "not measured: too little strength data"),
        _card(I.pct(ch["shares"].get("in-person")) if ch["total"] else "n/a", "in person", "last 12 months"),
        _card(f"{r['gave']} / {r['got']}", "gave / got", "#gave and #got tags"),
    ]
    out.append('<section class="cards">' + "".join(cards) + "</section>")

    svg, legend, caption = network_svg(report, data)
    out.append(f'<section id="network"><h2>Your network</h2><p class="muted">{_e(caption)}</p>' + svg + f'<div class="legend">{legend}</div>'
               + _why([I.effective_size(report), I.constraint(report), I.hierarchy(report), I.density(report),
                       I.clusters(report), I.brokers(report), *I.positions(report)] if s["measured"]
                      else [I.structure_not_measured(report)]) + "</section>")

    cells = []
    for name, blau in report["diversity"]["blau"].items():
        ei = report["diversity"]["ei"][name]
        head = (f"{blau['values']} values &middot; Blau {I.num(blau['value'])}" if blau["value"] is not None
                else "not measured" if (blau["reason"] or "").startswith("not measured") else "not enough data")
        if ei["value"] is not None:
            head += f" &middot; E&#8211;I {I.signed(ei['value'])}"
            if ei["expected"] is not None:
                head += f" (expected {I.signed(ei['expected'])} from your base rate)"
        line, advice = I.attribute(report, name)
        cells.append(f"<div><h3>{_e(name)} <span class=muted>{head}</span></h3>{attribute_svg(name, blau, ei)}"
                     f'<p class="muted">{_e(advice)}</p></div>')
    out.append('<section id="diversity"><h2>Diversity</h2><p class="muted">How varied your contacts are '
               "(Blau: chance two contacts differ) and how much they differ from you (E&#8211;I: &#8722;1 all like "
               f"you, +1 all different; your own value in red). Minimum {report['diversity']['min_known']} known "
               'values.</p><div class="grid">' + "".join(cells) + "</div></section>")

    out.append('<section id="ties"><h2>Tie strength</h2><div class="grid"><div><h3>Dunbar layers</h3>'
               + dunbar_svg(report, data)
               + f'<div class="legend"><span><i style="background:{STRONG}"></i>strong tie</span><span><i '
               f'style="background:{WEAK}"></i>weak tie</span>'
               + (f"<span>{t['beyond']} beyond 150</span>" if t["beyond"] else "") + "</div></div>"
               + "<div><h3>Strength of your ties</h3>" + histogram_svg(report)
               + f'<p class="muted">{t["manual"]} written in files, {t["inferred"]} inferred from the log '
               f'(half-life {t["half_life_days"]:g} days).</p></div></div>'
               + _why([I.strong_weak(report), I.layers(report)]) + "</section>")

    legend = "".join(f'<span><i style="background:{c}"></i>{_e(n)}</span>'
                     for n, c in _channel_colors(list(ch["counts"])).items())
    out.append('<section id="activity"><h2>Interactions over time</h2>' + activity_svg(report)
               + f'<div class="legend">{legend}</div><h3>Last 12 months</h3>' + shares_bar(report)
               + _why([I.channels(report)]) + "</section>")

    out.append('<section id="reciprocity"><h2>Give and take</h2>'
               + (reciprocity_svg(report) if r["gave"] or r["got"] else "")
               + _why([I.reciprocity(report)]) + "</section>")

    out.append('<section id="growth"><h2>New contacts</h2>' + growth_svg(report) + _why([I.growth(report)])
               + "</section>")
    if "change" in report:
        from .change import change_lines

        out.append(f'<section id="change"><h2>Since {_e(report["change"]["since"])}</h2>'
                   + change_svg(report["change"]) + _why(change_lines(report["change"])) + "</section>")
    out.append("<footer>Made by netfiles health. Measures: Burt 1992 (effective size, constraint, hierarchy); "
               "Borgatti 1997; Coleman 1988 (closure); Traag, Waltman &amp; van Eck 2019 (Leiden clusters); "
               "Guimer&agrave;, Sales-Pardo &amp; Amaral 2004 (modularity of random graphs); Blau 1977; "
               "Krackhardt &amp; Stern 1988 (E&#8211;I); Coleman 1958 (homophily index); Granovetter 1973 "
               "(weak ties); Hill &amp; Dunbar 2003, Zhou, Sornette, Hill &amp; Dunbar 2005, Dunbar 2018 (layers). "
               "See `netfiles help health`.</footer></main></body></html>")
    return "\n".join(out) + "\n"
