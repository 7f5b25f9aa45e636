"""Agreement lifecycle: amendments link to what they amend, terminations to what they end,
when both filings are in the store; recomputing changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

sys.path.insert(0, str(Path(__file__).parent))
import gold_facts as gf  # noqa: E402

from pactgraph.graph import iris  # noqa: E402
from pactgraph.graph.build.builder import build_filing_graph  # noqa: E402
from pactgraph.graph.build.titles import contract_key  # noqa: E402
from pactgraph.graph.link.lifecycle import LIFECYCLE_UPDATE, link_lifecycle, run_post_ingest  # noqa: E402

needs_shared = pytest.mark.shared
PG = "https://pactgraph.org/ontology#"


@pytest.mark.parametrize(
    "title,key",
    [
        ("Amendment No. 2 to Three-Year Credit Agreement", "three-year credit agreement"),
        (
            "Second Amended and Restated Loan Facility Agreement and Guaranty",
            "loan facility agreement and guaranty",
        ),
        (
            "Third Amendment to Second Amended and Restated Loan Facility Agreement and Guaranty",
            "loan facility agreement and guaranty",
        ),
        ("amendment to note purchase agreement", "note purchase agreement"),
        ("Amended and Restated Agreement and Plan of Merger", "agreement and plan of merger"),
        ("First Supplemental Indenture", "first supplemental indenture"),  # a new instrument
        ("Cooperation Agreement", "cooperation agreement"),
        ("the Credit Agreement, dated as of March 8, 2024", "credit agreement"),
    ],
)
def test_title_key(title, key):
    assert contract_key(title) == key


def load(st: ox.Store, facts: dict) -> None:
    graph_iri, g = build_filing_graph(facts)
    st.load(
        g.serialize(format="nt").encode(), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_iri)
    )


def links(st: ox.Store) -> set[tuple[str, str, str]]:
    out = set()
    for q in st.quads_for_pattern(None, None, None, ox.NamedNode(str(iris.LIFECYCLE_GRAPH))):
        title = lambda n: (
            next(st.quads_for_pattern(n, ox.NamedNode(PG + "title"), None)).object.value
        )  # noqa: E731
        out.add((title(q.subject), q.predicate.value.rsplit("#", 1)[1], title(q.object)))
    return out


def ibm(year: str) -> dict:
    return next(
        f
        for f in gf.all_gold_facts()
        if f["source"]["file"].startswith(f"filings/0000051143_{year}-06")
    )


def nike(year: str) -> dict:
    return next(
        f
        for f in gf.all_gold_facts()
        if f["source"]["file"].startswith(f"filings/0000320187_{year}")
    )


@needs_shared
def test_amendment_links_when_both_filings_are_in_the_store():
    st = ox.Store()
    load(st, ibm("2025"))
    st.update(LIFECYCLE_UPDATE)
    assert links(st) == set()  # the amended agreement's filing is not there yet
    load(st, ibm("2024"))
    st.update(LIFECYCLE_UPDATE)
    assert links(st) == {
        ("Amendment No. 2 to Three-Year Credit Agreement", "amends", "Three-Year Credit Agreement"),
        ("Amendment No. 2 to Five-Year Credit Agreement", "amends", "Five-Year Credit Agreement"),
    }
    n = len(st)
    run_post_ingest(st)
    run_post_ingest(st)
    assert len(st) == n


@needs_shared
def test_termination_links_to_the_earlier_filing_not_to_the_new_agreement_of_the_same_filing():
    st = ox.Store()
    load(st, nike("2024"))
    st.update(LIFECYCLE_UPDATE)
    assert links(st) == set()  # 2024 enters a Credit Agreement and ends another one: no self-link
    load(st, nike("2025"))
    st.update(LIFECYCLE_UPDATE)
    got = links(st)
    assert got == {("Credit Agreement", "terminates", "Credit Agreement")}
    n = sum(
        1 for _ in st.quads_for_pattern(None, None, None, ox.NamedNode(str(iris.LIFECYCLE_GRAPH)))
    )
    assert n == 2  # both terminated Credit Agreements of 2025 point to the one entered in 2024


@needs_shared
def test_rdflib_dataset_gives_the_same_links():
    ds = Dataset(default_union=True)
    for facts in (ibm("2024"), ibm("2025"), nike("2024"), nike("2025")):
        graph_iri, g = build_filing_graph(facts)
        target = ds.graph(graph_iri)
        for t in g:
            target.add(t)
    assert link_lifecycle(ds) == 4
