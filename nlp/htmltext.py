"""HTML / XHTML / inline XBRL to plain text with lxml.

One line per block (paragraph, div, heading, list item, table row); the cells of a table row
stay on one line, separated by a tab; inline markup (``<b>``, ``<span>``, ``<ix:nonNumeric>``)
joins without spaces, as a browser shows it. Hidden content (``display:none``, the iXBRL
``<ix:header>``, scripts, styles, ``<head>``) is skipped; entities and ``&nbsp;`` become
characters and spaces. The walk is iterative (``etree.iterwalk``) so deep nesting cannot
exhaust the recursion limit; libxml2 limits the tree depth itself (no ``huge_tree``) and the
text after an over-deep part is reported in ``warnings``.

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
_DROP = re.compile(r"[\u00ad\ufeff\u200b\u200c\u200d\u2060\x00-\x08\x0b\x0e-\x1d\x1f\x7f]")
_ROWS = frozenset(("tr", "table", "thead", "tbody", "tfoot", "caption"))
ROW = "\x1e"  # a table row or table boundary: ends the line even between cells
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^>]*>", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)


@dataclass
class HtmlText:
    text: str
    dei_facts: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(recover=True, remove_comments=True, remove_pis=True,
                            no_network=True, huge_tree=False, default_doctype=False,
                            remove_blank_text=False)


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
    """The visible text of an HTML document, one block a line."""
    warnings: list[str] = []
    markup = _DOCTYPE.sub("", _XML_DECL.sub("", markup, count=1), count=1)
    if not markup.strip():
        return HtmlText("", {}, warnings)
    parser = _parser()
    try:
        root = etree.fromstring(markup, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:  # pragma: no cover - recover=True
        warnings.append(f"HTML could not be parsed: {exc}")
        root = None
    too_deep = any("depth" in str(e.message).lower() for e in parser.error_log)
    if too_deep:
        # libxml2 stops building the tree past 256 levels (no huge_tree, on purpose): read the
        # text with the standard library's tokenizer instead, which keeps no tree at all
        warnings.append("HTML nested deeper than 256 levels: text read without a tree")
        return HtmlText(_flat_text(markup), _dei_facts(root) if (facts and root is not None) else {},
                        warnings)
    if root is None:
        return HtmlText("", {}, warnings)
    dei = _dei_facts(root) if facts else {}
    return HtmlText(_walk(root), dei, warnings)


def _dei_facts(root) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter("ix:nonnumeric", "ix:nonfraction"):
        name = el.get("name") or ""
        if not name.lower().startswith("dei:"):
            continue
        key = name.split(":", 1)[1]
        if key not in out:
            value = clean_inline("".join(el.itertext())).strip()
            if value:
                out[key] = value
    return out


def _walk(root) -> str:
    pieces: list[str] = []
    add = pieces.append
    skipped = None  # the element whose subtree is being skipped
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):  # comments, PIs, entities left by the parser
            if event == "end" and el.tail:
                add(clean_inline(el.tail))
            continue
        if event == "start":
            if tag in _SKIP or _is_hidden(el):
                walker.skip_subtree()
                skipped = el
                continue
            if tag in _ROWS:
                add(ROW)
            elif tag in _BLOCK:
                add("\n")
            elif tag in _CELL:
                add("\t")
            elif tag == "br":
                add("\n")
            if el.text:
                add(clean_inline(el.text))
        else:
            if el is skipped:
                skipped = None
            elif tag in _ROWS:
                add(ROW)
            elif tag in _BLOCK:
                add("\n")
            elif tag in _CELL:
                add("\t")
            if el.tail:
                add(clean_inline(el.tail))
    return _assemble(pieces)


def _is_hidden(el) -> bool:
    style = el.get("style")
    return bool(style and "none" in style and _HIDDEN.search(style))


_SPACES = re.compile(r" {2,}")


_SEP_RUN = re.compile(r"([\t\n\x1e][\t\n\x1e ]*)")


def _assemble(pieces: list[str]) -> str:
    """Lines from the piece stream. In a run of separators a table-row boundary ends the line,
    else a cell boundary gives a tab (a paragraph inside a cell does not break its row), else a
    block boundary ends the line."""
    s = "".join(pieces)
    if _DROP.search(s):
        s = _DROP.sub("", s)
    parts = _SEP_RUN.split(s)
    lines: list[str] = []
    cells: list[str] = []
    for k, part in enumerate(parts):
        if k % 2 == 0:
            t = part.strip()
            if t:
                cells.append(_SPACES.sub(" ", t) if "  " in t else t)
            continue
        if ROW in part or "\t" not in part:
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
            self.pieces.append("\n")
        elif tag in _CELL:
            self.pieces.append("\t")

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
            self.pieces.append("\n")
        elif tag in _CELL:
            self.pieces.append("\t")

    def handle_data(self, data):
        if self.skip_tag is None and data:
            self.pieces.append(clean_inline(data))


def _flat_text(markup: str) -> str:
    reader = _FlatReader()
    reader.feed(markup)
    reader.close()
    return _assemble(reader.pieces)
