"""Exhibits of a report: the Item 9.01 exhibit index and the attached exhibit documents.

The index rows are "10.1  Cooperation Agreement ...", "Exhibit 99.1 - Press release ...",
"10(a) ..." (a table row, one per line); a description wrapped over printed lines is joined
(see ``_continues_row``). Attached exhibits are the SGML ``<DOCUMENT>`` blocks
of type ``EX-...`` or, in flattened renderings, the parts after the report headed
"Exhibit 10.1" / "EXHIBIT 99.1".
"""

from __future__ import annotations

import re

from .dates import WRITTEN_DATE
from .document import Exhibit

# "10.1", "10.1a", "10(a)", "10(A)" (an index printed in capitals)
_NUMBER = r"\d{1,3}(?:\.\d{1,3}[a-zA-Z]?)?(?:\s?\([a-zA-Z0-9]{1,4}\))*"
_ROW = re.compile(
    rf"^[ \t*]*(?:(?i:Exhibit|Ex)\.?)?\s*(?:(?i:No)\.?\s*)?(?P<num>{_NUMBER})(?!-[A-Z]\b)"
    r"[*#†‡+]*[ \t]*"
    # one space before a description opening with a figure: "10.1 364-Day Credit Agreement",
    # "10.2 2031 Equity Incentive Plan" (never "10" then ".1 364-Day ...")
    r"(?:[-–—:|][ \t]*|\.(?!\d)[ \t]*|\t|\s{2,}|\s+(?=[A-Z\"“(])"
    r"|\s(?=\d{1,4}[-\u2011][A-Za-z]|\d{4}\s+[A-Z]))(?P<desc>\S.{2,})$",
    re.M,
)
_EXHIBITS_HEADING = re.compile(
    r"^[ \t*]*(?:\([a-dA-D]\)\s*)?(?:Exhibits?|EXHIBITS?)\b(?!\s+\d)"
    r"|^[ \t*]*Exhibit\s+(?:No\.?|Number)",
    re.M,
)
_EXHIBIT_LABEL = re.compile(rf"^[ \t*]*(?:EXHIBIT|Exhibit)\s+(?P<num>{_NUMBER})[ \t*.]*$", re.M)


def number_from_type(sgml_type: str | None) -> str | None:
    """'EX-10.1' -> '10.1'; 'EX-99' -> '99'; 'EX-2.A' -> '2.A'; other types -> None."""
    if not sgml_type:
        return None
    m = re.match(
        r"EX-(\d+(?:\.(?:\d+|[A-Z](?![A-Z\d])))?[A-Z]?(?:\([a-z0-9]+\))?)", sgml_type.strip(), re.I
    )
    return m.group(1) if m else None


def number_key(number: str) -> str:
    """The form two writings of one exhibit number share: '2(a)', '2.A', '2-a' and '2a' give
    '2.a'; '10.1' stays '10.1' (never '101', another exhibit)."""
    key = number.strip().lower().replace("-", ".")
    key = re.sub(r"\(([a-z0-9]+)\)", r".\1", key)
    key = re.sub(r"(?<=\d)(?=[a-z])", ".", key)
    return key.strip(".")


def parse_index(text: str, start: int, end: int) -> list[Exhibit]:
    """Exhibit index rows in ``text[start:end]`` (the Item 9.01 section)."""
    out: list[Exhibit] = []
    seen: set[str] = set()
    sub = _EXHIBITS_HEADING.search(text, start, end)
    if sub:  # "(d) Exhibits" / "Exhibit No. Description": the index starts there
        start = sub.start()
    last_end = None
    for m in _ROW.finditer(text, start, end):
        if last_end is not None and m.start() - last_end > 600:
            break  # the index is one block of rows; what follows far below is something else
        if last_end is not None and m.start() < last_end:
            continue  # a line the row above took as its own continuation
        num = re.sub(r"\s+", "", m.group("num"))
        desc = re.sub(r"\s+", " ", m.group("desc").replace("\t", " ")).strip()
        if not _plausible(num, desc):
            continue
        if num in seen:
            continue
        seen.add(num)
        wrapped, last_end = _wrapped_lines(text, m, end, desc.isupper())
        if wrapped:
            desc = f"{desc} {wrapped}"
        out.append(Exhibit(number=num, type=None, description=desc))
    return out or _flattened_rows(text, start, end)


# a row's number inside a line that holds the whole index (a rendering that flattened each page
# into one line: "Exhibit No. Description 4.1 Warrant ... 10.1 Forward Flow ..."), not a number
# a description cites ("Exhibit 10.1 to the Form 10-K", "Item 1.01")
_INLINE_NUMBER = re.compile(
    r"(?<![\w$.,])(?<!Exhibit )(?<!Exhibits )(?<!Item )(?<!No\. )"
    r"(?P<num>\d{1,3}\.\d{1,3}[a-z]?)[*]?[ \t]+(?=[A-Z\"“])"
)
_INDEX_STOP = re.compile(r"\bSIGNATURES?\b")


def _flattened_rows(text: str, start: int, end: int) -> list[Exhibit]:
    """The rows of an index written on one line: each number up to the next is a row."""
    line_end = text.find("\n", start, end)
    stop = _INDEX_STOP.search(text, start, end if line_end < 0 else line_end)
    limit = stop.start() if stop else (end if line_end < 0 else line_end)
    found = list(_INLINE_NUMBER.finditer(text, start, limit))
    if len(found) < 2:
        return []
    out: dict[str, Exhibit] = {}
    for m, nxt in zip(found, [*found[1:], None]):
        desc = text[m.end() : nxt.start() if nxt else limit].strip()
        num = m.group("num")
        if _plausible(num, desc) and num not in out:
            out[num] = Exhibit(number=num, type=None, description=desc)
    return list(out.values())


# a line that starts a row of its own, or a label: "10.2 ...", "Exhibit 99.1", "Ex. 4(a)"
_NUMBER_START = re.compile(rf"[*]*(?:Exhibit|Ex\.?)?\s*(?:No\.?\s*)?{_NUMBER}\b", re.I)
# lines that end an index rather than continue a row: page furniture ("Table of Contents",
# "<PAGE>", a page number, a rule), footnotes ("* Filed herewith"), bracketed notes, sub-item,
# item and part headings, the signature block's opening
_NOT_WRAPPED = re.compile(
    r"<PAGE>|page\s+\d|table\s+of\s+contents|[-=_\d\s.]+$|[*†‡#\[]|\(\w{1,3}\)\s"
    r"|item\s+\d|part\s+[ivx]+\b|signatures?\b|pursuant\s+to\b|(?:exhibit\s+)?index\b",
    re.I,
)
_PAGE_AT_END = re.compile(r"\bpage\s+\d+\s*$", re.I)
# words a description does not end with: the line after them carries on ("... dated" /
# "September 21, 2000.", "... by and among" / "Amazon.com, Inc., ...")
_OPEN_END = re.compile(
    r"(?:[,&/(“\"–—-]|\b(?:and|or|of|to|by|between|among|amongst|dated|the|a|an|for|with|in|on"
    r"|as|at|from|under|into|issued|announcing|titled|entitled|regarding|relating|concerning"
    r"|including|re:|its|per|upon))$",
    re.I,
)
# a day-first date opening a line ("21 September 2000."), which a row number would also match
_DATE_FIRST = re.compile(rf"(?:{WRITTEN_DATE})")
# a person's middle initial ending a line ("... with Carl J." / "Lindqvist"): the name goes on
_INITIAL_END = re.compile(r"\s[A-Z]\.$")
# a line printed up to the right margin: a name that ends it may go on below ("... between
# Westell" / "Technologies, Inc."); a shorter line ending in a capitalised word is complete
_WRAP_WIDTH = 45
# a wrapped line of a plain-text index is a printed line; a longer line is a paragraph
_MAX_WRAPPED = 100
_MAX_WRAPPED_LINES = 6


def _wrapped_lines(text: str, row: re.Match, end: int, in_capitals: bool) -> tuple[str, int]:
    """The lines right below index ``row`` that continue its description ("... Employment
    Agreement dated" / "September 21, 2000."), joined by spaces, and where they end (the row's
    end when none does); ``in_capitals``: the description is written in capitals."""
    lines: list[str] = []
    above, pos = row.group(0), row.end()
    while len(lines) < _MAX_WRAPPED_LINES and text.startswith("\n", pos) and pos + 1 < end:
        line_end = text.find("\n", pos + 1)
        line_end = end if line_end < 0 or line_end > end else line_end
        if line_end - pos > 4 * _MAX_WRAPPED:
            break  # a paragraph, not a printed line (checked before its spaces are collapsed)
        line = re.sub(r"\s+", " ", text[pos + 1 : line_end]).strip()
        if not _continues_row(line, above, in_capitals):
            break
        lines.append(line)
        above, pos = line, line_end
    return " ".join(lines), pos


# the words a wrapped description line goes on with ("... dated June 28, 2000" / "between ...")
_LINKING_WORDS = frozenset(
    "between among and by dated of to with for in as from under pursuant".split()
)


def _continues_row(line: str, above: str, in_capitals: bool) -> bool:
    """``line`` (spaces collapsed), printed right below ``above`` (an index row or a line that
    continues one), carries on its description. It is no row, label, heading, footnote or page
    furniture, and either starts in lower case or follows a line left open: ended by a word
    such as "and", "dated", "between" or a comma, or by a name running to the right margin."""
    if not line or len(line) > _MAX_WRAPPED or _PAGE_AT_END.search(line):
        return False
    if _OPEN_END.search(above.rstrip()) and _DATE_FIRST.match(line):
        return True  # "... Heffernan dated" / "21 September 2000.": a date, not row 21
    if _NUMBER_START.match(line) or _EXHIBITS_HEADING.match(line) or _NOT_WRAPPED.match(line):
        return False
    if line == line.upper() and not in_capitals:
        return False  # a heading in capitals ("FORWARD-LOOKING STATEMENTS")
    if line[0].islower() or (in_capitals and line.split()[0].lower() in _LINKING_WORDS):
        return True  # "between Acme ..." or, in an index in capitals, "BETWEEN ACME ..."
    above = above.rstrip()
    if _OPEN_END.search(above) or _INITIAL_END.search(above):
        return True
    last = above.split()[-1].lstrip("\"“'(") if above.split() else ""
    return (
        len(above) >= _WRAP_WIDTH
        and last[:1].isupper()
        and not last.endswith((".", ")", "]", '"', "”", "’", "'", ":", ";", "!", "?"))
    )


def exhibit_class(number: str) -> str:
    """The class of an exhibit number (Regulation S-K Item 601): "10" of "10.1" and of "10(a)"."""
    return number.split(".")[0].split("(")[0]


def _plausible(num: str, desc: str) -> bool:
    head = exhibit_class(num)
    if not head.isdigit() or not (1 <= int(head) <= 110):
        return False
    low = desc.lower()
    if low.rstrip(" .:") in (
        "description",
        "description of exhibit",
        "exhibit",
        "exhibits",
    ) or low.startswith(("financial statements", "pro forma", "shell company")):
        return False
    if re.match(r"^(19|20)\d\d\b(?!\s+[A-Z][a-z])", desc):
        return False  # a year, not a title ("2000 Stock Plan" is one)
    return bool(re.search(r"[A-Za-z]{3}", desc))


def split_inline_exhibits(text: str, start: int) -> list[tuple[str, int, int]]:
    """Exhibits appended to a flattened rendering: ``(number, start, end)`` of each part
    beginning with a line "Exhibit N" at or after ``start``."""
    labels = [(m.group("num"), m.start()) for m in _EXHIBIT_LABEL.finditer(text, start)]
    out = []
    for k, (num, s) in enumerate(labels):
        e = labels[k + 1][1] if k + 1 < len(labels) else len(text)
        out.append((re.sub(r"\s+", "", num), s, e))
    return out


def leading_exhibit_label(text: str) -> str | None:
    """The exhibit number when one of the first lines of ``text`` is an "Exhibit N" label
    (how an exhibit document opens, above its title), else None."""
    for line in text[:600].split("\n")[:4]:
        m = _EXHIBIT_LABEL.match(line.strip())
        if m:
            return re.sub(r"\s+", "", m.group("num"))
    return None


def first_exhibit_label(text: str, start: int) -> int | None:
    m = _EXHIBIT_LABEL.search(text, start)
    return m.start() if m else None


def _order_key(num: str) -> tuple:
    m = re.match(r"(\d+)(?:\.(\d+))?(.*)", num)
    if not m:
        return (0,)
    return (int(m.group(1)), int(m.group(2) or 0), m.group(3))


def in_filing_order(parts: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The longest run of labels in ascending exhibit order: labels out of order are headings
    inside an exhibit ("Exhibit 2.3" of a credit agreement), not new exhibits."""
    n = len(parts)
    if n <= 1:
        return parts
    # "Exhibit 5.1(c)", "3.1(b)(iii)": schedules and sections inside an agreement
    parts = [p for p in parts if not re.fullmatch(r"\d+\.\d+\(.+", p[0])] or parts
    n = len(parts)
    keys = [_order_key(p[0]) for p in parts]
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if keys[j] < keys[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    i = max(range(n), key=lambda k: (best[k], -k))
    chain = []
    while i >= 0:
        chain.append(i)
        i = prev[i]
    chain.reverse()
    out = []
    for k, idx in enumerate(chain):
        end = parts[chain[k + 1]][1] if k + 1 < len(chain) else parts[-1][2]
        out.append((parts[idx][0], parts[idx][1], end))
    return out


class LazyExhibit(Exhibit):
    """An attached exhibit document whose text is converted on first use.

    Reading a filing leaves the (often large) exhibit documents unparsed; ``.text`` parses the
    document's HTML (or normalises its plain text) the first time it is read and keeps the
    result. Instances pickle (the raw document travels, not a closure).
    """

    def __init__(self, *, body: str, kind: str, **fields) -> None:
        super().__init__(**fields)
        self._body: str | None = body
        self._kind = kind  # "html", "text" or "none"
        self._text: str | None = None

    @property  # type: ignore[override]
    def text(self) -> str:
        if self._text is None:
            body, self._body = self._body, None
            self._text = _convert(body or "", self._kind)
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text = value
        self._body = None


def _convert(body: str, kind: str) -> str:
    if kind == "html":
        from .htmltext import html_to_text

        return html_to_text(body, facts=False).text
    if kind == "text":
        from .textnorm import normalise_lines

        return normalise_lines(body)[0]
    return ""
