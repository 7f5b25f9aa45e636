"""The clause of an enumerated sentence a mention stands in.

"approved: (i) employment agreements for each of A, B and C; and (ii) a bonus agreement for D":
each marker opens a clause, and an agreement named in a clause is that clause's. The lead before
the first marker (who acted, when) belongs to every clause. A sentence that introduces two
agreements or more each with its own counterparty ("entered into an Agreement and Plan of Merger
with X and a Voting Agreement with Y") is enumerated by its articles the same way.
"""

from __future__ import annotations

import re

from .counterparty import counterparty_at

# "(i)", "(ii)", "(a)", "(1)": a clause marker
MARKER = re.compile(r"\((?:i{1,3}|iv|v|vi{1,3}|ix|x|[a-h]|[1-9])\)\s")
_FIRST = ("(i)", "(a)", "(1)")


def clause_markers(sent: str) -> list[int]:
    """Offsets in ``sent`` of the markers of one enumeration opened by "(i)", "(a)" or "(1)"."""
    found = [m.start() for m in MARKER.finditer(sent)]
    for i, pos in enumerate(found):
        if sent.startswith(_FIRST, pos):
            return found[i:] if len(found) - i >= 2 else []
    return []


# the article that introduces an agreement: "an Employment Agreement", "a Voting Agreement"
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|another)[ \t\xa0]+$")


# where a coordinated clause opens: "..., and each of the Sellers entered into a ..."
_AND = re.compile(r",?[ \t\xa0]+and[ \t\xa0]+|;[ \t\xa0]+")


def introduced_markers(sent: str, spans: list[tuple[int, int]]) -> list[int]:
    """Offsets in ``sent`` where the clauses open that introduce agreements (``spans`` of their
    titles) each with its own counterparty: at the article of the first, at the "and" before
    each later one ("..., and each of the Sellers entered into a Non-Competition Agreement with
    HFS"); none unless there are two or more."""
    found: list[int] = []
    last_end = 0
    for start, end in spans:
        article = _ARTICLE_BEFORE.search(sent[max(0, start - 10) : start])
        if article and counterparty_at(sent, end, len(sent)) is not None:
            at = max(0, start - 10) + article.start()
            ands = list(_AND.finditer(sent, last_end, at)) if found else []
            found.append(ands[-1].start() if ands else at)
        last_end = end
    return found if len(found) >= 2 else []


def masked_to_clause(
    text: str, s: int, e: int, pos: int, spans: list[tuple[int, int]] = ()
) -> str | None:
    """``text`` with the sentence ``text[s:e]`` blanked but for its lead and the clause holding
    offset ``pos`` (same length, so offsets hold); None when the sentence enumerates nothing or
    ``pos`` stands in its lead. ``spans``: the sentence's agreement titles (offsets in the
    text), for a sentence enumerated by its articles."""
    sent = text[s:e]
    markers = clause_markers(sent) or introduced_markers(sent, [(a - s, b - s) for a, b in spans])
    if not markers or pos - s < markers[0]:
        return None
    ends = markers[1:] + [len(sent)]
    start, end = next((a, b) for a, b in zip(markers, ends) if a <= pos - s < b)
    kept = sent[: markers[0]] + " " * (start - markers[0]) + sent[start:end]
    kept += " " * (len(sent) - len(kept))
    return text[:s] + kept + text[e:]
