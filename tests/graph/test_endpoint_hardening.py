"""Hardening of ``pactgraph serve``, tested against the real command on 127.0.0.1 (random port).

``tests/graph/test_serve.py`` tests the endpoint in a thread (updates, SERVICE and ``file:``
datasets refused, time and size limits). Here the real server process is attacked with the
variants a hostile client would try: updates in every transport and spelling, SERVICE hidden
behind comments, strings, IRIs with ``#`` and odd case, ``FROM``/``FROM NAMED``/``BASE`` tricks
and protocol parameters to make the server read a local secret file, heavy cross joins (one and
several at once), huge results, huge request bodies. The only other hosts used are loopback ones:
a closed port, and a trap server that records any request made to it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import loopback
import pytest
from pactgraph.graph.ingest import ingest_paths
from pactgraph.graph.store import open_store

PACTGRAPH = shutil.which("pactgraph", path=os.path.dirname(sys.executable)) or shutil.which(
    "pactgraph"
)
SECRET = "PACTGRAPH-ENDPOINT-SECRET-5e1f"
TIMEOUT = 2.0
MAX_ROWS = 50
CROSS_JOIN = (
    "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " }"
)
INSERT = "INSERT DATA { GRAPH <urn:evil> { <urn:a> <urn:b> <urn:c> } }"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends


@pytest.fixture(scope="module")
def trap():
    """A loopback HTTP server that records every request made to it."""
    body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
    with loopback.trap(lambda path: (200, "application/sparql-results+json", body)) as (url, hits):
        yield f"{url}/sparql", hits


@pytest.fixture(scope="module")
def secret_files(tmp_path_factory):
    """A local secret as Turtle and as plain text: no query may bring it back."""
    d = tmp_path_factory.mktemp("secret")
    ttl = d / "secret.ttl"
    ttl.write_text(f'<urn:secret> <urn:says> "{SECRET}" .\n')
    txt = d / "secret.txt"
    txt.write_text(SECRET + "\n")
    return ttl, txt


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_path):
    """``pactgraph serve`` over a store holding the seed, on a random loopback port."""
    if PACTGRAPH is None:
        pytest.skip("the pactgraph command is not installed")
    db = tmp_path_factory.mktemp("store") / "ox"
    with open_store(f"oxigraph:{db}") as st:
        report = ingest_paths([seed_path], st)
        assert report.filings == 1
        triples = st.triple_count()
    assert triples > MAX_ROWS, "the seed graph must be larger than the row limit for the size test"
    proc = subprocess.Popen(
        [
            PACTGRAPH,
            "serve",
            "--store",
            f"oxigraph:{db}",
            "--port",
            "0",
            "--quiet",
            "--timeout",
            str(TIMEOUT),
            "--max-rows",
            str(MAX_ROWS),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "400"},
    )
    url = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        line = proc.stdout.readline()
        m = re.search(r"http://[\d.]+:(\d+)/\S*", line or "")
        if m:
            url = m.group(0).rstrip(".;,)")
            break
    if url is None:
        proc.kill()
        pytest.fail(f"pactgraph serve did not start: {proc.stderr.read()[-2000:]}")
    assert url.startswith("http://127.0.0.1:"), f"the default host is not loopback: {url}"
    yield url, db, triples
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def http(url, **kw) -> tuple[int, str]:
    status, _, body = loopback.request(url, **kw)
    return status, body


def store_count(db) -> int:
    with open_store(f"oxigraph:{db}", read_only=True) as st:
        return st.triple_count()


def _still_alive(url):
    status, body = http(url, params={"query": "ASK { ?s ?p ?o }"})
    assert status == 200 and json.loads(body)["boolean"] is True


# --------------------------------------------------------------------------- updates

UPDATES = [
    INSERT,
    "insert data { graph <urn:evil> { <urn:a> <urn:b> <urn:c> } }",
    "# a comment\n" + INSERT,
    "PREFIX ex: <http://example.org/>\n" + INSERT,
    "BASE <http://example.org/> " + INSERT,
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "CLEAR DEFAULT",
    "DROP ALL",
    "DROP SILENT GRAPH <urn:x>",
    "CREATE GRAPH <urn:new>",
    "COPY DEFAULT TO <urn:copy>",
    "MOVE DEFAULT TO <urn:moved>",
    "ADD DEFAULT TO <urn:added>",
    "LOAD <file:///etc/passwd>",
    "LOAD <file:///etc/passwd> INTO GRAPH <urn:g>",
    f"LOAD SILENT <http://127.0.0.1:{_closed_port()}/x.ttl>",
    INSERT + " ; " + "CLEAR ALL",
]


def test_updates_are_refused_in_every_transport(server):
    url, db, before = server
    for upd in UPDATES:
        answers = {
            "GET query=": http(url, params={"query": upd}),
            "GET update=": http(url, params={"update": upd}),
            "POST form query=": http(
                url,
                data=urllib.parse.urlencode({"query": upd}).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            ),
            "POST form update=": http(
                url,
                data=urllib.parse.urlencode({"update": upd}).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            ),
            "POST sparql-update": http(
                url, data=upd.encode(), headers={"Content-Type": "application/sparql-update"}
            ),
            "POST sparql-query": http(
                url, data=upd.encode(), headers={"Content-Type": "application/sparql-query"}
            ),
            "POST update=, query in URL": http(
                url + "?" + urllib.parse.urlencode({"query": "ASK {}"}),
                data=urllib.parse.urlencode({"update": upd}).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            ),
        }
        for how, (status, body) in answers.items():
            assert 400 <= status < 500, f"{how} {upd!r}: answered {status} {body[:200]}"
    assert store_count(db) == before
    status, body = http(url, params={"query": "ASK { GRAPH ?g { <urn:a> ?p ?o } }"})
    assert status == 200 and json.loads(body)["boolean"] is False
    _still_alive(url)


def test_other_http_methods_change_nothing(server):
    url, db, before = server
    for method in ("PUT", "DELETE", "PATCH"):
        status, _ = http(
            url,
            data=b"<urn:a> <urn:b> <urn:c> .",
            method=method,
            headers={"Content-Type": "text/turtle"},
        )
        assert status >= 400, f"{method} answered {status}"
    assert store_count(db) == before


# --------------------------------------------------------------------------- SERVICE


def _service_variants(target: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ sErViCe SILENT <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . SERVICE\t<{target}>{{ ?s ?q ?r }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o }}SERVICE<{target}>{{}}",  # not valid, but must not run
        f"SELECT * WHERE {{ ?s <http://x/#frag> ?o . SERVICE <{target}> {{ ?s ?q ?r }} }}",
        f'SELECT * WHERE {{ ?s ?p "a#b" . SERVICE <{target}> {{ ?s ?q ?r }} }}',
        f"SELECT * WHERE {{ ?s ?p 'it''s' . SERVICE <{target}> {{ ?s ?q ?r }} }}",
        f"# don't\nSELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ ?s ?p """x""" . SERVICE <{target}> {{ ?s ?q ?r }} }}',
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o < 5) SERVICE <{target}> {{ ?s ?q ?r }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{target}> {{ ?s ?q ?r }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ BIND(<{target}> AS ?ep) SERVICE ?ep {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"PREFIX svc: <{target}> SELECT * WHERE {{ SERVICE svc: {{ ?s ?p ?o }} }}",
    ]


def test_service_to_another_host_is_refused(server, trap):
    url, _, _ = server
    trap_url, hits = trap
    closed = f"http://127.0.0.1:{_closed_port()}/sparql"
    for target in (closed, trap_url):
        for q in _service_variants(target):
            status, body = http(url, params={"query": q})
            assert status in (400, 403), f"{q!r}: answered {status} {body[:300]}"
            if status == 403:
                assert "SERVICE" in json.loads(body)["message"]
    # the POST transports too
    q = _service_variants(trap_url)[0]
    for status, body in (
        http(url, data=q.encode(), headers={"Content-Type": "application/sparql-query"}),
        http(
            url,
            data=urllib.parse.urlencode({"query": q}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
    ):
        assert status == 403, body[:300]
    assert hits == [], f"the endpoint made requests to another server: {hits}"
    _still_alive(url)


# --------------------------------------------------------------------------- local files


def test_no_file_is_read_through_a_query(server, secret_files):
    url, db, before = server
    ttl, txt = secret_files
    uris = [
        ttl.as_uri(),
        txt.as_uri(),
        "file:" + str(ttl),
        "FILE://" + str(ttl),
        "file://localhost" + str(ttl),
        "file:///etc/passwd",
    ]
    queries = []
    for u in uris:
        queries += [
            f"SELECT * FROM <{u}> WHERE {{ ?s ?p ?o }}",
            f"SELECT * FROM NAMED <{u}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ GRAPH <{u}> {{ ?s ?p ?o }} }}",
            f"DESCRIBE <{u}>",
            f"CONSTRUCT {{ ?s ?p ?o }} FROM <{u}> WHERE {{ ?s ?p ?o }}",
            f'ASK FROM <{u}> {{ ?s ?p "{SECRET}" }}',
        ]
    base = ttl.parent.as_uri() + "/"
    queries += [
        f"BASE <{base}> SELECT * FROM <secret.ttl> WHERE {{ ?s ?p ?o }}",
        f"BASE <{base}> SELECT * FROM NAMED <secret.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"PREFIX f: <{base}> SELECT * WHERE {{ GRAPH f:secret.ttl {{ ?s ?p ?o }} }}",
        "SELECT * FROM <../../../../etc/passwd> WHERE { ?s ?p ?o }",
    ]
    for q in queries:
        status, body = http(
            url,
            params={"query": q},
            headers={"Accept": "application/sparql-results+json, text/turtle"},
        )
        assert SECRET not in body, f"{q!r} returned the secret file's content"
        assert "root:" not in body, f"{q!r} returned /etc/passwd"
        if status == 200 and body.lstrip().startswith("{"):
            data = json.loads(body)
            if "boolean" in data:
                assert data["boolean"] is False, q
    for key in ("default-graph-uri", "named-graph-uri"):
        for u in (ttl.as_uri(), "file:///etc/passwd"):
            status, body = http(
                url, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5", key: u}
            )
            assert SECRET not in body and "root:" not in body
            assert status >= 400 or '"bindings"' in body
    assert store_count(db) == before


def test_paths_outside_the_endpoint_are_not_served(server):
    url, _, _ = server
    root = url.rsplit("/", 1)[0]
    for path in (
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/sparql/../../etc/passwd",
        "//etc/passwd",
        "/static/../../../etc/passwd",
    ):
        status, body = http(root + path)
        assert "root:" not in body and SECRET not in body
        assert status in (400, 404) or (status == 200 and "sd:Service" in body), f"{path}: {status}"


# --------------------------------------------------------------------------- time and size


def test_heavy_cross_join_is_stopped_at_the_time_limit(server):
    url, _, _ = server
    started = time.monotonic()
    status, body = http(url, params={"query": CROSS_JOIN}, timeout=120)
    took = time.monotonic() - started
    assert status >= 500 and status != 200, f"answered {status}: {body[:200]}"
    assert "time" in json.loads(body)["message"].lower()
    assert took < TIMEOUT + 10, f"stopped only after {took:.1f} s (limit {TIMEOUT} s)"
    _still_alive(url)


def test_several_heavy_queries_at_once_do_not_take_the_server_down(server):
    url, _, _ = server
    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(
                lambda i: http(url, params={"query": CROSS_JOIN + f" # {i}"}, timeout=120), range(8)
            )
        )
    took = time.monotonic() - started
    assert all(status >= 500 for status, _ in answers), [s for s, _ in answers]
    assert took < 4 * TIMEOUT + 20, f"8 heavy queries held the server for {took:.1f} s"
    _still_alive(url)


def test_result_size_is_bounded(server):
    url, _, _ = server
    for q in (
        "SELECT * WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 100000",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DESCRIBE ?s WHERE { ?s ?p ?o }",
    ):
        status, body = http(url, params={"query": q})
        assert status >= 400, f"{q!r}: {status}, {len(body)} bytes"
    status, body = http(url, params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    _still_alive(url)


def _post_headers_only(url: str, ctype: str, length: int) -> int:
    """Announce a ``length``-byte body, send none of it, and read the status the server answers
    (a server that refuses early need not read the body)."""
    u = urllib.parse.urlsplit(url)
    with socket.create_connection((u.hostname, u.port), timeout=30) as sock:
        sock.sendall(
            (
                f"POST {u.path} HTTP/1.1\r\nHost: {u.netloc}\r\nContent-Type: {ctype}\r\n"
                f"Content-Length: {length}\r\nConnection: close\r\n\r\n"
            ).encode()
        )
        sock.sendall(b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 1000)
        status_line = sock.makefile("rb").readline().decode("latin-1")
    return int(status_line.split()[1])


def test_huge_requests_are_refused(server):
    url, _, _ = server
    assert _post_headers_only(url, "application/sparql-query", 2_000_000_000) == 413
    assert _post_headers_only(url, "application/x-www-form-urlencoded", 50_000_000) == 413
    status, _ = http(url, params={"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_000})
    assert status in (413, 414, 431, 400)
    _still_alive(url)
