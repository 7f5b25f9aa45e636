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
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lxml import etree

_BLOCK = frozenset(
    "address article aside blockquote body center dd dir div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre section table tbody "
    "tfoot thead tr ul caption page".split()
)
_CELL = frozenset(("td", "th"))
_SKIP = frozenset(("script", "style", "head", "title", "noscript", "template", "ix:header",
                   "meta", "link", "object", "embed", "iframe", "svg", "math", "select"))
_DROP = re.compile(r"[\u00ad\ufeff\u200b\u200c\u200d\u2060\x00\x04-\x08\x0e-\x1b\x7f]")
_ROWS = frozenset(("tr", "table", "thead", "tbody", "tfoot", "caption"))
# Separators in the piece stream: ASCII control characters (not whitespace, so the text stays a
# one-byte-per-character string) that are removed from the document's own text: a block
# boundary, a table cell boundary, a table row boundary.
BLOCK = "\x01"
CELL = "\x02"
ROW = "\x03"  # a table row or table boundary: ends the line even between cells
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^>]*>", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)


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


def html_to_text(markup: str, *, facts: bool = True) -> HtmlText:
    """The visible text of an HTML document, one block a line.

    libxml2 parses the markup and reports start tags, end tags and text to a parser target
    (``_TextTarget``): no tree is built, so memory stays proportional to the text, and no
    nesting depth is too deep to read."""
    warnings: list[str] = []
    markup = _DOCTYPE.sub("", _XML_DECL.sub("", markup, count=1), count=1)
    if not markup.strip():
        return HtmlText("", {}, warnings)
    target = _TextTarget(facts)
    parser = etree.HTMLParser(target=target, recover=True, remove_comments=True, remove_pis=True,
                              no_network=True, huge_tree=False, default_doctype=False)
    try:
        for i in range(0, len(markup), _CHUNK):
            parser.feed(markup[i:i + _CHUNK])
        parser.close()
    except (etree.LxmlError, ValueError) as exc:
        # libxml2 gave up: read the text with the standard library's tokenizer instead
        warnings.append(f"HTML parser failed ({exc}); text read with a tolerant tokenizer")
        return HtmlText(_flat_text(markup), target.dei, warnings)
    if target.max_depth > _DEEP:
        warnings.append(f"HTML nested {target.max_depth:,} levels deep (malformed markup); read without a tree")
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

    def start(self, tag, attrib) -> None:
        self.depth += 1
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
        if tag in _ROWS:
            self.pieces.append(ROW)
        elif tag in _BLOCK or tag == "br":
            self.pieces.append(BLOCK)
        elif tag in _CELL:
            self.pieces.append(CELL)

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
                lines.append("\t".join(cells))
                cells = []
        # a cell boundary: the next text is the next cell of the same line
    if cells:
        lines.append("\t".join(cells))
    return "\n".join(lines)


_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _FlatReader(HTMLParser):
    """Tree-less text extraction with the same block/cell rules as the lxml walk."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skip_tag: str | None = None
        self.skip_level = 0

    def handle_starttag(self, tag, attrs):  # noqa: D401 - HTMLParser API
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_level += 1
            return
        style = dict(attrs).get("style") or ""
        if tag in _SKIP or _HIDDEN.search(style):
            if tag not in _VOID:
                self.skip_tag, self.skip_level = tag, 1
            return
        if tag in _ROWS:
            self.pieces.append(ROW)
        elif tag in _BLOCK or tag == "br":
            self.pieces.append(BLOCK)
        elif tag in _CELL:
            self.pieces.append(CELL)

    def handle_endtag(self, tag):
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_level -= 1
                if self.skip_level == 0:
                    self.skip_tag = None
            return
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
