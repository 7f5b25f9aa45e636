"""Exports of a store: its RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) and its
networks (GraphML, GEXF, CSV, Neo4j import files)."""

from .formats import FORMATS, NETWORK_FORMATS, RDF_FORMATS
from .networks import (
    export_network,
    network_for_export,
    write_csv,
    write_gexf,
    write_graphml,
    write_neo4j,
)
from .rdf import export_rdf, jsonld_context, select_graphs
from .run import agreement_kinds, check_filters, export

__all__ = [
    "RDF_FORMATS",
    "NETWORK_FORMATS",
    "FORMATS",
    "export",
    "export_rdf",
    "export_network",
    "check_filters",
    "agreement_kinds",
    "select_graphs",
    "jsonld_context",
    "write_graphml",
    "write_gexf",
    "write_csv",
    "write_neo4j",
    "network_for_export",
]
