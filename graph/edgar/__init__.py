"""Fetch 8-K filings from EDGAR (or a mirror), politely, cached and resumable.

    from pactgraph.graph.edgar import fetch_filings, load_settings

    settings = load_settings(user_agent="Jane Doe jane.doe@example.com")
    report = fetch_filings("filings", tickers=["ADBE"], items=["1.01"], since="2023-01-01",
                           settings=settings)
    # then: ingest_paths(report.paths, store)

Modules, one job each: :mod:`.settings` (User-Agent, base URLs, limits), :mod:`.ratelimit`,
:mod:`.client` (HTTP with retries), :mod:`.tickers` (ticker/CIK lookup), :mod:`.index` (which
filings: submissions API and full-index), :mod:`.download` (the folder cache), :mod:`.fetch`
(one run from selection to files).
"""

from __future__ import annotations

from .client import EdgarClient, FetchError
from .download import FetchProgress, FetchReport, local_path
from .fetch import fetch_filings, make_criteria, select_filings
from .index import Criteria, FilingRef
from .settings import FetchSettings, load_settings, require_user_agent

__all__ = [
    "Criteria",
    "EdgarClient",
    "FetchError",
    "FetchProgress",
    "FetchReport",
    "FetchSettings",
    "FilingRef",
    "fetch_filings",
    "load_settings",
    "local_path",
    "make_criteria",
    "require_user_agent",
    "select_filings",
]
