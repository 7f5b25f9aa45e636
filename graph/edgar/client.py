"""The HTTP client of ``pactgraph fetch``: polite, patient and strict about what it accepts.

Every request — first attempts and retries alike — waits for its slot from the shared
:class:`~.ratelimit.RateLimiter` and carries the declared User-Agent. A 429 or a 5xx answer, a
transport error (refused or cut connection, timeout) and a body that is not what was asked for
(an HTML page instead of JSON or a filing, a filing cut short) are retried after an exponential
backoff, or after the server's ``Retry-After`` when it gives one. ``timeout`` bounds each request
as a whole, body included. Other 4xx answers fail at once.

:meth:`EdgarClient.download` writes a body to a hidden temporary file beside its destination and
renames it into place only when it is whole, so a destination file is always complete.
"""

from __future__ import annotations

import email.utils
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from pactgraph.graph.errors import FetchError

from .ratelimit import RateLimiter
from .settings import FetchSettings, require_user_agent

__all__ = ["ClientStats", "EdgarClient", "FetchError", "part_path"]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 600.0  # the SEC blocks an over-eager client for up to 10 minutes
_CHUNK = 1 << 16


class _BadBody(Exception):
    """The response is not the resource asked for (retried like a transient error)."""


@dataclass
class ClientStats:
    """Counts of one client's requests (every attempt counts)."""

    requests: int = 0
    retries: int = 0
    bytes: int = 0


def part_path(dest: Path) -> Path:
    """The hidden temporary name a download of ``dest`` is written under by this process."""
    return dest.with_name(f".{dest.name}.{os.getpid()}.part")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(when.timestamp() - time.time(), 0.0), MAX_RETRY_AFTER)


def _refuse_html(response: httpx.Response) -> None:
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        raise _BadBody(f"the server sent {kind}, not the file asked for")


class EdgarClient:
    """Rate-limited, retrying GETs against EDGAR (or a mirror), with the declared User-Agent."""

    def __init__(self, settings: FetchSettings, limiter: RateLimiter | None = None) -> None:
        agent = require_user_agent(settings)
        self.settings = settings
        self.limiter = limiter or RateLimiter(settings.rate)
        self.stats = ClientStats()
        self.started = time.monotonic()  # the rate of the run is counted from here
        self._lock = threading.Lock()
        self._http = httpx.Client(
            headers={"User-Agent": agent, "Accept-Encoding": "gzip, deflate"},
            timeout=settings.timeout,
            follow_redirects=True,
            limits=httpx.Limits(max_connections=settings.workers + 1),
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> EdgarClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ public requests

    def get_json(self, url: str) -> Any:
        """The JSON document at ``url``."""

        def read(response: httpx.Response, deadline: float) -> Any:
            _refuse_html(response)
            try:
                return json.loads(self._body(response, deadline))
            except ValueError as exc:
                raise _BadBody(f"the body is not JSON ({exc})") from exc

        return self._request(url, read)

    def get_text(self, url: str) -> str:
        """The text document at ``url`` (an index file)."""

        def read(response: httpx.Response, deadline: float) -> str:
            _refuse_html(response)
            return self._body(response, deadline).decode("latin-1")

        return self._request(url, read)

    def download(self, url: str, dest: Path) -> int:
        """Fetch ``url`` into ``dest`` (complete, or not there at all); return its size."""
        dest.parent.mkdir(parents=True, exist_ok=True)

        def save(response: httpx.Response, deadline: float) -> int:
            _refuse_html(response)
            tmp = part_path(dest)
            try:
                size = self._stream_to(response, deadline, tmp)
                os.replace(tmp, dest)
            finally:
                tmp.unlink(missing_ok=True)
            return size

        return self._request(url, save)

    # ------------------------------------------------------------------ the retry loop

    def _request(self, url: str, handle: Callable[[httpx.Response, float], Any]) -> Any:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            self.limiter.acquire()
            self._count(requests=1, retries=attempt > 0)
            deadline = time.monotonic() + self.settings.timeout
            wait = min(self.settings.backoff * 2**attempt, self.settings.max_backoff)
            try:
                with self._http.stream("GET", url) as response:
                    status = response.status_code
                    if status in RETRY_STATUSES:
                        reason = f"HTTP {status}"
                        wait = max(wait, _retry_after(response) or 0.0)
                    elif status >= 400:
                        raise FetchError(_refusal(url, status))
                    else:
                        return handle(response, deadline)
            except (httpx.TransportError, _BadBody, TimeoutError) as exc:
                reason = str(exc) or type(exc).__name__
            if attempt + 1 < attempts:
                time.sleep(wait)
        raise FetchError(f"{url}: gave up after {attempts} attempt(s): {reason}")

    def _count(self, requests: int = 0, retries: bool = False, nbytes: int = 0) -> None:
        with self._lock:
            self.stats.requests += requests
            self.stats.retries += int(retries)
            self.stats.bytes += nbytes

    def _chunks(self, response: httpx.Response, deadline: float):
        for chunk in response.iter_bytes(_CHUNK):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no whole answer within {self.settings.timeout:g} s")
            self._count(nbytes=len(chunk))
            yield chunk

    def _body(self, response: httpx.Response, deadline: float) -> bytes:
        return b"".join(self._chunks(response, deadline))

    def _stream_to(self, response: httpx.Response, deadline: float, tmp: Path) -> int:
        size, head, tail = 0, b"", b""
        with open(tmp, "wb") as fh:
            for chunk in self._chunks(response, deadline):
                fh.write(chunk)
                size += len(chunk)
                head = head if len(head) >= 64 else (head + chunk)[:64]
                tail = (tail + chunk)[-64:]
            fh.flush()
            os.fsync(fh.fileno())
        if head.lstrip().startswith(b"<SEC-DOCUMENT>") and b"</SEC-DOCUMENT>" not in tail:
            raise _BadBody("the submission ends before </SEC-DOCUMENT>")
        return size


def _refusal(url: str, status: int) -> str:
    if status == 403:
        return (
            f"{url}: HTTP 403 forbidden (the SEC answers so to undeclared or over-eager "
            f"clients; check the User-Agent and wait 10 minutes)"
        )
    if status == 404:
        return f"{url}: HTTP 404 not found"
    return f"{url}: HTTP {status}"
