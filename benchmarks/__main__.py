"""Run every pactgraph benchmark and print the figures, then one summary table against targets.

    python -m benchmarks [--quick]

``--quick`` skips the generated 20,000-filing corpus and measures the queries on the corpus'
own graph instead of ~1M triples. Benchmarks of other stages (``reader_bench``, ``extract_bench``,
``fetch_bench``, ``endpoint_bench``) run first; ``web_bench`` runs after the store benchmark.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
from pathlib import Path

OTHERS = ("reader_bench", "extract_bench", "fetch_bench", "endpoint_bench")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--count", type=int, default=20000)
    args = ap.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    console = Console(width=200)
    for name in OTHERS:
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ModuleNotFoundError:
            continue
        console.rule(name)
        module.main([])

    from benchmarks import store_bench

    console.rule("store_bench")
    out = Path(tempfile.mkdtemp(prefix="pg-bench-")) / "store.json"
    store_args = ["--json", str(out), "--count", str(args.count)]
    if args.quick:
        store_args += [
            "--skip-large",
            "--query-triples",
            "100000",
            "--repeat",
            "5",
            "--timeout",
            "20",
        ]
    store_bench.main(store_args)
    figures = json.loads(out.read_text())
    if not args.quick:  # the web pages at ~1M triples (builds its store from the generated corpus)
        console.rule("web_bench")
        importlib.import_module("benchmarks.web_bench").main([])

    summary = Table(title="summary against the targets of issue 6")
    for col in ("figure", "measured", "target", "met"):
        summary.add_column(col)
    ingests = figures["ingest"]
    one = next(r for r in ingests if r["workers"] == 1)
    summary.add_row(
        "end-to-end filings/s per core (corpus, 1 worker)",
        f"{one['filings_per_s']:.1f}",
        "≥ 20",
        _met(one["filings_per_s"] >= 20),
    )
    two = next((r for r in ingests if r["workers"] == 2 and r["corpus"].startswith("corpus")), None)
    if two:
        summary.add_row(
            "filings/s with 2 workers (corpus)",
            f"{two['filings_per_s']:.1f}",
            f"scaling {two['filings_per_s'] / one['filings_per_s']:.2f}×",
            "",
        )
    large = next((r for r in ingests if r["corpus"].startswith("generated")), None)
    if large:
        summary.add_row(
            f"peak RSS, {large['corpus']} run (ingest process / with workers)",
            f"{large['peak_main_mb']:.0f} / {large['peak_tree_mb']:.0f} MB",
            "< 500 MB",
            _met(large["peak_tree_mb"] < 500),
        )
    every = [r for r in figures["queries"]["rows"] if r["query"] != "(load)"]
    for title, rows in (
        ("competency queries", [r for r in every if r["query"] in store_bench.COMPETENCY]),
        ("all saved queries and parameter choices", every),
    ):
        if not rows:
            continue
        worst = max(rows, key=lambda r: r["ox_p50"])
        ratio = min(rows, key=lambda r: r["ratio_p50"])
        summary.add_row(
            f"{title}: p50 at {figures['queries']['triples']:,} triples "
            f"(slowest: {worst['query']})",
            f"{worst['ox_p50'] * 1000:.1f} ms",
            "< 50 ms",
            _met(worst["ox_p50"] < 0.05),
        )
        summary.add_row(
            f"{title}: Oxigraph vs rdflib Memory, p50 ratio (smallest: {ratio['query']})",
            f"{ratio['ratio_p50']:.0f}×",
            "≥ 20×",
            _met(ratio["ratio_p50"] >= 20),
        )
    console.print(summary)
    return 0


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


if __name__ == "__main__":
    sys.exit(main())
