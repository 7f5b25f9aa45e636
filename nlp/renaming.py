"""Labelled filings with their companies and people renamed: the same report of another registrant.

An extractor meant for registrants it has never seen must not lean on the names of the ones it
was built on. This rewrite replaces every distinctive name word of the labelled facts (a word of a
company or person name that the gold files of at most two registrants use, that is no legal form
and that the filings never write in lower case) by an invented word, the same one everywhere: in
the filing's text (HTML markup left alone) and in its gold facts. :mod:`robustness` scores the
renamed filings against the renamed gold beside the filings as written.

Words shared by many registrants ("National", "Capital", "Bank") and words that are also common
words ("Time", "General") stay: they are how a name is told from prose, not whose name it is.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from collections import defaultdict
from collections.abc import Iterable

from .legal_forms import rows as legal_form_rows
from .perturbations import text_only

# a name word worth renaming: capitalised, three letters or more
_NAME_WORD = re.compile(r"\b[A-Z][a-z]{2,}\b")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
# gold name words of more registrants than this are generic ("Bank", "Partners")
MAX_REGISTRANTS = 2
# calendar words are read as dates wherever they stand, so a name holding one keeps it
_CALENDAR = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
_SYLLABLES = "ba ke lo mi ru ta ve zo ni fe go da si pu ra le mo ti vu ko".split()


def _name_fields(gold: dict) -> Iterable[str]:
    """Every company and person name of one gold file."""
    yield ((gold.get("filing") or {}).get("registrant") or {}).get("name") or ""
    for agreement in gold.get("agreements", []):
        yield from agreement.get("parties", [])
    for stake in gold.get("stakes", []):
        yield from (stake.get("holder") or "", stake.get("target") or "")
    for person in gold.get("people", []):
        yield from (person.get("name") or "", person.get("organization") or "")


def _legal_form_words() -> frozenset[str]:
    return frozenset(
        word.capitalize()
        for row in legal_form_rows()
        for word in re.findall(r"[A-Za-z]+", row["pattern"])
    )


def distinctive_words(golds: list[tuple[str, dict]], texts: Iterable[str]) -> frozenset[str]:
    """The name words to rename, from ``(registrant group, gold facts)`` pairs and the filings'
    texts (which tell which words are also written as common words)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for group, gold in golds:
        for name in _name_fields(gold):
            for word in _NAME_WORD.findall(name):
                groups[word].add(group)
    lower = {w for text in texts for w in _LOWER_WORD.findall(text)}
    kept = _legal_form_words() | _CALENDAR
    return frozenset(
        word
        for word, users in groups.items()
        if len(users) <= MAX_REGISTRANTS and word not in kept and word.lower() not in lower
    )


def pseudo_word(word: str) -> str:
    """An invented word for ``word``, always the same one, of about its length, capitalised."""
    digest = hashlib.sha256(word.encode("utf-8")).digest()
    syllables = "".join(
        _SYLLABLES[b % len(_SYLLABLES)] for b in digest[: max(2, (len(word) + 1) // 2)]
    )
    return syllables[: max(3, len(word))].capitalize()


@lru_cache(maxsize=4)  # one alternation of a few hundred words, built once per word set
def _renamer(words: frozenset[str]):
    """A function renaming ``words`` (capitalised or in capitals) in a piece of text."""
    if not words:
        return lambda text: text
    alternation = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternation})\b", re.I)

    def rename(m: re.Match) -> str:
        found = m.group(0)
        key = found.capitalize()
        if found == key:
            return pseudo_word(key)
        return pseudo_word(key).upper() if found.isupper() else found

    return lambda text: pattern.sub(rename, text)


def renamed_text(text: str, words: frozenset[str]) -> str:
    """A filing's raw text with ``words`` renamed (HTML markup left alone)."""
    return text_only(_renamer(words), text)


def renamed_gold(gold: dict, words: frozenset[str]) -> dict:
    """Gold facts with ``words`` renamed in every string but the source's file name."""
    rename = _renamer(words)

    def walk(value):
        if isinstance(value, str):
            return rename(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: v if k == "source" else walk(v) for k, v in value.items()}
        return value

    return walk(gold)
