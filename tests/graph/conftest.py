"""Shared fixtures of the graph tests: the gold-facts helper module is importable as
``gold_facts``, and ``gold_store_spec`` is an embedded store of every gold filing's graph.

Every test that runs against the Virtuoso server carries the ``virtuoso`` marker, including the
Virtuoso case of a parametrized backend fixture (``backend``, ``store``: parameter value
``"virtuoso"``, which reaches the server through ``request.getfixturevalue``), so
``-m "not virtuoso"`` deselects exactly those."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import gold_facts  # noqa: E402


def _runs_on_virtuoso(item) -> bool:
    callspec = getattr(item, "callspec", None)
    params = callspec.params.values() if callspec is not None else ()
    return "virtuoso" in getattr(item, "fixturenames", ()) or "virtuoso" in params


def pytest_collection_modifyitems(config, items) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here) and _runs_on_virtuoso(item):
            item.add_marker(pytest.mark.virtuoso)


@pytest.fixture(scope="session")
def gold_store_spec(tmp_path_factory) -> str:
    """An embedded Oxigraph store holding the graphs of every gold filing (open it read-only)."""
    from pactgraph.graph.build.builder import build_filing_graph
    from pactgraph.graph.store import open_store

    path = tmp_path_factory.mktemp("gold") / "store"
    with open_store(f"oxigraph:{path}") as st:
        for facts in gold_facts.all_gold_facts():
            iri, g = build_filing_graph(facts)
            st.replace_graph(iri, g)
    return f"oxigraph:{path}"
