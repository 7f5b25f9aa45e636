"""Stage 2: what a sentence reports about a mention's agreement: entered, amended or terminated;
or nothing (background, future, hypothetical, a description of terms)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from ...reader.dates import find_dates
from ...names import without_courtesy_dots
from .dates import after_report_within_filing, dated_after, dated_in_report, filing_date_at, recent
from .mentions import BARE, HEAD_RE, PAST_ADVERB, PAST_ADVERBS, is_heading
from .model import COMPLETION_ITEMS, Event, Mention, Sentence
from ...vocab import alternation

# the nouns of an instrument that changes another agreement (data/agreement_mentions.json)
_AMENDING_NOUNS = alternation("mentions", "amending_words")


@lru_cache(maxsize=1)
def _trigger_lists() -> dict[str, list[str]]:
    """The phrase lists of ``data/triggers.json`` by event (its ``_doc`` left out)."""
    data = json.loads(
        resources.files("pactgraph.nlp").joinpath("data/triggers.json").read_text("utf-8")
    )
    return {k: v for k, v in data.items() if not k.startswith("_")}


# The first "terminated" phrase of data/triggers.json is the word itself with the defined terms
# that end nothing ("the termination date", "a Forbearance Termination Event", "the termination
# fee payable"); the verb below uses the same phrase, so the exceptions are written once.
_TERMINATION_WORD = _trigger_lists()["terminated"][0]

# the verb that governs a mention: t(erminated), a(mended) or e(ntered)
VERB = re.compile(
    rf"\b(?P<t>{_TERMINATION_WORD}\w*|cancel\w*|replac(?:ed|es|ing)|"
    r"ceased? to (?:be of|have) (?:any )?further (?:force (?:and|or) )?effect|"
    r"satisf(?:ied|y) and discharged?)\b|"
    r"\b(?<!as )"
    + "".join(f"(?<!{adverb} )" for adverb in PAST_ADVERBS)
    + r"(?P<a>amend(?:ed|s|ing)?|extend(?:ed|s)?|"
    # "an Amended and Restated Credit Agreement" is a title; "amended and restated its Credit
    # Agreement" is the verb
    r"modif(?:y|ied|ies))\b(?! and restated(?!\s+(?:its|the|their|our|that certain)\b))|"
    r"\b(?P<e>entered into|enter into|entry into|executed|signed|agreed|completed|consummated|"
    r"closed|delivered|"
    r"issued|entered|(?:being|were|was|are|is) ?issued (?:pursuant to|under))\b",
    re.I,
)
# "the form of which was previously filed" speaks of the exhibit, not of the agreement
_FILED = re.compile(r"(?i)filed")
# a parenthesis (a defined term, an aside) holds no verb that governs the mentions around it
_PARENTHESIS = re.compile(r"\([^()]*\)")
# "If", "Upon", "Subject to" ... at a sentence's start: a condition, not an event
CONDITIONAL = re.compile(
    r"^(?:In the event|If|Should|Subject to|Upon|Under|Following|After|Prior to|Unless|Once|When)\b"
)
# "This report contains forward-looking statements regarding ... the agreements entered into"
_FORWARD_LOOKING = re.compile(r"(?i)\bforward[- ]looking statements?\b")
# "... is subject to the satisfaction or waiver of customary conditions, including (a) ...":
# a list of conditions, whatever agreements it names
_CLOSING_CONDITIONS = re.compile(
    r"(?i)\b(?:is|are|remains?|will (?:be|remain)|shall be) subject to (?:the )?"
    r"(?:satisfaction|fulfil+ment|receipt)\b"
)
# the words of the Form 8-K item headings, blanked so "Entry into a Material Definitive Agreement"
# is no verb
_ITEM_HEADINGS = re.compile(
    r"entry into a material definitive agreement|termination of a material definitive agreement|"
    r"completion of acquisition or disposition of assets|"
    r"creation of a direct financial obligation[^.]*|departure of directors[^.]*|"
    r"compensatory arrangements of certain officers|amendments? to articles[^.]*"
)
# "as previously disclosed": what follows is background, not this report's event
_BACKGROUND_SENT = re.compile(
    r"\b(?:as (?:previously )?(?:disclosed|reported|announced)|"
    r"previously (?:disclosed|reported|filed|announced)"
    r"|as disclosed|as described in (?:the|our|its) (?:current|annual|quarterly))\b",
    re.I,
)
# the determiner of an agreement already in place: "the", "its", "the Company's" ...
_ITS = r"(?:the|its|such|that|our|the\s+(?:company|registrant)[’']s)"
# "under the Ground Lease": the agreement something is done under, not the one entered
_GOVERNED_BY = re.compile(
    # "outstanding under the Company's Credit Agreement" too
    rf"\b(?:under|pursuant to|as provided (?:in|by|for in))\s+(?:the\s+terms\s+of\s+)?"
    rf"(?:{_ITS}|his|her)\s+$"
    # "delivered pursuant to Sections 201 and 301 of the Indenture": a provision of it
    r"|\b(?:sections?|articles?|paragraphs?)\s+[\w.()]+(?:(?:,|,?\s+and|\s+through)\s+[\w.()]+)*"
    rf"\s+of\s+{_ITS}\s+$",
    re.I,
)
# a sentence that opens with the agreement something is done under: "Pursuant to the X, ..."
_OPENING_UNDER = re.compile(rf"\s*(?:pursuant to|under|in accordance with)\s+{_ITS}\s+$", re.I)
# ... unless the thing done is the entry: "issued under its indenture"
_DONE_UNDER = re.compile(
    r"(?:issued|entered into|executed|signed|delivered)\s+(?:under|pursuant to)\s+\w+\s+$"
)
# Item 2.01 "pursuant to the terms of the Merger Agreement": the agreement a completed deal closed
# under
_CLOSED_UNDER = re.compile(
    r"\b(?:pursuant to|under|in accordance with)\s+(?:the terms (?:and conditions )?of\s+)?(?:the|"
    r"an?|that certain)\s+$",
    re.I,
)
# what went on before the deal ("Since August 1, 1997 the Company had provided programming ...
# pursuant to a Time Brokerage Agreement"): the agreement is no deal's
_BEFORE_THE_DEAL = re.compile(r"^since\b|\bhad\s+(?:been\s+)?[a-z]+ed\b")
# a word of the deal in the sentence: the agreement named after "under" is the one it closed
# under; without one ("The hospital campus is leased by CVMC from the Authority under a Hospital
# Lease Agreement dated as of July 1, 1987") the sentence describes an arrangement in place
_DEAL_WORD = re.compile(
    r"\b(?:acqui\w+|complet\w+|consummat\w+|closing|closed|purchas\w+|sold|sale|sell\w*|"
    r"merge[drs]?|merger|dispos\w+|transfer\w*|exchang\w+|conver\w+|effective time|deal|"
    r"transaction|formed|formation|contribut\w+)\b"
)
# "funded with borrowings under the Company's Revolving Credit Agreement": the deal's financing
# under an agreement already in place, not the agreement the deal closed under; the borrower may
# stand between ("borrowings by X, a wholly owned subsidiary of Y, under the Credit Agreement")
_BORROWED_UNDER = re.compile(
    r"\b(?:borrowings?|loans?|advances?|drawn|drawings?)\s+(?:outstanding\s+)?"
    r"(?:by\s+[^;]{0,160}?\s+)?under\s+"
    # "... under its revolving credit facility pursuant to the Credit Agreement"
    r"(?:(?:its|their|our|the)\s+[a-z\s\-]{0,60}?(?:facility|facilities|line of credit)\s+"
    r"(?:pursuant to|under|provided by)\s+)?"
    rf"(?:{_ITS}\s+)?$"
)
# future, conditional or hypothetical wording before a mention ("will enter into", "to be executed")
_HYPOTHETICAL = re.compile(
    r"\b(?:in the event (?:of|that)|upon|following|if|should|unless|in case of|would|could|may|"
    r"might)\b(?:(?!\b(?:and|but)\b)[^.;,]){0,60}$|"
    r"\b(?:(?:expects?|expected|intends?|plans?|is|are) to|will|would|shall)\s+"
    r"(?:(?:also|each|then|subsequently|\w+ly)\s+)?(?:enter into|execute|sign|be included in)\b"
    r"[^.;]{0,150}$|"
    r"\b(?:agreed|agree|agrees) to\s+(?:enter into|execute|sign|deliver)\b[^.;]{0,60}\bat (?:the|"
    r"such) closing\b[^.;]{0,150}$|"
    r"\bat (?:the|such) closing\b,?[^.;]{0,80}\b(?:will|shall|would|"
    r"(?:agreed|agree|agrees) to)\s[^.;]{0,150}$|"
    r"\bto be (?:entered into|executed|signed)\b[^.;]{0,60}$|"
    # "will remain in effect until the Company and Ms. X enter into a new employment agreement"
    r"\buntil\b[^.;,]{0,80}\benters?\s+into\s+(?:an?\s+|the\s+)?(?:new\s+)?$|"
    # "agreed to negotiate in good faith a Trademark License Agreement", "expect to negotiate a
    # joint sales agreement", "are negotiating a supply agreement": not made yet
    r"\b(?:to negotiate|(?:is|are) negotiating)\b[^.;]{0,60}$|"
    # "the closing is subject to (i) receipt of a new Master Repurchase Agreement": a condition
    r"\b(?:is|are|remains?|will be|shall be) (?:subject to|conditioned (?:up)?on)\b[^.;]{0,300}$"
    # "to amend the Current Report", "this Amendment No. 1 amends the Original Report to report
    # the terms of Mr. X's employment agreement": the report is amended, not an agreement
    r"|\b(?:to amend|amends) (?:the|this|our|its) (?:original |current )?report\b[^.;]{0,200}$",
    re.I,
)
# a modal before the verb: "may terminate", "will be amended", "not to enter", "has not been
# completed"
_MODAL = re.compile(
    r"\b(?:may|might|could|would|will|shall|can|must|not|never|(?<!agreed )to)\s+"
    r"(?:be\s+|been\s+)?$"
)
# a modal word before the verb that follows a mention: what may happen, not what happened
# (the lower-cased sentence is read: "may" before a day is the month, "as of May 1, 1997")
_MODAL_WORD = re.compile(r"\b(?:shall|may(?![ \t\xa0]+\d)|might|could|would|will|should)\b")
# a participle right after an agreement that says it changes another one
_CHANGING_AFTER = re.compile(
    r"\s*(?:\([^()]{0,80}\)\s*)?,?\s*(?:amending|extending|modifying|waiving)\b"
)
# where a new clause with its own subject may begin: "; " or ", and the ...", ", and Acme's ..."
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+and\s+(?=(?:the|its|our|his|her|their)\b|[a-z][\w.&\-]*[’']s\b)"
)
# "..., which was scheduled to terminate": a relative clause describes the agreement named before it
_RELATIVE = re.compile(r",\s*(?:which|who)\b[^,;]*$")
# "as amended" describes the agreement, it is no amendment event
_AS_AMENDED = re.compile(rf"\bas (?:{PAST_ADVERB} )?amended\b")
# the sentence says the agreement was made ("entered into"), which outweighs future wording
_MADE = re.compile(r"\b(?:entered into|executed|signed|has entered|have entered)\b")
# amended-and-restated and ordinal titles are new versions, their "amend" verb is their own title
# "(second) amended and restated" written before a lower-case title: the title is an amendment
_RESTATED_BEFORE = re.compile(r"amended and restated\s+$")
# an instrument that changes another: "Amendment No. 1", "First Amendment", "Consent and
# Amendment No. 3"
_AMENDMENT_LEAD = r"(?:\w+ )?(?:\w+ and )?"
_AMENDMENT_OF = re.compile(_AMENDMENT_LEAD + r"amendment\b")
# titles that are amendments themselves: "First Amendment", "Waiver", "Amended and Restated X"
_AMENDING_TITLE = re.compile(
    r"(?:amendment|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"amended and restated|waiver|extension|\w+ amended)"
    # "Incremental Assumption Agreement and Amendment No. 4": an amendment by its number
    r"|.*\bamendment no\.\s*\d"
    # "letter amendment", "Consent and Fifth Amendment to X", "Consent and Waiver to X": an
    # amending word ends the title's own name
    rf"|.*\b(?:{_AMENDING_NOUNS})(?: agreement)?(?: no\.\s*\d+)?(?: (?:to|of)\b|$)"
)
# ... or an amended version of one, in any case ("Second Amended and Restated X")
_AMENDMENT_WORD = re.compile(_AMENDMENT_LEAD + r"(?:amendment|amended)", re.I)
# a sentence that opens with the mention and reports nothing done to it is a description of its
# terms
_DONE_AFTER = re.compile(
    r"\b(?:was|were|has been|have been|had been)\s+(?:entered|executed|signed|amended|terminated|"
    r"approved)|\b(?:entered into|executed|signed|terminated|amended|approved|became effective)\b"
)
# "existing", "prior" ... before the mention: an agreement other than the one this report makes
_PRIOR = re.compile(
    r"\b(?:existing|prior|previous|previously|original|predecessor|current|former)\b[^,;]{0,30}$|"
    rf"\bas (?:{PAST_ADVERB} )?(?:amended|supplemented|"
    r"modified)(?: and (?:supplemented|restated))? by\s+(?:the\s+)?$"
)
_A_OR_AN = re.compile(r"\b(?:an?)\s+$")
# "pursuant to a letter agreement": the terms of an agreement introduced as new
_UNDER_NEW = re.compile(r"\b(?:pursuant to|under) an?\s+$")
# Item 5.02 "the material terms of Mr. Parks’ offer letter": the arrangement the item reports
_TERMS_OF_PERSONS = re.compile(
    r"\bterms of (?:(?:mr|ms|mrs|dr)\.[ \t\xa0]+[a-z][\w\-]+[’'](?:s\b)?|his|her)\s+$"
)
# Item 1.01's first agreement introduced as new: "a letter agreement between ...", "an X, dated ..."
_INTRODUCED_WITH = re.compile(
    r"\s*,?\s*(?:\([^)]*\)\s*,?\s*)?(?:dated|between|by and between|among|by and among|with)\b"
)


@lru_cache(maxsize=1)
def triggers() -> dict[str, re.Pattern]:
    """The event vocabularies of ``data/triggers.json`` (terminated / amended / entered /
    future)."""
    return {k: re.compile(r"\b(?:" + "|".join(v) + r")", re.I) for k, v in _trigger_lists().items()}


def read_sentence(text: str, s: int, e: int, mentions: list[Mention]) -> Sentence:
    """The event wording of sentence ``text[s:e]``; its mentions and item headings are blanked
    first and the blanked text is read when no verb is left outside them."""
    trig = triggers()
    sent = text[s:e]
    low = blanked = sent.lower()
    for mm in mentions:
        a, b = mm.start - s, mm.end - s
        blanked = blanked[:a] + " " * (b - a) + blanked[b:]
    blanked = _ITEM_HEADINGS.sub(lambda x: " " * len(x.group(0)), blanked)
    if not VERB.search(blanked):
        low = blanked
    # a condition, or the safe-harbor statement about forward-looking statements: no event
    conditional = (
        (bool(CONDITIONAL.match(sent)) and not _independent_last_clause(low, trig))
        or bool(_FORWARD_LOOKING.search(sent))
        or bool(_CLOSING_CONDITIONS.search(sent))
    )
    # "the form of which was previously filed" speaks of the exhibit, not of when the agreement was
    # made
    background_at = tuple(
        m.start() for m in _BACKGROUND_SENT.finditer(sent) if not _FILED.search(m.group(0))
    )
    return Sentence(
        s,
        e,
        sent,
        low,
        has_term=bool(trig["terminated"].search(low)) and not conditional,
        has_amend=bool(trig["amended"].search(_AS_AMENDED.sub(" ", low))) and not conditional,
        has_enter=bool(trig["entered"].search(low)) and not conditional,
        is_future=bool(trig["future"].search(low)) and not _MADE.search(low),
        conditional=conditional,
        background_at=background_at,
    )


def _independent_last_clause(low: str, trig: dict[str, re.Pattern]) -> bool:
    """Whether a sentence that opens with a condition ends in a clause of its own that reports
    an event without a modal ("Under the Separation Agreement, Mr. X will receive ..., and the
    Company's Employment Agreement ... was terminated")."""
    lead = _TIME_LEAD.match(low)
    if lead and _PAST_EVENT.search(low, lead.end()) and not _MODAL_WORD.search(low, lead.end()):
        return True  # "Upon termination of the Merger Agreement, the Voting Agreement terminated"
    start = _clause_start(low, len(low))
    if start == 0:
        return False
    rest = low[start:]
    reports = any(trig[k].search(rest) for k in ("terminated", "amended", "entered"))
    return reports and not _MODAL_WORD.search(rest)


# a sentence opening with when something happened ("Upon termination of X,", "Following the
# closing,") and telling in the past tense what happened then: an event, no condition
_TIME_LEAD = re.compile(r"^(?:upon|following|after)\b[^,;]{0,80},\s")
_PAST_EVENT = re.compile(
    r"\b(?:terminated|expired|ended|ceased|was (?:terminated|amended)|were (?:terminated|amended)|"
    r"(?:was|were) (?:satisfied and )?discharged|(?:was|were) cancell?ed|entered into|executed)\b"
)


# a mention denied by its determiner: "no such agreement has been entered into"
_DENIED = re.compile(r"\bno\s+(?:such\s+|other\s+|further\s+|new\s+|definitive\s+)?$")


def hypothetical(low: str, pos: int) -> bool:
    """Whether the words before ``pos`` make the mention a future, hypothetical or denied one."""
    window = without_courtesy_dots(low[max(0, pos - 220) : pos])  # "if mr. x is": no stop
    return bool(_HYPOTHETICAL.search(window) or _DENIED.search(window))


def _is_modal(sentence: str, verb: re.Match) -> bool:
    modal = _MODAL.search(sentence[max(0, verb.start() - 20) : verb.start()])
    if modal and modal.group(0).startswith("to") and _SPENT_TO.search(sentence, 0, verb.start()):
        modal = None  # "used the proceeds to repurchase ... and to terminate X": done
    return bool(modal or hypothetical(sentence, verb.start()))


# money spent on what the infinitive tells: "used $52.0 million of the proceeds ... to terminate"
_SPENT_TO = re.compile(r"\b(?:used|applied|utilized)\b[^;]{0,300}\bto\s+$")


def nearest_verb(sentence: str, pos: int) -> str | None:
    """The group ("t", "a", "e") of the verb governing position ``pos``, "modal", or None."""
    sentence = _PARENTHESIS.sub(lambda m: " " * len(m.group(0)), sentence)
    before = [m for m in VERB.finditer(sentence, 0, pos)]
    # a modal verb in a relative clause ("..., which was scheduled to terminate on ...") describes
    # the agreement named before it; the verb that governs this mention is further back
    while (
        len(before) > 1
        and _is_modal(sentence, before[-1])
        and _RELATIVE.search(sentence[max(0, before[-1].start() - 80) : before[-1].start()])
    ):
        before.pop()
    verb = before[-1] if before else VERB.search(sentence, pos)
    if verb is None:
        return None
    if _is_modal(sentence, verb):
        return "modal"
    clause = _clause_start(sentence, pos)
    first_of_clause = not any(clause <= b.start() < verb.start() for b in before)
    if (
        not before or (first_of_clause and _NOUN_OF_EVENT.fullmatch(verb.group(0)))
    ) and _MODAL_WORD.search(sentence, clause, verb.start()):
        # a modal before the verb after the mention ("will be funded by a note issued by"), or
        # before a noun of an event that is the clause's first ("the Guarantee ... shall cease
        # ..., other than by reason of the termination of the Indenture or the release of any
        # such Guarantee"): what may happen, not what happened
        return "modal"
    return verb.lastgroup


# an event named by a noun, which a modal earlier in its clause governs
_NOUN_OF_EVENT = re.compile(r"(?i)termination|cancell?ation|replacement|entry into")


def _clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins: after the last "; " or ", and the ..." before it
    ("X will receive ..., and the Company's Employment Agreement ... was terminated")."""
    return max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, pos)), default=0)


# the agreement as the subject of its own ending: "X terminated by its terms", "X was terminated"
_ENDED_AFTER = re.compile(
    r"(?:\s*\([^)]*\))?\s+(?:(?:was|were|has been|have been|had been|is)\s+)?"
    r"(?:terminated|expired)\b(?!\s+(?:the|its|our|this|that|a|an)\b)"
)


# a passive verb of ending or change after the clause's subject and the words that qualify it
_PASSIVE_AFTER = re.compile(
    r"[^;]{0,120}?\b(?:was|were|has\s+been|have\s+been)\s+(?P<verb>terminated|amended)\b"
)


def _passive_of_subject(low: str, start: int, end: int) -> str | None:
    """ "..., and the Seller's Franchise Agreements for the Acquired Restaurants with the Company
    were terminated": the action of a mention that opens its clause and is the subject of a
    passive verb after it ("terminated" or "amended"), whatever an earlier clause reported."""
    clause = _clause_start(low, start)
    if VERB.search(low, clause, start):
        return None  # a verb before the mention in its clause governs it
    m = _PASSIVE_AFTER.match(low, end)
    if m is None or VERB.search(low, end, m.start("verb") - 1):
        return None  # another verb in between has its own subject
    return "terminated" if m.group("verb") == "terminated" else "amended"


def _verb_action(verb: str | None, title: str, item: str, made_now: bool = False) -> str | None:
    """The action the governing verb reports, when the title and item allow it (``made_now``:
    the sentence dates the making on the event's day)."""
    if verb == "t" and "termination" not in title:
        return "terminated"
    if verb == "a" and "supplemental indenture" not in title:
        if item not in COMPLETION_ITEMS:
            return "amended"
    if verb == "e" and not _AMENDING_TITLE.match(title):
        # Item 1.02 tells endings: an agreement "entered into" there is the one that ended,
        # unless it is a termination agreement or made on the event's day
        if item != "1.02" or "termination" in title or made_now:
            return "entered"
    return None


def action_of(
    mention: Mention, item: str, sent: Sentence, pre: str, report_date: str | None = None
) -> str | None:
    """The action of an eventful sentence for ``mention``: its verb first, then the title and
    item."""
    title = mention.title.lower()
    if _RESTATED_BEFORE.search(pre):  # "an amended and restated employment agreement"
        title = f"amended and restated {title}"
    low = sent.low
    verb = nearest_verb(low, mention.start - sent.start)
    if verb == "modal":
        return None
    if verb == "e" and _CHANGING_AFTER.match(low, mention.end - sent.start):
        return "amended"  # "entered into a letter agreement (the "X") extending the maturity"
    if _ENDED_AFTER.match(low, mention.end - sent.start) and "termination" not in title:
        return "terminated"  # "The Time Brokerage Agreement terminated by its terms", any item
    passive = _passive_of_subject(low, mention.start - sent.start, mention.end - sent.start)
    if passive is not None and "termination" not in title:
        return passive
    made_now = item == "1.02" and verb == "e" and _made_on_event_day(mention, sent, report_date)
    action = _verb_action(verb, title, item, made_now)
    if action is not None:
        return action
    if "termination" in title or "supplemental indenture" in title:
        return "entered"
    if item in COMPLETION_ITEMS and not sent.has_term:
        # a deal closed under it: entered, unless it is an amendment ("Amendment No. 1 to")
        return "amended" if _AMENDMENT_OF.match(title) else "entered"
    if sent.has_term and item == "1.02":
        return "terminated"
    if _AMENDING_TITLE.match(title):
        return "amended"
    if sent.has_amend:
        return "amended"
    if verb is None and sent.has_term and not sent.has_enter:
        return None  # a word of ending ("rescinded", "termination") but no verb of an event
    return "entered"


def _eventful(mention: Mention, sent: Sentence) -> bool:
    """Whether the sentence reports an event for ``mention``; "The X Agreement, among other
    things, amends ..." opens with the mention and describes it."""
    if not (sent.has_term or sent.has_amend or sent.has_enter) or sent.is_future:
        return False
    return not (
        mention.start - sent.start <= 5
        and not _DONE_AFTER.search(sent.low[mention.end - sent.start :])
    )


def _reported_action(
    mention: Mention, item: str, sent: Sentence, pre: str, report_date: str | None
) -> str | None:
    action = action_of(mention, item, sent, pre, report_date)
    if action is not None and hypothetical(sent.low, mention.start - sent.start):
        return None  # "agreed to enter into ... at the closing, including a X"
    if item in COMPLETION_ITEMS or action not in ("entered", "amended"):
        return action
    if _GOVERNED_BY.search(pre) and not _DONE_UNDER.search(pre):
        # "obligations under the Ground Lease", "a Separation Agreement as provided in the Amended
        # and Restated Employment Agreement": the agreement something is done under (a
        # restatement dated in the reporting window is made now)
        if action == "entered" or not _dated_now(sent, mention, report_date):
            return None
    if action == "entered" and _closed_under_only(sent, pre):
        # a closing told outside Item 2.01 (a press release about it) under an agreement not
        # made in the reporting window: background
        if not _dated_now(sent, mention, report_date):
            return None
    return action


# "the merger contemplated by the Agreement and Plan of Merger" (beside ``_CLOSED_UNDER``'s
# "pursuant to the terms of the")
_CONTEMPLATED_BY = re.compile(r"\bcontemplated\s+by\s+(?:the|an?|that\s+certain)\s+$")
# the words that tell a closing: "completed", "consummated", "the close of the transactions"
_CLOSING_WORD = re.compile(r"\b(?:complet\w+|consummat\w+|clos(?:e|ed|ing))\b")
# the words that tell a signing
_SIGNING_WORD = re.compile(r"\b(?:enter\w*|execut\w+|sign\w*|agreed)\b")


def _dated_now(sent: Sentence, mention: Mention, report_date: str | None) -> bool:
    """Whether the agreement bears a date in the report's events (", dated as of <date>")."""
    at = mention.end - sent.start
    return dated_in_report(dated_after(sent.text, at, len(sent.text)), report_date)


def _closed_under_only(sent: Sentence, pre: str) -> bool:
    """Whether the sentence tells of a deal closed under the agreement named after ``pre`` and
    of no signing ("completed the merger contemplated by the Agreement and Plan of Merger")."""
    return (
        bool(_CLOSED_UNDER.search(pre) or _CONTEMPLATED_BY.search(pre))
        and bool(_CLOSING_WORD.search(sent.low))
        and not _SIGNING_WORD.search(sent.low)
    )


def _opening_instrument(mention: Mention, sent: Sentence) -> bool:
    """ "Pursuant to the Retirement Agreement, the Employment Agreement was terminated": the
    sentence opens with the agreement something is done under, and what ended (or changed) is
    named after it."""
    at, end = mention.start - sent.start, mention.end - sent.start
    return bool(_OPENING_UNDER.match(sent.low, 0, at)) and bool(HEAD_RE.search(sent.text, end))


def _implied_action(
    text: str, mention: Mention, item: str, sent: Sentence, pre: str, section_live: bool
) -> str | None:
    """The action an item implies for a mention without an event verb."""
    if (
        sent.is_future
        or sent.conditional
        or hypothetical(sent.low, mention.start - sent.start)
        or (mention.generic and mention.title in BARE)
    ):
        return None
    if is_heading(sent.text, mention.title):
        return None  # a heading ("Rheinfeld Distribution Agreement"): the sentences after it tell
    if item == "1.02" and not mention.reference and not section_live:
        return "terminated"  # Item 1.02 reports terminations: "... ceased to be of further effect"
    if (
        item in COMPLETION_ITEMS
        and _CLOSED_UNDER.search(pre)
        and _DEAL_WORD.search(sent.low)
        and not _BEFORE_THE_DEAL.search(sent.low)
        and not _BORROWED_UNDER.search(sent.low, 0, mention.start - sent.start)
    ):
        # a completed deal: the agreement it closed under (or the amendment it was done under)
        return "amended" if _AMENDMENT_OF.match(mention.title.lower()) else "entered"
    if item == "5.02" and _TERMS_OF_PERSONS.search(pre):
        return "entered"  # an officer's compensatory arrangement, described by its terms
    introduced = _INTRODUCED_WITH.match(text[mention.end : mention.end + 40])
    if item == "1.01" and _A_OR_AN.search(pre) and not section_live and introduced:
        # Item 1.01's first agreement, introduced as new: "a letter agreement between"
        return "entered"
    if item == "5.02" and _UNDER_NEW.search(pre) and not section_live and introduced:
        # an officer's terms under a new agreement: "Pursuant to a letter agreement with the
        # Company, Mr. X will receive"
        return "entered"
    return None


def _dated_in_window(sent: Sentence, mention: Mention, report_date: str | None) -> bool:
    """Whether the sentence dates its event, before the mention, within the reporting window."""
    before = sent.text[: mention.start - sent.start]
    dates = [d for d in find_dates(before, report_date) if not filing_date_at(before, d.start)]
    return bool(dates) and recent(dates[-1].iso, report_date)


# "as supplemented by" (not "as amended by"): the words before an instrument added to another
_AS_SUPPLEMENTED = re.compile(r"\bas supplemented by\s+(?:the\s+)?$")
# an instrument dated within a week before the report, or after it (an 8-K is due in four
# business days), is part of the reported event
_THIS_WEEK_DAYS = 7


def _supplemented_now(
    text: str, mention: Mention, sent: Sentence, pre: str, report_date: str | None
) -> bool:
    """ "the Indenture, as supplemented by the First Supplemental Indenture, dated <this week>":
    the supplement is this report's new instrument, not an earlier one."""
    return bool(_AS_SUPPLEMENTED.search(pre)) and _dated_this_week(text, mention, sent, report_date)


def _dated_this_week(text: str, mention: Mention, sent: Sentence, report_date: str | None) -> bool:
    """Whether the mention's own ", dated <date>" falls in the reported week (or after the
    report, within the time it could still be filed)."""
    dated = dated_after(text, mention.end, sent.end)
    return recent(dated, report_date, _THIS_WEEK_DAYS) or after_report_within_filing(
        dated, report_date
    )


def _made_on_event_day(mention: Mention, sent: Sentence, report_date: str | None) -> bool:
    """ "On December 16, 2004, the Company and Mr. Kimball entered into a Separation Agreement,
    pursuant to which his Employment Agreement was terminated": the mention is the object of
    the "entered into" right before it, and the sentence dates that on the event's day."""
    at = mention.start - sent.start
    verbs = list(VERB.finditer(sent.low, 0, at))
    if not verbs or not verbs[-1].group("e"):
        return False
    if HEAD_RE.search(sent.text, verbs[-1].end(), at):
        return False  # another agreement is the verb's object, this one comes after it
    dates = find_dates(sent.text[:at], report_date)
    return bool(dates) and dated_in_report(dates[-1].iso, report_date)


def classify_event(
    text: str,
    mention: Mention,
    sent: Sentence,
    item: str,
    report_date: str | None,
    section_live: bool,
) -> Event:
    """The event ``sent`` reports for ``mention`` (in item ``item``); ``section_live``: whether
    the section already reported an agreement event."""
    pre = text[max(sent.start, mention.start - 45) : mention.start].lower()
    background = any(p < mention.start - sent.start for p in sent.background_at)
    background = background or _described_earlier(text, mention, sent)
    if background and _dated_in_window(sent, mention, report_date):
        background = False  # "As previously announced, on <last week>, X entered into": this event
    eventful = _eventful(mention, sent)
    action = _reported_action(mention, item, sent, pre, report_date) if eventful else None
    if action is None:
        action = _implied_action(text, mention, item, sent, pre, section_live)
    if action in ("terminated", "amended") and _opening_instrument(mention, sent):
        action = None
    if (
        action is None
        and not eventful
        and not sent.is_future
        and not mention.generic
        and not sent.conditional
        and not background
        and _dated_now(sent, mention, report_date)
    ):
        action = (
            "amended" if _AMENDMENT_WORD.match(mention.title) else "entered"
        )  # ", dated <recent date>"
    if action is None and _ISSUED_UNDER_NEW.search(pre) and not sent.conditional:
        if _dated_now(sent, mention, report_date):
            # "The Notes will be issued pursuant to an indenture, dated as of April 29, 2013":
            # the notes are still to come, the instrument of this week is made
            action = "entered"
    was_background = False
    if action == "entered" and background and item not in COMPLETION_ITEMS:
        action, was_background = None, True
    if action == "entered" and _ISSUED_UNDER_OLD.search(pre) and report_date:
        later = find_dates(text[mention.end : sent.end], report_date)
        if later and not dated_in_report(later[0].iso, report_date):
            # "notes, which were issued under the Second Supplemental Indenture ..., dated as of
            # March 15, 2010": the instrument old notes were issued under
            action, was_background = None, True
    prior = bool(_PRIOR.search(pre)) and not _supplemented_now(
        text, mention, sent, pre, report_date
    )
    if action == "entered" and prior:
        action, was_background = None, True
    if (
        action is not None
        and item not in COMPLETION_ITEMS
        and _amended_before(text, mention, sent, pre, report_date)
    ):
        action, was_background = None, True
    return Event(action, was_background, prior)


# the instrument new securities are (or will be) issued under
_ISSUED_UNDER_NEW = re.compile(
    r"\b(?:issued|governed)\s+(?:pursuant\s+to|under|by)\s+(?:an?|the)\s+$"
)
# the instrument securities were issued (or are outstanding) under
_ISSUED_UNDER_OLD = re.compile(
    r"\b(?:issued|outstanding|governed)\s+(?:pursuant\s+to|under|by)\s+(?:the\s+|its\s+)?$"
)
# a relative clause after an agreement that says an earlier report told of it: "the Term Loan
# Credit Agreement, dated as of ..., among ..., which was described in the Company's Current
# Report on Form 8-K filed on February 22, 2016"
_DESCRIBED_EARLIER = re.compile(
    r",\s*(?:which|that)\s+(?:was|were|has been|have been|had been)\s+(?:previously\s+)?"
    r"(?:described|reported|disclosed|announced)\s+(?:in|on)\s+(?:the|our|its)\b",
    re.I,
)


def _described_earlier(text: str, mention: Mention, sent: Sentence) -> bool:
    """Whether the first relative clause after the mention, before any other agreement is
    named, says that an earlier report described the agreement."""
    m = _DESCRIBED_EARLIER.search(text, mention.end, min(sent.end, mention.end + 300))
    if m is None:
        return False
    between = _PARENTHESIS.sub(" ", text[mention.end : m.start()])  # its defined term is no other
    return HEAD_RE.search(between) is None


# "the Employment Agreement, as previously amended by Amendment No. 1": the words before an
# earlier amending instrument
_AS_AMENDED_BY = re.compile(r"\bas (?:previously )?amended by\s+(?:the\s+)?$")


def _amended_before(
    text: str, mention: Mention, sent: Sentence, pre: str, report_date: str | None
) -> bool:
    """ "..., as previously amended by Amendment No. 1 thereto, dated as of February 26, 2015":
    an amendment made before this report, which the report does not make (one dated within
    the reported week is this report's own; a deal completed under the amended agreement
    reports its amendments, which the caller decides)."""
    return bool(_AS_AMENDED_BY.search(pre)) and not _dated_this_week(
        text, mention, sent, report_date
    )
