"""The extraction on the repository's own labelled sets, reviewed/ and the blind
fresh/, fresh2/, fresh3/ and fresh4/, and the written-for-test reports of written/ (their
READMEs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactgraph.nlp.evaluate import HEADLINE, evaluate

REVIEWED = Path(__file__).parent / "reviewed"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


FRESH = Path(__file__).parent / "fresh"
FRESH2 = Path(__file__).parent / "fresh2"
FRESH3 = Path(__file__).parent / "fresh3"
FRESH4 = Path(__file__).parent / "fresh4"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared corpus not beside the repo")
@pytest.mark.slow
@pytest.mark.parametrize(
    ("folder", "files", "floors"),
    [
        (REVIEWED, 31, {HEADLINE: 0.83, ("agreement",): 0.88}),
        (FRESH, 26, {HEADLINE: 0.84, ("stake",): 0.9}),
        (FRESH2, 28, {HEADLINE: 0.83, ("agreement",): 0.8}),
        (FRESH3, 26, {HEADLINE: 0.77, ("agreement",): 0.8}),
        (FRESH4, 17, {HEADLINE: 0.78, ("agreement",): 0.86}),
    ],
    ids=["reviewed", "fresh", "fresh2", "fresh3", "fresh4"],
)
def test_the_repositorys_labelled_sets_do_not_regress(folder, files, floors):
    result = evaluate(folder, corpus=CORPUS)
    assert not result.errors
    assert len(result.per_file) == files
    for fields, floor in floors.items():
        assert result.total.prf(fields)["f1"] >= floor, fields


WRITTEN = Path(__file__).parent / "written"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "files", "floor"),
    [
        ("early", 20, 0.83),
        ("modern", 24, 0.83),
        ("html", 20, 0.75),
        ("large", 20, 0.83),
        ("sgml", 16, 0.82),
        ("ixbrl", 18, 0.79),
        ("energy", 18, 0.77),
        ("banks", 18, 0.77),
        ("techbio", 18, 0.79),
        ("large2", 18, 0.89),
        ("amend", 18, 0.77),
        ("mix", 16, 0.84),
        ("mid2004", 16, 0.85),
        ("recent", 16, 0.75),
        ("media", 16, 0.88),
        ("finance2", 16, 0.85),
        ("old2", 16, 0.80),
        ("unseen", 16, 0.85),
    ],
)
def test_the_written_for_test_reports_do_not_regress(name, files, floor):
    folder = WRITTEN / name
    result = evaluate(folder, corpus=folder)
    assert not result.errors
    assert len(result.per_file) == files
    assert result.total.prf(HEADLINE)["f1"] >= floor
