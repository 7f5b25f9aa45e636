"""Reader fixes of the second round: "None" answers next to page breaks and the signature,
signature titles, the report prose before the first item (``Filing.preamble``), exhibits typed
into the report document, partial item titles."""

from __future__ import annotations

import textwrap

from pathlib import Path

import pytest
from pactgraph.nlp.reader.cover import preamble_span
from pactgraph.nlp.reader.items import find_items, number_for_title
from pactgraph.nlp.reader import read_filing
from pactgraph.nlp.reader.signature import find_signatures

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "filings"


def _corpus(name: str) -> Path:
    p = CORPUS / name
    if not p.is_file():
        pytest.skip(f"{p} not beside the repo")
    return p


# ------------------------------------------------------------------ items answered "None"
OLD_FORM = (
    "Rock Quarry Corporation\nForm 8-K\n"
    "ITEM 1. CHANGES IN CONTROL OF REGISTRANT.\nNone.\n"
    "ITEM 2. ACQUISITION OR DISPOSITION OF ASSETS. Not applicable.\n"
    "ITEM 4. CHANGES IN REGISTRANT'S CERTIFYING ACCOUNTANT.\nNone.\n"
    "- 2 -\nRock Quarry Corporation\nForm 8-K\n"
    "ITEM 5. OTHER EVENTS.\nOn May 1, 2000, the Registrant sold its quarry in Barre.\n"
    "ITEM 6. RESIGNATIONS OF REGISTRANT'S DIRECTORS.\n- 3 -\nRock Quarry Corporation\nForm 8-K\n"
    "None.\n"
    "ITEM 8. CHANGE IN FISCAL YEAR.\nNot applicable.\n"
    "- 4 -\nRock Quarry Corporation\nForm 8-K\n"
    "Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly "
    "caused this report to be signed on its behalf by the undersigned hereunto duly authorized.\n"
    "Dated: May 2, 2000\nROCK QUARRY CORPORATION\nBy: /s/ Jane Q. Doe\nJane Q. Doe, President\n"
)


def test_none_answers_skip_page_breaks_running_heads_and_signature() -> None:
    # the running head is in mixed case (found by repetition), an answer may follow a page
    # break or sit at the end of its heading line, and the last item runs into the signature
    items = find_items(OLD_FORM, legacy=True)
    assert [i.number for i in items] == ["5"]
    assert "sold its quarry" in OLD_FORM[items[0].heading_end : items[0].end]


def test_an_answered_item_counts_even_when_another_says_none() -> None:
    text = OLD_FORM.replace(
        "ITEM 8. CHANGE IN FISCAL YEAR.\nNot applicable.\n",
        "ITEM 8. CHANGE IN FISCAL YEAR.\nThe fiscal year now ends on June 30.\n",
    )
    assert [i.number for i in find_items(text, legacy=True)] == ["5", "8"]


def test_rock_of_ages_counts_only_its_answered_item() -> None:
    # the corpus manifest: "5 (body; items 1-4 and 6-8 answered None)"
    f = read_filing(_corpus("0000084581_2000-09-27_0000084581-00-500009.txt"))
    assert f.item_numbers == ["5"]
    assert [s.name for s in f.signatures] == ["Kurt M. Swenson"]


def test_oracle_item_5_02_is_5_02() -> None:
    f = read_filing(_corpus("0001341439_2019-07-10_0001193125-19-191922.txt"))
    assert [i.number for i in f.items] == ["5.02", "9.01"]
    assert f.header.header_items == ["5.02", "9.01"]
    assert f.text[f.items[0].start :].startswith("Item 5.02 Departure of Directors")


def test_partial_item_titles() -> None:
    assert number_for_title("Departure of Directors or Certain Officers") == "5.02"
    assert (
        number_for_title("Departure of Directors or Certain Officers; Election of Directors")
        == "5.02"
    )
    assert number_for_title("Submission of Matters to a Vote of Security Holders") == "5.07"
    assert number_for_title("Other") is None


# ------------------------------------------------------------------ signatures
_SIG_HEAD = (
    "SIGNATURES\nPursuant to the requirements of the Securities Exchange Act of 1934, the "
    "registrant has duly caused this report to be signed on its behalf by the undersigned "
    "hereunto duly authorized.\n"
)


def test_signature_name_and_title_after_the_date() -> None:
    text = _SIG_HEAD + (
        "PREMIER BANCORP, INC.\n(Registrant)\n/s/ Brien M. Chase\n"
        "Date: March 30, 2021 Brien M. Chase, Senior Vice President\nand Chief Financial Officer\n"
    )
    (s,) = find_signatures(text)
    assert (s.name, s.title, s.date) == (
        "Brien M. Chase",
        "Senior Vice President and Chief Financial Officer",
        "2021-03-30",
    )


def test_signature_flattened_on_one_line() -> None:
    text = _SIG_HEAD.replace("\n", " ") + (
        "AARON RENTS, INC. By: /s/ Gilbert L. Danielson ------------------------- Gilbert L. "
        "Danielson Executive Vice President, Date: February 27, 2006 Chief Financial Officer 3\n"
    )
    (s,) = find_signatures(text)
    assert (s.name, s.title, s.date) == (
        "Gilbert L. Danielson",
        "Executive Vice President, Chief Financial Officer",
        "2006-02-27",
    )


def test_signature_by_line_with_title_and_a_lost_slash() -> None:
    text = _SIG_HEAD + (
        "AARONS, INC.\nBy: Gilbert L. Danielson Executive Vice President and Chief Financial "
        "Officer\n"
        "s/ Gilbert L. Danielson\n/\nDate: June 24, 2010\n"
    )
    (s,) = find_signatures(text)
    assert (s.name, s.title, s.date) == (
        "Gilbert L. Danielson",
        "Executive Vice President and Chief Financial Officer",
        "2010-06-24",
    )


def test_signature_title_is_never_the_signers_name() -> None:
    text = (
        _SIG_HEAD
        + "NIKE, Inc.\n(Registrant)\nDate:\tMarch 11, 2024\tBy:\t/s/ Matthew Friend\nMatt Friend\n"
    )
    (s,) = find_signatures(text)
    assert s.name == "Matthew Friend" and s.title is None and s.date == "2024-03-11"


def test_signature_date_in_the_authorisation_sentence() -> None:
    text = (
        "SIGNATURES\nPursuant to the requirements of the Securities Exchange Act of 1934, the "
        "Registrant has duly caused this report to be signed on its behalf by the undersigned "
        "hereunto duly authorized on this 8th day of January, 2025.\nACORN ENERGY, INC.\n"
        "By:\t/s/ Tracy S. Clifford\n"
        "Name:\tTracy S. Clifford\nTitle:\tChief Financial Officer\n"
    )
    (s,) = find_signatures(text)
    assert (s.title, s.date) == ("Chief Financial Officer", "2025-01-08")


# ------------------------------------------------------------------ exhibit typed into the report
def test_exhibit_typed_after_the_signature_of_an_sgml_report() -> None:
    f = read_filing(_corpus("0001063262_2002-02-19_0001104540-02-000064.txt"))
    assert [s.name for s in f.signatures] == ["J. Dan Sifford"]
    assert "HJ & ASSOCIATES" not in f.text[f.items[-1].end :]
    (ex,) = [e for e in f.exhibits if e.number == "16.1"]
    assert "in agreement with the" in ex.text


# ------------------------------------------------------------------ preamble
COVER = (
    "FORM 8-K\nCURRENT REPORT\nDate of Report (Date of earliest event reported): October 27, 2025\n"
    "ACME CORP.\n(Exact name of registrant as specified in its charter)\n"
    "Check the appropriate box below if the Form 8-K filing is intended to simultaneously satisfy "
    "the filing obligation of the registrant under any of the following provisions:\n"
    "☐\tWritten communications pursuant to Rule 425 under the Securities Act (17 CFR 230.425)\n"
    "Emerging growth company ☐\n"
)


def test_preamble_is_the_prose_before_the_first_item() -> None:
    note = (
        "Introductory Note\nOn October 27, 2025, Acme Corp. completed the previously announced "
        "sale of its Widget business to Beta LLC pursuant to the Purchase Agreement dated May 18, "
        "2025.\n"
    )
    text = (
        COVER
        + note
        + "Item 2.01 Completion of Acquisition or Disposition of Assets.\nThe sale closed.\n"
    )
    first = text.index("Item 2.01")
    span = preamble_span(text, first)
    assert span is not None and text[span[0] : span[1]] == note.strip()


def test_a_preamble_filled_at_48_columns_starts_at_its_first_line() -> None:
    note = textwrap.fill(
        "On October 27, 2025, Acme Corp. completed the sale of its Widget business to Beta LLC "
        "pursuant to the Purchase Agreement dated May 18, 2025, by and among Acme Corp., Beta LLC "
        "and the other parties named in it, as described below.",
        48,
    )
    assert max(map(len, note.split("\n"))) < 50  # no line is long enough to read as prose alone
    text = (
        COVER + "\n" + note + "\n\nItem 2.01 Completion of Acquisition or Disposition of Assets.\n"
    )
    span = preamble_span(text, text.index("Item 2.01"))
    assert span is not None and text[span[0] : span[1]] == note


def test_no_preamble_when_only_headings_sit_before_the_first_item() -> None:
    text = (
        COVER
        + "Section 5 - Corporate Governance and Management\nItem 5.02 Departure of Directors\n"
    )
    assert preamble_span(text, text.index("Item 5.02")) is None


def test_filing_preamble_on_the_corpus() -> None:
    f = read_filing(_corpus("0000002488_2025-10-27_0001193125-25-250803.txt"))
    assert f.preamble is not None
    start, end = f.preamble
    assert f.text[start:end].startswith("Introductory Note")
    assert "Equity Purchase Agreement" in f.text[start:end]
    assert end <= f.items[0].start and f.items[0].number == "2.01"
    # a report without any item heading (the research renderings): the whole report prose
    lee = read_filing(_corpus("ticker-AA_2009-12-24_lee-20091224134041.txt"))
    assert lee.items == [] and lee.preamble is not None
    assert (
        "entered into an Aluminium Project Framework" in lee.text[lee.preamble[0] : lee.preamble[1]]
    )
    # an 8-K whose first item follows the cover page at once has none
    assert read_filing(_corpus("0001341439_2019-07-10_0001193125-19-191922.txt")).preamble is None


_HTML = (
    "<html><body><p>FORM 8-K</p><p>CURRENT REPORT</p>"
    "<p>Date of Report (Date of earliest event reported): June 19, 2014</p>"
    "<p>ACME CORPORATION</p><p>(Exact name of registrant as specified in its charter)</p>"
    "<p>TABLE OF CONTENTS</p><p>Item 8.01 Other Events</p><p>SIGNATURE</p><p>EXHIBIT 99.1</p>"
    "<p>Item 8.01 Other Events</p><p>The Board of Directors of the Company declared a cash "
    "dividend of $0.12 per share payable on July 30, 2014.</p>"
    "<p>SIGNATURE</p><p>Pursuant to the requirements of the Securities Exchange Act of 1934, the "
    "registrant has duly caused this report to be signed on its behalf by the undersigned "
    "hereunto duly authorized.</p><p>ACME CORPORATION</p><p>By: /s/ Jane Doe</p><p>Jane Doe, "
    "Secretary</p>{tail}</body></html>"
)


def test_a_table_of_contents_does_not_cut_the_report() -> None:
    f = read_filing("toc.htm", data=_HTML.format(tail="").encode())
    assert "cash dividend" in f.text
    assert [(s.name, s.title) for s in f.signatures] == [("Jane Doe", "Secretary")]
    assert [e.number for e in f.exhibits] == []


def test_an_exhibit_after_the_signature_of_an_html_report_is_split_off() -> None:
    tail = (
        "<p>EXHIBIT 99.1</p><p>ACME ANNOUNCES DIVIDEND</p><p>Acme said today that its board "
        "declared a dividend.</p>"
    )
    f = read_filing("ex.htm", data=_HTML.format(tail=tail).encode())
    assert "ACME ANNOUNCES" not in f.text and f.text.rstrip().endswith("Jane Doe, Secretary")
    (ex,) = f.exhibits
    assert ex.number == "99.1" and "board declared a dividend" in ex.text


def test_a_registrant_named_across_a_wrapped_line_without_a_cover_is_named_whole(tmp_path):
    body = textwrap.fill(
        'On the 14th day of June, 2007, Larkspur Instruments Corporation (the "Company") '
        "entered into a Supply Agreement with Tamura Seiki K.K., a corporation organized under "
        "the laws of Japan, under which Tamura will supply sensor assemblies to the Company.",
        48,
    )
    assert "Larkspur\nInstruments" in body
    text = (
        "<DOCUMENT>\nFILE:LKSP/LKSP-8K-20070619170455.txt.gz\nTIME:20070619170455\n"
        "EVENTS:\tEntry into a Material Definitive Agreement\nTEXT:\n"
        "ITEM: Entry into a Material Definitive Agreement\n"
        f"Item 1.01  Entry into a Material Definitive Agreement.\n\n{body}\n\n</DOCUMENT>\n"
    )
    path = tmp_path / "lksp.txt"
    path.write_text(text)
    assert read_filing(path).header.company_name == "Larkspur Instruments Corporation"
