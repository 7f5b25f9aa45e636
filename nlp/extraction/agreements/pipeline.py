"""The agreement extractor's flow: sections → sentences → mentions → events → records → merge.

Each sentence of an item section that reports agreements is read in turn: its mentions are found
(stage 1), the event the sentence reports for each is classified (stage 2), a mention names an
earlier record (completing it) or makes a new one with its date, parties and exhibit (stage 3);
the records with an event are then consolidated, dated from their section, matched with the
exhibit index and split per person (stage 4)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...kinds import decide_kind, kind_from_title, section_override
from ...sentences import sentence_spans
from .dates import after_report, section_event_date
from .events import classify_event, read_sentence
from .index_lines import index_agreements
from .exhibits import (
    attach_index_exhibits,
    about_another_document,
    exhibit_after,
    reconcile_exhibits,
    exhibit_list_numbers,
    exhibits_in,
)
from .counterparty import counterparty_at
from .ledger import (
    Ledger,
    Scope,
    add_record,
    complete_target,
    defined_terms,
    find_target,
    name_quoted,
)
from .mentions import ORDINAL, sentence_mentions, title_key
from .merge import consolidate, drop_restated_originals, split_people
from .model import (
    AGREEMENT_EVENT_ITEMS,
    COMPLETION_ITEMS,
    NO_AGREEMENT_ITEMS,
    Agreement,
    Context,
    Mention,
    Sentence,
)
from .listed import ListLead, amended_item_record, is_marked_item, list_goes_on, list_lead
from .parties import Resolver
from .records import (
    AMENDED_OBJECT,
    AMENDMENT_TITLE,
    NOT_AFTER_BARE_TO,
    TO_OBJECT,
    dated_and_named,
    makes_no_record,
    new_record,
    next_unquoted,
)

# "Entry into a Material Definitive Agreement": the item's own heading, no agreement
_ITEM_TITLE = re.compile(
    r"(?i)material definitive|off-balance sheet|entry into|^termination of|^amendment of|"
    r"^completion of"
)
# an "Item 1.01 ..." heading sentence reports nothing
_ITEM_HEADING = re.compile(r"(?i)item\s+\d")
# a title right after an opening quote is a defined term of the agreement just named
_QUOTE_CHARS = "\"“'‘"
# a mention that opens a quoted defined term, after the initials it may start with: "the "E.
# Lindqvist Agreement""
_QUOTED_BEFORE = re.compile(rf"[{_QUOTE_CHARS}](?:[A-Z]\.[ \t\xa0\n]+)*$")


def extract_agreements(
    ctx: Context, sections: list[tuple[str, int, int]], items: set[str] | None = None
) -> list[Agreement]:
    """Agreement facts from the item sections ``(number, start, end)`` of ``ctx.text``; ``items``
    are the report's item numbers (by default those of ``sections``): Item 8.01 is read when the
    report has an agreement item."""
    resolver = Resolver(ctx)
    ledger = Ledger()
    for item, sec_start, sec_end in sections:
        if item not in NO_AGREEMENT_ITEMS:
            _read_section(_SectionReading(ctx, resolver, ledger, item, (sec_start, sec_end)))
    found = drop_restated_originals(consolidate([r for r in ledger.records if r.action]))
    found = [r for r in found if not _warrant_without_holder(ctx, r)]
    for rec in found:
        _settle(ctx, sections, rec)
    _date_concurrent_agreements(ctx.text, found)
    found = attach_index_exhibits(ctx, resolver.resolve, found)
    found = reconcile_exhibits(ctx, split_people(ctx, found), resolver.resolve)
    named = [r for r in ledger.records if r.action is None]
    return _twins_in_exhibit_order(index_agreements(ctx, resolver.resolve, found, named))


def _warrant_without_holder(ctx: Context, rec: Agreement) -> bool:
    """A warrant told only as "a warrant" whose record names no party but the registrant ("we
    issued shares, options and a warrant"): a security issued to nobody named, no agreement
    with a counterparty."""
    return rec.key in _BARE_WARRANT and all(p == ctx.registrant for p in rec.parties)


_BARE_WARRANT = ("warrant", "warrants")


def exhibit_sort_key(number: str | None) -> tuple:
    """ "4.10" after "4.9", "10(a)" after "10"; no number last."""
    if not number:
        return (1,)
    return (
        0,
        *[
            (0, int(p), "") if p.isdigit() else (1, 0, p)
            for p in re.findall(r"\d+|[a-z]+", number.lower())
        ],
    )


def _twins_in_exhibit_order(found: list[Agreement]) -> list[Agreement]:
    """The agreements in their order, but those of one title ("Supplemental Indenture" for each
    series of notes) in the order of their exhibit numbers, as the report files them."""
    first: dict[str, int] = {}
    for i, rec in enumerate(found):
        first.setdefault(rec.key, i)
    return sorted(
        found,
        key=lambda r: (first[r.key], exhibit_sort_key(r.exhibit)),
    )


def _settle(ctx: Context, sections: list[tuple[str, int, int]], rec: Agreement) -> None:
    """A consolidated record's last touches from its section: a date beyond the filing is no
    event's; an undated record takes the section's event date; a section that tells of board
    seats and a standstill makes its cooperation agreement governance (also one a heading
    named, whose kind its sentence decided)."""
    if after_report(rec.date, ctx.report_date):
        rec.date = None  # a maturity or a closing still to come, not the event's date
    if rec.date is None:
        rec.date = section_event_date(
            ctx.text, _event_sections(sections, rec, ctx.text), rec.start, ctx.report_date
        )
    own = next((sec for sec in sections if sec[1] <= rec.start < sec[2]), None)
    if own is not None:
        rec.kind = section_override(rec.title, ctx.text[own[1] : own[2]]) or rec.kind


# an agreement's title as the two patterns below read it: capitalised words, "of", "and"
_OTHER_TITLE = r"(?P<title>(?-i:[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|and))*))"
# "Concurrently with the execution of the Merger Agreement, ... entered into a Voting Agreement":
# an agreement made with another takes that one's date when its sentence gives none
_CONCURRENT_WITH = re.compile(
    r"(?i)\b(?:contemporaneously|concurrently|simultaneously)\s+with\s+(?:the\s+)?"
    r"(?:execution|signing|entry)\s+(?:and\s+delivery\s+)?(?:of|into)\s+(?:the\s+)?" + _OTHER_TITLE
)


# "The Separation Agreement supersedes and terminates Mr. X's Employment Agreement": an agreement
# ended by another one that the sentence opens with
_ENDED_BY = re.compile(
    r"(?:the\s+|this\s+)?" + _OTHER_TITLE + r"\s+"
    r"(?:supersedes\s+and\s+)?(?:terminates|terminated|supersedes|superseded|replaces|replaced)\b",
    re.I,
)


def _date_concurrent_agreements(text: str, found: list[Agreement]) -> None:
    """Undated records whose sentence says they were made with another record's execution, or
    were ended by another record, take that record's date."""
    for rec in found:
        if rec.date is not None:
            continue
        m = _CONCURRENT_WITH.search(text, rec.start, rec.end)
        if m is None and rec.action == "terminated":
            m = _ENDED_BY.match(text, rec.start, rec.end)
        if m is None:
            continue
        key = title_key(m.group("title"))
        other = next(
            (r for r in found if r is not rec and r.date and (r.key == key or key in r.aliases)),
            None,
        )
        if other is not None:
            rec.date = other.date


def _event_sections(
    sections: list[tuple[str, int, int]], rec: Agreement, text: str
) -> list[tuple[str, int, int]]:
    """The sections whose opening date is the agreement's date: those of an agreement event
    (AGREEMENT_EVENT_ITEMS), and a completed deal's when the agreement was made at its closing
    ("At the closing, the Registrant entered into a Transition Services Agreement")."""
    at_closing = bool(_AT_CLOSING.search(text, rec.start, rec.end))
    return [
        sec
        for sec in sections
        if sec[0] in AGREEMENT_EVENT_ITEMS or (at_closing and sec[0] in COMPLETION_ITEMS)
    ]


# an agreement made when the deal closed: its date is the closing's
_AT_CLOSING = re.compile(
    r"(?i)\b(?:at|upon|on|in connection with|concurrently with|simultaneously with)\s+"
    r"the\s+(?:closing|consummation)\b"
)


@dataclass(frozen=True)
class _SectionReading:
    """What the sentences of one item section are read against."""

    ctx: Context
    resolver: Resolver
    ledger: Ledger
    item: str
    section: tuple[int, int]


def _read_section(r: _SectionReading) -> None:
    text = r.ctx.text
    section_records: list[Agreement] = []
    lead = None  # the list an earlier sentence opened ("the following agreements ... :")
    for s, e in sentence_spans(text, *r.section):
        sent = text[s:e]
        if lead is not None:
            if _read_list_item(r, Scope(section=section_records), s, e, lead):
                continue
            if list_goes_on(sent):
                continue
        lead = list_lead(sent, r.ctx.report_date)
        if lead is not None and (lead.names_amended or lead.items_only):
            continue  # the amendments are its items' records
        if not _ITEM_HEADING.match(sent):
            _read_sentence(r, Scope(section=section_records), s, e)


def _read_list_item(r: _SectionReading, scope: Scope, s: int, e: int, lead: ListLead) -> bool:
    """Read an item of a list a sentence opened; False when the sentence is no item. An item of
    an amendments list makes the amendment's record; any other item is read as a sentence, and
    the agreements it names take the list's action."""
    amendment = amended_item_record(r.ctx, r.resolver, lead, s, e)
    if amendment is not None:
        r.ledger.records.append(amendment)
        scope.section.append(amendment)
        return True
    if not is_marked_item(r.ctx.text[s:e]):
        return False
    before = len(r.ledger.records)
    _read_sentence(r, scope, s, e)
    for rec in r.ledger.records[before:]:
        if rec.action is None and not rec.background:
            rec.action = lead.action
    return True


def _read_sentence(r: _SectionReading, scope: Scope, s: int, e: int) -> None:
    text = r.ctx.text
    mentions = sentence_mentions(text, s, e, r.ledger.alias_terms)
    if not mentions:
        if exhibits_in(text, s, e) and scope.section:
            for rec, number in exhibit_list_numbers(text, s, e, [], [], scope.section):
                rec.exhibit = number
        return
    sent = read_sentence(text, s, e, mentions)
    sent_exhibits = (
        [] if about_another_document(text, s, mentions[0].start) else exhibits_in(text, s, e)
    )
    for i in range(len(mentions)):
        _read_mention(r, scope, sent, sent_exhibits, mentions, i)
    listed = exhibit_list_numbers(text, s, e, mentions, scope.sentence, scope.section, scope.spots)
    for rec, number in listed:
        rec.exhibit = number
    defined_terms(text, s, e, scope, r.ledger)


def _amendment_host(
    text: str, scope: Scope, mentions: list[Mention], i: int, sent_start: int
) -> Agreement | None:
    """The amendment the mention is the object of, if any: "Amendment No. 1 to the Credit
    Agreement" (the amendment just named), or "the First Amendment, dated ..., (the "First
    Amendment") by and between the Company and the holders ... to the Note Purchase Agreement"
    (a numbered amendment this sentence made, its object named after its parties)."""
    if i == 0 or not scope.sentence:
        return None
    last = scope.sentence[-1]
    if AMENDMENT_TITLE.match(last.title) and " to " not in last.title:
        for j in {i - 1, _outside_parentheses(text, mentions, i)}:
            if TO_OBJECT.match(text[mentions[j].end : mentions[i].start]):
                return last
    if AMENDMENT_TITLE.match(mentions[i].title):
        return None  # another amendment is no amendment's object
    made_here = [r for r in scope.sentence if r.start >= sent_start]
    host = made_here[-1] if made_here else None
    if host is None or not _NUMBERED_AMENDMENT.fullmatch(host.title):
        return None
    far = _FAR_OBJECT.search(text, max(sent_start, mentions[i].start - 30), mentions[i].start)
    return host if far else None


def _outside_parentheses(text: str, mentions: list[Mention], i: int) -> int:
    """The nearest mention before the ``i``-th that stands outside the parentheses closed before
    it: 'Amendment No. 1 (the "Osei Amendment" and, together with the Hargreave Amendment, the
    "Amendments") to the ...' gives "Amendment No. 1"."""
    j = i - 1
    while j > 0:
        gap = text[mentions[j].end : mentions[i].start]
        if gap.count(")") <= gap.count("("):
            break
        j -= 1
    return j


# an amendment named by its number alone: "First Amendment", "Amendment No. 2"
_NUMBERED_AMENDMENT = re.compile(rf"(?i){ORDINAL}\s+amendment|amendment\s+no\.\s*\d+")
# the bare "to the" before an amendment's object ("... and the holders of the Notes to the Note
# Purchase Agreement"), not "pursuant to the", "subject to the", "prior to the"
_FAR_OBJECT = re.compile(
    NOT_AFTER_BARE_TO + r"(?<!related )(?<!relating )(?<!respect )(?<!addition )\bto\s+(?:the\s+)?$"
)


def _join_amendment(ledger: Ledger, host: Agreement, mention: Mention, sent: Sentence) -> None:
    bare = bool(_NUMBERED_AMENDMENT.fullmatch(host.title))
    host.title = f"{host.title} to {mention.title}"
    host.key = title_key(host.title)
    ledger.by_key.setdefault(host.key, host)
    if host.kind == "other" or host.title.lower().startswith("amendment"):
        host.kind = decide_kind(host.title, sent.text)
    elif bare:  # "First Amendment": the kind its object's title gives, if any
        host.kind = kind_from_title(host.title) or host.kind


def _exhibit_after_name(
    scope: Scope,
    mention: Mention,
    sent_exhibits: list[tuple[int, str]],
    mentions: list[Mention],
    i: int,
) -> None:
    """An exhibit named after an agreement's quoted name ("(the “Rights Agreement”), a copy of
    which is attached as Exhibit 4.5") is the named agreement's."""
    named = scope.sentence[-1] if scope.sentence else None
    if named is not None and not named.exhibit:
        nxt = mentions[i + 1].start if i + 1 < len(mentions) else 10**9
        named.exhibit = exhibit_after(mention, sent_exhibits, nxt)


def _read_mention(
    r: _SectionReading,
    scope: Scope,
    sent: Sentence,
    sent_exhibits: list[tuple[int, str]],
    mentions: list[Mention],
    i: int,
) -> None:
    """The ``i``-th mention of a sentence: skipped, joined to the sentence's amendment, completing
    the earlier record it names, or making a new record."""
    ctx, mention = r.ctx, mentions[i]
    text = ctx.text
    if _ITEM_TITLE.search(mention.title):
        return
    if _QUOTED_BEFORE.search(text, max(0, mention.start - 12), mention.start):
        name_quoted(r.ledger, scope, mention)
        _exhibit_after_name(scope, mention, sent_exhibits, mentions, i)
        return
    pre = text[max(sent.start, mention.start - 45) : mention.start].lower()
    host = _amendment_host(text, scope, mentions, i, sent.start)
    if host is not None:
        _join_amendment(r.ledger, host, mention, sent)
        return
    if _amended_by_sentence(scope, text[max(sent.start, mention.start - 90) : mention.start]):
        return
    event = classify_event(text, mention, sent, r.item, ctx.report_date, scope.section_live())
    target = find_target(text, mention, pre, event, r.ledger, scope.section, (sent.start, sent.end))
    if target is not None:
        nxt = _date_limit(text, mentions, i, sent.end)
        complete_target(ctx, r.resolver, mention, event, target, sent, r.item, pre, nxt)
        if not target.exhibit:
            nxt = mentions[i + 1].start if i + 1 < len(mentions) else 10**9
            target.exhibit = exhibit_after(mention, sent_exhibits, nxt) or target.exhibit
        scope.note(mention.start, target)
    elif not (
        (mention.reference and not dated_and_named(text, mention, sent.end))
        or makes_no_record(text, mention, pre, sent.start, sent.end, ctx.report_date)
    ):
        record, alias = new_record(
            ctx, r.resolver, mentions, i, event, sent, r.item, r.section, sent_exhibits
        )
        record.named_with = counterparty_at(text, mention.end, sent.end) is not None
        add_record(r.ledger, scope, mention.start, record, alias)


def _date_limit(text: str, mentions: list[Mention], i: int, end: int) -> int:
    """Where the dates of the ``i``-th mention end: at the sentence's next agreement, unless that
    is the one the mention amends ("Amendment No. 1 to the Transaction Agreement, dated as of
    September 30, 2014": the date is the amendment's)."""
    j = i + 1
    if j < len(mentions) and TO_OBJECT.match(text[mentions[i].end : mentions[j].start]):
        j += 1
    return next_unquoted(text, mentions, j - 1, end)


# a supplement to an instrument: "First Supplemental Indenture ... to the Indenture"
_SUPPLEMENT = re.compile(r"(?i)\bsupplement(?:al)?\b")


def _amended_by_sentence(scope: Scope, before: str) -> bool:
    """ "which amends the Credit Agreement", "a First Supplemental Indenture to the Indenture":
    the object of an amendment or supplement this sentence reports."""
    return (
        bool(scope.sentence)
        and any(
            (AMENDMENT_TITLE.match(r.title) or _SUPPLEMENT.search(r.title))
            and (r.action or not r.background)  # (a list item's takes its lead's action later)
            for r in scope.sentence
        )
        and bool(AMENDED_OBJECT.search(before.lower()))
    )
