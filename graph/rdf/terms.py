"""RDF terms in the three forms the graph uses: rdflib terms (the library's API), pyoxigraph
terms (the embedded store and the parsers) and N-Triples text (what is written to a store).

Every conversion between them lives here, below every store and query module, so each backend
and each reader converts the same way.
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from pactgraph.graph.errors import QueryError, StoreError

#: blank nodes are written to a store as IRIs under this base (skolemised)
SKOLEM_BASE = "https://pactgraph.org/.well-known/genid/"


_LIT_ESC = re.compile(r'[\\"\x00-\x1f\x7f]')
_LIT_ESC_ASCII = re.compile(r'[\\"\x00-\x1f\x7f-\U0010ffff]')
_SIMPLE = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
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


def to_ntriples(
    triples: Iterable[tuple[Node, Node, Node]] | rdflib.Graph, *, ascii_only: bool = False
) -> NTriples:
    """The triples of a graph as :class:`NTriples` (sorted, so equal graphs give equal text)."""
    if isinstance(triples, NTriples):
        return triples
    if isinstance(triples, rdflib.Graph):
        triples = triples.triples((None, None, None))
    lines = sorted(
        {
            f"{nt_term(s, ascii_only=ascii_only)} {nt_term(p, ascii_only=ascii_only)} "
            f"{nt_term(o, ascii_only=ascii_only)} .\n"
            for s, p, o in triples
        }
    )
    return NTriples("".join(lines), len(lines))


def content_sha256(nt: str) -> str:
    return hashlib.sha256(nt.encode("utf-8")).hexdigest()


_SHA_HEX = re.compile(r"^[0-9a-fA-F]{64}$")


def check_sha(sha: str) -> str:
    if not _SHA_HEX.match(sha or ""):
        raise StoreError(f"not a SHA-256 hex digest: {sha!r}")
    return sha.lower()


# --------------------------------------------------------------------------- pyoxigraph terms


def from_ox(term) -> Node | None:
    """A pyoxigraph term as an rdflib term (``None`` for an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    return Literal(str(term))  # RDF-star quoted triple: as text


def to_ox(term):
    """An rdflib term as a pyoxigraph term (lexical forms kept as they are)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot serialise a {type(term).__name__} term")
