"""Exports of a store: its RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) and its
networks (GraphML, GEXF, CSV, Neo4j import files)."""
from .exporters import (
    FORMATS,
    NETWORK_FORMATS,
    RDF_FORMATS,
    agreement_kinds,
    check_filters,
    export,
    export_network,
    export_rdf,
    jsonld_context,
    network_for_export,
    select_graphs,
    write_csv,
    write_gexf,
    write_graphml,
    write_neo4j,
)

__all__ = ["RDF_FORMATS", "NETWORK_FORMATS", "FORMATS", "export", "export_rdf", "export_network",
           "check_filters", "agreement_kinds", "select_graphs", "jsonld_context", "write_graphml",
           "write_gexf", "write_csv", "write_neo4j", "network_for_export"]
