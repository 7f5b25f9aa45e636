"""build_filing_graph: golden seed graph, determinism, no blank nodes, provenance, tolerance."""

from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

import pytest
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

sys.path.insert(0, str(Path(__file__).parent))
import gold_facts as gf  # noqa: E402

from pactgraph.graph import iris  # noqa: E402
from pactgraph.graph.build.builder import OA, build_filing_graph, filing_iri_of  # noqa: E402
from pactgraph.ontology.namespace import PG  # noqa: E402

GOLDEN_TTL = gf.GOLDEN / "seed.ttl"
HEADER = (
    "# Reviewed golden graph of the seed filing (ascent-solar-technologies_2007-12-19_seed.txt).\n"
    "# tests/graph/test_builder.py checks build_filing_graph(seed-facts.json) "
    "is isomorphic to it.\n"
    "# Regenerate only after reviewing a change: python tests/graph/test_builder.py --regenerate\n"
)


def seed_graph() -> tuple[URIRef, Graph]:
    return build_filing_graph(gf.seed_facts())


def test_seed_graph_equals_reviewed_golden_turtle():
    _, g = seed_graph()
    golden = Graph().parse(GOLDEN_TTL, format="turtle")
    if not isomorphic(g, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(g), to_isomorphic(golden))
        pytest.fail(
            "seed graph differs from golden seed.ttl\n--- only in built:\n"
            + only_built.serialize(format="nt")
            + "--- only in golden:\n"
            + only_golden.serialize(format="nt")
        )


def test_seed_graph_answers_the_golden_questions_through_sparql():
    _, g = seed_graph()
    q = """
    PREFIX pg: <https://pactgraph.org/ontology#>
    SELECT ?name WHERE {
      ?a pg:title "Cooperation Agreement" ; pg:hasParty ?p ;
         pg:date "2007-12-18"^^<http://www.w3.org/2001/XMLSchema#date> ; pg:exhibit "10.1" ;
         pg:kind "collaboration" ; pg:action "entered" .
      ?p pg:name ?name }"""
    assert {str(r.name) for r in g.query(q)} == {
        "Ascent Solar Technologies, Inc.",
        "Norsk Hydro Produksjon AS",
    }
    q = """
    PREFIX pg: <https://pactgraph.org/ontology#>
    SELECT ?holder ?target ?percent ?qualifier WHERE {
      ?s a pg:OwnershipStake ; pg:holder/pg:name ?holder ; pg:target/pg:name ?target ;
         pg:percent ?percent ; pg:qualifier ?qualifier }"""
    rows = [(str(r.holder), str(r.target), float(r.percent), str(r.qualifier)) for r in g.query(q)]
    assert rows == [
        ("Norsk Hydro Produksjon AS", "Ascent Solar Technologies, Inc.", 23.0, "approximately")
    ]
    q = """
    PREFIX pg: <https://pactgraph.org/ontology#>
    PREFIX org: <http://www.w3.org/ns/org#>
    SELECT ?name ?title ?orgname WHERE {
      ?pos a pg:Position ; org:member/pg:name ?name ; pg:positionTitle ?title ;
           org:organization/pg:name ?orgname }"""
    rows = [tuple(map(str, r)) for r in g.query(q)]
    assert rows == [("Matthew B. Foster", "President and CEO", "Ascent Solar Technologies, Inc.")]


def test_seed_aliases_become_alternative_names():
    _, g = seed_graph()
    hydro = iris.org_iri("Norsk Hydro Produksjon AS")
    assert Literal("Hydro") in set(
        g.objects(hydro, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))
    )


def test_graph_iri_and_identifier():
    graph_iri, g = seed_graph()
    assert g.identifier == graph_iri
    assert graph_iri.startswith(iris.GRAPH_BASE + "filing/sha256-")
    assert (filing_iri_of(gf.seed_facts()), RDF.type, PG.Filing) in g


def test_deterministic_across_runs_and_copies():
    facts = gf.seed_facts()
    a = sorted(build_filing_graph(facts)[1])
    b = sorted(build_filing_graph(copy.deepcopy(facts))[1])
    assert a == b


@pytest.mark.shared
def test_no_blank_nodes_and_deterministic_on_all_gold_files():
    for facts in gf.all_gold_facts():
        iri1, g1 = build_filing_graph(facts)
        iri2, g2 = build_filing_graph(copy.deepcopy(facts))
        assert iri1 == iri2
        assert set(g1) == set(g2)
        assert not [t for t in g1 if any(isinstance(x, BNode) for x in t)], facts["source"]["file"]


@pytest.mark.shared
def test_every_fact_has_evidence_pointing_into_its_filing():
    for facts in gf.all_gold_facts():
        _, g = build_filing_graph(facts)
        filing = filing_iri_of(facts)
        text = (gf.CORPUS / facts["source"]["file"]).read_bytes().decode("utf-8", errors="replace")
        for cls in (PG.Agreement, PG.OwnershipStake, PG.Position):
            for fact in g.subjects(RDF.type, cls):
                ev = g.value(fact, PG.hasEvidence)
                assert ev is not None, fact
                span = g.value(ev, OA.hasTarget)
                assert g.value(span, OA.hasSource) == filing
                sels = list(g.objects(span, OA.hasSelector))
                pos = next(s for s in sels if (s, RDF.type, OA.TextPositionSelector) in g)
                quote = next(s for s in sels if (s, RDF.type, OA.TextQuoteSelector) in g)
                start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))
                assert text[start:end] == str(g.value(quote, OA.exact))


def test_agreements_with_the_same_title_and_parties_stay_apart():
    facts = gf.seed_facts()
    facts = copy.deepcopy(facts)
    twin = dict(facts["agreements"][0], action="terminated", exhibit=None, evidence=None)
    facts["agreements"] += [twin, dict(twin)]
    _, g = build_filing_graph(facts)
    assert len(set(g.subjects(RDF.type, PG.Agreement))) == 3


def test_tolerates_extra_keys_missing_optionals_and_odd_values():
    facts = {
        "schema": "pactgraph.facts/v1",
        "source": {"file": "x.txt", "extra": 1},
        "filing": {
            "form": "8-K/A",
            "registrant": {"name": "Acme Corp."},
            "date_of_report": None,
            "items": ["1.02"],
            "whatever": [1, 2],
        },
        "agreements": [
            {
                "title": "Credit Agreement",
                "kind": "credit",
                "action": "terminated",
                "date": "not a date",
                "parties": ["Acme Corporation", {"name": "First Bank, N.A."}, "", None],
                "exhibit": None,
                "confidence": 0.5,
            }
        ],
        "stakes": [
            {"holder": "Acme Corp", "target": "Acme Sub LLC", "percent": 100, "qualifier": "exact"},
            {"holder": "Acme Corp", "target": "Other LLC", "percent": "n/a", "qualifier": "exact"},
            {"holder": "Acme Corp", "target": "Third LLC", "percent": 150, "qualifier": "exact"},
            {"holder": "", "target": "Fourth LLC", "percent": 5, "qualifier": "exact"},
        ],
        "people": [{"name": "Jane Q. Public"}],
        "unknown": {},
    }
    graph_iri, g = build_filing_graph(facts)
    acme = iris.org_iri("Acme Corp.")
    agreement = next(g.subjects(RDF.type, PG.Agreement))
    assert set(g.objects(agreement, PG.hasParty)) == {acme, iris.org_iri("First Bank")}
    assert g.value(agreement, PG.date) is None
    assert {str(x) for x in g.objects(acme, PG.name)} == {
        "Acme Corp.",
        "Acme Corporation",
        "Acme Corp",
    }
    stakes = list(g.subjects(RDF.type, PG.OwnershipStake))
    assert len(stakes) == 1  # the stake without a usable percent is left out
    assert g.value(stakes[0], PG.percent) == Literal(
        "100", datatype=XSD.decimal
    )  # canonical, as stores keep it
    assert not [t for t in g if any(isinstance(x, BNode) for x in t)]


def test_person_parties_are_people_and_short_names_resolve_to_the_named_officer():
    facts = copy.deepcopy(gf.seed_facts())
    facts["people"].append(
        {
            "name": "David R. Ball",
            "title": "CEO",
            "organization": facts["filing"]["registrant"]["name"],
        }
    )
    facts["agreements"].append(
        {
            "title": "employment agreement",
            "kind": "employment",
            "action": "amended",
            "date": None,
            "exhibit": None,
            "parties": [
                "Ascent Solar Technologies, Inc.",
                "David Ball",
                "William E. Rose",
                "Evelyn P. Rose Survivor's Trust",
                "BNP Paribas",
            ],
        }
    )
    _, g = build_filing_graph(facts)
    people = set(g.subjects(RDF.type, PG.Person))
    assert iris.person_iri("David R. Ball") in people
    assert iris.person_iri("William E. Rose") in people
    assert iris.person_iri("David Ball") not in people
    orgs = set(g.subjects(RDF.type, PG.Organization))
    assert iris.org_iri("Evelyn P. Rose Survivor's Trust") in orgs
    assert iris.org_iri("BNP Paribas") in orgs


def _canonical(decimal: str) -> str:
    return decimal[:-2] if decimal.endswith(".0") else decimal


if __name__ == "__main__" and "--regenerate" in sys.argv:
    _, graph = seed_graph()
    text = graph.serialize(format="turtle")
    # rdflib's Turtle shorthand rewrites decimals ("23" -> 23.0), which would not read back as
    # the same literal: keep the canonical typed form the builder writes
    text = re.sub(
        r"(pg:percent) (\d+(?:\.\d+)?) ;",
        lambda m: f'{m.group(1)} "{_canonical(m.group(2))}"^^xsd:decimal ;',
        text,
    )
    text = re.sub(r"(oa:(?:start|end)) (\d+) ", r'\1 "\2"^^xsd:integer ', text)
    if not isomorphic(Graph().parse(data=text, format="turtle"), graph):
        sys.exit("the Turtle does not read back as the built graph: not written")
    GOLDEN_TTL.write_text(HEADER + text, "utf-8")
    print(f"wrote {GOLDEN_TTL} ({len(graph)} triples) — review the diff before committing")
