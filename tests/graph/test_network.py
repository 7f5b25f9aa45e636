"""networkx views of the store: agreement network, ownership network, indirect stakes, helpers.

Graphs are made by the real builder from facts dicts (synthetic filings, and the reviewed facts
of the seed) and stored in real stores (memory and embedded Oxigraph).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import networkx as nx
import pytest

from pactgraph.graph.build.builder import build_filing_graph
from pactgraph.graph.analyse.network import (
    Filters,
    agreement_network,
    centrality,
    components,
    find_nodes,
    indirect_stakes,
    neighbourhood,
    ownership_network,
)
from pactgraph.graph.query import run_query
from pactgraph.graph.store import open_store

REPO = Path(__file__).resolve().parents[2]


def _ev(text: str) -> dict:
    return {"start": 0, "end": len(text), "text": text}


def facts(name: str, registrant: str, date: str, agreements=(), stakes=()) -> dict:
    """A small facts document (pactgraph.facts/v1) for a synthetic filing."""
    return {
        "schema": "pactgraph.facts/v1",
        "source": {
            "file": f"synthetic/{name}.txt",
            "sha256": hashlib.sha256(name.encode()).hexdigest(),
        },
        "filing": {
            "form": "8-K",
            "accession": None,
            "registrant": {"name": registrant, "cik": None},
            "date_of_report": date,
            "items": ["1.01"],
        },
        "agreements": [dict(a, evidence=_ev(a["title"])) for a in agreements],
        "stakes": [dict(s, evidence=_ev(s["holder"])) for s in stakes],
        "people": [],
    }


def agreement(title, kind, date, *parties):
    return {
        "title": title,
        "kind": kind,
        "action": "entered",
        "date": date,
        "parties": list(parties),
        "exhibit": "10.1",
    }


def stake(holder, target, percent, qualifier="exact"):
    return {"holder": holder, "target": target, "percent": percent, "qualifier": qualifier}


A, B, C, D, E = (
    "Alpha Holdings Inc.",
    "Beta Bank N.A.",
    "Gamma Solar Corp.",
    "Delta GmbH",
    "Epsilon Ltd.",
)

SYNTHETIC = [
    facts(
        "f1",
        A,
        "2010-01-05",
        [agreement("Credit Agreement", "credit", "2010-01-04", A, B)],
        [stake(A, B, 50.0), stake(A, C, 10.0, "approximately")],
    ),
    facts(
        "f2",
        B,
        "2011-03-02",
        [agreement("Supply Agreement", "supply", "2011-03-01", B, C, D)],
        [stake(B, C, 40.0)],
    ),
    facts(
        "f3",
        C,
        "2012-06-30",
        [
            agreement("License Agreement", "license", "2012-06-29", C, D),
            agreement("Amendment No. 1 to Supply Agreement", "supply", "2012-06-29", C, B),
        ],
        [stake(C, D, 100.0)],
    ),
    facts("f4", E, "2013-01-15", [agreement("Services Agreement", "services", "2013-01-14", E)]),
]


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request, tmp_path_factory):
    spec = (
        "memory:"
        if request.param == "memory"
        else f"oxigraph:{tmp_path_factory.mktemp('net') / 'store'}"
    )
    st = open_store(spec)
    for f in SYNTHETIC:
        iri, g = build_filing_graph(f)
        st.replace_graph(iri, g)
    yield st
    st.close()


def org(g, name):
    found = [n for n, d in g.nodes(data=True) if d.get("label") == name]
    assert len(found) == 1, (name, list(g.nodes(data=True)))
    return found[0]


def test_agreement_network_nodes_edges_and_attributes(store):
    g = agreement_network(store)
    assert isinstance(g, nx.MultiGraph)
    assert g.graph["agreements"] == 5
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert labels == {A, B, C, D, E}
    assert all(d["type"] == "organization" for _, d in g.nodes(data=True))
    # the three-party supply agreement gives one edge per pair of its parties
    supply = [(u, v, d) for u, v, d in g.edges(data=True) if d["title"] == "Supply Agreement"]
    assert len(supply) == 3
    assert {d["kind"] for *_, d in supply} == {"supply"}
    credit = g.get_edge_data(org(g, A), org(g, B))
    assert len(credit) == 1
    ((key, data),) = credit.items()
    assert key == data["agreement"]
    assert data["title"] == "Credit Agreement" and data["kind"] == "credit"
    assert data["date"] == "2010-01-04" and data["action"] == "entered"
    # the evidence IRI is a real node of the store: an annotation with a quoted span
    ask = run_query(
        store,
        f"ASK {{ <{data['agreement']}> ?p <{data['evidence']}> . <{data['evidence']}> ?q ?r }}",
    )
    assert ask.boolean is True
    # C and B are joined by two agreements (supply, amendment): parallel edges
    assert g.number_of_edges(org(g, B), org(g, C)) == 2
    # a one-party agreement adds its party and no edge
    assert g.degree(org(g, E)) == 0


def test_agreement_network_filters(store):
    only_supply = agreement_network(store, kinds=["supply"])
    assert only_supply.graph["agreements"] == 2
    assert {d["kind"] for *_, d in only_supply.edges(data=True)} == {"supply"}
    gamma = agreement_network(store, company="gamma solar")
    assert gamma.graph["agreements"] == 3
    early = agreement_network(store, date_from="2010-01-01", date_to="2011-12-31")
    assert sorted(d["title"] for *_, d in early.edges(data=True)) == [
        "Credit Agreement",
        "Supply Agreement",
        "Supply Agreement",
        "Supply Agreement",
    ]
    assert agreement_network(store, Filters(company="no such company")).number_of_nodes() == 0


def test_ownership_network_and_indirect_stakes(store):
    g = ownership_network(store)
    assert isinstance(g, nx.DiGraph)
    a, b, c, d = org(g, A), org(g, B), org(g, C), org(g, D)
    assert g.edges[a, b]["percent"] == pytest.approx(50.0)
    assert g.edges[a, b]["weight"] == pytest.approx(0.5)
    assert g.edges[a, c]["qualifier"] == "approximately"
    assert g.number_of_edges() == 4
    rows = {(r["holder"], r["target"]): r for r in indirect_stakes(g)}
    # A -> B -> C: 50% x 40% = 20%; A -> C direct (10%) is not an indirect chain
    assert rows[(a, c)]["percent"] == pytest.approx(20.0)
    assert rows[(a, c)]["chains"] == [[a, b, c]]
    # A -> D along two chains: A-B-C-D (20% x 100%) + A-C-D (10% x 100%) = 30%
    assert rows[(a, d)]["percent"] == pytest.approx(30.0)
    assert sorted(map(tuple, rows[(a, d)]["chains"])) == sorted([(a, b, c, d), (a, c, d)])
    assert rows[(b, d)]["percent"] == pytest.approx(40.0)
    assert (a, b) not in rows
    only_alpha = indirect_stakes(g, holder="alpha", min_percent=25)
    assert [(r["holder"], r["target"]) for r in only_alpha] == [(a, d)]


def test_helpers_centrality_components_neighbourhood(store):
    g = agreement_network(store)
    table = centrality(g)
    assert len(table) == g.number_of_nodes()
    assert table[0]["label"] in (B, C)  # the most connected
    assert {"degree", "betweenness", "degree_centrality"} <= set(table[0])
    assert centrality(g, top=2) == table[:2]
    comps = components(g)
    assert [len(c) for c in comps] == [4, 1]
    ego = neighbourhood(g, "Alpha", depth=1)
    assert {ego.nodes[n]["label"] for n in ego} == {A, B}
    ego2 = neighbourhood(g, "Alpha", depth=2)
    assert {ego2.nodes[n]["label"] for n in ego2} == {A, B, C, D}
    assert neighbourhood(g, "nobody").number_of_nodes() == 0
    assert find_nodes(g, org(g, D)) == [org(g, D)]
    own = ownership_network(store)
    assert [len(c) for c in components(own)] == [4]
    assert neighbourhood(own, "Delta", depth=1).number_of_nodes() == 2


def test_seed_network_answers():
    import gold_facts as gf  # tests/graph/conftest.py puts it on the path

    if not gf.available():
        pytest.skip("../shared not beside the repo")
    st = open_store("memory:")
    iri, g = build_filing_graph(gf.seed_facts())
    st.replace_graph(iri, g)
    net = agreement_network(st)
    assert {d["label"] for _, d in net.nodes(data=True)} == {
        "Ascent Solar Technologies, Inc.",
        "Norsk Hydro Produksjon AS",
    }
    ((_, _, data),) = net.edges(data=True)
    assert (data["title"], data["kind"], data["date"]) == (
        "Cooperation Agreement",
        "collaboration",
        "2007-12-18",
    )
    own = ownership_network(st)
    ((h, t, s),) = own.edges(data=True)
    assert own.nodes[h]["label"] == "Norsk Hydro Produksjon AS"
    assert own.nodes[t]["label"] == "Ascent Solar Technologies, Inc."
    assert s["percent"] == pytest.approx(23.0) and s["qualifier"] == "approximately"
