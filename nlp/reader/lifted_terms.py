"""Defined terms that research-dataset renderings lift out of their sentences.

Those renderings drop the bold and underlined runs of a paragraph (a defined term in its quotes,
"provided, however") and print them, in order, each on a line of its own after the paragraph::

    ... with Norsk Hydro Produksjon AS (""), a roughly 23% shareholder of Ascent.
    Hydro

:func:`restore_lifted_terms` puts each term back between its empty quotes and drops the lines it
was printed on, when the lines after a paragraph hold a capitalised term for each pair of empty
quotes (lower-case runs, "provided", "however", are the other dropped words: left out; a heading
may follow the terms). The segment map keeps pointing at the file's words: a restored term's
characters at its own line.
"""

from __future__ import annotations

import re

# an empty pair of quotes, straight or typographic
_EMPTY_QUOTES = re.compile(r"\"\"|“”")
# a lifted run: a short line without a sentence's end
_LIFTED = re.compile(r"[^.:;!?]{1,60}")
_MAX_WORDS = 8

Segment = tuple[int, int, int]  # (text offset, source offset, length)


def restore_lifted_terms(text: str, segments: list[Segment]) -> tuple[str, list[Segment]]:
    """``text`` (one segment per line, as :func:`.textnorm.normalise_lines` builds it) with the
    lifted terms put back, and its segment map."""
    if not _EMPTY_QUOTES.search(text) or not segments:
        return text, segments
    lines = [(t, s, text[t : t + n]) for t, s, n in segments]
    out: list[str] = []
    out_segments: list[Segment] = []
    pos = 0
    k = 0
    while k < len(lines):
        t, s, line = lines[k]
        gap = text[lines[k - 1][0] + len(lines[k - 1][2]) : t] if k else ""
        terms, used = _terms_after(text, lines, k)
        out.append(gap)
        pos += len(gap)
        pieces = _filled(line, s, terms) if used else [(line, s)]
        for piece, src in pieces:
            out_segments.append((pos, src, len(piece)))
            out.append(piece)
            pos += len(piece)
        k += 1 + used
    return "".join(out), _merged(out_segments)


def _terms_after(text: str, lines: list[tuple[int, int, str]], k: int):
    """The terms (text, source offset) the lines after line ``k`` lift out of it, and how many
    lines they take; ([], 0) when they do not match its empty quotes one to one."""
    wanted = len(_EMPTY_QUOTES.findall(lines[k][2]))
    if not wanted:
        return [], 0
    terms = []
    taken = 0
    for t, s, line in lines[k + 1 :]:
        if text[t - 2 : t] == "\n\n" or not _is_lifted(line):
            break  # a paragraph break, or a sentence: the runs have ended
        capitalised = line[0].isupper() or line[0].isdigit()
        if capitalised and len(terms) == wanted:
            break  # every term found: a heading may follow
        taken += 1
        if capitalised:
            terms.append((line, s))
    if len(terms) != wanted:
        return [], 0
    return terms, taken


def _is_lifted(line: str) -> bool:
    return bool(_LIFTED.fullmatch(line)) and len(line.split()) <= _MAX_WORDS


def _filled(line: str, source: int, terms: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The line's pieces with the terms put between its empty quotes, each with its source."""
    pieces = []
    at = 0
    for m, (term, term_source) in zip(_EMPTY_QUOTES.finditer(line), terms):
        cut = m.start() + 1  # after the opening quote
        pieces += [(line[at:cut], source + at), (term, term_source)]
        at = cut
    pieces.append((line[at:], source + at))
    return [(piece, src) for piece, src in pieces if piece]


def _merged(segments: list[Segment]) -> list[Segment]:
    """Adjacent segments of one run of the source as one."""
    out: list[Segment] = []
    for t, s, n in segments:
        if out and out[-1][0] + out[-1][2] == t and out[-1][1] + out[-1][2] == s:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + n)
        else:
            out.append((t, s, n))
    return out
