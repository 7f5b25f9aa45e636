"""Stage 3a: the agreement's date: the event date its sentence reports, and the date it bears
("dated")."""

from __future__ import annotations

import re
from datetime import date

from ...reader.dates import WRITTEN_DATE, find_dates
from .mentions import RESTATED_TITLE
from .model import COMPLETION_ITEMS, Mention

# The reporting window: an 8-K is due four business days after its event, but the date compared with
# is often the filing date (renderings without a Date of Report) and late or amended reports are
# common; 45 days holds the event of the report while leaving out agreements made in earlier
# quarters.
EVENT_WINDOW_DAYS = 45
# An agreement dated more than a quarter before the report was due in an earlier 8-K (four business
# days) or in the 10-Q of its quarter: "entered into X, dated <then>" recalls it rather than reports
# it.
PRIOR_PERIOD_DAYS = 92

# "the Form 8-K filed on May 2, 2008": the date another document was filed
_FILED_ON = re.compile(
    r"\bfiled\b[^;]{0,140}\bon\s*$|\b(?:Form|Report|Statement)\s+[\w\-/]+\s+(?:filed\s+)?on\s*$"
)
# "the Performance Undertaking originally delivered by the Company on November 30, 2001", "the
# credit agreement originally dated as of June 1, 2005": the date of the instrument an amendment
# changes, neither the event's date nor the one the reported instrument bears
_ORIGINALLY = re.compile(r"\boriginally\b[^,;()]{0,50}$")
# "dated as of June 1, 2010" / "the date of": the date the agreement bears
# the words before an agreement's own date: "dated as of", and "..., entered into as of April
# 11, 2021, by and among" too
_OWN_DATE_LEAD = r"(?:dated(?: as(?: of)?)?|(?:made\s+and\s+)?entered\s+into\s+as\s+of)"
_DATED_LEAD = re.compile(rf"{_OWN_DATE_LEAD}\s*$|date of\s*$")
# "to be dated as of the closing": a date of an agreement still to be signed
_TO_BE_DATED = re.compile(r"to be dated(?: as(?: of)?)?\s*$")
# the dated date must not belong to another document named between ("... Form 8-K dated ...")
_OTHER_DOCUMENT = re.compile(r"\b(?:Form|Report|Statement|Schedule|filed)\b")
# maturity, term and deadline dates are no event dates: "due 2015", "until June 30", "by May 1",
# "extends the termination date from October 28, 2015 to October 26, 2016"
_TERM_DATE = re.compile(
    r"(?:due|until|through|expir(?!ed\b)\w*|matur\w*|ending|end of|terminat(?:es?|ing)(?: on)?|"
    r"extend\w* to|renew\w*|beginning|commencing|not later than|no later than|prior to|before|"
    r"after|by|from|"
    # a reporting period: "the Annual Report for the fiscal year ended December 31, 2019"
    r"(?:year|quarter|period|months|weeks)\s+ended|"
    r"filed(?: with the [\w ]{3,40}?)?)\s*(?:on\s*)?$"
)
# "On March 3, 2011, ..." / "effective as of": the event's date
_ON_LEAD = re.compile(r"(?:^|\b)(?:on|effective|as of|effective as of|dated)\s*$")
# amendments bear their own date: "Amendment No. 2, dated ..." is the amendment's event date
_AMENDMENT_ORDINALS = (
    "amendment",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "waiver",
    "extension",
)


def _restated_now(mention: Mention, action: str) -> bool:
    """A restatement made in the event bears its own date too ("an Amended and Restated Voting
    Agreement, dated as of April 12"); a restated agreement that ends was dated long before."""
    return action == "amended" and bool(RESTATED_TITLE.match(mention.title.lower()))


# "On May 23, 2008, ...": the section's opening event date
_SECTION_ON = re.compile(r"\b(?:On|Effective|As of|Effective as of)\s+")
# ", dated as of June 1, 2010" (after an optional "of X" and parenthesis) right after a mention
_DATED_AFTER = re.compile(
    r"(?:,?\s*of\s+[A-Z][^;()]{0,60}?)?(?:\s+(?:thereto|hereto))?"
    # "... Award Agreement between the Company and Mr. Anselmo dated February 3, 2010" (in prose;
    # an exhibit index line sets its parties off with a comma)
    r"(?:\s+(?:between|among)\s+[^;()]{3,120}?)?"
    r",?\s*(?:\([^)]*\)\s*,?\s*)?"
    rf"(?:also\s+|each\s+)?{_OWN_DATE_LEAD}\s+"
)
# ", dated as of June 1, 2010": skipped to find a defined term after it
_DATED_CLAUSE = re.compile(rf",?\s*(?:also\s+|each\s+)?dated(?: as of)?\s+(?:{WRITTEN_DATE})")


def days_after_report(iso: str | None, report_date: str | None) -> int | None:
    """How many days ``iso`` lies after the report date (negative: before), or None when either
    is missing or no date."""
    if not iso or not report_date:
        return None
    try:
        return (date.fromisoformat(iso) - date.fromisoformat(report_date)).days
    except ValueError:
        return None


def recent(iso: str | None, report_date: str | None, days: int = EVENT_WINDOW_DAYS) -> bool:
    """Whether ``iso`` falls within the reporting window before the report date (the event's
    time)."""
    after = days_after_report(iso, report_date)
    return after is not None and -days <= after <= 1


# how long after the date of report (its earliest event) a report may still be filed with an
# agreement of its own date: an 8-K/A or a late filing; later dates are still to come
FILING_SLACK_DAYS = 31


def after_report(iso: str | None, report_date: str | None) -> bool:
    """Whether ``iso`` lies beyond any date the report could have been filed on."""
    after = days_after_report(iso, report_date)
    return after is not None and after > FILING_SLACK_DAYS


def after_report_within_filing(iso: str | None, report_date: str | None) -> bool:
    """Whether ``iso`` falls after the date of report but within the time the report could
    still have been filed (an instrument signed between the event and the filing)."""
    after = days_after_report(iso, report_date)
    return after is not None and 0 < after <= FILING_SLACK_DAYS


def dated_in_report(iso: str | None, report_date: str | None) -> bool:
    """Whether ``iso`` falls in the report's events: the window before the date of report (its
    earliest event) or the days after it the report may still tell."""
    return recent(iso, report_date) or after_report_within_filing(iso, report_date)


def dated_after(text: str, pos: int, limit: int) -> str | None:
    """The date of ", dated as of <date>" right after ``pos`` (a mention's end)."""
    m = _DATED_AFTER.match(text[pos:limit])
    if not m:
        return None
    dates = find_dates(text[pos + m.end() : min(limit, pos + m.end() + 25)])
    return dates[0].iso if dates and dates[0].start == 0 else None


def after_dated(text: str, pos: int, limit: int) -> int:
    """Where a ", dated <Month d, yyyy>" clause right after ``pos`` ends (``pos`` when there is
    none)."""
    m = _DATED_CLAUSE.match(text[pos:limit])
    return pos + m.end() if m else pos


def filing_date_at(text: str, ds: int) -> bool:
    """Whether the date at ``text[ds]`` is the day another document was filed ("the Current
    Report on Form 8-K filed on November 6, 2009")."""
    return bool(_FILED_ON.search(text[max(0, ds - 160) : ds]))


def _date_role(text: str, s: int, ds: int) -> str:
    """What a date at ``ds`` of the sentence starting at ``s`` is: filed / original /
    dated / to_be_dated / term / on (the event's) / other."""
    before = text[max(s, ds - 40) : ds].lower()
    if _FILED_ON.search(text[max(s, ds - 160) : ds]):
        return "filed"
    if _ORIGINALLY.search(text, max(s, ds - 70), ds):
        return "original"
    if _DATED_LEAD.search(before):
        return "to_be_dated" if _TO_BE_DATED.search(before) else "dated"
    if _TERM_DATE.search(before):
        return "term"
    return "on" if _ON_LEAD.search(before) else "other"


# ", which amends and restates the limited guarantee delivered on May 16, 2011": the clause
# that tells the agreement an instrument changes, with that agreement's dates
_CHANGED_OBJECT_CLAUSE = re.compile(
    r",\s*which\s+(?:amends|amended|supplements|supplemented|replaces|replaced|supersedes|"
    r"superseded|restates|restated)\b"
)


# a sentence that reports a deal closing: "On June 16, 2011, Acme acquired X pursuant to ..."
_CLOSING = re.compile(
    r"\b(?:acquired|completed|consummated|closed|merged with and into|completion of|closing of)\b",
    re.I,
)


def date_for(
    text: str,
    mention: Mention,
    sent: tuple[int, int],
    action: str,
    item: str,
    report_date: str | None,
    next_mention: int | None = None,
) -> tuple[str | None, str | None]:
    """(event date, 'dated' date) for a mention in its sentence."""
    s, e = sent
    clause = _CHANGED_OBJECT_CLAUSE.search(text, mention.end, e)
    if clause is not None:
        e = clause.start()  # its dates are those of the agreement it changes
    dated = on_date = first_other = None
    on_at = s
    for d in find_dates(text[s:e], report_date):
        ds = s + d.start
        role = _date_role(text, s, ds)
        if role == "dated":
            if (
                ds >= mention.end
                and dated is None
                and ds - mention.end < 250
                and (next_mention is None or ds < next_mention)
                and not _OTHER_DOCUMENT.search(text[mention.end : ds])
            ):
                dated = d.iso
        elif role == "on" and _announced_earlier_signing(text, ds, mention.start):
            continue  # "On June 6, X announced that it had entered into": the announcement's day
        elif role == "on" and (on_date is None or _approved_before(text, on_at, ds, mention)):
            on_date, on_at = d.iso, ds
        elif role in ("on", "other") and first_other is None:
            first_other = d.iso
    if not (on_date or first_other):
        on_date = _defined_date_on(text, s, e)  # "Also on the Closing Date, X entered into"
    if action == "entered" and item in COMPLETION_ITEMS and _CLOSING.search(text, s, e):
        return (
            dated,
            dated,
        )  # the agreement a deal closed under keeps its own date, not the closing's
    if action == "entered":
        return (dated or on_date or first_other), dated
    if mention.title.lower().startswith(_AMENDMENT_ORDINALS) or _restated_now(mention, action):
        # an amending instrument's own date ("Extension Agreement, dated as of February 5, 2018,
        # to the Credit Agreement dated as of February 6, 2014") before other dates of the sentence
        return (on_date or dated or first_other), dated
    return (on_date or first_other), dated


# a report of a signing done before it: "announced that it had entered into"
_ANNOUNCED_HAD = re.compile(
    r"\b(?:announced|reported|disclosed)\s+that\s+[^;]{0,60}?\bhad\s+(?:entered|signed|executed)\b"
)


def _announced_earlier_signing(text: str, ds: int, mention_start: int) -> bool:
    """Whether the "on <date>" at ``ds`` dates an announcement of a signing done before it."""
    return _ANNOUNCED_HAD.search(text, ds, mention_start) is not None


# a board's or committee's approval told before the signing it allowed
_APPROVED = re.compile(r"\b(?:approved|authorized|adopted|recommended)\b")


def _approved_before(text: str, first: int, later: int, mention: Mention) -> bool:
    """Whether a later "on <date>" (at ``later``, before the mention) is the signing's, the
    first "on <date>" (at ``first``) an approval's: "On February 3, 2012, the Compensation
    Committee approved, and on February 6, 2012 the Company ... entered into, Amendment No. 1"."""
    return later < mention.start and bool(_APPROVED.search(text, first, later))


# "on the Closing Date": an event dated by a date the report defined
_ON_DEFINED_DATE = re.compile(
    r"\b(?:[Oo]n|as of|effective(?: as of)?)\s+the\s+((?:[A-Z][\w\-]*\s+){1,2}Date)\b"
)


def _defined_date_on(text: str, s: int, e: int) -> str | None:
    """The date a sentence gives as a term the report defined: "Also on the Closing Date" after
    "Effective as of the 14th day of February, 2024 (the "Closing Date")"."""
    m = _ON_DEFINED_DATE.search(text, s, e)
    if not m:
        return None
    term = re.escape(re.sub(r"\s+", " ", m.group(1))).replace(r"\ ", r"\s+")
    definition = re.search(r"\((?:the\s+)?[\"“]" + term + r"[\"”]\)", text)
    if not definition:
        return None
    dates = find_dates(text[max(0, definition.start() - 60) : definition.start()])
    return dates[-1].iso if dates else None


def section_event_date(text: str, sections, pos: int, report_date: str | None) -> str | None:
    """The event date the section states before ``pos`` ("On May 23, 2008, ..."), when it falls
    in the report's events (the window before the date of report, or after it until filing)."""
    for _, start, end in sections:
        if start <= pos < end:
            window = text[max(start, pos - 3000) : pos]
            found = None
            for m in _SECTION_ON.finditer(window):
                dates = find_dates(window[m.end() : m.end() + 25])
                if dates and dates[0].start == 0:
                    found = dates[0].iso
            if found and dated_in_report(found, report_date):
                return found
    return None
