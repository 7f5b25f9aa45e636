"""The agreements named so far in a report, and how a later mention finds the one it names.

The ledger is the one piece of state the stages share across sentences: a defined term, a title
key or a short reference in a later sentence names a record made earlier, which the later sentence
may complete (its event, date, parties, exhibit)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...kinds import decide_kind
from ...legal_forms import name_tail_words
from ...names import COURTESY_TITLES, name_words, surname
from ...people import find_persons
from .counterparty import counterparty_at
from .dates import date_for, dated_after
from .enumeration import MARKER
from .mentions import BARE, CHANGING_INSTRUMENT, ORDINAL, is_heading, title_key
from .merge import PERSONS_OWN, add_parties, person_parties, persons_differ
from .model import Agreement, Context, Event, Mention, Sentence
from .parties import TITLED_SURNAME, Resolver, party_names
from .records import AMENDMENT_TITLE, agreement_term_after
from .groups import with_group_members

_LOOKBACK = 200  # earlier records a short or partial title may name
# "the Credit Agreement" (three words at most): a short name for an agreement named before
_THE = re.compile(r"\bthe\s+$")
# "an indemnity agreement", "a new Change of Control Agreement" in a later sentence: the same
# event told in full
_A_OR_AN = re.compile(r"\b(?:an?)\s+(?:new\s+)?$")
# ("Prior Revolving Facility") after an agreement's mention: a later name for that agreement
_DEFINED = re.compile(
    # "(as amended, the "Prior Facility")": the name of the agreement with its history
    r"\(\s*(?:as\s+(?:amended|supplemented|modified)[\w ,]{0,40}?,\s*)?"
    r"(?:the\s+|each,?\s+an?\s+|each\s+an?\s+|"
    r"collectively,?\s+the\s+)?(?:[\"“]([^\"“”]{3,60})[\"”]"
    # a rendering that lost the quotes: "(the Franchisee Loan Facility Amendment)"
    r"|([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,5}\s+(?:Agreements?|Facility|Amendment|Guaranty|Lease))\))"
)
_TERM_WORDS = re.compile(
    r"\b(?:Agreements?|Facility|Indenture|Guaranty|Guarantee|Amendment|Letter|Lease|Notes?|Loan)\b"
)


@dataclass
class Ledger:
    """Every agreement named in the report, and the names that lead to each."""

    records: list[Agreement] = field(default_factory=list)  # .action None: named as background only
    alias_to: dict[str, Agreement] = field(default_factory=dict)  # defined term's key -> record
    # the first record named with each title key
    by_key: dict[str, Agreement] = field(default_factory=dict)
    alias_terms: dict[str, str] = field(default_factory=dict)  # defined term as written -> its key


@dataclass
class Scope:
    """The records of the current section and sentence, and where the sentence names each."""

    section: list[Agreement] = field(default_factory=list)
    sentence: list[Agreement] = field(default_factory=list)
    spots: list[tuple[int, Agreement]] = field(default_factory=list)

    def section_live(self) -> bool:
        return any(r.action for r in self.section)

    def note(self, pos: int, record: Agreement) -> None:
        self.spots.append((pos, record))
        if record not in self.sentence:
            self.sentence.append(record)


def _longer_title(records: list[Agreement], key: str) -> Agreement | None:
    """The last record whose title ends with (or starts with "<key> and") this two-word-plus key."""
    for a in reversed(records[-_LOOKBACK:]):
        if (a.key.endswith(" " + key) or a.key.startswith(key + " and ")) and len(key.split()) >= 2:
            return a
    return None


def _last_live(records: list[Agreement], kind: str) -> Agreement | None:
    live = [r for r in records[-_LOOKBACK:] if r.action and r.kind == kind]
    return live[-1] if live else None


def _candidate(
    mention: Mention,
    key: str,
    pre: str,
    event: Event,
    ledger: Ledger,
    section: list[Agreement],
    own_dated: str | None = None,
) -> Agreement | None:
    """The earlier record a mention's name points to: by defined term or title key, by a longer
    title ending in it, or, for a short "the X Agreement", the last live record of its kind."""
    target = ledger.alias_to.get(key) or ledger.by_key.get(key)
    if target is None and not event.prior:
        target = _longer_title(ledger.records, key)
    short_the = bool(_THE.search(pre)) and len(mention.title.split()) <= 3
    numbered = bool(_NUMBERED.search(mention.title))
    if (
        target is not None
        and target.action is None
        and not target.background
        # an agreement introduced with its own date is what a termination ends, no lost term
        and not (target.date and event.action == "terminated")
        and short_the
        and not numbered
    ):
        target = _last_live(ledger.records, target.kind) or target
    own_instrument = bool(own_dated and CHANGING_INSTRUMENT.search(mention.title))
    if (
        target is None
        and not (mention.generic or mention.reference or own_instrument)
        and short_the
        and not numbered
    ):
        # "the Merger Agreement" whose defined term was lost (not "the First Supplemental
        # Indenture, dated as of ...": an instrument that changes another, of its own date)
        target = _last_live(ledger.records, decide_kind(mention.title, ""))
    if target is None and mention.reference and key in BARE:
        live = [r for r in section if r.action]
        target = live[-1] if live else None
    return target


# an instrument its number names ("the Sixth Supplemental Indenture", "Amendment No. 3"): never
# the lost defined term of another record of its kind
_NUMBERED = re.compile(rf"(?i)^{ORDINAL}\b|\bno\.\s*\d")
# the words a defined term writes before a title the mention reads alone: "1994" of "the 1994
# Credit Agreement", "New" of "the New Credit Agreement"
_TERM_PREFIX = re.compile(r"(?:[A-Z0-9][\w\-]*[ \t\xa0]+){1,2}$")


def _by_written_term(text: str, mention: Mention, ledger: Ledger, s: int) -> Agreement | None:
    """The record whose defined term the mention is written as, with the words before its title
    ("the 1994 Credit Agreement" after the 1994 agreement was given that name)."""
    prefix = _TERM_PREFIX.search(text, max(s, mention.start - 40), mention.start)
    if prefix is None:
        return None
    words = prefix.group(0).split()
    bare = title_key(mention.title)
    for k in range(len(words)):
        written = title_key(" ".join([*words[k:], mention.title]))
        if written != bare and (found := ledger.alias_to.get(written)) is not None:
            return found  # ("The Credit Agreement" is the bare title: the usual lookup reads it)
    return None


def _another_agreement(
    text: str,
    mention: Mention,
    event: Event,
    target: Agreement,
    sent: tuple[int, int],
    own_dated: str | None,
) -> bool:
    """Whether the mention (of its own ``dated`` date, if any) names another agreement than
    ``target`` despite the same name."""
    if event.prior and event.action == "terminated" and target.action == "entered":
        return True  # "terminated the existing Credit Agreement": another agreement
    introduced = _A_OR_AN.search(text[max(sent[0], mention.start - 12) : mention.start])
    if event.action == "entered" and target.action not in (None, "entered") and introduced:
        return True  # "entered into a Distribution Agreement with X" after terminating another
    if _named_otherwise(text, mention, target, sent):
        # "an Asset Purchase Agreement (the "Fenwick Agreement")" after another; "(ii) Amendment
        # No. 2 (the "Five-Year Amendment")" after the "Three-Year Amendment"
        return True
    if _ENUMERATED.search(text, max(sent[0], mention.start - 12), mention.start) and (
        sent[0] <= target.start < sent[1]
    ):
        return True  # "each of (i) the Voting Agreement ... and (ii) the Voting Agreement ..."
    if mention.reference:
        # "the indenture, dated as of May 10, 2006" after the one dated this week: another
        return bool(own_dated and target.dated) and own_dated != target.dated
    if _owned_by_another(text, mention, target) or _made_with_another(text, mention, target, sent):
        return True  # "Mr. Guidry's Employment Agreement" after Ms. Olmstead's
    if introduced and _entered_anew_with_another(text, mention, event, target, sent):
        return True
    if _another_persons(text, mention, event, target, sent):
        return True
    # (i) X dated 2005, (ii) X dated 2004, ...: separate agreements
    return bool(own_dated) and own_dated != (target.dated or target.date)


# an item marker of a sentence's enumeration right before the mention: "(ii) the"
_ENUMERATED = re.compile(MARKER.pattern + r"[ \t\xa0]*(?:(?:the|a|an|its)[ \t\xa0]+)?$")


def _named_otherwise(text: str, mention: Mention, target: Agreement, sent: tuple[int, int]) -> bool:
    """Whether the mention is given a defined term that the earlier record of its title was not
    given: another agreement of the same title."""
    term = agreement_term_after(text, mention, sent[1])
    return bool(term and target.aliases) and title_key(term) not in target.aliases


# a person's possessive right before a title: "Mr. Guidry's Employment Agreement"
_OWNER_BEFORE = re.compile(
    rf"\b{COURTESY_TITLES}\.[ \t\xa0]+(?:[A-Z][\w\-]*\.?[ \t\xa0]+){{0,2}}"
    r"([A-Z][\w\-]+)[’']s?[ \t\xa0]+"
)


def _owned_by_another(text: str, mention: Mention, target: Agreement) -> bool:
    """Whether the title is a person's own (employment, separation) and that person is none of
    the earlier record's."""
    if target.kind not in PERSONS_OWN:
        return False
    # the possessor stands just before the mention or opens its run ("Guidry's Employment
    # Agreement"); either way it is the person whose agreement this is
    owner = _OWNER_BEFORE.search(text, max(0, mention.start - 8), mention.end)
    held = {surname(p) for p in person_parties(target)}
    return owner is not None and bool(held) and owner.group(1) not in held


# the counterparty written right after a title: "Amendment No. 2 to Employment Agreement with
# Arthur J. Stabile"
_WITH_NEXT = re.compile(r"[ \t\xa0\n]+with[ \t\xa0\n]+")


def _made_with_another(
    text: str, mention: Mention, target: Agreement, sent: tuple[int, int]
) -> bool:
    """Whether a person's own agreement is made "with" a person whose full name is none of the
    earlier record's: one amendment for each of a family's executives, who share a surname; "an
    Employment Agreement with A and an Employment Agreement with B" (a record made in the same
    sentence holds the persons named before this mention)."""
    if target.kind not in PERSONS_OWN:
        return False
    with_ = _WITH_NEXT.match(text, mention.end)
    if with_ is None:
        return False
    found = find_persons(text, with_.end(), with_.end() + 60)
    if not found or found[0].start != with_.end():
        return False
    held = person_parties(target)
    if sent[0] <= target.start < sent[1]:
        before = text[sent[0] : mention.start]
        held = [p for p in held if p in before]
    return bool(held) and found[0].name not in held


# the words of a name that say which company it is (not its legal form or an article)
_NAME_NOISE = name_tail_words() | {"the", "of", "and", "&"}


def _naming_words(name: str) -> set[str]:
    return {w for w in name_words(name) if w not in _NAME_NOISE}


def _entered_anew_with_another(
    text: str, mention: Mention, event: Event, target: Agreement, sent: tuple[int, int]
) -> bool:
    """A later sentence introduces another agreement of the same title ("an Agreement and Plan
    of Merger ... with ESP Software Services, Inc." after one with Innova Solutions, Inc.): it
    is entered into with a named counterparty sharing no word with the earlier one's parties."""
    if event.action != "entered" or target.action != "entered" or target.start >= sent[0]:
        return False
    name = counterparty_at(text, mention.end, sent[1])
    if name is None or re.match(COURTESY_TITLES + r"\.", name):
        return False  # a person's own agreement is told by the person rules
    named = _naming_words(name)
    held = set().union(*(_naming_words(p) for p in target.parties)) if target.parties else set()
    return bool(named) and bool(held) and not named & held


def _another_persons(
    text: str, mention: Mention, event: Event, target: Agreement, sent: tuple[int, int]
) -> bool:
    """An employment (separation, indemnification) agreement entered into by a person other
    than the one of the earlier record of that title, or an amendment made with another: "the
    Company and Mr. Neibert entered into an Employment Agreement" after Mr. Crumbaugh's, "an
    amendment to Ms. Jones's employment agreement" after Mr. Smith's. Each is its person's own.
    ("her employment agreement" in a sentence telling what her amendment does is the amended
    agreement, not another amendment.)"""
    if target.action not in (event.action, None):
        return False
    if event.action != "entered" and not (
        event.action == "amended" and AMENDMENT_TITLE.match(mention.title)
    ):
        return False
    if target.kind not in PERSONS_OWN:
        return False
    named = _surnames_in(text, *sent)
    held = {surname(p) for p in person_parties(target)} | _surnames_in(
        text, target.start, target.end
    )
    return persons_differ(named, held)


def _surnames_in(text: str, start: int, end: int) -> set[str]:
    """The surnames of the persons named in ``text[start:end]``, in full or as "Mr. X"."""
    named = {surname(p.name) for p in find_persons(text, start, end)}
    return named | {m.group(1) for m in TITLED_SURNAME.finditer(text, start, end)}


def find_target(
    text: str,
    mention: Mention,
    pre: str,
    event: Event,
    ledger: Ledger,
    section: list[Agreement],
    sent: tuple[int, int],
) -> Agreement | None:
    """The earlier record ``mention`` (in sentence ``text[sent[0]:sent[1]]``) names, if any."""
    named = _by_written_term(text, mention, ledger, sent[0])
    if named is not None:
        return named
    own_dated = dated_after(text, mention.end, sent[1])
    target = _candidate(mention, title_key(mention.title), pre, event, ledger, section, own_dated)
    if target is not None and _another_agreement(text, mention, event, target, sent, own_dated):
        return None
    return target


# a heading that names several agreements at once: "License and Distribution Agreements"
_PLURAL_TITLE = re.compile(r"^.+\band\b.+Agreements$")


def _heads_the_mentions(heading: str, mention: Mention) -> bool:
    """Whether a plural heading ("License and Distribution Agreements") only heads the
    agreement the sentence names, which keeps its own title; a heading that ends with the
    mention's words is a fuller name of that agreement ("Amended and Restated Change of Control
    Agreements" for "the Change of Control Agreement"), unless "and" joins the mention's words
    to the heading's others (the "Distribution Agreement" of "License and Distribution
    Agreements")."""
    if not _PLURAL_TITLE.search(heading) or mention.generic or mention.reference:
        return False
    heading_key, own_key = title_key(heading), title_key(mention.title)
    fuller = heading_key.endswith(" " + own_key) and not heading_key[: -len(own_key)].endswith(
        " and "
    )
    return not fuller


def _introduced_shorter(target: Agreement, mention: Mention, pre: str) -> bool:
    """Whether the sentence under a heading introduces the agreement ("entered into an
    Affiliation Agreement") by a shorter name the heading ends with ("Crestline Affiliation
    Agreement", often its defined term): the name as the report gives it is the sentence's.
    A heading that adds what was done to it ("Amended and Restated ...") stays the title."""
    if mention.generic or mention.reference or not _A_OR_AN.search(pre):
        return False
    own_key = title_key(mention.title)
    if not target.key.endswith(" " + own_key):
        return False
    extra = target.key[: -len(own_key)]
    # "Amended and Restated Retention Agreements" says what was done: no name to drop
    return not CHANGING_INSTRUMENT.search(extra) and "restated" not in extra


def _made_by_heading(text: str, record: Agreement) -> bool:
    """Whether ``record`` was made from a line that holds only its title (a heading)."""
    return is_heading(text[record.start : record.end], record.title)


def complete_target(
    ctx: Context,
    resolver: Resolver,
    mention: Mention,
    event: Event,
    target: Agreement,
    sent: Sentence,
    item: str,
    pre: str,
    next_mention: int | None = None,
) -> None:
    """A later sentence reports the event of a record named before (or tells it in full);
    ``next_mention``: where the sentence's next agreement is named (a date after it is that
    one's)."""
    text, s, e = ctx.text, sent.start, sent.end
    action = event.action
    if _made_by_heading(text, target):
        # "Stock Purchase Agreement" as a heading, then the sentence that tells it: the
        # sentence decides its kind and is its evidence
        if _heads_the_mentions(target.title, mention) or _introduced_shorter(target, mention, pre):
            # "License and Distribution Agreements" heads the telling of each: the sentence's
            # agreement takes its own title
            target.aliases.add(target.key)
            target.title, target.key = mention.title, title_key(mention.title)
        target.kind = decide_kind(target.title, sent.text)
        target.start, target.end = s, e
    if target.action is None and (
        action in ("terminated", "amended") or (action == "entered" and not target.background)
    ):
        target.action = action
        target.start, target.end = s, e
        target.date = _event_date(ctx, mention, sent, action, item, next_mention)
        add_parties(target, _sentence_parties(ctx, resolver, mention, sent, target.kind))
        if target.kind == "other" or target.title.lower() in BARE:
            target.kind = decide_kind(target.title, sent.text)
    elif (
        action is not None
        and action == target.action
        and target.date is None
        and not mention.reference
        and _A_OR_AN.search(pre)
    ):
        # "... entered into an indemnity agreement with him on June 21, 2005": date and parties
        # complete it
        target.date = _event_date(ctx, mention, sent, action, item, next_mention)
        add_parties(target, _sentence_parties(ctx, resolver, mention, sent, target.kind))


def _event_date(
    ctx: Context, mention: Mention, sent: Sentence, action, item: str, next_mention: int | None
) -> str | None:
    """The date the sentence gives the event of ``mention``'s record."""
    span = (sent.start, sent.end)
    return date_for(ctx.text, mention, span, action, item, ctx.report_date, next_mention)[0]


def _sentence_parties(
    ctx: Context, resolver: Resolver, mention: Mention, sent: Sentence, kind: str
) -> list[str]:
    """The parties the sentence names for the mentioned agreement, groups ("the Guarantors")
    given as their members."""
    text, s, e = ctx.text, sent.start, sent.end
    named = party_names(ctx, resolver, text, s, e, kind)
    return with_group_members(ctx.org_groups, text[s : mention.start], text[mention.end : e], named)


def name_quoted(ledger: Ledger, scope: Scope, mention: Mention) -> None:
    """A title in quotes right after an agreement ("the “Merger Agreement”") names the sentence's
    last one."""
    if scope.sentence:
        scope.sentence[-1].aliases.add(title_key(mention.title))
        ledger.alias_to[title_key(mention.title)] = scope.sentence[-1]


def add_record(
    ledger: Ledger, scope: Scope, pos: int, record: Agreement, alias: str | None
) -> None:
    if alias:
        record.aliases.add(title_key(alias))
        ledger.alias_to[title_key(alias)] = record
    ledger.records.append(record)
    scope.sentence.append(record)
    scope.section.append(record)
    scope.spots.append((pos, record))
    ledger.by_key.setdefault(record.key, record)


def _names_a_later_mention(text: str, term: str, after: int, quote: int) -> bool:
    """Whether the quoted ``term`` is the title of an agreement written between the last record's
    mention (at ``after``) and the quote."""
    words = r"[ \t\xa0\n]+".join(re.escape(w) for w in term.split())
    return re.search(rf"\b{words}\b", text[after + 1 : quote]) is not None


def defined_terms(text: str, s: int, e: int, scope: Scope, ledger: Ledger) -> None:
    """("Prior Revolving Facility") after an agreement's mention: a later name for that
    agreement."""
    if not scope.spots:
        return
    for m in _DEFINED.finditer(text, s, e):
        term = (m.group(1) or m.group(2)).strip()
        if not _TERM_WORDS.search(term) or title_key(term) in ledger.alias_to:
            continue
        before = [(pos, rec) for pos, rec in scope.spots if pos < m.start()]
        if before:
            pos, rec = max(before, key=lambda x: x[0])
            if _names_a_later_mention(text, term, pos, m.start()):
                continue  # 'the First Supplemental Indenture, dated ... (the "First Supplemental
                # Indenture")': the name of the agreement written after the record, not an alias
            ledger.alias_to[title_key(term)] = rec
            rec.aliases.add(title_key(term))
            ledger.alias_terms[term] = title_key(term)
