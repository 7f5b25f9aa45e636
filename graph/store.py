"""Where the graph lives: one small interface over embedded Oxigraph, memory and SPARQL servers.

A store holds one named graph per filing. Every backend offers the same operations:

- ``replace_graph(iri, graph, source_sha256=None)`` replaces the named graph ``iri`` as a whole
  in one atomic write (a re-run with the same content changes nothing);
- ``remove_graph``, ``graph_iris``, ``has_graph``, ``source_graph`` (the graph ingested from a
  file with a given SHA-256), ``triple_count``;
- ``query(sparql)`` returning a :class:`pactgraph.graph.query.QueryResult` (SELECT rows, ASK
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

Select a backend with a spec string (``--store``, or the ``PACTGRAPH_STORE`` environment
variable): ``oxigraph:PATH`` (default ``oxigraph:./.pactgraph``), ``memory:``,
``sparql:QUERY_URL[,UPDATE_URL]`` (credentials in the URL, ``http://user:pw@host/sparql-auth``,
or in ``PACTGRAPH_SPARQL_USER`` / ``PACTGRAPH_SPARQL_PASSWORD``).
"""
from __future__ import annotations

import hashlib
import io
import os
import re
from typing import IO, TYPE_CHECKING, Any, Iterable

import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from pactgraph.nlp.errors import ConfigError, StoreError

if TYPE_CHECKING:  # pragma: no cover
    from pactgraph.graph.query import QueryResult

__all__ = [
    "Store", "NTriples", "open_store", "default_spec", "to_ntriples", "nt_term", "SOURCE_SHA256",
    "DUMP_FORMATS", "DEFAULT_SPEC", "ENV_VAR",
]

ENV_VAR = "PACTGRAPH_STORE"
DEFAULT_SPEC = "oxigraph:./.pactgraph"
STORE_NS = "https://pactgraph.org/store#"
SOURCE_SHA256 = URIRef(STORE_NS + "sourceSha256")
SKOLEM_BASE = "https://pactgraph.org/.well-known/genid/"

#: dump formats: name -> (quad format?, rdflib format name)
DUMP_FORMATS = {
    "nq": (True, "nquads"), "nquads": (True, "nquads"),
    "trig": (True, "trig"),
    "nt": (False, "nt"), "ntriples": (False, "nt"),
    "ttl": (False, "turtle"), "turtle": (False, "turtle"),
    "jsonld": (True, "json-ld"), "json-ld": (True, "json-ld"),
    "xml": (False, "xml"), "rdfxml": (False, "xml"),
}


# --------------------------------------------------------------------------- N-Triples text

_LIT_ESC = re.compile(r'[\\"\x00-\x1f\x7f]')
_LIT_ESC_ASCII = re.compile(r'[\\"\x00-\x1f\x7f-\U0010ffff]')
_SIMPLE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _esc_char(m: re.Match) -> str:
    c = m.group(0)
    if c in _SIMPLE:
        return _SIMPLE[c]
    cp = ord(c)
    return f"\\u{cp:04X}" if cp <= 0xFFFF else f"\\U{cp:08X}"


def _iri(value: str) -> str:
    if _IRI_BAD.search(value):
        value = _IRI_BAD.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), value)
    return f"<{value}>"


def nt_term(term: Node, *, ascii_only: bool = False, skolem: str = SKOLEM_BASE) -> str:
    """``term`` in N-Triples syntax (also valid inside SPARQL ``INSERT DATA``).

    Blank nodes are skolemised (``skolem`` + their id) so nothing blank goes over the wire;
    ``ascii_only`` escapes every non-ASCII character of a literal as ``\\uXXXX``.
    """
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        text = (_LIT_ESC_ASCII if ascii_only else _LIT_ESC).sub(_esc_char, str(term))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f'"{text}"^^{_iri(str(term.datatype))}'
        return f'"{text}"'
    if isinstance(term, BNode):
        return _iri(skolem + str(term))
    raise StoreError(f"cannot store a {type(term).__name__} term: {term!r}")


class NTriples(str):
    """N-Triples text of one graph (one triple a line), e.g. made in a worker process.

    ``count`` is the number of triples; :meth:`Store.replace_graph` accepts it as the graph.
    """

    count: int

    def __new__(cls, text: str, count: int | None = None) -> "NTriples":
        obj = super().__new__(cls, text)
        obj.count = text.count("\n") if count is None else count
        return obj


def to_ntriples(triples: Iterable[tuple[Node, Node, Node]] | rdflib.Graph, *,
                ascii_only: bool = False) -> NTriples:
    """The triples of a graph as :class:`NTriples` (sorted, so equal graphs give equal text)."""
    if isinstance(triples, NTriples):
        return triples
    if isinstance(triples, rdflib.Graph):
        triples = triples.triples((None, None, None))
    lines = sorted({f"{nt_term(s, ascii_only=ascii_only)} {nt_term(p, ascii_only=ascii_only)} "
                    f"{nt_term(o, ascii_only=ascii_only)} .\n" for s, p, o in triples})
    return NTriples("".join(lines), len(lines))


def content_sha256(nt: str) -> str:
    return hashlib.sha256(nt.encode("utf-8")).hexdigest()


_SHA_HEX = re.compile(r"^[0-9a-fA-F]{64}$")


def _check_sha(sha: str) -> str:
    if not _SHA_HEX.match(sha or ""):
        raise StoreError(f"not a SHA-256 hex digest: {sha!r}")
    return sha.lower()


# --------------------------------------------------------------------------- the interface

class Store:
    """The interface every backend implements (see the module docstring)."""

    #: the spec string this store was opened from
    spec: str = ""

    # -- writes --------------------------------------------------------------------------------
    def replace_graph(self, iri: str | URIRef, graph: rdflib.Graph | Iterable | NTriples, *,
                      source_sha256: str | None = None) -> int:
        """Replace the named graph ``iri`` with ``graph``, atomically; return its triple count.

        ``graph`` is an rdflib Graph, an iterable of (s, p, o) triples, or :class:`NTriples`.
        Blank nodes are skolemised. The stored graph also gets the bookkeeping triple
        ``<iri> store:sourceSha256 "source_sha256"`` (default: the SHA-256 of the content).
        """
        nt = to_ntriples(graph, ascii_only=self._ascii_only)
        sha = _check_sha(source_sha256) if source_sha256 else content_sha256(nt)
        iri = URIRef(str(iri))
        marker = f"{nt_term(iri)} {nt_term(SOURCE_SHA256)} \"{sha}\" .\n"
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
    def query(self, sparql: str) -> "QueryResult":
        """Run a SELECT/ASK/CONSTRUCT/DESCRIBE query; the default graph is the union of all."""
        raise NotImplementedError

    def graph_iris(self) -> list[URIRef]:
        """The IRIs of the named graphs in the store, sorted."""
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(str(r["g"])) for r in res.rows if isinstance(r.get("g"), URIRef))

    def has_graph(self, iri: str | URIRef) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {nt_term(URIRef(str(iri)))} {{ ?s ?p ?o }} }}").boolean)

    def source_graph(self, sha256: str) -> URIRef | None:
        """The graph stored from the source whose SHA-256 is ``sha256`` (None: not stored)."""
        sha = _check_sha(sha256)
        res = self.query(f'SELECT ?g WHERE {{ GRAPH ?g {{ ?g {nt_term(SOURCE_SHA256)} "{sha}" }} }} '
                         "LIMIT 1")
        return URIRef(str(res.rows[0]["g"])) if res.rows else None

    def graph_sha256(self, iri: str | URIRef) -> str | None:
        """The source SHA-256 recorded in graph ``iri`` (None when the graph is not stored)."""
        g = nt_term(URIRef(str(iri)))
        res = self.query(f"SELECT ?h WHERE {{ GRAPH {g} {{ {g} {nt_term(SOURCE_SHA256)} ?h }} }} LIMIT 1")
        return str(res.rows[0]["h"]) if res.rows else None

    def triple_count(self, iri: str | URIRef | None = None) -> int:
        """Triples in graph ``iri``, or in all named graphs (bookkeeping triples included)."""
        where = (f"GRAPH {nt_term(URIRef(str(iri)))} {{ ?s ?p ?o }}" if iri is not None
                 else "GRAPH ?g { ?s ?p ?o }")
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
        raise ConfigError(f"unknown dump format {format!r}; use one of "
                          f"{', '.join(sorted(DUMP_FORMATS))}") from None


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


def _query_result():
    from pactgraph.graph.query import QueryResult

    return QueryResult


# --------------------------------------------------------------------------- opening a store

def default_spec() -> str:
    """The store spec to use when none is given: ``$PACTGRAPH_STORE`` or ``oxigraph:./.pactgraph``."""
    return os.environ.get(ENV_VAR, "").strip() or DEFAULT_SPEC


def open_store(spec: str | None = None, *, read_only: bool = False) -> Store:
    """Open the store ``spec`` (see the module docstring); ``None`` means :func:`default_spec`.

    ``read_only`` opens an embedded Oxigraph store as a read-only snapshot; while another process
    writes it, the snapshot is the newest view that process published (``store_views``).
    """
    spec = (spec or default_spec()).strip()
    scheme, sep, rest = spec.partition(":")
    if not sep:
        # a bare path is an Oxigraph directory
        scheme, rest = "oxigraph", spec
    scheme = scheme.lower()
    if scheme == "oxigraph":
        from pactgraph.graph.store_oxigraph import OxigraphStore

        return OxigraphStore(rest or "./.pactgraph", read_only=read_only)
    if scheme == "memory":
        from pactgraph.graph.store_memory import MemoryStore

        return MemoryStore()
    if scheme == "sparql":
        from pactgraph.graph.store_sparql import SparqlStore

        query_url, _, update_url = rest.partition(",")
        return SparqlStore(query_url.strip(), update_url.strip() or None)
    if scheme in ("http", "https"):
        from pactgraph.graph.store_sparql import SparqlStore

        return SparqlStore(spec)
    raise ConfigError(f"unknown store {spec!r}: use oxigraph:PATH, memory: or "
                      "sparql:QUERY_URL[,UPDATE_URL]")


def store_path(spec: str) -> "os.PathLike | None":
    """The directory of an ``oxigraph:PATH`` spec (None for other backends)."""
    from pathlib import Path

    scheme, sep, rest = spec.partition(":")
    if not sep:
        return Path(spec)
    return Path(rest) if scheme.lower() == "oxigraph" else None
