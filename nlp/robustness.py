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


def perturbed_extract(filing_path: Path, name: str) -> dict:
    """The facts of the filing as perturbation ``name`` rewrites it (a module-level function
    with a picklable model, so :func:`crossval.predict` can run it in worker processes)."""
    raw = filing_path.read_bytes().decode("utf-8", errors="surrogateescape")
    rewritten = PERTURBATIONS[name].rewrite(raw)
    if rewritten == raw:
        return plain_extract(filing_path)
    with tempfile.TemporaryDirectory(prefix="pactgraph-perturbed-") as tmp:
        path = Path(tmp) / filing_path.name
        path.write_bytes(rewritten.encode("utf-8", errors="surrogateescape"))
        return plain_extract(path)


def _rewrites(filing: LabelledFiling, name: str) -> bool:
    raw = filing.filing_path.read_bytes().decode("utf-8", errors="surrogateescape")
    return PERTURBATIONS[name].rewrite(raw) != raw


def _headline(filings: list[LabelledFiling], predictions: list[dict]) -> float:
    total = Scores()
    for filing, pred in zip(filings, predictions):
        total.merge(score_facts(json.loads(filing.gold_path.read_text("utf-8")), pred))
    return total.headline


def robustness(
    filings: list[LabelledFiling], names: list[str] | None = None, workers: int | None = None
) -> list[RobustnessRow]:
    """One row per perturbation (all of them unless ``names`` are given)."""
    workers = workers or default_workers()
    plain = [
        facts
        for facts, _ in predict([f.filing_path for f in filings], plain_extract, None, workers)
    ]
    as_written = _headline(filings, plain)
    rows = []
    for name in names or list(PERTURBATIONS):
        touched = [i for i, f in enumerate(filings) if _rewrites(f, name)]
        redone = predict(
            [filings[i].filing_path for i in touched], perturbed_extract, name, workers
        )
        perturbed = list(plain)
        for i, (facts, _) in zip(touched, redone):
            perturbed[i] = facts
        changed = sum(1 for i in touched if _comparable(perturbed[i]) != _comparable(plain[i]))
        rows.append(
            RobustnessRow(
                name,
                PERTURBATIONS[name].description,
                len(touched),
                changed,
                as_written,
                _headline(filings, perturbed),
            )
        )
    return rows


def _comparable(facts: dict) -> str:
    """The facts without their evidence (whose offsets a rewrite may move)."""

    def bare(items: list[dict]) -> list[dict]:
        return sorted(
            ({k: v for k, v in x.items() if k != "evidence"} for x in items), key=json.dumps
        )

    return json.dumps({k: bare(facts.get(k) or []) for k in ("agreements", "stakes", "people")})
