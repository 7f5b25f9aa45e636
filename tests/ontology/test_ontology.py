"""The ontology: parses, every term labelled and defined, namespace module fresh, and OWL RL
closure over the ontology plus the graphs of all gold filings finds no inconsistency."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import OWL, SKOS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "graph"))
import gold_facts as gf  # noqa: E402

from pactgraph.graph.build.builder import build_filing_graph  # noqa: E402
from pactgraph.ontology import gen_namespace  # noqa: E402
from pactgraph.ontology.namespace import PG  # noqa: E402

NS = "https://pactgraph.org/ontology#"
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
SCHEMA_KINDS = [
    "merger",
    "purchase_sale",
    "securities_offering",
    "credit",
    "indenture",
    "security_guarantee",
    "employment",
    "separation",
    "indemnification",
    "supply",
    "license",
    "collaboration",
    "joint_venture",
    "distribution",
    "services",
    "lease",
    "settlement",
    "governance",
    "repurchase",
    "other",
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return gen_namespace.load_ontology()


def terms(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_parses_as_owl_ontology(onto):
    assert (URIRef("https://pactgraph.org/ontology"), RDF.type, OWL.Ontology) in onto
    assert len(terms(onto)) >= 60


def test_every_term_has_a_label_and_a_definition(onto):
    missing = [
        t
        for t in terms(onto)
        if onto.value(t, RDFS.label) is None or onto.value(t, SKOS.definition) is None
    ]
    assert missing == []


def test_every_term_is_typed(onto):
    kinds = {
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.NamedIndividual,
        OWL.AnnotationProperty,
    }
    untyped = [t for t in terms(onto) if not kinds & set(onto.objects(t, RDF.type))]
    assert untyped == []


def test_one_agreement_subclass_per_schema_kind(onto):
    notations = {
        str(onto.value(c, SKOS.notation))
        for c in onto.subjects(RDFS.subClassOf, PG.Agreement)
        if onto.value(c, SKOS.notation) is not None
    }
    assert notations == set(SCHEMA_KINDS)


def test_aligned_to_fibo_org_prov_schema(onto):
    fibo_ctr = Namespace("https://spec.edmcouncil.org/fibo/ontology/FND/Agreements/Contracts/")
    fibo_own = Namespace(
        "https://spec.edmcouncil.org/fibo/ontology/BE/OwnershipAndControl/OwnershipParties/"
    )
    fibo_lei = Namespace("https://spec.edmcouncil.org/fibo/ontology/BE/LegalEntities/LEIEntities/")
    org = Namespace("http://www.w3.org/ns/org#")
    prov = Namespace("http://www.w3.org/ns/prov#")
    schema = Namespace("https://schema.org/")
    assert (PG.Agreement, RDFS.subClassOf, fibo_ctr.Contract) in onto
    assert (PG.PartyRole, RDFS.subClassOf, fibo_ctr.ContractParty) in onto
    assert (PG.hasPartyRole, RDFS.subPropertyOf, fibo_ctr.hasContractParty) in onto
    assert (PG.executionDate, SKOS.closeMatch, fibo_ctr.hasExecutionDate) in onto
    assert (PG.OwnershipStake, RDFS.subClassOf, fibo_own.EntityOwnership) in onto
    assert (PG.percent, RDFS.subPropertyOf, fibo_lei.hasOwnershipPercentage) in onto
    assert (PG.Organization, RDFS.subClassOf, org.Organization) in onto
    assert (PG.Organization, RDFS.subClassOf, schema.Organization) in onto
    assert (PG.cik, RDFS.subPropertyOf, org.identifier) in onto
    assert (PG.Filing, RDFS.subClassOf, prov.Entity) in onto


def test_namespace_module_is_fresh(onto):
    assert gen_namespace.target_path().read_text("utf-8") == gen_namespace.render(onto), (
        "ontology/namespace.py is stale: run python -m pactgraph.ontology.gen_namespace"
    )
    assert {str(t) for t in terms(onto) if (t, RDF.type, OWL.Ontology) not in onto} == {
        str(PG._NS[name]) for name in PG.__annotations__
    }


def owl_rl_problems(g: Graph) -> list[str]:
    import owlrl

    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    problems = [str(g.value(m, ERR.error)) for m in g.subjects(RDF.type, ERR.ErrorMessage)]
    problems += [f"{s} is a member of owl:Nothing" for s in g.subjects(RDF.type, OWL.Nothing)]
    return problems


def test_owl_rl_closure_of_ontology_and_seed_is_consistent(onto):
    g = Graph()
    g += onto
    g += build_filing_graph(gf.seed_facts())[1]
    assert owl_rl_problems(g) == []


def test_owl_rl_detects_an_inconsistency(onto):
    """The check above is not vacuous: an organization that is also a person is caught."""
    g = Graph()
    g += onto
    _, seed = build_filing_graph(gf.seed_facts())
    g += seed
    hydro = URIRef("https://pactgraph.org/id/org/norsk-hydro-produksjon")
    g.add((hydro, RDF.type, PG.Person))
    assert owl_rl_problems(g) != []


@pytest.mark.slow
@pytest.mark.shared
def test_owl_rl_closure_of_ontology_and_all_gold_graphs_is_consistent(onto):
    g = Graph()
    g += onto
    for facts in gf.all_gold_facts():
        g += build_filing_graph(facts)[1]
    assert owl_rl_problems(g) == []


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_documentation_is_generated_from_the_turtle_by_one_command(onto, tmp_path, fmt):
    from pactgraph.ontology import docs

    out = tmp_path / f"ontology.{fmt}"
    assert docs.main(["-o", str(out)]) == 0
    text = out.read_text("utf-8")
    for term in terms(onto):
        if (term, RDF.type, OWL.Ontology) in onto:
            continue
        anchor = str(term)[len(NS) :]
        assert (f'id="{anchor}"') in text, anchor
        assert str(onto.value(term, RDFS.label)).replace("'", "&#x27;").split()[0] in text
    assert "fibo-fnd-agr-ctr:Contract" in text
    assert "pgsh:AgreementShape" in text
