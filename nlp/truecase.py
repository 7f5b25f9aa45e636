"""Lines written in capitals read in ordinary case: "AGREEMENT AND PLAN OF MERGER DATED AS OF
JULY 1, 1996, AMONG ACME CORP. AND BETA INC." reads "Agreement and Plan of Merger dated as of
July 1, 1996, among Acme Corp. and Beta Inc.", so that the name finders, which take capitalised
words for names, do not read "DATED AS" or "AMONG ACME CORP." as one.

Exhibit indexes, headings and whole reports of the 1990s are often written in capitals. The
text keeps its length (each word keeps its letters, only their case changes), so every offset
into it still points at the same words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .legal_forms import spellings

# the small words of a capitalised line that open no name: articles, prepositions, conjunctions
# and the words of a party list ("dated as of", "the lenders party thereto")
_SMALL = frozenset(
    "a an and as at by for from in into of on or the to with among between dated effective "
    "thereto hereto therein thereof party parties favor".split()
)
# a line counts as capitals when this share of its letters is upper case
_UPPER_SHARE = 0.85
_MIN_LETTERS = 12
_WORD = re.compile(r"[A-Za-z][A-Za-z.&'’\-]*")
_ROMAN = re.compile(r"[IVX]+")


@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    """Legal-form spellings by their upper-case form ("LLC": "LLC", "INC.": "Inc.")."""
    out: dict[str, str] = {}
    for spelling in spellings():
        out.setdefault(spelling.upper(), spelling)
    return out


def truecased(text: str) -> str:
    """``text`` with every line written in capitals put in ordinary case (same length)."""
    if not re.search(r"[A-Z]{4}", text):
        return text
    lines = text.split("\n")
    return "\n".join(_line_case(line) if in_capitals(line) else line for line in lines)


def in_capitals(line: str) -> bool:
    """Whether ``line`` is written in capitals: enough letters, nearly all upper case."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return False
    return sum(c.isupper() for c in letters) >= _UPPER_SHARE * len(letters)


def _line_case(line: str) -> str:
    first = _first_word(line)
    return _WORD.sub(lambda m: _word_case(m.group(0), m.start() == first, line[m.end() :]), line)


def _first_word(line: str) -> int:
    m = _WORD.search(line)
    return m.start() if m else -1


def _word_case(word: str, first: bool, after: str) -> str:
    """One word of a capitalised line in ordinary case, of the same length. A small word that
    is also a legal form ("AS") is the form only where it ends a name (no word follows)."""
    small = word.lower() in _SMALL and not first
    if small and re.match(r"\s*[A-Za-z]", after):
        return _same_length_lower(word)
    form = _forms().get(word.upper()) or _forms().get(word.upper().rstrip(".,"))
    if form and len(form) <= len(word):
        return form + word[len(form) :]
    if _ROMAN.fullmatch(word) or len(word) <= 1:
        return word
    if small:
        return _same_length_lower(word)
    return word[0] + _same_length_lower(word[1:])


def _same_length_lower(part: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in part)
