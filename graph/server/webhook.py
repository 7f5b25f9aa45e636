"""The hook through which the endpoint serves the web pages (``pactgraph.graph.web``, optional)."""

from __future__ import annotations

import importlib
import json

from pactgraph.graph.errors import Refused

from .checks import check_query
from .config import EndpointConfig
from .fork import ForkPerQuery

WEB_MODULE = "pactgraph.graph.web"


def web_dispatch(
    method: str, path: str, params: dict[str, list[str]], run_select_fn
) -> tuple[int, str, bytes] | None:
    """The web UI's answer to a GET/HEAD off the endpoint path, or None (404 as before).

    The web UI is optional: when its package is not installed (ImportError of exactly that
    module) there is none. ``run_select_fn(sparql)`` runs a read-only SELECT through the
    endpoint's own bounded execution and returns rows of plain strings.
    """
    try:
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
    return [
        {n: (b[n]["value"] if n in b else None) for n in names}
        for b in data.get("results", {}).get("bindings", [])
    ]
