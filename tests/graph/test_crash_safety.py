"""Crash safety of ingest into the embedded Oxigraph store, with real processes and real SIGKILLs.

``tests/graph/test_ingest.py`` already kills one in-process ingest midway and checks that the
survivors are whole and a restart finishes. This file covers the rest of issue 9:

- nothing committed is lost: every filing the ingest reported as written before the kill is in
  the store afterwards, whole;
- repeated kills at random points, then a restart: the store equals a clean ingest of the same
  files (same graphs, each isomorphic, same triple count);
- a kill of ``pactgraph ingest --workers 2`` (the whole process group, workers included);
- concurrent readers: a separate process polling the per-graph triple counts of the store while
  an ingest runs reads the ingest's published views and sees, for each filing's graph, only 0,
  its count as written or its final count (the cross-filing step merges a filing's name-only
  organisations into their CIK nodes after the filing is written: a kill can fall between).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import rdflib
import rdflib.compare
from pactgraph.graph import iris
from pactgraph.graph.ingest import ingest_paths, process_file
from pactgraph.graph.link.lifecycle import _linked_count
from pactgraph.graph.store import open_store

N_FILES = 24
PACTGRAPH = shutil.which("pactgraph", path=os.path.dirname(sys.executable)) or shutil.which(
    "pactgraph"
)


@pytest.fixture(scope="module")
def clean(corpus_dir, tmp_path_factory):
    """Small corpus filings with distinct graphs, and each filing's graph from a clean,
    uninterrupted ingest of the same files into a fresh store (the reference), with the graph
    as first written, before the cross-filing step merged its name-only organisations into
    their CIK nodes (``WRITTEN``: what a run killed before linking leaves)."""
    files = sorted(
        (
            p
            for p in corpus_dir.iterdir()
            if p.suffix in (".txt", ".htm") and p.stat().st_size < 60_000
        ),
        key=lambda p: p.name,
    )
    # copied to a private folder first: the graphs name their source file, so every ingest
    # here reads the same paths
    folder = tmp_path_factory.mktemp("filings")
    paths, iri_of = [], {}
    for p in files:
        dst = folder / p.name
        shutil.copy(p, dst)
        out = process_file(str(dst))
        if out.error is None and out.graph_iri not in iri_of.values():
            paths.append(str(dst))
            iri_of[str(dst)] = out.graph_iri
            WRITTEN[out.graph_iri] = rdflib.Graph().parse(data=str(out.ntriples), format="nt")
        else:
            dst.unlink()
        if len(paths) == N_FILES:
            break
    assert len(paths) >= 12, "not enough readable small filings in the corpus"
    ref = tmp_path_factory.mktemp("clean") / "ox"
    with open_store(f"oxigraph:{ref}") as st:
        report = ingest_paths(paths, st)
        assert report.filings == len(paths) and not report.errors, report.errors
        graphs = {iri_of[p]: st.graph(iri_of[p]) for p in paths}
    return paths, iri_of, graphs


def stored(st, iri) -> rdflib.Graph:
    return st.graph(iri)


# each filing's graph as the ingest first writes it (see ``clean``)
WRITTEN: dict[str, rdflib.Graph] = {}


def whole(graph: rdflib.Graph, iri: str, graphs) -> bool:
    """A filing's graph as a clean ingest leaves it, or as it was written before the
    cross-filing merge (a killed run may stop between the two)."""
    iri = str(iri)
    if rdflib.compare.isomorphic(graph, graphs[iri]):
        return True
    facts = rdflib.Graph()  # the store's own bookkeeping (the source file's hash) left out
    for triple in graph:
        if not str(triple[1]).startswith(_BOOKKEEPING):
            facts.add(triple)
    return rdflib.compare.isomorphic(facts, WRITTEN[iri])


_BOOKKEEPING = "https://pactgraph.org/store#"


def assert_equals_clean_ingest(db: Path, paths, iri_of, graphs) -> None:
    with open_store(f"oxigraph:{db}", read_only=True) as st:
        derived = {str(g) for g in iris.DERIVED_GRAPHS}  # links, linked count, preferred names
        assert {str(i) for i in st.graph_iris()} - derived == {iri_of[p] for p in paths}
        assert _linked_count(st) == len(paths)  # a killed run's filings were linked by a later one
        for p in paths:
            iri = iri_of[p]
            assert rdflib.compare.isomorphic(stored(st, iri), graphs[iri]), (
                f"{p}: graph differs from a clean ingest"
            )
            assert st.triple_count(iri) == len(graphs[iri])
        in_derived = sum(st.triple_count(g) for g in derived)
        assert st.triple_count() - in_derived == sum(len(graphs[iri_of[p]]) for p in paths)


CHILD = textwrap.dedent("""
    import os, sys
    from pactgraph.graph.ingest import ingest_paths
    from pactgraph.graph.store import open_store
    with open_store("oxigraph:" + sys.argv[1]) as st:
        report = ingest_paths(
            sys.argv[2:], st,
            on_progress=lambda d, t, p, s: print(s, p, flush=True),
            flush_every=int(os.environ.get("FLUSH_EVERY", "200")),
        )
    for path, reason in report.errors:
        print("error", path, reason, file=sys.stderr, flush=True)
    print("done", flush=True)
""")


def run_and_kill(db: Path, paths: list[str], kill_after: int) -> list[str]:
    """Start an ingest, SIGKILL it after ``kill_after`` filings were reported written; return
    every path it reported written (the lines already in the pipe included)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), *paths],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reported: list[str] = []
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line or line.startswith("done"):
                break
            status, _, path = line.rstrip("\n").partition(" ")
            if status == "ingested":
                reported.append(path)
                if len(reported) >= kill_after:
                    os.kill(child.pid, signal.SIGKILL)
                    break
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        rest, err = child.communicate(timeout=30)
    for line in rest.splitlines():  # printed (and so committed) just before the kill landed
        status, _, path = line.partition(" ")
        if status == "ingested":
            reported.append(path)
    assert child.returncode in (-signal.SIGKILL, 0), err[-2000:]
    return reported


def test_nothing_committed_is_lost_and_repeated_kills_end_like_a_clean_ingest(tmp_path, clean):
    paths, iri_of, graphs = clean
    db = tmp_path / "ox"
    rng = random.Random(len(paths))
    committed: set[str] = set()
    for round_ in range(3):
        reported = run_and_kill(db, paths, kill_after=rng.randint(2, 5))
        committed |= set(reported)
        with open_store(f"oxigraph:{db}", read_only=True) as st:
            present = {str(i) for i in st.graph_iris()}
            for p in committed:  # reported written => in the store, whole
                assert iri_of[p] in present, (
                    f"round {round_}: {p} was reported ingested but is gone"
                )
            for iri in present:  # whatever is there is whole
                assert whole(stored(st, iri), iri, graphs), f"partial graph {iri}"
    # the restart finishes the rest and skips what is there
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), *paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    statuses = [line.split(" ", 1)[0] for line in run.stdout.splitlines() if line != "done"]
    assert "failed" not in statuses, run.stderr[-3000:]
    assert statuses.count("skipped") >= len(committed)
    assert_equals_clean_ingest(db, paths, iri_of, graphs)


def test_kill_of_cli_ingest_with_two_workers_then_restart(tmp_path, clean):
    """SIGKILL to the whole process group of ``pactgraph ingest --workers 2`` (the parent and its
    worker processes) midway; ``pactgraph ingest`` again finishes; the store equals a clean
    ingest."""
    if PACTGRAPH is None:
        pytest.skip("the pactgraph command is not installed")
    paths, iri_of, graphs = clean
    db = tmp_path / "ox"
    cmd = [PACTGRAPH, "ingest", *paths, "--store", f"oxigraph:{db}", "--workers", "2"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )

    # wait until a few filings are written (the store's write-ahead log grows with each; a
    # read-only look now would read the view the ingest published when it started), then kill
    # them all
    def logged() -> int:
        return sum(f.stat().st_size for f in db.glob("*.log")) if db.exists() else 0

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and logged() < 30_000:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest ended before it could be killed midway"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    time.sleep(0.5)  # let the killed workers go
    with open_store(f"oxigraph:{db}", read_only=True) as st:
        written = [iri for iri in st.graph_iris() if iri not in iris.DERIVED_GRAPHS]
        assert 0 < len(written) < len(paths), (
            f"{len(written)} of {len(paths)} filings written at the kill"
        )
        for iri in written:
            assert whole(stored(st, iri), iri, graphs), f"partial graph {iri}"
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert_equals_clean_ingest(db, paths, iri_of, graphs)


READER = textwrap.dedent("""
    import json, sys, time, os
    from pactgraph.graph.store import open_store
    db, out, stop = sys.argv[1], sys.argv[2], sys.argv[3]
    polls = 0
    with open(out, "w") as fh:
        while True:
            last = os.path.exists(stop)
            try:
                st = open_store("oxigraph:" + db, read_only=True)
            except Exception as exc:
                fh.write(json.dumps({"open_error": str(exc)}) + "\\n")
                time.sleep(0.02)
                if last:
                    break
                continue
            try:
                counts = {str(g): st.triple_count(g) for g in st.graph_iris()}
                view = st.view is not None
            except Exception as exc:
                fh.write(json.dumps({"read_error": str(exc)}) + "\\n")
                continue
            finally:
                st.close()
            fh.write(json.dumps({"view": view, "counts": counts}) + "\\n")
            fh.flush()
            polls += 1
            if last:
                break
""")


def test_reader_during_an_ingest_reads_published_views_with_only_whole_filings(tmp_path, clean):
    """A reader process polls every graph's triple count before, while and after an ingest
    writes (publishing a view every 3 filings). While it writes, the reader reads the ingest's
    published views, not the store (pyoxigraph: a read-only open while another process writes
    is undefined behaviour; such a reader once saw a filing's graph with 5 of its 16 triples).
    Every poll shows each graph absent (0) or with its final count, the views never go back, and
    the last poll equals the final store."""
    paths, iri_of, graphs = clean
    db = tmp_path / "ox"
    with open_store(f"oxigraph:{db}"):
        pass  # the store exists before the reader starts
    log, stop = tmp_path / "polls.jsonl", tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(log), str(stop)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.0)
        run = subprocess.run(
            [sys.executable, "-c", CHILD, str(db), *paths],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env={**os.environ, "FLUSH_EVERY": "3"},
        )
        assert run.returncode == 0, run.stderr[-2000:]
    finally:
        stop.touch()
        try:
            reader.wait(timeout=60)
        except subprocess.TimeoutExpired:
            reader.kill()
    with open_store(f"oxigraph:{db}", read_only=True) as st:
        assert st.view is None  # nobody writes it: the store itself
        final = {str(g): st.triple_count(g) for g in st.graph_iris()}
    polls = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    # the filing graphs; the derived graphs (links, preferred names: written after the filings)
    # are left out
    for derived in iris.DERIVED_GRAPHS:
        final.pop(str(derived), None)
    refused = [p.get("open_error") or p["read_error"] for p in polls if "counts" not in p]
    assert not refused, refused[:3]
    for poll in polls:
        for derived in iris.DERIVED_GRAPHS:
            poll["counts"].pop(str(derived), None)
    views = [p["counts"] for p in polls if p["view"]]
    assert views, "the reader never read a published view while the ingest wrote"
    for k, snap in enumerate(p["counts"] for p in polls):
        for iri, n in snap.items():
            assert iri in final, f"poll {k}: a graph {iri} that is not in the final store"
            # absent, as written (with the store's hash triple), or as the merge left it
            assert n in (0, len(WRITTEN[iri]) + 1, final[iri]), (
                f"poll {k}: graph {iri} seen with {n} of {final[iri]} triples"
            )
    for before, after in zip(views, views[1:]):
        assert set(before) <= set(after), "a later view lost filings an earlier one had"
    assert polls[-1]["counts"] == final


# --------------------------------------------------------------------------- issue 23


def test_a_kill_before_linking_is_finished_by_a_rerun_that_writes_nothing(tmp_path, clean):
    """Killed after the last filing was written, before the cross-filing links were built: a
    re-run skips every file by hash, and must still build the links (it never did)."""
    from pactgraph.graph.link.lifecycle import lifecycle_links

    paths, iri_of, graphs = clean
    db = tmp_path / "ox"
    # the state such a kill leaves: every filing whole in the store, no links (link=False stops
    # exactly there)
    with open_store(f"oxigraph:{db}") as st:
        assert ingest_paths(paths, st, link=False).filings == len(paths)
        assert _linked_count(st) is None
    with open_store(f"oxigraph:{db}") as st:
        report = ingest_paths(paths, st)
        assert (report.filings, report.skipped) == (0, len(paths))
        links = lifecycle_links(st)
    assert_equals_clean_ingest(db, paths, iri_of, graphs)
    with open_store(f"oxigraph:{tmp_path / 'fresh'}") as st:
        ingest_paths(paths, st)
        assert links == lifecycle_links(st)
    with open_store(f"oxigraph:{db}") as st:  # and a third run has nothing left to do
        assert ingest_paths(paths, st).skipped == len(paths)
        assert lifecycle_links(st) == links


def _file_size_limit(limit: int):
    def apply() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_ends_ingest_with_one_clear_line(tmp_path, clean):
    """The store's files cannot grow past 200 kB (a full disk, as RocksDB sees it): the ingest
    stops with one line saying why, not a traceback, and what it wrote is whole."""
    if PACTGRAPH is None:
        pytest.skip("the pactgraph command is not installed")
    paths, iri_of, graphs = clean
    db = tmp_path / "ox"
    run = subprocess.run(
        [PACTGRAPH, "ingest", *paths, "--store", f"oxigraph:{db}"],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_file_size_limit(200_000),
        env={**os.environ, "NO_COLOR": "1"},
    )
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert len(lines) == 1, run.stderr[-3000:]
    assert "File too large" in lines[0] and lines[0].startswith("error:")
    with open_store(f"oxigraph:{db}", read_only=True) as st:
        for iri in set(map(str, st.graph_iris())) - {str(g) for g in iris.DERIVED_GRAPHS}:
            assert whole(st.graph(iri), iri, graphs)


def test_killing_only_the_ingest_process_leaves_no_worker_behind(tmp_path, clean):
    """SIGKILL to ``pactgraph ingest --workers 2`` itself (not its group): its fork server and
    workers end within seconds, instead of running on for minutes."""
    if PACTGRAPH is None:
        pytest.skip("the pactgraph command is not installed")
    paths = clean[0]
    proc = subprocess.Popen(
        [
            PACTGRAPH,
            "ingest",
            *paths,
            "--store",
            f"oxigraph:{tmp_path / 'ox'}",
            "--workers",
            "2",
            "--force",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def group_alive() -> bool:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return False
        return True

    import psutil

    deadline = time.monotonic() + 120
    while (
        time.monotonic() < deadline
        and proc.poll() is None
        and len(psutil.Process(proc.pid).children(recursive=True)) < 3
    ):
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest ended before its workers were seen"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while group_alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    left = group_alive()
    if left:
        os.killpg(proc.pid, signal.SIGKILL)
    assert not left, "worker processes outlived the killed ingest"
