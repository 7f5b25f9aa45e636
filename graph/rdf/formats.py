"""How results and triples are written: SPARQL 1.1 results (CSV, TSV, JSON, XML), RDF syntaxes
(Turtle, N-Triples, RDF/XML, N-Quads, TriG) and IRIs shortened with the project's prefixes.

SELECT/ASK results are written by rdflib's own SPARQL result serializers (CSV, JSON, XML); TSV,
which rdflib does not write, and the one-column CSV of an ASK, which its CSV writer refuses, are
written here. Triples are written by Oxigraph's serializers, which keep lexical forms exactly.
A result is anything with ``kind``, ``vars``, ``rows`` and ``boolean`` (a ``QueryResult``).
"""

from __future__ import annotations

import re
from typing import Mapping

import pyoxigraph as ox
import rdflib
from rdflib.query import Result
from rdflib.term import BNode, Literal, Node, URIRef, Variable

from pactgraph.graph.errors import QueryError
from pactgraph.ontology.namespace import PG

from .terms import to_ox

__all__ = [
    "RESULT_FORMATS",
    "GRAPH_FORMATS",
    "default_prefixes",
    "bind_default_prefixes",
    "serialize_triples",
    "term_json",
    "term_short",
    "write_result",
]

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("ttl", "nt", "xml", "json", "jsonld", "table", "csv", "tsv")

_XSD = "http://www.w3.org/2001/XMLSchema#"

_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": _XSD,
    "store": "https://pactgraph.org/store#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "pg": str(PG._NS),
}


def default_prefixes() -> dict[str, str]:
    """Prefixes used when writing Turtle / TriG / JSON-LD: W3C vocabularies and ``pg``."""
    return dict(_PREFIXES)


def bind_default_prefixes(g: rdflib.Graph) -> None:
    for k, v in _PREFIXES.items():
        g.bind(k, v, override=False)


def term_short(term: Node | None) -> str:
    """A term for a table cell: literals as text, IRIs shortened by a known prefix."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term)
    for prefix, ns in _PREFIXES.items():
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns) :]}"
    return f"<{text}>"


def term_json(term: Node) -> dict:
    """A term as a SPARQL 1.1 JSON results binding."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        d: dict[str, str] = {"type": "literal", "value": str(term)}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype is not None and str(term.datatype) != _XSD + "string":
            d["datatype"] = str(term.datatype)
        return d
    return {"type": "literal", "value": str(term)}


# --------------------------------------------------------------------------- SPARQL results


def write_result(result, out, fmt: str) -> None:
    """Write a SELECT or ASK ``result`` to the text file ``out`` as csv, tsv, json or xml."""
    if fmt == "tsv":
        _write_tsv(result, out)
    elif fmt == "csv" and result.kind == "ask":
        out.write("boolean\r\n" + ("true" if result.boolean else "false") + "\r\n")
    elif fmt in ("csv", "json", "xml"):
        out.write(_as_rdflib(result).serialize(format=fmt).decode("utf-8"))
        if fmt != "csv":
            out.write("\n")
    elif fmt in ("ttl", "turtle", "nt"):
        raise QueryError(
            f"format {fmt} is for CONSTRUCT/DESCRIBE results; "
            f"use table, csv, tsv, json or xml for {result.kind.upper()}"
        )
    else:
        raise QueryError(f"unknown result format {fmt!r} (use {', '.join(RESULT_FORMATS)})")


def _as_rdflib(result) -> Result:
    """The result as an rdflib ``Result``, to hand to rdflib's serializers."""
    if result.kind == "ask":
        out = Result("ASK")
        out.askAnswer = bool(result.boolean)
        return out
    out = Result("SELECT")
    out.vars = [Variable(v) for v in result.vars]
    out.bindings = [{Variable(k): v for k, v in row.items()} for row in result.rows]
    return out


def _tsv_value(term: Node | None) -> str:
    """A term in SPARQL TSV (Turtle syntax; plain numbers for integer/decimal/double)."""
    if term is None:
        return ""
    if (
        isinstance(term, Literal)
        and term.datatype is not None
        and str(term.datatype)
        in (_XSD + "integer", _XSD + "decimal", _XSD + "double", _XSD + "boolean")
    ):
        lexical = str(term)
        if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|true|false", lexical):
            return lexical
    if (
        isinstance(term, Literal)
        and (term.datatype is None or str(term.datatype) == _XSD + "string")
        and not term.language
    ):
        return Literal(str(term)).n3()
    return term.n3()


def _write_tsv(result, out) -> None:
    """SPARQL 1.1 TSV results: ``?var`` header, terms in Turtle syntax, tab-separated."""
    if result.kind == "ask":
        out.write("?boolean\n" + ("true" if result.boolean else "false") + "\n")
        return
    out.write("\t".join(f"?{v}" for v in result.vars) + "\n")
    for row in result.rows:
        out.write("\t".join(_tsv_value(row.get(v)) for v in result.vars) + "\n")


# --------------------------------------------------------------------------- triples

_RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}


def serialize_triples(
    triples,
    fmt: str,
    out=None,
    graph: Node | None = None,
    prefixes: Mapping[str, str] | None = None,
):
    """Write rdflib triples with Oxigraph's serialisers (lexical forms kept exactly).

    ``fmt``: ttl, nt, xml, or with ``graph`` (a named graph IRI) nq, trig. ``out``: a binary
    file; None returns bytes.
    """
    rdf_format = _RDF_FORMATS[fmt]
    if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        g = ox.NamedNode(str(graph)) if graph is not None else ox.DefaultGraph()
        items = (ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples)
    else:
        items = (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples)
    use_prefixes = (
        dict(prefixes)
        if prefixes is not None
        and rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML)
        else None
    )
    return ox.serialize(items, out, rdf_format, prefixes=use_prefixes)
