"""The web interface's pages, rendered from a real store of the seed filing (no browser: the
HTML as served; the browser tests are in test_web_browser.py)."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
from pactgraph.graph import web
from pactgraph.graph.query import run_query
from pactgraph.graph.web import highlight, urls

pytestmark = pytest.mark.shared

SEED_KEY = "sha256-72166729876bebec4252"
SEED_FILING = f"/id/filing/{SEED_KEY}"
AGREEMENT = f"{SEED_FILING}/agreement/cooperation-agreement-eb162a17"
COMPANY = "/id/org/ascent-solar-technologies"
INJECTED = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"


def ingest(paths: list[Path], store_dir: Path) -> str:
    from pactgraph.graph.ingest import ingest_paths
    from pactgraph.graph.store import open_store

    spec = f"oxigraph:{store_dir}"
    with open_store(spec) as st:
        ingest_paths([str(p) for p in paths], st)
    return spec


def injected_copy(seed_path: Path, folder: Path) -> Path:
    """The seed with HTML in its evidence sentence and a line of markup after the item heading
    (a ``filings/`` folder, so the store records it relative to ``folder``)."""
    text = seed_path.read_text()
    text = text.replace(
        "executed a definitive Cooperation Agreement",
        f"executed a definitive {INJECTED} Cooperation Agreement",
        1,
    )
    text = text.replace(
        "Item 1.01 Entry into a Material Definitive Agreement.",
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n<b>Not bold</b>"
        " &amp; </pre></mark><script>alert(1)</script>",
        1,
    )
    out = folder / "filings" / "injected-test_2007-12-19.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    return out


def selector(store):
    def run_select(sparql: str) -> list[dict[str, str | None]]:
        result = run_query(store, sparql)
        return [{v: (str(r[v]) if v in r else None) for v in result.vars} for r in result.rows]

    return run_select


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seed_path):
    from pactgraph.graph.store import open_store

    spec = ingest([seed_path], tmp_path_factory.mktemp("web-seed") / "store")
    store = open_store(spec, read_only=True)
    web.configure(filing_roots=[seed_path.parent.parent])
    yield store
    store.close()
    web.configure(filing_roots=[])


@pytest.fixture(scope="module")
def get(seed_store):
    run_select = selector(seed_store)

    def get(path: str, **params: str) -> tuple[int, str, str]:
        answer = web.handle_request("GET", path, {k: [v] for k, v in params.items()}, run_select)
        assert answer is not None, path
        status, ctype, body = answer
        return status, ctype, body.decode("utf-8")

    return get


def text_of(html: str) -> str:
    """The visible text of an HTML page, roughly (tags dropped, whitespace folded)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_company_page_shows_the_agreement_the_stake_and_the_highlighted_evidence(get):
    status, ctype, html = get(COMPANY)
    assert status == 200 and ctype.startswith("text/html")
    assert "<h1>Ascent Solar Technologies, Inc.</h1>" in html
    assert "State of incorporation</dt><dd>Delaware" in html
    assert f'href="{AGREEMENT}">Cooperation Agreement</a>' in html
    assert 'href="/id/org/norsk-hydro-produksjon">Norsk Hydro Produksjon AS</a>' in html
    assert "approximately 23%" in text_of(html)
    assert '<mark class="word">Cooperation Agreement</mark>' in html
    assert '<mark class="word">23%</mark>' in html
    assert f'href="{SEED_FILING}#ev-agreement-cooperation-agreement-eb162a17"' in html
    assert 'href="/id/person/matthew-b-foster">Matthew B. Foster</a>' in html
    assert '<svg class="network"' in html and "23% · 1 agreement" in html


def test_person_page_lists_positions_with_their_organization(get):
    status, _, html = get("/id/person/matthew-b-foster")
    assert status == 200 and "<h1>Matthew B. Foster</h1>" in html
    assert (
        'President and CEO at <a href="/id/org/ascent-solar-technologies">'
        "Ascent Solar Technologies, Inc.</a>"
    ) in html


def test_agreement_page_has_parties_with_roles_lifecycle_and_evidence(get):
    status, _, html = get(AGREEMENT)
    assert status == 200
    page = text_of(html)
    assert "Norsk Hydro Produksjon AS counterparty" in page
    assert "Ascent Solar Technologies, Inc. registrant" in page
    assert "entered 2007-12-18 Cooperation Agreement (this page)" in page
    assert '<mark class="word">Norsk Hydro Produksjon AS</mark>' in html


def test_filing_page_marks_every_fact_span_in_the_report_text(get):
    status, _, html = get(SEED_FILING)
    assert status == 200
    assert '<pre class="report-text">' in html
    for anchor in (
        "ev-agreement-cooperation-agreement-eb162a17",
        "ev-stake-norsk-hydro-produksjon--ascent-solar-technologies",
    ):
        assert f'href="#{anchor}"' in html  # listed by fact, linked to its span
        assert re.search(rf'(<mark class="span"| class="anchor") id="{anchor}"', html)
    assert '<span class="word">Norsk Hydro Produksjon AS</span>' in html
    assert "Item 1.01 Entry into a Material Definitive Agreement." in html


def test_filing_text_is_not_shown_when_the_source_file_differs(seed_store, seed_path, tmp_path):
    changed = tmp_path / "filings" / seed_path.name
    changed.parent.mkdir()
    changed.write_bytes(seed_path.read_bytes() + b"\nchanged\n")
    web.configure(filing_roots=[tmp_path])
    try:
        status, _, body = web.handle_request("GET", SEED_FILING, {}, selector(seed_store))
    finally:
        web.configure(filing_roots=[seed_path.parent.parent])
    html = body.decode()
    assert status == 200 and '<pre class="report-text">' not in html
    assert "was not found with the SHA-256 the store recorded" in html
    assert "Cooperation Agreement" in html  # the facts and their evidence are still listed


def test_search_finds_by_name_part_and_ranks_prefix_first(get):
    status, ctype, body = get("/api/search", q="ascent")
    hits = json.loads(body)
    assert ctype.startswith("application/json")
    assert hits[0] == {
        "iri": "https://pactgraph.org/id/org/ascent-solar-technologies",
        "url": COMPANY,
        "name": "Ascent Solar Technologies, Inc.",
        "kind": "organization",
        "cik": None,
        "also": hits[0]["also"],
    }
    assert hits[0]["also"] in (None, "Ascent")  # "Ascent" when the store keeps the alias
    assert [h["name"] for h in json.loads(get("/api/search", q="hydro")[2])] == [
        "Norsk Hydro Produksjon AS"
    ]
    assert json.loads(get("/api/search", q='x" } ; DROP ALL #')[2]) == []
    status, _, html = get("/search", q="Foster")
    assert 'href="/id/person/matthew-b-foster"' in html


def test_query_page_lists_saved_queries_ready_to_run(get):
    status, _, html = get("/query", saved="stakes")
    assert status == 200
    assert 'data-name="counterparties-shareholders"' in html
    assert 'data-endpoint="/sparql"' in html
    assert "SELECT ?holder ?percent ?qualifier ?target ?stake ?filing" in html  # ?saved=stakes
    assert 'src="/static/query.js"' in html


def test_unknown_and_malformed_paths(get, seed_store):
    run_select = selector(seed_store)
    assert get("/id/org/no-such-company")[0] == 404
    assert get("/id/org/a%3Eb")[0] == 404
    assert get("/id/org/../../etc/passwd")[0] == 404
    assert web.handle_request("GET", "/nothing-here", {}, run_select) is None
    assert web.handle_request("POST", COMPANY, {}, run_select) is None
    assert web.handle_request("GET", "/static/../__init__.py", {}, run_select) is None
    assert web.handle_request("GET", "/static/app.py", {}, run_select) is None
    status, ctype, body = web.handle_request("GET", "/static/pactgraph.css", {}, run_select)
    assert status == 200 and ctype.startswith("text/css") and b"mark.word" in body


def test_every_entity_iri_has_a_page(get, seed_store):
    rows = run_query(seed_store, "SELECT DISTINCT ?s WHERE { ?s ?p ?o }").values("s")
    ours = [s for s in rows if urls.page_url(s)]
    assert len(ours) >= 20  # filing, items, facts, evidence, spans, selectors, roles, agents
    for iri in ours:
        path = urls.page_url(iri)
        assert urls.iri_of_path(path) == iri
        assert get(path)[0] == 200, iri


def test_injected_markup_in_a_filing_is_shown_as_text(tmp_path, seed_path):
    from pactgraph.graph.store import open_store

    injected = injected_copy(seed_path, tmp_path / "corpus")
    spec = ingest([injected], tmp_path / "store")
    web.configure(filing_roots=[tmp_path / "corpus"])
    try:
        with open_store(spec, read_only=True) as store:
            run_select = selector(store)
            filing = run_query(
                store,
                "PREFIX pg: <https://pactgraph.org/ontology#> SELECT ?f WHERE { ?f a pg:Filing }",
            ).values("f")[0]
            pages = [
                web.handle_request("GET", p, {}, run_select)[2].decode()
                for p in (
                    COMPANY,
                    urls.page_url(filing),
                    AGREEMENT.replace(SEED_KEY, filing.rsplit("/", 1)[-1]),
                )
            ]
    finally:
        web.configure(filing_roots=[])
    for html in pages[:2]:
        assert "&lt;script&gt;document.title=" in html
    assert "&lt;b&gt;Not bold&lt;/b&gt; &amp;amp; &lt;/pre&gt;&lt;/mark&gt;" in pages[1]
    for html in pages:
        assert "<script>" not in html.replace('<script src="/static/', "")
        assert "<img" not in html and "<b>" not in html


def test_word_patterns_find_names_dates_and_percents():
    text = "On Dec. 18, 2007, ACME Corp. bought 23.0 percent of Foo, Inc. (12/18/07) <b>"
    pattern = highlight.word_patterns(["Acme  Corp.", "Foo, Inc."], ["2007-12-18"], ["23"])
    found = [text[a:b] for a, b in highlight.find_words(text, pattern)]
    assert found == ["Dec. 18, 2007", "ACME Corp.", "23.0 percent", "Foo, Inc.", "12/18/07"]
    assert str(highlight.marked(text, pattern)).endswith(
        '(<mark class="word">12/18/07</mark>) &lt;b&gt;'
    )
    assert highlight.find_words(text, highlight.word_patterns(["Cor", "CME"])) == []  # whole words


def test_overlapping_spans_split_into_pieces_with_one_anchor_each():
    text = "abcdefghij"
    html = str(
        highlight.annotated(text, [highlight.Span("a", 0, 6, [(1, 3)]), highlight.Span("b", 4, 10)])
    )
    assert re.sub(r"<[^>]+>", "", html) == text
    assert html.count('id="a"') == 1 and html.count('id="b"') == 1
    assert '<mark class="span" id="b" data-facts="a b">ef</mark>' in html
    assert '<span class="word">bc</span>' in html


def test_served_by_pactgraph_serve_beside_the_endpoint(seed_store):
    from pactgraph.graph.server import start_in_thread

    server, endpoint = start_in_thread(seed_store)
    base = endpoint.rsplit("/", 1)[0]
    try:
        with urllib.request.urlopen(base + COMPANY, timeout=30) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
            assert b"Norsk Hydro Produksjon AS" in response.read()
        with urllib.request.urlopen(base + "/", timeout=30) as response:
            assert b'data-suggest="/api/search"' in response.read()
        request = urllib.request.Request(base + "/api/search?q=ascent", method="HEAD")
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200 and response.read() == b""
        with urllib.request.urlopen(endpoint + "?query=ASK%7B%7D", timeout=30) as response:
            assert json.loads(response.read()) == {"head": {}, "boolean": True}
    finally:
        server.shutdown()


def test_amendments_and_terminations_link_to_their_base_agreement():
    """IBM's 2025 amendments of its 2024 credit agreements and Nike's 2025 termination of its
    2024 Credit Agreement (gold facts, linked as after an ingest)."""
    import gold_facts
    import pyoxigraph as ox
    from pactgraph.graph.build.builder import build_filing_graph
    from pactgraph.graph.link.lifecycle import run_post_ingest

    store = ox.Store()
    for facts in gold_facts.all_gold_facts():
        if facts["source"]["file"].startswith(
            (
                "filings/0000051143_2024-06",
                "filings/0000051143_2025-06",
                "filings/0000320187_2024",
                "filings/0000320187_2025",
            )
        ):
            iri, graph = build_filing_graph(facts)
            store.load(
                graph.serialize(format="nt").encode(),
                ox.RdfFormat.N_TRIPLES,
                to_graph=ox.NamedNode(iri),
            )
    run_post_ingest(store)
    run_select = selector(store)
    links = run_select(
        "PREFIX pg: <https://pactgraph.org/ontology#> SELECT ?later ?earlier "
        "WHERE { ?later pg:amends|pg:terminates ?earlier } ORDER BY ?later"
    )
    assert len(links) >= 3
    for link in links:
        status, _, body = web.handle_request("GET", urls.page_url(link["earlier"]), {}, run_select)
        page = text_of(body.decode())
        assert status == 200 and page.count("(this page)") == 1
        later = urls.page_url(link["later"])
        assert f'href="{later}"' in body.decode()  # the later version, in the lifecycle
        lifecycle = page.split("Lifecycle")[1]
        assert re.search(r"(entered|amended) \S+ .*(amended|terminated) \S+ ", lifecycle)
        status, _, body = web.handle_request("GET", later, {}, run_select)
        assert re.search(
            r"(amends|terminates) <a href=\"" + re.escape(urls.page_url(link["earlier"])),
            body.decode(),
        )
    companies = {
        r["org"]
        for r in run_select(
            "PREFIX pg: <https://pactgraph.org/ontology#> SELECT DISTINCT ?org WHERE { "
            "?a pg:amends|pg:terminates ?b . ?b pg:hasParty ?org . ?org pg:cik ?cik }"
        )
    }
    for org in companies:
        html = web.handle_request("GET", urls.page_url(org), {}, run_select)[2].decode()
        assert re.search(r"<li>(amended|terminated) by <a href=", html)
        assert re.search(r"<li>(amends|terminates) <a href=", html)


def test_busy_company_timeline_pages_newest_first():
    """30 agreements of one company: the page shows the 25 newest, the next page the rest;
    the drawing counts all 30 with the bank."""
    import pyoxigraph as ox

    from pactgraph.graph.build.builder import build_filing_graph
    from pactgraph.graph.web.entity_sparql import PAGE_SIZE

    agreements = [
        {
            "title": f"Loan Agreement {n}",
            "kind": "credit",
            "action": "entered",
            "date": f"2020-01-{n:02d}",
            "parties": ["Busy Corp", "Lender Bank, N.A."],
        }
        for n in range(1, 31)
    ]
    facts = {
        "source": {"file": "filings/busy.txt", "sha256": "ab" * 32},
        "filing": {
            "registrant": {"name": "Busy Corp", "cik": "0000000001"},
            "date_of_report": "2020-02-01",
            "accession": "0000000001-20-000001",
        },
        "agreements": agreements,
    }
    iri, graph = build_filing_graph(facts)
    store = ox.Store()
    store.load(
        graph.serialize(format="nt").encode(), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(iri)
    )
    run_select = selector(store)
    company = "/id/org/cik-0000000001"
    first = web.handle_request("GET", company, {}, run_select)[2].decode()
    titles = re.findall(r'">(Loan Agreement \d+)</a></h3>', first)
    assert PAGE_SIZE == 25 and titles == [f"Loan Agreement {n}" for n in range(30, 5, -1)]
    assert "Newest first: 1–25 of 30." in first and f'href="{company}?page=2#agreements"' in first
    assert "30 agreements" in first  # the bank's node in the drawing
    second = web.handle_request("GET", company, {"page": ["2"]}, run_select)[2].decode()
    assert re.findall(r'">(Loan Agreement \d+)</a></h3>', second) == [
        f"Loan Agreement {n}" for n in range(5, 0, -1)
    ]
    assert f'href="{company}?page=1#agreements">← newer</a>' in second


def test_a_refused_query_gives_an_error_page_with_the_endpoints_status(seed_store):
    """A page query stopped at the endpoint's time limit (a real worker, 1 ns limit)."""
    from pactgraph.graph.server import EndpointConfig, run_select

    config = EndpointConfig(timeout=1e-9)

    def stopped(sparql: str):
        return run_select(seed_store, sparql, config)

    status, ctype, body = web.handle_request("GET", COMPANY, {}, stopped)
    assert status == 503 and ctype.startswith("text/html")
    assert "time limit" in body.decode() or "busy" in body.decode()
    status, ctype, body = web.handle_request("GET", "/api/search", {"q": ["a"]}, stopped)
    assert status == 503 and json.loads(body)["status"] == 503


def test_web_bench_picks_and_times_the_pages_on_the_seed(seed_store, benchmark_module):
    """The benchmark's page choice and both timings run (on the seed; no speed asserted)."""
    from pactgraph.graph.server import start_in_thread

    bench = benchmark_module("web_bench")
    pages = bench.pages(seed_store)
    assert pages[next(iter(pages))] == COMPANY  # the busiest: the seed's registrant
    assert AGREEMENT in pages.values() and SEED_FILING in pages.values()
    server, endpoint = start_in_thread(seed_store)
    try:
        for path in pages.values():
            assert len(bench.timed_http(endpoint.rsplit("/", 1)[0] + path, 2)) == 2
            assert len(bench.timed_direct(seed_store, path, 2)) == 2
    finally:
        server.shutdown()


def test_pages_show_no_loaded_rdf_beside_a_filings_facts(tmp_path, seed_path):
    """RDF a user loads with --allow-project-iris about an extracted stake and company sits in
    its load graph; the pages read facts from the filing graphs only, so none of it shows."""
    from pactgraph.graph.ingest import load_rdf
    from pactgraph.graph.store import open_store

    spec = ingest([seed_path], tmp_path / "store")
    pg = "https://pactgraph.org/ontology#"
    company = urls.iri_of_path(COMPANY)
    with open_store(spec) as st:
        stake = str(run_query(st, f"SELECT ?s WHERE {{ ?s <{pg}percent> ?p }}").rows[0]["s"])
        poison = tmp_path / "poison.ttl"
        poison.write_text(
            f'<{stake}> <{pg}percent> 99 ; <{pg}qualifier> "exact" .\n'
            f'<{company}> <{pg}name> "Zyzzyva Holdings" ; '
            f'<{pg}stateOfIncorporation> "Atlantis" .\n'
        )
        load_rdf(st, poison, allow_project_iris=True)
        assert run_query(st, f"ASK {{ <{stake}> <{pg}percent> 99 }}").boolean  # it is there
        run_select = selector(st)

        def page(path: str, **params: str) -> str:
            answer = web.handle_request(
                "GET", path, {k: [v] for k, v in params.items()}, run_select
            )
            assert answer is not None and answer[0] == 200, path
            return text_of(answer[2].decode("utf-8"))

        shown = page(COMPANY)
        assert "approximately 23%" in shown and "Delaware" in shown
        assert "99" not in shown and "Atlantis" not in shown and "Zyzzyva" not in shown
        stake_page = page(urls.page_url(stake))
        assert "23" in stake_page and "99" not in stake_page
        assert "No company or person has a name" in page("/search", q="Zyzzyva")
