"""The one legal-form vocabulary, the one tokeniser of names, and what their users read."""

from __future__ import annotations

import re

import pytest
from pathlib import Path

from pactgraph.graph.iris import normalize_name
from pactgraph.nlp.evaluate import names_match
from pactgraph.nlp.legal_forms import (
    ends_with_form,
    iri_tail_words,
    legal_forms,
    name_tail_words,
    org_words_regex,
    scorer_tail_words,
)
from pactgraph.nlp.orgs import find_orgs, name_tokens


def test_every_suffix_spelling_is_listed_once_with_a_known_role() -> None:
    forms = legal_forms()
    assert len(forms.suffixes) == len(set(forms.suffixes))
    assert {"Inc.", "LLC", "GmbH", "S.A.", "Holdings", "Bank"} <= set(forms.suffixes)
    assert "Inc." not in forms.weak and {"Company", "Holdings", "Bank"} <= forms.weak


def test_name_comparison_drops_forms_and_holding_words_but_not_institutions() -> None:
    words = name_tail_words()
    assert {"inc", "llc", "gmbh", "company", "cos", "holdings", "group"} <= words
    assert not {"bank", "fund", "partners", "grat"} & words
    assert name_tokens("Vireo Kessler Holdings, Inc.") == ("vireo", "kessler")
    assert name_tokens("Harbour Lane Bank") == ("harbour", "lane", "bank")


def test_iri_keys_keep_holding_companies_apart_from_their_parents() -> None:
    singles, pairs = iri_tail_words()
    assert "holdings" not in singles and {"inc", "gmbh", "sarl"} <= singles
    assert ("national", "association") in pairs and ("de", "cv") in pairs
    assert normalize_name("Vireo Kessler GmbH") == "vireo kessler"
    assert normalize_name("Vireo Kessler Holdings, Inc.") == "vireo kessler holdings"
    assert normalize_name("Harbour Lane Bank, National Association") == "harbour lane bank"


def test_the_scorer_words_are_those_the_shared_scorer_drops(gold_dir: Path) -> None:
    scorer = (gold_dir.parent / "score.py").read_text("utf-8")
    block = re.search(r"LEGAL_FORMS = \{(.*?)\}", scorer, re.S).group(1)
    assert scorer_tail_words() == set(re.findall(r'"(\w+)"', block))
    assert names_match("Orrin Vale Holdings Inc.", "Orrin Vale") and not names_match("A Oy", "B Oy")


def test_users_read_the_same_spellings() -> None:
    assert ends_with_form("Vireo Kessler S.p.A.", "strong")
    assert not ends_with_form("Vireo Fund", "strong")
    assert org_words_regex().search("VIREO KESSLER HOLDINGS, INC.")
    assert not org_words_regex().search("Executive Vice President as of today")
    found = find_orgs("We signed with Vireo Kessler Oyj today.")
    assert [o.name for o in found] == ["Vireo Kessler Oyj"]


def test_one_person_written_two_ways_has_one_key() -> None:
    from pactgraph.nlp.names import person_key

    assert person_key("Thomas B. Pickens, III") == person_key("Mr. Thomas B. Pickens III")
    assert person_key("Renée Marchetti") == person_key("RENEE MARCHETTI")
    assert person_key("Renée Marchetti") != person_key("René Marchetti")


def test_spellings_of_one_form_have_one_word() -> None:
    from pactgraph.nlp.legal_forms import form_word

    assert [form_word(w) for w in ("incorporated", "inc", "corporation", "limited", "llc")] == [
        "inc",
        "inc",
        "corp",
        "ltd",
        "llc",
    ]


def test_a_body_of_a_body_of_a_company_is_the_company():
    text = "On May 2, the Audit Committee of the Board of Directors of Acme Widgets, Inc. met."
    assert [o.name for o in find_orgs(text)] == ["Acme Widgets, Inc."]


def test_a_defined_term_followed_by_more_words_in_its_brackets():
    from pactgraph.nlp.orgs import alias_after

    text = "Lark Merger LLC (\u201cSub Two\u201d, and with Sub One, the \u201cSubs\u201d), and"
    assert alias_after(text, text.index(" ("))[0] == "Sub Two"
    text = "Lark Merger LLC (\u201cLark\u201d or \u201cBuyer\u201d) and"
    assert alias_after(text, text.index(" ("))[0] == "Lark"
    text = 'Lark Fund Ltd. ("Lark" and, together with Wren Fund, the "Investors"), funds'
    assert alias_after(text, text.index(" ("))[0] == "Lark"


@pytest.mark.parametrize(
    "name", ["Casa Norte Holdings, S. de R.L. de C.V.", "Casa Norte Soluciones, S.A.P.I. de C.V."]
)
def test_mexican_limited_liability_forms_end_a_name(name):
    text = f"{name}, a wholly owned subsidiary, signed."
    assert [o.name for o in find_orgs(text)] == [name]


def test_an_elided_french_article_stays_inside_a_name():
    text = "with Société Lyonnaise d'Instrumentation S.A. and Compagnie Générale d’Optique SA."
    assert [o.name for o in find_orgs(text)] == [
        "Société Lyonnaise d'Instrumentation S.A.",
        "Compagnie Générale d’Optique SA",
    ]


def test_a_firm_named_x_and_company_is_one_name():
    text = "with Jefferies LLC, Cowen and Company, LLC and Needham & Company, LLC (each, an Agent)"
    assert [o.name for o in find_orgs(text)] == [
        "Jefferies LLC",
        "Cowen and Company, LLC",
        "Needham & Company, LLC",
    ]


def test_german_limited_partnership_forms_end_a_name():
    text = "The sellers, Kessler Beteiligungs GmbH & Co. KG and Halberg Holding KG, signed."
    assert [o.name for o in find_orgs(text)] == [
        "Kessler Beteiligungs GmbH & Co. KG",
        "Halberg Holding KG",
    ]


def test_a_luxembourg_form_written_with_an_acute_accent_ends_a_name():
    # the grave accent is right ("S.à r.l."); filings also print it acute
    text = (
        "The Company and its subsidiary Kessler International S.á.r.l. (\u201cLuxCo\u201d) signed."
    )
    assert [o.name for o in find_orgs(text)] == ["Kessler International S.á.r.l."]


def test_a_name_after_and_of_opens_with_its_own_first_word():
    text = "She left the boards of the Company and of Pelham Ridge Bank, its subsidiary."
    assert [o.name for o in find_orgs(text)] == ["Pelham Ridge Bank"]


def test_a_bracketed_abbreviation_with_dots_is_part_of_a_name():
    text = "The Company signed a supply agreement with Meilong (H.K.) Trading Limited in 1999."
    assert [o.name for o in find_orgs(text)] == ["Meilong (H.K.) Trading Limited"]


@pytest.mark.parametrize(
    "name", ["Bayport Savings Bank, FSB", "Altamaha Bank & Trust", "Chemical Bank and Trust"]
)
def test_bank_names_end_in_their_forms(name):
    assert [o.name for o in find_orgs(f"On May 2, {name}, a wholly owned subsidiary, signed.")] == [
        name
    ]


def test_a_firms_words_joined_by_and_are_one_name_and_a_person_before_a_firm_is_two():
    one = "The Company sold the assets to Orvin Sales and Marketing (Asia) Ltd. on May 2."
    assert [o.name for o in find_orgs(one)] == ["Orvin Sales and Marketing (Asia) Ltd."]
    two = "The Company signed an agreement with Judi Kessler and Orvin Labs, Inc. on May 2."
    assert [o.name for o in find_orgs(two)] == ["Judi Kessler", "Orvin Labs, Inc."]


def test_a_one_word_alias_before_a_firm_whose_legal_form_wraps_to_the_next_line_is_two_parties():
    text = "On May 2, Bellweather and Corvane Media Holdings\nN.V. signed the agreement."
    assert [o.name for o in find_orgs(text)][-1] == "Corvane Media Holdings N.V."
    assert not any(o.name.startswith("Bellweather and") for o in find_orgs(text))


def test_a_series_numeral_one_after_a_legal_form_is_part_of_the_name_before_a_comma_or_bracket():
    text = 'Sablewood Funding Corp. I ("SFC-I") and Acme Capital Trust I, as issuer, signed.'
    assert [o.name for o in find_orgs(text)] == [
        "Sablewood Funding Corp. I",
        "Acme Capital Trust I",
    ]
    assert [o.name for o in find_orgs("We thank Acme Corp. I hope it grows.")] == ["Acme Corp."]


def test_a_defined_term_wrapped_over_two_lines_is_one_term():
    from pactgraph.nlp.orgs import alias_after

    text = 'Arroyo Basin Holdings LLC ("Arroyo\nHoldings"), a wholly owned subsidiary'
    assert alias_after(text, text.index(" ("))[0] == "Arroyo Holdings"


def test_a_series_numeral_after_the_legal_form_is_part_of_the_name():
    from pactgraph.nlp.orgs import find_orgs

    text = (
        "The notes were issued by Larkspur Funding Corp. IV (the Issuer), a special-purpose"
        " subsidiary, to Harbor Receivables LLC II, and Quarry Bank, N.A. is the trustee."
    )
    assert [o.name for o in find_orgs(text)] == [
        "Larkspur Funding Corp. IV",
        "Harbor Receivables LLC II",
        "Quarry Bank, N.A.",
    ]


def test_latin_american_central_european_and_swedish_public_forms_end_a_name():
    from pactgraph.nlp.orgs import find_orgs

    text = (
        "The Company, Minera Andina S.A.C., Brasil Metais Ltda., Kovacs Kft. and Lindqvist"
        " Bank AB (publ), New York Branch, as agent, signed."
    )
    names = [o.name for o in find_orgs(text)]
    assert names[-4:] == [
        "Minera Andina S.A.C.",
        "Brasil Metais Ltda.",
        "Kovacs Kft.",
        "Lindqvist Bank AB (publ), New York Branch",
    ]


def test_the_first_of_two_terms_joined_by_or_is_the_alias():
    from pactgraph.nlp.orgs import alias_after

    text = 'Calloway Ferry Bancorp, Inc. ("Bancorp" or the "Registrant") consummated the merger.'
    assert alias_after(text, text.index(" ("))[0] == "Bancorp"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "notes issued by Harbor Lease Funding Corp. XII, a trust",
            "Harbor Lease Funding Corp. XII",
        ),
        ("sold to Talmadge Receivables LLC III on May 3", "Talmadge Receivables LLC III"),
        ("signed by Corvane Holdings, Inc. I think", "Corvane Holdings, Inc."),
        ("between Corvane Holdings, Inc. V. Smith and", "Corvane Holdings, Inc."),
    ],
)
def test_a_series_numeral_of_two_or_more_letters_ends_the_name(text, name):
    assert [o.name for o in find_orgs(text)][0] == name


def test_a_surname_names_the_person_last_named_in_full_and_not_as_a_relative():
    from pactgraph.nlp.names import person_by_surname

    persons = ["Gunnar E. Lindqvist", "Sven O. Lindqvist", "Ada Moss"]
    text = (
        "Gunnar E. Lindqvist will retire. Sven O. Lindqvist, the brother of Gunnar E.\n"
        "Lindqvist, was appointed. Mr. Lindqvist will serve"
    )
    at = text.index("Mr. Lindqvist")
    assert person_by_surname(persons, "Lindqvist", text, at) == "Sven O. Lindqvist"
    assert person_by_surname(persons, "Lindqvist", text, text.index("Sven")) == (
        "Gunnar E. Lindqvist"
    )
    assert person_by_surname(persons, "Lindqvist", text, 0) is None  # nobody named before
    assert person_by_surname(persons, "Lindqvist") is None  # two persons, no place given
    assert person_by_surname(persons, "Moss") == "Ada Moss"


def test_an_unlimited_liability_company_ends_a_name():
    text = "On May 2, Orrey Holdco Canada ULC, a Nova Scotia unlimited liability company, signed."
    assert [o.name for o in find_orgs(text)] == ["Orrey Holdco Canada ULC"]


def test_a_name_wrapped_after_a_title_word_mid_line_is_one_name():
    text = 'On May 2, 2012, Prairie Equipment Lease\nFunding 2012-1, LLC (the "Issuer") signed.'
    assert [o.name for o in find_orgs(text)] == ["Prairie Equipment Lease Funding 2012-1, LLC"]
    heading = "Amendment No. 3 to Receivables Financing Agreement\nMeridale Funding LLC signed it."
    assert [o.name for o in find_orgs(heading)] == ["Meridale Funding LLC"]


def test_a_place_of_two_words_in_brackets_is_part_of_a_name():
    text = (
        "It bought the accounts from Citibank (South Dakota), N.A. and Orrey (Hong Kong) Limited."
    )
    assert [o.name for o in find_orgs(text)] == [
        "Citibank (South Dakota), N.A.",
        "Orrey (Hong Kong) Limited",
    ]
