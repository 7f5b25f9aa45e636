"""The office a sentence gives a named person: "appointed Jane Roe as Chief Financial Officer",
"John Doe resigned as a director", "Jane Roe, the Company's Treasurer".

A title is read word by word from where the sentence's grammar puts it and kept up to its last
head word ("Chief Executive Officer of Acme" gives "Chief Executive Officer"); the words are
data (``nlp/data/officer_titles.json``). A seat on the board is titled "Director", as the
annotation rules title elected directors.
"""

from __future__ import annotations

import re

from ..names import DEGREES
from ..offices import title_vocabulary
from ..people import find_persons

_WORD = re.compile(r"[A-Za-z][\w\-’']*|&|,")


# Determiners and possessives before a title: "the Company's", "its", "our", "a", "Acme's";
# and when the person held it: "currently Executive Vice President", "formerly its Treasurer".
_DETERMINER = r"(?:the|its|our|their|his|her|an?|Company[’']s|Bank[’']s|[A-Z][\w.&]*[’']s)"
_LEAD = re.compile(
    rf"^(?:[ \t\xa0]*(?:{_DETERMINER}|"
    r"current|currently|presently|formerly|previously|most[ \t\xa0]+recently)\b)+",
)


def read_title(text: str, pos: int, limit: int = 140) -> str | None:
    """The officer title starting at ``text[pos]`` (after determiners), or None."""
    window = text[pos : pos + limit]
    lead = _LEAD.match(window)
    window = window[lead.end() :] if lead else window
    vocab = title_vocabulary()
    words, best = [], None
    for m in _WORD.finditer(window):
        if window[words[-1][1] if words else 0 : m.start()].strip(" \t\xa0\n"):
            break  # punctuation other than a comma between words ends the title
        token, low = m.group(0), m.group(0).lower()
        if not (
            low in vocab["words"] or low in vocab["heads"] or token[0].isupper() or token == ","
        ):
            break
        after = _after_comma(words)
        if after and low not in vocab["words"] and _person_at(window, m.start()):
            words = words[:-after]  # "Chief Financial Officer, and Mateo Ibarra-Lund": a new name
            break
        words.append((token, m.end()))
        if low in vocab["heads"] or low in ("directors", "board"):
            best = len(words)
    if best is None or _COMMITTEE_CHAIR.match(window, words[best - 1][1]):
        return None
    title = " ".join(w for w, _ in words[:best]).replace(" ,", ",").strip(", ")
    return normalise_title(title)


# the chair of a board committee is no office of the company: "chair of the Compensation
# Committee", "Chairman of its Audit Committee"
_COMMITTEE_CHAIR = re.compile(
    r"(?:(?<=hair)|(?<=hairman)|(?<=hairwoman)|(?<=hairperson))"
    r"[ \t\xa0]+of[ \t\xa0]+(?:the|its|our)[ \t\xa0]+"
    r"(?:[A-Z][\w&,]*[ \t\xa0]+(?:and[ \t\xa0]+)?){0,5}Committee\b"
)


def _person_at(text: str, pos: int) -> bool:
    """Whether a person's name starts at ``text[pos]``."""
    return any(p.start == pos for p in find_persons(text, pos, min(len(text), pos + 60)))


def _after_comma(words: list[tuple[str, int]]) -> int:
    """How many words the title read so far ends in after its last office: 1 for ",", 2 for
    ", and" (0 otherwise). Only another office may follow them ("President, and Chief Executive
    Officer"), not another person's name ("Chief Executive Officer, Sergey Brin")."""
    if words and words[-1][0] == ",":
        return 1
    if len(words) >= 2 and words[-2][0] == "," and words[-1][0].lower() == "and":
        return 2
    return 0


def normalise_title(title: str) -> str | None:
    """A seat on the board becomes "Director" ("Board of Directors", "independent director");
    a title with no head word is no title."""
    vocab = title_vocabulary()
    words = set(re.findall(r"[\w\-]+", title.lower()))
    heads = words & vocab["heads"]
    if (words & {"board", "directors"} or heads == {"director"}) and not heads - {"director"}:
        return "Director"
    if not heads:
        return None
    return title[0].upper() + title[1:]


# Verbs that give or take an office: "appointed", "named", "resigned", "will serve", "became".
_VERB = (
    r"(?:appoint|nam|elect|promot|hir|designat|resign|retir|step|select|tender|continu|"
    r"serv|becom|becam|remain|succeed|replac|join|terminat|depart|leav|transition|"
    # "notified the Board of her resignation as President"
    r"notif|inform|advis)\w*"
)
# The person comes first: "Jane Roe (, age 51,) (who) (has been) appointed ...".
_SUBJECT_VERB = re.compile(
    rf"^(?:[ \t\xa0]*,[^,;.]{{0,40}},)?[ \t\xa0]*,?[ \t\xa0]*(?:(?:who|which)[ \t\xa0]+)?"
    # "A and B each notified the Company of their resignation"
    rf"(?:(?:each|both)[ \t\xa0]+)?"
    rf"(?:(?:has|have|had|was|were|is|will|would|shall)[ \t\xa0]+"
    # "was also appointed", "has also been named"
    rf"(?:(?:also|further|subsequently|additionally)[ \t\xa0]+)?(?:(?:been|be)[ \t\xa0]+)?)?"
    rf"{_VERB}\b",
    re.I,
)
# The verb comes first: "appointed Jane Roe", "the appointment of Dr. Jane Roe".
_VERB_BEFORE = re.compile(
    rf"\b(?:{_VERB}|appointment|election|promotion|resignation|retirement|departure)"
    r"(?:[ \t\xa0]+of)?[ \t\xa0]+(?:(?:Mr|Ms|Mrs|Dr)\.[ \t\xa0]+)?$",
    re.I,
)
# a notice to the board: what it was of opens where the office is read
_NOTICE_VERB = re.compile(r"(?i)(?:notif|inform|advis)\w*$")
_NOTICE_OF = re.compile(
    r"(?i)\b(?:of|that)\s+(?:(?:his|her|their)\s+)?(?:intention|decision|resignation|retirement|"
    r"plans?|he|she|they)\b"
)
# Where a title starts after the verb: "as", "to", "from (his position as)", "of".
_PREP = re.compile(
    r"\b(?:as|to|from|of)[ \t\xa0]+(?:(?:the|his|her|its)[ \t\xa0]+)?"
    r"(?:(?:positions?|roles?|offices?|post)[ \t\xa0]+(?:of|as)[ \t\xa0]+)?",
    re.I,
)
# Apposition: "Jane Roe, the Company's Chief Financial Officer", "Jane Roe, age 51, Treasurer".
_APPOSITION = re.compile(r"^[ \t\xa0]*,[ \t\xa0]*(?:age[ \t\xa0]+\d{2},[ \t\xa0]*)?", re.I)
# what may stand between a name and its office: degrees and age ("Jane Roe, M.D., 51, as")
_ASIDES = re.compile(
    rf"(?:[ \t\xa0]*,[ \t\xa0]*(?:age[ \t\xa0]+\d{{2}}|\d{{2}}|{DEGREES})(?=[ \t\xa0]*,))+",
    re.I,
)


def _title_after(text: str, pos: int, end: int) -> str | None:
    """A title right at ``pos`` ("named President") or after the first preposition that leads
    to one ("resigned, effective May 1, as a director")."""
    title = read_title(text, pos)
    if title:
        return title
    for m in _PREP.finditer(text, pos, min(end, pos + 100)):
        title = read_title(text, m.end())
        if title:
            return title
    return None


# "elected Jane Roe to fill the resulting vacancy", "... to fill the newly created seat",
# "appointed Jane Roe to the Board", "appoint A and B (together, the New Directors) to the Board":
# a seat on the board, no office named
_BOARD_SEAT = re.compile(
    r"^(?:[ \t\xa0]*,[^;]{0,100}?,|[ \t\xa0]*\([^()]{0,80}\))?[ \t\xa0]+to[ \t\xa0]+"
    r"(?:(?:fill|serve[ \t\xa0]+in)\b"
    r"[^.;]{0,40}\b(?:vacanc(?:y|ies)|seats?|directorships?)\b|the[ \t\xa0]+(?:Board|board)\b)"
)


# an aside set off by commas after a name ("Jane Roe, currently Vice President, Sales, ...",
# "..., formerly the Chairman, President and Chief Executive Officer of Aurelian, ...")
_ASIDE = r"[ \t\xa0]*,[^,;]{2,80}(?:,[^,;]{2,60}){0,2},[ \t\xa0]*"
# what leads from a person to the office given: "as", "to succeed Mr. Hatch as", "to the newly
# created position of"
_TO_OFFICE = (
    r"(?:as|to[ \t\xa0]+serve[ \t\xa0]+as|to[ \t\xa0]+(?:succeed|replace)\b[^,;]{1,60}?\bas"
    r"|to[ \t\xa0]+the[ \t\xa0]+(?:newly[ \t\xa0]+created[ \t\xa0]+)?(?:position|office|role)"
    r"[ \t\xa0]+of)"
)
# what joins a name to the office it is given: "as", "to serve as", "to succeed Mr. Hatch as",
# or a bare "to"
_GLUE = re.compile(rf"^[ \t\xa0]*,?[ \t\xa0]*(?:{_TO_OFFICE}|to)?[ \t\xa0]*", re.I)
# the office given after the aside: "elected Jane Roe, a director since 1997, as Chairman"
_OBJECT_NEW_OFFICE = re.compile(_ASIDE + _TO_OFFICE + r"[ \t\xa0]+", re.I)
# ... or with the person as subject: "Jane Roe, currently Vice President, will succeed Mr. Hatch
# as Chief Financial Officer", "..., will become Executive Vice President"
_SUBJECT_NEW_OFFICE = re.compile(
    _ASIDE
    + r"(?:will|shall|has[ \t\xa0]+been|was|is)[ \t\xa0]+(?:also[ \t\xa0]+)?(?:be[ \t\xa0]+)?"
    r"(?:become|succeed\b[^,;]{1,60}?\bas|serve[ \t\xa0]+as"
    r"|assume[ \t\xa0]+the[ \t\xa0]+(?:position|office|role)[ \t\xa0]+of"
    rf"|(?:appointed|named|elected|promoted)(?:[ \t\xa0]+(?:{_TO_OFFICE}|to))?)[ \t\xa0]+",
    re.I,
)


def _verb_before(text: str, name_start: int) -> bool:
    """Whether a verb that gives or takes an office stands right before the name."""
    return bool(_VERB_BEFORE.search(text[max(0, name_start - 60) : name_start]))


def _office_after_aside(text: str, name_start: int, name_end: int, end: int) -> str | None:
    """The office a sentence gives a person after an aside that may hold the office they hold
    now. A subject joining the board keeps the aside's office ("Jane Roe, Chairman of Harvest,
    will be appointed to the Board"); a person elected to a seat takes the seat."""
    if _verb_before(text, name_start):
        m = _OBJECT_NEW_OFFICE.match(text, name_end, end)
        return read_title(text, m.end()) if m else None
    m = _SUBJECT_NEW_OFFICE.match(text, name_end, end)
    title = read_title(text, m.end()) if m else None
    return title if title != "Director" else None


def role_of(
    text: str, name_start: int, name_end: int, sentence_end: int, sentence_start: int
) -> str | None:
    """The title a sentence gives the person at ``text[name_start:name_end]``, or None."""
    aside = _ASIDES.match(text, name_end, sentence_end)
    name_end = aside.end() if aside else name_end  # "Jane Roe, Ph.D., age 51, as ..."
    tail = text[name_end:sentence_end]
    if title := _office_after_aside(text, name_start, name_end, sentence_end):
        return title
    verb_before = _verb_before(text, name_start)  # "appointed Jane Roe ..."
    if verb_before and _INDEFINITE_ASIDE.match(tail):
        # "appointed Jane Roe, a partner of Lark Capital, and ...": the aside says who she is
        return "Director" if _BOARD_SEAT.match(tail) else None
    m = _APPOSITION.match(tail)
    if m and (title := read_title(text, name_end + m.end())):
        return title
    m = _SUBJECT_VERB.match(tail)
    if m and _NOTICE_VERB.search(m.group()):
        # "notified the Board of Directors of her resignation as President": the office follows
        # what the notice was of, not whom it went to
        notice = _NOTICE_OF.search(text, name_end + m.end(), sentence_end)
        if notice is not None and (title := _title_after(text, notice.end(), sentence_end)):
            return title
        return _title_before(text, name_start) if _APPOSITION.match(tail) else None
    if m and (title := _title_after(text, name_end + m.end(), sentence_end)):
        return title
    if verb_before:
        m = _GLUE.match(tail)
        title = read_title(text, name_end + m.end())
        return title or ("Director" if _BOARD_SEAT.match(tail) else None)
    if (m := _AS_OFFICE.match(tail)) and _coordinated_object(text, sentence_start, name_start):
        return read_title(text, name_end + m.end())
    if _APPOSITION.match(tail):
        return _title_before(text, name_start)
    return None


# an aside that says who a person is, not the office a verb gives: ", a partner of Lark Capital,"
# (an office given follows "as": ", a partner of Lark Capital, as a director")
_INDEFINITE_ASIDE = re.compile(
    r"^[ \t\xa0]*,[ \t\xa0]*an?[ \t\xa0]+[^,;()]{2,60}?[ \t\xa0]of[ \t\xa0]+"
    r"(?!the[ \t\xa0]+(?:Company|Registrant|Corporation|Bank)\b)[A-Z][^,;()]{1,60},"
    r"(?![ \t\xa0]*as\b)"
)
# the office a coordinated object is given: "elected A as a Class II director ... and B as a
# Class III director"
_AS_OFFICE = re.compile(r"^[ \t\xa0]*,?[ \t\xa0]*as[ \t\xa0]+")
_AND_BEFORE = re.compile(r",?[ \t\xa0]+and[ \t\xa0]+$")
# the verbs that give a person an office (word beginnings; "named", not "name")
GIVING_VERBS = r"\b(?:appoint|elect|nam(?=ed|es|ing)|promot|hired|designat)"
_GIVING_VERB = re.compile(GIVING_VERBS + r"\w*[ \t\xa0]+(?=[A-Z])")


def _coordinated_object(text: str, sentence_start: int, name_start: int) -> bool:
    """Whether the person after "and" is the second object of a verb that gave an office to
    another person before in the sentence ("the Board elected A as ..., and B as ...")."""
    if not _AND_BEFORE.search(text, max(0, name_start - 8), name_start):
        return False
    return bool(_GIVING_VERB.search(text, max(sentence_start, name_start - 300), name_start))


# a title set off before the name it belongs to: "the Company's General Counsel, Robert Brown,"
_BEFORE_NAME = re.compile(r"[ \t\xa0]*,[ \t\xa0]*$")
# ... opened by a determiner or a possessive: "the Company's", "our", "its"
_TITLE_START = re.compile(rf"\b{_DETERMINER}[ \t\xa0]+(?=[A-Z])")


def _title_before(text: str, name_start: int) -> str | None:
    """The office written right before the name and a comma ("..., the Company's Senior Vice
    President and General Counsel, Robert Brown, informed ..."), when the name is set off by
    commas on both sides."""
    lead = text[max(0, name_start - 120) : name_start]
    comma = _BEFORE_NAME.search(lead)
    if comma is None:
        return None
    offset = name_start - len(lead)
    for m in _TITLE_START.finditer(lead, 0, comma.start()):
        title = read_title(text, offset + m.end(), comma.start() - m.end())
        if title and lead[: comma.start()].endswith(title.split()[-1]) and "," not in title:
            return title
    return None
