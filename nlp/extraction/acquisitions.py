"""Stakes that a completed acquisition creates: the annotation rules give the buyer of all of an
entity's equity a stake of 100 (exact) once the deal has closed.

Read only in the items that report a completed deal (Item 2.01, pre-2004 Item 2, and the
restatement of one in an 8-K/A that files its financial statements), where the
sentence says the deal happened ("completed the acquisition of", "acquired all of the
outstanding shares of", "became a wholly-owned subsidiary of"); the buyer is the registrant
unless the sentence names another owner.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..orgs import DOMAIN, find_orgs
from ..sentences import sentence_spans
from ..stakes import Stake
from .agreements.model import STAKE_COMPLETION_SECTIONS

_S = r"[ \t\xa0]+"
# "all of the (issued and) outstanding (capital stock|shares|membership interests) of"
_ALL_EQUITY = (
    rf"(?:all|100%|one{_S}hundred{_S}percent){_S}of{_S}the{_S}"
    rf"(?:issued{_S}and{_S})?(?:outstanding{_S})?(?:[a-z]+{_S}){{0,2}}?(?:stock|shares|equity"
    rf"|interests|securities){_S}(?:of|in){_S}"
)
# "completed (its|the) acquisition of (all of the outstanding stock of)", "consummated the
# purchase of": the target follows.
_COMPLETED_ACQUISITION = re.compile(
    rf"\b(?:completed|consummated|closed|effected){_S}(?:(?:its|the|our){_S})?(?:previously{_S}"
    rf"announced{_S})?(?:acquisition|purchase){_S}of{_S}(?:{_ALL_EQUITY}|(?:all|100%){_S}of{_S})?",
    re.I,
)
# "acquired all of the (issued and) outstanding (capital stock|shares|membership interests) of".
_ALL_EQUITY_OF = re.compile(rf"\b(?:acquired|purchased){_S}{_ALL_EQUITY}", re.I)
# "Nuance acquired Swype, Inc. pursuant to ...": an organisation right after "acquired".
_ACQUIRED_ORG = re.compile(rf"\b(?:acquired|purchased){_S}(?=[A-Z])")
# "..., X became a wholly-owned subsidiary of Y" /
# "... surviving as a wholly owned subsidiary of Y".
_BECAME_SUBSIDIARY = re.compile(
    rf"\b(?:became|becoming|is{_S}now|now{_S}is|surviv\w*{_S}as|continu\w*{_S}as){_S}(?:an?{_S})?"
    rf"(?:direct{_S}|indirect{_S})?wholly[- \u2011]owned{_S}subsidiary{_S}of{_S}",
    re.I,
)
_REGISTRANT_WORDS = re.compile(
    r"^(?:the{_S})?(?:Company|Registrant|Corporation)\b|^(?:us|our)\b".replace("{_S}", _S), re.I
)


def _org_at(orgs, pos: int, slack: int = 3):
    return next((o for o in orgs if pos <= o.start <= pos + slack), None)


def _org_before(orgs, pos: int, sentence: str):
    """The last organisation before ``pos`` with only an appositive or a comma between."""
    best = None
    for o in orgs:
        if o.end <= pos and not re.search(r"[.;]", sentence[o.end : pos]):
            best = o
    return best


def _holder_after(sentence: str, orgs, pos: int, registrant: str) -> str | None:
    org = _org_at(orgs, pos)
    if org:
        return org.name
    return registrant if _REGISTRANT_WORDS.match(sentence[pos:]) else None


# a capitalised name ("Junglee"): the alias the report defined for an organisation
_CAPITALISED = re.compile(rf"[A-Z][\w&\-]*{DOMAIN}(?:[ \t\xa0]+[A-Z][\w&\-]*){{0,3}}")


def _defined_alias_at(sentence: str, pos: int, resolve) -> str | None:
    """The organisation a defined alias at ``pos`` stands for, or None (not an alias)."""
    m = _CAPITALISED.match(sentence, pos)
    if not m:
        return None
    full = resolve(m.group(0))
    return full if full and full != m.group(0) else None


# the subject right before the verb: "pursuant to which BlueSuit purchased", "X has acquired"
_SUBJECT_BEFORE = re.compile(rf"({_CAPITALISED.pattern}){_S}(?:(?:has|had|also){_S})*$")


_JUST_BEFORE = re.compile(rf"{_S}(?:(?:has|had|also){_S})*")


def _buyer(sentence: str, orgs, verb_at: int, registrant: str, resolve) -> str:
    """Who bought: the organisation or defined alias right before the verb, else the
    registrant (the company that reports the deal)."""
    org = next((o for o in orgs if 0 <= verb_at - o.end <= 10), None)
    if org and _JUST_BEFORE.fullmatch(sentence, org.end, verb_at):
        return org.name
    m = _SUBJECT_BEFORE.search(sentence[max(0, verb_at - 80) : verb_at])
    alias = _defined_alias_at(m.group(1), 0, resolve) if m else None
    return alias or registrant


def acquisition_stakes(
    text: str,
    sections: list[tuple[str, int, int]],
    registrant: str | None,
    resolve: Callable[[str], str | None],
) -> list[Stake]:
    """100% stakes of the buyer in what a completed deal of the report acquired."""
    if not registrant:
        return []
    out: list[Stake] = []
    for number, start, end in sections:
        if number not in STAKE_COMPLETION_SECTIONS:
            continue
        for s, e in sentence_spans(text, start, end):
            out += _stakes_in_sentence(text[s:e], s, e, registrant, resolve)
    return out


def _stakes_in_sentence(sentence: str, s: int, e: int, registrant: str, resolve) -> list[Stake]:
    orgs = find_orgs(sentence)
    pairs: list[tuple[str | None, str | None]] = []
    for pattern in (_COMPLETED_ACQUISITION, _ALL_EQUITY_OF, _ACQUIRED_ORG):
        for m in pattern.finditer(sentence):
            target = _org_at(orgs, m.end())
            name = target.name if target else _defined_alias_at(sentence, m.end(), resolve)
            pairs.append((_buyer(sentence, orgs, m.start(), registrant, resolve), name))
    for m in _BECAME_SUBSIDIARY.finditer(sentence):
        target = _org_before(orgs, m.start(), sentence)
        pairs.append(
            (_holder_after(sentence, orgs, m.end(), registrant), target.name if target else None)
        )
    out = []
    for holder, target in pairs:
        holder, target = resolve(holder) if holder else None, resolve(target) if target else None
        if holder and target and holder != target:
            out.append(Stake(holder, target, 100.0, "exact", s, e))
    return out
