"""The HTTP side: one request parsed, checked and answered (SPARQL protocol, CORS, service
description, web pages)."""

from __future__ import annotations

import json
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pactgraph.graph.errors import Refused

from .config import EndpointConfig
from .protocol import body_length, post_params, service_description, sparql_request
from .webhook import select_rows, web_dispatch

_HOST = __import__("re").compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")


class Handler(BaseHTTPRequestHandler):
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
        body = json.dumps(
            {"error": HTTPStatus(status).phrase, "status": status, "message": message}
        ).encode("utf-8")
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
            body_length(self.headers.get("Content-Length"), self.config)
        except Refused as exc:
            self.close_connection = True
            self._error(exc.status, exc.reason)
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
        query_string = urlsplit(self.path).query
        try:
            return post_params(self.headers.get("Content-Type"), query_string, raw)
        except Refused as exc:
            self._error(exc.status, exc.reason)
            return None

    def _handle(self, params: dict[str, list[str]]) -> None:
        """Answer the SPARQL protocol request ``params``: the service description, a refusal,
        or the query's result."""
        self._read_done()
        try:
            request = sparql_request(params, self.headers.get("Accept"), self.config)
        except Refused as exc:
            self._error(exc.status, exc.reason)
            return
        if request is None:
            url = f"http://{self._host()}{self.config.path}"
            self._send(200, service_description(url), "text/turtle; charset=utf-8")
            return
        sparql, fmt, ctype = request
        status, payload = self.server.executor.run(sparql, fmt)
        if status == 200:
            self._send(200, payload, ctype + "; charset=utf-8")
        else:
            self._error(status, payload)
