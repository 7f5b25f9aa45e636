"""Reader benchmark: files/s, MB/s and peak memory over the whole corpus.

    python -m benchmarks.reader_bench [CORPUS_DIR ...] [--repeat N] [--no-exhibits]
    python -m benchmarks.reader_bench [CORPUS_DIR ...] --against OLD_TREE [--repeat N]

Reads every file of ``../shared/corpus/filings`` (or the CORPUS_DIRs) with
``pactgraph.nlp.reader.read_filing`` and prints throughput per format and overall, and the
peak resident memory of the process (``ru_maxrss``) and the peak Python allocation of one
pass (``tracemalloc``, measured on a separate pass because tracing slows reading down).

``--against OLD_TREE`` compares this checkout's reader with another version in one run:
OLD_TREE is a directory holding a ``pactgraph`` package (e.g. ``mkdir -p old/pactgraph &&
git archive REV nlp | tar -x -C old/pactgraph && touch old/pactgraph/__init__.py``). Each
timed pass runs in a fresh process, the two versions alternating, so both see the same machine
load; the best pass of each is printed side by side.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from pactgraph.nlp.errors import ReaderError
from pactgraph.nlp.reader import read_filing

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "filings"


def _files(roots: list[Path]) -> list[Path]:
    return sorted(
        p for root in roots for p in root.iterdir() if p.is_file() and p.suffix.lower() != ".csv"
    )


def _one_pass(files: list[Path]) -> dict:
    """One timed pass in this process (the child side of ``--against``)."""
    data = {p: p.read_bytes() for p in files}
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    errors = 0
    for p in files:
        try:
            read_filing(p, data=data[p])
        except ReaderError:
            errors += 1
    return {
        "seconds": time.perf_counter() - t0,
        "cpu": time.process_time() - c0,
        "errors": errors,
        "files": len(files),
        "bytes": sum(len(b) for b in data.values()),
    }


def _compare(roots: list[Path], old_tree: Path, repeat: int) -> int:
    """Best of ``repeat`` alternating passes of this checkout's reader and OLD_TREE's."""
    nlp = old_tree / "pactgraph" / "nlp"
    # the reader is a module in older trees and a package (``nlp/reader/``) in newer ones
    if not ((nlp / "reader.py").is_file() or (nlp / "reader" / "__init__.py").is_file()):
        print(f"no pactgraph package under {old_tree}", file=sys.stderr)
        return 2
    sides = {"before": str(old_tree.resolve()), "after": None}
    best: dict[str, dict] = {}
    for _ in range(max(1, repeat)):
        for side, path in sides.items():
            env = dict(os.environ)
            env.pop("PYTHONPATH", None)
            if path:
                env["PYTHONPATH"] = path  # found before the installed (editable) package
            out = subprocess.run(
                [sys.executable, __file__, *map(str, roots), "--one-pass"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            got = json.loads(out.stdout.strip().splitlines()[-1])
            if side not in best or got["cpu"] < best[side]["cpu"]:
                best[side] = got
    b, a = best["before"], best["after"]
    print(
        f"corpus: {', '.join(map(str, roots))} ({a['files']} files, {a['bytes'] / 1e6:.1f} MB); "
        f"best of {repeat} alternating passes each"
    )
    print(f"{'':<22} {'before':>10} {'after':>10} {'after/before':>13}")
    for label, key in (("files/s (wall)", "seconds"), ("files/CPU-s", "cpu")):
        fb, fa = b["files"] / b[key], a["files"] / a[key]
        print(f"{label:<22} {fb:>10.1f} {fa:>10.1f} {fa / fb:>13.2f}")
    mb, ma = b["bytes"] / 1e6 / b["cpu"], a["bytes"] / 1e6 / a["cpu"]
    print(f"{'MB/CPU-s':<22} {mb:>10.1f} {ma:>10.1f} {ma / mb:>13.2f}")
    print(f"{'read errors':<22} {b['errors']:>10} {a['errors']:>10}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--repeat", type=int, default=3, help="timed passes (best is reported)")
    ap.add_argument("--no-exhibits", action="store_true", help="skip exhibit text (report only)")
    ap.add_argument(
        "--against",
        type=Path,
        metavar="OLD_TREE",
        help="compare with the pactgraph package under OLD_TREE, side by side",
    )
    ap.add_argument("--one-pass", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    roots = args.corpus or [DEFAULT]
    missing = [r for r in roots if not r.is_dir()]
    if missing:
        print(f"no corpus at {missing[0]}", file=sys.stderr)
        return 2
    if args.one_pass:
        print(json.dumps(_one_pass(_files(roots))))
        return 0
    if args.against is not None:
        return _compare(roots, args.against, args.repeat)
    files = _files(roots)
    data = {p: p.read_bytes() for p in files}
    total_bytes = sum(len(b) for b in data.values())
    kw = {"exhibit_text": False} if args.no_exhibits else {}

    best = None
    best_cpu = None
    per_format: dict[str, list[float]] = {}
    errors = 0
    for _ in range(max(1, args.repeat)):
        fmt_time: dict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0])
        gc.collect()
        t0 = time.perf_counter()
        c0 = time.process_time()
        errors = 0
        for p in files:
            t = time.perf_counter()
            try:
                f = read_filing(p, data=data[p], **kw)
                fmt = f.format
            except ReaderError:
                errors += 1
                fmt = "error"
            acc = fmt_time[fmt]
            acc[0] += time.perf_counter() - t
            acc[1] += 1
            acc[2] += len(data[p])
        elapsed = time.perf_counter() - t0
        cpu = time.process_time() - c0
        if best is None or elapsed < best:
            best, per_format = elapsed, dict(fmt_time)
        if best_cpu is None or cpu < best_cpu:
            best_cpu = cpu
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    tracemalloc.start()
    for p in files:
        try:
            read_filing(p, data=data[p], **kw)
        except ReaderError:
            pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(
        f"corpus: {', '.join(map(str, roots))} ({len(files)} files, {total_bytes / 1e6:.1f} MB)"
        + (" [report only, no exhibit text]" if args.no_exhibits else "")
    )
    print(f"{'format':<8} {'files':>6} {'MB':>7} {'seconds':>8} {'files/s':>8} {'MB/s':>7}")
    for fmt, (secs, n, nbytes) in sorted(per_format.items()):
        print(
            f"{fmt:<8} {n:>6} {nbytes / 1e6:>7.1f} {secs:>8.2f} "
            f"{n / secs:>8.1f} {nbytes / 1e6 / secs:>7.1f}"
        )
    print(
        f"{'all':<8} {len(files):>6} {total_bytes / 1e6:>7.1f} {best:>8.2f} "
        f"{len(files) / best:>8.1f} {total_bytes / 1e6 / best:>7.1f}"
    )
    print(
        f"CPU time of the best pass: {best_cpu:.2f} s = {len(files) / best_cpu:.1f} files/CPU-s, "
        f"{total_bytes / 1e6 / best_cpu:.1f} MB/CPU-s (steadier than wall time on a loaded machine)"
    )
    if not args.no_exhibits:
        t = time.perf_counter()
        for p in files:
            try:
                f = read_filing(p, data=data[p])
                for e in f.exhibits:
                    _ = e.text  # exhibit texts are converted on first use
            except ReaderError:
                pass
        full = time.perf_counter() - t
        print(
            f"with every exhibit's text converted too: {full:.2f} s = "
            f"{len(files) / full:.1f} files/s"
        )
    print(f"read errors: {errors}")
    print(f"peak RSS (process, includes the corpus held in memory): {rss_mb:.0f} MB")
    print(f"peak Python allocation during one pass (tracemalloc): {peak / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
