"""Figures of a cross-validation: pooled micro-F1, per-fold F1 and its spread, per-file rows.

Pooled figures add up the true/false positives and false negatives of every filing, exactly as
the shared scorer does over one folder, so they equal what it prints for the same predictions.
A fold's figure for a field is left out (``None``) when the fold has nothing to count for it:
neither gold nor predicted values.
"""

from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass
from pathlib import Path

from .evaluate import HEADLINE, Scores
from .labelled import LabelledFiling


@dataclass(frozen=True)
class FileResult:
    """One filing's scores in the fold it was tested in (``fold`` is -1 for the holdout)."""

    filing: LabelledFiling
    fold: int
    scores: Scores
    error: str | None


def pooled(results: list[FileResult]) -> Scores:
    """The sum of the results' counts."""
    total = Scores()
    for result in results:
        total.merge(result.scores)
    return total


def _figures(scores: Scores) -> dict:
    return {
        "headline": scores.prf(HEADLINE),
        "fields": {name: scores.prf((name,)) for name in sorted(scores.counts)},
    }


def _counted(scores: Scores, names: tuple[str, ...]) -> bool:
    prf = scores.prf(names)
    return prf["tp"] + prf["fp"] + prf["fn"] > 0


def spread(values: list[float]) -> dict:
    """Mean, min, max and sample standard deviation (0 for one value) of ``values``."""
    if not values:
        return {"n": 0, "mean": None, "min": None, "max": None, "std": None}
    std = statistics.stdev(values) if len(values) > 1 else 0.0
    return {
        "n": len(values),
        "mean": statistics.fmean(values),
        "min": min(values),
        "max": max(values),
        "std": std,
    }


@dataclass
class CrossValidation:
    """Per-file results of a grouped K-fold run."""

    folds: int
    files: list[FileResult]

    def fold_scores(self) -> list[Scores]:
        return [pooled([r for r in self.files if r.fold == k]) for k in range(self.folds)]

    def fields(self) -> list[str]:
        return sorted(pooled(self.files).counts)

    def per_fold(self) -> list[dict]:
        rows, fields = [], self.fields()
        for fold, scores in enumerate(self.fold_scores()):
            in_fold = [r for r in self.files if r.fold == fold]
            rows.append(
                {
                    "fold": fold,
                    "files": len(in_fold),
                    "registrants": sorted({r.filing.group for r in in_fold}),
                    "headline": scores.prf(HEADLINE)["f1"] if _counted(scores, HEADLINE) else None,
                    "fields": {
                        name: scores.prf((name,)) if _counted(scores, (name,)) else None
                        for name in fields
                    },
                }
            )
        return rows

    def spreads(self) -> dict:
        folds = self.per_fold()
        return {
            "headline": spread([f["headline"] for f in folds if f["headline"] is not None]),
            "fields": {
                name: spread(
                    [f["fields"][name]["f1"] for f in folds if f["fields"][name] is not None]
                )
                for name in self.fields()
            },
        }

    def per_file(self) -> list[dict]:
        rows, fields = [], self.fields()
        for r in self.files:
            row = {
                "file": r.filing.source,
                "group": r.filing.group,
                "fold": r.fold,
                "headline_f1": r.scores.headline,
            }
            for name in fields:
                c = r.scores.prf((name,))
                row.update({f"{name}.tp": c["tp"], f"{name}.fp": c["fp"], f"{name}.fn": c["fn"]})
            rows.append(row)
        return rows

    def errors(self) -> dict[str, str]:
        return {r.filing.source: r.error for r in self.files if r.error}

    def report(self) -> dict:
        """Everything, as one JSON-ready object."""
        return {
            "protocol": {
                "folds": self.folds,
                "files": len(self.files),
                "registrants": len({r.filing.group for r in self.files}),
            },
            "pooled": _figures(pooled(self.files)),
            "per_fold": self.per_fold(),
            "spread": self.spreads(),
            "per_file": self.per_file(),
            "errors": self.errors(),
        }

    def write_per_file(self, path: Path) -> None:
        """The per-file table as CSV (one row per filing, tp/fp/fn columns per field)."""
        rows = self.per_file()
        with Path(path).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["file"])
            writer.writeheader()
            writer.writerows(rows)


def holdout_summary(results: list[FileResult]) -> dict:
    """Only aggregate figures of the untouched split: no file names, no per-file rows, no error
    texts (their number only), so its mistakes are never read and never fitted."""
    return {
        "files": len(results),
        "registrants": len({r.filing.group for r in results}),
        "unreadable_files": sum(1 for r in results if r.error),
        **_figures(pooled(results)),
    }
