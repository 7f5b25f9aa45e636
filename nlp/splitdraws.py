"""What a split of whole registrants scores: every choice of k registrants, pooled.

The untouched split is a handful of registrants of one gold folder; the cross-validated
headline pools every filing of every other registrant. The two differ by *who* is in them as
well as by how well the extractor generalises: one registrant can hold a third of the pooled
filings, and a split of five registrants can be five easy ones or five hard ones. This module
reads the holdout's figure against splits like it: it takes the cross-validated results of the
registrants of the holdout's gold folders, forms every choice of ``size`` of them (or a fixed
sample when there are too many), and pools each choice as the scorer pools a folder.
"""

from __future__ import annotations

import itertools
import math
import random
import statistics
from collections.abc import Iterable
from pathlib import Path

from .cvreport import FileResult
from .evaluate import HEADLINE

# Above this many choices, a fixed-seed sample of this many stands in for all of them.
MAX_CHOICES = 200_000
_SEED = 0

Counts = tuple[int, int, int]


def registrant_counts(results: Iterable[FileResult], gold_dirs: set[Path]) -> dict[str, Counts]:
    """Headline (tp, fp, fn) per registrant, for the filings whose gold file is in
    ``gold_dirs``."""
    out: dict[str, Counts] = {}
    for r in results:
        if r.filing.gold_path.parent not in gold_dirs:
            continue
        c = r.scores.prf(HEADLINE)
        tp, fp, fn = out.get(r.filing.group, (0, 0, 0))
        out[r.filing.group] = (tp + c["tp"], fp + c["fp"], fn + c["fn"])
    return out


def _pooled_f1(choice: Iterable[Counts]) -> float:
    tp = fp = fn = 0
    for a, b, c in choice:
        tp, fp, fn = tp + a, fp + b, fn + c
    if not tp + fp + fn:
        return 1.0  # nothing to find and nothing found, as the scorer counts it
    return 2 * tp / (2 * tp + fp + fn)


def _choices(counts: list[Counts], size: int, limit: int) -> Iterable[tuple[Counts, ...]]:
    if math.comb(len(counts), size) <= limit:
        return itertools.combinations(counts, size)
    rng = random.Random(_SEED)
    return (tuple(rng.sample(counts, size)) for _ in range(limit))


def split_scores(counts: dict[str, Counts], size: int, limit: int = MAX_CHOICES) -> list[float]:
    """The pooled headline F1 of every choice of ``size`` registrants, sorted (a fixed-seed
    sample of ``limit`` choices when there are more)."""
    if not 0 < size <= len(counts):
        return []
    ordered = [counts[g] for g in sorted(counts)]
    return sorted(_pooled_f1(c) for c in _choices(ordered, size, limit))


def _quantile(values: list[float], q: float) -> float:
    return values[round(q * (len(values) - 1))]


def distribution(values: list[float], observed: float | None = None) -> dict:
    """Median, 5th and 95th percentile of sorted ``values``; with ``observed``, the share of
    splits that score no higher than it."""
    if not values:
        return {"choices": 0}
    out = {
        "choices": len(values),
        "median": statistics.median(values),
        "p05": _quantile(values, 0.05),
        "p95": _quantile(values, 0.95),
    }
    if observed is not None:
        out["share_at_or_below"] = sum(v <= observed for v in values) / len(values)
    return out


def by_folder(results: list[FileResult]) -> dict[str, dict]:
    """The pooled headline of each gold folder's filings (the dev gold is fitted; the others
    less so), with their filing and registrant counts."""
    out = {}
    for folder in sorted({r.filing.gold_path.parent for r in results}, key=lambda p: p.name):
        counts = registrant_counts(results, {folder})
        out[folder.name] = {
            "files": sum(1 for r in results if r.filing.gold_path.parent == folder),
            "registrants": len(counts),
            "headline": _pooled_f1(counts.values()),
        }
    return out


def like_the_holdout(
    cv_results: list[FileResult],
    held_gold_dirs: set[Path],
    held_registrants: int,
    observed: float | None = None,
) -> dict:
    """The distribution of splits of ``held_registrants`` registrants drawn from the
    cross-validated registrants of the holdout's gold folders (with ``observed``, the share
    of them scoring no higher)."""
    counts = registrant_counts(cv_results, held_gold_dirs)
    return {
        "registrants_drawn_from": len(counts),
        "size": held_registrants,
        **distribution(split_scores(counts, held_registrants), observed),
    }
