"""Dates as filings write them, to ISO ``YYYY-MM-DD``: the one date parser of pactgraph.

Written forms: "December 18, 2007", "Dec. 18, 2007", "DECEMBER 18, 2007", "18 December 2007",
"the 18th day of December, 2007", "12/18/2007", "12/18/07", "2007-12-18", and compact
"20071218" where a whole header value is one date (:func:`parse_date`). Invalid calendar dates
(February 30) are no dates. The reader reads cover pages, headers and signatures with it;
extraction reads dates in the item text with it, where "the date hereof" means the report date.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<m>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|Jun(?:e|\.)?|"
    r"Jul(?:y|\.)?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
    r"Dec(?:ember|\.)?)"
)
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})\b"
# in the order they win when two start at the same character
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s*{_DAY}\s*,?\s*{_YEAR}", re.I),
    re.compile(rf"\b{_DAY}\s+(?:(?:day\s+)?of\s+)?{_MONTH},?\s+{_YEAR}", re.I),
    re.compile(r"\b(?P<mn>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)?\d{2})\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<mn>\d{2})-(?P<d>\d{2})\b"),
)
# any written date as a regex fragment without groups, for patterns that step over a date
# (", dated as of Jul. 27, 2005,"): the same forms find_dates reads
WRITTEN_DATE = "|".join("(?i:" + re.sub(r"\(\?P<\w+>", "(?:", p.pattern) + ")" for p in _PATTERNS)
_COMPACT = re.compile(r"(?:19|20)\d{6}")
_HEREOF = re.compile(r"\b(?:the date hereof|the date of this (?:report|current report))\b", re.I)


class DateMention(NamedTuple):
    """A date written in a text: ``text[start:end]`` means the day ``iso``."""

    start: int
    end: int
    iso: str


def _iso(match: re.Match) -> str | None:
    groups = match.groupdict()
    try:
        if groups.get("m"):
            month = _MONTHS[groups["m"].rstrip(".").lower()[:3]]
        else:
            month = int(groups["mn"])
        year = int(groups["y"])
        if year < 100:  # "12/18/07": years 00-49 are 2000-2049, 50-99 are 1950-1999
            year += 2000 if year < 50 else 1900
        return date(year, month, int(groups["d"])).isoformat()
    except (KeyError, ValueError):
        return None


def find_dates(text: str, report_date: str | None = None) -> list[DateMention]:
    """Every date written in ``text``, in text order; of two overlapping candidates the one
    starting first wins (at the same start, the earlier pattern). "the date hereof" means
    ``report_date`` when one is given."""
    candidates = []
    for rank, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            iso = _iso(m)
            if iso:
                candidates.append((m.start(), rank, m.end(), iso))
    found: dict[int, DateMention] = {}
    last_end = -1
    for start, _, end, iso in sorted(candidates):
        if start < last_end or start in found:
            continue
        found[start] = DateMention(start, end, iso)
        last_end = end
    if report_date:
        for m in _HEREOF.finditer(text):
            found[m.start()] = DateMention(m.start(), m.end(), report_date)
        _add_dates_without_year(text, report_date, found)
    return [found[k] for k in sorted(found)]


# "effective January 9": a month and day with no year after them (title-case month only, so
# the verb "may" is none)
_NO_YEAR = re.compile(
    r"\b(?P<m>January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)"
)


def _add_dates_without_year(text: str, report_date: str, found: dict[int, DateMention]) -> None:
    """Month-day dates with no year, in the year of the report they are nearest to (a report of
    January 5 that tells of "December 28" means the December before it)."""
    taken = [(d.start, d.end) for d in found.values()]
    report = date.fromisoformat(report_date)
    for m in _NO_YEAR.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        month, day_of_month = _MONTHS[m.group("m")[:3].lower()], int(m.group("d"))
        for year in (report.year, report.year - 1, report.year + 1):
            try:
                day = date(year, month, day_of_month)
            except ValueError:
                continue  # February 29 of a year that has none
            if abs((day - report).days) <= 183:
                found[m.start()] = DateMention(m.start(), m.end(), day.isoformat())
                break


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` (a whole value may also be compact ``YYYYMMDD``), or None."""
    if not text:
        return None
    value = text.strip()
    if _COMPACT.fullmatch(value):
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:8])).isoformat()
        except ValueError:
            return None
    found = find_dates(value)
    return found[0].iso if found else None
