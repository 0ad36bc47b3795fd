"""`netfiles export graph`: GraphML, GEXF and node-link JSON that networkx (and so Gephi) reads back."""
from __future__ import annotations

import json

import networkx as nx
import pytest

TODAY = "2026-11-21"


@pytest.fixture
def vault(netfiles_vault):
    netfiles_vault.config(me={"name": "Sam Owner"})
    netfiles_vault.add_contact("Ana Souza", strength=4, organization="Acme & Co", industry="finance",
                               tags=["mentor", "pycon"], met="2024-05-16", knows=["Bo Chen", "Cy Diaz"])
    netfiles_vault.add_contact("Bo Chen", industry="tech", knows=["Cy Diaz"], log=["2026-11-21 coffee: hi"])
    netfiles_vault.add_contact("Cy Diaz", strength=2)
    netfiles_vault.add_contact("Zoë Ünal", strength=1)  # no ties, non-ASCII
    return netfiles_vault


def export(cli, *args):
    result = cli("export", "graph", *args, "--today", TODAY)
    assert result.exit_code == 0, result.output
    return result.stdout


def check_graph(G, with_me=False):
    ana = "people/Ana Souza.md"
    assert set(G.nodes) >= {ana, "people/Bo Chen.md", "people/Cy Diaz.md", "people/Zoë Ünal.md"}
    assert G.number_of_edges() == 3 + (4 if with_me else 0)
    assert G.has_edge(ana, "people/Bo Chen.md") and G.has_edge("people/Bo Chen.md", "people/Cy Diaz.md")
    data = G.nodes[ana]
    assert data["label"] == data["name"] == "Ana Souza" and data["organization"] == "Acme & Co" and data["industry"] == "finance"
    assert data["tags"] == "mentor; pycon" and data["met"] == "2024-05-16"
    assert float(data["strength"]) == 4.0 and data["strength_source"] == "written"
    assert int(data["cluster"]) == 0  # one triangle is no clear group (modularity 0), so no cluster numbers
    bo = G.nodes["people/Bo Chen.md"]
    assert float(bo["strength"]) == pytest.approx(2.0) and bo["strength_source"] == "inferred"
    assert int(G.nodes["people/Zoë Ünal.md"]["cluster"]) == 0
    if with_me:
        assert G.nodes["me"]["label"] == "Sam Owner"
        assert float(G.edges["me", ana]["weight"]) == 4.0


def test_graphml(vault, netfiles_cli, tmp_path):
    out = tmp_path / "g.graphml"
    result = netfiles_cli("export", "graph", out, "--today", TODAY)
    assert result.exit_code == 0 and "Wrote" in result.stderr
    check_graph(nx.read_graphml(out))
    stdout = export(netfiles_cli, "--format", "graphml")
    check_graph(nx.parse_graphml(stdout))


def test_gexf(vault, netfiles_cli, tmp_path):
    out = tmp_path / "g.gexf"  # format from the extension
    assert netfiles_cli("export", "graph", out, "--today", TODAY, "--with-me").exit_code == 0
    G = nx.read_gexf(out)
    check_graph(G, with_me=True)
    assert 'lastmodifieddate="2026-11-21"' in out.read_text(encoding="utf-8")  # reproducible
    assert out.read_text(encoding="utf-8") == export(netfiles_cli, "--format", "gexf", "--with-me")


def test_json_node_link(vault, netfiles_cli):
    data = json.loads(export(netfiles_cli, "--format", "json"))
    assert "nodes" in data and "edges" in data  # networkx's current default (3.4+), what node_link_graph reads
    check_graph(nx.node_link_graph(data))


def test_empty_vault_exports_an_empty_graph(netfiles_vault, netfiles_cli):
    G = nx.parse_graphml(export(netfiles_cli, "--format", "graphml"))
    assert G.number_of_nodes() == 0
    G = nx.parse_graphml(export(netfiles_cli, "--format", "graphml", "--with-me"))
    assert list(G.nodes) == ["me"] and G.nodes["me"]["label"] == "me"


def test_bad_format_and_folder(vault, netfiles_cli, tmp_path):
    result = netfiles_cli("export", "graph", "--format", "dot")
    assert result.exit_code == 2
    result = netfiles_cli("export", "graph", tmp_path / "nope" / "g.graphml")
    assert result.exit_code == 2 and "does not exist" in result.stderr
