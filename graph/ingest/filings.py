"""Ingest filings into a store: read → extract → build a graph → write it, one filing at a time.

:func:`ingest_paths` takes files, folders (walked recursively) and glob patterns. Each filing is
read, extracted and turned into its named graph by :func:`process_file` — in this process, in
``workers`` local processes, or on a Dask distributed cluster (``scheduler="tcp://HOST:PORT"``)
— and the graphs are written by this process only, in input order, each in one atomic
replacement. At most a few filings are in flight at any time, so memory does not grow with the
size of the corpus.

A file whose SHA-256 is already recorded in the store is skipped (``force=True`` re-ingests),
so an interrupted ingest (even ``kill -9``) is finished by running it again: a filing is
either wholly in the store or not at all. A file that cannot be read is reported with its
reason and the others go on.
"""

from __future__ import annotations

import glob
import hashlib
import multiprocessing as mp
import os
import stat
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from pactgraph.graph.build.builder import build_filing_graph
from pactgraph.graph.errors import ConfigError, PactgraphError, QueryError, StoreError
from pactgraph.graph.link.lifecycle import needs_linking, run_post_ingest
from pactgraph.graph.rdf.terms import NTriples, to_ntriples
from pactgraph.graph.store import Store
from pactgraph.nlp.reader import MAX_BYTES, read_filing

__all__ = ["IngestReport", "Outcome", "ingest_paths", "expand_paths", "process_file", "file_sha256"]

#: what ``on_progress`` receives as status
INGESTED, SKIPPED, FAILED = "ingested", "skipped", "failed"
_SKIP_NAMES = {"MANIFEST.csv", ".DS_Store", "Thumbs.db"}


@dataclass
class Outcome:
    """What a worker sends back for one file: its graph as N-Triples text, or the error."""

    path: str
    sha256: str | None = None
    graph_iri: str | None = None
    ntriples: NTriples | None = None
    agreements: int = 0
    stakes: int = 0
    error: str | None = None


@dataclass
class IngestReport:
    """The counts of one ingest run."""

    files: int = 0  # files considered
    filings: int = 0  # filings written
    skipped: int = 0  # already in the store with the same source SHA-256
    agreements: int = 0
    stakes: int = 0
    triples: int = 0  # triples written by this run
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    seconds: float = 0.0
    store_triples: int | None = None  # triples in the store after the run
    # IRIs of the graphs written by this run (left out of the repr: a large ingest writes many)
    graphs: list[str] = field(default_factory=list, repr=False)

    @property
    def failed(self) -> int:
        return len(self.errors)

    @property
    def ok(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------- inputs

NOT_UTF8_NAME = (
    "the file name is not valid UTF-8 (it cannot be recorded in the graph as the "
    "filing's source); rename the file"
)


def _utf8_name(path: str) -> bool:
    """Whether ``path`` is text the store can record (a name that is not UTF-8 comes from the
    file system as lone surrogates)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Files named by ``paths``: files as given, folders walked (sorted), globs expanded.

    A path that matches nothing is kept, so that reading it reports the reason. Hidden files,
    ``MANIFEST.csv`` and other non-filings by name are left out of folders.
    """
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        if p not in seen:
            seen.add(p)
            out.append(p)

    for raw in paths:
        p = os.fspath(raw)
        if os.path.isdir(p):
            # a folder that cannot be read is listed itself: reading it reports why
            for root, dirs, files in os.walk(p, onerror=lambda err: add(err.filename)):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name in _SKIP_NAMES:
                        continue
                    add(os.path.join(root, name))
        elif not os.path.lexists(p) and glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                add(p)
            for m in matches:
                if os.path.isdir(m):
                    out_dir = expand_paths([m])
                    for f in out_dir:
                        add(f)
                else:
                    add(m)
        else:
            add(p)
    return out


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --------------------------------------------------------------------------- the worker side


def _build(facts: dict, filing: Any):
    return build_filing_graph(facts, filing=filing)


def process_file(path: str) -> Outcome:
    """Read, extract and build the graph of one file (runs in a worker). Never raises."""
    try:
        # here: extraction loads spaCy and its model, which only the worker processes need
        from pactgraph.nlp.extract import extract_facts

        filing = read_filing(path)
        facts = extract_facts(filing)
        iri, graph = _build(facts, filing)
        return Outcome(
            path,
            sha256=filing.sha256,
            graph_iri=str(iri),
            ntriples=to_ntriples(graph),
            agreements=len(facts.get("agreements") or []),
            stakes=len(facts.get("stakes") or []),
        )
    except PactgraphError as exc:
        return Outcome(path, error=exc.reason)
    except RecursionError:
        return Outcome(path, error="internal error: the document is nested too deeply")
    except MemoryError:
        return Outcome(path, error="internal error: out of memory on this file")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
        return Outcome(path, error=f"internal error: {type(exc).__name__}: {exc}")


# --------------------------------------------------------------------------- executors


class _Inline:
    """Runs the processor in this process, lazily (one filing at a time)."""

    def __init__(self, fn: Callable[[str], Outcome]) -> None:
        self.fn = fn

    def submit(self, path: str) -> Callable[[], Outcome]:
        return lambda: self.fn(path)

    def close(self) -> None:
        pass


#: filings a local worker process extracts before it is replaced by a fresh one: spaCy's
#: vocabulary keeps every new word it sees, so a worker's memory grows with the corpus (124 → 144 MB
#: over 10,000 filings); a fresh worker costs ~1 s
TASKS_PER_WORKER = 2000


def end_with(pid: int) -> None:
    """End this process when process ``pid`` (the one that started the work) is gone, or when
    this process's parent is (it was then given another parent): a killed ingest or server
    leaves no worker behind. (The pool's workers would wait on their task queue for ever, and
    they keep the fork server alive.) A thread checks twice a second."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # pragma: no cover - still there, another user's now
                pass

    threading.Thread(target=watch, name="pactgraph-end-with-parent", daemon=True).start()


class _Pool:
    """Local worker processes (concurrent.futures), each replaced after
    :data:`TASKS_PER_WORKER` filings."""

    def __init__(self, fn: Callable[[str], Outcome], workers: int) -> None:
        ctx = mp.get_context("forkserver" if sys.platform.startswith("linux") else "spawn")
        self.fn = fn
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            max_tasks_per_child=TASKS_PER_WORKER,
            initializer=end_with,
            initargs=(os.getpid(),),
        )

    def submit(self, path: str) -> Callable[[], Outcome]:
        return self.pool.submit(self.fn, path).result

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """A Dask distributed cluster: extraction runs on its workers."""

    def __init__(self, fn: Callable[[str], Outcome], scheduler: Any) -> None:
        try:
            # here: Dask is optional (the dask extra)
            from distributed import Client
        except ImportError:
            raise ConfigError(
                "--scheduler needs Dask distributed: pip install 'pactgraph[dask]'"
            ) from None
        self.fn = fn
        if isinstance(scheduler, Client):
            self.client, self.own = scheduler, False
        else:
            try:
                self.client, self.own = Client(scheduler, timeout="30s"), True
            except (OSError, TimeoutError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None

    def submit(self, path: str) -> Callable[[], Outcome]:
        # workers read the file by its absolute path: they share the file system with us
        return self.client.submit(self.fn, os.path.abspath(path), pure=False).result

    def close(self) -> None:
        if self.own:
            self.client.close()


# --------------------------------------------------------------------------- the driver


def ingest_paths(
    paths: Iterable[str | os.PathLike],
    store: Store,
    workers: int = 1,
    scheduler: Any = None,
    on_progress: Callable[..., Any] | None = None,
    *,
    force: bool = False,
    processor: Callable[[str], Outcome] | None = None,
    window: int | None = None,
    flush_every: int = 200,
    link: bool = True,
) -> IngestReport:
    """Ingest the filings named by ``paths`` into ``store``; return the :class:`IngestReport`.

    ``on_progress(done, total, path, status)`` is called after each file, ``status`` one of
    ``"ingested"``, ``"skipped"``, ``"failed"``. ``processor`` replaces :func:`process_file`
    (a top-level function, so that it can be sent to workers). ``window`` bounds the filings in
    flight (default: 4 per worker); the store is flushed every ``flush_every`` filings.
    When filings were written and ``link`` is true, the cross-filing updates
    (:func:`pactgraph.graph.link.lifecycle.run_post_ingest`: companies merged by CIK, amendment and
    termination links) run once, after the last filing: for the filings of this run only when
    they are few (the cost follows them, not the store), as one recompute when they are many
    (cheaper than many small passes, each of which reads the store's candidates again, and what
    keeps the writer's memory flat: the embedded store's caches grow with what is read). A run
    killed before linking what it wrote is caught up by the next run that writes a filing.
    """
    started = time.perf_counter()
    files = expand_paths(paths)
    if not files:
        raise ConfigError("no files to ingest")
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    executor, window = _executor_for(processor or process_file, workers, scheduler, window)
    writer = _Writer(store, IngestReport(files=len(files)), on_progress, flush_every)
    try:
        _submit_and_write(files, writer, executor, window, force)
    except BaseException:
        executor.close()
        _flush_after_error(store)
        raise
    executor.close()
    store.flush()
    if link and _link_written(store, writer.report.graphs):
        store.flush()
    report = writer.report
    report.seconds = time.perf_counter() - started
    report.store_triples = _store_triples(store)
    return report


def _executor_for(
    fn: Callable[[str], Outcome], workers: int, scheduler: Any, window: int | None
) -> tuple[Any, int]:
    """The executor that runs ``fn`` and the filings it may have in flight: a Dask cluster
    (default 64), local worker processes (default 4 per worker) or this process (always 1)."""
    if scheduler is not None:
        return _Dask(fn, scheduler), window or 64
    if workers > 1:
        return _Pool(fn, workers), window or 4 * workers
    return _Inline(fn), 1


def _submit_and_write(
    files: list[str], writer: _Writer, executor: Any, window: int, force: bool
) -> None:
    """Send each file that can be read and is not in the store yet to ``executor`` and write
    the outcomes in input order, with at most ``window`` of them in flight."""
    pending: deque[tuple[str, str, Callable[[], Outcome]]] = deque()
    for path in files:
        sha, reason = _source_sha256(path)
        if reason is not None:
            writer.fail(path, reason)
            continue
        if not force and writer.store.source_graph(sha) is not None:
            writer.skip(path)
            continue
        pending.append((path, sha, executor.submit(path)))
        while len(pending) >= window:
            writer.write(*pending.popleft())
    while pending:
        writer.write(*pending.popleft())


def _source_sha256(path: str) -> tuple[str, None] | tuple[None, str]:
    """``(sha256, None)`` for a regular file that can be read and is within the size limit,
    ``(None, reason)`` for any other path."""
    if not _utf8_name(path):
        return None, NOT_UTF8_NAME
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            return None, "not a regular file (a pipe, socket or device)"
        if info.st_size > MAX_BYTES:
            return None, f"file of {info.st_size:,} bytes is over the {MAX_BYTES:,}-byte limit"
        return file_sha256(path), None
    except OSError as exc:
        return None, _read_error(path, exc)


def _read_error(path: str, exc: OSError) -> str:
    """Why ``path`` cannot be read, in the words the report gives."""
    if isinstance(exc, IsADirectoryError):
        if os.access(path, os.R_OK | os.X_OK):
            return "is a directory"
        return "cannot read the folder: permission denied"
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link" if os.path.islink(path) else "no such file"
    return f"cannot read the file: {exc.strerror or exc}"


@dataclass
class _Writer:
    """Writes the outcomes of one run into the store, in input order, counting them in
    ``report`` and telling ``on_progress`` after each file."""

    store: Store
    report: IngestReport
    on_progress: Callable[..., Any] | None
    flush_every: int
    done: int = 0

    def progress(self, path: str, status: str) -> None:
        self.done += 1
        if self.on_progress is not None:
            self.on_progress(self.done, self.report.files, path, status)

    def fail(self, path: str, reason: str) -> None:
        self.report.errors.append((path, reason))
        self.progress(path, FAILED)

    def skip(self, path: str) -> None:
        self.report.skipped += 1
        self.progress(path, SKIPPED)

    def write(self, path: str, sha: str, result: Callable[[], Outcome]) -> None:
        """Wait for the outcome of ``path`` and write its graph, or record why there is none."""
        out = _outcome(path, result)
        if out.error is not None or out.ntriples is None or out.graph_iri is None:
            self.fail(path, out.error or "no graph was built")
            return
        try:
            n = self.store.replace_graph(out.graph_iri, out.ntriples, source_sha256=sha)
        except QueryError as exc:  # the store rejected this graph; an unreachable store stops all
            self.fail(path, f"the store rejected the graph: {exc.reason}")
            return
        except (UnicodeError, ValueError) as exc:  # text the store cannot take (e.g. surrogates)
            self.fail(path, f"the store rejected the graph: {type(exc).__name__}")
            return
        self.count_written(out, n)
        self.progress(path, INGESTED)

    def count_written(self, out: Outcome, triples: int) -> None:
        """Count a written filing; flush the store every ``flush_every`` filings."""
        report = self.report
        report.filings += 1
        report.graphs.append(str(out.graph_iri))
        report.agreements += out.agreements
        report.stakes += out.stakes
        report.triples += triples
        if report.filings % self.flush_every == 0:
            self.store.flush()  # bounds the embedded store's write buffers: memory stays flat


def _outcome(path: str, result: Callable[[], Outcome]) -> Outcome:
    """The worker's outcome for ``path``, or an error outcome when the worker died."""
    try:
        return result()
    except Exception as exc:  # noqa: BLE001 - a worker died (e.g. killed by the OOM killer)
        return Outcome(path, error=f"worker failed: {type(exc).__name__}: {exc}")


def _link_written(store: Store, graphs: list[str]) -> bool:
    """Run the cross-filing updates for the filings this run wrote (``graphs``), or, when it
    wrote none, for those an earlier run wrote and was killed before linking. Whether any ran."""
    if graphs:
        run_post_ingest(store, graphs)
    elif needs_linking(store):
        run_post_ingest(store)  # all: which filings are unlinked is not recorded
    else:
        return False
    return True


def _flush_after_error(store: Store) -> None:
    """Keep what was written before an error stopped the run; that error is the one to report,
    so one from flushing is dropped."""
    try:
        store.flush()
    except (PactgraphError, OSError, RuntimeError):
        pass


def _store_triples(store: Store) -> int | None:
    """The store's triple count for the report, or None when the store cannot tell."""
    try:
        return store.triple_count()
    except StoreError:  # pragma: no cover - reporting only
        return None
