"""Shared fixtures of the graph tests: the gold-facts helper module is importable as
``gold_facts``, and ``gold_store_spec`` is an embedded store of every gold filing's graph."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import gold_facts  # noqa: E402


@pytest.fixture(scope="session")
def gold_store_spec(tmp_path_factory) -> str:
    """An embedded Oxigraph store holding the graphs of every gold filing (open it read-only)."""
    from pactgraph.graph.builder import build_filing_graph
    from pactgraph.graph.store import open_store

    path = tmp_path_factory.mktemp("gold") / "store"
    with open_store(f"oxigraph:{path}") as st:
        for facts in gold_facts.all_gold_facts():
            iri, g = build_filing_graph(facts)
            st.replace_graph(iri, g)
    return f"oxigraph:{path}"
