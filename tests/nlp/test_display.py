"""Evidence display: a fact's sentence with its extracted spans highlighted (displaCy manual
mode)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from pactgraph.nlp.display import COLORS, HtmlText, displacy_doc, evidence_html, fact_spans
from pactgraph.nlp.errors import ExhibitFileError, ExtractionError, PactgraphError
from pactgraph.nlp.extract import extract_facts
from pactgraph.nlp.reader import read_filing


def _ev(text: str, start: int = 0) -> dict:
    return {"start": start, "end": start + len(text), "text": text}


def _pairs(spans) -> list[tuple[str, str]]:
    return [(h.label, h.text) for h in spans]


@pytest.fixture(scope="module")
def seed(seed_path: Path):
    filing = read_filing(seed_path)
    return filing, extract_facts(filing)


def test_seed_agreement_spans(seed):
    _, facts = seed
    [agreement] = [a for a in facts["agreements"] if a["title"] == "Cooperation Agreement"]
    assert _pairs(fact_spans(agreement)) == [
        ("DATE", "December 18, 2007"),
        ("PARTY", "Ascent Solar Technologies, Inc."),
        ("PARTY", "Ascent"),  # the alias defined right after the name
        ("AGREEMENT", "Cooperation Agreement"),
        ("PARTY", "Norsk Hydro Produksjon AS"),
        ("PARTY", "Hydro"),
        ("PARTY", "Ascent"),
    ]


def test_seed_stake_spans(seed):
    _, facts = seed
    [stake] = facts["stakes"]
    pairs = _pairs(fact_spans(stake))
    assert ("HOLDER", "Norsk Hydro Produksjon AS") in pairs
    assert ("TARGET", "Ascent Solar Technologies, Inc.") in pairs
    assert ("PERCENT", "roughly 23%") in pairs  # the qualifier words come with the percent
    assert not any(label == "AGREEMENT" for label, _ in pairs)


def test_spans_point_into_the_evidence(seed):
    _, facts = seed
    for fact in facts["agreements"] + facts["stakes"]:
        text = fact["evidence"]["text"]
        spans = fact_spans(fact)
        for h in spans:
            assert text[h.start : h.end] == h.text
        for a, b in itertools.pairwise(spans):
            assert a.end <= b.start  # sorted, never overlapping


def test_evidence_html_of_the_seed(seed):
    filing, facts = seed
    agreement = facts["agreements"][0]
    html = evidence_html(agreement, filing=filing)
    assert isinstance(html, HtmlText) and html._repr_html_() == str(html)
    assert html.count("<mark") == len(
        fact_spans(agreement, context=filing.text, registrant=facts["filing"]["registrant"]["name"])
    )
    for label in ("PARTY", "DATE", "AGREEMENT"):
        assert f">{label}</span>" in html
        assert COLORS[label] in html
    assert "Norsk Hydro Produksjon AS" in html
    assert "characters [1419, 1618)" in html and filing.path in html
    assert html.startswith('<div class="pactgraph-evidence">')
    assert "Agreement: Cooperation Agreement [collaboration] entered 2007-12-18" in html


def test_evidence_must_match_the_filing(seed):
    filing, facts = seed
    fact = dict(facts["agreements"][0])
    fact["evidence"] = {
        **fact["evidence"],
        "start": fact["evidence"]["start"] + 1,
        "end": fact["evidence"]["end"] + 1,
    }
    with pytest.raises(ExtractionError) as err:
        evidence_html(fact, filing=filing)
    assert isinstance(err.value, PactgraphError)
    # the filing's text works as well as the Filing
    assert "<mark" in evidence_html(facts["stakes"][0], filing=filing.text)


def test_a_fact_without_evidence_is_a_clear_error():
    with pytest.raises(ExtractionError):
        evidence_html({"title": "Credit Agreement", "parties": ["A Inc."]})


def test_text_is_escaped():
    text = (
        'On May 1, 2020, <b>Acme Corp.</b> & "Widget LLC" signed a <script>x</script> Supply '
        "Agreement."
    )
    fact = {
        "title": "Supply Agreement",
        "parties": ["Acme Corp.", "Widget LLC"],
        "date": "2020-05-01",
        "evidence": _ev(text),
    }
    html = evidence_html(fact)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&amp;" in html
    assert _pairs(fact_spans(fact)) == [
        ("DATE", "May 1, 2020"),
        ("PARTY", "Acme Corp."),
        ("PARTY", "Widget LLC"),
        ("AGREEMENT", "Supply Agreement"),
    ]


def test_name_variants_and_short_names():
    text = (
        "On April 22, 2005, Alcoa entered into a Five-Year Revolving Credit Agreement with "
        "Citibank N.A. and U.S. Bank National Association; Alcoa Holdco Canada ULC is not a party."
    )
    fact = {
        "title": "Five-Year Revolving Credit Agreement",
        "date": "2005-04-22",
        "parties": ["Alcoa Inc.", "Citibank, N.A.", "U.S. Bank National Association"],
        "evidence": _ev(text),
    }
    pairs = _pairs(fact_spans(fact))
    assert ("PARTY", "Alcoa") in pairs  # the registrant's name without its legal form
    assert ("PARTY", "Citibank N.A.") in pairs  # comma optional
    assert ("PARTY", "U.S. Bank National Association") in pairs
    # "Alcoa" inside a longer name is another company
    assert [t for label, t in pairs if t == "Alcoa"] == ["Alcoa"]


def test_registrant_references_and_aliases_from_the_filing():
    context = (
        'International Business Machines Corporation ("IBM") and IBM International Capital '
        'Pte. Ltd. ("IIC") today said ... '
    )
    text = (
        "On February 2, 2024, IIC and IBM entered into an indenture with the Trustee, and we "
        "agreed."
    )
    fact = {
        "title": "indenture",
        "date": "2024-02-02",
        "parties": [
            "International Business Machines Corporation",
            "IBM International Capital Pte. Ltd.",
        ],
        "evidence": _ev(text),
    }
    assert [label for label, _ in _pairs(fact_spans(fact))] == ["DATE", "AGREEMENT"]
    pairs = _pairs(
        fact_spans(fact, context=context, registrant="INTERNATIONAL BUSINESS MACHINES CORP")
    )
    assert ("PARTY", "IIC") in pairs and ("PARTY", "IBM") in pairs and ("PARTY", "we") in pairs


@pytest.mark.parametrize(
    "sentence, percent, expected",
    [
        ("Parent owns more than 50% of the Company.", 50, "more than 50%"),
        (
            "Parent holds approximately 19.9 percent of Target Inc.",
            19.9,
            "approximately 19.9 percent",
        ),
        ("Sub LLC, a wholly-owned subsidiary of Parent Inc., signed.", 100, "wholly-owned"),
        ("Parent owns 40% of the Company and 60% of Other Inc.", 60, "60%"),
    ],
)
def test_percent_and_qualifier(sentence, percent, expected):
    fact = {
        "holder": "Parent Inc.",
        "target": "Target Inc.",
        "percent": percent,
        "qualifier": "exact",
        "evidence": _ev(sentence),
    }
    assert [t for label, t in _pairs(fact_spans(fact)) if label == "PERCENT"] == [expected]


def test_overlaps_keep_the_longer_span():
    text = "Google Inc. entered into the Google Inc. Credit Agreement with Citibank, N.A."
    fact = {
        "title": "Google Inc. Credit Agreement",
        "parties": ["Google Inc.", "Citibank, N.A."],
        "evidence": _ev(text),
    }
    assert _pairs(fact_spans(fact)) == [
        ("PARTY", "Google Inc."),
        ("AGREEMENT", "Google Inc. Credit Agreement"),
        ("PARTY", "Citibank, N.A."),
    ]


def test_displacy_doc_and_extra_labels():
    text = "Acme Corp. signed a License Agreement covering the Widget patents."
    fact = {"title": "License Agreement", "parties": ["Acme Corp."], "evidence": _ev(text)}
    doc = displacy_doc(fact, extra={"SUBJECT": ["Widget patents"]}, title="t")
    assert doc["title"] == "t" and doc["text"] == text
    assert [(e["label"], text[e["start"] : e["end"]]) for e in doc["ents"]] == [
        ("PARTY", "Acme Corp."),
        ("AGREEMENT", "License Agreement"),
        ("SUBJECT", "Widget patents"),
    ]
    assert ">SUBJECT</span>" in evidence_html(fact, extra={"SUBJECT": ["Widget patents"]})


def test_dev_set_evidence_is_highlighted(gold_dir: Path, corpus_dir: Path):
    """Across the dev set's filings: every agreement with parties shows at least one of them,
    stated dates and percents are found, and every span is the evidence text at its offsets."""
    agreements = with_party = dated = with_date = stakes = with_percent = 0
    for gold in sorted(gold_dir.glob("*.json")):
        source = json.loads(gold.read_text(encoding="utf-8"))["source"]["file"]
        try:
            filing = read_filing(corpus_dir.parent / source)
        except ExhibitFileError:
            continue  # an exhibit saved on its own: no report, no facts
        facts = extract_facts(filing)
        kw = {"context": filing.text, "registrant": facts["filing"]["registrant"]["name"]}
        for fact in facts["agreements"] + facts["stakes"]:
            spans = fact_spans(fact, **kw)
            text = fact["evidence"]["text"]
            assert all(text[h.start : h.end] == h.text for h in spans)
            assert "<mark" in evidence_html(fact, filing=filing) or not spans
            labels = {h.label for h in spans}
            if "holder" in fact:
                stakes += 1
                with_percent += "PERCENT" in labels
                continue
            agreements += 1
            with_party += "PARTY" in labels or not fact["parties"]
            if fact.get("date"):
                dated += 1
                with_date += "DATE" in labels
    assert agreements > 50 and stakes > 5
    assert with_party / agreements >= 0.9, (with_party, agreements)
    assert with_date / dated >= 0.85, (with_date, dated)
    assert with_percent / stakes >= 0.9, (with_percent, stakes)
