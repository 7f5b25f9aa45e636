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
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is, or None when it looks like text."""
    head = data[:16]
    if head.startswith(b"MZ") and not data[:4096].lstrip().startswith(b"<"):
        return "Windows executable"
    for magic, kind in _MAGIC:
        if magic != b"MZ" and head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text; decoded below
    sample = data[:8192]
    if b"\x00" in sample:  # no EDGAR text format has NUL bytes: binary, or a corrupt download
        return "binary data (NUL bytes)"
    if sample and len(_CONTROL.findall(sample)) > len(sample) * 0.05:
        return "binary data (control bytes)"
    return None


def decode(data: bytes) -> tuple[str, str, bool]:
    """Decode bytes: UTF-8 (with or without BOM), else cp1252, else latin-1.

    Returns ``(text, encoding, lossy)``; ``lossy`` is True when the bytes were not valid in the
    first encodings tried (the caller flags a warning). Deterministic: same bytes, same text.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", False
        except UnicodeDecodeError:
            pass
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


def detect_format(text: str) -> str:
    """``sgml``, ``lee``, ``html`` or ``text``, from the content (never the file name)."""
    head = text[:4000]
    if _LEE_START.match(head):
        return "lee"
    if _SGML_START.search(head) or _DOC_START.match(head):
        return "sgml"
    if _starts_as_html(text):
        return "html"
    stripped = head.lstrip()
    if _HTML_START.match(stripped[:200]) or _HTML_START.search(head):
        # a text rendering quoting one tag is still text: require some markup density
        if len(_TAG.findall(head)) >= 3:
            return "html"
    return "text"
