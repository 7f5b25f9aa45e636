"""Running a query: on a pactgraph store, a store spec, a pyoxigraph store or an rdflib graph,
with the same answer, the same errors and the same row and byte limits on each."""

from __future__ import annotations

from typing import Any, Mapping

import pyoxigraph as ox
import rdflib
from pyparsing import ParseException

from pactgraph.graph.errors import PactgraphError, QueryError
from pactgraph.graph.rdf.lexing import query_form
from pactgraph.graph.rdf.results import (
    QueryResult,
    limit,
    normalize,
    result_from_ox,
    result_from_rdflib,
)
from pactgraph.graph.store import Store, open_store

from .saved import bind_params, load_query

__all__ = ["run_query", "run_saved"]


def _oxigraph_of(store) -> Any | None:
    """The pyoxigraph.Store behind ``store``, if there is one."""
    if isinstance(store, ox.Store):
        return store
    for attr in ("oxigraph", "ox", "_ox", "_store", "store", "_oxigraph"):
        inner = getattr(store, attr, None)
        if isinstance(inner, ox.Store):
            return inner
    # rdflib Graph/Dataset over oxrdflib's store
    inner = getattr(getattr(store, "store", None), "_inner", None)
    if isinstance(inner, ox.Store):
        return inner
    return None


def _syntax_error(exc: Exception) -> QueryError:
    msg = str(exc).strip() or type(exc).__name__
    return QueryError(f"malformed SPARQL query: {msg}")


def run_query(
    store,
    sparql: str,
    *,
    params: Mapping[str, Any] | None = None,
    max_rows: int | None = None,
    union_default_graph: bool = True,
    max_bytes: int | None = None,
) -> QueryResult:
    """Run ``sparql`` on ``store`` and return its :class:`QueryResult`.

    ``store`` is a pactgraph ``Store`` (from ``open_store``), a store spec string
    (``oxigraph:PATH``, ``memory:``, ``sparql:URL``), a ``pyoxigraph.Store``, or an rdflib
    Graph/Dataset. ``params`` are bound with :func:`bind_params`. Updates are refused here
    (use the store's ``update``). The default graph is the union of the named graphs (as the
    pactgraph stores do), unless ``union_default_graph=False``. A malformed query raises
    :class:`QueryError` with the parser's message and position; more than ``max_rows``
    rows/triples, or values adding up to more than ``max_bytes``, raise :class:`ResultTooLarge`
    as soon as the row past the limit is read (the rest is never computed).
    """
    if params:
        sparql = bind_params(sparql, params)
    if query_form(sparql) == "update":
        raise QueryError(
            "this is a SPARQL Update; pactgraph query only reads (SELECT, ASK, CONSTRUCT, DESCRIBE)"
        )
    if isinstance(store, str):
        opened = open_store(store)
        try:
            return run_query(
                opened,
                sparql,
                max_rows=max_rows,
                max_bytes=max_bytes,
                union_default_graph=union_default_graph,
            )
        finally:
            close = getattr(opened, "close", None)
            if close:
                close()
    if isinstance(store, Store):  # its query() sets the union default graph itself
        return limit(_call_query(store, sparql, max_rows, max_bytes), max_rows)
    ox_store = _oxigraph_of(store)
    if ox_store is not None:
        try:
            res = ox_store.query(sparql, use_default_graph_as_union=union_default_graph)
            return result_from_ox(res, max_rows, max_bytes)
        except SyntaxError as exc:
            raise _syntax_error(exc) from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None
    if isinstance(store, rdflib.Graph):
        return _run_rdflib(store, sparql, max_rows, union_default_graph)
    if getattr(store, "query", None) is None:
        raise QueryError(f"cannot query a {type(store).__name__}")
    return limit(_call_query(store, sparql), max_rows)


def _call_query(
    store, sparql: str, max_rows: int | None = None, max_bytes: int | None = None
) -> QueryResult:
    """``store.query(sparql)`` with the backend's errors turned into QueryError; a pactgraph
    store is given the limits, to stop reading at them."""
    try:
        if max_rows is None and max_bytes is None:
            res = store.query(sparql)
        else:
            res = store.query(sparql, max_rows=max_rows, max_bytes=max_bytes)
    except QueryError:
        raise
    except SyntaxError as exc:
        raise _syntax_error(exc) from None
    except Exception as exc:  # noqa: BLE001 - a backend's own parse error, e.g. pyparsing's
        if type(exc).__name__ in (
            "ParseException",
            "ParseSyntaxException",
            "QueryBadFormed",
            "SPARQLWrapperException",
        ):
            raise _syntax_error(exc) from None
        if isinstance(exc, PactgraphError):
            raise
        raise QueryError(f"query failed: {exc}") from None
    return normalize(res, None)


def _run_rdflib(
    graph: rdflib.Graph, sparql: str, max_rows: int | None, union: bool = True
) -> QueryResult:
    try:
        if isinstance(graph, rdflib.Dataset) and graph.default_union != union:
            previous = graph.default_union
            graph.default_union = union
            try:
                res = graph.query(sparql)
                out = result_from_rdflib(res, max_rows)
            finally:
                graph.default_union = previous
            return out
        res = graph.query(sparql)
        return result_from_rdflib(res, max_rows)
    except ParseException as exc:
        raise QueryError(
            f"malformed SPARQL query: {exc.msg} at line {exc.lineno}, column {exc.col}"
        ) from None
    except QueryError:
        raise
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds on bad queries
        raise QueryError(f"query failed: {exc}") from None


def run_saved(store, name: str, params: Mapping[str, Any] | None = None, **kw) -> QueryResult:
    """Run the saved query ``name`` with ``params`` (defaults filled in)."""
    return run_query(store, load_query(name=name, params=params), **kw)
