"""The extraction on the reviewed set (filings outside the dev set, see reviewed/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactgraph.nlp.evaluate import HEADLINE, evaluate

REVIEWED = Path(__file__).parent / "reviewed"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared corpus not beside the repo")
@pytest.mark.slow
def test_reviewed_set_headline_does_not_regress():
    result = evaluate(REVIEWED, corpus=CORPUS)
    assert not result.errors
    assert len(result.per_file) == 31
    assert result.total.prf(HEADLINE)["f1"] >= 0.83
    assert result.total.prf(("agreement",))["f1"] >= 0.88


FRESH = Path(__file__).parent / "fresh"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared corpus not beside the repo")
@pytest.mark.slow
def test_fresh_set_does_not_regress():
    result = evaluate(FRESH, corpus=CORPUS)
    assert not result.errors
    assert len(result.per_file) == 26
    assert result.total.prf(HEADLINE)["f1"] >= 0.84
    assert result.total.prf(("stake",))["f1"] >= 0.9
