"""The document model every reader produces and every later stage relies on.

Offsets: ``Filing.text`` is the normalised text of the *report* (cover page, item sections,
signature, and the Item 9.01 exhibit index). Every ``start``/``end`` in this model and in the
extracted facts is a Python string index into ``Filing.text`` (half-open ``[start, end)``), so
``filing.text[start:end]`` is always the quoted evidence. Exhibits carry their own text with
offsets into ``Exhibit.text``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Header:
    """What the SGML header and the cover page say about the filing (None when not stated)."""

    accession: str | None = None
    form: str | None = None  # "8-K" or "8-K/A"
    cik: str | None = None  # 10 digits
    company_name: str | None = None  # registrant's name, cover page first, SGML header second
    conformed_name: str | None = None  # COMPANY CONFORMED NAME of the SGML header
    sic: str | None = None
    state_of_incorporation: str | None = None
    irs_ein: str | None = None
    commission_file_number: str | None = None
    address: str | None = None
    phone: str | None = None
    date_of_report: str | None = None  # ISO YYYY-MM-DD
    filing_date: str | None = None  # ISO YYYY-MM-DD
    header_items: list[str] = field(
        default_factory=list
    )  # item numbers from ITEM INFORMATION / EVENTS
    ticker: str | None = None  # when the file names it (research renderings' FILE: path)


@dataclass
class Item:
    """One item section of the report: ``text[start:end]`` is its heading and body."""

    number: str  # "1.01", "9.01"; pre-2004 reports "5", "7"
    title: str  # official title of the item
    start: int
    end: int
    heading_end: int  # where the heading stops and the body starts


@dataclass
class Exhibit:
    """An exhibit: listed in the Item 9.01 index and/or attached as its own document."""

    number: str | None  # "10.1", "99.1", "10(a)"
    type: str | None  # SGML <TYPE>, e.g. "EX-10.1"
    description: str | None
    filename: str | None = None
    text: str = ""  # the exhibit's own text when attached ("" when only listed)


@dataclass
class Signature:
    name: str | None
    title: str | None
    date: str | None  # ISO
    organization: str | None
    start: int
    end: int


@dataclass
class Filing:
    """One 8-K report read from one file."""

    path: str  # as given by the caller
    sha256: str  # of the file's bytes
    format: str  # "sgml", "html", "text", "lee" (research-dataset rendering)
    text: str  # report body text; all offsets point here
    header: Header = field(default_factory=Header)
    items: list[Item] = field(default_factory=list)
    exhibits: list[Exhibit] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    # Report prose before the first item heading: (start, end) into ``text``. It starts at the
    # first line of running text after the cover page's boilerplate (with the heading right
    # above it, e.g. "Introductory Note") and ends at the first item heading, or at the signature
    # block when no item heading was found (the research renderings lost theirs: there it is the
    # whole report). None when nothing but headings, tables or page furniture lies there. It
    # belongs to no item (``items[0].start`` is still the first heading); the text is in ``text``
    # either way.
    preamble: tuple[int, int] | None = None
    # Heading lines of the report, (start, end) into ``text``, sorted: every item heading
    # (wrapped title lines included) and sub-item headings inside item bodies ("(e) Compensatory
    # Arrangements of Certain Officers"). Their words are headings, never names: see in_heading.
    heading_spans: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # a flagged partial read says why here
    source_url: str | None = None
    encoding: str | None = None  # how the file's bytes were decoded: utf-8, cp1252, latin-1
    source_document: str | None = (
        None  # the SGML document the report text comes from (filename or type)
    )
    # Map back to the source: (text_start, source_start, length) runs, source offsets counted in
    # characters of the decoded file. Text renderings (text, lee, plain-text SGML) map every
    # character but the line breaks the normaliser inserts (a defined term a research rendering
    # printed on its own line is put back in its sentence and maps to that line). HTML reports
    # map the text found verbatim in the markup (a line, else each word, else each
    # letter-and-digit run of a word written with entities): ``text[t:t+n] == source[s:s+n]``
    # for every run, but for a line break or tab of the markup where the text has a space; a few
    # characters (entities such as "&amp;", separators the reader adds) have no run. An HTML
    # report's map is built the first time ``source_map`` is read.
    source_map: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def item_numbers(self) -> list[str]:
        """The items of the report, sorted by number, from the header and the body."""
        found = {i.number for i in self.items} | set(self.header.header_items)
        return sorted(found, key=_item_key)

    def in_heading(self, start: int, end: int) -> bool:
        """``text[start:end]`` overlaps a heading line (an item heading or a sub-item heading)."""
        k = bisect_right(self.heading_spans, (start, float("inf"))) - 1
        if k >= 0 and self.heading_spans[k][1] > start:
            return True
        return k + 1 < len(self.heading_spans) and self.heading_spans[k + 1][0] < end

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _item_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))
