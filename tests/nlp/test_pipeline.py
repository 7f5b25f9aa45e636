"""The spaCy pipeline: blank English plus registered rule components, built once."""

from __future__ import annotations

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
