"""Stage 1: candidate agreement mentions of a sentence, with their titles.

Mentions come from a title grammar (capitalised "X Agreement", "Agreement and Plan of Merger",
"Amendment No. 2 to X", "First Supplemental Indenture", ...) and from generic lower-case noun
phrases ("a note purchase agreement", "an indemnification agreement").
"""

from __future__ import annotations

import re

from ...kinds import kind_from_title
from ...orgs import find_orgs, inside_parenthesis, patterns
from .model import Mention
from ...vocab import alternation, words

# the vocabularies of generic titles and bare heads (data/agreement_mentions.json)
STOP_BEFORE = words("mentions", "stop_before")
NOT_MODIFIER = words("mentions", "not_modifier")
SKIP_ADJ = words("mentions", "skip_adjectives")
LY_NOUNS = words("mentions", "ly_nouns")
BARE = words("mentions", "bare_titles")


def _head_alternation() -> str:
    """The title heads ("Agreement", "Indenture", "Plan of Merger", ...): the ``AGREEMENT_HEAD``
    patterns of ``patterns/agreement_heads.jsonl`` (which the spaCy pipeline's SpanRuler also
    loads)."""
    heads = sorted(
        (r["pattern"] for r in patterns("agreement_heads") if r["label"] == "AGREEMENT_HEAD"),
        key=len,
        reverse=True,
    )
    return "(?:" + "|".join(re.escape(h).replace(r"\ ", r"[ \t\xa0]+") for h in heads) + ")"


# the title heads, longest first; a title is a run of capitalised words with a head in it
HEAD = _head_alternation()
HEAD_RE = re.compile(rf"\b{HEAD}\b")
_HEAD_ONLY = re.compile(HEAD)
# ... or a document's name joined to it: "Stipulation and Agreement (of Settlement)"
_HEAD_JOINED = re.compile(rf"[A-Z][a-z]+[ \t\xa0]+and[ \t\xa0]+(?:{HEAD})")
# a word of a capitalised title: "No. 2", "Credit", "364-Day", "2011", "A&R"
_CAPW = (
    r"(?:No\.[ \t\xa0]*\d+|[A-Z][A-Za-z]*&[A-Z][\w'’\-]*|[A-Z][\w'’\-]*|"
    r"\d{1,4}(?:[-\u2011][A-Za-z]+)+|\d{4})"
)
# a run of capitalised words joined by spaces, hyphens and small words ("Agreement and Plan of
# Merger")
_RUN = re.compile(
    rf"(?<![\w&])(?:{_CAPW})(?:(?:[ \t\xa0]+|"
    rf"[-\u2011])(?:(?:and|of|&|to|for|on|in)[ \t\xa0]+)*(?:{_CAPW}))*"
)
# capitalised words that open a run without being part of the title ("On", "The", "Exhibit 10.1",
# months)
_LEADING_JUNK = re.compile(
    r"^(?:(?:The|On|In|As|Our|Its|This|Each|Such|Item|Exhibit|Exhibits|Section|Under|Pursuant|"
    r"Effective|New|Existing|Prior|Original|Previous|Former|Description|Summary|Overview|"
    r"Terms(?=[ \t\xa0]+of\b)|"
    # a possessive whose apostrophe a flattened rendering dropped: "the Companys Loan Agreement"
    r"Companys|Registrants|Corporations|Partnerships|"
    r"Forms?|Copy|\d+(?:\.\d+)?|January|February|March|April|May|June|July|August|September|"
    r"October|November|December|to|and|of|for|on|"
    r"&)[ \t\xa0]+(?:(?:of|to|into|the)[ \t\xa0]+)?)+(?=[A-Z0-9])"
)
# a heading in capitals run into the sentence under it by a flattened rendering ("EXPLANATORY
# NOTE This Amendment"): words in capitals before a sentence's opening word
_CAPITALS_HEADING = re.compile(
    r"(?:[A-Z][A-Z'’\-]+[ \t\xa0]+)+(?=(?:The|This|On|In|As|Each|Such|Our|Its)[ \t\xa0])"
)


# the head of a lower-case title; not a quoted defined term's end
def _spaced(words_: str) -> str:
    """A head of several words as a pattern of any run of spaces between them."""
    return r"[ \t\xa0]+".join(map(re.escape, words_.split(" ")))


_GENERIC_HEAD = re.compile(
    r"\b((?:"
    + "|".join(
        _spaced(h) for h in sorted(words("mentions", "generic_heads"), key=len, reverse=True)
    )
    + r")|"
    # "an offer letter", "a promotion letter"
    r"(?:" + alternation("mentions", "letter_kinds") + r")[ \t\xa0]+letters?)\b(?![\"”])"
)


def generic_head_patterns() -> list[dict]:
    """The spaCy token patterns (``AGREEMENT_HEAD_LOWER``) of the heads :data:`_GENERIC_HEAD`
    reads, any case: the pipeline's section gate opens on the titles the mention finder can
    read ("a promissory note", "an offer letter")."""
    heads = sorted(words("mentions", "generic_heads"))
    # each run: the words each of its tokens may be
    runs = [[[h for h in heads if " " not in h]]]
    runs += [[[w] for w in h.split(" ")] for h in heads if " " in h]
    runs.append([sorted(words("mentions", "letter_kinds")), ["letter", "letters"]])
    return [
        {"label": "AGREEMENT_HEAD_LOWER", "pattern": [{"LOWER": {"IN": ws}} for ws in run]}
        for run in runs
    ]


# a generic title's modifier: a lower-case word or "three-year"
_MODIFIER_OK = re.compile(r"^(?:[a-z][a-z\-'’]*|\d{1,4}-[a-z]+)$")
# an amount or tenor before the title: "a $4.0 billion, " / "its $800 million "
_AMOUNT = (
    r"(?:(?:us)?\$\s?[\d.,]+(?:\s+(?:million|billion|thousand))?,?\s+|"
    r"[\d.,]+\s+(?:million|billion)\s+(?:dollars?\s+)?,?\s*)"
)
# "Amendment No. 2" / "Agreement No. 4": the number belongs to the title
_TITLE_NUMBER = re.compile(r"[ \t\xa0]+No\.[ \t\xa0]*\d+")
# "Amendment to the X Agreement": the leading-word trim must not cut "Amendment ... to"
_AMENDMENT_OF = re.compile(
    r"(?:Amendment|Termination)(?: No\.\s*\d+)?\s+(?:to|of)\s+(?:the\s+)?[A-Z]"
)
_AMENDMENT_AGREEMENT = re.compile(r"(?:Termination|Amendment)\s+Agreement")
# a bare head after a determiner ("the Agreement") refers back to an agreement named before
_REFERRING_DET = re.compile(r"\b(the|such|this|that|said)\s+$")
# ... and for generic titles also "these" and "those" ("these agreements")
_REFERRING_DET_PLURAL = re.compile(r"\b(the|such|this|that|said|these|those)\s+$")
# ... unless introduced as a new one: "an Agreement", "the Agreement, dated ..., between"
_NEW_DET = re.compile(r"\b(an?|new)\s+$")
# "the Agreement, dated ..., between": a bare head introduced with its date or parties is named anew
_INTRODUCED = re.compile(
    r",?\s*(?:of\s+[A-Z][^;()]{0,60}?\s+)?(?:dated|between|by and between|among|by and among)\b"
)
# a generic title needs a determiner (or amount) before it: "a note purchase agreement"
_DETERMINED = re.compile(
    r"\b(?:a|an|the|its|their|our|new|certain|two|three|four|five|such|separate|each|his|her|"
    r"(?:company|registrant|corporation)[’']s|"
    # a titled person's: "Mr. Parks’ offer letter"
    r"(?:mr|ms|mrs|dr)\.[ \t\xa0]+[a-z][\w\-]+[’'](?:s\b)?|"
    # "a form of indemnification agreement": named, then kept only when entered into
    r"forms? of|"
    r"million|"
    r"billion)\s+" + _AMOUNT + r"?(?:(?:first |second |third |fourth )?amended and restated\s+)?$"
)
_INTO = re.compile(r"\b(?:(?:entered|enter|enters)\s+into|approved),?\s+$")
# "... agreements (the “Subscription Agreements”) with", "... agreements, effective March 3,
# 2003, with": the counterparty follows
_WITH_AFTER = re.compile(
    # "... agreements substantially in the form filed as Exhibit 10.3 hereto (the ...) with"
    r"(?i:,?\s+(?:substantially\s+)?in\s+the\s+form\s+(?:of|filed|attached|included)[^,;()]{0,60}?"
    r"exhibit\s+[\d.()a-z]+(?:\s+hereto|\s+to\s+this\s+[^,;()]{0,40})?)?"
    r"\s*(?:\([^()]{0,80}\)\s*)?(?:,\s*(?:effective|dated)(?:\s+as\s+of)?\s+[^,;()]{3,20},"
    r"\s*\d{4},)?,?\s*with\b"
)
# the word before a generic title's head, read backwards one at a time
_WORD_BEFORE = re.compile(r"([A-Za-z$\d][\w\-'’.$]*)[ \t\xa0]+$")
# "a three-year agreement", "a long-term lease": tenor words are no title
_TENOR = re.compile(r"(?:\w+-)?(?:year|month|day|week|term|long|short)s?")
# "possessive 's" before a title: "Acme Corp.'s Credit Agreement" is titled "Credit Agreement"
_POSSESSOR = re.compile(r"^(?:[A-Z][\w&.\-]*\s)*[A-Z][\w&.\-]*[’']s\s+(?=[A-Z0-9])")
# "X Agreement and Y Agreement": two titles, unless the "and" is part of one title
_JOINED = (
    r" and (?!Plan of|Restated|General Release|Release)(?=(?:[A-Z][\w'’\-]* ){1,6}" + HEAD + r"\b)"
)
_JOINED_RE = re.compile(_JOINED)
# "the form of the X Agreement": a form, not the agreement
# a title key ignores its article and plural: "the Credit Agreements" is "credit agreement"
_ARTICLE = re.compile(r"^(the|a|an)\s+")
_PLURAL_AGREEMENTS = re.compile(r"agreements\b")
_FORM_OF = re.compile(r"(?i)\bforms? of\s+(?:the\s+)?$")
# "entered into the Company’s standard form of indemnification agreement": an agreement made on
# the form, which the annotation rules count
_ENTERED_FORM = re.compile(
    r"(?i)\b(?:entered into|executed|signed)\s+(?:(?:the|its|our|an?)\s+)?(?:[\w.]+[’']s\s+)?"
    r"(?:standard\s+)?forms? of\s+(?:the\s+)?$"
)


def title_key(title: str) -> str:
    t = title.lower().replace("\u2011", "-").replace("-", " ")
    t = _ARTICLE.sub("", t)
    t = _PLURAL_AGREEMENTS.sub("agreement", t)
    return re.sub(r"\s+", " ", t).strip()


def find_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Agreement mentions in ``text[start:end]`` (capitalised titles and generic noun phrases)."""
    out: list[Mention] = []
    for m in _RUN.finditer(text, start, end):
        out.extend(_run_mentions(text, m))
    taken = [(mm.start, mm.end) for mm in out]
    for m in _GENERIC_HEAD.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        mention = _generic_mention(text, start, m)
        if mention is not None:
            out.append(mention)
    out.sort(key=lambda mm: mm.start)
    return _with_ordinal_pairs(
        text, start, end, [_with_listed_words(text, start, mm) for mm in out]
    )


# the words of a title written as a list before it, after its article or opening an exhibit
# index line: "a Purchase, Sale and Assumption Agreement", "an Employee Confidential
# Information, Invention Assignment and ...", "10.1 Amended and Restated Forbearance, Lock-Up
# and Voting Agreement" (a restatement's words are the title's, wrapped lines too)
_LISTED_WORDS = re.compile(
    r"(?:\b(?:an?|the|its|our|into)\s+|\A\s*)"
    r"(?P<words>(?:(?:[A-Z][a-z]+\s+)?Amended\s+and\s+Restated\s+)?"
    r"(?:(?:[A-Z][\w'’\-]*\s+){0,3}[A-Z][\w'’\-]*,\s+){1,3})$"
)


def _with_listed_words(text: str, start: int, mention: Mention) -> Mention:
    """The mention with the words its title lists before it ("Purchase, Sale and Assumption
    Agreement"): only when the title goes on with "and" and those words hold no title of their
    own."""
    if mention.generic or " and " not in mention.title:
        return mention
    m = _LISTED_WORDS.search(text, max(start, mention.start - 120), mention.start)
    if m is None or HEAD_RE.search(m.group("words")) or find_orgs(m.group("words")):
        return mention
    begin = m.start("words")
    title = " ".join((text[begin : mention.start] + mention.title).split())
    return Mention(begin, mention.end, title, mention.generic, mention.reference)


def is_heading(line: str, title: str) -> bool:
    """Whether ``line`` holds only the agreement title ``title`` (a heading over the sentences
    that tell of it)."""
    return line.strip(" \t\n\xa0.:") == title


def sentence_mentions(text: str, s: int, e: int, alias_terms: dict[str, str]) -> list[Mention]:
    """The mentions of sentence ``text[s:e]``: titles (not forms of them) and the defined terms
    known."""
    mentions = [
        m
        for m in find_mentions(text, s, e)
        if not _FORM_OF.search(text[max(s, m.start - 12) : m.start])
        or _ENTERED_FORM.search(text[max(s, m.start - 80) : m.start])
    ]
    return with_alias_mentions(text, s, e, mentions, alias_terms)


# the ordinals that number instruments ("the Fourth Supplemental Indenture", "First Amendment")
ORDINAL = r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth)"
# two numbered instruments named at once: "the Fourth and the Fifth Supplemental Indentures",
# "the First and Second Amendments to the Credit Agreement"
_ORDINAL_PAIR = re.compile(
    rf"\b(?P<one>{ORDINAL})[ \t\xa0]+and[ \t\xa0]+(?:the[ \t\xa0]+)?(?P<two>{ORDINAL}"
    r"(?P<rest>(?:[ \t\xa0]+[A-Z][\w\-]*)*?)[ \t\xa0]+"
    r"(?P<head>Amendments|Supplemental[ \t\xa0]+Indentures|Supplements|Indentures|Agreements))\b"
)


def _with_ordinal_pairs(text: str, s: int, e: int, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each pair of numbered instruments named at once as two mentions."""
    for m in _ORDINAL_PAIR.finditer(text, s, e):
        tail = re.sub(r"[ \t\xa0]+", " ", f"{m.group('rest')} {m.group('head')[:-1]}")
        pair = [
            Mention(m.start("one"), m.end("one"), f"{m.group('one')}{tail}", False, False),
            Mention(
                m.start("two"), m.end("two"), f"{m.group('two').split()[0]}{tail}", False, False
            ),
        ]
        mentions = [x for x in mentions if x.end <= m.start() or x.start >= m.end()] + pair
    return sorted(mentions, key=lambda x: x.start)


# one singular defined term right after two joined titles names one instrument: "a Forbearance
# Agreement and Fourth Amendment to Credit Agreement (the “Forbearance Agreement”)"
_ONE_DEFINED_TERM = re.compile(
    # its date may stand between: "..., dated March 14, 2005 (the “Reaffirmation”)"
    r"(?:,?[ \t\xa0]+dated[ \t\xa0]+(?:as[ \t\xa0]+of[ \t\xa0]+)?[^()“\"]{4,30}?,?)?"
    r"[ \t\xa0]*\((?:the[ \t\xa0]+)?[“\"][^”\"]{1,60}[^s”\"][”\"]\)"
)


# a head that joins another noun into one title rather than closing one: "Guarantee and
# Collateral Agreement", "Waiver and Forbearance Agreement", "Joinder and Assumption Agreement"
_JOINED_NOUN = re.compile(r"\b(?:Guaranty|Guarantee|Waiver|Joinder|Commitment)$")


def _run_mentions(text: str, m: re.Match) -> list[Mention]:
    """The titles in one capitalised run (two when it joins "X Agreement and Y Agreement")."""
    run = m.group(0)
    heads = [
        h
        for h in HEAD_RE.finditer(run)
        if not _inside_organisation_name(text, m, h) and not _names_something_else(run, h)
    ]
    if not heads:
        return []
    out: list[Mention] = []
    cut = heads[-1].end()
    number = _TITLE_NUMBER.match(run[cut:])
    if number:
        cut += number.end()
    cut += _of_tail(text, m.start(), run, cut)
    split = _JOINED_RE.search(run[:cut])
    if (
        split
        and not _ONE_DEFINED_TERM.match(text, m.start() + cut)
        and HEAD_RE.search(run[: split.start()])
        and not _HEAD_ONLY.fullmatch(run[split.end() : cut])
        and not _HEAD_ONLY.fullmatch(run[: split.start()])  # "Warrant and Common Stock Agreement"
        and not _unfinished_amendment(run[: split.start()])
        and not _JOINED_NOUN.search(run[: split.start()])
    ):
        out.extend(_title_mention(text, m.start() + split.end(), run[split.end() : cut]))
        cut = split.start()
    left = _left_title(text, m.start(), run[:cut])
    if left is not None:
        out.append(left)
    return out


_NOT_TITLE_AFTER = words("mentions", "not_title_after_head")
# "Agreement of Purchase and Sale", "Agreement of Limited Partnership": what a bare head is of
_OF_TAIL = re.compile(
    r"[ \t\xa0]+of[ \t\xa0]+[A-Z][\w'’\-]*(?:[ \t\xa0]+(?:and[ \t\xa0]+)?[A-Z][\w'’\-]*)*"
)


def _of_tail(text: str, run_start: int, run: str, cut: int) -> int:
    """How far a title that is its head alone ("Agreement", "Stipulation and Agreement") goes on
    with the "of" phrase saying what it is: "Agreement of Purchase and Sale"; not into a name
    ("Guaranty of Acme Inc.")."""
    head = _LEADING_JUNK.sub("", run[:cut])
    tail = _OF_TAIL.match(run, cut)
    if tail is None or HEAD_RE.search(tail.group(0)):
        return 0
    if not (_HEAD_ONLY.fullmatch(head) or _HEAD_JOINED.fullmatch(head)):
        return 0
    if find_orgs(text[run_start + cut : run_start + tail.end() + 12]):
        return 0
    return tail.end() - cut


def _names_something_else(run: str, head: re.Match) -> bool:
    """Whether the word after the head makes the phrase a holder or a term of the agreement
    ("the Company Warrant Holders"), not the agreement."""
    after = run[head.end() :].split()
    return bool(after) and after[0].lower() in _NOT_TITLE_AFTER


# a capitalised word right after a head: the name it is part of goes on
_NAME_GOES_ON = re.compile(r"[ \t\xa0]+[A-Z]")


def _inside_organisation_name(text: str, m: re.Match, head: re.Match) -> bool:
    """Whether the run's last head is a word of a company's name the run goes on to ("Bayshore
    Lease Capital Corp.", "Continental Lease Funding Corp.")."""
    if not _NAME_GOES_ON.match(m.group(0), head.end()):
        return False  # the run ends at the head, or goes on with "of" ("Guaranty of Acme Inc.")
    at = head.start()  # offsets within the run, where the organisations are searched
    return any(o.start <= at < o.end for o in find_orgs(text[m.start() : m.end() + 12]))


# the adverbs that put an amendment in an agreement's past ("as heretofore amended", "as
# previously amended by Amendment No. 1"): a description of the agreement, no event of the report
PAST_ADVERBS = ("previously", "heretofore", "theretofore")
PAST_ADVERB = "(?:" + "|".join(PAST_ADVERBS) + ")"
# the nouns of an instrument that changes another agreement, or is made to one
# (data/agreement_mentions.json)
AMENDING_OR_ATTACHING = alternation("mentions", "amending_words", "attaching_words")
# the title of an instrument made to change or join another: "First Supplemental Indenture",
# "Amendment No. 2", "Joinder Agreement"
CHANGING_INSTRUMENT = re.compile(rf"(?i)\b(?:{AMENDING_OR_ATTACHING})")
# a restatement's title: "Amended and Restated Voting Agreement", "Second Amended and Restated
# Credit Agreement" (read on a title key or a lower-cased title)
RESTATED_TITLE = re.compile(
    r"^(?:(?:first|second|third|fourth|fifth|sixth) )?amended and restated "
)
# "First Amendment to Purchase": an amendment whose object's title goes on after "and"
_AMENDMENT_TO = re.compile(r"\b(?:" + AMENDING_OR_ATTACHING.title() + r")(?: No\. ?\d+)? to ")


def _unfinished_amendment(left: str) -> bool:
    """Whether ``left`` ends in "Amendment to <words>" with no title head after "to" ("First
    Amendment to Purchase and Sale Agreement" is one title)."""
    found = list(_AMENDMENT_TO.finditer(left))
    return bool(found) and not HEAD_RE.search(left[found[-1].end() :])


def _left_title(text: str, run_start: int, title: str) -> Mention | None:
    caps = _CAPITALS_HEADING.match(title)  # "EXPLANATORY NOTE This Amendment No. 1 ..."
    offset = caps.end() if caps else 0
    lead = _LEADING_JUNK.match(title[offset:])
    offset += lead.end() if lead else 0
    if _AMENDMENT_OF.match(title) or _AMENDMENT_AGREEMENT.fullmatch(title):
        offset = 0
    title = title[offset:]
    if not title or not HEAD_RE.search(title):
        return None
    s = run_start + offset
    single = bool(_HEAD_ONLY.fullmatch(title))
    prev = text[max(0, s - 12) : s].lower()
    reference = (
        single
        and bool(_REFERRING_DET.search(prev))
        and not _INTRODUCED.match(text[s + len(title) : s + len(title) + 90])
    )
    if single and _NEW_DET.search(prev):
        reference = False
    return Mention(s, s + len(title), _clean_title(title), False, reference)


def _modifiers_before(text: str, start: int, head_start: int) -> tuple[list[str], int]:
    """The words of a generic title before its head (at most five) and where they begin."""
    words_start = cursor = head_start
    modifiers: list[str] = []
    while len(modifiers) < 5:
        window = text[max(start, cursor - 40) : cursor]
        pm = _WORD_BEFORE.search(window)
        if not pm:
            break
        word = pm.group(1)
        if word.lower() in SKIP_ADJ:  # "a definitive agreement": consumed, not part of the title
            cursor = cursor - len(window) + pm.start(1)
            words_start = cursor
            continue
        if word.lower() in STOP_BEFORE or not _MODIFIER_OK.match(word):
            break
        modifiers.insert(0, word)
        cursor = cursor - len(window) + pm.start(1)
        words_start = cursor
    while modifiers and modifiers[0].lower() == "and":
        modifiers.pop(0)
        words_start = text.find(modifiers[0], words_start) if modifiers else head_start
    money = [
        i
        for i, w in enumerate(modifiers)
        if w.lower() in ("million", "billion", "thousand") or w.startswith("$")
    ]
    if money:  # "a $500 million revolving credit agreement": the amount is no part of the title
        modifiers = modifiers[money[-1] + 1 :]
    adverbs = [w for w in modifiers if w.endswith("ly") and w.lower() not in LY_NOUNS]
    return [w for w in modifiers if w not in adverbs], words_start  # adverbs are no title


# a noun right after a lower-case head makes the phrase a thing of the agreement, or someone
# who works under contracts ("its third-party contract manufacturers")
_NOUN_AFTER_HEAD = re.compile(
    r"[ \t\xa0]+(?:years?|term|terms|date|period|amount|price|rate|value|payments?|rights?|"
    r"manufactur\w*|research|organi[sz]ations?|employees?|personnel|workers?)\b"
)


# "the supply agreement described in Item 1.02 of the Original Report": a generic title that
# points to the telling of its agreement elsewhere names it, and tells no event of its own
_DESCRIBED_ELSEWHERE = re.compile(
    r",?[ \t\xa0\n]+(?:(?:that|which)[ \t\xa0\n]+(?:is|was|are|were)[ \t\xa0\n]+)?"
    r"(?:described|referred[ \t\xa0\n]+to|discussed)[ \t\xa0\n]+(?:in|above|below|under)\b"
)


def _generic_mention(text: str, start: int, m: re.Match) -> Mention | None:
    """A lower-case title ending in head ``m``: "a note purchase agreement"; None for
    descriptions."""
    modifiers, words_start = _modifiers_before(text, start, m.start())
    before = text[max(start, words_start - 40) : words_start].lower()
    head = m.group(1)
    plural = head.endswith(("ments", "ures", "ees", "ters", "ties"))
    # "entered into subscription agreements with": a plural of a known kind needs no
    # determiner ("entered into several agreements" names none)
    bare_plural = (
        plural
        and bool(_INTO.search(before))
        and bool(_WITH_AFTER.match(text, m.end()))
        and kind_from_title(" ".join(modifiers + [head[:-1]])) is not None
    )
    if not (_DETERMINED.search(before) or bare_plural):
        return None
    if _NOUN_AFTER_HEAD.match(text, m.end()):
        return None  # "the first contract year", "the lease term": a thing of the agreement
    if any(w.lower() in NOT_MODIFIER for w in modifiers):
        return None
    if modifiers and all(_TENOR.fullmatch(w) for w in modifiers):
        return None
    if inside_parenthesis(text, max(start, m.start() - 150), m.start()):
        return None  # inside a parenthesis: a defined term's explanation
    title = " ".join(modifiers + [head[:-1] if plural else head])  # one title per agreement
    prev = text[max(0, words_start - 12) : words_start].lower()
    referring = bool(_REFERRING_DET_PLURAL.search(prev))
    reference = referring and (not modifiers or bool(_DESCRIBED_ELSEWHERE.match(text, m.end())))
    return Mention(words_start, m.end(), title, True, reference)


def _title_mention(text: str, s: int, title: str) -> list[Mention]:
    lead = _LEADING_JUNK.match(title)
    if lead:
        s += lead.end()
        title = title[lead.end() :]
    if not HEAD_RE.search(title):
        return []
    return [Mention(s, s + len(title), _clean_title(title), False, False)]


def _clean_title(title: str) -> str:
    title = re.sub(r"[ \t\xa0\n]+", " ", title).replace("\u2011", "-")
    title = _POSSESSOR.sub("", title)
    return re.sub(r"^(?:The|the) ", "", title).strip()


def with_alias_mentions(
    text: str, s: int, e: int, mentions: list[Mention], alias_terms: dict[str, str]
) -> list[Mention]:
    """``mentions`` plus the defined terms of earlier agreements named in ``text[s:e]``
    (references)."""
    if not alias_terms:
        return mentions
    out = list(mentions)
    for term in alias_terms:
        for m in re.finditer(r"(?<![\w\"“])" + re.escape(term) + r"(?![\w\"”])", text[s:e]):
            a, b = s + m.start(), s + m.end()
            if any(x.start < b and a < x.end for x in out):
                continue
            out.append(Mention(a, b, term, False, True))
    out.sort(key=lambda x: x.start)
    return out
