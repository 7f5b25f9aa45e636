"""Which name spans of a sentence run together as one list (pactgraph.nlp.lists)."""

import re

from pactgraph.nlp.lists import list_runs, listed_before, listed_from, tuple_bounds

_COMMA_OR_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _spans(text: str, *names: str) -> list[tuple[int, int, str]]:
    out = []
    for name in names:
        start = text.index(name)
        out.append((start, start + len(name), name))
    return out


def test_names_joined_by_commas_and_and_are_one_list_and_a_verb_between_starts_another():
    text = "Ann Lee, Bo Chan and Cy Diaz were elected; Dee Fox resigned and Eve Gold stayed."
    spans = _spans(text, "Ann Lee", "Bo Chan", "Cy Diaz", "Dee Fox", "Eve Gold")
    runs = list_runs(spans, text, _COMMA_OR_AND, tuple_bounds)
    assert [[s[2] for s in run] for run in runs] == [
        ["Ann Lee", "Bo Chan", "Cy Diaz"],
        ["Dee Fox"],
        ["Eve Gold"],
    ]


def test_the_list_from_a_position_needs_its_first_name_right_there():
    text = "The Sellers are Kite Corp., Lark LLC and Moss Ltd. under the Mull Trust."
    spans = _spans(text, "Kite Corp.", "Lark LLC", "Moss Ltd.", "Mull Trust")
    after_are = text.index("are ") + len("are ")
    assert [s[2] for s in listed_from(spans, text, after_are, _COMMA_OR_AND, tuple_bounds)] == [
        "Kite Corp.",
        "Lark LLC",
        "Moss Ltd.",
    ]
    assert listed_from(spans, text, text.index("The"), _COMMA_OR_AND, tuple_bounds) == []


def test_the_names_listed_before_one_come_nearest_first_and_stop_at_other_words():
    text = "Owned by Nox Inc.; Oak Corp., Pine LLC and Quill Co. are its subsidiaries."
    spans = _spans(text, "Nox Inc.", "Oak Corp.", "Pine LLC", "Quill Co.")
    before = listed_before(spans, text, 3, _COMMA_OR_AND, tuple_bounds)
    assert [s[2] for s in before] == ["Pine LLC", "Oak Corp."]
