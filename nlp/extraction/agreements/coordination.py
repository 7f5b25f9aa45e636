"""Names coordinated with organisations: "from Citigroup, UBS Investment Bank and Credit Suisse".

A comma list that holds a recognised organisation lists organisations: its other items that
look like names (capitalised words, no defined term of the report, no person) are organisations
too, though they carry no legal form or institution word ("Barclays", "Citi", "RBC Capital
Markets"). Only lists of three items or more count: "X and Y" alone is too often a name and a
thing ("Acme Inc. and Products").
"""

from __future__ import annotations

import calendar
import re

from ...orgs import REGISTRANT_REFS, find_orgs, is_defined_term
from ...people import find_persons
from ...vocab import alternation

# an organisation the sentence names, masked to one placeholder run
_MASK = "\u0002"
# a name-like item: capitalised words, with "of" or "&" between them ("Bank of Montreal")
_ITEM = rf"(?:{_MASK}+|[A-Z][\w&'’\-]*(?:[ \t\xa0](?:(?:of|&)[ \t\xa0])?[A-Z][\w&'’\-]*){{0,4}})"
# three items or more: "A, B and C", "A, B, and C"
_LIST = re.compile(rf"(?<![\w\-]){_ITEM}(?:,[ \t\xa0]+{_ITEM})+,?[ \t\xa0]+and[ \t\xa0]+{_ITEM}")
_SPLIT = re.compile(r",?[ \t\xa0]+and[ \t\xa0]+|,[ \t\xa0]+")
# titles, courts, securities and documents are no organisations, nor are months
_NOT_ORG = re.compile(
    r"\b(?:"
    + alternation("parties", "not_party_like")
    + "|"
    + "|".join(calendar.month_name[1:])
    + r")\b"
)


# an adverb opening the sentence ("Concurrently, A and B Inc. entered"), or a person's name cut
# at an initial ("Thomas J" of "Thomas J. Kaminski")
_NO_NAME = re.compile(r"^[A-Z][a-z]+ly$|\b[A-Z]$")


def _masked(sent: str, orgs) -> str:
    chars = list(sent)
    for org in orgs:
        chars[org.start : org.end] = _MASK * (org.end - org.start)
    return "".join(chars)


def _organisation_like(item: str, text: str) -> bool:
    """Whether an unrecognised list item can be an organisation's name."""
    if item.lower() in REGISTRANT_REFS or _NOT_ORG.search(item) or _NO_NAME.search(item):
        return False
    if is_defined_term(text, item):
        return False  # a defined term ("Purchaser"): the resolver maps it
    return not any(p.name == item for p in find_persons(item))


def coordinated_names(sent: str, text: str, orgs=None) -> list[tuple[int, str]]:
    """(offset in ``sent``, name) of the unrecognised items of lists of organisations; ``text``
    is the whole report (for its defined terms), ``orgs`` the sentence's organisations when
    already found."""
    orgs = find_orgs(sent) if orgs is None else orgs
    if not orgs:
        return []
    masked = _masked(sent, orgs)
    out = []
    for m in _LIST.finditer(masked):
        pos, items = m.start(), []
        for part in _SPLIT.split(m.group()):
            start = masked.index(part, pos)
            pos = start + len(part)
            items.append((start, part))
        if not any(_MASK in part for _, part in items):
            continue
        out += [
            (start, part)
            for start, part in items
            if _MASK not in part and _organisation_like(part, text)
        ]
    return out
