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

from .legal_forms import legal_forms, spellings
from .unwrap import goes_on

# the small words of a capitalised line that open no name: articles, prepositions, conjunctions
# and the words of a party list ("dated as of", "the lenders party thereto")
_SMALL = frozenset(
    "a an and as at by for from in into of on or the to with among between dated effective "
    "thereto hereto therein thereof party parties favor".split()
)
# a line counts as capitals when this share of its letters is upper case
_UPPER_SHARE = 0.85
_MIN_LETTERS = 12
_CAPITALS_RUN = re.compile(r"[A-Z]{3}")
_WORD = re.compile(r"[A-Za-z][A-Za-z.&'’\-]*")
_ROMAN = re.compile(r"[IVX]+")


@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    """Legal-form spellings by their upper-case form ("LLC": "LLC", "INC.": "Inc.")."""
    out: dict[str, str] = {}
    for spelling in spellings():
        out.setdefault(spelling.upper(), spelling)
    return out


def truecased(text: str, spelled_in: str | None = None) -> str:
    """``text`` with every line written in capitals put in ordinary case (same length); a word
    the ordinary text (``spelled_in``, by default ``text``) writes with capitals inside it
    ("SouthTrust", "BankBoston") keeps that spelling."""
    if not re.search(r"[A-Z]{4}", text):
        return text
    lines = text.split("\n")
    caps = [in_capitals(line) for line in lines]
    if not any(caps):
        return text
    spellings = mixed_case_words(text if spelled_in is None else spelled_in)
    out = []
    for i, line in enumerate(lines):
        if caps[i]:
            # a line that goes on from a capitalised line above ("... 2000" / "BETWEEN ACME ...")
            # opens with a small word in lower case, as inside the line
            continues = i > 0 and caps[i - 1] and goes_on(lines[i - 1])
            line = _line_case(line, spellings, opens=not continues)
        out.append(line)
    return "\n".join(out)


# a word written with a capital inside it ("SouthTrust")
_MIXED = re.compile(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")


@lru_cache(maxsize=8)
def mixed_case_words(text: str) -> dict[str, str]:
    """The words ``text`` writes with a capital inside them, by their upper-case form."""
    return {w.upper(): w for w in _MIXED.findall(text)}


def in_capitals(line: str) -> bool:
    """Whether ``line`` is written in capitals: enough letters, nearly all upper case."""
    if not _CAPITALS_RUN.search(line):
        return False  # a line in capitals has a run of them (the quick test for prose)
    letters = [c for c in line if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return False
    return sum(c.isupper() for c in letters) >= _UPPER_SHARE * len(letters)


def _line_case(line: str, spellings: dict[str, str], opens: bool = True) -> str:
    """``line`` in ordinary case; ``spellings``: words to write as the report does elsewhere."""
    first = _first_word(line) if opens else -1
    return _WORD.sub(
        lambda m: _word_case(m.group(0), m.start() == first, line[m.end() :], spellings), line
    )


def _first_word(line: str) -> int:
    m = _WORD.search(line)
    return m.start() if m else -1


# initials written with dots ("U.S.", "J.P."): capitals in any line
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}[,]?")


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    """Region words written in capitals in names ("Bank Leumi USA", "Barclays Bank UK")."""
    return frozenset(r for r in legal_forms().regions if r.isupper())


def _kept_capitals(word: str) -> bool:
    return bool(_INITIALS.fullmatch(word)) or word.rstrip(".,") in _acronyms()


def _word_case(word: str, first: bool, after: str, spellings: dict[str, str]) -> str:
    """One word of a capitalised line in ordinary case, of the same length. A small word that
    is also a legal form ("AS") is the form only where it ends a name (no word follows)."""
    small = word.lower() in _SMALL and not first
    if small and re.match(r"\s*[A-Za-z]", after):
        return _same_length_lower(word)
    form = _forms().get(word.upper()) or _forms().get(word.upper().rstrip(".,"))
    if form and len(form) <= len(word):
        return form + word[len(form) :]
    if _ROMAN.fullmatch(word) or len(word) <= 1 or _kept_capitals(word):
        return word
    spelled = spellings.get(word.upper())
    if spelled is not None:
        return spelled
    if small:
        return _same_length_lower(word)
    return word[0] + _same_length_lower(word[1:])


def _same_length_lower(part: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in part)
