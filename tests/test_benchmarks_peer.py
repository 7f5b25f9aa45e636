"""The peer benchmark's own logic: header item titles -> numbers, scoring, the table (no
edgartools)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def peer(benchmark_module):
    return benchmark_module("peer_edgartools")


@pytest.fixture(scope="module")
def table(peer):
    return peer.load_item_table()


def test_modern_titles_map_to_decimal_items(peer, table):
    assert (
        peer.title_to_number("Entry into a Material Definitive Agreement", "2024-05-03", table)
        == "1.01"
    )
    assert peer.title_to_number("Other Events", "2024-05-03", table) == "8.01"
    assert peer.title_to_number("FINANCIAL STATEMENTS AND EXHIBITS.", "2015-01-01", table) == "9.01"
    # a filer's wording seen in real headers (colon instead of semicolon)
    assert (
        peer.title_to_number(
            "Departure of Directors or Certain Officers; Election of Directors; Appointment of "
            "Certain Officers: Compensatory Arrangements of Certain Officers",
            "2019-07-10",
            table,
        )
        == "5.02"
    )


def test_titles_before_august_2004_use_the_old_items(peer, table):
    assert peer.title_to_number("Financial statements and exhibits", "2004-07-14", table) == "7"
    assert peer.title_to_number("Other Events", "1996-12-24", table) == "5"
    assert (
        peer.title_to_number("Changes in registrant's certifying accountant", "2002-02-19", table)
        == "4"
    )
    assert (
        peer.title_to_number("Results of Operations and Financial Condition", "2004-01-08", table)
        == "12"
    )


def test_unknown_or_empty_titles_are_not_mapped(peer, table):
    assert peer.title_to_number("", "2020-01-01", table) is None
    assert peer.title_to_number("Quarterly dividend", "2020-01-01", table) is None


def test_header_items_reads_item_information_and_filing_date(peer, table):
    head = (
        "<SEC-HEADER>0000000000-00-000000.hdr.sgml : 19951206\n"
        "CONFORMED SUBMISSION TYPE:\t8-K\n"
        "ITEM INFORMATION:\t\tAcquisition or disposition of assets\n"
        "ITEM INFORMATION:\t\tFinancial statements and exhibits\n"
        "FILED AS OF DATE:\t\t19951206\n</SEC-HEADER>\n"
        "<DOCUMENT>\nITEM INFORMATION:\tOther Events\n"
    )  # after the header: ignored
    h = peer.header_items(head, table)
    assert h.filed == "1995-12-06"
    assert h.numbers == ["2", "7"]
    empty = peer.header_items(
        "<SEC-HEADER>\nITEM INFORMATION:\t\t\nFILED AS OF DATE:\t\t19980203\n</SEC-HEADER>\n", table
    )
    assert empty.numbers is None and "empty" in empty.why_not


def test_scoring_and_table_on_two_corpus_files_without_edgartools(
    peer, table, corpus_dir, gold_dir, monkeypatch, capsys
):
    cases = [c for c in peer.collect_cases(corpus_dir, gold_dir, table) if c.gold is not None][:2]
    assert len(cases) == 2 and all(c.path.name.endswith(".txt") for c in cases)
    run = peer.run_pactgraph(cases)
    s = peer.summarise("pactgraph", run, cases)
    assert (s.files, s.gold_total) == (2, 2)
    assert s.gold_match + len(s.gold_misses) == 2
    text = peer.format_table(
        [s, peer.summarise("pactgraph (body only)", run, cases, body_only=True)]
    )
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["tool", "files", "errors"]
    assert lines[2].startswith("pactgraph ") and f"{s.gold_match}/2" in lines[2]
    assert lines[3].startswith("pactgraph (body only)") and "1.00x" in lines[2]

    monkeypatch.setenv("PACTGRAPH_EDGARTOOLS_PYTHON", str(REPO / "no-such-venv" / "python"))
    assert peer.edgartools_python() is None
    assert (
        peer.main(
            ["--corpus", str(corpus_dir), "--gold", str(gold_dir), "--limit", "2", "--repeat", "1"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "edgartools column skipped" in out
    assert "pactgraph (body only)" in out
