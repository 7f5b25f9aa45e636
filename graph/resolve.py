"""Entity resolution across filings: one node per company.

Two layers:

1. **Deterministic IRIs** (build time, no store needed). Every organization that is not a
   registrant with a CIK gets the IRI of its normalised name (:func:`iris.normalize_name`), so
   "Google Inc." in twenty filings, "Alcoa Inc" / "ALCOA INC." / "Alcoa Incorporated", and
   "Citibank N.A." / "Citibank, N.A." already meet on one node. Aliases a filing defines
   (``Norsk Hydro Produksjon AS ("Hydro")``) resolve to the full name and become
   ``skos:altLabel``. Every spelling seen is kept as ``pg:name`` / ``rdfs:label``.

2. **Merging by CIK** (store time). A registrant with a CIK has the IRI ``org/cik-…``; the same
   company named in a filing without a CIK (a counterparty, or a rendering without SGML header)
   has its name IRI. :data:`MERGE_BY_CIK_UPDATE` (SPARQL 1.1 Update, explicit ``GRAPH`` patterns,
   so it runs on Oxigraph, rdflib and Virtuoso alike) rewrites every triple of such a name node,
   in every named graph, onto the CIK node — when exactly one CIK node has that normalised
   name. It is idempotent; run it after each ingest (re-ingesting a filing brings the name
   node back, the next run merges it again). :func:`merge_by_cik` runs it on an rdflib Dataset.

:class:`Registry` offers the same at build time: give the builder's output to
:func:`Registry.canonicalize` with the CIK nodes already known (e.g. loaded from the store with
:data:`CIK_NODES_QUERY`) and the graph comes out merged.
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from pactgraph.ontology.namespace import PG

_PAIRS = """
    {
        SELECT DISTINCT ?n ?c WHERE {
            GRAPH ?g1 { ?c pg:cik ?cik ; pg:normalizedName ?key }
            GRAPH ?g2 { ?n a pg:Organization ; pg:normalizedName ?key }
            FILTER (?n != ?c)
            FILTER NOT EXISTS { GRAPH ?g3 { ?n pg:cik ?other } }
            FILTER NOT EXISTS {
                GRAPH ?g4 { ?c2 pg:cik ?cik2 ; pg:normalizedName ?key }
                FILTER (?c2 != ?c)
            }
        }
    }
"""

MERGE_BY_CIK_UPDATE = f"""
PREFIX pg: <https://pactgraph.org/ontology#>
DELETE {{ GRAPH ?g {{ ?s ?p ?n }} }}
INSERT {{ GRAPH ?g {{ ?s ?p ?c }} }}
WHERE {{ {_PAIRS} GRAPH ?g {{ ?s ?p ?n }} }} ;
DELETE {{ GRAPH ?g {{ ?n ?p ?o }} }}
INSERT {{ GRAPH ?g {{ ?c ?p ?o }} }}
WHERE {{ {_PAIRS} GRAPH ?g {{ ?n ?p ?o }} }}
"""
"""SPARQL Update: move every triple of a name-IRI organization onto the CIK-IRI organization
with the same normalised name (references first, then the node's own triples, which carry the
name the pairing is found by)."""

CIK_NODES_QUERY = """
PREFIX pg: <https://pactgraph.org/ontology#>
SELECT DISTINCT ?org ?key WHERE { GRAPH ?g { ?org pg:cik ?cik ; pg:normalizedName ?key } }
"""
"""SPARQL SELECT of the CIK nodes of a store and their normalised names (for :class:`Registry`)."""


def merge_by_cik(dataset) -> None:
    """Run :data:`MERGE_BY_CIK_UPDATE` on an rdflib ``Dataset``."""
    dataset.update(MERGE_BY_CIK_UPDATE)


class Registry:
    """Normalised name -> canonical organization IRI, for resolution at build time."""

    def __init__(self, pairs: Iterable[tuple[str, URIRef]] = ()) -> None:
        self._by_key: dict[str, set[URIRef]] = {}
        for key, iri in pairs:
            self.add(key, iri)

    def add(self, key: str, iri: URIRef) -> None:
        self._by_key.setdefault(str(key), set()).add(URIRef(iri))

    def learn(self, graph: Graph) -> None:
        """Remember the CIK nodes of ``graph`` (e.g. each filing's graph as it is built)."""
        for org in graph.subjects(PG.cik, None):
            for key in graph.objects(org, PG.normalizedName):
                self.add(str(key), org)

    @classmethod
    def from_store(cls, dataset) -> "Registry":
        """The CIK nodes of a store reachable by SPARQL (rdflib Dataset or anything with ``query``)."""
        return cls((str(row[1]), URIRef(str(row[0]))) for row in dataset.query(CIK_NODES_QUERY))

    def lookup(self, key: str) -> URIRef | None:
        found = self._by_key.get(key)
        return next(iter(found)) if found and len(found) == 1 else None

    def canonicalize(self, graph: Graph) -> Graph:
        """``graph`` with name-IRI organizations replaced by the known CIK node of the same name."""
        mapping: dict[URIRef, URIRef] = {}
        for org in set(graph.subjects(PG.normalizedName, None)):
            if (org, PG.cik, None) in graph or not isinstance(org, URIRef):
                continue
            if "/org/" not in str(org):
                continue
            for key in graph.objects(org, PG.normalizedName):
                target = self.lookup(str(key))
                if target is not None and target != org:
                    mapping[org] = target
        if not mapping:
            return graph
        out = Graph(identifier=graph.identifier)
        for prefix, ns in graph.namespaces():
            out.bind(prefix, ns, override=True)
        for s, p, o in graph:
            out.add((mapping.get(s, s), p, mapping.get(o, o) if isinstance(o, URIRef) else o))
        return out


def names_of(graph: Graph, org: URIRef) -> set[str]:
    """All names and alternative names of a node."""
    from rdflib.namespace import RDFS, SKOS

    return {str(o) for p in (PG.name, RDFS.label, SKOS.altLabel) for o in graph.objects(org, p) if isinstance(o, Literal)}
