"""The extraction on the repository's own labelled sets, reviewed/ and the blind
fresh/, fresh2/, fresh3/ and fresh4/, the real filings of real1/, and the written-for-test
reports of written/ (their READMEs)."""

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


REAL1 = Path(__file__).parent / "real1"


@pytest.mark.slow
def test_the_real_filings_of_unlabelled_registrants_do_not_regress():
    # real1/README.md: 5 real reports of registrants no other set holds, officers and directors
    # only; the filings are in the folder, so no ../shared corpus is needed
    result = evaluate(REAL1, corpus=REAL1)
    assert not result.errors and len(result.per_file) == 5
    assert result.total.prf(("people",))["f1"] >= 0.97
    assert result.total.prf(("filing.registrant",))["f1"] == 1.0


WRITTEN = Path(__file__).parent / "written"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "files", "floor"),
    [
        ("early", 20, 0.87),
        ("modern", 24, 0.87),
        ("html", 20, 0.80),
        ("large", 20, 0.88),
        ("sgml", 16, 0.86),
        ("ixbrl", 18, 0.88),
        ("energy", 18, 0.86),
        ("banks", 18, 0.84),
        ("techbio", 18, 0.85),
        ("large2", 18, 0.93),
        ("amend", 18, 0.83),
        ("mix", 16, 0.85),
        ("mid2004", 16, 0.88),
        ("recent", 16, 0.82),
        ("media", 16, 0.91),
        ("finance2", 16, 0.86),
        ("old2", 16, 0.84),
        ("unseen", 16, 0.90),
        ("large3", 16, 0.94),
        ("mid3", 16, 0.88),
        ("old3", 16, 0.85),
        ("late1", 14, 0.83),
        ("late2", 14, 0.87),
        ("late3", 14, 0.87),
        ("mid4", 14, 0.86),
        ("old4", 14, 0.86),
        ("old5", 14, 0.89),
        ("html2", 14, 0.89),
        ("late4", 14, 0.85),
        ("late5", 14, 0.88),
        ("late6", 14, 0.95),
        ("late7", 14, 0.87),
        ("late8", 14, 0.86),
        ("late9", 14, 0.85),
        ("late10", 14, 0.83),
        ("late11", 14, 0.85),
        ("late12", 14, 0.87),
        ("late13", 14, 0.85),
        ("late15", 14, 0.88),
        ("late16", 14, 0.86),
        ("late18", 12, 0.79),
        ("late19", 12, 0.85),
        ("late20", 12, 0.87),
        ("late21", 12, 0.89),
        ("late22", 12, 0.84),
        ("late23", 12, 0.89),
        ("late24", 12, 0.92),
        ("late25", 12, 0.90),
        ("late26", 12, 0.83),
        ("late27", 12, 0.87),
        ("late28", 12, 0.80),
        ("late29", 12, 0.91),
        ("late30", 12, 0.93),
        ("late31", 12, 0.89),
        ("late32", 12, 0.93),
        ("late33", 12, 0.93),
        ("late34", 12, 0.86),
        ("late35", 12, 0.90),
        ("late36", 12, 0.93),
        ("late37", 12, 0.91),
        ("late38", 12, 0.88),
        ("late39", 12, 0.89),
        ("late40", 12, 0.95),
        ("late41", 12, 0.91),
        ("late42", 12, 0.90),
        ("late43", 12, 0.93),
        ("late44", 12, 0.94),
        ("late45", 12, 0.89),
        ("late46", 12, 0.92),
        ("late47", 12, 0.91),
        ("late48", 12, 0.86),
        ("late14", 14, 0.89),
        ("late17", 14, 0.85),
        ("form", 14, 0.88),
    ],
)
def test_the_written_for_test_reports_do_not_regress(name, files, floor):
    folder = WRITTEN / name
    result = evaluate(folder, corpus=folder)
    assert not result.errors
    assert len(result.per_file) == files
    assert result.total.prf(HEADLINE)["f1"] >= floor
