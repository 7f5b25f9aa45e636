"""HTML / XHTML / inline XBRL to plain text with lxml.

One line per block (paragraph, div, heading, list item, table row); the cells of a table row
stay on one line, separated by a tab; inline markup (``<b>``, ``<span>``, ``<ix:nonNumeric>``)
joins without spaces, as a browser shows it. Hidden content (``display:none``, the iXBRL
``<ix:header>``, scripts, styles, ``<head>``) is skipped; entities and ``&nbsp;`` become
characters and spaces. libxml2 parses; its events go to a parser target, so no tree is built:
memory follows the size of the text and no nesting is too deep (no recursion anywhere).

``dei_facts`` are the cover-page facts tagged in inline XBRL (``dei:EntityRegistrantName``,
``dei:DocumentPeriodEndDate``, ...), hidden ones included: the reader prefers them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lxml import etree

from .document import Filing

_BLOCK = frozenset(
    "address article aside blockquote body center dd dir div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre section table tbody "
    "tfoot thead tr ul caption page".split()
)
_CELL = frozenset(("td", "th"))
_SKIP = frozenset(
    (
        "script",
        "style",
        "head",
        "title",
        "noscript",
        "template",
        "ix:header",
        "meta",
        "link",
        "object",
        "embed",
        "iframe",
        "svg",
        "math",
        "select",
    )
)
_DROP = re.compile(r"[\u00ad\ufeff\u200b\u200c\u200d\u2060\x00\x04-\x08\x0e-\x1b\x7f]")
_ROWS = frozenset(("tr", "table", "thead", "tbody", "tfoot", "caption"))
# Separators in the piece stream: ASCII control characters (not whitespace, so the text stays a
# one-byte-per-character string) that are removed from the document's own text: a block
# boundary, a table cell boundary, a table row boundary.
BLOCK = "\x01"
CELL = "\x02"
ROW = "\x03"  # a table row or table boundary: ends the line even between cells


def break_of(tag: str) -> str | None:
    """The break a tag makes in the text: ``ROW``, ``BLOCK`` (``<br>`` too), ``CELL`` or None."""
    if tag in _ROWS:
        return ROW
    if tag in _BLOCK or tag == "br":
        return BLOCK
    return CELL if tag in _CELL else None


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^>]*>", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
# what a superscript adds to a word that is no part of it: a service or trade mark, a footnote
# reference ("Open Market Sale Agreement<sup>SM</sup>", "Notes<sup>(1)</sup>")
_MARK = re.compile(r"SM|TM|®|™|℠|©|\*{1,3}|[†‡]|\(\d{1,2}\)|\d{1,2}")


def _drop_mark(pieces: list[str], sup_at: int | None) -> None:
    """At a ``</sup>``: the superscript's text (``pieces`` from ``sup_at``) left out when it is
    a mark ("Agreement<sup>SM</sup>"), no word of the text."""
    if sup_at is not None and _MARK.fullmatch("".join(pieces[sup_at:]).strip()):
        del pieces[sup_at:]


@dataclass
class HtmlText:
    text: str
    dei_facts: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def clean_inline(text: str) -> str:
    """Whitespace of every kind to one space, keeping one space at either edge."""
    parts = text.split()
    if not parts:
        return " " if text else ""
    out = " ".join(parts)
    if text[0].isspace():
        out = " " + out
    if text[-1].isspace():
        out = out + " "
    return out


def html_to_text(
    markup: str, *, facts: bool = True, check: Callable[[], None] | None = None
) -> HtmlText:
    """The visible text of an HTML document, one block a line.

    libxml2 parses the markup and reports start tags, end tags and text to a parser target
    (``_TextTarget``): no tree is built, so memory stays proportional to the text, and no
    nesting depth is too deep to read. ``check`` (optional) is called before each megabyte of
    markup is parsed: a reader's time budget raises from it."""
    warnings: list[str] = []
    markup = _DOCTYPE.sub("", _XML_DECL.sub("", markup, count=1), count=1)
    if not markup.strip():
        return HtmlText("", {}, warnings)
    target = _TextTarget(facts)
    parser = etree.HTMLParser(
        target=target,
        recover=True,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        default_doctype=False,
    )
    try:
        for i in range(0, len(markup), _CHUNK):
            if check is not None:
                check()  # a time budget raises here
            parser.feed(markup[i : i + _CHUNK])
        parser.close()
    except (etree.LxmlError, ValueError) as exc:
        # libxml2 gave up: read the text with the standard library's tokenizer instead
        warnings.append(f"HTML parser failed ({exc}); text read with a tolerant tokenizer")
        return HtmlText(_flat_text(markup), target.dei, warnings)
    if target.max_depth > _DEEP:
        warnings.append(
            f"HTML nested {target.max_depth:,} levels deep (malformed markup); read without a tree"
        )
    warnings.extend(_swallowed(markup))
    return HtmlText(_assemble(target.pieces), target.dei, warnings)


_CHUNK = 1 << 20
_DEEP = 256  # libxml2's own limit for a tree; deeper markup is malformed


def _swallowed(markup: str) -> list[str]:
    """Warnings for markup that hides the rest of the document as a browser would: a comment,
    script or style that is opened and never closed."""
    out = []
    last = markup.rfind("<!--")
    if last >= 0 and markup.find("-->", last + 4) < 0:
        out.append("an HTML comment is never closed: the text after it is hidden (partial read)")
    for tag in ("script", "style"):
        variants = (tag, tag.upper(), tag.capitalize())
        opened = sum(markup.count("<" + v) for v in variants)
        if opened and opened > sum(markup.count("</" + v) for v in variants):
            out.append(f"a <{tag}> is never closed: the text after it is hidden (partial read)")
    return out


_FACT_TAGS = frozenset(("ix:nonnumeric", "ix:nonfraction"))


class _TextTarget:
    """lxml parser target: the text pieces and separators of the document, and its dei facts."""

    def __init__(self, facts: bool) -> None:
        self.pieces: list[str] = []
        self.skip = 0  # depth inside a skipped (hidden) element
        self.facts = facts
        self.dei: dict[str, str] = {}
        self.capture: list | None = None  # [key, depth, parts] while inside a dei fact
        self.depth = 0
        self.max_depth = 0
        self.sup_at: int | None = None  # where the text of an open <sup> starts

    def start(self, tag, attrib) -> None:
        self.depth += 1
        if tag == "sup" and not self.skip:
            self.sup_at = len(self.pieces)
        if self.depth > self.max_depth:
            self.max_depth = self.depth
        if self.capture is not None:
            self.capture[1] += 1
        elif self.facts and tag in _FACT_TAGS:
            name = attrib.get("name") or ""
            if name[:4].lower() == "dei:":
                self.capture = [name[4:], 1, []]
        if self.skip:
            self.skip += 1
            return
        style = attrib.get("style")
        if tag in _SKIP or (style and "none" in style and _HIDDEN.search(style)):
            self.skip = 1
            return
        mark = break_of(tag)
        if mark:
            self.pieces.append(mark)

    def end(self, tag) -> None:
        self.depth -= 1
        if self.capture is not None:
            self.capture[1] -= 1
            if self.capture[1] == 0:
                key, _, parts = self.capture
                value = clean_inline("".join(parts)).strip()
                if value and key not in self.dei:
                    self.dei[key] = value
                self.capture = None
        if self.skip:
            self.skip -= 1
            return
        if tag == "sup":
            _drop_mark(self.pieces, self.sup_at)
            self.sup_at = None
        if tag in _ROWS:
            self.pieces.append(ROW)
        elif tag in _BLOCK:
            self.pieces.append(BLOCK)
        elif tag in _CELL:
            self.pieces.append(CELL)

    def data(self, text) -> None:
        if "\x01" in text or "\x02" in text or "\x03" in text:
            text = text.replace("\x01", "").replace("\x02", "").replace("\x03", "")
        if self.capture is not None:
            self.capture[2].append(text)
        if not self.skip:
            self.pieces.append(text)  # whitespace is normalised once, in _assemble

    def close(self) -> None:
        return None


_SEP_RUN = re.compile(r"([\x01-\x03][\x01-\x03\s]*)")


def _assemble(pieces: list[str]) -> str:
    """Lines from the piece stream. In a run of separators a table-row boundary ends the line,
    else a cell boundary gives a tab (a paragraph inside a cell does not break its row), else a
    block boundary ends the line; whitespace of every kind in the text becomes one space."""
    s = "".join(pieces)
    if _DROP.search(s):
        s = _DROP.sub("", s)
    parts = _SEP_RUN.split(s)
    lines: list[str] = []
    cells: list[str] = []
    for k, part in enumerate(parts):
        if k % 2 == 0:
            t = " ".join(part.split())  # whitespace of every kind: one space
            if t:
                cells.append(t)
            continue
        if ROW in part or CELL not in part:
            if cells:
                lines.append(_row_line(cells))
                cells = []
        # a cell boundary: the next text is the next cell of the same line
    if cells:
        lines.append(_row_line(cells))
    return "\n".join(lines)


# a number typeset over two cells to align its decimal point: "2" | ".1*" (a printer's column
# of whole numbers beside one of fractions)
_WHOLE_CELL = re.compile(r"\d{1,3}\Z")
_FRACTION_CELL = re.compile(r"\.\d")


def _row_line(cells: list[str]) -> str:
    """One table row as a line: its cells joined by tabs, a number split at its decimal point
    made whole again ("2", ".1" -> "2.1")."""
    line = cells[0]
    for prev, cell in zip(cells, cells[1:]):
        glued = _WHOLE_CELL.fullmatch(prev) and _FRACTION_CELL.match(cell)
        line += cell if glued else "\t" + cell
    return line


_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _FlatReader(HTMLParser):
    """Tree-less text extraction with the same block/cell rules as the lxml walk."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skip_tag: str | None = None
        self.skip_level = 0
        self.sup_at: int | None = None  # where the text of an open <sup> starts

    def handle_starttag(self, tag, attrs):  # noqa: D401 - HTMLParser API
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_level += 1
            return
        if tag == "sup":
            self.sup_at = len(self.pieces)
        style = dict(attrs).get("style") or ""
        if tag in _SKIP or _HIDDEN.search(style):
            if tag not in _VOID:
                self.skip_tag, self.skip_level = tag, 1
            return
        mark = break_of(tag)
        if mark:
            self.pieces.append(mark)

    def handle_endtag(self, tag):
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_level -= 1
                if self.skip_level == 0:
                    self.skip_tag = None
            return
        if tag == "sup":
            _drop_mark(self.pieces, self.sup_at)
            self.sup_at = None
        if tag in _ROWS:
            self.pieces.append(ROW)
        elif tag in _BLOCK:
            self.pieces.append(BLOCK)
        elif tag in _CELL:
            self.pieces.append(CELL)

    def handle_data(self, data):
        if self.skip_tag is None and data:
            self.pieces.append(data)


def _flat_text(markup: str) -> str:
    reader = _FlatReader()
    reader.feed(markup)
    reader.close()
    return _assemble(reader.pieces)


# ---------------------------------------------------------------- map back to the markup

# Markup and hidden content between the visible text segments of a document: comments,
# elements whose content is never shown, and tags.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|head|title|ix:header)\b[^>]*>.*?(?:</\1\s*>|\Z)|<[^>]*>?",
    re.S | re.I,
)
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")
_LINE_WINDOW = 4_000  # visible chars searched for a whole line
_WORD_WINDOW = 20_000  # visible chars searched for one word


def source_map(text: str, markup: str, base: int = 0) -> list[tuple[int, int, int]]:
    """Runs ``(text_start, source_start, length)`` with ``text[t:t+n] == markup[s-base:s-base+n]``:
    where each piece of the text produced by :func:`html_to_text` stands in the markup
    (``base`` is added to every source offset, for a document inside a larger file).

    The text is found again in the markup's visible segments (outside tags, comments, scripts,
    styles, ``<head>`` and the iXBRL header), in order: a whole line where the markup holds it
    verbatim, else word by word; a word written with entities or split by inline tags maps
    by its letter-and-digit runs, and what cannot be found is left unmapped. Linear: every
    search starts where the previous one ended and looks a bounded distance ahead."""
    visible, starts, offsets = _visible_segments(markup)
    visible = visible.translate(_SPACES)  # "Exchange\nAct" in the markup reads "Exchange Act"
    runs: list[tuple[int, int, int]] = []
    cursor = 0  # position in ``visible``
    pos = 0
    for line in text.split("\n"):
        if line:
            cursor = _map_line(line, pos, visible, cursor, runs)
        pos += len(line) + 1
    return _to_markup_runs(runs, starts, offsets, base)


def _visible_segments(markup: str) -> tuple[str, list[int], list[int]]:
    """The text outside markup, joined, with the start of each segment in the joined string
    and in the markup."""
    parts: list[str] = []
    starts: list[int] = []
    offsets: list[int] = []
    prev = 0
    joined = 0
    for m in _MARKUP.finditer(markup):
        if m.start() > prev:
            starts.append(joined)
            offsets.append(prev)
            parts.append(markup[prev : m.start()])
            joined += m.start() - prev
        prev = m.end()
    if prev < len(markup):
        starts.append(joined)
        offsets.append(prev)
        parts.append(markup[prev:])
    return "".join(parts), starts, offsets


def _to_markup_runs(
    runs: list[tuple[int, int, int]], starts: list[int], offsets: list[int], base: int
) -> list[tuple[int, int, int]]:
    """Runs of the joined visible text as runs of the markup, split where a tag, comment or
    hidden element lies between two visible segments ("FORM <b>8-K</b>"). The runs come in
    order, so one pointer walks the segments."""
    out: list[tuple[int, int, int]] = []
    k, last = 0, len(starts) - 1
    for t, v, n in runs:
        while k < last and starts[k + 1] <= v:
            k += 1
        while n > 0:
            seg_end = starts[k + 1] if k < last else v + n
            take = min(n, seg_end - v)
            out.append((t, offsets[k] + (v - starts[k]) + base, take))
            t, v, n = t + take, v + take, n - take
            if n > 0:
                k += 1
    return out


def _map_line(
    line: str, t0: int, visible: str, cursor: int, runs: list[tuple[int, int, int]]
) -> int:
    """Map one text line (starting at text offset ``t0``); returns the new cursor."""
    found = visible.find(line, cursor, cursor + _LINE_WINDOW + len(line))
    if found >= 0 and _plausible_skip(visible, cursor, found, False):
        runs.append((t0, found, len(line)))
        return found + len(line)
    for m in _WORD.finditer(line):
        word = m.group(0)
        found = visible.find(word, cursor, cursor + _WORD_WINDOW)
        if found >= 0 and _plausible_skip(visible, cursor, found, len(word) >= _SURE_WORD):
            runs.append((t0 + m.start(), found, len(word)))
            cursor = found + len(word)
            continue
        for piece in _ALNUM_RUN.finditer(word):
            p = piece.group(0)
            found = visible.find(p, cursor, cursor + _WORD_WINDOW)
            if found >= 0 and _plausible_skip(visible, cursor, found, len(p) >= _SURE_WORD):
                runs.append((t0 + m.start() + piece.start(), found, len(p)))
                cursor = found + len(p)
    return cursor


# Between two pieces of the text the markup may hold only blanks, punctuation and entities. A
# word found after other words (hidden text, or a false match further on: "the" of a later
# sentence) is taken only when it is long enough to be unlikely to match by chance; a whole
# line never is (a table of contents repeats the headings further on).
_QUIET_GAP = re.compile(r"(?:[^A-Za-z0-9&]+|&#?\w{1,8};|&)*")
_SURE_WORD = 6


def _plausible_skip(visible: str, cursor: int, found: int, sure: bool) -> bool:
    if found - cursor < 2 or sure:
        return True
    m = _QUIET_GAP.match(visible, cursor, found)
    return m is not None and m.end() == found


_WORD = re.compile(r"[^\s]+")


class LazyMapFiling(Filing):
    """A filing read from HTML whose ``source_map`` is built the first time it is read.

    The map costs about as much as parsing the HTML and most callers never look at it, so
    the reader keeps the markup instead (``markup``, with ``base`` the offset of the markup in
    the decoded file) and maps ``text`` on first use; the markup is dropped then. Instances
    pickle (the markup travels, not a closure)."""

    def __init__(self, *, markup: str, base: int = 0, **fields) -> None:
        super().__init__(**fields)
        self._markup: str | None = markup
        self._base = base
        self._map: list[tuple[int, int, int]] | None = None

    @property  # type: ignore[override]
    def source_map(self) -> list[tuple[int, int, int]]:
        if self._map is None:
            markup, self._markup = self._markup, None
            self._map = source_map(self.text, markup or "", self._base)
        return self._map

    @source_map.setter
    def source_map(self, value: list[tuple[int, int, int]]) -> None:
        self._map = value
        self._markup = None


_SPACES = str.maketrans("\n\r\t\f\v", "     ")
