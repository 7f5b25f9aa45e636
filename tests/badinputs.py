"""A catalogue of bad inputs, as data: what a user may point pactgraph at, and what must happen.

Each :class:`BadInput` has a ``name``, a ``make(tmp_dir) -> Path`` that writes the input into a
temporary folder (or makes the path: a directory, a broken link, a FIFO...), and the expected
outcome:

- ``expect`` an error class of :mod:`pactgraph.nlp.errors`: ``read_filing`` raises it (or a
  subclass), naming the file, in one line;
- ``expect = PARTIAL``: the file is read, and ``Filing.warnings`` says why the read is partial;
- ``expect = READ``: the file is read (warnings allowed), and ``check(filing, facts)`` holds;
- ``expect = SAFE``: a typed ``ReaderError`` or a read whose ``check`` holds (the entry is about
  safety, e.g. no entity expansion, and either outcome is right).

For every input that is read, ``extract_facts`` must run too, and its facts must be sound: every
evidence span equals ``filing.text[start:end]``, no stake outside 0-100, no impossible date.
``check`` (when given) adds what the input is about: no secret file content in the text, no
control characters in names, and so on.

The catalogue is used by ``tests/test_bad_inputs.py`` (every entry), the CLI tests there (a few
entries), and ``benchmarks/fuzz.py`` (as seeds).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import math
import os
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pactgraph.nlp import errors

PARTIAL = "partial"
READ = "read"
# either a typed ReaderError or a read whose checks hold (the input is only about safety)
SAFE = "safe"
SECRET = "PACTGRAPH-SECRET-c0ffee-91d2"

# --------------------------------------------------------------------------- building blocks

COVER = """UNITED STATES
SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549
FORM {form}
CURRENT REPORT
Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934
Date of Report (Date of earliest event reported): {date}
{name}
(Exact name of registrant as specified in its charter)
Delaware\t001-34567\t98-7654321
(State or other jurisdiction of incorporation)\t(Commission File Number)\t(IRS Employer Identification No.)
"""

ITEM_101 = """Item 1.01 Entry into a Material Definitive Agreement.
On {agreement_date}, {name_prose} (the "Company") entered into a Supply Agreement (the "Supply Agreement") with Borealis Components GmbH ("Borealis"). {extra}
Borealis, a {pct} shareholder of the Company, will supply wafers to the Company for five years.
"""

ITEM_901 = """Item 9.01 Financial Statements and Exhibits.
(d) Exhibits
10.1\tSupply Agreement dated {agreement_date}, between {name_prose} and Borealis Components GmbH.
"""

SIGNATURE = """SIGNATURES
Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this report to be signed on its behalf by the undersigned hereunto duly authorized.
{name}
Date: {date}
By: /s/ {signer}
Name: {signer}
Title: Chief Executive Officer
"""


def report(
    *,
    form: str = "8-K",
    date: str = "March 3, 2010",
    name: str = "NORTHWIND SOLAR, INC.",
    name_prose: str = "Northwind Solar, Inc.",
    agreement_date: str = "March 1, 2010",
    pct: str = "roughly 23%",
    extra: str = "",
    signer: str = "Jane Q. Doe",
    items: str | None = None,
) -> str:
    """A small plain-text 8-K report; every part can be replaced."""
    fields = {
        "form": form,
        "date": date,
        "name": name,
        "name_prose": name_prose,
        "agreement_date": agreement_date,
        "pct": pct,
        "extra": extra,
        "signer": signer,
    }
    body = items if items is not None else (ITEM_101 + ITEM_901).format(**fields)
    return COVER.format(**fields) + body + SIGNATURE.format(**fields)


def sgml(
    body: str, *, form: str = "8-K", doc_type: str = "8-K", close: bool = True, extra_docs: str = ""
) -> str:
    """A full EDGAR submission around ``body``."""
    out = (
        "<SEC-DOCUMENT>0000000000-10-000001.txt : 20100303\n"
        "<SEC-HEADER>0000000000-10-000001.hdr.sgml : 20100303\n"
        "ACCESSION NUMBER:\t\t0000000000-10-000001\n"
        f"CONFORMED SUBMISSION TYPE:\t{form}\nPUBLIC DOCUMENT COUNT:\t\t1\n"
        "CONFORMED PERIOD OF REPORT:\t20100303\n"
        "ITEM INFORMATION:\t\tEntry into a Material Definitive Agreement\n"
        "ITEM INFORMATION:\t\tFinancial Statements and Exhibits\n"
        "FILED AS OF DATE:\t\t20100303\n\nFILER:\n\n\tCOMPANY DATA:\t\n"
        "\t\tCOMPANY CONFORMED NAME:\t\t\tNORTHWIND SOLAR INC\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0000123456\n"
        "</SEC-HEADER>\n"
        f"<DOCUMENT>\n<TYPE>{doc_type}\n<SEQUENCE>1\n<FILENAME>d8k.txt\n"
        f"<DESCRIPTION>FORM {doc_type}\n<TEXT>\n{body}"
    )
    if close:
        out += "</TEXT>\n</DOCUMENT>\n" + extra_docs + "</SEC-DOCUMENT>\n"
    return out


def html(body_text: str, *, head: str = "", doctype: str = "<!DOCTYPE html>") -> str:
    """An HTML document with one paragraph per line of ``body_text``."""
    paras = "".join(f"<p>{_esc(line)}</p>\n" for line in body_text.splitlines())
    return f"{doctype}<html><head><title>8-K</title>{head}</head><body>\n{paras}</body></html>\n"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("d8k.txt", report())
    return buf.getvalue()


def _pdf() -> bytes:
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _elf() -> bytes:
    return (
        b"\x7fELF\x02\x01\x01\x00"
        + b"\x00" * 8
        + struct.pack("<HHI", 2, 62, 1)
        + os.urandom(0)
        + b"\x00" * 400
    )


# --------------------------------------------------------------------------- the entries


@dataclass(frozen=True)
class BadInput:
    name: str
    make: Callable[[Path], Path]
    expect: Any  # an errors.* class, PARTIAL, READ or SAFE
    why: str  # what the entry is about, for the report
    check: Callable[[Any, dict], None] | None = None  # (filing, facts) -> asserts
    skip: Callable[[], str | None] | None = None  # a reason to skip, or None
    cli: bool = False  # also run through `pactgraph extract` in a subprocess
    heavy: bool = False  # big file: run once, not fuzzed


def _w(name: str, data: bytes | str | Callable[[], bytes | str]) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        p = tmp / name
        value = data() if callable(data) else data
        p.write_bytes(value.encode("utf-8") if isinstance(value, str) else value)
        return p

    return make


def _sparse(name: str, size: int, head: bytes = b"") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        p = tmp / name
        with open(p, "wb") as fh:
            fh.write(head)
            fh.truncate(size)  # sparse: no disk blocks, created instantly
        return p

    return make


def _big_text(name: str, size: int) -> Callable[[Path], Path]:
    """A real-looking report of ``size`` bytes: a long Item 8.01 of plain prose."""

    def make(tmp: Path) -> Path:
        para = (
            "The Company continues to evaluate its options with respect to the facility and will "
            "report further developments as required. " * 8 + "\n"
        )
        head = report()
        cut = head.index("Item 9.01")
        p = tmp / name
        with open(p, "w", encoding="utf-8") as fh:
            fh.write(head[:cut] + "Item 8.01 Other Events.\n")
            n = max(0, size - len(head)) // len(para)
            block = para * 1000
            fh.writelines(block for _ in range(n // 1000))
            fh.write(para * (n % 1000))
            fh.write(head[cut:])
        return p

    return make


def _directory(tmp: Path) -> Path:
    p = tmp / "filing.txt"
    p.mkdir()
    return p


def _broken_link(tmp: Path) -> Path:
    p = tmp / "link.txt"
    p.symlink_to(tmp / "deleted-filing.txt")
    return p


def _link_loop(tmp: Path) -> Path:
    a, b = tmp / "a.txt", tmp / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


def _missing(tmp: Path) -> Path:
    return tmp / "no-such-filing.txt"


def _fifo(tmp: Path) -> Path:
    p = tmp / "pipe.txt"
    os.mkfifo(p)
    return p


def _device(tmp: Path) -> Path:
    p = tmp / "zero.txt"
    p.symlink_to("/dev/zero")
    return p


def _unreadable(tmp: Path) -> Path:
    p = tmp / "locked.txt"
    p.write_text(report())
    p.chmod(0)
    return p


def _root_skip() -> str | None:
    if os.name == "posix" and os.geteuid() == 0:
        return (
            "running as root: chmod 000 does not stop root from reading "
            "(FIFO, device and link cases cover unreadable paths)"
        )
    return None


def _secret(tmp: Path) -> Path:
    s = tmp / "secret.txt"
    s.write_text(SECRET)
    return s


def _xxe_sgml(tmp: Path) -> Path:
    secret = _secret(tmp)
    doc = (
        f'<?xml version="1.0"?>\n<!DOCTYPE html [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        + "".join(f"<p>{_esc(line)}</p>" for line in report().splitlines())
        + "<p>Leak: &xxe;</p></body></html>"
    )
    p = tmp / "xxe-sgml.txt"
    p.write_text(sgml(doc))
    return p


def _xxe_xhtml(tmp: Path) -> Path:
    secret = _secret(tmp)
    doc = (
        f'<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE html [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> '
        f'<!ENTITY % pe SYSTEM "{secret.as_uri()}"> %pe; ]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body>'
        + "".join(f"<p>{_esc(line)}</p>" for line in report().splitlines())
        + "<p>Leak: &xxe;</p>"
        '<p><ix:nonNumeric name="dei:EntityRegistrantName">&xxe;</ix:nonNumeric></p>'
        + "</body></html>"
    )
    p = tmp / "xxe.htm"
    p.write_text(doc)
    return p


def _xinclude(tmp: Path) -> Path:
    secret = _secret(tmp)
    doc = (
        '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:xi="http://www.w3.org/2001/XInclude"><body>'
        + "".join(f"<p>{_esc(line)}</p>" for line in report().splitlines())
        + f'<p><xi:include href="{secret.as_uri()}" parse="text"/></p></body></html>'
    )
    p = tmp / "xinclude.htm"
    p.write_text(doc)
    return p


def _external_dtd(tmp: Path) -> Path:
    secret = _secret(tmp)
    dtd = tmp / "evil.dtd"
    dtd.write_text(f"<!ENTITY % all \"<!ENTITY leak SYSTEM '{secret.as_uri()}'>\"> %all;")
    doc = (
        f'<?xml version="1.0"?>\n<!DOCTYPE html SYSTEM "{dtd.as_uri()}">\n'
        "<html><body>"
        + "".join(f"<p>{_esc(line)}</p>" for line in report().splitlines())
        + "<p>&leak;</p></body></html>"
    )
    p = tmp / "dtd.htm"
    p.write_text(doc)
    return p


def _entity_bomb() -> str:
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE html [\n' + "\n".join(ents) + "\n]>\n"
        "<html><body>"
        + "".join(f"<p>{_esc(line)}</p>" for line in report().splitlines())
        + "<p>&lol9;</p></body></html>"
    )


def _quadratic_blowup() -> str:
    big = "A" * 100_000
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE html [ <!ENTITY a "' + big + '"> ]>\n'
        "<html><body>"
        + "".join(f"<p>{_esc(line)}</p>" for line in report().splitlines())
        + "<p>"
        + "&a;" * 2000
        + "</p></body></html>"
    )


def _deep_html() -> str:
    depth = 100_000
    return (
        "<html><body>"
        + "<div>" * depth
        + "".join(f"<p>{_esc(x)}</p>" for x in report().splitlines())
        + "</div>" * depth
        + "</body></html>"
    )


def _deep_unclosed_html() -> str:
    # 10^5 unclosed <b> tags: never closed at all
    return (
        "<html><body>" + "<b><i>" * 50_000 + "".join(f"<p>{_esc(x)}" for x in report().splitlines())
    )


def _huge_attribute() -> str:
    lines = report().splitlines()
    attr = "x" * 20_000_000
    return (
        "<html><body>"
        + "".join(f"<p>{_esc(x)}</p>" for x in lines[:10])
        + f'<div title="{attr}" data-x="{attr[:1000]}">note</div>'
        + "".join(f"<p>{_esc(x)}</p>" for x in lines[10:])
        + "</body></html>"
    )


def _unclosed_tags() -> str:
    return "<html><body><div><table><tr><td>" + "".join(
        f"<p><b>{_esc(line)}<font>" for line in report().splitlines()
    )


def _unclosed_comment() -> str:
    lines = report().splitlines()
    return (
        "<html><body>"
        + "".join(f"<p>{_esc(x)}</p>" for x in lines[:12])
        + "<!-- draft: "
        + "".join(f"<p>{_esc(x)}</p>" for x in lines[12:])
    )


def _unclosed_script() -> str:
    lines = report().splitlines()
    return (
        "<html><body>"
        + "".join(f"<p>{_esc(x)}</p>" for x in lines[:12])
        + "<script>var a = 1;"
        + "".join(f"<p>{_esc(x)}</p>" for x in lines[12:])
    )


def _thousand_items() -> str:
    nums = [f"{a}.{b:02d}" for a in range(1, 10) for b in range(1, 9)]
    parts = []
    for k in range(1000):
        n = nums[k % len(nums)]
        parts.append(
            f"Item {n} Heading number {k}.\nOn March 1, 2010, the Company did thing {k}.\n"
        )
    return report(items="".join(parts))


def _many_agreements() -> str:
    sents = []
    for k in range(10_000):
        sents.append(
            f"On March 1, 2010, the Company entered into Supply Agreement No. {k} with "
            f'Vendor {k} Holdings LLC (the "Vendor {k}").'
        )
    body = (
        "Item 1.01 Entry into a Material Definitive Agreement.\n"
        + " ".join(sents)
        + "\n"
        + ITEM_901.format(agreement_date="March 1, 2010", name_prose="Northwind Solar, Inc.")
    )
    return report(items=body)


def _many_documents() -> str:
    docs = "".join(
        f"<DOCUMENT>\n<TYPE>EX-99.{k}\n<SEQUENCE>{k + 2}\n<FILENAME>ex99{k}.txt\n<TEXT>\n"
        f"Press release number {k}.\n</TEXT>\n</DOCUMENT>\n"
        for k in range(10_000)
    )
    return sgml(report(), extra_docs=docs)


def _long_line() -> str:
    r = report()
    cut = r.index("Item 9.01")
    return r[:cut] + "Item 8.01 Other Events.\n" + ("word " * 2_000_000) + "\n" + r[cut:]


def _mixed_encoding() -> bytes:
    r = report(extra="The parties’ obligations are described below.")
    half = len(r) // 2
    return r[:half].encode("utf-8") + r[half:].encode("cp1252")


def _undecodable() -> bytes:
    return (
        report().encode("utf-8")
        + b"\nfootnote \x81\x8d\x8f\x90\x9d\xc3\x28\xa0\xa1\xf0\x28\x8c\xbc\n"
    )


def _utf16() -> bytes:
    return report().encode("utf-16")


def _bad_utf8_sequences() -> bytes:
    # overlong encodings, surrogates encoded in UTF-8, a cut multi-byte character
    return (
        report()
        .replace("wafers", "wafers \xc0\xaf \xed\xa0\x80 \xe2\x82")
        .encode("latin-1", "replace")
    )


def _gzip_filing() -> bytes:
    return gzip.compress(sgml(report()).encode())


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def _names(facts: dict) -> list[str]:
    out = [facts["filing"]["registrant"].get("name") or ""]
    for a in facts["agreements"]:
        out += [a.get("title") or ""] + list(a.get("parties") or [])
    for s in facts["stakes"]:
        out += [s["holder"], s["target"]]
    for p in facts["people"]:
        out += [p.get("name") or "", p.get("title") or "", p.get("organization") or ""]
    return out


def _no_control_in_names(filing, facts: dict) -> None:
    bad = [n for n in _names(facts) if _CONTROL.search(n)]
    assert not bad, f"names with control characters: {bad!r}"


def _no_bidi_in_names(filing, facts: dict) -> None:
    bad = [n for n in _names(facts) if _BIDI.search(n)]
    assert not bad, f"names with bidirectional control characters: {bad!r}"


def _secret_not_read(filing, facts: dict) -> None:
    blob = (
        filing.text + "".join(e.text for e in filing.exhibits) + repr(facts) + repr(filing.header)
    )
    assert SECRET not in blob, "the content of a local file was read through an XML entity"


def _no_stake_percent(*forbidden: float) -> Callable[[Any, dict], None]:
    def check(filing, facts: dict) -> None:
        got = [s["percent"] for s in facts["stakes"]]
        bad = [p for p in got if p in forbidden]
        assert not bad, (
            f"stake percent {bad} read from a malformed percentage (stakes: {facts['stakes']})"
        )

    return check


def _text_has(*needles: str) -> Callable[[Any, dict], None]:
    def check(filing, facts: dict) -> None:
        for n in needles:
            assert n in filing.text, f"{n!r} lost from the text"

    return check


def _items_include(*numbers: str) -> Callable[[Any, dict], None]:
    def check(filing, facts: dict) -> None:
        got = filing.item_numbers
        missing = [n for n in numbers if n not in got]
        assert not missing or filing.warnings, (
            f"items {missing} lost without a warning (items: {got})"
        )

    return check


def _all(*checks: Callable[[Any, dict], None]) -> Callable[[Any, dict], None]:
    def check(filing, facts: dict) -> None:
        for c in checks:
            c(filing, facts)

    return check


CATALOGUE: list[BadInput] = [
    # ---- empty and binary
    BadInput("empty-file", _w("empty.txt", b""), errors.EmptyFileError, "zero bytes", cli=True),
    BadInput(
        "blank-file",
        _w("blank.txt", b"  \n\t\r\n \x0c \n"),
        errors.EmptyFileError,
        "only white space",
    ),
    BadInput("pdf", _w("filing.pdf", _pdf()), errors.BinaryFileError, "a PDF", cli=True),
    BadInput("zip", _w("filing.zip", _zip), errors.BinaryFileError, "a ZIP archive of a filing"),
    BadInput("png", _w("logo.png", _png), errors.BinaryFileError, "a PNG image"),
    BadInput("elf", _w("a.out", _elf), errors.BinaryFileError, "an ELF executable"),
    BadInput("gzip", _w("filing.txt.gz", _gzip_filing), errors.BinaryFileError, "a gzipped filing"),
    BadInput(
        "random-bytes",
        _w("noise.txt", bytes(range(256)) * 64),
        errors.BinaryFileError,
        "random bytes",
    ),
    BadInput(
        "nul-bytes-in-text",
        _w("nul.txt", report().replace("Item 1.01", "Item\x00 1.01").encode()),
        errors.BinaryFileError,
        "a text filing with NUL bytes (a corrupt download)",
    ),
    BadInput(
        "not-a-filing",
        _w("fox.txt", "The quick brown fox jumps over the lazy dog.\n" * 200),
        errors.NotAFilingError,
        "plain prose, no filing",
        cli=True,
    ),
    BadInput(
        "csv-file",
        _w("data.txt", "cik,name,date\n" + "320193,Apple Inc.,2010-01-01\n" * 500),
        errors.NotAFilingError,
        "a CSV table",
    ),
    BadInput(
        "json-file",
        _w("facts.txt", '{"schema": "pactgraph.facts/v1", "agreements": []}\n'),
        errors.NotAFilingError,
        "a JSON document",
    ),
    # ---- SGML submissions
    BadInput(
        "sgml-header-only",
        _w("cut.txt", lambda: sgml(report())[: sgml(report()).index("<DOCUMENT>")]),
        errors.TruncatedFilingError,
        "SGML cut off after the header",
        cli=True,
    ),
    BadInput(
        "sgml-cut-in-tag",
        _w("cut2.txt", lambda: sgml(report())[: sgml(report()).index("<DOCUMENT>") + 5]),
        errors.TruncatedFilingError,
        "SGML cut off inside the <DOCUMENT> tag",
    ),
    BadInput(
        "sgml-cut-before-text",
        _w("cut3.txt", lambda: sgml(report())[: sgml(report()).index("<TEXT>") + 7]),
        errors.TruncatedFilingError,
        "SGML cut off right after <TEXT>",
    ),
    BadInput(
        "sgml-cut-mid-report",
        _w("cut4.txt", lambda: sgml(report())[: sgml(report()).index("Item 9.01")]),
        PARTIAL,
        "SGML cut off in the middle of the report",
    ),
    BadInput(
        "sgml-no-8k-document",
        _w("ex.txt", lambda: sgml("Press release.\nAcme had a good year.\n", doc_type="EX-99.1")),
        errors.NotAFilingError,
        "an 8-K submission holding only an EX-99.1",
    ),
    BadInput(
        "sgml-10-k",
        _w("10k.txt", lambda: sgml(report(form="10-K"), form="10-K", doc_type="10-K")),
        errors.WrongFormError,
        "a 10-K submission",
        cli=True,
    ),
    BadInput(
        "sgml-s-1",
        _w("s1.txt", lambda: sgml(report(form="S-1"), form="S-1", doc_type="S-1")),
        errors.WrongFormError,
        "an S-1 submission",
    ),
    BadInput(
        "sgml-10000-documents",
        _w("many.txt", _many_documents),
        READ,
        "an 8-K submission with 10,000 exhibit documents",
        check=_items_include("1.01", "9.01"),
    ),
    # ---- wrong forms outside SGML
    BadInput(
        "html-10-k",
        _w("10k.htm", lambda: html(report(form="10-K").replace("CURRENT REPORT", "ANNUAL REPORT"))),
        errors.WrongFormError,
        "an HTML 10-K",
    ),
    BadInput(
        "text-s-1",
        _w(
            "s1.txt",
            lambda: report(form="S-1").replace(
                "CURRENT REPORT", "REGISTRATION STATEMENT UNDER THE SECURITIES ACT OF 1933"
            ),
        ),
        errors.WrongFormError,
        "a text S-1",
    ),
    # ---- HTML
    BadInput(
        "html-unclosed-tags",
        _w("unclosed.htm", _unclosed_tags),
        READ,
        "HTML whose tags are never closed",
        check=_items_include("1.01", "9.01"),
    ),
    BadInput(
        "html-unclosed-comment",
        _w("comment.htm", _unclosed_comment),
        READ,
        "an HTML comment that never ends (swallows the rest)",
        check=_items_include("1.01", "9.01"),
    ),
    BadInput(
        "html-unclosed-script",
        _w("script.htm", _unclosed_script),
        READ,
        "a <script> that never ends",
        check=_items_include("1.01", "9.01"),
    ),
    BadInput(
        "html-deep-nesting",
        _w("deep.htm", _deep_html),
        PARTIAL,
        "10^5 nested <div>",
        check=_items_include("1.01", "9.01"),
    ),
    BadInput(
        "html-deep-unclosed",
        _w("deep2.htm", _deep_unclosed_html),
        READ,
        "10^5 unclosed inline tags",
        check=_items_include("1.01", "9.01"),
    ),
    BadInput(
        "html-huge-attribute",
        _w("attr.htm", _huge_attribute),
        READ,
        "a 20 MB attribute value",
        check=_items_include("1.01", "9.01"),
        heavy=True,
    ),
    BadInput(
        "html-entity-bomb",
        _w("bomb.htm", _entity_bomb),
        READ,
        "billion laughs in the internal DTD subset",
        check=_all(
            _items_include("1.01", "9.01"),
            lambda f, facts: _assert(f.text.count("lol") < 1000, "entities were expanded"),
        ),
    ),
    BadInput(
        "html-quadratic-blowup",
        _w("blowup.htm", _quadratic_blowup),
        SAFE,
        "one 100 kB entity referenced 2,000 times",
        check=lambda f, facts: _assert(len(f.text) < 50_000_000, "quadratic blow-up expanded"),
    ),
    # ---- XML: external entities, DTDs
    BadInput(
        "xhtml-xxe",
        _xxe_xhtml,
        READ,
        "XHTML with a SYSTEM entity on a local secret file",
        check=_secret_not_read,
    ),
    BadInput(
        "sgml-xxe",
        _xxe_sgml,
        READ,
        "an SGML submission whose XHTML declares an external entity",
        check=_secret_not_read,
    ),
    BadInput(
        "xhtml-external-dtd",
        _external_dtd,
        READ,
        "XHTML with an external DTD that defines entities",
        check=_secret_not_read,
    ),
    BadInput(
        "xhtml-xinclude",
        _xinclude,
        READ,
        "XHTML with an XInclude of a local file",
        check=_secret_not_read,
    ),
    # ---- encodings
    BadInput(
        "undecodable-bytes",
        _w("latin.txt", _undecodable),
        PARTIAL,
        "bytes invalid in UTF-8 and cp1252",
    ),
    BadInput(
        "mixed-encodings", _w("mixed.txt", _mixed_encoding), PARTIAL, "half UTF-8, half cp1252"
    ),
    BadInput(
        "bad-utf8-sequences",
        _w("overlong.txt", _bad_utf8_sequences),
        PARTIAL,
        "overlong UTF-8, encoded surrogates, a cut character",
    ),
    BadInput(
        "utf-16",
        _w("utf16.txt", _utf16),
        READ,
        "a UTF-16 file with BOM",
        check=_items_include("1.01", "9.01"),
    ),
    # ---- size
    BadInput(
        "file-50mb",
        _big_text("big50.txt", 50_000_000),
        READ,
        "a 50 MB report (memory measured separately)",
        check=_items_include("1.01", "8.01", "9.01"),
        heavy=True,
    ),
    BadInput(
        "file-500mb",
        _sparse("big500.txt", 500_000_000, report().encode()),
        errors.FileTooLargeError,
        "a 500 MB file (sparse): refused by the size limit before reading",
        cli=True,
    ),
    BadInput(
        "long-line",
        _w("line.txt", _long_line),
        READ,
        "a 10 MB line without a break",
        check=_items_include("1.01", "9.01"),
        heavy=True,
    ),
    BadInput(
        "thousand-items",
        _w("items.txt", _thousand_items),
        READ,
        "1,000 item headings",
        check=lambda f, facts: _assert(len(f.items) <= 1000, "more items than headings"),
    ),
    BadInput(
        "ten-thousand-agreements",
        _w("agreements.txt", _many_agreements),
        READ,
        "10^4 agreements mentioned in one Item 1.01",
        check=lambda f, facts: _assert(
            len(facts["agreements"]) <= 10_000, "more agreements than mentions"
        ),
        heavy=True,
    ),
    # ---- paths
    BadInput(
        "directory",
        _directory,
        errors.UnreadableFileError,
        "a directory named like a filing",
        cli=True,
    ),
    BadInput(
        "broken-symlink",
        _broken_link,
        errors.UnreadableFileError,
        "a link to a deleted file",
        cli=True,
    ),
    BadInput(
        "symlink-loop", _link_loop, errors.UnreadableFileError, "two links pointing at each other"
    ),
    BadInput("missing-file", _missing, errors.UnreadableFileError, "a path that does not exist"),
    BadInput(
        "fifo",
        _fifo,
        errors.UnreadableFileError,
        "a named pipe (reading would block forever)",
        cli=True,
    ),
    BadInput("device", _device, errors.UnreadableFileError, "a link to /dev/zero (endless)"),
    BadInput(
        "unreadable-permissions",
        _unreadable,
        errors.UnreadableFileError,
        "chmod 000",
        skip=_root_skip,
    ),
    # ---- names
    BadInput(
        "control-chars-in-names",
        _w(
            "ctl.txt",
            lambda: report(
                name="NORTH\x07WIND\x1b[31m SOLAR, INC.",
                name_prose="North\x08wind\x1b[2J Solar, Inc.",
                signer="Jane\x0b Q.\x1f Doe",
            ).replace("Borealis Components GmbH", "Bore\x01alis\x85 Components GmbH"),
        ),
        READ,
        "control characters (BEL, ESC sequences, C1) inside names",
        check=_no_control_in_names,
    ),
    BadInput(
        "rtl-marks-in-names",
        _w(
            "rtl.txt",
            lambda: report(
                name="NORTHWIND\u202e SOLAR, INC.",
                name_prose="North\u200fwind Solar, Inc.",
                signer="Jane \u2067Q.\u2069 Doe",
            ).replace("Borealis Components GmbH", "Borealis\u202e Components\u202c GmbH"),
        ),
        READ,
        "RTL marks and bidi overrides inside names",
        check=_no_bidi_in_names,
    ),
    # ---- percentages and dates
    BadInput(
        "percent-150",
        _w("p150.txt", lambda: report(pct="150%")),
        READ,
        "a 150% shareholder",
        check=_no_stake_percent(150.0, 15.0, 50.0),
    ),
    BadInput(
        "percent-negative",
        _w("pneg.txt", lambda: report(pct="-5%")),
        READ,
        "a -5% shareholder",
        check=_no_stake_percent(-5.0, 5.0),
    ),
    BadInput(
        "percent-decimal-comma",
        _w("pcomma.txt", lambda: report(pct="23,5%")),
        READ,
        "a 23,5% shareholder (decimal comma)",
        check=_no_stake_percent(235.0, 5.0),
    ),
    BadInput(
        "percent-huge-number",
        _w("pbig.txt", lambda: report(pct="1e308%")),
        READ,
        "a 1e308% shareholder",
        check=_no_stake_percent(8.0, 308.0, 1e308),
    ),
    BadInput(
        "date-february-30",
        _w(
            "feb30.txt",
            lambda: report(date="February 30, 2007", agreement_date="February 30, 2007"),
        ),
        READ,
        "February 30, 2007 as report and agreement date",
    ),
    BadInput(
        "date-impossible",
        _w("baddate.txt", lambda: report(date="13/45/2007", agreement_date="April 31, 2007")),
        READ,
        "13/45/2007 and April 31, 2007",
    ),
    BadInput(
        "date-year-zero",
        _w(
            "year0.txt", lambda: report(date="January 1, 0000", agreement_date="December 32, 99999")
        ),
        READ,
        "year 0 and a five-digit year",
    ),
]


def _assert(cond: bool, msg: str) -> None:
    assert cond, msg


BY_NAME = {b.name: b for b in CATALOGUE}
assert len(BY_NAME) == len(CATALOGUE), "duplicate catalogue names"


# --------------------------------------------------------------------------- invariants of facts

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def valid_date(value: str | None) -> bool:
    if value is None:
        return True
    if not isinstance(value, str) or not _ISO.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def fact_problems(filing, facts: dict) -> list[str]:
    """What is wrong with the facts of a read filing (empty when sound)."""
    problems: list[str] = []
    text = filing.text
    for kind in ("agreements", "stakes"):
        for k, fact in enumerate(facts.get(kind) or []):
            ev = fact.get("evidence")
            if ev is None:
                problems.append(f"{kind}[{k}] has no evidence")
                continue
            s, e, t = ev.get("start"), ev.get("end"), ev.get("text")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
                problems.append(
                    f"{kind}[{k}] evidence offsets {s}..{e} outside the text (len {len(text)})"
                )
            elif text[s:e] != t:
                problems.append(
                    f"{kind}[{k}] evidence text != text[{s}:{e}]: {t!r} vs {text[s:e]!r}"
                )
    for k, st in enumerate(facts.get("stakes") or []):
        p = st.get("percent")
        if not isinstance(p, (int, float)) or math.isnan(p) or not (0 <= p <= 100):
            problems.append(f"stakes[{k}] percent {p!r} outside 0-100")
    for k, a in enumerate(facts.get("agreements") or []):
        if not valid_date(a.get("date")):
            problems.append(f"agreements[{k}] date {a.get('date')!r} is not a valid date")
    dor = (facts.get("filing") or {}).get("date_of_report")
    if not valid_date(dor):
        problems.append(f"date_of_report {dor!r} is not a valid date")
    if not valid_date(filing.header.date_of_report) or not valid_date(filing.header.filing_date):
        problems.append(
            f"header dates {filing.header.date_of_report!r}/{filing.header.filing_date!r} invalid"
        )
    return problems


def strip_controls(s: str) -> str:
    """For messages: control characters shown as escapes."""
    return "".join(c if unicodedata.category(c)[0] != "C" else repr(c)[1:-1] for c in s)
