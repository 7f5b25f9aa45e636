"""Opening a store from a spec string: one opener a scheme.

A spec is ``--store`` or the ``PACTGRAPH_STORE`` environment variable: ``oxigraph:PATH``
(default ``oxigraph:./.pactgraph``; a bare path means the same), ``memory:``,
``sparql:QUERY_URL[,UPDATE_URL]`` or an ``http(s)://`` endpoint URL (credentials in the URL,
``http://user:pw@host/sparql-auth``, or in ``PACTGRAPH_SPARQL_USER`` /
``PACTGRAPH_SPARQL_PASSWORD``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from pactgraph.graph.errors import ConfigError, StoreError

from .base import Store
from .memory import MemoryStore
from .oxigraph import OxigraphStore
from .sparql import SparqlStore

__all__ = ["DEFAULT_SPEC", "ENV_VAR", "SCHEMES", "default_spec", "open_for_reading", "open_store"]

ENV_VAR = "PACTGRAPH_STORE"
DEFAULT_SPEC = "oxigraph:./.pactgraph"
_DEFAULT_PATH = "./.pactgraph"


def _sparql(rest: str, spec: str, read_only: bool) -> Store:
    query_url, _, update_url = rest.partition(",")
    return SparqlStore(query_url.strip(), update_url.strip() or None)


#: scheme -> opener(rest of the spec, whole spec, read_only)
SCHEMES: dict[str, Callable[[str, str, bool], Store]] = {
    "oxigraph": lambda rest, spec, ro: OxigraphStore(rest or _DEFAULT_PATH, read_only=ro),
    "memory": lambda rest, spec, ro: MemoryStore(),
    "sparql": _sparql,
    "http": lambda rest, spec, ro: SparqlStore(spec),
    "https": lambda rest, spec, ro: SparqlStore(spec),
}


def default_spec() -> str:
    """The store spec to use when none is given: ``$PACTGRAPH_STORE`` or
    ``oxigraph:./.pactgraph``."""
    return os.environ.get(ENV_VAR, "").strip() or DEFAULT_SPEC


def _split(spec: str) -> tuple[str, str]:
    scheme, sep, rest = spec.partition(":")
    if not sep:  # a bare path is an Oxigraph directory
        return "oxigraph", spec
    return scheme.lower(), rest


def open_store(spec: str | None = None, *, read_only: bool = False) -> Store:
    """Open the store ``spec`` (see the module docstring); ``None`` means :func:`default_spec`.

    ``read_only`` opens an embedded Oxigraph store as a read-only snapshot; while another process
    writes it, the snapshot is the newest view that process published (``store.views``).
    """
    spec = (spec or default_spec()).strip()
    scheme, rest = _split(spec)
    opener = SCHEMES.get(scheme)
    if opener is None:
        raise ConfigError(
            f"unknown store {spec!r}: use oxigraph:PATH, memory: or sparql:QUERY_URL[,UPDATE_URL]"
        )
    return opener(rest, spec, read_only)


def open_for_reading(spec: str | None) -> Store:
    """Open a store to read: an embedded Oxigraph store read-only (several readers at once), and
    a clear error when there is no store at that path yet. While an ingest writes it, the store
    reads the ingest's newest published view (its ``view`` says which)."""
    spec = (spec or default_spec()).strip()
    scheme, rest = _split(spec)
    if scheme != "oxigraph":
        return open_store(spec)
    path = Path(rest or _DEFAULT_PATH)
    if not (path / "CURRENT").exists():
        raise StoreError(
            "no pactgraph store here yet (run `pactgraph ingest` or "
            "`pactgraph load` first, or give --store)",
            path=path,
        )
    return open_store(spec, read_only=True)
