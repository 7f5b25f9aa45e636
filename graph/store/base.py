"""The interface every store offers, whatever the backend (embedded Oxigraph, memory, SPARQL).

A store holds one named graph per filing. Every backend offers the same operations:

- ``replace_graph(iri, graph, source_sha256=None)`` replaces the named graph ``iri`` as a whole
  in one atomic write (a re-run with the same content changes nothing);
- ``remove_graph``, ``graph_iris``, ``has_graph``, ``source_graph`` (the graph ingested from a
  file with a given SHA-256), ``triple_count``;
- ``query(sparql)`` returning a :class:`pactgraph.graph.rdf.results.QueryResult` (SELECT rows, ASK
  boolean, CONSTRUCT/DESCRIBE triples, in rdflib terms) and ``update(sparql)``;
- ``dump(format, out)`` (nq, trig, nt, ttl, jsonld, xml) and ``dataset()`` (an rdflib
  ``Dataset`` view);
- ``close()``, and use as a context manager.

The default graph of a query is the union of all named graphs on every backend (Virtuoso's
behaviour, Oxigraph's ``use_default_graph_as_union``, rdflib's ``default_union``), so the same
SPARQL gives the same answers everywhere, with or without ``GRAPH ?g``.

Each stored graph carries one bookkeeping triple ``<graph> store:sourceSha256 "hex"`` (the
SHA-256 of the source file, or of the graph's content when there is no file). It is written in
the same atomic update as the graph, so an interrupted ingest can tell finished filings from
the rest.
"""

from __future__ import annotations

import io
import os
from typing import IO, Any, Iterable

import rdflib
from rdflib.term import URIRef

from pactgraph.graph.errors import ConfigError
from pactgraph.graph.rdf.results import QueryResult
from pactgraph.graph.rdf.terms import NTriples, check_sha, content_sha256, nt_term, to_ntriples

__all__ = ["Store", "STORE_NS", "SOURCE_SHA256", "DUMP_FORMATS"]

STORE_NS = "https://pactgraph.org/store#"
SOURCE_SHA256 = URIRef(STORE_NS + "sourceSha256")

#: dump formats: name -> (quad format?, rdflib format name)
DUMP_FORMATS = {
    "nq": (True, "nquads"),
    "nquads": (True, "nquads"),
    "trig": (True, "trig"),
    "nt": (False, "nt"),
    "ntriples": (False, "nt"),
    "ttl": (False, "turtle"),
    "turtle": (False, "turtle"),
    "jsonld": (True, "json-ld"),
    "json-ld": (True, "json-ld"),
    "xml": (False, "xml"),
    "rdfxml": (False, "xml"),
}


# --------------------------------------------------------------------------- the interface


class Store:
    """The interface every backend implements (see the module docstring)."""

    #: the spec string this store was opened from
    spec: str = ""

    # -- writes --------------------------------------------------------------------------------
    def replace_graph(
        self,
        iri: str | URIRef,
        graph: rdflib.Graph | Iterable | NTriples,
        *,
        source_sha256: str | None = None,
    ) -> int:
        """Replace the named graph ``iri`` with ``graph``, atomically; return its triple count.

        ``graph`` is an rdflib Graph, an iterable of (s, p, o) triples, or :class:`NTriples`.
        Blank nodes are skolemised. The stored graph also gets the bookkeeping triple
        ``<iri> store:sourceSha256 "source_sha256"`` (default: the SHA-256 of the content).
        """
        nt = to_ntriples(graph, ascii_only=self._ascii_only)
        sha = check_sha(source_sha256) if source_sha256 else content_sha256(nt)
        iri = URIRef(str(iri))
        marker = f'{nt_term(iri)} {nt_term(SOURCE_SHA256)} "{sha}" .\n'
        self._replace(iri, NTriples(nt + marker, nt.count + 1))
        return nt.count

    def remove_graph(self, iri: str | URIRef) -> None:
        """Remove the named graph ``iri`` (nothing happens if it is not there)."""
        self.update(f"DROP SILENT GRAPH {nt_term(URIRef(str(iri)))}")

    #: True when the store's default graph is a stored merge of its named graphs (which
    #: :meth:`update` then keeps up to date; see ``merged`` in the embedded Oxigraph store)
    keeps_merged_default_graph = False

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    # -- reads ---------------------------------------------------------------------------------
    def query(self, sparql: str) -> QueryResult:
        """Run a SELECT/ASK/CONSTRUCT/DESCRIBE query; the default graph is the union of all."""
        raise NotImplementedError

    def graph_iris(self) -> list[URIRef]:
        """The IRIs of the named graphs in the store, sorted."""
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(str(r["g"])) for r in res.rows if isinstance(r.get("g"), URIRef))

    def has_graph(self, iri: str | URIRef) -> bool:
        return bool(
            self.query(f"ASK {{ GRAPH {nt_term(URIRef(str(iri)))} {{ ?s ?p ?o }} }}").boolean
        )

    def source_graph(self, sha256: str) -> URIRef | None:
        """The graph stored from the source whose SHA-256 is ``sha256`` (None: not stored)."""
        sha = check_sha(sha256)
        res = self.query(
            f'SELECT ?g WHERE {{ GRAPH ?g {{ ?g {nt_term(SOURCE_SHA256)} "{sha}" }} }} LIMIT 1'
        )
        return URIRef(str(res.rows[0]["g"])) if res.rows else None

    def graph_sha256(self, iri: str | URIRef) -> str | None:
        """The source SHA-256 recorded in graph ``iri`` (None when the graph is not stored)."""
        g = nt_term(URIRef(str(iri)))
        res = self.query(
            f"SELECT ?h WHERE {{ GRAPH {g} {{ {g} {nt_term(SOURCE_SHA256)} ?h }} }} LIMIT 1"
        )
        return str(res.rows[0]["h"]) if res.rows else None

    def triple_count(self, iri: str | URIRef | None = None) -> int:
        """Triples in graph ``iri``, or in all named graphs (bookkeeping triples included)."""
        where = (
            f"GRAPH {nt_term(URIRef(str(iri)))} {{ ?s ?p ?o }}"
            if iri is not None
            else "GRAPH ?g { ?s ?p ?o }"
        )
        res = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(res.rows[0]["n"]) if res.rows else 0

    def graph(self, iri: str | URIRef) -> rdflib.Graph:
        """A copy of the named graph ``iri`` as an rdflib Graph."""
        g = nt_term(URIRef(str(iri)))
        res = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
        out = rdflib.Graph(identifier=URIRef(str(iri)))
        for t in res.triples:
            out.add(t)
        return out

    def dataset(self) -> rdflib.Dataset:
        """An rdflib Dataset view of the store (default graph = union of the named graphs)."""
        ds = rdflib.Dataset(default_union=True)
        data = io.BytesIO()
        self.dump("nq", data)
        ds.parse(data=data.getvalue().decode("utf-8"), format="nquads")
        return ds

    def dump(self, format: str, out: str | os.PathLike | IO[bytes]) -> None:
        """Write the whole store to ``out`` (a path or a binary file) in ``format``.

        Quad formats (nq, trig, jsonld) keep the named graphs; triple formats (nt, ttl, xml)
        write the union of the named graphs.
        """
        quads, rdflib_fmt = _dump_format(format)
        ds = rdflib.Dataset()
        for iri in self.graph_iris():
            g = ds.graph(iri)
            for t in self.graph(iri):
                g.add(t)
        target = ds if quads else _union(ds)
        with _binary_out(out) as fh:
            target.serialize(destination=fh, format=rdflib_fmt)

    # -- life cycle ----------------------------------------------------------------------------
    def flush(self) -> None:
        """Write buffered data out (embedded stores; bounds their memory in long ingests)."""

    def close(self) -> None:
        pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.spec}>"

    # -- for backends --------------------------------------------------------------------------
    _ascii_only = False

    def _replace(self, iri: URIRef, nt: NTriples) -> None:
        """Atomically replace graph ``iri`` by the triples ``nt`` (bookkeeping included)."""
        g = nt_term(iri)
        self.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{nt}}} }}")


def _dump_format(format: str) -> tuple[bool, str]:
    try:
        return DUMP_FORMATS[format.lower().lstrip(".")]
    except KeyError:
        raise ConfigError(
            f"unknown dump format {format!r}; use one of {', '.join(sorted(DUMP_FORMATS))}"
        ) from None


def _union(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


class _binary_out:
    """Context manager: ``out`` as a binary file (opened and closed here when it is a path)."""

    def __init__(self, out: str | os.PathLike | IO[bytes]) -> None:
        self.out, self.fh = out, None

    def __enter__(self) -> IO[bytes]:
        if isinstance(self.out, (str, os.PathLike)):
            self.fh = open(self.out, "wb")
            return self.fh
        if isinstance(self.out, io.TextIOBase):
            return self.out.buffer  # type: ignore[attr-defined]
        return self.out  # type: ignore[return-value]

    def __exit__(self, *exc: Any) -> None:
        if self.fh is not None:
            self.fh.close()
