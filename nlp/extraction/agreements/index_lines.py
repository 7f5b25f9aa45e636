"""Stage 3d: agreements named only in the report's exhibit index.

The annotation rules count the exhibit index under Item 9.01 as part of the report: an agreement
filed with the report (or incorporated by reference into its index) counts when the event made
it. An index line that no agreement of the text took becomes an agreement of its own when it
names an agreement (a title with an agreement head) made in the reporting window (or in the days
after the earliest event that the report may still tell), or when it is a sibling instrument of
a found agreement ("Supplemental Indenture ... for the 2019 Notes", "... for the 2020 Notes":
one instrument per line). Older lines ("Base Indenture, dated June 1, 1995") are background.
"""

from __future__ import annotations

import re

from ...reader.dates import find_dates
from ...kinds import decide_kind
from .dates import dated_in_report
from .exhibits import agreement_lines, index_parties
from .merge import PERSONS_OWN
from .mentions import HEAD_RE, find_mentions, title_key
from .model import Agreement, Context
from .records import AMENDMENT_TITLE
from .groups import with_group_members


# "(incorporated by reference to Exhibit 2.2 to the Registrant's Current Report on Form 8-K
# filed with the Commission on April 11, 2008)": the current report that filed it before
_EARLIER_REPORT = re.compile(
    r"incorporated\s+(?:herein\s+)?by\s+reference\s+(?:to|from)\b[^()]{0,80}?"
    r"\b(?:Current\s+Report|Form\s+8-K)\b[^()]{0,80}?\bfiled\b[^()]{0,60}?\bon\s+",
    re.I,
)


def _told_before(description: str, report_date: str | None) -> bool:
    """Whether the line's agreement was filed with a current report filed before this report's
    earliest event: that report told it, and this one names it only for reference."""
    m = _EARLIER_REPORT.search(description)
    if m is None or not report_date:
        return False
    dates = find_dates(description[m.end() : m.end() + 25])
    return bool(dates) and dates[0].start == 0 and dates[0].iso < report_date


def _line_title(description: str) -> str | None:
    """The agreement title an index line opens with ("Underwriting Agreement, dated ...")."""
    mentions = [m for m in find_mentions(description, 0, len(description)) if not m.generic]
    if not mentions or mentions[0].start > 12:
        return None
    return mentions[0].title


def _line_date(description: str, report_date: str | None) -> str | None:
    dates = find_dates(description, report_date)
    return dates[0].iso if dates else None


def _line_span(text: str, number: str, description: str) -> tuple[int, int] | None:
    """Where the index line stands in the filing text (the evidence of its agreement)."""
    probe = description[:60]
    at = text.find(probe)
    if at >= 0:
        return (at, at + len(description))
    # the line wraps in the text ("... between\n        Pinnacle Valley"): any run of spaces
    words = probe.split()[:-1] or probe.split()  # the probe may end inside a word
    m = re.search(r"\s+".join(map(re.escape, words)), text, re.I)
    return (m.start(), m.start() + len(description)) if m else None


def _line_parties(ctx: Context, sibling: Agreement | None, described: Agreement | None) -> list:
    """The parties an index line's agreement starts from: its sibling's, else those the text
    gave it where it named it without reporting an event, else the registrant."""
    for known in (sibling, described):
        if known is not None and known.parties:
            return list(known.parties)
    return [ctx.registrant] if ctx.registrant else []


def _line_agreement(
    ctx: Context,
    resolve,
    number: str,
    description: str,
    sibling: Agreement | None,
    described: Agreement | None = None,
):
    title = _line_title(description)
    span = _line_span(ctx.text, number, description)
    if title is None or span is None:
        return None
    dated = _line_date(description, ctx.report_date)
    if sibling is None and (
        not dated_in_report(dated, ctx.report_date) or _told_before(description, ctx.report_date)
    ):
        return None
    action = "amended" if AMENDMENT_TITLE.match(title) else "entered"
    kind = sibling.kind if sibling else decide_kind(title, description)
    parties = _line_parties(ctx, sibling, described)
    if kind in PERSONS_OWN:
        parties = _own_person(ctx, resolve, description, parties)
    parties += index_parties(resolve, description, parties)
    head = HEAD_RE.search(description)  # the line's title ends at its head word
    rest = description[head.end() :] if head else description
    parties = with_group_members(ctx.org_groups, "", rest, parties)
    return Agreement(
        title=title,
        kind=kind,
        action=action,
        date=dated or (sibling.date if sibling else None),
        parties=parties,
        exhibit=number,
        start=span[0],
        end=span[1],
        key=title_key(title),
    )


def _own_person(ctx: Context, resolve, description: str, parties: list[str]) -> list[str]:
    """A person's own agreement on its own index line ("Change in Control Agreement ... with
    Carl J. Lindqvist") is that person's: the line's person stands for the sibling's."""
    named = index_parties(resolve, description, [], with_persons=True)
    persons = [n for n in named if n in ctx.persons]
    if not persons:
        return parties
    return [p for p in parties if p not in ctx.persons] + persons


def index_agreements(
    ctx: Context, resolve, found: list[Agreement], named: list[Agreement] = ()
) -> list[Agreement]:
    """``found`` and the agreements only the exhibit index names, in index order; ``resolve``
    maps a name as written to the full name the report first gives; ``named``: the records of
    agreements the text named without an event (their parties serve an index line's)."""
    taken = {a.exhibit for a in found if a.exhibit}
    out = list(found)
    for number, description in agreement_lines(ctx, other_class=False):
        if number in taken or re.search(r"(?i)^\s*form of\b", description):
            continue
        title = _line_title(description)
        key = title_key(title) if title else None
        sibling = next((a for a in found if key and a.key == key), None)
        described = next((a for a in named if key and a.key == key), None)
        added = _line_agreement(ctx, resolve, number, description, sibling, described)
        if added is not None:
            out.append(added)
            taken.add(number)
    return out
