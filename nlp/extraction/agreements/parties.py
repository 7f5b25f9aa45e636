"""Stage 3b: the parties of an agreement: party lists, role stripping and the name resolver."""

from __future__ import annotations

import re
from functools import lru_cache

from ...legal_forms import spellings, suffix_alternation
from ...names import COURTESY_LEAD, COURTESY_TITLES, named_as_relative, person_by_surname
from ...orgs import (
    REGISTRANT_REFS,
    find_orgs,
    is_defined_term,
    legal_form,
    name_tokens,
    other_legal_form,
    same_name,
)
from ...people import find_persons
from .acronyms import spelled_out
from .coordination import coordinated_names
from .events import VERB
from .mentions import HEAD_RE
from .model import REGISTRANT, Context
from ...offices import office_noun_regex
from ...vocab import alternation, words

# a party list opens: "by and among A, B and C", "with X"
_LIST_START = re.compile(
    # "in favor of X": the beneficiary of a guaranty or undertaking is a party to it
    r"\b(?:by and among|by and between|among|between|with|in favou?r of|for the benefit of)\s+",
    re.I,
)
# the dot of an abbreviated legal form ("Inc.", "N.A.") is no sentence end: one look-behind each
_NOT_AFTER_ABBREVIATED_FORM = "".join(
    f"(?<!{re.escape(form[:-1])})" for form in spellings() if form.endswith(".")
)
# ... and ends at a defined term, a date, a clause or a sentence end (not at "Inc." or "N.A.")
_LIST_END = re.compile(
    # a defined term, unless another name of the list follows it ('A (the "DOJ"), B and C')
    r"\((?:the|each|collectively)(?![^()]*\)\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?[A-Z])|"
    r",?\s+dated\b|,?\s+pursuant\b|,?\s+which\b|,?\s+under which\b|;|"
    r"(?<![A-Z])" + _NOT_AFTER_ABBREVIATED_FORM + r"\.\s|"
    r",?\s+to\s+(?:provide|amend|extend|acquire|purchase|sell)\b|,?\s+for\s+(?:the|a|an)\b|"
    r",?\s+relating\b|,?\s+regarding\b|,?\s+providing\b|,?\s+covering\b|,?\s+governing\b|"
    r",?\s+whereby\b|,?\s+that\b|"
    r",?\s+in connection\b"
)
# list items that are roles or quantities, not names ("the lenders party thereto")
_NOT_PARTY = re.compile(r"^(?:" + alternation("parties", "not_party") + r")\b", re.I)
# words that make a name an institution even with a year or one other word in it
INSTITUTION = re.compile(r"\b(?:" + alternation("parties", "institution") + r")\b")
# titles, courts, securities and documents: list items that are no parties
_NOT_PARTY_LIKE = re.compile(r"\b(?:" + alternation("parties", "not_party_like") + r")\b")
# lower-case words allowed inside a name ("Bank of America", "Banco de Chile")
_NAME_CONNECTORS = words("parties", "name_connectors")
# "BNP Paribas", "UBS Switzerland": an acronym-led institution in a party list
_ACRONYM_LED = re.compile(r"[A-Z]{2,5}(?: [A-Z][a-z]+){1,3}")
# a comma before a legal form or suffix is part of the name: "Citibank, N.A.", "John Smith, Jr."
# a comma before a legal form proper is part of the name; before an institution word it
# separates two names ("the Partnership, Bank of America, N.A.")
_FORM_COMMA = re.compile(
    r",(?=\s+(?:" + suffix_alternation(spellings("strong"), upper=False) + r"|National Association|"
    r"(?:[A-Z][a-z]+ ){1,2}Branch|Jr|Sr|III|II)(?!\w))"
)
# list items are separated by commas and "and"
_LIST_SPLIT = re.compile(r",\s+|\s+and\s+(?=[A-Z])|\s+and\s+the\s+")
# "the Company", "we": the registrant named in a party list
_REGISTRANT_WORD = re.compile(r"(?i)^(the )?(company|registrant|we|us)$")
# ", as administrative agent", "(the "Borrower")": the role, not the name
_DEFINED_ROLE = re.compile(r"\s*\(\s*(?:the\s+)?[“\"][^)]*\)")
_ROLE_CLAUSE = re.compile(
    r",?\s+(?:as|in its capacity as|in their capacities as|acting as|each as|solely as|"
    r"together with)\s+"
)
# "X, a wholly-owned subsidiary of the Company, entered into": the subsidiary signs, not the
# registrant
_SUBSIDIARY_OF = (
    r"\b(?:a |an |the )?(?:direct |indirect |wholly[- ]owned )*"
    # "the wholly-owned Indiana commercial bank subsidiary of": what kind, after an article
    r"(?:(?:(?<=\ba )|(?<=\ban )|(?<=\bthe )|(?<=owned ))(?:[A-Za-z\-]+ ){1,3}?)?"
    r"(?:subsidiary|subsidiaries|affiliate|affiliates|division) of (?:"
)
# "the Company's wholly owned subsidiary", "our subsidiaries": what follows is the registrant's,
# not the registrant
_OWNED_AFTER_POSSESSIVE = (
    r"\s+(?:(?:direct|indirect|wholly[- ]owned|principal|operating|bank(?:ing)?)\s+)*"
    r"(?:subsidiar(?:y|ies)|affiliates?|division)\b"
)
# "certain stockholders of the Company", "the Chairman of the Board of the Company": people and
# shares that are the registrant's
_PEOPLE_OR_SHARES_OF = (
    r"\b(?<!Board of )(?<!Boards of )"  # the board acts for the registrant: no holder
    r"(?:stockholders?|shareholders?|holders?|directors?|officers?|employees?|founders?|"
    r"Chairman(?: of the Board)?|(?:common |capital |preferred )?stock|shares|securities)"
    r" of (?:"
)
_OWN_WORDS = re.compile(r"\b(?:the Company|[Ww]e|our|us|the [Rr]egistrant|the Corporation)\b")
# "an affiliate of X", "20% of X": X is named as an owner, not as a party
_OWNER_OF = re.compile(
    r"(?:affiliates?|business|division|unit|parent|subsidiar(?:y|ies)|shareholder|"
    r"stockholder|member|portfolio company) of\s*$|% (?:of|in)\s*$|"
    r"\b(?:owned|controlled|managed|advised) by\s*$"
)
# a person's office at an organisation: "Bo Lund, a former director of Pell Corp.", "the
# President of Pell Corp." (the organisation describes the person, it is no party)
_OFFICE_OF = re.compile(
    office_noun_regex("Founder", "Employee") + r"\s+(?:of|at)\s+(?:the\s+)?$", re.I
)
# "(as successor to X (formerly Y))": a predecessor in a role, no party to the new instrument
PREDECESSOR = re.compile(
    r"(?:successor(?: in interest)? to|formerly(?: known as)?|f/k/a|predecessor to)\s*(?:the\s+)?$",
    re.I,
)
# kinds whose parties include the people named in the sentence
# kinds whose counterparty, when only people are named, is the registrant that employs them
_EMPLOYER_KINDS = ("employment", "separation")
_PERSON_KINDS = ("employment", "separation", "indemnification", "other", "governance")
# a person who signed with another: "the Company and Harold B. Weiss entered into"
_CO_SIGNER = re.compile(
    r"[ \t\xa0]+(?:(?:have|has|each)[ \t\xa0]+)?(?:entered[ \t\xa0]+into|signed|executed)\b"
)
_AND_BEFORE = re.compile(r"[ \t\xa0]and[ \t\xa0]+$")
# "with Mr. Hetzel": the person named in full before
_WITH_MR = re.compile(
    r"\b(?:with|between|among|and)\s+(?:Mr|Ms|Mrs|Dr)\.[ \t\xa0]+([A-Z][\w'’\-]+)\b"
    # "Mr. Parks’ offer letter": the person whose agreement it is
    r"|\b(?:Mr|Ms|Mrs|Dr)\.[ \t\xa0]+([A-Z][\w\-]+)[’'](?:s\b)?"
)
# any "Mr. Lenz" a sentence names (a person's agreement: "Mr. Lenz and the Company entered into
# a separation agreement"; the ledger: another person's agreement of the same title)
TITLED_SURNAME = re.compile(rf"\b{COURTESY_TITLES}\.[ \t\xa0]+([A-Z][\w\-]+)")
# "with him": the person just named. "Her" is the object only where no noun follows it ("with
# her, dated", "with her on"); "in connection with her appointment" names no party.
_OBJECT_HER = (
    r"her(?=\s*(?:[^\w\s]|$)|\s+(?:and|or|on|at|as|in|to|for|by|from|under|upon|until|"
    r"through|that|which|whereby|dated|effective|pursuant|regarding|relating|providing|setting)\b)"
)
_WITH_PRONOUN = re.compile(
    rf"\b(?:with|between|among)\s+(?:him\b|{_OBJECT_HER})|\b(?:him|her) and (?:the Company|us)\b"
)
# offices and courts are no parties ("Chief Executive Officer", "District Court")
_OFFICE_OR_COURT = re.compile(office_noun_regex("Court", "District"))
# "the Revolving Facility" is an agreement, not a party
_FACILITY = re.compile(r"\bFacility\b")
# "Acme's Board" names something of a party, not the party
_POSSESSIVE_INSIDE = re.compile(r"\w[’']s\s")
# a name ends where its defined term or a quote begins: 'Acme ("Seller")'
_TERM_OR_QUOTE = re.compile(
    r"\s*(?:[“\"]|\("
    # ... not a bracket inside a name, before its legal form: "Colfax Partners (QP), L.P.",
    # "Kessler Instruments (Shanghai) Co., Ltd."
    r"(?![^()]{1,30}\),?\s+(?:"
    + suffix_alternation(spellings("strong"), upper=False)
    + r"|Co\.|Company|Limited)(?!\w)))"
)
# "and", "each of the", "the" before a list item are no part of the name
_LEADING_CONNECTOR = re.compile(r"^(?:and|or)\s+")
_QUANTIFIER_OF = re.compile(r"^(?:each|all|both|any) of\s+(?:the\s+)?")
_LEADING_THE = re.compile(r"^the\s+")
# "$50 million", "10%": amounts are no parties; nor are dated things ("the 2010 Notes") unless
# institutions ("2010 Trust Company")
_AMOUNT_SIGN = re.compile(r"%|\$")
_YEAR = re.compile(r"\d{4}")


def _role_strip(item: str) -> str:
    item = _DEFINED_ROLE.sub("", item)
    item = _ROLE_CLAUSE.split(item)[0]
    item = _LEADING_CONNECTOR.sub("", item.strip())
    item = _QUANTIFIER_OF.sub("", item)
    item = _LEADING_THE.sub("", item)
    return item.strip(" ,;:")


def _protect_org_names(segment: str) -> str:
    """The segment with the commas and "and"s inside organisation names hidden ("Goldman, Sachs
    & Co.", "Harris Trust and Savings Bank"), so a list splits between names."""
    chars = list(segment)
    for org in find_orgs(segment):
        for i in range(org.start, org.end):
            if chars[i] == ",":
                chars[i] = "\u0001"
        for m in re.finditer(r"\sand\s", segment[org.start : org.end]):
            chars[org.start + m.start() + 1] = "\u0002"  # the "a" of "and"
    return "".join(chars)


def _list_items(text: str, seg_start: int, seg_end: int) -> list[tuple[int, str]]:
    """(offset, raw item) of the list ``text[seg_start:seg_end]`` (up to 600 characters)."""
    segment = text[seg_start:seg_end]
    if len(segment) > 600:
        segment = segment[:600]
    out = []
    pos = seg_start
    for part in _LIST_SPLIT.split(_FORM_COMMA.sub("\u0001", _protect_org_names(segment))):
        raw = part.replace("\u0001", ",").replace("\u0002", "a")
        idx = text.find(raw, pos, seg_end + 1)
        if idx >= 0:
            pos = idx + len(raw)
        out.append((idx, raw))
    return out


def _role_words(name: str) -> bool:
    """Whether a list item is a role or a quantity ("the lenders party thereto", "Agent"), not
    a name that opens with such a word ("Bank One, N.A.", "The Bank of New York Mellon")."""
    m = _NOT_PARTY.match(name)
    return m is not None and not _NAME_GOES_ON.match(name, m.end())


# after a role word, a capitalised word (perhaps after "of") makes the item a name
_NAME_GOES_ON = re.compile(r"[ \t\xa0]+(?:of[ \t\xa0]+)?[A-Z]")


def _listed_name(raw: str, known) -> str | None:
    """The party a list item names: a name, ``REGISTRANT``, or None."""
    name = _role_strip(raw)
    if name and name[0].isupper() and name.lower() in known:
        return name  # a role the report defined for a named firm ('as agent (the "Agent")')
    if not name or not name[0].isupper() or _role_words(name):
        if name.lower() in REGISTRANT_REFS or _REGISTRANT_WORD.match(name):
            return REGISTRANT
        return None
    if name.lower() in REGISTRANT_REFS:
        return REGISTRANT
    words_ = name.split()
    if len(words_) > 9 or any(w[0].islower() and w not in _NAME_CONNECTORS for w in words_):
        return None
    if _AMOUNT_SIGN.search(name) or (_YEAR.search(name) and not INSTITUTION.search(name)):
        return None
    if name.lower() not in known and not _party_like(name):
        return None
    return name


def list_parties(
    text: str, start: int, end: int, known: frozenset[str] | set[str] = frozenset()
) -> list[tuple[int, str]]:
    """Names in party lists: "by and among A, B and C", "with X, as administrative agent";
    ``known`` are defined terms of organisations (lower case) that count as names ("among the
    Registrant, Combinet and Sub")."""
    out = []
    text = _without_limited_purposes(text, start, end)
    for m in _LIST_START.finditer(text, start, end):
        # one character past the sentence: the space after its final "." ends the list there
        stop = _LIST_END.search(text, m.end(), min(len(text), end + 1))
        for idx, raw in _list_items(text, m.end(), min(stop.start(), end) if stop else end):
            name = _listed_name(raw, known)
            if name is not None:
                out.append((idx, name))
    return out


# "..., and, solely for the limited purposes set forth in Section 11.17 thereof, Buyer Parent,
# Inc.": an aside inside a party list, which the list goes on after
_LIMITED_PURPOSES = re.compile(
    r",[ \t\xa0]*(?:solely|only)[ \t\xa0]+(?:for|with[ \t\xa0]+respect[ \t\xa0]+to)"
    r"[ \t\xa0]+(?:the[ \t\xa0]+)?(?:limited[ \t\xa0]+)?purposes?\b[^,;()]{0,100},"
)


def _without_limited_purposes(text: str, start: int, end: int) -> str:
    """``text`` with the limited-purposes asides of ``text[start:end]`` blanked (same length)."""
    if not _LIMITED_PURPOSES.search(text, start, end):
        return text
    window = _LIMITED_PURPOSES.sub(lambda m: " " * len(m.group(0)), text[start:end])
    return text[:start] + window + text[end:]


def _party_like(name: str) -> bool:
    """A list item that can be a party: an organisation or a natural person's full name."""
    if _NOT_PARTY_LIKE.search(name):
        return False
    if INSTITUTION.search(name) and len(name.split()) >= 2:
        return True
    if _ACRONYM_LED.fullmatch(name) and not find_persons(name):
        return True
    if any(o.name == name for o in find_orgs(name)):
        return True
    return any(p.name == name for p in find_persons(name))


class Resolver:
    """Maps a name as written (alias, "the Company", short form) to the full name first given."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._index: dict[str, list] = {}
        self._index_size = -1
        self._acronyms: dict[str, str | None] = {}

    def resolve(self, name: str, at: int | None = None) -> str | None:
        """The full name ``name`` stands for; ``at``, where it is written, tells which of two
        persons of one surname a "Mr. Lauder" names."""
        ctx = self.ctx
        low = name.lower().strip()
        term = _LEADING_THE.sub("", low)  # "The Joint Venture" is the term "Joint Venture"
        if (
            name == REGISTRANT
            or low in REGISTRANT_REFS
            or low in ctx.registrant_aliases
            or term in ctx.registrant_aliases  # "The Trust" for the term "Trust"
        ):
            return ctx.registrant
        if term in ctx.org_aliases:
            # a term the report defines wins over a name it starts like: "Corvane BV" defined
            # for Corvane Peru Holdings B.V. is not the registrant Corvane Mining Corp.
            return ctx.org_aliases[term]
        if ctx.registrant and same_name(name, ctx.registrant) and len(name_tokens(name)) >= 1:
            if name_tokens(ctx.registrant)[: len(name_tokens(name))] == name_tokens(name):
                return ctx.registrant
        toks = name_tokens(name)
        if not toks:
            return name
        spelled = self._spelled_out(name)
        if spelled:
            return self.resolve(spelled)
        person = self._person_by_surname(name, at)
        if person:
            return person
        if self._index_size != len(ctx.orgs):
            self._build_index()
        for full in self._index.get(toks, ())[:2]:
            if full != name and self._short_form_of(name, full):
                return full
        return name

    def _spelled_out(self, name: str) -> str | None:
        """The phrase an acronym stands for, read from the report once per acronym (the
        resolver is asked for the same names again and again)."""
        if name not in self._acronyms:
            self._acronyms[name] = spelled_out(name, self.ctx.text)
        return self._acronyms[name]

    @staticmethod
    def _short_form_of(name: str, full: str) -> bool:
        """Whether ``name`` can be a short form of ``full``: not a name of another legal form,
        and not itself a full legal name ("Icahn Partners LP" is no short form of "Icahn
        Partners Master Fund LP")."""
        if other_legal_form(name, full):
            return False
        return not legal_form(name) or name_tokens(name) == name_tokens(full)

    def _person_by_surname(self, name: str, at: int | None) -> str | None:
        """ "Mr. Martin" or "Martin": the person of the report with that surname."""
        last = COURTESY_LEAD.sub("", name).strip()
        if " " in last or not last[:1].isupper():
            return None
        # a surname alone ("the Weiss family") is looked up only when one person bears it; a
        # courtesy title ("Mr. Weiss") names the one last named in full before it
        where = at if COURTESY_LEAD.match(name) else None
        return person_by_surname(self.ctx.persons, last, self.ctx.text, where)

    def _build_index(self) -> None:
        """Every prefix of the tokens of each full name -> the full names it starts."""
        self._index = {}
        for full in self.ctx.orgs:
            ft = name_tokens(full)
            for i in range(1, len(ft) + 1):
                self._index.setdefault(ft[:i], []).append(full)
        self._index_size = len(self.ctx.orgs)


def _without_own_subsidiaries(ctx: Context, sent: str) -> str:
    """The sentence without the registrant's names that only say whose a subsidiary, an officer
    or a share is ("X, a wholly-owned subsidiary of the Company", "the Company's subsidiary",
    "certain stockholders of the Company"): there the registrant names no party."""
    terms = tuple(sorted(a for a in ctx.registrant_aliases if len(a) > 2))
    for pattern in _registrant_as_owner(ctx.registrant, terms):
        sent = pattern.sub(" ", sent)
    return sent


@lru_cache(maxsize=64)  # read for every sentence of a report: built once per registrant
def _registrant_as_owner(registrant: str | None, terms: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """The patterns, in the order applied, of the registrant named only as an owner (``terms``:
    the short names the report defined for it, "Wabash Meridian")."""
    own = ["the Company", "the Registrant", "the Corporation", "us", "ours"]
    if registrant:
        own.insert(0, re.escape(registrant).replace(r"\ ", r"\s+"))
    names = "|".join(own)
    # a defined short name is the registrant's only where no other name word follows
    # ("subsidiary of Wabash Meridian, and": the registrant; "of Wabash Meridian Bank": not);
    # a bracket after it defines the subsidiary ("... of QuantaLink ("Merger Sub")"), so stays
    short = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return (
        # (?!\w), not \b: a name may end with a period ("Acme, Inc.")
        re.compile(_SUBSIDIARY_OF + names + r")(?!\w)(?:\s*\([^)]*\))?", re.I),
        *(
            [re.compile(_SUBSIDIARY_OF + short + r")(?![\w&]|\s+(?-i:[A-Z&]))", re.I)]
            if short
            else []
        ),
        re.compile(r"\b(?:" + names + r")[’']s" + _OWNED_AFTER_POSSESSIVE, re.I),
        re.compile(r"\bour" + _OWNED_AFTER_POSSESSIVE),
        re.compile(_PEOPLE_OR_SHARES_OF + names + r")(?!\w)(?:\s*\([^)]*\))?", re.I),
    )


def _registrant_named(ctx: Context, sent: str) -> bool:
    if _OWN_WORDS.search(sent):
        return True
    # a short name inside a longer one is no mention: "Brightwater Operating" or "Operating
    # Company, LLC" for the alias "company" (a comma before a legal form); "among QuantaLink,
    # Merger Sub" is one
    return bool(ctx.registrant) and any(
        not _FORM_COMMA.match(sent, m.end())
        for a in ctx.registrant_aliases | {ctx.registrant.lower()}
        for m in re.finditer(r"\b" + re.escape(a) + r"\b(?![’']s)(?!\s+(?-i:[A-Z]))", sent, re.I)
    )


# securities handed to a holder: "issued to Kestrel Hollow a warrant", "sold to Orrey ..."
_ISSUED_TO = re.compile(
    r"\b(?:issued|sold|granted)(?:\s+and\s+(?:issued|sold))?\s+to\s+(?:the\s+)?"
)


_WARRANT = re.compile(r"\b[Ww]arrants?\b")


def _recipients(ctx: Context, sent: str) -> list[tuple[int, str]]:
    """The aliases written right after "issued to" in a sentence that issues a warrant (its
    holders), with their offsets in the sentence."""
    out = []
    if not _WARRANT.search(sent):
        return out
    for m in _ISSUED_TO.finditer(sent):
        after = sent[m.end() : m.end() + 60]
        for alias in ctx.org_aliases:
            if len(alias) > 2 and re.match(re.escape(alias) + r"(?![\w”\"])", after, re.I):
                if after[0].isupper():
                    out.append((m.end(), after[: len(alias)]))
    return out


def _named_spans(
    ctx: Context, text: str, s: int, e: int, sent: str
) -> tuple[list[tuple[int, str]], set[str]]:
    """(offset in sentence, name) of organisations, aliases in the subject and listed parties;
    and the names of the party lists."""
    orgs = find_orgs(sent)
    spans = [(o.start, o.name) for o in orgs]
    verb = VERB.search(sent)
    subject = sent[: verb.start()] if verb else ""
    subject_low = subject.lower()
    for alias in ctx.org_aliases:
        if len(alias) > 2 and alias in subject_low:
            am = re.search(r"(?<![\w“\"])" + re.escape(alias) + r"(?![\w”\"])", subject, re.I)
            if am and subject[am.start()].isupper():
                spans.append((am.start(), alias))
    listed = list_parties(text, s, e, set(ctx.org_aliases))
    spans += [(p - s if p >= 0 else 0, n) for p, n in listed]
    recipients = _recipients(ctx, sent)
    spans += recipients
    spans += coordinated_names(sent, ctx.text, orgs)
    spans.sort()
    return spans, {n for _, n in listed} | {n for _, n in recipients}


def _person_names(
    ctx: Context,
    text: str,
    s: int,
    e: int,
    sent: str,
    kind: str,
    names: list[str],
    listed_names: set[str],
) -> list[str]:
    """``names`` with the people that are parties: all named for person kinds, else only listed
    ones; "with Mr. Hetzel" and "with him" resolved to the person named before."""
    # (a person named as someone's relative, "the brother of X", is X's description: no party)
    found = [p for p in find_persons(text, s, e) if not named_as_relative(text, p.start)]
    if kind in _PERSON_KINDS:
        names = names + [p.name for p in found if not _in_relative_clause(sent, p.start - s)]
    else:  # a person is a party of any agreement when named in its list ("with Jan H. Loeb")
        persons = {p.name for p in found}
        names = [n for n in names if n not in persons or n in listed_names]
        # or as one of those who signed: "the Company and Harold B. Weiss entered into"
        names += [
            p.name
            for p in found
            if _CO_SIGNER.match(text, p.end)
            and _AND_BEFORE.search(text, max(0, p.start - 8), p.start)
        ]
    courtesy = TITLED_SURNAME if kind in _PERSON_KINDS else _WITH_MR
    for m in courtesy.finditer(sent):
        if _in_relative_clause(sent, m.start()):
            continue
        last = next(g for g in m.groups() if g)
        full = person_by_surname(ctx.persons, last, ctx.text, s + m.start())
        if full:
            names.append(full)
    if _WITH_PRONOUN.search(sent):
        before = find_persons(text, max(0, s - 1500), s) or find_persons(text, s, e)
        if before:
            names.append(before[-1].name)
    return names


def _clean_names(names: list[str]) -> list[str]:
    """Names without shorter tails of longer ones, offices, agreement titles, defined terms,
    possessives."""
    names = [
        n for n in names if not any(n != o and len(n) < len(o) and o.endswith(n) for o in names)
    ]
    names = [n for n in names if n == REGISTRANT or not _OFFICE_OR_COURT.search(n)]
    names = [n for n in names if n == REGISTRANT or not (HEAD_RE.search(n) or _FACILITY.search(n))]
    names = [_TERM_OR_QUOTE.split(n)[0].strip(" ,") if n != REGISTRANT else n for n in names]
    return [n for n in names if n == REGISTRANT or (n and not _POSSESSIVE_INSIDE.search(n))]


def _split_joined(resolver: Resolver, names: list[str]) -> list[str]:
    """ "Acme and Beta" as two names when its left part is a known organisation."""
    out = []
    for n in names:
        if " and " in n and n != REGISTRANT:
            left, right = n.split(" and ", 1)
            full_left = resolver.resolve(left)
            if full_left != left and full_left != n and not same_name(full_left, n):
                out += [left, right]
                continue
        out.append(n)
    return out


def _resolved(ctx: Context, resolver: Resolver, names: list[str]) -> list[str]:
    """Full names, once each, the registrant first (the registrant alone when nobody else is
    named)."""
    out: list[str] = []
    for n in names:
        full = resolver.resolve(n)
        if not full or full.lower() in REGISTRANT_REFS:
            continue
        if full == n and is_defined_term(ctx.text, n):
            continue  # “Interim Surviving Corporation”: a role the report defines, no entity
        if any(name_tokens(full) == name_tokens(o) and not other_legal_form(full, o) for o in out):
            continue
        out.append(full)
    if not out and ctx.registrant:
        out.append(ctx.registrant)
    if ctx.registrant in out:
        out.remove(ctx.registrant)
        out.insert(0, ctx.registrant)
    return out


# "acquisition of 100% of the share capital of Dako A/S": the company bought, which a sale of its
# shares does not make a party
# a word in brackets between the shares and their company: "shares (Geschäftsanteile) of X"
_ASIDE = re.compile(r"\s*\([^()\"“”]{1,40}\)(?=\s+(?:of|in)\s+$)")
_BOUGHT = re.compile(
    r"\b(?:acquisition|purchase|sale|acquired?|purchased?|sold|sell)\b"
    # "... (the "Acquisition") by Agilent Europe of 100% of": the buyer may come between
    r"(?:\s+(?:by|from|to)\s+[A-Z][^.;,]{0,50}?)?\s+(?:of\s+)?"
    r"(?:(?:\d{1,3}(?:\.\d+)?%|all|substantially all)\s+of\s+)?(?:the\s+)?"
    r"(?:(?:issued|outstanding|and|capital|share|shares|stock|equity|membership|interests?|common|"
    r"preferred|ordinary)\s+)*"
    r"(?:of|in)\s+$",
    re.I,
)
# "as a British Virgin Islands Company": an indefinite article before a name of a weak form
_DESCRIPTOR = re.compile(r"\b(?:a|an)\s+$")
_WEAK_FORM_END = re.compile(r"\b(?:Company|Corporation|Partnership)$")
# ", who most recently served as Group President, Alcoa Packaging": a clause describing a person
# ", who ...", and ", which was approved by the Board upon the recommendation of X": a clause
# that names people for another role than a party's
_WHO = re.compile(
    r",\s+who\b|,\s+which\s+(?:was|were|has\s+been|had\s+been)\s+(?:\w+\s+){0,2}?"
    r"(?:approved|recommended|reviewed|negotiated|authorized)\b"
)


def _in_relative_clause(sent: str, pos: int) -> bool:
    """Whether ``pos`` lies in a ", who ..." clause (up to the next ";" or party list), where
    the names describe a person's office, not the parties."""
    who = _WHO.search(sent, 0, pos)
    return who is not None and not re.search(r";|" + _LIST_START.pattern, sent[who.end() : pos])


def party_names(
    ctx: Context, resolver: Resolver, text: str, s: int, e: int, kind: str
) -> list[str]:
    """The parties of an agreement of ``kind`` reported in sentence ``text[s:e]``."""
    sent = _without_own_subsidiaries(ctx, text[s:e])
    names: list[str] = [REGISTRANT] if _registrant_named(ctx, sent) else []
    spans, listed_names = _named_spans(ctx, text, s, e, sent)
    for pos, name in spans:
        before = sent[max(0, pos - 40) : pos].lower()
        if _OWNER_OF.search(before) and "wholly" not in before or PREDECESSOR.search(before):
            continue
        if _OFFICE_OF.search(before):
            continue
        if _in_relative_clause(sent, pos):
            continue
        if _DESCRIPTOR.search(sent[max(0, pos - 5) : pos]) and _WEAK_FORM_END.search(name):
            continue  # "a British Virgin Islands Company": what the company is, not its name
        if kind == "purchase_sale" and _BOUGHT.search(
            _ASIDE.sub("", _DEFINED_ROLE.sub("", sent[max(0, pos - 160) : pos]))
        ):
            continue
        names.append(name)
    names = _person_names(ctx, text, s, e, sent, kind, names, listed_names)
    names = _split_joined(resolver, _clean_names(names))
    if kind in _EMPLOYER_KINDS and names and REGISTRANT not in names:
        if all(n in ctx.persons for n in (resolver.resolve(n) for n in names)):
            names.insert(0, REGISTRANT)  # an officer's agreement: the employer is the other party
    return _resolved(ctx, resolver, names)
