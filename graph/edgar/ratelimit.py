"""A request-rate limiter shared by every worker thread of a fetch.

Requests start on a schedule of evenly spaced slots: a caller takes the next free slot and sleeps
until it. The spacing is ``(1 s + margin) / rate``, so any ``rate`` consecutive requests span at
least ``1 s + margin``: the server sees at most ``rate`` requests in any one-second window even
when the network delays some requests more than others by up to ``margin``. Slots are taken
from a schedule, not from the moment a caller wakes, so oversleeping does not lower the
sustained rate, and a caller that comes late does not earn a burst.
"""
from __future__ import annotations

import threading
import time

__all__ = ["RateLimiter"]

#: tolerance for unequal network delays between requests, in seconds per second
DEFAULT_MARGIN = 0.03


class RateLimiter:
    """At most ``rate`` request starts in any window of one second, across threads."""

    def __init__(self, rate: float, margin: float = DEFAULT_MARGIN) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.interval = (1.0 + margin) / rate
        self._next = 0.0  # monotonic time of the next free slot
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Wait for this caller's slot; return the monotonic time it started."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval
        while (delay := slot - time.monotonic()) > 0:  # never start before the slot
            time.sleep(delay)
        return slot
