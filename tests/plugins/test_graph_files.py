"""`netfiles export graph` as other tools read it (issue 10 item 20, issue 14): well-formed XML whatever the
fields hold, GEXF 1.3 as its schema allows, node-link JSON networkx 3.6 reads by default, igraph reads GraphML,
and edge weights that are the health measures' own."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

TODAY = "2026-11-21"
SCHEMA = Path(__file__).parent / "schemas" / "gexf-1.3-static.xsd"
NASTY = "Acme\x01\x0b Bank\x1b[31m \x7f\ufffe"


@pytest.fixture
def vault(netfiles_vault):
    netfiles_vault.config(me={"name": "Sam\x02 Owner"})
    netfiles_vault.add_contact("Ana Souza", strength=4, organization=NASTY, role="line\rbreak",
                               tags=["a\x00b"], knows=["Bo Chen", "Cy Diaz"])
    netfiles_vault.add_contact("Bo Chen", strength=2, knows=["Cy Diaz"])
    netfiles_vault.add_contact("Cy Diaz", strength=3)
    return netfiles_vault


def export(cli, tmp_path, name, *args) -> Path:
    out = tmp_path / name
    result = cli("export", "graph", out, "--today", TODAY, *args)
    assert result.exit_code == 0, result.output
    return out


def test_control_characters_still_give_well_formed_graphml_and_gexf(vault, netfiles_cli, tmp_path):
    from lxml import etree

    for name, read in (("g.graphml", nx.read_graphml), ("g.gexf", nx.read_gexf)):
        out = export(netfiles_cli, tmp_path, name, "--with-me")
        etree.parse(str(out))  # raises on a file that is not well-formed XML
        graph = read(out)
        assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 6
        organization = graph.nodes["people/Ana Souza.md"]["organization"]
        assert organization.startswith("Acme") and "Bank" in organization and "\x01" not in organization


def test_gexf_is_valid_gexf_1_3(vault, netfiles_cli, tmp_path):
    from lxml import etree

    out = export(netfiles_cli, tmp_path, "g.gexf", "--with-me")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.parse(str(out))
    assert schema.validate(document), schema.error_log
    root = document.getroot()
    assert root.get("version") == "1.3" and root.tag == "{http://gexf.net/1.3}gexf"
    assert root.find("{http://gexf.net/1.3}graph").get("name") is None


def test_the_schema_check_catches_what_gexf_1_3_forbids(tmp_path):
    """The check is not a rubber stamp: networkx's own GEXF 1.3 output (graph@name, a wrong xsi namespace) fails it."""
    from lxml import etree

    graph = nx.Graph(name="netfiles contacts")
    graph.add_edge("a", "b")
    text = "\n".join(nx.generate_gexf(graph, version="1.3"))
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert not schema.validate(etree.fromstring(text.encode()))


def test_node_link_json_reads_with_networkx_defaults(vault, netfiles_cli, tmp_path):
    data = json.loads(export(netfiles_cli, tmp_path, "g.json").read_text(encoding="utf-8"))
    assert "edges" in data and "links" not in data
    graph = nx.node_link_graph(data)
    assert graph.number_of_edges() == 3 and graph.nodes["people/Bo Chen.md"]["name"] == "Bo Chen"


def test_edges_weigh_what_the_health_measures_give_them(vault, netfiles_cli, tmp_path):
    graph = nx.read_graphml(export(netfiles_cli, tmp_path, "g.graphml", "--with-me"))
    mean_strength = (4 + 2 + 3) / 3  # a knows tie counts as a typical tie (docs/health.md, Burt's measures)
    for a, b, data in graph.edges(data=True):
        if "me" in (a, b):
            other = b if a == "me" else a
            assert float(data["weight"]) == float(graph.nodes[other]["strength"])
        else:
            assert float(data["weight"]) == pytest.approx(mean_strength, abs=1e-4)


def test_igraph_reads_the_graphml(vault, netfiles_cli, tmp_path):
    igraph = pytest.importorskip("igraph", reason="igraph is in the test extras: pip install -e '.[test]'")
    graph = igraph.Graph.Read_GraphML(str(export(netfiles_cli, tmp_path, "g.graphml")))
    assert graph.vcount() == 3 and graph.ecount() == 3 and not graph.is_directed()
    assert sorted(graph.vs["name"]) == ["Ana Souza", "Bo Chen", "Cy Diaz"]
    assert all(w > 1 for w in graph.es["weight"])
