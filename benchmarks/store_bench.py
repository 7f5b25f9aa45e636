"""Store and ingest benchmarks: throughput, peak memory, query latency, scaling with workers.

    python -m benchmarks.store_bench [--generated DIR] [--count 20000] [--skip-large]

1. ingest throughput (filings/s, triples/s) and peak RSS on the corpus, and on a generated
   corpus of ``--count`` filings (``benchmarks/generate.py``; made when missing);
2. the saved competency queries at ~1M triples: p50/p95 latency on embedded Oxigraph and on
   rdflib's Memory store, side by side, with the ratio; and counterparties-shareholders built up
   one lookup at a time (``lookup_ladder``: what a lookup costs on each engine);
3. scaling: filings/s with 1 and 2 workers on the corpus.

Each ingest runs in its own process (``pactgraph.graph.ingest.ingest_paths`` into a fresh
Oxigraph store); its RSS and that of its workers is sampled every 0.2 s, their proportional set
size (shared pages split between the processes that map them) every 2 s.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "filings"
MB = 1024 * 1024

_CHILD = """
import json, sys
from pactgraph.graph.ingest import ingest_paths
from pactgraph.graph.store import open_store
store, workers, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
with open_store(store) as st:
    r = ingest_paths(paths, st, workers=workers)
print(json.dumps({"files": r.files, "filings": r.filings, "skipped": r.skipped,
                  "triples": r.triples, "errors": len(r.errors),
                  "seconds": r.seconds, "store_triples": r.store_triples}))
"""


def measure_ingest(paths: list[str], workers: int, store_dir: Path) -> dict:
    """Ingest ``paths`` in a child process; its report plus wall time and peak RSS."""
    import psutil

    shutil.rmtree(store_dir, ignore_errors=True)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, f"oxigraph:{store_dir}", str(workers), *paths],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    proc = psutil.Process(child.pid)
    peak_main = peak_tree = peak_pss = 0
    last_pss = 0.0
    while child.poll() is None:
        try:
            kids = proc.children(recursive=True)
            main = proc.memory_info().rss
            tree = main + sum(c.memory_info().rss for c in kids)
            if time.perf_counter() - last_pss >= 2:  # reading smaps costs more: every 2 s
                last_pss = time.perf_counter()
                peak_pss = max(peak_pss, sum(q.memory_full_info().pss for q in [proc, *kids]))
        except psutil.Error:
            main = tree = 0
        peak_main, peak_tree = max(peak_main, main), max(peak_tree, tree)
        time.sleep(0.2)
    out, err = child.communicate()
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"ingest failed: {err[-2000:]}")
    report = json.loads(out.strip().splitlines()[-1])
    report.update(
        wall=wall,
        peak_main_mb=peak_main / MB,
        peak_tree_mb=peak_tree / MB,
        peak_tree_pss_mb=peak_pss / MB,
        workers=workers,
    )
    report["filings_per_s"] = report["filings"] / report["seconds"]
    report["triples_per_s"] = report["triples"] / report["seconds"]
    return report


# --------------------------------------------------------------------------- queries

#: the competency questions of issue 5 (the saved queries the latency target is about)
COMPETENCY = (
    "agreements-of",
    "counterparties-shareholders",
    "stakes-above",
    "agreements-by-kind-year",
    "amendments-of",
    "evidence-of",
)

_PICKS = {  # parameter values taken from the benchmark's own data (queries run before timing)
    "agreements-of": (
        "company",
        "busiest company",
        """PREFIX pg: <https://pactgraph.org/ontology#>
        SELECT ?v WHERE { { SELECT ?o (COUNT(*) AS ?n) WHERE { ?a pg:hasParty ?o } GROUP BY ?o
        ORDER BY DESC(?n) LIMIT 1 } ?o pg:name ?v } ORDER BY ?v LIMIT 1""",
    ),
    "evidence-of": (
        "fact",
        "an agreement of the data",
        """PREFIX pg: <https://pactgraph.org/ontology#>
        SELECT ?v WHERE { ?v pg:title ?t ; pg:hasEvidence ?e } ORDER BY ?v LIMIT 1""",
    ),
    "amendments-of": (
        "agreement",
        "most amended agreement",
        """PREFIX pg: <https://pactgraph.org/ontology#>
        SELECT ?v WHERE { ?l pg:amends ?v } GROUP BY ?v ORDER BY DESC(COUNT(*)) ?v LIMIT 1""",
    ),
}


def saved_queries(picked: dict[str, tuple[str, str]] | None = None) -> dict[str, str]:
    """name -> SPARQL with its defaults bound, plus ``name (what)`` -> SPARQL with the values
    ``picked`` (name -> (param, value)) for queries whose defaults may not occur in the data."""
    from pactgraph.graph.query import load_query
    from pactgraph.graph.query import saved_queries as listed

    out = {}
    for q in listed():
        if all(p.default is not None for p in q.params):
            out[q.name] = load_query(name=q.name)
            if picked and q.name in picked:
                param, value = picked[q.name]
                label = _PICKS[q.name][1]
                out[f"{q.name} ({label}: {value[-40:]})"] = load_query(
                    name=q.name, params={param: value}
                )
    return out


def pick_params(ox_path: str) -> dict[str, tuple[str, str]]:
    import pyoxigraph as ox

    store = ox.Store.read_only(ox_path)
    picked = {}
    for name, (param, _, sparql) in _PICKS.items():
        rows = list(store.query(sparql))
        if rows:
            picked[name] = (param, rows[0]["v"].value)
    return picked


def take_graphs(source_store: Path, target_triples: int, out: Path) -> int:
    """Write whole filing graphs of ``source_store`` as N-Quads to ``out`` until
    ~``target_triples``, and the lifecycle links between the agreements of the filings taken.

    Filings are taken in an order given by a hash of their graph IRI: a sample of every kind of
    filing (in IRI order, accession-named graphs came first and renderings never), and the store's
    links between sampled filings come with them (in IRI order the lifecycle graph came after
    every filing graph, so a sample of 1M triples had no links at all)."""
    import hashlib

    import pyoxigraph as ox

    from pactgraph.graph.iris import LIFECYCLE_GRAPH, filing_of_agreement, filing_of_graph

    src = ox.Store.read_only(str(source_store))
    filings = [g for g in src.named_graphs() if "/graph/filing/" in g.value]
    filings.sort(key=lambda g: hashlib.sha1(g.value.encode()).hexdigest())
    n, taken = 0, set()
    with open(out, "wb") as fh:
        for g in filings:
            quads = list(src.quads_for_pattern(None, None, None, g))
            ox.serialize(quads, fh, ox.RdfFormat.N_QUADS)
            n += len(quads)
            taken.add(str(filing_of_graph(g.value)))
            if n >= target_triples:
                break
        links = [
            q
            for q in src.quads_for_pattern(None, None, None, ox.NamedNode(str(LIFECYCLE_GRAPH)))
            if isinstance(q.object, ox.NamedNode)
            and filing_of_agreement(q.subject.value) in taken
            and filing_of_agreement(q.object.value) in taken
        ]
        ox.serialize(links, fh, ox.RdfFormat.N_QUADS)
        n += len(links)
    del src
    return n


def _time_runs(run, repeat: int, budget: float) -> list[float]:
    times: list[float] = []
    spent = 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        dt = time.perf_counter() - t
        times.append(dt)
        spent += dt
        if spent > budget:
            break
    return times


_RDFLIB_DS = None


def _rdflib_worker(sparql: str, repeat: int, budget: float, conn) -> None:
    times = _time_runs(lambda: list(_RDFLIB_DS.query(sparql)), repeat, budget)
    conn.send(times)
    conn.close()


def _ox_worker(path: str, sparql: str, repeat: int, budget: float, conn) -> None:
    import pyoxigraph as ox

    store = ox.Store.read_only(path)

    def run():
        res = store.query(sparql)
        if not isinstance(res, ox.QueryBoolean):
            for _ in res:
                pass

    conn.send(_time_runs(run, repeat, budget))
    conn.close()


def _timed_in_child(ctx, target, args, timeout: float) -> tuple[list[float], str]:
    """Run ``target(*args, conn)`` in a child process; stop it after ``timeout`` seconds."""
    parent, child_conn = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=target, args=(*args, child_conn))
    proc.start()
    try:
        if parent.poll(timeout):
            return parent.recv(), ""
        return [float("inf")], f"> {timeout:.0f} s, stopped"
    finally:
        proc.kill()
        proc.join()


_LADDER_PATTERNS = (
    "?stake pg:percent ?percent",
    "?stake pg:holderName ?counterparty",
    "?stake pg:targetName ?company",
    "?stake pg:qualifier ?qualifier",
    "?agreement pg:title ?title",
)


def lookup_ladder() -> dict[str, str]:
    """counterparties-shareholders built up one join at a time: the builder's links
    (``pg:counterpartyStake``), then one more value looked up per link at each step. Both engines
    do the same nested lookups here, so the ratio is that of their costs per lookup."""
    head = (
        "PREFIX pg: <https://pactgraph.org/ontology#>\n"
        "SELECT * { ?agreement pg:counterpartyStake ?stake"
    )
    return {
        f"links + {k} lookup{'s' if k != 1 else ''} per link": head
        + "".join(f" . {p}" for p in _LADDER_PATTERNS[:k])
        + " }"
        for k in range(len(_LADDER_PATTERNS) + 1)
    }


def bench_queries(nquads: Path, repeat: int, timeout: float, ladder: bool = False) -> list[dict]:
    """p50/p95 of every saved query on Oxigraph and on rdflib's Memory store (same data), and,
    with ``ladder``, of :func:`lookup_ladder` (rows marked ``"ladder": True``).

    Each query runs in a child process that is stopped after ``timeout`` seconds (rdflib's
    engine can take minutes on the joins).
    """
    global _RDFLIB_DS
    import pyoxigraph as ox
    import rdflib

    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="pg-qbench-"))
    try:
        t = time.perf_counter()
        oxs = ox.Store(str(tmp / "ox"))
        oxs.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        # as pactgraph's store keeps it: the default graph is the merge of the named graphs
        from pactgraph.graph.store.oxigraph import _REMERGE

        oxs.update(_REMERGE)
        oxs.flush()
        del oxs  # closed: the query children open it read-only
        ox_load = time.perf_counter() - t
        queries = saved_queries(pick_params(str(tmp / "ox")))
        steps = lookup_ladder() if ladder else {}
        queries.update(steps)
        t = time.perf_counter()
        _RDFLIB_DS = rdflib.Dataset(default_union=True)
        _RDFLIB_DS.parse(str(nquads), format="nquads")
        rdf_load = time.perf_counter() - t
        rows.append(
            {
                "query": "(load)",
                "ox_p50": ox_load,
                "ox_p95": ox_load,
                "rdf_p50": rdf_load,
                "rdf_p95": rdf_load,
                "note": f"{len(_RDFLIB_DS):,} triples",
            }
        )
        fork = mp.get_context("fork")  # the rdflib child shares the loaded dataset
        for name, sparql in queries.items():
            ox_times, ox_note = _timed_in_child(
                fork, _ox_worker, (str(tmp / "ox"), sparql, repeat, 30.0), timeout
            )
            rdf_times, rdf_note = _timed_in_child(
                fork, _rdflib_worker, (sparql, max(3, repeat // 4), timeout / 2), timeout
            )
            note = "; ".join(
                x
                for x in (ox_note and "Oxigraph " + ox_note, rdf_note and "rdflib " + rdf_note)
                if x
            )
            rows.append(
                {
                    "query": name,
                    "ox_p50": pct(ox_times, 50),
                    "ox_p95": pct(ox_times, 95),
                    "rdf_p50": pct(rdf_times, 50),
                    "rdf_p95": pct(rdf_times, 95),
                    "note": note,
                    "ox_runs": len(ox_times),
                    "rdf_runs": len(rdf_times),
                    "timeout": timeout,
                    "ladder": name in steps,
                }
            )
    finally:
        _RDFLIB_DS = None
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def fmt_s(seconds: float) -> str:
    if seconds == float("inf"):
        return "stopped"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def pct(values: list[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


# --------------------------------------------------------------------------- driver


def ratio_p50(row: dict) -> float:
    """rdflib p50 / Oxigraph p50; when rdflib was stopped, the lower bound timeout / Oxigraph
    p50."""
    ox_p50, rdf_p50 = row["ox_p50"], row["rdf_p50"]
    if not 0 < ox_p50 < math.inf:
        return math.nan
    if rdf_p50 == math.inf:
        return row.get("timeout", math.inf) / ox_p50
    return rdf_p50 / ox_p50


def fmt_ratio(row: dict) -> str:
    ratio = row["ratio_p50"]
    if math.isnan(ratio):
        return "—"
    if ratio == math.inf:
        return "∞"
    return ("≥ " if row["rdf_p50"] == math.inf else "") + f"{ratio:.0f}×"


def query_table(console, results: dict, n: int, rows: list[dict]) -> None:
    """Print the query figures (2) as tables and keep them in ``results``: the saved queries in
    ``results["queries"]``, the lookup ladder (if measured) in ``results["ladder"]``."""
    from rich.table import Table

    for key, title, part in (
        (
            "queries",
            f"competency queries at {n:,} triples: Oxigraph vs rdflib Memory",
            [r for r in rows if not r.get("ladder")],
        ),
        (
            "ladder",
            f"counterparties-shareholders one lookup at a time, {n:,} triples",
            [r for r in rows if r.get("ladder")],
        ),
    ):
        if not part:
            continue
        qt = Table(title=title)
        for col in (
            "query",
            "Oxigraph p50",
            "Oxigraph p95",
            "rdflib p50",
            "rdflib p95",
            "ratio p50",
            "note",
        ):
            qt.add_column(col, justify="right" if col != "query" else "left")
        for row in part:
            row["ratio_p50"] = ratio_p50(row)
            qt.add_row(
                row["query"],
                fmt_s(row["ox_p50"]),
                fmt_s(row["ox_p95"]),
                fmt_s(row["rdf_p50"]),
                fmt_s(row["rdf_p95"]),
                fmt_ratio(row),
                row.get("note", ""),
            )
        results[key] = {"triples": n, "rows": part}
        console.print(qt)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument(
        "--generated", type=Path, default=Path(tempfile.gettempdir()) / "pactgraph-gen20k"
    )
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--large-workers", type=int, default=2, help="workers for the generated corpus")
    ap.add_argument("--skip-large", action="store_true", help="skip the generated-corpus ingest")
    ap.add_argument("--query-triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument(
        "--timeout", type=float, default=120.0, help="seconds before a query is stopped"
    )
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument(
        "--queries-only",
        type=Path,
        metavar="NQUADS",
        help="skip the ingests: run only the query benchmark (2) on this N-Quads file "
        "(e.g. one written by take_graphs from an earlier generated store)",
    )
    args = ap.parse_args(argv)

    from pactgraph.graph.ingest import expand_paths
    from rich.console import Console
    from rich.table import Table

    console = Console(width=200)
    work = Path(tempfile.mkdtemp(prefix="pg-storebench-"))
    results: dict = {"cpus": os.cpu_count()}
    try:
        if args.queries_only:
            with open(args.queries_only, "rb") as fh:
                n = sum(1 for _ in fh)
            query_table(
                console,
                results,
                n,
                bench_queries(args.queries_only, args.repeat, args.timeout, ladder=True),
            )
            if args.json:
                args.json.write_text(json.dumps(results, indent=2, default=str))
            return 0
        corpus = expand_paths([args.corpus])
        table = Table(title="ingest (embedded Oxigraph, end to end: read, extract, build, write)")
        for col in (
            "corpus",
            "workers",
            "filings",
            "skipped",
            "errors",
            "triples",
            "seconds",
            "filings/s",
            "filings/s/worker",
            "triples/s",
            "peak RSS main MB",
            "peak RSS all MB",
            "peak PSS all MB",
        ):
            table.add_column(col, justify="right")
        ingests = []
        for workers in (1, 2):
            r = measure_ingest(corpus, workers, work / "corpus")
            r["corpus"] = f"corpus ({len(corpus)})"
            ingests.append(r)
        if not args.skip_large:
            from benchmarks.generate import generate

            generate(args.generated, args.count, args.corpus)  # makes what is missing or stale
            large = expand_paths([args.generated])[: args.count]
            r = measure_ingest(large, args.large_workers, work / "large")
            r["corpus"] = f"generated ({len(large)})"
            ingests.append(r)
        for r in ingests:
            table.add_row(
                r["corpus"],
                str(r["workers"]),
                str(r["filings"]),
                str(r["skipped"]),
                str(r["errors"]),
                str(r["triples"]),
                f"{r['seconds']:.1f}",
                f"{r['filings_per_s']:.1f}",
                f"{r['filings_per_s'] / r['workers']:.1f}",
                f"{r['triples_per_s']:.0f}",
                f"{r['peak_main_mb']:.0f}",
                f"{r['peak_tree_mb']:.0f}",
                f"{r['peak_tree_pss_mb']:.0f}",
            )
        results["ingest"] = ingests
        console.print(table)

        # queries at ~1M triples: whole graphs from the generated store (or the corpus store)
        source = work / "large" if (work / "large").exists() else work / "corpus"
        nq = work / "sample.nq"
        n = take_graphs(source, args.query_triples, nq)
        query_table(console, results, n, bench_queries(nq, args.repeat, args.timeout, ladder=True))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, default=str))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
