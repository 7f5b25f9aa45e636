"""Agreement lifecycle across filings: amendments and terminations.

Each filing's graph holds the agreements *as that filing states them*. When a later filing
amends or terminates a contract an earlier filing reported, this module links the two nodes:

* ``?later pg:amends ?earlier`` — ``?later`` is reported ``amended`` (or is an amendment /
  amended and restated version), ``?earlier`` was reported in an earlier filing;
* ``?later pg:terminates ?earlier`` — ``?later`` is reported ``terminated`` (Item 1.02),
  ``?earlier`` was reported entered into or amended in an earlier filing.

The two are "the same contract" when their ``pg:titleKey`` (title without amendment words,
computed at build time by
:func:`pactgraph.graph.build.titles.contract_key`) is equal and they share at least one party.
The links live in their own named graph (:data:`pactgraph.graph.iris.LIFECYCLE_GRAPH`),
brought up to date after every ingest (SPARQL 1.1 Update: :func:`lifecycle_update` for the
filings just written, :data:`LIFECYCLE_UPDATE` recomputes them all), so they appear when both
filings are in the store and re-ingesting a filing never leaves stale links.
"""

from __future__ import annotations

from rdflib.plugins.stores.sparqlstore import SPARQLStore

from pactgraph.graph.iris import AGREEMENT_PATH, LIFECYCLE_GRAPH, filing_of_graph
from pactgraph.graph.rdf.terms import nt_term
from pactgraph.graph.store import SOURCE_SHA256, STORE_NS

from .resolve import MERGE_BY_CIK_UPDATE, cik_pairs, merge_by_cik_update, write_preferred_labels


def _where(action: str, earlier_first: bool = False) -> str:
    """The pairs (?later, ?earlier) for a later agreement reported ``action``: same registrant,
    same title key, a shared party, the earlier one reported (or dated) before. Registrant-first:
    the later filing's registrant, its other filings, their agreements with the same title key —
    index lookups, where matching on title key and party alone joins every "Credit Agreement"
    a bank is party to with every other. ``earlier_first``: the earlier side's pattern first, for
    when its graph is the one bound (Oxigraph joins in the order written: the bound side first
    reads the new filings' agreements, not every amended agreement of the store)."""
    later = f"""GRAPH ?gl {{ ?later pg:action "{action}" ; pg:statedIn ?lf ; pg:titleKey ?key .
                 ?lf pg:registrant ?r }}"""
    earlier = """GRAPH ?ge { ?ef pg:registrant ?r .
                 ?earlier pg:statedIn ?ef ; pg:titleKey ?key ; pg:action ?ea }"""
    first, second = (earlier, later) if earlier_first else (later, earlier)
    return f"""
    {first}
    {second}
    FILTER (?ea IN ("entered", "amended"))
    FILTER (?gl != ?ge && ?lf != ?ef)
    FILTER EXISTS {{ GRAPH ?gl {{ ?later pg:hasParty ?party }}
                     GRAPH ?ge {{ ?earlier pg:hasParty ?party }} }}
    OPTIONAL {{ GRAPH ?gl {{ ?lf pg:dateOfReport ?ldr }} }}
    OPTIONAL {{ GRAPH ?gl {{ ?later pg:date ?ld }} }}
    OPTIONAL {{ GRAPH ?ge {{ ?ef pg:dateOfReport ?edr }} }}
    OPTIONAL {{ GRAPH ?ge {{ ?earlier pg:date ?ed }} }}
    BIND (COALESCE(?ldr, ?ld) AS ?lt)
    BIND (COALESCE(?edr, ?ed) AS ?et)
    FILTER (BOUND(?lt) && BOUND(?et) && ?et < ?lt)
"""


_L = f"<{LIFECYCLE_GRAPH}>"
_LINKS = (("amends", "amended"), ("terminates", "terminated"))

LIFECYCLE_UPDATE = (
    "PREFIX pg: <https://pactgraph.org/ontology#>\n"
    + f"CLEAR SILENT GRAPH {_L} ;\n"
    + " ;\n".join(
        f"INSERT {{ GRAPH {_L} {{ ?later pg:{link} ?earlier }} }}\nWHERE {{ {_where(action)} }}"
        for link, action in _LINKS
    )
)
"""SPARQL Update that recomputes the lifecycle graph from the filings' named graphs (explicit
``GRAPH`` patterns: runs on any SPARQL 1.1 store). Run it after
:data:`pactgraph.graph.link.resolve.MERGE_BY_CIK_UPDATE`. The same contract across filings: the
same registrant reports it, the title keys are equal and the two agreements share a party."""

#: above this many new graphs, :func:`lifecycle_update` recomputes the whole lifecycle graph
FULL_RECOMPUTE_AT = 2000


def lifecycle_update(graphs=None, *, merged_default: bool = False) -> str:
    """SPARQL Update that brings the lifecycle graph up to date after the filing graphs
    ``graphs`` (IRIs) were written or replaced: every link from or to an agreement of those
    filings (found by the filing IRI its IRI starts with, so links of agreements a re-ingest
    dropped go too) is removed, and the links of their agreements are computed again; the rest
    is kept. Its cost follows the new filings, not the store. ``None`` (or very many graphs):
    the whole graph is recomputed (:data:`LIFECYCLE_UPDATE`).

    ``merged_default``: the store's default graph is the merge of its named graphs (embedded
    Oxigraph); links are then deleted from and inserted into it as well, in the same operations."""
    graphs = list(graphs) if graphs is not None else None
    if graphs is None or len(graphs) > FULL_RECOMPUTE_AT:
        if not merged_default:
            return LIFECYCLE_UPDATE
        before, after = LIFECYCLE_DEFAULT_GRAPH
        return (
            "PREFIX pg: <https://pactgraph.org/ontology#>\n"
            + before
            + " ;\n"
            + LIFECYCLE_UPDATE.split("\n", 1)[1]
            + " ;\n"
            + after
        )
    if not graphs:
        return ""
    filings = " ".join(f'"{filing_of_graph(g)}"' for g in graphs)
    values = " ".join(f"<{g}>" for g in graphs)
    also = " ?a ?p ?b" if merged_default else ""
    ops = []
    for side in ("?a", "?b"):
        ops.append(
            f"DELETE {{ GRAPH {_L} {{ ?a ?p ?b }}{also} }} WHERE {{ "
            f"{{ GRAPH {_L} {{ ?a ?p ?b }} "
            f'BIND (STRBEFORE(STR({side}), "{AGREEMENT_PATH}") AS ?f) }} '
            f"VALUES ?f {{ {filings} }} }}"
        )
    for link, action in _LINKS:
        also = f" ?later pg:{link} ?earlier" if merged_default else ""
        for var in ("gl", "ge"):
            ops.append(
                f"INSERT {{ GRAPH {_L} {{ ?later pg:{link} ?earlier }}{also} }}\n"
                f"WHERE {{ VALUES ?{var} {{ {values} }} {_where(action, var == 'ge')} }}"
            )
    return "PREFIX pg: <https://pactgraph.org/ontology#>\n" + " ;\n".join(ops)


#: SPARQL run on a default graph that holds the merge of the named graphs (embedded Oxigraph)
#: before and after a whole lifecycle recompute: the links are stated in the lifecycle graph only.
LIFECYCLE_DEFAULT_GRAPH = (
    f"DELETE {{ ?a ?p ?b }} WHERE {{ GRAPH {_L} {{ ?a ?p ?b }} }}",
    f"INSERT {{ ?a ?p ?b }} WHERE {{ GRAPH {_L} {{ ?a ?p ?b }} }}",
)


LINKS_QUERY = f"""
PREFIX pg: <https://pactgraph.org/ontology#>
SELECT DISTINCT ?later ?link ?earlier
WHERE {{ GRAPH <{LIFECYCLE_GRAPH}> {{
  ?later ?link ?earlier FILTER (?link IN (pg:amends, pg:terminates)) }} }}
"""
"""SPARQL SELECT of the stored lifecycle links (explicit ``GRAPH``: the same on every store)."""


def post_ingest_updates(graphs=None) -> list[str]:
    """The SPARQL updates to run, in order, after filings were added to or replaced in a store:
    entity merging by CIK, then the lifecycle links (of the new ``graphs`` only, when given)."""
    return [u for u in (MERGE_BY_CIK_UPDATE, lifecycle_update(graphs)) if u]


def _endpoint(store):
    """The rdflib ``SPARQLStore`` under an rdflib Graph/Dataset over a SPARQL endpoint, or None.

    Such a Dataset rewrites what it is given: it adds rdflib's ~30 bound prefixes and, unless it
    is ``default_union``, wraps every update block in ``GRAPH <urn:x-rdflib:default>`` (a syntax
    error on Virtuoso) and sends queries with that graph as their only dataset (no answers).
    Our SPARQL names its graphs, so it goes to the endpoint verbatim instead."""
    inner = getattr(store, "store", None)
    return inner if isinstance(inner, SPARQLStore) else None


def _run_update(store, sparql: str) -> None:
    endpoint = _endpoint(store)
    if endpoint is not None:
        endpoint.update(sparql, initNs={}, initBindings={}, queryGraph=None)
    else:
        store.update(sparql)


_LINKED = f"<{STORE_NS}linkedGraphs>"
#: ``merged`` for an update that itself writes the same changes to the merged default graph
_KEEPS_MERGE = ("", "")


def _filing_graph_count(store) -> int:
    res = store.query(
        "SELECT (COUNT(DISTINCT ?g) AS ?n) "
        f"WHERE {{ GRAPH ?g {{ ?g {nt_term(SOURCE_SHA256)} ?h }} }}"
    )
    return int(res.rows[0]["n"]) if res.rows else 0


def _linked_count(store) -> int | None:
    res = store.query(f"SELECT ?n WHERE {{ GRAPH {_L} {{ {_L} {_LINKED} ?n }} }}")
    return int(res.rows[0]["n"]) if res.rows else None


def needs_linking(store) -> bool:
    """Whether the store holds filings no run linked yet (a run killed after writing its last
    filing, before linking): the lifecycle graph's count differs from the filing graphs'."""
    count = _filing_graph_count(store)
    linked = _linked_count(store)
    return count > 0 if linked is None else linked != count


def _set_linked_count(count: int, merged_default: bool) -> str:
    """SPARQL Update recording in the lifecycle graph (and the merged default graph) how many
    filing graphs are linked."""
    ops = []
    for graph, end in (
        ((f"GRAPH {_L} {{ ", " }"), ("", "")) if merged_default else ((f"GRAPH {_L} {{ ", " }"),)
    ):
        triple = f"{graph}{_L} {_LINKED} ?n{end}"
        ops.append(f"DELETE {{ {triple} }} WHERE {{ {triple} }}")
        ops.append(f"INSERT DATA {{ {graph}{_L} {_LINKED} {count}{end} }}")
    return " ;\n".join(ops)


def run_post_ingest(store, graphs=None) -> None:
    """Run :func:`post_ingest_updates` on anything with an ``update(str)`` method (a pactgraph
    Store, an rdflib Dataset — in memory or over a SPARQL endpoint —, a pyoxigraph Store).

    ``graphs``: the filing graphs just written; on a pactgraph Store the lifecycle links are
    then recomputed for those only — unless the store holds filings an earlier run wrote but
    did not link (it was killed in between: the lifecycle graph records how many filing graphs
    were linked), then for all. A store that keeps a merged default graph (embedded Oxigraph)
    gets the same changes on it in the same transaction instead of rebuilding it (~1 min per
    update at 1M triples)."""
    if not hasattr(store, "keeps_merged_default_graph"):  # rdflib Dataset, pyoxigraph Store
        for update in post_ingest_updates(graphs):
            _run_update(store, update)
        return
    count = _filing_graph_count(store)
    if graphs is not None:
        graphs = list(graphs)
        linked = _linked_count(store)
        if linked is None or linked < count - len(graphs) or len(graphs) > FULL_RECOMPUTE_AT:
            graphs = None  # filings written but never linked, or very many: recompute all
    merged = store.keeps_merged_default_graph
    extra = {"merged": _KEEPS_MERGE} if merged else {}
    if merged:
        pairs = cik_pairs(store, graphs)
        if pairs:  # usually none once a store is merged: then only the one query is paid
            store.update(merge_by_cik_update(default_graph=True, pairs=pairs), **extra)
    else:
        store.update(MERGE_BY_CIK_UPDATE)
    lifecycle = lifecycle_update(graphs, merged_default=merged)
    mark = _set_linked_count(count, merged)
    store.update(f"{lifecycle} ;\n{mark}" if lifecycle else mark, **extra)
    write_preferred_labels(store, graphs)  # after the merge by CIK, which may move names


def lifecycle_links(store) -> set[tuple[str, str, str]]:
    """The stored links as ``(later IRI, "amends" | "terminates", earlier IRI)``, from a
    pactgraph Store, an rdflib Dataset or a pyoxigraph Store."""
    endpoint = _endpoint(store)
    if endpoint is None:
        res = store.query(LINKS_QUERY)
    else:  # SPARQL JSON results: rdflib's default Accept lets Virtuoso answer RDF/XML it can't read
        saved, endpoint.returnFormat = endpoint.returnFormat, "json"
        try:
            res = endpoint.query(LINKS_QUERY, queryGraph=None)
        finally:
            endpoint.returnFormat = saved
    rows = getattr(res, "rows", None)  # pactgraph QueryResult: dicts of rdflib terms
    if rows is None:  # rdflib Result rows / pyoxigraph solutions: indexable by variable name
        rows = res
    out = set()
    for r in rows:
        later, link, earlier = (getattr(r[v], "value", r[v]) for v in ("later", "link", "earlier"))
        out.add((str(later), str(link).rsplit("#", 1)[1], str(earlier)))
    return out


def link_lifecycle(dataset) -> int:
    """Recompute the lifecycle graph of an rdflib ``Dataset`` (or any store above); the number
    of links. Counted by a query: ``dataset.graph(iri)`` over a SPARQL endpoint would send
    ``CREATE GRAPH``, which Virtuoso refuses for a graph that has triples."""
    _run_update(dataset, LIFECYCLE_UPDATE)
    return len(lifecycle_links(dataset))
