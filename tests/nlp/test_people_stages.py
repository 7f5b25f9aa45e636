"""The people stages on sentences written for these tests (not taken from labelled filings)."""

from __future__ import annotations

import pytest

from pactgraph.nlp.extraction.officers import elected_directors, officers_in_items
from pactgraph.nlp.extraction.roles import read_title, role_of
from pactgraph.nlp.reader.signature import find_signatures


def _role(sentence: str, name: str) -> str | None:
    start = sentence.index(name)
    return role_of(sentence, start, start + len(name), len(sentence), 0)


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        (
            "On June 2, 2031, Harriet Q. Vole resigned as Chief Executive Officer of Zeta Mills, "
            "Inc.",
            "Harriet Q. Vole",
            "Chief Executive Officer",
        ),
        (
            "The Board appointed Omar Lindqvist the Company’s principal accounting officer.",
            "Omar Lindqvist",
            "Principal accounting officer",
        ),
        (
            "Zeta announced the appointment of Priya Nandakumar as its Senior Vice President and "
            "General Counsel, effective May 1.",
            "Priya Nandakumar",
            "Senior Vice President and General Counsel",
        ),
        (
            "From that date, Bo Andersen became the Chief Operating Officer of the Company.",
            "Bo Andersen",
            "Chief Operating Officer",
        ),
        (
            "Dana K. Ruiz tendered her resignation, effective at once, as a director of Zeta.",
            "Dana K. Ruiz",
            "Director",
        ),
        (
            "The directors elected Lena Fischer to the Board of Directors.",
            "Lena Fischer",
            "Director",
        ),
        (
            "The Board grew to nine members and elected Lena Fischer to fill the new seat.",
            "Lena Fischer",
            "Director",
        ),
        (
            "The Board appointed Lena Fischer, 44, to succeed Mr. Quill as Treasurer on May 2.",
            "Lena Fischer",
            "Treasurer",
        ),
        (
            "The Board appointed Lena Fischer to the position of Treasurer on May 2.",
            "Lena Fischer",
            "Treasurer",
        ),
        (
            "The Board elected Ari Stone, a director since 1997, as Chairman of the Board.",
            "Ari Stone",
            "Chairman of the Board",
        ),
        (
            "Zeta named Ari Stone, currently Vice President, Sales, to the newly created "
            "position of Chief Commercial Officer.",
            "Ari Stone",
            "Chief Commercial Officer",
        ),
        (
            "Ari Stone, currently Vice President, Sales, will succeed Mr. Quill as Chief "
            "Financial Officer.",
            "Ari Stone",
            "Chief Financial Officer",
        ),
        (
            "Ari Stone, currently Senior Vice President, will become Executive Vice President.",
            "Ari Stone",
            "Executive Vice President",
        ),
        (
            "Ari Stone, Chairman of the Board of Harvest, will be appointed to the Board of Zeta.",
            "Ari Stone",
            "Chairman of the Board",
        ),
        (
            "Compensation for Tom Quill, who was promoted to Treasurer, rose.",
            "Tom Quill",
            "Treasurer",
        ),
        ("Ari Stone, age 47, has served as our Controller since 2019.", "Ari Stone", "Controller"),
        ("Ari Stone, the Chairman of the Board, spoke.", "Ari Stone", "Chairman of the Board"),
        (
            "The Board elected Lena Fischer, currently Executive Vice President, to succeed him.",
            "Lena Fischer",
            "Executive Vice President",
        ),
        (
            "On May 2, the Board named Lena Fischer Chief Financial Officer of Zeta.",
            "Lena Fischer",
            "Chief Financial Officer",
        ),
        (
            "Zeta's Senior Vice President and General Counsel, Ari Stone, informed the Board "
            "that he will step down.",
            "Ari Stone",
            "Senior Vice President and General Counsel",
        ),
    ],
)
def test_role_of_reads_the_office_the_sentence_gives(sentence, name, title):
    assert _role(sentence, name) == title


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The base salary of Ari Stone was raised to $400,000.", "Ari Stone"),
        ("Ari Stone will serve as chair of the Audit Committee.", "Ari Stone"),
        ("The agreement was signed by Ari Stone on behalf of the lender.", "Ari Stone"),
        ("Ari Stone resigned from Zeta Mills to pursue other interests.", "Ari Stone"),
        ("At the meeting of the Board, Ari Stone, who chairs it, resigned.", "Ari Stone"),
    ],
)
def test_role_of_gives_no_title_where_the_sentence_gives_no_office(sentence, name):
    assert _role(sentence, name) is None


def test_read_title_stops_at_the_last_head_word():
    text = "Chief Financial Officer of Zeta Mills, Inc. since 2010"
    assert read_title(text, 0) == "Chief Financial Officer"
    assert read_title("the Company's Board of Directors.", 0) == "Director"
    assert read_title("Vice President; and", 0) == "Vice President"
    assert read_title("base salary of", 0) is None


def test_read_title_stops_before_the_next_person_of_a_list():
    text = "Chief Executive Officer, Sergey Brin, its President, and Larry Page, its Chairman"
    assert read_title(text, 0) == "Chief Executive Officer"
    text = "Chief Financial Officer, and Mateo Ibarra-Lund, the Company's Treasurer."
    assert read_title(text, 0) == "Chief Financial Officer"
    assert read_title("Vice President, Finance and Treasurer", 0) == (
        "Vice President, Finance and Treasurer"
    )


def test_elected_directors_reads_the_vote_table_rows():
    text = (
        "Proposal 1. To elect three directors:\n"
        "Nominee\tFor\tWithheld\n"
        "Harriet Q. Vole\t1,234,567\t89,012\n"
        "Bo Andersen, Jr.\t1,200,000\t100,000\n"
        "2. Lena Fischer   1,100,000   5,000\n"
        "Proposal 2. Ratification of Grant Ledger LLP\n"
        "For\tAgainst\n1,000,000\t2,000\n"
    )
    assert elected_directors(text, 0, len(text)) == [
        ("Harriet Q. Vole", "Director"),
        ("Bo Andersen, Jr.", "Director"),
        ("Lena Fischer", "Director"),
    ]


def test_elected_directors_reads_a_vote_table_flattened_to_one_cell_per_line():
    text = (
        "Proposal 1. Election of Directors.\nNominee\nFor\nWithheld\n"
        "Harriet Q. Vole\n1,234,567\n89,012\nBo Andersen, Jr.\n1,200,000\n100,000\n"
        "Proposal 2. Say on pay.\nBase salary of Lena Fischer\n$450,000\n"
    )
    assert elected_directors(text, 0, len(text)) == [
        ("Harriet Q. Vole", "Director"),
        ("Bo Andersen, Jr.", "Director"),
    ]


def test_elected_directors_needs_an_election():
    text = "Say on pay results\nHarriet Q. Vole\t1,234,567\t89,012\n"
    assert elected_directors(text, 0, len(text)) == []


def test_officers_in_items_skips_the_exhibit_list_and_keeps_each_pair_once():
    text = (
        "Bo Andersen was appointed Treasurer. Bo Andersen was appointed Treasurer.\n"
        "Exhibit 99.1 Letter of Ari Stone, age 47, Controller\n"
    )
    cut = text.index("Exhibit")
    sections = [("5.02", 0, cut), ("9.01", cut, len(text))]
    assert officers_in_items(text, sections) == [("Bo Andersen", "Treasurer")]


def test_signatories_skip_rule_lines_under_the_signature():
    text = (
        "By: /s/ Harriet Q. Vole\n    ----------------------\n"
        "    Harriet Q. Vole\n    Chief Financial Officer\n"
    )
    assert _signed(text) == [("Harriet Q. Vole", "Chief Financial Officer")]


def test_elected_directors_reads_a_nominee_list_and_skips_header_words():
    text = (
        "Election of three directors; the proposals were approved.\n"
        "Director Nominee\nHarriet Q. Vole\nOmar Lindqvist\n"
        "Nominee\tVotes For\tVotes Against\n"
        "Lena Fischer Jr.\t1,100,000\t5,000\n"
    )
    assert elected_directors(text, 0, len(text)) == [
        ("Harriet Q. Vole", "Director"),
        ("Omar Lindqvist", "Director"),
        ("Lena Fischer Jr", "Director"),
    ]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "By: /s/ Omar Lindqvist\nOmar Lindqvist,\nSenior Vice President and Treasurer\n",
            ("Omar Lindqvist", "Senior Vice President and Treasurer"),
        ),
        (
            "/s/ Dana K. Ruiz\nDana K. Ruiz, Vice President -\nGeneral Counsel\n",
            ("Dana K. Ruiz", "Vice President - General Counsel"),
        ),
        (
            "/s/ Bo Andersen, Jr.\nBo Andersen, Jr.\nController\n",
            ("Bo Andersen, Jr.", "Controller"),
        ),
    ],
)
def test_signatories_split_a_name_line_that_holds_the_title(block, expected):
    assert _signed(block) == [expected]


def test_the_fuller_of_the_signed_and_the_printed_name_is_kept():
    assert _signed("/s/ W.K. Okafor\nWilliam K. Okafor\nPresident\n") == [
        ("William K. Okafor", "President")
    ]
    assert _signed("/s/ Matthew Lindqvist\nMatt Lindqvist\nTreasurer\n") == [
        ("Matthew Lindqvist", "Treasurer")
    ]


def _signed(block: str) -> list[tuple[str, str | None]]:
    """(name, title) of the signatures of a report's signature block."""
    return [(s.name, s.title) for s in find_signatures("SIGNATURES\n" + block, 0)]


def test_an_officer_party_to_an_agreement_is_a_person_with_the_office_the_items_give():
    from pactgraph.nlp.extraction.officers import party_people

    text = (
        "On May 3, 2031, the Company and Mr. Okafor entered into an Employment Agreement "
        "providing for Mr. Okafor’s continued employment as the Company’s Chief Financial "
        "Officer. The Company also entered into a Support Agreement with Lena Okafor and Jan "
        "Brandt, a stockholder."
    )
    sections = [("5.02", 0, len(text))]
    people = party_people(
        text,
        sections,
        ["Zeta Mills, Inc.", "Lena Okafor", "Jan Brandt"],
        ["Lena Okafor", "Jan Brandt"],
    )
    assert people == [("Lena Okafor", "Chief Financial Officer")]


def test_names_with_accents_and_apostrophes_are_people():
    from pactgraph.nlp.people import find_persons

    text = "The nominees Kevin O’Byrne, Margarita Paláu-Hernández and Dana D'Amato were elected."
    assert [p.name for p in find_persons(text)] == [
        "Kevin O’Byrne",
        "Margarita Paláu-Hernández",
        "Dana D'Amato",
    ]
    text = "Co-founder Jae-yong Lee and Hye-jin Park were elected."
    assert [p.name for p in find_persons(text)] == ["Jae-yong Lee", "Hye-jin Park"]


def test_names_of_four_words_and_with_particles_are_whole():
    from pactgraph.nlp.people import find_persons

    text = (
        "The Board elected Tomás Ignacio Vidal Arroyo, Anneke van der Hoorn and Luisa Maria de la "
        "Fuente Ortiz, and J. Pieter ten Brink III resigned."
    )
    assert [p.name for p in find_persons(text)] == [
        "Tomás Ignacio Vidal Arroyo",
        "Anneke van der Hoorn",
        "Luisa Maria de la Fuente Ortiz",
        "J. Pieter ten Brink III",
    ]


def test_an_offices_function_is_no_name():
    from pactgraph.nlp.people import find_persons

    text = "Orla Venn, Executive Vice President, Worldwide Operations, and Ari Stone signed."
    assert [p.name for p in find_persons(text)] == ["Orla Venn", "Ari Stone"]


def test_the_capitalised_words_of_an_agreements_title_are_no_name():
    from pactgraph.nlp.people import find_persons

    text = "Zeta and Orla Venn entered into a Mutual Termination and Release Agreement."
    assert [p.name for p in find_persons(text)] == ["Orla Venn"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("On June 4, 2031, President Orla Venn resigned.", "Orla Venn"),
        ("Our Chief Operating Officer Basil Ekwueme will retire.", "Basil Ekwueme"),
        ("Executive Vice President Ines Marie Kowal will succeed him.", "Ines Marie Kowal"),
    ],
)
def test_a_name_after_an_office_with_no_comma_is_found(sentence, name):
    from pactgraph.nlp.people import find_persons

    assert [p.name for p in find_persons(sentence)] == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        "On May 2, 2031, the Board appointed Harriet Q. Vole, Omar Lindqvist and Priya N. Sandoval "
        "to serve as directors of the Company.",
        "Harriet Q. Vole, Omar Lindqvist, and Priya N. Sandoval resigned as directors on May 2, "
        "2031.",
    ],
)
def test_the_office_of_a_list_of_people_is_given_to_each(sentence):
    found = officers_in_items(sentence, [("5.02", 0, len(sentence))])
    assert found == [
        ("Harriet Q. Vole", "Director"),
        ("Omar Lindqvist", "Director"),
        ("Priya N. Sandoval", "Director"),
    ]


def test_an_office_after_a_comma_is_no_firm_name():
    sentence = (
        "On May 2, 2031, the Company announced that Harriet Q. Vole, Group President, Frozen "
        "Foods, has given notice of her intent to leave."
    )
    assert ("Harriet Q. Vole", "Group President") in officers_in_items(
        sentence, [("5.02", 0, len(sentence))]
    )


def test_the_office_of_a_person_leaving_may_be_given_in_the_next_sentence():
    text = (
        "On May 2, 2031, Harriet Q. Vole resigned from the Company. Ms. Vole had been serving as "
        "Executive Vice President and General Manager."
    )
    assert officers_in_items(text, [("5.02", 0, len(text))]) == [
        ("Harriet Q. Vole", "Executive Vice President and General Manager")
    ]


def test_his_position_as_names_the_office_of_the_sentences_subject():
    text = (
        "Harriet Q. Vole has notified Zeta Mills, Inc. that she will retire from her position as "
        "the Company's Vice President, Worldwide Sales."
    )
    found = officers_in_items(text, [("5.02", 0, len(text))])
    assert [name for name, _ in found] == ["Harriet Q. Vole"]
    assert found[0][1].startswith("Vice President")


def test_a_signers_courtesy_title_is_no_part_of_the_name():
    from pactgraph.nlp.extract import _signatory
    from pactgraph.nlp.reader import Signature

    sig = Signature("Dr. Harriet Q. Vole", "President & CEO", None, None, 0, 10)
    assert _signatory(sig, "Zeta Mills, Inc.")["name"] == "Harriet Q. Vole"


def test_a_person_who_notified_the_board_of_a_resignation_takes_its_office():
    text = (
        "On August 16, 2030, Karen E. Lindholm notified the Board of Directors of Orbit Labs, "
        "Inc. of her resignation as President and Chief Executive Officer, effective August 31."
    )
    assert officers_in_items(text, [("5.02", 0, len(text))]) == [
        ("Karen E. Lindholm", "President and Chief Executive Officer")
    ]


def test_a_name_run_into_an_office_ends_before_it_and_an_office_alone_is_no_name():
    from pactgraph.nlp.people import find_persons

    text = "The Board named Lena Fischer Chief Financial Officer; Principal Accounting Officer."
    assert [p.name for p in find_persons(text)] == ["Lena Fischer"]


@pytest.mark.parametrize("gap", ["\t", "\n"])
def test_a_compensation_table_row_gives_the_officer_and_the_office(gap):
    from pactgraph.nlp.extraction.officers import compensation_rows

    text = (
        "The Committee set the following base salaries:\nExecutive\tBase Salary\n"
        f"Lena Fischer{gap}Chief Financial Officer\t$450,000\n"
        f"Ari Stone{gap}Senior Vice President, Sales\t$390,000\n"
        "Total\t\t$840,000\n"
    )
    assert compensation_rows(text, 0, len(text)) == [
        ("Lena Fischer", "Chief Financial Officer"),
        ("Ari Stone", "Senior Vice President"),
    ]


def test_a_row_that_holds_no_name_and_office_is_no_officer():
    from pactgraph.nlp.extraction.officers import compensation_rows

    text = "Fiscal 2031 Plan\tTarget Bonus\t$450,000\nLena Fischer and others\tDirectors\t$1\n"
    assert compensation_rows(text, 0, len(text)) == []


def test_a_defined_term_of_an_employment_agreement_is_no_person():
    from pactgraph.nlp.people import find_persons

    text = "Should he resign for Good Reason, Ari Stone receives one year of salary."
    assert [p.name for p in find_persons(text)] == ["Ari Stone"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Board elected Sandra Y. Okafor to fill the resulting vacancy.",
        "The Board appointed Sandra Y. Okafor, a certified public accountant, to the Board.",
    ],
)
def test_a_seat_on_the_board_with_no_office_named_is_director(sentence):
    assert _role(sentence, "Sandra Y. Okafor") == "Director"


def test_a_seat_given_first_leaves_the_office_to_a_later_sentence():
    text = (
        "The directors elected Stuart A. Kinnear to fill the vacancy. Mr. Kinnear was also "
        "appointed as Chairman of the Board."
    )
    found = officers_in_items(text, [("5.02", 0, len(text))])
    assert ("Stuart A. Kinnear", "Chairman of the Board") in found


def test_a_seat_keeps_its_title_over_an_office_of_the_persons_biography():
    text = (
        "The Board elected Thomas J. Ridge to fill the vacancy. Mr. Ridge served as Secretary "
        "of Homeland Security from 2003 to 2005."
    )
    found = officers_in_items(text, [("5.02", 0, len(text))])
    assert ("Thomas J. Ridge", "Director") in found
    assert not any(title.startswith("Secretary") for _, title in found)


def test_a_co_founder_title_is_read_up_to_its_office():
    from pactgraph.nlp.extraction.roles import read_title

    text = "the Company’s co-founder and Chief Technology Officer, who owns 4% of the shares"
    assert read_title(text, 0) == "Co-founder and Chief Technology Officer"


def test_an_office_written_in_capitals_is_no_persons_name():
    from pactgraph.nlp.people import find_persons

    text = (
        "Before that he served at Orrey Labs plc, most recently as Vice President and Corporate"
        " Controller, and Dana K. Whitlow will serve as Treasurer."
    )
    assert [p.name for p in find_persons(text, 0, len(text))] == ["Dana K. Whitlow"]


def test_the_seat_given_after_a_long_aside_wins_over_the_asides_offices():
    from pactgraph.nlp.extraction.officers import officers_in_items

    text = (
        "The Board appointed Marta J. Selby, formerly the Chairman, President and Chief Executive"
        " Officer of Orrey Foods, Inc., as a director of the Company, effective June 1, 2016."
    )
    assert officers_in_items(text, [("5.02", 0, len(text))]) == [("Marta J. Selby", "Director")]


def test_directors_appointed_under_a_collective_term_take_the_seat():
    from pactgraph.nlp.extraction.officers import officers_in_items

    text = (
        "The Company agreed to increase the size of the Board and appoint Dana K. Whitlow and"
        " Omar P. Sayed (together, the “New Directors”) to the Board, effective immediately."
    )
    assert officers_in_items(text, [("5.02", 0, len(text))]) == [
        ("Dana K. Whitlow", "Director"),
        ("Omar P. Sayed", "Director"),
    ]


def test_the_directors_a_sentence_lists_are_directors():
    from pactgraph.nlp.extraction.officers import officers_in_items

    text = (
        "Each of the directors of the Company, Dana K. Whitlow, Omar P. Sayed and Lena M. Okafor,"
        " entered into a Voting Agreement with Orrey Corp. dated as of May 2, 2031."
    )
    assert officers_in_items(text, [("1.01", 0, len(text))]) == [
        ("Dana K. Whitlow", "Director"),
        ("Omar P. Sayed", "Director"),
        ("Lena M. Okafor", "Director"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "On June 2, 2031, Ann B. Cole and Dev R. Shah each notified the Company of their"
            " resignation as a member of the Board.",
            [("Ann B. Cole", "Director"), ("Dev R. Shah", "Director")],
        ),
        (
            "On June 3, 2031, the Board elected Ann B. Cole as a Class II director, with a term"
            " expiring in 2032, and Dev R. Shah as Treasurer.",
            [("Ann B. Cole", "Director"), ("Dev R. Shah", "Treasurer")],
        ),
        (
            "The Board appointed Ann B. Cole, a partner of Lark Capital LLC, and Dev R. Shah"
            " (together, the “New Directors”) to the Board.",
            [("Ann B. Cole", "Director"), ("Dev R. Shah", "Director")],
        ),
        (
            "The Board elected Ann B. Cole, a managing director of Lark Capital LLC, the general"
            " partner of Lark, to fill the newly created directorship.",
            [("Ann B. Cole", "Director")],
        ),
        (
            "Dev R. Shah and the Company signed a lease, and Omar Ruiz as its guarantor.",
            [],
        ),
    ],
)
def test_people_sharing_a_verb_each_take_the_office_it_gives(text, found):
    assert officers_in_items(text, [("5.02", 0, len(text))]) == found


def test_a_division_after_an_office_title_is_no_person():
    from pactgraph.nlp.people import find_persons

    text = (
        "a Retention Agreement with each of Celia R. Okonkwo, Executive Vice President, Television"
        " Production, and Martin J. Haverford, President, Worldwide Distribution"
    )
    assert [p.name for p in find_persons(text)] == ["Celia R. Okonkwo", "Martin J. Haverford"]
