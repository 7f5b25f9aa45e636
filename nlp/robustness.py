"""How much the scores move when labelled filings are written differently.

Each filing of the cross-validation set is extracted as written and as each perturbation of
:mod:`perturbations` rewrites it; both predictions are scored against the filing's gold facts.
A robust extractor scores the same either way: a drop names a writing habit it depends on.
(The rule-based extractor fits nothing, so scoring every filing with it is its
cross-validation; the held-out registrants stay out, as in ``--cv``.)
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .crossval import default_workers, plain_extract, predict
from .evaluate import Scores, score_facts
from .labelled import LabelledFiling
from .perturbations import PERTURBATIONS
from .renaming import distinctive_words, renamed_gold, renamed_text

# the row of filings renamed (their gold facts renamed with them), beside the perturbations
RENAMED = "renamed-names"
RENAMED_DESCRIPTION = "distinctive company and people name words replaced by invented words"


@dataclass(frozen=True)
class RobustnessRow:
    """One perturbation's effect: how many filings it rewrote, of those how many changed
    facts, and the headline micro-F1 over all filings as written and as rewritten."""

    name: str
    description: str
    rewritten: int
    changed: int
    as_written: float
    perturbed: float


def perturbed_extract(filing_path: Path, name: str) -> dict | None:
    """The facts of the filing as perturbation ``name`` rewrites it, or None when the
    perturbation leaves it as it is (a module-level function with a picklable model, so
    :func:`crossval.predict` can run it in worker processes; each filing is read and rewritten
    once, there)."""
    raw = filing_path.read_bytes().decode("utf-8", errors="surrogateescape")
    rewritten = PERTURBATIONS[name].rewrite(raw)
    if rewritten == raw:
        return None
    return _extract_text(filing_path.name, rewritten)


def renamed_extract(filing_path: Path, words: frozenset[str]) -> dict | None:
    """The facts of the filing with ``words`` renamed, or None when it holds none of them."""
    raw = filing_path.read_bytes().decode("utf-8", errors="surrogateescape")
    rewritten = renamed_text(raw, words)
    if rewritten == raw:
        return None
    return _extract_text(filing_path.name, rewritten)


def _extract_text(name: str, text: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="pactgraph-perturbed-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
        return plain_extract(path)


def _headline(golds: list[dict], predictions: list[dict]) -> float:
    total = Scores()
    for gold, pred in zip(golds, predictions):
        total.merge(score_facts(gold, pred))
    return total.headline


def robustness(
    filings: list[LabelledFiling], names: list[str] | None = None, workers: int | None = None
) -> list[RobustnessRow]:
    """One row per perturbation and one for the renamed filings (all of them unless ``names``
    are given)."""
    workers = workers or default_workers()
    paths = [f.filing_path for f in filings]
    golds = [json.loads(f.gold_path.read_text("utf-8")) for f in filings]
    plain = [facts for facts, _ in predict(paths, plain_extract, None, workers)]
    rows = []
    for name in names or [*PERTURBATIONS, RENAMED]:
        if name == RENAMED:
            words = _words_to_rename(filings, golds)
            redone = [facts for facts, _ in predict(paths, renamed_extract, words, workers)]
            rows.append(_row(name, RENAMED_DESCRIPTION, golds, plain, redone, words))
        else:
            redone = [facts for facts, _ in predict(paths, perturbed_extract, name, workers)]
            rows.append(_row(name, PERTURBATIONS[name].description, golds, plain, redone))
    return rows


def _words_to_rename(filings: list[LabelledFiling], golds: list[dict]) -> frozenset[str]:
    texts = (f.filing_path.read_text("utf-8", errors="replace") for f in filings)
    return distinctive_words([(f.group, g) for f, g in zip(filings, golds)], texts)


def _row(
    name: str,
    description: str,
    golds: list[dict],
    plain: list[dict],
    redone: list[dict | None],
    renamed: frozenset[str] = frozenset(),
) -> RobustnessRow:
    """The row of one rewrite: ``redone`` holds None for each filing it left as written. With
    ``renamed`` words, the gold facts and the as-written facts are renamed the same way before
    they are compared."""
    as_written = _headline(golds, plain)
    if renamed:
        golds = [renamed_gold(g, renamed) for g in golds]
        plain = [renamed_gold(p, renamed) for p in plain]
    touched = [i for i, facts in enumerate(redone) if facts is not None]
    rewritten = [plain[i] if facts is None else facts for i, facts in enumerate(redone)]
    changed = sum(1 for i in touched if _comparable(rewritten[i]) != _comparable(plain[i]))
    return RobustnessRow(
        name, description, len(touched), changed, as_written, _headline(golds, rewritten)
    )


def _comparable(facts: dict) -> str:
    """The facts without their evidence (whose offsets a rewrite may move)."""

    def bare(items: list[dict]) -> list[dict]:
        return sorted(
            ({k: v for k, v in x.items() if k != "evidence"} for x in items), key=json.dumps
        )

    return json.dumps({k: bare(facts.get(k) or []) for k in ("agreements", "stakes", "people")})
