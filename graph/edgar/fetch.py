"""One fetch: check the User-Agent, select the filings, download those not on disk yet.

Companies named by ticker or CIK are listed from the submissions API; with no company named,
the whole market's filings of the date range are listed from the quarterly full-index.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable, Iterable

from pactgraph.graph.errors import ConfigError

from .client import EdgarClient
from .download import FetchProgress, FetchReport, download_filings
from .index import (
    DEFAULT_FORMS,
    Criteria,
    FilingRef,
    company_filings,
    market_filings,
    parse_day,
)
from .settings import FetchSettings, load_settings, require_user_agent
from .tickers import read_selectors, resolve_companies

__all__ = ["fetch_filings", "make_criteria", "select_filings"]

_ITEM = re.compile(r"^\d{1,2}(\.\d{2})?$")


def make_criteria(
    forms: Iterable[str] = DEFAULT_FORMS,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    items: Iterable[str] = (),
) -> Criteria:
    """Criteria from user input (dates as ``YYYY-MM-DD``, items as ``1.01``)."""

    def day(value: str | dt.date | None) -> dt.date | None:
        return value if isinstance(value, dt.date) or value is None else parse_day(value)

    wanted_items = frozenset(i.strip() for i in items if i.strip())
    bad = sorted(i for i in wanted_items if not _ITEM.match(i))
    if bad:
        raise ConfigError(f"not an 8-K item number (like 1.01): {', '.join(bad)}")
    criteria = Criteria(
        frozenset(f.strip().upper() for f in forms if f.strip()),
        day(since),
        day(until),
        wanted_items,
    )
    if not criteria.forms:
        raise ConfigError("no form to fetch")
    if criteria.since and criteria.until and criteria.since > criteria.until:
        raise ConfigError(f"--since {criteria.since} is after --until {criteria.until}")
    return criteria


def select_filings(
    client: EdgarClient, tickers: Iterable[str], ciks: Iterable[str], criteria: Criteria
) -> list[FilingRef]:
    """The filings of the named companies (or of the whole market) that meet ``criteria``."""
    companies = resolve_companies(client, tickers, ciks)
    if not companies:
        return market_filings(client, criteria)
    refs: list[FilingRef] = []
    for cik in companies:
        refs += company_filings(client, cik, criteria)
    return sorted(refs)


def fetch_filings(
    out_dir: str | os.PathLike,
    *,
    tickers: Iterable[str] = (),
    ciks: Iterable[str] = (),
    companies_file: str | os.PathLike | None = None,
    forms: Iterable[str] = DEFAULT_FORMS,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    items: Iterable[str] = (),
    settings: FetchSettings | None = None,
    on_selected: Callable[[list[FilingRef]], None] | None = None,
    on_progress: Callable[[FetchProgress], None] | None = None,
) -> FetchReport:
    """Download the selected filings' complete submission text files below ``out_dir``.

    ``companies_file`` lists more tickers and CIKs. With no company at all, every filing of the
    date range is selected (``since`` is then required). ``settings`` default to
    :func:`~.settings.load_settings` (config file and environment); without a declared
    User-Agent nothing is requested and a :class:`ConfigError` says why.
    """
    settings = settings or load_settings()
    require_user_agent(settings)
    tickers, ciks = list(tickers), list(ciks)
    if companies_file is not None:
        more_tickers, more_ciks = read_selectors(companies_file)
        tickers, ciks = tickers + more_tickers, ciks + more_ciks
    criteria = make_criteria(forms, since, until, items)
    started = time.monotonic()
    with EdgarClient(settings) as client:
        refs = select_filings(client, tickers, ciks, criteria)
        if on_selected:
            on_selected(refs)
        report = download_filings(client, refs, out_dir, FetchReport(), on_progress)
        report.requests = client.stats.requests
        report.retries = client.stats.retries
        report.bytes = client.stats.bytes
    report.seconds = time.monotonic() - started
    return report
