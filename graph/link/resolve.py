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

3. **Preferred labels** (store time). An organization keeps every spelling it is given, so a
   query that joins names would give one row per spelling; :func:`write_preferred_labels`
   chooses one ``skos:prefLabel`` per organization by :data:`PREFERRED_LABEL_RULE` and keeps
   it in the resolution graph (run it after the merge by CIK); the saved queries name
   organizations by it.

Within one filing, a name that differs from the registrant's only in the number of one word
("Agilent Technology, Inc." in a filing of Agilent Technologies, Inc.) is the registrant
(:func:`pactgraph.graph.iris.plural_variant`); across filings no such rule applies.

:class:`Registry` offers the same at build time: give the builder's output to
:func:`Registry.canonicalize` with the CIK nodes already known (e.g. loaded from the store with
:data:`CIK_NODES_QUERY`) and the graph comes out merged.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from pactgraph.graph.iris import RESOLUTION_GRAPH
from pactgraph.graph.rdf.terms import nt_term
from pactgraph.ontology.namespace import PG

# the CIK-less organization nodes ?n named ?key, apart from the CIK node ?c
_NAME_NODES = """
            GRAPH ?g2 { ?n pg:normalizedName ?key }
            FILTER (?n != ?c)
            FILTER EXISTS { GRAPH ?g2 { ?n a pg:Organization } }
            FILTER NOT EXISTS { GRAPH ?g3 { ?n pg:cik ?other } }"""
_PAIRS = (
    """
    {
        SELECT DISTINCT ?n ?c WHERE {
            {
                SELECT ?key WHERE { GRAPH ?g0 { ?c0 pg:cik ?cik0 ; pg:normalizedName ?key } }
                GROUP BY ?key HAVING (COUNT(DISTINCT ?c0) = 1)
            }
            GRAPH ?g1 { ?c pg:cik ?cik ; pg:normalizedName ?key }"""
    + _NAME_NODES
    + """
        }
    }
"""
)
# The pairs: a normalised name that exactly one CIK node carries, and the other (name-IRI,
# CIK-less) organization nodes with that name. Keys first (one grouped scan of the CIK nodes),
# then index lookups (class checks as FILTER EXISTS: a pattern `?n a pg:Organization` makes
# Oxigraph 0.5 scan the whole class): ~0.5 s on a store of 1M triples, where the earlier shape
# (a NOT EXISTS over every other CIK node per pair) ran for over ten minutes.


def merge_by_cik_update(*, default_graph: bool = False, pairs=None) -> str:
    """SPARQL Update: move every triple of a name-IRI organization onto the CIK-IRI organization
    with the same normalised name (references first, then the node's own triples, which carry
    the name the pairing is found by), in every named graph.

    ``pairs``: the (name node, CIK node) pairs, found beforehand with :data:`PAIRS_QUERY`; the
    update then reads them from a ``VALUES`` block and reaches each node's triples by index.
    ``default_graph``: also the same rewrite of a default graph that holds the merge of the
    named graphs (the embedded Oxigraph store keeps one): rewriting every graph and then merging
    equals merging and then rewriting."""
    if pairs is None:
        source = _PAIRS
    else:
        rows = " ".join(f"(<{n}> <{c}>)" for n, c in pairs)
        source = f"VALUES (?n ?c) {{ {rows} }}"
    ops = []
    for pattern, new in (("?s ?p ?n", "?s ?p ?c"), ("?n ?p ?o", "?c ?p ?o")):
        old_t, new_t = f"GRAPH ?g {{ {pattern} }}", f"GRAPH ?g {{ {new} }}"
        if default_graph:
            ops.append(
                f"DELETE {{ {pattern} }}\nINSERT {{ {new} }}\nWHERE {{ {source} {pattern} }}"
            )
        ops.append(f"DELETE {{ {old_t} }}\nINSERT {{ {new_t} }}\nWHERE {{ {source} {old_t} }}")
    return "PREFIX pg: <https://pactgraph.org/ontology#>\n" + " ;\n".join(ops)


PAIRS_QUERY = f"PREFIX pg: <https://pactgraph.org/ontology#>\nSELECT ?n ?c WHERE {{ {_PAIRS} }}"
"""SPARQL SELECT of the (name node, CIK node) pairs :func:`merge_by_cik_update` merges."""


def pairs_keys_query(graphs: Iterable[str]) -> str:
    """SPARQL SELECT of the normalised names that organizations of the filing graphs ``graphs``
    carry and exactly one CIK node in the whole store carries, with that node (``?key ?c``).
    Only these names can pair up anew after those filings were written: a pair is made of a
    node of a new filing and a node it shares a name with. Index lookups per name of the new
    filings: its cost follows them, not the store (the keys of :data:`PAIRS_QUERY` are one scan
    of every CIK node)."""
    values = " ".join(f"<{g}>" for g in graphs)
    return f"""PREFIX pg: <https://pactgraph.org/ontology#>
SELECT ?key (SAMPLE(?c0) AS ?c) WHERE {{
    VALUES ?g {{ {values} }}
    GRAPH ?g {{ ?x pg:normalizedName ?key }}
    GRAPH ?g0 {{ ?c0 pg:normalizedName ?key ; pg:cik ?cik0 }}
}} GROUP BY ?key HAVING (COUNT(DISTINCT ?c0) = 1)"""


def pairs_of_keys_query(keys: Iterable[tuple[str, str]]) -> str:
    """SPARQL SELECT of the pairs (``?n ?c``) of the (normalised name, CIK node) rows ``keys``
    that :func:`pairs_keys_query` found: the CIK-less organization nodes with that name."""
    rows = " ".join(f"({nt_term(Literal(k))} <{c}>)" for k, c in keys)
    return f"""PREFIX pg: <https://pactgraph.org/ontology#>
SELECT DISTINCT ?n ?c WHERE {{
    VALUES (?key ?c) {{ {rows} }}{_NAME_NODES}
}}"""


def cik_pairs(store, graphs=None) -> list[tuple[str, str]]:
    """The (name node, CIK node) pairs to merge in a pactgraph Store: all of them
    (:data:`PAIRS_QUERY`), or — given the filing graphs just written — those these filings can
    have made (two queries whose cost follows the new filings)."""
    if graphs is None:
        rows = store.query(PAIRS_QUERY).rows
    else:
        graphs = list(graphs)
        if not graphs:
            return []
        keys = [(str(r["key"]), str(r["c"])) for r in store.query(pairs_keys_query(graphs)).rows]
        if not keys:
            return []
        rows = store.query(pairs_of_keys_query(keys)).rows
    return sorted((str(r["n"]), str(r["c"])) for r in rows)


MERGE_BY_CIK_UPDATE = merge_by_cik_update()
"""The merge as plain SPARQL 1.1 Update (explicit ``GRAPH`` patterns: Oxigraph, rdflib,
Virtuoso)."""

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
        """The CIK nodes of a store reachable by SPARQL (rdflib Dataset or anything with
        ``query``)."""
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
    return {
        str(o)
        for p in (PG.name, RDFS.label, SKOS.altLabel)
        for o in graph.objects(org, p)
        if isinstance(o, Literal)
    }


# --------------------------------------------------------------------------- preferred labels

PREFERRED_LABEL_RULE = """\
One skos:prefLabel per organization, among the names (pg:name) the filings give it:
1. a name not written all in capitals before one that is ("Aaron Rents, Inc." before
   "AARON RENTS, INC.": the capitals are EDGAR's conformed spelling, not the company's own);
2. then a name its own filings give as the registrant's name (pg:registrantName);
3. then the name more filings give;
4. then the name of more words (the full name before a short form);
5. then the first in code-point order (so the choice never depends on the store's order)."""

_SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"


def name_counts_query(graphs: Iterable[str] | None = None) -> str:
    """SPARQL SELECT of every (organization, name) with the number of filing graphs giving that
    name and how many of them give it as their registrant's name (``?org ?name ?filings
    ?own``); given ``graphs``, only for the organizations those graphs name."""
    scope = ""
    if graphs is not None:
        values = " ".join(f"<{g}>" for g in graphs)
        scope = (
            f"{{ SELECT DISTINCT ?org WHERE {{ VALUES ?g0 {{ {values} }} "
            f"GRAPH ?g0 {{ ?org a pg:Organization }} }} }}\n    "
        )
    return f"""PREFIX pg: <https://pactgraph.org/ontology#>
SELECT ?org ?name (COUNT(DISTINCT ?g) AS ?filings) (COUNT(DISTINCT ?f) AS ?own) WHERE {{
    {scope}GRAPH ?g {{ ?org a pg:Organization ; pg:name ?name }}
    OPTIONAL {{ GRAPH ?g {{ ?f pg:registrant ?org ; pg:registrantName ?name }} }}
}} GROUP BY ?org ?name"""


def preferred_label(names: Iterable[tuple[str, int, int]]) -> str:
    """The preferred label among ``(name, filings, own)`` rows: see :data:`PREFERRED_LABEL_RULE`."""

    def rank(row: tuple[str, int, int]):
        name, filings, own = row
        return (name.isupper(), own == 0, -filings, -len(name.split()), name)

    return min(names, key=rank)[0]


def preferred_labels(store, graphs: Iterable[str] | None = None) -> dict[str, str]:
    """Organization IRI -> its preferred label, for every organization of a store (or those the
    filing graphs ``graphs`` name), from one grouped query."""
    names: dict[str, list[tuple[str, int, int]]] = {}
    for row in store.query(name_counts_query(graphs)).rows:
        names.setdefault(str(row["org"]), []).append(
            (str(row["name"]), int(row["filings"]), int(row["own"]))
        )
    return {org: preferred_label(rows) for org, rows in names.items()}


def preferred_labels_update(labels: dict[str, str], *, default_graph: bool = False) -> str:
    """SPARQL Update: the ``skos:prefLabel`` of each organization of ``labels`` in the
    resolution graph replaced by the one given. ``default_graph``: the same on a default graph
    that holds the merge of the named graphs (the embedded Oxigraph store keeps one)."""
    orgs = " ".join(f"<{org}>" for org in labels)
    triples = " ".join(
        f"<{org}> <{_SKOS_PREF}> {nt_term(Literal(label))} ."
        for org, label in sorted(labels.items())
    )
    graph = f"<{RESOLUTION_GRAPH}>"
    ops = [
        f"DELETE {{ GRAPH {graph} {{ ?org <{_SKOS_PREF}> ?old }} }} WHERE {{ VALUES ?org "
        f"{{ {orgs} }} GRAPH {graph} {{ ?org <{_SKOS_PREF}> ?old }} }}",
        f"INSERT DATA {{ GRAPH {graph} {{ {triples} }} }}",
    ]
    if default_graph:
        ops[1:1] = [
            f"DELETE {{ ?org <{_SKOS_PREF}> ?old }} WHERE {{ VALUES ?org {{ {orgs} }} "
            f"?org <{_SKOS_PREF}> ?old }}"
        ]
        ops.append(f"INSERT DATA {{ {triples} }}")
    return " ;\n".join(ops)


def write_preferred_labels(store, graphs: Iterable[str] | None = None, *, batch: int = 5000) -> int:
    """Choose and store the preferred labels of a pactgraph Store's organizations (all, or those
    the filing graphs ``graphs`` name: run it after each ingest, after the merge by CIK, whose
    rewrite may leave a name node's label on the CIK node). Returns how many were written."""
    labels = preferred_labels(store, None if graphs is None else list(graphs))
    merged = getattr(store, "keeps_merged_default_graph", False)
    items = sorted(labels.items())
    for start in range(0, len(items), batch):
        update = preferred_labels_update(dict(items[start : start + batch]), default_graph=merged)
        if merged:
            store.update(update, merged=("", ""))  # the update keeps the merge itself
        else:
            store.update(update)
    return len(labels)
