"""The store contract, on every backend: embedded Oxigraph, memory, and a real Virtuoso server."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib import XSD, BNode, Graph, Literal, Namespace
from rdflib.compare import isomorphic

from pactgraph.graph.store import SOURCE_SHA256, NTriples, open_store, to_ntriples
from pactgraph.nlp.errors import ConfigError, QueryError, StoreError

EX = Namespace("https://example.org/pg-test/")
SHA_A = "a" * 64
SHA_B = "b" * 64


def filing_graph(n: int, tag: str = "") -> Graph:
    """A small graph in the shape of a filing's: IRIs, typed literals, language tags, odd text."""
    g = Graph()
    for i in range(n):
        s = EX[f"{tag}agreement/{i}"]
        g.add((s, rdflib.RDF.type, EX.Agreement))
        g.add((s, EX.title, Literal(f'Cooperation Agreement "No. {i}" {tag}')))
        g.add(
            (
                s,
                EX.quote,
                Literal(
                    "Norsk Hydro Produksjon AS (\u201cHydro\u201d)\n"
                    "\tSoci\u00e9t\u00e9 \\ \U0001f600"
                ),
            )
        )
        g.add((s, EX.date, Literal("2007-12-18", datatype=XSD.date)))
        g.add((s, EX.percent, Literal("23.5", datatype=XSD.decimal)))
        g.add((s, EX.n_count, Literal(i)))
        g.add((s, rdflib.RDFS.label, Literal("accord", lang="fr")))
    return g


def without_bookkeeping(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        if t[1] != SOURCE_SHA256:
            out.add(t)
    return out


@pytest.fixture(params=["memory", "oxigraph", "virtuoso"])
def store(request, tmp_path):
    if request.param == "memory":
        st = open_store("memory:")
    elif request.param == "oxigraph":
        st = open_store(f"oxigraph:{tmp_path / 'ox'}")
    else:
        server = request.getfixturevalue("virtuoso")
        st = open_store(server.spec(auth=True))
        for iri in st.graph_iris():  # the server lives for the session: start clean
            st.remove_graph(iri)
    with st:
        yield st


def test_replace_graph_stores_the_graph_whole_and_a_rerun_changes_nothing(store):
    g = filing_graph(20)
    n = store.replace_graph(EX.g1, g, source_sha256=SHA_A)
    assert n == len(g)
    assert store.triple_count(EX.g1) == len(g) + 1  # + the bookkeeping triple
    assert isomorphic(without_bookkeeping(store.graph(EX.g1)), g)
    before = store.triple_count()
    store.replace_graph(EX.g1, g, source_sha256=SHA_A)
    assert store.triple_count() == before
    assert store.graph_iris() == [EX.g1]


def test_replace_graph_replaces_everything_of_the_old_graph(store):
    store.replace_graph(EX.g1, filing_graph(10, "old"), source_sha256=SHA_A)
    store.replace_graph(EX.g2, filing_graph(3, "other"), source_sha256=SHA_B)
    new = filing_graph(4, "new")
    store.replace_graph(EX.g1, new, source_sha256=SHA_B)
    assert isomorphic(without_bookkeeping(store.graph(EX.g1)), new)
    assert store.graph_sha256(EX.g1) == SHA_B
    assert store.triple_count(EX.g2) == len(filing_graph(3, "other")) + 1
    assert store.graph_iris() == sorted([EX.g1, EX.g2])


def test_source_graph_and_remove_graph(store):
    store.replace_graph(EX.g1, filing_graph(2), source_sha256=SHA_A)
    assert store.source_graph(SHA_A) == EX.g1
    assert store.source_graph(SHA_B) is None
    assert store.has_graph(EX.g1) and not store.has_graph(EX.g2)
    store.remove_graph(EX.g1)
    store.remove_graph(EX.nothing)  # silently nothing
    assert store.graph_iris() == []
    assert store.triple_count() == 0
    assert store.source_graph(SHA_A) is None


def test_without_a_source_the_content_hash_is_recorded(store):
    store.replace_graph(EX.g1, filing_graph(2))
    sha = store.graph_sha256(EX.g1)
    assert sha and len(sha) == 64
    store.replace_graph(EX.g9, filing_graph(2))
    assert store.graph_sha256(EX.g9) == sha


def test_query_forms_give_one_result_type(store):
    store.replace_graph(EX.g1, filing_graph(3), source_sha256=SHA_A)
    sel = store.query(f"SELECT ?t WHERE {{ <{EX['agreement/1']}> <{EX.title}> ?t }}")
    assert sel.kind == "select" and sel.vars == ["t"]
    assert [str(r["t"]) for r in sel.rows] == ['Cooperation Agreement "No. 1" ']
    # the default graph is the union of the named graphs on every backend
    typed = store.query(
        f"SELECT ?d ?p WHERE {{ <{EX['agreement/2']}> <{EX.date}> ?d ; <{EX.percent}> ?p }}"
    )
    assert typed.rows[0]["d"] == Literal("2007-12-18", datatype=XSD.date)
    assert float(typed.rows[0]["p"]) == 23.5
    assert store.query(f"ASK {{ GRAPH <{EX.g1}> {{ ?s <{EX.n_count}> 2 }} }}").boolean is True
    assert store.query(f"ASK {{ ?s <{EX.n_count}> 99 }}").boolean is False
    cons = store.query(f"CONSTRUCT {{ ?s <{EX.title}> ?t }} WHERE {{ ?s <{EX.title}> ?t }}")
    assert cons.kind == "graph" and len(cons.triples) == 3
    quote = store.query(f"SELECT ?q WHERE {{ <{EX['agreement/0']}> <{EX.quote}> ?q }}").rows[0]["q"]
    assert (
        str(quote)
        == "Norsk Hydro Produksjon AS (\u201cHydro\u201d)\n\tSoci\u00e9t\u00e9 \\ \U0001f600"
    )
    label = store.query(
        f"SELECT ?l WHERE {{ <{EX['agreement/0']}> <{rdflib.RDFS.label}> ?l }}"
    ).rows[0]["l"]
    assert label.language == "fr"


def test_malformed_query_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.query("SELECT ?x WHERE { ?x ")


def test_update_and_counts(store):
    store.update(
        f'INSERT DATA {{ GRAPH <{EX.g5}> {{ <{EX.a}> <{EX.b}> "c" . <{EX.g5}> <{SOURCE_SHA256}> '
        f'"{SHA_A}" }} }}'
    )
    assert store.triple_count(EX.g5) == 2
    assert EX.g5 in store.graph_iris()


def test_blank_nodes_never_reach_the_store(store):
    g = Graph()
    b = BNode("x1")
    g.add((b, EX.name, Literal("anonymous")))
    g.add((EX.a, EX.knows, b))
    store.replace_graph(EX.g1, g, source_sha256=SHA_A)
    res = store.query(f"SELECT ?s WHERE {{ GRAPH <{EX.g1}> {{ ?s ?p ?o }} FILTER(isBlank(?s)) }}")
    assert res.rows == []
    assert store.triple_count(EX.g1) == 3


@pytest.mark.parametrize("fmt,rdflib_fmt", [("nq", "nquads"), ("trig", "trig")])
def test_dump_quads_round_trips(store, fmt, rdflib_fmt):
    g1, g2 = filing_graph(3, "a"), filing_graph(2, "b")
    store.replace_graph(EX.g1, g1, source_sha256=SHA_A)
    store.replace_graph(EX.g2, g2, source_sha256=SHA_B)
    buf = io.BytesIO()
    store.dump(fmt, buf)
    ds = rdflib.Dataset()
    ds.parse(data=buf.getvalue().decode("utf-8"), format=rdflib_fmt)
    assert isomorphic(without_bookkeeping(ds.graph(EX.g1)), g1)
    assert isomorphic(without_bookkeeping(ds.graph(EX.g2)), g2)


def test_dump_triples_is_the_union(store, tmp_path):
    store.replace_graph(EX.g1, filing_graph(3, "a"), source_sha256=SHA_A)
    store.replace_graph(EX.g2, filing_graph(2, "b"), source_sha256=SHA_B)
    out = tmp_path / "all.ttl"
    store.dump("ttl", out)
    g = Graph().parse(out, format="turtle")
    assert len(without_bookkeeping(g)) == len(filing_graph(3, "a")) + len(filing_graph(2, "b"))


def test_dataset_view(store):
    store.replace_graph(EX.g1, filing_graph(3), source_sha256=SHA_A)
    ds = store.dataset()
    assert isinstance(ds, rdflib.Dataset)
    assert len(ds.graph(EX.g1)) == len(filing_graph(3)) + 1


def test_ntriples_text_is_canonical_and_escaped():
    g = filing_graph(2)
    nt = to_ntriples(g)
    assert isinstance(nt, NTriples) and nt.count == len(g)
    assert to_ntriples(filing_graph(2)) == nt  # same graph, same text
    back = Graph().parse(data=str(nt), format="nt")
    assert isomorphic(back, g)
    ascii_nt = to_ntriples(g, ascii_only=True)
    assert ascii_nt.isascii()
    assert isomorphic(Graph().parse(data=str(ascii_nt), format="nt"), g)


def test_open_store_specs(tmp_path, monkeypatch):
    with open_store("memory:") as st:
        assert st.spec == "memory:"
    monkeypatch.setenv("PACTGRAPH_STORE", f"oxigraph:{tmp_path / 'env'}")
    with open_store() as st:
        assert st.spec == f"oxigraph:{tmp_path / 'env'}"
    assert (tmp_path / "env").is_dir()
    with pytest.raises(ConfigError):
        open_store("mongodb://nope")
    with pytest.raises(ConfigError):
        open_store("sparql:ftp://example.org/sparql")


def test_oxigraph_is_written_by_one_process_and_read_by_others_through_published_views(tmp_path):
    path = tmp_path / "ox"
    with open_store(f"oxigraph:{path}") as st:
        st.replace_graph(EX.g1, filing_graph(5), source_sha256=SHA_A)
    # while one process has it open for writing, another can't write it (RocksDB's lock) and
    # reads the writer's newest published view (reading the store itself then is undefined
    # behaviour in pyoxigraph); once the writer closed it, the store itself
    code = (
        "import sys\nfrom pactgraph.graph.store import open_store\n"
        "from pactgraph.nlp.errors import StoreError\n"
        f"if sys.argv[1:] == ['write']:\n  try:\n    open_store('oxigraph:{path}')\n"
        "  except StoreError as e:\n    print('locked', e)\n"
        f"with open_store('oxigraph:{path}', read_only=True) as ro:\n"
        "    print('view' if ro.view else 'store', ro.triple_count(), len(ro.graph_iris()))\n"
    )

    def read(*args: str) -> list[str]:
        run = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
        )
        assert run.returncode == 0, run.stderr
        return run.stdout.splitlines()

    one = len(filing_graph(5)) + 1
    with open_store(f"oxigraph:{path}") as st:
        st.replace_graph(EX.g2, filing_graph(3), source_sha256=SHA_B)
        locked, seen = read("write")
        assert "in use" in locked and str(path) in locked
        assert seen == f"view {one} 1"  # the view published when the writer opened the store
        st.flush()  # publishes
        assert read() == [f"view {one + len(filing_graph(3)) + 1} 2"]
        st.remove_graph(EX.g1)
        assert read() == [f"view {one + len(filing_graph(3)) + 1} 2"]  # not flushed yet
    assert read() == [f"store {len(filing_graph(3)) + 1} 1"]
    with pytest.raises(StoreError):
        open_store(f"oxigraph:{tmp_path / 'missing'}", read_only=True)


def one_filing_store(tmp_path) -> Path:
    """An embedded store at ``tmp_path/ox`` with one filing's graph (``EX.g1``); its path."""
    path = tmp_path / "ox"
    with open_store(f"oxigraph:{path}") as st:
        st.replace_graph(EX.g1, filing_graph(5), source_sha256=SHA_A)
    return path


def writer_in_another_process(path: Path, body: str) -> subprocess.Popen:
    """A Python process that opens the store at ``path`` for writing as ``st`` and runs ``body``
    (text lines on its stdin and stdout)."""
    code = (
        f"import sys\nfrom pactgraph.graph.store import open_store\n"
        f"st = open_store('oxigraph:{path}')\n{body}"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def test_a_reader_opened_before_a_writer_moves_to_its_view(tmp_path):
    """A long-lived read-only store (a notebook, a server) opened before an ingest in another
    process starts does not read the store under the writer: its next read is from the newest
    view the writer published."""
    path = one_filing_store(tmp_path)
    reader = open_store(f"oxigraph:{path}", read_only=True)
    assert reader.view is None and not reader.read_while_written()
    writer = writer_in_another_process(
        path,
        (
            "st.update('INSERT DATA { GRAPH <urn:g2> { <urn:a> <urn:b> <urn:c> } }')\nst.flush()\n"
            "st.update('INSERT DATA { GRAPH <urn:g3> { <urn:a> <urn:b> <urn:c> } }')\n"
            "print('ready', flush=True)\nsys.stdin.read()\n"
        ),
    )
    try:
        assert writer.stdout.readline() == "ready\n"
        assert reader.read_while_written()
        graphs = {str(g) for g in reader.graph_iris()}
        assert reader.view is not None
        assert graphs == {str(EX.g1), "urn:g2"}  # the flushed write, not the one after
    finally:
        writer.stdin.close()
        writer.wait(60)
    assert {str(g) for g in reader.graph_iris()} == {str(EX.g1), "urn:g2"}  # a snapshot stays one
    reader.close()
    with open_store(f"oxigraph:{path}", read_only=True) as fresh:
        assert fresh.view is None and len(fresh.graph_iris()) == 3


def test_a_dataset_keeps_the_view_it_reads_after_its_store_is_closed(tmp_path):
    """Closing a store that reads a writer's view lets the writer remove that view — but not
    while an rdflib Dataset the store handed out still reads it."""
    import gc

    path = one_filing_store(tmp_path)
    writer = writer_in_another_process(
        path,
        (
            "print('ok', flush=True)\n"
            "for k, line in enumerate(sys.stdin):\n"
            "    st.update(f'INSERT DATA {{ GRAPH <urn:w{k}> {{ <urn:a> <urn:b> <urn:c> }} }}')\n"
            "    st.flush()\n    print('ok', flush=True)\n"
        ),
    )

    def publish() -> None:
        writer.stdin.write("go\n")
        writer.stdin.flush()
        assert writer.stdout.readline() == "ok\n"

    try:
        assert writer.stdout.readline() == "ok\n"
        reader = open_store(f"oxigraph:{path}", read_only=True)
        view = reader.view.path
        ds = reader.dataset()
        reader.close()
        publish()
        assert view.exists()  # the dataset still reads it
        assert (
            len(list(ds.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")))
            == len(filing_graph(5)) + 1
        )
        del ds
        gc.collect()  # rdflib's Dataset is in reference cycles: gone when the collector runs
        publish()
        assert not view.exists()  # nobody reads it: removed at the next publication
    finally:
        writer.stdin.close()
        writer.wait(60)


@pytest.mark.virtuoso
def test_sparql_store_needs_the_right_password(virtuoso):
    url = virtuoso.auth_url.replace("http://", "http://dba:wrong@")
    with open_store(f"sparql:{url}") as st, pytest.raises(StoreError):
        st.replace_graph(EX.g1, filing_graph(1), source_sha256=SHA_A)


@pytest.mark.virtuoso
def test_sparql_store_with_separate_update_url_and_anonymous_endpoint(virtuoso):
    with open_store(f"sparql:{virtuoso.query_url},{virtuoso.query_url}") as st:
        st.replace_graph(EX.anon, filing_graph(2), source_sha256=SHA_A)
        assert st.triple_count(EX.anon) == len(filing_graph(2)) + 1
        st.remove_graph(EX.anon)
        assert not st.has_graph(EX.anon)


def test_unreachable_sparql_endpoint_is_a_store_error():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with open_store(f"sparql:http://127.0.0.1:{port}/sparql") as st, pytest.raises(StoreError):
        st.query("ASK {}")
