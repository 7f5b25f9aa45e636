"""Warm query workers: processes that hold the store open, answer queries one at a time and are
killed at the time limit (short queries never wait behind long ones)."""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import queue
import threading
from pathlib import Path
from typing import Any

from pactgraph.graph.errors import StoreError
from pactgraph.graph.query import run_query
from pactgraph.graph.store import open_store
from pactgraph.graph.store.oxigraph import _writer
from pactgraph.graph.store.views import views_dir

from .answer import answer, died
from .checks import parse
from .config import EndpointConfig
from .limits import cap_memory, confine, uncap_memory


def store_spec(store) -> str | None:
    """The spec to reopen ``store`` from in a worker, when it is an embedded store on disk."""
    path = getattr(store, "path", None)
    if path is not None and getattr(store, "spec", "").startswith("oxigraph:"):
        return f"oxigraph:{path}"
    return None


def _store_state(path) -> tuple:
    """What changes when the embedded store at ``path`` does: a writer comes or goes, a writer
    publishes a view (at open, every flush, close), RocksDB starts a new manifest."""
    try:
        views = max(os.listdir(views_dir(path)), default="")
    except OSError:
        views = ""
    try:
        current = os.stat(os.path.join(path, "CURRENT")).st_mtime_ns
    except OSError:
        current = 0
    return _writer(path), views, current


class _WorkerStore:
    """The store a warm worker reads: reopened read-only when the store on disk changed, so
    each query sees every filing ingested before it started."""

    def __init__(self, spec: str) -> None:
        self.spec, self.path, self._open = spec, Path(spec.split(":", 1)[1]), open_store
        self.store, self.state = None, None

    def current(self, max_memory: int = 0):
        """The store as it is now; reopened (with the memory cap lifted meanwhile) when it
        changed on disk."""
        state = _store_state(self.path)
        if self.store is None or state != self.state:
            self.close()
            uncap_memory()
            try:
                self.store = self._open(self.spec, read_only=True)
                self.state = state
                run_query(self.store, "ASK {}")  # warm: the query path's imports and caches
                parse("ASK {}")
            finally:
                cap_memory(max_memory)
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def _worker_main(conn, spec: str, config: EndpointConfig) -> None:
    """A warm worker: confine itself, open the store, then answer queries from ``conn`` until it
    closes. After a query that took it near its memory cap (422) it leaves, for a fresh one."""
    # a worker that runs out of its memory cap aborts, and the server answers for it; a Python
    # fault handler inherited from the server (a test runner's) would only print its stacks
    faulthandler.disable()
    confined = confine(config, cap=False, server_pid=_SERVER_PID)
    store = _WorkerStore(spec)
    try:
        store.current(config.max_memory)
    except Exception:  # noqa: BLE001 - a store not readable yet: the first query says why
        pass
    conn.send(("ready", os.getpid()))
    while True:
        try:
            sparql, fmt = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            break
        try:
            reply = answer(store.current(config.max_memory), sparql, fmt, config, confined)
        except StoreError as exc:
            reply = (503, exc.reason)
        except Exception as exc:  # noqa: BLE001 - report, never leave the server waiting
            reply = (500, f"query failed: {type(exc).__name__}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            break
        if reply[0] == 422:
            break
    store.close()


#: held from a pipe's creation to the close of its child end in the server: a process forked
#: meanwhile by another thread would keep that end open, and the server would never see the
#: worker die (it would wait out the time limit instead)
_FORKING = threading.Lock()
_SERVER_PID = 0


def server_pid() -> int:
    """The pid of the server that forked this process (0 in the server itself, before a fork)."""
    return _SERVER_PID


def fork(ctx, target, *args, duplex: bool = False):
    """A process running ``target(conn, *args)``; returns the server's end and the process."""
    global _SERVER_PID
    with _FORKING:
        _SERVER_PID = os.getpid()  # the child's copy names the server, even if it is gone by
        parent, child = ctx.Pipe(duplex=duplex)  # the time the child asks for its parent
        proc = ctx.Process(
            target=target, args=(child, *args), daemon=True, name="pactgraph-sparql-worker"
        )
        proc.start()
        child.close()
    return parent, proc


class _Worker:
    """The server's side of one warm worker process."""

    def __init__(self, ctx, spec: str, config: EndpointConfig) -> None:
        self.conn, self.proc = fork(ctx, _worker_main, spec, config, duplex=True)
        if not self.conn.poll(60):
            self.stop()
            raise StoreError("a query worker did not start")
        self.conn.recv()

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """Warm query workers holding the store open, and the rules for sharing them.

    ``config.workers`` processes; a query takes an idle one (waiting up to the time limit). A
    query running past ``config.long_after`` seconds is *long*: at most ``config.max_long`` run
    at once, a query that turns long beyond that is stopped (503), so the other workers are
    kept for short queries, which never queue behind long ones. A worker whose query passes
    the time limit is killed and replaced.
    """

    def __init__(self, spec: str, config: EndpointConfig) -> None:
        self.spec, self.config = spec, config
        # forked, not spawned: a spawned worker would import the server's main module again
        # (a script without a main guard would start a server in each); a forked one opens
        # its own handle on the store and never uses the server's
        self._ctx = multiprocessing.get_context("fork")
        parse("ASK { ?s ?p ?o }")  # rdflib's parser loaded once here, for every worker forked
        self._idle: queue.Queue = queue.Queue()
        self._long = threading.BoundedSemaphore(max(1, config.max_long))
        self._closed = False
        self._count, self._count_lock = 0, threading.Lock()
        starters = [threading.Thread(target=self._add) for _ in range(max(1, config.workers))]
        for t in starters:
            t.start()
        for t in starters:
            t.join()

    def _add(self) -> None:
        """Start a worker, unless the pool has all it may have (starting ones included)."""
        with self._count_lock:
            if self._closed or self._count >= max(1, self.config.workers):
                return
            self._count += 1
        try:
            worker = _Worker(self._ctx, self.spec, self.config)
        except (StoreError, OSError, EOFError):  # pragma: no cover - the next loss retries
            with self._count_lock:
                self._count -= 1
            return
        if self._closed:
            self._stop(worker)
        else:
            self._idle.put(worker)

    def _stop(self, worker: _Worker) -> None:
        worker.stop()
        with self._count_lock:
            self._count -= 1

    def _replace(self, worker: _Worker) -> None:
        self._stop(worker)
        threading.Thread(target=self._add, daemon=True).start()

    def run(self, sparql: str, fmt: str) -> tuple[int, Any]:
        try:
            worker = self._idle.get(timeout=self.config.timeout)
        except queue.Empty:
            return 503, "the endpoint is busy; try again later"
        if not worker.proc.is_alive():  # left after its last query: take a fresh one
            self._replace(worker)
            return self.run(sparql, fmt)
        try:
            status, payload, healthy = self._ask(worker, sparql, fmt)
        except (OSError, EOFError, ValueError):
            status, payload, healthy = 500, "the query worker died", False
        if healthy and status != 422:
            self._idle.put(worker)
        else:
            self._replace(worker)
        return status, payload

    def _ask(self, worker: _Worker, sparql: str, fmt: str) -> tuple[int, Any, bool]:
        config = self.config
        worker.conn.send((sparql, fmt))
        first = min(config.long_after, config.timeout)
        if worker.conn.poll(first):
            return (*self._reply(worker), True)
        if not self._long.acquire(blocking=False):
            return 503, ("the endpoint is busy with other long queries; try again later"), False
        try:
            if worker.conn.poll(max(0.0, config.timeout - first)):
                return (*self._reply(worker), True)
        finally:
            self._long.release()
        return (
            503,
            (f"query stopped: it ran longer than the time limit of {config.timeout:g} s"),
            False,
        )

    def _reply(self, worker: _Worker) -> tuple[int, Any]:
        try:
            return worker.conn.recv()
        except EOFError:
            worker.proc.join(5)
            return died(worker.proc.exitcode, self.config)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._stop(self._idle.get_nowait())
            except queue.Empty:
                break
