"""A request-rate limiter shared by every worker thread of a fetch.

Two rules, both needed to keep a server's count within the limit at full speed:

- Requests start on a schedule of evenly spaced slots ``(1 s + margin) / rate`` apart: a caller
  takes the next free slot and sleeps until it. Slots come from the schedule, not from the
  moment a caller wakes, so oversleeping does not lower the sustained rate, and a caller that
  comes late does not earn a burst.
- A thread can wake late from its sleep and so start close to the next one. Each start is
  therefore also checked against the actual start ``rate`` requests earlier: at most ``rate``
  requests begin in any ``1 s + margin``.

The margin absorbs unequal delays between the client and the server (sending, the network, the
server's own scheduling), so that the server, too, counts at most ``rate`` requests in any one
second. It costs ``margin`` of the throughput: 10 requests/s become 9.6 sustained.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

__all__ = ["RateLimiter"]

#: tolerance for unequal delays between requests on their way to the server, in seconds
DEFAULT_MARGIN = 0.04


class RateLimiter:
    """At most ``rate`` request starts in any window of one second, across threads."""

    def __init__(self, rate: float, margin: float = DEFAULT_MARGIN) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.interval = (1.0 + margin) / rate
        self._burst = max(1, math.floor(rate))
        self._window = self.interval * self._burst
        self._next = 0.0  # monotonic time of the next free slot
        self._starts: deque[float] = deque(maxlen=self._burst)
        self._slots = threading.Lock()
        self._started = threading.Lock()

    def acquire(self) -> float:
        """Wait until this caller may start a request; return the monotonic time it starts."""
        with self._slots:
            slot = max(time.monotonic(), self._next)
            self._next = slot + self.interval
        _sleep_until(slot)
        with self._started:
            if len(self._starts) == self._burst:
                _sleep_until(self._starts[0] + self._window)
            start = time.monotonic()
            self._starts.append(start)
        return start


def _sleep_until(moment: float) -> None:
    while (delay := moment - time.monotonic()) > 0:
        time.sleep(delay)
