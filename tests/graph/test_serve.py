"""The SPARQL endpoint, for real: a server on a random loopback port, a real SPARQL client
(SPARQLWrapper) and raw HTTP (urllib and httpx), over an embedded Oxigraph store.

Covers the SPARQL 1.1 Protocol (GET, POST form, POST sparql-query), content negotiation, the
hardening of issue 9 (updates, SERVICE, LOAD / file datasets refused; time and size bounded),
CORS, and the seed's answers being the same through the CLI, the Python API and the endpoint.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib

from pactgraph.graph.build.builder import build_filing_graph
from pactgraph.graph.query import run_query, run_saved
from pactgraph.graph.server import EndpointConfig, Refused, check_query, negotiate, start_in_thread
from pactgraph.graph.store import open_store

REPO = Path(__file__).resolve().parents[2]
PG = "https://pactgraph.org/ontology#"
ASCENT = "Ascent Solar Technologies, Inc."
HYDRO = "Norsk Hydro Produksjon AS"
PARTIES = f"""PREFIX pg: <{PG}>
SELECT DISTINCT ?name WHERE {{ ?a pg:title "Cooperation Agreement" ; pg:hasParty ?p .
  ?p pg:name ?name }} ORDER BY ?name"""
# a cross product that runs for minutes on any store with a few triples
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(12)) + " }"
)


import gold_facts as GF  # noqa: E402  (tests/graph/conftest.py puts it on the path)

pytestmark = pytest.mark.skipif(not GF.available(), reason="../shared not beside the repo")


@pytest.fixture(scope="module")
def store(gold_store_spec):
    st = open_store(gold_store_spec, read_only=True)
    yield st
    st.close()


@pytest.fixture(scope="module")
def endpoint(store):
    server, url = start_in_thread(store, config=EndpointConfig(timeout=2.0, max_rows=5000))
    yield url
    server.shutdown()
    server.server_close()


def http(url, *, params=None, data=None, headers=None, method=None):
    """(status, headers, body text) of one request; HTTP errors are answers too."""
    if params:
        url = url + "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode("utf-8")


# --------------------------------------------------------------------------- a real client


def test_sparqlwrapper_select_ask_construct(endpoint):
    from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

    sw = SPARQLWrapper(endpoint)
    sw.setQuery(PARTIES)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == [ASCENT, HYDRO]

    sw.setMethod("POST")
    sw.setReturnFormat(XML)
    doc = sw.query().convert()  # an xml.dom document
    values = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert values == [ASCENT, HYDRO]

    sw = SPARQLWrapper(endpoint)
    sw.setQuery(f"ASK {{ ?s <{PG}percent> ?p FILTER(?p > 20) }}")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True

    sw = SPARQLWrapper(endpoint)
    sw.setQuery(f"CONSTRUCT {{ ?s <{PG}percent> ?p }} WHERE {{ ?s <{PG}percent> ?p }}")
    sw.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g) >= 1
    sw.setReturnFormat("xml")
    g = sw.query().convert()  # SPARQLWrapper parses RDF/XML into an rdflib Graph
    assert len(g) >= 1


# --------------------------------------------------------------------------- raw HTTP


def test_get_and_post_forms(endpoint):
    status, headers, body = http(endpoint, params={"query": PARTIES})
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]] == [ASCENT, HYDRO]
    form = urllib.parse.urlencode({"query": PARTIES}).encode()
    status, _, body = http(
        endpoint, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200 and ASCENT in body
    status, _, body = http(
        endpoint,
        data=PARTIES.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200
    assert list(csv.reader(io.StringIO(body))) == [["name"], [ASCENT], [HYDRO]]


@pytest.mark.parametrize(
    "accept,ctype,parse",
    [
        ("application/sparql-results+json", "application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        ("text/csv", "text/csv", "csv"),
        ("text/tab-separated-values", "text/tab-separated-values", "tsv"),
        (
            "text/csv;q=0.5, application/sparql-results+xml;q=0.9",
            "application/sparql-results+xml",
            "xml",
        ),
        ("*/*", "application/sparql-results+json", "json"),
    ],
)
def test_content_negotiation_for_results(endpoint, accept, ctype, parse):
    status, headers, body = http(endpoint, params={"query": PARTIES}, headers={"Accept": accept})
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == ctype
    res = rdflib.query.Result.parse(io.StringIO(body), format=parse)
    assert sorted(str(r[0]) for r in res) == [ASCENT, HYDRO]


@pytest.mark.parametrize(
    "accept,ctype,parser",
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        (None, "text/turtle", "turtle"),
    ],
)
def test_content_negotiation_for_graphs(endpoint, accept, ctype, parser):
    q = f"CONSTRUCT {{ ?s <{PG}percent> ?p }} WHERE {{ ?s <{PG}percent> ?p }}"
    status, headers, body = http(
        endpoint, params={"query": q}, headers={"Accept": accept} if accept else {}
    )
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] == ctype
    g = rdflib.Graph().parse(data=body, format=parser)
    assert len(g) >= 1


def test_format_parameter_and_not_acceptable(endpoint):
    status, headers, _ = http(endpoint, params={"query": PARTIES, "format": "csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    status, _, body = http(endpoint, params={"query": PARTIES}, headers={"Accept": "image/png"})
    assert status == 406 and "offered" in json.loads(body)["message"]


def test_malformed_query_is_400_with_the_parser_message(endpoint):
    status, headers, body = http(endpoint, params={"query": "SELECT * WHERE { ?s ?p }"})
    assert status == 400
    msg = json.loads(body)["message"]
    assert "malformed SPARQL query" in msg and "1:" in msg


def test_service_description_without_query(endpoint):
    status, headers, body = http(endpoint)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    assert (
        None,
        rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#endpoint"),
        None,
    ) in g


# --------------------------------------------------------------------------- hardening


def count(store) -> int:
    return store.triple_count()


def test_updates_are_refused(endpoint, store):
    before = count(store)
    insert = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    for status, _, body in (
        http(
            endpoint,
            data=urllib.parse.urlencode({"update": insert}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
        http(endpoint, data=insert.encode(), headers={"Content-Type": "application/sparql-update"}),
        http(endpoint, params={"update": insert}),
        http(endpoint, params={"query": insert}),
        http(endpoint, params={"query": "DROP ALL"}),
        http(endpoint, params={"query": "LOAD <file:///etc/passwd> INTO GRAPH <urn:g>"}),
    ):
        assert status == 403, body
        assert "read-only" in json.loads(body)["message"]
    assert count(store) == before
    status, _, body = http(endpoint, params={"query": "ASK { GRAPH <urn:x> { ?s ?p ?o } }"})
    assert json.loads(body)["boolean"] is False


def test_service_and_file_datasets_are_refused(endpoint):
    hits = []
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Trap(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *a):
            pass

    trap = ThreadingHTTPServer(("127.0.0.1", 0), Trap)
    threading.Thread(target=trap.serve_forever, daemon=True).start()
    try:
        remote = f"http://127.0.0.1:{trap.server_port}/sparql"
        for q in (
            f"SELECT * WHERE {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}",
            f"select * where {{ service silent <{remote}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{remote}> {{ ?s ?q ?r }} }} }}",
        ):
            status, _, body = http(endpoint, params={"query": q})
            assert status == 403 and "SERVICE" in json.loads(body)["message"]
        for q in (
            "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
            "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
        ):
            status, _, body = http(endpoint, params={"query": q})
            assert status == 403 and "file" in json.loads(body)["message"]
        status, _, _ = http(
            endpoint,
            params={
                "query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                "default-graph-uri": "file:///etc/passwd",
            },
        )
        assert status == 400
    finally:
        trap.shutdown()
        trap.server_close()
    assert hits == []
    # words that only look like the keywords are fine
    status, _, _ = http(
        endpoint,
        params={"query": 'SELECT ?service WHERE { ?service ?p "SERVICE <http://x>" } LIMIT 1'},
    )
    assert status == 200


def test_check_query_and_negotiate_units():
    from pactgraph.graph.server import Confinement, check_parsed

    assert check_query("SELECT * WHERE { ?s ?p ?o }") == "select"
    with pytest.raises(Refused) as err:
        check_query("INSERT DATA { <a:b> <a:c> <a:d> }")
    assert err.value.status == 403
    for confined in (Confinement(no_network=True), Confinement(no_network=False)):
        with pytest.raises(Refused) as err:
            check_parsed(
                "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", EndpointConfig(), confined
            )
        assert err.value.status == 403
    check_parsed(
        "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
        EndpointConfig(allow_service=True),
        Confinement(),
    )
    with pytest.raises(Refused) as err:
        check_query("SELECT * WHERE { ?s ?p ?o }" + " " * 100, EndpointConfig(max_query_bytes=50))
    assert err.value.status == 413
    assert negotiate("select", "text/html, */*;q=0.1") == (
        "json",
        "application/sparql-results+json",
    )
    assert negotiate("construct", "application/json") == ("jsonld", "application/ld+json")
    assert negotiate("ask", None, "xml") == ("xml", "application/sparql-results+xml")


def test_query_over_the_time_limit_is_stopped(endpoint):
    import psutil

    status, _, body = http(endpoint, params={"query": SLOW})
    assert status == 503
    assert "time limit" in json.loads(body)["message"]
    # the worker was stopped: no process of ours is left running the query (its replacement
    # waits for the next query)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        procs = psutil.Process().children(recursive=True)
        before = sum(sum(p.cpu_times()[:2]) for p in procs if p.is_running())
        time.sleep(0.5)
        busy = sum(sum(p.cpu_times()[:2]) for p in procs if p.is_running()) - before
        if busy < 0.2:
            break
    assert busy < 0.2
    # and the endpoint still answers
    status, _, _ = http(endpoint, params={"query": "ASK { ?s ?p ?o }"})
    assert status == 200


def test_result_size_is_bounded(store):
    server, url = start_in_thread(store, config=EndpointConfig(max_rows=10))
    try:
        status, _, body = http(url, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert status == 422 and "more than 10" in json.loads(body)["message"]
        status, _, body = http(url, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"})
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 10
        status, _, body = http(url, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
        assert status == 422
    finally:
        server.shutdown()
        server.server_close()


def test_cors_is_off_by_default_and_configurable(endpoint, store):
    _, headers, _ = http(
        endpoint, params={"query": "ASK {}"}, headers={"Origin": "http://example.org"}
    )
    assert headers.get("Access-Control-Allow-Origin") is None
    server, url = start_in_thread(store, config=EndpointConfig(cors_origins=("http://a.example",)))
    try:
        _, headers, _ = http(
            url, params={"query": "ASK {}"}, headers={"Origin": "http://a.example"}
        )
        assert headers["Access-Control-Allow-Origin"] == "http://a.example"
        _, headers, _ = http(
            url, params={"query": "ASK {}"}, headers={"Origin": "http://b.example"}
        )
        assert headers.get("Access-Control-Allow-Origin") is None
        status, headers, _ = http(url, method="OPTIONS", headers={"Origin": "http://a.example"})
        assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    finally:
        server.shutdown()
        server.server_close()


def test_httpx_client(endpoint):
    import httpx

    with httpx.Client(timeout=30) as client:  # keep-alive: several requests on one connection
        for _ in range(3):
            r = client.post(
                endpoint,
                data={"query": PARTIES},
                headers={"Accept": "application/sparql-results+json"},
            )
            assert r.status_code == 200
            assert [b["name"]["value"] for b in r.json()["results"]["bindings"]] == [ASCENT, HYDRO]
        r = client.get(endpoint, params={"query": "SELECT * WHERE {"})
        assert r.status_code == 400 and "malformed" in r.json()["message"]


# --------------------------------------------------------------------------- the seed, 3 ways


def test_seed_answers_same_through_cli_api_and_endpoint(tmp_path, seed_path):
    """Issue 7 acceptance: ingest the seed with the real command, then ask who the parties of the
    Cooperation Agreement are and who holds what of Ascent through the CLI, the Python API and
    the endpoint (served by ``pactgraph serve`` in a subprocess)."""
    exe = shutil.which("pactgraph", path=str(Path(sys.executable).parent)) or "pactgraph"
    spec = f"oxigraph:{tmp_path / 'store'}"
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    run = subprocess.run(
        [exe, "ingest", str(seed_path), "--store", spec],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    stakes_q = f"""PREFIX pg: <{PG}>
SELECT ?holder ?percent ?qualifier WHERE {{ ?s pg:holder/pg:name ?holder ;
  pg:target/pg:name ?target ; pg:percent ?percent ; pg:qualifier ?qualifier .
  FILTER(CONTAINS(LCASE(?target), "ascent")) }} ORDER BY ?holder"""

    def answers(parties_json, stakes_json):
        names = sorted({b["name"]["value"] for b in parties_json["results"]["bindings"]})
        stakes = sorted(
            {
                (b["holder"]["value"], float(b["percent"]["value"]), b["qualifier"]["value"])
                for b in stakes_json["results"]["bindings"]
            }
        )
        return names, stakes

    # 1. the CLI
    got = []
    for q in (PARTIES, stakes_q):
        r = subprocess.run(
            [exe, "query", q, "--store", spec, "--format", "json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert r.returncode == 0, r.stderr
        got.append(json.loads(r.stdout))
    cli_answers = answers(*got)

    # 2. the Python API
    with open_store(spec, read_only=True) as st:
        api_answers = answers(run_query(st, PARTIES).to_json(), run_query(st, stakes_q).to_json())
        saved = run_saved(st, "parties").records()

    # 3. the endpoint, served by `pactgraph serve`
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [exe, "serve", "--store", spec, "--port", str(port), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _ = http(url)
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, server.stderr.read()
            time.sleep(0.2)
        got = []
        for q in (PARTIES, stakes_q):
            status, _, body = http(
                url, params={"query": q}, headers={"Accept": "application/sparql-results+json"}
            )
            assert status == 200, body
            got.append(json.loads(body))
        http_answers = answers(*got)
    finally:
        server.terminate()
        server.wait(10)

    assert cli_answers == api_answers == http_answers
    names, stakes = api_answers
    assert names == [ASCENT, HYDRO]
    assert stakes == [(HYDRO, 23.0, "approximately")]
    assert saved  # the saved "parties" query answers too


def live_store(tmp_path, facts) -> str:
    """An embedded store at ``tmp_path/live`` holding the graph of ``facts``; its spec."""
    spec = f"oxigraph:{tmp_path / 'live'}"
    with open_store(spec) as st:
        st.replace_graph(*build_filing_graph(facts))
    return spec


def test_endpoint_sees_filings_ingested_after_it_started(tmp_path):
    facts = GF.all_gold_facts()
    spec = live_store(tmp_path, facts[0])
    served = open_store(spec, read_only=True)
    server, url = start_in_thread(served)
    try:
        q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        _, _, body = http(url, params={"query": q})
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"
        with open_store(spec) as st:  # an ingest while the endpoint serves
            iri, g = build_filing_graph(facts[1])
            st.replace_graph(iri, g)
        _, _, body = http(url, params={"query": q})
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2"
    finally:
        server.shutdown()
        server.server_close()
        served.close()


WRITER = """
import sys, pickle
from pactgraph.graph.store import open_store
spec, graphs = sys.argv[1], pickle.load(sys.stdin.buffer)
with open_store(spec) as st:
    for k, (iri, nt) in enumerate(graphs):
        st.update(f"INSERT DATA {{ GRAPH <{iri}> {{ {nt} }} }}")
        if k == 0:
            st.flush()  # publishes a view with the first of them
    print("ready", flush=True)
    sys.stdin.read()
"""


@pytest.mark.parametrize("refresh", [True, False])
def test_endpoint_reads_published_views_while_another_process_writes(tmp_path, refresh):
    """An ingest in another process starts while the endpoint serves a store it opened before:
    the endpoint answers from the view the writer published last (reading the store itself now
    is undefined behaviour in pyoxigraph), with or without per-query refresh."""
    import pickle

    facts = GF.all_gold_facts()
    spec = live_store(tmp_path, facts[0])
    served = open_store(spec, read_only=True)
    server, url = start_in_thread(served, config=EndpointConfig(refresh=refresh))
    writer = None
    try:
        q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        count = lambda: json.loads(http(url, params={"query": q})[2])["results"]["bindings"][0][
            "n"
        ]["value"]
        assert count() == "1"
        graphs = [
            (str(i), g.serialize(format="nt")) for i, g in map(build_filing_graph, facts[1:3])
        ]
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, spec],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=False,
        )
        writer.stdin.write(pickle.dumps(graphs))
        writer.stdin.flush()
        assert writer.stdout.readline() == b"ready\n"
        assert served.read_while_written()
        assert count() == "2"  # the first graph it wrote was published, the second not yet
        writer.stdin.close()
        assert writer.wait(60) == 0
        writer = None
        # closed: the store itself with refresh; else the snapshot the server holds, which moved
        # to the writer's view and stays there (never back to the one before the writer)
        assert count() == ("3" if refresh else "2")
    finally:
        if writer is not None:
            writer.kill()
        server.shutdown()
        server.server_close()
        served.close()


def test_endpoint_answers_503_while_a_writer_that_published_no_view_holds_the_store(tmp_path):
    """A writer that publishes no view (plain pyoxigraph, an older pactgraph) holds the store:
    the endpoint neither reads the store under it, nor the views an earlier writer left, nor
    hangs; it answers 503 saying why."""
    spec = live_store(tmp_path, GF.seed_facts())
    served = open_store(spec, read_only=True)
    server, url = start_in_thread(served)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, pyoxigraph\n"
            "db = pyoxigraph.Store(sys.argv[1])\nprint('ready', flush=True)\n"
            "sys.stdin.read()\n",
            str(tmp_path / "live"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline() == "ready\n"
        status, _, body = http(url, params={"query": PARTIES})
        assert status == 503, body
        assert "open for writing in another process" in body
        assert str(tmp_path) not in body  # the server's paths are not the client's business
    finally:
        writer.stdin.close()
        writer.wait(60)
        server.shutdown()
        server.server_close()
        served.close()


def test_endpoint_over_a_memory_store_with_concurrent_requests():
    from concurrent.futures import ThreadPoolExecutor

    st = open_store("memory:")
    iri, g = build_filing_graph(GF.seed_facts())
    st.replace_graph(iri, g)
    server, url = start_in_thread(st, config=EndpointConfig(timeout=30))
    try:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda _: http(url, params={"query": PARTIES}), range(16)))
        for status, _, body in results:
            assert status == 200
            assert [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]] == [
                ASCENT,
                HYDRO,
            ]
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- web UI hook


def _web_module(calls):
    """A stand-in for the optional web UI package: answers /hello with the parties it selects
    through the endpoint, and nothing else (None)."""
    import types

    def handle_request(method, path, params, run_select):
        calls.append((method, path, params))
        if path != "/hello":
            return None
        rows = run_select(PARTIES)
        body = "|".join(r["name"] for r in rows).encode("utf-8")
        return 200, "text/plain; charset=utf-8", body

    module = types.ModuleType("pactgraph.graph.web")
    module.handle_request = handle_request
    return module


def test_get_off_the_endpoint_path_goes_to_the_web_ui(monkeypatch):
    from pactgraph.graph.server import WEB_MODULE

    st = open_store("memory:")
    st.replace_graph(*build_filing_graph(GF.seed_facts()))
    server, url = start_in_thread(st, config=EndpointConfig(timeout=30))
    root = url.rsplit("/", 1)[0]
    try:
        monkeypatch.setitem(sys.modules, WEB_MODULE, None)  # no web UI installed: 404 as before
        assert http(root + "/hello")[0] == 404
        calls: list = []
        monkeypatch.setitem(sys.modules, WEB_MODULE, _web_module(calls))
        status, headers, body = http(root + "/hello", params={"q": "x"})
        assert (status, body) == (200, f"{ASCENT}|{HYDRO}")
        assert calls[-1] == ("GET", "/hello", {"q": ["x"]})
        status, headers, body = http(root + "/hello", method="HEAD")
        assert (status, body, headers["Content-Length"]) == (200, "", str(len(f"{ASCENT}|{HYDRO}")))
        assert http(root + "/nothing")[0] == 404  # the UI has no such page
        # the endpoint path and the service description are never handed over
        n = len(calls)
        assert http(url, params={"query": PARTIES})[0] == 200
        assert "sd:Service" in http(url)[2]
        assert "sd:Service" in http(root + "/")[2]  # the UI has no page at /
        assert all(c[1] != "/sparql" for c in calls[n:])
    finally:
        server.shutdown()
        server.server_close()


def test_web_ui_queries_are_bounded_like_the_endpoints(monkeypatch):
    """run_select refuses what the endpoint refuses and stops at the same time limit."""
    from pactgraph.graph.server import Refused, run_select

    st = open_store("memory:")
    st.replace_graph(*build_filing_graph(GF.seed_facts()))
    config = EndpointConfig(timeout=1.0)
    assert [r["name"] for r in run_select(st, PARTIES, config)] == [ASCENT, HYDRO]
    for bad, status in (
        ("INSERT DATA { <a:b> <a:c> <a:d> }", 403),
        ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", 403),
        ("ASK { ?s ?p ?o }", 400),
        (SLOW, 503),
    ):
        with pytest.raises(Refused) as info:
            run_select(st, bad, config)
        assert info.value.status == status, bad
