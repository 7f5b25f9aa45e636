"""Stage 3c: exhibit numbers of agreements: named in the sentences, or matched in the exhibit
index."""

from __future__ import annotations

import re
from functools import lru_cache

from ...orgs import find_orgs, name_tokens, same_name
from ...offices import office_noun_regex
from ...people import find_persons
from ...reader.dates import WRITTEN_DATE, find_dates
from ...reader.exhibits import exhibit_class
from .dates import after_report
from .mentions import HEAD, HEAD_RE, title_key
from .merge import PERSONS_OWN
from .model import Agreement, Context, Mention
from .parties import PREDECESSOR

# "Exhibit 10.1", "Exhibits No. 99(a)"
_EXHIBIT = re.compile(
    r"\bExhibits?[ \t\xa0]+(?:No\.[ \t\xa0]*)?(\d{1,3}(?:\.\d{1,3})?(?:\s?\([a-zA-Z0-9]{1,3}\))?)",
    re.I,
)
# "Exhibits 1.01, 4.01 and 4.02": several numbers, assigned in mention order
# "Exhibit 10.1 and Exhibit 10.2" too
_EXHIBIT_LIST = re.compile(
    r"\bExhibits?[ \t\xa0]+(?:Nos?\.[ \t\xa0]*)?"
    r"((?:\d{1,3}(?:\.\d{1,3})?(?:\([a-z]{1,3}\))?)(?:(?:,|,? and|,? through)"
    r"[ \t\xa0]+(?:Exhibit[ \t\xa0]+)?\d{1,3}(?:\.\d{1,3})?(?:\([a-z]{1,3}\))?)+)",
    re.I,
)
# one number of such a list, and the word before it ("through" spans a range)
_LIST_NUMBER = re.compile(
    r"(?:(through)[ \t\xa0]+(?:Exhibit[ \t\xa0]+)?)?"
    r"(\d{1,3}(?:\.\d{1,3})?(?:\([a-z]{1,3}\))?)",
    re.I,
)
# a number of a range's ends: "10.1" (class 10, 1)
_RANGE_END = re.compile(r"(\d{1,3})\.(\d{1,3})")
_LETTERED = re.compile(r"(\d{1,3})\(([a-z])\)")
# "Exhibit 10.1 to the Form 10-Q filed ...": another filing's exhibit
_OTHER_FILING = re.compile(
    r"^[^.;]{0,12}\bto (?:the |our |its |a |an |this |that )?[^.;]{0,60}?\b(?:Form|Report|"
    r"Statement|Schedule|filed)\b",
    re.I,
)
# ... unless it is this report's: "Exhibit 10.1 to this Current Report"
_THIS_FILING = re.compile(
    r"^[^.;]{0,20}\bto (?:this|the) (?:current )?(?:report|form 8-k)(?! filed)", re.I
)
# "Exhibit 10.1, 10.2 and ...": the first of a list, read by the list rule
_LIST_FOLLOWS = re.compile(r"(?:,|,? and|,? through)\s+(?:Exhibit\s+)?\d", re.I)
# "a copy of which is attached as Exhibit 10(a)": a sentence about an agreement's copy
_ABOUT_A_COPY = re.compile(r"(?i)\b(?:agreement|amendment|indenture|guarant\w*|letter|copy)\b")
# "a copy of the press release is attached as Exhibit 99": the copy of another document
_OTHER_DOCUMENT_COPY = re.compile(
    r"(?i)\b(?:press|news|earnings) release\b|\bpresentation\b|\bletter to (?:share|stock)holders\b"
)
# exhibit classes that hold agreements: 1 (underwriting), 2 (plans of acquisition), 4 (instruments),
# 10
_AGREEMENT_CLASS = re.compile(r"^(?:1|2|4|10)\b")
# class 99 ("additional exhibits") holds an agreement where its line opens with one's title
# ("99.1 Sale and Servicing Agreement dated as of June 1, 1999 among ...", "99.1 Separation &
# Release Agreement"), not a press release
_OTHER_CLASS = "99"
_OPENS_WITH_TITLE = re.compile(rf"^(?:(?:[A-Z0-9][\w&'’.,\-]*|&)\s+){{0,8}}?{HEAD}\b")


def is_agreement_line(number: str, description: str) -> bool:
    """Whether the exhibit index line files an agreement."""
    number_class = exhibit_class(number)
    if _AGREEMENT_CLASS.match(number_class):
        return True
    return number_class == _OTHER_CLASS and bool(_OPENS_WITH_TITLE.match(description or ""))


# "stockholders of X" in a description: X holds no part in the agreement
_HOLDERS_OF = re.compile(
    r"(?:stockholders?|shareholders?|subsidiar(?:y|ies)|affiliates?|holders?|members?) of\s*$"
)
# "Chief Executive Officer" in a description is a signer's office, not a party
_OFFICE = re.compile(office_noun_regex())
# small words left out when comparing an index line with a title
_TITLE_STOP = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "and",
    "by",
    "among",
    "between",
    "with",
    "for",
    "its",
    "dated",
    "as",
}


# the head most titles end in: two titles that share only it are no kin ("Escrow Agreement",
# "Agreement and Plan of Merger"); rarer heads ("Indenture", "Guaranty") do say kinship
_HEAD_WORDS = {"agreement", "agreements"}


def _of_this_report(text: str, end: int) -> bool:
    after = text[end : end + 100]
    return not (_OTHER_FILING.match(after) and not _THIS_FILING.match(after))


def exhibits_in(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Exhibit numbers of this report named in ``text[start:end]`` (not those of other filings)."""
    out = []
    for m in _EXHIBIT.finditer(text, start, end):
        if _LIST_FOLLOWS.match(text[m.end() : m.end() + 100]) or not _of_this_report(text, m.end()):
            continue
        out.append((m.start(), re.sub(r"\s", "", m.group(1))))
    return out


def about_another_document(text: str, s: int, first_mention: int) -> bool:
    """Whether the sentence at ``s`` is about another document's copy before it names any
    agreement ("A press release announcing the Agreement ... is filed as Exhibit 99.1"): its
    exhibit numbers are that document's."""
    return bool(_OTHER_DOCUMENT_COPY.search(text, s, first_mention))


def exhibit_after(
    mention: Mention, sent_exhibits: list[tuple[int, str]], next_start: int
) -> str | None:
    """The first exhibit number named after ``mention`` and before the next mention (at
    ``next_start``)."""
    for pos, number in sent_exhibits:
        if mention.end <= pos < next_start:
            return number
    return None


_FILED_ACTIONS = ("entered", "amended")


def list_numbers(listed: str) -> list[str]:
    """The exhibit numbers a list names, a range spelled out: "10.1 through 10.3" gives 10.1,
    10.2 and 10.3."""
    out: list[str] = []
    for m in _LIST_NUMBER.finditer(listed):
        number = m.group(2)
        if m.group(1) and out:
            out.extend(_between(out[-1], number))
        out.append(number)
    return out


def _between(first: str, last: str) -> list[str]:
    """The numbers of one exhibit class strictly between ``first`` and ``last`` ("10.1" and
    "10.4", "10(a)" and "10(d)")."""
    a, b = _RANGE_END.fullmatch(first), _RANGE_END.fullmatch(last)
    if a and b and a.group(1) == b.group(1) and int(b.group(2)) - int(a.group(2)) <= 20:
        return [f"{a.group(1)}.{k}" for k in range(int(a.group(2)) + 1, int(b.group(2)))]
    a, b = _LETTERED.fullmatch(first), _LETTERED.fullmatch(last)
    if a and b and a.group(1) == b.group(1):
        return [f"{a.group(1)}({chr(k)})" for k in range(ord(a.group(2)) + 1, ord(b.group(2)))]
    return []


def exhibit_list_numbers(
    text: str,
    s: int,
    e: int,
    mentions: list[Mention],
    sent_records: list[Agreement],
    section_records: list[Agreement],
    spots: list[tuple[int, Agreement]] = (),
) -> list[tuple[Agreement, str]]:
    """(record, number) pairs: "X, Y and Z, filed as Exhibits 1.01, 4.01 and 4.02, respectively":
    the numbers one per listed document, in order (``spots``: where the sentence names each
    record); "a copy of which is attached as Exhibit 10(a)" after the agreement's sentence: the
    last agreement."""
    for m in _EXHIBIT_LIST.finditer(text, s, e):
        if not _of_this_report(text, m.end()):
            continue
        numbers = list_numbers(m.group(1))
        items = None
        if _RESPECTIVELY.search(text, max(s, m.start() - 80), min(e, m.end() + 40)):
            items = respective_items(text, s, m.start(), len(numbers), spots, mentions)
        if items is not None:
            # a record named twice ("the Purchase Agreement, the Note" when "Note" names the
            # Note Purchase Agreement too) keeps the number of its first naming
            first = {id(r): (r, n) for r, n in reversed(list(zip(items, numbers))) if r}
            return list(first.values())
        before = [r for r in sent_records if r.start <= m.start()]
        pool = (
            before
            if len(before) >= len(numbers)
            # the section's agreements made or changed (one it ends is seldom filed)
            else [r for r in section_records if r.exhibit is None and r.action in _FILED_ACTIONS]
        )
        return list(zip([r for r in pool if r.exhibit is None or r in before], numbers))
    live = [r for r in section_records if r.action]
    if not mentions and live and live[-1].exhibit is None:
        found = exhibits_in(text, s, e)
        if (
            len(found) == 1
            and _ABOUT_A_COPY.search(text[s:e])
            and not _OTHER_DOCUMENT_COPY.search(text, s, e)
        ):
            return [(live[-1], found[0][1])]
    return []


# numbers given one per document listed before: "..., respectively"
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# between two documents of a list: ", ", ", and ", " and "
_ITEM_GAP = re.compile(r",[ \t\xa0]+(?:and[ \t\xa0]+)?|[ \t\xa0]+and[ \t\xa0]+")
# a listed document's words: "the Note", "the form of Warrant", "the press release"
_ITEM = re.compile(r"(?:(?:the|a|an|its|our|this)[ \t\xa0]+)?[\w“\"][^,;:()]{0,60}")


def respective_items(
    text: str,
    s: int,
    at: int,
    count: int,
    spots: list[tuple[int, Agreement]],
    mentions: list[Mention],
) -> list[Agreement | None] | None:
    """The ``count`` documents a list names before the exhibit numbers at ``at``, from the
    first agreement the sentence names (at or after ``s``) that opens such a run: for each, the
    record its words name, None for a document that is no agreement ("the Purchase Agreement,
    the Note, the Warrant and the Security Agreement ... Exhibits 10.1, 4.1, 4.2 and 10.2,
    respectively"; ``spots``: where the sentence names each record; ``mentions``: its titles,
    whose own "and" divides nothing). An agreement named before the list with a clause of its
    own ("the Indenture, filed as Exhibit 4.01 to the Registration Statement ..., and the
    underwriting agreement, ...") opens no run. None when the sentence lists no such run."""
    named = sorted((pos, rec) for pos, rec in spots if s <= pos < at)
    if count < 2:
        return None
    for first, _ in named:
        items = _run_from(text, first, at, count, named, mentions)
        if items is not None:
            return items
    return None


def _run_from(text, first, at, count, named, mentions) -> list[Agreement | None] | None:
    """The records of a run of ``count`` documents' names from ``first`` to ``at``."""
    starts = [first]
    for gap in _ITEM_GAP.finditer(text, first, at):
        if len(starts) == count:
            break
        if any(m.start <= gap.start() < m.end for m in mentions):
            continue  # the "and" of "Separation and Distribution Agreement"
        if not _ITEM.fullmatch(text, starts[-1], gap.start()):
            return None  # a clause, not a document's name: no list of documents here
        starts.append(gap.end())
    if len(starts) < count:
        return None
    bounds = [*starts[1:], at]
    return [
        next((rec for pos, rec in named if start <= pos < end), None)
        for start, end in zip(starts, bounds)
    ]


def title_similarity(a: str, b: str) -> float:
    """The share of title ``a``'s words (less small words) that ``b`` has."""
    ta = set(name_tokens(a)) - _TITLE_STOP
    tb = set(name_tokens(b)) - _TITLE_STOP
    if not ta or not tb:
        return 0.0
    shared = ta & tb
    if shared <= _HEAD_WORDS and ta - _HEAD_WORDS:
        return 0.0  # "Escrow Agreement" and "Amendment No. 1 to Agreement and Plan of ...": no kin
    return len(shared) / len(ta)


def _best_match(
    found: list[Agreement], number: str, description: str, report_date: str | None
) -> Agreement | None:
    """The agreement the index line describes best (similarity at least 0.5), free or already
    its."""
    desc_key = line_key(description)
    best, best_sim = None, 0.0
    for a in found:
        sim = title_similarity(a.title, description) + _date_fit(a, description, report_date)
        if a.key and a.key in desc_key:
            sim += 0.5 + _specificity(a.key)
        if sim > best_sim and (a.exhibit is None or a.exhibit == number):
            best, best_sim = a, sim
    return best if best is not None and best_sim >= 0.5 else None


def index_parties(
    resolve, description: str, parties: list[str], with_persons: bool = False
) -> list[str]:
    """Organisations the index line names that are not yet parties, and, for an agreement of a
    person's own (``with_persons``), the persons it names ("Consulting Agreement ... between
    the Registrant and Vincent A. Castellano")."""
    out: list[str] = []
    named = find_orgs(description) + (find_persons(description) if with_persons else [])
    for org in sorted(named, key=lambda n: n.start):
        if _HOLDERS_OF.search(description[: org.start]) or PREDECESSOR.search(
            description[: org.start]
        ):
            continue
        full = resolve(org.name)
        if not full or HEAD_RE.search(full) or _OFFICE.search(full):
            continue
        if any(same_name(full, p) or full in p or p in full for p in parties + out if p):
            continue
        out.append(full)
    return out


def take_line_parties(ctx: Context, resolve, agreement: Agreement, description: str) -> None:
    """The parties the index line filing ``agreement`` names that it lacks; a person's own
    agreement the text left without its person takes the line's."""
    own = agreement.kind in PERSONS_OWN and not any(p in ctx.persons for p in agreement.parties)
    agreement.parties.extend(index_parties(resolve, description, agreement.parties, own))


def attach_index_exhibits(ctx: Context, resolve, found: list[Agreement]) -> list[Agreement]:
    """Exhibit numbers (and parties) from the exhibit index lines that describe a found
    agreement."""
    found = [a.copy() for a in found]
    used = {a.exhibit for a in found if a.exhibit}
    for number, description in ctx.exhibit_index:
        if not is_agreement_line(number, description):
            continue
        best = _best_match(found, number, description, ctx.report_date)
        if best is None:
            continue
        if best.exhibit is None and number not in used:
            best.exhibit = number
            used.add(number)
        if best.exhibit == number:
            take_line_parties(ctx, resolve, best, description)
            best.date = best.date or line_date(description, ctx.report_date)
    return found


# "Agreement and Plan of Merger ... dated as of February 21, 2007": the date a line gives
_LINE_DATED = re.compile(r"\bdated(?:\s+as\s+of)?\s+", re.I)


@lru_cache(maxsize=1024)  # asked for each (agreement, line) pair the matchers weigh
def line_date(description: str, report_date: str | None) -> str | None:
    """The date an index line says its agreement bears, when not after the report."""
    m = _LINE_DATED.search(description)
    if not m:
        return None
    dates = find_dates(description[m.end() : m.end() + 25])
    if not dates or dates[0].start != 0 or after_report(dates[0].iso, report_date):
        return None
    return dates[0].iso


# a line that files two agreements as one exhibit
_TOGETHER = re.compile(r"\b(?:together|along) with\b", re.I)
# How much one piece of evidence counts when an index line is matched with an agreement.
_KEY_IN_LINE = 0.5  # the agreement's title key stands in the line as written
_PARTY_IN_LINE = 0.5  # the line names a party other than the registrant (per-person forms)
# each further party the line names: of two lines naming the employer, the one that also names
# the person is that person's agreement
_EACH_MORE_PARTY = 0.1
_NUMBER_IN_TEXT = 0.25  # the report's sentences already gave the agreement this number
_MATCHES = 0.5  # the least score of a match
# the line's "dated as of" date is the one the agreement bears, or another: of two agreements of
# one title (the indenture entered, the one it replaces), the line dated as each is its line
_SAME_DATE = 0.3
_OTHER_DATE = -0.6


def _date_fit(a: Agreement, description: str, report_date: str | None) -> float:
    """How the date an index line gives fits the agreement's: the one it bears ("dated"), or
    else the day the report says it was made (which only agrees: a deal signed on June 6 may be
    dated as of June 5)."""
    written = line_date(description, report_date)
    if not written:
        return 0.0
    if a.dated:
        return _SAME_DATE if written == a.dated else _OTHER_DATE
    return _SAME_DATE if written == a.date else 0.0


# "Amendment No. 3, dated as of June 30, 1999, to Receivables Purchase Agreement": the date an
# index line writes inside a title
_DATED_INSIDE = re.compile(rf",?\s*dated(?:\s+as\s+of)?\s+(?:{WRITTEN_DATE}),?", re.I)


def _specificity(key: str) -> float:
    """A small preference for the longer of two titles a line holds: "Amendment No. 3 to
    Receivables Purchase Agreement" over "Purchase Agreement" (less than any other evidence)."""
    return min(len(key), 200) / 10_000


def line_key(description: str) -> str:
    """An index line's words as a title key, less the date written inside its title."""
    return title_key(_DATED_INSIDE.sub("", description))


def _line_score(ctx: Context, a: Agreement, number: str, description: str) -> float:
    score = title_similarity(a.title, description) + _date_fit(a, description, ctx.report_date)
    if a.key and a.key in line_key(description):
        score += _KEY_IN_LINE + _specificity(a.key)
    others = [p for p in a.parties if p and p != ctx.registrant]
    named = sum(1 for p in others if _names_in(p, description))
    if named:
        score += _PARTY_IN_LINE + _EACH_MORE_PARTY * (named - 1)
    if a.exhibit == number:
        score += _NUMBER_IN_TEXT
    return score


def _names_in(name: str, description: str) -> bool:
    tokens = name_tokens(name)
    return bool(tokens) and " ".join(tokens) in " ".join(name_tokens(description))


def agreement_lines(ctx: Context, other_class: bool = True) -> list[tuple[str, str]]:
    """The exhibit index lines that file agreements; without ``other_class`` only those of the
    agreement classes (1, 2, 4, 10), the lines that may add an agreement the text does not name."""
    if other_class:
        return [(n, d) for n, d in ctx.exhibit_index if is_agreement_line(n, d)]
    return [(n, d) for n, d in ctx.exhibit_index if _AGREEMENT_CLASS.match(exhibit_class(n))]


def reconcile_exhibits(ctx: Context, found: list[Agreement], resolve=None) -> list[Agreement]:
    """Each agreement's exhibit, decided over the whole exhibit index at once: the index lines
    and the agreements are paired best match first (title, parties, the number the text gave),
    one line to one agreement, except that agreements of one title left without a line share
    their title's line (a form filed once for several people). A number the index gives to
    something other than an agreement (a press release) is no agreement's exhibit. With
    ``resolve``, an agreement also takes the parties of a line that names its title."""
    found = [a.copy() for a in found]
    lines = agreement_lines(ctx)
    not_agreements = {
        n for n, d in ctx.exhibit_index if (n, d) not in lines or not HEAD_RE.search(d)
    }
    pairs = [(i, j) for i in range(len(found)) for j in range(len(lines))]
    scored = sorted(((_line_score(ctx, found[i], *lines[j]), i, j) for i, j in pairs), reverse=True)
    by_agreement: dict[int, int] = {}
    taken: set[int] = set()
    for score, i, j in scored:
        if score < _MATCHES:
            break
        if i not in by_agreement and j not in taken:
            by_agreement[i] = j
            taken.add(j)
    unusable = not_agreements | {lines[j][0] for j in taken}
    for i, a in enumerate(found):
        if i in by_agreement:
            a.exhibit, description = lines[by_agreement[i]]
            if resolve is not None and a.key and a.key in line_key(description):
                take_line_parties(ctx, resolve, a, description)  # the index is the report's
        elif a.exhibit is None or a.exhibit in unusable:
            # a form filed once serves the agreements it is made into, not one it ends
            shared = _shared_form(found, by_agreement, lines, a) or _line_naming(a, lines)
            a.exhibit = shared if a.action != "terminated" else None
    return found


def _line_naming(a: Agreement, lines: list[tuple[str, str]]) -> str | None:
    """The number of a line that files ``a`` with another agreement ("Credit Agreement ...,
    together with the Guarantee and Collateral Agreement"): the line names its title, not as
    what an amendment amends ("Amendment No. 1 to Credit Agreement")."""
    if len(a.key.split()) < 2:
        return None
    for number, description in lines:
        key = title_key(description)
        at = f" {key} ".find(f" {a.key} ")
        if at >= 0 and not key[:at].rstrip().endswith(" to") and _TOGETHER.search(description):
            return number
    return None


def _shared_form(found, by_agreement, lines, a: Agreement) -> str | None:
    """The line of another agreement of the same title, when ``a`` has none of its own."""
    for i, j in by_agreement.items():
        if found[i].key == a.key and found[i].key:
            return lines[j][0]
    return None
