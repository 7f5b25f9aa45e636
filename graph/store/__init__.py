"""Where the graph lives: one interface (:class:`Store`) over embedded Oxigraph, memory and SPARQL
servers, one module a backend, opened from a spec string by :func:`open_store`."""

from pactgraph.graph.rdf.terms import SKOLEM_BASE, NTriples, content_sha256, nt_term, to_ntriples

from .base import DUMP_FORMATS, SOURCE_SHA256, STORE_NS, Store
from .registry import (
    DEFAULT_SPEC,
    ENV_VAR,
    default_spec,
    open_for_reading,
    open_store,
)

__all__ = [
    "Store",
    "NTriples",
    "open_store",
    "open_for_reading",
    "default_spec",
    "to_ntriples",
    "nt_term",
    "content_sha256",
    "SOURCE_SHA256",
    "STORE_NS",
    "SKOLEM_BASE",
    "DUMP_FORMATS",
    "DEFAULT_SPEC",
    "ENV_VAR",
]
