"""Officers and directors the item text names, with their titles (the signature block is read
elsewhere): people given or leaving an office in a sentence, and the nominees of an election
table under Item 5.07."""

from __future__ import annotations

import re

from ..lists import list_runs
from ..names import COURTESY, surname
from ..people import PersonMention, find_persons
from ..sentences import sentence_spans
from .roles import GIVING_VERBS, read_title, role_of

# Items whose text never names officers by their office: the exhibit list, financial results.
SKIPPED_ITEMS = frozenset({"9.01", "7"})
# A vote-table row: the nominee's name, then the first vote count ("Jane Roe\t12,345,678").
_VOTE_ROW = re.compile(r"^[ \t\xa0]*(?:\(?\d{1,2}[.)][ \t\xa0]+)?(?P<rest>.+)$")
_VOTES_AFTER = re.compile(
    r"^\.?[ \t\xa0]*[*†]?[ \t\xa0]*(?:\(\d\))?[ \t\xa0]*(?:\t|[ \t\xa0]{2,})[ \t\xa0]*\$?[\d,]{3,}"
    # a table flattened to one cell per line: the name, then lines of bare vote counts
    r"|^[ \t\xa0]*(?:\n[ \t\xa0]*[\d,]{3,}[ \t\xa0]*){2}(?:\n|$)"
)
# The header line of a list of nominees, one name per line under it ("Director Nominee").
_NOMINEE_HEADER = re.compile(r"(?i)^[ \t\xa0]*(?:director[ \t\xa0]+)?nominees?\b[^\n]{0,40}$")
_ELECTION = re.compile(r"(?i)\belect|\bnominee|\bdirectors?\b")


def elected_directors(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """Nominees listed in the vote table of an election of directors (Item 5.07), as the
    annotation rules title them: "Director"."""
    if not _ELECTION.search(text, start, end):
        return []
    out: list[tuple[str, str]] = []
    in_nominee_list = False
    for line in re.finditer(r"(?m)^.*$", text[start:end]):
        row = _VOTE_ROW.match(line.group(0))
        if not row:
            continue
        row_start, row_end = start + line.start() + row.start("rest"), start + line.end()
        persons = find_persons(text, row_start, row_end)
        first = persons[0] if persons and persons[0].start - row_start <= 4 else None
        if first and (
            _VOTES_AFTER.match(text[first.end :])
            or in_nominee_list
            and not text[first.end : row_end].strip(" .\t\xa0")
        ):
            out.append((first.name, "Director"))
            continue
        in_nominee_list = bool(_NOMINEE_HEADER.match(line.group(0)))
    return out


# a row of a compensation table: the officer's name, the office, then an amount ("Jane Roe\t
# Chief Financial Officer\t$450,000"); a rendering may put the name on a line of its own
_COMP_ROW = re.compile(
    r"(?m)^[ \t\xa0]*(?P<name>[^\t\n]{4,60}?)[ \t\xa0]*(?:\t|\n)"
    r"[ \t\xa0]*(?P<office>[^\t\n]{4,120}?)[ \t\xa0]*\t[ \t\xa0]*(?:\$|—|-|\d)"
)


# the directors named as a list: "each of the directors of the Company, A, B and C, entered into
# a Voting Agreement"
_DIRECTORS_LIST = re.compile(
    r"\b(?:each[ \t\xa0]+of[ \t\xa0]+)?(?:the|its|our)[ \t\xa0]+directors[ \t\xa0]+of[ \t\xa0]+"
    r"the[ \t\xa0]+Company,[ \t\xa0]+"
)


def listed_directors(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """The directors a sentence names as a list after "the directors of the Company"."""
    out: list[tuple[str, str]] = []
    for m in _DIRECTORS_LIST.finditer(text, start, end):
        persons = find_persons(text, m.end(), min(end, m.end() + 400))
        if persons and persons[0].start - m.end() <= 1:
            out += [(p.name, "Director") for p in person_lists(persons, text)[0]]
    return out


def compensation_rows(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """Officers listed with their offices in a compensation table of the items (salaries,
    bonuses, awards): a row of a name, an office, and an amount."""
    out: list[tuple[str, str]] = []
    for row in _COMP_ROW.finditer(text, start, end):
        persons = find_persons(text, row.start("name"), row.end("name"))
        if len(persons) != 1 or persons[0].name != " ".join(row.group("name").split()):
            continue  # the cell is one person's name and nothing else
        title = read_title(text, row.start("office"), len(row.group("office")))
        if title:
            out.append((persons[0].name, title))
    return out


# between two names of one list: "A, B and C", "A, B, and C"
_LIST_GAP = re.compile(
    r"[ \t\xa0]*(?:,[ \t\xa0]*(?:and[ \t\xa0]+)?|and[ \t\xa0]+)"
    # "A, a partner of Lark Capital, and B": an aside saying who A is
    r"|[ \t\xa0]*,[ \t\xa0]*an?[ \t\xa0]+[^,;()]{2,80},[ \t\xa0]*(?:and[ \t\xa0]+)?"
)


def person_lists(persons: list[PersonMention], text: str) -> list[list[PersonMention]]:
    """The persons of a sentence grouped into lists ("appointed A, B and C to serve as
    directors"): names with only a comma or "and" between are one list."""
    return list_runs(persons, text, _LIST_GAP)


# "... will retire from his position as the Company's Vice President": the office a sentence's
# one person holds, named after a possessive
_POSITION_AS = re.compile(
    r"\b(?:his|her|their)[ \t\xa0]+(?:positions?|roles?|offices?|post)[ \t\xa0]+(?:as|of)[ \t\xa0]+"
)


def _own_position(
    text: str, person: PersonMention, persons: list[PersonMention], end: int
) -> str | None:
    """The title after "his/her position as" later in the sentence, for the sentence's first
    person when no other is named between."""
    m = _POSITION_AS.search(text, person.end, end)
    if m is None or person is not persons[0]:
        return None  # the sentence's first person is its subject, the one "his" points back to
    if any(person.end <= p.start < m.start() for p in persons):
        return None
    return read_title(text, m.end())


# a sentence of the items: its span and the people it names
_Read = tuple[int, int, list[PersonMention]]


def officers_in_prose(text: str, read: list[_Read]) -> list[tuple[str, str]]:
    """(name, title) of each person a sentence gives an office, in order; the office of a
    list of people is read around the whole list and given to each."""
    out: list[tuple[str, str]] = []
    for s, e, persons in read:
        for group in person_lists(persons, text):
            for person in group:
                title = role_of(text, person.start, person.end, e, s)
                if title is None and len(group) > 1:
                    title = role_of(text, group[0].start, group[-1].end, e, s)
                if title is None:
                    title = _own_position(text, person, persons, e)
                if title:
                    out.append((person.name, title))
    return out


def officers_in_items(text: str, sections: list[tuple[str, int, int]]) -> list[tuple[str, str]]:
    """Officers and directors of the report's items, each (name, title) once."""
    found: list[tuple[str, str]] = []
    read: list[_Read] = []  # each item sentence split and searched for people once
    for number, start, end in sections:
        if number in SKIPPED_ITEMS:
            continue
        if number == "5.07":
            found += elected_directors(text, start, end)
        found += compensation_rows(text, start, end)
        found += listed_directors(text, start, end)
        section = [(s, e, find_persons(text, s, e)) for s, e in sentence_spans(text, start, end)]
        found += officers_in_prose(text, section)
        read += section
    # a bare seat ("Director") leaves the person's office to be read from other sentences
    found += _titled_later(text, read, {name for name, title in found if title != "Director"})
    # a bare seat yields to the office another sentence gives the same person
    offices = {name for name, title in found if title != "Director"}
    seen, out = set(), []
    for name, title in found:
        key = (name.lower(), title.lower())
        if key not in seen and not (title == "Director" and name in offices):
            seen.add(key)
            out.append((name, title))
    return out


def _titled_later(text: str, read: list[_Read], titled: set[str]) -> list[tuple[str, str]]:
    """People an item names leaving or taking an office in one sentence and titles in another
    ("Robert C. Schassler resigned from the Company. Mr. Schassler had been serving as Executive
    Vice President"): the office the items give them by "Mr. <surname>"."""
    named = [
        p.name
        for s, e, persons in read
        if _OFFICE_EVENT.search(text, s, e)
        for p in persons
        if p.name not in titled
    ]
    sentences = [(s, e) for s, e, _ in read]
    found = ((name, title_in_items(text, sentences, name)) for name in dict.fromkeys(named))
    return [(name, title) for name, title in found if title]


# a sentence that gives or takes an office
_OFFICE_EVENT = re.compile(
    r"(?i)\b(?:resign|retire|appoint|elect|named|depart|terminat|promot|hired|step(?:ped)? down)"
)


# a sentence that gives an office (not one that tells what a person did before)
_OFFICE_GIVEN = re.compile(GIVING_VERBS, re.I)


def _mention_pattern(name: str) -> re.Pattern:
    """``name`` in full or as "Mr. <surname>" (possessive included: "Mr. Parks’")."""
    last = re.escape(surname(name))
    return re.compile(rf"(?:\b{re.escape(name)}\b|\b{COURTESY}{last}\b)(?:[’']s\b|[’'])?")


def _item_sentences(text: str, sections: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """The sentences of the report's items that can name officers."""
    return [
        span
        for number, start, end in sections
        if number not in SKIPPED_ITEMS
        for span in sentence_spans(text, start, end)
    ]


def title_in_items(text: str, sentences: list[tuple[int, int]], name: str) -> str | None:
    """The first office the item ``sentences`` give ``name`` (in full or by "Mr. <surname>");
    a bare seat ("Director") only when no sentence names an office."""
    pattern = _mention_pattern(name)
    seat = None
    for s, e in sentences:
        for m in pattern.finditer(text, s, e):
            title = role_of(text, m.start(), m.end(), e, s)
            if title == "Director":
                seat = seat or title
            elif title and (seat is None or _OFFICE_GIVEN.search(text, s, e)):
                # after a seat, only an office this report gives ("elected Mr. Kinnear as
                # Chairman"), not one the person's biography names ("served as Secretary of X")
                return title
    return seat


def party_people(
    text: str, sections: list[tuple[str, int, int]], parties: list[str], persons: list[str]
) -> list[tuple[str, str]]:
    """The officers among agreement ``parties`` (names in ``persons``) with the office the items
    give them: the annotation rules count an officer or director party to an agreement (a
    person the items give no office is a stockholder, seller or agent, not counted)."""
    people = [n for n in dict.fromkeys(parties) if n in persons]
    if not people:
        return []
    sentences = _item_sentences(text, sections)  # split once for every person
    found = ((name, title_in_items(text, sentences, name)) for name in people)
    return [(name, title) for name, title in found if title]
