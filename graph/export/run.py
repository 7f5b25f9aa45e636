"""Exporting a store in any format: the filters checked first (a typo fails before any file is
written), then the RDF or the network writer."""

from __future__ import annotations

import os
from typing import IO, Any

from pactgraph.graph.analyse.network import Filters, vocabulary
from pactgraph.graph.build.builder import kind_classes
from pactgraph.graph.errors import ConfigError
from pactgraph.graph.query import run_query

from .formats import RDF_FORMATS, format_name, literal
from .networks import export_network
from .rdf import export_rdf


def agreement_kinds() -> list[str]:
    """The agreement kinds of the ontology (``collaboration``, ``credit``, ...), sorted."""
    return sorted(kind_classes())


def check_filters(store, filters: Filters | None) -> None:
    """A ConfigError for a filter that can only select nothing: a kind the ontology does not
    have (the message lists the kinds), or a company no organization of the store matches."""
    if not filters:
        return
    unknown = sorted(set(filters.kinds or ()) - set(agreement_kinds()))
    if unknown:
        raise ConfigError(
            f"unknown agreement kind {', '.join(map(repr, unknown))}; the kinds "
            f"are: {', '.join(agreement_kinds())}"
        )
    if filters.company and not _company_exists(store, filters.company.strip().strip("<>")):
        raise ConfigError(
            f"no organization in the store is named {filters.company!r} (a part "
            "of a name, case-insensitive, or an IRI); nothing exported. Find "
            "names with: pactgraph query company --param company=PART"
        )


def _company_exists(store, company: str) -> bool:
    v = vocabulary()
    if company.startswith(("http://", "https://", "urn:")):
        where = f"{{ <{company}> ?p ?o }} UNION {{ ?s ?p <{company}> }}"
    else:
        where = (
            f"?org <{v['name']}> ?n . FILTER(CONTAINS(LCASE(STR(?n)), LCASE({literal(company)})))"
        )
    return bool(run_query(store, f"ASK {{ {where} }}"))


def export(
    store,
    fmt: str,
    out: str | os.PathLike | IO | None = "-",
    filters: Filters | None = None,
    network: str = "agreements",
) -> dict[str, Any]:
    """Export ``store`` in ``fmt`` (any of :data:`FORMATS`) to ``out`` (a path, ``-`` or a file).

    Filters are checked first (:func:`check_filters`): a typo fails before any file is written.
    """
    fmt = format_name(fmt)
    check_filters(store, filters)
    if fmt in RDF_FORMATS:
        return {"format": fmt, "triples": export_rdf(store, fmt, out, filters)}
    return export_network(store, fmt, out, filters, network)
