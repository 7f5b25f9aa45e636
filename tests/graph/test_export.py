"""Exports round-trip: every RDF format parses back to the store's content; GraphML and GEXF
load back in networkx with the same nodes, edges and attributes; GraphML loads in igraph;
CSV and Neo4j files; filters; the ``pactgraph export`` command."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.term import URIRef

from pactgraph.graph.cli import main
from pactgraph.graph.export import (
    RDF_FORMATS,
    export,
    export_network,
    export_rdf,
    jsonld_context,
    select_graphs,
    write_gexf,
    write_graphml,
)
from pactgraph.graph.analyse.network import Filters, agreement_network, ownership_network
from pactgraph.graph.rdf.terms import from_ox as _from_ox
from pactgraph.graph.store import open_store
from pactgraph.nlp.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


import gold_facts as GF  # noqa: E402  (tests/graph/conftest.py puts it on the path)

pytestmark = pytest.mark.shared

PARSERS = {
    "ttl": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "xml": "xml",
}


@pytest.fixture(scope="module")
def spec(gold_store_spec):
    return gold_store_spec


@pytest.fixture(scope="module")
def store(spec):
    st = open_store(spec, read_only=True)
    yield st
    st.close()


def store_quads(store, graphs=None) -> set:
    """The store's content as a set of rdflib quads, read with pyoxigraph directly."""
    out = set()
    for q in store.pyoxigraph:
        if isinstance(q.graph_name, ox.DefaultGraph):
            continue
        g = URIRef(q.graph_name.value)
        if graphs is None or g in graphs:
            out.add((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object), g))
    return out


def as_graph(triples) -> rdflib.Graph:
    g = rdflib.Graph()
    for t in triples:
        g.add(t)
    return g


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_export_parses_back_to_the_store_content(fmt, store, tmp_path):
    out = tmp_path / f"export.{fmt}"
    n = export_rdf(store, fmt, out)
    expected = store_quads(store)
    assert n == len({q[:3] for q in expected}) or n == len(expected)
    quads, _, _ = RDF_FORMATS[fmt]
    if quads:
        ds = rdflib.Dataset()
        ds.parse(out, format=PARSERS[fmt])
        got = {
            (s, p, o, URIRef(str(g)))
            for s, p, o, g in ds.quads((None, None, None, None))
            if g is not None and str(g) != str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
        }
        assert got == expected
        for gid in {q[3] for q in expected}:  # graph by graph, isomorphic
            assert isomorphic(
                as_graph(q[:3] for q in got if q[3] == gid),
                as_graph(q[:3] for q in expected if q[3] == gid),
            )
    else:
        back = rdflib.Graph().parse(out, format=PARSERS[fmt])
        assert isomorphic(back, as_graph(q[:3] for q in expected))


@pytest.mark.slow
def test_jsonld_has_a_context_and_no_remote_lookups(store, tmp_path):
    out = tmp_path / "x.jsonld"
    export_rdf(store, "jsonld", out)
    doc = json.loads(out.read_text())
    assert doc["@context"]["pg"] == "https://pactgraph.org/ontology#"
    assert jsonld_context()["prov"] == "http://www.w3.org/ns/prov#"


@pytest.mark.slow
def test_rdf_export_to_stdout(store, capsysbinary):
    export_rdf(store, "nq", "-")
    out = capsysbinary.readouterr().out
    ds = rdflib.Dataset().parse(data=out.decode("utf-8"), format="nquads")
    assert len(list(ds.quads((None, None, None, None)))) == len(store_quads(store))


def test_filters_select_filing_graphs(store, tmp_path):
    all_graphs = select_graphs(store)
    assert len(all_graphs) == len(GF.all_gold_facts())
    ascent = select_graphs(store, Filters(company="ascent solar"))
    assert len(ascent) == 1
    out = tmp_path / "ascent.nq"
    export_rdf(store, "nq", out, Filters(company="ascent solar"))
    ds = rdflib.Dataset().parse(out, format="nquads")
    got = {(s, p, o, URIRef(str(g))) for s, p, o, g in ds.quads((None, None, None, None))}
    assert got == store_quads(store, set(ascent))
    collab = select_graphs(store, Filters(kinds=["collaboration"]))
    assert set(ascent) <= set(collab) and len(collab) < len(all_graphs)
    dated = select_graphs(store, Filters(date_from="2007-12-01", date_to="2007-12-31"))
    assert set(ascent) <= set(dated) and len(dated) < len(all_graphs)
    assert select_graphs(store, Filters(company="ascent", kinds=["credit"])) == []
    with pytest.raises(ConfigError):
        Filters(date_from="18 December 2007")


def edge_multiset(g):
    def norm(u, v):
        return (u, v) if g.is_directed() else tuple(sorted((u, v)))

    return sorted(
        (norm(u, v), sorted((k, str(x)) for k, x in d.items() if k not in ("id", "networkx_key")))
        for u, v, d in g.edges(data=True)
    )


@pytest.mark.parametrize("network", ["agreements", "ownership"])
def test_graphml_and_gexf_load_back_in_networkx(network, store, tmp_path):
    g = agreement_network(store) if network == "agreements" else ownership_network(store)
    assert g.number_of_edges() > 0
    gml = tmp_path / "net.graphml"
    write_graphml(g, gml)
    back = nx.read_graphml(gml, force_multigraph=g.is_multigraph())
    assert set(back.nodes) == set(g.nodes)
    for n, d in g.nodes(data=True):
        assert back.nodes[n] == d
    assert edge_multiset(back) == edge_multiset(g)
    if network == "ownership":
        (u, v, d), *_ = g.edges(data=True)
        assert back.edges[u, v]["percent"] == d["percent"]  # a float stays a float

    gexf = tmp_path / "net.gexf"
    write_gexf(g, gexf)
    back = nx.read_gexf(gexf)
    assert set(back.nodes) == set(g.nodes)
    for n, d in g.nodes(data=True):
        assert back.nodes[n] == d
    assert edge_multiset(back) == edge_multiset(g)


def test_graphml_loads_in_igraph(store, tmp_path):
    igraph = pytest.importorskip("igraph")
    g = agreement_network(store)
    path = tmp_path / "net.graphml"
    write_graphml(g, path)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.vcount() == g.number_of_nodes()
    assert ig.ecount() == g.number_of_edges()
    assert set(ig.vs["id"]) == set(g.nodes)
    assert set(ig.vs["label"]) == {d["label"] for _, d in g.nodes(data=True)}
    assert sorted(ig.es["agreement"]) == sorted(d["agreement"] for *_, d in g.edges(data=True))


def test_csv_nodes_and_edges(store, tmp_path):
    summary = export_network(store, "csv", tmp_path / "net.csv")
    nodes = list(csv.DictReader(open(tmp_path / "net-nodes.csv", encoding="utf-8")))
    edges = list(csv.DictReader(open(tmp_path / "net-edges.csv", encoding="utf-8")))
    g = agreement_network(store)
    assert summary["nodes"] == len(nodes) == g.number_of_nodes()
    assert summary["edges"] == len(edges) == g.number_of_edges()
    assert {r["id"] for r in nodes} == set(g.nodes)
    assert {"source", "target", "agreement", "title", "kind"} <= set(edges[0])
    export_network(store, "csv", tmp_path / "own", network="ownership")
    own = list(csv.DictReader(open(tmp_path / "own" / "edges.csv", encoding="utf-8")))
    assert any(r["percent"] == "23.0" and r["qualifier"] == "approximately" for r in own)
    with pytest.raises(ConfigError):
        export_network(store, "csv", "-")


def test_neo4j_admin_import_files(store, tmp_path):
    summary = export(store, "neo4j", tmp_path / "neo")
    d = tmp_path / "neo"
    ent = list(csv.reader(open(d / "entities.csv", encoding="utf-8")))
    agr = list(csv.reader(open(d / "agreements.csv", encoding="utf-8")))
    party = list(csv.reader(open(d / "party_to.csv", encoding="utf-8")))
    owns = list(csv.reader(open(d / "owns.csv", encoding="utf-8")))
    assert ent[0][0] == "iri:ID(Entity)" and ent[0][-1] == ":LABEL"
    assert agr[0][0] == "iri:ID(Agreement)"
    assert party[0] == [":START_ID(Entity)", ":END_ID(Agreement)", ":TYPE"]
    assert owns[0][:2] == [":START_ID(Entity)", ":END_ID(Entity)"]
    ids = {r[0] for r in ent[1:]}
    agreement_ids = {r[0] for r in agr[1:]}
    assert len(ids) == len(ent) - 1 == summary["entities"]
    assert all(s in ids and a in agreement_ids for s, a, _ in party[1:])
    assert all(r[0] in ids and r[1] in ids for r in owns[1:])
    assert "neo4j-admin database import" in (d / "import.txt").read_text()


def test_cli_export(spec, tmp_path, capsysbinary):
    code = main(["export", "--format", "nt", "--store", spec, "-o", "-"])
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert code == 0
    assert len(rdflib.Graph().parse(data=out, format="nt")) > 100
    code = main(
        [
            "export",
            "--format",
            "trig",
            "--store",
            spec,
            "-o",
            str(tmp_path / "a.trig"),
            "--company",
            "Norsk Hydro",
        ]
    )
    assert code == 0
    ds = rdflib.Dataset().parse(tmp_path / "a.trig", format="trig")
    assert len([g for g in ds.graphs() if len(g)]) == 1
    code = main(
        [
            "export",
            "--format",
            "graphml",
            "--store",
            spec,
            "-o",
            str(tmp_path / "a.graphml"),
            "--kind",
            "collaboration",
            "--from",
            "2007-01-01",
        ]
    )
    assert code == 0
    g = nx.read_graphml(tmp_path / "a.graphml", force_multigraph=True)
    assert g.number_of_edges() >= 1
    assert {d["kind"] for *_, d in g.edges(data=True)} == {"collaboration"}
    code = main(["export", "--format", "docx", "--store", spec])
    assert code == 2
