"""The stake stages on sentences written for these tests: completed acquisitions, wording."""

from __future__ import annotations

import pytest

from pactgraph.nlp.extraction.acquisitions import acquisition_stakes

REGISTRANT = "Zeta Mills, Inc."


def _stakes(text: str, item: str = "2.01"):
    found = acquisition_stakes(text, [(item, 0, len(text))], REGISTRANT, lambda name: name)
    return [(s.holder, s.target, s.percent, s.qualifier) for s in found]


@pytest.mark.parametrize(
    "sentence",
    [
        "On May 3, 2031, the Company completed its acquisition of Orbit Foods, Inc., a Delaware "
        "corporation.",
        "On May 3, 2031, Zeta acquired all of the outstanding capital stock of Orbit Foods, Inc. "
        "for $40 million in cash.",
        "Upon the merger, Orbit Foods, Inc. became a wholly-owned subsidiary of the Company.",
        "On May 3, 2031, the Company completed its acquisition of all of the issued and "
        "outstanding shares of Orbit Foods, Inc. pursuant to the Merger Agreement.",
    ],
)
def test_a_completed_purchase_of_all_equity_gives_the_buyer_100(sentence):
    assert _stakes(sentence) == [(REGISTRANT, "Orbit Foods, Inc.", 100.0, "exact")]


def test_the_sentence_can_name_another_owner():
    text = "Orbit Foods, Inc. became a wholly owned subsidiary of Zeta Holdings LLC."
    assert _stakes(text) == [("Zeta Holdings LLC", "Orbit Foods, Inc.", 100.0, "exact")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Company expects to complete its acquisition of Orbit Foods, Inc. in June.",
        "The Company agreed to acquire all of the outstanding shares of Orbit Foods, Inc.",
    ],
)
def test_deals_not_yet_done_give_no_stake(sentence):
    assert _stakes(sentence) == []


def test_only_the_items_that_report_a_completed_deal_are_read():
    text = "On May 3, 2031, the Company completed its acquisition of Orbit Foods, Inc."
    assert _stakes(text, item="8.01") == []
    assert _stakes(text, item="2") != []


def test_an_organisation_right_after_acquired_is_bought_whole():
    text = "On May 3, 2031, Zeta acquired Orbit Foods, Inc. pursuant to a merger agreement."
    assert _stakes(text) == [(REGISTRANT, "Orbit Foods, Inc.", 100.0, "exact")]
    assert _stakes("On May 3, 2031, Zeta acquired certain assets of Orbit Foods, Inc.") == []


def test_stakes_read_across_a_line_break_and_no_month_holds_a_stake():
    from pactgraph.nlp.stakes import extract_stakes

    text = (
        "Kestrel merged with and into the registrant's wholly-owned\nsubsidiary, "
        "KS Acquisition, Inc., with KS Acquisition, Inc. surviving."
    )
    found = extract_stakes(
        text,
        [(0, len(text))],
        lambda n: "Zeta Mills, Inc." if n.lower() in ("registrant", "the registrant") else n,
        completed=True,
    )
    assert [(s.holder, s.target) for s in found] == [("Zeta Mills, Inc.", "KS Acquisition, Inc.")]
    text = "As of September 8,\n2031, the registrant owned approximately 6.8% of Kestrel's shares."
    assert all(s.holder != "September" for s in extract_stakes(text, [(0, len(text))], lambda n: n))


def test_a_holder_named_by_surname_is_the_person_named_before_in_full():
    from pactgraph.nlp.agreements import build_context
    from pactgraph.nlp.extraction.agreements.parties import Resolver

    text = (
        "On May 3, 2031, Zeta Mills, Inc. sold shares to Douglas P. Vane. Mr. Vane now "
        "beneficially owns 75.0% of the voting securities of Zeta Mills, Inc."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    resolver = Resolver(ctx)
    assert resolver.resolve("Vane") == resolver.resolve("Mr. Vane") == "Douglas P. Vane"
    assert resolver.resolve("Zeta") == REGISTRANT


def test_a_dot_com_name_and_a_defined_alias_are_read_whole():
    from pactgraph.nlp.agreements import build_context
    from pactgraph.nlp.extraction.agreements.parties import Resolver
    from pactgraph.nlp.stakes import extract_stakes

    text = (
        'Under the merger agreement among Orbit.com, Inc. ("Orbit.com"), Kestrel Corp. '
        '("Kestrel") and Kite Acquisition, Inc., a wholly owned subsidiary of Orbit.com '
        '("Merger Sub"), Orbit.com acquired all of the outstanding capital stock of Kestrel.'
    )
    ctx = build_context(text, "Orbit.com, Inc.", "2031-05-04", [], [(0, len(text))])
    resolve = Resolver(ctx).resolve
    wholly = extract_stakes(text, [(0, len(text))], resolve, completed=True)
    assert ("Orbit.com, Inc.", "Kite Acquisition, Inc.") in [(s.holder, s.target) for s in wholly]
    bought = acquisition_stakes(text, [("2", 0, len(text))], "Orbit.com, Inc.", resolve)
    assert [(s.holder, s.target) for s in bought] == [("Orbit.com, Inc.", "Kestrel Corp.")]


def test_a_possessive_list_of_wholly_owned_subsidiaries_gives_each_a_stake():
    from pactgraph.nlp.agreements import build_context
    from pactgraph.nlp.extraction.agreements.parties import Resolver
    from pactgraph.nlp.stakes import extract_stakes

    text = (
        'Kestrel Bancorp, Inc. ("Kestrel") will merge into Orbit Bancorp, Inc. (“Orbit”), and '
        "Kestrel’s wholly owned subsidiaries, Kestrel Bank, Inc., and Lark Valley Bank and "
        "Trust, Inc., will merge into Orbits’ wholly owned subsidiary, Orbit Bank."
    )
    ctx = build_context(text, "Kestrel Bancorp, Inc.", "2031-05-04", [], [(0, len(text))])
    found = extract_stakes(text, [(0, len(text))], Resolver(ctx).resolve)
    assert [(s.holder, s.target) for s in found][:2] == [
        ("Kestrel Bancorp, Inc.", "Kestrel Bank, Inc."),
        ("Kestrel Bancorp, Inc.", "Lark Valley Bank and Trust, Inc."),
    ]


def test_an_office_is_never_a_stake_target():
    from pactgraph.nlp.stakes import _org_like

    assert not _org_like("Chief Compliance Officer")
    assert not _org_like("Vice President")
    assert _org_like("Director Holdings, Inc.") and _org_like("Wainwright Holdings, Inc.")


def _sentence_stakes(text: str, aliases: dict[str, str]):
    """Stakes of one sentence, ``aliases`` the report's defined short names -> full names."""
    from pactgraph.nlp.stakes import alias_pattern, extract_stakes

    found = extract_stakes(
        text, [(0, len(text))], lambda n: aliases.get(n, n), aliases=alias_pattern(aliases)
    )
    return [(s.holder, s.target, s.percent) for s in found]


def test_a_defined_alias_is_a_name_without_a_legal_form():
    text = (
        "Zeta agreed to purchase from Orbit, a wholly owned subsidiary of Kappa Holdings Inc., "
        "all of the outstanding shares of Lumen Labs, Inc."
    )
    aliases = {"Orbit": "Orbit Foods LLC", "Zeta": REGISTRANT}
    assert _sentence_stakes(text, aliases) == [("Kappa Holdings Inc.", "Orbit Foods LLC", 100.0)]


def test_a_seller_is_not_the_holder_of_the_stake_it_sells():
    text = "Kappa acquired from Orbit a 49% ownership interest in Lumen Labs LLC."
    aliases = {"Orbit": "Orbit Foods LLC", "Kappa": "Kappa Holdings Inc."}
    assert _sentence_stakes(text, aliases) == [("Kappa Holdings Inc.", "Lumen Labs LLC", 49.0)]


def test_an_investment_in_an_unnamed_subsidiary_names_no_target():
    text = (
        "Kappa Holdings Inc. would acquire a 5% interest in Orbit through an investment in a "
        "wholly owned subsidiary of Lumen Labs, Inc. that will own all of Orbit."
    )
    aliases = {"Orbit": "Orbit Foods LLC"}
    assert ("Lumen Labs, Inc.", "Orbit Foods LLC", 100.0) not in _sentence_stakes(text, aliases)


def test_the_legal_type_of_a_foreign_subsidiary_is_an_appositive():
    text = (
        "On May 2, 2031, Kappa Holdings Inc. and Orbit Canada ULC, a Nova Scotia unlimited "
        "liability company and a wholly-owned indirect subsidiary of Kappa Holdings Inc., entered "
        "into a credit agreement."
    )
    assert _sentence_stakes(text, {}) == [("Kappa Holdings Inc.", "Orbit Canada ULC", 100.0)]


def test_a_holder_named_before_a_list_of_offices_owns_what_his_relative_clause_says():
    text = (
        "In addition, Bradley K. Osterhout, the Company's founder, President and Chief "
        "Executive Officer, who beneficially owns approximately 41% of Kappa Holdings Inc.'s "
        "outstanding common stock, has personally guaranteed the term loan."
    )
    [(holder, target, percent)] = _sentence_stakes(text, {})
    assert holder.endswith("Osterhout") and (target, percent) == ("Kappa Holdings Inc.", 41.0)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The plant is run through Lumen Labs, LLC, in which the Company owns an 80% "
            "membership interest.",
            [("the Company", "Lumen Labs, LLC", 80.0)],
        ),
        (
            "Orion Partners, L.P. sold shares and continues to own approximately 31.5% of the "
            "outstanding common stock of Kappa Holdings Inc.",
            [("Orion Partners, L.P.", "Kappa Holdings Inc.", 31.5)],
        ),
        (
            "Orion Funding III, LLC, a newly formed special purpose Delaware limited liability "
            "company and a wholly owned subsidiary of Kappa Holdings Inc., entered into it.",
            [("Kappa Holdings Inc.", "Orion Funding III, LLC", 100.0)],
        ),
        (
            "Pearl Merger Sub, Inc. and Opal Merger Sub, Inc. are wholly-owned subsidiaries of "
            "Kappa Holdings Inc.",
            [
                ("Kappa Holdings Inc.", "Opal Merger Sub, Inc.", 100.0),
                ("Kappa Holdings Inc.", "Pearl Merger Sub, Inc.", 100.0),
            ],
        ),
    ],
)
def test_stakes_in_relative_clauses_coordinated_verbs_and_plural_subsidiaries(text, expected):
    assert _sentence_stakes(text, {}) == expected


@pytest.mark.parametrize(
    "appositive",
    [
        "a California general partnership (\u201cTri-County\u201d)",
        "a company organized under the laws of The Netherlands (\u201cTri-County\u201d)",
    ],
)
def test_a_holders_appositive_stands_between_it_and_its_relative_clause(appositive):
    text = (
        f"Tri-County Media Investors, {appositive}, which holds approximately 21% of the "
        "outstanding common stock of Kappa Holdings Inc., entered into it."
    )
    expected = [("Tri-County Media Investors", "Kappa Holdings Inc.", 21.0)]
    assert _sentence_stakes(text, {}) == expected


def test_a_subsidiary_at_the_time_is_no_stake_held_after_the_event():
    text = (
        "Kappa Holdings Inc. and Orbit Labs Corporation, at the time a wholly owned subsidiary "
        "of Kappa Holdings Inc., entered into a transaction agreement with the purchaser."
    )
    assert _sentence_stakes(text, {}) == []


def test_coordinated_owners_of_one_joint_venture_each_hold_a_stake():
    active = "Kappa Holdings Inc. owns 55% and Orbit Foods LLC owns 45% of Lumen Labs LLC."
    assert _sentence_stakes(active, {}) == [
        ("Kappa Holdings Inc.", "Lumen Labs LLC", 55.0),
        ("Orbit Foods LLC", "Lumen Labs LLC", 45.0),
    ]
    passive = (
        "Lumen Labs LLC was formed in 2030 and is owned 55% by Kappa Holdings Inc. and 45% by "
        "Orbit Foods Kabushiki Kaisha."
    )
    assert _sentence_stakes(passive, {}) == [
        ("Kappa Holdings Inc.", "Lumen Labs LLC", 55.0),
        ("Orbit Foods Kabushiki Kaisha", "Lumen Labs LLC", 45.0),
    ]


def test_a_subsidiary_whose_possessive_lost_its_apostrophe_is_held_by_the_company():
    aliases = {"the Company": "Kappa Holdings Inc.", "Company": "Kappa Holdings Inc."}
    text = "It signed with the Companys wholly-owned subsidiary, Orbit Labs Pte. Ltd. (Orbit)."
    assert _sentence_stakes(text, aliases) == [
        ("Kappa Holdings Inc.", "Orbit Labs Pte. Ltd.", 100.0)
    ]


def test_subsidiaries_listed_after_including_are_each_held_and_an_agreement_is_never_held():
    aliases = {"the Company": "Kappa Holdings Inc.", "Company": "Kappa Holdings Inc."}
    text = (
        "The Company's obligations under the Credit Agreement are guaranteed by the Company's "
        "wholly owned domestic subsidiaries, including Orbit Foods LLC and Lumen Labs, Inc., "
        "pursuant to a Subsidiary Guaranty."
    )
    assert _sentence_stakes(text, aliases) == [
        ("Kappa Holdings Inc.", "Orbit Foods LLC", 100.0),
        ("Kappa Holdings Inc.", "Lumen Labs, Inc.", 100.0),
    ]
    from pactgraph.nlp.stakes import _org_like

    assert not _org_like("Credit Agreement") and not _org_like("Second Amendment")


def test_its_and_our_wholly_owned_subsidiaries_named_after_the_words():
    aliases = {"the Company": "Kappa Holdings Inc.", "Company": "Kappa Holdings Inc."}
    listed = (
        'Kappa Holdings Inc. (the "Company"), with its wholly owned subsidiaries Orbit Foods LLC '
        '("Orbit") and Lumen Labs, Inc. ("Lumen"), signed the amendment.'
    )
    assert _sentence_stakes(listed, aliases) == [
        ("Kappa Holdings Inc.", "Orbit Foods LLC", 100.0),
        ("Kappa Holdings Inc.", "Lumen Labs, Inc.", 100.0),
    ]
    # the month May is no "may" of what is still to come
    dated = "On May 2, 2031, our wholly owned subsidiary, Lumen Labs, Inc., signed a lease."
    assert _sentence_stakes(dated, aliases) == [("Kappa Holdings Inc.", "Lumen Labs, Inc.", 100.0)]


def test_its_refers_to_the_subject_not_to_the_object_before_it():
    text = (
        "Orbit Foods LLC sold to Kappa Holdings Inc. 1,000 preferred shares of its wholly owned "
        "subsidiary, Lumen Labs Limited, for $10 million."
    )
    assert _sentence_stakes(text, {}) == [("Orbit Foods LLC", "Lumen Labs Limited", 100.0)]


def test_the_buyer_is_the_subject_of_the_verb_when_one_is_named():
    text = (
        "On May 3, 2031, the Company sold its brokerage unit: pursuant to the agreement, Kappa "
        "Holdings Inc. purchased all of the outstanding shares of Orbit Foods, Inc."
    )
    assert _stakes(text) == [("Kappa Holdings Inc.", "Orbit Foods, Inc.", 100.0, "exact")]


def test_it_after_a_report_of_a_filing_is_the_subject_and_the_filing_holds_nothing():
    text = (
        "Kappa Holdings Inc. has reported in a Schedule 13D filed on May 2, 2031 that it "
        "beneficially owns approximately 14.2% of Orbit Foods, Inc."
    )
    assert _sentence_stakes(text, {}) == [("Kappa Holdings Inc.", "Orbit Foods, Inc.", 14.2)]


def test_a_defined_term_read_with_a_capital_the_is_still_the_term():
    from pactgraph.nlp.agreements import build_context
    from pactgraph.nlp.extraction.agreements.parties import Resolver

    text = 'Lumen Films, L.L.C. (the "Joint Venture") was formed. The Joint Venture is owned.'
    ctx = build_context(text, "Zeta Mills, Inc.", "2031-05-03", [], [(0, len(text))])
    assert Resolver(ctx).resolve("The Joint Venture") == "Lumen Films, L.L.C."


@pytest.mark.parametrize(
    "sentence, stake",
    [
        (
            "Kappa Holdings Inc. owns approximately 33.1% of the outstanding shares of common "
            "stock of Lumen Labs, Inc.",
            ("Kappa Holdings Inc.", "Lumen Labs, Inc.", 33.1),
        ),
        (
            "Kappa Holdings Inc. owned approximately 97.4% of the outstanding common units of "
            "limited partnership interest in Lumen Operating Partnership, LP.",
            ("Kappa Holdings Inc.", "Lumen Operating Partnership, LP", 97.4),
        ),
        (
            "Orbit Foods LLC owns approximately 5.2% of the outstanding shares of common stock.",
            ("Orbit Foods LLC", "Zeta Mills, Inc.", 5.2),
        ),
    ],
)
def test_what_a_percentage_is_of(sentence, stake):
    aliases = {"the Company": REGISTRANT}
    assert _sentence_stakes(sentence, aliases) == [stake]


@pytest.mark.parametrize(
    "sentence, stake",
    [
        (
            "Kappa Holdings Inc. and its wholly owned insurance subsidiary, Lumen Casualty "
            "Insurance Company, signed the release.",
            ("Kappa Holdings Inc.", "Lumen Casualty Insurance Company", 100.0),
        ),
        (
            "Lumen Bank, the wholly-owned Indiana commercial bank subsidiary of Kappa Holdings "
            "Inc., signed the agreement.",
            ("Kappa Holdings Inc.", "Lumen Bank", 100.0),
        ),
        (
            "Lumen National Bank, a national banking association, is the wholly owned "
            "subsidiary of Kappa Bancorporation.",
            ("Kappa Bancorporation", "Lumen National Bank", 100.0),
        ),
    ],
)
def test_a_wholly_owned_subsidiary_described_by_its_business(sentence, stake):
    assert _sentence_stakes(sentence, {}) == [stake]


def test_each_of_the_names_listed_before_each_a_wholly_owned_subsidiary():
    text = (
        "The amendment was signed by Orbit Operating, LLC and Lumen Midstream, LLC, each a "
        "wholly owned subsidiary of Kappa Holdings Inc., as guarantors."
    )
    assert sorted(_sentence_stakes(text, {})) == [
        ("Kappa Holdings Inc.", "Lumen Midstream, LLC", 100.0),
        ("Kappa Holdings Inc.", "Orbit Operating, LLC", 100.0),
    ]
    three = text.replace("LLC and", "LLC, Delta Pipeline LLC and")
    assert len(_sentence_stakes(three, {})) == 3  # a comma separates list items too
    which = text.replace("each a", "each of which is a")
    assert len(_sentence_stakes(which, {})) == 2


def _read(text: str) -> list:
    from pactgraph.nlp.stakes import extract_stakes

    def resolve(name: str) -> str:
        return REGISTRANT if name.lower() == "the company" else name

    found = extract_stakes(text, [(0, len(text))], resolve)
    return sorted((s.holder, s.target, s.percent, s.qualifier) for s in found)


@pytest.mark.parametrize(
    "sentence, holder",
    [
        (
            "Following the sale, Nordlys Invest AB owns approximately 19.6% of the outstanding "
            "shares of Common Stock.",
            "Nordlys Invest AB",
        ),
        (
            "As a result, Harbor Street Partners IV, L.P. and its affiliated funds own "
            "approximately 19.6% of the outstanding Common Stock.",
            "Harbor Street Partners IV, L.P.",
        ),
        (
            "The Company's Chairman, Dana Whitfield, and members of his family own "
            "approximately 19.6% of the Company's outstanding common stock.",
            "Dana Whitfield",
        ),
    ],
)
def test_a_holding_of_the_registrants_own_common_stock(sentence, holder):
    assert _read(sentence) == [(holder, REGISTRANT, 19.6, "approximately")]


def test_coordinated_holders_of_the_registrants_own_stock_each_hold_a_stake():
    sentence = (
        "Upon the closing, Kappa Holdings Inc. holds approximately 44.1% and Orbit Foods LLC "
        "holds approximately 8.2% of the outstanding Common Stock."
    )
    assert _read(sentence) == [
        ("Kappa Holdings Inc.", REGISTRANT, 44.1, "approximately"),
        ("Orbit Foods LLC", REGISTRANT, 8.2, "approximately"),
    ]


def test_a_courtesy_title_is_no_holder_but_leads_to_the_person():
    from pactgraph.nlp.orgs import find_orgs
    from pactgraph.nlp.stakes import _refs

    sentence = "Lumen Labs LLC is owned 85% by Orbit Foods LLC and 15% by Dr. Venn."
    assert [name for _, _, name in _refs(sentence, find_orgs(sentence))] == [
        "Lumen Labs LLC",
        "Orbit Foods LLC",
        "Dr. Venn",
    ]


def test_a_holding_still_to_come_after_a_condition_is_none():
    text = "Upon completion of the offering, Nordlys Invest AB will own 19.6% of the Common Stock."
    assert _read(text) == []


def test_each_of_two_holders_and_a_stake_owned_by():
    text = (
        "Each of Acme Holdings LLC and Beta Partners LLC holds a 50% membership interest in "
        "Gamma Ventures LLC. Delta Telecom S.A. is approximately 62% owned by Grupo Omega S.A."
    )
    assert _read(text) == [
        ("Acme Holdings LLC", "Gamma Ventures LLC", 50.0, "exact"),
        ("Beta Partners LLC", "Gamma Ventures LLC", 50.0, "exact"),
        ("Grupo Omega S.A.", "Delta Telecom S.A.", 62.0, "approximately"),
    ]


def test_a_stake_that_changed_hands_or_a_bare_surname_holds_nothing():
    text = (
        "Zeta Mills, Inc. completed its acquisition of the 50% membership interest in Gamma "
        "Ventures LLC that it did not already own. Mr. Solberg owns less than 1% of the "
        "outstanding Common Stock."
    )
    assert _read(text) == []


@pytest.mark.parametrize(
    "lead, held",
    [
        ("Prior to the merger, Kappa Fund LP owned", []),
        ("Before the closing, Kappa Fund LP held", []),
        ("Since 2019, Kappa Fund LP has owned", [("Kappa Fund LP", "Orbit Foods, Inc.", 41.0)]),
    ],
)
def test_a_holding_the_clause_says_ended_with_the_event_is_no_stake(lead, held):
    from pactgraph.nlp.agreements import build_context
    from pactgraph.nlp.extraction.agreements.parties import Resolver
    from pactgraph.nlp.stakes import extract_stakes

    text = f"{lead} approximately 41% of the outstanding shares of Orbit Foods, Inc."
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_stakes(text, [(0, len(text))], Resolver(ctx).resolve)
    assert [(s.holder, s.target, s.percent) for s in found] == held


def test_a_registrant_with_a_weak_form_owns_its_one_named_subsidiary():
    from pactgraph.nlp.agreements import build_context
    from pactgraph.nlp.extraction.agreements.parties import Resolver
    from pactgraph.nlp.stakes import extract_stakes

    registrant = "Kestrel Plains Energy Company"
    text = (
        'On May 2, 2031, Kestrel Plains Energy Company (the "Company") and its wholly owned '
        "subsidiary, Cottonwood State Bank, Council Grove, Kansas, signed a written agreement."
    )
    ctx = build_context(text, registrant, "2031-05-04", [], [(0, len(text))])
    found = extract_stakes(text, [(0, len(text))], Resolver(ctx).resolve)
    assert [(s.holder, s.target) for s in found] == [(registrant, "Cottonwood State Bank")]


def test_partnership_interests_of_two_partners_in_one_partnership():
    from pactgraph.nlp.agreements import build_context
    from pactgraph.nlp.extraction.agreements.parties import Resolver
    from pactgraph.nlp.stakes import extract_stakes

    text = (
        "Upon the closing, Kestrel Cable, Inc. holds a 60% general partnership interest and Lark "
        "Cable Associates, L.P. holds a 40% limited partnership interest in Orbit Cable Partners, "
        "L.P."
    )
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    found = extract_stakes(text, [(0, len(text))], Resolver(ctx).resolve)
    assert [(s.holder, s.target, s.percent) for s in found] == [
        ("Kestrel Cable, Inc.", "Orbit Cable Partners, L.P.", 60.0),
        ("Lark Cable Associates, L.P.", "Orbit Cable Partners, L.P.", 40.0),
    ]


@pytest.mark.parametrize("owned", ["a 70%-owned subsidiary", "a 70% owned subsidiary"])
def test_a_partly_owned_subsidiary_is_held_by_its_percentage(owned, tmp_path):
    from pactgraph.nlp.extract import facts_for_path

    report = tmp_path / "report.txt"
    report.write_text(
        "FORM 8-K\nCURRENT REPORT\nItem 8.01 Other Events.\nOn June 14, 2031, Sevier Lake "
        f"Minerals LLC, {owned} of Beehive Potash Corporation, entered into an amendment to "
        "its lease.\n"
    )
    stakes = facts_for_path(report)["stakes"]
    assert [(s["holder"], s["target"], s["percent"]) for s in stakes] == [
        ("Beehive Potash Corporation", "Sevier Lake Minerals LLC", 70.0)
    ]


def test_an_additional_percentage_acquired_is_no_holding():
    from pactgraph.nlp.agreements import build_context
    from pactgraph.nlp.extraction.agreements.parties import Resolver
    from pactgraph.nlp.stakes import extract_stakes

    text = "On May 2, 2031, Kestrel Mining Ltd. acquired an additional 26% of Orbit Minerals S.A."
    ctx = build_context(text, REGISTRANT, "2031-05-04", [], [(0, len(text))])
    assert extract_stakes(text, [(0, len(text))], Resolver(ctx).resolve) == []


def _report_stakes(tmp_path, body: str, item: str = "Item 8.01 Other Events.") -> list:
    """The stakes of a whole report whose one item says ``body`` (the pipeline's sentence
    selection included)."""
    from pactgraph.nlp.extract import facts_for_path

    text = (
        "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\nFORM 8-K\nCURRENT REPORT\n"
        "Date of Report (Date of earliest event reported): May 4, 2031\n"
        f"ZETA MILLS, INC.\n(Exact name of registrant as specified in its charter)\n\n{item}\n"
        f"{body}\n\nSIGNATURE\nBy: /s/ Ida Ode\nName: Ida Ode\nTitle: Chief Financial Officer\n"
    )
    path = tmp_path / "zeta.txt"
    path.write_text(text)
    return [(s["holder"], s["target"], s["percent"]) for s in facts_for_path(path)["stakes"]]


@pytest.mark.parametrize(
    ("body", "stakes"),
    [
        (
            "Upon the closing, Orbit Foods LLC received a fifty-seven and one-half percent (57.5%)"
            " membership interest in Kestrel Farms LLC.",
            [("Orbit Foods LLC", "Kestrel Farms LLC", 57.5)],
        ),
        (
            'On May 2, 2031, Orbit Funding II, LLC ("Orbit"), a special purpose subsidiary wholly'
            " owned by Kestrel Foods, Inc., entered into an amendment with Lark Bank.",
            [("Kestrel Foods, Inc.", "Orbit Funding II, LLC", 100.0)],
        ),
        (
            "As a result of the sale, Orbit Foods LLC owns all of the partnership interests in"
            " Kestrel Partners.",
            [("Orbit Foods LLC", "Kestrel Partners", 100.0)],
        ),
        (
            "Ann B. Cole holds all of the outstanding shares of Class B Common Stock, which carry"
            " the right to elect a majority of the Board.",
            [],
        ),
        (
            "Orbit Foods LLC beneficially owns 14,250,000 of the Company's common shares (the"
            ' "Shares"), representing approximately 34.6% of the outstanding Shares.',
            [("Orbit Foods LLC", "ZETA MILLS, INC.", 34.6)],
        ),
        (
            "Orbit Foods LLC, which has reported in a Schedule 13D filed with the Securities and"
            " Exchange Commission that it beneficially owns approximately 16.8% of the Company's"
            " outstanding common stock, will not become an Acquiring Person.",
            [("Orbit Foods LLC", "ZETA MILLS, INC.", 16.8)],
        ),
        (
            "Kestrel Holdco, Inc. was formed for the mergers, and each of Orbit Foods LLC and Lark"
            " Mills LLC currently owns 50% of its outstanding common stock.",
            [
                ("Lark Mills LLC", "Kestrel Holdco, Inc.", 50.0),
                ("Orbit Foods LLC", "Kestrel Holdco, Inc.", 50.0),
            ],
        ),
        (
            "As a result, the Company now owns, indirectly through Lark Holdings and Orbit Parks,"
            " 100% of the partnership interests in Kestrel Partners.",
            [("ZETA MILLS, INC.", "Kestrel Partners", 100.0)],
        ),
        (
            "Upon the closing, Orbit Foods LLC became the holder of approximately 4.1% of the"
            " Company's outstanding common stock.",
            [("Orbit Foods LLC", "ZETA MILLS, INC.", 4.1)],
        ),
        (
            "The stations are run by Kestrel Cable Partners, L.P., a Delaware limited partnership"
            " in which the Company, through a subsidiary, holds a 50% general partnership interest."
            " The remaining 50% interest in Kestrel Cable Partners, L.P. is held by Lark Media"
            " Corp.",
            [
                ("ZETA MILLS, INC.", "Kestrel Cable Partners, L.P.", 50.0),
                ("Lark Media Corp.", "Kestrel Cable Partners, L.P.", 50.0),
            ],
        ),
        (
            "The systems serve Binghamton, New York, in which each of the Company and Lark Media"
            " Corp. holds a 50% interest.",
            [],
        ),
        (
            "Orbit Foods LLC, which owns approximately twenty-two percent (22%) of the outstanding"
            " shares of Company Common Stock, entered into a Voting Agreement.",
            [("Orbit Foods LLC", "ZETA MILLS, INC.", 22.0)],
        ),
        (
            "Lark Trust holds individually approximately 5.7% of the outstanding Class B Common"
            " Stock.",
            [("Lark Trust", "ZETA MILLS, INC.", 5.7)],
        ),
        (
            "On May 3, 2031, Orbit Sub LLC, an Ohio limited liability company and a wholly-owned"
            ' subsidiary of Zeta Mills, Inc. (the "Registrant"), acquired all of the issued and'
            " outstanding shares of capital stock of Kestrel Gear Co.",
            [
                ("Zeta Mills, Inc.", "Orbit Sub LLC", 100.0),
                ("Orbit Sub LLC", "Kestrel Gear Co.", 100.0),
            ],
        ),
        (
            "The Company sold its interest to Orbit Foods LLC, which prior to the sale owned the"
            " remaining fifty-five percent (55%) interest in Kestrel Partners.",
            [],
        ),
    ],
)
def test_stakes_in_words_in_full_and_before_the_event(tmp_path, body, stakes):
    assert _report_stakes(tmp_path, body) == stakes


def test_mr_with_a_surname_two_persons_share_is_the_one_named_last_before_it():
    from pactgraph.nlp.agreements import build_context
    from pactgraph.nlp.extraction.agreements.parties import Resolver
    from pactgraph.nlp.sentences import sentence_spans
    from pactgraph.nlp.stakes import extract_stakes

    text = (
        "Marta L. Quist, the daughter of Anders P. Quist, was appointed President. "
        "Ms. Quist owns approximately 8.1% of the outstanding common stock of the Company. "
        "Anders P. Quist remains Chairman. Mr. Quist owns approximately 40.2% of the "
        "outstanding common stock of the Company."
    )
    ctx = build_context(text, "Quist Foods, Inc.", "2005-03-01", [], [(0, len(text))])
    resolver = Resolver(ctx)
    spans = sentence_spans(text, 0, len(text))
    found = extract_stakes(text, spans, resolver.resolve, resolve_at=resolver.resolve)
    assert [(s.holder, s.percent) for s in found] == [
        ("Marta L. Quist", 8.1),
        ("Anders P. Quist", 40.2),
    ]
    # without knowing where the name is written, neither person is told
    assert extract_stakes(text, spans, resolver.resolve) == []


@pytest.mark.parametrize(
    "sentence, holder",
    [
        (
            "Lumen Labs LLC, a Nevada limited liability company wholly owned by Kappa Holdings "
            "Inc., signed the lease.",
            "Kappa Holdings Inc.",
        ),
        ("The Company hired Lumen Labs LLC, an entity wholly owned by Orbit Foods LLC.", "Orbit"),
        (
            "On May 2, 2031, Lumen Labs LLC, a special purpose, bankruptcy-remote Delaware limited "
            "liability company wholly owned by Kappa Holdings Inc., bought receivables.",
            "Kappa Holdings Inc.",
        ),
    ],
)
def test_an_entity_said_to_be_wholly_owned_by_another_is_its_subsidiary(sentence, holder):
    aliases = {"Orbit": "Orbit Foods LLC"}
    found = _sentence_stakes(sentence, aliases)
    assert found == [(aliases.get(holder, holder), "Lumen Labs LLC", 100.0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Zeta is the sole general partner of the Operating Partnership and owns approximately "
        "97.2% of its outstanding common units.",
        "Zeta is the sole general partner of the Operating Partnership and, as of the date of "
        "this report, owns approximately 97.2% of its outstanding OP Units.",
        "Zeta is the sole general partner of, and owns approximately 97.2% of the outstanding "
        "units of limited partnership interest in, the Operating Partnership.",
    ],
)
def test_a_general_partner_owns_the_units_of_the_partnership_it_names(sentence):
    aliases = {"Zeta": REGISTRANT, "Operating Partnership": "Orbit Realty, L.P."}
    assert _sentence_stakes(sentence, aliases) == [(REGISTRANT, "Orbit Realty, L.P.", 97.2)]


def test_its_own_units_are_no_stake_in_another_entity():
    text = "Orbit Realty, L.P. owns approximately 40% of its outstanding common units."
    assert _sentence_stakes(text, {}) == []


def test_a_holder_with_a_middle_initial_is_named_in_full():
    text = (
        "Lumen Labs LLC is wholly owned by Conrad J. Millrace, the Company's Chairman, who "
        "beneficially owns approximately 62% of the outstanding common stock of Zeta."
    )
    aliases = {"Zeta": REGISTRANT}
    assert sorted(_sentence_stakes(text, aliases)) == [
        ("Conrad J. Millrace", "Lumen Labs LLC", 100.0),
        ("Conrad J. Millrace", REGISTRANT, 62.0),
    ]


@pytest.mark.parametrize(
    "sentence, holder",
    [
        (
            "Orbit Foods LLC, including its affiliates Kestrel Hollow LLC and Beta Partners "
            "LLC, owns approximately 12% of the outstanding common stock of Zeta.",
            "Orbit Foods LLC",
        ),
        (
            "Under the charter, including the right of Orbit Foods LLC, which owns approximately "
            "12% of the outstanding common stock of Zeta, to elect a director.",
            "Orbit Foods LLC",
        ),
    ],
)
def test_names_an_including_clause_lists_are_not_the_holder(sentence, holder):
    aliases = {"Zeta": REGISTRANT}
    assert _sentence_stakes(sentence, aliases) == [(holder, REGISTRANT, 12.0)]


def test_a_fraction_of_an_interest_is_a_stake():
    text = "Orbit Foods LLC holds a two-thirds membership interest in Lumen Labs LLC."
    assert _sentence_stakes(text, {}) == [("Orbit Foods LLC", "Lumen Labs LLC", 66.7)]


def test_words_set_off_by_a_comma_may_stand_between_wholly_owned_and_subsidiary():
    text = (
        "Under that facility, Zeta sells receivables to its wholly-owned, bankruptcy-remote "
        "special purpose subsidiary, Lumen Funding LLC."
    )
    assert _sentence_stakes(text, {"Zeta": REGISTRANT}) == [
        (REGISTRANT, "Lumen Funding LLC", 100.0)
    ]


@pytest.mark.parametrize(
    "stock", ["our common stock", "our outstanding shares", "the Company's common stock"]
)
def test_a_possessive_of_the_registrant_names_its_stock(stock):
    text = f"Orbit Capital LLC, our largest shareholder, owns 31.2% of {stock}."
    assert _sentence_stakes(text, {}) == [("Orbit Capital LLC", "the Company", 31.2)]


@pytest.mark.parametrize(
    "sentence, stakes",
    [
        (
            "Tarn Inc. holds a 51% membership interest in Pell Ventures LLC and Shinwa Corp. "
            "holds the remaining 49%.",
            [("Tarn Inc.", "Pell Ventures LLC", 51.0), ("Shinwa Corp.", "Pell Ventures LLC", 49.0)],
        ),
        (
            "Tarn Inc. owns 99% of Pell Texas, L.P., and Orbit Beverage, Inc., which holds the "
            "permits for the Company's Texas stores, holds the remaining 1% interest.",
            [
                ("Tarn Inc.", "Pell Texas, L.P.", 99.0),
                ("Orbit Beverage, Inc.", "Pell Texas, L.P.", 1.0),
            ],
        ),
        # no stake before it: the rest of nothing named
        ("Shinwa Corp. holds the remaining 49%.", []),
    ],
)
def test_the_remaining_share_is_of_the_entity_the_sentence_named(sentence, stakes):
    assert _sentence_stakes(sentence, {}) == stakes
