"""Sentence and paragraph boundaries for filing prose (rule based; abbreviations of legal forms
kept)."""

from __future__ import annotations

import re

from .legal_forms import spellings, suffix_alternation

# words written with a dot that ends no sentence: legal forms ("Inc.", "N.A."), then titles,
# months and references
_ABBREV = re.compile(
    r"(?:\b(?:"
    + suffix_alternation([f[:-1] for f in spellings() if f.endswith(".")], upper=False)
    + r"|No|Nos|Mr|Mrs|Ms|Dr|Jr|Sr|St|Bros|Intl|Mfg|vs|U\.S|Sec|Secs|Art|Arts|approx|Jan|Feb|Mar"
    r"|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|et al)|\b[A-Z])\.$"
)


def ends_with_abbreviation(text: str) -> bool:
    """Whether ``text`` ends with a word written with a dot that ends no sentence ("Inc.",
    "S.A.", "Co.", "No."). A form's letter ("Regulation S-K.") is no initial."""
    tail = text[-12:]
    return bool(_ABBREV.search(tail)) and not re.search(r"-[A-Z]\.$", tail)


_CANDIDATE = re.compile(
    r"(?<=[.!?;])[\"”’)]?[ \t\xa0\n]+(?=[\"“(]?[A-Z0-9])"
    # a lettered paragraph's mark run into the text after a full stop: "... this Amendment. (e)
    # On May 18" (after ";" such a mark is a list's item: "...; (ii) the Notes")
    r"|(?<=\.)[\"”’)]?[ \t\xa0\n]+(?=\([a-z]{1,4}\)[ \t\xa0]+[A-Z])"
    r"|\n[ \t\xa0]*\n"
    r"|(?<=:)[ \t\xa0]*\n(?=[ \t\xa0]*[A-Z])"
    r"|\n(?=[ \t\xa0]*(?:\(?[a-z0-9ivx]{1,4}\)|[-•·*])[ \t])"
)


_HEADING_BREAK = re.compile(
    # a heading may join two topics with ";" ("Extension of Employment Term; Planned Transition")
    r"(?m)^[ \t\xa0]*[^\n.:,]{2,100}[^\n.;:,\s][ \t\xa0]*\n(?=[ \t\xa0]*[A-Z(])"
)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences of ``text[start:end]`` (whitespace trimmed).

    Sentences end at sentence punctuation, blank lines, list bullets, and after short heading lines
    ("Amendment to Servicing Agreement" on its own line)."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    cursor = start
    for m in _HEADING_BREAK.finditer(text, start, end):
        line = m.group(0)
        if re.search(r"\b(?:and|or|of|the|to|with|by|a|an|in|for)\s*$", line):
            continue
        out += _sentences(text, cursor, m.end() - 1)
        cursor = m.end()
    out += _sentences(text, cursor, end)
    return out


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for m in _CANDIDATE.finditer(text, start, end):
        cut = m.start()
        if text[cut - 1 : cut] == ";" and text.find(":", cursor, cut) >= 0:
            continue  # "the following officers: A, Chief Financial Officer; B, ...": one list
        if text[cut - 1 : cut] == "." and ends_with_abbreviation(text[max(cursor, cut - 12) : cut]):
            # "Inc. (the" or "N.A., as": not a boundary unless a new sentence clearly starts
            following = text[m.end() : m.end() + 12]
            if not re.match(
                r"(?:The|On|In|As|Under|Pursuant|This|Such|Each|We|Our|It|Effective)\b", following
            ) or re.search(r"\b(?:No|Mr|Mrs|Ms|Dr|Nos)\.$", text[max(cursor, cut - 5) : cut]):
                continue
        _add(text, cursor, cut, spans)
        cursor = m.end()
    _add(text, cursor, end, spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for m in re.finditer(r"\n[ \t\xa0]*\n", text[start:end]):
        _add(text, cursor, start + m.start(), spans)
        cursor = start + m.end()
    _add(text, cursor, end, spans)
    return spans
