"""Natural persons: names in prose ("with David Ball, President") and signatories with titles."""
from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = re.compile(
    r"(?<![\w.])(?:(?:Mr|Ms|Mrs|Dr)\.[ \t\xa0]+)?"
    # letters of Western names, accents included ("Paláu-Hernández"); "O’Byrne", "D'Amato"
    r"(?P<name>(?:[A-Z]\.[ \t\xa0]+)?[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?(?:[ \t\xa0]+[A-Z]\.){0,2}"
    r"(?:[ \t\xa0]+(?:(?:O|D)[’'])?(?:[A-ZÀ-Þ][a-zß-ÿ]*[A-Z]?[a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?|de|van|von|der|Mc[A-Z][a-z]+)){1,2}"
    r"(?:,?[ \t\xa0]+(?:Jr\.|Sr\.|II|III|IV))?)(?![\w])"
)
_NOT_NAME_WORDS = {
    "Agreement", "Company", "Inc", "Corporation", "Bank", "Board", "Directors", "Chief", "Officer", "President",
    "Executive", "Vice", "Senior", "Financial", "Operating", "Item", "Exhibit", "Section", "Act", "Securities",
    "Exchange", "Commission", "Form", "Report", "Plan", "Stock", "Common", "Credit", "Facility", "Merger",
    "Trust", "Holdings", "Group", "Capital", "Partners", "Fund", "Services", "Technologies", "Systems",
    "Director", "Committee", "Compensation", "Annual", "General", "Counsel", "Secretary", "Treasurer",
    "Chairman", "Lending", "Credit", "Street", "Avenue", "Road", "New", "York", "United", "States", "North",
    "South", "East", "West", "Delaware", "California", "Texas", "Nevada", "Registrant", "Date", "Name",
    "Title", "The", "This", "On", "In", "Pursuant", "Under", "Effective", "Mr", "Ms", "Dr", "Mrs", "Amended",
    "Restated", "First", "Second", "Third", "Fourth", "Fifth", "Limited", "Ltd", "Corp", "Association",
    "National", "International", "Global", "Markets",
    "Business", "Day", "Days", "Term", "Loan", "Loans", "Note", "Notes", "Rate", "Base", "Eurodollar",
    "Votes", "Vote", "Broker", "Withheld", "Abstentions", "Abstain", "Abstained", "Against", "Nominee",
    "Nominees", "Person", "Party", "Development",
    "Agreements", "Stockholder", "Stockholders", "Shareholder", "Shareholders", "Support", "Voting",
    "Purchaser", "Seller", "Buyer", "Parent", "Sub", "Lender", "Lenders", "Borrower", "Guarantor", "Trustee",
    "Facility", "Amendment", "Acquisition", "Statement", "Registration", "Prospectus", "Schedule", "Law", "Laws",
    "Code", "Rule", "Rules", "Regulation", "Department", "Justice", "Court", "County", "District", "Fund", "Bancorp", "Proposal", "Superior", "Merger", "Closing", "Effective", "Time", "Indenture", "Guaranty", "Guarantee", "Letter", "Commitment", "Closing",
}


# what follows a person-like name that is part of an organisation's name
_ORG_AFTER = re.compile(
    r"[ \t\xa0]*,?[ \t\xa0]*(?:[A-Z][a-z]+[’']s[ \t\xa0]+)?(?:Inc|LLC|Corp|Ltd|L\.P|N\.A|AG|plc|AS|S\.A|Bank|Company|Co\b|& |and Co|"
    r"Securities|Capital|Markets|Trust|GRAT|Financial|Partners|Group|Holdings|Fund|Foundation|Investments?|Associates|"
    r"International|Asset|Bancorp|Realty|Properties|LP\b|LLP\b)|[ \t\xa0]*[’']s[ \t\xa0]+(?:[A-Z][a-z]+[ \t\xa0]+)?(?:Trust|Estate|Foundation)\b")


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    name: str


def find_persons(text: str, start: int = 0, end: int | None = None) -> list[PersonMention]:
    end = len(text) if end is None else end
    out = []
    for m in _NAME.finditer(text, start, end):
        name = re.sub(r"[ \t\xa0]+", " ", m.group("name"))
        words = [w.rstrip(".,") for w in name.split()]
        if any(w in _NOT_NAME_WORDS for w in words):
            continue
        if sum(1 for w in words if len(w) > 1) < 2:
            continue
        if re.search(r"\((?:the|an?|each|collectively)?[ \t\xa0]*[\"“”']{0,2}$", text[max(0, m.start() - 16):m.start()]):
            continue  # a defined term, "(the Non-Voting Shares)" whose quotes were lost
        after = text[m.end(): m.end() + 30]
        if _ORG_AFTER.match(after):
            continue  # "Morgan Stanley & Co.", "Goldman Sachs Bank USA", "Evelyn P. Rose Survivor's Trust": an organisation
        out.append(PersonMention(m.start("name"), m.start("name") + len(m.group("name")), name))
    return out


_SIG = re.compile(
    r"/s/[ \t\xa0]*(?P<sig>[^\n]{2,60})\n(?:[ \t\xa0]*\n)*(?:[ \t\xa0]*(?:Name:)?[ \t\xa0]*(?P<name>[^\n]{2,60})\n)?"
    r"(?:[ \t\xa0]*\n)*[ \t\xa0]*(?:Title:|Its:)?[ \t\xa0]*(?P<title>[^\n]{2,120})", re.I)


# A line drawn under a signature ("------", "______"): layout, not a name or title.
_RULE_LINE = re.compile(r"(?m)^[ \t\xa0]*[-_=]{3,}[-_= \t\xa0]*$")


def signatories(text: str) -> list[tuple[str, str | None]]:
    """(name, title) of the ``/s/`` signatures of the report text."""
    out = []
    text = _RULE_LINE.sub("", text)
    for m in _SIG.finditer(text):
        sig = m.group("sig").strip(" _")
        name = (m.group("name") or "").replace("Name:", "").strip().rstrip(",")
        title = (m.group("title") or "").replace("Title:", "").strip()
        name, title = _name_then_title(name, title)
        if not name or not _looks_like_name(name):
            name, title = sig, (name if name and not _looks_like_name(name) else title)
        if re.match(r"(?i)^(title|name)[: ]", title or ""):
            title = re.sub(r"(?i)^(title|name):?\s*", "", title)
        if _looks_like_name(title) and not re.search(r"(?i)officer|president|director|secretary|treasurer|counsel|chair|vice|manager|partner|controller", title):
            title = None
        if not _looks_like_name(name):
            continue
        if title and re.search(r"(?i)^date|^dated|^by:", title):
            title = None
        out.append((name, title))
    return out


def _name_then_title(line: str, next_line: str) -> tuple[str, str]:
    """A signature line that holds the name and the start of the title ("Jane Roe, President
    and" / "Chief Executive Officer"): the name, and the title with its wrapped rest."""
    head, sep, rest = line.partition(",")
    if not sep or not _looks_like_name(head) or re.fullmatch(r"\s*(?:Jr\.|Sr\.|I{2,3}|IV)\s*", rest):
        return line, next_line
    rest = rest.strip()
    if re.search(r"(?:\band|&|-|,)$", rest) and next_line:
        rest = f"{rest} {next_line}"
    return head.strip(), rest or next_line


def _looks_like_name(value: str | None) -> bool:
    if not value:
        return False
    return bool(re.fullmatch(r"[A-Z][A-Za-z.'’\- ]{1,50}(?:, (?:Jr\.|Sr\.|III|II))?", value.strip())) and len(value.split()) <= 6
