"""The spaCy pipeline: blank English plus registered rule components, built once."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pactgraph.nlp.pipeline import COMPONENTS, make_pipeline


def test_components_are_registered_factories():
    for name in COMPONENTS:
        assert Language.has_factory(name)


def test_pipeline_is_light_and_cached():
    nlp = make_pipeline()
    assert nlp is make_pipeline()
    assert nlp.lang == "en"
    assert tuple(nlp.pipe_names) == COMPONENTS and COMPONENTS[0] == "pactgraph_patterns"
    assert not any(name in nlp.pipe_names for name in ("tagger", "parser", "ner"))


def test_pipeline_runs_on_a_doc_with_context():
    nlp = make_pipeline()
    text = (
        "On December 18, 2007, Ascent Solar Technologies, Inc. (Ascent) executed a Cooperation "
        "Agreement with Norsk Hydro Produksjon AS (Hydro), a roughly 23% shareholder of Ascent."
    )
    doc = nlp.make_doc(text)
    doc.user_data.update(
        {
            "offset": 0,
            "text": text,
            "registrant": "Ascent Solar Technologies, Inc.",
            "report_date": "2007-12-18",
            "sections": [("1.01", 0, len(text))],
        }
    )
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [s.text for s in doc.spans["orgs"]] == [
        "Ascent Solar Technologies, Inc.",
        "Norsk Hydro Produksjon AS",
    ]
    assert [s.label_ for s in doc.spans["dates"]] == ["2007-12-18"]
    (agreement,) = doc.user_data["agreements"]
    assert agreement.title == "Cooperation Agreement" and agreement.date == "2007-12-18"
    assert agreement.parties == ["Ascent Solar Technologies, Inc.", "Norsk Hydro Produksjon AS"]
    (stake,) = doc.user_data["stakes"]
    assert (stake.holder, stake.percent, stake.qualifier) == (
        "Norsk Hydro Produksjon AS",
        23.0,
        "approximately",
    )


def _run(text: str, registrant: str, item: str, report_date: str):
    """The pipeline's doc of ``text`` read as one item section."""
    nlp = make_pipeline()
    doc = nlp.make_doc(text)
    doc.user_data.update(
        {
            "offset": 0,
            "text": text,
            "registrant": registrant,
            "report_date": report_date,
            "sections": [(item, 0, len(text))],
        }
    )
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _stakes_of(text: str) -> list[tuple]:
    doc = _run(text, "Zeta Mills, Inc.", "8.01", "2031-05-03")
    return [(s.holder, s.target, s.percent, s.qualifier) for s in doc.user_data["stakes"]]


@pytest.mark.parametrize(
    ("sentence", "percent"),
    [
        # a share count first, the percentage set off by commas
        ("Eastbay Partners, L.P. owns 2,140,000 shares, or approximately 13.3%, of", 13.3),
        # the figure in words, then in brackets
        ("Eastbay Partners, L.P. owns approximately fourteen percent (14.0%) of", 14.0),
        # a fraction
        ("Eastbay Partners, L.P. owns approximately one-third of", 33.3),
    ],
)
def test_stakes_written_with_counts_words_and_fractions(sentence, percent):
    text = f"{sentence} the outstanding Common Stock of Zeta Mills, Inc."
    assert _stakes_of(text) == [
        ("Eastbay Partners, L.P.", "Zeta Mills, Inc.", percent, "approximately")
    ]


def test_a_share_count_names_the_company_a_percentage_is_of():
    text = (
        "Eastbay Partners, L.P. owns 187,000 shares of Orbit Foods, Inc. common stock, or "
        "approximately 4.9% of the outstanding shares."
    )
    assert _stakes_of(text) == [
        ("Eastbay Partners, L.P.", "Orbit Foods, Inc.", 4.9, "approximately")
    ]


def test_a_defined_term_broken_over_two_lines_is_no_name_of_its_own():
    text = (
        'Halvern Broadcasting Company, LLC ("Halvern\nBroadcasting"), a wholly owned subsidiary '
        "of Zeta Mills, Inc., entered into a lease."
    )
    assert _stakes_of(text) == [
        ("Zeta Mills, Inc.", "Halvern Broadcasting Company, LLC", 100.0, "exact")
    ]


def _agreements_of(text: str) -> list[str]:
    doc = _run(text, "Tarn Inc.", "1.01", "2031-05-05")
    return [a.title for a in doc.user_data["agreements"]]


@pytest.mark.parametrize(
    "named, title",
    [
        ("executed a promissory note in favor of Orbit Bank, N.A.", "promissory note"),
        ("entered into two contracts with Orbit Corp.", "contracts"),
    ],
)
def test_a_section_whose_only_agreement_is_written_in_lower_case_is_read(named, title):
    # the section gate's heads are the mention finder's lower-case heads
    assert _agreements_of(f"On May 3, 2031, Tarn Inc. {named}.") == [title]
