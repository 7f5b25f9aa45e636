"""Which filings to fetch: a company's list from the submissions API, a market's from full-index.

The submissions API (``{data_url}/submissions/CIK##########.json``) lists a company's filings as
columns under ``filings.recent`` (``accessionNumber``, ``filingDate``, ``form``, ``items`` — the
8-K item numbers, comma separated — and more), newest first; older filings are in the pages
named by ``filings.files`` (``{"name": ..., "filingFrom": ..., "filingTo": ...}``), whose
documents hold the same columns at their top level. Only the pages overlapping the date range
are read.

The quarterly ``{archives_url}/edgar/full-index/YYYY/QTRn/master.idx`` lists every filing of a
quarter as ``CIK|Company Name|Form Type|Date Filed|Filename`` below a dashed line. It has no item
numbers: with an item filter, the items of its filings are read from each filer's submissions
(one request per company, cached for the run).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from pactgraph.graph.errors import ConfigError

from .client import EdgarClient, FetchError
from .tickers import normalize_cik

__all__ = [
    "Criteria",
    "FilingRef",
    "company_filings",
    "market_filings",
    "parse_master_index",
    "quarters",
]

DEFAULT_FORMS = frozenset({"8-K", "8-K/A"})


@dataclass(frozen=True, order=True)
class FilingRef:
    """One filing: who filed it, its accession number, form, date and 8-K items."""

    filed: dt.date
    cik: str  # ten digits
    accession: str  # 0000950170-24-001234
    form: str = field(compare=False)
    items: tuple[str, ...] = field(default=(), compare=False)
    company: str = field(default="", compare=False)

    @property
    def archive_path(self) -> str:
        """The complete submission text file, relative to the archives root (EDGAR's layout)."""
        return f"edgar/data/{int(self.cik)}/{self.accession.replace('-', '')}/{self.accession}.txt"


@dataclass(frozen=True)
class Criteria:
    """Forms, an inclusive filing-date range and 8-K items (a filing needs any one of them)."""

    forms: frozenset[str] = DEFAULT_FORMS
    since: dt.date | None = None
    until: dt.date | None = None
    items: frozenset[str] = frozenset()

    def in_range(self, day: dt.date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return (self.since is None or last >= self.since) and (
            self.until is None or first <= self.until
        )

    def matches(self, ref: FilingRef) -> bool:
        return (
            ref.form.upper() in self.forms
            and self.in_range(ref.filed)
            and (not self.items or bool(self.items.intersection(ref.items)))
        )


def parse_day(text: str) -> dt.date:
    """``2024-03-01`` or ``20240301`` as a date."""
    text = text.strip()
    try:
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _split_items(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(v.strip() for v in str(value or "").split(",") if v.strip())


def _rows(columns: dict[str, list], cik: str, company: str) -> list[FilingRef]:
    """The filings of one block of submissions columns."""
    accessions = columns.get("accessionNumber") or []
    n = len(accessions)
    dates = columns.get("filingDate") or [""] * n
    forms = columns.get("form") or [""] * n
    items = columns.get("items") or [""] * n
    refs = []
    for acc, day, form, its in zip(accessions, dates, forms, items):
        try:
            refs.append(FilingRef(parse_day(day), cik, acc, form, _split_items(its), company))
        except ConfigError:
            continue  # a row without a filing date cannot be placed in the range
    return refs


def company_filings(client: EdgarClient, cik: str, criteria: Criteria) -> list[FilingRef]:
    """The filings of company ``cik`` that meet ``criteria``, oldest first."""
    cik = normalize_cik(cik)
    base = client.settings.data_url.rstrip("/")
    doc = client.get_json(f"{base}/submissions/CIK{cik}.json")
    try:
        filings = doc["filings"]
        company = str(doc.get("name", ""))
        refs = _rows(filings["recent"], cik, company)
        pages = filings.get("files") or []
    except (KeyError, TypeError, AttributeError) as exc:
        raise FetchError(
            f"{base}/submissions/CIK{cik}.json: not a submissions document (no {exc})"
        ) from exc
    for page in pages:
        if _page_overlaps(page, criteria):
            refs += _rows(client.get_json(f"{base}/submissions/{page['name']}"), cik, company)
    return sorted({r.accession: r for r in refs if criteria.matches(r)}.values())


def _page_overlaps(page: dict, criteria: Criteria) -> bool:
    """Whether a ``files`` page may hold filings of the range (read it when it does not say)."""
    try:
        return criteria.overlaps(parse_day(page["filingFrom"]), parse_day(page["filingTo"]))
    except (KeyError, TypeError, ConfigError):
        return True


def quarters(since: dt.date, until: dt.date) -> list[tuple[int, int]]:
    """The (year, quarter) pairs from ``since`` to ``until`` inclusive."""
    out = []
    year, q = since.year, (since.month - 1) // 3 + 1
    while (year, q) <= (until.year, (until.month - 1) // 3 + 1):
        out.append((year, q))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def parse_master_index(text: str) -> Iterable[FilingRef]:
    """The filings listed in a ``master.idx`` (rows below the dashed line after the header)."""
    lines = text.splitlines()
    start = next((i + 1 for i, line in enumerate(lines) if line.startswith("-----")), len(lines))
    for line in lines[start:]:
        parts = line.split("|")
        if len(parts) < 5:
            continue
        cik, form, day, filename = parts[0], parts[-3], parts[-2], parts[-1]
        try:
            yield FilingRef(
                parse_day(day),
                normalize_cik(cik),
                filename.rsplit("/", 1)[-1].removesuffix(".txt"),
                form.strip(),
                company="|".join(parts[1:-3]).strip(),
            )
        except ConfigError:
            continue


def market_filings(client: EdgarClient, criteria: Criteria) -> list[FilingRef]:
    """Every filing of the date range that meets ``criteria``, from the quarterly indexes."""
    if criteria.since is None:
        raise ConfigError("a fetch of the whole market needs --since (or name companies)")
    until = criteria.until or dt.date.today()
    base = client.settings.archives_url.rstrip("/")
    wanted = replace(criteria, items=frozenset())
    refs: list[FilingRef] = []
    for year, q in quarters(criteria.since, until):
        text = client.get_text(f"{base}/edgar/full-index/{year}/QTR{q}/master.idx")
        refs += [r for r in parse_master_index(text) if wanted.matches(r)]
    if criteria.items:
        refs = _with_items(client, refs, wanted)
    return sorted({r.accession: r for r in refs if criteria.matches(r)}.values())


def _with_items(client: EdgarClient, refs: list[FilingRef], wanted: Criteria) -> list[FilingRef]:
    """``refs`` with their 8-K items, read from each filer's submissions."""
    items: dict[str, tuple[str, ...]] = {}
    for cik in dict.fromkeys(r.cik for r in refs):
        items.update((f.accession, f.items) for f in company_filings(client, cik, wanted))
    return [replace(r, items=items.get(r.accession, ())) for r in refs]
