"""Evidence text as HTML: the extracted words of a fact marked in its sentence, and a filing's
text with every fact's span marked.

Filing text is untrusted: every piece of it goes through :func:`markupsafe.escape`; the only
markup added is ``<mark>`` / ``<span>`` elements whose attributes come from this module.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date

from markupsafe import Markup, escape


@dataclass
class Span:
    """One fact's evidence span in a filing's text: offsets, and its extracted words (offsets
    into the same text)."""

    anchor: str  # the element id the span's first piece gets, e.g. "fact-3"
    start: int
    end: int
    words: list[tuple[int, int]] = field(default_factory=list)


def _name_pattern(name: str) -> str | None:
    words = name.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return head + body + tail


def _date_pattern(iso: str) -> str | None:
    try:
        d = Date.fromisoformat(iso)
    except ValueError:
        return None
    month = calendar.month_name[d.month]
    abbr = re.escape(month[:3]) + r"\.?"
    day, year = d.day, d.year
    return (
        rf"(?:{month}|{abbr})\s+{day}(?:st|nd|rd|th)?,?\s+{year}"
        rf"|{day}\s+(?:{month}|{abbr}),?\s+{year}"
        rf"|(?<!\d)0?{d.month}/0?{day}/(?:{year}|{year % 100:02d})(?!\d)"
    )


def _percent_pattern(value: str) -> str | None:
    m = re.fullmatch(r"(\d+)(?:\.(\d*?))?0*", value.strip())
    if not m:
        return None
    whole, frac = m.group(1), m.group(2) or ""
    number = re.escape(whole) + (rf"\.{frac}0*" if frac else r"(?:\.0+)?")
    return rf"(?<![\d.]){number}\s*(?:%|percent\b|per\s+cent\b)"


def word_patterns(
    names: Iterable[str] = (), dates: Iterable[str] = (), percents: Iterable[str] = ()
) -> re.Pattern | None:
    """One case-insensitive pattern for the extracted words of a fact: names and titles as
    written (any whitespace between their words), dates (``2007-12-18`` finds "December 18,
    2007", "Dec. 18, 2007", "12/18/2007") and percents (``23`` finds "23%", "23.0 percent")."""
    parts = [_name_pattern(n) for n in names if n and n.strip()]
    parts += [_date_pattern(d) for d in dates if d]
    parts += [_percent_pattern(p) for p in percents if p]
    parts = sorted({p for p in parts if p}, key=len, reverse=True)  # longest alternative first
    return re.compile("|".join(parts), re.I) if parts else None


def find_words(text: str, pattern: re.Pattern | None, offset: int = 0) -> list[tuple[int, int]]:
    """Where ``pattern`` matches ``text``, as (start, end) pairs shifted by ``offset``."""
    if pattern is None:
        return []
    return [
        (m.start() + offset, m.end() + offset)
        for m in pattern.finditer(text)
        if m.end() > m.start()
    ]


def marked(text: str, pattern: re.Pattern | None) -> Markup:
    """``text`` escaped, with each match of ``pattern`` in ``<mark class="word">``."""
    out, last = [], 0
    for start, end in find_words(text, pattern):
        out.append(escape(text[last:start]))
        out.append(Markup('<mark class="word">') + escape(text[start:end]) + Markup("</mark>"))
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def annotated(text: str, spans: Sequence[Span]) -> Markup:
    """A filing's ``text`` escaped, every span in ``<mark class="span">`` (its facts' anchors
    in ``data-facts``; overlapping spans split into pieces) and extracted words inside them in
    ``<span class="word">``. The first piece of each span carries its anchor as ``id`` (spans
    that start together: the others' anchors in empty elements just before it)."""
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((s.start, s.end))
        for w in s.words:
            cuts.update(w)
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    anchored: set[str] = set()
    out = []
    for a, b in zip(bounds, bounds[1:]):
        piece = escape(text[a:b])
        covering = [s for s in spans if s.start <= a and b <= s.end]
        if not covering:
            out.append(piece)
            continue
        if any(ws <= a and b <= we for s in covering for ws, we in s.words):
            piece = Markup('<span class="word">') + piece + Markup("</span>")
        new = [s.anchor for s in covering if s.anchor not in anchored]
        anchored.update(new)
        for extra in new[1:]:  # spans starting at the same place: one anchor each
            out.append(Markup('<span class="anchor" id="{}"></span>').format(extra))
        ident = Markup(' id="{}"').format(new[0]) if new else Markup("")
        facts = " ".join(s.anchor for s in covering)
        out.append(
            Markup('<mark class="span"{} data-facts="{}">').format(ident, facts)
            + piece
            + Markup("</mark>")
        )
    return Markup("").join(out)
