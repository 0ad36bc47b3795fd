"""`netfiles export graph`: the contact network as GraphML, GEXF or node-link JSON, for Gephi and other tools.

Nodes are contacts (id = vault-relative path) with their `name` (also as `label`, which Gephi shows),
organization, industry, function, location, country, seniority, tags, tie
strength (written or inferred), and cluster number (as in `netfiles health`; 0 when there are no clear
groups or the contact is in none).
Edges are the undirected `knows` ties, weighted as the health measures weigh
them (`EgoNetwork.knows_weight`). `--with-me` adds the owner as node `me`,
tied to every contact with weight = tie strength.

Files other programs read: GEXF 1.3 as its schema allows (no `graph@name`,
the right XML Schema instance namespace), node-link JSON with networkx's
current `edges` key, and no character XML 1.0 forbids (control characters
in a field become U+FFFD), so every file is well-formed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import click

FORMATS = ("graphml", "gexf", "json")
# Characters XML 1.0 does not allow anywhere, even escaped (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XSI_WRONG = 'xmlns:xsi="http://w3.org/2001/XMLSchema-instance"'  # networkx's GEXF 1.3 writer (3.6)
_XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
ATTRIBUTES = ("organization", "role", "industry", "function", "location", "country", "seniority")
ME = "me"


def graph_exporter():
    from netfiles import DATE, Exporter

    options = [
        click.Option(["--format", "graph_format"], type=click.Choice(FORMATS), default=None,
                     help="File format (default: from OUTPUT's extension, else graphml)."),
        click.Option(["--with-me"], is_flag=True, help="Include yourself as node 'me', tied to every contact."),
        click.Option(["--today"], type=DATE, default=None,
                     help="Infer tie strengths as of this date (YYYY-MM-DD; default: today)."),
    ]
    return Exporter(
        name="graph",
        help=("Write who-knows-whom as a graph file for Gephi, Cytoscape or networkx.\n\n"
              "\b\nExamples:\n  netfiles export graph network.gexf\n"
              "  netfiles export graph --format graphml --with-me > network.graphml\n"
              "  netfiles export graph --format json | jq '.nodes | length'"),
        run=run_export,
        options=options,
    )


def _format_for(output: Path | None, chosen: str | None) -> str:
    if chosen:
        return chosen
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return {"graphml": "graphml", "xml": "graphml", "gexf": "gexf", "json": "json"}.get(suffix, "graphml")


def _xml_safe(value):
    """A string with the characters XML cannot hold replaced by U+FFFD; other values as they are."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def build_graph(vault, today, with_me: bool = False):
    import networkx as nx

    from .network import build_network
    from .report import find_clusters
    from .settings import settings_of

    settings, _problems = settings_of(vault)
    network = build_network(vault, today, settings)
    # Cluster 0: no clear group (the partition is not significant, or the contact knows nobody else here).
    clusters = find_clusters(network.paths, network.ties, getattr(vault, "index", None))[0] if network.ties else []
    cluster_of = {p: i + 1 for i, members in enumerate(clusters) for p in members}
    graph: nx.Graph[str] = nx.Graph()  # no name: GEXF 1.3 has no graph@name
    for contact in network.contacts:
        data = {"label": network.name(contact.path), "name": contact.name, "kind": "contact",
                "strength": round(network.strengths[contact.path], 4),
                "strength_source": "written" if contact.path in network.manual else "inferred",
                "strong": network.strengths[contact.path] >= settings.strong_threshold,
                "cluster": cluster_of.get(contact.path, 0)}
        for name in ATTRIBUTES:
            value = contact.attribute(name)
            if value not in (None, ""):
                data[name] = str(value)
        if contact.tags:
            data["tags"] = "; ".join(contact.tags)
        if contact.met:
            data["met"] = contact.met.isoformat()
        graph.add_node(_xml_safe(contact.path), **{key: _xml_safe(value) for key, value in data.items()})
    weight = round(network.knows_weight, 4)
    for a, b in network.ties:
        graph.add_edge(_xml_safe(a), _xml_safe(b), weight=weight, kind="knows")
    if with_me:
        me = _xml_safe(network.me_name or "me")
        graph.add_node(ME, label=me, name=me, kind="me")
        for contact in network.contacts:
            graph.add_edge(ME, _xml_safe(contact.path), weight=round(network.strengths[contact.path], 4), kind="me")
    return graph


def serialize(graph, fmt: str, today=None) -> str:
    import networkx as nx

    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(graph)) + "\n"
    if fmt == "gexf":
        text = "\n".join(nx.generate_gexf(graph, version="1.3")) + "\n"
        text = text.replace(_XSI_WRONG, _XSI, 1)
        text = re.sub(r'(<graph\b[^>]*?) name="[^"]*"', r"\1", text, count=1)  # networkx writes name="" anyway
        if today is not None:  # networkx stamps the real date; keep the output reproducible
            text = re.sub(r'lastmodifieddate="[0-9-]+"', f'lastmodifieddate="{today.isoformat()}"', text, count=1)
        return text
    try:
        data = nx.node_link_data(graph, edges="edges")
    except TypeError:  # networkx < 3.4 has no `edges` argument and says "links"
        data = nx.node_link_data(graph)
        data["edges"] = data.pop("links")
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def run_export(vault, output, graph_format=None, with_me=False, today=None, **_):
    from netfiles import App, check_output, require_extra, write_output

    from . import NEEDS

    require_extra("netfiles export graph", "health", *NEEDS)

    check_output(output)  # a FIFO, device or missing folder is refused before the work
    fmt = _format_for(Path(output) if output is not None else None, graph_format)
    day = App.today(today)
    text = serialize(build_graph(vault, day, with_me), fmt, day)
    if output is None:
        return text
    write_output(output, text)
    return None
