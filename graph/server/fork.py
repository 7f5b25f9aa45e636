"""One forked process per query: the executor where warm workers cannot serve (a store not on
disk, no fork start method)."""

from __future__ import annotations

import multiprocessing
import threading
from typing import Any

from pactgraph.graph.errors import StoreError
from pactgraph.graph.store import open_store

from .answer import answer, died
from .config import EndpointConfig
from .limits import cap_memory, confine
from .workers import WorkerPool, fork, server_pid, store_spec


def _child_store(store, refresh: bool):
    """The store to query in a forked worker.

    Locks copied from the parent may be held by a parent thread that does not exist here:
    fresh ones replace them. A read-only embedded Oxigraph store is reopened (when ``refresh``)
    so the endpoint sees filings ingested since it started; while an ingest writes, it reads the
    ingest's newest published view. Without ``refresh`` the query reads the snapshot the server
    holds, which the server moves to the newest view of an ingest started since (reading under
    a writer is undefined behaviour; see ``_execute``).
    """
    lock = getattr(store, "_lock", None)
    if lock is not None:
        try:
            store._lock = type(lock)()
        except Exception:  # noqa: BLE001 - not a plain lock: leave it
            pass
    if refresh and getattr(store, "read_only", False) and getattr(store, "path", None):
        try:
            return open_store(f"oxigraph:{store.path}", read_only=True)
        except Exception as exc:  # noqa: BLE001 - fall back to the snapshot the server holds ...
            if isinstance(exc, StoreError) and store.read_while_written():
                raise  # ... unless it would wait for the same missing view
            return store
    return store


def _run_in_child(conn, store, sparql: str, fmt: str, config: EndpointConfig) -> None:
    try:
        confined = confine(config, cap=False, server_pid=server_pid())
        store = _child_store(store, config.refresh)
        cap_memory(config.max_memory)
        reply = answer(store, sparql, fmt, config, confined)
    except StoreError as exc:
        reply = (503, exc.reason)
    except BaseException as exc:  # noqa: BLE001 - report anything to the parent, never hang it
        reply = (500, f"query failed: {type(exc).__name__}")
    try:
        conn.send(reply)
    except Exception:  # noqa: BLE001
        pass
    finally:
        conn.close()


class ForkPerQuery:
    """Each query in a process forked for it, killed at the time limit: for stores a worker
    cannot reopen (in memory, rdflib, remote) and for ``refresh=False``."""

    def __init__(self, store, config: EndpointConfig) -> None:
        self.store, self.config = store, config
        self._slots = threading.BoundedSemaphore(max(1, config.workers))
        self._follow = threading.Lock()

    def run(self, sparql: str, fmt: str) -> tuple[int, Any]:
        if not self._slots.acquire(timeout=self.config.timeout):
            return 503, "the endpoint is busy; try again later"
        try:
            return self._fork(sparql, fmt)
        finally:
            self._slots.release()

    def _fork(self, sparql: str, fmt: str) -> tuple[int, Any]:
        config = self.config
        if not config.refresh:
            # the snapshot the server holds moves to a new writer's view here, once, so every
            # later query reads that view (moved in each child, it would go back to the old one)
            try:
                with self._follow:
                    getattr(self.store, "follow_writer", lambda: None)()
            except StoreError as exc:
                return 503, exc.reason
        ctx = multiprocessing.get_context("fork")
        parent, proc = fork(ctx, _run_in_child, self.store, sparql, fmt, config)
        try:
            if parent.poll(config.timeout):
                try:
                    return parent.recv()
                except EOFError:
                    proc.join(5)
                    return died(proc.exitcode, config)
            return 503, f"query stopped: it ran longer than the time limit of {config.timeout:g} s"
        finally:
            if proc.is_alive():
                proc.kill()
            proc.join(5)
            parent.close()

    def close(self) -> None:
        pass


def make_executor(store, config: EndpointConfig):
    """Warm workers for an embedded store on disk (with ``refresh``); else one fork a query."""
    spec = store_spec(store)
    if spec is not None and config.refresh and "fork" in _start_methods():
        return WorkerPool(spec, config)
    return ForkPerQuery(store, config)


def _start_methods() -> list[str]:
    return multiprocessing.get_all_start_methods()


def execute_with_limits(store, sparql: str, fmt: str, config: EndpointConfig) -> tuple[int, Any]:
    """Run ``sparql`` in a forked, confined worker, killed after ``config.timeout`` seconds.
    Returns ``(200, body_bytes)`` or ``(status, error message)``."""
    return ForkPerQuery(store, config).run(sparql, fmt)
