"""Acronyms a report uses for a name it wrote out: "AWAC" for "Alcoa World Alumina and
Chemicals", where the defined term that tied them was lost or never given."""

from __future__ import annotations

import re
from functools import lru_cache

# an acronym: three to six capitals, the whole word
_ACRONYM = re.compile(r"[A-Z]{3,6}")
# words a name may hold that its acronym leaves out
_SKIPPED = r"(?:(?:and|of|the|for|&)[ \t\xa0]+)?"


@lru_cache(maxsize=4096)
def _spelling(acronym: str) -> re.Pattern:
    words = [rf"{letter}[a-z][\w'’\-]*" for letter in acronym]
    return re.compile(r"\b" + rf"[ \t\xa0]+{_SKIPPED}".join(words) + r"\b")


def spelled_out(name: str, text: str) -> str | None:
    """The one capitalised phrase of ``text`` whose words' initials spell the acronym ``name``
    (connectors such as "and" and "of" left out), or None."""
    if not _ACRONYM.fullmatch(name):
        return None
    found = {re.sub(r"\s+", " ", m.group()) for m in _spelling(name).finditer(text)}
    return found.pop() if len(found) == 1 else None
