"""Defined-term aliases in the facts: the seed's "Hydro" and "Ascent"."""

from __future__ import annotations

from pactgraph.nlp.extract import facts_for_path


def test_the_seed_names_its_defined_terms_and_their_entities(seed_path):
    aliases = {a["alias"]: a["name"] for a in facts_for_path(seed_path)["aliases"]}
    assert aliases["Hydro"] == "Norsk Hydro Produksjon AS"
    assert aliases["Ascent"] == "Ascent Solar Technologies, Inc."
