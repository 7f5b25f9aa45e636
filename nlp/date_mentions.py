"""Date mentions with their spans, for extraction: "December 18, 2007", "Dec. 18, 2007",
"18 December 2007", "12/18/2007", "2007-12-18", and "the date hereof" (= the report date)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<m>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_SP = r"[ \t\xa0\n]"
_PATTERNS = [
    re.compile(_MONTH + _SP + r"*(?P<d>\d{1,2})(?:st|nd|rd|th)?" + _SP + r"*,?" + _SP + r"*(?P<y>(?:19|20)\d{2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?" + _SP + r"+(?:day" + _SP + r"+of" + _SP + r"+)?" + _MONTH
               + r",?" + _SP + r"+(?P<y>(?:19|20)\d{2})\b"),
    re.compile(r"\b(?P<mn>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<mn>\d{2})-(?P<d>\d{2})\b"),
]
_HEREOF = re.compile(r"\b(?:the date hereof|the date of this (?:report|current report))\b", re.I)


@dataclass(frozen=True)
class DateMention:
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
        return date(int(groups["y"]), month, int(groups["d"])).isoformat()
    except (KeyError, ValueError):
        return None


def find_dates(text: str, report_date: str | None = None) -> list[DateMention]:
    """Every date mention in ``text``, in order; invalid calendar dates (February 30) are skipped.

    "the date hereof" resolves to ``report_date`` when one is given.
    """
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
    return [found[k] for k in sorted(found)]
