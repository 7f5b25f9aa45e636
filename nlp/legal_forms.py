"""Legal-form suffixes of organisation names: the one loader of ``patterns/legal_forms.jsonl``.

The file is also a spaCy ``SpanRuler`` pattern file (the pipeline loads it as it is). Its
``ORG_FORM`` rows are the spellings of the suffixes ("Inc.", "LLC", "GmbH", "S.A.", ...); their
``id`` says what the suffix is, and so what each user does with it:

- ``strong``: a legal form proper; a name ending in one is an organisation;
- ``company``: "Company", "Companies", "Cos."; an organisation only after a longer name;
- ``group``: "Holdings", "Group", "Trust"; part of a longer name;
- ``institution``: "Bank", "Fund", "Partners", ...; part of a longer name;
- ``trust``: "GRAT", "Foundation"; a person's trust or foundation.

Name keys drop trailing forms: comparing names drops ``strong``, ``company`` and ``group`` forms
(:func:`name_tail_words`); an organisation's IRI drops only ``strong`` and ``company`` forms, so
"Acme Holdings" and "Acme" stay two nodes (:func:`iri_tail_words`); the shared scorer drops the
forms whose row does not say ``"scorer": false`` (:func:`scorer_tail_words`). ``ORG_INSTITUTION``
rows are institution nouns, ``ORG_REGION`` rows the regions written after a form ("Bank USA").
A row's ``same_as`` names the spelling it is another way of writing ("Incorporated": "Inc.").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .names import fold

_FILE = "patterns/legal_forms.jsonl"
# roles whose suffixes a name comparison drops from the end of a name
_COMPARED_AWAY = ("strong", "company", "group")


@dataclass(frozen=True)
class LegalForms:
    """The file's rows by kind, each spelling once, in file order."""

    suffixes: tuple[str, ...]  # every ORG_FORM spelling
    weak: frozenset[str]  # spellings that mark an organisation only after a longer name
    institution_words: tuple[str, ...]
    regions: tuple[str, ...]


@lru_cache(maxsize=1)
def rows() -> tuple[dict, ...]:
    """The rows of the file (``{"label", "pattern", "id"?, "scorer"?, "same_as"?}``)."""
    text = resources.files("pactgraph.nlp").joinpath(_FILE).read_text("utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


def _patterns(label: str, *roles: str) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for row in rows():
        if row["label"] == label and (not roles or row.get("id") in roles):
            out[row["pattern"]] = None
    return tuple(out)


@lru_cache(maxsize=1)
def legal_forms() -> LegalForms:
    """Suffix spellings, the weak ones among them, institution nouns and regions."""
    suffixes = _patterns("ORG_FORM")
    strong = set(_patterns("ORG_FORM", "strong"))
    return LegalForms(
        suffixes=suffixes,
        weak=frozenset(s for s in suffixes if s not in strong),
        institution_words=_patterns("ORG_INSTITUTION"),
        regions=_patterns("ORG_REGION"),
    )


def _word(spelling: str) -> str:
    """A one-word spelling as a lower-case token without punctuation ("L.L.C." -> "llc")."""
    return re.sub(r"[^\w]", "", spelling.lower())


@lru_cache(maxsize=1)
def name_tail_words() -> frozenset[str]:
    """Lower-case words a name comparison drops from the end of a name ("inc", "llc",
    "holdings", ...): the one-word ``strong``, ``company`` and ``group`` forms."""
    return frozenset(_word(s) for s in _patterns("ORG_FORM", *_COMPARED_AWAY) if " " not in s)


@lru_cache(maxsize=1)
def scorer_tail_words() -> frozenset[str]:
    """The words the shared scorer drops from the end of a name: the name comparison's, but
    for the rows marked ``"scorer": false``."""
    return frozenset(
        _word(r["pattern"])
        for r in rows()
        if r["label"] == "ORG_FORM"
        and r.get("id") in _COMPARED_AWAY
        and " " not in r["pattern"]
        and r.get("scorer", True)
    )


@lru_cache(maxsize=1)
def iri_tail_words() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """What an organisation's IRI key drops from the end of its name: the one-word ``strong``
    and ``company`` forms as ASCII-folded tokens ("sarl", "llc"), and the forms written as two
    plain words ("National Association", "de C.V.") as token pairs."""
    singles, pairs = set(), []
    for spelling in _patterns("ORG_FORM", "strong", "company"):
        folded = fold(spelling)
        if " " not in spelling and re.fullmatch(r"[a-z.]+", folded):
            singles.add(folded.replace(".", ""))
        elif re.fullmatch(r"[a-z.]+ [a-z.]+", folded):
            first, second = folded.replace(".", "").split()
            pairs.append((first, second))
    return frozenset(singles), tuple(pairs)


def suffix_alternation(spellings: tuple[str, ...] | list[str], *, upper: bool = True) -> str:
    """A regex alternation of ``spellings`` (and, with ``upper``, their upper-case forms),
    longest first so that "L.L.C." wins over "L"."""
    variants = set(spellings)
    if upper:
        variants |= {s.upper() for s in spellings}
    return "|".join(re.escape(s) for s in sorted(variants, key=len, reverse=True))


def spellings(*roles: str) -> tuple[str, ...]:
    """The ``ORG_FORM`` spellings with one of ``roles`` (all when none is given), file order."""
    return _patterns("ORG_FORM", *roles)


@lru_cache(maxsize=None)
def _ending(roles: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?:^|[ ,])(?:{suffix_alternation(spellings(*roles))})\.?$")


def ends_with_form(name: str, *roles: str) -> bool:
    """Whether ``name`` ends with a suffix of one of ``roles`` ("Acme Corp." and ``strong``)."""
    return bool(_ending(roles).search(name.rstrip()))


@lru_cache(maxsize=1)
def org_words_regex() -> re.Pattern:
    """A word that makes a line an organisation's name: a legal form, "Company", "Holdings",
    "Bank", ... (not a trust's "GRAT"). Forms of three letters or more match in any case
    ("ACME HOLDINGS, INC."); shorter ones ("AS", "Co.", "N.A.") as written or in capitals, so
    that the word "as" is no form."""
    forms = {f.rstrip(".") for f in spellings("strong", "company", "group", "institution")}
    long = sorted(f for f in forms if len(re.sub(r"\W", "", f)) >= 3)
    short = sorted(forms.difference(long))
    return re.compile(
        rf"\b(?:(?i:{suffix_alternation(long, upper=False)})|"
        rf"{suffix_alternation(short)})\b\.?"
    )


def org_word_prefixes(extra: tuple[str, ...] = ()) -> str:
    """A regex alternation of the words that start an organisation's ending, as prefixes:
    every suffix spelling, institution noun and ``extra`` word ("Corp" also starts
    "Corporate"); spellings under three letters ("AS", "Co") only as whole words."""
    words = {f.rstrip(".") for f in spellings()} | set(legal_forms().institution_words)
    words |= set(extra)
    long = sorted(w for w in words if len(re.sub(r"\W", "", w)) >= 3)
    short = sorted(words.difference(long))
    short_words = suffix_alternation(short, upper=False)
    return rf"{suffix_alternation(long, upper=False)}|(?:{short_words})\b"


@lru_cache(maxsize=1)
def _same_as() -> dict[str, str]:
    return {_word(r["pattern"]): _word(r["same_as"]) for r in rows() if r.get("same_as")}


def form_word(word: str) -> str:
    """One spelling of a legal-form word: "incorporated" is "inc", "corporation" "corp",
    "company" "co", "limited" "ltd" (rows with ``same_as``); any other word is itself."""
    return _same_as().get(word, word)
