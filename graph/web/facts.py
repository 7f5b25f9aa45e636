"""What every page shows of a fact: its evidence (the quoted words, marked); name order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from .highlight import marked, word_patterns


class Dated:
    """A fact shown at its own date, or at its filing's date when it states none (a mixin for
    the page dataclasses that have ``date`` and ``filing_date`` fields)."""

    date: str | None
    filing_date: str | None

    @property
    def when(self) -> str | None:
        return self.date or self.filing_date


@dataclass
class Evidence:
    """A fact's evidence: the exact words it was read from, where they are in the filing,
    and (once marked) the words as HTML with the extracted words highlighted."""

    fact: str
    quote: str | None
    start: int | None
    end: int | None
    html: Markup | None = None

    @classmethod
    def of_row(cls, row: Mapping[str, str | None]) -> "Evidence | None":
        quote, start, end = row.get("quote"), row.get("start"), row.get("end")
        if quote is None and start is None:
            return None
        return cls(fact=row["fact"], quote=quote, start=_int(start), end=_int(end))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def evidence_of(
    ev: Evidence, names: Iterable[str] = (), dates: Iterable[str] = (), percents: Iterable[str] = ()
) -> Evidence:
    """``ev`` with its quote marked: the names, dates and percents the fact states."""
    if ev.quote:
        ev.html = marked(ev.quote, word_patterns(names, dates, percents))
    return ev


def preferred_names(counts: Mapping[str, int]) -> list[str]:
    """Names of an entity, preferred first: the one most filings write, then mixed case over
    all capitals (cover pages shout), then the longer."""
    return sorted(counts, key=lambda n: (-counts[n], n.isupper(), -len(n), n))
