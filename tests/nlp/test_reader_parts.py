"""The reader's parts on small inputs: formats, SGML, HTML text, items, cover, signature,
exhibits, registrant fallbacks."""

from __future__ import annotations

import pytest

from pactgraph.nlp.reader.cover import date_of_report, parse_cover
from pactgraph.nlp.reader.dates import parse_date
from pactgraph.nlp.reader.exhibits import in_filing_order, number_from_type, parse_index
from pactgraph.nlp.reader.formats import binary_kind, decode, detect_format
from pactgraph.nlp.reader.htmltext import html_to_text
from pactgraph.nlp.reader.items import find_items, number_for_title, numbers_from_header
from pactgraph.nlp.reader.registrant import registrant_from_text
from pactgraph.nlp.reader.sgml import parse_submission
from pactgraph.nlp.reader.signature import find_signature_start, find_signatures
from pactgraph.nlp.reader.textnorm import normalise_lines, to_source


# ------------------------------------------------------------------ formats
@pytest.mark.parametrize(
    "text,fmt",
    [
        ("<SEC-DOCUMENT>x\n<SEC-HEADER>\nACCESSION NUMBER: 1\n", "sgml"),
        ("-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001\n\n<SEC-DOCUMENT>x\n", "sgml"),
        ("<SUBMISSION>\n<ACCESSION-NUMBER>0001<TYPE>8-K", "sgml"),
        ("<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n", "sgml"),
        (
            "<DOCUMENT>\nFILE:AA/AA-8K-2009.txt.gz\nTIME:20091224134041\nEVENTS:\tOther Events\n",
            "lee",
        ),
        ("<?xml version='1.0'?><html><body><p>FORM 8-K</p><div>x</div></body></html>", "html"),
        ("<html>\n<head><title>8-K</title></head><body><p>x</p></body></html>", "html"),
        ("Ascent Solar Technologies, Inc.\nForm 8-K\n\nItem 1.01 Entry", "text"),
        ("Note: the <b> tag is bold.\nItem 8.01 Other Events", "text"),
    ],
)
def test_detect_format(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_decode_fallbacks() -> None:
    assert decode("é".encode("utf-8")) == ("é", "utf-8", False)
    assert decode(b"\xef\xbb\xbfabc") == ("abc", "utf-8", False)
    assert decode(b"\x93q\x94") == ("“q”", "cp1252", False)
    assert decode(b"a\x81b")[1:] == ("latin-1", True)
    assert binary_kind(b"plain text\n") is None
    assert binary_kind(b"%PDF-1.4") == "PDF document"


# ------------------------------------------------------------------ sgml
def test_sgml_full_submission_header_and_documents() -> None:
    text = (
        "<SEC-DOCUMENT>a.txt : 20071219\n<SEC-HEADER>a.hdr.sgml : 20071219\n"
        "ACCESSION NUMBER:\t\t0001193125-07-270000\nCONFORMED SUBMISSION TYPE:\t8-K\n"
        "ITEM INFORMATION:\t\tEntry into a Material Definitive Agreement\n"
        "ITEM INFORMATION:\t\tFinancial Statements and Exhibits\n"
        "FILED AS OF DATE:\t\t20071219\n\nFILER:\n\n\tCOMPANY DATA:\t\n"
        "\t\tCOMPANY CONFORMED NAME:\t\t\tASCENT SOLAR TECHNOLOGIES INC\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0001350102\n"
        "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tSEMICONDUCTORS [3674]\n"
        "\t\tSTATE OF INCORPORATION:\t\t\tDE\n\n\tBUSINESS ADDRESS:\t\n"
        "\t\tSTREET 1:\t\t8120 SHAFFER PKWY\n"
        "\t\tCITY:\t\t\tLITTLETON\n\n\tMAIL ADDRESS:\t\n\t\tSTREET 1:\t\tPO BOX 1\n"
        "\nSUBJECT COMPANY:\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tOTHER CO\n"
        "</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>d8k.htm\n"
        "<DESCRIPTION>FORM 8-K\n"
        "<TEXT>\n<html><body>report</body></html>\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>EX-10.1\n<SEQUENCE>2\n<FILENAME>dex101.htm\n<TEXT>\nagreement\n</TEXT>\n</DOCUMENT>\n"
    )
    sub = parse_submission(text)
    h = sub.header
    assert h["accession"] == "0001193125-07-270000" and h["form"] == "8-K"
    assert (
        h["conformed_name"] == "ASCENT SOLAR TECHNOLOGIES INC"
    )  # the first filer, not the subject
    assert h["cik"] == "0001350102" and h["street1"] == "8120 SHAFFER PKWY"
    assert len(sub.items) == 2
    assert [d.type for d in sub.documents] == ["8-K", "EX-10.1"]
    assert sub.documents[0].filename == "d8k.htm" and sub.documents[0].description == "FORM 8-K"
    assert "<html>" in sub.documents[0].body and sub.documents[0].complete


def test_sgml_dissemination_tags_without_line_breaks() -> None:
    text = (
        "<SUBMISSION>\n<ACCESSION-NUMBER>0001493152-25-001317<TYPE>8-K<PERIOD>20250106<ITEMS>5.02"
        "<ITEMS>9.01<FILING-DATE>20250108<FILER><COMPANY-DATA><CONFORMED-NAME>ACORN ENERGY, INC."
        "<CIK>0000880984</COMPANY-DATA></FILER><DOCUMENT><TYPE>8-K<SEQUENCE>1<FILENAME>form8-k.htm"
        "<TEXT><XBRL><html><body>x</body></html></XBRL></TEXT></DOCUMENT></SUBMISSION>"
    )
    sub = parse_submission(text)
    assert sub.header["conformed_name"] == "ACORN ENERGY, INC."
    assert sub.items == ["5.02", "9.01"]
    assert sub.documents[0].body == "<html><body>x</body></html>"


def test_sgml_missing_close_tags() -> None:
    sub = parse_submission("<SEC-HEADER>\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nItem 8.01")
    assert sub.documents[0].body.strip() == "Item 8.01"
    assert not sub.documents[0].complete


# ------------------------------------------------------------------ html
def test_html_text_rows_entities_hidden_header() -> None:
    html = (
        "<html><head><title>t</title><style>p{}</style></head><body>"
        "<div style='display:none'><ix:header><ix:nonNumeric name='dei:EntityRegistrantName'>"
        "ACME CORP</ix:nonNumeric></ix:header></div>"
        "<p>Item&nbsp;1.01 <b>Entry</b> into&#160;a Material&nbsp;Definitive Agreement</p>"
        "<table><tr><td><p>10.1</p></td><td><p>Credit&nbsp;Agreement &amp; Guaranty</p></td></tr>"
        "<tr><td>99.1</td><td></td><td>Press release</td></tr></table>"
        "<script>var x = '<p>no</p>';</script><p>Caf&eacute; &lt;ok&gt;</p></body></html>"
    )
    ht = html_to_text(html)
    assert ht.text.split("\n") == [
        "Item 1.01 Entry into a Material Definitive Agreement",
        "10.1\tCredit Agreement & Guaranty",
        "99.1\tPress release",
        "Café <ok>",
    ]
    assert ht.dei_facts["EntityRegistrantName"] == "ACME CORP"


def test_html_text_is_deterministic_and_keeps_inline_joins() -> None:
    html = "<p>Ascent<span>Solar</span> <i>Technologies</i>,\n Inc.</p><p>second</p>"
    assert (
        html_to_text(html).text
        == html_to_text(html).text
        == "AscentSolar Technologies, Inc.\nsecond"
    )


def test_a_number_typeset_over_two_cells_at_its_decimal_point_is_one_number() -> None:
    # a printer's exhibit table: whole numbers right-aligned in one column, ".1*" in the next
    html = (
        "<table><tr><td align='right'>4</td><td align='left'>.2*</td><td>&nbsp;</td>"
        "<td>Pledge Agreement with Tarn Bank</td></tr>"
        "<tr><td>2031</td><td>.5</td></tr><tr><td>Term</td><td>.7 years</td></tr></table>"
    )
    assert html_to_text(html).text.split("\n") == [
        "4.2*\tPledge Agreement with Tarn Bank",
        "2031\t.5",  # a year is no whole part of a typeset number
        "Term\t.7 years",
    ]


def test_a_superscript_mark_or_footnote_number_is_no_part_of_the_word() -> None:
    html = (
        "<p>an Open Market Sale Agreement<sup>SM</sup> with Acme<sup>(1)</sup>, "
        "dated the 2<sup>nd</sup> day</p>"
    )
    assert html_to_text(html).text == "an Open Market Sale Agreement with Acme, dated the 2nd day"


# ------------------------------------------------------------------ items
ROBUST = """FORM 8-K
Item 2. 02 Results of Operations and Financial Condition.
On May 1 we reported results.
ITEM 1.01.Entry into a Material Definitive Agreement
We signed.
Items 5.02 and 5.03 Departure of Directors; Amendments to Articles
The board changed.
See Item 1.01 above, which is incorporated by reference.
Item 9.01\tFinancial Statements and Exhibits.
99.1 Press release
SIGNATURES
Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly \
caused this report to be signed.
"""


def test_items_robust_headings() -> None:
    items = find_items(ROBUST, legacy=False)
    assert [i.number for i in items] == ["2.02", "1.01", "5.02", "5.03", "9.01"]
    by = {i.number: i for i in items}
    assert ROBUST[by["2.02"].start :].startswith("Item 2. 02")
    assert by["1.01"].end == ROBUST.index("Items 5.02")
    assert "See Item 1.01" in ROBUST[by["5.02"].start : by["5.02"].end]
    assert by["9.01"].end == ROBUST.index("SIGNATURES")
    assert by["9.01"].title == "Financial Statements and Exhibits"


def test_items_table_of_contents_and_title_only_headings() -> None:
    text = (
        "Table of Contents\nItem 1.01 Entry into a Material Definitive Agreement 2\n"
        "Item 8.01 Other Events 3\n"
        "Entry into a Material Definitive Agreement.\nOn June 1 the Company entered into a lease.\n"
        "Item 8.01 Other Events\nThe Company announced a dividend of $0.10 per share.\n"
    )
    items = find_items(text, legacy=False)
    assert [i.number for i in items] == ["1.01", "8.01"]
    assert "lease" in text[items[0].heading_end : items[0].end]
    assert "dividend" in text[items[1].heading_end : items[1].end]


_CONTENTS_THEN_NOTE = (
    "FORM 8-K/A\nTABLE OF CONTENTS\nItem 5.02 Departure of Directors or Certain Officers.\n"
    "Item 9.01 Financial Statements and Exhibits.\nSIGNATURE\nEXHIBIT INDEX\n\n"
    "EXPLANATORY NOTE\nThis Amendment No. 1 amends the report of Orrey Mills, Inc. filed on"
    " June 4, 2031 to report the terms of the compensatory arrangements of its new Chief"
    " Executive Officer, which had not been set when that report was filed; nothing else in"
    " that report is amended by this Amendment, which is filed under Instruction 2 to Item 5.02.\n"
    "Item 5.02 Departure of Directors or Certain Officers.\nOn June 25, 2031, the Company"
    " entered into an Employment Agreement with Ann B. Cole.\n"
    "Item 9.01 Financial Statements and Exhibits.\n(d) Exhibits.\n10.1 Employment Agreement\n"
    "SIGNATURE\nPursuant to the requirements of the Securities Exchange Act of 1934, the"
    " registrant has duly caused this report to be signed.\nBy: /s/ Ida Ode\n"
)


def test_a_contents_entry_of_the_signature_page_starts_no_signature_block() -> None:
    text = _CONTENTS_THEN_NOTE
    assert find_signature_start(text) == text.rindex("SIGNATURE")


def test_an_item_listed_in_a_table_of_contents_yields_to_its_heading_in_the_body() -> None:
    text = _CONTENTS_THEN_NOTE
    items = find_items(text, legacy=False)
    assert [i.number for i in items] == ["5.02", "9.01"]
    assert "Employment Agreement with Ann" in text[items[0].heading_end : items[0].end]
    assert "10.1 Employment Agreement" in text[items[1].heading_end : items[1].end]


def test_a_wrapped_reference_to_an_item_at_a_line_start_is_no_heading() -> None:
    text = (
        "Item 1.01 Entry into a Material Definitive Agreement.\nOn May 2, 2007, Acme Corp.\n"
        "entered into a Credit Agreement with Beta Bank.\n\nThe information set forth under\n"
        "Item 1.01 of this report is hereby incorporated by reference in this\nItem 2.03.\n\n"
        "On May 3, 2007, Acme Corp. borrowed $10 million under the facility.\n"
    )
    assert [i.number for i in find_items(text, legacy=False)] == ["1.01"]


def test_legacy_items_and_none_answers() -> None:
    text = (
        "Item 1. Changes in Control of Registrant.\nNone.\n2\nACME CORPORATION\nFORM 8-K\n"
        "Item 5. Other Events.\nThe Company sold a plant.\n"
        "Item 7. Financial Statements and Exhibits.\n(c) Exhibits\n99 Press release\n"
    )
    assert [i.number for i in find_items(text, legacy=True)] == ["5", "7"]
    assert [i.number for i in find_items(text)] == ["5", "7"]  # era read from the headings


def test_item_titles_from_headers() -> None:
    assert number_for_title("Entry into a Material Definitive Agreement") == "1.01"
    assert number_for_title("Financial statements and exhibits", legacy=True) == "7"
    assert number_for_title("Financial Statements and Exhibits", legacy=False) == "9.01"
    assert (
        number_for_title(
            "Departure of Directors or Principal Officers; Election of Directors; "
            "Appointment of Principal Officers"
        )
        == "5.02"
    )
    assert numbers_from_header(["5.02", "9.01", "Other Events"], legacy=False) == [
        "5.02",
        "9.01",
        "8.01",
    ]
    assert numbers_from_header(["Changes in control of registrant"], legacy=True) == ["1"]


# ------------------------------------------------------------------ cover
SEED_COVER = """FORM 8-K
Date of Report (Date of Earliest Event Reported): **December 18, 2007**

ASCENT SOLAR TECHNOLOGIES, INC.

(Exact name of registrant as specified in its charter)

Delaware
(State or other jurisdiction
of incorporation)

001-32919
(Commission
File Number)

20-3672603
(I.R.S. Employer
Identification No.)

**8120 Shaffer Parkway
Littleton, Colorado**
(Address of principal executive offices)

Registrant's telephone number, including area code: **(303) 420-1141**
"""


def test_cover_fields_one_value_a_line() -> None:
    c = parse_cover(SEED_COVER)
    assert c.form == "8-K"
    assert c.company_name == "ASCENT SOLAR TECHNOLOGIES, INC."
    assert c.date_of_report == "2007-12-18"
    assert (c.state_of_incorporation, c.commission_file_number, c.irs_ein) == (
        "Delaware",
        "001-32919",
        "20-3672603",
    )
    assert c.address == "8120 Shaffer Parkway, Littleton, Colorado"
    assert c.phone == "(303) 420-1141"


def test_cover_fields_plain_text_columns() -> None:
    text = (
        "Date of report (Date of earliest event reported) January 26, 1998\n\n"
        "Nevada             Food Concepts, Inc.                     13-3124057\n"
        "_____________      _______________________________________    __________\n"
        "(State or other    (Exact Name of registrant as specified      (I.R.S.\n"
        "incorporation)      in its charter)                            Employer No.)\n"
    )
    c = parse_cover(text)
    assert c.company_name == "Food Concepts, Inc."
    assert c.state_of_incorporation == "Nevada" and c.irs_ein == "13-3124057"


@pytest.mark.parametrize(
    "text,iso",
    [
        (
            "Date of Report (date of earliest event reported): April 4, 2024 "
            "(April 1, 2024)\nADOBE",
            "2024-04-01",
        ),
        (
            "March 8, 2024\nDate of Report (date of earliest event reported)\nNIKE, Inc.",
            "2024-03-08",
        ),
        ("Date of Report: June 17, 2024\n(Date of earliest event reported)", "2024-06-17"),
        ("Date of report (Date of earliest event reported) Dec. 18, 2007", "2007-12-18"),
        ("Date of Report (Date of earliest event reported): February 30, 2007", None),
        ("No date here", None),
    ],
)
def test_date_of_report(text: str, iso: str | None) -> None:
    assert date_of_report(text) == iso


def test_parse_date_forms() -> None:
    assert parse_date("18 December 2007") == "2007-12-18"
    assert parse_date("12/18/2007") == "2007-12-18"
    assert parse_date("20071218") == "2007-12-18"
    assert parse_date("Sept. 3, 2025") == "2025-09-03"


# ------------------------------------------------------------------ signature
def test_signature_label_lines_and_continuations() -> None:
    text = (
        "SIGNATURES\nPursuant to the requirements of the Securities Exchange Act of 1934, the "
        "registrant has duly caused this report to be signed on its behalf by the undersigned.\n"
        "Date: March 11, 2025\tADVANCED MICRO DEVICES, INC.\nBy:\n/s/ Jean Hu\nName:\nJean Hu\n"
        "Title:\n"
        "Executive Vice President, Chief Financial Officer & Treasurer\n"
    )
    (s,) = find_signatures(text)
    assert (s.name, s.title, s.date, s.organization) == (
        "Jean Hu",
        "Executive Vice President, Chief Financial Officer & Treasurer",
        "2025-03-11",
        "ADVANCED MICRO DEVICES, INC.",
    )
    assert text[s.start : s.end].startswith("/s/ Jean Hu")


def test_signature_printed_name_and_wrapped_title() -> None:
    text = (
        "SIGNATURE\nPursuant to the requirements of the Securities Exchange Act of 1934, the "
        "registrant has duly caused this report to be signed.\nAPPLE INC.\n"
        "By:\t/s/ Peter Oppenheimer\n"
        "Date: May 3, 2013\tPeter Oppenheimer\nSenior Vice President and\nChief Financial Officer\n"
    )
    (s,) = find_signatures(text)
    assert s.name == "Peter Oppenheimer"
    assert s.title == "Senior Vice President and Chief Financial Officer"
    assert s.organization == "APPLE INC." and s.date == "2013-05-03"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # a line ending in a word that opens an office: the next line finishes that office
        (
            "Vice President, Associate General\nCounsel and Secretary",
            "Vice President, Associate General Counsel and Secretary",
        ),
        (
            "Senior Vice President, Corporate\nDevelopment and General Counsel",
            "Senior Vice President, Corporate Development and General Counsel",
        ),
        ("Vice President, Corporate\nDevelopment", "Vice President, Corporate Development"),
        # a line ending in an office: the next is a further office
        (
            "Senior Vice President\nChief Financial Officer",
            "Senior Vice President, Chief Financial Officer",
        ),
    ],
)
def test_a_title_broken_over_lines_joins_where_it_broke(lines, title) -> None:
    text = (
        "SIGNATURE\nPursuant to the requirements of the Securities Exchange Act of 1934, the "
        f"registrant has duly caused this report to be signed.\nZETA MILLS, INC.\n"
        f"By:\t/s/ Jan Roe\nJan Roe\n{lines}\n"
    )
    (s,) = find_signatures(text)
    assert s.title == title


def test_a_registrant_label_on_the_company_line_is_no_part_of_its_name() -> None:
    text = (
        "SIGNATURE\nPursuant to the requirements of the Securities Exchange Act of 1934, the "
        "registrant has duly caused this report to be signed.\n"
        "HARROWGATE BRANDS, INC. (Registrant)\n"
        "By: /s/ Catherine M. Doyle\nName: Catherine M. Doyle\nTitle: Chief Financial Officer\n"
    )
    (s,) = find_signatures(text)
    assert s.organization == "HARROWGATE BRANDS, INC."


# ------------------------------------------------------------------ exhibits
def test_exhibit_index_rows() -> None:
    text = (
        "Item 9.01 Financial Statements and Exhibits.\n(d) Exhibits.\nExhibit No.\tDescription\n"
        "10.1*#\tCredit Agreement, dated as of March 31, 2025.\n"
        "10(aa) Employment agreement of J. Doe\n"
        "Exhibit 99.1 - Press release dated March 31, 2025\n104\tCover Page Interactive Data File\n"
    )
    rows = parse_index(text, 0, len(text))
    assert [(e.number, e.description.split(",")[0]) for e in rows] == [
        ("10.1", "Credit Agreement"),
        ("10(aa)", "Employment agreement of J. Doe"),
        ("99.1", "Press release dated March 31"),
        ("104", "Cover Page Interactive Data File"),
    ]
    assert number_from_type("EX-10.1") == "10.1" and number_from_type("GRAPHIC") is None
    assert number_from_type("EX-2.A") == "2.A" and number_from_type("EX-99.CERT") == "99"


def test_an_exhibit_index_printed_in_capitals() -> None:
    text = (
        "ITEM 7. FINANCIAL STATEMENTS AND EXHIBITS.\n(C) EXHIBITS.\n"
        "     10(A)  WAIVER AND CONSENT EFFECTIVE AS OF JUNE 28, 2000\n"
        "            BETWEEN ACME MARINE, INC. AND EASTBAY BANK\n"
        "     EXHIBIT 10(B)  LOAN AGREEMENT DATED JUNE 28, 2000\n"
    )
    rows = parse_index(text, 0, len(text))
    assert [(e.number, e.description) for e in rows] == [
        (
            "10(A)",
            "WAIVER AND CONSENT EFFECTIVE AS OF JUNE 28, 2000 BETWEEN ACME MARINE, INC. AND "
            "EASTBAY BANK",
        ),
        ("10(B)", "LOAN AGREEMENT DATED JUNE 28, 2000"),
    ]


def test_a_description_opening_with_a_figure_after_one_space() -> None:
    text = (
        "Item 9.01 Financial Statements and Exhibits.\n(d) Exhibits\n"
        "10.1 364-Day Credit Agreement, dated as of May 3, 2031\n"
        "10.2 2031 Equity Incentive Plan\n"
    )
    rows = parse_index(text, 0, len(text))
    assert [(e.number, e.description.split(",")[0]) for e in rows] == [
        ("10.1", "364-Day Credit Agreement"),
        ("10.2", "2031 Equity Incentive Plan"),
    ]


def test_one_exhibit_number_written_two_ways_is_one_exhibit() -> None:
    from pactgraph.nlp.reader.exhibits import number_key

    assert {number_key(n) for n in ("2(a)", "2.A", "2-a", "2a")} == {"2.a"}
    assert number_key("10.1") != number_key("101")  # the XBRL exhibit is another one
    report = (
        "<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K\n</SEC-HEADER>\n"
        "<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nFORM 8-K\nItem 2. Acquisition or Disposition of Assets.\n"
        "The Company sold its hydraulics division.\nItem 7. Financial Statements and Exhibits.\n"
        "(c) Exhibits.\n  2(a)   Asset Purchase Agreement, dated as of January 14, 2002.\n"
        "</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-2.A\n<TEXT>\nASSET PURCHASE AGREEMENT\n"
        "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )
    from pactgraph.nlp.reader import read_filing

    filing = read_filing("sold.txt", data=report.encode())
    assert [e.number for e in filing.exhibits] == ["2(a)"]


def test_an_index_row_titled_by_a_year_led_name_is_a_row_and_a_bare_year_is_not() -> None:
    text = (
        "(d) Exhibits\n10.1\t1998 Employee Stock Purchase Plan, as amended\n"
        "10.2\t2019 annual results\n"
    )
    rows = parse_index(text, 0, len(text))
    assert [(e.number, e.description) for e in rows] == [
        ("10.1", "1998 Employee Stock Purchase Plan, as amended")
    ]


def _index(text: str) -> list[tuple[str | None, str | None]]:
    return [(e.number, e.description) for e in parse_index(text, 0, len(text))]


def test_an_index_description_wrapped_over_lines_is_joined() -> None:
    text = (
        "(d) Exhibits\n\n"
        "Exhibit 10.1 - Supply Agreement between Northwind Traders Corp. and Blue Harbor\n"
        "Logistics LLC dated as of\n"
        "March 3, 2011.\n"
        "Exhibit 10.2 - Side Letter (with the attached\n"
        "pricing schedule).\n"
        "Exhibit 99.1 - Press release dated March 4, 2011\n\n"
        "SIGNATURES\n"
    )
    assert _index(text) == [
        (
            "10.1",
            "Supply Agreement between Northwind Traders Corp. and Blue Harbor "
            "Logistics LLC dated as of March 3, 2011.",
        ),
        ("10.2", "Side Letter (with the attached pricing schedule)."),
        ("99.1", "Press release dated March 4, 2011"),
    ]


def test_an_index_row_ending_in_a_middle_initial_goes_on_with_the_surname() -> None:
    text = (
        "(d) Exhibits.\n\n"
        "     10.1  Change in Control Agreement dated June 28, 2007 with Allison M.\n"
        "           Thibodeau\n"
        "     10.2  Change in Control Agreement dated June 28, 2007 with Carl J.\n"
        "           Lindqvist\n\n"
        "SIGNATURE\n"
    )
    assert [d.split(" with ")[1] for _, d in _index(text)] == [
        "Allison M. Thibodeau",
        "Carl J. Lindqvist",
    ]


def test_a_day_first_date_below_an_open_row_continues_it_and_is_no_row() -> None:
    text = (
        "(c)      Exhibits\n\n"
        "Exhibit 10.3 - Executive Employment Agreement of Michael T. Heffernan dated\n"
        "               21 September 2000.\n"
        "Exhibit 99.1 - Press Release Dated September 21, 2000\n"
    )
    assert _index(text) == [
        ("10.3", "Executive Employment Agreement of Michael T. Heffernan dated 21 September 2000."),
        ("99.1", "Press Release Dated September 21, 2000"),
    ]


def test_a_wrapped_index_row_in_capitals_takes_its_lines_in_capitals() -> None:
    text = (
        "EXHIBITS\n"
        "4.1  INDENTURE BETWEEN QUILLON HOLDINGS INC. AND THE TRUSTEE, DATED\n"
        "JUNE 2, 1997\n"
        "99.1 Press release of Quillon Holdings Inc. dated June 2, 1997, and\n"
        "RISK FACTORS\n"
    )
    assert _index(text) == [
        ("4.1", "INDENTURE BETWEEN QUILLON HOLDINGS INC. AND THE TRUSTEE, DATED JUNE 2, 1997"),
        ("99.1", "Press release of Quillon Holdings Inc. dated June 2, 1997, and"),
    ]


def test_lines_below_an_index_that_end_it_are_not_joined() -> None:
    # a table layout run on into page furniture, a heading and the signature block
    text = (
        "Exhibit No.\tDescription\n"
        "10.1\tLoan Agreement dated May 1, 2019\n"
        "Table of Contents\n"
        "99.1\tPress release of Caldera Mining Ltd.\n"
        "Forward-Looking Statements\n"
        "104\tCover Page Interactive Data File (embedded within the Inline XBRL document)\n"
        "SIGNATURE\n"
        "Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant\n"
    )
    assert _index(text) == [
        ("10.1", "Loan Agreement dated May 1, 2019"),
        ("99.1", "Press release of Caldera Mining Ltd."),
        ("104", "Cover Page Interactive Data File (embedded within the Inline XBRL document)"),
    ]


def test_a_short_index_row_ending_in_a_name_is_complete() -> None:
    # a short line ending in a capitalised word is a whole description, not one cut by the
    # right margin; footnotes, page numbers and headings in capitals are not descriptions
    text = (
        "(c) Exhibits\n"
        "2.1   Merger Agreement with Pelham Foods\n"
        "Item 8.01 Other Events\n"
        "99.1  Letter to shareholders of Pelham Foods\n"
        "* Filed herewith\n"
        "99.2  Investor presentation\n"
        "12\n"
        "99.3  Press release\n"
        "FORWARD-LOOKING STATEMENTS\n"
    )
    assert _index(text) == [
        ("2.1", "Merger Agreement with Pelham Foods"),
        ("99.1", "Letter to shareholders of Pelham Foods"),
        ("99.2", "Investor presentation"),
        ("99.3", "Press release"),
    ]


def test_a_name_running_to_the_margin_goes_on_below_and_a_numbered_line_is_a_row() -> None:
    text = (
        "Exhibits\n"
        "10.1      Credit Agreement among the Company, Fernleaf Bank and Oakhurst\n"
        "Capital Partners\n"
        "10.2      Security Agreement dated as of April 15,\n"
        "2003, made by the Company\n"
        "10.3      Guaranty by the subsidiaries listed in Schedule 1 dated as of\n"
        "10.4      Pledge Agreement\n"
    )
    assert _index(text) == [
        ("10.1", "Credit Agreement among the Company, Fernleaf Bank and Oakhurst Capital Partners"),
        ("10.2", "Security Agreement dated as of April 15, 2003, made by the Company"),
        ("10.3", "Guaranty by the subsidiaries listed in Schedule 1 dated as of"),
        ("10.4", "Pledge Agreement"),
    ]


def test_inline_exhibit_labels_in_order() -> None:
    parts = [
        ("10.1", 0, 10),
        ("5.1(c)", 10, 20),
        ("2.3", 20, 30),
        ("10.2", 30, 40),
        ("10.3", 40, 50),
    ]
    assert [p[0] for p in in_filing_order(parts)] == ["10.1", "10.2", "10.3"]


# ------------------------------------------------------------------ registrant fallbacks
@pytest.mark.parametrize(
    "body,full,ticker,name",
    [
        (
            'On May 23, 2008, Aaron Rents, Inc. (the "Company") entered into',
            "",
            None,
            "Aaron Rents, Inc.",
        ),
        (
            'On December 20, 2009, Alcoa Inc. ("") and Saudi Arabian Mining Company ("") entered',
            "",
            None,
            "Alcoa Inc.",
        ),
        (
            'On October 9, 2006, we entered into a merger agreement with YouTube, Inc. ("").',
            "MOUNTAIN VIEW, Calif. - Google Inc. (NASDAQ: GOOG) announced",
            "GOOG",
            "Google Inc.",
        ),
        (
            "On September 12, 2008, Aaron Rents, Inc., a Georgia corporation (the\n) with CORT",
            "",
            None,
            "Aaron Rents, Inc.",
        ),
        (
            # the defined terms set on lines of their own, their quotes lost, by the rendering
            "Westmarch National Bank sold to Carraway Portfolio Acquisitions, Inc. (\nCarraway\n"
            "or the\nCompany\n) the portfolio, and Delmont Collection Services, LLC (\nDelmont\n)"
            " sold Delmont Recovery, LLC. Delmont is a collector; Delmont has 400 employees.",
            "",
            None,
            "Carraway Portfolio Acquisitions, Inc.",
        ),
        (
            'the Board of Directors of Aaron Rents, Inc. (the "Company") approved',
            "",
            None,
            "Aaron Rents, Inc.",
        ),
    ],
)
def test_registrant_from_text(body: str, full: str, ticker: str | None, name: str) -> None:
    assert registrant_from_text(body, full, ticker) == name


# ------------------------------------------------------------------ text normalisation
def test_normalise_lines_map_and_artifacts() -> None:
    src = (
        "Title\r\n\r\n\r\n  Edgar Filing: Acme Inc - Form 8-K\n  Item 1.01\u00a0Entry  \n"
        "<PAGE> 2\nEnd"
    )
    text, segs = normalise_lines(src)
    assert text == "Title\n\nItem 1.01 Entry\nEnd"
    for t, s, n in segs:
        assert text[t : t + n].replace(" ", "") == src[s : s + n].replace("\u00a0", "").replace(
            " ", ""
        )
    assert src[to_source(segs, text.index("Entry")) :].startswith("Entry")


def test_a_last_heading_running_on_into_the_signature_words_keeps_its_offsets_in_order():
    from pactgraph.nlp.reader import read_filing

    text = (
        "FORM 8-K\nCURRENT REPORT\nDate of Report: September 23, 2031\nZETA MILLS, INC.\n"
        "Item 8.01. Other Events Pursuant to the requirements of the Securities Exchange Act "
        "of 1934, the registrant has duly caused this report to be signed on its behalf by the "
        "undersigned hereunto\nOn September 20, 2031, Zeta Mills, Inc. opened a plant.\n"
        "SIGNATURES\nZETA MILLS, INC.\nBy: /s/ Jane Roe\nJane Roe, Secretary\n"
    )
    filing = read_filing("run-on.txt", data=text.encode())
    for item in filing.items:
        assert item.start <= item.heading_end <= item.end <= len(filing.text)


def test_a_signature_whose_name_the_rendering_lost_names_no_one():
    from pactgraph.nlp.reader.signature import find_signatures

    text = (
        "SIGNATURES\n\nPursuant to the requirements of the Securities Exchange Act of 1934, the"
        " registrant has duly caused this report to be signed on its behalf.\n\nORREY FOODS, INC."
        "\n\nDated: May 24, 2006\nBy:\n/s/\nSenior Vice President, General Counsel and Secretary\n"
    )
    assert find_signatures(text) == []
    text = text.replace("/s/\n", "/s/\nMarta J. Selby\n")
    [signature] = find_signatures(text)
    assert (signature.name, signature.title) == (
        "Marta J. Selby",
        "Senior Vice President, General Counsel and Secretary",
    )


def test_an_index_flattened_into_one_line_gives_a_row_per_number():
    text = (
        "ITEM 9.01 FINANCIAL STATEMENTS AND EXHIBITS. (d) Exhibits. Exhibit No. Description "
        "4.1 Warrant to Purchase Common Stock dated June 20, 2008 issued to Orrey Fund II, L.P. "
        "10.1 Loan Agreement between Zeta Corp. and Orrey Fund II, L.P. (incorporated by "
        "reference to Exhibit 10.1 to the Form 8-K filed May 2, 2008). 99.1 Press release dated "
        "June 23, 2008. SIGNATURE Pursuant to the requirements of the Exchange Act ..."
    )
    rows = parse_index(text, 0, len(text))
    assert [r.number for r in rows] == ["4.1", "10.1", "99.1"]
    assert rows[1].description.endswith("filed May 2, 2008).")


@pytest.mark.parametrize(
    ("tagged", "printed", "name"),
    [
        # a hidden tag with EDGAR's conformed name: the cover's charter name, punctuated
        ("1 800 FLOWERS COM INC", "1-800-FLOWERS.COM, INC.", "1-800-FLOWERS.COM, INC."),
        # a cover in capitals does not replace the tag's mixed case
        ("Oracle Corp", "ORACLE CORP", "Oracle Corp"),
        # another name altogether: the tag stands
        ("Northwind Holdings, Inc.", "NORTHWIND TRADERS, INC.", "Northwind Holdings, Inc."),
    ],
)
def test_the_tagged_registrant_name_gives_way_to_the_same_name_punctuated(
    tmp_path, tagged, printed, name
) -> None:
    from pactgraph.nlp.reader.read import read_filing

    page = (
        "<html><body><div style='display:none'><ix:header><ix:hidden><ix:nonNumeric "
        f"name='dei:EntityRegistrantName'>{tagged}</ix:nonNumeric></ix:hidden></ix:header>"
        "</div><p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 8-K</p>"
        "<p>CURRENT REPORT</p><p>Date of Report (Date of earliest event reported): "
        f"March 3, 2021</p><p><b>{printed}</b></p>"
        "<p>(Exact name of registrant as specified in its charter)</p>"
        "<p>Item 8.01 Other Events.</p><p>The board met.</p></body></html>"
    )
    path = tmp_path / "report.htm"
    path.write_text(page, "utf-8")
    assert read_filing(path).header.company_name == name
