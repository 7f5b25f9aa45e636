"""The learned agreement-event classifier: what a report did to the agreement a mention names.

A spaCy text classifier (trained here from the labelled facts, see ``pactgraph.nlp.training``)
reads each candidate mention in its sentence and scores ``entered``, ``amended``,
``terminated`` and ``none`` (background, plans, agreements still to be signed). The shipped
model lives in ``pactgraph/nlp/models/agreement_events`` and is loaded once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..agreements import find_mentions, title_key
from ..extract import report_sections
from ..sentences import sentence_spans

LABELS = ("entered", "amended", "terminated", "none")
MODEL_DIR = "models/agreement_events"
# Items whose text never reports an agreement event: the exhibit list.
_NO_EVENT_ITEMS = frozenset({"9.01", "7"})
_CONTEXT_CHARS = 400


@dataclass(frozen=True)
class Candidate:
    """An agreement mention with the sentence and item it stands in."""

    item: str
    start: int
    end: int
    title: str
    sentence: tuple[int, int]


def candidate_mentions(filing) -> list[Candidate]:
    """Every agreement mention the rules find in the report's items, in text order."""
    out: list[Candidate] = []
    for item, start, end in report_sections(filing):
        if item in _NO_EVENT_ITEMS:
            continue
        for s, e in sentence_spans(filing.text, start, end):
            for m in find_mentions(filing.text, s, e):
                out.append(Candidate(item, m.start, m.end, m.title, (s, e)))
    return out


def mention_text(text: str, candidate: Candidate) -> str:
    """The classifier's input: the item, then the sentence with the mention marked."""
    s, e = candidate.sentence
    left = text[max(s, candidate.start - _CONTEXT_CHARS) : candidate.start]
    right = text[candidate.end : min(e, candidate.end + _CONTEXT_CHARS)]
    body = f"{left} [[ {text[candidate.start : candidate.end]} ]] {right}"
    item = "item_" + re.sub(r"\W", "_", candidate.item or "none")
    return item + " . " + re.sub(r"\s+", " ", body).strip()


def model_path() -> Path:
    return Path(str(resources.files("pactgraph.nlp").joinpath(MODEL_DIR)))


@lru_cache(maxsize=4)
def load_model(path: str | None = None):
    """The trained pipeline at ``path`` (the shipped one by default), or None when absent."""
    import spacy

    where = Path(path) if path else model_path()
    if not (where / "meta.json").is_file():
        return None
    return spacy.load(where)


def score_candidates(texts: list[str], model) -> list[dict[str, float]]:
    """Label probabilities for each classifier input."""
    return [dict(doc.cats) for doc in model.pipe(texts, batch_size=64)]


@dataclass(frozen=True)
class CandidateGroup:
    """The mentions of one agreement title in a report: the unit the classifier decides on."""

    title: str
    mentions: tuple[Candidate, ...]


# How many of a title's mentions the classifier reads (the first ones carry the event).
GROUP_MENTIONS = 3


def candidate_groups(filing) -> list[CandidateGroup]:
    """Candidate mentions grouped by title, in order of first mention."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidate_mentions(filing):
        groups.setdefault(title_key(candidate.title), []).append(candidate)
    return [CandidateGroup(ms[0].title, tuple(ms)) for ms in groups.values()]


def group_text(text: str, group: CandidateGroup, rule_action: str | None = None) -> str:
    """The classifier's input for a group: what the rules decided for it (when given), then its
    first mentions, each marked in its sentence."""
    body = " | ".join(mention_text(text, c) for c in group.mentions[:GROUP_MENTIONS])
    return body if rule_action is None else f"rule_{rule_action} . {body}"
