"""A read-only SPARQL 1.1 Protocol endpoint over a pactgraph store (``pactgraph serve``).

GET ``/sparql?query=...``, POST form-encoded (``query=...``) and POST
``application/sparql-query`` bodies. Results are negotiated from ``Accept`` (or ``?format=``):
SPARQL JSON / XML / CSV / TSV for SELECT and ASK, Turtle / N-Triples / RDF-XML / JSON-LD for
CONSTRUCT and DESCRIBE.

Hardening (all on by default):

* read-only: SPARQL Update (``update=``, ``application/sparql-update``, an update in ``query=``)
  is refused with 403; ``LOAD`` is an update and is refused with it;
* ``SERVICE`` (federated calls to other hosts) is refused unless ``allow_service``;
* ``FROM``/``FROM NAMED``/``default-graph-uri`` naming a ``file:`` IRI is refused (nothing is
  ever read from disk or the network on a query's behalf);
* each query runs in a forked worker process that is killed when it passes ``timeout`` seconds
  (503); results above ``max_rows`` rows or ``max_bytes`` bytes are refused (500); queries longer
  than ``max_query_bytes`` are refused (413);
* CORS headers only for the origins configured (``cors_origins``; ``("*",)`` for any).

The server is the standard library's threading HTTP server: one thread per connection, one
worker process per query. (rdflib-endpoint was judged and not used: it runs queries in rdflib's
engine inside the event loop, where a query cannot be stopped at a time limit and SERVICE is
executed; see the module's report in the issue.)
"""
from __future__ import annotations

import functools
import json
import os
import queue
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pactgraph.nlp.errors import PactgraphError, QueryError, StoreError

from .query import ResultTooLarge, query_form, run_query

__all__ = [
    "EndpointConfig",
    "ForkPerQuery",
    "Refused",
    "WorkerPool",
    "cap_memory",
    "check_parsed",
    "check_query",
    "execute_with_limits",
    "forbid_network",
    "make_server",
    "negotiate",
    "run_select",
    "serve",
    "start_in_thread",
    "web_dispatch",
]

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "xml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_RESULT_ALIASES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "text/json": "json", "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/xml": "xml", "text/csv": "csv", "text/tab-separated-values": "tsv",
}
_GRAPH_ALIASES = {
    "text/turtle": "ttl", "application/x-turtle": "ttl", "application/turtle": "ttl",
    "application/n-triples": "nt", "text/plain": "nt", "application/rdf+xml": "xml",
    "application/xml": "xml", "text/xml": "xml", "application/ld+json": "jsonld",
    "application/json": "jsonld",
}
_FORMAT_PARAM = {  # ?format= / &output= values
    "json": ("json", "jsonld"), "xml": ("xml", "xml"), "csv": ("csv", None),
    "tsv": ("tsv", None), "turtle": (None, "ttl"), "ttl": (None, "ttl"),
    "nt": (None, "nt"), "ntriples": (None, "nt"), "n-triples": (None, "nt"),
    "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"), "rdfxml": (None, "xml"),
}


@dataclass
class EndpointConfig:
    """Limits and switches of the endpoint."""

    timeout: float = 10.0
    max_rows: int = 100_000
    max_bytes: int = 64 * 1024 * 1024
    max_query_bytes: int = 64 * 1024
    allow_service: bool = False
    cors_origins: tuple[str, ...] = ()
    union_default_graph: bool = True
    refresh: bool = True  # read the store as it is at each query: see new filings
    #: warm query workers (processes holding the store open)
    workers: int = field(default_factory=lambda: max(4, 2 * (os.cpu_count() or 2)))
    #: a query running longer than this is long; at most max_long run at once
    long_after: float = 0.5
    max_long: int = field(default_factory=lambda: max(1, os.cpu_count() or 2))
    #: address space a query worker may grow by (RLIMIT_AS); 0: no cap
    max_memory: int = 1024 * 2**20
    #: seconds a client has to send a whole request (and an idle connection is kept)
    request_timeout: float = 10.0
    max_connections: int = 256
    backlog: int = 128
    path: str = "/sparql"
    extra: dict[str, Any] = field(default_factory=dict)


class Refused(PactgraphError):
    """A request the endpoint will not run, with the HTTP status to answer."""

    def __init__(self, reason: str, status: int = 403) -> None:
        super().__init__(reason)
        self.status = status


def check_query(sparql: str, config: EndpointConfig | None = None) -> str:
    """Refuse what the endpoint never runs, before it runs; return the query form (select, ask,
    construct, describe; ``unknown`` when it cannot tell) to negotiate the answer's format.

    Raises :class:`Refused` for an over-long query and an update (which Oxigraph would refuse
    as a query anyway). SERVICE and file datasets are refused on the parsed query in the
    worker (:func:`check_parsed`), which also has no network.
    """
    config = config or EndpointConfig()
    if len(sparql.encode("utf-8")) > config.max_query_bytes:
        raise Refused(f"query longer than {config.max_query_bytes} bytes", 413)
    form = query_form(sparql)
    if form == "update":
        raise Refused("read-only endpoint: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...) is "
                      "refused", 403)
    return form


def _parse_accept(header: str | None) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order kept on ties)."""
    if not header:
        return []
    items = []
    for i, part in enumerate(header.split(",")):
        bits = [b.strip() for b in part.split(";")]
        media = bits[0].lower()
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            items.append((-q, i, media))
    return [m for _, _, m in sorted(items)]


def negotiate(form: str, accept: str | None, fmt_param: str | None = None) -> tuple[str, str]:
    """The (format, content type) to answer a query of ``form`` with.

    ``fmt_param`` (``?format=json`` etc.) wins over ``Accept``; then the best acceptable type;
    then JSON results / Turtle. Raises :class:`Refused` (406) when nothing acceptable is offered.
    """
    is_graph = form in ("construct", "describe")
    table = GRAPH_TYPES if is_graph else RESULT_TYPES
    if fmt_param:
        key = fmt_param.strip().lower()
        if key in _FORMAT_PARAM:
            chosen = _FORMAT_PARAM[key][1 if is_graph else 0]
            if chosen:
                return chosen, table[chosen]
        aliases = _GRAPH_ALIASES if is_graph else _RESULT_ALIASES
        if key in aliases:
            return aliases[key], table[aliases[key]]
    wanted = _parse_accept(accept)
    if not wanted:
        default = "ttl" if is_graph else "json"
        return default, table[default]
    aliases = _GRAPH_ALIASES if is_graph else _RESULT_ALIASES
    for media in wanted:
        if media in aliases:
            return aliases[media], table[aliases[media]]
        if media in ("*/*", "application/*", "text/*"):
            default = "ttl" if is_graph else "json"
            if media == "text/*" and not is_graph:
                default = "csv"
            return default, table[default]
    raise Refused(f"none of the accepted types ({accept}) is offered for a {form.upper()} "
                  f"result; offered: {', '.join(table.values())}", 406)


# --------------------------------------------------------------------------- query workers' limits

#: seccomp filter facts per machine: audit arch, socket(2) and io_uring_setup(2) numbers
_SECCOMP_ARCH = {"x86_64": (0xC000003E, 41, 425), "aarch64": (0xC00000B7, 198, 425)}
_AF_UNIX, _EAFNOSUPPORT, _ENOSYS = 1, 97, 38
_NETWORK_REFUSED = f"(os error {_EAFNOSUPPORT})"  # how Oxigraph reports a socket it was refused


def _bpf(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    import struct

    return struct.pack("HBBI", code, jt, jf, k)


def _network_filter(arch: int, nr_socket: int, nr_uring: int) -> bytes:
    """A seccomp program: ``socket()`` of any family but AF_UNIX fails with EAFNOSUPPORT,
    ``io_uring_setup()`` (which could make sockets too) with ENOSYS, x32 calls are refused;
    everything else is allowed."""
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, JGE, BPF_RET|K
    allow, kill = 0x7FFF0000, 0x00000000
    err = lambda e: 0x00050000 | e  # noqa: E731 - SECCOMP_RET_ERRNO
    return b"".join([
        _bpf(ld, 4), _bpf(jeq, arch, 1, 0), _bpf(ret, kill),      # another ABI: kill
        _bpf(ld, 0), _bpf(jge, 0x40000000, 0, 1), _bpf(ret, kill),  # x32 calls: kill
        _bpf(jeq, nr_uring, 0, 1), _bpf(ret, err(_ENOSYS)),
        _bpf(jeq, nr_socket, 0, 3),
        _bpf(ld, 16), _bpf(jeq, _AF_UNIX, 1, 0), _bpf(ret, err(_EAFNOSUPPORT)),
        _bpf(ret, allow),
    ])


def forbid_network() -> bool:
    """Make this process unable to open network sockets, for good (Linux seccomp; x86-64 and
    ARM64). Oxigraph then cannot run a SERVICE call, however the query hides it: the socket
    its HTTP client asks for is refused by the kernel. False where it cannot be done."""
    import ctypes
    import platform

    facts = _SECCOMP_ARCH.get(platform.machine())
    if not sys.platform.startswith("linux") or facts is None:
        return False
    program = _network_filter(*facts)
    buf = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(len(program) // 8, ctypes.addressof(buf))
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(prog), 0, 0) == 0


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def cap_memory(extra: int) -> None:
    """Let this process grow by at most ``extra`` bytes of address space from now on
    (RLIMIT_AS): a query that needs more fails (Python: MemoryError; Oxigraph's Rust: the
    process aborts) instead of taking the machine's memory. Called again, it moves the cap to
    the new size (the soft limit may go up to the hard one)."""
    import resource

    if extra <= 0:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))  # first let go of an earlier cap
    limit = _address_space() + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def uncap_memory() -> None:
    """Lift :func:`cap_memory` (to open a store: RocksDB reserves address space for threads)."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _few_malloc_arenas() -> None:
    """glibc reserves 64 MB of address space per thread's malloc arena: two arenas are enough
    for a worker that runs one query at a time, and leave its memory cap to the query."""
    import ctypes

    try:
        ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


@dataclass
class Confinement:
    """What a query worker was able to shut itself in with."""

    no_network: bool = False


def confine(config: EndpointConfig, cap: bool = True) -> Confinement:
    """Shut this (worker) process in: no network unless SERVICE is allowed; memory capped
    (unless ``cap`` is False: the caller caps it once its store is open)."""
    from .ingest import end_with

    end_with(_SERVER_PID or os.getppid())  # a killed server leaves no worker behind
    done = Confinement()
    if not config.allow_service:
        done.no_network = forbid_network()
    if sys.platform.startswith("linux"):
        _few_malloc_arenas()
    if cap:
        cap_memory(config.max_memory)
    return done


# --------------------------------------------------------------------------- checks on the parse


def _walk(node):
    """Every node of an rdflib SPARQL parse tree."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)


@functools.lru_cache(maxsize=512)
def _parse(sparql: str):
    """rdflib's parse tree of ``sparql`` (None when rdflib cannot parse it)."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return parseQuery(sparql)
    except Exception:  # noqa: BLE001 - any parse failure: no tree
        return None
    except RecursionError:  # pragma: no cover - deeply nested
        return None


def check_parsed(sparql: str, config: EndpointConfig, confined: Confinement) -> None:
    """Refuse, on the parsed query, a SERVICE call and a dataset naming a file.

    The parse is rdflib's, which reads some queries differently from Oxigraph (a comment ended
    by a bare CR; a SERVICE after an IRI with a ``#``): the refusal here gives a clear answer,
    what keeps SERVICE from running is the worker's lack of network (:func:`forbid_network`).
    A query rdflib cannot parse that names SERVICE at all is refused too (the parsers may
    disagree on it); without the worker's confinement (not Linux) so is any query rdflib
    cannot parse.
    """
    tree = _parse(sparql)
    if tree is None and not config.allow_service:
        if "service" in sparql.lower():
            raise Refused(_SERVICE_REFUSED, 403)
        if not confined.no_network:
            raise Refused("this endpoint cannot check the query (it does not parse here)", 400)
    if tree is None:
        return
    for node in _walk(tree):
        if node.name == "ServiceGraphPattern" and not config.allow_service:
            raise Refused(_SERVICE_REFUSED, 403)
        if node.name == "DatasetClause":
            for iri in (node.get("default"), node.get("named")):
                if iri is not None and _names_a_file(str(iri)):
                    raise Refused(f"FROM <{iri}>: reading files is refused", 403)


_SERVICE_REFUSED = "SERVICE (federated query to another endpoint) is refused by this endpoint"


def _names_a_file(iri: str) -> bool:
    scheme = urlsplit(iri.strip()).scheme.lower()
    return scheme in ("", "file")


# --------------------------------------------------------------------------- answering a query


def answer(store, sparql: str, fmt: str, config: EndpointConfig,
           confined: Confinement) -> tuple[int, Any]:
    """Run ``sparql`` on ``store`` in this (confined worker) process: ``(200, body bytes)`` or
    ``(status, message)``. A result past the row or byte limit is refused (422) as soon as the
    row past it is read."""
    try:
        check_parsed(sparql, config, confined)
        result = run_query(store, sparql, max_rows=config.max_rows, max_bytes=config.max_bytes,
                           union_default_graph=config.union_default_graph)
        body = result.serialize(fmt).encode("utf-8")
        if len(body) > config.max_bytes:
            return 422, f"the result is larger than {config.max_bytes} bytes; add a LIMIT"
        return 200, body
    except Refused as exc:
        return exc.status, exc.reason
    except ResultTooLarge as exc:
        return 422, exc.reason
    except QueryError as exc:
        return _query_failure(exc.reason, config)
    except StoreError as exc:  # being written, no view to read yet (the reason, not the path)
        return 503, exc.reason
    except MemoryError:
        return 422, _memory_message(config)


def _query_failure(reason: str, config: EndpointConfig) -> tuple[int, str]:
    if reason.startswith("malformed"):
        return 400, reason
    if _NETWORK_REFUSED in reason and not config.allow_service:
        return 403, _SERVICE_REFUSED  # a SERVICE call the parse did not see: it got no socket
    # a failed SERVICE call's message quotes what the remote server answered: never pass it on
    return 500, reason.split(" with payload", 1)[0][:500]


def _memory_message(config: EndpointConfig) -> str:
    return (f"query stopped: it needed more memory than a query may use "
            f"({config.max_memory // 2**20} MB)")


def _died(code: int | None, config: EndpointConfig) -> tuple[int, str]:
    """The answer when a worker died during a query (``code``: its exit code)."""
    if code is not None and code in (-6, 134):  # SIGABRT: Oxigraph's failed allocation
        return 422, _memory_message(config)
    return 500, "the query worker died"


def _store_spec(store) -> str | None:
    """The spec to reopen ``store`` from in a worker, when it is an embedded store on disk."""
    path = getattr(store, "path", None)
    if path is not None and getattr(store, "spec", "").startswith("oxigraph:"):
        return f"oxigraph:{path}"
    return None


def _store_state(path) -> tuple:
    """What changes when the embedded store at ``path`` does: a writer comes or goes, a writer
    publishes a view (at open, every flush, close), RocksDB starts a new manifest."""
    from .store_oxigraph import _writer
    from .store_views import views_dir

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
        from .store import open_store

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
                _parse("ASK {}")
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
    confined = confine(config, cap=False)
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


def _fork(ctx, target, *args, duplex: bool = False):
    """A process running ``target(conn, *args)``; returns the server's end and the process."""
    global _SERVER_PID
    with _FORKING:
        _SERVER_PID = os.getpid()  # the child's copy names the server, even if it is gone by
        parent, child = ctx.Pipe(duplex=duplex)  # the time the child asks for its parent
        proc = ctx.Process(target=target, args=(child, *args), daemon=True,
                           name="pactgraph-sparql-worker")
        proc.start()
        child.close()
    return parent, proc


class _Worker:
    """The server's side of one warm worker process."""

    def __init__(self, ctx, spec: str, config: EndpointConfig) -> None:
        self.conn, self.proc = _fork(ctx, _worker_main, spec, config, duplex=True)
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
        import multiprocessing

        self.spec, self.config = spec, config
        # forked, not spawned: a spawned worker would import the server's main module again
        # (a script without a main guard would start a server in each); a forked one opens
        # its own handle on the store and never uses the server's
        self._ctx = multiprocessing.get_context("fork")
        _parse("ASK { ?s ?p ?o }")  # rdflib's parser loaded once here, for every worker forked
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
        return 503, (f"query stopped: it ran longer than the time limit of "
                     f"{config.timeout:g} s"), False

    def _reply(self, worker: _Worker) -> tuple[int, Any]:
        try:
            return worker.conn.recv()
        except EOFError:
            worker.proc.join(5)
            return _died(worker.proc.exitcode, self.config)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._stop(self._idle.get_nowait())
            except queue.Empty:
                break


# --------------------------------------------------------------------------- one fork per query


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
            from .store import open_store

            return open_store(f"oxigraph:{store.path}", read_only=True)
        except Exception as exc:  # noqa: BLE001 - fall back to the snapshot the server holds ...
            if isinstance(exc, StoreError) and store.read_while_written():
                raise  # ... unless it would wait for the same missing view
            return store
    return store


def _run_in_child(conn, store, sparql: str, fmt: str, config: EndpointConfig) -> None:
    try:
        confined = confine(config, cap=False)
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
        import multiprocessing

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
        parent, proc = _fork(ctx, _run_in_child, self.store, sparql, fmt, config)
        try:
            if parent.poll(config.timeout):
                try:
                    return parent.recv()
                except EOFError:
                    proc.join(5)
                    return _died(proc.exitcode, config)
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
    spec = _store_spec(store)
    if spec is not None and config.refresh and "fork" in _start_methods():
        return WorkerPool(spec, config)
    return ForkPerQuery(store, config)


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def execute_with_limits(store, sparql: str, fmt: str, config: EndpointConfig) -> tuple[int, Any]:
    """Run ``sparql`` in a forked, confined worker, killed after ``config.timeout`` seconds.
    Returns ``(200, body_bytes)`` or ``(status, error message)``."""
    return ForkPerQuery(store, config).run(sparql, fmt)


# --------------------------------------------------------------------------- web UI hook

WEB_MODULE = "pactgraph.graph.web"


def web_dispatch(method: str, path: str, params: dict[str, list[str]],
                 run_select_fn) -> tuple[int, str, bytes] | None:
    """The web UI's answer to a GET/HEAD off the endpoint path, or None (404 as before).

    The web UI is optional: when its package is not installed (ImportError of exactly that
    module) there is none. ``run_select_fn(sparql)`` runs a read-only SELECT through the
    endpoint's own bounded execution and returns rows of plain strings.
    """
    try:
        import importlib

        web = importlib.import_module(WEB_MODULE)
    except ImportError as exc:
        if exc.name == WEB_MODULE:
            return None
        raise
    return web.handle_request(method, path, params, run_select_fn)


def run_select(store, sparql: str, config: EndpointConfig) -> list[dict[str, str | None]]:
    """Rows of a read-only SELECT run under the endpoint's refusals and limits.

    Each row maps every variable to its lexical value (None when unbound). Raises
    :class:`Refused` (with the HTTP status the endpoint would answer) for a refused or failed
    query.
    """
    return select_rows(ForkPerQuery(store, config), sparql, config)


def select_rows(executor, sparql: str, config: EndpointConfig) -> list[dict[str, str | None]]:
    """:func:`run_select` through the executor a server already has (its warm workers)."""
    form = check_query(sparql, config)
    if form not in ("select", "unknown"):
        raise Refused(f"only SELECT queries are run here, not {form.upper()}", 400)
    status, payload = executor.run(sparql, "json")
    if status != 200:
        raise Refused(str(payload), status)
    data = json.loads(payload)
    names = data.get("head", {}).get("vars", [])
    return [{n: (b[n]["value"] if n in b else None) for n in names}
            for b in data.get("results", {}).get("bindings", [])]


# --------------------------------------------------------------------------- HTTP

_HOST = __import__("re").compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")


def _service_description(url: str) -> bytes:
    return (f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .
[] a sd:Service ;
  sd:endpoint <{url}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,
    fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:RDF_XML, fmt:JSON-LD ;
  sd:feature sd:UnionDefaultGraph .
""").encode()


class _Handler(BaseHTTPRequestHandler):
    server_version = "pactgraph-sparql/0.1"
    protocol_version = "HTTP/1.1"
    # headers and body are two writes: with Nagle's algorithm the body waits for the client's
    # delayed ACK of the headers (40 ms a query on Linux)
    disable_nagle_algorithm = True

    # set on the subclass by make_server
    store: Any = None
    config: EndpointConfig = EndpointConfig()
    quiet: bool = True
    _head = False

    def log_message(self, fmt: str, *args) -> None:  # noqa: A003
        if not self.quiet:
            super().log_message(fmt, *args)

    # -- connection bookkeeping (see _Server) ---------------------------------------------------
    def handle_one_request(self) -> None:
        self.server.reading(self.connection, True)  # until the request is read whole
        self._head = False
        super().handle_one_request()

    def _read_done(self) -> None:
        self.server.reading(self.connection, False)

    def handle_expect_100(self) -> bool:
        """Answer ``Expect: 100-continue`` only for a body the endpoint will read."""
        if self._body_length_refused():
            return False
        return super().handle_expect_100()

    # -- helpers ---------------------------------------------------------------------------
    def _cors(self) -> None:
        origins = self.config.cors_origins
        if not origins:
            return
        origin = self.headers.get("Origin")
        if "*" in origins:
            self.send_header("Access-Control-Allow-Origin", "*")
        elif origin and origin in origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self._read_done()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.close_connection:
            self.send_header("Connection", "close")
        self._cors()
        self.end_headers()
        if not self._head:
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        body = json.dumps({"error": HTTPStatus(status).phrase, "status": status,
                           "message": message}).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _route(self) -> str:
        """``endpoint`` (the SPARQL path, and ``/``), or ``other``."""
        path = urlsplit(self.path).path.rstrip("/") or "/"
        return "endpoint" if path in (self.config.path.rstrip("/") or "/", "/") else "other"

    def _is_endpoint_path(self) -> bool:
        path = urlsplit(self.path).path.rstrip("/") or "/"
        return path == (self.config.path.rstrip("/") or "/")

    def _run_select(self, sparql: str) -> list[dict[str, str | None]]:
        return select_rows(self.server.executor, sparql, self.config)

    def _host(self) -> str:
        """The Host header when it is a plain host[:port]; else the address the server has."""
        host = (self.headers.get("Host") or "").strip()
        if _HOST.fullmatch(host):
            return host
        h, p = self.server.server_address[:2]
        return f"{h}:{p}"

    def _web(self, method: str) -> bool:
        """Hand a GET/HEAD off the endpoint path to the web UI; True when it answered.

        ``/`` without a ``query`` parameter goes to the web UI first and, when it has no page
        there, stays the endpoint's service description as before.
        """
        if self._is_endpoint_path():
            return False
        split = urlsplit(self.path)
        params = parse_qs(split.query, keep_blank_values=True)
        if (split.path.rstrip("/") or "/") == "/" and "query" in params:
            return False
        try:
            answer_ = web_dispatch(method, split.path, params, self._run_select)
        except Refused as exc:  # a query of the page refused or failed: its status
            self._error(exc.status, exc.reason)
            return True
        if answer_ is None:
            return False
        status, ctype, body = answer_
        self._send(status, body, ctype)
        return True

    # -- verbs -----------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:  # noqa: N802
        self._read_done()
        self.send_response(204)
        self._cors()
        if self.config.cors_origins:
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        if self._framing_refused():
            return
        if self._web("HEAD" if self._head else "GET"):
            return
        if self._route() != "endpoint":
            self._error(404, f"not found; the SPARQL endpoint is at {self.config.path}")
            return
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        self._handle(params)

    def do_HEAD(self) -> None:  # noqa: N802
        """What GET would answer, without the body."""
        self._head = True
        self.do_GET()

    def _framing_refused(self) -> bool:
        """Refuse (and close) a request whose body framing the server does not read: a chunked
        body would otherwise be read as the next request."""
        if self.headers.get("Transfer-Encoding") is not None:
            self.close_connection = True
            self._error(501, "Transfer-Encoding is not supported; send a Content-Length")
            return True
        return False

    def _body_length_refused(self) -> bool:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            self._error(400, "bad Content-Length")
            return True
        if length < 0 or length > self.config.max_query_bytes + 4096:
            self.close_connection = True
            self._error(413, f"request body longer than {self.config.max_query_bytes} bytes")
            return True
        return False

    def do_POST(self) -> None:  # noqa: N802
        if self._framing_refused() or self._body_length_refused():
            return
        if self._route() != "endpoint":
            self.close_connection = True  # the body is not read
            self._error(404, f"not found; the SPARQL endpoint is at {self.config.path}")
            return
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        if len(raw) < length:
            self.close_connection = True
            return
        params = self._post_params(raw)
        if params is not None:
            self._handle(params)

    def _post_params(self, raw: bytes) -> dict[str, list[str]] | None:
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._error(400, "the request body is not UTF-8")
            return None
        if ctype == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif ctype == "application/sparql-update":
            self._error(403, "read-only endpoint: SPARQL Update is refused")
            return None
        elif ctype in ("application/x-www-form-urlencoded", ""):
            for k, v in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            self._error(415, f"unsupported Content-Type {ctype!r}; use "
                             "application/x-www-form-urlencoded or application/sparql-query")
            return None
        return params

    def _handle(self, params: dict[str, list[str]]) -> None:
        self._read_done()
        if "update" in params:
            self._error(403, "read-only endpoint: SPARQL Update is refused")
            return
        queries = params.get("query", [])
        if not queries:
            url = f"http://{self._host()}{self.config.path}"
            self._send(200, _service_description(url), "text/turtle; charset=utf-8")
            return
        if len(queries) > 1:
            self._error(400, "more than one query parameter")
            return
        for key in ("default-graph-uri", "named-graph-uri"):
            if params.get(key):
                self._error(400, f"{key} is not supported here; name graphs with FROM / GRAPH "
                                 "in the query")
                return
        sparql = queries[0]
        try:
            form = check_query(sparql, self.config)
            if form == "unknown":  # not a query at all: let the parser say why
                form = "select"
            fmt_param = (params.get("format") or params.get("output") or [None])[0]
            fmt, ctype = negotiate(form, self.headers.get("Accept"), fmt_param)
        except Refused as exc:
            self._error(exc.status, exc.reason)
            return
        status, payload = self.server.executor.run(sparql, fmt)
        if status == 200:
            self._send(200, payload, ctype + "; charset=utf-8")
        else:
            self._error(status, payload)


class _Server(ThreadingHTTPServer):
    """The threading HTTP server with bounds on what clients can hold.

    At most ``max_connections`` connections; a new one past that takes the place of the
    connection that has been sending its request longest (past one second), or is answered 503.
    A client has ``request_timeout`` seconds to send a whole request (a reaper closes it then),
    which also bounds an idle keep-alive connection. Listen backlog ``backlog``.
    """

    daemon_threads = True
    block_on_close = False

    def __init__(self, address, handler, config: EndpointConfig, executor) -> None:
        self.request_queue_size = config.backlog
        self.config, self.executor = config, executor
        self._conns: dict[Any, float | None] = {}  # socket -> reading since (None: not reading)
        self._conns_lock = threading.Lock()
        self._stopping = threading.Event()
        super().__init__(address, handler)
        threading.Thread(target=self._reap, name="pactgraph-sparql-reaper", daemon=True).start()

    def reading(self, sock, now_reading: bool) -> None:
        import time

        with self._conns_lock:
            if sock in self._conns:
                self._conns[sock] = time.monotonic() if now_reading else None

    def process_request(self, request, client_address) -> None:
        if not self._admit(request):
            _refuse_connection(request)
            return
        super().process_request(request, client_address)

    def _admit(self, sock) -> bool:
        import time

        with self._conns_lock:
            if len(self._conns) >= self.config.max_connections:
                now = time.monotonic()
                slow = [(since, s) for s, since in self._conns.items()
                        if since is not None and now - since > 1.0]
                if not slow:
                    return False
                _shut(min(slow, key=lambda x: x[0])[1])
                del self._conns[min(slow, key=lambda x: x[0])[1]]
            self._conns[sock] = time.monotonic()
            return True

    def shutdown_request(self, request) -> None:
        with self._conns_lock:
            self._conns.pop(request, None)
        super().shutdown_request(request)

    def _reap(self) -> None:
        import time

        while not self._stopping.wait(0.25):
            now, limit = time.monotonic(), self.config.request_timeout
            with self._conns_lock:
                late = [s for s, since in self._conns.items()
                        if since is not None and now - since > limit]
            for sock in late:
                _shut(sock)

    def server_close(self) -> None:
        self._stopping.set()
        super().server_close()
        self.executor.close()


def _shut(sock) -> None:
    import socket

    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _refuse_connection(sock) -> None:
    body = b'{"error": "Service Unavailable", "status": 503, "message": "too many connections"}'
    try:
        sock.settimeout(1.0)
        sock.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                     b"Connection: close\r\nContent-Length: " + str(len(body)).encode() +
                     b"\r\n\r\n" + body)
    except OSError:
        pass
    finally:
        _shut(sock)
        sock.close()


def make_server(store, host: str = "127.0.0.1", port: int = 8000,
                config: EndpointConfig | None = None, quiet: bool = True) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) answering SPARQL on ``config.path`` over ``store``.

    ``store`` is anything :func:`pactgraph.graph.query.run_query` accepts (a pactgraph Store, a
    pyoxigraph Store, an rdflib Dataset). Port 0 picks a free port (``server.server_port``).
    An embedded store on disk is queried by warm workers started here; ``server_close()`` stops
    them.
    """
    config = config or EndpointConfig()
    handler = type("PactgraphSparqlHandler", (_Handler,),
                   {"store": store, "config": config, "quiet": quiet,
                    "timeout": config.request_timeout})
    executor = make_executor(store, config)
    try:
        return _Server((host, port), handler, config, executor)
    except BaseException:
        executor.close()
        raise


def start_in_thread(store, host: str = "127.0.0.1", port: int = 0,
                    config: EndpointConfig | None = None) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a daemon thread; return it and its endpoint URL. Stop: ``shutdown()``
    then ``server_close()``."""
    server = make_server(store, host, port, config)
    thread = threading.Thread(target=server.serve_forever, name="pactgraph-sparql", daemon=True)
    thread.start()
    cfg = server.RequestHandlerClass.config
    return server, f"http://{host}:{server.server_port}{cfg.path}"


def raise_open_files_limit() -> None:
    """Let this process hold as many open files as it may (each connection is one)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            pass


def serve(store, host: str = "127.0.0.1", port: int = 8000,
          config: EndpointConfig | None = None, quiet: bool = False,
          on_ready=None) -> None:
    """Serve until interrupted (Ctrl-C)."""
    raise_open_files_limit()
    server = make_server(store, host, port, config, quiet=quiet)
    if on_ready:
        on_ready(server)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
