"""The signature block of a report: who signed, with which title, for which company, when.

The block starts at a "SIGNATURE(S)" heading or at the sentence "Pursuant to the requirements
of the Securities Exchange Act of 1934, the registrant has duly caused this report to be signed
..." ("In accordance with Section 13 ..." in older reports). Each ``/s/`` line (or ``By:``
followed by a name) is one signature; ``Name:``, ``Title:`` (as ``Label: value`` or the value on
the next line), the printed name and title under the signature, ``Date:`` and the company line
above complete it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..legal_forms import org_words_regex
from ..offices import OPENERS, office_noun_regex, office_nouns
from .dates import find_dates
from .document import Signature

_START = re.compile(
    r"^[ \t*]*SIGNATURES?[ \t*.:]*$"
    r"|(?:Pursuant\s+to|In\s+accordance\s+with)\s+the\s+requirements\s+of\s+(?:Section\s+13\s+or\s+15\(d\)\s+of\s+)?the\s+Securities\s+(?:and\s+)?Exchange\s+Act"
    r"|In\s+accordance\s+with\s+Section\s+13\s+(?:or\s+15\(d\)\s+)?of\s+the\s+Securities\s+(?:and\s+)?Exchange\s+Act",
    re.I | re.M,
)
_END = re.compile(
    r"^\s*(?:EXHIBIT\s+INDEX|INDEX\s+TO\s+EXHIBITS|EXHIBITS?\s*$|Exhibit\s+(?:No\.?|Number)\b"
    r"|EXHIBIT\s+\d{1,3}(?:\.\d{1,3})?[a-z]?\s*$)",
    re.I | re.M,
)
# "/s/ Name"; renderings that lost the first slash print "s/ Name" at the start of a line
_SLASH_S = re.compile(r"/s/\s*|^s/\s*(?=[A-Z])", re.I)
# a rule drawn for the signature ("-------", "______") inside a flattened line
_INLINE_RULE = re.compile(r"\s*(?:-{4,}|_{4,}|={4,})\s*")
# a label in the middle of a flattened line: "... Executive Vice President, Date: May 1, 2006 ..."
_INLINE_LABEL = re.compile(r"\s+(?=(?:Date|Dated|Name|Title)\s*:)")
# a title's first word: where the printed name stops in "By: Jane Doe Executive Vice President"
_OPENER = r"(?:" + "|".join(OPENERS) + r")\b"
_TITLE_START = re.compile(rf"\s+(?={_OPENER})")
_OPENS_WITH_OFFICE = re.compile(_OPENER)
_LABEL = re.compile(r"^(By|Name|Printed\s+Name|Title|Its|Date|Dated)\s*:?\s*(.*)$", re.I)
_RULE = re.compile(r"^[-=_*.\s]+$")
_SKIP = re.compile(r"^\((?:Date|Registrant|Signature|Duly\s+Authorized\s+Officer)\)$", re.I)
_TRAILING_LABEL = re.compile(r"\s*\((?:Registrant|Company|Issuer)\)\s*$", re.I)
_ORG_HINT = org_words_regex()


# literal anchors of the block's start (found with str.find, then checked with _START: a
# case-insensitive regex search over a 50 MB text would take seconds)
_ANCHORS = (
    ("IGNATURE", 1),
    ("ignature", 1),
    ("ursuant to the", 1),
    ("URSUANT TO THE", 1),
    ("n accordance with", 1),
    ("N ACCORDANCE WITH", 1),
)


# a table of contents lists the signature page among the items: "Item 9.01 Financial
# Statements and Exhibits" on the line before, and no signature in the lines after
_ITEM_LINE = re.compile(r"[ \t*]*ITEMS?[ \t]+\d", re.I)
_SIGNED = re.compile(r"/s/|\bBy:|Pursuant\s+to\s+the\s+requirements|In\s+accordance\s+with", re.I)
_SIGNED_WITHIN = 600


def _listed_in_contents(text: str, line_start: int) -> bool:
    """Whether the "SIGNATURE" heading line at ``line_start`` is a table-of-contents entry."""
    before = text[max(0, line_start - 400) : line_start].rstrip().rsplit("\n", 1)[-1]
    if not _ITEM_LINE.match(before):
        return False
    return not _SIGNED.search(text, line_start, line_start + _SIGNED_WITHIN)


def find_signature_start(text: str, after: int = 0) -> int | None:
    """Start of the signature block at or after ``after`` (a table of contents' "SIGNATURE"
    entry is none)."""
    best = None
    for lit, back in _ANCHORS:
        i = text.find(lit, after + back)
        while i >= 0 and (best is None or i - back < best):
            at = i - back
            line_start = text.rfind("\n", 0, at) + 1
            m = (
                _START.match(text, line_start)
                if lit.upper() == "IGNATURE"
                else _START.match(text, at)
            )
            if m and lit.upper() == "IGNATURE" and _listed_in_contents(text, line_start):
                m = None
            if m and (lit.upper() != "IGNATURE" or m.end() >= at):
                cand = m.start()
                if cand >= after and (best is None or cand < best):
                    best = cand
                break
            i = text.find(lit, i + 1)
    return best


def _clean(s: str) -> str:
    s = s.replace("**", " ").replace("\t", " ")
    return re.sub(r"\s+", " ", s).strip(" ,;:_")


def _date_of(s: str) -> str | None:
    found = find_dates(s)
    return found[0][2] if found else None


def _is_date_line(s: str) -> bool:
    found = find_dates(s)
    return bool(found) and len(s) - (found[0][1] - found[0][0]) < 12


def find_signatures(text: str, start: int | None = None, end: int | None = None) -> list[Signature]:
    """The signatures of the block starting at ``start`` (found when None), read up to
    ``end``: each opens at a "/s/" line or a "By: Name" line and takes the lines below it."""
    if start is None:
        start = find_signature_start(text)
    if start is None:
        return []
    block_end = _block_end(text, start, len(text) if end is None else end)
    lines = _logical_lines(text, start, block_end)
    block_date = _block_date(lines)
    sigs: list[Signature] = []
    k = 0
    while k < len(lines):
        entry = _read_entry(lines, k, bool(sigs))
        if entry is None:
            k += 1
            continue
        org = _organisation_above(lines, k)
        sigs.append(_signature(text, lines, k, entry, block_date, org, block_end))
        k = entry.last + 1  # the lines read as this signature open no other
    return sigs


# one logical line of the block: its cleaned text and the offset of the text line it is on
_Line = tuple[str, int]


@dataclass
class _Entry:
    """One signature while its lines are read."""

    name: str | None
    title: str | None
    last: int  # index of the entry's last line in the block's lines
    date: str | None = None
    pending: str | None = None  # "name" or "title": a bare label, its value on the next line


def _block_end(text: str, start: int, end: int) -> int:
    """Where the block stops: at an exhibit index or exhibit heading, 4,000 chars at most."""
    stop = _END.search(text, start + 1, end)
    return min(end, stop.start() if stop else end, start + 4000)


def _logical_lines(text: str, start: int, block_end: int) -> list[_Line]:
    """The block's non-blank logical lines: table rows split at tabs ("Date: May 3, 2024<TAB>
    Exxon Mobil Corporation" is two lines) and flattened lines at rules and labels."""
    lines: list[_Line] = []
    off = start
    for ln in text[start:block_end].split("\n"):
        for cell in ln.split("\t"):
            for part in _split_cell(cell):
                c = _clean(part)
                if c:
                    lines.append((c, off))
        off += len(ln) + 1
    return lines


def _block_date(lines: list[_Line]) -> str | None:
    """The date the whole block gives: the last "Date:" label's, else the first date line's,
    else one in a sentence near the top ("... duly authorized on this 8th day of January")."""
    block_date = None
    for c, _ in lines:
        m = _LABEL.match(c)
        if m and m.group(1).lower().startswith("date"):
            block_date = _date_of(m.group(2)) or block_date
    if block_date is not None:
        return block_date
    for c, _ in lines:
        if _is_date_line(c):
            return _date_of(c)
    for c, _ in lines[:3]:
        if re.search(r"duly\s+authorized", c, re.I):
            return _date_of(c)
    return None


def _read_entry(lines: list[_Line], k: int, after_another: bool) -> _Entry | None:
    """The signature opening at line ``k`` with the lines below that belong to it (at most
    eight); None when line ``k`` opens none or no name is found. ``after_another``: an
    earlier signature of the block was read (a "By:" line then always starts a new one)."""
    opening = _opening(lines[k][0])
    if opening is None:
        return None
    entry = _Entry(name=opening[0], title=opening[1], last=k)
    j = k + 1
    if entry.name is None and j < len(lines) and not _LABEL.match(lines[j][0]):
        if _is_office_line(lines[j][0]):
            return None  # "/s/" alone over the title: the rendering lost the signer's name
        entry.name, j = lines[j][0], j + 1  # "/s/" alone, the name on the next line
    while j < len(lines) and j <= k + 8:
        repeated_by_allowed = not after_another and j == k + 1
        if not _read_line(entry, lines[j][0], repeated_by_allowed):
            break
        entry.last = j
        j += 1
    if not entry.name:
        return None
    if entry.title:
        entry.title = _final_title(entry.title, entry.name)
    return entry


def _is_office_line(line: str) -> bool:
    """A line that opens with an office ("Senior Vice President, General Counsel and
    Secretary"), where a name was expected."""
    return bool(_OPENS_WITH_OFFICE.match(line)) and bool(_TITLE_WORD.search(line))


def _opening(line: str) -> tuple[str | None, str | None] | None:
    """(name, title) of a line that opens a signature ("/s/ Jane Doe", "By: Jane Doe Chief
    Executive Officer"), the name None when the "/s/" stands alone; None for other lines."""
    m = _SLASH_S.search(line)
    if m:
        return _clean(line[m.end() :]) or None, None
    lm = _LABEL.match(line)
    if not (
        lm
        and lm.group(1).lower() == "by"
        and lm.group(2)
        and not _is_date_line(lm.group(2))
        and re.match(r"[A-Z][a-z]", lm.group(2))
    ):
        return None
    return _name_and_title(_clean(lm.group(2)))


def _name_and_title(name: str) -> tuple[str, str | None]:
    """ "Jane Doe Executive Vice President": the printed name, then the title."""
    if not name:
        return name, None
    parts = _TITLE_START.split(name, maxsplit=1)
    if len(parts) == 2 and 2 <= len(parts[0].split()) <= 5:
        return parts[0], parts[1]
    return name, None


def _read_line(entry: _Entry, c: str, repeated_by_allowed: bool) -> bool:
    """Read line ``c`` below the opening into ``entry``; False when it is not part of this
    signature (the entry stops there). ``repeated_by_allowed``: a "By:" line may still be
    the opening's own (a rendering that prints "By:" above the "/s/" line)."""
    sm = _SLASH_S.search(c)
    if sm:
        # the same signature drawn twice (a rendering's "By:" and "s/" lines), else the next one
        return bool(entry.name) and _clean(c[sm.end() :]).lower() == entry.name.lower()
    if entry.pending is not None:
        if entry.pending == "name":
            entry.name = c
        elif entry.pending == "title":
            entry.title = c
        entry.pending = None
        return True
    lm = _LABEL.match(c)
    if lm:
        return _read_label(entry, lm.group(1).lower(), _clean(lm.group(2)), repeated_by_allowed)
    if _RULE.match(c) or _SKIP.match(c):
        return True
    if entry.name and _read_name_line(entry, c):
        return True
    if _is_date_line(c):
        entry.date = entry.date or _date_of(c)
        return True
    return _read_title_line(entry, c)


def _read_label(entry: _Entry, label: str, value: str, repeated_by_allowed: bool) -> bool:
    """A "Label: value" line (By, Name, Printed Name, Title, Its, Date, Dated)."""
    if label == "by":
        return repeated_by_allowed
    if label in ("name", "printed name"):
        if value:
            entry.name = value
        else:
            entry.pending = "name"
    elif label in ("title", "its"):
        if value:
            entry.title = value
        else:
            entry.pending = "title"
    else:
        entry.date = _date_of(value) or entry.date
    return True


def _read_name_line(entry: _Entry, c: str) -> bool:
    """The printed name under the signature (its own case, its fuller spelling, or followed by
    the title: "Jane Doe, Chief Executive Officer"); False when ``c`` is none of these."""
    name = entry.name or ""
    if c.lower() == name.lower():
        entry.name = c  # the printed name, in its own case
        return True
    if (
        entry.title is None
        and c.lower().startswith(name.lower() + " ")
        and _TITLE_WORD.search(c[len(name) :])
    ):
        entry.name, entry.title = c[: len(name)], _clean(c[len(name) :])
        return True
    if entry.title is None and _is_printed_name(c, name):
        # the printed name, written otherwise: the fuller of the two ("William A. Freeman"
        # under "W.A. Freeman", not "Matt Friend" under "Matthew Friend")
        entry.name = c if _letters(c) > _letters(name) else name
        return True
    return False


def _read_title_line(entry: _Entry, c: str) -> bool:
    """The title under the name, or a further line of it; False when ``c`` is neither."""
    if entry.title is None:
        if _opens_title(c):
            entry.title = c
            return True
        return False
    longer = _continued_title(entry.title, c)
    if longer is None:
        return False
    entry.title = longer
    return True


def _opens_title(c: str) -> bool:
    """``c`` may be a signatory's title: a short line that does not start like a company's
    name, or one naming an office."""
    return len(c) <= 120 and (not _ORG_HINT.search(c.split(",")[0]) or bool(_TITLE_WORD.search(c)))


def _continued_title(title: str, c: str) -> str | None:
    """``title`` with line ``c`` added when ``c`` continues it (a parenthesis, the rest of a
    title broken over lines, a further office), else None."""
    if c.startswith("(") and c.endswith(")") and not _SKIP.match(c):
        return f"{title} {c}"
    if len(title) + len(c) >= 200:
        return None
    if (
        re.search(r"(?:\band|&|,|-|–|\bof)$", title)
        or _OPEN_TITLE_END.search(title)
        or c[:1].islower()
        or re.match(r"(?:and|&|of)\b", c)
    ):
        return f"{title} {c}"  # a title broken over lines
    if _TITLE_WORD.search(c) and not _ORG_HINT.search(c) and not _is_date_line(c):
        return f"{title} {c}" if len(c.split()) == 1 else f"{title}, {c}"
    return None


# a title line ending in a word that opens an office ("Senior Vice President, Corporate" /
# "Development and General Counsel"): the next line finishes that office, no comma between
_OPEN_TITLE_END = re.compile(
    r"\b(?:" + "|".join(w for w in OPENERS if w not in office_nouns()) + r")$"
)


def _final_title(title: str, name: str) -> str | None:
    """The title without the name written into it or a page number run into it; None when
    what remains is the name itself."""
    title = _strip_name(title, name)
    title = re.sub(r"\s+\d{1,3}$", "", title)  # a page number run into the title
    if title.lower() == name.lower() or _is_printed_name(title, name):
        return None
    return title


def _organisation_above(lines: list[_Line], k: int) -> str | None:
    """The company line above the signature opening at line ``k`` (up to six lines above,
    labels, rules and dates passed over); None when a long line comes first."""
    for c, _ in reversed(lines[max(0, k - 6) : k]):
        if _LABEL.match(c) or _RULE.match(c) or _SKIP.match(c) or _is_date_line(c):
            continue
        if _is_organisation_line(c):
            # "ACME INC. (Registrant)" on one line: the label is no part of the name
            return _TRAILING_LABEL.sub("", c) or c
        if len(c) > 100:
            return None
    return None


def _is_organisation_line(c: str) -> bool:
    """A short line in capitals or with a company word, not the block's opening sentence."""
    return (
        len(c) <= 100
        and bool(c.isupper() or _ORG_HINT.search(c))
        and "pursuant" not in c.lower()
        and "securities exchange act" not in c.lower()
        and not _START.match(c)
        and not re.match(r"(?i)an?\s+\w+\s+(?:corporation|company)$", c)
    )


def _signature(
    text: str,
    lines: list[_Line],
    k: int,
    entry: _Entry,
    block_date: str | None,
    org: str | None,
    block_end: int,
) -> Signature:
    """The ``Signature`` of ``entry`` (opening at line ``k``): it spans from the opening's text
    line to the end of its last line's, within the block."""
    last_off = lines[entry.last][1]
    line_end = text.find("\n", last_off)
    end_off = len(text) if line_end < 0 else line_end
    return Signature(
        name=entry.name,
        title=entry.title,
        date=entry.date or block_date,
        organization=org,
        start=lines[k][1],
        end=min(end_off, block_end),
    )


_TITLE_WORD = re.compile(office_noun_regex())


def _strip_name(title: str, name: str) -> str:
    """'Jason Smart, Chief Executive Officer' -> 'Chief Executive Officer'."""
    if title.lower().startswith(name.lower()):
        rest = title[len(name) :].lstrip(" ,;-–")
        return rest or title
    m = re.match(r"^([A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}),\s+(.+)$", title)
    if m and not _TITLE_WORD.search(m.group(1)) and _TITLE_WORD.search(m.group(2)):
        last = name.split()[-1].lower() if name.split() else ""
        if last and last in m.group(1).lower():
            return m.group(2)
    return title


def _split_cell(cell: str) -> list[str]:
    """A table cell or line as logical lines: flattened renderings run the signature, its rule,
    the printed name, the title and "Date: ..." into one line; a date line may carry the printed
    name and title after the date ("Date: March 30, 2021 Jane Doe, Senior Vice President")."""
    out: list[str] = []
    for part in _INLINE_RULE.split(cell):
        for piece in _INLINE_LABEL.split(part):
            lm = _LABEL.match(piece.strip())
            if lm and lm.group(1).lower().startswith("date"):
                found = find_dates(lm.group(2))
                if found:
                    rest = lm.group(2)[found[0][1] :].strip(" ,;")
                    if len(rest) >= 3 and re.match(r"[A-Z(]", rest):
                        out.append(piece[: piece.find(lm.group(2)) + found[0][1]])
                        out.append(rest)
                        continue
            out.append(piece)
    return out


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _is_printed_name(line: str, name: str) -> bool:
    """``line`` is a person's name (no title words) sharing ``name``'s last name."""
    t = _clean(line)
    if (
        _TITLE_WORD.search(t)
        or _ORG_HINT.search(t)
        or not re.fullmatch(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4}", t)
    ):
        return False
    a, b = t.lower().split(), name.lower().split()
    return bool(a and b) and a[-1].strip(".,") == b[-1].strip(".,")
