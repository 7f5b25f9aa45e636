"""Training examples for the agreement-event classifier, made from labelled filings.

The candidate agreement mentions the rules find in a report's items (the same candidates the
extractor sees) are grouped by title; each group becomes one example: its first mentions, each
marked in its sentence with the item it stands in. Its label is what the gold facts say the
report did to an agreement of that title (``entered``, ``amended``, ``terminated``), or ``none``
when no agreement of the gold facts has a similar title (background, plans, agreements still to
be signed).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import PactgraphError
from ..evaluate import title_similarity
from ..extraction.event_model import LABELS, candidate_groups, group_text
from ..extract import extract_facts
from ..reader import read_filing

# A mention and a gold agreement are the same agreement when their titles share this much
# (the scorer pairs agreements at a similar threshold).
SAME_TITLE = 0.5


@dataclass(frozen=True)
class Example:
    text: str
    label: str


def label_for(title: str, gold_agreements: list[dict]) -> str:
    """The gold action of the agreement most like ``title``, or ``none``."""
    best, label = 0.0, "none"
    for agreement in gold_agreements:
        similarity = title_similarity(title, agreement.get("title"))
        if similarity >= SAME_TITLE and similarity > best:
            best, label = similarity, agreement.get("action") or "entered"
    return label if label in LABELS else "none"


def examples_of(gold_path: Path, corpus: Path) -> list[Example]:
    """The examples of one labelled filing (none when the filing cannot be read)."""
    gold = json.loads(Path(gold_path).read_text("utf-8"))
    try:
        filing = read_filing(Path(corpus) / gold["source"]["file"])
    except PactgraphError:
        return []
    agreements = gold.get("agreements") or []
    found = extract_facts(filing)["agreements"]
    return [
        Example(
            group_text(filing.text, g, label_for(g.title, found)), label_for(g.title, agreements)
        )
        for g in candidate_groups(filing)
    ]


def examples(gold_paths: Iterable[Path], corpus: Path) -> Iterator[Example]:
    for path in gold_paths:
        yield from examples_of(path, corpus)
