"""Benchmark the SPARQL endpoint (``pactgraph serve``) and the streaming ``pactgraph load``.

    python -m benchmarks.endpoint_bench [--store SPEC] [--seconds 30] [--load-mb 100]

Serves the corpus store (ingested from ``../shared/corpus/filings`` into a temporary folder
unless ``--store`` names one) with ``pactgraph serve`` in its own process, then measures from
client threads over keep-alive HTTP connections:

* latency of a trivial query (``ASK``), one client, one query at a time (p50, p99);
* throughput with 20 closed-loop clients (queries per second);
* 200 closed-loop clients for ``--seconds``: queries answered, client timeouts (10 s), errors;
* a user's short query (p50, p99) while two costly queries (cross joins stopped at the time
  limit) run;

and, with ``--load-mb N``, the wall time and peak RSS of ``pactgraph load`` of a generated
N MB Turtle file into a fresh store. Figures are printed beside the targets of issue 23.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "filings"
TRIVIAL = "ASK { ?s ?p ?o }"
SHORT = (
    "PREFIX pg: <https://pactgraph.org/ontology#> SELECT ?name WHERE { ?c pg:name ?name } LIMIT 5"
)
COSTLY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def pactgraph() -> str:
    return str(Path(sys.executable).parent / "pactgraph")


def corpus_store(folder: Path) -> str:
    spec = f"oxigraph:{folder / 'store'}"
    subprocess.run(
        [pactgraph(), "ingest", str(CORPUS), "--store", spec],
        check=False,
        capture_output=True,
        timeout=3600,
    )
    return spec


class Server:
    """``pactgraph serve`` on a free loopback port, in its own process."""

    def __init__(self, spec: str, timeout: float) -> None:
        self.proc = subprocess.Popen(
            [
                pactgraph(),
                "serve",
                "--store",
                spec,
                "--port",
                "0",
                "--quiet",
                "--timeout",
                str(timeout),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "COLUMNS": "400", "PYTHONUNBUFFERED": "1"},
        )
        line = self.proc.stdout.readline()
        m = re.search(r"http://([\d.]+):(\d+)(/\S*)", line)
        if m is None:
            self.proc.kill()
            raise SystemExit(f"pactgraph serve did not start: {line}{self.proc.stderr.read()}")
        self.host, self.port, self.path = m[1], int(m[2]), m[3].rstrip(".;,)")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Client:
    """One keep-alive connection; ``ask(query)`` gives (status or None on timeout, seconds)."""

    def __init__(self, server: Server, timeout: float = 10.0) -> None:
        self.server, self.timeout = server, timeout
        self.conn: http.client.HTTPConnection | None = None

    def ask(self, query: str) -> tuple[int | None, float]:
        started = time.perf_counter()
        target = f"{self.server.path}?{urllib.parse.urlencode({'query': query})}"
        for attempt in (0, 1):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(
                        self.server.host, self.server.port, timeout=self.timeout
                    )
                self.conn.request("GET", target, headers={"Accept": "application/json"})
                resp = self.conn.getresponse()
                resp.read()
                return resp.status, time.perf_counter() - started
            except TimeoutError:
                self.close()
                return None, time.perf_counter() - started
            except (http.client.HTTPException, ConnectionError, OSError):
                self.close()  # the server closed an idle connection: one new try
                if attempt:
                    return -1, time.perf_counter() - started
        return -1, time.perf_counter() - started

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q / 100 * len(values)))] if values else float("nan")


def closed_loop(server: Server, clients: int, seconds: float, query: str = TRIVIAL) -> dict:
    """``clients`` threads asking ``query`` back to back for ``seconds``."""
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    out = {"ok": 0, "timeouts": 0, "errors": 0, "latencies": []}

    def run() -> None:
        client = Client(server)
        while time.monotonic() < stop:
            status, took = client.ask(query)
            with lock:
                if status == 200:
                    out["ok"] += 1
                    out["latencies"].append(took)
                elif status is None:
                    out["timeouts"] += 1
                else:
                    out["errors"] += 1
        client.close()

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out["qps"] = out["ok"] / (time.monotonic() - started)
    return out


def latency(server: Server, query: str, n: int) -> list[float]:
    client = Client(server)
    client.ask(query)
    took = [client.ask(query)[1] for _ in range(n)]
    client.close()
    return took


def starvation(server: Server, n: int) -> list[float]:
    """A user's short query, timed while two costly queries run (each restarted when it ends)."""
    done = threading.Event()

    def costly(i: int) -> None:
        client = Client(server, timeout=120)
        while not done.is_set():
            client.ask(COSTLY + f" # {i} {time.monotonic()}")
        client.close()

    hogs = [threading.Thread(target=costly, args=(i,)) for i in range(2)]
    for t in hogs:
        t.start()
    time.sleep(1.0)
    try:
        return latency(server, SHORT, n)
    finally:
        done.set()
        for t in hogs:
            t.join()


def load_figures(mb: int, folder: Path) -> dict:
    """Wall time and peak RSS of ``pactgraph load`` of a generated ``mb`` MB Turtle file."""
    ttl = folder / "generated.ttl"
    with open(ttl, "w") as fh:
        fh.write("@prefix ex: <http://example.org/> .\n")
        i = 0
        while fh.tell() < mb * 2**20:
            fh.write(
                f'ex:s{i} ex:name "Entity number {i}, with some text to carry" ;\n'
                f'  ex:link ex:s{i // 3} , [ ex:note "blank {i}"@en ] .\n'
            )
            i += 1
    started = time.perf_counter()
    run = subprocess.run(
        [pactgraph(), "load", str(ttl), "--store", f"oxigraph:{folder / 'load'}"],
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "mb": mb,
        "seconds": took,
        "peak_mb": peak,
        "ok": run.returncode == 0,
        "out": (run.stdout + run.stderr).strip()[-300:],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.endpoint_bench", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--store", help="serve this store (default: the corpus, ingested here)")
    ap.add_argument("--seconds", type=float, default=30.0, help="the 200-client run (default 30)")
    ap.add_argument("--timeout", type=float, default=10.0, help="the endpoint's time limit")
    ap.add_argument("--load-mb", type=int, default=0, help="also time `pactgraph load` of N MB")
    args = ap.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="pg-endpoint-bench-"))
    spec = args.store or corpus_store(folder)
    server = Server(spec, args.timeout)
    try:
        rows = measure(server, args.seconds)
    finally:
        server.stop()
    if args.load_mb:
        load = load_figures(args.load_mb, folder)
        rows.append(
            (
                f"load of {args.load_mb} MB Turtle: peak RSS ({load['seconds']:.0f} s)",
                f"{load['peak_mb']:.0f} MB",
                "< 1024 MB",
                load["ok"] and load["peak_mb"] < 1024,
            )
        )
    print(
        f"endpoint benchmark on {spec} ({os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f})"
    )
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':<{width}}  {'measured':>14}  {'target':>10}  met")
    for name, value, target, ok in rows:
        print(f"{name:<{width}}  {value:>14}  {target:>10}  {'yes' if ok else 'NO'}")
    return 0


def measure(server: Server, seconds: float) -> list[tuple]:
    ms = lambda s: f"{s * 1000:.1f} ms"
    one = latency(server, TRIVIAL, 300)
    twenty = closed_loop(server, 20, 10.0)
    crowd = closed_loop(server, 200, seconds)
    short = starvation(server, 200)
    return [
        ("trivial query, 1 client: p50", ms(pct(one, 50)), "< 10 ms", pct(one, 50) < 0.010),
        ("trivial query, 1 client: p99", ms(pct(one, 99)), "", True),
        (
            "20 closed-loop clients: queries/s",
            f"{twenty['qps']:.0f}",
            ">= 150",
            twenty["qps"] >= 150,
        ),
        ("20 clients: p99", ms(pct(twenty["latencies"], 99)), "", True),
        (
            f"200 clients for {seconds:g} s: client timeouts",
            str(crowd["timeouts"]),
            "0",
            crowd["timeouts"] == 0,
        ),
        ("200 clients: answered / errors", f"{crowd['ok']} / {crowd['errors']}", "", True),
        (
            "200 clients: queries/s, p99",
            f"{crowd['qps']:.0f}, {ms(pct(crowd['latencies'], 99))}",
            "",
            True,
        ),
        ("short query beside 2 costly ones: p50", ms(pct(short, 50)), "", True),
        (
            "short query beside 2 costly ones: p99",
            ms(pct(short, 99)),
            "< 100 ms",
            pct(short, 99) < 0.100,
        ),
    ]


if __name__ == "__main__":
    sys.exit(main())
