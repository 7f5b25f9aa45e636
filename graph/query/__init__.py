"""Queries: saved queries (``graph/queries/*.rq``) and running SPARQL on any store.

The result model, its formats and the SPARQL lexer live one layer down, in
:mod:`pactgraph.graph.rdf`; they are handed on here, as the names a query's caller uses.
"""

from pactgraph.graph.errors import ResultTooLarge
from pactgraph.graph.rdf.formats import GRAPH_FORMATS, RESULT_FORMATS, default_prefixes
from pactgraph.graph.rdf.formats import serialize_triples
from pactgraph.graph.rdf.lexing import query_form, strip_comments_and_strings
from pactgraph.graph.rdf.results import QueryResult

from .run import run_query, run_saved
from .saved import Param, SavedQuery, bind_params, load_query, saved_queries, saved_query

__all__ = [
    "QueryResult",
    "SavedQuery",
    "Param",
    "run_query",
    "run_saved",
    "load_query",
    "bind_params",
    "saved_queries",
    "saved_query",
    "query_form",
    "strip_comments_and_strings",
    "RESULT_FORMATS",
    "GRAPH_FORMATS",
    "serialize_triples",
    "default_prefixes",
    "ResultTooLarge",
]
