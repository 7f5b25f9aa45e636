"""Who the registrant is when no cover page names it (flattened renderings, lone exhibits).

In order: a name introduced as the speaker (``Aaron Rents, Inc. (the "Company")``,
``("we")``); a name with its stock ticker (``Google Inc. (NASDAQ: GOOG)``, the known ticker
first); a name introduced with an alias that repeats its first word (``Alcoa Inc. ("Alcoa")``)
or an alias the rendering lost (``("")``). Names are read backwards from their legal-form word
over capitalised words, so running text before them ("On May 23, 2008, the Board of ...") is
not taken in.
"""

from __future__ import annotations

import re

from ..legal_forms import spellings, suffix_alternation

# a legal form or "Company" (its final dot is matched after the word boundary)
_SUFFIX = suffix_alternation(sorted({f.rstrip(".") for f in spellings("strong", "company")}))
_SUFFIX = f"(?:{_SUFFIX})"
_ANCHOR = rf"(?P<suffix>,?\s+{_SUFFIX}\b\.?)"
_Q = r"[\"“”']"
_INTRO_REQ = (
    r",\s+an?\s+[A-Z][A-Za-z]+(?:\s+[A-Za-z]+){0,4}?\s+"
    r"(?i:corporation|company|limited\s+liability\s+company|limited\s+partnership|partnership|bank)\s*,?"
)
_INTRO = rf"(?:{_INTRO_REQ})?"
_TERM = r"(?i:Company|Registrant|Corporation|we|us|our|Issuer)"
_SPEAKER = re.compile(
    _ANCHOR
    + _INTRO
    + r"\s*\(\s*(?i:(?:together\s+with\s+its\s+(?:consolidated\s+)?subsidiaries,?\s+)?)"
    # a short name before "or the Company", in quotes or (its quotes lost by a rendering) not
    rf"(?:{_Q}[^\"“”'\n]{{1,30}}{_Q}\s*(?:,|or|and)\s*|[A-Z][\w&\-]*(?:\s[A-Z][\w&\-]*)?\s+or\s+)?"
    rf"(?i:the)?\s*{_Q}?\s*{_TERM}\s*{_Q}?\s*\)"
)
# the defined term lost by the rendering: only after "NAME, a Georgia corporation (the )"
_SPEAKER_LOST = re.compile(_ANCHOR + _INTRO_REQ + rf"\s*\(\s*(?i:the)\s*(?:{_Q}\s*{_Q})?\s*\)")
_TICKER = re.compile(
    _ANCHOR
    + r"\s*\(\s*(?i:NASDAQ|NYSE|NYSE\s+American|AMEX|OTC\w*|TSX|LSE)(?:\s*[A-Za-z ]{0,10})?\s*:\s*"
    r"(?P<ticker>[A-Z.]{1,6})\s*\)"
)
_ALIAS = re.compile(_ANCHOR + _INTRO + rf"\s*\(\s*(?:the\s+)?{_Q}(?P<alias>[^\"“”'\n]{{0,30}}){_Q}")
_ANY = re.compile(_ANCHOR)
_CONNECT = {"of", "and", "&", "de", "du", "la", "der", "van", "von"}
_OF_OK = {
    "bank",
    "banks",
    "trust",
    "bancorp",
    "republic",
    "commonwealth",
    "state",
    "university",
    "city",
    "government",
    "company",
    "corporation",
    "society",
    "association",
}
_STOP = {
    "On",
    "In",
    "The",
    "As",
    "At",
    "By",
    "Of",
    "And",
    "Between",
    "Among",
    "With",
    "Under",
    "Today",
    "That",
    "If",
    "When",
    "Whereas",
    "WHEREAS",
    "Pursuant",
    "Each",
    "Both",
    "Its",
    "Our",
    "Their",
    "This",
    "These",
    "Such",
    "Item",
    "ITEM",
    "Dear",
    "From",
    "To",
    "For",
    "Also",
    "Then",
    "After",
    "Before",
    "Effective",
    "Previously",
    "Additionally",
    "Further",
}
_TOKEN = re.compile(r"[^\s]+")


def _name_before(text: str, m: re.Match) -> str | None:
    """Capitalised words before the legal-form word at ``m`` (within the same line)."""
    left = text[max(0, m.start() - 120) : m.start()]
    left = left.split("\n")[-1]
    tokens = _TOKEN.findall(left)
    words: list[str] = []
    for k in range(len(tokens) - 1, -1, -1):
        tok = tokens[k]
        if (
            words
            and tok.endswith((",", ";", ":", ")", "."))
            and not re.fullmatch(r"[A-Z]\.|[A-Z]\.[A-Z]\.?", tok)
        ):
            break
        bare = tok.strip("\"“”'(")
        if not bare:
            break
        if bare in _CONNECT:
            if bare == "of" and not (
                words and k > 0 and tokens[k - 1].strip(",").lower() in _OF_OK
            ):
                break
            words.insert(0, bare)
            continue
        if bare in _STOP:
            break
        if not (bare[0].isupper() or (bare[0].isdigit() and re.search(r"[A-Za-z]", bare))):
            break
        if re.match(r"(?:19|20)\d\d[A-Za-z]", bare):  # "2007Google": a date glued to the name
            words.insert(0, re.sub(r"^(?:19|20)\d\d", "", bare))
            break
        words.insert(0, bare)
        if tok.startswith(('"', "“", "(")):
            break
    while words and words[0] in _CONNECT:
        words.pop(0)
    if not words:
        return None
    name = " ".join(words) + m.group("suffix").replace("\n", " ")
    name = re.sub(r"\s+", " ", name).strip()
    return name if 2 <= len(name.split()) <= 9 else None


def registrant_from_text(
    body: str, full: str | None = None, ticker: str | None = None
) -> str | None:
    """The registrant's name as the report (``body``) or the whole file (``full``) gives it."""
    full = full or ""
    return (
        _speaker_name(body)
        or _ticker_name(body, full, ticker)
        or _alias_name(body)
        or _most_discussed_company(body, full[:300000])
        or _possessive_name(body, full[:300000])
    )


def _speaker_name(body: str) -> str | None:
    """The first name introduced as the speaker (``Aaron Rents, Inc. (the "Company")``), or
    with the defined term the rendering lost (``a Georgia corporation (the )``)."""
    for rx in (_SPEAKER, _SPEAKER_LOST):
        for m in rx.finditer(body):
            name = _name_before(body, m)
            if name:
                return name
    return None


def _ticker_name(body: str, full: str, ticker: str | None) -> str | None:
    """The first name written with a stock ticker (``Google Inc. (NASDAQ: GOOG)``) in the
    report, then in the whole file; only with ``ticker`` when it is known."""
    for text in (body, full):
        for m in _TICKER.finditer(text):
            if ticker and m.group("ticker").upper() != ticker.upper():
                continue
            name = _name_before(text, m)
            if name:
                return name
    return None


def _alias_name(body: str) -> str | None:
    """The first name introduced with an alias that repeats its first word (``Alcoa Inc.
    ("Alcoa")``), else the first one with an alias the rendering lost (``("")``)."""
    first_empty = None
    for m in _ALIAS.finditer(body):
        name = _name_before(body, m)
        if not name:
            continue
        alias = m.group("alias").strip().lower()
        if alias and name.lower().startswith(alias.split()[0]):
            return name
        if not alias and first_empty is None:
            first_empty = name
    return first_empty


def _most_discussed_company(body: str, full_head: str) -> str | None:
    """Last resort: the company the report talks about. Candidates are the company names of
    the report and of the file's first part, ranked by how often the report uses their first
    word ("Alcoa entered into ..." ranks "Alcoa Inc."), then by how often the file names them.
    """
    counts: dict[str, int] = {}
    in_body: set[str] = set()
    for text, is_body in ((body, True), (full_head, False)):
        for m in _ANY.finditer(text):
            name = _name_before(text, m)
            if name and not _generic(name):
                counts[name] = counts.get(name, 0) + 1
                if is_body:
                    in_body.add(name)
    if not counts:
        return None

    def score(name: str) -> tuple[int, int, int]:
        first = name.split()[0].strip(",")
        uses = len(re.findall(rf"\b{re.escape(first)}\b", body)) if len(first) > 2 else 0
        return (uses, name in in_body, counts[name])

    return max(counts, key=score)


def _possessive_name(body: str, full_head: str) -> str | None:
    """No company name with a legal form anywhere: the name the report uses in the possessive
    most often ("Google's financial performance"), when it does so more than once."""
    owners: dict[str, int] = {}
    for m in re.finditer(r"\b([A-Z][A-Za-z&.-]{2,})['’]s\b", body + "\n" + full_head):
        w = m.group(1)
        if w.lower() not in _GENERIC and w.lower() not in (
            "company",
            "registrant",
            "executive",
            "board",
        ):
            owners[w] = owners.get(w, 0) + 1
    if owners:
        w, n = max(owners.items(), key=lambda kv: kv[1])
        if n >= 2:
            return w
    return None


_GENERIC = {
    "agreement",
    "plan",
    "board",
    "section",
    "merger",
    "parent",
    "purchaser",
    "buyer",
    "seller",
    "borrower",
    "lender",
    "lenders",
    "guarantor",
    "administrative",
    "agent",
    "surviving",
    "acquisition",
    "sub",
    "subsidiary",
    "subsidiaries",
    "holding",
    "holdings",
    "operating",
    "individual",
    "multiplier",
    "employer",
    "executive",
    "stock",
    "common",
    "preferred",
    "such",
    "each",
    "any",
    "other",
    "target",
    "issuer",
    "registrant",
    "new",
    "old",
    "delaware",
    "nevada",
    "investment",
    "management",
    "services",
    "service",
    "bank",
    "trust",
    "insurance",
    "life",
    "participating",
    "affiliated",
    "related",
    "applicable",
    "successor",
    "predecessor",
    "combined",
    "resulting",
    "exhibit",
    "schedule",
    "article",
    "note",
    "notes",
    "credit",
    "loan",
    "facility",
    "security",
    "securities",
    "fund",
    "funds",
    "group",
    "partners",
    "partnership",
    "company",
    "corporation",
}


def _generic(name: str) -> bool:
    """'Individual Multiplier Company', 'Surviving Corporation': roles, not names."""
    words = [w.strip(",.").lower() for w in name.split()]
    core = [w for w in words[:-1] if w not in ("of", "and", "&", "the")]
    return bool(core) and all(w in _GENERIC for w in core)
