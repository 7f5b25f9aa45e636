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

import json
import multiprocessing
import os
import re
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pactgraph.nlp.errors import PactgraphError, QueryError, StoreError

from .query import query_form, run_query, strip_comments_and_strings

__all__ = ["EndpointConfig", "Refused", "check_query", "negotiate", "make_server", "serve",
           "start_in_thread", "execute_with_limits", "run_select", "web_dispatch"]

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
    refresh: bool = True  # reopen a read-only embedded store per query: see new filings
    max_workers: int = field(default_factory=lambda: max(2, os.cpu_count() or 2))
    socket_timeout: float = 60.0
    path: str = "/sparql"
    extra: dict[str, Any] = field(default_factory=dict)


class Refused(PactgraphError):
    """A request the endpoint will not run, with the HTTP status to answer."""

    def __init__(self, reason: str, status: int = 403) -> None:
        super().__init__(reason)
        self.status = status


_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.I)
_FROM_IRI = re.compile(r"(?<![\w?$:])FROM\s+(?:NAMED\s+)?<", re.I)


def check_query(sparql: str, config: EndpointConfig | None = None) -> str:
    """Refuse what the endpoint never runs; return the query form (select/ask/construct/describe).

    Raises :class:`Refused` for an update, a SERVICE call (unless allowed), a ``file:`` dataset,
    an over-long query.
    """
    config = config or EndpointConfig()
    if len(sparql.encode("utf-8")) > config.max_query_bytes:
        raise Refused(f"query longer than {config.max_query_bytes} bytes", 413)
    form = query_form(sparql)
    if form == "update":
        raise Refused("read-only endpoint: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...) is "
                      "refused", 403)
    masked = strip_comments_and_strings(sparql)
    if not config.allow_service and _SERVICE.search(masked):
        raise Refused("SERVICE (federated query to another endpoint) is refused by this endpoint",
                      403)
    for m in _FROM_IRI.finditer(masked):
        start = m.end() - 1
        end = sparql.find(">", start)
        iri = sparql[start + 1:end].strip().lower()
        if iri.startswith("file:") or iri.startswith("/") or iri.startswith("."):
            raise Refused(f"FROM <{sparql[start + 1:end]}>: reading files is refused", 403)
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


# --------------------------------------------------------------------------- execution


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


def _run_in_child(conn, store, sparql, fmt, max_rows, max_bytes, union, refresh=False) -> None:
    try:
        store = _child_store(store, refresh)
        result = run_query(store, sparql, max_rows=max_rows, union_default_graph=union)
        body = result.serialize(fmt).encode("utf-8")
        if len(body) > max_bytes:
            conn.send(("error", 500, f"the result is larger than {max_bytes} bytes; add a LIMIT"))
        else:
            conn.send(("ok", 200, body))
    except QueryError as exc:
        status = 400 if str(exc).startswith("malformed") else 500
        conn.send(("error", status, str(exc)))
    except StoreError as exc:  # being written, no view to read yet (the reason, not the path)
        conn.send(("error", 503, exc.reason))
    except BaseException as exc:  # noqa: BLE001 - report anything to the parent, never hang it
        try:
            conn.send(("error", 500, f"query failed: {exc}"))
        except Exception:  # noqa: BLE001
            pass
    finally:
        conn.close()


_SLOTS: dict[int, threading.BoundedSemaphore] = {}
_FOLLOW = threading.Lock()
_SLOTS_LOCK = threading.Lock()


def _slots(config: EndpointConfig) -> threading.BoundedSemaphore:
    with _SLOTS_LOCK:
        return _SLOTS.setdefault(id(config), threading.BoundedSemaphore(config.max_workers))


def execute_with_limits(store, sparql: str, fmt: str, config: EndpointConfig) -> tuple[int, Any]:
    """Run ``sparql`` in a forked worker, killed after ``config.timeout`` seconds.

    At most ``config.max_workers`` workers run at once; a query that cannot start within the
    time limit is answered 503. Returns ``(200, body_bytes)`` or ``(status, error message)``.
    """
    slots = _slots(config)
    if not slots.acquire(timeout=config.timeout):
        return 503, "the endpoint is busy; try again later"
    try:
        return _execute(store, sparql, fmt, config)
    finally:
        slots.release()


def _execute(store, sparql: str, fmt: str, config: EndpointConfig) -> tuple[int, Any]:
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not Linux
        conn_out: list = []

        class _Conn:
            def send(self, item):
                conn_out.append(item)

            def close(self):
                pass

        _run_in_child(_Conn(), store, sparql, fmt, config.max_rows, config.max_bytes,
                      config.union_default_graph)
        _, status, payload = conn_out[0]
        return status, payload
    if not config.refresh:
        # the snapshot the server holds moves to a new writer's view here, once, so every later
        # query reads that view (moved in each child, it would go back to the old snapshot)
        try:
            with _FOLLOW:
                getattr(store, "follow_writer", lambda: None)()
        except StoreError as exc:
            return 503, exc.reason
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_run_in_child, daemon=True,
                       args=(child, store, sparql, fmt, config.max_rows, config.max_bytes,
                             config.union_default_graph, config.refresh))
    proc.start()
    child.close()
    try:
        if parent.poll(config.timeout):
            try:
                kind, status, payload = parent.recv()
            except EOFError:
                return 500, "the query worker died"
            return status, payload
        return 503, f"query stopped: it ran longer than the time limit of {config.timeout:g} s"
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()


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
    form = check_query(sparql, config)
    if form not in ("select", "unknown"):
        raise Refused(f"only SELECT queries are run here, not {form.upper()}", 400)
    status, payload = execute_with_limits(store, sparql, "json", config)
    if status != 200:
        raise Refused(str(payload), status)
    data = json.loads(payload)
    names = data.get("head", {}).get("vars", [])
    return [{n: (b[n]["value"] if n in b else None) for n in names}
            for b in data.get("results", {}).get("bindings", [])]


# --------------------------------------------------------------------------- HTTP


def _service_description(url: str) -> bytes:
    return (f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .
[] a sd:Service ;
  sd:endpoint <{url}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,
    fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:RDF_XML, fmt:JSON-LD ;
  sd:feature sd:UnionDefaultGraph .
""").encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server_version = "pactgraph-sparql/0.1"
    protocol_version = "HTTP/1.1"

    # set on the subclass by make_server
    store: Any = None
    config: EndpointConfig = EndpointConfig()
    quiet: bool = True

    def log_message(self, fmt: str, *args) -> None:  # noqa: A003
        if not self.quiet:
            super().log_message(fmt, *args)

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

    def _send(self, status: int, body: bytes, ctype: str, head_only: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self._cors()
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        body = json.dumps({"error": HTTPStatus(status).phrase, "status": status,
                           "message": message}).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _path_ok(self) -> bool:
        path = urlsplit(self.path).path.rstrip("/") or "/"
        return path in (self.config.path.rstrip("/") or "/", "/")

    def _is_endpoint_path(self) -> bool:
        path = urlsplit(self.path).path.rstrip("/") or "/"
        return path == (self.config.path.rstrip("/") or "/")

    def _run_select(self, sparql: str) -> list[dict[str, str | None]]:
        return run_select(self.store, sparql, self.config)

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
            answer = web_dispatch(method, split.path, params, self._run_select)
        except Refused as exc:  # a query of the page refused or failed: its status
            self._error(exc.status, exc.reason)
            return True
        if answer is None:
            return False
        status, ctype, body = answer
        self._send(status, body, ctype, head_only=method == "HEAD")
        return True

    # -- verbs -----------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send_response(204)
        self._cors()
        if self.config.cors_origins:
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        if self._web("GET"):
            return
        if not self._path_ok():
            self._error(404, f"not found; the SPARQL endpoint is at {self.config.path}")
            return
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        self._handle(params)

    def do_HEAD(self) -> None:  # noqa: N802
        if self._web("HEAD"):
            return
        self._send(200 if self._path_ok() else 404, b"", "text/plain", head_only=True)

    def do_POST(self) -> None:  # noqa: N802
        if not self._path_ok():
            self._error(404, f"not found; the SPARQL endpoint is at {self.config.path}")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._error(400, "bad Content-Length")
            return
        if length > self.config.max_query_bytes + 4096:
            self.close_connection = True
            self._error(413, f"request body longer than {self.config.max_query_bytes} bytes")
            return
        raw = self.rfile.read(length) if length > 0 else b""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._error(400, "the request body is not UTF-8")
            return
        if ctype == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif ctype == "application/sparql-update":
            self._error(403, "read-only endpoint: SPARQL Update is refused")
            return
        elif ctype in ("application/x-www-form-urlencoded", ""):
            for k, v in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            self._error(415, f"unsupported Content-Type {ctype!r}; use "
                             "application/x-www-form-urlencoded or application/sparql-query")
            return
        self._handle(params)

    def _handle(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(403, "read-only endpoint: SPARQL Update is refused")
            return
        queries = params.get("query", [])
        if not queries:
            url = f"http://{self.headers.get('Host', 'localhost')}{self.config.path}"
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
        status, payload = execute_with_limits(self.store, sparql, fmt, self.config)
        if status == 200:
            self._send(200, payload, ctype + "; charset=utf-8")
        else:
            self._error(status, payload)


def make_server(store, host: str = "127.0.0.1", port: int = 8000,
                config: EndpointConfig | None = None, quiet: bool = True) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) answering SPARQL on ``config.path`` over ``store``.

    ``store`` is anything :func:`pactgraph.graph.query.run_query` accepts (a pactgraph Store, a
    pyoxigraph Store, an rdflib Dataset). Port 0 picks a free port (``server.server_port``).
    """
    config = config or EndpointConfig()
    handler = type("PactgraphSparqlHandler", (_Handler,),
                   {"store": store, "config": config, "quiet": quiet,
                    "timeout": config.socket_timeout})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def start_in_thread(store, host: str = "127.0.0.1", port: int = 0,
                    config: EndpointConfig | None = None) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a daemon thread; return it and its endpoint URL. Stop: ``shutdown()``."""
    server = make_server(store, host, port, config)
    thread = threading.Thread(target=server.serve_forever, name="pactgraph-sparql", daemon=True)
    thread.start()
    cfg = server.RequestHandlerClass.config
    return server, f"http://{host}:{server.server_port}{cfg.path}"


def serve(store, host: str = "127.0.0.1", port: int = 8000,
          config: EndpointConfig | None = None, quiet: bool = False,
          on_ready=None) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = make_server(store, host, port, config, quiet=quiet)
    if on_ready:
        on_ready(server)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
