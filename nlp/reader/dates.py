"""Dates as filings write them ("December 18, 2007", "Dec. 18, 2007", "18 December 2007",
"12/18/2007", "2007-12-18", "20071218") to ISO ``YYYY-MM-DD``. Invalid dates give None."""
from __future__ import annotations

import datetime as _dt
import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
DATE_RE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<mo3>\d{1,2})/(?P<d3>\d{1,2})/(?P<y3>(?:19|20)?\d\d)\b"
    r"|\b(?P<y4>(?:19|20)\d\d)-(?P<mo4>\d\d)-(?P<d4>\d\d)\b",
    re.I,
)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def match_to_iso(m: re.Match) -> str | None:
    g = m.groupdict()
    if g["m1"]:
        return _iso(int(g["y1"]), MONTHS[g["m1"].lower().rstrip(".")], int(g["d1"]))
    if g["m2"]:
        return _iso(int(g["y2"]), MONTHS[g["m2"].lower().rstrip(".")], int(g["d2"]))
    if g["mo3"]:
        y = int(g["y3"])
        y = y + 2000 if y < 50 else (y + 1900 if y < 100 else y)
        return _iso(y, int(g["mo3"]), int(g["d3"]))
    return _iso(int(g["y4"]), int(g["mo4"]), int(g["d4"]))


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """All valid dates in ``text`` as ``(start, end, iso)``."""
    out = []
    for m in DATE_RE.finditer(text):
        iso = match_to_iso(m)
        if iso:
            out.append((m.start(), m.end(), iso))
    return out


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` (also compact ``YYYYMMDD``), ISO, or None."""
    if not text:
        return None
    t = text.strip()
    if re.fullmatch(r"(?:19|20)\d{6}", t):
        return _iso(int(t[:4]), int(t[4:6]), int(t[6:8]))
    found = find_dates(t)
    return found[0][2] if found else None
