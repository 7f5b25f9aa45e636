"""The stages of the agreement extractor, each on short sentences written for these tests."""

from __future__ import annotations

import pytest

from pactgraph.nlp.agreements import build_context, extract_agreements
from pactgraph.nlp.extraction.agreements import (
    dates,
    events,
    exhibits,
    mentions,
    merge,
    parties,
)
from pactgraph.nlp import vocab
from pactgraph.nlp.extraction.agreements.model import Agreement, Context
from pactgraph.nlp.extraction.agreements.listed import ListLead, amended_item_record, list_lead
from pactgraph.nlp.extraction.agreements.records import makes_no_record

REGISTRANT = "Northwind Traders, Inc."


def _mentions(text: str) -> list:
    return mentions.find_mentions(text, 0, len(text))


def _events(text: str, item: str = "1.01", report_date: str = "2011-03-07") -> dict:
    found = _mentions(text)
    sent = events.read_sentence(text, 0, len(text), found)
    return {m.title: events.classify_event(text, m, sent, item, report_date, False) for m in found}


def _found(text: str, report_date: str, item: str = "1.01") -> list[Agreement]:
    """The agreements of ``text`` read as one item section."""
    ctx = build_context(text, REGISTRANT, report_date, [], [(0, len(text))])
    return extract_agreements(ctx, [(item, 0, len(text))])


def _record(title: str, action: str | None, **kw) -> Agreement:
    fields = {"kind": "credit", "date": None, "parties": [], "exhibit": None, "start": 0, "end": 10}
    fields.update(kw)
    return Agreement(
        title,
        fields.pop("kind"),
        action,
        fields.pop("date"),
        fields.pop("parties"),
        fields.pop("exhibit"),
        fields.pop("start"),
        fields.pop("end"),
        key=mentions.title_key(title),
        **fields,
    )


# --- stage 1: mentions and titles ------------------------------------------------------------


def test_capitalised_title_with_and_inside_is_one_mention():
    text = "On March 3, 2011, the Company entered into a Loan and Security Agreement with Foo Bank."
    [m] = _mentions(text)
    assert (m.title, m.generic, m.reference) == ("Loan and Security Agreement", False, False)
    assert text[m.start : m.end] == "Loan and Security Agreement"


@pytest.mark.parametrize(
    "title",
    [
        "Agreement and Plan of Merger",
        "Agreement and Plan of Bank Merger",  # the subsidiary banks' merger in a bank deal
        "Agreement and Plan of Share Exchange",
        # the two steps of a pooling, named in either order
        "Agreement and Plan of Reorganization and Merger",
        "Agreement and Plan of Merger and Reorganization",
    ],
)
def test_a_plan_of_a_combination_is_the_head_of_its_title(title):
    text = f"Zeta Bank merged into Eastbay Bank pursuant to an {title}, dated as of May 3, 2031."
    assert [m.title for m in _mentions(text)] == [title]


@pytest.mark.parametrize(
    "title",
    [
        "Consent Decree",
        "Stipulation of Settlement",
        "Assurance of Discontinuance",
        "Convertible Promissory Note",  # a loan's instrument, not called agreement either
    ],
)
def test_an_instrument_not_called_agreement_is_a_title(title):
    text = f"On May 3, 2031, the Company entered into a {title} with the State of Ohio."
    assert [m.title for m in _mentions(text)] == [title]


@pytest.mark.parametrize(
    ("written", "title"),
    [
        (
            "an Agreement of Purchase and Sale (the “Agreement”) with",
            "Agreement of Purchase and Sale",
        ),
        (
            "an Agreement of Limited Partnership of Zeta Partners, L.P. with",
            "Agreement of Limited Partnership",
        ),
        ("a Guaranty of Zeta Holdings Inc. in favor of", "Guaranty"),  # of a name: the name's
    ],
)
def test_a_bare_head_goes_on_with_what_it_is_of(written, title):
    text = f"On May 3, 2031, the Company entered into {written} Eastbay Bank."
    assert _mentions(text)[0].title == title


def test_a_head_word_inside_a_company_name_is_no_title():
    text = (
        "On August 2, 2010, Harbor Lease Capital Corp. (the Company) entered into a Loan "
        "Agreement and a Guaranty of Harbor Lease Capital Corp."
    )
    assert [m.title for m in _mentions(text)] == ["Loan Agreement", "Guaranty"]


def test_a_holder_or_party_of_an_agreement_is_no_title():
    text = "AMD issued shares to the Company Warrant Holders under the Merger Agreement."
    assert [m.title for m in _mentions(text)] == ["Merger Agreement"]


def test_a_title_opening_with_a_word_joined_by_an_ampersand_is_one_mention():
    text = 'an Amended and Restated Employment Agreement (the "A&R Employment Agreement")'
    titles = [m.title for m in _mentions(text)]
    assert titles == ["Amended and Restated Employment Agreement", "A&R Employment Agreement"]


@pytest.mark.parametrize(
    "text",
    [
        "commitments of $9.0 million in the first contract year and during the lease term",
        "the Company, through its third-party contract manufacturers, will supply the tablets",
        "the trials run by its contract research organizations",
    ],
)
def test_a_thing_of_an_agreement_is_no_mention(text):
    assert _mentions(text) == []


def test_two_titles_joined_by_and_are_two_mentions():
    text = "Northwind entered into a Supply Agreement and a Distribution Agreement with Acme Corp."
    assert [m.title for m in _mentions(text)] == ["Supply Agreement", "Distribution Agreement"]
    text = "Northwind entered into a Security Agreement and Pledge Agreement with Acme Corp."
    assert [m.title for m in _mentions(text)] == ["Security Agreement", "Pledge Agreement"]


@pytest.mark.parametrize(
    "title",
    [
        "Amended and Restated Guarantee and Collateral Agreement",
        "Second Lien Guaranty and Pledge Agreement",
        "Waiver and Forbearance Agreement",
    ],
)
def test_a_guarantee_or_waiver_joined_by_and_to_a_title_is_one_title(title):
    text = f"Northwind entered into an {title} with Acme Bank, N.A."
    assert [m.title for m in _mentions(text)] == [title]


@pytest.mark.parametrize(
    "text, titles",
    [
        (
            "The Company entered into the Fourth and the Fifth Supplemental Indentures.",
            ["Fourth Supplemental Indenture", "Fifth Supplemental Indenture"],
        ),
        (
            "The Company entered into the First and Second Amendments to the Credit Agreement.",
            ["First Amendment", "Second Amendment", "Credit Agreement"],
        ),
    ],
)
def test_two_numbered_instruments_named_at_once_are_two_mentions(text, titles):
    assert [m.title for m in _mentions(text)] == titles


def test_an_expired_agreement_is_named_no_title():
    text = "The executives continued to serve on the terms of their expired agreements."
    assert _mentions(text) == []


def test_generic_title_drops_empty_adjectives_and_tenors():
    text = "The Company signed a definitive merger agreement and a three-year agreement."
    assert [(m.title, m.generic) for m in _mentions(text)] == [("merger agreement", True)]


def test_a_noun_ending_in_ly_stays_in_a_generic_title():
    text = "Acme and Orion Metals Ltd. have entered into a long-term supply agreement."
    assert [(m.title, m.generic) for m in _mentions(text)] == [("long-term supply agreement", True)]


@pytest.mark.parametrize(
    "after, reference",
    [
        (" described in Item 1.02 of the Original Report", True),
        (", which is described below", True),
        (" referred to above", True),
        (" with Orion Metals Ltd.", False),
    ],
)
def test_a_generic_title_described_elsewhere_is_a_reference(after, reference):
    text = f"The Company ended the supply agreement{after}."
    assert [(m.title, m.reference) for m in _mentions(text)] == [("supply agreement", reference)]


def test_bare_head_after_the_refers_back_and_possessor_is_trimmed():
    text = "Under the Agreement, Acme Corp.'s Credit Agreement remains in force."
    found = _mentions(text)
    assert [(m.title, m.reference) for m in found] == [
        ("Agreement", True),
        ("Credit Agreement", False),
    ]


def test_title_key_ignores_article_plural_and_hyphen():
    assert mentions.title_key("The Three-Year Credit Agreements") == "three year credit agreement"


def test_known_defined_terms_become_reference_mentions():
    text = "The Supply Agreement and the Parts Deal both run five years."
    found = mentions.sentence_mentions(text, 0, len(text), {"Parts Deal": "parts deal"})
    assert [(m.title, m.reference) for m in found] == [
        ("Supply Agreement", False),
        ("Parts Deal", True),
    ]


# --- stage 2: events ------------------------------------------------------------------------


def test_event_entered():
    text = "On March 3, 2011, the Company entered into a Supply Agreement with Acme Corp."
    assert _events(text)["Supply Agreement"].action == "entered"


@pytest.mark.parametrize(
    "title",
    [
        "Consent and Fifth Amendment to Revolving Credit Agreement",
        "Consent and Waiver to Loan Agreement",
    ],
)
def test_event_entered_into_an_amending_instrument_amends(title):
    text = f"On May 9, 2012, the Company entered into a {title} with Big Bank, N.A."
    assert _events(text)[title].action == "amended"


def test_event_in_a_completed_deal_an_agreement_that_ended_or_went_before():
    ended = "The Local Marketing Agreement terminated by its terms upon the closing on May 3, 2001."
    assert _events(ended, item="2.01")["Local Marketing Agreement"].action == "terminated"
    before = (
        "Since June 1, 2000 the Company had operated the station pursuant to a Local Marketing "
        "Agreement with Acme Broadcasting, Inc."
    )
    assert _events(before, item="2.01")["Local Marketing Agreement"].action is None


def test_event_extending_a_termination_date_amends():
    text = (
        "The Amendment No. 1 extends the termination date of the 364-Day Credit Agreement to "
        "October 26, 2016."
    )
    assert _events(text)["364-Day Credit Agreement"].action == "amended"


def test_event_an_amending_instrument_a_deal_was_done_under_amends():
    title = "Consent and Amendment No. 3"
    text = f"The lenders consented to the sale pursuant to a {title} dated as of May 2, 2002."
    assert _events(text, item="2", report_date="2002-05-06")[title].action == "amended"
    text = "On May 2, 2002, the Company entered into a Loan Modification Agreement with Acme Bank."
    assert _events(text)["Loan Modification Agreement"].action == "amended"


def test_event_the_month_may_is_no_modal_verb():
    text = (
        "As part of the settlement, the Distribution Agreement dated as of May 1, 1997 between the "
        "Company and Kessler GmbH, which had been the subject of a dispute, was terminated."
    )
    assert _events(text, report_date="2002-01-10")["Distribution Agreement"].action == "terminated"


def test_event_amended():
    text = (
        "On March 1, 2011, the Company amended its Credit Agreement with Big Bank, N.A. to "
        "extend the maturity date."
    )
    assert _events(text)["Credit Agreement"].action == "amended"


def test_event_terminated():
    text = "On March 2, 2011, the Company terminated the Distribution Agreement with Acme Corp."
    assert _events(text)["Distribution Agreement"].action == "terminated"


def test_a_termination_event_defined_by_an_agreement_ends_nothing():
    text = (
        "Pursuant to the Forbearance Agreement, the Lenders agreed to forbear until any Forbearance"
        " Termination Event from exercising their remedies under the Loan Agreement."
    )
    assert _events(text, item="1.01")["Loan Agreement"].action is None


def test_event_background_when_previously_disclosed():
    text = "As previously disclosed, the Company entered into a Lease Agreement with Acme Corp."
    event = _events(text)["Lease Agreement"]
    assert (event.action, event.was_background) == (None, True)


def test_event_future_when_still_to_be_signed():
    text = (
        "The Company expects to enter into a Transition Services Agreement with Acme Corp. at "
        "the closing."
    )
    event = _events(text)["Transition Services Agreement"]
    assert (event.action, event.was_background) == (None, False)


def test_event_told_in_the_past_after_when_it_happened_is_no_condition():
    text = (
        "Upon termination of the Merger Agreement, the Voting Agreement, dated June 2, 2031, "
        "between Zeta Corp. and Eastbay LLC terminated automatically."
    )
    assert _events(text, item="1.02")["Voting Agreement"].action == "terminated"
    text = "Upon termination of the Merger Agreement, the Voting Agreement will terminate."
    assert _events(text, item="1.02")["Voting Agreement"].action is None


@pytest.mark.parametrize(
    "text",
    [
        "Zeta and the Company have also agreed to negotiate in good faith a Trademark License "
        "Agreement, which they expect to execute within ninety days.",
        "The Company and Zeta expect to negotiate a Joint Sales Agreement during 2031; no such "
        "agreement has been entered into.",
        "The Company and Zeta are negotiating a Joint Sales Agreement, which has not been signed.",
    ],
)
def test_event_future_when_only_to_be_negotiated(text):
    events = _events(text)
    assert all(event.action is None for event in events.values())


def test_event_none_for_loans_outstanding_under_the_companys_agreement():
    text = (
        "The Company used the proceeds to prepay term loans outstanding under the Company’s "
        "Amended and Restated Credit Agreement, dated as of June 28, 2000."
    )
    event = _events(text, item="2.01")["Amended and Restated Credit Agreement"]
    assert event.action is None


def test_the_amendment_a_report_on_form_8_k_a_is_makes_no_record():
    text = "This Amendment No. 1 on Form 8-K/A amends the Current Report filed on May 3, 2031."
    (amendment,) = _mentions(text)
    assert makes_no_record(text, amendment, text[: amendment.start].lower(), 0)


def test_event_existing_agreement_is_prior_not_entered():
    text = (
        "The Company entered into a new credit agreement that refers to its existing Credit "
        "Agreement."
    )
    found = _events(text)
    assert found["credit agreement"].action == "entered"
    assert (found["Credit Agreement"].action, found["Credit Agreement"].prior) == (None, True)
    replaced = _events(text.replace("refers to", "replaces"))  # a replaced agreement ends
    assert (replaced["Credit Agreement"].action, replaced["Credit Agreement"].prior) == (
        "terminated",
        True,
    )


def test_event_conditional_sentence_reports_nothing():
    text = "If the Company terminates the Supply Agreement, it will pay a fee to Acme Corp."
    sent = events.read_sentence(text, 0, len(text), _mentions(text))
    assert sent.conditional and not (sent.has_term or sent.has_amend or sent.has_enter)


def test_nearest_verb_skips_relative_clause_modal():
    text = (
        "the company signed the lease, which was scheduled to terminate in 2015, and the guaranty"
    )
    assert events.nearest_verb(text, text.index("guaranty")) == "e"
    assert events.nearest_verb("the company may terminate the lease", 30) == "modal"


# --- stage 3a: dates ------------------------------------------------------------------------


def test_date_from_on_clause():
    text = "On March 3, 2011, the Company entered into a Supply Agreement with Acme Corp."
    [m] = _mentions(text)
    assert dates.date_for(text, m, (0, len(text)), "entered", "1.01", "2011-03-07") == (
        "2011-03-03",
        None,
    )


def test_dated_date_wins_for_entered_and_maturity_is_never_the_date():
    text = (
        "On March 3, 2011, the Company entered into a Supply Agreement, dated as of March 1, 2011, "
        "which expires on December 31, 2015."
    )
    [m] = _mentions(text)
    assert dates.date_for(text, m, (0, len(text)), "entered", "1.01", "2011-03-07") == (
        "2011-03-01",
        "2011-03-01",
    )
    late = "The Supply Agreement, which expires on December 31, 2015, was signed on March 3, 2011."
    [m] = _mentions(late)
    assert (
        dates.date_for(late, m, (0, len(late)), "entered", "1.01", "2011-03-07")[0] == "2011-03-03"
    )


def test_a_reporting_periods_end_is_never_the_date():
    text = (
        "Ms. Ode entered into a Consulting Agreement, the form of which was filed with the "
        "Annual Report for the fiscal year ended December 31, 2029."
    )
    [m] = _mentions(text)
    assert dates.date_for(text, m, (0, len(text)), "entered", "5.02", "2031-03-07") == (None, None)


def test_reporting_window():
    assert dates.recent("2011-02-01", "2011-03-07")
    assert not dates.recent("2010-12-01", "2011-03-07")
    assert not dates.recent(None, "2011-03-07")


def test_a_date_the_report_defined_and_a_term_date_from_which_a_facility_is_extended():
    text = (
        'Effective as of February 14, 2024 (the "Closing Date"), the Company entered into a Credit '
        "Agreement. Also on the Closing Date, the Company entered into a Term Loan Agreement. The "
        "Amendment extends the termination date of the Facility from March 2, 2024 to March 1, "
        "2025."
    )
    found = {m.title: m for m in _mentions(text)}
    second, third = text.index("Also"), text.index("The Amendment")
    loan = dates.date_for(
        text, found["Term Loan Agreement"], (second, third), "entered", "1.01", "2024-02-15"
    )
    assert loan[0] == "2024-02-14"
    extension = found["Amendment"]
    # the date the facility was to end is no date of the amendment (the new end date, after the
    # report, is dropped later in the pipeline)
    assert dates.date_for(text, extension, (third, len(text)), "amended", "1.01", None)[0] != (
        "2024-03-02"
    )


@pytest.mark.parametrize(
    ("dated", "action"),
    [("May 30, 2031", "entered"), ("May 2, 2031", "entered"), ("January 4, 2029", None)],
)
def test_an_agreement_dated_between_the_earliest_event_and_the_filing_is_this_reports(
    dated, action
):
    text = (
        "The obligations are secured by a pledge of the stock of the subsidiaries, pursuant to a"
        f" Pledge Agreement, dated as of {dated}, in favor of Harlow Bank, N.A."
    )
    assert _events(text, item="8.01", report_date="2031-05-12")["Pledge Agreement"].action == (
        action
    )


def test_dated_after_a_mention():
    text = "a Pledge Agreement, dated as of June 1, 2010, among the parties"
    end = text.index(",")
    assert dates.dated_after(text, end, len(text)) == "2010-06-01"
    text = "a Unit Award Agreement between the Company and Mr. Vane dated June 3, 2010 (the “RSU”)"
    end = text.index(" between")
    assert dates.dated_after(text, end, len(text)) == "2010-06-03"
    text = "a Five-Year Credit Agreement, also dated as of June 3, 2010 (the “Five-Year”)"
    end = text.index(",")
    assert dates.dated_after(text, end, len(text)) == "2010-06-03"


# --- stage 3b: parties ----------------------------------------------------------------------


def test_a_party_list_ends_at_what_the_agreement_covers():
    text = (
        "The Company entered into a registration rights agreement with Palmetto Capital"
        " Partners, L.P. covering the purchased shares."
    )
    assert [name for _, name in parties.list_parties(text, 0, len(text))] == [
        "Palmetto Capital Partners, L.P."
    ]


def test_party_list_split_by_and_among():
    text = (
        "The Merger Agreement was entered into by and among Acme Corp., Beta Holdings LLC and "
        "Gamma Capital Partners, L.P. (the \u201cSponsor\u201d)."
    )
    assert [n for _, n in parties.list_parties(text, 0, len(text))] == [
        "Acme Corp.",
        "Beta Holdings LLC",
        "Gamma Capital Partners, L.P.",
    ]


def test_a_persons_own_agreement_named_by_another_person_is_another():
    text = (
        "On May 2, 2031, Zeta Mills, Inc. and Ms. Orla Venn entered into an Employment "
        "Agreement. Mr. Ari Stone's Employment Agreement with Zeta was terminated on May 2, 2031."
    )
    found = extract_agreements(
        build_context(text, "Zeta Mills, Inc.", "2031-05-04", [], [(0, len(text))]),
        [("5.02", 0, len(text))],
        {"5.02"},
    )
    assert sorted((a.action, a.parties[-1]) for a in found) == [
        ("entered", "Orla Venn"),
        ("terminated", "Ari Stone"),
    ]


def test_a_defined_term_inside_a_party_list_does_not_end_it():
    text = (
        "Zeta entered into a settlement agreement with Acme Corp. (the \u201cBuyer\u201d), Beta "
        "Holdings LLC (the \u201cAgent\u201d) and Orla Venn (the \u201cFounder\u201d), which ends "
        "the dispute."
    )
    assert [n for _, n in parties.list_parties(text, 0, len(text))] == [
        "Acme Corp.",
        "Beta Holdings LLC",
        "Orla Venn",
    ]


def test_a_bank_whose_name_holds_and_is_one_party():
    text = (
        "Zeta entered into a Credit Agreement with Branch Banking and Trust Company, as agent, "
        "Harris Trust and Savings Bank and Regions Bank."
    )
    assert [n.rstrip(".") for _, n in parties.list_parties(text, 0, len(text))] == [
        "Branch Banking and Trust Company",
        "Harris Trust and Savings Bank",
        "Regions Bank",
    ]


def test_a_name_that_opens_with_a_role_word_is_a_party():
    text = (
        "Zeta entered into it with Bank One, N.A., as agent, The Bank of New York Mellon and "
        "the lenders."
    )
    assert [n for _, n in parties.list_parties(text, 0, len(text))] == [
        "Bank One, N.A.",
        "The Bank of New York Mellon",
    ]


def test_party_roles_stripped_and_role_words_dropped():
    text = (
        "The Company entered into a Credit Agreement with Big Bank, N.A., as administrative "
        "agent, and the lenders party thereto."
    )
    assert [n for _, n in parties.list_parties(text, 0, len(text))] == ["Big Bank, N.A."]
    text = "The Company signed an Indenture with Small Trust Company in its capacity as trustee."
    assert [n for _, n in parties.list_parties(text, 0, len(text))] == ["Small Trust Company"]


def test_party_names_put_registrant_first_and_resolve_aliases():
    text = (
        "On March 3, 2011, Acme Widgets Corp. (\u201cAcme\u201d) and Northwind Traders, Inc. "
        "entered into a Supply Agreement. Acme and the Company signed it."
    )
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(0, len(text))])
    second = text.index("Acme and")
    resolver = parties.Resolver(ctx)
    assert resolver.resolve("Acme") == "Acme Widgets Corp."
    assert resolver.resolve("the Company") == REGISTRANT
    assert parties.party_names(ctx, resolver, text, second, len(text), "supply") == [
        REGISTRANT,
        "Acme Widgets Corp.",
    ]


@pytest.mark.parametrize("parent", [REGISTRANT, "the Company"])
def test_a_subsidiary_that_signs_leaves_its_parent_out(parent):
    text = (
        "On May 2, 2014, Westfield Portfolio Acquisitions, LLC, a wholly-owned subsidiary of "
        f"{parent}, entered into a Purchase and Sale Agreement with Harlan Crest Bank, N.A."
    )
    ctx = build_context(text, REGISTRANT, "2014-05-05", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert found.parties == ["Westfield Portfolio Acquisitions, LLC", "Harlan Crest Bank, N.A."]


def test_a_person_of_a_later_act_is_no_party():
    text = (
        "Priya N. Raman, its co-founder, and Colin J. Dempster, its Chairman, will continue. "
        "Effective as of the closing on May 2, 2014, Ms. Raman entered into an employment "
        "agreement with the Company, and Mr. Dempster is expected to remain available in an "
        "advisory capacity."
    )
    ctx = build_context(text, REGISTRANT, "2014-05-05", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("5.02", 0, len(text))])
    assert found.parties == [REGISTRANT, "Priya N. Raman"]


@pytest.mark.parametrize(
    "text, parties",
    [
        (
            "On May 2, 2014, the Company's wholly owned subsidiary, Heron Europe B.V., entered "
            "into a Distribution Agreement with Kardio Nord GmbH.",
            ["Heron Europe B.V.", "Kardio Nord GmbH"],
        ),
        (
            "On May 2, 2014, certain stockholders of the Company entered into a Voting "
            "Agreement with Varden Interactive, Inc.",
            ["Varden Interactive, Inc."],
        ),
        (
            "On May 2, 2014, the Board of Directors of the Company approved, and the Company "
            "entered into, a Voting Agreement with Varden Interactive, Inc.",
            [REGISTRANT, "Varden Interactive, Inc."],
        ),
    ],
)
def test_the_registrant_named_as_an_owner_is_no_party(text, parties):
    ctx = build_context(text, REGISTRANT, "2014-05-05", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert found.parties == parties


def test_the_registrant_of_a_later_act_is_no_party():
    text = (
        "On May 2, 2014, Blue Heron Software Limited entered into a Service Agreement with Ian "
        "D. Kershaw, and the Company appointed Mr. Kershaw as its Vice President."
    )
    ctx = build_context(text, REGISTRANT, "2014-05-05", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert found.parties == ["Blue Heron Software Limited", "Ian D. Kershaw"]


def test_a_full_legal_name_is_no_short_form_of_a_longer_one():
    text = (
        "On May 2, 2014, the Company agreed to buy back shares from Redwood Capital LP, Redwood "
        "Capital Offshore Fund LP and Tall Pine Limited Partnership (the \u201cSellers\u201d)."
    )
    ctx = build_context(text, REGISTRANT, "2014-05-05", [], [(0, len(text))])
    resolver = parties.Resolver(ctx)
    assert resolver.resolve("Redwood Capital LP") == "Redwood Capital LP"
    assert resolver.resolve("Redwood") == "Redwood Capital LP"
    assert parties.party_names(ctx, resolver, text, 0, len(text), "repurchase") == [
        REGISTRANT,
        "Redwood Capital LP",
        "Redwood Capital Offshore Fund LP",
        "Tall Pine Limited Partnership",
    ]


# --- stage 3c: exhibits ---------------------------------------------------------------------


def test_exhibit_of_this_report_not_of_another_filing():
    own = "A copy of the Supply Agreement is filed as Exhibit 10.1 to this Current Report."
    assert exhibits.exhibits_in(own, 0, len(own)) == [(own.index("Exhibit"), "10.1")]
    other = "The Credit Agreement was filed as Exhibit 10.2 to the Quarterly Report on Form 10-Q."
    assert exhibits.exhibits_in(other, 0, len(other)) == []


def test_exhibit_attached_to_the_mention_before_it():
    text = (
        "The Supply Agreement, filed as Exhibit 10.1, and the Lease, filed as Exhibit 10.2, run on."
    )
    found = exhibits.exhibits_in(text, 0, len(text))
    supply, lease = _mentions(text)
    assert exhibits.exhibit_after(supply, found, text.index("Lease")) == "10.1"
    assert exhibits.exhibit_after(lease, found, len(text)) == "10.2"


def test_exhibit_list_numbers_in_mention_order():
    text = "The Supply Agreement and the Lease Agreement are Exhibits 10.1 and 10.2, respectively."
    supply = _record("Supply Agreement", "entered", start=0)
    lease = _record("Lease Agreement", "entered", start=0)
    pairs = exhibits.exhibit_list_numbers(text, 0, len(text), _mentions(text), [supply, lease], [])
    assert [(r.title, n) for r, n in pairs] == [
        ("Supply Agreement", "10.1"),
        ("Lease Agreement", "10.2"),
    ]


def test_a_persons_own_agreement_on_its_own_index_line_is_that_persons():
    from pactgraph.nlp.extraction.agreements.index_lines import index_agreements

    lines = [
        ("10.1", "Change in Control Agreement dated June 28, 2031 with Allison M. Thibodeau"),
        ("10.2", "Change in Control Agreement dated June 28, 2031 with Carl J. Lindqvist"),
    ]
    ctx = Context(
        "\n".join(f"{number}  {description}" for number, description in lines),
        REGISTRANT,
        "2031-06-29",
        persons=["Allison M. Thibodeau", "Carl J. Lindqvist"],
        exhibit_index=lines,
    )
    rec = _record(
        "Change in Control Agreement",
        "entered",
        kind="employment",
        parties=[REGISTRANT, "Allison M. Thibodeau"],
        exhibit="10.1",
    )
    found = index_agreements(ctx, lambda name: name, [rec])
    assert [(a.exhibit, a.parties) for a in found] == [
        ("10.1", [REGISTRANT, "Allison M. Thibodeau"]),
        ("10.2", [REGISTRANT, "Carl J. Lindqvist"]),
    ]


def test_exhibit_index_line_gives_number_and_party():
    ctx = Context(
        "",
        REGISTRANT,
        "2011-03-07",
        exhibit_index=[("10.1", "Supply Agreement between Northwind and Acme Widgets Corp.")],
    )
    rec = _record("Supply Agreement", "entered", kind="supply", parties=[REGISTRANT])
    [out] = exhibits.attach_index_exhibits(ctx, lambda name: name, [rec])
    assert out.exhibit == "10.1"
    assert out.parties == [REGISTRANT, "Acme Widgets Corp."]
    assert (rec.exhibit, rec.parties) == (None, [REGISTRANT])  # a new record; the input is kept


def test_an_index_line_holding_two_titles_goes_to_the_longer_one_also_across_a_date():
    line = (
        "Amendment No. 2, dated as of March 3, 2004, to Receivables Purchase Agreement among"
        " Northwind and Orrey Bank, N.A."
    )
    ctx = Context("", REGISTRANT, "2004-03-05", exhibit_index=[("10.1", line)])
    short = _record("Purchase Agreement", "entered", kind="purchase_sale", parties=[REGISTRANT])
    amendment = _record(
        "Amendment No. 2 to Receivables Purchase Agreement", "amended", parties=[REGISTRANT]
    )
    out = exhibits.reconcile_exhibits(ctx, [short, amendment])
    assert [a.exhibit for a in out] == [None, "10.1"]


def test_an_additional_exhibit_line_that_opens_with_an_agreement_title_files_it():
    from pactgraph.nlp.extraction.agreements.index_lines import index_agreements

    ctx = Context(
        "",
        REGISTRANT,
        "1999-07-09",
        exhibit_index=[
            (
                "99.1",
                "Press Release of Northwind dated July 1, 1999 announcing the Servicing Agreement",
            ),
            (
                "99.2",
                "Servicing Agreement dated as of June 1, 1999 between Northwind and Orrey Corp.",
            ),
        ],
    )
    rec = _record("Servicing Agreement", "entered", kind="services", parties=[REGISTRANT])
    [out] = exhibits.attach_index_exhibits(ctx, lambda name: name, [rec])
    assert out.exhibit == "99.2"
    # an additional exhibit adds no agreement the text does not name
    assert index_agreements(ctx, lambda name: name, []) == []


@pytest.mark.parametrize(
    "kind, parties",
    [
        ("employment", [REGISTRANT, "Lena Okafor"]),
        ("supply", [REGISTRANT]),  # a person named on a supply agreement's line is no party
    ],
)
def test_an_index_line_gives_a_persons_own_agreement_its_person(kind, parties):
    line = "Employment Agreement, dated May 2, 2011, between Northwind and Lena Okafor"
    ctx = Context("", REGISTRANT, "2011-05-03", exhibit_index=[("10.1", line)])
    rec = _record("Employment Agreement", "entered", kind=kind, parties=[REGISTRANT])
    [out] = exhibits.attach_index_exhibits(ctx, lambda name: name, [rec])
    assert (out.exhibit, out.parties) == ("10.1", parties)


def test_one_index_line_files_two_agreements_together():
    line = (
        "Credit Agreement among Northwind and Big Bank, N.A., together with the Guarantee and "
        "Collateral Agreement made by Northwind in favor of Big Bank, N.A."
    )
    ctx = Context("", REGISTRANT, "2011-03-07", exhibit_index=[("10.1", line)])
    credit = _record("Credit Agreement", "entered", parties=[REGISTRANT])
    guarantee = _record(
        "Guarantee and Collateral Agreement", "entered", kind="security_guarantee", exhibit="10.1"
    )
    out = exhibits.reconcile_exhibits(ctx, [credit, guarantee])
    assert [a.exhibit for a in out] == ["10.1", "10.1"]


# --- stage 4: merge -------------------------------------------------------------------------


def test_amendment_and_its_agreement_amended_together_are_one_record():
    base = _record("Credit Agreement", "amended", date="2012-04-02", parties=["Big Bank, N.A."])
    amendment = _record("Amendment No. 1 to Credit Agreement", "amended", exhibit="10.1")
    [one] = merge.consolidate([base, amendment])
    assert (base.title, base.exhibit) == ("Credit Agreement", None)  # the inputs are kept
    assert (one.title, one.action, one.date, one.exhibit) == (
        "Amendment No. 1 to Credit Agreement",
        "amended",
        "2012-04-02",
        "10.1",
    )


def test_shorter_title_of_the_same_agreement_is_merged_into_the_longer():
    short = _record("Credit Agreement", "entered", parties=["Big Bank, N.A."])
    full = _record("Revolving Credit Agreement", "entered", exhibit="10.2", parties=["Small Bank"])
    other = _record("Credit Agreement", "terminated")
    out = merge.consolidate([short, full, other])
    assert [(r.title, r.action) for r in out] == [
        ("Revolving Credit Agreement", "entered"),
        ("Credit Agreement", "terminated"),
    ]
    assert out[0].parties == ["Big Bank, N.A.", "Small Bank"] and out[0].exhibit == "10.2"


@pytest.mark.parametrize("kind", ["employment", "separation", "indemnification"])
def test_a_persons_own_agreement_split_per_person(kind):
    ctx = Context("", REGISTRANT, None, persons=["Jane Roe", "John Doe"])
    rec = _record("Agreement", "entered", kind=kind, parties=[REGISTRANT, "Jane Roe", "John Doe"])
    out = merge.split_people(ctx, [rec])
    assert [r.parties for r in out] == [[REGISTRANT, "Jane Roe"], [REGISTRANT, "John Doe"]]


def test_a_defined_term_beside_its_title_of_the_same_deal_is_one_agreement():
    parties = [REGISTRANT, "Zeta Holdings, Inc.", "Zeta Merger Sub, Inc."]
    kw = {"kind": "merger", "date": "2031-05-03"}
    long = _record("Agreement and Plan of Merger", "terminated", parties=list(parties), **kw)
    short = _record("Merger Agreement", "terminated", parties=list(parties), **kw)
    other = _record("Merger Agreement", "terminated", parties=[REGISTRANT, "Eastbay Corp."], **kw)
    assert [a.title for a in merge.consolidate([long, short])] == ["Agreement and Plan of Merger"]
    assert len(merge.consolidate([long, other])) == 2  # another deal's agreement


# --- new records and amendment lists --------------------------------------------------------


def test_bare_and_quoted_mentions_make_no_record():
    text = "The agreement is described in the \u201cSupply Agreement Summary\u201d."
    bare, quoted = _mentions(text)
    assert makes_no_record(text, bare, text[: bare.start].lower(), 0)
    assert makes_no_record(text, quoted, text[: quoted.start].lower(), 0)


@pytest.mark.parametrize(
    ("history", "made"),
    [
        ("as previously amended by Amendment No. 1 dated June 29, 2029", False),
        ("as amended by Amendment No. 1 thereto dated as of May 1, 2030", False),
        # a plain "as amended by" may name the amendment the report itself makes
        ("as amended by Amendment No. 2 dated the date hereof", True),
        # ... unless it dates the amendment long before the report's events
        ("as amended by Amendment No. 1 dated June 10, 2029", False),
        ("as amended by Amendment No. 2 dated May 3, 2031", True),
    ],
)
def test_an_amendment_an_agreement_went_through_before_makes_no_record(history, made):
    text = f"The Company terminated the Supply Agreement dated May 1, 2028, {history}, with Zeta."
    amendment = [m for m in _mentions(text) if m.title.startswith("Amendment")][0]
    pre = text[max(0, amendment.start - 45) : amendment.start].lower()
    assert makes_no_record(text, amendment, pre, 0, len(text), "2031-05-04") is not made


@pytest.mark.parametrize(
    "history",
    [
        "as previously amended by a First Amendment dated as of December 20, 2028, a Second "
        "Amendment dated as of September 30, 2029 and a Fourth Amendment dated as of January 18, "
        "2030",
        "as amended by the First Amendment dated as of March 31, 2029 and the Second Amendment "
        "dated as of December 18, 2030",
    ],
)
def test_each_amendment_of_a_history_list_makes_no_record(history):
    text = f"The Fifth Amendment amends the Loan Agreement dated May 1, 2027, {history}."
    listed = [m for m in _mentions(text) if m.title != "Fifth Amendment" and "Amendment" in m.title]
    assert len(listed) >= 2
    for amendment in listed:
        pre = text[max(0, amendment.start - 45) : amendment.start].lower()
        assert makes_no_record(text, amendment, pre, 0, len(text), "2031-05-04"), amendment.title


def test_an_extension_agreement_amends_and_its_object_makes_no_record():
    text = (
        "On May 2, 2031, the Company entered into a Note Extension Agreement that extends the "
        "maturity of the Company\u2019s $5,000,000 Subordinated Promissory Note dated October 1, "
        "2028 held by Mr. Quill from October 1, 2031 to October 1, 2033."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [(a.title, a.action) for a in found] == [("Note Extension Agreement", "amended")]


def test_numbered_supplements_listed_after_a_generic_one_are_each_their_own():
    text = (
        "On May 2, 2031, the Company completed the offering of the Notes. The Notes were issued "
        "under an indenture, dated as of June 2, 2025, between the Company and Pilgrim Trust "
        "Company, N.A., as trustee, as supplemented by a supplemental indenture dated as of May "
        "2, 2031 among the Company and the Trustee, as follows: the Fourth Supplemental Indenture, "
        "relating to the 2038 Notes; the Fifth Supplemental Indenture, relating to the 2043 "
        "Notes; and the Sixth Supplemental Indenture, relating to the 2053 Notes."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    titles = [a.title for a in extract_agreements(ctx, [("1.01", 0, len(text))])]
    for ordinal in ("Fourth", "Fifth", "Sixth"):
        assert f"{ordinal} Supplemental Indenture" in titles


def test_the_new_instrument_notes_will_be_issued_under_is_entered():
    text = (
        "The Notes will be issued pursuant to an indenture, dated as of May 2, 2031 (the "
        "\u201cIndenture\u201d), between the Company and Pilgrim Trust Company, N.A., as trustee."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("8.01", 0, len(text))])
    assert [(a.title.lower(), a.action, a.date) for a in found] == [
        ("indenture", "entered", "2031-05-02")
    ]


def test_the_old_instrument_notes_were_issued_under_is_background():
    text = (
        "On May 2, 2031, the Company called its 7.25% Senior Notes due 2032, which were issued "
        "under the Second Supplemental Indenture to the Base Indenture, dated as of March 15, 2020."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    assert extract_agreements(ctx, [("8.01", 0, len(text))]) == []


def test_two_agreements_of_one_title_and_day_named_apart_with_their_own_holders_stay_two():
    text = (
        "On May 2, 2031, the Company entered into (i) a Stockholders Agreement, dated as of May "
        "2, 2031 (the \u201cKessling Stockholders Agreement\u201d), with Harold V. Kessling, and "
        "(ii) a Stockholders Agreement, dated as of May 2, 2031 (the \u201cPellham Stockholders "
        "Agreement\u201d), with Pellham Capital Partners, L.P."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [a.parties[-1] for a in found] == [
        "Harold V. Kessling",
        "Pellham Capital Partners, L.P.",
    ]


def test_an_enumeration_of_one_title_with_other_counterparties_is_several_agreements():
    text = (
        "On May 2, 2031, as a result of the termination of the Merger Agreement, each of (i) the "
        "Voting Agreement, dated as of May 4, 2030, between Sundown Cable Partners, L.P. and "
        "Everett J. Colquitt, and (ii) the Voting Agreement, dated as of May 4, 2030, between "
        "Sundown Cable Partners, L.P. and Marlow Investors, L.P., terminated."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = [a for a in extract_agreements(ctx, [("1.02", 0, len(text))]) if a.kind != "merger"]
    assert [(a.title, a.action, a.parties[-1]) for a in found] == [
        ("Voting Agreement", "terminated", "Everett J. Colquitt"),
        ("Voting Agreement", "terminated", "Marlow Investors, L.P."),
    ]


def test_a_termination_fee_ends_no_agreement():
    text = (
        "As previously reported, on April 22, 2031, the Company entered into an Agreement and "
        "Plan of Merger (the \u201cMerger Agreement\u201d) with Orion Media Corp. On June 9, "
        "2031, the Company and Orion Media Corp. entered into Amendment No. 1 to the Merger "
        "Agreement, which increases from $12,000,000 to $13,500,000 the termination fee payable "
        "by the Company under the circumstances described in the Merger Agreement."
    )
    ctx = build_context(text, REGISTRANT, "2031-06-10", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [a.action for a in found] == ["amended"]


def test_an_agreement_made_concurrently_with_another_takes_its_date():
    text = (
        "On May 2, 2031, the Company entered into a Transaction Agreement (the \u201cTransaction "
        "Agreement\u201d) with Orion Partners, L.P. Contemporaneously with the execution of the "
        "Transaction Agreement, the parties also entered into a separation agreement (the "
        "\u201cSeparation Agreement\u201d)."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    other = text.index("Contemporaneously")
    found = extract_agreements(ctx, [("1.01", 0, other), ("8.01", other, len(text))])
    assert [(a.title.lower(), a.date) for a in found] == [
        ("transaction agreement", "2031-05-02"),
        ("separation agreement", "2031-05-02"),
    ]


def test_a_bare_amendment_takes_its_object_named_after_its_parties():
    text = (
        "On May 2, 2031, the Company entered into the First Amendment, dated May 2, 2031, (the "
        "\u201cFirst Amendment\u201d) by and between the Company and each of the persons "
        "holding one or more of the 2036 Notes to the Note Purchase Agreement dated as of July "
        "27, 2029 for the purchase of the Company\u2019s 5.03% Senior Notes due July 27, 2036. "
        "On May 2, 2031, the Company also entered into the Third Amendment (the \u201cThird "
        "Amendment\u201d and together with the First Amendment, the \u201cAmendments\u201d) by "
        "and between the Company and each of the persons holding one or more of the 2033 Notes "
        "to the Note Purchase Agreement dated as of August 15, 2027."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [(a.title, a.kind, a.action) for a in found] == [
        ("First Amendment to Note Purchase Agreement", "credit", "amended"),
        ("Third Amendment to Note Purchase Agreement", "credit", "amended"),
    ]


def test_a_heading_pair_of_supplements_keeps_each_its_own_record():
    text = (
        "Fourth and Fifth Supplemental Indentures\nThe Notes were issued under an Indenture, "
        "dated as of April 30, 2023, between the Company and Lindqvist Trust Company, N.A., as "
        "trustee, as supplemented by the Fourth Supplemental Indenture, dated as of May 2, 2031, "
        "and the Fifth Supplemental Indenture, dated as of May 2, 2031, each among the Company "
        "and the Trustee."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [a.title for a in found if a.action == "entered"] == [
        "Fourth Supplemental Indenture",
        "Fifth Supplemental Indenture",
    ]


def test_titles_sharing_only_their_head_word_are_no_kin():
    from pactgraph.nlp.extraction.agreements.exhibits import title_similarity

    line = "Amendment No. 1 to Agreement and Plan of Reorganization dated as of May 1, 2031"
    assert title_similarity("Escrow Agreement", line) == 0.0
    assert title_similarity("Agreement and Plan of Reorganization", line) == 1.0
    assert title_similarity("Agreement", line) == 1.0  # a bare head has nothing else to share


def test_amendment_list_items_are_amended_records():
    lead = "On May 2, 2012, the Company entered into amendments to:"
    opened = list_lead(lead, "2012-05-04")
    assert opened == ListLead("amended", "2012-05-02", names_amended=True)
    item = "(i) its revolving credit agreement with Big Bank, N.A.;"
    ctx = build_context(item, REGISTRANT, "2012-05-04", [], [(0, len(item))])
    rec = amended_item_record(ctx, parties.Resolver(ctx), opened, 0, len(item))
    assert (rec.title, rec.action, rec.date) == (
        "amendment to revolving credit agreement",
        "amended",
        "2012-05-02",
    )
    assert list_lead("The Company signed a lease.", None) is None


def test_a_list_lead_with_an_amount_opens_its_list():
    text = (
        "On May 2, 2031, the Company entered into two new revolving credit facilities with an "
        "aggregate commitment of $1.75 billion:\n"
        "\u2022\ta $1.25 billion Five-Year Credit Agreement (the \u201cFive-Year Agreement\u201d), "
        "among the Company and Fenwick Bank, N.A., as administrative agent; and\n"
        "\u2022\ta $500 million 364-Day Credit Agreement, among the Company and Fenwick Bank, "
        "N.A., as administrative agent.\n"
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [(a.title, a.action, a.date) for a in found] == [
        ("Five-Year Credit Agreement", "entered", "2031-05-02"),
        ("364-Day Credit Agreement", "entered", "2031-05-02"),
    ]


def test_a_list_of_amendments_for_a_family_gives_each_person_an_amendment():
    text = (
        "On May 2, 2031, the Company entered into amendments to the employment agreements of "
        "three of its executive officers who are members of the Aldine family:\n"
        "\u2022\tAmendment No. 2 to Employment Agreement with Hugo P. Aldine, its Chief "
        "Executive Officer, which amends his Employment Agreement dated as of October 1, 2027, "
        "as amended by Amendment No. 1 dated June 10, 2029.\n"
        "\u2022\tAmendment No. 2 to Employment Agreement with Marta J. Aldine, its President "
        "and the sister of Hugo P. Aldine, which extends the term of her Employment Agreement "
        "dated as of October 1, 2027.\n"
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [(a.title, a.action, a.date, a.parties) for a in found] == [
        (
            "Amendment No. 2 to Employment Agreement",
            "amended",
            "2031-05-02",
            [REGISTRANT, "Hugo P. Aldine"],
        ),
        (
            "Amendment No. 2 to Employment Agreement",
            "amended",
            "2031-05-02",
            [REGISTRANT, "Marta J. Aldine"],
        ),
    ]


def test_two_amendments_of_one_title_named_apart_are_two_records():
    text = (
        "On May 2, 2031, the Company (i) entered into Amendment No. 2 (the \u201cThree-Year "
        "Amendment\u201d) to the existing Three-Year Credit Agreement dated as of June 22, 2027, "
        "among the Company and Fenwick Bank, N.A., as agent, and (ii) entered into Amendment "
        "No. 2 (the \u201cFive-Year Amendment\u201d) to the existing Five-Year Credit Agreement "
        "dated as of June 22, 2027, among the Company and Fenwick Bank, N.A., as agent."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [(a.title, a.action) for a in found] == [
        ("Amendment No. 2 to Three-Year Credit Agreement", "amended"),
        ("Amendment No. 2 to Five-Year Credit Agreement", "amended"),
    ]


def test_a_list_lead_gives_its_items_its_action_unless_it_is_conditional():
    assert list_lead("the following agreements were terminated:", None) == ListLead("terminated")
    assert list_lead("The Company executed the following documents:", None) == ListLead("entered")
    assert list_lead("If the merger closes, the Company will have entered into:", None) is None


def test_the_marked_items_of_an_amendments_list_are_amendments_not_new_agreements():
    text = (
        "On June 3, 2031, the Company entered into amendments dated June 1, 2031 to:\n"
        "(a) the revolving credit agreement with Harlow Bank, N.A.;\n"
        "- -\n"
        "(b) its equipment lease with Tallis Leasing LLC."
    )
    ctx = build_context(text, REGISTRANT, "2031-06-03", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert sorted((a.title, a.action, a.date) for a in found) == [
        ("amendment to equipment lease", "amended", "2031-06-01"),
        ("amendment to revolving credit agreement", "amended", "2031-06-01"),
    ]


# --- the whole flow -------------------------------------------------------------------------


def _report() -> tuple[str, list[tuple[str, int, int]]]:
    text = (
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        "On March 3, 2011, Northwind Traders, Inc. (the \u201cCompany\u201d) entered into a Supply "
        "Agreement (the \u201cParts Contract\u201d) with Acme Widgets Corp. (\u201cAcme\u201d). "
        "Under the Parts Contract, Acme will deliver parts for five years. "
        "A copy of the Parts Contract is filed as Exhibit 10.1 to this Current Report.\n\n"
        "Item 1.02 Termination of a Material Definitive Agreement.\n\n"
        "On March 4, 2011, the Company terminated its Distribution Agreement with Beta "
        "Holdings LLC.\n"
    )
    first, second = text.index("On March 3"), text.index("On March 4")
    return text, [("1.01", first, text.index("Item 1.02")), ("1.02", second, len(text))]


def test_pipeline_links_defined_terms_across_sentences():
    text, sections = _report()
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(sections[0][1], len(text))])
    found = extract_agreements(ctx, sections)
    assert [(a.title, a.action, a.date, a.parties, a.exhibit) for a in found] == [
        ("Supply Agreement", "entered", "2011-03-03", [REGISTRANT, "Acme Widgets Corp."], "10.1"),
        (
            "Distribution Agreement",
            "terminated",
            "2011-03-04",
            [REGISTRANT, "Beta Holdings LLC"],
            None,
        ),
    ]
    assert "parts contract" in found[0].aliases


def test_a_defined_term_whose_quotes_were_lost_names_its_agreement():
    body = (
        "On May 2, 2019, the Company entered into the First Amendment to the Loan Facility "
        "Agreement with Big Bank, N.A. (the Franchisee Loan Facility Amendment)."
    )
    text = "Item 1.01 Entry into a Material Definitive Agreement.\n\n" + body + "\n"
    start = text.index("On May")
    ctx = build_context(text, REGISTRANT, "2019-05-06", [], [(start, len(text))])
    [found] = extract_agreements(ctx, [("1.01", start, len(text))])
    assert "franchisee loan facility amendment" in found.aliases


def test_pipeline_reads_every_item_but_the_exhibit_list():
    text, sections = _report()
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(sections[0][1], len(text))])
    assert extract_agreements(ctx, [("9.01", s, e) for _, s, e in sections]) == []
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(sections[0][1], len(text))])
    assert extract_agreements(ctx, [("7.01", s, e) for _, s, e in sections]) != []


def test_vocabularies_load_from_data_once():
    assert "definitive" in vocab.words("mentions", "skip_adjectives")
    assert "lease" in mentions.BARE and "the" in mentions.STOP_BEFORE
    assert "de" in vocab.words("parties", "name_connectors")
    assert vocab._load("mentions") is vocab._load("mentions")  # read from disk once
    assert parties.INSTITUTION.search("First Trust of Ohio")


@pytest.mark.parametrize(
    ("after", "governing"),
    [
        (" of the Company’s bylaws, effective at once", True),
        (" to Article IV of the Amended and Restated Certificate of Incorporation", True),
        (" to Zeta’s Third Amended and Restated By-Laws", True),
        (" to the 2031 Equity Incentive Plan", True),
        (" to the Revolving Credit Agreement", False),
        (" to the Agreement and Plan of Merger", False),
    ],
)
def test_an_amendment_of_a_plan_or_governing_document_is_no_agreement(after, governing):
    from pactgraph.nlp.extraction.agreements.records import _TO_A_PLAN

    assert bool(_TO_A_PLAN.match(after)) is governing


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "Zeta entered into a purchase agreement with Orbit Capital Markets Inc. and Quill, "
            "Vane & Co., as initial purchasers.",
            ["Orbit Capital Markets Inc.", "Quill, Vane & Co."],
        ),
        (
            "Zeta entered into an underwriting agreement with Harbor Stanley & Co. LLC and Lark, "
            "Pine, Fenwick & Moss Incorporated, as representatives.",
            ["Harbor Stanley & Co. LLC", "Lark, Pine, Fenwick & Moss Incorporated"],
        ),
    ],
)
def test_party_lists_keep_commas_inside_organisation_names(sentence, names):
    from pactgraph.nlp.agreements import list_parties

    assert [name for _, name in list_parties(sentence, 0, len(sentence))] == names


def test_a_comma_before_a_bank_separates_two_names():
    from pactgraph.nlp.orgs import find_orgs

    text = "among the Company, Bank of America, N.A., as administrative agent, and the lenders"
    assert [o.name for o in find_orgs(text)] == ["Bank of America, N.A."]
    sentence = "The Partnership entered into a Credit Agreement among the Partnership, " + text[18:]
    ctx = build_context(sentence, "Ridgeback Midstream Partners, L.P.", "2012-08-15", [], [])
    ctx.registrant_aliases.add("partnership")
    [found] = extract_agreements(ctx, [("1.01", 0, len(sentence))])
    assert "Bank of America, N.A." in found.parties
    assert not any(p.startswith(("Company,", "Partnership,")) for p in found.parties)


def test_a_name_never_goes_on_after_and_with_the():
    from pactgraph.nlp.orgs import find_orgs

    text = "among the Company, the Subsidiary Guarantors and The Bank of New York, as trustee"
    assert [o.name for o in find_orgs(text)][-1] == "The Bank of New York"


def test_a_word_in_brackets_opens_no_name_and_does_not_hide_the_bought_company():
    from pactgraph.nlp.orgs import find_orgs

    text = (
        "On August 1, 2031, the Company completed its acquisition of all of the outstanding "
        "shares (Geschäftsanteile) of Kessler Diagnostik GmbH pursuant to the Share Purchase "
        "Agreement among the Company and Rheintal Beteiligungs AG."
    )
    assert "Kessler Diagnostik GmbH" in [o.name for o in find_orgs(text)]
    ctx = build_context(text, REGISTRANT, "2031-08-02", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("2.01", 0, len(text))])
    assert found.parties == [REGISTRANT, "Rheintal Beteiligungs AG"]


def test_an_index_line_wrapped_in_the_text_is_still_found():
    from pactgraph.nlp.extraction.agreements.index_lines import index_agreements

    line = (
        "Stock Option Agreement dated as of June 30, 2031 between Pinnacle Valley Bancorp, "
        "Inc. and First Sentinel Financial Corp."
    )
    text = (
        "   10           Stock Option Agreement dated as of June 30, 2031 between\n"
        "                Pinnacle Valley Bancorp, Inc. and First Sentinel Financial\n"
        "                Corp.\n"
    )
    ctx = Context(text, REGISTRANT, "2031-07-01", exhibit_index=[("10", line)])
    [added] = index_agreements(ctx, lambda name: name, [])
    assert (added.title, added.exhibit, added.date) == (
        "Stock Option Agreement",
        "10",
        "2031-06-30",
    )
    assert text[added.start : added.start + 22] == "Stock Option Agreement"


def _ctx_with_index(index):
    from pactgraph.nlp.extraction.agreements.model import Context

    return Context(text="", registrant=REGISTRANT, report_date=None, exhibit_index=index)


def _agreement(title, parties, exhibit=None):
    from pactgraph.nlp.extraction.agreements.mentions import title_key

    return Agreement(
        title=title,
        kind="credit",
        action="entered",
        date=None,
        parties=parties,
        exhibit=exhibit,
        start=0,
        end=1,
        key=title_key(title),
    )


def test_exhibits_are_paired_with_agreements_over_the_whole_index():
    from pactgraph.nlp.extraction.agreements.exhibits import reconcile_exhibits

    ctx = _ctx_with_index(
        [
            ("10.1", "Amendment Agreement"),
            ("10.2", "Amended and Restated Credit Agreement"),
            ("99.1", "Press release of the Company"),
        ]
    )
    found = [
        _agreement("Amended and Restated Credit Agreement", [REGISTRANT], "10.1"),
        _agreement("Amendment Agreement", [REGISTRANT], "10.2"),
        _agreement("Guaranty", [REGISTRANT], "99.1"),
    ]
    assert [a.exhibit for a in reconcile_exhibits(ctx, found)] == ["10.2", "10.1", None]


def test_an_agreement_takes_the_parties_of_the_index_line_that_names_its_title():
    from pactgraph.nlp.extraction.agreements.exhibits import reconcile_exhibits

    ctx = _ctx_with_index(
        [
            ("10.1", "Employment Agreement with Ana Ruiz"),
            (
                "10.2",
                "Bonus Agreement by and between the Company, Harbor Holdings, Inc. and Bo Lund",
            ),
        ]
    )
    found = [
        # the text gave the first number to the bonus agreement; the index decides
        _agreement("Bonus Agreement", [REGISTRANT, "Bo Lund"], "10.1"),
        _agreement("Employment Agreement", [REGISTRANT, "Ana Ruiz"]),
    ]
    out = reconcile_exhibits(ctx, found, resolve=lambda name: name)
    assert [(a.exhibit, a.parties) for a in out] == [
        ("10.2", [REGISTRANT, "Bo Lund", "Harbor Holdings, Inc."]),
        ("10.1", [REGISTRANT, "Ana Ruiz"]),
    ]


def test_per_person_agreements_take_the_line_naming_them_or_share_their_form():
    from pactgraph.nlp.extraction.agreements.exhibits import reconcile_exhibits

    ctx = _ctx_with_index(
        [
            ("10.1", "Employment Agreement with Ana Ruiz"),
            ("10.2", "Employment Agreement with Bo Lund"),
            ("10.3", "Form of Stay Bonus Agreement"),
        ]
    )
    found = [
        _agreement("Employment Agreement", [REGISTRANT, "Bo Lund"], "10.1"),
        _agreement("Employment Agreement", [REGISTRANT, "Ana Ruiz"], "10.1"),
        _agreement("Stay Bonus Agreement", [REGISTRANT, "Cy Ode"]),
        _agreement("Stay Bonus Agreement", [REGISTRANT, "Di Fay"]),
    ]
    assert [a.exhibit for a in reconcile_exhibits(ctx, found)] == ["10.2", "10.1", "10.3", "10.3"]


def _index_report(lines):
    text = "Item 9.01 Financial Statements and Exhibits.\n" + "\n".join(
        f"{n}\t{d}" for n, d in lines
    )
    return Context(text=text, registrant=REGISTRANT, report_date="2031-06-02", exhibit_index=lines)


def test_index_lines_name_agreements_made_in_the_window_and_sibling_instruments():
    from pactgraph.nlp.extraction.agreements.index_lines import index_agreements

    ctx = _index_report(
        [
            (
                "1.1",
                "Underwriting Agreement, dated May 28, 2031, among the Company and Orbit "
                "Securities LLC",
            ),
            (
                "4.1",
                "Base Indenture, dated June 1, 2001, between the Company and Harbor Trust Company",
            ),
            ("4.2", "Supplemental Indenture, dated June 2, 2031, for the 2040 Notes"),
            ("4.3", "Form of 2040 Note (included in Exhibit 4.2)"),
            ("4.4", "Supplemental Indenture, dated June 2, 2031, for the 2050 Notes"),
        ]
    )
    sibling = _agreement("Supplemental Indenture", [REGISTRANT, "Harbor Trust Company"], "4.2")
    found = index_agreements(ctx, lambda name: name, [sibling])
    assert [(a.title, a.exhibit, a.date) for a in found] == [
        ("Supplemental Indenture", "4.2", None),
        ("Underwriting Agreement", "1.1", "2031-05-28"),
        ("Supplemental Indenture", "4.4", "2031-06-02"),
    ]
    assert (
        "Orbit Securities LLC" in found[1].parties and found[2].parties[1] == "Harbor Trust Company"
    )
    assert all(ctx.text[a.start : a.end].startswith(a.title) for a in found[1:])


@pytest.mark.parametrize(
    "lead",
    [
        "Each of the new officers will also enter into an ",
        "The terms expected to be included in the ",
        "Zeta intends to subsequently execute a ",
    ],
)
def test_agreements_still_to_be_made_are_hypothetical(lead):
    from pactgraph.nlp.extraction.agreements.events import _HYPOTHETICAL

    assert _HYPOTHETICAL.search(lead.lower())


def test_an_agreement_entered_long_before_the_report_is_recalled_not_reported():
    from pactgraph.nlp.extraction.agreements.records import _recalled

    assert _recalled("entered", "2030-09-01", "2031-06-02", "8.01", "credit agreement")
    assert not _recalled("entered", "2031-05-20", "2031-06-02", "8.01", "credit agreement")
    # a deal closing now
    assert not _recalled("entered", "2030-09-01", "2031-06-02", "2.01", "credit agreement")
    # an amendment of its own date, and one whose date may be its object's
    assert _recalled("amended", "2030-09-01", "2031-06-02", "8.01", "amendment no. 4")
    assert not _recalled(
        "amended", "2030-09-01", "2031-06-02", "8.01", "amendment to loan agreement"
    )


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "Ms. Ode entered into the Company’s standard indemnification agreement for directors.",
            "indemnification agreement",
        ),
        (
            "At the meeting, the stockholders approved the amendments to the 2031 Stock Plan.",
            "amendment",
        ),
    ],
)
def test_generic_titles_after_possessives_and_stop_at_verbs(sentence, title):
    assert [m.title for m in mentions.find_mentions(sentence, 0, len(sentence))] == [title]


@pytest.mark.parametrize(
    ("sentence", "titles"),
    [
        (
            "Zeta and Dr. Ode entered into a promotion letter dated May 2, 2031.",
            ["promotion letter"],
        ),
        ("Zeta and Ms. Vole signed a retention letter.", ["retention letter"]),
        ("On May 2, 2031, Zeta received a letter from the exchange.", []),
    ],
)
def test_a_letter_is_a_title_only_with_the_word_that_says_what_it_agrees(sentence, titles):
    assert [m.title for m in mentions.find_mentions(sentence, 0, len(sentence))] == titles


def test_predecessors_and_defined_roles_are_no_parties():
    from pactgraph.nlp.extraction.agreements.exhibits import index_parties
    from pactgraph.nlp.extraction.agreements.parties import PREDECESSOR

    line = (
        "Third Supplemental Indenture between Zeta Mills, Inc. and Harbor Trust Company, N.A. "
        "(as successor to Orbit Bank, N.A. (formerly Lark Bank, N.A.))"
    )
    assert index_parties(lambda n: n, line, ["Zeta Mills, Inc."]) == ["Harbor Trust Company, N.A."]
    assert PREDECESSOR.search("the trustee, as successor in interest to ")


def test_camel_case_brands_are_organisation_names():
    from pactgraph.nlp.orgs import find_orgs

    text = "Zeta acquired eQuill, Inc. and iVane Corporation from their founders."
    assert [o.name for o in find_orgs(text)] == ["eQuill, Inc.", "iVane Corporation"]


def test_an_agreement_a_deal_closed_under_keeps_its_own_date():
    from pactgraph.nlp.extraction.agreements.dates import date_for
    from pactgraph.nlp.extraction.agreements.model import Mention

    text = (
        "On June 16, 2031, Zeta acquired Orbit Foods, Inc. pursuant to a Share Purchase "
        "Agreement dated as of May 2, 2031."
    )
    start = text.index("Share")
    mention = Mention(
        start, start + len("Share Purchase Agreement"), "Share Purchase Agreement", False, False
    )
    assert (
        date_for(text, mention, (0, len(text)), "entered", "2.01", "2031-06-18")[0] == "2031-05-02"
    )
    undated = text.replace(" dated as of May 2, 2031", "")
    assert date_for(undated, mention, (0, len(undated)), "entered", "2.01", "2031-06-18")[0] is None
    assert (
        date_for(undated, mention, (0, len(undated)), "entered", "1.01", "2031-06-18")[0]
        == "2031-06-16"
    )


def test_an_amended_and_restated_agreement_is_amended_though_its_title_is_lower_case():
    from pactgraph.nlp.extraction.agreements.events import action_of
    from pactgraph.nlp.extraction.agreements.model import Mention, Sentence

    text = "On May 2, 2031, Ms. Ode entered into an amended and restated employment agreement."
    start = text.index("employment")
    mention = Mention(
        start, start + len("employment agreement"), "employment agreement", True, False
    )
    sent = Sentence(
        start=0,
        end=len(text),
        text=text,
        low=text.lower(),
        has_term=False,
        has_amend=False,
        has_enter=True,
        is_future=False,
        conditional=False,
        background_at=(),
    )
    assert action_of(mention, "5.02", sent, text[start - 45 : start].lower()) == "amended"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Separation and Distribution Agreement", "other"),  # a business separation (eval README)
        ("Separation Agreement and General Release", "separation"),  # a person's
        ("Intellectual Property License Agreement", "license"),
        ("Loan Servicing Agreement", "services"),  # servicing loans, no lending
        ("Loan and Servicing Agreement", "credit"),  # lending, and servicing what is lent
        ("OEM Purchase Agreement", "supply"),  # goods over time, no business bought
        ("Share Exchange Agreement", "purchase_sale"),  # buys a company's shares for its own
        ("Exchange Agreement", "securities_offering"),  # the registrant's notes for new ones
    ],
)
def test_kinds_follow_what_the_agreement_does(title, kind):
    from pactgraph.nlp.kinds import kind_from_title

    assert kind_from_title(title) == kind


def test_a_bare_title_takes_the_name_the_report_defines_for_it():
    from pactgraph.nlp.extraction.agreements.records import _title_of

    text = (
        "On May 2, 2031, Zeta entered into an agreement (the “Share Purchase Agreement”) "
        "with Orbit Partners LP."
    )
    bare = next(m for m in mentions.find_mentions(text, 0, len(text)) if m.title == "agreement")
    assert _title_of(text, bare, len(text)) == "Share Purchase Agreement"


@pytest.mark.parametrize(
    "sentence",
    [
        "The material terms of Ms. Okafor’s offer letter, as approved by the Board, "
        "are as follows:",
        "The terms of Mr. Lindqvist's employment agreement provide for a base salary of $400,000.",
    ],
)
def test_an_officers_arrangement_described_by_its_terms_in_item_502_is_entered(sentence):
    text = (
        "Lena Okafor and Per Lindqvist joined Northwind Traders, Inc. (the “Company”). " + sentence
    )
    ctx = build_context(text, REGISTRANT, "2031-06-02", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("5.02", 0, len(text))])
    person = "Lena Okafor" if "Okafor" in sentence else "Per Lindqvist"
    assert (found.action, found.kind, found.parties) == (
        "entered",
        "employment",
        [REGISTRANT, person],
    )


def test_an_officers_arrangement_is_no_event_outside_item_502():
    text = "The terms of Mr. Lindqvist's employment agreement provide for a base salary."
    ctx = build_context(text, REGISTRANT, "2031-06-02", [], [(0, len(text))])
    assert extract_agreements(ctx, [("8.01", 0, len(text))]) == []


def test_merger_subs_that_differ_only_in_legal_form_are_two_parties_and_roles_none():
    text = (
        "On May 3, 2031, Northwind Traders, Inc. (the “Company”) entered into an Agreement and "
        "Plan of Merger by and among the Company, Kestrel Acquisition Corporation, Kestrel "
        "Acquisition LLC and Orbit Foods, Inc., pursuant to which Kestrel Acquisition Corporation "
        "will merge into Orbit Foods, Inc., with Orbit Foods, Inc. surviving (the “Interim "
        "Surviving Corporation”), and the Interim Surviving Corporation will then merge into "
        "Kestrel Acquisition LLC."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert found.parties == [
        REGISTRANT,
        "Kestrel Acquisition Corporation",
        "Kestrel Acquisition LLC",
        "Orbit Foods, Inc.",
    ]


def test_a_role_the_report_defines_in_quotes_is_no_named_party():
    from pactgraph.nlp.orgs import is_defined_term

    text = "Orbit Foods, Inc. survives the merger (the “Interim Surviving Corporation”)."
    assert is_defined_term(text, "Interim Surviving Corporation")
    assert not is_defined_term(text, "Orbit Foods, Inc.")


def test_an_index_line_takes_the_parties_the_text_named_its_agreement_with():
    from pactgraph.nlp.extraction.agreements.index_lines import index_agreements

    ctx = _index_report([("1.1", "Underwriting Agreement, dated May 28, 2031")])
    named = _agreement("Underwriting Agreement", [REGISTRANT, "Orbit Securities LLC"], None)
    named.action = None  # named in the text as background: "pursuant to an underwriting agreement"
    [found] = index_agreements(ctx, lambda name: name, [], [named])
    assert (found.exhibit, found.parties) == ("1.1", [REGISTRANT, "Orbit Securities LLC"])


@pytest.mark.parametrize(
    "sentence",
    [
        "We entered into a Tax Matters Agreement with Orbit Foods, Inc. on May 3, 2031.",
        "On May 3, 2031, the registrant entered into a merger agreement with Orbit Foods, Inc.",
    ],
)
def test_the_registrant_as_we_or_the_registrant_is_a_party(sentence):
    ctx = build_context(sentence, REGISTRANT, "2031-05-04", [], [(0, len(sentence))])
    [found] = extract_agreements(ctx, [("1.01", 0, len(sentence))])
    assert found.parties == [REGISTRANT, "Orbit Foods, Inc."]


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("CREDIT AGREEMENT", "CREDIT AGREEMENT"),
        (
            "ACCESSION AGREEMENT dated as of May 3, 2031, among ORBIT BANK PLC and "
            "ZETA MILLS, INC.",
            "ACCESSION AGREEMENT",
        ),
        ("This Agreement is made as of May 3, 2031.", None),
    ],
)
def test_an_attached_exhibit_is_titled_by_its_capitalised_first_line(first_line, title):
    from pactgraph.nlp.extract import _EXHIBIT_TITLE

    m = _EXHIBIT_TITLE.search(f"Exhibit 10.1\n\n{first_line}\n\nSection 1.")
    assert (m.group(1).strip() if m else None) == title


def test_as_previously_announced_with_a_date_in_the_reporting_window_is_this_event():
    recent = (
        "As previously announced, on May 28, 2031, the Company entered into a Purchase "
        "Agreement with Orbit Securities LLC."
    )
    old = recent.replace("May 28, 2031", "May 28, 2029")
    assert _events(recent, report_date="2031-06-02")["Purchase Agreement"].action == "entered"
    assert _events(old, report_date="2031-06-02")["Purchase Agreement"].action is None


def test_an_agreement_that_replaces_another_terminates_it():
    text = (
        "On May 3, 2031, the Company entered into a Revolving Credit Agreement with Orbit Bank. "
        "The Revolving Credit Agreement replaced the Company’s Term Loan Agreement dated as "
        "of April 15, 2026."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [(a.title, a.action) for a in found] == [
        ("Revolving Credit Agreement", "entered"),
        ("Term Loan Agreement", "terminated"),
    ]


def test_a_firm_name_holding_another_legal_form_is_one_organisation():
    from pactgraph.nlp.orgs import find_orgs

    text = "Kite & Co. Advisory Services, LLC, a subsidiary of Kite & Co., Inc., and Lark & Co. LLC"
    assert [o.name for o in find_orgs(text)] == [
        "Kite & Co. Advisory Services, LLC",
        "Kite & Co., Inc.",
        "Lark & Co. LLC",
    ]


def test_an_agreement_a_new_one_replaces_takes_no_exhibit_of_the_new_ones():
    from pactgraph.nlp.extraction.agreements.exhibits import reconcile_exhibits

    ctx = _ctx_with_index([("10.1", "Revolving Credit Agreement, dated May 3, 2031")])
    new = _agreement("Revolving Credit Agreement", [REGISTRANT, "Orbit Bank"], "10.1")
    old = _agreement("Revolving Credit Agreement", [REGISTRANT], None)
    old.action = "terminated"
    assert [a.exhibit for a in reconcile_exhibits(ctx, [new, old])] == ["10.1", None]


def test_a_mention_whose_verb_after_it_is_modal_reports_no_event():
    text = (
        "The Executive RSU Agreement provides that if a participant ceases to be a service "
        "provider, the units will be terminated."
    )
    assert events.nearest_verb(text.lower(), 4) == "modal"
    text = "The Guaranty of Orbit Inc. was terminated on May 3, 2031."
    assert events.nearest_verb(text.lower(), 4) == "t"


@pytest.mark.parametrize(
    ("sentence", "titles"),
    [
        (
            "Ms. Ode has entered into the Company’s standard form of indemnification agreement.",
            ["indemnification agreement"],
        ),
        ("A form of indemnification agreement is filed as Exhibit 10.1.", []),
    ],
)
def test_an_agreement_entered_into_on_a_standard_form_is_named_and_a_bare_form_is_not(
    sentence, titles
):
    assert [m.title for m in mentions.sentence_mentions(sentence, 0, len(sentence), {})] == titles


def test_a_mention_in_a_future_clause_before_its_only_verb_reports_no_event():
    text = (
        "The repurchase will be funded in part by a promissory note issued by the Company "
        "to Orbit Capital LP."
    )
    found = _events(text)
    assert found["promissory note"].action is None
    done = _events("At the closing, the Company issued a promissory note to Orbit Capital LP.")
    assert done["promissory note"].action == "entered"


@pytest.mark.parametrize(
    "sentence",
    [
        "On May 3, 2031, Mr. Vane and the Company entered into a separation and release agreement.",
        "On May 3, 2031, Mr. Vane entered into the Company’s standard indemnification agreement.",
    ],
)
def test_the_person_of_a_persons_agreement_named_by_surname_is_a_party(sentence):
    text = "Douglas P. Vane resigned as Chief Financial Officer. " + sentence
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("5.02", 0, len(text))])
    assert found.parties == [REGISTRANT, "Douglas P. Vane"]


@pytest.mark.parametrize(
    "sentence, person",
    [
        (
            "In connection with her appointment, the Company and Ms. Osei entered into an "
            "employment agreement.",
            "Margaret L. Osei",
        ),
        (
            "The Company entered into an employment agreement with Mr. Forsythe on May 18, 2031, "
            "in connection with her appointment.",
            "Daniel P. Forsythe",
        ),
        (
            "The Company entered into an employment agreement with her, dated May 18, 2031.",
            "Daniel P. Forsythe",
        ),
    ],
)
def test_her_before_a_noun_is_a_possessive_and_names_no_party(sentence, person):
    text = "Margaret L. Osei succeeds Daniel P. Forsythe as General Counsel. " + sentence
    ctx = build_context(text, REGISTRANT, "2031-05-19", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("5.02", 0, len(text))])
    assert found.parties == [REGISTRANT, person]


@pytest.mark.parametrize(
    "sentence, action",
    [
        (
            "the Company amended and restated its Credit Agreement with Citibank, N.A. to extend "
            "its maturity to 2036",
            "amended",
        ),
        (
            "the Company entered into an Amended and Restated Credit Agreement with Citibank, N.A.",
            "amended",
        ),
    ],
)
def test_amended_and_restated_is_a_verb_before_a_determiner_and_a_title_before_a_title(
    sentence, action
):
    text = "On October 5, 2031, " + sentence + "."
    ctx = build_context(text, REGISTRANT, "2031-10-06", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert (found.action, found.parties) == (action, [REGISTRANT, "Citibank, N.A."])


def test_a_date_long_after_the_report_is_no_agreement_date():
    assert dates.after_report("2030-06-22", "2025-06-20")
    assert not dates.after_report("2025-06-25", "2025-06-20")  # filed days after the event
    text = (
        "On June 20, 2031, the Company entered into Amendment No. 2 to the Credit Agreement, "
        "dated as of June 22, 2036."
    )
    ctx = build_context(text, REGISTRANT, "2031-06-20", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert found.date == "2031-06-20"


def test_a_dot_com_company_wrapped_over_two_lines_is_one_organisation():
    from pactgraph.nlp.orgs import find_orgs

    text = "by and among Orbit.com,\nInc., a Delaware corporation, and Kite Corp."
    assert [o.name for o in find_orgs(text)] == ["Orbit.com, Inc.", "Kite Corp."]


def test_a_condition_naming_mr_x_stays_a_condition_and_item_502_terms_are_entered():
    text = (
        "Pursuant to a letter agreement (the “Letter Agreement”) with the Company, Mr. Vane "
        "will receive an annual salary of $350,000. In addition, pursuant to the terms of the "
        "Letter Agreement, if Mr. Vane’s employment is terminated without cause, he will "
        "receive severance pay."
    )
    text = "Douglas P. Vane was appointed Chief Financial Officer. " + text
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("5.02", 0, len(text))])
    assert (found.title.lower(), found.action) == ("letter agreement", "entered")


def _dated_report(item: str) -> list[tuple[str, str | None]]:
    text = (
        f"Item {item} Event.\n\n"
        "On March 3, 2011, the Board of Directors appointed Jane Roe as Chief Financial Officer. "
        "The Company and Ms. Roe entered into an indemnification agreement.\n"
    )
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(0, len(text))])
    return [(a.title, a.date) for a in extract_agreements(ctx, [(item, 0, len(text))])]


def test_the_section_date_dates_an_undated_agreement_only_where_the_agreement_is_the_event():
    assert _dated_report("1.01") == [("indemnification agreement", "2011-03-03")]
    assert _dated_report("5.02") == [("indemnification agreement", None)]


def test_the_section_date_after_the_earliest_event_still_dates_an_undated_agreement():
    text = (
        "On June 29, 2031, the Company entered into a License Agreement with Orbit AG."
        " Concurrently, the Company and Orbit AG entered into a Supply Agreement."
    )
    ctx = build_context(text, REGISTRANT, "2031-06-26", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [(a.title, a.date) for a in found] == [
        ("License Agreement", "2031-06-29"),
        ("Supply Agreement", "2031-06-29"),
    ]


def test_an_index_line_gives_the_date_its_agreement_bears():
    line = (
        "Agreement and Plan of Merger by and among Kappa Inc. and Orbit LLC dated as of May 2, 2031"
    )
    assert exhibits.line_date(line, "2031-07-30") == "2031-05-02"
    assert exhibits.line_date(line, "2031-03-30") is None  # after the report: still to come
    assert exhibits.line_date("Form of Indemnification Agreement", "2031-07-30") is None


def test_documents_a_closing_is_subject_to_are_conditions_not_events():
    text = (
        "The closing of the novation is subject to (i) receipt of a new Master Repurchase "
        "Agreement and an Amended and Restated Guaranty of Northwind Traders, Inc. (forms of "
        "each have been agreed by the parties)"
    )
    found = _mentions(text)
    sent = events.read_sentence(text, 0, len(text), found)
    # after an agreement event earlier in the section (section_live), as in a report
    actions = {
        events.classify_event(text, m, sent, "1.01", "2011-03-07", True).action for m in found
    }
    assert actions == {None}


def test_names_in_a_clause_describing_a_person_are_no_parties():
    text = (
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        "On March 3, 2011, Northwind Traders, Inc. entered into a separation agreement with "
        "Harriet Q. Vole, who most recently served as Group President, Kappa Packaging and "
        "Orbit Distribution Group.\n"
    )
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [a.parties for a in found] == [[REGISTRANT, "Harriet Q. Vole"]]


def test_the_forward_looking_statements_notice_reports_no_event():
    text = (
        "This report contains forward-looking statements regarding the Purchase Agreement and "
        "the ancillary agreements entered into in connection therewith."
    )
    assert {e.action for e in _events(text).values()} == {None}


def test_a_title_introduced_with_its_maker_and_date_is_new_not_a_reference():
    text = (
        'Pursuant to the Guaranty of Kappa Holdings, Inc. dated as of March 3, 2011 (the "Kappa '
        'Guaranty"), Kappa guaranteed the obligations of Northwind Traders, Inc.'
    )
    first = _mentions(text)[0]
    assert (first.title, first.reference) == ("Guaranty", False)


@pytest.mark.parametrize(("dated", "entered"), [("March 8, 2011", True), ("May 2, 2010", False)])
def test_a_supplement_dated_in_the_reported_week_is_this_events_instrument(dated, entered):
    text = (
        "The Notes were issued under an Indenture dated as of May 1, 2003, between the Company "
        "and Orbit Trust Company, N.A., as supplemented by the Fourth Supplemental Indenture, "
        f"dated as of {dated}, between the Company and the trustee."
    )
    found = _mentions(text)
    sent = events.read_sentence(text, 0, len(text), found)
    supplement = next(m for m in found if m.title == "Fourth Supplemental Indenture")
    event = events.classify_event(text, supplement, sent, "1.01", "2011-03-07", False)
    assert (event.action == "entered") is entered


def test_the_owner_a_party_is_described_by_is_no_party():
    text = (
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        "On March 3, 2011, Northwind Traders, Inc. entered into a Supply Agreement with Orbit "
        "Foods S.a.r.l., a company that is ultimately controlled by Kappa Fund V Limited.\n"
    )
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [a.parties for a in found] == [[REGISTRANT, "Orbit Foods S.a.r.l."]]


@pytest.mark.parametrize(
    "bought",
    [
        "for the acquisition of all of the outstanding shares of",
        "for the acquisition (the \u201cAcquisition\u201d) by the Company of 100% of the issued "
        "and outstanding share capital of",
        "under which it purchased all of the outstanding common stock of",
    ],
)
def test_the_company_whose_shares_are_bought_is_no_party_to_the_purchase(bought):
    text = (
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        "On March 3, 2011, Northwind Traders, Inc. entered into a Share Purchase Agreement with "
        f"Kappa Holding Corporation {bought} Orbit Labs AG.\n"
    )
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [a.parties for a in found] == [[REGISTRANT, "Kappa Holding Corporation"]]


def test_what_a_company_is_written_as_a_name_is_no_party():
    text = (
        "On March 3, 2011, Northwind Traders, Inc. entered into a Supply Agreement with Orbit "
        "Labs Ltd., a company incorporated as a British Virgin Islands Company (\u201cOrbit\u201d)."
    )
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [a.parties for a in found] == [[REGISTRANT, "Orbit Labs Ltd."]]


def test_a_defined_term_names_the_company_it_abbreviates_not_the_owner_just_before_it():
    text = (
        "The agreement was made with Orbit Labs S.a.r.l., a company that is ultimately controlled "
        "by Kappa Fund V Limited (\u201cOrbit\u201d), and Zeta Mills Inc. (\u201cZeta\u201d)."
    )
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(0, len(text))])
    assert ctx.org_aliases["orbit"] == "Orbit Labs S.a.r.l."
    assert ctx.org_aliases["zeta"] == "Zeta Mills Inc."


def test_the_copy_of_a_press_release_is_no_agreements_exhibit():
    text, sections = _report()
    text = text.replace(
        "A copy of the Parts Contract is filed as Exhibit 10.1 to this Current Report.",
        "A copy of the press release announcing it is attached hereto as Exhibit 99.",
    )
    first, second = text.index("On March 3"), text.index("On March 4")
    sections = [("1.01", first, text.index("Item 1.02")), ("1.02", second, len(text))]
    ctx = build_context(text, REGISTRANT, "2011-03-07", [], [(first, len(text))])
    assert [a.exhibit for a in extract_agreements(ctx, sections)] == [None, None]


def test_a_word_of_ending_without_an_event_verb_reports_no_event():
    text = (
        "Events of default include a breach of any covenant in the Indenture, unless the "
        "acceleration has been rescinded or annulled."
    )
    assert {e.action for e in _events(text).values()} == {None}


def test_a_lone_head_word_before_and_begins_one_compound_title():
    text = "On March 3, 2011, the Company entered into a Warrant and Common Stock Agreement."
    assert [m.title for m in _mentions(text)] == ["Warrant and Common Stock Agreement"]


def test_a_list_of_closing_conditions_reports_no_agreement():
    text = (
        "The obligation of the parties to consummate the sale is subject to the satisfaction or "
        "waiver of customary conditions, including: (a) regulatory approvals; (b) the absence of "
        "orders restraining the sale; and (c) the delivery of a transition services agreement."
    )
    assert {e.action for e in _events(text).values()} == {None}


def test_names_listed_with_organisations_are_organisations():
    from pactgraph.nlp.extraction.agreements.coordination import coordinated_names

    sent = (
        "The Company received a commitment letter from Northbank, Pine Street Bank, N.A. and "
        "Harbor Capital Markets on June 1."
    )
    assert coordinated_names(sent, sent) == [
        (sent.index("Northbank"), "Northbank"),
        (sent.index("Harbor"), "Harbor Capital Markets"),
    ]
    # no recognised organisation in the list, a person, a defined term: no names added
    plain = "Acme Inc. sells in Europe, Asia and Latin America."
    assert coordinated_names(plain, plain) == []
    text = (
        "Jane Roe (the \u201cPurchaser\u201d) bought the shares. "
        "Purchaser, Jane Roe and Pine Street Bank, N.A. signed the release."
    )
    assert coordinated_names(text[text.index(". ") + 2 :], text) == []
    # an opening adverb and a name cut at an initial are no organisations
    sent = "Concurrently, Amberline and Harvest Cooperative, Inc. entered into the amendment."
    assert coordinated_names(sent, sent) == [(sent.index("Amberline"), "Amberline")]
    sent = "with Alder Creek Partners, L.P., Westbourne Fund Ltd. and Thomas J. Kaminski"
    assert coordinated_names(sent, sent) == []


def test_an_acronym_stands_for_the_one_name_whose_initials_spell_it():
    from pactgraph.nlp.extraction.agreements.acronyms import spelled_out

    text = "through a Kappa Mining and Refining Works affiliate; Kappa owns 60% of KMRW."
    assert spelled_out("KMRW", text) == "Kappa Mining and Refining Works"
    assert spelled_out("KMRW", text + " Kings Mountain Rail Way") is None  # two: none
    assert spelled_out("Kappa", text) is None  # not an acronym


def test_a_clause_of_its_own_after_a_condition_or_a_modal_reports_its_event():
    modal = (
        "Under the Separation Agreement, Mr. Roe will receive his salary for a year, and the "
        "Company's Employment Agreement with Mr. Roe dated as of June 1, 2021 was terminated."
    )
    assert _events(modal)["Employment Agreement"].action == "terminated"
    listed = (
        "Following the closing conditions, the closing occurred on March 4, 2011, at which "
        "time: (i) Orbit Labs LLC paid the price; and (ii) the Company and Orbit Labs LLC "
        "entered into a limited partnership agreement."
    )
    assert _events(listed)["limited partnership agreement"].action == "entered"
    # a condition's own clause still reports nothing
    future = "Under the Merger Agreement, the Company will terminate the Credit Agreement."
    assert _events(future)["Credit Agreement"].action is None


@pytest.mark.parametrize(
    "sentence, title",
    [
        (
            "The Company entered into a Change in Control Severance Agreement with Mr. Roe.",
            "Change in Control Severance Agreement",
        ),
        ("The Company and the underwriters entered into a Terms Agreement.", "Terms Agreement"),
        ("Terms of the Merger Agreement. The Merger Agreement provides", "Merger Agreement"),
    ],
)
def test_title_words_joined_by_in_and_a_terms_agreement(sentence, title):
    assert _mentions(sentence)[0].title == title


def test_a_provision_of_an_agreement_is_no_event_of_it():
    text = (
        "The terms of the Notes were set by an Officers' Certificate, dated March 4, 2011, "
        "delivered pursuant to Sections 201 and 301 of the Indenture."
    )
    assert _events(text)["Indenture"].action is None


@pytest.mark.parametrize("subject", ["the Supply Agreement with Acme", "Acme's Supply Agreement"])
def test_a_later_clause_whose_subject_agreement_was_terminated_ends_it(subject):
    text = (
        "On May 2, 2011, the Company entered into a Transition Services Agreement with Acme "
        f"Foods, Inc., and {subject} was terminated."
    )
    found = _events(text)
    assert found["Transition Services Agreement"].action == "entered"
    assert found["Supply Agreement"].action == "terminated"


def test_an_agreement_entered_after_another_of_its_title_was_terminated_is_new():
    text = (
        "On May 2, 2031, Northwind Traders, Inc. (the \u201cCompany\u201d) terminated the "
        "Distribution Agreement, dated as of April 2, 2027, as amended by Amendment No. 1 thereto, "
        "dated as of February 11, 2029, between the Company and Medisan GmbH. On May 3, 2031, the "
        "Company entered into a Distribution Agreement with Kardio Nord GmbH."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-03", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.02", 0, len(text))])
    assert [(a.title, a.action, a.parties[-1]) for a in found] == [
        ("Distribution Agreement", "terminated", "Medisan GmbH"),
        ("Distribution Agreement", "entered", "Kardio Nord GmbH"),
    ]


def test_the_agreement_a_deal_was_funded_under_is_no_deal_agreement():
    text = (
        "The purchase price was funded with borrowings under the Company's Revolving Credit "
        "Agreement dated as of November 22, 1993."
    )
    assert _events(text, item="2.01")["Revolving Credit Agreement"].action is None
    text = (
        "The cash consideration of the merger was funded with borrowings by Orbit Operating LLC"
        " (“Orbit Operating”), a wholly owned subsidiary of the Company, under the Credit"
        " Agreement, dated as of October 5, 1999."
    )
    assert _events(text, item="2.01")["Credit Agreement"].action is None
    text = (
        "Larkspur funded the purchase price with borrowings under its revolving credit facility "
        "pursuant to the Credit Agreement, dated as of June 12, 2001."
    )
    assert _events(text, item="2.01")["Credit Agreement"].action is None
    closed = "The sale was completed under the Asset Purchase Agreement dated as of May 2, 2011."
    assert _events(closed, item="2.01")["Asset Purchase Agreement"].action == "entered"


@pytest.mark.parametrize(
    "text",
    [
        "The joint venture was formed pursuant to the Formation Agreement dated as of May 2, 2031.",
        "Each member contributed its stations to the venture under the Contribution Agreement"
        " dated as of May 2, 2031.",
    ],
)
def test_a_joint_venture_formed_under_an_agreement_is_a_deal_closed_under_it(text):
    events = _events(text, item="2.01")
    assert [e.action for e in events.values()] == ["entered"]


def test_an_amendment_to_a_title_with_and_is_one_title_and_amends_in_a_closing():
    text = "The sale closed under the First Amendment to Purchase and Sale Agreement, dated May 2."
    assert [m.title for m in _mentions(text)] == ["First Amendment to Purchase and Sale Agreement"]
    closing = (
        "On May 2, 2011, the parties entered into Amendment No. 1 to the Stock Purchase Agreement."
    )
    assert _events(closing, item="2.01")["Amendment No. 1"].action == "amended"


@pytest.mark.parametrize(
    "between",
    [" to Mr. Okafor’s", " to his", " to the Company's", ", dated as of May 2, 2031, to the"],
)
def test_an_amendment_to_a_possessed_or_dated_agreement_is_one_record(between):
    text = (
        "On May 2, 2031, Northwind Traders, Inc. (the “Company”) and Lena Okafor entered "
        f"into an amendment{between} employment agreement, extending its term."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-02", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("5.02", 0, len(text))])
    assert (found.title, found.action) == ("amendment to employment agreement", "amended")


def test_amendments_of_two_persons_agreements_are_two_records():
    text = (
        "On May 2, 2031, Northwind Traders, Inc. (the \u201cCompany\u201d) and Lena Okafor entered "
        "into an amendment to her employment agreement, extending its term. On May 3, 2031, the "
        "Company and Per Lindqvist entered into an amendment to his employment agreement. The "
        "amendment raises Mr. Lindqvist's salary and extends the term of his employment agreement."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-03", [], [(0, len(text))])
    found = extract_agreements(ctx, [("5.02", 0, len(text))])
    assert [(a.action, a.date, a.parties[1:]) for a in found] == [
        ("amended", "2031-05-02", ["Lena Okafor"]),
        ("amended", "2031-05-03", ["Per Lindqvist"]),
    ]


def test_an_amendment_made_before_the_report_is_no_amendment_of_this_report():
    text = (
        "On May 2, 2031, the Company entered into Amendment No. 2 to the Lease, dated as of "
        "June 1, 2020, with Kappa Realty LLC, as previously amended by Amendment No. 1 thereto, "
        "dated as of July 1, 2024."
    )
    events = _events(text, report_date="2031-05-02")
    assert events["Amendment No. 1"].action is None
    assert events["Amendment No. 1"].was_background
    recent = text.replace("July 1, 2024", "April 30, 2031")
    assert _events(recent, report_date="2031-05-02")["Amendment No. 1"].action == "amended"


def test_a_purchase_of_shares_the_registrant_issues_is_an_offering():
    from pactgraph.nlp.kinds import decide_kind

    sold = "Orbit Labs LLC purchased 500,000 newly issued shares of the Company's Common Stock."
    assert decide_kind("Stock Purchase Agreement", sold) == "securities_offering"
    bought = "The Company purchased all of the outstanding shares of Orbit Labs, Inc."
    assert decide_kind("Stock Purchase Agreement", bought) == "purchase_sale"


def test_a_cooperation_agreement_under_its_own_heading_is_governance_by_its_section_too():
    text = (
        "Cooperation Agreement\nOn March 14, 2031, the Company entered into a Cooperation"
        " Agreement with Kappa Capital LP. The Board appointed two directors named by Kappa"
        " Capital LP, and Kappa Capital LP agreed to customary standstill restrictions."
    )
    ctx = build_context(text, REGISTRANT, "2031-03-14", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [(a.title, a.kind) for a in found] == [("Cooperation Agreement", "governance")]


def test_a_cooperation_agreement_whose_section_tells_of_board_seats_is_governance():
    from pactgraph.nlp.kinds import decide_kind, section_override

    sentence = "On March 14, 2022, the Company entered into a cooperation agreement with Kappa LP."
    section = sentence + " The Board appointed two directors; Kappa LP agreed to a standstill."
    assert decide_kind("Cooperation Agreement", sentence) == "collaboration"
    assert section_override("Cooperation Agreement", section) == "governance"
    assert section_override("Cooperation Agreement", sentence) is None
    assert section_override("Supply Agreement", section) is None


def test_a_plural_of_a_known_kind_entered_into_with_someone_needs_no_determiner():
    text = "On May 2, 2021, Orbit entered into subscription agreements with Kappa Fund LP."
    assert [(m.title, m.generic) for m in _mentions(text)] == [("subscription agreement", True)]
    for text in (
        "On May 2, 2021, Orbit entered into several agreements with Kappa Fund LP.",
        "The directors have entered into voting agreements whereby they agree to vote.",
    ):
        assert _mentions(text) == []


def test_a_settlement_and_release_settles_and_a_separation_and_release_separates():
    from pactgraph.nlp.kinds import kind_from_title

    assert kind_from_title("Confidential Settlement and Release Agreement") == "settlement"
    assert kind_from_title("Separation Agreement and General Release") == "separation"


def test_agreements_of_one_title_are_listed_in_exhibit_order():
    from pactgraph.nlp.extraction.agreements.pipeline import exhibit_sort_key

    numbers = ["4.10", None, "4.2", "10(a)", "10", "4.9"]
    assert sorted(numbers, key=exhibit_sort_key) == ["4.2", "4.9", "4.10", "10", "10(a)", None]


@pytest.mark.parametrize(
    "sentence, title",
    [
        (
            "On May 2, 2011, the Company entered into an Extension Agreement with Big Bank, N.A.",
            "Extension Agreement",
        ),
        (
            "On May 2, 2011, the Company entered into an Incremental Assumption Agreement and "
            "Amendment No. 4 with Big Bank, N.A.",
            "Incremental Assumption Agreement and Amendment No. 4",
        ),
    ],
)
def test_an_extension_or_a_numbered_amendment_amends(sentence, title):
    assert _events(sentence)[title].action == "amended"


def test_an_agreement_entered_into_that_amends_another_amends():
    text = (
        "On June 28, 2000, the Company and Big Bank, N.A. entered into a letter agreement (the "
        "\u201cExtension Letter\u201d) extending the maturity date of its revolving line of credit."
    )
    assert _events(text)["letter agreement"].action == "amended"


def test_a_joinder_agreement_to_a_guaranty_is_of_the_guarantys_kind():
    from pactgraph.nlp.kinds import kind_from_title

    assert kind_from_title("Joinder Agreement to Guaranty Agreement") == "security_guarantee"


def _one_section(body: str) -> list:
    text = "Item 1.01 Entry into a Material Definitive Agreement.\n\n" + body + "\n"
    start = text.index(body[:20])
    ctx = build_context(text, REGISTRANT, "2019-05-06", [], [(start, len(text))])
    found = extract_agreements(ctx, [("1.01", start, len(text))])
    return [(a.title, a.date, a.parties) for a in found]


def test_each_clause_of_an_enumeration_has_its_own_parties():
    body = (
        "On May 2, 2019, Northwind Traders, Inc. (the \u201cCompany\u201d) entered into (i) a "
        "Consulting Agreement with Harbor Point Advisors LLC and (ii) a Separation Agreement "
        "with Maria Lopez."
    )
    assert _one_section(body) == [
        ("Consulting Agreement", "2019-05-02", [REGISTRANT, "Harbor Point Advisors LLC"]),
        ("Separation Agreement", "2019-05-02", [REGISTRANT, "Maria Lopez"]),
    ]


def test_the_same_title_signed_by_another_person_is_another_agreement():
    body = (
        "On May 2, 2019, the Company entered into an Employment Agreement with Carlos Ortiz, "
        "its Chief Financial Officer. On May 3, 2019, the Company entered into an Employment "
        "Agreement with Maria Lopez, its Chief Operating Officer."
    )
    assert _one_section(body) == [
        ("Employment Agreement", "2019-05-02", [REGISTRANT, "Carlos Ortiz"]),
        ("Employment Agreement", "2019-05-03", [REGISTRANT, "Maria Lopez"]),
    ]


def test_the_same_title_entered_into_anew_with_another_company_is_another_agreement():
    body = (
        "On May 2, 2019, the Company entered into an Agreement and Plan of Merger with Tidewater "
        "Systems, Inc. and its sole stockholder. The Company also entered into an Agreement and "
        "Plan of Merger, dated as of May 2, 2019, with Larchmont Data Corporation."
    )
    assert [(t, p[-1]) for t, _, p in _one_section(body)] == [
        ("Agreement and Plan of Merger", "Tidewater Systems, Inc."),
        ("Agreement and Plan of Merger", "Larchmont Data Corporation"),
    ]


@pytest.mark.parametrize(
    "again",
    [
        "with Tidewater to supply the parts",  # the counterparty's short name
        "with the lenders party thereto",  # no name
        "with Mr. Ortiz",  # a person: the person rules decide
    ],
)
def test_the_same_title_told_again_with_the_same_counterparty_is_one_agreement(again):
    body = (
        "On May 2, 2019, the Company entered into a Supply Agreement with Tidewater Systems, "
        f"Inc. (\u201cTidewater\u201d). The Company entered into a Supply Agreement {again}."
    )
    assert [t for t, _, _ in _one_section(body)] == ["Supply Agreement"]


def test_a_sentence_telling_a_headed_agreement_anew_gives_its_date_and_person():
    body = (
        "Entry into Change of Control Severance Agreement\n\nEffective May 2, 2019, Maria "
        "Lopez was promoted to Senior Vice President and entered into a new Change of Control "
        "Severance Agreement with the Company."
    )
    assert _one_section(body) == [
        ("Change of Control Severance Agreement", "2019-05-02", [REGISTRANT, "Maria Lopez"])
    ]


def test_entered_into_as_of_after_the_title_is_the_agreements_own_date():
    body = (
        "On May 3, 2019, the Company and Harbor Point Advisors LLC issued a joint press release "
        "announcing the execution of a Merger Agreement (the \u201cMerger Agreement\u201d), "
        "entered into as of May 2, 2019, by and among the Company and Harbor Point Advisors LLC."
    )
    assert [(t, d) for t, d, _ in _one_section(body)] == [("Merger Agreement", "2019-05-02")]


def _one_dated(body: str, report_date: str) -> list:
    text = "Item 1.01 Entry into a Material Definitive Agreement.\n\n" + body + "\n"
    start = text.index(body[:20])
    ctx = build_context(text, REGISTRANT, report_date, [], [(start, len(text))])
    return [
        (a.title, a.kind, a.parties) for a in extract_agreements(ctx, [("1.01", start, len(text))])
    ]


def test_a_person_who_signs_with_the_company_is_a_party_of_any_agreement():
    body = (
        "On June 30, 2003, the Company and Harold B. Weiss entered into a Consulting Agreement, "
        "under which Mr. Weiss will advise the Company's management."
    )
    assert _one_dated(body, "2003-07-01") == [
        ("Consulting Agreement", "employment", [REGISTRANT, "Harold B. Weiss"])
    ]


def test_a_person_ending_the_sentence_ends_the_party_list():
    body = "On June 30, 2003, the Company entered into a Consulting Agreement with Harold B. Weiss."
    assert _one_dated(body, "2003-07-01") == [
        ("Consulting Agreement", "employment", [REGISTRANT, "Harold B. Weiss"])
    ]


@pytest.mark.parametrize(
    "title, kind",
    [
        ("Lease Termination Agreement", "lease"),
        ("Supply Termination Agreement", "supply"),
        ("Employment Termination Agreement", "separation"),
        ("Mutual Termination Agreement", None),
        ("Accounts Receivable Purchase Agreement", "credit"),
        ("Time Brokerage Agreement", "services"),
        ("Asset Exchange Agreement", "purchase_sale"),
        ("Foundry Agreement", "supply"),
    ],
)
def test_a_title_says_its_kind_and_a_termination_agreement_takes_the_ended_ones(title, kind):
    from pactgraph.nlp.kinds import kind_from_title

    assert kind_from_title(title) == kind


def test_a_line_naming_the_person_too_beats_a_line_naming_only_the_employer():
    from pactgraph.nlp.extraction.agreements.exhibits import reconcile_exhibits

    bank = "Eastbay Savings Bank"
    ctx = _ctx_with_index(
        [
            ("10.1", f"Employment Agreement among {REGISTRANT}, {bank} and Ana Ruiz"),
            ("10.2", f"Employment Agreement among {REGISTRANT}, {bank} and Bo Lund"),
        ]
    )
    found = [
        _agreement("employment agreement", [REGISTRANT, bank, "Ana Ruiz"], "10.1"),
        _agreement("employment agreement", [REGISTRANT, bank, "Bo Lund"], "10.1"),
    ]
    assert [a.exhibit for a in reconcile_exhibits(ctx, found)] == ["10.1", "10.2"]


@pytest.mark.parametrize(
    "sentence",
    [
        # the board approved them and the Company signed them: "entered into," then the plural
        "On May 3, 2031, the Board approved, and the Company entered into, retention bonus "
        "agreements with each of Ana Ruiz and Bo Lund.",
        # the agreements' effective date stands between them and their counterparties
        "On May 3, 2031, the Company entered into two-year employment agreements, effective "
        "June 1, 2031, with Ana Ruiz and Bo Lund.",
        # a list after a colon whose items, a name and an office each, are set off by semicolons
        "On May 3, 2031, the Company entered into retention bonus agreements with each of the "
        "following officers: Ana Ruiz, Chief Financial Officer; Bo Lund, General Counsel.",
        # approved by a committee, entered into as the sentence goes on
        "On May 3, 2031, the Committee approved retention agreements with Ana Ruiz and Bo Lund, "
        "which the Company entered into with each of them on May 3, 2031.",
    ],
)
def test_plural_agreements_with_named_persons_are_one_per_person(sentence):
    text = "Item 5.02 Departure of Directors.\n" + sentence
    start = text.index("\n") + 1
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(start, len(text))])
    found = extract_agreements(ctx, [("5.02", start, len(text))])
    assert [(a.kind, a.action, a.parties) for a in found] == [
        ("employment", "entered", [REGISTRANT, "Ana Ruiz"]),
        ("employment", "entered", [REGISTRANT, "Bo Lund"]),
    ]


@pytest.mark.parametrize(
    ("title", "sentence", "kind"),
    [
        ("Shareholders’ Agreement", "Zeta and the Company signed it.", "joint_venture"),
        (
            "Reaffirmation Agreement",
            "The borrowers signed it with the agent.",
            "security_guarantee",
        ),
        (
            "Termination and Release Agreement",
            "It entered into a Termination and Release Agreement ending the Merger Agreement.",
            "merger",
        ),
        (
            "Termination and Release Agreement",
            "It entered into a Termination and Release Agreement with Jan Roe, its President.",
            "separation",
        ),
    ],
)
def test_kind_of_typographic_reaffirming_and_ending_titles(title, sentence, kind):
    from pactgraph.nlp.kinds import decide_kind

    assert decide_kind(title, sentence) == kind


# --- collective terms ---------------------------------------------------------------------------


def test_a_collective_term_gathers_the_names_listed_before_it():
    from pactgraph.nlp.extraction.agreements.groups import group_terms
    from pactgraph.nlp.orgs import find_orgs
    from pactgraph.nlp.people import find_persons

    text = (
        "Zeta Mills, Inc. and its subsidiaries, Zeta Farms LLC and Zeta Feed Co., each of which "
        "is wholly owned (collectively, the “Guarantors”), and the sellers, Ida Ode and the Ode "
        "Family Trust (together, the “Sellers”), signed."
    )
    named = find_orgs(text) + find_persons(text)
    assert group_terms(text, named) == {
        "guarantors": ["Zeta Farms LLC", "Zeta Feed Co."],
        "sellers": ["Ida Ode", "Ode Family Trust"],
    }


def test_a_collective_term_said_to_be_a_list_gathers_it():
    from pactgraph.nlp.extraction.agreements.groups import group_terms, with_group_members
    from pactgraph.nlp.orgs import find_orgs

    text = (
        "Zeta Mills, Inc. and certain of its subsidiaries (the \u201cSubsidiary Guarantors\u201d) "
        "signed. The Subsidiary Guarantors are Zeta Farms LLC, Zeta Feed Co. and Orbit Corp."
    )
    groups = group_terms(text, find_orgs(text))
    assert groups == {"subsidiary guarantors": ["Zeta Farms LLC", "Zeta Feed Co.", "Orbit Corp."]}
    line = ", dated May 2, 2031, among Zeta Mills, Inc., the Subsidiary Guarantors named therein"
    assert with_group_members(groups, "", line, ["Zeta Mills, Inc."])[1:] == [
        "Zeta Farms LLC",
        "Zeta Feed Co.",
        "Orbit Corp.",
    ]


@pytest.mark.parametrize(
    "said",
    [
        "The initial Lenders under the Credit Agreement are Lark Bank, N.A.; Pell Trust Company;"
        " and Orrin Savings Bank.",
        "In addition to the agents, the Lenders include Lark Bank, N.A., Pell Trust Company and"
        " Orrin Savings Bank.",
    ],
)
def test_a_collective_term_said_to_include_a_list_of_several_words_gathers_it(said):
    from pactgraph.nlp.extraction.agreements.groups import group_terms
    from pactgraph.nlp.orgs import find_orgs

    text = "Zeta Mills, Inc. signed with the banks party thereto (the \u201cLenders\u201d). " + said
    assert group_terms(text, find_orgs(text)) == {
        "lenders": ["Lark Bank, N.A.", "Pell Trust Company", "Orrin Savings Bank"]
    }


def test_a_plural_term_right_after_a_list_and_a_term_that_consists_of_a_list_are_groups():
    from pactgraph.nlp.extraction.agreements.groups import group_terms
    from pactgraph.nlp.orgs import find_orgs

    text = (
        "Orrin Rail Corp. and its subsidiaries Orrin Cars LLC and Orrin Yards, Inc. (the"
        " \u201cGuarantors\u201d) signed. Lark Bank, N.A. (the \u201cAgent\u201d) signed too, as"
        " did the pledgors named therein (the \u201cPledgors\u201d). The Pledgors initially"
        " consist of Pell Mining LLC and Pell Land Co."
    )
    assert group_terms(text, find_orgs(text)) == {
        "guarantors": ["Orrin Cars LLC", "Orrin Yards, Inc."],
        "pledgors": ["Pell Mining LLC", "Pell Land Co."],
    }


def test_a_plural_term_whose_members_follow_including_is_a_group():
    from pactgraph.nlp.extraction.agreements.groups import group_terms
    from pactgraph.nlp.orgs import find_orgs

    text = (
        "The Company sold shares to the investors named therein (the \u201cInvestors\u201d),"
        " including Orrey Fund II, L.P. and Lark Partners LLC, on behalf of certain funds."
    )
    assert group_terms(text, find_orgs(text)) == {
        "investors": ["Orrey Fund II, L.P.", "Lark Partners LLC"]
    }


def test_an_aside_about_a_listed_name_does_not_break_the_collective_list():
    from pactgraph.nlp.extraction.agreements.groups import group_terms
    from pactgraph.nlp.orgs import find_orgs

    text = (
        "The Company signed with Orrey Partners III, L.P., Orrey Founders Fund III, L.P."
        " (together with Orrey Partners III, L.P., \u201cOrrey\u201d), Lark Fund, L.P. and"
        " certain other investors named therein (collectively, the \u201cInvestors\u201d)."
    )
    assert group_terms(text, find_orgs(text)) == {
        "investors": [
            "Orrey Partners III, L.P.",
            "Orrey Founders Fund III, L.P.",
            "Lark Fund, L.P.",
        ]
    }


def test_a_group_named_as_the_parties_adds_its_members():
    from pactgraph.nlp.extraction.agreements.groups import with_group_members

    groups = {"guarantors": ["Zeta Farms LLC", "Zeta Feed Co."]}
    after = ', dated May 2, 2031 (the "Indenture"), among the Company, the Guarantors and Bank.'
    assert with_group_members(groups, "Zeta entered into an ", after, ["Zeta", "Bank"]) == [
        "Zeta",
        "Bank",
        "Zeta Farms LLC",
        "Zeta Feed Co.",
    ]
    before = "The Company and the Guarantors entered into a "
    assert with_group_members(groups, before, " with the buyers.", ["Zeta"])[1:] == [
        "Zeta Farms LLC",
        "Zeta Feed Co.",
    ]
    # the group is another agreement's: "... the Notes, guaranteed by the Guarantors under the
    # Guaranty"
    other = " with Bank, and the Guarantors entered into a Guaranty."
    assert with_group_members(groups, "Zeta entered into a ", other, ["Zeta"]) == ["Zeta"]


def test_a_noun_of_ending_under_an_earlier_modal_is_no_event_but_a_past_verb_after_one_is():
    # terms of an instrument: the modal "shall" governs the clause; "termination" names what may
    # happen to the Pledge, not what the report says happened
    text = (
        "the security interest shall for any reason cease to be perfected, other than by reason"
        " of the termination of the credit facility or the release of any such pledge."
    ).lower()
    assert events.nearest_verb(text, text.index("pledge.")) == "modal"
    # a finite past verb later in the clause still reports an event
    text = (
        "ms. ortiz will serve as chief financial officer and entered into an indemnification"
        " agreement with the company."
    )
    assert events.nearest_verb(text, text.index("indemnification")) == "e"


def test_a_deal_that_remains_subject_to_its_conditions_is_a_list_of_conditions_not_an_event():
    text = (
        "The closing of the Acquisition remains subject to the satisfaction or waiver of the"
        " remaining conditions set forth in the Share Purchase Agreement, including approval of"
        " the Share Purchase Agreement by the shareholders of Tallis Oy and the receipt of"
        " clearances under the competition laws of several countries."
    )
    sent = events.read_sentence(text, 0, len(text), _mentions(text))
    assert sent.conditional and not sent.has_amend


def test_a_completed_deal_item_reports_the_target_facility_it_ended_as_terminated():
    text = (
        "In connection with the closing of the Merger, on the Closing Date, Tamsin Foods repaid in"
        " full all amounts outstanding under, and terminated, the Credit Agreement, dated as of"
        " May 2, 2012, among Tamsin Foods, the lenders party thereto and Orrey Bank, N.A."
    )
    assert _events(text, item="2.01", report_date="2015-06-01")["Credit Agreement"].action == (
        "terminated"
    )


def test_an_indenture_satisfied_and_discharged_is_terminated():
    text = (
        "On June 1, 2015, the Company deposited funds with Orrey Trust Company, N.A., as"
        " trustee, and thereby satisfied and discharged the Indenture, dated as of May 2, 2010."
    )
    assert _events(text, report_date="2015-06-01")["Indenture"].action == "terminated"


def test_an_agreement_an_earlier_report_described_is_background_but_a_later_one_is_not():
    text = (
        "On the Closing Date, the Company borrowed $400.0 million under the Term Loan Agreement,"
        " dated as of May 4, 2015 (the “Term Loan”), among the Company and Orrey Bank, N.A.,"
        " which was described in the Company’s Current Report on Form 8-K filed on May 6, 2015."
    )
    assert (
        _events(text, item="2.03", report_date="2015-06-01")["Term Loan Agreement"].action is None
    )
    text = (
        "On May 29, 2015, the Company entered into a Pledge Agreement with Orrey Bank, N.A. to"
        " secure the Term Loan Agreement, which was described in the Company’s Current Report on"
        " Form 8-K filed on May 6, 2015."
    )
    assert _events(text, report_date="2015-06-01")["Pledge Agreement"].action == "entered"


def test_a_joined_title_goes_on_with_what_it_is_of_but_not_into_a_name():
    text = (
        "On May 2, 2031, the Company signed a Stipulation and Agreement of Compromise with the"
        " plaintiffs and a Release and Agreement of Orbit Corp. with its lenders."
    )
    assert [m.title for m in _mentions(text)] == [
        "Stipulation and Agreement of Compromise",
        "Release and Agreement",
    ]


def test_a_party_list_goes_on_after_a_limited_purposes_aside():
    from pactgraph.nlp.extraction.agreements.parties import list_parties

    text = (
        "The Company entered into a Share Purchase Agreement with Orrey Foods, LLC (the"
        " “Buyer”), and, solely for the limited purposes set forth in Section 9.4 thereof,"
        " Orrey Holdings, Inc., the sole member of the Buyer."
    )
    assert [name for _, name in list_parties(text, 0, len(text))] == [
        "Orrey Foods, LLC",
        "Orrey Holdings, Inc.",
    ]


def test_a_completed_deals_item_names_an_arrangement_in_place_without_closing_under_it():
    text = (
        "The plant is leased by Orrey Mills from the Tamsin Port Authority under a Ground Lease"
        " Agreement dated as of July 1, 1988."
    )
    assert (
        _events(text, item="2.01", report_date="2003-01-06")["Ground Lease Agreement"].action
        is None
    )
    text = (
        "On January 2, 2003, the Company completed the acquisition of Orrey Mills under a Stock"
        " Purchase Agreement dated as of October 4, 2002."
    )
    assert _events(text, item="2.01", report_date="2003-01-06")[
        "Stock Purchase Agreement"
    ].action == ("entered")


def test_a_recent_filing_date_does_not_make_a_previously_reported_agreement_this_events():
    text = (
        "As previously reported in the Company's Current Report on Form 8-K filed on May 28,"
        " 2031, the notes were sold pursuant to a Purchase Agreement among the Company and Orrey"
        " Securities LLC."
    )
    assert _events(text, report_date="2031-06-01")["Purchase Agreement"].action is None
    text = "As previously announced, on May 27, 2031, the Company entered into a Supply Agreement."
    assert _events(text, report_date="2031-06-01")["Supply Agreement"].action == "entered"


def test_every_amendment_of_a_previously_amended_list_is_history():
    from pactgraph.nlp.extraction.agreements.records import makes_no_record

    text = (
        "On June 12, 2031, the Company entered into Amendment No. 3 to the Supply Agreement,"
        " as previously amended by Amendment No. 1 dated January 9, 2029 and Amendment No. 2"
        " dated November 30, 2030."
    )
    found = {m.title: m for m in _mentions(text)}
    pre = lambda m: text[max(0, m.start - 45) : m.start]  # noqa: E731
    for title in ("Amendment No. 1", "Amendment No. 2"):
        assert makes_no_record(text, found[title], pre(found[title]), 0)
    third = found["Amendment No. 3"]
    assert not makes_no_record(text, third, pre(third), 0)


def test_a_record_a_heading_named_takes_its_own_date_not_the_next_agreements():
    text = (
        "Termination and Transition Agreement\n\nAlso on June 12, 2031, the Company entered into a"
        " Termination and Transition Agreement (the “Termination Agreement”) with Orrey Foods Co.,"
        " pursuant to which the parties agreed to terminate the Exclusive Distribution Agreement,"
        " dated as of January 15, 2027, between the Company and Orrey Foods Co."
    )
    ctx = build_context(text, REGISTRANT, "2031-06-13", [], [(0, len(text))])
    found = {a.title: a for a in extract_agreements(ctx, [("1.01", 0, len(text))])}
    assert found["Termination and Transition Agreement"].date == "2031-06-12"


def test_an_amendment_of_the_report_amends_no_agreement_it_names():
    text = (
        "This Amendment No. 1 on Form 8-K/A amends the Original Report to report the terms of"
        " Ms. Ortiz's employment agreement."
    )
    assert all(e.action is None for e in _events(text, item="5.02").values())


def test_a_title_written_as_a_list_keeps_its_listed_words_but_a_list_of_titles_does_not():
    text = (
        "On May 2, 2031, Orrey Bank entered into a Purchase, Sale and Assumption Agreement with"
        " the FDIC, and the Company signed the Credit Agreement, Pledge Agreement and Guaranty."
    )
    assert [m.title for m in _mentions(text)] == [
        "Purchase, Sale and Assumption Agreement",
        "Credit Agreement",
        "Pledge Agreement and Guaranty",
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # an exhibit index line opens with the title
        (
            "Forbearance, Lock-Up and Voting Agreement dated as of May 2, 2031",
            "Forbearance, Lock-Up and Voting Agreement",
        ),
        # a restatement's words belong to the listed title, in prose or on an index line
        (
            "Orrey Bank entered into an Amended and Restated Loan, Security and Guaranty "
            "Agreement with the Company.",
            "Amended and Restated Loan, Security and Guaranty Agreement",
        ),
        (
            "Second Amended and Restated Loan, Security and Guaranty Agreement dated May 2, 2031",
            "Second Amended and Restated Loan, Security and Guaranty Agreement",
        ),
        # hard-wrapped
        (
            "the Company entered into a Purchase,\nSale and Servicing Agreement with Orrey Bank",
            "Purchase, Sale and Servicing Agreement",
        ),
    ],
)
def test_a_listed_title_opening_a_line_or_restated_keeps_its_listed_words(text, title):
    assert [m.title for m in _mentions(text)] == [title]


def test_an_agreement_to_be_entered_into_until_which_another_stays_in_effect_is_no_event():
    text = (
        "Mr. Ortiz's existing Employment Agreement will remain in effect until the Company and"
        " Mr. Ortiz enter into a new employment agreement, which they expect to do by July 1, 2031."
    )
    assert all(e.action is None for e in _events(text, item="5.02").values())


def test_two_joined_titles_named_by_one_defined_term_are_one_instrument():
    one = (
        "The Company entered into a Limited Waiver and First Amendment to Credit Agreement (the"
        " “Amendment”) with Orrey Bank, N.A."
    )
    two = "The Company entered into a Stock Purchase Agreement and Registration Rights Agreement."
    assert [m.title for m in _mentions(one)][:1] == [
        "Limited Waiver and First Amendment to Credit Agreement"
    ]
    assert [m.title for m in _mentions(two)] == [
        "Stock Purchase Agreement",
        "Registration Rights Agreement",
    ]


def test_a_persons_own_agreement_takes_the_people_of_its_own_clause():
    text = (
        "The sellers were Ann B. Cole and Dev R. Shah. On May 2, 2031, Zeta Sub LLC entered into"
        " a Consulting Agreement with Ms. Cole, pursuant to which Ms. Cole will advise Zeta Sub"
        " LLC, and the Company entered into a Noncompetition Agreement with Ms. Cole and Mr. Shah."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    consulting = [a.parties for a in found if a.title == "Consulting Agreement"]
    assert len(consulting) == 1 and consulting[0][-2:] == ["Zeta Sub LLC", "Ann B. Cole"]


def test_a_heading_naming_several_agreements_gives_each_told_agreement_its_own_title():
    text = (
        "License and Distribution Agreements\n\nConcurrently, the Company and Orrey KK entered into"
        " (i) a Trademark License Agreement, under which the Company licensed its marks, and (ii)"
        " a Distribution Agreement, under which Orrey KK was appointed the exclusive distributor."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    titles = sorted(a.title for a in extract_agreements(ctx, [("1.01", 0, len(text))]))
    assert titles == ["Distribution Agreement", "Trademark License Agreement"]


@pytest.mark.parametrize(
    ("heading", "told", "title"),
    [
        (
            "Amended and Restated Supply and Services Agreements",
            "Services Agreement",
            "Services Agreement",
        ),
        (
            "Amended and Restated Retention Agreements",
            "Retention Agreement",
            "Amended and Restated Retention Agreements",
        ),
    ],
)
def test_a_plural_heading_keeps_its_title_only_as_a_fuller_name_of_the_told_agreement(
    heading, told, title
):
    text = f"{heading}\n\nOn May 1, 2031, the Company entered into a {told} with Orrey KK."
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    assert [a.title for a in extract_agreements(ctx, [("1.01", 0, len(text))])] == [title]


def test_a_heading_that_prefixes_a_name_yields_to_the_shorter_title_the_sentence_introduces():
    text = (
        "Harwick Carriage Agreement\n\nOn May 1, 2031, the Company entered into a Carriage "
        'Agreement (the "Harwick Carriage Agreement") with Harwick Cable LLC.'
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    assert [a.title for a in extract_agreements(ctx, [("1.01", 0, len(text))])] == [
        "Carriage Agreement"
    ]


def test_a_defined_term_written_with_a_year_names_its_own_agreement_not_its_namesake():
    text = (
        "On May 4, 2031, the Company entered into a Credit Agreement, dated as of May 4, 2031 (the"
        ' "New Credit Agreement"), with Harlow Bank, N.A. The Company used the proceeds to repay'
        " all amounts owed under the Credit Agreement, dated as of June 2, 2024, with Tallis Bank"
        ' (the "2024 Credit Agreement"). The 2024 Credit Agreement was terminated on May 4, 2031.'
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert sorted((a.action, sorted(a.parties)) for a in found) == [
        ("entered", ["Harlow Bank, N.A.", REGISTRANT]),
        ("terminated", [REGISTRANT, "Tallis Bank"]),
    ]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "The Company executed a Waiver of Default and Forbearance Agreement, dated March 14,"
            " 2031 (the “Forbearance”), with Harlow Bank, N.A.",
            ["Waiver of Default and Forbearance Agreement"],
        ),
        (
            "The Company executed a Security Agreement and a Pledge Agreement, dated March 14,"
            " 2031 (the “Collateral Documents”), with Harlow Bank, N.A.",
            ["Security Agreement", "Pledge Agreement"],
        ),
    ],
)
def test_two_joined_titles_given_one_defined_term_after_their_date_are_one_instrument(text, titles):
    assert [m.title for m in _mentions(text) if not m.generic] == titles


def test_an_agreement_something_is_provided_pursuant_to_is_no_object_of_an_amendment():
    text = (
        "On June 27, 2031, the Company entered into an Amended and Restated Credit Agreement with"
        " Harlow Bank, N.A. The guarantees are provided pursuant to the Amended and Restated"
        " Guarantee and Collateral Agreement, dated as of June 27, 2031, among the Company and"
        " Harlow Bank, N.A., which amends and restates the Guarantee and Collateral Agreement"
        " dated as of April 10, 2026."
    )
    ctx = build_context(text, REGISTRANT, "2031-06-27", [], [(0, len(text))])
    titles = [a.title for a in extract_agreements(ctx, [("1.01", 0, len(text))])]
    assert "Amended and Restated Guarantee and Collateral Agreement" in titles


def test_the_indenture_a_supplemental_indenture_is_made_to_is_not_entered_by_it():
    text = (
        "On July 1, 2031, the Company, Orbit Cable Corp. and Lark Trust Company, N.A., as"
        " trustee, entered into a First Supplemental Indenture, dated as of July 1, 2031, to the"
        " Indenture dated as of May 15, 2024 between Orbit Cable Corp. and Lark Trust Company, N.A."
    )
    ctx = build_context(text, REGISTRANT, "2031-07-01", [], [(0, len(text))])
    found = extract_agreements(ctx, [("2.01", 0, len(text))])
    assert [(a.title, a.action) for a in found] == [("First Supplemental Indenture", "entered")]


def test_the_defined_term_of_an_amended_agreement_does_not_report_it_entered():
    text = (
        "The Company used the proceeds to repay all amounts outstanding under the revolving credit"
        ' facility under its Credit Agreement dated as of May 5, 2026 (as amended, the "Credit'
        ' Agreement") with Harlow Bank, N.A. To permit the sale, the Company'
        ' entered into a Fourth Amendment, dated as of December 12, 2031 (the "Fourth Amendment"),'
        " with Harlow Bank, N.A. The Credit Agreement, as so amended, remains in effect."
    )
    ctx = build_context(text, REGISTRANT, "2031-12-14", [], [(0, len(text))])
    found = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert [(a.title, a.action) for a in found] == [("Fourth Amendment", "amended")]


def test_a_defined_term_wins_over_the_registrant_name_it_starts_like():
    text = (
        "Corvane Mining Corp. (the “Company”), through its wholly-owned subsidiary Corvane Peru"
        " Holdings B.V. (“Corvane BV”), entered into a Share Subscription Agreement with Minera"
        " Andina S.A.C."
    )
    ctx = build_context(text, "Corvane Mining Corp.", "2015-08-04", [], [(0, len(text))])
    assert parties.Resolver(ctx).resolve("Corvane BV") == "Corvane Peru Holdings B.V."
    assert parties.Resolver(ctx).resolve("Corvane") == "Corvane Mining Corp."


def test_the_items_of_a_list_of_agreements_entered_into_take_the_lists_action():
    text = (
        "At the closing of the sale, the following agreements were entered into:\n"
        "· a Transition Services Agreement between the Company and Orrey Foods, Inc., under which"
        " the Company will provide payroll services;\n"
        "· a Trademark License Agreement between the Company and Orrey Foods, Inc.\n"
        "The Company's existing Credit Agreement remains in effect."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_agreements(ctx, [("2.01", 0, len(text))])
    assert sorted((a.title, a.action) for a in found) == [
        ("Trademark License Agreement", "entered"),
        ("Transition Services Agreement", "entered"),
    ]


def test_a_heading_under_item_1_02_terminates_nothing_itself():
    text = "Rheinfeld Distribution Agreement"
    assert _events(text, item="1.02")["Rheinfeld Distribution Agreement"].action is None


def test_a_person_who_recommended_the_agreement_is_no_party_to_it():
    text = (
        "The sellers were Ann B. Cole and Dev R. Shah. On May 23, 2031, the Company entered into"
        " an employment agreement with Ms. Cole, which was approved by the Board upon the"
        " recommendation of Mr. Shah, the Chairman of the Board."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-24", [], [(0, len(text))])
    found = extract_agreements(ctx, [("5.02", 0, len(text))])
    assert [a.parties for a in found] == [[REGISTRANT, "Ann B. Cole"]]


def test_an_amendment_to_a_persons_agreement_named_with_a_courtesy_title_is_one_title():
    text = (
        "On May 2, 2031, the Company and Omar P. Sayed entered into Amendment No. 1 to"
        " Mr. Sayed’s Employment Agreement dated as of March 1, 2029."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    titles = [a.title for a in extract_agreements(ctx, [("5.02", 0, len(text))])]
    assert titles == ["Amendment No. 1 to Employment Agreement"]


def _events_of(body: str, report_date: str, item: str = "1.01") -> list:
    text = f"Item {item} Other Events.\n\n" + body + "\n"
    start = text.index(body[:20])
    ctx = build_context(text, REGISTRANT, report_date, [], [(start, len(text))])
    found = extract_agreements(ctx, [(item, start, len(text))])
    return [(a.title, a.kind, a.action, a.date) for a in found]


def test_a_restated_agreement_stands_for_its_original():
    body = (
        "As previously reported, on January 5, 2001, Northwind Traders, Inc. entered into an "
        "Agreement and Plan of Merger, dated as of January 5, 2001 (the \u201cOriginal Merger "
        "Agreement\u201d), with Larkspur Holdings Corp. On March 9, 2001, the Company and "
        "Larkspur Holdings Corp. entered into an Amended and Restated Agreement and Plan of "
        "Merger (the \u201cRestated Merger Agreement\u201d), which amends and restates the "
        "Original Merger Agreement in its entirety. In connection with the Original Merger "
        "Agreement, Larkspur Holdings Corp. and Dana Whitcombe entered into a Voting Agreement "
        "dated as of January 5, 2001. Larkspur Holdings Corp. and Dana Whitcombe also entered "
        "into an Amended and Restated Voting Agreement, dated as of March 9, 2001."
    )
    assert _events_of(body, "2001-03-09", "5") == [
        ("Amended and Restated Agreement and Plan of Merger", "merger", "amended", "2001-03-09"),
        ("Amended and Restated Voting Agreement", "governance", "amended", "2001-03-09"),
    ]


def test_a_restated_agreement_that_ends_keeps_the_date_of_its_ending():
    body = (
        "On May 1, 2009, the Company terminated its Amended and Restated Partnership Agreement, "
        "dated as of June 1, 1999, with Larkspur Holdings Corp."
    )
    assert _events_of(body, "2009-05-01") == [
        ("Amended and Restated Partnership Agreement", "joint_venture", "terminated", "2009-05-01")
    ]


def test_a_performance_undertaking_is_a_guarantee_dated_by_itself_not_by_its_original():
    body = (
        "On June 2, 2010, the Company executed an Amended and Restated Performance Undertaking "
        "dated as of June 2, 2010 in favor of Bexley Funding LLC, which amends and restates the "
        "Performance Undertaking originally delivered by the Company on March 1, 2006."
    )
    assert _events_of(body, "2010-06-02") == [
        (
            "Amended and Restated Performance Undertaking",
            "security_guarantee",
            "amended",
            "2010-06-02",
        )
    ]


@pytest.mark.parametrize("adverb", ["heretofore", "theretofore", "previously"])
def test_an_agreement_as_heretofore_amended_is_described_not_amended(adverb):
    body = (
        "On June 14, 2012, the Company repaid all loans outstanding under the Loan Agreement "
        f"dated as of March 31, 2008 (as {adverb} amended, the \u201cPrior Loan Agreement\u201d) "
        "with Quarry National Bank. Upon such repayment the Prior Loan Agreement was terminated."
    )
    assert _events_of(body, "2012-06-14", "1.02") == [
        ("Loan Agreement", "credit", "terminated", "2012-06-14")
    ]


def test_an_amendment_dated_before_the_last_quarter_is_history():
    body = (
        "The Loan Agreement between the Company and Quarry National Bank was amended several "
        "times, most recently by Amendment No. 3 dated as of February 2, 2009. On November 4, "
        "2009, the Company and Quarry National Bank entered into Amendment No. 4 to Loan "
        "Agreement."
    )
    assert _events_of(body, "2009-11-04") == [
        ("Amendment No. 4 to Loan Agreement", "credit", "amended", "2009-11-04")
    ]


def test_an_agreement_made_on_the_event_date_under_item_1_02_is_entered():
    body = (
        "On August 3, 2015, the Company and Dora V. Kessel entered into a Separation Agreement "
        "(the \u201cKessel Separation Agreement\u201d), under which the Employment Agreement "
        "between the Company and Ms. Kessel, dated as of May 1, 2011, which had been scheduled "
        "to expire in 2016, was terminated as of August 3, 2015."
    )
    assert _events_of(body, "2015-08-03", "1.02") == [
        ("Separation Agreement", "separation", "entered", "2015-08-03"),
        ("Employment Agreement", "employment", "terminated", "2015-08-03"),
    ]


def test_two_agreements_of_one_title_named_and_dated_apart_stay_two():
    body = (
        "On April 6, 2010, the Company entered into an Asset Purchase Agreement (the \u201cOsprey "
        "Agreement\u201d) with Osprey Radio Partners, LLC to sell station WQRT-FM. On April 7, "
        "2010, Northwind Radio of Ohio, LLC, a subsidiary of the Company, entered into an Asset "
        "Purchase Agreement (the \u201cBellmont Agreement\u201d) with Bellmont Media, Inc. to "
        "buy station WBLM-AM."
    )
    found = _events_of(body, "2010-04-06")
    assert found == [
        ("Asset Purchase Agreement", "purchase_sale", "entered", "2010-04-06"),
        ("Asset Purchase Agreement", "purchase_sale", "entered", "2010-04-07"),
    ]


def test_the_agreement_a_sentence_opens_under_is_not_what_it_ends():
    body = (
        "Pursuant to the Transition Agreement, the Employment Agreement between the Company and "
        "Ivo Sandberg, dated as of March 1, 2009 (the \u201cSandberg Employment Agreement\u201d), "
        "was terminated effective June 2, 2012."
    )
    assert _events_of(body, "2012-06-02", "1.02") == [
        ("Employment Agreement", "employment", "terminated", "2012-06-02")
    ]


def test_a_supplemental_indenture_of_its_own_date_is_its_own_record():
    body = (
        "The Notes were issued under an indenture, dated as of May 4, 2016 (the \u201cBase "
        "Indenture\u201d), between Northwind Traders, Inc. and Quarry Trust Company, N.A., as "
        "trustee, as supplemented by the First Supplemental Indenture, dated as of May 4, 2016 "
        "(the \u201cFirst Supplemental Indenture\u201d and, together with the Base Indenture, "
        "the \u201cIndenture\u201d)."
    )
    assert _events_of(body, "2016-05-04") == [
        ("Base Indenture", "indenture", "entered", "2016-05-04"),
        ("First Supplemental Indenture", "indenture", "entered", "2016-05-04"),
    ]


def test_an_indenture_satisfied_and_discharged_upon_a_deposit_is_terminated():
    assert _events("Upon such deposit, the 2011 Indenture was satisfied and discharged.", "1.02")[
        "Indenture"
    ] == events.Event("terminated", False, False)


def test_the_dates_of_the_agreement_a_restatement_changes_are_not_its_own():
    body = (
        "Larkspur Capital Fund II, L.P. entered into an Amended and Restated Limited Guarantee, "
        "dated as of March 9, 2012, in favor of Northwind Traders, Inc., which amends and "
        "restates the limited guarantee it delivered on January 4, 2012."
    )
    assert _events_of(body, "2012-03-09") == [
        ("Amended and Restated Limited Guarantee", "security_guarantee", "amended", "2012-03-09")
    ]


def test_a_restatement_stands_only_for_its_own_persons_original():
    body = (
        "On June 1, 2012, the Company and Ada Brill entered into an Employment Agreement. "
        "On June 4, 2012, the Company and Omar Tillet entered into Amendment No. 1 to Employment "
        "Agreement. On June 5, 2012, the Company and Wen Halvorsen entered into an Amended and "
        "Restated Employment Agreement, which amends and restates in its entirety Dr. "
        "Halvorsen\u2019s Employment Agreement dated March 3, 2010."
    )
    assert [(t, a, d) for t, _, a, d in _events_of(body, "2012-06-05")] == [
        ("Employment Agreement", "entered", "2012-06-01"),
        ("Amendment No. 1 to Employment Agreement", "amended", "2012-06-04"),
        ("Amended and Restated Employment Agreement", "amended", "2012-06-05"),
    ]


def test_money_used_to_terminate_an_agreement_terminated_it():
    body = (
        "On May 3, 2006, the Company used $41.5 million of the proceeds of the Notes to repay "
        "all loans outstanding under, and to terminate, the Loan Agreement dated as of June 2, "
        "2001 between the Company and Quarry National Bank."
    )
    assert _events_of(body, "2006-05-03", "8.01") == [
        ("Loan Agreement", "credit", "terminated", "2006-05-03")
    ]


def test_a_defined_term_that_opens_with_an_initial_names_no_new_agreement():
    body = (
        "On May 2, 2011, the Company and Ruth A. Voss entered into an Amended and Restated "
        "Employment Agreement, dated as of May 2, 2011 (the \u201cR. Voss Agreement\u201d). Under "
        "the R.\nVoss Agreement, Ms. Voss will serve as Chair. On May 2, 2011, the Company and "
        "Anton P. Voss entered into an Employment Agreement (the \u201cA. Voss Agreement\u201d), "
        "under which Mr. Voss will serve as President."
    )
    assert [(t, a) for t, _, a, _ in _events_of(body, "2011-05-02")] == [
        ("Amended and Restated Employment Agreement", "amended"),
        ("Employment Agreement", "entered"),
    ]


def test_of_two_agreements_of_one_title_each_takes_the_index_line_of_its_own_date():
    new = _record("Indenture", "entered", date="2031-06-02", dated="2031-06-02")
    old = _record("Indenture", "terminated", date="2031-06-02", dated="2011-03-01")
    ctx = _ctx_with_index(
        [
            ("4.1", "Indenture, dated as of June 2, 2031, among the Company and Quarry Trust"),
            ("4.4", "Indenture, dated as of March 1, 2011, between the Company and Old Trust"),
        ]
    )
    ctx.report_date = "2031-06-02"
    for stage in (exhibits.attach_index_exhibits, exhibits.reconcile_exhibits):
        found = (
            stage(ctx, lambda n: n, [old, new])
            if stage is exhibits.attach_index_exhibits
            else stage(ctx, [old, new])
        )
        assert [(a.action, a.exhibit) for a in found] == [("terminated", "4.4"), ("entered", "4.1")]


def test_an_indenture_and_its_supplement_entered_together_stay_two():
    base = _record("Indenture", "entered", kind="indenture", date="2031-06-02", parties=["A", "T"])
    supplement = _record(
        "First Supplemental Indenture",
        "entered",
        kind="indenture",
        date="2031-06-02",
        parties=["A", "T"],
    )
    assert [r.title for r in merge.consolidate([base, supplement])] == [
        "Indenture",
        "First Supplemental Indenture",
    ]
    amended = _record("Credit Agreement", "amended", date="2031-06-02", parties=["A", "B"])
    amendment = _record(
        "Amendment No. 2 to Credit Agreement", "amended", date="2031-06-02", parties=["A", "B"]
    )
    assert len(merge.consolidate([amended, amendment])) == 1  # an amendment and what it amends


def test_agreements_entered_in_a_filed_form_with_named_persons_are_entered():
    body = (
        "On March 2, 2015, the Committee approved, and the Company entered into, retention "
        "agreements substantially in the form filed as Exhibit 10.4 hereto (the \u201cRetention "
        "Agreements\u201d) with Iris N. Moller, its Chief Financial Officer."
    )
    assert _events_of(body, "2015-03-02", "5.02") == [
        ("retention agreement", "employment", "entered", "2015-03-02")
    ]


def test_the_old_indenture_a_report_dates_and_names_is_its_own_record():
    body = (
        "The Notes were issued under an indenture, dated as of June 2, 2021 (the \u201cBase "
        "Indenture\u201d), between the Company and Quarry Trust Company, N.A., as trustee. On "
        "June 2, 2021, the Company called its 8.5% Notes due 2024, issued under the indenture, "
        "dated as of April 4, 2014 (the \u201c2014 Indenture\u201d), between the Company and "
        "Larch Bank Trust Company, as trustee. On June 2, 2021, the 2014 Indenture was "
        "satisfied and discharged."
    )
    assert [(t, a) for t, _, a, _ in _events_of(body, "2021-06-02")] == [
        ("Base Indenture", "entered"),
        ("2014 Indenture", "terminated"),
    ]


def test_a_heading_in_capitals_run_into_its_sentence_is_no_part_of_a_title():
    text = "EXPLANATORY NOTE This Amendment No. 1 amends the Lease Agreement with Orrey KK."
    assert [m.title for m in _mentions(text)][0] == "Amendment No. 1"
    assert [m.title for m in _mentions("The ISDA Master Agreement governs.")] == [
        "ISDA Master Agreement"
    ]


def test_an_amendment_whose_defined_term_names_another_amendment_still_takes_its_object():
    body = (
        'On May 2, 2019, the Company entered into (i) Amendment No. 2 (the "Lane Amendment") to '
        'the Employment Agreement with Ann Lane and (ii) Amendment No. 1 (the "Ruiz Amendment" '
        'and, together with the Lane Amendment, the "Amendments") to the Amended and Restated '
        "Employment Agreement with Carl Ruiz."
    )
    assert sorted(t for t, _, _ in _one_section(body)) == [
        "Amendment No. 1 to Amended and Restated Employment Agreement",
        "Amendment No. 2 to Employment Agreement",
    ]


def test_a_possessive_whose_apostrophe_a_rendering_dropped_is_no_part_of_a_title():
    text = "The Companys Loan and Security Agreement with Orrey Bank was terminated."
    assert [m.title for m in _mentions(text)] == ["Loan and Security Agreement"]


def test_exhibit_numbers_given_respectively_skip_the_listed_documents_that_are_no_agreements():
    # the note is no agreement of its own; the warrant issued to a named holder is
    body = (
        'On May 2, 2019, the Company entered into a Note Purchase Agreement (the "Purchase '
        'Agreement") with Orrey Capital LLC and issued to it a note (the "Note") and a warrant '
        '(the "Warrant"). The Company\'s subsidiary entered into a Subsidiary Guaranty with '
        "Orrey Capital LLC. The foregoing descriptions of the Purchase Agreement, the Note, the "
        "Warrant and the Subsidiary Guaranty are qualified by reference to the full text of such "
        "documents, copies of which are filed as Exhibits 10.1, 4.1, 4.2 and 10.2, respectively."
    )
    text = "Item 1.01 Entry into a Material Definitive Agreement.\n\n" + body + "\n"
    start = text.index(body[:20])
    ctx = build_context(text, REGISTRANT, "2019-05-06", [], [(start, len(text))])
    found = extract_agreements(ctx, [("1.01", start, len(text))])
    assert sorted((a.title, a.exhibit) for a in found) == [
        ("Note Purchase Agreement", "10.1"),
        ("Subsidiary Guaranty", "10.2"),
        ("warrant", "4.2"),
    ]


def test_a_warrant_issued_to_a_named_holder_is_an_agreement_and_one_issued_to_nobody_named_is_not():
    told = (
        "On May 2, 2019, the Company entered into a Note Purchase Agreement with Orrey Capital "
        'Partners II, L.P. ("Orrey Capital"). On May 2, 2019, the Company issued to Orrey '
        'Capital a warrant (the "Warrant") to purchase 350,000 shares of its common stock.'
    )
    assert ("warrant", "2019-05-02", [REGISTRANT, "Orrey Capital Partners II, L.P."]) in (
        _one_section(told)
    )
    unnamed = (
        "On May 2, 2019, in connection with the acquisition, the Company issued 30,000 shares, "
        "options and a warrant exercisable for 4,000 shares of its common stock."
    )
    assert _one_section(unnamed) == []


def test_a_termination_ends_the_dated_agreement_of_its_title_not_the_last_new_one_of_its_kind():
    body = (
        "On May 2, 2019, the Company entered into a Loan and Security Agreement with Harlow "
        "Capital LLC. The Company used the proceeds to repay all amounts outstanding under its "
        "Revolving Credit Agreement dated as of June 30, 2015 with Tallis Bank. Upon such "
        "repayment, the Revolving Credit Agreement was terminated."
    )
    text = "Item 1.01 Entry into a Material Definitive Agreement.\n\n" + body + "\n"
    start = text.index(body[:20])
    ctx = build_context(text, REGISTRANT, "2019-05-06", [], [(start, len(text))])
    found = {a.title: a.action for a in extract_agreements(ctx, [("1.01", start, len(text))])}
    assert found == {
        "Loan and Security Agreement": "entered",
        "Revolving Credit Agreement": "terminated",
    }


def test_a_defined_term_given_with_the_agreements_history_names_it():
    body = (
        "On May 2, 2019, the Company repaid all amounts outstanding under its Amended and Restated"
        " Revolving Credit Agreement, dated as of October 1, 2013, with Tallis Bank (as amended, "
        'the "Prior Facility"). The Prior Facility was terminated upon such repayment.'
    )
    assert [(t, d) for t, d, _ in _one_section(body)] == [
        ("Amended and Restated Revolving Credit Agreement", "2019-05-02")
    ]


def test_a_signing_dated_after_the_approval_it_follows_takes_its_own_date():
    body = (
        "On May 2, 2019, the Compensation Committee of the Board approved, and on May 6, 2019 the "
        "Company and Ann Lane entered into, Amendment No. 1 to the Employment Agreement between "
        "the Company and Ms. Lane."
    )
    assert [(t, d) for t, d, _ in _one_section(body)] == [
        ("Amendment No. 1 to Employment Agreement", "2019-05-06")
    ]


def test_a_role_the_report_defined_for_a_named_firm_is_that_firm_as_a_party():
    body = (
        'On June 10, 2019, Zeta Mills, Inc. (the "Company") entered into a Loan Agreement with '
        'Pinecrest Business Credit, LLC, as agent (the "Agent"). On June 10, 2019, the Company '
        "also entered into a Pledge Agreement with the Agent."
    )
    found = {t: p for t, _, p in _one_section(body)}
    assert "Pinecrest Business Credit, LLC" in found["Pledge Agreement"]


def test_each_persons_agreement_of_one_sentence_keeps_the_date_written_after_that_person():
    body = (
        "Employment Agreements\n\nIn connection with their appointments, the Company entered "
        "into an Employment Agreement with Ms. Ann Lane, dated as of June 3, 2019, and an "
        "Employment Agreement with Mr. Carl Ruiz, dated as of May 28, 2019 (together, the "
        '"Employment Agreements").'
    )
    dates = {p[-1]: d for _, d, p in _one_section(body)}
    assert dates == {"Ann Lane": "2019-06-03", "Carl Ruiz": "2019-05-28"}


def test_a_name_of_another_legal_form_is_not_the_registrant_and_keeps_its_own_term():
    text = (
        "On May 2, 2014, Harlan Retail Properties Trust, a Maryland real estate investment\n"
        'trust (the "Trust"), through Harlan Retail Properties, L.P., a Delaware limited\n'
        'partnership (the "Operating Partnership"), acquired seven shopping centers. The Trust '
        "is the sole general partner of the Operating Partnership."
    )
    ctx = build_context(text, "Harlan Retail Properties Trust", "2014-05-05", [], [(0, len(text))])
    resolver = parties.Resolver(ctx)
    assert resolver.resolve("the Operating Partnership") == "Harlan Retail Properties, L.P."
    # (the term is defined across a line break of the hard-wrapped paragraph)
    assert resolver.resolve("The Trust") == "Harlan Retail Properties Trust"


def test_the_registrant_named_by_its_term_only_as_a_parent_is_no_party_but_in_a_list_is_one():
    text = (
        'On May 2, 2014, Wabash Meridian Bancorp, Inc., an Indiana corporation ("Wabash '
        'Meridian"), entered into an Agreement and Plan of Merger with Tippecanoe Financial '
        "Corporation. Concurrently, Wabash Meridian Bank, the wholly-owned Indiana commercial "
        "bank subsidiary of Wabash Meridian, and Prophetstown Savings Bank, FSB entered into an "
        "Agreement and Plan of Bank Merger. On May 2, 2014, Wabash Meridian, Tippecanoe "
        "Financial Corporation and Harlan Crest Bank, N.A. entered into a Voting Agreement."
    )
    ctx = build_context(text, "Wabash Meridian Bancorp, Inc.", "2014-05-05", [], [(0, len(text))])
    found = {a.title: a.parties for a in extract_agreements(ctx, [("1.01", 0, len(text))])}
    assert found["Agreement and Plan of Bank Merger"] == [
        "Wabash Meridian Bank",
        "Prophetstown Savings Bank, FSB",
    ]
    assert found["Voting Agreement"][0] == "Wabash Meridian Bancorp, Inc."


@pytest.mark.parametrize("dated, kept", [("July 4, 2031", True), ("September 20, 2031", False)])
def test_an_index_line_dated_in_the_days_the_report_may_still_tell_is_an_agreement(dated, kept):
    from pactgraph.nlp.extraction.agreements.index_lines import index_agreements

    line = f"Subordinated Promissory Note dated {dated} issued by Northwind to Orrey Corp."
    text = f"   10.2   {line}\n"
    # the date of report is the earliest event; a note issued three days later is told too
    ctx = Context(text, REGISTRANT, "2031-07-01", exhibit_index=[("10.2", line)])
    added = index_agreements(ctx, lambda name: name, [])
    assert [(a.title, a.exhibit) for a in added] == (
        [("Subordinated Promissory Note", "10.2")] if kept else []
    )


def test_a_bracketed_word_inside_a_name_before_its_legal_form_keeps_the_name_whole():
    text = (
        "On May 2, 2014, the Company entered into a Securities Purchase Agreement with Colfax "
        "Street Partners, L.P. and Colfax Street Partners (QP), L.P. (collectively, the "
        '"Purchasers").'
    )
    ctx = build_context(text, REGISTRANT, "2014-05-05", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert found.parties == [
        REGISTRANT,
        "Colfax Street Partners, L.P.",
        "Colfax Street Partners (QP), L.P.",
    ]


def test_the_exhibit_of_a_press_release_announcing_an_agreement_is_not_the_agreements():
    text = (
        "On May 2, 2014, the Company entered into a Supply Agreement (the \u201cAgreement\u201d) "
        "with Orrey Holdings LLC. A press release announcing the Agreement was issued on May 2, "
        "2014, a copy of which is filed as Exhibit 99.1."
    )
    ctx = build_context(text, REGISTRANT, "2014-05-05", [], [(0, len(text))])
    [found] = extract_agreements(ctx, [("1.01", 0, len(text))])
    assert found.exhibit is None
    filed = text.replace("A press release announcing the Agreement", "The Agreement").replace(
        "99.1", "10.1"
    )
    ctx = build_context(filed, REGISTRANT, "2014-05-05", [], [(0, len(filed))])
    assert extract_agreements(ctx, [("1.01", 0, len(filed))])[0].exhibit == "10.1"


def test_an_acronym_term_belongs_to_the_words_it_abbreviates_not_a_name_before_them():
    text = (
        "On May 2, 2014, Orbit Holdings LLC agreed to act through an entity that is a Kestrel "
        'Western Mining and Chemicals ("KWMC") affiliate. Alcoa owns 60% of KWMC.'
    )
    ctx = build_context(text, REGISTRANT, "2014-05-05", [], [(0, len(text))])
    assert "kwmc" not in ctx.org_aliases
    assert parties.Resolver(ctx).resolve("KWMC") == "Kestrel Western Mining and Chemicals"


def test_an_agreement_named_beside_a_verb_that_has_not_happened_is_not_entered():
    text = (
        "On May 2, 2014, the Company entered into a Supply Agreement with Orrey Holdings LLC. "
        "Given the interrelationship with the Services Agreement, the Company's analysis of the "
        "transactions has not been completed."
    )
    found = _found(text, "2014-05-05", "1.01")
    assert [a.title for a in found] == ["Supply Agreement"]


def test_an_agreement_ended_by_another_takes_the_date_of_the_one_that_ends_it():
    text = (
        "On May 19, 2014, the Company and Ari Stone entered into a Separation Agreement (the "
        '"Separation Agreement"). The Separation Agreement supersedes and terminates Mr. '
        "Stone's Employment Agreement with the Company dated as of January 1, 2010."
    )
    found = _found(text, "2014-05-20", "5.02")
    ended = [a for a in found if a.action == "terminated"]
    assert [(a.title, a.date) for a in ended] == [("Employment Agreement", "2014-05-19")]


def test_the_beneficiary_a_guaranty_is_given_in_favor_of_is_its_party():
    text = (
        "On March 15, 2006, the Company entered into a Warehouse Agreement with Great Plains "
        'Capital Markets, Inc., as agent (the "Agent"). In connection with the Warehouse '
        "Agreement, (a) the Company and Redbud Funding LLC entered into a Sale Agreement, and (b) "
        "the Company entered into a Performance Undertaking in favor of the Agent. The Company "
        "paid a fee."
    )
    found = {a.title: a.parties for a in _found(text, "2006-03-17", "1.01")}
    assert found["Performance Undertaking"] == [REGISTRANT, "Great Plains Capital Markets, Inc."]


@pytest.mark.parametrize("filed_on, kept", [("March 30, 2031", False), ("May 6, 2031", True)])
def test_an_index_line_filed_with_an_earlier_current_report_is_background(filed_on, kept):
    from pactgraph.nlp.extraction.agreements.index_lines import index_agreements

    line = (
        "Share Purchase Agreement, dated March 27, 2031, between Northwind and Pell Capital "
        "(incorporated by reference to Exhibit 2.2 to the Registrant's Current Report on Form "
        f"8-K filed with the Commission on {filed_on})"
    )
    # the earlier report (March 30) told the agreement; a report filed after this report's
    # earliest event (May 6 after May 2) tells the same event
    ctx = Context(f"2.2\t{line}\n", REGISTRANT, "2031-05-02", exhibit_index=[("2.2", line)])
    added = index_agreements(ctx, lambda name: name, [])
    assert [(a.title, a.exhibit) for a in added] == (
        [("Share Purchase Agreement", "2.2")] if kept else []
    )


@pytest.mark.parametrize(
    "named, exhibit",
    [
        ('(the "Registration Rights Agreement"), a copy of which is attached', "4.5"),
        ("(the “Rights Agreement”), which is filed", "4.5"),
        # the exhibit after a second agreement's name is that agreement's
        ('(the "Rights Agreement"), and a Pledge Agreement, which is filed', None),
    ],
)
def test_an_exhibit_named_after_an_agreements_quoted_name_is_that_agreements(named, exhibit):
    text = (
        "On May 3, 2031, the Company and Orbit Securities LLC entered into a Registration Rights "
        f"Agreement dated as of May 3, 2031 {named} as Exhibit 4.5 to this report."
    )
    found = {a.title: a.exhibit for a in _found(text, "2031-05-05")}
    assert found["Registration Rights Agreement"] == exhibit


def test_a_respective_list_of_exhibits_starts_after_an_agreement_with_a_clause_of_its_own():
    text = (
        "On May 3, 2031, the Company entered into a note purchase agreement with Orbit "
        "Securities LLC. The Notes are issued pursuant to the Indenture, dated as of June 1, "
        '2029, (the "Indenture") between the Company and Harbor Trust Company, and the Second '
        "Supplemental Indenture, dated as of May 3, 2031, between the Company and Harbor Trust "
        'Company (the "Supplemental Indenture"). The descriptions above are qualified by the '
        "Indenture, filed as Exhibit 4.1 to the "
        "Company's Registration Statement on Form S-3 filed on June 1, 2029 (File No. "
        "333-123456), and the note purchase agreement, the Supplemental Indenture and the "
        "form of Note, filed as Exhibit Nos. 10.1, 4.2 and 4.3 hereto, respectively."
    )
    found = {a.title: a.exhibit for a in _found(text, "2031-05-05")}
    assert found["note purchase agreement"] == "10.1"
    assert found["Second Supplemental Indenture"] == "4.2"


@pytest.mark.parametrize(
    "line, exhibit",
    [
        ("Separation & Release Agreement", "99.1"),  # "&" is one of the title's words
        ("Press release dated May 1, 2031", None),
    ],
)
def test_a_class_99_line_that_opens_with_a_title_files_an_agreement(line, exhibit):
    from pactgraph.nlp.extraction.agreements.exhibits import reconcile_exhibits

    ctx = _ctx_with_index([("99.1", line)])
    found = [_agreement("Separation & Release Agreement", [REGISTRANT, "Bo Lund"], "99.1")]
    assert [a.exhibit for a in reconcile_exhibits(ctx, found)] == [exhibit]


@pytest.mark.parametrize(
    "sentence, titles",
    [
        # a press release about a closing, outside Item 2.01: the agreement is background
        (
            "Northwind issued a press release regarding the close of the transactions "
            "contemplated by that certain Agreement and Plan of Merger between the Company, "
            "Orbit Acquisition Corp. and Pell Software, Inc.",
            [],
        ),
        (
            "On May 4, 2031, Northwind completed the merger contemplated by the Agreement and "
            "Plan of Merger, dated as of February 1, 2031, among the Company and Pell Software, "
            "Inc.",
            [],
        ),
        # a closing under an agreement made in the reporting window: its first report
        (
            "On May 4, 2031, Northwind completed the sale of 3,000 shares to Pell Capital LLC "
            "pursuant to a Stock Purchase Agreement dated as of April 28, 2031 between the "
            "Company and Pell Capital LLC.",
            ["Stock Purchase Agreement"],
        ),
    ],
)
def test_a_closing_told_outside_the_completion_item_reports_no_agreement(sentence, titles):
    assert [a.title for a in _found(sentence, "2031-05-05", item="8.01")] == titles


@pytest.mark.parametrize(
    "sentence, titles",
    [
        # the restated agreement the new one is made under: not amended by this report
        (
            "On May 3, 2031, the Company and Bo Lund entered into a Separation Agreement as "
            "provided in the Amended and Restated Employment Agreement between Mr. Lund and the "
            "Company, effective November 17, 2026.",
            ["Separation Agreement"],
        ),
        (
            "On May 3, 2031, the Company and Bo Lund entered into a Separation Agreement under "
            "the Amended and Restated Employment Agreement between Mr. Lund and the Company.",
            ["Separation Agreement"],
        ),
        # a restatement dated in the reporting window is made now
        (
            "The guarantees are provided pursuant to the Amended and Restated Guarantee "
            "Agreement, dated as of May 3, 2031, among the Company and Orbit Bank, N.A.",
            ["Amended and Restated Guarantee Agreement"],
        ),
    ],
)
def test_a_restated_agreement_another_is_made_under_is_not_amended_by_the_report(sentence, titles):
    assert [a.title for a in _found(sentence, "2031-05-05", item="5.02")] == titles


@pytest.mark.parametrize(
    "filed, exhibits",
    [
        ("are filed herewith as Exhibits 10.1 through 10.3", ["10.1", "10.2", "10.3"]),
        ("are filed herewith as Exhibits 10(a) through 10(c)", ["10(a)", "10(b)", "10(c)"]),
        (
            "are filed as Exhibit 10.1, Exhibit 10.2 and Exhibit 10.3, respectively",
            ["10.1", "10.2", "10.3"],
        ),
    ],
)
def test_a_list_of_exhibit_numbers_spelled_as_a_range_or_with_each_word(filed, exhibits):
    text = (
        "On May 3, 2031, the Company entered into a Credit Agreement, a Security Agreement and "
        f"a Pledge Agreement with Orbit Bank, N.A. The agreements {filed}."
    )
    assert [a.exhibit for a in _found(text, "2031-05-05")] == exhibits


def test_an_exhibit_list_after_the_section_numbers_the_agreements_made_not_one_ended():
    text = (
        "On May 3, 2031, the Company entered into an Employment Agreement with Bo Lund. The "
        "Employment Agreement supersedes the letter agreement between the Company and Mr. Lund "
        "dated June 1, 2029, which was terminated upon the effectiveness of the Employment "
        "Agreement. The Company also entered into a Consulting Agreement with Ana Ruiz. The "
        "foregoing summaries are qualified by the agreements filed as Exhibits 10.1 and 10.2 "
        "hereto."
    )
    found = {(a.title, a.action): a.exhibit for a in _found(text, "2031-05-05", item="5.02")}
    assert found[("Employment Agreement", "entered")] == "10.1"
    assert found[("Consulting Agreement", "entered")] == "10.2"
    assert found[("letter agreement", "terminated")] is None


@pytest.mark.parametrize(
    "sentence, parties",
    [
        # names in the clause of the agreement's terms are not its parties
        (
            "On May 3, 2031, the Company entered into a Non-Competition Agreement with Bo Lund, "
            "pursuant to which Mr. Lund agreed not to compete with Orbit Corp. for five years.",
            [REGISTRANT, "Bo Lund"],
        ),
        (
            "On May 3, 2031, the Company entered into a Consulting Agreement with Bo Lund under "
            "which Mr. Lund will advise Orbit Corp. on product development.",
            [REGISTRANT, "Bo Lund"],
        ),
        # ... unless that clause is where the counterparty is named
        (
            "On May 3, 2031, the Company entered into an Asset Purchase Agreement pursuant to "
            "which the Company sold its Ohio plant to Orbit Corp.",
            [REGISTRANT, "Orbit Corp."],
        ),
    ],
)
def test_names_in_the_clause_of_an_agreements_terms_are_not_its_parties(sentence, parties):
    [found] = _found(sentence, "2031-05-05")
    assert found.parties == parties


def test_agreements_introduced_each_with_its_own_counterparty_take_their_own_parties():
    text = (
        "On May 3, 2031, the Company entered into an Agreement and Plan of Merger with Orbit "
        "Corp. and a Voting Agreement with Bo Lund, and an Employment Agreement with Ana Ruiz "
        "(Exhibit 10.2) and an Employment Agreement with Cy Ode (Exhibit 10.3)."
    )
    found = [(a.title, a.parties, a.exhibit) for a in _found(text, "2031-05-05")]
    assert found == [
        ("Agreement and Plan of Merger", [REGISTRANT, "Orbit Corp."], None),
        ("Voting Agreement", [REGISTRANT, "Bo Lund"], None),
        ("Employment Agreement", [REGISTRANT, "Ana Ruiz"], "10.2"),
        ("Employment Agreement", [REGISTRANT, "Cy Ode"], "10.3"),
    ]


@pytest.mark.parametrize(
    "described",
    [
        "the President of Pell Corp.",
        "a former director of Pell Corp.",
        "formerly Chief Executive Officer of Pell Corp.",
    ],
)
def test_the_organisation_of_a_persons_office_is_no_party(described):
    text = (
        f"On May 3, 2031, the Company entered into a Consulting Agreement with Bo Lund, {described}"
    )
    [found] = _found(text, "2031-05-05", item="5.02")
    assert found.parties == [REGISTRANT, "Bo Lund"]


@pytest.mark.parametrize(
    "ended, date",
    [
        ("expired on May 2, 2031 and was not renewed", "2031-05-02"),  # its ending: the event
        ("will expire on May 2, 2036", None),  # a term still to run: no event date
    ],
)
def test_the_date_an_agreement_expired_on_is_its_termination_date(ended, date):
    text = f"The Employment Agreement between the Company and Bo Lund {ended}."
    [found] = _found(text, "2031-05-05", item="1.02")
    assert found.date == date


@pytest.mark.parametrize(
    "sentence, date",
    [
        # the day of the announcement of an earlier signing is not the signing's
        (
            "On May 3, 2031, Northwind announced that it had entered into an agreement with "
            "Orbit Corp. to sell its Ohio plant.",
            None,
        ),
        (
            "On May 3, 2031, Northwind announced that it has entered into an agreement with Orbit "
            "Corp. to sell its Ohio plant.",
            "2031-05-03",
        ),
    ],
)
def test_the_day_an_earlier_signing_was_announced_does_not_date_it(sentence, date):
    [found] = _found(sentence, "2031-05-05", item="8.01")
    assert found.date == date
