"""The query benchmark's sample: whole filing graphs, and the lifecycle links between them."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from pactgraph.graph import iris


@pytest.fixture(scope="module")
def bench(benchmark_module):
    return benchmark_module("store_bench")


def test_sample_has_whole_graphs_and_only_the_links_between_them(bench, tmp_path):
    src = ox.Store(str(tmp_path / "src"))
    title = ox.NamedNode("https://pactgraph.org/ontology#title")
    amends = ox.NamedNode("https://pactgraph.org/ontology#amends")
    lifecycle = ox.NamedNode(str(iris.LIFECYCLE_GRAPH))
    agreements = {}
    for k in range(6):
        acc = f"0000000000-00-00000{k}"
        graph = ox.NamedNode(str(iris.graph_iri(acc)))
        agreement = ox.NamedNode(f"{iris.filing_iri(acc)}/agreement/credit-agreement-{k}")
        agreements[k] = (graph, agreement)
        for n in range(10):
            src.add(ox.Quad(agreement, title, ox.Literal(f"Credit Agreement {n}"), graph))
    for k in range(5):
        src.add(ox.Quad(agreements[k + 1][1], amends, agreements[k][1], lifecycle))
    src.add(
        ox.Quad(
            lifecycle,
            ox.NamedNode("https://pactgraph.org/store#linkedGraphs"),
            ox.Literal("6"),
            lifecycle,
        )
    )
    src.flush()
    del src

    out = tmp_path / "sample.nq"
    n = bench.take_graphs(tmp_path / "src", 30, out)
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert n == len(quads)
    graphs = {q.graph_name for q in quads} - {lifecycle}
    assert len(graphs) == 3  # whole graphs of 10 triples until 30
    assert all(sum(1 for q in quads if q.graph_name == g) == 10 for g in graphs)
    taken = {a for g, a in agreements.values() if g in graphs}
    links = [q for q in quads if q.graph_name == lifecycle]
    expected = [
        (agreements[k + 1][1], agreements[k][1])
        for k in range(5)
        if agreements[k + 1][1] in taken and agreements[k][1] in taken
    ]
    assert expected and len(expected) < 5  # some links between taken filings, not all
    assert sorted((q.subject.value, q.object.value) for q in links) == sorted(
        (a.value, b.value) for a, b in expected
    )


def test_lookup_ladder_builds_up_to_the_saved_query_on_the_seed(bench, seed_path):
    """The ladder's steps answer the builder's links of the seed (Norsk Hydro's 23 % stake beside
    the Cooperation Agreement), each with one more value, the last with every value the saved
    counterparties-shareholders returns but the optional date."""
    from pactgraph.graph.ingest import process_file
    from pactgraph.graph.query import load_query

    out = process_file(str(seed_path))
    assert out.error is None, out.error
    store = ox.Store()  # the filing's graph, as ingest writes it (saved queries read filing graphs)
    store.load(
        str(out.ntriples).encode(),
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode(out.graph_iri),
    )
    steps = list(bench.lookup_ladder().values())
    answers = [list(store.query(q, use_default_graph_as_union=True)) for q in steps]
    assert [len(a) for a in answers] == [1] * len(steps)
    assert [len(a[0]) for a in answers] == list(range(2, 2 + len(steps)))  # one more value a step
    saved = list(
        store.query(load_query(name="counterparties-shareholders"), use_default_graph_as_union=True)
    )
    assert len(saved) == 1
    last = answers[-1][0]
    for var in ("agreement", "stake", "percent", "qualifier", "counterparty", "company", "title"):
        assert last[var] == saved[0][var], var
    assert (
        "Norsk Hydro" in last["counterparty"].value
        and last["title"].value == "Cooperation Agreement"
    )
