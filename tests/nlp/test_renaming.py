"""Filings renamed: distinctive company and people name words replaced the same way in a filing
and its gold facts."""

from __future__ import annotations

from pactgraph.nlp.renaming import distinctive_words, pseudo_word, renamed_gold, renamed_text


def _gold(registrant: str, *parties: str, person: str = "") -> dict:
    gold = {
        "source": {"file": f"filings/{registrant.split()[0].lower()}.txt"},
        "filing": {"registrant": {"name": registrant}},
        "agreements": [{"title": "Credit Agreement", "parties": [registrant, *parties]}],
    }
    if person:
        gold["people"] = [{"name": person, "title": "Director", "organization": registrant}]
    return gold


def test_an_invented_word_is_always_the_same_and_capitalised():
    assert pseudo_word("Ascent") == pseudo_word("Ascent")
    assert pseudo_word("Ascent") != "Ascent"
    assert pseudo_word("Ascent")[0].isupper() and pseudo_word("Ascent")[1:].islower()
    assert pseudo_word("Ascent") != pseudo_word("Hydro")


def test_only_distinctive_name_words_are_renamed():
    golds = [
        (
            "a",
            _gold(
                "Ascent Solar Technologies, Inc.",
                "Norsk Hydro Produksjon AS",
                person="Matthew Foster",
            ),
        ),
        ("b", _gold("Brindle Capital Corp.", "Quarry National Bank")),
        ("c", _gold("Corvo Capital LLC", "Vesper National Bank")),
        ("d", _gold("Dunmore Capital Inc.", "Tamsin National Bank", "Time Holdings Ltd.")),
    ]
    texts = ["the solar industry", "from time to time", "On March 3, 2010"]
    words = distinctive_words(golds, texts)
    assert {"Ascent", "Norsk", "Hydro", "Produksjon", "Matthew", "Foster"} <= words
    assert "Capital" not in words and "National" not in words  # names of three registrants
    assert "Solar" not in words and "Time" not in words  # also written as common words
    assert "Technologies" in words  # a name word of one registrant, never a common word here
    assert "Inc" not in words and "Corp" not in words  # legal forms


def test_a_name_is_renamed_in_text_and_capitals_but_not_in_markup():
    words = frozenset({"Hydro", "Norsk"})
    html = '<p class="Hydro">Norsk Hydro Produksjon AS ("Hydro"), NORSK HYDRO; hydrography</p>'
    out = renamed_text(html, words)
    new = pseudo_word("Hydro")
    assert out.startswith('<p class="Hydro">')  # markup is left alone
    assert f'{pseudo_word("Norsk")} {new} Produksjon AS ("{new}")' in out
    assert f"{pseudo_word('Norsk').upper()} {new.upper()}" in out
    assert "hydrography" in out


def test_gold_facts_are_renamed_the_same_way_and_keep_their_source():
    gold = _gold("Ascent Solar Technologies, Inc.", "Norsk Hydro Produksjon AS")
    out = renamed_gold(gold, frozenset({"Ascent", "Hydro"}))
    assert out["source"] == gold["source"]
    assert (
        out["filing"]["registrant"]["name"] == f"{pseudo_word('Ascent')} Solar Technologies, Inc."
    )
    assert out["agreements"][0]["parties"][1] == f"Norsk {pseudo_word('Hydro')} Produksjon AS"
    assert (
        gold["agreements"][0]["parties"][1] == "Norsk Hydro Produksjon AS"
    )  # not changed in place
