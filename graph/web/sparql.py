"""SPARQL text for the pages: terms written safely, and the prefixes the page queries use."""

from __future__ import annotations

from pactgraph.graph import iris

from .urls import page_url

PREFIXES = """PREFIX pg:   <https://pactgraph.org/ontology#>
PREFIX oa:   <http://www.w3.org/ns/oa#>
PREFIX org:  <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_STRING_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def string(text: str) -> str:
    """``text`` as a SPARQL string literal (every character that could end it escaped)."""
    return '"' + "".join(_STRING_ESCAPES.get(c, c) for c in text) + '"'


def iri(value: str) -> str:
    """``<value>`` for a pactgraph entity IRI; ValueError for anything else (it would not be
    safe to write into a query)."""
    if page_url(value) is None:
        raise ValueError(f"not a pactgraph entity IRI: {value!r}")
    return f"<{value}>"


#: the IRI start of the filings' graphs, as a SPARQL string: a page reads a filing's facts from
#: those graphs only (``GRAPH ?g { ... } FILTER (STRSTARTS(STR(?g), FILINGS))``), never from RDF
#: a user loaded beside them; entity links come from the lifecycle and resolution graphs
FILINGS = string(iris.GRAPH_BASE + "filing/")
LIFECYCLE = f"<{iris.LIFECYCLE_GRAPH}>"


def graph_terms() -> dict[str, str]:
    """The format arguments naming the graphs a page query reads."""
    return {"filings": FILINGS, "lifecycle": LIFECYCLE}


def in_filings(var: str) -> str:
    """The filter keeping graph ``?var`` to the filings' graphs."""
    return f"FILTER (STRSTARTS(STR(?{var}), {FILINGS}))"


def filed(triples: str, var: str = "fg") -> str:
    """A check that ``triples`` (variables bound) hold in a filing's graph: one index lookup a
    row, where a ``GRAPH ?g`` block would be matched on its own and joined."""
    return f"FILTER EXISTS {{ GRAPH ?{var} {{ {triples} }} {in_filings(var)} }}"


# The evidence of ``?fact``: its span's offsets and exact words (each optional), as a filing's
# graph states it.
EVIDENCE = (
    """
  OPTIONAL { ?fact pg:hasEvidence ?ev . ?ev oa:hasTarget ?span .
             """
    + filed("?fact pg:hasEvidence ?ev . ?ev oa:hasTarget ?span", "eg")
    + """
             OPTIONAL { ?span oa:hasSelector ?ps . ?ps oa:start ?start ; oa:end ?end }
             OPTIONAL { ?span oa:hasSelector ?qs . ?qs oa:exact ?quote } }"""
)
