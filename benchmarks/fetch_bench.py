"""Fetch benchmark: requests/s against a local EDGAR replica with the limit at 10 requests/s.

    python -m benchmarks.fetch_bench [--count N] [--workers N] [--latency S ...]

Serves ``--count`` copies of the bundled full submission from the test replica on 127.0.0.1
and fetches them with ``pactgraph fetch`` in another process (index requests included). The
sustained rate is measured at the server, (requests - 1) / (last arrival - first arrival), for
each simulated server latency; the target is >= 9.5 requests/s, i.e. the client is held back by
the rate limit, not by itself. "Sustained" is the download phase (the index requests before it
wait for one another); the whole run is shown beside it. The busiest one-second window shows the
limit is never exceeded.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = 9.5


def _replica_module():
    spec = importlib.util.spec_from_file_location(
        "_pactgraph_edgar_replica", REPO / "tests" / "graph" / "edgar_replica.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def measure(count: int, workers: int, latency: float) -> dict:
    """One ``pactgraph fetch`` of ``count`` filings from a fresh replica, in its own process
    (so that it does not hold up the replica's clock); the figures seen at the server."""
    er = _replica_module()
    filings = er.synthetic_copies(er.sample_filing(), count, "2020-01-02")
    with (
        er.EdgarReplica(filings, latency=latency) as replica,
        tempfile.TemporaryDirectory(prefix="pg-fetch-bench-") as tmp,
    ):
        out = Path(tmp) / "filings"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PACTGRAPH_")}
        env["PACTGRAPH_CONFIG"] = str(Path(tmp) / "no-config.toml")
        done = subprocess.run(
            er.fetch_command(
                replica, out, "--cik", filings[0].cik, "--rate", "10", "--workers", str(workers)
            ),
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        fetched = sum(1 for p in out.rglob("*.txt") if not p.name.startswith("."))
        times = sorted(e.time for e in replica.log)
        downloads = sorted(e.time for e in replica.log if e.path.startswith("/Archives/"))
        busiest = replica.max_in_window(1.0)
    if done.returncode:
        print(done.stderr, file=sys.stderr)
    return {
        "latency": latency,
        "workers": workers,
        "filings": fetched,
        "requests": len(times),
        "seconds": times[-1] - times[0],
        "rate": (len(downloads) - 1) / (downloads[-1] - downloads[0]),
        "run_rate": (len(times) - 1) / (times[-1] - times[0]),
        "busiest": busiest,
        "failed": count - fetched,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=100, help="filings to fetch per run")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument(
        "--latency",
        type=float,
        nargs="*",
        default=[0.0, 0.2],
        help="simulated server latencies, seconds",
    )
    args = ap.parse_args(argv)

    from rich.console import Console
    from rich.table import Table

    rows = [measure(args.count, args.workers, latency) for latency in args.latency]
    table = Table(title="fetch against the local replica, limit 10 requests/s")
    for col in (
        "server latency",
        "workers",
        "filings",
        "requests",
        "seconds",
        "sustained req/s (server)",
        "whole run req/s",
        "busiest 1 s",
        "target",
        "met",
    ):
        table.add_column(col, justify="right")
    ok = True
    for r in rows:
        met = r["rate"] >= TARGET and r["busiest"] <= 10 and not r["failed"]
        ok &= met
        table.add_row(
            f"{r['latency'] * 1000:.0f} ms",
            str(r["workers"]),
            str(r["filings"]),
            str(r["requests"]),
            f"{r['seconds']:.1f}",
            f"{r['rate']:.2f}",
            f"{r['run_rate']:.2f}",
            str(r["busiest"]),
            f">= {TARGET} and <= 10 in 1 s",
            "yes" if met else "NO",
        )
    Console(width=200).print(table)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
