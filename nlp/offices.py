"""The one vocabulary of officer and director titles (``data/officer_titles.json``), for every
stage that must tell an office from a name: the reader's signature blocks, the people and
organisation recognisers, the party lists and the role reader.

- ``title_vocabulary()``: the words of a title ("heads" end one, "words" stand inside one,
  "board" phrases name a seat on the board);
- ``office_noun_regex(*extra)``: a capitalised office noun ("Officer", "Secretary"), with the
  caller's own extra alternatives ("Court", "Shares");
- ``OPENERS``: the words an office may open with right after a printed name.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _raw() -> dict:
    return json.loads(
        resources.files("pactgraph.nlp").joinpath("data/officer_titles.json").read_text()
    )


@lru_cache(maxsize=1)
def title_vocabulary() -> dict[str, frozenset[str]]:
    """The title words by role: ``heads``, ``words`` and ``board`` (lower case)."""
    raw = _raw()
    return {key: frozenset(raw[key]) for key in ("heads", "words", "board")}


def office_nouns() -> tuple[str, ...]:
    return tuple(_raw()["office_nouns"])


def office_noun_regex(*extra: str) -> str:
    """``\\b(?:President|Officer|...)\\b``: an office noun, or one of ``extra``."""
    return r"\b(?:" + "|".join(office_nouns() + extra) + r")\b"


#: the words an office opens with ("Executive Vice President"), capitalised
OPENERS: tuple[str, ...] = tuple(_raw()["openers"])
