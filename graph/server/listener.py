"""The listening server: connection limits, slow-client timeouts, and starting and stopping it."""

from __future__ import annotations

import socket
import threading
import time
from http.server import ThreadingHTTPServer
from typing import Any

from .config import EndpointConfig
from .fork import make_executor
from .handler import Handler


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
        with self._conns_lock:
            if sock in self._conns:
                self._conns[sock] = time.monotonic() if now_reading else None

    def process_request(self, request, client_address) -> None:
        if not self._admit(request):
            _refuse_connection(request)
            return
        super().process_request(request, client_address)

    def _admit(self, sock) -> bool:
        with self._conns_lock:
            if len(self._conns) >= self.config.max_connections:
                now = time.monotonic()
                slow = [
                    (since, s)
                    for s, since in self._conns.items()
                    if since is not None and now - since > 1.0
                ]
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
        while not self._stopping.wait(0.25):
            now, limit = time.monotonic(), self.config.request_timeout
            with self._conns_lock:
                late = [
                    s
                    for s, since in self._conns.items()
                    if since is not None and now - since > limit
                ]
            for sock in late:
                _shut(sock)

    def server_close(self) -> None:
        self._stopping.set()
        super().server_close()
        self.executor.close()


def _shut(sock) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _refuse_connection(sock) -> None:
    body = b'{"error": "Service Unavailable", "status": 503, "message": "too many connections"}'
    try:
        sock.settimeout(1.0)
        sock.sendall(
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
            b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        )
    except OSError:
        pass
    finally:
        _shut(sock)
        sock.close()


def make_server(
    store,
    host: str = "127.0.0.1",
    port: int = 8000,
    config: EndpointConfig | None = None,
    quiet: bool = True,
) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) answering SPARQL on ``config.path`` over ``store``.

    ``store`` is anything :func:`pactgraph.graph.query.run_query` accepts (a pactgraph Store, a
    pyoxigraph Store, an rdflib Dataset). Port 0 picks a free port (``server.server_port``).
    An embedded store on disk is queried by warm workers started here; ``server_close()`` stops
    them.
    """
    config = config or EndpointConfig()
    handler = type(
        "PactgraphSparqlHandler",
        (Handler,),
        {"store": store, "config": config, "quiet": quiet, "timeout": config.request_timeout},
    )
    executor = make_executor(store, config)
    try:
        return _Server((host, port), handler, config, executor)
    except BaseException:
        executor.close()
        raise


def start_in_thread(
    store, host: str = "127.0.0.1", port: int = 0, config: EndpointConfig | None = None
) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a daemon thread; return it and its endpoint URL. Stop: ``shutdown()``
    then ``server_close()``."""
    server = make_server(store, host, port, config)
    thread = threading.Thread(target=server.serve_forever, name="pactgraph-sparql", daemon=True)
    thread.start()
    cfg = server.RequestHandlerClass.config
    return server, f"http://{host}:{server.server_port}{cfg.path}"


def raise_open_files_limit() -> None:
    """Let this process hold as many open files as it may (each connection is one)."""
    # here: POSIX only, like the limits it sets
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            pass


def serve(
    store,
    host: str = "127.0.0.1",
    port: int = 8000,
    config: EndpointConfig | None = None,
    quiet: bool = False,
    on_ready=None,
) -> None:
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
