"""Bad input gives a typed ReaderError naming the file, or a read flagged in ``warnings``;
never a traceback. Inputs are generated in ``tmp_path``."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from pactgraph.nlp import errors
from pactgraph.nlp.reader import read_filing

MINIMAL_8K = """UNITED STATES
SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549
FORM 8-K
CURRENT REPORT
Date of Report (Date of earliest event reported): March 3, 2010
EXAMPLE WIDGETS, INC.
(Exact name of registrant as specified in its charter)
Delaware\t001-12345\t12-3456789
(State or other jurisdiction of incorporation)\t(Commission File Number)\t\
(IRS Employer Identification No.)
Item 1.01 Entry into a Material Definitive Agreement.
On March 1, 2010, Example Widgets, Inc. (the "Company") entered into a Supply Agreement \
with Acme Corp.
Item 9.01 Financial Statements and Exhibits.
(d) Exhibits
10.1 Supply Agreement dated March 1, 2010.
SIGNATURES
Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant \
has duly caused this report to be signed on its behalf by the undersigned hereunto \
duly authorized.
EXAMPLE WIDGETS, INC.
Date: March 3, 2010
By: /s/ Jane Q. Doe
Name: Jane Q. Doe
Title: Chief Executive Officer
"""


def _sgml(
    doc_type: str = "8-K", form: str = "8-K", body: str | None = None, close: bool = True
) -> str:
    body = MINIMAL_8K if body is None else body
    out = (
        "<SEC-DOCUMENT>0000000000-10-000001.txt : 20100303\n<SEC-HEADER>\n"
        "ACCESSION NUMBER:\t\t0000000000-10-000001\n"
        f"CONFORMED SUBMISSION TYPE:\t{form}\nPUBLIC DOCUMENT COUNT:\t\t1\n"
        "ITEM INFORMATION:\t\tEntry into a Material Definitive Agreement\n"
        "ITEM INFORMATION:\t\tFinancial Statements and Exhibits\n"
        "FILED AS OF DATE:\t\t20100303\n\nFILER:\n\n\tCOMPANY DATA:\t\n"
        "\t\tCOMPANY CONFORMED NAME:\t\t\tEXAMPLE WIDGETS INC\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0000123456\n"
        "</SEC-HEADER>\n"
        f"<DOCUMENT>\n<TYPE>{doc_type}\n<SEQUENCE>1\n<FILENAME>d8k.txt\n<TEXT>\n{body}"
    )
    if close:
        out += "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    return out


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def _raises(path: Path, kind: type[errors.ReaderError], **kw) -> errors.ReaderError:
    with pytest.raises(kind) as info:
        read_filing(path, **kw)
    err = info.value
    assert isinstance(err, errors.ReaderError)
    assert err.path == str(path)
    assert path.name in str(err) and err.reason
    assert "\n" not in str(err)
    return err


def test_minimal_filing_reads(tmp_path: Path) -> None:
    f = read_filing(_write(tmp_path, "ok.txt", MINIMAL_8K))
    assert f.item_numbers == ["1.01", "9.01"]
    assert f.header.company_name == "EXAMPLE WIDGETS, INC."
    assert f.header.date_of_report == "2010-03-03"
    assert (f.header.state_of_incorporation, f.header.commission_file_number, f.header.irs_ein) == (
        "Delaware",
        "001-12345",
        "12-3456789",
    )
    assert f.signatures[0].name == "Jane Q. Doe"
    assert f.signatures[0].title == "Chief Executive Officer"
    assert f.exhibits[0].number == "10.1"
    assert not f.warnings


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    _raises(_write(tmp_path, "empty.txt", content), errors.EmptyFileError)


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("filing.txt", MINIMAL_8K)
    return buf.getvalue()


@pytest.mark.parametrize(
    "name,data",
    [
        ("a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
        ("a.zip", None),
        (
            "a.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00",
        ),
        ("a.elf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200),
        ("a.bin", bytes(range(256)) * 40),
    ],
)
def test_binary_files(tmp_path: Path, name: str, data: bytes | None) -> None:
    err = _raises(
        _write(tmp_path, name, data if data is not None else _zip_bytes()), errors.BinaryFileError
    )
    assert "binary" in err.reason


def test_random_text_is_not_a_filing(tmp_path: Path) -> None:
    text = "The quick brown fox jumps over the lazy dog.\n" * 50
    _raises(_write(tmp_path, "fox.txt", text), errors.NotAFilingError)


def test_truncated_sgml_header_only(tmp_path: Path) -> None:
    full = _sgml()
    cut = full[: full.index("<DOCUMENT>")]
    _raises(_write(tmp_path, "cut.txt", cut), errors.TruncatedFilingError)


def test_truncated_sgml_before_any_text(tmp_path: Path) -> None:
    full = _sgml()
    cut = full[: full.index("<TEXT>") + len("<TEXT>\n")]
    _raises(_write(tmp_path, "cut.txt", cut), errors.TruncatedFilingError)


def test_truncated_sgml_mid_document_is_a_flagged_partial_read(tmp_path: Path) -> None:
    full = _sgml()
    cut = full[: full.index("Item 9.01")]
    f = read_filing(_write(tmp_path, "cut.txt", cut))
    assert any("cut off" in w for w in f.warnings)
    assert "1.01" in [i.number for i in f.items]


def test_sgml_of_another_form(tmp_path: Path) -> None:
    err = _raises(
        _write(tmp_path, "10k.txt", _sgml(doc_type="10-K", form="10-K")), errors.WrongFormError
    )
    assert "10-K" in err.reason


def test_sgml_without_an_8k_document(tmp_path: Path) -> None:
    p = _write(tmp_path, "ex.txt", _sgml(doc_type="EX-99.1"))
    with pytest.raises((errors.NotAFilingError, errors.WrongFormError)) as info:
        read_filing(p)
    assert p.name in str(info.value)


def test_ten_k_html_is_wrong_form(tmp_path: Path) -> None:
    html = (
        "<html><body><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 10-K</p>"
        "<p>ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)</p><p>Item 1. Business</p>"
        "<p>We make widgets.</p></body></html>"
    )
    _raises(_write(tmp_path, "10k.htm", html), errors.WrongFormError)


def test_html_with_unclosed_tags_reads(tmp_path: Path) -> None:
    body = "".join(f"<p><b>{line}<font>" for line in MINIMAL_8K.splitlines())
    f = read_filing(_write(tmp_path, "unclosed.htm", f"<html><body><div><table><tr><td>{body}"))
    assert f.format == "html"
    assert "1.01" in f.item_numbers


def test_deeply_nested_html(tmp_path: Path) -> None:
    depth = 100_000
    html = (
        "<html><body>"
        + "<div>" * depth
        + "<p>FORM 8-K</p><p>Item 8.01 Other Events.</p>"
        + "</div>" * depth
        + "<p>Item 9.01 Financial Statements and Exhibits.</p></body></html>"
    )
    f = read_filing(_write(tmp_path, "deep.htm", html))  # no tree is built: any depth reads
    assert f.item_numbers == ["8.01", "9.01"]
    assert f.text.startswith("FORM 8-K\nItem 8.01 Other Events.")


def test_cp1252_bytes_are_decoded_and_flagged(tmp_path: Path) -> None:
    data = MINIMAL_8K.replace('(the "Company")', "(the “Company”)").encode("cp1252")
    f = read_filing(_write(tmp_path, "cp.txt", data))
    assert "“Company”" in f.text
    assert f.encoding == "cp1252"
    assert any("cp1252" in w for w in f.warnings)


def test_undecodable_bytes_fall_back_to_latin1(tmp_path: Path) -> None:
    data = MINIMAL_8K.encode("utf-8") + b"\n\x81\x8d\x8f\x90\x9d footnote\n"
    f = read_filing(_write(tmp_path, "latin.txt", data))
    assert f.encoding == "latin-1"
    assert any("latin-1" in w for w in f.warnings)
    assert f.item_numbers == ["1.01", "9.01"]


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:  # sparse: no disk space used, nothing read
        fh.truncate(61_000_000)
    err = _raises(p, errors.FileTooLargeError)
    assert "limit" in err.reason
    _raises(_write(tmp_path, "small.txt", MINIMAL_8K), errors.FileTooLargeError, max_bytes=100)


def test_fifty_megabyte_filing_reads(tmp_path: Path) -> None:
    filler = (
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. " * 12
        + "\n"
    )
    body = MINIMAL_8K.replace("Item 9.01", filler * (50_000_000 // len(filler)) + "Item 9.01")
    p = _write(tmp_path, "big.txt", body)
    assert p.stat().st_size > 49_000_000
    f = read_filing(p)
    assert f.item_numbers == ["1.01", "9.01"]


def test_fifty_megabyte_html_report_reads(tmp_path: Path) -> None:
    para = "<p>" + "Section 1.1 The Borrower shall repay the <b>Loans</b>. " * 20 + "</p>\n"
    lines = "".join(f"<p>{line}</p>" for line in MINIMAL_8K.splitlines())
    html = (
        "<html><body>"
        + lines.replace("<p>Item 9.01", para * (50_000_000 // len(para)) + "<p>Item 9.01")
        + "</body></html>"
    )
    f = read_filing(_write(tmp_path, "big.htm", html))
    assert f.format == "html" and f.item_numbers == ["1.01", "9.01"]
    assert f.header.company_name == "EXAMPLE WIDGETS, INC."


def test_fifty_megabyte_html_exhibit_reads(tmp_path: Path) -> None:
    para = "<p>" + "Section 1.1 The Borrower shall repay the Loans. " * 20 + "</p>\n"
    exhibit = "<html><body>" + para * (50_000_000 // len(para)) + "</body></html>"
    sgml = _sgml() + (
        "<DOCUMENT>\n<TYPE>EX-10.1\n<SEQUENCE>2\n<FILENAME>ex101.htm\n<TEXT>\n"
        + exhibit
        + "\n</TEXT>\n</DOCUMENT>\n"
    )
    f = read_filing(_write(tmp_path, "big.txt", sgml))
    assert f.item_numbers == ["1.01", "9.01"]
    ex = [e for e in f.exhibits if e.number == "10.1"][0]
    assert ex.type == "EX-10.1" and len(ex.text) > 1_000_000


def test_directory(tmp_path: Path) -> None:
    err = _raises(tmp_path, errors.UnreadableFileError)
    assert "directory" in err.reason


def test_missing_file(tmp_path: Path) -> None:
    _raises(tmp_path / "nope.txt", errors.UnreadableFileError)


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    err = _raises(link, errors.UnreadableFileError)
    assert "symbolic link" in err.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_permissions(tmp_path: Path) -> None:
    p = _write(tmp_path, "secret.txt", MINIMAL_8K)
    p.chmod(0)
    try:
        _raises(p, errors.UnreadableFileError)
    finally:
        p.chmod(0o600)


def test_bytes_given_directly(tmp_path: Path) -> None:
    f = read_filing("memory.txt", data=MINIMAL_8K.encode())
    assert f.path == "memory.txt" and f.item_numbers == ["1.01", "9.01"]
    with pytest.raises(errors.BinaryFileError) as info:
        read_filing("memory.pdf", data=b"%PDF-1.4\n")
    assert "memory.pdf" in str(info.value)


def test_old_mac_line_ends(tmp_path: Path) -> None:
    f = read_filing(_write(tmp_path, "mac.txt", MINIMAL_8K.replace("\n", "\r")))
    assert f.item_numbers == ["1.01", "9.01"]
    assert f.signatures[0].name == "Jane Q. Doe"


def test_nul_bytes_in_text_are_binary(tmp_path: Path) -> None:
    _raises(
        _write(tmp_path, "nul.txt", MINIMAL_8K.replace("Supply", "Sup\x00ply")),
        errors.BinaryFileError,
    )


def test_ten_k_text_rendering_is_wrong_form(tmp_path: Path) -> None:
    text = (
        "UNITED STATES SECURITIES AND EXCHANGE COMMISSION\nFORM 10-K\n"
        "ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)\nItem 1. Business\nWe make widgets.\n"
    )
    err = _raises(_write(tmp_path, "10k.txt", text), errors.WrongFormError)
    assert "10-K" in err.reason


def test_exhibit_text_is_read_on_demand_and_pickles(tmp_path: Path) -> None:
    import pickle

    sgml = _sgml() + (
        "<DOCUMENT>\n<TYPE>EX-10.1\n<SEQUENCE>2\n<FILENAME>ex101.htm\n<TEXT>\n"
        "<html><body><p>SUPPLY AGREEMENT</p><p>between Example Widgets, Inc. and Acme Corp.</p>"
        "</body></html>\n</TEXT>\n</DOCUMENT>\n"
    )
    f = read_filing(_write(tmp_path, "ex.txt", sgml))
    ex = [e for e in f.exhibits if e.number == "10.1"][0]
    assert ex.type == "EX-10.1" and ex.description == "Supply Agreement dated March 1, 2010."
    copy = pickle.loads(pickle.dumps(f))
    assert ex.text == "SUPPLY AGREEMENT\nbetween Example Widgets, Inc. and Acme Corp."
    assert copy.exhibits[0].text == ex.text
    assert "SUPPLY AGREEMENT" not in f.text  # exhibits are not part of the report text
    assert read_filing(_write(tmp_path, "ex2.txt", sgml), exhibit_text=False).exhibits[0].text == ""


def _sample_report() -> bytes:
    """A real 8-K shipped with the package (plain-text rendering), as UTF-8 bytes."""
    from importlib import resources

    sample = resources.files("pactgraph.nlp").joinpath(
        "samples/ascent-solar-technologies_2007-12-19_seed.txt"
    )
    return sample.read_bytes()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("with_bom", [True, False])
def test_utf16_and_utf32_filings_read_as_their_utf8_original(
    tmp_path: Path, encoding: str, with_bom: bool
) -> None:
    original = _sample_report().decode("utf-8").replace("Technologies", "Technologiés", 1)
    data = (("\ufeff" if with_bom else "") + original).encode(encoding)
    utf32_bom = data[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")
    assert utf32_bom == (with_bom and "32" in encoding)
    f = read_filing(_write(tmp_path, f"wide-{encoding}.txt", data))
    plain = read_filing(_write(tmp_path, "plain.txt", original.encode("utf-8")))
    assert f.encoding == encoding
    assert f.text == plain.text and f.item_numbers == plain.item_numbers == ["1.01", "9.01"]
    assert f.header.company_name == plain.header.company_name
    assert [s.name for s in f.signatures] == [s.name for s in plain.signatures]
    name = encoding.upper()
    assert f.warnings == [f"encoded in {name}, not UTF-8; decoded as {name}"]


def test_a_cut_off_utf16be_file_is_read_with_its_damage_flagged(tmp_path: Path) -> None:
    data = ("\ufeff" + MINIMAL_8K).encode("utf-16-be")[:-1]  # the last character half written
    f = read_filing(_write(tmp_path, "cut16.txt", data))
    assert f.encoding == "utf-16-be" and f.item_numbers == ["1.01", "9.01"]
    assert any("UTF-16-BE" in w and "U+FFFD" in w for w in f.warnings)


def test_nul_bytes_in_no_utf16_or_utf32_layout_are_still_binary(tmp_path: Path) -> None:
    data = bytes(range(256)) * 40  # NULs, but not every other byte or three in four
    with pytest.raises(errors.BinaryFileError, match="NUL bytes"):
        read_filing(_write(tmp_path, "blob.txt", data))


def test_header_lines_above_a_whole_report_are_read_as_text(tmp_path: Path) -> None:
    header = "ACCESSION NUMBER: 0000000000-10-000001\nFORM TYPE: 8-K\nFILED AS OF DATE: 20100303\n"
    filing = read_filing(_write(tmp_path, "rendering.txt", header + "\n" + MINIMAL_8K))
    assert (filing.format, filing.header.date_of_report) == ("text", "2010-03-03")
    assert [item.number for item in filing.items] == ["1.01", "9.01"]
    # the same header lines with nothing after them are a submission cut off
    _raises(_write(tmp_path, "cut.txt", header), errors.TruncatedFilingError)
