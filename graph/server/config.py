"""The endpoint's limits and switches (``pactgraph serve`` options)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


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
