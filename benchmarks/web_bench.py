"""Web interface benchmark: pages served by ``pactgraph serve`` at ~1M triples.

    python -m benchmarks.web_bench [--store DIR] [--filings 10500] [--repeat 30]

Builds (once; kept for later runs) an embedded Oxigraph store from the first ``--filings``
generated filings (``benchmarks/generate.py``; ~95 triples a filing), serves it with the
endpoint's server on 127.0.0.1 and times the pages over HTTP: the busiest company's page (the
organization party to the most agreements), one of its agreements, its filing, a search, the
query page. Each page query runs in the endpoint's worker process under its limits, as served;
the same pages rendered in process (queries run directly on the store) are timed beside them,
so the cost of the worker per query shows.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

TARGET_P50 = 0.200  # seconds, the busiest company's page
WARM = 8  # loads of each page before timing: more than the server has query workers

_BUSIEST = """PREFIX pg: <https://pactgraph.org/ontology#>
SELECT ?org (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a pg:hasParty ?org . ?org a pg:Organization }
GROUP BY ?org ORDER BY DESC(?n) LIMIT 1"""


def build_store(store: Path, generated: Path, filings: int, workers: int) -> None:
    """Ingest the first ``filings`` generated filings into ``store`` unless it is there."""
    if (store / "CURRENT").exists():
        return
    from pactgraph.graph.ingest import expand_paths

    from benchmarks.generate import generate
    from benchmarks.store_bench import measure_ingest

    generate(generated, max(filings, 1))
    paths = expand_paths([generated])[:filings]
    report = measure_ingest(paths, workers, store)
    print(
        f"ingested {report['filings']} filings, {report['store_triples']:,} triples in "
        f"{report['seconds']:.0f} s"
    )


def pages(store) -> dict[str, str]:
    """name -> path of the pages timed, picked from the store's own data."""
    from pactgraph.graph.query import run_query
    from pactgraph.graph.web.urls import page_url

    busiest = run_query(store, _BUSIEST).rows[0]
    org = str(busiest["org"])
    agreement = run_query(
        store,
        f"""PREFIX pg: <https://pactgraph.org/ontology#>
        SELECT ?a ?f WHERE {{ ?a pg:hasParty <{org}> ; pg:statedIn ?f }}
        ORDER BY ?a LIMIT 1""",
    ).rows[0]
    name = run_query(
        store,
        f"""PREFIX pg: <https://pactgraph.org/ontology#>
        SELECT ?n WHERE {{ <{org}> pg:name ?n }} ORDER BY ?n LIMIT 1""",
    ).rows[0]["n"]
    word = max(str(name).split(), key=len)[:8]
    return {
        f"company page, busiest ({busiest['n']} agreements)": page_url(org),
        "agreement page": page_url(str(agreement["a"])),
        "filing page (report text marked; read once)": page_url(str(agreement["f"])),
        f"search as you type ({word!r})": f"/api/search?q={word}",
        "query page": "/query",
    }


def timed_http(url: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            if response.status != 200:
                raise SystemExit(f"{url}: HTTP {response.status}")
        times.append(time.perf_counter() - started)
    return times


def timed_direct(store, path: str, repeat: int) -> list[float]:
    from urllib.parse import parse_qs, urlsplit

    from pactgraph.graph.query import run_query
    from pactgraph.graph.web import handle_request

    def run_select(sparql: str) -> list[dict[str, str | None]]:
        result = run_query(store, sparql)
        return [{v: (str(r[v]) if v in r else None) for v in result.vars} for r in result.rows]

    split = urlsplit(path)
    params = parse_qs(split.query, keep_blank_values=True)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        status, _, _ = handle_request("GET", split.path, params, run_select)
        times.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"{path}: status {status}")
    return times


def pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_tmp = Path(tempfile.gettempdir())
    ap.add_argument("--store", type=Path, default=default_tmp / "pactgraph-web-bench-store")
    ap.add_argument("--generated", type=Path, default=default_tmp / "pactgraph-gen20k")
    ap.add_argument("--filings", type=int, default=10500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args(argv)

    from pactgraph.graph.server import EndpointConfig, start_in_thread
    from pactgraph.graph.store import open_store
    from rich.console import Console
    from rich.table import Table

    build_store(args.store, args.generated, args.filings, args.workers)
    store = open_store(f"oxigraph:{args.store}", read_only=True)
    console = Console(width=160)
    table = Table(
        title=f"web pages at {store.triple_count():,} triples (p50 / p95 of "
        f"{args.repeat} loads after {WARM} not counted)"
    )
    for col in ("page", "served p50", "served p95", "in process p50", "target"):
        table.add_column(col, justify="right" if col != "page" else "left")
    server, endpoint = start_in_thread(store, config=EndpointConfig())
    base = endpoint.rsplit("/", 1)[0]
    worst = None
    try:
        for name, path in pages(store).items():
            timed_http(base + path, WARM)  # templates compiled, the server's workers started
            served = timed_http(base + path, args.repeat)
            direct = timed_direct(store, path, args.repeat)
            target = ""
            if name.startswith("company page"):
                worst = pct(served, 50)
                met = "met" if worst < TARGET_P50 else "NOT met"
                target = f"< {TARGET_P50 * 1000:.0f} ms p50: {met}"
            table.add_row(
                name,
                *(
                    f"{pct(t, q) * 1000:.1f} ms"
                    for t, q in ((served, 50), (served, 95), (direct, 50))
                ),
                target,
            )
    finally:
        server.shutdown()
        store.close()
    console.print(table)
    return 0 if worst is not None and worst < TARGET_P50 else 1


if __name__ == "__main__":
    sys.exit(main())
