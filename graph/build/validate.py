"""SHACL validation of pactgraph graphs against ``ontology/shapes.ttl`` (pyshacl).

``validate(graph)`` mixes the ontology in (so subclasses count: a ``pg:CollaborationAgreement``
is a ``pg:Agreement``), runs the shapes, and returns a :class:`Report`. Results of severity
``sh:Warning`` (an agreement with one named party, a position without evidence) are reported but
do not make the graph non-conforming.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rdflib import Graph
from rdflib.namespace import RDF, SH

from pactgraph.ontology.gen_namespace import load_ontology


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = Graph()
    g.parse(data=resources.files("pactgraph.ontology").joinpath("shapes.ttl").read_text("utf-8"), format="turtle")
    return g


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return load_ontology()


@dataclass
class Report:
    conforms: bool
    text: str
    violations: list[dict] = field(default_factory=list)  # {focus, path, message, severity}
    warnings: list[dict] = field(default_factory=list)


def validate(data: Graph, *, inference: str = "none") -> Report:
    """Validate ``data`` (a Graph, or a Dataset: all its triples) against the shapes."""
    # here: pyshacl takes a second to import, and only validation needs it
    import pyshacl

    flat = Graph()
    if hasattr(data, "quads"):
        for s, p, o, *_ in data.quads((None, None, None, None)):
            flat.add((s, p, o))
    else:
        for triple in data:
            flat.add(triple)
    flat += ontology_graph()  # subclass axioms, kind notations
    conforms, results, text = pyshacl.validate(
        flat,
        shacl_graph=shapes_graph(),
        inference=inference,
        allow_warnings=True,
        advanced=True,
    )
    violations, warnings = [], []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        item = {
            "focus": results.value(r, SH.focusNode),
            "path": results.value(r, SH.resultPath),
            "message": str(results.value(r, SH.resultMessage) or ""),
            "severity": results.value(r, SH.resultSeverity),
        }
        (violations if item["severity"] == SH.Violation else warnings).append(item)
    return Report(bool(conforms), text, violations, warnings)
