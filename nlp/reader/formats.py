"""Sniff what a file is from its bytes: binary or text, which encoding, which filing format.

Formats (``Filing.format``):
- ``sgml``: an EDGAR submission in SGML (``<SEC-DOCUMENT>``/``<SEC-HEADER>`` full submissions,
  the ``<SUBMISSION>`` dissemination ``.nc`` files, or a lone ``<DOCUMENT>`` block);
- ``html``: an HTML/XHTML (inline XBRL) document;
- ``lee``: the research-dataset rendering with ``FILE:``/``TIME:``/``EVENTS:``/``TEXT:`` lines;
- ``text``: any other plain-text rendering of a report (such as the seed).
"""

from __future__ import annotations

import re

# Magic numbers of binary formats a user may have lying next to filings.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\xca\xfe\xba\xbe", "Mach-O/Java binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O binary"),
    (b"SQLite format 3\x00", "SQLite database"),
)
# Byte-order marks of the Unicode encodings a saved filing may use; UTF-32's before UTF-16's,
# whose little-endian mark begins UTF-32-LE's
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
# Without a mark, text of mostly ASCII characters in UTF-16 or UTF-32 has NUL bytes at fixed
# places of each 2- or 4-byte unit: the unit size, and where its one non-NUL byte sits
_NUL_LAYOUTS: tuple[tuple[int, int, str], ...] = (
    (4, 3, "utf-32-be"),
    (4, 0, "utf-32-le"),
    (2, 1, "utf-16-be"),
    (2, 0, "utf-16-le"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def unicode_encoding(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` or ``utf-32-le``/``-be`` when ``data`` is text in one of them
    (by its byte-order mark, else by where its NUL bytes fall), or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    for unit, text_at, name in _NUL_LAYOUTS:
        sample_units = len(sample) // unit
        if sample_units < 8 or len(data) % unit:
            continue
        chars = sample[text_at::unit][:sample_units]
        zeros = sum(sample[k::unit][:sample_units].count(0) for k in range(unit) if k != text_at)
        # every other byte of the unit is NUL, and few of the character bytes are
        if zeros == (unit - 1) * sample_units and chars.count(0) <= sample_units // 10:
            return name
    return None


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is, or None when it looks like text."""
    head = data[:16]
    if head.startswith(b"MZ") and not data[:4096].lstrip().startswith(b"<"):
        return "Windows executable"
    for magic, kind in _MAGIC:
        if magic != b"MZ" and head.startswith(magic):
            return kind
    if unicode_encoding(data):
        return None  # UTF-16 or UTF-32 text; decoded below
    sample = data[:8192]
    if b"\x00" in sample:  # no EDGAR text format has NUL bytes: binary, or a corrupt download
        return "binary data (NUL bytes)"
    if sample and len(_CONTROL.findall(sample)) > len(sample) * 0.05:
        return "binary data (control bytes)"
    return None


def decode(data: bytes) -> tuple[str, str, bool]:
    """Decode bytes: UTF-16 or UTF-32 when they are (:func:`unicode_encoding`), else UTF-8
    (with or without BOM), else cp1252, else latin-1.

    Returns ``(text, encoding, lossy)``; ``lossy`` is True when the bytes were not valid in the
    encoding used (the caller flags a warning). Deterministic: same bytes, same text.
    """
    wide = unicode_encoding(data)
    if wide:
        bom = next((len(b) for b, name in _BOMS if name == wide and data.startswith(b)), 0)
        try:
            return data[bom:].decode(wide), wide, False
        except UnicodeDecodeError:
            return data[bom:].decode(wide, errors="replace"), wide, True
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252", False
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", True


_SGML_START = re.compile(
    r"<(SEC-DOCUMENT|SEC-HEADER|IMS-DOCUMENT|IMS-HEADER|SUBMISSION)>|ACCESSION NUMBER:", re.I
)
_LEE_START = re.compile(r"^\s*(?:<DOCUMENT>\s*)?FILE:[^\n]*\n\s*TIME:\s*\d+", re.I)
_DOC_START = re.compile(r"^\s*<DOCUMENT>\s*<TYPE>", re.I)
_HTML_START = re.compile(r"<(?:!DOCTYPE\s+html|html|\?xml|body|head|div|p|table|font)[\s>/]", re.I)
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
# What may precede a document's root element: blanks, an XML declaration, comments, a DOCTYPE
_PROLOG = re.compile(r"(?:\s+|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S | re.I)
_ROOT = re.compile(r"<(?:html|head|body)[\s>/]", re.I)


def _starts_as_html(text: str) -> bool:
    """The document's first element is ``<html>``, ``<head>`` or ``<body>`` (after an XML
    declaration, comments and a DOCTYPE). Its start tag may run on for many kilobytes (inline
    XBRL declares dozens of namespaces there), so no closed tag is required."""
    prolog = _PROLOG.match(text, 0, 100_000)
    return bool(_ROOT.match(text, prolog.end() if prolog else 0))


# the tags of an SGML submission: a key-value header without any of them is no submission
_SGML_TAG = re.compile(r"<(?:SEC-HEADER|IMS-HEADER|SUBMISSION|DOCUMENT|TYPE|TEXT)>", re.I)
_REPORT_TITLE = re.compile(r"(?im)^\s*FORM\s+8-K(?:/A)?\s*$|\bCURRENT\s+REPORT\b")


def _header_lines_over_a_report(text: str) -> bool:
    """ "ACCESSION NUMBER: ..." lines (a copy of EDGAR's header fields) above a whole report and
    no SGML tag anywhere: a text rendering, not a submission cut off after its header."""
    return not _SGML_TAG.search(text) and bool(_REPORT_TITLE.search(text))


def detect_format(text: str) -> str:
    """``sgml``, ``lee``, ``html`` or ``text``, from the content (never the file name)."""
    head = text[:4000]
    if _LEE_START.match(head):
        return "lee"
    if _SGML_START.search(head) or _DOC_START.match(head):
        return "text" if _header_lines_over_a_report(text) else "sgml"
    if _starts_as_html(text):
        return "html"
    stripped = head.lstrip()
    if _HTML_START.match(stripped[:200]) or _HTML_START.search(head):
        # a text rendering quoting one tag is still text: require some markup density
        if len(_TAG.findall(head)) >= 3:
            return "html"
    return "text"
