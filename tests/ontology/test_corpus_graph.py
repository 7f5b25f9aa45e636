"""Acceptance over the whole corpus: the graph of every filing, as read and extracted by
pactgraph, has no blank nodes, conforms to the SHACL shapes, and its OWL RL closure together
with the ontology holds no inconsistency."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, Namespace
from rdflib.namespace import OWL

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "graph"))
import gold_facts as gf  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.shared]
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


@pytest.fixture(scope="module")
def corpus_graph() -> Graph:
    extract = pytest.importorskip("pactgraph.nlp.extract")
    reader = pytest.importorskip("pactgraph.nlp.reader")
    from pactgraph.graph.build.builder import build_filing_graph

    g, built = Graph(), 0
    for path in sorted((gf.CORPUS / "filings").iterdir()):
        try:
            filing = reader.read_filing(path)
            facts = extract.extract_facts(filing)
        except Exception:  # the reader's typed errors; covered by the reader's own tests
            continue
        _, fg = build_filing_graph(facts, filing=filing)
        assert not [t for t in fg if any(isinstance(x, BNode) for x in t)], path.name
        g += fg
        built += 1
    assert built >= 150
    return g


def test_corpus_graph_conforms_to_the_shapes(corpus_graph):
    from pactgraph.graph.build.validate import validate

    report = validate(corpus_graph)
    assert report.conforms, "\n".join(
        f"{v['focus']} {v['path']}: {v['message']}" for v in report.violations[:20]
    )


def test_owl_rl_closure_of_ontology_and_corpus_graph_is_consistent(corpus_graph):
    import owlrl

    from pactgraph.ontology.gen_namespace import load_ontology

    g = Graph()
    g += corpus_graph
    g += load_ontology()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert [str(g.value(m, ERR.error)) for m in g.subjects(RDF.type, ERR.ErrorMessage)] == []
    assert list(g.subjects(RDF.type, OWL.Nothing)) == []
