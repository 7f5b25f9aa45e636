"""Lines written in capitals read in ordinary case, and the facts do not depend on it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pactgraph.nlp.extract import facts_for_path
from pactgraph.nlp.truecase import in_capitals, truecased

WRITTEN = Path(__file__).parent / "written"


@pytest.mark.parametrize(
    "line, cased",
    [
        (
            "2.1  AGREEMENT AND PLAN OF MERGER DATED AS OF JULY 22, 1997, AMONG KEYSTONE CORP.",
            "2.1  Agreement and Plan of Merger dated as of July 22, 1997, among Keystone Corp.",
        ),
        (
            "10.1 CREDIT AGREEMENT AMONG THE LENDERS PARTY THERETO AND ACME BANK, N.A., AS AGENT",
            "10.1 Credit Agreement among the Lenders party thereto and Acme Bank, N.A., as Agent",
        ),
        (
            "COOPERATION AGREEMENT WITH NORSK HYDRO PRODUKSJON AS",
            "Cooperation Agreement with Norsk Hydro Produksjon AS",
        ),
        ("FUND III, L.P. AND MEADOWBROOK LLC", "Fund III, L.P. and Meadowbrook LLC"),
    ],
)
def test_a_line_in_capitals_reads_in_ordinary_case_and_keeps_its_length(line, cased):
    assert truecased(line) == cased
    assert len(truecased(line)) == len(line)


def test_initials_regions_and_spellings_the_report_uses_keep_their_capitals():
    line = "10.2 GUARANTY OF U.S. BANK NATIONAL ASSOCIATION AND BANK LEUMI USA TO SOUTHTRUST BANK"
    cased = truecased(line, spelled_in="The Company and SouthTrust Bank signed it.")
    assert cased == (
        "10.2 Guaranty of U.S. Bank National Association and Bank Leumi USA to SouthTrust Bank"
    )


def test_a_line_that_goes_on_from_the_line_above_opens_with_a_small_word():
    text = "10.2  WAIVER AND CONSENT EFFECTIVE AS OF JUNE 28, 2000\n      BETWEEN ACME MARINE, INC."
    assert truecased(text).split("\n")[1] == "      between Acme Marine, Inc."


def test_lines_in_ordinary_case_and_short_capitals_stay():
    text = "The Company entered into a Credit Agreement with ABC Bank.\nITEM 7.\n"
    assert truecased(text) == text
    assert not in_capitals("ITEM 7.") and in_capitals("FINANCIAL STATEMENTS AND EXHIBITS")


def _agreements(path: Path) -> list[dict]:
    facts = facts_for_path(path)
    return [{k: v for k, v in a.items() if k != "evidence"} for a in facts["agreements"]]


@pytest.mark.parametrize(
    "report", ["amend/filings/synth-amend-06.txt", "banks/filings/synth-banks-02.txt"]
)
def test_an_exhibit_index_in_capitals_gives_the_same_agreements(tmp_path, report):
    source = WRITTEN / report
    text = source.read_text(encoding="utf-8")
    start = [m.start() for m in re.finditer(r"(?im)^\s*item\s*(?:9\.01|7)\b", text)][-1]
    end = text.index("SIGNATURE", start)
    shouting = tmp_path / source.name
    shouting.write_text(text[:start] + text[start:end].upper() + text[end:], encoding="utf-8")
    assert _agreements(shouting) == _agreements(source)
