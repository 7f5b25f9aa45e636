"""8-K item numbers and titles, and item sections of a report text.

The catalogue (``data/items.json``) holds the modern items (1.01 ... 9.01, in force since
2004-08-23) and the legacy items 1-12 with their official titles and the other wordings filers
and EDGAR headers use. A heading counts as an item when a line starts with ``Item N`` (any case,
"Item 2. 02", "ITEM 1.01.", "Items 1.01 and 2.03", in a table cell or glued to bold text) or
when a line is an item's title on its own. References in running text ("see Item 1.01 above")
are not headings. Items the report answers only with "None" / "Not applicable" (old forms list
every item) do not count: such a heading states that nothing happened under it (the corpus
manifest reads them so; no gold file counts one). Page-break artifacts around the answer (page
numbers, running heads found by repetition, "FORM 8-K") and a signature block after it are
ignored when deciding.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .document import Item
from .signature import find_signature_start


@dataclass(frozen=True)
class ItemDef:
    number: str
    title: str
    legacy: bool


@dataclass(frozen=True)
class Catalogue:
    modern: dict[str, ItemDef]
    legacy: dict[str, ItemDef]
    modern_titles: dict[str, str]  # normalised title -> number
    legacy_titles: dict[str, str]
    modern_since: str


_POSSESSIVE = re.compile(r"'s\b")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def norm_title(title: str) -> str:
    """Lower-case words of a title, punctuation and "&"/"and" differences removed."""
    t = title.lower().replace("&", " and ").replace("’", "'")
    if "'" in t:
        t = _POSSESSIVE.sub("s", t)
    return _NOT_WORD.sub(" ", t).strip()


@lru_cache(maxsize=256)
def norm_item_title(number: str) -> str:
    """``norm_title`` of the official title of item ``number`` ("" for an unknown number)."""
    return norm_title(item_title(number))


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    raw = json.loads(
        resources.files("pactgraph.nlp").joinpath("data/items.json").read_text("utf-8")
    )
    modern: dict[str, ItemDef] = {}
    legacy: dict[str, ItemDef] = {}
    mt: dict[str, str] = {}
    lt: dict[str, str] = {}
    for key, target, titles, is_legacy in (
        ("modern", modern, mt, False),
        ("legacy", legacy, lt, True),
    ):
        for entry in raw[key]:
            target[entry["number"]] = ItemDef(entry["number"], entry["title"], is_legacy)
            for t in [entry["title"], *entry.get("aliases", [])]:
                titles.setdefault(norm_title(t), entry["number"])
    return Catalogue(modern, legacy, mt, lt, raw["modern_since"])


def is_legacy_date(iso_date: str | None) -> bool | None:
    """True before the 2004 item numbering, False after, None when the date is unknown."""
    if not iso_date:
        return None
    return iso_date < catalogue().modern_since


def item_title(number: str) -> str:
    cat = catalogue()
    d = cat.modern.get(number) or cat.legacy.get(number)
    return d.title if d else ""


def number_for_title(title: str, legacy: bool | None = None) -> str | None:
    """The item number whose title (or alias) ``title`` is; fuzzy on wording."""
    cat = catalogue()
    t = norm_title(title)
    if not t:
        return None
    tables = (
        [cat.legacy_titles, cat.modern_titles] if legacy else [cat.modern_titles, cat.legacy_titles]
    )
    if legacy is None:
        # an ambiguous title (Other Events: 8.01 or 5) reads as modern when the era is unknown
        tables = [cat.modern_titles, cat.legacy_titles]
    for table in tables:
        if t in table:
            return table[t]
    # a title cut short ("Departure of Directors or Certain Officers"): the one title it begins
    if len(t) >= 24 and len(t.split()) >= 4:
        for table in tables:
            hits = {n for known, n in table.items() if known.startswith(t + " ")}
            if len(hits) == 1:
                return hits.pop()
    best, best_score = None, 0.0
    tt = set(t.split())
    for table in tables:
        for known, number in table.items():
            kt = set(known.split())
            score = len(tt & kt) / len(tt | kt)
            if score > best_score:
                best, best_score = number, score
        if best_score >= 0.75:
            return best
    return best if best_score >= 0.75 else None


def numbers_from_header(values: list[str], legacy: bool | None) -> list[str]:
    """Item numbers from header values: titles (ITEM INFORMATION, EVENTS) or numbers (<ITEMS>)."""
    out: list[str] = []
    for v in values:
        v = v.strip()
        if not v:
            continue
        n = normalise_number(v, legacy) if re.fullmatch(r"\d{1,2}(\.\d{1,2})?", v) else None
        n = n or number_for_title(v, legacy)
        if n and n not in out:
            out.append(n)
    return out


@lru_cache(maxsize=4096)
def normalise_number(raw: str, legacy: bool | None) -> str | None:
    """'1.01', '2. 02', '2.1' -> modern number; '5' -> legacy number; None if unknown."""
    cat = catalogue()
    m = re.fullmatch(r"\s*(\d{1,2})\s*(?:[.,]\s*(\d{1,2}))?\s*", raw)
    if not m:
        return None
    major, minor = m.group(1), m.group(2)
    if minor is not None:
        num = f"{int(major)}.{int(minor):02d}"
        if num in cat.modern:
            return num
        return None
    if legacy is False:
        return None
    n = str(int(major))
    return n if n in cat.legacy else None


# "Item 1.01", "ITEM 2. 02", "Item 5.", "Items 1.01 and 2.03", "ITEM1.01" at a line start.
_NUM = r"\d{1,2}(?:\s?[.,]\s?\d{2}(?!\d)|\s?\.\s?\d(?![\d.]))?"
_HEAD = re.compile(
    rf"^[ \t>*•·\-–—#_|]*(?:\(?[a-z0-9]\)\s+)?ITEMS?\s*(?:NO\.?\s*)?({_NUM})"
    rf"((?:\s*(?:,|and|&)\s*(?:ITEM\s*)?{_NUM})*)",
    re.I | re.M,
)
_MORE = re.compile(rf"{_NUM}")
# the line just before (no blank line between) stops in the middle of a sentence, at a small
# word: a hard-wrapped paragraph goes on into "Item 2.03." ("... incorporated by reference in
# this\nItem 2.03."), which is then a reference, not a heading
_REFERENCE_BEFORE = frozenset(
    "in of to under this and or see by with from at the such our its for on".split()
)
_NONE_ANSWER = re.compile(
    r"^[\s.:;\-–—]*(none|not applicable|inapplicable|n/?a|no change|omitted)[\s.;]*$", re.I
)
_REFERENCE_START = re.compile(
    r"^[\s.:,)]*(?:of|in|to|and|or|is|are|was|were|above|below|hereof|herein|this|the\s+(?:information|disclosure)"
    r"|as|which|that|with|for|under|on|by|from)\b",
    re.I,
)
_PAGE_FURNITURE = re.compile(
    r"^(?:(?i:-?\s*\d{1,3}\s*-?|page\s+\d+(?:\s+of\s+\d+)?|form\s+8-k(?:/a)?)|[^a-z\n]{1,60})$"
)


@dataclass(slots=True)
class _Cand:
    number: str
    start: int
    heading_end: int
    line_end: int


def find_items(
    text: str,
    legacy: bool | None = None,
    body_end: int | None = None,
    check: Callable[[], None] | None = None,
) -> list[Item]:
    """Item sections of ``text`` (offsets into it), in text order, one per item number.

    Linear in the length of the text: each line is looked at a bounded number of times, and the
    next heading after a candidate is found by bisection. ``check`` (optional) is called every few
    thousand candidates and lines: a reader's time budget raises from it when the time is up."""
    limit = len(text) if body_end is None else body_end
    era_known = legacy is not None
    if legacy is None:  # legacy/modern decided from the headings themselves
        legacy = not bool(_MODERN_HEAD.search(text, 0, limit))
    cands = _numbered_candidates(text, limit, legacy, era_known, check)
    cands += _title_candidates(text, limit, legacy, _numbers_with_sections(cands, limit), check)
    cands.sort(key=lambda c: c.start)
    return _sections(text, cands, limit, check)


_MODERN_HEAD = re.compile(r"^[ \t>*•·\-–—#_|]*ITEMS?\s*\d{1,2}\s?\.\s?\d{2}", re.I | re.M)
_LEAD_CHARS = " \t>*•·-–—#_|"


def _numbered_candidates(
    text: str, limit: int, legacy: bool, era_known: bool, check: Callable[[], None] | None
) -> list[_Cand]:
    """Lines starting "Item N" that read as a heading (not a reference in running text)."""
    cands: list[_Cand] = []
    for k, m in enumerate(_HEAD.finditer(text, 0, limit)):
        if check is not None and k % 2048 == 0:
            check()
        line_end = text.find("\n", m.end())
        line_end = min(len(text) if line_end < 0 else line_end, limit)
        more = m.group(2)
        raw_nums = [m.group(1), *_MORE.findall(more)] if more else [m.group(1)]
        nums = [n for n in (normalise_number(r, legacy) for r in raw_nums) if n]
        if not nums and not era_known:
            nums = [n for n in (normalise_number(r, None) for r in raw_nums) if n]
        if not nums or not _looks_like_heading(text[m.end() : line_end], nums[0], legacy):
            continue
        if _runs_into(text, m.start()):
            continue  # "... incorporated by reference in this\nItem 2.03.": a wrapped reference
        heading_end = _heading_end(text, m.end(), line_end, nums[0], limit)
        start = m.end() - len(m.group(0).lstrip(_LEAD_CHARS))
        cands.extend(_Cand(n, start, heading_end, line_end) for n in nums)
    return cands


def _runs_into(text: str, line_start: int) -> bool:
    """Whether the line just before ``line_start`` (no blank line between) ends at one of the
    small words a sentence goes on after (a few string operations: this runs per candidate)."""
    if line_start == 0 or text[line_start - 1] != "\n":
        return False
    before = text[max(0, line_start - 12) : line_start - 1].rstrip(" \t\xa0")
    return bool(before) and before[-1].isalpha() and before.split()[-1] in _REFERENCE_BEFORE


def _numbers_with_sections(cands: list[_Cand], limit: int) -> set[str]:
    """Numbers whose numbered heading has a section under it. A numbered heading followed at
    once by the next one is a table-of-contents entry: the section may still come under a
    title-only heading."""
    starts = sorted({c.start for c in cands})
    seen: set[str] = set()
    for c in cands:
        k = bisect_right(starts, c.start)
        nxt = starts[k] if k < len(starts) else limit
        if nxt - c.line_end > 100:
            seen.add(c.number)
    return seen


def _title_candidates(
    text: str, limit: int, legacy: bool, seen_numbers: set[str], check: Callable[[], None] | None
) -> list[_Cand]:
    """Title-only headings ("Entry into a Material Definitive Agreement." on its own line) of
    items that have no numbered section."""
    titles = catalogue().legacy_titles if legacy else catalogue().modern_titles
    seen = set(seen_numbers)
    cands: list[_Cand] = []
    pos = 0
    lines = 0
    while pos < limit:
        lines += 1
        if check is not None and lines % 8192 == 0:
            check()
        line_end = text.find("\n", pos)
        if line_end < 0:
            line_end = len(text)
        line = text[pos:line_end]
        if 8 <= len(line) <= 200 and not line.lstrip().lower().startswith("item"):
            n = titles.get(norm_title(line))
            if n and n not in seen:
                cands.append(_Cand(n, pos + len(line) - len(line.lstrip()), line_end, line_end))
                seen.add(n)
        pos = line_end + 1
    return cands


def _sections(
    text: str, cands: list[_Cand], limit: int, check: Callable[[], None] | None
) -> list[Item]:
    """One section per item number: from its heading to the next heading at another position
    (or the signature block); a heading answered "None." gives no item."""
    if not cands:
        return []
    # the signature block starts after the last heading (its words may run on in that heading's
    # line: "Item 8.01. Other Events Pursuant to the requirements of ...")
    sig = find_signature_start(text, cands[-1].heading_end)
    sig_start = sig if sig is not None and sig < limit else limit
    starts = sorted({c.start for c in cands})
    running = _running_heads(text, limit)
    items_by_number: dict[str, Item] = {}
    listed: dict[str, bool] = {}  # per number: whether its kept heading is a contents entry
    for k, c in enumerate(cands):
        if check is not None and k % 2048 == 0:
            check()
        i = bisect_right(starts, c.start)
        end = starts[i] if i < len(starts) else sig_start
        if end <= c.start:
            end = limit
        prev = items_by_number.get(c.number)
        contents_entry = _in_contents(text, starts, i - 1)
        # a table of contents lists an item before its section: keep the heading outside the
        # contents, else the longer section
        if prev is not None and (
            (contents_entry and not listed[c.number])
            or (
                contents_entry == listed[c.number]
                and end - c.heading_end <= prev.end - prev.heading_end
            )
        ):
            continue
        if _answered_none(text[c.heading_end : end], text[c.start : c.heading_end], running):
            continue
        listed[c.number] = contents_entry
        items_by_number[c.number] = Item(
            number=c.number,
            title=item_title(c.number),
            start=c.start,
            end=end,
            heading_end=min(c.heading_end, end),
        )
    return sorted(items_by_number.values(), key=lambda i: (i.start, _key(i.number)))


# what may stand between two entries of a table of contents: blanks and page numbers
_CONTENTS_GAP = re.compile(r"[\s\d]*")


def _in_contents(text: str, starts: list[int], k: int) -> bool:
    """Whether the heading at ``starts[k]`` stands in a table of contents: the heading before
    it or after it is on the next line, with no section between."""

    def follows(first: int, second: int) -> bool:
        line_end = text.find("\n", first, second)
        return line_end >= 0 and bool(_CONTENTS_GAP.fullmatch(text, line_end, second))

    return (k + 1 < len(starts) and follows(starts[k], starts[k + 1])) or (
        k > 0 and follows(starts[k - 1], starts[k])
    )


def _key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split("."))


_HEADING_PUNCT = " \t.:-–—"


@lru_cache(maxsize=256)
def _title_prefix(number: str) -> str:
    """The first 24 characters of the item's official title, lower case (a quick exact test
    before the word-by-word one)."""
    return item_title(number)[:24].lower()


def _looks_like_heading(rest: str, number: str, legacy: bool) -> bool:
    r = rest.strip()
    if not r:
        return True
    prefix = _title_prefix(number)
    printed = r.lstrip(_HEADING_PUNCT)
    if prefix and printed[: len(prefix)].lower() == prefix:  # the official title, as printed
        return True
    nt = norm_item_title(number)
    nr = norm_title(r[: len(nt) + 40])
    if nt and (nr.startswith(nt[: min(len(nt), 24)]) or nt.startswith(nr) and len(nr) >= 8):
        return True
    if _REFERENCE_START.match(r):
        return False
    if r[0].islower():
        return False
    # a short line after the number is a heading ("Item 5. Other Matters.")
    return len(r) <= 160


def _heading_end(
    text: str, after_number: int, line_end: int, number: str, limit: int | None = None
) -> int:
    """End of the heading: the item title when the body follows on the same line, else the line
    and the lines right under it that go on with the item's title (a wrapped title, a sub-item
    heading such as "(e) Compensatory Arrangements of Certain Officers")."""
    line = text[after_number:line_end]
    if len(line) <= 200:
        return _continued_heading(text, line_end, number, len(text) if limit is None else limit)
    title = item_title(number)
    words = norm_title(title).split()
    # walk the line word by word while it matches the title
    pos = 0
    matched = 0
    for m in re.finditer(r"[A-Za-z0-9']+", line):
        if matched < len(words) and norm_title(m.group(0)) == words[matched]:
            matched += 1
            pos = m.end()
            continue
        if matched == 0 and m.start() < 4:
            continue
        break
    if matched == 0:
        return line_end
    if pos < len(line) and line[pos] in ".:":
        pos += 1
    return after_number + pos


_ENUMERATOR = re.compile(r"^\s*(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|[a-z]\.)\s+", re.I)
_MAX_WRAPPED_LINES = 3


def title_fragment(line: str, number: str) -> bool:
    """``line`` is a run of item ``number``'s official title words and nothing else ("Compensatory
    Arrangements of Certain Officers", "(e) Compensatory Arrangements ..." for 5.02): a wrapped
    part of its heading or a sub-item heading, never running text."""
    if len(line) > 200 or len(line) < 8 or line.lstrip()[:4].lower() == "item":
        return False
    line = _ENUMERATOR.sub("", line)
    first = _FIRST_WORD.match(line)
    if first is None or first.group(1).lower() not in _title_words(number):
        return False
    words = norm_title(line)
    if len(words) < 8 or " " not in words:
        return False
    return f" {words} " in f" {norm_item_title(number)} "


_FIRST_WORD = re.compile(r"\W*([A-Za-z0-9]+)")


@lru_cache(maxsize=256)
def _title_words(number: str) -> frozenset[str]:
    return frozenset(norm_item_title(number).split())


def _continued_heading(text: str, line_end: int, number: str, limit: int) -> int:
    """The end of the last line under a heading line that goes on with the item's title (at
    most a few lines; one blank line between them is allowed)."""
    end = line_end
    for _ in range(_MAX_WRAPPED_LINES):
        pos = end + 1
        if pos < limit and text[pos] == "\n":
            pos += 1
        if pos >= limit:
            break
        nl = text.find("\n", pos, limit)
        nl = limit if nl < 0 else nl
        if not title_fragment(text[pos:nl], number):
            break
        end = nl
    return end


def heading_spans(text: str, items: list[Item]) -> list[tuple[int, int]]:
    """``(start, end)`` of every heading line of the report, sorted: each item's heading
    (``start`` to ``heading_end``, wrapped lines included) and the lines inside an item's body
    that are a catalogue title or a run of the item's own title (sub-item headings such as
    "(e) Compensatory Arrangements of Certain Officers"). No name, party or title should be
    read from these words."""
    cat = catalogue()
    spans = [(it.start, it.heading_end) for it in items]
    for it in items:
        pos = it.heading_end
        while pos < it.end:
            nl = text.find("\n", pos, it.end)
            nl = it.end if nl < 0 else nl
            line = text[pos:nl]
            if 8 <= len(line) <= 200 and (
                title_fragment(line, it.number)
                or norm_title(line) in cat.modern_titles
                or norm_title(line) in cat.legacy_titles
            ):
                lead = len(line) - len(line.lstrip())
                spans.append((pos + lead, pos + len(line.rstrip())))
            pos = nl + 1
    return sorted(spans)


_INLINE_NONE = re.compile(r"[.:;\-–—)]\s*(?:none|not\s+applicable|inapplicable|n/?a)\.?\s*$", re.I)


def _running_heads(text: str, limit: int) -> frozenset[str]:
    """Short lines printed again and again (a page's running head: the company name, "Form
    8-K"), found by repetition rather than by case or wording."""
    counts: dict[str, int] = {}
    for line in text[:limit].split("\n"):
        t = line.strip()
        if 3 <= len(t) <= 80 and not _NONE_ANSWER.match(t) and not t.lower().startswith("item"):
            counts[t.lower()] = counts.get(t.lower(), 0) + 1
    return frozenset(t for t, n in counts.items() if n >= 3)


def _answered_none(body: str, heading: str = "", running: frozenset[str] = frozenset()) -> bool:
    """The item is answered 'None.' / 'Not applicable.' (on its own line or at the end of the
    heading) and says nothing else: page-break artifacts (page numbers, running heads such as
    the company name or "FORM 8-K", rules) and a signature block that follows are ignored."""
    sig = find_signature_start(body)
    if sig is not None:
        body = body[:sig]
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    lines = [
        ln
        for ln in lines
        if not (_PAGE_FURNITURE.match(ln) and not _NONE_ANSWER.match(ln))
        and ln.lower() not in running
    ]
    if _INLINE_NONE.search(heading):
        return not lines
    return len(lines) == 1 and bool(_NONE_ANSWER.match(lines[0]))
