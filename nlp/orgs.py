"""Organisations and their defined-term aliases.

An organisation mention is a run of capitalised words ending in a legal-form suffix of some
jurisdiction (Inc., LLC, N.A., AS, GmbH, S.A., K.K., ...: :mod:`.legal_forms`) or in an
institution noun (Bank, Trust, ...). Aliases come from defined terms right after a name:
``Norsk Hydro Produksjon AS ("Hydro")``, ``(the "Company")``, ``(Hydro)``, and the lost-quote
rendering ``(the "")`` where the term itself is gone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .names import name_words
from .legal_forms import legal_forms, name_tail_words, spellings, suffix_alternation

REGISTRANT_REFS = {
    "the company",
    "company",
    "we",
    "us",
    "our",
    "ours",
    "the registrant",
    "registrant",
    "the corporation",
    "the issuer",
    "the borrower",
    "the parent",
}
_CONNECTORS = r"(?:of|de|du|des|la|le|del|der|di|für|for|the|&|and|y|e|zu|van|von)"
# the domain a company's name may keep: "Amazon.com", "Priceline.com" (a regex fragment)
DOMAIN = r"(?:\.(?:com|net))?"
# a word of a name: an initial, an abbreviation, a capitalised word (with its domain), a
# camel-case brand ("eScription")
_WORD = (
    r"(?:[A-Z]\.(?:[A-Z]\.)*|(?:St|Mt|Bros|Intl|Mfg|Natl|Ft)\."
    rf"|[A-Z0-9][\w'’\-]*{DOMAIN}(?:/[A-Z0-9][\w'’\-]*)*"
    r"|[a-z][A-Z][\w'’\-]*|\([A-Z][\w\-]*\))"
)


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    name: str


@lru_cache(maxsize=None)
def patterns(name: str) -> tuple[dict, ...]:
    """The spaCy patterns of ``patterns/<name>.jsonl`` (one ``{"label", "pattern", "id"?}`` per
    line)."""
    text = resources.files("pactgraph.nlp").joinpath(f"patterns/{name}.jsonl").read_text("utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


# a bank's foreign branch: "..., Singapore Branch", "..., New York Branch"
_BRANCH = r"(?:[A-Z][a-z]+[ \t\xa0]){1,2}Branch"


@lru_cache(maxsize=1)
def _org_regex() -> re.Pattern:
    suffix = suffix_alternation(legal_forms().suffixes)
    # a second form after the first ("Foo Holdings, Ltd."), or a bank's branch
    strong2 = suffix_alternation(spellings("strong")) + "|" + _BRANCH
    # a name may wrap onto the next line of a plain-text filing
    sp = r"(?:[ \t\xa0]+|[ \t\xa0]*\n[ \t\xa0]*)"
    name = rf"{_WORD}(?:{sp}(?:{_CONNECTORS}{sp})*{_WORD})*"
    # "Merrill Lynch, Pierce, Fenner & Smith Incorporated": comma lists joined by '&'
    comma_prefix = (
        r"(?:[A-Z][\w'’\-]*(?:[ \t\xa0][A-Z][\w'’\-]*)?,[ \t\xa0]+){1,3}"
        r"(?=[A-Z][\w'’\-]*[ \t\xa0]+&)"
    )
    region = suffix_alternation(legal_forms().regions)
    return re.compile(
        rf"(?<![\w.])(?:{comma_prefix})?{name}(?:,?{sp}(?:{suffix})(?:[ \t\xa0]+(?:{region}))?)"
        rf"(?:,?[ \t\xa0]+(?:{strong2}))?(?![\w])"
    )


@lru_cache(maxsize=1)
def _strong_suffix_regex() -> re.Pattern:
    weak = legal_forms().weak
    strong = [s for s in legal_forms().suffixes if s not in weak]
    return re.compile(rf"(?:^|[ ,])(?:{suffix_alternation(strong)})(?=[ ,]|$)")


_LEAD = re.compile(
    r"^(?:(?:On|In|At|As|By|For|With|Between|Among|And|Under|Pursuant|Each|Both|Upon|If|"
    r"Effective|Item|Section|Exhibit|Also|Its|Their|Our|This|That|These|Such|Certain|"
    r"January|February|March|April|May|June|July|August|September|October|November|"
    r"December|\d+|\d+,?)[ \t\xa0]+)+"
)


_BODY_OF = re.compile(
    r"^(?:the )?(?:[A-Z]\w+ )?"
    r"(?:Boards?|Committees?|Shareholders|Stockholders|Members|Affiliates|Subsidiaries)"
    r"(?: of (?:Directors|Managers|Trustees))? of (?:the )?",
    re.I,
)


# "Current Report on Form 8-K of Google Inc.", "Annual Report of X": a document of the organisation
_DOCUMENT_OF = re.compile(
    r"^(?:[A-Z][\w\-/]* ){0,4}?(?:Form|Report|Statement|Schedule|Proxy|Prospectus)"
    r"(?: [\w\-/]+)? of (?:the )?"
)


def clean_name(name: str) -> str:
    name = re.sub(r"[ \t\xa0\n]+", " ", name).strip(" ,;:")
    name = _LEAD.sub("", name)
    name = _BODY_OF.sub("", name)
    name = _DOCUMENT_OF.sub("", name)
    return name


_BANK_PAIR = re.compile(r"(?:Trust|Loan)\b")


def find_orgs(text: str) -> list[OrgMention]:
    """Organisation mentions with legal-form or institution endings, in text order."""
    out: list[OrgMention] = []
    strong = _strong_suffix_regex()
    for m in _org_regex().finditer(text):
        raw = m.group(0)
        start = m.start()
        tail = re.match(
            r" of (?:the )?[A-Z][\w&'’\-]*(?: (?:[A-Z][\w&'’\-]*|of|and|&))*",
            text[m.end() : m.end() + 80],
        )
        if tail and re.search(r"\b(?:Bank|Trust|Company|Association|Bancorp|Fund)$", raw):
            raw = raw + re.sub(r"(?: (?:of|and|&))+$", "", tail.group(0))
        # split "the Company and Norsk Hydro Produksjon AS" / "X Inc. and Y LLC" at ' and '
        pieces = [(start, raw)]
        if " and " in raw or " & " in raw:
            pieces = []
            offset = 0
            for part in re.split(r"( and )", raw):
                if part == " and ":
                    offset += len(part)
                    continue
                pieces.append((start + offset, part))
                offset += len(part)
            merged: list[tuple[int, str]] = []
            for s, part in pieces:
                left = clean_name(merged[-1][1]) if merged else ""
                single_alias = (
                    bool(re.fullmatch(r"[A-Z][\w'’\-]*", left))
                    or bool(re.search(r"\b(?:Facility|Agreement|Loan|Notes)\b", left))
                    or bool(
                        re.fullmatch(
                            r"(?!The\b)(?:[A-Z]\.\s)?[A-Z][a-z]+(?:\s[A-Z]\.)?"
                            r"\s[A-Z][a-z]+(?:,? Jr\.)?",
                            left,
                        )
                    )
                ) and _ends_like_org(part)
                # "Citizens Deposit Bank and Trust, Inc.", "Home Savings and Loan Company": one bank
                bank_pair = (
                    bool(merged)
                    and bool(_BANK_PAIR.match(part))
                    and left.endswith(("Bank", "Savings"))
                )
                if merged and (
                    bank_pair
                    or not _ends_like_org(merged[-1][1])
                    and left.lower() not in REGISTRANT_REFS
                    and not single_alias
                ):
                    ps, pp = merged[-1]
                    merged[-1] = (ps, raw[ps - start : s - start + len(part)])
                else:
                    merged.append((s, part))
            pieces = merged
        for s, part in pieces:
            cleaned = clean_name(part)
            if not cleaned or cleaned.lower() in REGISTRANT_REFS:
                continue
            if not re.search(r"[a-z]", cleaned) and len(cleaned) <= 4:
                continue
            lead = part.find(cleaned)
            s2 = s + max(lead, 0)
            if " " not in cleaned and not strong.search(" " + cleaned):
                continue
            if re.search(r"[“\"]\s*$", text[max(0, s2 - 3) : s2]):
                # inside a defined term's quotes: (the “Limited Liability Company Agreement”)
                continue
            out.append(OrgMention(s2, s2 + len(cleaned), cleaned))
    return _joined_adjacent(text, out)


def _joined_adjacent(text: str, found: list[OrgMention]) -> list[OrgMention]:
    """Two names with only a space between are one ("Marygold & Co. Advisory Services, LLC":
    a firm's name may hold another's legal form)."""
    out: list[OrgMention] = []
    for org in found:
        if out and text[out[-1].end : org.start] == " " and out[-1].name.endswith("Co."):
            prev = out.pop()
            org = OrgMention(prev.start, org.end, text[prev.start : org.end])
        out.append(org)
    return out


def _ends_like_org(name: str) -> bool:
    words = legal_forms().suffixes
    stripped = name.rstrip(" ,")
    region = suffix_alternation(legal_forms().regions)
    stripped = re.sub(r"[ \t\xa0]+(?:" + region + r")$", "", stripped)  # "Bank USA"
    return (
        any(
            stripped.endswith(" " + w)
            or stripped.endswith(", " + w)
            or stripped.upper().endswith(" " + w.upper())
            for w in words
        )
        and stripped.lower() not in REGISTRANT_REFS
    )


_ALIAS = re.compile(
    r"[ \t\xa0\n]*,?[ \t\xa0]*\((?:together with [^)]*?, )?"
    r"(?:the[ \t\xa0]+|an?[ \t\xa0]+|each,?[ \t\xa0]+"
    r"|collectively,?[ \t\xa0]+|hereinafter[ \t\xa0]+)?"
    r"(?:[\"“”']{1,2}(?P<q>[^\"“”)]{0,60})[\"“”']{1,2}"
    r"|(?P<b>[A-Z][\w&\-]*(?:[ \t\xa0][A-Z][\w&\-]*){0,3}))"
    r"(?:[ \t\xa0]*(?:,|or|and)[ \t\xa0]*[\"“”'][^\"“”)]{0,30}[\"“”'])*[ \t\xa0]*\)"
)


def alias_after(text: str, end: int) -> tuple[str | None, int]:
    """The defined term right after position ``end`` ("" when its quotes are empty), and where it
    ends."""
    m = _ALIAS.match(text, end, min(len(text), end + 120))
    if not m:
        return None, end
    value = m.group("q") if m.group("q") is not None else m.group("b")
    return (value or "").strip(), m.end()


@lru_cache(maxsize=65536)
def name_tokens(name: str | None) -> tuple[str, ...]:
    """Tokens for comparing names: the name's words (:func:`.names.name_words`: case, accents
    and punctuation ignored) without a leading "the" and trailing legal forms."""
    if not name:
        return ()
    tokens = name_words(name)
    while tokens and tokens[0] == "the":
        tokens.pop(0)
    forms = name_tail_words()
    while len(tokens) > 1 and tokens[-1] in forms:
        tokens.pop()
    return tuple(tokens)


def exact_name(a: str | None, b: str | None) -> bool:
    """The same name after normalisation (case, punctuation, "the", legal forms); no prefix
    leniency."""
    ta, tb = name_tokens(a), name_tokens(b)
    return bool(ta) and ta == tb


def same_name(a: str | None, b: str | None) -> bool:
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    n = min(len(ta), len(tb))
    return ta[:n] == tb[:n]
