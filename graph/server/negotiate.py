"""Content negotiation: which SPARQL results or RDF format answers a request."""

from __future__ import annotations

from pactgraph.graph.errors import Refused

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "xml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_RESULT_ALIASES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_ALIASES = {
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/turtle": "ttl",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
}
_FORMAT_PARAM = {  # ?format= / &output= values
    "json": ("json", "jsonld"),
    "xml": ("xml", "xml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "ttl"),
    "ttl": (None, "ttl"),
    "nt": (None, "nt"),
    "ntriples": (None, "nt"),
    "n-triples": (None, "nt"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdfxml": (None, "xml"),
}


def _parse_accept(header: str | None) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order kept on ties)."""
    if not header:
        return []
    items = []
    for i, part in enumerate(header.split(",")):
        bits = [b.strip() for b in part.split(";")]
        media = bits[0].lower()
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            items.append((-q, i, media))
    return [m for _, _, m in sorted(items)]


def negotiate(form: str, accept: str | None, fmt_param: str | None = None) -> tuple[str, str]:
    """The (format, content type) to answer a query of ``form`` with.

    ``fmt_param`` (``?format=json`` etc.) wins over ``Accept``; then the best acceptable type;
    then JSON results / Turtle. Raises :class:`Refused` (406) when nothing acceptable is offered.
    """
    is_graph = form in ("construct", "describe")
    table = GRAPH_TYPES if is_graph else RESULT_TYPES
    if fmt_param:
        key = fmt_param.strip().lower()
        if key in _FORMAT_PARAM:
            chosen = _FORMAT_PARAM[key][1 if is_graph else 0]
            if chosen:
                return chosen, table[chosen]
        aliases = _GRAPH_ALIASES if is_graph else _RESULT_ALIASES
        if key in aliases:
            return aliases[key], table[aliases[key]]
    wanted = _parse_accept(accept)
    if not wanted:
        default = "ttl" if is_graph else "json"
        return default, table[default]
    aliases = _GRAPH_ALIASES if is_graph else _RESULT_ALIASES
    for media in wanted:
        if media in aliases:
            return aliases[media], table[aliases[media]]
        if media in ("*/*", "application/*", "text/*"):
            default = "ttl" if is_graph else "json"
            if media == "text/*" and not is_graph:
                default = "csv"
            return default, table[default]
    raise Refused(
        f"none of the accepted types ({accept}) is offered for a {form.upper()} "
        f"result; offered: {', '.join(table.values())}",
        406,
    )
