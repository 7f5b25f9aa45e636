"""What the endpoint refuses before and while it runs a query: over-long queries and updates
(on the text), SERVICE calls and file datasets (on the parsed query)."""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from pactgraph.graph.errors import Refused
from pactgraph.graph.rdf.lexing import query_form

from .config import EndpointConfig
from .limits import Confinement


def check_query(sparql: str, config: EndpointConfig | None = None) -> str:
    """Refuse what the endpoint never runs, before it runs; return the query form (select, ask,
    construct, describe; ``unknown`` when it cannot tell) to negotiate the answer's format.

    Raises :class:`Refused` for an over-long query and an update (which Oxigraph would refuse
    as a query anyway). SERVICE and file datasets are refused on the parsed query in the
    worker (:func:`check_parsed`), which also has no network.
    """
    config = config or EndpointConfig()
    if len(sparql.encode("utf-8")) > config.max_query_bytes:
        raise Refused(f"query longer than {config.max_query_bytes} bytes", 413)
    form = query_form(sparql)
    if form == "update":
        raise Refused(
            "read-only endpoint: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...) is refused", 403
        )
    return form


def _walk(node):
    """Every node of an rdflib SPARQL parse tree."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)


@functools.lru_cache(maxsize=512)
def parse(sparql: str):
    """rdflib's parse tree of ``sparql`` (None when rdflib cannot parse it)."""
    try:
        return parseQuery(sparql)
    except Exception:  # noqa: BLE001 - any parse failure: no tree
        return None
    except RecursionError:  # pragma: no cover - deeply nested
        return None


def check_parsed(sparql: str, config: EndpointConfig, confined: Confinement) -> None:
    """Refuse, on the parsed query, a SERVICE call and a dataset naming a file.

    The parse is rdflib's, which reads some queries differently from Oxigraph (a comment ended
    by a bare CR; a SERVICE after an IRI with a ``#``): the refusal here gives a clear answer,
    what keeps SERVICE from running is the worker's lack of network (:func:`forbid_network`).
    A query rdflib cannot parse that names SERVICE at all is refused too (the parsers may
    disagree on it); without the worker's confinement (not Linux) so is any query rdflib
    cannot parse.
    """
    tree = parse(sparql)
    if tree is None and not config.allow_service:
        if "service" in sparql.lower():
            raise Refused(SERVICE_REFUSED, 403)
        if not confined.no_network:
            raise Refused("this endpoint cannot check the query (it does not parse here)", 400)
    if tree is None:
        return
    for node in _walk(tree):
        if node.name == "ServiceGraphPattern" and not config.allow_service:
            raise Refused(SERVICE_REFUSED, 403)
        if node.name == "DatasetClause":
            for iri in (node.get("default"), node.get("named")):
                if iri is not None and _names_a_file(str(iri)):
                    raise Refused(f"FROM <{iri}>: reading files is refused", 403)


SERVICE_REFUSED = "SERVICE (federated query to another endpoint) is refused by this endpoint"


def _names_a_file(iri: str) -> bool:
    scheme = urlsplit(iri.strip()).scheme.lower()
    return scheme in ("", "file")
