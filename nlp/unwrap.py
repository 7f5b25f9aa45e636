"""Hard-wrapped paragraphs read as written: a plain-text report breaks its lines at about 70
characters, so "entered\\ninto" stands where patterns look for "entered into". The line breaks
that wrap a paragraph are read as spaces; the text keeps its length, so every offset into it
(the facts' evidence) still points at the same words."""

from __future__ import annotations

import re
from functools import lru_cache

from .sentences import ends_with_abbreviation

# the last word of a line that goes on in the next
_CONTINUING = frozenset({"and", "or", "of", "the", "&", "to", "for", "by", "with", "as", "a", "an"})
# a line this long (before its trailing spaces) may be part of a hard-wrapped paragraph
_WRAP_WIDTH = 60
_TRAILING = " \t\xa0"
# a line at least this share of the report's long lines (its 90th percentile) may wrap
_SHARE_OF_LONG = 0.75
# a block of lines this wide or wider may be a filled paragraph; a line filled at least this
# share of its block's width may wrap even when shorter than the report's wrap width
_MIN_BLOCK_WIDTH = 40
_FILLED = 0.6
# the indentation a paragraph's first line may have had ("     The Company also entered into a")
_INDENT = 8


@lru_cache(maxsize=4)
def unwrapped(text: str) -> str:
    """``text`` with the line breaks that wrap its paragraphs read as spaces (same length, so
    offsets hold): a hard-wrapped report ("entered\\ninto") reads like one in long lines."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    block = _block_widths(lines)
    out = []
    continued = False  # the line before wrapped into this one: it is inside a paragraph
    for i, (line, following) in enumerate(zip(lines, lines[1:])):
        body = line.rstrip(_TRAILING)
        opens = i == 0 or not lines[i - 1].strip()  # a paragraph's first line, maybe indented
        full = _next_word_overflows(body, following, block[i], _INDENT if opens else 0)
        inside = continued or (i > 0 and goes_on(lines[i - 1]))
        continued = _wraps(body, following, min(width, len(body)) if full else width, inside)
        if continued:
            out.append(body + " " * (len(line) - len(body) + 1))
        else:
            out.append(line + "\n")
    out.append(lines[-1])
    return "".join(out)


def goes_on(line: str) -> bool:
    """Whether a line stops short of its sentence's end (no full stop, colon or semicolon, or
    one after an abbreviation: "... sold to Morgan Stanley & Co."): the line below is inside
    the same paragraph, never a heading."""
    body = line.rstrip(_TRAILING)
    if not body.strip():
        return False
    return body[-1] not in ".:;" or ends_with_abbreviation(body)


def _block_widths(lines: list[str]) -> list[int]:
    """For each line, the longest line of its block (the run of non-blank lines it stands in):
    the width a hard-wrapped paragraph was filled to."""
    widths = [0] * len(lines)
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or not lines[i].strip():
            longest = max((len(x.rstrip(_TRAILING)) for x in lines[start:i]), default=0)
            widths[start:i] = [longest] * (i - start)
            start = i + 1
    return widths


def _next_word_overflows(body: str, following: str, block_width: int, indent: int = 0) -> bool:
    """Whether the next line's first word would not have fit on this line within its block's
    width: the line was filled, so its break wraps the paragraph (a paragraph filled to 55
    columns in a report whose other lines are long). ``indent``: the room a paragraph's first
    line may have lost to an indentation the reader strips."""
    words = following.split()
    if not words or block_width < _MIN_BLOCK_WIDTH or len(body) < _FILLED * block_width:
        return False
    return len(body) + indent + 1 + len(words[0]) > block_width


def _wrap_width(lines: list[str]) -> int:
    """The length from which a line may wrap: 60 characters, or less in a report whose lines are
    short (wrapped at 70 columns and stripped of their indentation, most lines hold 55 to 70)."""
    lengths = sorted(len(line.rstrip(_TRAILING)) for line in lines if line.strip())
    if not lengths:
        return _WRAP_WIDTH
    return min(_WRAP_WIDTH, int(_SHARE_OF_LONG * lengths[int(len(lengths) * 0.9)]))


def _wraps(body: str, following: str, width: int = _WRAP_WIDTH, inside: bool = False) -> bool:
    """Whether a line (``body``, without its trailing spaces) wraps into ``following``: it is
    long, ends mid-sentence, is no heading or table row, and prose follows. A line ``inside`` a
    paragraph (the line before wrapped into it) is no heading however many capitals it holds
    ("...the Fourth Amended and Restated Agilent Agreement with Agilent Technologies")."""
    if (len(body) < width and not _stops_mid_phrase(body)) or "\t" in body[-width:]:
        return False
    if body[-1] in ":;":
        return False
    if body[-1] == "." and not ends_with_abbreviation(body):  # "& Co." goes on; "2012." ends
        return False
    nxt = following.lstrip(_TRAILING)
    if not nxt or nxt[0] in "-\u2022" or "\t" in following:
        return False
    if inside:
        return "   " not in body.strip()
    return not _heading(body)


# the last word of a line of prose that cannot end its sentence: the line wraps however short
# (a paragraph filled with an indented first line: "At the closing, the Registrant entered into")
_MID_PHRASE = frozenset({"into", "the", "a", "an", "of", "with", "between", "among", "and", "to"})
_MID_PHRASE_MIN = 30


def _stops_mid_phrase(body: str) -> bool:
    words = body.split()
    last = words[-1].lstrip("(") if words else ""
    return len(body.strip()) >= _MID_PHRASE_MIN and len(words) >= 5 and last in _MID_PHRASE


def _heading(line: str) -> bool:
    """Whether a line is a heading or a table row: most of its words capitalised ("Amendment
    to Amended and Restated Loan Facility Agreement and Guaranty"), or columns set apart by runs
    of spaces; a line that ends with a comma or a connector goes on ("..., Merrill Lynch,")."""
    if "   " in line.strip():
        return True
    words = line.split()
    # "... Greywacke Resources Corp. (the": a bracket opened at the line's end goes on
    if not words or words[-1].endswith(",") or words[-1].lstrip("(") in _CONTINUING:
        return False
    if any(_prose_word(w) for w in words):
        return False  # "The New Credit Agreements replace the Company's $750,000,000 Credit"
    return sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


# the lower-case words a title-case heading holds ("Creation of a Direct Financial Obligation or
# an Obligation under an Off-Balance Sheet Arrangement of a Registrant")
_HEADING_SMALL_WORDS = _CONTINUING | {
    "the",
    "nor",
    "in",
    "on",
    "at",
    "under",
    "into",
    "from",
    "upon",
    "per",
    "its",
    "vs",
    "via",
    "than",
    "not",
}


def _prose_word(word: str) -> bool:
    """A lower-case word no title-case heading holds: a verb or noun of running prose; or a
    day of a date written in a sentence ("Effective September 23, 2005, Longleaf")."""
    if _DAY_IN_DATE.fullmatch(word):
        return True
    bare = word.strip(",;:.()\"“”'’")
    return bare.isalpha() and bare.islower() and bare not in _HEADING_SMALL_WORDS


_DAY_IN_DATE = re.compile(r"\d{1,2},")
