"""Collective defined terms: organisations listed and then named together ("A, B and C
(collectively, the “Guarantors”)"), and the parties a later "among the Company, the Guarantors
and X" therefore names."""

from __future__ import annotations

import re

from ...lists import listed_before, listed_from
from ...orgs import exact_name, inside_parenthesis, is_defined_term
from .mentions import HEAD_RE

# the bracket that names the organisations just listed together: "(collectively, the
# “Guarantors”)", "(together, the “Sellers”)", "(each, a “Seller” and collectively, the “Sellers”)";
# or a plural term right after the list: "A and B (the “Guarantors”)"
_GROUP_TERM = re.compile(
    r"\((?:each,?\s+an?\s+[“\"][^”\"]{1,40}[”\"],?\s+and\s+)?(?:collectively|together),?\s+"
    r"(?:the\s+)?[“\"](?P<term>[A-Z][^”\"]{1,40})[”\"]\)"
    r"|\((?:the\s+)?[“\"](?P<plural>[A-Z][^”\"]{1,38}[a-z]s)[”\"]\)"
)
# a plural term whose members the report then names: "the investors named therein (the
# “Investors”), including A, B and C"
_GROUP_INCLUDING = re.compile(
    r"\((?:the\s+)?[“\"](?P<term>[A-Z][^”\"]{1,38}[a-z]s)[”\"]\),?\s+including\s+(?:the\s+)?"
)
# a collective term said to be a list: "The Subsidiary Guarantors are A, B and C", "The
# Guarantors initially consist of A and B", "The initial Lenders under the Credit Agreement are
# A; B; and C", "the Lenders include A, B and C"
_GROUP_ARE = re.compile(
    r"\b[Tt]he\s+(?:(?:initial|other|remaining)\s+)?(?P<term>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})"
    r"\s+(?:under\s+the\s+[A-Z][^,;.()]{0,60}?\s+)?"
    r"(?:are|include|(?:initially\s+)?(?:consist\s+of|comprise))\s+"
)
# between two organisations of one list: a separator, perhaps after a defined term of the first
_LIST_GAP = re.compile(r"\s*(?:\([^()]{0,100}\))?\s*(?:[,;]\s*(?:and\s+)?|and\s+)(?:the\s+)?")
# between the last organisation listed and the bracket: a short description, no sentence end
_TO_TERM = re.compile(r"[^.;()]{0,120}")


def group_terms(text: str, named: list) -> dict[str, list[str]]:
    """The collective terms of ``text`` (lower case) and the names of the organisations and
    people each gathers; ``named``: the names found in ``text`` (start, end, name), in order."""
    groups: dict[str, list[str]] = {}
    # a name inside a parenthesis ("(together with Castlemere Venture Partners III, L.P.,
    # “Castlemere”)") is an aside about a listed name, not an item of the list
    named = [
        n
        for n in _without_overlaps(named)
        if not inside_parenthesis(text, max(0, n.start - 100), n.start)
    ]
    for m in _GROUP_TERM.finditer(text):
        before = [n for n in named if n.end <= m.start()]
        if not before or not _TO_TERM.fullmatch(text, before[-1].end, m.start()):
            continue
        members = [*reversed(listed_before(before, text, len(before) - 1, _LIST_GAP)), before[-1]]
        if len(members) >= 2:
            term = m.group("term") or m.group("plural")
            groups.setdefault(term.lower(), [o.name for o in members])
    for m in _GROUP_INCLUDING.finditer(text):
        members = listed_from(named, text, m.end(), _LIST_GAP)
        if members:
            groups.setdefault(m.group("term").lower(), [o.name for o in members])
    for m in _GROUP_ARE.finditer(text):
        members = listed_from(named, text, m.end(), _LIST_GAP)
        if len(members) >= 2 and is_defined_term(text, m.group("term")):
            groups.setdefault(m.group("term").lower(), [o.name for o in members])
    return groups


# a parenthesis: a defined term or an aside, no party list of its own
_PARENTHESIS = re.compile(r"\([^()]*\)")
# the group opens a clause of its own: the subject of another entry
_OWN_VERB = re.compile(r"[^.;,]{0,30}?\b(?:entered|executed|signed|agreed)\b")


def _without_overlaps(named: list) -> list:
    """The names in text order, of two that overlap (a person also read as a firm) the first."""
    out: list = []
    for n in sorted(named, key=lambda n: n.start):
        if not out or n.start >= out[-1].end:
            out.append(n)
    return out


def _named_as_parties(term: str, before: str, after: str) -> bool:
    """Whether the group is named as the parties of the agreement mentioned between ``before``
    and ``after`` (the rest of its sentence, where a dot ends an abbreviation, never the
    sentence): "... Agreement among the Company, the Guarantors and X", or "the Guarantors
    entered into a ... Agreement"."""
    the_term = rf"\b[Tt]he\s+(?i:{re.escape(term)})\b"
    after = _PARENTHESIS.sub(lambda p: " " * len(p.group()), after)  # '(the "Indenture")'
    after_m = re.match(rf"[^;]{{0,200}}?\b(?:among|between|with)\b[^;]{{0,200}}?{the_term}", after)
    if (
        after_m
        and not HEAD_RE.search(after, 0, after_m.end())
        and not _OWN_VERB.match(after, after_m.end())  # "..., and the Guarantors entered into"
    ):
        return True
    subject = re.search(
        rf"{the_term}[^;]{{0,120}}?\b(?:entered|executed|signed)\b[^;]{{0,60}}$", before
    )
    return bool(subject and not HEAD_RE.search(before, subject.start()))


def with_group_members(
    groups: dict[str, list[str]], before: str, after: str, parties: list[str]
) -> list[str]:
    """``parties`` and the members of every group named as the agreement's parties (the text of
    its sentence ``before`` and ``after`` the mention)."""
    out = list(parties)
    for term, members in groups.items():
        if _named_as_parties(term, before, after):
            out += [m for m in members if not any(exact_name(m, p) for p in out)]
    return out
