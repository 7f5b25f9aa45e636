"""An in-memory store (``memory:``): an rdflib ``Dataset`` on rdflib's Memory store.

For tests and notebooks; nothing is kept after the process ends. A lock makes each graph
replacement atomic for other threads of the process.
"""

from __future__ import annotations

import os
import threading
from typing import IO

import rdflib
from rdflib.term import URIRef

from pactgraph.graph.errors import QueryError
from pactgraph.graph.rdf.results import limit, result_from_rdflib
from pactgraph.graph.rdf.terms import NTriples

from .base import Store, _binary_out, _dump_format, _union


class MemoryStore(Store):
    """A store that lives in this process only."""

    spec = "memory:"

    def __init__(self) -> None:
        self._ds = rdflib.Dataset(default_union=True)
        self._lock = threading.RLock()

    def _replace(self, iri: URIRef, nt: NTriples) -> None:
        fresh = rdflib.Graph()
        fresh.parse(data=str(nt), format="nt")
        with self._lock:
            self._ds.remove_graph(iri)
            g = self._ds.graph(iri)
            for t in fresh:
                g.add(t)

    def remove_graph(self, iri: str | URIRef) -> None:
        with self._lock:
            self._ds.remove_graph(URIRef(str(iri)))

    def update(self, sparql: str) -> None:
        with self._lock:
            try:
                self._ds.update(sparql)
            except Exception as exc:  # noqa: BLE001 - rdflib raises pyparsing errors and others
                raise QueryError(f"SPARQL update failed: {exc}") from None

    def query(self, sparql: str, *, max_rows: int | None = None, max_bytes: int | None = None):
        """Run a query (the result is read whole, then held to ``max_rows``; ``max_bytes`` is
        for the embedded store, which reads results row by row)."""
        return limit(self._query(sparql), max_rows)

    def _query(self, sparql: str):
        with self._lock:
            try:
                res = self._ds.query(sparql)
            except Exception as exc:  # noqa: BLE001
                kind = (
                    "malformed SPARQL query"
                    if type(exc).__name__.startswith("Parse")
                    else "query failed"
                )
                raise QueryError(f"{kind}: {exc}") from None
            return result_from_rdflib(res, None)

    def graph_iris(self) -> list[URIRef]:
        with self._lock:
            return sorted(
                URIRef(str(g.identifier))
                for g in self._ds.graphs()
                if isinstance(g.identifier, URIRef)
                and g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID
                and len(g)
            )

    def has_graph(self, iri: str | URIRef) -> bool:
        ident = URIRef(str(iri))
        with self._lock:
            return any(g.identifier == ident and len(g) for g in self._ds.graphs())

    def triple_count(self, iri: str | URIRef | None = None) -> int:
        with self._lock:
            if iri is not None:
                return len(self._ds.graph(URIRef(str(iri)))) if self.has_graph(iri) else 0
            return sum(
                len(g)
                for g in self._ds.graphs()
                if g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID
            )

    def graph(self, iri: str | URIRef) -> rdflib.Graph:
        out = rdflib.Graph(identifier=URIRef(str(iri)))
        with self._lock:
            if self.has_graph(iri):
                for t in self._ds.graph(URIRef(str(iri))):
                    out.add(t)
        return out

    def dataset(self) -> rdflib.Dataset:
        """The live rdflib Dataset behind this store."""
        return self._ds

    def dump(self, format: str, out: str | os.PathLike | IO[bytes]) -> None:
        quads, fmt = _dump_format(format)
        with self._lock, _binary_out(out) as fh:
            if quads:
                ds = rdflib.Dataset()
                for g in self._ds.graphs():
                    if g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID and len(g):
                        target = ds.graph(g.identifier)
                        for t in g:
                            target.add(t)
                ds.serialize(destination=fh, format=fmt)
            else:
                _union(self._ds).serialize(destination=fh, format=fmt)
