"""Fuzz the reader, the extractor and the store write: random and mutated filings must never
raise anything but pactgraph's own errors, and every fact read must be sound (evidence
round-trips, stakes 0-100, valid dates, item offsets inside the text).

    python -m benchmarks.fuzz --n 100000 [--seed S] [--corpus DIR] [--max-bytes 40000]
                              [--store oxigraph|memory|none] [--batch 200] [--jobs 1]
                              [--store-every 2000] [--progress-every 10]

With ``--store`` (default ``oxigraph``, an embedded store in a temporary folder), every input
is written to a file with a hostile name (bytes that are not UTF-8, control characters, IRI
delimiters, right-to-left marks, very long names; 5% repeat input i - 1's content) and the files
are ingested in batches of ``--batch`` through ``ingest_paths`` — read, extract, build, the
store write and the cross-filing linking. The per-file work is ingest's own (read, extract,
build) with the fact checks in between, so each input is read and extracted once; a file the
ingest refuses before reading (a name that is not UTF-8) has its content read and extracted in
memory instead. Each file must end written, skipped or with a per-file error; anything else
raised counts as uncaught. A job starts a fresh store every ``--store-every`` inputs (the
linking slows as a store grows; scale is the store benchmark's job) and ``--jobs`` processes
each fuzz their share of the inputs into their own stores. Input ``i`` of a seed is the same
whatever the jobs, batches and stores (a repeat is skipped by hash only when input i - 1 went to
the same store: with one job).

Seeds are cut to ``--max-bytes`` (40,000 keeps nearly every fact of the uncut seeds: items in
163 of 167 seeds, agreements in 131 of 135, 151 of 179 people; 20,000 loses a sixth of the
items and most signatures). Size limits themselves are the bad-input catalogue's job (50 MB
files, a 10 MB line, 40,000 headings).

Prints the figures: inputs, inputs/s, outcomes (read / typed error), uncaught exceptions by
type with a reproducer saved under ``--save DIR`` (default ``./fuzz-failures``), and a progress
line on stderr every ``--progress-every`` seconds. Exit code 1 when anything was uncaught or a
fact invariant broke.

The generators here are the ones ``tests/test_properties.py`` drives through hypothesis:
seeds (small real filings, truncated when big, and the catalogue's synthetic reports) are
mutated by truncation, splicing, byte flips, inserted tags and entities, deleted or repeated
chunks, re-encoding; fully random inputs (bytes, text, tag soup) and generated reports with
random names, percentages and dates complete the mix.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import hashlib
import importlib.util
import os
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "filings"


def _badinputs():
    name = "pactgraph_tests_badinputs"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "tests" / "badinputs.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# --------------------------------------------------------------------------- seeds


def load_seeds(
    corpus: Path | None = None, max_bytes: int = 40_000, limit: int | None = None
) -> list[bytes]:
    """Small real filings (the corpus, else the bundled samples; big ones cut to ``max_bytes``)
    and the catalogue's synthetic reports in their formats."""
    files: list[Path] = []
    for folder in (corpus if corpus is not None else DEFAULT_CORPUS, REPO / "nlp" / "samples"):
        if folder and Path(folder).is_dir():
            files += sorted(
                p
                for p in Path(folder).iterdir()
                if p.is_file() and p.suffix in (".txt", ".htm", ".html")
            )
    seen: set[str] = set()
    seeds: list[bytes] = []
    for p in sorted(files, key=lambda p: (p.stat().st_size, p.name)):
        data = p.read_bytes()[:max_bytes]
        h = hashlib.sha256(data).hexdigest()
        if h not in seen:
            seen.add(h)
            seeds.append(data)
    bi = _badinputs()
    rep = bi.report()
    seeds += [rep.encode(), bi.sgml(rep).encode(), bi.html(rep).encode()]
    if limit is not None:
        seeds = seeds[:limit]
    return seeds


# --------------------------------------------------------------------------- mutations

TOKENS = [
    "<DOCUMENT>",
    "</DOCUMENT>",
    "<TEXT>",
    "</TEXT>",
    "<SEC-DOCUMENT>",
    "<SEC-HEADER>",
    "</SEC-HEADER>",
    "<TYPE>8-K\n",
    "<TYPE>10-K\n",
    "<TYPE>EX-10.1\n",
    "CONFORMED SUBMISSION TYPE:\t10-K\n",
    "ITEM INFORMATION:\t",
    "<html>",
    "<body>",
    "<div>",
    "</div>",
    "<p>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "<b>",
    "<br/>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<script>",
    "</script>",
    "<style>",
    '<div style="display:none">',
    "<ix:header>",
    '<ix:nonNumeric name="dei:EntityRegistrantName">',
    "</ix:nonNumeric>",
    "&nbsp;",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&bogus;",
    "&#x202E;",
    "<?xml version='1.0'?>",
    "<!DOCTYPE html [<!ENTITY x 'y'>]>",
    "&x;",
    "\nITEM 1.01\n",
    "\nItem 2. 02\n",
    "\nItem 9.01 Financial Statements and Exhibits.\n",
    "\nSIGNATURES\n",
    "\nFILE: A/8-K/x.txt\nTIME: 20090101\nEVENTS:\tx\nTEXT:\n",
    "\x00",
    "\r",
    "\r\n",
    "\t",
    "\x0c",
    "\u202e",
    "\u200f",
    "\ufeff",
    "\u00ad",
    "\ud7ff",
    "\U0001f600",
    "%",
    "150%",
    "-5%",
    "23,5%",
    "February 30, 2007",
    "the date hereof",
    '(the "")',
    '("Company")',
    "Exhibit 10.1",
    "(a)",
    "Inc.",
    " Corp.",
    ", L.P.",
    "wholly-owned subsidiary of ",
    "a 23% shareholder of ",
    "owned 60% by ",
    "entered into an Agreement and Plan of Merger",
    "Credit Agreement",
]


def _cut(rng: random.Random, data: bytes) -> tuple[int, int]:
    if not data:
        return 0, 0
    a = rng.randrange(len(data) + 1)
    b = min(len(data), a + rng.randrange(1, 2000))
    return a, b


def m_truncate(rng, data, other):
    return data[: rng.randrange(len(data) + 1)] if data else data


def m_splice(rng, data, other):
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


def m_flip(rng, data, other):
    if not data:
        return data
    b = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8) if rng.random() < 0.7 else rng.randrange(256)
    return bytes(b)


def m_insert(rng, data, other):
    b = data
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(b) + 1)
        b = b[:i] + rng.choice(TOKENS).encode("utf-8", "surrogatepass") + b[i:]
    return b


def m_delete(rng, data, other):
    a, b = _cut(rng, data)
    return data[:a] + data[b:]


def m_repeat(rng, data, other):
    a, b = _cut(rng, data)
    chunk = data[a:b][:500]
    return data[:b] + chunk * rng.randint(2, 50) + data[b:]


def m_reencode(rng, data, other):
    text = data.decode("utf-8", "replace")
    enc = rng.choice(
        ["cp1252", "latin-1", "utf-16", "utf-16-le", "utf-8-sig", "ascii", "mac_roman"]
    )
    return text.encode(enc, "replace")


def m_unicode(rng, data, other):
    text = data.decode("utf-8", "replace")
    for _ in range(rng.randint(1, 10)):
        i = rng.randrange(len(text) + 1)
        c = chr(
            rng.choice(
                [
                    rng.randrange(0x20),
                    rng.randrange(0x80, 0xA0),
                    rng.randrange(0x2000, 0x2070),
                    rng.randrange(0x0590, 0x0700),
                    rng.randrange(0xFFF0, 0x10000),
                    rng.randrange(0x1F000, 0x1F700),
                ]
            )
        )
        text = text[:i] + c + text[i:]
    return text.encode("utf-8", "surrogatepass")


def m_shuffle_lines(rng, data, other):
    lines = data.split(b"\n")
    k = min(len(lines), rng.randint(2, 20))
    idx = rng.sample(range(len(lines)), k) if len(lines) >= k else []
    vals = [lines[i] for i in idx]
    rng.shuffle(vals)
    for i, v in zip(idx, vals):
        lines[i] = v
    return b"\n".join(lines)


MUTATORS: dict[str, Callable] = {
    "truncate": m_truncate,
    "splice": m_splice,
    "flip": m_flip,
    "insert": m_insert,
    "delete": m_delete,
    "repeat": m_repeat,
    "reencode": m_reencode,
    "unicode": m_unicode,
    "shuffle_lines": m_shuffle_lines,
}


def mutate(
    rng: random.Random, seeds: list[bytes], rounds: int | None = None
) -> tuple[bytes, list[str]]:
    """A seed with 1-4 mutations; returns the bytes and the mutation names."""
    data = rng.choice(seeds)
    names = []
    for _ in range(rounds or rng.randint(1, 4)):
        name = rng.choice(list(MUTATORS))
        data = MUTATORS[name](rng, data, rng.choice(seeds))
        names.append(name)
    return data, names


# --------------------------------------------------------------------------- random inputs


def random_bytes(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 3000)))


def random_text(rng: random.Random) -> bytes:
    alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:()\"'%-\n\t<>/&#"
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 3000))).encode()


def tag_soup(rng: random.Random) -> bytes:
    parts = []
    for _ in range(rng.randrange(1, 200)):
        parts.append(
            rng.choice(TOKENS)
            if rng.random() < 0.5
            else " ".join(
                rng.choice(
                    [
                        "Item",
                        "1.01",
                        "8-K",
                        "FORM",
                        "Agreement",
                        "Inc.",
                        "the Company",
                        "entered",
                        "into",
                        "with",
                        "percent",
                        "owns",
                    ]
                )
                for _ in range(rng.randrange(1, 8))
            )
        )
    return "".join(parts).encode("utf-8", "surrogatepass")


def _rand_name(rng: random.Random) -> str:
    words = [
        "Acme",
        "North",
        "Borealis",
        "Hydro",
        "Société",
        "Ünion",
        "Ω",
        "\u202eEvil",
        "Bad\x07Bell",
        "名古屋",
        "O'Brien",
        "Smith & Co",
        "A.B.",
        "\u200fRtl",
        "X" * rng.randint(1, 40),
        "",
    ]
    suffix = rng.choice(
        ["Inc.", "Corp.", "LLC", "L.P.", "AS", "GmbH", "S.A.", "plc", "N.V.", "K.K.", ""]
    )
    return " ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) + " " + suffix


def _rand_pct(rng: random.Random) -> str:
    return rng.choice(
        [
            "23%",
            "150%",
            "-5%",
            "23,5%",
            "0%",
            "100%",
            "100.0001%",
            "1e308%",
            "999%",
            ".5%",
            "approximately 23 percent",
            "more than 50%",
            "NaN%",
            "12.3.4%",
            "½%",
            "٢٣%",
            f"{rng.uniform(-1000, 1000):.{rng.randint(0, 6)}f}%",
        ]
    )


def _rand_date(rng: random.Random) -> str:
    months = ["January", "February", "Feb.", "April", "Sept.", "Foo", "December"]
    return rng.choice(
        [
            f"{rng.choice(months)} {rng.randint(-1, 40)}, {rng.randint(0, 99999)}",
            f"{rng.randint(0, 40)} {rng.choice(months)} {rng.randint(1900, 2100)}",
            f"{rng.randint(0, 13)}/{rng.randint(0, 40)}/{rng.randint(0, 3000)}",
            "February 30, 2007",
            "the date hereof",
            "",
            "2007-02-30",
            "February 29, 2008",
            "February 29, 2007",
        ]
    )


def generated_report(rng: random.Random) -> bytes:
    """A synthetic report with random names, percentages, dates and format."""
    bi = _badinputs()
    name = _rand_name(rng)
    rep = bi.report(
        form=rng.choice(["8-K", "8-K/A", "8-K", "10-K"]),
        date=_rand_date(rng),
        name=name.upper(),
        name_prose=name,
        agreement_date=_rand_date(rng),
        pct=_rand_pct(rng),
        extra=rng.choice(
            [
                "",
                f"{_rand_name(rng)} owns {_rand_pct(rng)} of the Company.",
                f"The Company is owned {_rand_pct(rng)} by {_rand_name(rng)}.",
            ]
        ),
        signer=_rand_name(rng),
    )
    fmt = rng.choice(["text", "sgml", "html"])
    if fmt == "sgml":
        rep = bi.sgml(rep, close=rng.random() < 0.8)
    elif fmt == "html":
        rep = bi.html(rep)
    return rep.encode("utf-8", "surrogatepass")


GENERATORS = {
    "random_bytes": random_bytes,
    "random_text": random_text,
    "tag_soup": tag_soup,
    "generated_report": generated_report,
}


def one_input(rng: random.Random, seeds: list[bytes]) -> tuple[bytes, str]:
    """One fuzz input and how it was made: 70% mutated seeds, 30% generated."""
    r = rng.random()
    if r < 0.7:
        data, names = mutate(rng, seeds)
        return data, "mutate:" + "+".join(names)
    gen = rng.choice(list(GENERATORS))
    return GENERATORS[gen](rng), gen


# --------------------------------------------------------------------------- the property


class InvariantError(AssertionError):
    """A read filing whose facts or offsets are not sound."""


def filing_problems(filing) -> list[str]:
    n = len(filing.text)
    out = []
    for it in filing.items:
        if not (0 <= it.start <= it.heading_end <= it.end <= n):
            out.append(
                f"item {it.number} offsets {it.start}/{it.heading_end}/{it.end} outside 0..{n}"
            )
    for s in filing.signatures:
        if not (0 <= s.start <= s.end <= n):
            out.append(f"signature offsets {s.start}..{s.end} outside 0..{n}")
    return out


def check_one(data: bytes, name: str = "fuzz-input.txt") -> str:
    """Read and extract ``data``; 'error' for a typed error, 'read' for a sound read.

    Raises whatever uncaught exception the package lets out, or :class:`InvariantError`."""
    from pactgraph.nlp.errors import PactgraphError
    from pactgraph.nlp.extract import extract_facts
    from pactgraph.nlp.reader import read_filing

    try:
        filing = read_filing(name, data=data)
    except PactgraphError:
        return "error"
    problems = filing_problems(filing)
    try:
        facts = extract_facts(filing)
    except PactgraphError:
        return "error"
    problems += _badinputs().fact_problems(filing, facts)
    if problems:
        raise InvariantError("; ".join(problems[:5]))
    return "read"


# --------------------------------------------------------------------------- the store write

HOSTILE_NAMES = [
    b"a\xff.txt",
    b"\xc3\x28bad-utf8.htm",
    b"new\nline.txt",
    b"tab\there.txt",
    b"cr\rname.txt",
    b'<evil>"{}|^`\\.txt',
    b"#frag?q=1&x=%00.txt",
    b"\xe2\x80\xaeevil\xe2\x80\xac.txt",
    b" lead space.txt",
    b"-dash.txt",
    b"..dots.txt",
    b"$(touch x).txt",
    b"\x01\x7fctrl.txt",
    "名古屋の提出書類.htm".encode(),
    "Société Générale 8-K.html".encode(),
    b"x" * 240 + b".txt",
    b"plain-filing.txt",
    b"file:name.txt",
    b"semi;colon's.txt",
    b"\xed\xa0\x80surrogate.txt",
]


def hostile_name(rng: random.Random, i: int) -> bytes:
    """A file name from :data:`HOSTILE_NAMES`, made unique with the input's number."""
    return b"%d-" % i + rng.choice(HOSTILE_NAMES)


#: what :func:`checked_process` made of each path of the running batch: "read", "error", or the
#: exception it caught (uncaught by the package)
PROCESSED: dict[str, Any] = {}
#: the seconds :func:`checked_process` took on each path of the running batch
SECONDS: dict[str, float] = {}


def timed_process(path: str):
    """:func:`checked_process`, its time recorded in :data:`SECONDS`."""
    started = time.perf_counter()
    try:
        return checked_process(path)
    finally:
        SECONDS[path] = time.perf_counter() - started


def checked_process(path: str):
    """The per-file work of ``ingest_paths`` (read, extract, build) with the fact invariants
    checked between extraction and build: the processor the fuzzer gives ``ingest_paths``, so
    each input is read and extracted once. A typed error is the file's error, as in ingest's own
    processor; anything else raised is recorded in :data:`PROCESSED` (the fuzzer counts it as
    uncaught) and the file fails."""
    from pactgraph.graph.ingest import filings as ingest
    from pactgraph.nlp.errors import PactgraphError
    from pactgraph.nlp.extract import extract_facts
    from pactgraph.nlp.reader import read_filing

    try:
        try:
            filing = read_filing(path)
            facts = extract_facts(filing)
        except PactgraphError as exc:
            PROCESSED[path] = "error"
            return ingest.Outcome(path, error=exc.reason)
        problems = filing_problems(filing) + _badinputs().fact_problems(filing, facts)
        if problems:
            raise InvariantError("; ".join(problems[:5]))
        try:
            iri, graph = ingest._build(facts, filing)
        except PactgraphError as exc:
            PROCESSED[path] = "error"
            return ingest.Outcome(path, error=exc.reason)
        out = ingest.Outcome(
            path,
            sha256=filing.sha256,
            graph_iri=str(iri),
            ntriples=ingest.to_ntriples(graph),
            agreements=len(facts.get("agreements") or []),
            stakes=len(facts.get("stakes") or []),
        )
    except Exception as exc:  # noqa: BLE001 - recording it is the point
        PROCESSED[path] = exc
        return ingest.Outcome(path, error=f"uncaught {type(exc).__name__}")
    PROCESSED[path] = "read"
    return out


@dataclasses.dataclass
class Queued:
    """One input waiting in the batch: its number, how it was made, its bytes and file."""

    i: int
    how: str
    data: bytes
    path: str
    sha: str


class StoreStage:
    """Writes inputs to hostile-named files and ingests them in batches into one store.

    The outcome of an input's content is known once per content: a repeated content (skipped by
    hash) takes the outcome of its first occurrence; a file ``ingest_paths`` refuses before
    reading (a name that is not UTF-8) has its content read and extracted in memory instead."""

    def __init__(self, kind: str, batch: int) -> None:
        import tempfile

        self.kind, self.batch = kind, batch
        self.tmp = tempfile.TemporaryDirectory(prefix="pactgraph-fuzz-")
        self.folder = os.path.join(self.tmp.name.encode(), b"in")
        os.makedirs(self.folder)
        self.store = self._open()
        self.queued: list[Queued] = []
        self.outcome_by_sha: dict[str, str] = {}
        self.counts: collections.Counter = collections.Counter()

    def _open(self):
        from pactgraph.graph.store import open_store

        if self.kind == "memory":
            return open_store("memory:")
        return open_store(f"oxigraph:{os.path.join(self.tmp.name, 'store')}")

    def add(self, rng: random.Random, i: int, data: bytes, how: str) -> None:
        """Queue ``data`` under a hostile file name."""
        path = os.path.join(self.folder, hostile_name(rng, i))
        with open(path, "wb") as fh:
            fh.write(data)
        self.queued.append(
            Queued(i, how, data, os.fsdecode(path), hashlib.sha256(data).hexdigest())
        )

    def flush(self) -> list[tuple[Queued, Any, float]]:
        """Ingest the queued files; each input with its outcome ("read", "error") or the
        exception the package let out, and the seconds its read, extraction and build took.
        Raises what ``ingest_paths`` lets out, or
        :class:`InvariantError` when a file is not accounted for."""
        from pactgraph.graph.ingest import ingest_paths

        queued, self.queued = self.queued, []
        if not queued:
            return []
        statuses: dict[str, str] = {}
        PROCESSED.clear()
        SECONDS.clear()
        try:
            report = ingest_paths(
                [q.path for q in queued],
                self.store,
                processor=timed_process,
                on_progress=lambda d, t, path, s: statuses.__setitem__(path, s),
            )
        finally:
            for q in queued:
                os.unlink(q.path)
        accounted = report.filings + report.skipped + len(report.errors)
        if accounted != len(queued) or len(statuses) != len(queued):
            raise InvariantError(
                f"{len(queued)} files, {accounted} written, skipped or failed, "
                f"{len(statuses)} reported"
            )
        self.counts.update(
            written=report.filings, skipped=report.skipped, failed=len(report.errors)
        )
        return [(q, self._outcome(q), SECONDS.get(q.path, 0.0)) for q in queued]

    def _outcome(self, q: Queued) -> Any:
        if q.path in PROCESSED:
            got = PROCESSED[q.path]
        elif q.sha in self.outcome_by_sha:
            return self.outcome_by_sha[q.sha]
        else:  # refused before reading: the content is still read and extracted
            try:
                got = check_one(q.data)
            except Exception as exc:  # noqa: BLE001 - counting is the point
                got = exc
        if isinstance(got, str):
            self.outcome_by_sha[q.sha] = got
        return got

    def close(self) -> None:
        self.store.close()
        self.tmp.cleanup()


# --------------------------------------------------------------------------- the run


def rss_mb() -> float:
    """This process's resident memory now, in MB (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


class Tally:
    """Outcomes, uncaught exceptions by type and one reproducer per type."""

    def __init__(self, save: Path | None) -> None:
        self.save = save
        self.outcomes: collections.Counter = collections.Counter()
        self.uncaught: collections.Counter = collections.Counter()
        self.examples: dict[str, tuple[str, str, str]] = {}
        self.slowest: list[tuple[float, int, str]] = []  # (seconds, input, how), slowest first

    def add(self, got: Any, how: str, i: int, data: bytes, seconds: float = 0.0) -> None:
        if seconds and (len(self.slowest) < 5 or seconds > self.slowest[-1][0]):
            self.slowest = sorted([*self.slowest, (seconds, i, how)], reverse=True)[:5]
        if isinstance(got, str):
            self.outcomes[got] += 1
            return
        key = f"{type(got).__module__}.{type(got).__name__}"
        self.uncaught[key] += 1
        self.outcomes["uncaught"] += 1
        if key not in self.examples:
            tb = traceback.extract_tb(got.__traceback__)
            where = f"{tb[-1].filename}:{tb[-1].lineno}" if tb else "?"
            self.examples[key] = (how, str(got)[:300], where)
            if self.save is not None:
                self.save.mkdir(parents=True, exist_ok=True)
                (self.save / f"{key.replace('.', '_')}-{i}.bin").write_bytes(data)


def input_rng(seed: int, i: int) -> random.Random:
    """The generator of input ``i``: the same input for a seed whatever the jobs and batches."""
    return random.Random(f"{seed}:{i}")


def fresh_stage(stage: StoreStage | None, store: str, batch: int) -> StoreStage | None:
    """A new store stage in place of ``stage`` (closed), with a fresh extraction pipeline: the
    spaCy vocabulary keeps every word it sees, as in ingest's workers, which are replaced every
    2,000 filings for that reason."""
    from pactgraph.nlp.pipeline import make_pipeline

    if stage is not None:
        stage.close()
        make_pipeline.cache_clear()
    make_pipeline()  # loaded here, so that no input's time includes it
    return StoreStage(store, batch) if store != "none" else None


def run_share(
    job: int,
    jobs: int,
    n: int,
    seed: int,
    seeds: list[bytes],
    save: Path | None,
    store: str,
    batch: int,
    progress_every: float,
    store_every: int = 2000,
) -> dict:
    """Inputs ``job, job + jobs, ...`` below ``n``: generated, checked, ingested into this share's
    store, a fresh one every ``store_every`` inputs. Returns the figures of the share."""
    tally = Tally(save)
    stage = fresh_stage(None, store, batch)
    mine = range(job, n, jobs)
    total_bytes, done, in_store = 0, 0, 0
    store_counts: collections.Counter = collections.Counter()
    started = last = time.perf_counter()
    try:
        for i in mine:
            rng = input_rng(seed, i)
            data, how = one_input(rng, seeds)
            if i > 0 and rng.random() < 0.05:  # skipped by hash when input i - 1 is in this store
                data, how = one_input(input_rng(seed, i - 1), seeds)[0], f"repeat of input {i - 1}"
            total_bytes += len(data)
            if stage is None:
                try:
                    tally.add(check_one(data), how, i, data)
                except Exception as exc:  # noqa: BLE001 - counting is the point
                    tally.add(exc, how, i, data)
                done += 1
            else:
                stage.add(rng, i, data, how)
                in_store += 1
                if len(stage.queued) >= batch or i + jobs >= n:
                    done += _flush(stage, tally, i)
                if in_store >= store_every and not stage.queued and i + jobs < n:
                    store_counts.update(stage.counts)
                    stage, in_store = fresh_stage(stage, store, batch), 0
            now = time.perf_counter()
            if progress_every and now - last >= progress_every:
                last = now
                _progress(job, jobs, done, len(mine), now - started, tally)
    finally:
        if stage is not None:
            store_counts.update(stage.counts)
            stage.close()
    return {
        "n": len(mine),
        "seconds": time.perf_counter() - started,
        "bytes": total_bytes,
        "outcomes": tally.outcomes,
        "uncaught": tally.uncaught,
        "examples": tally.examples,
        "store": store_counts,
        "slowest": tally.slowest,
    }


def _flush(stage: StoreStage, tally: Tally, i: int) -> int:
    """Ingest the stage's batch and count its outcomes; the inputs counted."""
    batch = list(stage.queued)
    try:
        results = stage.flush()
    except Exception as exc:  # noqa: BLE001 - ingest_paths itself let something out
        tally.add(exc, f"store batch ending at input {i}", i, batch[-1].data)
        return len(batch)
    for q, got, seconds in results:
        tally.add(got, q.how, q.i, q.data, seconds)
    return len(results)


def _progress(job: int, jobs: int, done: int, total: int, secs: float, tally: Tally) -> None:
    who = f"job {job}/{jobs} " if jobs > 1 else ""
    outcomes = " ".join(f"{k} {v}" for k, v in sorted(tally.outcomes.items()))
    print(
        f"  {time.strftime('%H:%M:%S')} {who}{done:>7}/{total}  {done / secs:6.2f} inputs/s  "
        f"uncaught {sum(tally.uncaught.values())}  ({outcomes})  rss {rss_mb():.0f} MB",
        file=sys.stderr,
        flush=True,
    )


def run_jobs(jobs: int, options: list[str]) -> list[dict]:
    """Each share of the inputs fuzzed by its own process (this file run with ``--share``: a
    fresh interpreter, no threads or store inherited), its figures read back as JSON."""
    import json
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pactgraph-fuzz-jobs-") as tmp:
        results = [os.path.join(tmp, f"share-{job}.json") for job in range(jobs)]
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    *options,
                    "--jobs",
                    str(jobs),
                    "--share",
                    str(job),
                    "--result",
                    out,
                ]
            )
            for job, out in enumerate(results)
        ]
        codes = [p.wait() for p in procs]
        shares = []
        for job, (code, out) in enumerate(zip(codes, results)):
            if not os.path.exists(out):
                raise RuntimeError(f"fuzz job {job} ended with code {code} and no figures")
            with open(out) as fh:
                share = json.load(fh)
            for key in ("outcomes", "uncaught", "store"):
                share[key] = collections.Counter(share[key])
            share["examples"] = {k: tuple(v) for k, v in share["examples"].items()}
            shares.append(share)
    return shares


def run(
    n: int,
    seed: int,
    corpus: Path | None,
    max_bytes: int,
    save: Path | None,
    progress: bool = True,
    store: str = "none",
    batch: int = 200,
    jobs: int = 1,
    progress_every: float = 10.0,
    store_every: int = 2000,
) -> dict:
    """Fuzz ``n`` inputs in ``jobs`` processes (each with its own store); the merged figures."""
    seeds = load_seeds(corpus, max_bytes)
    every = progress_every if progress else 0.0
    started = time.perf_counter()
    store_every = max(batch, store_every)
    if jobs == 1:
        shares = [run_share(0, 1, n, seed, seeds, save, store, batch, every, store_every)]
    else:
        options = [
            "--n",
            str(n),
            "--seed",
            str(seed),
            "--max-bytes",
            str(max_bytes),
            "--store",
            store,
            "--batch",
            str(batch),
            "--store-every",
            str(store_every),
            "--progress-every",
            str(every),
            "--save",
            str(save or ""),
        ]
        if corpus is not None:
            options += ["--corpus", str(corpus)]
        shares = run_jobs(jobs, options)
    secs = time.perf_counter() - started
    merged = {
        k: sum((s[k] for s in shares), collections.Counter())
        for k in ("outcomes", "uncaught", "store")
    }
    examples: dict = {}
    for s in shares:
        for key, ex in s["examples"].items():
            examples.setdefault(key, ex)
    return {
        "n": n,
        "seed": seed,
        "seeds": len(seeds),
        "seconds": secs,
        "jobs": jobs,
        "inputs_per_s": n / secs if secs else 0,
        "mb": sum(s["bytes"] for s in shares) / 1e6,
        "outcomes": dict(merged["outcomes"]),
        "uncaught": dict(merged["uncaught"]),
        "examples": examples,
        "store": dict(merged["store"]),
        "slowest": sorted((tuple(x) for s in shares for x in s["slowest"]), reverse=True)[:5],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.fuzz", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--n", type=int, default=10_000, help="inputs to generate (default 10,000)")
    ap.add_argument(
        "--seed", type=int, default=0, help="random seed (default 0): same seed, same inputs"
    )
    ap.add_argument(
        "--corpus", type=Path, default=None, help=f"seed filings (default {DEFAULT_CORPUS})"
    )
    ap.add_argument(
        "--max-bytes", type=int, default=40_000, help="seeds are cut to this size (default 40,000)"
    )
    ap.add_argument(
        "--save",
        default="fuzz-failures",
        help="where to save one reproducer per uncaught exception type (empty: nowhere)",
    )
    ap.add_argument(
        "--store",
        choices=("oxigraph", "memory", "none"),
        default="oxigraph",
        help="also ingest every input, under a hostile file name, into a fresh store "
        "of this kind (default oxigraph; none: reader and extractor only)",
    )
    ap.add_argument("--batch", type=int, default=200, help="files per ingest run (default 200)")
    ap.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="processes, each fuzzing its share of the inputs into its own store",
    )
    ap.add_argument(
        "--store-every",
        type=int,
        default=2000,
        help="inputs per store: a job starts a fresh store after this many (default "
        "2,000; the cross-filing linking slows as a store grows)",
    )
    ap.add_argument(
        "--progress-every",
        type=float,
        default=10.0,
        help="seconds between progress lines on stderr (default 10)",
    )
    ap.add_argument("--share", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--result", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    save = Path(args.save) if args.save else None
    if args.share is not None:  # one job of run_jobs: its share, figures to --result
        return _run_one_share(args, save)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    r = run(
        args.n,
        args.seed,
        args.corpus,
        args.max_bytes,
        save,
        store=args.store,
        batch=args.batch,
        jobs=max(1, args.jobs),
        progress_every=args.progress_every,
        store_every=args.store_every,
    )
    print(
        f"fuzz: {r['n']:,} inputs (seed {r['seed']}, {r['seeds']} seed files, {r['mb']:.1f} MB, "
        f"{r['jobs']} job(s)) in {r['seconds']:.1f} s = {r['inputs_per_s']:.1f} inputs/s"
    )
    print("outcomes: " + ", ".join(f"{k} {v:,}" for k, v in sorted(r["outcomes"].items())))
    if r["store"]:
        print("store: " + ", ".join(f"{k} {v:,}" for k, v in sorted(r["store"].items())))
    if r["slowest"]:
        print(
            "slowest inputs (read, extract, build): "
            + "; ".join(f"{secs:.2f} s input {i} ({how})" for secs, i, how in r["slowest"])
        )
    if not r["uncaught"]:
        print("uncaught exceptions: 0")
        return 0
    print(f"uncaught exceptions: {sum(r['uncaught'].values()):,}")
    for key, count in sorted(r["uncaught"].items(), key=lambda kv: -kv[1]):
        how, msg, where = r["examples"][key]
        print(f"  {count:>7,}  {key}  at {where}\n           e.g. ({how}) {msg}")
    return 1


def _run_one_share(args: argparse.Namespace, save: Path | None) -> int:
    import json

    seeds = load_seeds(args.corpus, args.max_bytes)
    share = run_share(
        args.share,
        args.jobs,
        args.n,
        args.seed,
        seeds,
        save,
        args.store,
        args.batch,
        args.progress_every,
        args.store_every,
    )
    with open(args.result, "w") as fh:
        json.dump(share, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
