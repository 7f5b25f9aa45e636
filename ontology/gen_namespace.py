"""Generate ``ontology/namespace.py`` (an rdflib ``DefinedNamespace``) from ``pactgraph.ttl``.

python -m pactgraph.ontology.gen_namespace            # rewrite namespace.py
python -m pactgraph.ontology.gen_namespace --check    # exit 1 if namespace.py is stale
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import OWL, SKOS

NS = "https://pactgraph.org/ontology#"

_KINDS = [
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.NamedIndividual, "Individuals"),
]


def load_ontology() -> Graph:
    """The ontology graph, read from the package data."""
    g = Graph()
    g.parse(
        data=resources.files("pactgraph.ontology").joinpath("pactgraph.ttl").read_text("utf-8"),
        format="turtle",
    )
    return g


def render(g: Graph) -> str:
    """The source text of namespace.py for the ontology ``g``."""
    lines = [
        '"""The pactgraph ontology as an rdflib DefinedNamespace.',
        "",
        "GENERATED from ontology/pactgraph.ttl by ``python -m pactgraph.ontology.gen_namespace``;",
        "do not edit by hand (tests/ontology/test_ontology.py checks that it is fresh).",
        '"""',
        "",  # a blank line after the docstring, as ruff format writes it
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class PG(DefinedNamespace):",
        '    """pactgraph ontology: https://pactgraph.org/ontology#"""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{NS}")',
    ]
    done: set[URIRef] = set()
    for rdf_type, heading in _KINDS:
        terms = sorted(
            s
            for s in g.subjects(RDF.type, rdf_type)
            if isinstance(s, URIRef) and str(s).startswith(NS) and s not in done
        )
        if not terms:
            continue
        lines += ["", f"    # {heading}"]
        for term in terms:
            done.add(term)
            label = g.value(term, RDFS.label) or ""
            definition = " ".join(str(g.value(term, SKOS.definition) or "").split())
            comment = f"{label}: {definition}" if definition else str(label)
            line = f"    {term[len(NS) :]}: URIRef  # "
            room = 100 - len(line)
            if len(comment) > room:
                comment = comment[: room - 3].rstrip() + "..."
            lines.append(line + comment)
    return "\n".join(lines) + "\n"


def target_path() -> Path:
    return Path(__file__).with_name("namespace.py")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if namespace.py is not fresh")
    args = parser.parse_args(argv)
    text = render(load_ontology())
    path = target_path()
    if args.check:
        fresh = path.exists() and path.read_text("utf-8") == text
        stale = "STALE (run python -m pactgraph.ontology.gen_namespace)"
        print(f"{path}: {'fresh' if fresh else stale}")
        return 0 if fresh else 1
    path.write_text(text, "utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
