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
from .offices import office_noun_regex
from .people import find_persons
from .legal_forms import form_word, legal_forms, name_tail_words, spellings, suffix_alternation

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
    r"|[A-Z][A-Z0-9]*&[A-Z][\w\-]*"  # "H&H", "AT&T"
    rf"|[A-Z0-9][\w'’\-]*{DOMAIN}(?:/[A-Z0-9][\w'’\-]*)*"
    # "(Nevada)", "(South Dakota)", "(Hong Kong)": a bank's or subsidiary's place in its name
    r"|[a-z][A-Z][\w'’\-]*|\([A-Z][\w.\-]*(?:[ \t\xa0][A-Z][\w.\-]*){0,2}\)"
    r"|[dl][’'][A-Z][\w'’\-]*)"  # an elided French article: "Société Lyonnaise d'Instrumentation"
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


def _roman(n: int) -> str:
    """``n`` (1-39) in Roman numerals."""
    tens, units = divmod(n, 10)
    return "X" * tens + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][units]


# the series numeral of a special-purpose entity after its legal form: "KMF Receivables Corp. III";
# numerals of one letter (I, V, X) are as often a pronoun, an initial or a placeholder, so "I"
# counts only where a comma or a bracket follows ("Sablewood Funding Corp. I ("SFC-I")")
_SERIES_NUMERALS = sorted((_roman(n) for n in range(2, 21) if len(_roman(n)) > 1), key=len)[::-1]
_SERIES = (
    rf"[ \t\xa0]+(?:(?:{'|'.join(_SERIES_NUMERALS)})(?![\w'’\-])"
    r"|I(?=[ \t\xa0]*[,;()]))"
)


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
    # a comma stands before a legal form ("Citibank, N.A."), never before an institution or
    # group word: "the Company, Bank of America, N.A." is two names
    after = rf"(?:,{sp}(?:{strong2})|{sp}(?:{suffix}))"
    return re.compile(
        rf"(?<![\w.])(?:{comma_prefix})?{name}(?:{after}(?:[ \t\xa0]+(?:{region}))?)"
        rf"(?:,?[ \t\xa0]+(?:{strong2}))?(?:{_SERIES})?(?![\w])"
    )


@lru_cache(maxsize=1)
def _strong_suffix_regex() -> re.Pattern:
    weak = legal_forms().weak
    strong = [s for s in legal_forms().suffixes if s not in weak]
    return re.compile(rf"(?:^|[ ,])(?:{suffix_alternation(strong)})(?=[ ,]|$)")


_LEAD = re.compile(
    r"^(?:(?:(?:Each|Both|Either|Neither|All|Any) of|"
    r"the|On|In|At|As|By|For|With|Between|Among|And|Under|Pursuant|Each|Both|Upon|If|"
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


# "Chief Executive Officer of Verigy Pte. Ltd.", "Class A Preferred Shares of X": an office in an
# organisation or a class of its securities, the organisation's name after "of"
_OFFICE_OR_SHARES_OF = re.compile(
    r"^(?:(?:[A-Z][\w\-]*|and|&),? )*?"
    + office_noun_regex("Shares", "Stock", "Units", "Notes", "Debentures", "Warrants")
    + r" of (?:the )?"
)
# "Current Report on Form 8-K of Google Inc.", "Annual Report of X": a document of the organisation
_DOCUMENT_OF = re.compile(
    r"^(?:[A-Z][\w\-/]* ){0,4}?(?:Form|Report|Statement|Schedule|Proxy|Prospectus)"
    r"(?: [\w\-/]+)? of (?:the )?"
)


# "the Company, Ambry & Vale Cosmetics LLC, ... entered into": a defined role listed before the
# name, not its first word
_ROLE_BEFORE = re.compile(
    r"^(?:the )?(?:Company|Registrant|Corporation|Partnership|Borrower|Parent|Buyer|Seller|"
    r"Purchaser|Issuer), (?=[A-Z])"
)


def clean_name(name: str) -> str:
    name = re.sub(r"[ \t\xa0\n]+", " ", name).strip(" ,;:")
    name = _ROLE_BEFORE.sub("", _LEAD.sub("", name))
    # "the Compensation Committee of the Board of Directors of X": a body of a body of X
    name = _BODY_OF.sub("", _BODY_OF.sub("", name))
    name = _DOCUMENT_OF.sub("", name)
    office = _OFFICE_OR_SHARES_OF.match(name)
    if office and _strong_suffix_regex().search(" " + name[office.end() :]):
        name = name[office.end() :]  # a company after the office; a division stays an office
    return name


# "Bank of America", "Federal Home Loan Bank of New York": an institution's "of ..." tail
_OF_TAIL = re.compile(r" of (?:the )?[A-Z][\w&'’\-]*(?: (?:[A-Z][\w&'’\-]*|of|and|&))*")
_INSTITUTION_END = re.compile(r"\b(?:Bank|Trust|Company|Association|Bancorp|Fund)$")
# the second half of one bank's name after the first half's last word: "... Bank and Trust,
# Inc.", "... Savings and Loan Company", "Harris Trust and Savings Bank"
_BANK_PAIR = re.compile(r"(?:Trust|Loan|Savings)\b")
_BANK_PAIR_BEFORE = ("Bank", "Banking", "Savings", "Trust")
# a part after " and " that is only a company word and its legal form
_FORM_ONLY = re.compile(
    r"(?:Company|Co\.?|Corporation)(?:,?\s+(?:LLC|L\.L\.C\.|Inc\.?|Incorporated|L\.P\.|LP|Ltd\.?"
    r"|Limited))?"
)
# what may stand before " and " as a party of its own when a company follows: a one-word alias,
# a facility or an instrument, a person's name
_ONE_WORD = re.compile(r"[A-Z][\w'’\-]*")
_INSTRUMENT = re.compile(r"\b(?:Facility|Agreement|Loan|Notes)\b")
_PERSON_NAME = re.compile(
    r"(?!The\b)(?:[A-Z]\.\s)?[A-Z][a-z]+(?:\s(?:[A-Z]\.|[A-Z][a-z]+))?\s[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    r"(?:,? Jr\.)?"
)
# an institution noun in a name, and a name that opens with one ("Bank Leumi USA")
_INSTITUTION_IN = re.compile(r"\b(?:Bank|Trust Company|Bancorp)\b")
_ARTICLE_LED = re.compile(r"[Tt]he\s")
_BRACKET_LEAD = re.compile(r"^\([^)]*\)\s*(?:of\s+)?")
_INSTITUTION_START = re.compile(r"(?:the )?(?:Bank|Banco|Banque|Trust Company)\b")
# the words of an agreement's title that open no organisation's name ("Amended and Restated
# Limited Guaranty")
_TITLE_OPENING = re.compile(r"(?:(?:First|Second|Third|Fourth|Fifth) )?(?:Amended|Restated)\b")
# between two organisations of a list: "Barclays Bank PLC, BNP Paribas ..."
_LIST_COMMA = re.compile(r",[ \t\xa0]*")
# an opening quote just before a name: the name is inside a defined term
_QUOTE_BEFORE = re.compile(r"[“\"]\s*$")


def _with_of_tail(text: str, m: re.Match) -> str:
    """The matched name, with the "of ..." words after it when it ends in an institution noun
    ("Bank" + " of America")."""
    raw = m.group(0)
    tail = _OF_TAIL.match(text[m.end() : m.end() + 80])
    if tail and _INSTITUTION_END.search(raw):
        raw = raw + re.sub(r"(?: (?:of|and|&))+$", "", tail.group(0))
    return raw


def _and_parts(start: int, raw: str) -> list[tuple[int, str]]:
    """``raw`` (found at ``start``) cut at each " and ", each part with where it starts."""
    parts = []
    offset = 0
    for part in re.split(r"( and )", raw):
        if part != " and ":
            parts.append((start + offset, part))
        offset += len(part)
    return parts


def _party_before_org(left: str, part: str) -> bool:
    """``left`` (a cleaned name before " and ") is a party of its own (a one-word alias, a
    facility, a person) and ``part`` a company's name: two parties, not one name."""
    return (
        bool(_ONE_WORD.fullmatch(left)) or bool(_INSTRUMENT.search(left)) or _is_person_name(left)
    ) and (_ends_like_org(part) or bool(_INSTITUTION_END.search(part)))


def _is_person_name(name: str) -> bool:
    """A person's name ("Judi Jaskiel"), not a firm's words of the same shape ("Flextronics
    Sales")."""
    return bool(_PERSON_NAME.fullmatch(name)) and any(p.name == name for p in find_persons(name))


def _continues_name(previous: str, part: str, in_list: bool = False) -> bool:
    """Whether ``part``, after " and ", is the rest of the name ``previous`` begins rather than
    another organisation; ``in_list``: the name is the last item of a comma list of
    organisations ("Barclays Bank PLC, BNP Paribas and J.P. Morgan Securities plc"), whose
    " and " ends the list before a company's name."""
    left = clean_name(previous)
    if _BANK_PAIR.match(part) and left.endswith(_BANK_PAIR_BEFORE):
        return True  # "Citizens Deposit Bank and Trust, Inc.": one bank
    if _FORM_ONLY.fullmatch(part.strip(" ,")):
        return True  # "Cowen and Company, LLC": "Company, LLC" names no firm of its own
    if in_list and _ends_like_org(part):
        return False
    if _INSTITUTION_IN.search(left) and (
        _INSTITUTION_START.match(part) or _INSTITUTION_IN.search(part)
    ):
        # "Israel Discount Bank of New York and Bank Leumi USA", "Kinsale Bank of Commerce and
        # Pemberton & Lyle Bank USA": two banks
        return False
    if _ARTICLE_LED.match(part):
        return False  # "the Guarantors and The Bank of New York": a name never goes on with "The"
    return (
        not _ends_like_org(previous)
        and left.lower() not in REGISTRANT_REFS
        and not _party_before_org(left, part)
    )


def _split_at_and(start: int, raw: str, in_list: bool = False) -> list[tuple[int, str]]:
    """The names in ``raw`` (found at ``start``), with where each starts: "the Company and Norsk
    Hydro Produksjon AS" and "X Inc. and Y LLC" are two, "Citizens Deposit Bank and Trust, Inc."
    one."""
    if " and " not in raw and " & " not in raw:
        return [(start, raw)]
    merged: list[tuple[int, str]] = []
    for s, part in _and_parts(start, raw):
        if merged and _continues_name(merged[-1][1], part, in_list):
            ps = merged[-1][0]
            merged[-1] = (ps, raw[ps - start : s - start + len(part)])
        else:
            merged.append((s, part))
    return merged


# a class of securities, no organisation: "Common Stock", "Class B Common Stock"
_SECURITIES = re.compile(
    r"(?:Class [A-Z] |Series [A-Z0-9]+ )?(?:Common|Preferred|Capital|Ordinary)"
    r" (?:Stock|Shares|Units)"
)


def _is_org_name(cleaned: str) -> bool:
    """A cleaned name that may stand for an organisation: not a reference to the registrant
    ("the Company"), not a short all-capitals word, and of several words or with a strong legal
    form."""
    if not cleaned or cleaned.lower() in REGISTRANT_REFS or _TITLE_OPENING.match(cleaned):
        return False
    if _SECURITIES.fullmatch(cleaned):
        return False  # "the Common Stock and the Weintraub Family Trust": a class of shares
    if not re.search(r"[a-z]", cleaned) and len(cleaned) <= 4:
        return False
    return " " in cleaned or bool(_strong_suffix_regex().search(" " + cleaned))


# a name opens with no small word: "the Company and of Pelham Ridge Bank" leaves "of" behind
_CONNECTOR_LEAD = re.compile(r"^(?:(?:of|and|for|to|by|with)[ \t\xa0]+)+")


# a heading line that names an agreement, then a paragraph that opens with a name: "Amendment
# No. 3 to Receivables Financing Agreement\nMeridale Halcyon Funding LLC ... entered into"
_TITLE_LINE = re.compile(
    r"^[^\n]*\b(?:Agreements?|Amendments?|Indentures?|Guarant(?:y|ee)|Facility|Lease)"
    r"[ \t\xa0]*\n[ \t\xa0]*(?=\S)"
)


# what may stand before a title on its line: capitalised words, "No. 3", small connectors
_TITLE_WORDS_ONLY = re.compile(
    r"[ \t\xa0]*(?:(?:[A-Z0-9][\w.'’\-]*|No\.|to|of|and|the|for)[ \t\xa0]+)*"
)


# a law named like a company: "Pennsylvania Business Corporation Law", "Investment Company Act"
_STATUTE_AFTER = re.compile(r"[ \t\xa0]+(?:Law|Act|Code|Statutes?)\b")


# a line that ends with the name the next line begins with again (a subheading "... Chairman,
# Kestrel Point Parks & Resorts" over "Kestrel Point Parks & Resorts, LLC (...) entered into")
_REPEATED_LINE = re.compile(
    r"^[^\n]*?\b(?P<w>[A-Z][\w'’\-]+)(?:[ \t\xa0]+(?:[A-Z][\w'’\-]*|&|of|and))*[ \t\xa0]*\n"
    r"[ \t\xa0]*(?=(?P=w)\b)"
)


def _mention(text: str, start: int, part: str) -> OrgMention | None:
    """The organisation mention ``part`` (at ``start`` in ``text``) stands for once cleaned, or
    None when it is none (or lies inside a defined term's quotes)."""
    # (a title line holds only the title: after "On May 2, " "Prairie Equipment Lease\nFunding
    # 2012-1, LLC" is one name wrapped)
    heading = _TITLE_LINE.match(part)
    if heading and not _TITLE_WORDS_ONLY.fullmatch(text, text.rfind("\n", 0, start) + 1, start):
        heading = None
    heading = heading or _REPEATED_LINE.match(part)
    if heading:
        start, part = start + heading.end(), part[heading.end() :]
    # a bracketed word opens no name: "shares (Geschäftsanteile) of Kessler GmbH"
    cleaned = _CONNECTOR_LEAD.sub("", _BRACKET_LEAD.sub("", clean_name(part)))
    if not _is_org_name(cleaned):
        return None
    begin = start + max(part.find(cleaned), 0)
    if _QUOTE_BEFORE.search(text[max(0, begin - 3) : begin]):
        return None  # (the “Limited Liability Company Agreement”)
    if _STATUTE_AFTER.match(text, begin + len(cleaned)):
        return None  # "the Pennsylvania Business Corporation Law": a statute
    return OrgMention(begin, begin + len(cleaned), cleaned)


def find_orgs(text: str) -> list[OrgMention]:
    """Organisation mentions with legal-form or institution endings, in text order."""
    out: list[OrgMention] = []
    for m in _org_regex().finditer(text):
        in_list = bool(out) and _LIST_COMMA.fullmatch(text, out[-1].end, m.start()) is not None
        for start, part in _split_at_and(m.start(), _with_of_tail(text, m), in_list):
            mention = _mention(text, start, part)
            if mention is not None:
                out.append(mention)
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
    stripped = re.sub(r"\s+", " ", name).rstrip(" ,")  # a hard-wrapped name ends as one line
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
    # ("Sub II", and with Sub I, the "Subs"), ("Sub II" and, together with Sub I, the "Subs"),
    # ("Bancorp" or the "Registrant"): the first term, the rest of the brackets said
    r"(?:[ \t\xa0]*(?:[,;]|and\b|or\b)(?![ \t\xa0]*[\"“”'])[^()]{0,80}?(?=\)))?"
    r"|(?P<b>[A-Z][\w&\-]*(?:[ \t\xa0][A-Z][\w&\-]*){0,3}))"
    r"(?:[ \t\xa0]*(?:,|or|and)[ \t\xa0]*[\"“”'][^\"“”)]{0,30}[\"“”'])*[ \t\xa0]*\)"
)


def inside_quotes(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside quotes opened since ``start`` (a sentence's start): a defined
    term or a quoted caption, whose words are no names or titles of their own."""
    inside = text[start:pos]
    return inside.count("“") > inside.count("”") or inside.count('"') % 2 == 1


def inside_parenthesis(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a parenthesis opened since ``start``: a defined term's
    explanation or an aside, whose names are no items of the text around it."""
    opened = text.rfind("(", start, pos)
    return opened >= 0 and text.find(")", opened, pos) < 0


def is_defined_term(text: str, name: str) -> bool:
    """Whether the report defines ``name`` as a term in quotes ("the “Purchaser”")."""
    return any(f"{q}{name}{e}" in text for q, e in (("“", "”"), ('"', '"')))


def alias_after(text: str, end: int) -> tuple[str | None, int]:
    """The defined term right after position ``end`` ("" when its quotes are empty), and where it
    ends."""
    m = _ALIAS.match(text, end, min(len(text), end + 120))
    if not m:
        return None, end
    value = m.group("q") if m.group("q") is not None else m.group("b")
    return re.sub(r"\s+", " ", value or "").strip(), m.end()  # a term may wrap over two lines


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


def legal_form(name: str) -> tuple[str, ...]:
    """The legal-form words a name ends with, in one spelling ("LLC", "corp", ...)."""
    words = re.sub(r"[^\w\s]", "", name.lower().replace("&", " and ").replace("-", " ")).split()
    while words and words[0] == "the":
        words.pop(0)
    kept = len(name_tokens(name))
    return tuple(form_word(w) for w in words[kept:] if w != "the")


def other_legal_form(name: str, full: str) -> bool:
    """Two full legal names of different forms are two entities ("Merger Sub LLC" is not
    "Merger Sub Corporation"), though they share every other word."""
    a, b = legal_form(name), legal_form(full)
    return bool(a) and bool(b) and a != b


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
