"""Loopback HTTP for the attack tests: a trap server that records every request made to it (set
for a parser or an endpoint that must never fetch anything), and a plain client."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

#: an answer: (status, content type, body) for a request's path
Answer = Callable[[str], "tuple[int, str, bytes]"]


@contextmanager
def trap(answer: Answer) -> Iterator[tuple[str, list[str]]]:
    """Serve on 127.0.0.1 (a free port); yield the base URL and the list of requests made,
    ``"METHOD /path"`` each, answered by ``answer(path)``."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's names
            hits.append(f"{self.command} {self.path}")
            status, ctype, body = answer(self.path)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_HEAD = do_GET

        def log_message(self, *a):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", hits
    finally:
        server.shutdown()
        server.server_close()


def request(
    url: str, *, params=None, data=None, headers=None, method=None, timeout: float = 60
) -> tuple[int, dict, str]:
    """``(status, headers, body)`` of one request, an HTTP error status included."""
    if params:
        url = url + "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8", "replace")
