"""Natural persons named in prose ("with David Ball, President"). Signatures are the reader's
(:mod:`pactgraph.nlp.reader.signature`); officers' titles are :mod:`.extraction.officers`'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .legal_forms import legal_forms, org_word_prefixes, spellings, suffix_alternation
from .offices import OPENERS

# the lower-case words of surnames ("de la Vega", "van der Berg", "ten Brink")
_PARTICLES = r"(?:d[aeiu]|de[ls]|della|la|le|van|von|der|den|ten|ter|dos|das)"
_NAME = re.compile(
    r"(?<![\w.])(?:(?:Mr|Ms|Mrs|Dr)\.[ \t\xa0]+)?"
    # letters of Western names, accents included ("Paláu-Hernández"); "O’Byrne", "D'Amato"
    # a given name may go on in lower case after a hyphen, briefly ("Hye-jin", not "Co-founder")
    r"(?P<name>(?:[A-Z]\.[ \t\xa0]+)?[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+|-[a-z]{2,4}(?![a-z]))?"
    r"(?:[ \t\xa0]+[A-Z]\.){0,2}"
    # up to three further names, each after up to two particles: "Mary Anne de la Vega",
    # "Juan Carlos Rodriguez Garcia"
    r"(?:[ \t\xa0]+(?:" + _PARTICLES + r"[ \t\xa0]+){0,2}"
    r"(?:(?:O|D)[’'])?(?:[A-ZÀ-Þ][a-zß-ÿ]*[A-Z]?[a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?|Mc[A-Z][a-z]+)){1,3}"
    r"(?:,?[ \t\xa0]+(?:Jr\.|Sr\.|II|III|IV))?)(?![\w])"
)
# words no person's name holds: legal forms and institution nouns, and the words below
_NOT_NAME_WORDS = (
    {f.rstrip(".") for f in spellings()}
    | set(legal_forms().institution_words)
    | {
        "Agreement",
        "Board",
        "Directors",
        "Chief",
        "Officer",
        "President",
        "Executive",
        "Vice",
        "Senior",
        "Operating",
        "Corporate",
        "Controller",
        "Comptroller",
        "Treasurer",
        "Secretary",
        "Counsel",
        "Item",
        "Exhibit",
        "Section",
        "Act",
        "Exchange",
        "Commission",
        "Form",
        "Report",
        "Plan",
        # the nouns of instruments, never of a person's name ("Executive Severance Policy")
        "Policy",
        "Program",
        "Arrangement",
        "Contract",
        "Amendment",
        "Indenture",
        "Guaranty",
        "Stock",
        "Common",
        "Credit",
        "Facility",
        "Merger",
        "Services",
        "Technologies",
        "Systems",
        # a firm's line of business ("Flextronics Sales and Marketing (A-P) Ltd.") or an
        # office's function ("Executive Vice President, Worldwide Operations")
        "Sales",
        "Marketing",
        "Operations",
        "Chain",  # "Global Supply Chain": an office's function
        # a media or consumer company's divisions ("Executive Vice President, Television
        # Production")
        "Production",
        "Television",
        "Programming",
        "Distribution",
        "Licensing",
        "Merchandising",
        "Publishing",
        "Entertainment",
        "Retail",
        "Worldwide",
        "Global",
        "International",
        "Finance",
        "Development",
        "Engineering",
        "Research",
        "Technology",
        "Strategy",
        "Administration",
        "Monitoring",
        "Solutions",
        "Products",
        "Networks",
        "Communications",
        "Software",
        "Industries",
        "Enterprises",
        "Resources",
        "Pharmaceuticals",
        "Therapeutics",
        "Semiconductor",
        "Electronics",
        "Manufacturing",
        "Consulting",
        "Laboratories",
        "Ventures",
        # defined terms of employment agreements ("for Good Reason", "for Cause")
        "Reason",
        "Director",
        "Committee",
        "Compensation",
        "Annual",
        "General",
        "Counsel",
        "Secretary",
        "Treasurer",
        "Chairman",
        "Lending",
        "Street",
        "Avenue",
        "Road",
        "New",
        "York",
        "United",
        "States",
        "North",
        "South",
        "East",
        "West",
        "Delaware",
        "California",
        "Texas",
        "Nevada",
        "Registrant",
        "Date",
        "Name",
        "Title",
        "The",
        "This",
        "On",
        "In",
        "Pursuant",
        "Under",
        "Effective",
        "Mr",
        "Ms",
        "Dr",
        "Mrs",
        "Amended",
        "Restated",
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "National",
        "International",
        "Global",
        "Business",
        "Day",
        "Days",
        "Term",
        "Loan",
        "Loans",
        "Note",
        "Notes",
        "Rate",
        "Base",
        "Eurodollar",
        "Votes",
        "Vote",
        "Broker",
        "Withheld",
        "Abstentions",
        "Abstain",
        "Abstained",
        "Against",
        "Nominee",
        "Nominees",
        "Person",
        "Party",
        "Development",
        "Agreements",
        "Stockholder",
        "Stockholders",
        "Shareholder",
        "Shareholders",
        "Support",
        "Voting",
        "Purchaser",
        "Seller",
        "Buyer",
        "Parent",
        "Sub",
        "Lender",
        "Lenders",
        "Borrower",
        "Guarantor",
        "Trustee",
        "Amendment",
        "Acquisition",
        "Statement",
        "Registration",
        "Prospectus",
        "Schedule",
        "Law",
        "Laws",
        "Code",
        "Rule",
        "Rules",
        "Regulation",
        "Department",
        "Justice",
        "Court",
        "County",
        "District",
        "Proposal",
        "Superior",
        "Closing",
        "Time",
        "Indenture",
        "Guaranty",
        "Guarantee",
        "Letter",
        "Commitment",
        # units of an organisation ("President of the Company's Healthcare Division")
        "Division",
        "Divisions",
        "Segment",
        "Group",
        "Unit",
        # the words of a report's subheadings ("Transition Arrangements with Mr. X", "Planned
        # Leadership Transition"): no name holds them
        "Transition",
        "Arrangement",
        "Arrangements",
        "Succession",
        "Leadership",
        "Appointment",
        "Retirement",
        "Resignation",
        "Departure",
        "Election",
    }
)


# what follows a person-like name that is part of an organisation's name: a legal form, an
# institution noun ("Goldman Sachs Bank USA"), a firm's words, or a trust of a person's
_FIRM_WORDS = (
    "& ",
    "and Co",
    "Investment",
    "Associates",
    "Asset",
    "Realty",
    "Properties",
    "International",
)
_ORG_AFTER = re.compile(
    r"[ \t\xa0]*(?:[A-Z][a-z]+[’']s[ \t\xa0]+)?"
    r"(?:" + org_word_prefixes(_FIRM_WORDS) + ")"
    # after a comma only a legal form ("Smith, Inc."): ", Group President" is an office
    r"|[ \t\xa0]*,[ \t\xa0]*(?:" + suffix_alternation(spellings("strong")) + r")(?![\w])"
    r"|[ \t\xa0]*[’']s[ \t\xa0]+(?:[A-Z][a-z]+[ \t\xa0]+)?(?:Trust|Estate|Foundation)\b"
)


# the rest of an agreement's title after capitalised words that only look like a name
_TITLE_AFTER = re.compile(
    r"[ \t\xa0]+(?:(?:and|&)[ \t\xa0]+)?(?:[A-Z][a-z]+[ \t\xa0]+){0,2}"
    r"(?:Agreements?|Plan|Letter|Policy|Contract|Amendment)\b"
)


# an ampersand joins the words of one name of a business, never a person to what went before
_JOINED_BEFORE = re.compile(r"&[ \t\xa0]*$")


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    name: str


def find_persons(text: str, start: int = 0, end: int | None = None) -> list[PersonMention]:
    end = len(text) if end is None else end
    out = []
    for m, raw in _name_matches(text, start, end):
        name = re.sub(r"[ \t\xa0]+", " ", raw)
        words = [w.rstrip(".,") for w in name.split()]
        if sum(1 for w in words if len(w) > 1) < 2:
            continue
        if re.search(
            r"\((?:the|an?|each|collectively)?[ \t\xa0]*[\"“”']{0,2}$",
            text[max(0, m.start() - 16) : m.start()],
        ):
            continue  # a defined term, "(the Non-Voting Shares)" whose quotes were lost
        name_start = m.start("name")
        name_end = name_start + len(raw)
        after = text[name_end : name_end + 30]
        if _JOINED_BEFORE.search(text, max(0, name_start - 4), name_start):
            continue  # the second part of a firm's or a division's name: "Asset & Wealth
            # Management", "Consumer & Community Banking"
        if _ORG_AFTER.match(after):
            # an organisation: "Morgan Stanley & Co.", "Goldman Sachs Bank USA",
            # "Evelyn P. Rose Survivor's Trust"
            continue
        if _TITLE_AFTER.match(text, name_end):
            continue  # the words of a title: "a Mutual Termination and Release Agreement"
        out.append(PersonMention(name_start, name_end, name))
    return out


def _name_matches(text: str, start: int, end: int):
    """The name-shaped runs of capitalised words that hold no word a name never holds, each with
    its name cut before an office word. A run that holds one is searched again after it: "Chief
    Executive Officer Noel White" yields "Noel White"."""
    pos = start
    while m := _NAME.search(text, pos, end):
        raw = _before_office_word(m.group("name"))
        not_name = [
            w for w in re.finditer(r"[^ \t\xa0]+", raw) if w.group().rstrip(".,") in _NOT_NAME_WORDS
        ]
        if not_name:
            pos = m.start("name") + not_name[-1].end()
            continue
        pos = m.end()
        yield m, raw


# the words of an office that may follow a name with no comma: "named Jane Roe Chief Financial
# Officer", "Jane Roe President of the Company"
_OFFICE_WORDS = frozenset(OPENERS)
_WORD_AT = re.compile(r"[^ \t\xa0]+")


def _before_office_word(name: str) -> str:
    """``name`` cut before an office word that ends it ("Jane Roe Chief" gives "Jane Roe"),
    when two words of a name stay; ``name`` itself otherwise."""
    words = list(_WORD_AT.finditer(name))
    for i, w in enumerate(words):
        if i >= 2 and w.group(0).rstrip(".,") in _OFFICE_WORDS:
            return name[: words[i - 1].end()]
    return name
