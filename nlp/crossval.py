"""Grouped cross-validation of extraction over labelled filings, and the untouched split.

Folds are made of whole registrant groups (see :mod:`labelled`), so no registrant is seen on
both sides of a split. Callers pass the filings :func:`labelled.split_holdout` leaves, so the
registrants of ``data/holdout_registrants.txt`` are in no fold.

Trained components plug in through two callables::

    fit(train_gold_paths: list[Path]) -> model        # once per fold, on the other folds' gold
    extract(filing_path: Path, model) -> facts dict   # for each filing of the fold

``fit`` runs in this process; ``extract`` runs in worker processes when ``workers > 1``, so
it and the model must be picklable (a module-level function; a model object or the path it was
saved to). Without ``fit``, every filing is extracted by :func:`plain_extract` (the rule-based
extractor).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .cvreport import CrossValidation, FileResult
from .errors import ConfigError
from .evaluate import score_facts
from .labelled import LabelledFiling

Fit = Callable[[list[Path]], Any]
Extract = Callable[[Path, Any], dict]


def plain_extract(filing_path: Path, model: Any = None) -> dict:
    """The rule-based extractor; it has nothing to fit, so ``model`` is ignored. An exhibit
    saved on its own is no report: it states no facts."""
    from .errors import ExhibitFileError
    from .extract import facts_for_path

    try:
        return facts_for_path(filing_path)
    except ExhibitFileError:
        return {}


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def assign_folds(filings: list[LabelledFiling], folds: int) -> dict[str, int]:
    """Each registrant group's fold: groups largest first (ties by sha256 of the group's name)
    go one at a time to the fold with the fewest filings so far (ties to the lower fold)."""
    sizes = Counter(f.group for f in filings)
    if folds < 2 or folds > len(sizes):
        raise ConfigError(f"--folds must be between 2 and the {len(sizes)} registrants")
    order = sorted(sizes, key=lambda g: (-sizes[g], hashlib.sha256(g.encode()).hexdigest()))
    load, fold_of = [0] * folds, {}
    for group in order:
        fold = min(range(folds), key=lambda i: (load[i], i))
        fold_of[group] = fold
        load[fold] += sizes[group]
    return fold_of


_WORKER: dict[str, Any] = {}


def _init_worker(extract: Extract, model: Any) -> None:
    _WORKER["extract"], _WORKER["model"] = extract, model


def _extract_one(path: Path) -> tuple[dict, str | None]:
    """Facts of one filing, or no facts and the error (an extractor crash on one filing is
    scored as an empty prediction and reported, not allowed to end the whole run)."""
    try:
        return _WORKER["extract"](path, _WORKER["model"]), None
    except Exception as exc:  # noqa: BLE001 - any failure is this file's error
        return {}, f"{type(exc).__name__}: {exc}"


def predict(
    paths: list[Path], extract: Extract, model: Any, workers: int
) -> list[tuple[dict, str | None]]:
    """``(facts, error)`` for each path, in order, over ``workers`` processes."""
    if workers <= 1 or len(paths) < 2:
        _init_worker(extract, model)
        return [_extract_one(p) for p in paths]
    chunk = max(1, len(paths) // (workers * 8))
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(extract, model)) as pool:
        return list(pool.map(_extract_one, paths, chunksize=chunk))


def _score(
    filings: list[LabelledFiling],
    fold_of: dict[str, int],
    predictions: list[tuple[dict, str | None]],
) -> list[FileResult]:
    results = []
    for filing, (pred, error) in zip(filings, predictions):
        gold = json.loads(filing.gold_path.read_text("utf-8"))
        results.append(
            FileResult(filing, fold_of.get(filing.group, -1), score_facts(gold, pred), error)
        )
    return results


def cross_validate(
    filings: list[LabelledFiling],
    folds: int = 5,
    fit: Fit | None = None,
    extract: Extract | None = None,
    workers: int | None = None,
) -> CrossValidation:
    """Score every filing with a model fitted on the other folds only.

    ``filings`` are the cross-validation set (the holdout already removed). For each fold,
    ``model = fit(gold paths of the other folds)`` and then ``extract(path, model)`` for the
    fold's filings; without ``fit`` the model is ``None`` and all folds are extracted at once.
    """
    if fit is not None and extract is None:
        raise ValueError("a fit needs the extract that uses its model")
    extract = extract or plain_extract
    workers = workers or default_workers()
    fold_of = assign_folds(filings, folds)
    if fit is None:
        preds = predict([f.filing_path for f in filings], extract, None, workers)
        return CrossValidation(folds, _score(filings, fold_of, preds))
    results = []
    for fold in range(folds):
        test = [f for f in filings if fold_of[f.group] == fold]
        train = [f.gold_path for f in filings if fold_of[f.group] != fold]
        preds = predict([f.filing_path for f in test], extract, fit(train), workers)
        results += _score(test, fold_of, preds)
    results.sort(key=lambda r: r.filing.source)
    return CrossValidation(folds, results)


def score_holdout(
    train: list[LabelledFiling],
    held: list[LabelledFiling],
    fit: Fit | None = None,
    extract: Extract | None = None,
    workers: int | None = None,
) -> list[FileResult]:
    """The untouched split's per-file results, with a model fitted on all of ``train``.

    Callers must report only aggregate figures from these (see ``cvreport.holdout_summary``).
    """
    if fit is not None and extract is None:
        raise ValueError("a fit needs the extract that uses its model")
    model = fit([f.gold_path for f in train]) if fit is not None else None
    preds = predict(
        [f.filing_path for f in held], extract or plain_extract, model, workers or default_workers()
    )
    return _score(held, {}, preds)
