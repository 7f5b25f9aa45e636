"""Splits of whole registrants: every choice pooled as the scorer pools a folder."""

from __future__ import annotations

from pathlib import Path

from pactgraph.nlp.cvreport import FileResult
from pactgraph.nlp.evaluate import Scores
from pactgraph.nlp.labelled import LabelledFiling
from pactgraph.nlp.splitdraws import (
    by_folder,
    distribution,
    like_the_holdout,
    registrant_counts,
    split_scores,
)

EXTRA, DEV = Path("/eval/gold-extra"), Path("/eval/gold")


def _result(group: str, folder: Path, tp: int, fp: int, fn: int, name: str) -> FileResult:
    scores = Scores()
    scores.add("agreement", tp, fp, fn)
    scores.add("people", 7, 7, 7)  # not a headline field: never counted here
    filing = LabelledFiling(folder / f"{name}.json", Path(f"/c/{name}.txt"), name, group)
    return FileResult(filing, 0, scores, None)


RESULTS = [
    _result("cik:1", EXTRA, 4, 0, 0, "a1"),
    _result("cik:1", EXTRA, 2, 0, 2, "a2"),
    _result("cik:2", EXTRA, 0, 0, 6, "b1"),
    _result("cik:3", EXTRA, 3, 1, 0, "c1"),
    _result("cik:9", DEV, 100, 0, 0, "d1"),
]


def test_counts_add_up_per_registrant_of_the_folder_only():
    counts = registrant_counts(RESULTS, {EXTRA})
    assert counts == {"cik:1": (6, 0, 2), "cik:2": (0, 0, 6), "cik:3": (3, 1, 0)}


def test_every_choice_is_pooled_not_averaged():
    counts = registrant_counts(RESULTS, {EXTRA})
    # {1,2}: 12/(12+0+8); {1,3}: 18/(18+1+2); {2,3}: 6/(6+1+6)
    assert split_scores(counts, 2) == sorted([12 / 20, 18 / 21, 6 / 13])
    assert split_scores(counts, 3) == [18 / (18 + 1 + 8)]
    assert split_scores(counts, 4) == [] and split_scores(counts, 0) == []


def test_a_registrant_with_nothing_to_find_scores_one_alone():
    assert split_scores({"cik:5": (0, 0, 0)}, 1) == [1.0]


def test_too_many_choices_are_sampled_the_same_way_every_run():
    counts = {f"cik:{i}": (i, 1, 10 - i) for i in range(10)}  # 252 choices of 5
    sample = split_scores(counts, 5, limit=40)
    assert len(sample) == 40 and sample == split_scores(counts, 5, limit=40)
    assert len(split_scores(counts, 5, limit=252)) == 252


def test_distribution_quantiles_and_share_at_or_below():
    values = [i / 100 for i in range(101)]
    d = distribution(values, observed=0.25)
    assert (d["choices"], d["median"], d["p05"], d["p95"]) == (101, 0.5, 0.05, 0.95)
    assert d["share_at_or_below"] == 26 / 101
    assert distribution([]) == {"choices": 0}


def test_like_the_holdout_draws_from_the_holdouts_folders():
    like = like_the_holdout(RESULTS, {EXTRA}, 2, observed=0.6)
    assert (like["registrants_drawn_from"], like["size"], like["choices"]) == (3, 2, 3)
    assert like["share_at_or_below"] == 2 / 3  # 6/13 and 12/20 score no higher than 0.6


def test_by_folder_pools_each_gold_folder_apart():
    folders = by_folder(RESULTS)
    assert folders["gold-extra"] == {"files": 4, "registrants": 3, "headline": 18 / (18 + 1 + 8)}
    assert folders["gold"] == {"files": 1, "registrants": 1, "headline": 1.0}
