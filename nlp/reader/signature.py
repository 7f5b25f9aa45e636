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

from ..legal_forms import org_words_regex
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
_TITLE_START = re.compile(
    r"\s+(?=(?:Senior|Executive|Vice|Chief|President|Chairman|Chair|Director|Secretary|Treasurer|"
    r"General|Corporate|Assistant|Principal|Managing|Controller|Comptroller|CEO|CFO|COO)\b)"
)
_LABEL = re.compile(r"^(By|Name|Printed\s+Name|Title|Its|Date|Dated)\s*:?\s*(.*)$", re.I)
_RULE = re.compile(r"^[-=_*.\s]+$")
_SKIP = re.compile(r"^\((?:Date|Registrant|Signature|Duly\s+Authorized\s+Officer)\)$", re.I)
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


def find_signature_start(text: str, after: int = 0) -> int | None:
    """Start of the signature block at or after ``after``."""
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
    if start is None:
        start = find_signature_start(text)
    if start is None:
        return []
    end = len(text) if end is None else end
    stop = _END.search(text, start + 1, end)
    block_end = min(end, stop.start() if stop else end, start + 4000)
    raw_lines = text[start:block_end].split("\n")
    offsets, pos = [], start
    for ln in raw_lines:
        offsets.append(pos)
        pos += len(ln) + 1
    # split table rows: "Date: May 3, 2024<TAB>Exxon Mobil Corporation" -> two logical lines
    lines: list[tuple[str, int]] = []
    for ln, off in zip(raw_lines, offsets):
        for cell in ln.split("\t"):
            for part in _split_cell(cell):
                c = _clean(part)
                if c:
                    lines.append((c, off))
    block_date = None
    for c, _ in lines:
        m = _LABEL.match(c)
        if m and m.group(1).lower().startswith("date"):
            block_date = _date_of(m.group(2)) or block_date
    if block_date is None:
        for c, _ in lines:
            if _is_date_line(c):
                block_date = _date_of(c)
                break
    if block_date is None:
        for c, _ in lines[:3]:
            if re.search(r"duly\s+authorized", c, re.I):
                block_date = _date_of(c)
                break  # "... duly authorized on this 8th day of January, 2025."
    sigs: list[Signature] = []
    used_until = -1
    for k, (line, off) in enumerate(lines):
        if k <= used_until:
            continue
        m = _SLASH_S.search(line)
        name = None
        if m:
            name = _clean(line[m.end() :]) or None
        else:
            lm = _LABEL.match(line)
            if not (
                lm
                and lm.group(1).lower() == "by"
                and lm.group(2)
                and not _is_date_line(lm.group(2))
                and re.match(r"[A-Z][a-z]", lm.group(2))
            ):
                continue
            name = _clean(lm.group(2))
        title = None
        if name and not _SLASH_S.search(line):
            # "By: Jane Doe Executive Vice President": the printed name, then the title
            parts = _TITLE_START.split(name, maxsplit=1)
            if len(parts) == 2 and 2 <= len(parts[0].split()) <= 5:
                name, title = parts[0], parts[1]
        j = k + 1
        if name is None and j < len(lines) and not _LABEL.match(lines[j][0]):
            name, j = lines[j][0], j + 1
        date = None
        last = k
        pending: str | None = None
        while j < len(lines) and j <= k + 8:
            c = lines[j][0]
            sm = _SLASH_S.search(c)
            if sm:
                if name and _clean(c[sm.end() :]).lower() == name.lower():
                    last = j  # the same signature drawn twice (a rendering's "By:" and "s/" lines)
                    j += 1
                    continue
                break
            lm = _LABEL.match(c)
            if pending is not None:
                if pending == "name":
                    name = c
                elif pending == "title":
                    title = c
                pending = None
                last = j
            elif lm:
                label, value = lm.group(1).lower(), _clean(lm.group(2))
                if label == "by":
                    if sigs or j > k + 1:
                        break
                elif label in ("name", "printed name"):
                    if value:
                        name = value
                    else:
                        pending = "name"
                elif label in ("title", "its"):
                    if value:
                        title = value
                    else:
                        pending = "title"
                else:
                    date = _date_of(value) or date
                last = j
            elif _RULE.match(c) or _SKIP.match(c):
                last = j
            elif name and c.lower() == name.lower():
                name = c  # the printed name, in its own case
                last = j
            elif (
                name
                and title is None
                and c.lower().startswith(name.lower() + " ")
                and _TITLE_WORD.search(c[len(name) :])
            ):
                name, title = (
                    c[: len(name)],
                    _clean(c[len(name) :]),
                )  # "Jane Doe, Chief Executive Officer"
                last = j
            elif name and title is None and _is_printed_name(c, name):
                # the printed name, written otherwise: the fuller of the two ("William A. Freeman"
                # under "W.A. Freeman", not "Matt Friend" under "Matthew Friend")
                name = c if _letters(c) > _letters(name) else name
                last = j
            elif _is_date_line(c):
                date = date or _date_of(c)
                last = j
            elif (
                title is None
                and len(c) <= 120
                and not _ORG_HINT.search(c.split(",")[0])
                or title is None
                and len(c) <= 120
                and re.search(
                    r"\b(?:President|Officer|Director|Secretary|Treasurer|Counsel|Controller|Chairman|Manager|Partner|CEO|CFO)\b",
                    c,
                )
            ):
                title = c
                last = j
            elif title is not None and c.startswith("(") and c.endswith(")") and not _SKIP.match(c):
                title = f"{title} {c}"
                last = j
            elif (
                title is not None
                and len(title) + len(c) < 200
                and (
                    re.search(r"(?:\band|&|,|-|–|\bof|\bChief|\bVice|\bExecutive|\bSenior)$", title)
                    or c[:1].islower()
                    or re.match(r"(?:and|&|of)\b", c)
                )
            ):
                title = f"{title} {c}"  # a title broken over lines
                last = j
            elif (
                title is not None
                and len(title) + len(c) < 200
                and _TITLE_WORD.search(c)
                and not _ORG_HINT.search(c)
                and not _is_date_line(c)
            ):
                title = f"{title} {c}" if len(c.split()) == 1 else f"{title}, {c}"
                last = j
            else:
                break
            j += 1
        if not name:
            continue
        if title:
            title = _strip_name(title, name)
            title = re.sub(r"\s+\d{1,3}$", "", title)  # a page number run into the title
            if title.lower() == name.lower() or _is_printed_name(title, name):
                title = None
        used_until = last
        org = None
        for c, _ in reversed(lines[max(0, k - 6) : k]):
            lm = _LABEL.match(c)
            if lm or _RULE.match(c) or _SKIP.match(c) or _is_date_line(c):
                continue
            if (
                len(c) <= 100
                and (c.isupper() or _ORG_HINT.search(c))
                and "pursuant" not in c.lower()
                and "securities exchange act" not in c.lower()
                and not _START.match(c)
                and not re.match(r"(?i)an?\s+\w+\s+(?:corporation|company)$", c)
            ):
                org = c
                break
            if len(c) > 100:
                break
        end_off = lines[last][1] + len(text[lines[last][1] :].split("\n", 1)[0])
        sigs.append(
            Signature(
                name=name,
                title=title,
                date=date or block_date,
                organization=org,
                start=off,
                end=min(end_off, block_end),
            )
        )
    return sigs


_TITLE_WORD = re.compile(
    r"\b(?:President|Officer|Director|Secretary|Treasurer|Counsel|Controller|"
    r"Chairman|Chair|Manager|Partner|CEO|CFO|COO|Comptroller|Principal|Trustee)\b"
)


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
