"""Agreement kind from its title (and, for generic titles, from the sentence), by data rules."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import get_args

from .facts import Kind
from .names import without_courtesy_dots
from .vocab import alternation

# the kinds of pactgraph.facts/v1, listed once: in the facts' types
KINDS: tuple[str, ...] = get_args(Kind)


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = json.loads(
        resources.files("pactgraph.nlp").joinpath("data/kinds.json").read_text("utf-8")
    )
    compile_ = lambda rules: [(re.compile(r"\b(?:" + p + r")", re.I), k) for p, k in rules]  # noqa: E731
    overrides = [
        (
            re.compile(r"\b(?:" + o["title"] + r")", re.I),
            re.compile(r"\b(?:" + o["context"] + r")", re.I),
            o["kind"],
        )
        for o in data.get("overrides", [])
    ]
    section_overrides = [
        o for o, raw in zip(overrides, data.get("overrides", [])) if raw.get("reach") == "section"
    ]
    return {
        "title": compile_(data["title"]),
        "context": compile_(data["context"]),
        "overrides": overrides,
        "section_overrides": section_overrides,
        "person_party": {
            k: v for k, v in data.get("person_party", {}).items() if not k.startswith("_")
        },
        "offering": re.compile(r"\b(?:" + data["offering_context"] + r")", re.I),
    }


@lru_cache(maxsize=1)
def _amended_agreement_lead() -> re.Pattern:
    """ "Waiver and Consent No. 2 to the X": the words before the title of the agreement an
    amending instrument changes (its kind is that agreement's); the amending nouns are the
    shared list of ``data/agreement_mentions.json``."""
    nouns = alternation("mentions", "amending_words", "attaching_words")
    return re.compile(rf"^(?:.*?\b(?:{nouns})(?: agreement)?(?: no\. ?\d+)? to (?:the )?)", re.I)


def kind_from_title(title: str) -> str | None:
    """The kind a title says, or None when the title is generic ("agreement", "letter
    agreement")."""
    body = _amended_agreement_lead().sub("", straight_quotes(title))
    ended = _ENDS_AN_AGREEMENT.match(body)
    if ended:  # "Lease Termination Agreement": it ends a lease, so it is of the lease's kind
        kind = _title_kind(ended.group(1) + " agreement")
        return "separation" if kind == "employment" else kind  # ending a person's employment
    return _title_kind(body)


def _title_kind(body: str) -> str | None:
    for pattern, kind in _rules()["title"]:
        if pattern.search(body):
            return kind
    return None


# "<X> Termination Agreement": an agreement that ends an agreement of kind X
_ENDS_AN_AGREEMENT = re.compile(r"(?i)^(\S.*?)\s+termination\s+agreement$")


def kind_from_context(context: str) -> str:
    for pattern, kind in _rules()["context"]:
        if pattern.search(context):
            return kind
    return "other"


def kind_with_person(kind: str) -> str:
    """The kind of an agreement of ``kind`` whose counterparty is a natural person."""
    return _rules()["person_party"].get(kind, kind)


def straight_quotes(text: str) -> str:
    """Typographic apostrophes and quotes as straight ones, the way the vocabularies write
    them ("Shareholders’ Agreement" is a "shareholders' agreement")."""
    return text.translate(_STRAIGHT)


_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def decide_kind(title: str, context: str) -> str:
    title, context = straight_quotes(title), straight_quotes(without_courtesy_dots(context))
    for title_re, context_re, override in _rules()["overrides"]:
        if title_re.search(title) and context_re.search(context):
            return override
    kind = kind_from_title(title)
    if kind is None:
        kind = kind_from_context(context)
    if (
        kind == "purchase_sale"
        and re.fullmatch(r"(?i)purchase agreement", title.strip())
        and _rules()["offering"].search(context)
    ):
        kind = "securities_offering"
    return kind


def section_override(title: str, section_text: str) -> str | None:
    """The kind an override that reads the whole section gives ``title`` ("Cooperation Agreement"
    in a section that tells of board seats and a standstill), or None."""
    for title_re, context_re, kind in _rules()["section_overrides"]:
        if title_re.search(title) and context_re.search(section_text):
            return kind
    return None
