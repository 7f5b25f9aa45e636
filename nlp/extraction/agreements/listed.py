"""Lists of agreements that a lead sentence opens.

Two kinds of lead end in a colon and open a list whose items are read one sentence each:

- "At the closing, the following agreements were entered into:": each item names agreements the
  way a sentence does ("· a Transition Services Agreement between ..."), and the agreements it
  names take the lead's action;
- "the Company also entered into amendments dated July 27, 2005 to:": each item names an
  agreement the lead amended ("its existing note purchase agreement;"), so the record an item
  makes is the amendment to it, dated by the lead.

A list stays open through its items and through blank or bullet-only lines between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...kinds import decide_kind
from ...reader.dates import find_dates
from .events import CONDITIONAL
from .mentions import title_key
from .model import Agreement, Context
from .parties import Resolver, party_names

# a sentence that opens a list of the agreements an event made: "At the closing, the following
# agreements were entered into:", "the Company entered into the following agreements:"
# (the words up to the colon hold no sentence end, but may hold an amount: "$1.75 billion:")
_TO_THE_COLON = r"(?:[^.;:]|(?<=\d)\.(?=\d)){0,160}:\s*$"
_LIST_LEAD = re.compile(
    r"(?i)\b(?:were|was|has been|have been)?\s*(?P<verb>entered into|executed|terminated|amended)"
    r"\b" + _TO_THE_COLON + r"|\b(?P<verb2>entered into|executed|terminated|amended)\s+the\s+"
    r"following\b" + _TO_THE_COLON
)
_LEAD_ACTION = {"entered into": "entered", "executed": "entered"}
# ... whose items are amendments: "entered into amendments to the employment agreements of its
# officers:"
_LEAD_AMENDMENTS = re.compile(
    r"(?i)\s+(?:the\s+following\s+|certain\s+|several\s+|two\s+|three\s+|four\s+)?"
    r"amendments\b"
)
# ... whose items name the agreements amended: "entered into amendments dated X to:"
_AMENDMENTS_TO = re.compile(
    r"(?i)\b(?:entered into|executed|signed|approved)\s+(?:certain\s+|several\s+|"
    r"the\s+following\s+)?amendments\b[^;]*\bto\s*:\s*$"
)
# an item of a list: a bullet, a dash, or a letter or number in brackets
_MARKED_ITEM = re.compile(r"^\s*(?:[·•▪◦\-–—]|\(?[a-z0-9]{1,3}\)|[a-z0-9]{1,2}\.)\s*")
# an item naming an amended agreement: "(i) the revolving credit agreement", "its existing note
# purchase agreement"
_AMENDED_ITEM = re.compile(
    r"^(?:\(?[a-z0-9ivx]{1,4}\)\s*|[-–•·*]\s*)?(?:its|the|our|"
    r"that certain)\s+(?:existing\s+)?(?:\$[\d.,]+\s+(?:million|"
    r"billion)\s+)?(?P<obj>[a-z][a-z\s\-]{2,80}(?:agreement|facility|indenture|guaranty|guarantee|"
    r"lease|note|notes)(?: and (?:guaranty|guarantee|security agreement))?)\b"
)
# bullets and blanks between list items
_BULLET_ONLY = re.compile(r"[-–•·*\s]*")


@dataclass(frozen=True)
class ListLead:
    """What a lead sentence gives the items of its list."""

    action: str
    # for "amendments dated X to:": the amendments' date; the items name the agreements amended
    amendments_dated: str | None = None
    names_amended: bool = False
    # "entered into amendments to the employment agreements of:": the lead names only the
    # agreements its items amend, so it makes no record of its own
    items_only: bool = False


def list_lead(sent: str, report_date: str | None) -> ListLead | None:
    """The list a sentence opens, or None (a conditional sentence opens none)."""
    if CONDITIONAL.match(sent):
        return None
    if _AMENDMENTS_TO.search(sent):
        dates = find_dates(sent, report_date)
        return ListLead("amended", dates[-1].iso if dates else None, names_amended=True)
    m = _LIST_LEAD.search(sent)
    if m is None:
        return None
    verb = (m.group("verb") or m.group("verb2")).lower()
    if _LEAD_AMENDMENTS.match(sent, m.end("verb") if m.group("verb") else m.end("verb2")):
        return ListLead("amended", items_only=True)  # "entered into amendments to ... of:"
    return ListLead(_LEAD_ACTION.get(verb, verb))


def is_marked_item(sent: str) -> bool:
    """Whether the sentence opens with a list marker (bullet, dash, "(a)", "1.")."""
    return bool(_MARKED_ITEM.match(sent))


def amended_item_record(
    ctx: Context, resolver: Resolver, lead: ListLead, s: int, e: int
) -> Agreement | None:
    """The amendment record of an item "(i) the credit agreement" of an amendments list; None
    when the sentence names no amended agreement."""
    sent = ctx.text[s:e]
    item_m = _AMENDED_ITEM.match(sent) if lead.names_amended else None
    if not item_m:
        return None
    obj = re.sub(r"\s+", " ", item_m.group("obj")).strip()
    title = f"amendment to {obj}"
    rec = Agreement(
        title,
        decide_kind(obj, sent),
        "amended",
        lead.amendments_dated,
        [],
        None,
        s,
        e,
        key=title_key(title),
    )
    rec.parties = party_names(ctx, resolver, ctx.text, s, e, rec.kind)
    return rec


def list_goes_on(sent: str) -> bool:
    """A bullet or blank between list items keeps the list open."""
    return bool(_BULLET_ONLY.fullmatch(sent))
