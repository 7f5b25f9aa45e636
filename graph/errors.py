"""The errors the graph raises: the package's one error family, and the graph's own subclasses.

The family (:class:`PactgraphError` and its kinds) is defined once, in ``pactgraph.nlp.errors``:
extraction sits below the graph in the flow and never imports it, so the graph can share the
family without an import cycle. Graph modules import errors from here and only here; this module
is the graph's single import of ``pactgraph.nlp.errors``, and it adds the three errors only the
graph raises.
"""

from __future__ import annotations

from pactgraph.nlp.errors import (
    ConfigError,
    EmptyFileError,
    FileTooLargeError,
    PactgraphError,
    QueryError,
    ReaderError,
    StoreError,
    UnreadableFileError,
)

__all__ = [
    "ConfigError",
    "EmptyFileError",
    "FetchError",
    "FileTooLargeError",
    "PactgraphError",
    "QueryError",
    "ReaderError",
    "Refused",
    "ResultTooLarge",
    "StoreError",
    "UnreadableFileError",
]


class ResultTooLarge(QueryError):
    """A result over a row or size limit: the query ran, its answer is refused (add a LIMIT)."""


class Refused(PactgraphError):
    """A request the endpoint will not run, with the HTTP status to answer."""

    def __init__(self, reason: str, status: int = 403) -> None:
        super().__init__(reason)
        self.status = status


class FetchError(PactgraphError):
    """A request to EDGAR failed for good, or a selection names something EDGAR does not know."""
