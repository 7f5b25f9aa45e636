"""Read one 8-K filing, in any format EDGAR users keep, into the document model.

``read_filing(path)`` detects the format from the content (SGML submission, HTML / inline
XBRL, research-dataset rendering, plain-text rendering), builds the normalised report text
(cover, items, signature, Item 9.01 exhibit index; attached exhibits go to ``Exhibit.text``),
and reads the header, cover page, items, signatures and exhibits (``Filing.preamble`` marks the
report prose before the first item heading). Bad input raises a
:class:`~pactgraph.nlp.errors.ReaderError` subclass naming the file; a partial read is
returned with its reasons in ``Filing.warnings``.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import errors
from ..unwrap import unwrapped
from .cover import Cover, combined_cover_ids, normalise_state, parse_cover, preamble_span
from .dates import parse_date
from .document import Exhibit, Filing, Header, Item, Signature
from .exhibits import (
    LazyExhibit,
    first_exhibit_label,
    in_filing_order,
    leading_exhibit_label,
    number_from_type,
    number_key,
    parse_index,
    split_inline_exhibits,
)
from .formats import binary_kind, decode, detect_format
from .htmltext import LazyMapFiling, html_to_text
from .items import find_items, heading_spans, is_legacy_date, numbers_from_header
from .lifted_terms import restore_lifted_terms
from .registrant import registrant_from_text
from .sgml import SgmlDocument, Submission, parse_submission
from .signature import find_signature_start, find_signatures
from .textnorm import normalise_lines

MAX_BYTES = 60_000_000
# CPU seconds one file may take: the corpus's slowest file reads in well under a second
TIME_BUDGET = 30.0
# chars of the report searched for the registrant's name when no cover names it
_REGISTRANT_SCAN = 300_000
_INDEX_HEADING = re.compile(
    r"^[ \t*]*(?:EXHIBIT\s+INDEX|INDEX\s+TO\s+EXHIBITS|Exhibit\s+Index|Index\s+to\s+Exhibits)\b",
    re.M,
)
_LONE_CR = re.compile(r"\r(?!\n)")
# HTML, as opposed to EDGAR's plain-text documents whose only tags are <PAGE>, <TABLE>, <S>, <C>
_LOOKS_HTML = re.compile(
    r"<(?:html|body|div|p|font|br|span|b|i|center|td)[\s>/]|<!DOCTYPE\s+html", re.I
)
_NOT_TEXT_TYPES = re.compile(r"^(?:GRAPHIC|ZIP|XML|JSON|EXCEL|PDF|EX-101|EX-100|XBRL)", re.I)


@dataclass
class _Body:
    """The report part of a file before the common analysis."""

    text: str
    fmt: str
    header: Header = field(default_factory=Header)
    raw_items: list[str] = field(default_factory=list)  # header item titles / numbers
    exhibits: list[Exhibit] = field(default_factory=list)
    dei: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    source_document: str | None = None
    source_map: list[tuple[int, int, int]] = field(default_factory=list)
    full_text: str = ""  # the whole decoded file, for registrant fallbacks
    period: str | None = None  # CONFORMED PERIOD OF REPORT, a hint for the item era
    markup: tuple[str, int] | None = None  # an HTML report's markup and offset, for its map


def read_filing(
    path: str | os.PathLike,
    *,
    data: bytes | None = None,
    max_bytes: int = MAX_BYTES,
    exhibit_text: bool = True,
    time_budget: float | None = TIME_BUDGET,
) -> Filing:
    """Read the 8-K at ``path`` (or ``data``, its bytes, when given).

    ``max_bytes`` bounds the file size (checked with ``os.stat`` before reading; memory use
    stays within a few times the file size). ``exhibit_text=False`` lists attached exhibits
    without converting their text (faster when only the report is needed). ``time_budget``
    bounds the CPU seconds this thread spends reading the report (None: no bound): past it
    the file is refused with :class:`~pactgraph.nlp.errors.ReadTimeoutError`, so one
    pathological file cannot stall a batch."""
    shown = str(path)
    try:
        if data is None:
            data = _read_bytes(Path(path), max_bytes)
        elif len(data) > max_bytes:
            raise errors.FileTooLargeError(
                f"{len(data):,} bytes is over the {max_bytes:,}-byte limit", shown
            )
        return _read(shown, data, exhibit_text, _Budget(time_budget))
    except errors.PactgraphError as exc:
        if exc.path is None:
            exc.path = shown
            exc.args = (f"{shown}: {exc.reason}",)
        raise
    except RecursionError:
        raise errors.ReaderError("structure nested too deeply to read", shown) from None
    except MemoryError:
        raise errors.FileTooLargeError("not enough memory to read this file", shown) from None
    except Exception as exc:  # noqa: BLE001 - a reader must never leak a traceback
        raise errors.ReaderError(f"could not be read ({type(exc).__name__}: {exc})", shown) from exc


def _read_bytes(p: Path, max_bytes: int) -> bytes:
    try:
        st = os.stat(p)
    except FileNotFoundError:
        if os.path.islink(p):
            raise errors.UnreadableFileError("broken symbolic link", p) from None
        raise errors.UnreadableFileError("no such file", p) from None
    except OSError as exc:
        raise errors.UnreadableFileError(f"cannot be opened ({exc.strerror or exc})", p) from None
    if stat.S_ISDIR(st.st_mode):
        raise errors.UnreadableFileError("is a directory, not a file", p)
    if not stat.S_ISREG(st.st_mode):
        raise errors.UnreadableFileError("is not a regular file", p)
    if st.st_size > max_bytes:
        raise errors.FileTooLargeError(
            f"{st.st_size:,} bytes is over the {max_bytes:,}-byte limit", p
        )
    try:
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise errors.UnreadableFileError(f"cannot be read ({exc.strerror or exc})", p) from None
    if len(data) > max_bytes:
        raise errors.FileTooLargeError(f"over the {max_bytes:,}-byte limit", p)
    return data


class _Budget:
    """The CPU time left for reading one file; ``check()`` raises when it is spent. Thread CPU
    time, not wall time: a loaded machine does not make a good file fail."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.thread_time() + seconds

    def check(self) -> None:
        if self.deadline is not None and time.thread_time() > self.deadline:
            raise errors.ReadTimeoutError(
                f"reading took over its {self.seconds:g} s time budget: refused so that the "
                "other files go on (a pathological file, or raise the budget)"
            )


def _read(
    shown: str, data: bytes, exhibit_text: bool = True, budget: _Budget | None = None
) -> Filing:
    budget = budget or _Budget(None)
    if not data.strip():
        raise errors.EmptyFileError("file is empty" if not data else "file holds only blank space")
    kind = binary_kind(data)
    if kind:
        raise errors.BinaryFileError(f"binary file ({kind}), not a filing")
    text, encoding, lossy = decode(data)
    warnings: list[str] = []
    if encoding != "utf-8":
        warnings.append(_encoding_note(encoding, lossy))
    if "\x00" in text:
        text = text.replace("\x00", " ")
        warnings.append("NUL bytes in the file were read as spaces")
    if "\r" in text:
        # old Mac line ends (a lone CR) become line breaks; same length, so offsets hold
        text = _LONE_CR.sub("\n", text)
    fmt = detect_format(text)
    if fmt == "sgml":
        body = _sgml_body(text, exhibit_text, budget.check)
    elif fmt == "lee":
        body = _lee_body(text)
    elif fmt == "html":
        body = _html_body(text, budget.check)
    else:
        body = _text_body(text)
    budget.check()
    body.warnings[:0] = warnings
    body.full_text = text
    filing = _analyse(body, budget.check)
    budget.check()
    filing.path = shown
    filing.sha256 = hashlib.sha256(data).hexdigest()
    filing.encoding = encoding
    return filing


def _encoding_note(encoding: str, lossy: bool) -> str:
    """The warning for a file not in UTF-8: which encoding it was read in."""
    if encoding.startswith(("utf-16", "utf-32")):
        note = f"encoded in {encoding.upper()}, not UTF-8; decoded as {encoding.upper()}"
        return note + (" (some bytes were invalid and read as U+FFFD)" if lossy else "")
    return f"not valid UTF-8; decoded as {encoding}" + (
        " (some characters may be wrong)" if lossy else ""
    )


# ---------------------------------------------------------------- formats


def _doc_text(
    doc_body: str, source: str, start: int, check: Callable[[], None] | None = None
) -> tuple[str, list | tuple[str, int], list[str], dict]:
    """Text of one SGML document body (HTML or plain), with its map (for HTML, the markup and
    its offset, mapped when first asked for) and dei facts."""
    if _LOOKS_HTML.search(doc_body[:5000]):
        ht = html_to_text(doc_body, check=check)
        return ht.text, (doc_body, start), ht.warnings, ht.dei_facts
    text, segs = normalise_lines(source, start, start + len(doc_body))
    return text, segs, [], {}


def _is_8k(form: str | None) -> bool:
    return bool(form) and form.strip().upper().startswith("8-K")


def _sgml_body(
    text: str, exhibit_text: bool = True, check: Callable[[], None] | None = None
) -> _Body:
    """The report of an EDGAR submission: the text of its 8-K document, the SGML header's
    fields and the attached exhibits."""
    sub = parse_submission(text)
    form = sub.header.get("form") or sub.header.get("form_type")
    if form and not _is_8k(form):
        raise errors.WrongFormError(f"a {form} filing, not an 8-K")
    primary, warnings = _primary_document(sub, form)
    body_text, segs, text_warnings, dei = _primary_text(primary, text, check)
    exhibits = [
        _exhibit_from_doc(d, text, exhibit_text)
        for d in sub.documents
        if d is not primary and d.type and d.type.upper().startswith("EX-")
    ]
    markup = segs if isinstance(segs, tuple) else None
    return _Body(
        text=body_text,
        fmt="sgml",
        header=_sgml_header(sub.header, form or primary.type),
        raw_items=sub.items,
        exhibits=exhibits,
        dei=dei,
        warnings=warnings + text_warnings,
        source_map=[] if markup else segs,
        markup=markup,
        source_document=primary.filename or primary.type,
        period=parse_date(sub.header.get("period")),
    )


def _primary_document(sub: Submission, form: str | None) -> tuple[SgmlDocument, list[str]]:
    """The submission's 8-K document, with a warning when it had to be guessed; a submission
    without one is refused with the error that says what it holds instead."""
    if not sub.documents:
        if sub.has_header:
            raise errors.TruncatedFilingError(
                "SGML header without any <DOCUMENT>: the file is cut off"
            )
        raise errors.NotAFilingError("no SGML header or document found")
    primary = next((d for d in sub.documents if _is_8k(d.type)), None)
    if primary is not None:
        return primary, []
    return _untyped_primary(sub, form), [
        "no document of type 8-K; read the first document without a type"
    ]


def _untyped_primary(sub: Submission, form: str | None) -> SgmlDocument:
    """An 8-K submission's first document without a type, when no document is typed 8-K;
    raises the error for a submission that holds no 8-K report."""
    docs = sub.documents
    types = sorted({(d.type or "?") for d in docs})
    if sub.has_header and _is_8k(form):
        untyped = next((d for d in docs if not d.type), None)
        if untyped is not None:
            return untyped
        raise errors.NotAFilingError(
            f"an 8-K submission without its 8-K document (documents: {', '.join(types)})"
        )
    if not sub.has_header and all((d.type or "").upper().startswith("EX-") for d in docs):
        raise _exhibit_error(docs[0], types)
    if any(t and not t.upper().startswith(("EX-", "GRAPHIC", "ZIP", "XML")) for t in types):
        raise errors.WrongFormError(f"documents of type {', '.join(types)}, no 8-K")
    raise errors.NotAFilingError(f"documents of type {', '.join(types)}, no 8-K report")


def _primary_text(
    primary: SgmlDocument, source: str, check: Callable[[], None] | None
) -> tuple[str, list | tuple[str, int], list[str], dict]:
    """Text, map, warnings and dei facts of the 8-K document (see ``_doc_text``); a document
    cut off before any text is refused."""
    body_text, segs, warnings, dei = _doc_text(primary.body, source, primary.start, check)
    warnings = list(warnings)
    if not primary.complete:
        warnings.append(f"document {primary.type} is cut off (no closing tag): partial read")
        if not body_text.strip():
            raise errors.TruncatedFilingError("the 8-K document is cut off before any text")
    return body_text, segs, warnings, dei


def _sgml_header(h: dict[str, str], form: str | None) -> Header:
    """The filing's header fields as the SGML header states them (normalised keys)."""
    return Header(
        accession=h.get("accession"),
        form=form,
        cik=_cik(h.get("cik")),
        conformed_name=h.get("conformed_name"),
        sic=_sic(h.get("sic")),
        state_of_incorporation=h.get("state_of_incorporation"),
        irs_ein=_ein(h.get("irs_ein")),
        commission_file_number=h.get("commission_file_number"),
        address=_join_address(h),
        phone=h.get("phone"),
        filing_date=parse_date(h.get("filing_date")),
    )


def _exhibit_error(doc: SgmlDocument, types: list[str]) -> errors.ExhibitFileError:
    """A lone ``<DOCUMENT>`` of type EX-... (an exhibit saved from a submission on its own)."""
    what = ", ".join(types)
    desc = f" ({doc.description})" if doc.description and doc.description not in types else ""
    return errors.ExhibitFileError(
        f"an exhibit ({what}{desc}) saved on its own, not an 8-K report: read the filing's 8-K "
        "document or its full submission",
        exhibit_type=doc.type,
        exhibit_number=number_from_type(doc.type),
    )


def _exhibit_from_doc(d: SgmlDocument, source: str, with_text: bool = True) -> Exhibit:
    """An attached exhibit; its text is converted when first read (``LazyExhibit``)."""
    kind = "none"
    if with_text and not _NOT_TEXT_TYPES.match(d.type or "") and not _looks_uuencoded(d.body):
        kind = "html" if _LOOKS_HTML.search(d.body[:5000]) else "text"
    return LazyExhibit(
        body=d.body if kind != "none" else "",
        kind=kind,
        number=number_from_type(d.type),
        type=d.type,
        description=d.description,
        filename=d.filename,
    )


def _looks_uuencoded(body: str) -> bool:
    head = body.lstrip()[:200]
    return head.startswith("begin ") and bool(re.match(r"begin \d{3} ", head))


def _lee_body(text: str) -> _Body:
    header = Header(form="8-K")
    events: list[str] = []
    item_titles: list[str] = []
    m = re.search(r"^\s*FILE:\s*(\S+)", text, re.M)
    if m:
        path = m.group(1)
        tick = path.split("/")[0]
        if re.fullmatch(r"[A-Za-z.]{1,6}", tick):
            header.ticker = tick.upper()
        if re.search(r"8-?K/?A", path, re.I) and re.search(r"8KA|8-K/A", path, re.I):
            header.form = "8-K/A"
    t = re.search(r"^\s*TIME:\s*(\d{8})", text, re.M)
    if t:
        header.filing_date = parse_date(t.group(1))
    e = re.search(r"^\s*EVENTS:(.*)$", text, re.M)
    if e:
        events = [x.strip() for x in e.group(1).split("\t") if x.strip()]
    tx = re.search(r"^\s*TEXT:[ \t]*\n?", text, re.M)
    start = tx.end() if tx else (e.end() if e else 0)
    # the ITEM: lines right after TEXT: are metadata (item titles), not report text
    item_line = re.compile(r"[ \t]*ITEM:[ \t]*(.*)\n")
    while (im := item_line.match(text, start)) is not None:
        item_titles.append(im.group(1).strip())
        start = im.end()
    end_m = re.search(r"</DOCUMENT>\s*$", text)
    end = end_m.start() if end_m else len(text)
    warnings = [] if end_m else ["no closing </DOCUMENT>: the rendering may be cut off"]
    body_text, segs = restore_lifted_terms(*normalise_lines(text, start, end))
    body = _Body(
        text=body_text,
        fmt="lee",
        header=header,
        raw_items=events + item_titles,
        warnings=warnings,
        source_map=segs,
    )
    _split_inline_exhibits(body)
    return body


def _html_body(text: str, check: Callable[[], None] | None = None) -> _Body:
    ht = html_to_text(text, check=check)
    return _Body(
        text=ht.text, fmt="html", dei=ht.dei_facts, warnings=list(ht.warnings), markup=(text, 0)
    )


def _text_body(text: str) -> _Body:
    body_text, segs = normalise_lines(text)
    body = _Body(text=body_text, fmt="text", source_map=segs)
    _split_inline_exhibits(body)
    return body


def _split_inline_exhibits(body: _Body, by_paragraph: bool = True, sig: int | None = None) -> None:
    """Flattened renderings carry exhibits after the signature: cut them off the report.
    ``by_paragraph=False`` cuts only at an "Exhibit N" label line after the signature block
    starting at ``sig`` (an SGML or HTML report document with an exhibit typed into it)."""
    text = body.text
    if sig is None:
        sig = find_signature_start(text)
    if sig is None:
        return
    cut = _inline_exhibits_start(text, sig, by_paragraph)
    if cut is None:
        return
    body.exhibits.extend(_inline_exhibits(text, cut))
    body.text = text[:cut].rstrip()
    body.source_map = _clip_map(body.source_map, len(body.text))


def _inline_exhibits_start(text: str, sig: int, by_paragraph: bool) -> int | None:
    """Where the exhibits after the signature block starting at ``sig`` begin: the first
    "Exhibit N" label line, or (``by_paragraph``) an earlier long paragraph."""
    cut = first_exhibit_label(text, sig)
    sig_line_end = text.find("\n", sig)
    if by_paragraph and sig_line_end > 0:
        limit = cut if cut is not None else len(text)
        long_line = _first_long_paragraph(text, sig_line_end + 1, limit)
        if long_line is not None:
            cut = long_line
    return cut


def _first_long_paragraph(text: str, pos: int, limit: int) -> int | None:
    """Start of the first line over 250 chars from ``pos`` on (starting before ``limit``).
    Renderings that lost the exhibit heading: the first long paragraph after the signature
    lines starts the exhibit (a signature block is a few short lines)."""
    while pos < limit:
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        if nl - pos > 250:
            return pos
        pos = nl + 1
    return None


def _inline_exhibits(text: str, cut: int) -> list[Exhibit]:
    """The exhibits in ``text[cut:]``: one per "Exhibit N" part, and an unnumbered one for
    the text before the first part (or for all of it when no part is labelled)."""
    parts = _inline_exhibit_parts(text, cut)
    out: list[Exhibit] = []
    if not parts or parts[0][1] > cut:
        first_end = parts[0][1] if parts else len(text)
        out.append(
            Exhibit(number=None, type=None, description=None, text=text[cut:first_end].strip())
        )
    for num, s, e in parts:
        out.append(Exhibit(number=num, type=f"EX-{num}", description=None, text=text[s:e].strip()))
    return out


def _inline_exhibit_parts(text: str, cut: int) -> list[tuple[str, int, int]]:
    """(number, start, end) of the labelled exhibit parts from ``cut`` on."""
    parts = split_inline_exhibits(text, cut)
    if not parts:
        return parts
    listed = {e.number for e in parse_index(text, 0, cut)}
    if not listed:
        return in_filing_order(parts)
    # labels inside an exhibit ("Exhibit 2.3" of a credit agreement) are not new exhibits:
    # when the report lists its exhibits, split only at the listed numbers, once each
    return _parts_at_listed(parts, listed, len(text)) or parts


def _parts_at_listed(
    parts: list[tuple[str, int, int]], listed: set[str | None], text_end: int
) -> list[tuple[str, int, int]]:
    """The parts whose number the index lists (the first part of each number), each running
    to the next one kept; empty when the index lists none of them."""
    starts: list[tuple[str, int]] = []
    seen: set[str] = set()
    for num, s0, _ in parts:
        if num in listed and num not in seen:
            starts.append((num, s0))
            seen.add(num)
    ends = [s0 for _, s0 in starts[1:]] + [text_end]
    return [(num, s0, e) for (num, s0), e in zip(starts, ends)]


def _clip_map(source_map: list[tuple[int, int, int]], text_len: int) -> list[tuple[int, int, int]]:
    """The map runs inside the first ``text_len`` chars of the text, the last one clipped."""
    kept = []
    for t0, s0, n in source_map:
        if t0 >= text_len:
            break
        kept.append((t0, s0, min(n, text_len - t0)))
    return kept


# ---------------------------------------------------------------- analysis


def _analyse(body: _Body, check: Callable[[], None] | None = None) -> Filing:
    """What every format's report text gives: items, the header and cover fields, signatures,
    the exhibit index and the preamble. Refuses a file that is no 8-K report."""
    h = body.header
    legacy, items, cover = _items_and_cover(body, check)
    if not h.accession and not body.raw_items:
        _refuse_exhibit(body.text)
    h.form = _report_form(h.form, body.dei, cover, body.text, bool(items or body.raw_items))
    _fill_cover_fields(h, body.dei, cover, body.period)
    # after the last item's heading: its line may run on into the signature's words
    sig_start = find_signature_start(body.text, items[-1].heading_end if items else 0)
    if sig_start is not None and body.fmt in ("sgml", "html"):
        items = _cut_typed_exhibits(body, sig_start, items)
    text = body.text
    signatures = find_signatures(text, sig_start) if sig_start is not None else []
    h.company_name = _registrant_name(h, signatures, body, text)
    if h.company_name and not (h.state_of_incorporation and h.commission_file_number and h.irs_ein):
        _fill_combined_cover_ids(h, text[: items[0].start if items else 8000])
    h.state_of_incorporation = normalise_state(h.state_of_incorporation)
    for s in signatures:
        if s.organization is None:
            s.organization = h.company_name
    h.header_items = numbers_from_header(body.raw_items, legacy)
    unknown = _unknown_item_titles(body.raw_items, legacy)
    if unknown:
        body.warnings.append(f"item titles not in the catalogue: {unknown}")
    if items and sig_start is not None and items[-1].end > sig_start >= items[-1].heading_end:
        items[-1].end = sig_start
    index = _exhibit_index(text, items, sig_start, body.exhibits)
    exhibits = _merge_exhibits(index, body.exhibits)
    return _filing(body, text, items, exhibits, signatures, sig_start)


def _items_and_cover(
    body: _Body, check: Callable[[], None] | None
) -> tuple[bool | None, list[Item], Cover]:
    """The item era (True: pre-2004 numbering, None: unknown), the item sections, and the
    cover fields read before the first item heading."""
    text = body.text
    probe = parse_cover(text, None)
    date_hint = (
        body.header.filing_date or probe.date_of_report or _dei_date(body.dei) or body.period
    )
    legacy = is_legacy_date(date_hint)
    items = find_items(text, legacy, check=check)
    return legacy, items, parse_cover(text, items[0].start if items else None)


def _report_form(
    form: str | None, dei: dict[str, str], cover: Cover, text: str, has_items: bool
) -> str:
    """ "8-K" or "8-K/A": the SGML header's form, else the tagged or printed cover's; a file
    with no form, no item and no "Current Report" heading is refused, another form too."""
    form = form or dei.get("DocumentType") or cover.form
    if form and not _is_8k(form):
        raise errors.WrongFormError(f"a {form} document, not an 8-K")
    if not form:
        if not has_items and not re.search(r"CURRENT\s+REPORT", text[:5000], re.I):
            raise errors.NotAFilingError("no 8-K cover page, header or item headings found")
        form = "8-K"
    if form == "8-K" and (dei.get("AmendmentFlag", "").lower() == "true" or cover.form == "8-K/A"):
        form = "8-K/A"
    return form


def _cover_name(tagged: str | None, printed: str | None) -> str | None:
    """The tagged name, unless the printed cover spells the same name with its punctuation: a
    hidden tag may hold EDGAR's conformed name ("1 800 FLOWERS COM INC") while the cover shows
    the charter's ("1-800-FLOWERS.COM, INC."). A cover in capitals does not replace a tag in
    mixed case ("ORACLE CORP" for "Oracle Corp")."""
    same = bool(tagged and printed) and _letters(tagged) == _letters(printed)
    if same and (not printed.isupper() or tagged.isupper()):
        return printed
    return tagged or printed


def _letters(name: str) -> str:
    return re.sub(r"[\W_]+", "", name).lower()


def _fill_cover_fields(h: Header, dei: dict[str, str], cover: Cover, period: str | None) -> None:
    """The cover fields: inline XBRL facts, then the printed cover, then the SGML header."""
    # the SGML header's CONFORMED PERIOD OF REPORT is an 8-K's date of report as filed: used
    # when neither the tagged cover nor the printed one states a date
    h.date_of_report = _dei_date(dei) or cover.date_of_report or period
    h.company_name = _cover_name(dei.get("EntityRegistrantName"), cover.company_name)
    h.state_of_incorporation = (
        dei.get("EntityIncorporationStateCountryCode")
        or cover.state_of_incorporation
        or h.state_of_incorporation
    )
    # the file number as the cover prints it ("1-2360"); the tagged value and the SGML header
    # often pad it with zeros ("001-02360")
    h.commission_file_number = (
        cover.commission_file_number or dei.get("EntityFileNumber") or h.commission_file_number
    )
    h.irs_ein = _ein(dei.get("EntityTaxIdentificationNumber")) or _ein(cover.irs_ein) or h.irs_ein
    h.address = _dei_address(dei) or cover.address or h.address
    dei_phone = " ".join(v for k in ("CityAreaCode", "LocalPhoneNumber") if (v := dei.get(k)))
    h.phone = dei_phone or cover.phone or h.phone
    h.cik = h.cik or _cik(dei.get("EntityCentralIndexKey"))


def _dei_address(dei: dict[str, str]) -> str:
    """The tagged cover's address lines joined ("" when none is tagged)."""
    return ", ".join(
        v
        for k in (
            "EntityAddressAddressLine1",
            "EntityAddressAddressLine2",
            "EntityAddressCityOrTown",
            "EntityAddressStateOrProvince",
            "EntityAddressPostalZipCode",
        )
        if (v := dei.get(k))
    )


def _cut_typed_exhibits(body: _Body, sig_start: int, items: list[Item]) -> list[Item]:
    """An exhibit typed into the report document after its signature ("EXHIBIT 16.1") cut
    off the report; the items kept inside the shorter text."""
    before = len(body.text)
    _split_inline_exhibits(body, by_paragraph=False, sig=sig_start)
    end = len(body.text)
    if end >= before:
        return items
    items = [it for it in items if it.start < end]
    for it in items:
        it.end = min(it.end, end)
        it.heading_end = min(it.heading_end, it.end)
    return items


def _registrant_name(h: Header, signatures: list[Signature], body: _Body, text: str) -> str | None:
    """The registrant's name: the cover's, else the SGML header's, else the company a
    signature is made for, else one read from the report's first part (and its exhibits)."""
    signing = [s.organization for s in signatures if s.organization]
    name = h.company_name or h.conformed_name or (signing[0] if signing else None)
    if name:
        return name
    ex_text = "\n".join(e.text for e in body.exhibits[:3])
    # a report introduces its registrant early: the fallbacks read its first part only, with
    # its hard-wrapped lines read as one ("Larkspur\nInstruments Corporation (the "Company")")
    return registrant_from_text(
        unwrapped(text[:_REGISTRANT_SCAN]), ex_text or body.full_text[:200000], h.ticker
    )


def _fill_combined_cover_ids(h: Header, cover_region: str) -> None:
    """State, file number and EIN the header lacks, from the registrant's row of a cover
    naming several registrants."""
    ids = combined_cover_ids(cover_region, h.company_name or "")
    if ids:
        h.state_of_incorporation = h.state_of_incorporation or ids[0]
        h.commission_file_number = h.commission_file_number or ids[1]
        h.irs_ein = h.irs_ein or _ein(ids[2])


def _unknown_item_titles(raw_items: list[str], legacy: bool | None) -> str:
    """The header's item titles that name no catalogue item, sorted, "; "-joined."""
    unknown = {v for v in raw_items if v.strip() and not numbers_from_header([v], legacy)}
    return "; ".join(sorted(unknown))


def _exhibit_index(
    text: str, items: list[Item], sig_start: int | None, attached: list[Exhibit] = ()
) -> list[Exhibit]:
    """The exhibit index under Item 9.01 (or legacy Item 7), else one printed after the
    signature under an "Exhibit Index" heading ("See the Exhibit Index"). When the report
    prints both and only the later one numbers its exhibits as the submission's attached
    documents are typed ("1." under Item 7, "99.1" in the index and on the EX-99.1 document),
    the later one gives the numbers they are filed as."""
    index: list[Exhibit] = []
    for it in items:
        if it.number in ("9.01", "7"):
            index = parse_index(text, it.heading_end, it.end)
    if index and not attached:
        return index  # no typed document can prefer the later list
    m = _INDEX_HEADING.search(text, sig_start or 0)
    later = parse_index(text, m.start(), len(text)) if m else []
    if not index or _typed_as_attached(later, attached) > _typed_as_attached(index, attached):
        return later
    return index


def _typed_as_attached(index: list[Exhibit], attached: list[Exhibit]) -> int:
    """How many of the index's numbers an attached document is typed with."""
    typed = {number_key(e.number) for e in attached if e.number}
    return sum(number_key(e.number) in typed for e in index if e.number)


def _filing(
    body: _Body,
    text: str,
    items: list[Item],
    exhibits: list[Exhibit],
    signatures: list[Signature],
    sig_start: int | None,
) -> Filing:
    """The ``Filing`` (path and hash filled in by the caller); an HTML report's source map is
    built when first read."""
    first = items[0].start if items else (sig_start if sig_start is not None else len(text))
    fields = {
        "path": "",
        "sha256": "",
        "format": body.fmt,
        "text": text,
        "header": body.header,
        "items": items,
        "exhibits": exhibits,
        "signatures": signatures,
        "preamble": preamble_span(text, first),
        "heading_spans": heading_spans(text, items),
        "warnings": body.warnings,
        "source_document": body.source_document,
    }
    if body.markup is not None:
        return LazyMapFiling(markup=body.markup[0], base=body.markup[1], **fields)
    return Filing(source_map=body.source_map, **fields)


# an 8-K cover page's own lines (a press release may say "Current Report on Form 8-K" in a
# sentence: the heading is a line of its own)
_REPORT_COVER = re.compile(
    r"^[ \t]*CURRENT\s+REPORT[ \t]*$|Date\s+of\s+(?:Report|earliest\s+event)"
    r"|Exact\s+name\s+of\s+(?:the\s+)?registrant",
    re.I | re.M,
)


def _refuse_exhibit(text: str) -> None:
    """A file that opens with an exhibit label ("Exhibit 99.1") and has no 8-K cover is an
    exhibit saved on its own (a press release, a contract), not a report."""
    label = leading_exhibit_label(text)
    if label is None or _REPORT_COVER.search(text[:8000]):
        return
    raise errors.ExhibitFileError(
        f"an exhibit (Exhibit {label}) saved on its own, not an 8-K report: it has no 8-K cover "
        "page; read the filing's 8-K document or its full submission",
        exhibit_type=f"EX-{label}",
        exhibit_number=label,
    )


def _merge_exhibits(index: list[Exhibit], attached: list[Exhibit]) -> list[Exhibit]:
    by_num = {number_key(e.number): e for e in attached if e.number}
    out: list[Exhibit] = []
    used: set[int] = set()
    for e in index:
        a = by_num.get(number_key(e.number)) if e.number else None
        if a is not None and id(a) not in used:
            used.add(id(a))
            a.description = e.description or a.description  # the index's words, else <DESCRIPTION>
            a.number = e.number  # as the report writes it: "2(a)" for a document typed EX-2.A
            out.append(a)
        else:
            out.append(e)
    out.extend(a for a in attached if id(a) not in used)
    return out


def _dei_date(dei: dict[str, str]) -> str | None:
    return parse_date(dei.get("DocumentPeriodEndDate"))


def _cik(v: str | None) -> str | None:
    if not v:
        return None
    digits = re.sub(r"\D", "", v)
    return digits.zfill(10) if digits and len(digits) <= 10 else None


def _sic(v: str | None) -> str | None:
    if not v:
        return None
    m = re.search(r"\d{4}", v)
    return m.group(0) if m else None


def _ein(v: str | None) -> str | None:
    if not v:
        return None
    digits = re.sub(r"\D", "", v)
    if len(digits) == 9:
        return f"{digits[:2]}-{digits[2:]}"
    return None


def _join_address(h: dict[str, str]) -> str | None:
    parts = [h.get(k) for k in ("street1", "street2", "city")]
    state_zip = " ".join(x for x in (h.get("state"), h.get("zip")) if x)
    parts.append(state_zip)
    s = ", ".join(p for p in parts if p)
    return s or None
