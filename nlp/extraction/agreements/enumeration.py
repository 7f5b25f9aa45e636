"""The clause of an enumerated sentence a mention stands in.

"approved: (i) employment agreements for each of A, B and C; and (ii) a bonus agreement for D":
each marker opens a clause, and an agreement named in a clause is that clause's. The lead before
the first marker (who acted, when) belongs to every clause.
"""

from __future__ import annotations

import re

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


def masked_to_clause(text: str, s: int, e: int, pos: int) -> str | None:
    """``text`` with the sentence ``text[s:e]`` blanked but for its lead and the clause holding
    offset ``pos`` (same length, so offsets hold); None when the sentence enumerates nothing or
    ``pos`` stands in its lead."""
    sent = text[s:e]
    markers = clause_markers(sent)
    if not markers or pos - s < markers[0]:
        return None
    ends = markers[1:] + [len(sent)]
    start, end = next((a, b) for a, b in zip(markers, ends) if a <= pos - s < b)
    kept = sent[: markers[0]] + " " * (start - markers[0]) + sent[start:end]
    kept += " " * (len(sent) - len(kept))
    return text[:s] + kept + text[e:]
