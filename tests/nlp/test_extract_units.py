"""The building blocks of extraction on hand-written sentences."""
from __future__ import annotations

from pactgraph.nlp.agreements import find_mentions, title_key
from pactgraph.nlp.date_mentions import find_dates
from pactgraph.nlp.kinds import decide_kind
from pactgraph.nlp.orgs import alias_after, find_orgs, same_name
from pactgraph.nlp.sentences import sentence_spans
from pactgraph.nlp.stakes import extract_stakes, qualifier_before


def test_dates_in_every_corpus_form():
    text = "December 18, 2007; Dec. 18, 2007; 18 December 2007; 12/18/2007; February 30, 2007; the date hereof"
    isos = [d.iso for d in find_dates(text, report_date="2007-12-19")]
    assert isos == ["2007-12-18"] * 4 + ["2007-12-19"]


def test_orgs_of_many_jurisdictions_and_aliases():
    text = ('Norsk Hydro Produksjon AS ("Hydro"), Citibank, N.A. and JPMorgan Chase Bank, N.A., '
            "Merrill Lynch, Pierce, Fenner & Smith Incorporated, Delphi S.a.r.l., Agilent Technologies Europe B.V., "
            'Alcoa Inc. (""), Figma, Inc. (the \u201cCompany\u201d) and Siemens AG')
    orgs = find_orgs(text)
    names = [o.name for o in orgs]
    assert names == ["Norsk Hydro Produksjon AS", "Citibank, N.A.", "JPMorgan Chase Bank, N.A.",
                     "Merrill Lynch, Pierce, Fenner & Smith Incorporated", "Delphi S.a.r.l.",
                     "Agilent Technologies Europe B.V.", "Alcoa Inc.", "Figma, Inc.", "Siemens AG"]
    assert alias_after(text, orgs[0].end)[0] == "Hydro"
    assert alias_after(text, orgs[6].end)[0] == ""  # the lost-quote rendering
    assert alias_after(text, orgs[7].end)[0] == "Company"


def test_name_comparison_ignores_legal_forms():
    assert same_name("Alcoa", "Alcoa Inc.")
    assert same_name("the Bank of New York Mellon", "Bank of New York Mellon Corporation")
    assert not same_name("Citibank, N.A.", "Citigroup Inc.")


def test_title_grammar():
    text = ("entered into Amendment No. 2 to Three-Year Credit Agreement, an Agreement and Plan of Merger, "
            "a note purchase agreement and the First Supplemental Indenture")
    titles = [m.title for m in find_mentions(text, 0, len(text))]
    assert titles == ["Amendment No. 2 to Three-Year Credit Agreement", "Agreement and Plan of Merger",
                      "note purchase agreement", "First Supplemental Indenture"]
    assert title_key("the 364\u2011Day Credit Agreements") == "364 day credit agreement"


def test_kinds_by_what_the_agreement_does():
    assert decide_kind("Cooperation Agreement", "") == "collaboration"
    assert decide_kind("Amendment No. 2 to Five-Year Credit Agreement", "") == "credit"
    assert decide_kind("Loan Facility Agreement and Guaranty", "") == "credit"
    assert decide_kind("Subsidiary Guaranty Agreement", "") == "security_guarantee"
    assert decide_kind("Termination Agreement", "terminate the Merger Agreement") == "merger"
    assert decide_kind("Purchase Agreement", "sold the notes to the initial purchasers") == "securities_offering"
    assert decide_kind("letter agreement", "nothing specific") == "other"


def test_sentences_keep_legal_forms_together():
    text = "Alcoa Inc. and Citibank, N.A. signed it. The Company paid.\nHeading Line\nOn May 1, 2008, it closed."
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["Alcoa Inc. and Citibank, N.A. signed it.", "The Company paid.", "Heading Line",
                     "On May 1, 2008, it closed."]


def test_stakes_percent_and_wholly_owned():
    text = ("Norsk Hydro Produksjon AS (Hydro), a roughly 23% shareholder of Ascent Solar Technologies, Inc. "
            "agreed. Cobalt Acquisition Corp., a Delaware corporation and a wholly owned subsidiary of Agilent "
            "Technologies, Inc., will merge.")
    stakes = extract_stakes(text, sentence_spans(text), lambda name: name)
    got = {(s.holder, s.target, s.percent, s.qualifier) for s in stakes}
    assert ("Norsk Hydro Produksjon AS", "Ascent Solar Technologies, Inc.", 23.0, "approximately") in got
    assert ("Agilent Technologies, Inc.", "Cobalt Acquisition Corp.", 100.0, "exact") in got
    assert qualifier_before("more than") == "more_than" and qualifier_before("at least") == "at_least"
