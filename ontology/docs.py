"""Human-readable documentation of the pactgraph ontology and shapes, generated from the Turtle.

    python -m pactgraph.ontology.docs -o docs/ontology.html     # HTML (one self-contained page)
    python -m pactgraph.ontology.docs -o docs/ontology.md       # Markdown (by the extension)
    python -m pactgraph.ontology.docs --format md               # Markdown to stdout

Every term with its label, IRI, definition, super-classes / super-properties (the FIBO, W3C ORG,
schema.org and PROV-O alignments), domain, range, close matches and comments; the agreement
kinds as a table; and the SHACL shapes' constraints in plain words. Works offline.
"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, SH, SKOS

from .gen_namespace import NS, load_ontology

ONTOLOGY_IRI = URIRef("https://pactgraph.org/ontology")

_PREFIXES = {
    NS: "pg:",
    "https://spec.edmcouncil.org/fibo/ontology/FND/Agreements/Contracts/": "fibo-fnd-agr-ctr:",
    (
        "https://spec.edmcouncil.org/fibo/ontology/BE/OwnershipAndControl/OwnershipParties/"
    ): "fibo-be-oac-opty:",
    "https://spec.edmcouncil.org/fibo/ontology/BE/LegalEntities/LEIEntities/": "fibo-be-le-lei:",
    "http://www.w3.org/ns/org#": "org:",
    "http://www.w3.org/ns/prov#": "prov:",
    "http://www.w3.org/ns/oa#": "oa:",
    "https://schema.org/": "schema:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2002/07/owl#": "owl:",
    "https://pactgraph.org/shapes#": "pgsh:",
}

_SECTIONS = [
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.NamedIndividual, "Individuals"),
]


def curie(term) -> str:
    text = str(term)
    for ns, prefix in sorted(_PREFIXES.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(ns):
            return prefix + text[len(ns) :]
    return f"<{text}>"


@dataclass
class Term:
    iri: URIRef
    kind: str
    label: str
    definition: str
    facts: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, values)

    @property
    def anchor(self) -> str:
        return str(self.iri)[len(NS) :]


def _values(g: Graph, s, p) -> list[str]:
    out = []
    for o in sorted(g.objects(s, p), key=str):
        if isinstance(o, BNode):
            chain = g.value(o, RDF.first)
            if chain is not None:
                out.append(" / ".join(curie(x) for x in Collection(g, o)))
            continue
        out.append(str(o) if isinstance(o, Literal) else curie(o))
    return out


def collect(g: Graph) -> list[tuple[str, list[Term]]]:
    sections, done = [], set()
    for rdf_type, heading in _SECTIONS:
        terms = []
        for s in sorted(g.subjects(RDF.type, rdf_type), key=str):
            if not isinstance(s, URIRef) or not str(s).startswith(NS) or s in done:
                continue
            done.add(s)
            t = Term(
                s,
                heading,
                str(g.value(s, RDFS.label) or s),
                " ".join(str(g.value(s, SKOS.definition) or "").split()),
            )
            for name, p in [
                ("Super-classes", RDFS.subClassOf),
                ("Sub-classes", None),
                ("Super-properties", RDFS.subPropertyOf),
                ("Equivalent", OWL.equivalentClass),
                ("Disjoint with", OWL.disjointWith),
                ("Domain", RDFS.domain),
                ("Range", RDFS.range),
                ("Inverse of", OWL.inverseOf),
                ("Property chain", OWL.propertyChainAxiom),
                ("Close match", SKOS.closeMatch),
                ("Kind code", SKOS.notation),
                ("Comment", RDFS.comment),
            ]:
                if p is None:
                    vals = sorted(curie(x) for x in g.subjects(RDFS.subClassOf, s))
                else:
                    vals = _values(g, s, p)
                if vals:
                    t.facts.append((name, vals))
            if (s, RDF.type, OWL.FunctionalProperty) in g:
                t.facts.append(("Characteristics", ["functional (at most one value)"]))
            terms.append(t)
        if terms:
            sections.append((heading, terms))
    return sections


def describe_shapes(shapes: Graph) -> list[tuple[str, list[str]]]:
    """Each node shape: its target class and its constraints in words."""
    out = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        target = shapes.value(shape, SH.targetClass)
        lines = []
        for prop in shapes.objects(shape, SH.property):
            path = curie(shapes.value(prop, SH.path))
            bits = []
            lo, hi = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
            if lo is not None and hi is not None:
                bits.append(f"exactly {lo}" if lo == hi else f"{lo} to {hi}")
            elif lo is not None:
                bits.append(f"at least {lo}")
            elif hi is not None:
                bits.append(f"at most {hi}")
            for p, word in [
                (SH.datatype, "of type"),
                (SH["class"], "each a"),
                (SH.pattern, "matching"),
                (SH.minInclusive, "≥"),
                (SH.maxInclusive, "≤"),
                (SH.lessThanOrEquals, "≤ value of"),
            ]:
                v = shapes.value(prop, p)
                if v is not None:
                    bits.append(f"{word} {curie(v) if isinstance(v, URIRef) else v}")
            allowed = shapes.value(prop, SH["in"])
            if allowed is not None:
                bits.append("one of " + ", ".join(str(x) for x in Collection(shapes, allowed)))
            ors = shapes.value(prop, SH["or"])
            if ors is not None:
                bits.append(
                    "each a "
                    + " or ".join(
                        curie(shapes.value(x, SH["class"])) for x in Collection(shapes, ors)
                    )
                )
            severity = shapes.value(prop, SH.severity)
            if severity == SH.Warning:
                bits.append("(warning only)")
            lines.append(f"{path}: " + ", ".join(bits))
        for c in shapes.objects(shape, SH.sparql):
            lines.append("rule: " + str(shapes.value(c, SH.message)))
        if shapes.value(shape, SH["not"]) is not None:
            lines.append(
                "not also a " + curie(shapes.value(shapes.value(shape, SH["not"]), SH["class"]))
            )
        out.append((f"{curie(shape)} — every {curie(target)}", sorted(lines)))
    return out


def load_shapes() -> Graph:
    from importlib import resources

    g = Graph()
    g.parse(
        data=resources.files("pactgraph.ontology").joinpath("shapes.ttl").read_text("utf-8"),
        format="turtle",
    )
    return g


def render_markdown(g: Graph, shapes: Graph | None = None) -> str:
    title = str(g.value(ONTOLOGY_IRI, DCTERMS.title) or "pactgraph ontology")
    lines = [
        f"# {title}",
        "",
        f"IRI: `{ONTOLOGY_IRI}` — namespace `{NS}` (prefix `pg:`), "
        f"version {g.value(ONTOLOGY_IRI, OWL.versionInfo)}",
        "",
    ]
    lines += [" ".join(str(g.value(ONTOLOGY_IRI, SKOS.definition)).split()), ""]
    lines += [" ".join(str(g.value(ONTOLOGY_IRI, DCTERMS.description)).split()), ""]
    sections = collect(g)
    lines += ["## Contents", ""]
    for heading, terms in sections:
        lines.append(f"- **{heading}**: " + ", ".join(f"[{t.label}](#{t.anchor})" for t in terms))
    lines.append("")
    for heading, terms in sections:
        lines += [f"## {heading}", ""]
        for t in terms:
            lines += [
                f'### {t.label} <a id="{t.anchor}"></a>',
                "",
                f"`{curie(t.iri)}` — {t.definition}",
                "",
            ]
            for name, vals in t.facts:
                lines.append(
                    f"- {name}: "
                    + ", ".join(
                        f"`{v}`" if not v.startswith("(") and " " not in v else v for v in vals
                    )
                )
            lines.append("")
    if shapes is not None:
        lines += ["## SHACL shapes (ontology/shapes.ttl)", ""]
        for heading, rules in describe_shapes(shapes):
            lines += [f"### {heading}", ""] + [f"- {r}" for r in rules] + [""]
    return "\n".join(lines)


def render_html(g: Graph, shapes: Graph | None = None) -> str:
    esc = html.escape
    title = str(g.value(ONTOLOGY_IRI, DCTERMS.title) or "pactgraph ontology")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;"
        "line-height:1.45;padding:0 1em}"
        "code{background:#f3f3f3;padding:0 .2em}"
        "section.term{border-top:1px solid #ddd;padding:.4em 0}"
        "dt{font-weight:600;float:left;clear:left;width:10em}dd{margin-left:11em}"
        "h3{margin-bottom:.2em}"
        ".iri{color:#555;font-size:.9em}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="iri">IRI <code>{esc(str(ONTOLOGY_IRI))}</code> · '
        f"namespace <code>{esc(NS)}</code> (prefix "
        f"<code>pg:</code>) · version {esc(str(g.value(ONTOLOGY_IRI, OWL.versionInfo)))}</p>",
        f"<p>{esc(' '.join(str(g.value(ONTOLOGY_IRI, SKOS.definition)).split()))}</p>",
        f"<p>{esc(' '.join(str(g.value(ONTOLOGY_IRI, DCTERMS.description)).split()))}</p>",
    ]
    sections = collect(g)
    parts.append("<nav><h2>Contents</h2><ul>")
    for heading, terms in sections:
        links = ", ".join(f'<a href="#{t.anchor}">{esc(t.label)}</a>' for t in terms)
        parts.append(f"<li><strong>{esc(heading)}</strong>: {links}</li>")
    parts.append('<li><a href="#shapes"><strong>SHACL shapes</strong></a></li></ul></nav>')

    def link(v: str) -> str:
        if v.startswith("pg:"):
            return f'<a href="#{esc(v[3:])}"><code>{esc(v)}</code></a>'
        return f"<code>{esc(v)}</code>" if " " not in v and not v.startswith("(") else esc(v)

    for heading, terms in sections:
        parts.append(f"<h2>{esc(heading)}</h2>")
        for t in terms:
            parts.append(f'<section class="term" id="{esc(t.anchor)}"><h3>{esc(t.label)}</h3>')
            parts.append(
                f'<div class="iri"><code>{esc(str(t.iri))}</code></div>'
                f"<p>{esc(t.definition)}</p><dl>"
            )
            for name, vals in t.facts:
                parts.append(f"<dt>{esc(name)}</dt><dd>{', '.join(link(v) for v in vals)}</dd>")
            parts.append("</dl></section>")
    if shapes is not None:
        parts.append('<h2 id="shapes">SHACL shapes</h2>')
        for heading, rules in describe_shapes(shapes):
            parts.append(
                f"<h3>{esc(heading)}</h3><ul>"
                + "".join(f"<li>{esc(r)}</li>" for r in rules)
                + "</ul>"
            )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate the ontology documentation from the Turtle."
    )
    parser.add_argument("-o", "--output", help="file to write (.html or .md); stdout when omitted")
    parser.add_argument(
        "--format", choices=["html", "md"], help="default: from the output's extension, else html"
    )
    args = parser.parse_args(argv)
    fmt = args.format or ("md" if args.output and args.output.endswith(".md") else "html")
    g, shapes = load_ontology(), load_shapes()
    text = render_markdown(g, shapes) if fmt == "md" else render_html(g, shapes)
    if args.output:
        path = Path(args.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        print(f"wrote {path} ({len(text):,} characters)")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
