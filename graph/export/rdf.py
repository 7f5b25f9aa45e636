"""RDF exports of a store: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML.

RDF exports write whole filing graphs: with filters (a company, kinds, a date range) only the
graphs of the filings that match are written (see :func:`select_graphs`). N-Triples, N-Quads,
Turtle and TriG are written graph by graph (memory bounded by the largest filing); JSON-LD and
RDF/XML are one document, built in memory. Triple formats (ttl, nt, xml) write the union of the
graphs; quad formats (nq, trig, jsonld) keep each filing's named graph.
"""

from __future__ import annotations

import os
from typing import IO

import rdflib
from rdflib.term import URIRef

from pactgraph.graph.analyse.network import Filters, vocabulary
from pactgraph.graph.errors import ConfigError
from pactgraph.graph.query import default_prefixes, run_query, serialize_triples

from .formats import RDF_FORMATS, binary, format_name, literal


def _prefix_map() -> dict[str, str]:
    return {**default_prefixes(), "pg": vocabulary()["__prefixes__"]["pg"]}


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context`` of the export: the prefixes of the ontology and the W3C
    vocabularies."""
    return dict(sorted(_prefix_map().items()))


def _all_graphs(store) -> list[URIRef]:
    fn = getattr(store, "graph_iris", None)
    if callable(fn):
        return [URIRef(str(g)) for g in fn()]
    res = run_query(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sorted(URIRef(str(r["g"])) for r in res.rows if isinstance(r.get("g"), URIRef))


def _graph(store, iri: URIRef) -> rdflib.Graph:
    fn = getattr(store, "graph", None)
    if callable(fn) and not isinstance(store, rdflib.Graph):
        return fn(iri)
    res = run_query(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    g = rdflib.Graph(identifier=iri)
    for t in res.triples:
        g.add(t)
    return g


def select_graphs(store, filters: Filters | None = None) -> list[URIRef]:
    """The named graphs (filings) to export: all of them, or those matching every filter.

    A graph matches ``company`` when it names an entity whose ``pg:name`` contains it
    (case-insensitive) or has the IRI given; ``kinds`` when it holds an agreement of one of the
    kinds; the date range when its date of report or an agreement's date is in it.
    """
    if not filters:
        return _all_graphs(store)
    v = vocabulary()
    clauses = []
    if filters.company:
        c = filters.company.strip().strip("<>")
        if c.startswith(("http://", "https://", "urn:")):
            clauses.append(f"{{ <{c}> ?cp ?co }} UNION {{ ?cs ?cp2 <{c}> }}")
        else:
            clauses.append(
                f"?ce <{v['name']}> ?cn . FILTER(CONTAINS(LCASE(STR(?cn)), LCASE({literal(c)})))"
            )
    if filters.kinds:
        kinds = ", ".join(literal(k) for k in sorted(filters.kinds))
        clauses.append(f"?ka <{v['kind']}> ?kk . FILTER(LCASE(STR(?kk)) IN ({kinds}))")
    if filters.date_from or filters.date_to:
        cond = []
        if filters.date_from:
            cond.append(f"SUBSTR(STR(?dd), 1, 10) >= {literal(filters.date_from)}")
        if filters.date_to:
            cond.append(f"SUBSTR(STR(?dd), 1, 10) <= {literal(filters.date_to)}")
        clauses.append(
            f"{{ ?dx <{v['filingDate']}> ?dd }} UNION {{ ?dx <{v['date']}> ?dd }} "
            f"FILTER({' && '.join(cond)})"
        )
    body = " ".join(f"{{ {c} }}" for c in clauses)
    res = run_query(store, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {body} }} }}")
    return sorted(URIRef(str(r["g"])) for r in res.rows if isinstance(r.get("g"), URIRef))


def _bind(g: rdflib.Graph) -> None:
    for k, ns in _prefix_map().items():
        g.bind(k, ns, override=True, replace=True)


def _dataset(graphs: dict[URIRef, rdflib.Graph]) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    _bind(ds)
    for iri, g in graphs.items():
        target = ds.graph(iri)
        for t in g:
            target.add(t)
    return ds


def export_rdf(
    store, fmt: str, out: str | os.PathLike | IO | None = "-", filters: Filters | None = None
) -> int:
    """Write the store's graphs (filtered) as RDF in ``fmt``; return the number of triples."""
    fmt = format_name(fmt)
    if fmt not in RDF_FORMATS:
        raise ConfigError(f"{fmt} is not an RDF format")
    quads, rdflib_fmt, streamable = RDF_FORMATS[fmt]
    graphs = select_graphs(store, filters)
    count = 0
    with binary(out) as fh:
        if streamable:
            prefixes = _prefix_map()
            for iri in graphs:
                g = _graph(store, iri)
                count += len(g)
                serialize_triples(g, fmt, fh, graph=iri if quads else None, prefixes=prefixes)
                if fmt in ("ttl", "trig"):
                    fh.write(b"\n")
            return count
        if quads:  # json-ld: one document with a @graph per filing
            parts = {iri: _graph(store, iri) for iri in graphs}
            count = sum(len(g) for g in parts.values())
            ds = _dataset(parts)
            fh.write(
                ds.serialize(
                    format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8"
                )
            )
            return count
        union = rdflib.Graph()
        for iri in graphs:
            for t in _graph(store, iri):
                union.add(t)
        count = len(union)
        serialize_triples(union, fmt, fh, prefixes=_prefix_map())
        return count
