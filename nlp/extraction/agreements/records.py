"""New agreement records: which mentions make one, and the record a mention makes."""

from __future__ import annotations

import re

from ...reader.dates import WRITTEN_DATE
from ...kinds import decide_kind, kind_with_person, section_override
from ...names import COURTESY_TITLES
from ...orgs import alias_after, inside_parenthesis, inside_quotes, same_name
from .dates import PRIOR_PERIOD_DAYS, after_dated, date_for, dated_after, dated_in_report, recent
from .enumeration import masked_to_clause
from .exhibits import exhibit_after
from .groups import with_group_members
from .mentions import AMENDING_OR_ATTACHING, BARE, HEAD_RE, PAST_ADVERB, title_key
from .model import COMPLETION_ITEMS, Agreement, Context, Event, Mention, Sentence
from .parties import Resolver, party_names

# titles that name no agreement of their own when capitalised alone
_BARE_CAPITALISED = (
    "Amendment",
    "Agreement",
    "Agreements",
    "Letter",
    "Contract",
    "Commitment",
    "Waiver",
)
# "a/an/new agreement": a bare generic title introduced as new
_NEW_DET = re.compile(r"\b(?:an?|new)\s+$")
# ", to be dated as of the closing": an agreement still to be made
_TO_BE_MADE = re.compile(r"\s*,?\s*to be (?:dated|entered|executed|signed)")
# "First Amendment to the 2010 Stock Plan", "an amendment of the Company's Bylaws", "an amendment
# to Article VII of the Certificate of Incorporation": an amendment to a plan or to a governing
# document of the registrant, which is no agreement
_TO_A_PLAN = re.compile(
    r"\s*(?:\([^)]*\)\s*)?(?:to|of) (?:the |its |our |the Company[’']s |[A-Z][\w.&]*[’']s )?"
    r"(?:(?:[A-Z0-9][\w\-’']*|of|the|and)\s+){0,8}?(?:Plan\b(?! of)|(?i:by-?laws|articles?\b|"
    r"certificate of incorporation|charter\b|code of|policy\b))"
)
# a title that is an amendment (or supplement, waiver, joinder) of another agreement
AMENDMENT_TITLE = re.compile(
    r"(?i)^(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    rf"\w+)\s+)?(?:amended and restated|supplemental agreement|{AMENDING_OR_ATTACHING})\b"
    r"(?:\s+no\.\s*\d+)?"
)
# a possessive determiner before an amended agreement: "Mr. Smith's", "the Company's", "his"
_POSSESSIVE = (
    r"(?:(?:the\s+)?(?:[A-Za-z][\w.\-]*\s+){0,2}[A-Za-z][\w\-]*[’'](?:s\b)?|his|her|their)\s+"
)
# the words between an amendment and its object: "Amendment No. 1 (the "Amendment") to the existing"
TO_OBJECT = re.compile(
    r"^(?:[”\"'’]?\))?(?:\s*\([^)]*\))?"
    # ", dated as of March 1, 2014," / ", effective January 1, 2015,"
    rf"(?:\s*,\s*(?:dated|effective)(?:\s+as\s+of)?\s+(?:{WRITTEN_DATE}))?"
    r"\s*,?\s*to\s+"
    # "to Mr. Linwood's Employment Agreement": the object's run opens with the possessor's name
    rf"(?:the\s+|its\s+|our\s+|that\s+certain\s+|{_POSSESSIVE}|{COURTESY_TITLES}\.\s+)?"
    r"(?:existing\s+|outstanding\s+|original\s+|prior\s+)?(?:\$[\d.,]+\s+(?:million|billion)\s+)?$",
    re.I,
)
# "which amends the Credit Agreement": the object of an amendment reported in the same sentence
# a bare "to" before an amended agreement, not "pursuant to", "subject to", "prior to" ...
NOT_AFTER_BARE_TO = "(?<!pursuant )(?<!subject )(?<!prior )(?<!according )(?<!due )"
AMENDED_OBJECT = re.compile(
    # a bare "to" ("Amendment No. 1, dated ..., to the Credit Agreement"), not "pursuant to the"
    r"\b(?:amending|amends|to amend|which amend\w*|amendment to|"
    # "which extends the term of his Employment Agreement": an extension changes it
    r"extend(?:s|ing)?\s+the\s+(?:term|maturity(?:\s+date)?|expiration(?:\s+date)?)\s+of|"
    + NOT_AFTER_BARE_TO
    + r"to|restat\w*|"
    r"amend\w* and restat\w*)(?: in (?:its|their) entirety)?\s+"
    rf"(?:the\s+|its\s+|{_POSSESSIVE})?(?:existing\s+)?"
    r"(?:\$[\d,.]+(?:\s+(?:million|billion))?\s+)?$"  # "the Company's $5,000,000 Note"
)
# quote characters before a mention: a defined term, not a new agreement
_QUOTES = ('"', "“", "'", "‘")
# "X, as previously amended by Amendment No. 1 dated ...", "X, as amended by Amendment No. 1
# thereto": the amendment is part of X's description, not an instrument the report makes (a plain
# "as amended by the First Amendment" may be the report's own amendment)
_HISTORY_OF = re.compile(rf"\bas (?:{PAST_ADVERB} )?amended by\s+(?:(?:the|an?)\s+)?$")
_PREVIOUSLY = re.compile(rf"\bas {PAST_ADVERB} amended")
_THERETO = re.compile(r"[ \t\xa0]+thereto\b")


# ... and the later items of a list of them: "as previously amended by a First Amendment dated
# as of December 20, 2002, a Second Amendment dated as of September 30, 2003 and a Fourth
# Amendment dated as of January 18, 2005", "as previously amended by Amendment No. 1 dated
# January 9, 2006 and Amendment No. 2 dated November 30, 2007" (with its adverb, or dated before
# the report)
_HISTORY_CHAIN = re.compile(
    rf"\bas (?P<adverb>{PAST_ADVERB} )?amended by\b[^;()]{{0,300}}?"
    r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:a|an|the)\s+)?$"
)


def _history_of(
    text: str, mention: Mention, pre: str, s: int, e: int, report_date: str | None
) -> bool:
    """Whether the mention is an amendment X went through before: "as previously amended by",
    "as amended by Amendment No. 1 thereto", "as amended by Amendment No. 1 dated June 10, 2010"
    (a date before the report's events)."""
    found = _HISTORY_OF.search(pre)
    if found is not None and (
        _PREVIOUSLY.match(found.group(0))
        or _THERETO.match(text, mention.end)
        or _dated_before_the_report(text, mention, e, report_date)
    ):
        return True
    chain = _HISTORY_CHAIN.search(text, max(s, mention.start - 320), mention.start)
    return chain is not None and (
        bool(chain.group("adverb")) or _dated_before_the_report(text, mention, e, report_date)
    )


# "This Amendment No. 1 on Form 8-K/A amends the Current Report": the report amended, no agreement
_OF_THE_REPORT = re.compile(
    r"\s+(?:on|to)\s+(?:(?:this|the|its|our)\s+)?(?:Form\s+8-K|Current\s+Report)"
)


def _dated_before_the_report(text: str, mention: Mention, e: int, report_date: str | None) -> bool:
    dated = dated_after(text, mention.end, e)
    return dated is not None and report_date is not None and not dated_in_report(dated, report_date)


def makes_no_record(
    text: str,
    mention: Mention,
    pre: str,
    s: int,
    e: int | None = None,
    report_date: str | None = None,
) -> bool:
    """Whether a mention in the sentence ``text[s:e]`` that names no earlier record makes no new
    one either: a bare title, an agreement still to be made, an amendment of a plan, a quoted
    caption, a parenthesis."""
    e = len(text) if e is None else e
    if mention.generic and mention.title in BARE and not _NEW_DET.search(pre):
        # "the agreement": a bare generic title is new only as "a/an/new agreement", or when it
        # dates and names one ("the indenture, dated as of May 10, 2006 (the "2006 Indenture")")
        return not dated_and_named(text, mention, e)
    if mention.title in _BARE_CAPITALISED:
        return True
    if _TO_BE_MADE.match(text[mention.end : mention.end + 30]):
        return True
    if _history_of(text, mention, pre, s, e, report_date):
        return True  # "the Credit Agreement, as amended by Amendment No. 1 thereto": its history
    if AMENDMENT_TITLE.fullmatch(mention.title) and (
        _TO_A_PLAN.match(text[mention.end : mention.end + 90])
        or _OF_THE_REPORT.match(text, mention.end, mention.end + 60)
    ):
        return True  # an amendment of a plan, or "Amendment No. 1 on Form 8-K/A": the report's
    if inside_quotes(text, s, mention.start):
        return True  # inside a quoted caption or title
    return inside_parenthesis(text, s, mention.start)


def agreement_term_after(text: str, mention: Mention, end: int) -> str | None:
    """The defined term of an agreement given right after the mention (and its ", dated ..."):
    ("the "2006 Indenture"")."""
    term, _ = alias_after(text, after_dated(text, mention.end, end))
    return term if term and HEAD_RE.search(term) else None


def dated_and_named(text: str, mention: Mention, end: int) -> bool:
    """Whether a mention is followed by its own ", dated ..." and a new defined term of an
    agreement: it names an agreement of its own."""
    dated = dated_after(text, mention.end, end)
    return dated is not None and agreement_term_after(text, mention, end) is not None


def next_unquoted(text: str, mentions: list[Mention], i: int, default: int) -> int:
    """Where the next mention after the ``i``-th starts that is not a quoted defined term."""
    return next(
        (mm.start for mm in mentions[i + 1 :] if text[mm.start - 1 : mm.start] not in _QUOTES),
        default,
    )


# an amending instrument that names no object: "Amendment No. 4", "the Second Amendment" (its
# "dated" date is its own; in "Amendment No. 4 to X dated ..." it may be X's)
_BARE_AMENDMENT = re.compile(r"^(?:\w+ )?(?:amendment|waiver|extension)\b(?!.* (?:to|of|under) )")


def _recalled(
    action: str | None, dated: str | None, report_date: str | None, item: str, key: str
) -> bool:
    """An agreement "entered", or an amending instrument that names no object, dated before the
    last quarter is recalled, not reported ("..., most recently by Amendment No. 4 dated as of
    November 15, 2002" in a report of September 2003)."""
    if action == "amended" and _BARE_AMENDMENT.match(key):
        action = "entered"
    return (
        action == "entered"
        and bool(dated and report_date)
        and item not in COMPLETION_ITEMS
        and dated < report_date
        and not recent(dated, report_date, PRIOR_PERIOD_DAYS)
    )


def _kind(title: str, sentence: str, section_text: str) -> str:
    """The kind the title and its sentence say; the whole section's words when they say nothing."""
    kind = decide_kind(title, sentence)
    if kind == "other":
        return decide_kind(title, section_text)
    return section_override(title, section_text) or kind


def new_record(
    ctx: Context,
    resolver: Resolver,
    mentions: list[Mention],
    i: int,
    event: Event,
    sent: Sentence,
    item: str,
    section: tuple[int, int],
    sent_exhibits: list[tuple[int, str]],
) -> tuple[Agreement, str | None]:
    """The record the ``i``-th mention makes, and the defined term that follows it (if a title)."""
    text, s, e = ctx.text, sent.start, sent.end
    mention = mentions[i]
    nxt = next_unquoted(text, mentions, i, e)
    date, dated = date_for(
        text, mention, (s, e), event.action or "entered", item, ctx.report_date, nxt
    )
    action, was_background = event.action, event.was_background
    title = _title_of(text, mention, e)
    if _recalled(action, dated or date, ctx.report_date, item, title_key(title)):
        action, was_background = None, True
    kind = _kind(title, sent.text, text[section[0] : section[1]])
    record = Agreement(
        title,
        kind,
        action,
        date,
        [],
        None,
        s,
        e,
        dated=dated,
        key=title_key(title),
        background=was_background,
    )
    record.parties = with_group_members(
        ctx.org_groups,
        text[s : mention.start],
        text[mention.end : e],
        _parties_of(ctx, resolver, mentions, i, s, e, record.kind),
    )
    if any(p in ctx.persons for p in record.parties):
        record.kind = kind_with_person(record.kind)
    nxt = mentions[i + 1].start if i + 1 < len(mentions) else 10**9
    record.exhibit = exhibit_after(mention, sent_exhibits, nxt)
    alias, _ = alias_after(text, after_dated(text, mention.end, e))
    return record, (alias if alias and HEAD_RE.search(alias) else None)


def _parties_of(
    ctx: Context, resolver: Resolver, mentions: list[Mention], i: int, s: int, e: int, kind: str
) -> list[str]:
    """The parties the sentence names for its ``i``-th mention's agreement: those of its own
    clause when the sentence enumerates agreements and that clause names anyone but the
    registrant."""
    mention = mentions[i]
    spans = [(m.start, m.end) for m in mentions]
    masked = masked_to_clause(ctx.text, s, e, mention.start, spans)
    if masked is not None:
        own = party_names(ctx, resolver, masked, s, e, kind)
        if any(not same_name(p, ctx.registrant) for p in own):
            return _without_terms_clause(ctx, resolver, masked, mention, s, e, kind, own)
    named = _without_parties_of_a_later_act(
        ctx, resolver, mention, s, e, kind, party_names(ctx, resolver, ctx.text, s, e, kind)
    )
    named = _without_terms_clause(ctx, resolver, ctx.text, mention, s, e, kind, named)
    clause_end = _own_clause_end(ctx.text, mention, e)
    if clause_end == e or not any(p in ctx.persons for p in named):
        return named
    own = party_names(ctx, resolver, ctx.text, s, clause_end, kind)
    return [p for p in named if p in own or p not in ctx.persons]


# the clause that tells an agreement's terms: "... with Bo Lund, pursuant to which Mr. Lund agreed
# not to compete with Orbit Corp."
_TERMS_CLAUSE = re.compile(r",?\s+(?:pursuant to|under|by) which\b|,?\s+whereby\b")


def _without_terms_clause(
    ctx: Context, resolver: Resolver, text: str, mention: Mention, s: int, e: int, kind, named
) -> list[str]:
    """``named`` without the names only the clause of the agreement's terms gives, once the
    parties were named before it ("a Non-Competition Agreement with Bo Lund pursuant to which
    Mr. Lund agreed not to compete with Orbit Corp."); a clause that gives the counterparty
    ("an agreement pursuant to which the Company sold its plant to Orbit Corp.") keeps its
    names."""
    terms = _TERMS_CLAUSE.search(text, mention.end, e)
    if terms is None:
        return named
    before = party_names(ctx, resolver, text, s, terms.start(), kind)
    if not any(not same_name(p, ctx.registrant) for p in before):
        return named
    return [
        p for p in named if same_name(p, ctx.registrant) or any(same_name(p, q) for q in before)
    ]


# a clause after the agreement's that tells another act of the registrant or of a person: "Blue
# Heron entered into a Service Agreement with Mr. Kershaw, and the Company appointed Mr. Kershaw
# as its Vice President", "Ms. Raman entered into an employment agreement with Lattimer, and Mr.
# Dempster is expected to remain available" (the registrant or person named only there is no
# party)
_ANOTHER_ACT_AFTER = re.compile(
    r",?\s+and\s+(?:(?:the\s+(?:Company|Registrant|Corporation)|we)\s+(?:also\s+)?"
    r"(?!entered\b|executed\b|signed\b|became\b|is\b|are\b|was\b|were\b|and\b)[a-z]+\b|"
    r"(?:Mr|Ms|Mrs|Dr)\.\s+[A-Z][\w'’\-]+\s+(?:is|was|will|has|had|would|shall|also)\b)"
)


def _without_parties_of_a_later_act(
    ctx: Context, resolver: Resolver, mention: Mention, s: int, e: int, kind: str, named: list
) -> list[str]:
    """``named`` without the registrant and the persons that only a later clause of another act
    names."""
    later = _ANOTHER_ACT_AFTER.search(ctx.text, mention.end, e)
    if later is None:
        return named
    own = party_names(ctx, resolver, ctx.text, s, later.start(), kind)

    def only_later(p: str) -> bool:
        mine = same_name(p, ctx.registrant) or p in ctx.persons
        return mine and not any(same_name(p, q) for q in own)

    return [p for p in named if not only_later(p)]


# an agreement takes the people of its own clause: "BAC entered into a Consulting Agreement with
# Mr. Weisz, ..., and the Company entered into a Noncompetition Agreement with Mr. Weisz and
# Mr. Kallas" gives the consulting agreement Weisz alone
_NEXT_CLAUSE = re.compile(
    r",\s+and\s+(?=[^,;()]{0,80}?\b(?:entered|executed|signed|agreed|became)\b)|;\s+"
)


def _own_clause_end(text: str, mention: Mention, e: int) -> int:
    """Where the clause of ``mention`` ends: before the clause that names the sentence's next
    agreement, or at the sentence's end."""
    nxt = HEAD_RE.search(text, mention.end, e)
    if nxt is None:
        return e
    breaks = list(_NEXT_CLAUSE.finditer(text, mention.end, nxt.start()))
    return breaks[-1].start() if breaks else e


def _title_of(text: str, mention: Mention, e: int) -> str:
    """The mention's title; a bare one ("an agreement (the "Stock Purchase Agreement")") takes
    the name the report defines for it."""
    if not (mention.generic and mention.title in BARE):
        return mention.title
    term, _ = alias_after(text, after_dated(text, mention.end, e))
    return term if term and HEAD_RE.search(term) else mention.title
