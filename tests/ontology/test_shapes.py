"""SHACL shapes: graphs built from good facts conform; broken graphs give the right violations."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "graph"))
import gold_facts as gf  # noqa: E402

from pactgraph.graph.build.builder import OA, build_filing_graph  # noqa: E402
from pactgraph.graph.build.validate import validate  # noqa: E402
from pactgraph.ontology.namespace import PG  # noqa: E402


def seed() -> Graph:
    return build_filing_graph(gf.seed_facts())[1]


def one(g: Graph, cls: URIRef) -> URIRef:
    return next(iter(g.subjects(RDF.type, cls)))


def violated_paths(g: Graph) -> set:
    report = validate(g)
    assert not report.conforms
    return {v["path"] for v in report.violations}


def test_seed_conforms():
    report = validate(seed())
    assert report.conforms, report.text
    assert report.violations == [] and report.warnings == []


@pytest.mark.slow
@pytest.mark.shared
def test_all_gold_graphs_conform_together():
    g = Graph()
    for facts in gf.all_gold_facts():
        g += build_filing_graph(facts)[1]
    report = validate(g)
    assert report.conforms, report.text
    # agreements whose filing names only the registrant are warnings, not violations
    assert all(w["path"] in (PG.hasParty, PG.hasEvidence) for w in report.warnings)


def test_agreement_without_title_or_with_two_kinds():
    g = seed()
    a = one(g, PG.Agreement)
    g.remove((a, PG.title, None))
    g.add((a, PG.kind, Literal("merger")))
    assert {PG.title, PG.kind} <= violated_paths(g)


def test_agreement_kind_must_match_its_class():
    g = seed()
    a = one(g, PG.Agreement)
    g.set((a, PG.kind, Literal("merger")))
    report = validate(g)
    assert not report.conforms
    assert any("kind code matches" in v["message"] for v in report.violations)


def test_agreement_without_parties_or_with_an_unknown_action():
    g = seed()
    a = one(g, PG.Agreement)
    g.remove((a, PG.hasParty, None))
    g.set((a, PG.action, Literal("signed")))
    assert {PG.hasParty, PG.action} <= violated_paths(g)


def test_agreement_with_one_party_is_only_a_warning():
    g = seed()
    a = one(g, PG.Agreement)
    hydro = URIRef("https://pactgraph.org/id/org/norsk-hydro-produksjon")
    g.remove((a, PG.hasParty, hydro))
    report = validate(g)
    assert report.conforms
    assert [w["path"] for w in report.warnings] == [PG.hasParty]


def test_fact_without_evidence():
    g = seed()
    a = one(g, PG.Agreement)
    s = one(g, PG.OwnershipStake)
    g.remove((a, PG.hasEvidence, None))
    g.remove((s, PG.hasEvidence, None))
    report = validate(g)
    assert not report.conforms
    assert {(v["focus"], v["path"]) for v in report.violations} == {
        (a, PG.hasEvidence),
        (s, PG.hasEvidence),
    }


@pytest.mark.parametrize("percent", ["150.0", "-5.0"])
def test_stake_percent_out_of_range(percent):
    g = seed()
    s = one(g, PG.OwnershipStake)
    g.set((s, PG.percent, Literal(percent, datatype=XSD.decimal)))
    assert PG.percent in violated_paths(g)


def test_stake_without_holder_or_with_two_targets():
    g = seed()
    s = one(g, PG.OwnershipStake)
    g.remove((s, PG.holder, None))
    g.add((s, PG.target, URIRef("https://pactgraph.org/id/org/other")))
    assert {PG.holder, PG.target} <= violated_paths(g)


def test_evidence_span_with_start_after_end():
    g = seed()
    sel = one(g, OA.TextPositionSelector)
    g.set((sel, OA.start, Literal(99999, datatype=XSD.integer)))
    assert OA.start in violated_paths(g)


def test_filing_without_registrant_or_with_bad_sha():
    g = seed()
    f = one(g, PG.Filing)
    g.remove((f, PG.registrant, None))
    g.set((f, PG.sha256, Literal("not-a-hash")))
    assert {PG.registrant, PG.sha256} <= violated_paths(g)


def test_organization_that_is_also_a_person():
    g = seed()
    hydro = URIRef("https://pactgraph.org/id/org/norsk-hydro-produksjon")
    g.add((hydro, RDF.type, PG.Person))
    report = validate(g)
    assert not report.conforms
    assert hydro in {v["focus"] for v in report.violations}
