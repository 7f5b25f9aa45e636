"""Defined terms a research-dataset rendering lifted out of its sentences, put back."""

from __future__ import annotations

from pactgraph.nlp.reader.lifted_terms import restore_lifted_terms
from pactgraph.nlp.reader.textnorm import normalise_lines, to_source


def _restored(source: str) -> tuple[str, list]:
    return restore_lifted_terms(*normalise_lines(source))


def test_each_term_goes_back_between_its_empty_quotes_and_its_line_goes():
    source = (
        'On May 2, 2031, Orrey Corp. (the "") entered into a Supply Agreement (the "") with '
        'Kestrel Hollow LLC ("").\n'
        "Company\nSupply Agreement\nKestrel\n"
        "The Supply Agreement runs five years.\n"
    )
    text, segments = _restored(source)
    assert text == (
        'On May 2, 2031, Orrey Corp. (the "Company") entered into a Supply Agreement (the '
        '"Supply Agreement") with Kestrel Hollow LLC ("Kestrel").\n'
        "The Supply Agreement runs five years."
    )
    # a restored term points at its own line in the file; the prose at the prose
    at = text.index("Kestrel")
    assert source[to_source(segments, at) :].startswith("Kestrel Hollow")
    term = text.index('"Kestrel"') + 1
    assert source[to_source(segments, term) :].startswith("Kestrel\nThe Supply")
    end = text.index("The Supply Agreement runs")
    assert source[to_source(segments, end) :].startswith("The Supply Agreement runs")


def test_lower_case_runs_are_left_out_and_a_heading_after_the_terms_stays():
    source = (
        '"" shall mean any sale of assets; , , that no sale to a Subsidiary counts.\n'
        "Asset Sale\nprovided\nhowever\n"
        "Guaranty\n"
        "The Guaranty is unconditional.\n"
    )
    text, _ = _restored(source)
    assert text.splitlines() == [
        '"Asset Sale" shall mean any sale of assets; , , that no sale to a Subsidiary counts.',
        "Guaranty",
        "The Guaranty is unconditional.",
    ]


def test_lines_that_do_not_give_a_term_for_every_pair_of_quotes_change_nothing():
    source = 'Orrey Corp. (the "") and Kestrel LLC ("") signed.\nCompany\nThe deal closed.\n'
    text, segments = normalise_lines(source)
    assert _restored(source) == (text, segments)
