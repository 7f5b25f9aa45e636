"""The learned agreement-event classifier beside the rules, under the same grouped folds.

For each fold of ``pactgraph evaluate --cv`` the classifier is trained on the other folds'
examples and decides the fold's candidate agreements; the rules decide the same candidates
(their extracted agreements, matched by title). Both are scored against the gold action (or
``none``): the share of candidates labelled right, and of candidates rightly kept or dropped; so
are hybrids in which the classifier overrules the rules only where it is at least so sure.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from ..crossval import assign_folds
from ..extraction.event_model import load_model, score_candidates
from ..labelled import LabelledFiling
from .examples import Example, examples_of
from .train import train


def _rule_label(example: Example) -> str:
    """The rules' decision, which the example text opens with ("rule_entered . ...")."""
    return example.text.split(" ", 1)[0].removeprefix("rule_")


# how sure the classifier must be to overrule the rules in the hybrid tallies
HYBRID_CONFIDENCE = (0.8, 0.9, 0.95, 0.98)


def hybrid_label(example: Example, cats: dict[str, float], sure: float) -> str:
    """The rules' decision unless the classifier gives another label at least ``sure``."""
    best = max(cats, key=cats.get)
    return best if cats[best] >= sure else _rule_label(example)


def _tally(counts: Counter, who: str, said: str, gold: str) -> None:
    counts[f"{who} label"] += said == gold
    counts[f"{who} kept or dropped"] += (said == "none") == (gold == "none")


def compare(filings: list[LabelledFiling], corpus: Path, folds: int = 5) -> dict[str, float]:
    """Shares of candidates the classifier and the rules get right, pooled over the folds."""
    fold_of = assign_folds(filings, folds)
    examples = {f.source: examples_of(f.gold_path, corpus) for f in filings}
    counts: Counter = Counter()
    for k in range(folds):
        train_set = [e for f in filings if fold_of[f.group] != k for e in examples[f.source]]
        test_set = [e for f in filings if fold_of[f.group] == k for e in examples[f.source]]
        with tempfile.TemporaryDirectory(prefix="pactgraph-compare-") as tmp:
            model = load_model(str(train(train_set, Path(tmp) / "model")))
            for example, cats in zip(test_set, score_candidates([e.text for e in test_set], model)):
                counts["candidates"] += 1
                _tally(counts, "classifier", max(cats, key=cats.get), example.label)
                _tally(counts, "rules", _rule_label(example), example.label)
                for sure in HYBRID_CONFIDENCE:
                    _tally(
                        counts, f"hybrid@{sure}", hybrid_label(example, cats, sure), example.label
                    )
        load_model.cache_clear()
    n = counts.pop("candidates") or 1
    return {"candidates": n, **{key: value / n for key, value in sorted(counts.items())}}
