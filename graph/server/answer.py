"""Answering one query inside a confined worker: the status and body to send."""

from __future__ import annotations

from typing import Any

from pactgraph.graph.errors import QueryError, Refused, ResultTooLarge, StoreError
from pactgraph.graph.query import run_query

from .checks import SERVICE_REFUSED, check_parsed
from .config import EndpointConfig
from .limits import NETWORK_REFUSED, Confinement


def answer(
    store, sparql: str, fmt: str, config: EndpointConfig, confined: Confinement
) -> tuple[int, Any]:
    """Run ``sparql`` on ``store`` in this (confined worker) process: ``(200, body bytes)`` or
    ``(status, message)``. A result past the row or byte limit is refused (422) as soon as the
    row past it is read."""
    try:
        check_parsed(sparql, config, confined)
        result = run_query(
            store,
            sparql,
            max_rows=config.max_rows,
            max_bytes=config.max_bytes,
            union_default_graph=config.union_default_graph,
        )
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
    if NETWORK_REFUSED in reason and not config.allow_service:
        return 403, SERVICE_REFUSED  # a SERVICE call the parse did not see: it got no socket
    # a failed SERVICE call's message quotes what the remote server answered: never pass it on
    return 500, reason.split(" with payload", 1)[0][:500]


def _memory_message(config: EndpointConfig) -> str:
    return (
        f"query stopped: it needed more memory than a query may use "
        f"({config.max_memory // 2**20} MB)"
    )


def died(code: int | None, config: EndpointConfig) -> tuple[int, str]:
    """The answer when a worker died during a query (``code``: its exit code)."""
    if code is not None and code in (-6, 134):  # SIGABRT: Oxigraph's failed allocation
        return 422, _memory_message(config)
    return 500, "the query worker died"
