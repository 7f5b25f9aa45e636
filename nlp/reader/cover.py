"""Cover-page fields of an 8-K report, read from its normalised text.

Every field is found next to its printed label ("(Exact name of registrant as specified in its
charter)", "Date of Report (Date of earliest event reported)", "(Commission File Number)", ...),
whether the value sits on the line before the label, in the same table row, or on the same
line as in the flattened research renderings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..unwrap import unwrapped

from .dates import find_dates

_RULE = re.compile(r"[-=_*~]{2,}|\*\*|\t")
_EXACT_NAME = re.compile(r"\(?\s*Exact\s+name\s+of\s+(?:the\s+)?registrants?\b[^)\n]*\)?", re.I)
_DATE_LABEL = re.compile(
    r"Date\s+of\s+(?:Report|Earliest\s+Event)[^:\n]{0,80}?(?:\)\s*:?|:)?", re.I
)
_STATE_LABEL = re.compile(
    r"\(?\s*State\s+(?:or\s+other\s+)?(?:jurisdiction\s+)?(?:of\s+)?|\(?\s*State\s+of\s+incorporation",
    re.I,
)
_STATE_LABEL = re.compile(
    r"\(\s*State\b|\(\s*Jurisdiction\s+of\b|^\s*State\s+or\s+other\s+jurisdiction", re.I | re.M
)
_ADDRESS_LABEL = re.compile(r"\(?\s*Address\s+of\s+principal\s+executive\s+offices?", re.I)
_PHONE_LABEL = re.compile(r"telephone\s+number,?\s*(?:including\s+area\s+code)?\)?\s*:?", re.I)
_PHONE = re.compile(r"\(?\+?1?\s*\(?\d{3}\)?[\s.\-]*\d{3}[\s.\-]\d{4}")
_EIN = re.compile(r"(?<![\d-])\d{2}-\d{7}(?![\d-])")
_FILE_NO = re.compile(r"(?<![\d-])\d{1,3}-\d{3,5}(?:-\d{2})?(?![\d-])")
_FORM = re.compile(
    r"\bFORM\s*8\s*-\s*K\s*(/\s*A)?\b|\bFORM\s+10-?K|\bFORM\s+10-?Q|\bFORM\s+S-\d|\bFORM\s+20-F|\bFORM\s+6-K|\bSCHEDULE\s+13[DG]",
    re.I,
)


@dataclass
class Cover:
    company_name: str | None = None
    date_of_report: str | None = None
    state_of_incorporation: str | None = None
    commission_file_number: str | None = None
    irs_ein: str | None = None
    address: str | None = None
    phone: str | None = None
    form: str | None = None  # "8-K", "8-K/A", or another form's name when the cover says so


def clean_value(s: str) -> str:
    s = _RULE.sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip(" \t:;,|")
    # the stub of a rule line run into the value ("ACME, INC. - ----"): a dash after a space
    return re.sub(r"(?:\s+[-=_~*]+)+$", "", s)


def parse_cover(text: str, end: int | None = None) -> Cover:
    """Cover fields from ``text[:end]`` (the part before the first item, or a few KB)."""
    region = text[: end if end is not None else min(len(text), 8000)]
    if end is not None and end < 200:
        region = text[: min(len(text), 8000)]
    c = Cover()
    c.form = _form(region)
    c.date_of_report = date_of_report(region) or lone_date_line(region)
    c.company_name = _company_name(region)
    c.state_of_incorporation, c.commission_file_number, c.irs_ein = _ids(region)
    c.address = _address(region)
    c.phone = _phone(region)
    if not (c.state_of_incorporation and c.commission_file_number and c.irs_ein):
        _fill_from_combined_table(region, c)
    return c


# A combined cover (one report filed by several registrants) lists them in a table under
# "Commission File Number | Registrant, State of Incorporation, Address ... | I.R.S. Employer
# Identification No.": one row per registrant, its state of incorporation below the name.
_COMBINED_ROW = re.compile(
    r"^[ \t]*(?P<file>\d{1,3}-\d{3,5})(?:\t|[ ]{2,})[ \t]*"
    r"(?P<name>[A-Z][^\t\n]*?)(?:\t|[ ]{2,})[ \t]*"
    r"(?P<ein>\d{2}-\d{7})[ \t]*\n[ \t]*"
    r"(?:\((?:An?\s+)?(?P<state>[A-Z][A-Za-z .]+?)\s+(?:corporation|limited"
    r"\s+liability\s+company|company|partnership)\))?",
    re.M | re.I,
)


def _fill_from_combined_table(region: str, c: Cover) -> None:
    if c.company_name:
        ids = combined_cover_ids(region, c.company_name)
        if ids:
            c.state_of_incorporation = c.state_of_incorporation or ids[0]
            c.commission_file_number = c.commission_file_number or ids[1]
            c.irs_ein = c.irs_ein or ids[2]


def combined_cover_ids(region: str, name: str) -> tuple[str | None, str, str] | None:
    """(state, commission file number, EIN) of registrant ``name`` from its row of a combined
    cover; None when no row names it (which of several registrants a file belongs to is not
    guessed)."""
    want = re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()[:20]
    if not want:
        return None
    for r in _COMBINED_ROW.finditer(region):
        if re.sub(r"[^a-z0-9]+", " ", r.group("name").lower()).strip().startswith(want):
            state = r.group("state")
            # "A Kentucky and Virginia Corporation": the first state named
            state = re.split(r"\s+and\s+", state)[0].strip() if state else None
            return state, r.group("file"), r.group("ein")
    return None


def _form(region: str) -> str | None:
    for m in _FORM.finditer(region):
        word = re.sub(r"\s+", " ", m.group(0).upper())
        if "8" in word and "K" in word and "10" not in word:
            return "8-K/A" if m.group(1) else "8-K"
        return word.replace("FORM ", "")
    return None


def date_of_report(region: str) -> str | None:
    """The date of the earliest event: the dates after the label (the earliest when two are
    given, as in "April 4, 2024 (April 1, 2024)"), else the date printed just before it."""
    m = _DATE_LABEL.search(region)
    if not m:
        return None
    after = region[m.end() : m.end() + 160]
    stop = re.search(r"\n\s*\n|\(Exact|Exact name|Commission File|\n[A-Z][A-Z .,&'-]{6,}\n", after)
    if stop:
        after = after[: stop.start()]
    dates = [d for _, _, d in find_dates(after)]
    if dates:
        # two dates: the one in parentheses is the earliest event
        return min(dates)
    # the date printed above the label (or before it on its line): the nearest line that holds
    # more than punctuation ("(" of "(Date of Report)" is not a line of its own)
    before = region[max(0, m.start() - 200) : m.start()]
    lines = [ln for ln in before.split("\n") if re.search(r"\w", ln)]
    if lines:
        found = find_dates(lines[-1])
        if found:
            return found[-1][2]
    return None


def lone_date_line(region: str) -> str | None:
    """An unlabelled cover date: the first line of the cover that is a date and nothing else
    ("April 19, 1994" under "Pursuant to Section 13 or 15(d) ..."), before any running text."""
    for line in region[:5000].split("\n"):
        t = line.strip(" \t*")
        if 8 <= len(t) <= 40 and t[-1].isdigit():
            found = find_dates(t)
            if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(t):
                return found[0][2]
        elif _is_prose(line) and not (_COVER_LINE.search(line) or _COVER_STRONG.search(line)):
            return None
    return None


def _company_name(region: str) -> str | None:
    m = _EXACT_NAME.search(region)
    if not m:
        return None
    line_start = region.rfind("\n", 0, m.start()) + 1
    same_line = region[line_start : m.start()]
    candidate = _last_chunk(same_line)
    if candidate and candidate.startswith("("):
        # plain-text columns: "(State or other    (Exact name of registrant ..." under the values
        col = m.start() - line_start
        for line in reversed(
            region[max(0, line_start - 600) : line_start].rstrip("\n").split("\n")[-4:]
        ):
            if _RULE_LINE.match(line):
                continue
            chunks = _chunks(line)
            if chunks:
                best = min(chunks, key=lambda ct: abs(ct[0] - col))
                if re.search(r"[A-Za-z]", best[1]):
                    return clean_value(best[1])
            break
    if not candidate:
        # previous non-empty lines
        prev = region[:line_start].rstrip("\n")
        for line in reversed(prev.split("\n")[-4:]):
            candidate = _last_chunk(line)
            if candidate:
                break
    if candidate and _LABEL_WORDS.fullmatch(candidate):
        # a column-style cover: "Commission / File Number | Exact Name of Registrant ..." is a
        # header row and the names are in the rows under it
        label_at = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        candidate = _cell_below(region, line_start, label_at)
    if (
        candidate
        and len(candidate) <= 150
        and not candidate.lower().startswith(("date of", "(date", "commission"))
    ):
        return candidate
    return None


# a cell holding nothing but cover-label words ("File Number", "Commission", "(I.R.S. Employer")
_LABEL_WORDS = re.compile(
    r"[\s()\[\],.;:#/*-]*(?:(?:commission|sec|file|number|no|i\.?\s?r\.?\s?s|irs|employer|"
    r"identification|state|or|other|jurisdiction|of|incorporation|organi[sz]ation|registrant|"
    r"address|telephone|exact|name|charter|as|specified|in|its|principal|executive|offices?|"
    r"and|zip|code|area|including)[\s()\[\],.;:#/*-]*)+",
    re.I,
)


def _cell_below(region: str, line_start: int, label_at: int) -> str | None:
    """The registrant's name in the first row under a column-style header: the cell of the next
    line in the label's column (tab-separated cells counted, plain-text columns by position)."""
    line_end = region.find("\n", label_at)
    if line_end < 0:
        return None
    header = region[line_start:label_at]
    for line in region[line_end + 1 : line_end + 800].split("\n")[:5]:
        if not line.strip() or _EXACT_NAME.search(line):
            continue
        if "\t" in header or "\t" in line:
            cells = line.split("\t")
            k = header.count("\t")
            cell = clean_value(cells[k]) if k < len(cells) else ""
        else:
            chunks = _chunks(line)
            cell = min(chunks, key=lambda ct: abs(ct[0] - len(header)))[1] if chunks else ""
        if not cell or _LABEL_WORDS.fullmatch(cell):
            continue  # the header's second line
        return clean_value(cell) if re.search(r"[A-Za-z]{2}", cell) else None
    return None


def _last_chunk(s: str) -> str | None:
    s = s.replace("**", " ")
    parts = [p for p in re.split(r"[-=_~]{3,}|\t| {3,}", s) if p.strip()]
    if not parts:
        return None
    cand = clean_value(parts[-1])
    # text rendered on one line: drop what precedes the name (the date of report)
    found = find_dates(cand)
    if found:
        cand = clean_value(cand[found[-1][1] :].lstrip(")"))
    if not cand or not re.search(r"[A-Za-z]", cand):
        return None
    return cand


_STATE_LABEL2 = re.compile(
    r"\(\s*State\b|\(\s*Jurisdiction\b|^\s*State\s+(?:or\s+other\s+)?(?:jurisdiction|of\s+incorporation)",
    re.I | re.M,
)
_FILE_LABEL = re.compile(
    r"Commission\s*(?:\n\s*)?File|\(\s*Commission\b|File\s+No\.|SEC\s+File"
    r"|\bFile\s+Number\b",
    re.I,
)
_EIN_LABEL = re.compile(
    r"\(\s*I\.?\s?R\.?\s?S\.?(?=[\s)])|I\.?\s?R\.?\s?S\.?\s+Employer|Employer\s*(?:\n\s*)?Identification|IRS\s+Employer|Tax\s*payer\s+Identification",
    re.I,
)
_NOT_STATE = re.compile(
    r"\b(?:not|no|applicable|commission|file|number|employer|identification|"
    r"incorporation|"
    r"organi[sz]ation|jurisdiction|exact|name|registrant|charter|address|telephone|"
    r"report|form|current|securities|exchange|act|date|check|inc|corp|corporation|company)\b",
    re.I,
)
_CHUNK = re.compile(r"\S+(?: \S+)*")
_RULE_LINE = re.compile(r"^[\s\-=_*~]*$")


def _chunks(line: str) -> list[tuple[int, str]]:
    """Cells of a line: tab-separated, or separated by two or more spaces / rules."""
    out = []
    for m in _CHUNK.finditer(
        re.sub(r"[-=_]{3,}", lambda r: " " * len(r.group(0)), line.replace("\t", "  "))
    ):
        out.append((m.start(), m.group(0).strip(" *")))
    return [(c, t) for c, t in out if t]


def _value_near(region: str, label: re.Pattern, accept) -> str | None:
    """The value printed with a cover label: in the same row before it, in the column above it
    (plain-text layouts), on the lines above it, or after it on the same line."""
    for m in label.finditer(region):
        line_start = region.rfind("\n", 0, m.start()) + 1
        line_end = region.find("\n", m.end())
        line_end = len(region) if line_end < 0 else line_end
        col = m.start() - line_start
        same = region[line_start : m.start()]
        for _, chunk in reversed(_chunks(same)):
            if ")" in chunk:  # "(Exact name ... Charter) Georgia 1-13941": what follows a label
                chunk = chunk[chunk.rfind(")") + 1 :]
            if not chunk.strip() or chunk.lstrip().startswith("(") or len(chunk) > 150:
                continue
            v = accept(chunk)
            if v:
                return v
        above = region[max(0, line_start - 800) : line_start].rstrip("\n").split("\n")[-8:]
        for line in reversed(above):
            if _RULE_LINE.match(line):
                continue
            if _EXACT_NAME.search(line) or _DATE_LABEL.search(line):
                break
            chunks = _chunks(line)
            # a column layout: the cell above the label first
            ordered = (
                sorted(chunks, key=lambda ct: abs(ct[0] - col))
                if len(chunks) > 1 and col > 0
                else list(reversed(chunks))
            )
            for _, chunk in ordered:
                v = accept(chunk)
                if v:
                    return v
        after = region[m.end() : line_end]
        for _, chunk in _chunks(after.replace(":", " ")):
            v = accept(chunk)
            if v:
                return v
        v = _value_below(region, line_end, col, accept)
        if v:
            return v
    return None


def _value_below(region: str, line_end: int, col: int, accept) -> str | None:
    """A column layout with the values under the labels ("File Number" over "1-5502"): the
    cell of the next non-empty line nearest the label's column."""
    for line in region[line_end + 1 : line_end + 400].split("\n")[:2]:
        chunks = _chunks(line)
        if not chunks:
            continue
        col_chunk = min(chunks, key=lambda ct: abs(ct[0] - col))
        return accept(col_chunk[1])
    return None


def _accept_state(chunk: str) -> str | None:
    c = clean_value(chunk)
    if (
        re.fullmatch(r"[A-Za-z][A-Za-z .'&]{1,40}", c)
        and len(c.split()) <= 4
        and not _NOT_STATE.search(c)
    ):
        return c
    m = re.match(
        r"([A-Z][A-Za-z.'&]+(?: [A-Z][A-Za-z.'&]+){0,2}) (?=\d{1,3}-\d)", c
    )  # "Georgia 1-13941 58-0687630"
    if m and not _NOT_STATE.search(m.group(1)):
        return m.group(1)
    return None


def _accept_ein(chunk: str) -> str | None:
    m = _EIN.search(chunk)
    return m.group(0) if m else None


def _accept_file_no(chunk: str) -> str | None:
    chunk = _PHONE.sub(" ", chunk)
    m = _FILE_NO.search(chunk)
    if m and not _EIN.fullmatch(m.group(0)):
        return m.group(0)
    return None


def _ids(region: str) -> tuple[str | None, str | None, str | None]:
    return (
        _value_near(region, _STATE_LABEL2, _accept_state),
        _value_near(region, _FILE_LABEL, _accept_file_no),
        _value_near(region, _EIN_LABEL, _accept_ein),
    )


def _address(region: str) -> str | None:
    m = _ADDRESS_LABEL.search(region)
    if not m:
        return None
    line_start = region.rfind("\n", 0, m.start()) + 1
    same = clean_value(region[line_start : m.start()])
    lines: list[str] = []
    if same and not same.endswith(")"):
        lines.append(same)
    else:
        for line in reversed(region[:line_start].rstrip("\n").split("\n")[-4:]):
            v = clean_value(line)
            if not v:
                if lines:
                    break
                continue
            if v.endswith(")") or v.startswith("(") or _EIN.search(v):
                break
            lines.insert(0, v)
            if len(lines) == 3:
                break
    addr = re.sub(r"(?:,\s*-)+$", "", ", ".join(lines)).strip(" ,-")
    return addr or None


def _phone(region: str) -> str | None:
    for m in _PHONE_LABEL.finditer(region):
        after = region[m.end() : m.end() + 80]
        pm = _PHONE.search(after)
        if pm:
            return clean_value(pm.group(0))
        before = region[max(0, m.start() - 120) : m.start()]
        pms = list(_PHONE.finditer(before))
        if pms:
            return clean_value(pms[-1].group(0))
    return None


# The cover page's printed boilerplate. Strong lines are printed only on a cover page (the
# check boxes, the 12(b) table, the emerging-growth notice); weak ones (labels such as "Date of
# Report") count only before the first line of running text.
_COVER_STRONG = re.compile(
    r"check\s+the\s+appropriate\s+box|written\s+communications\s+pursuant|soliciting\s+material\s+pursuant"
    r"|pre-commencement\s+communications|emerging\s+growth\s+company|extended\s+transition\s+period"
    r"|securities\s+registered\s+pursuant\s+to\s+section\s+12|title\s+of\s+each\s+class"
    r"|name\s+of\s+each\s+exchange\s+on\s+which|\(former\s+(?:name|address)|[☐☒]"
    r"|\(17\s+CFR\s+24\d\.(?:14a-12|14d-2|13e-4|425)",
    re.I,
)
_COVER_LINE = re.compile(
    r"on\s+which\s+registered|trading\s+symbol|former\s+(?:name|address)|telephone\s+number"
    r"|exact\s+name\s+of\s+(?:the\s+)?registrant|address\s+of\s+principal|\(zip\s+code\)"
    r"|date\s+of\s+(?:report|earliest\s+event)|commission\s+file|employer\s+identification"
    r"|\(registrant\)|[■□✓✔]|indicate\s+by\s+check\s+mark|^\s*pursuant\s+to\s+section\s+13"
    r"|\bpar\s+value\b|\bnasdaq\b|new\s+york\s+stock\s+exchange|rule\s+(?:425|14a-12|14d-2|13e-4|12b-2|405)\b",
    re.I | re.M,
)
_FUNCTION_WORD = re.compile(
    r"\b(?:the|of|and|to|in|on|an?|for|with|by|is|was|has|have|will|that)\b"
)


def _is_prose(line: str) -> bool:
    """A sentence of running text (not a heading, a table row or page furniture)."""
    t = line.strip()
    if "\t" in t or len(t) < 50:
        return False
    words = t.split()
    return (
        len(words) >= 10
        and sum(map(str.islower, t)) > len(t) / 3
        and len(_FUNCTION_WORD.findall(t)) >= 2
    )


def cover_end(text: str, end: int) -> int:
    """Where the cover page stops in ``text[:end]``: after its last boilerplate line (check
    boxes, 12(b) table, emerging-growth notice, former name ...); labels count only before the
    first line of running text. 0 when no boilerplate is found."""
    limit = min(end, 30000)
    pos, last, prose_seen = 0, 0, False
    while pos < limit:
        nl = text.find("\n", pos, limit)
        nl = limit if nl < 0 else nl
        line = text[pos:nl]
        prose = _is_prose(line)
        if _COVER_STRONG.search(line) or (
            not prose_seen and (len(line) < 120 or not prose) and _COVER_LINE.search(line)
        ):
            last = min(nl + 1, end)
        elif prose:
            prose_seen = True
        pos = nl + 1
    return last


def preamble_span(text: str, end: int) -> tuple[int, int] | None:
    """The report prose between the cover page and ``end`` (the first item heading, or the
    signature when the report has no item headings) as ``(start, end)``; None when that stretch
    holds no running text (only headings, table rows, page furniture or nothing)."""
    start = cover_end(text, end)
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop <= start:
        return None
    # start at the first line of running text, with the heading right above it ("Introductory
    # Note"); what lies between the cover's boilerplate and there (the registrants table of a
    # combined cover, a check-box remnant) is not prose
    flat = unwrapped(text)
    pos, prev = start, None
    while pos < stop:
        nl = text.find("\n", pos, stop)
        nl = stop if nl < 0 else nl
        line = text[pos:nl]
        if _is_prose(line) or _opens_wrapped_paragraph(flat, pos, stop):
            if prev is not None and _HEADING.fullmatch(text[prev[0] : prev[1]].strip()):
                pos = prev[0] + len(text[prev[0] : prev[1]]) - len(text[prev[0] : prev[1]].lstrip())
            return (pos, stop)
        if line.strip():
            prev = (pos, nl)
        pos = nl + 1
    return None


def _opens_wrapped_paragraph(flat: str, pos: int, stop: int) -> bool:
    """Whether the line at ``pos`` opens a hard-wrapped paragraph of running text: its lines read
    as one (``flat``, the unwrapped text) are prose ending as a sentence ends. A paragraph filled
    at 50 columns has no line long enough to read as prose alone."""
    if pos > 0 and flat[pos - 1] != "\n":
        return False
    nl = flat.find("\n", pos, stop)
    paragraph = flat[pos : stop if nl < 0 else nl].rstrip()
    return paragraph.endswith(_SENTENCE_END) and _is_prose(paragraph)


_SENTENCE_END = (".", ":", ";", '."', ".”")
# a heading line over a paragraph: a few capitalised words, no figures or parentheses
_HEADING = re.compile(r"[A-Z][A-Za-z0-9.,;:'’&/\- ]{2,79}")


# US states and territories by USPS code: the SGML header and the inline XBRL cover tag
# (dei:EntityIncorporationStateCountryCode) give the code, printed covers mostly the name.
_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "GU": "Guam",
    "VI": "U.S. Virgin Islands",
}
_STATE_NAMES = {name.lower(): name for name in _STATES.values()}
_STATE_PREFIX = re.compile(r"^(?:the\s+)?(?:state|commonwealth)\s+of\s+", re.I)


def normalise_state(value: str | None) -> str | None:
    """One form for a state of incorporation: a US state's full name ("DE", "DELAWARE",
    "State of Delaware" give "Delaware"); any other jurisdiction as printed (capitals made
    title case: "CAYMAN ISLANDS" gives "Cayman Islands")."""
    if not value:
        return None
    v = clean_value(value).strip(" .")
    if not v:
        return None
    if v.upper() in _STATES and len(v) == 2:
        return _STATES[v.upper()]
    bare = _STATE_PREFIX.sub("", v)
    known = _STATE_NAMES.get(bare.lower())
    if known:
        return known
    return v.title() if v.isupper() and len(v) > 3 else v
