"""The one date parser: the written forms the reader and extraction both meet."""

from __future__ import annotations

import pytest

from pactgraph.nlp.reader.dates import find_dates, parse_date


@pytest.mark.parametrize(
    "written, iso",
    [
        ("March 4, 2019", "2019-03-04"),
        ("MARCH 4, 2019", "2019-03-04"),
        ("Mar. 4, 2019", "2019-03-04"),
        ("Sept. 30, 2011", "2011-09-30"),
        ("Jun. 30, 2011", "2011-06-30"),
        ("Jul. 1, 2011", "2011-07-01"),
        ("4 March 2019", "2019-03-04"),
        ("the 4th day of March, 2019", "2019-03-04"),
        ("the 4th of March, 2019", "2019-03-04"),
        ("3/4/2019", "2019-03-04"),
        ("3/4/19", "2019-03-04"),
        ("3/4/98", "1998-03-04"),
        ("2019-03-04", "2019-03-04"),
    ],
)
def test_written_forms_give_one_iso_date(written: str, iso: str) -> None:
    text = f"The board met on {written} to approve the plan."
    found = find_dates(text)
    assert [d.iso for d in found] == [iso]
    assert text[found[0].start : found[0].end].endswith(written.split()[-1])


def test_invalid_calendar_days_are_no_dates() -> None:
    assert find_dates("due February 30, 2019 or 13/40/2019") == []
    assert parse_date("20190230") is None


def test_date_hereof_means_the_report_date_only_when_given() -> None:
    text = "as of the date hereof and on June 2, 2020"
    assert [d.iso for d in find_dates(text)] == ["2020-06-02"]
    found = find_dates(text, report_date="2020-06-05")
    assert [d.iso for d in found] == ["2020-06-05", "2020-06-02"]


def test_a_mention_is_a_tuple_and_has_names() -> None:
    ((start, end, iso),) = find_dates("Dated: July 1, 2024")
    mention = find_dates("Dated: July 1, 2024")[0]
    assert (mention.start, mention.end, mention.iso) == (start, end, iso) == (7, 19, "2024-07-01")


def test_parse_date_reads_header_values() -> None:
    assert parse_date("20071218") == "2007-12-18"
    assert parse_date("  December 18, 2007 ") == "2007-12-18"
    assert parse_date("") is None and parse_date(None) is None and parse_date("no date") is None


@pytest.mark.parametrize(
    "written",
    ["Jul. 27, 2005", "July 27th, 2005", "27 July 2005", "the 27th day of July, 2005", "7/27/2005"],
)
def test_the_written_date_fragment_steps_over_every_form_find_dates_reads(written: str) -> None:
    import re

    from pactgraph.nlp.reader.dates import WRITTEN_DATE

    clause = re.compile(rf", dated as of (?:{WRITTEN_DATE}), to")
    assert clause.search(f"Amendment No. 1, dated as of {written.removeprefix('the ')}, to the")
    assert [d.iso for d in find_dates(written)] == ["2005-07-27"]


def test_a_date_with_no_year_takes_the_year_of_the_report_it_is_nearest_to() -> None:
    text = "effective January 9 and on December 28; the Board may 3 times; February 29"
    assert [d.iso for d in find_dates(text, "2031-01-14")] == ["2031-01-09", "2030-12-28"]
    assert find_dates("effective January 9") == []  # no report date, no year to give it
    assert [d.iso for d in find_dates("On March 3, 2011", "2031-01-14")] == ["2011-03-03"]
