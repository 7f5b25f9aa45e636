"""Rewritten filings (other habits of writing, same facts) and the robustness report."""

from __future__ import annotations

from pathlib import Path

from pactgraph.nlp.labelled import load_labelled
from pactgraph.nlp.perturbations import (
    PERTURBATIONS,
    abbreviated_months,
    curly_quotes,
    day_month_year,
    index_in_capitals,
    rewrapped_prose,
)
from pactgraph.nlp.robustness import RENAMED, robustness

WRITTEN_AMEND = Path(__file__).parent / "written" / "amend"


def test_dates_are_rewritten_and_may_stays():
    text = "On December 18, 2007 and May 1, 2008"
    assert abbreviated_months(text) == "On Dec. 18, 2007 and May 1, 2008"
    assert day_month_year(text) == "On 18 December 2007 and 1 May 2008"


def test_html_markup_is_left_alone():
    page = '<html><p class="x">the "Company" signed on June 2, 2020</p></html>'
    assert curly_quotes(page) == (
        '<html><p class="x">the \u201cCompany\u201d signed on June 2, 2020</p></html>'
    )
    assert rewrapped_prose(page) == page and index_in_capitals(page) == page


def test_prose_is_refilled_and_an_index_is_not():
    prose = (
        "On March 3, 2021, the Company entered into a Credit Agreement with Harbor National "
        "Bank, N.A., as administrative agent, and the lenders party thereto.\n"
    )
    index = "10.1    Credit Agreement, dated as of March 3, 2021, among the Company and the Bank\n"
    refilled = rewrapped_prose(prose + "\n" + index)
    assert max(len(line) for line in refilled.split("\n")[:3]) <= 60
    assert refilled.endswith(index)


def test_only_the_exhibit_section_is_put_in_capitals():
    text = (
        "Item 1.01 Entry.\nAcme Inc. signed.\nItem 9.01 Exhibits.\n10.1 Lease\nSIGNATURE\nBy: x\n"
    )
    assert index_in_capitals(text) == (
        "Item 1.01 Entry.\nAcme Inc. signed.\nITEM 9.01 EXHIBITS.\n10.1 LEASE\nSIGNATURE\nBy: x\n"
    )


def test_the_written_amendment_reports_score_the_same_however_written():
    filings = load_labelled([WRITTEN_AMEND], WRITTEN_AMEND)
    rows = robustness(filings, names=[*sorted(PERTURBATIONS), RENAMED], workers=1)
    assert [r.name for r in rows] == [*sorted(PERTURBATIONS), RENAMED]
    assert all(r.rewritten > 0 for r in rows if r.name != "curly-quotes")
    for row in rows:
        assert abs(row.perturbed - row.as_written) <= 0.01, row


def test_cli_robustness_prints_a_row_per_perturbation(capsys):
    import json

    from pactgraph.graph.cli import main

    args = ["evaluate", "--robustness", "--gold", str(WRITTEN_AMEND), "--corpus"]
    assert main(args + [str(WRITTEN_AMEND), "--json", "--workers", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"] == 18
    assert [r["name"] for r in report["rows"]] == [*PERTURBATIONS, RENAMED]
    assert main(args + [str(WRITTEN_AMEND), "--workers", "1"]) == 0
    assert "index-in-capitals" in capsys.readouterr().out  # folded, never cut, at any width
