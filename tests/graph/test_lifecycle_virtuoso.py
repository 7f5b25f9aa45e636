"""Lifecycle links (pg:amends / pg:terminates) on a real Virtuoso server: the corpus filings
that produce links on the embedded Oxigraph store give the same links on Virtuoso and in memory,
through the store and through an rdflib Dataset over the endpoint."""

from __future__ import annotations

import pytest
from rdflib import Dataset
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from pactgraph.graph import iris
from pactgraph.graph.ingest import expand_paths, ingest_paths, process_file
from pactgraph.graph.link.lifecycle import lifecycle_links, run_post_ingest
from pactgraph.graph.store import nt_term, open_store

PG = "https://pactgraph.org/ontology#"
LIFECYCLE = nt_term(iris.LIFECYCLE_GRAPH)


class Replay:
    """A processor that replays already computed outcomes."""

    def __init__(self, outcomes):
        self.outcomes = outcomes

    def __call__(self, path):
        return self.outcomes[path]


@pytest.fixture(scope="module")
def linked(corpus_dir, tmp_path_factory):
    """(paths, outcomes, links): the corpus filings whose agreements are linked when the whole
    corpus is in an embedded store, and the links those filings alone give there."""
    outcomes = {p: o for p in expand_paths([corpus_dir]) if (o := process_file(p)).error is None}
    with open_store(f"oxigraph:{tmp_path_factory.mktemp('corpus')}") as st:
        ingest_paths(list(outcomes), st, processor=Replay(outcomes))
        rows = st.query(f"""PREFIX pg: <{PG}> SELECT DISTINCT ?g WHERE {{
            GRAPH {LIFECYCLE} {{ ?later ?link ?earlier }}
            {{ GRAPH ?g {{ ?later pg:action ?a }} }}
            UNION {{ GRAPH ?g {{ ?earlier pg:action ?b }} }} }}""").rows
    graphs = {str(r["g"]) for r in rows}
    paths = [p for p, o in outcomes.items() if str(o.graph_iri) in graphs]
    with open_store(f"oxigraph:{tmp_path_factory.mktemp('linked')}") as st:
        ingest_paths(paths, st, processor=Replay(outcomes))
        links = lifecycle_links(st)
    assert {kind for _, kind, _ in links} == {"amends", "terminates"}
    return paths, outcomes, links


def _clear(st) -> None:
    for g in st.graph_iris():
        st.remove_graph(g)
    st.update(f"DROP SILENT GRAPH {LIFECYCLE}")


@pytest.fixture
def server(virtuoso):
    """The session's Virtuoso, emptied before and after (other tests share it)."""
    with open_store(virtuoso.spec(auth=True)) as st:
        _clear(st)
        yield virtuoso, st
        _clear(st)


@pytest.fixture(params=["oxigraph", "memory", pytest.param("virtuoso", marks=pytest.mark.virtuoso)])
def backend(request, tmp_path):
    if request.param == "virtuoso":
        yield request.getfixturevalue("server")[1]
        return
    spec = f"oxigraph:{tmp_path / 'ox'}" if request.param == "oxigraph" else "memory:"
    with open_store(spec) as st:
        yield st


@pytest.mark.slow
def test_the_same_links_on_every_backend(backend, linked):
    paths, outcomes, expected = linked
    report = ingest_paths(paths, backend, processor=Replay(outcomes))  # links after the ingest
    assert report.filings == len(paths) and not report.errors
    assert lifecycle_links(backend) == expected
    # queries on the default graph (the union of the named graphs) see them too
    rows = backend.query(f"""PREFIX pg: <{PG}> SELECT DISTINCT ?later ?earlier WHERE {{
        {{ ?later pg:amends ?earlier }} UNION {{ ?later pg:terminates ?earlier }} }}""").rows
    assert {(str(r["later"]), str(r["earlier"])) for r in rows} == {(a, b) for a, _, b in expected}
    run_post_ingest(backend)  # recomputing changes nothing
    assert lifecycle_links(backend) == expected


@pytest.mark.virtuoso
def test_rdflib_dataset_over_the_endpoint_links_the_same(server, linked):
    virtuoso, st = server
    paths, outcomes, expected = linked
    ingest_paths(paths, st, processor=Replay(outcomes), link=False)
    assert lifecycle_links(st) == set()
    # rdflib would wrap the update in GRAPH <urn:x-rdflib:default> (default_union=False)
    ds = Dataset(store=SPARQLUpdateStore(virtuoso.query_url, virtuoso.query_url))
    run_post_ingest(ds)
    assert lifecycle_links(st) == expected
    assert lifecycle_links(ds) == expected


@pytest.mark.virtuoso
def test_amendments_of_query_answers_the_same_on_virtuoso(server, linked, tmp_path):
    from pactgraph.graph.query import load_query

    _, st = server
    paths, outcomes, _ = linked
    q = load_query(name="amendments-matching")
    with open_store(f"oxigraph:{tmp_path / 'ox'}") as ref:
        ingest_paths(paths, ref, processor=Replay(outcomes))
        want = {(str(r["earlier"]), str(r["later"])) for r in ref.query(q).rows}
    ingest_paths(paths, st, processor=Replay(outcomes))
    assert want
    assert {(str(r["earlier"]), str(r["later"])) for r in st.query(q).rows} == want


@pytest.mark.virtuoso
def test_virtuoso_dump_holds_the_lifecycle_graph(server, linked, tmp_path):
    _, st = server
    paths, outcomes, expected = linked
    ingest_paths(paths, st, processor=Replay(outcomes))
    assert iris.LIFECYCLE_GRAPH in st.graph_iris()
    out = tmp_path / "dump.nq"
    st.dump("nq", out)
    quads = [q for q in out.read_text().splitlines() if q.endswith(f"{LIFECYCLE} .")]
    links = [q for q in quads if "#amends>" in q or "#terminates>" in q]
    assert len(links) == len(expected)
    assert len(quads) == len(links) + 1  # and how many filings were linked (store:linkedGraphs)
