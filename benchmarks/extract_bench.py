"""Extraction speed: filings/s per core for ``extract_facts`` over the corpus (report body only).

Run from the repository root: ``python -m benchmarks.extract_bench [CORPUS_DIR] [--repeat N]``.
Reading (parsing the files) is timed separately; extraction works on the report body text of the
already-read filings, in one process (= one core). Peak memory is the process's max RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "filings"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument(
        "--repeat", type=int, default=3, help="passes over the corpus (best one counts)"
    )
    args = ap.parse_args(argv)

    from pactgraph.nlp.errors import PactgraphError
    from pactgraph.nlp.extract import extract_facts
    from pactgraph.nlp.pipeline import make_pipeline
    from pactgraph.nlp.reader import read_filing

    paths = sorted(
        p
        for p in args.corpus.iterdir()
        if p.is_file() and p.suffix.lower() not in (".csv", ".json", ".md")
    )
    t0 = time.perf_counter()
    filings = []
    for path in paths:
        try:
            filings.append(read_filing(path))
        except PactgraphError:
            pass
    read_s = time.perf_counter() - t0
    make_pipeline()
    best = float("inf")
    agreements = stakes = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        agreements = stakes = 0
        for filing in filings:
            facts = extract_facts(filing)
            agreements += len(facts["agreements"])
            stakes += len(facts["stakes"])
        best = min(best, time.perf_counter() - t0)
    chars = sum(len(f.text) for f in filings)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'filings':<28}{len(filings)}")
    print(f"{'report body text (MB)':<28}{chars / 1e6:.1f}")
    print(f"{'agreements / stakes':<28}{agreements} / {stakes}")
    print(f"{'read (s, not counted)':<28}{read_s:.2f}")
    print(f"{'extract (s, best pass)':<28}{best:.2f}")
    print(f"{'extract filings/s per core':<28}{len(filings) / best:.1f}")
    print(f"{'peak RSS (MB)':<28}{peak_mb:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
