"""Scoring with the definitions of the shared scorer, and grouped cross-validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pactgraph.nlp.evaluate import HEADLINE, names_match, score_facts

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
GOLD = SHARED / "gold"

SEED_GOLD = {
    "filing": {
        "registrant": {"name": "Ascent Solar Technologies, Inc."},
        "date_of_report": "2007-12-18",
        "items": ["1.01", "9.01"],
    },
    "agreements": [
        {
            "title": "Cooperation Agreement",
            "kind": "collaboration",
            "action": "entered",
            "date": "2007-12-18",
            "parties": ["Ascent Solar Technologies, Inc.", "Norsk Hydro Produksjon AS"],
            "exhibit": "10.1",
        }
    ],
    "stakes": [
        {
            "holder": "Norsk Hydro Produksjon AS",
            "target": "Ascent Solar Technologies, Inc.",
            "percent": 23.0,
            "qualifier": "approximately",
        }
    ],
    "people": [{"name": "Matthew B. Foster", "title": "President and CEO"}],
}


def test_perfect_prediction_scores_one():
    assert score_facts(SEED_GOLD, SEED_GOLD).headline == 1.0


def test_names_normalised():
    assert names_match("ASCENT SOLAR TECHNOLOGIES, INC.", "Ascent Solar Technologies Inc")
    assert names_match("Alcoa", "Alcoa Inc.")


def test_errors_are_counted():
    pred = json.loads(json.dumps(SEED_GOLD))
    pred["agreements"][0]["date"] = "2007-12-19"
    pred["agreements"][0]["parties"].append("Someone Else LLC")
    pred["stakes"][0]["qualifier"] = "more_than"
    s = score_facts(SEED_GOLD, pred)
    assert s.prf(("agreement.date",))["f1"] == 0.0
    assert s.prf(("agreement.parties",))["fp"] == 1
    assert s.prf(("stake",))["tp"] == 0
    assert s.prf(("agreement",))["f1"] == 1.0


def test_empty_prediction_scores_zero():
    assert score_facts(SEED_GOLD, {}).headline == 0.0


# --- grouped cross-validation ---------------------------------------------------------------

EXTRA = SHARED / "gold-extra"
CORPUS = SHARED.parent / "corpus"
SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "nlp"
    / "samples"
    / "ascent-solar-technologies_2007-12-19_seed.txt"
)
needs_labelled = pytest.mark.skipif(
    not (GOLD.is_dir() and EXTRA.is_dir() and CORPUS.is_dir()),
    reason="../shared/eval/gold, gold-extra or corpus missing",
)


def _synthetic(tmp_path: Path, registrants: dict[str, list[tuple[str, str | None]]]):
    """A corpus and a gold folder: for each file name, the seed filing's text and a gold file
    naming the registrant (and its CIK when given); returns (gold_dir, corpus)."""
    corpus, gold_dir = tmp_path / "corpus", tmp_path / "eval" / "gold"
    (corpus / "filings").mkdir(parents=True)
    gold_dir.mkdir(parents=True)
    for file_name, entries in registrants.items():
        name, cik = entries[0]
        (corpus / "filings" / f"{file_name}.txt").write_bytes(SAMPLE.read_bytes())
        gold = json.loads(json.dumps(SEED_GOLD))
        gold["source"] = {"file": f"filings/{file_name}.txt"}
        gold["filing"]["registrant"] = {"name": name, **({"cik": cik} if cik else {})}
        (gold_dir / f"{file_name}.json").write_text(json.dumps(gold), "utf-8")
    return gold_dir, corpus


def _registrant_files(count: int) -> dict:
    """``count`` registrants with 1..4 filings each, by name only or with a CIK."""
    files = {}
    for r in range(count):
        for k in range(1 + r % 4):
            cik = f"{9000000 + r:010d}" if r % 2 else None
            files[f"reg{r:02d}-{k}"] = [(f"Registrant Number {r} Inc.", cik)]
    return files


def test_two_names_of_one_cik_and_header_and_file_name_ciks_group(tmp_path):
    from pactgraph.nlp.labelled import load_labelled

    gold_dir, corpus = _synthetic(
        tmp_path,
        {
            "a1": [("Concierge Technologies, Inc.", "0001005101")],
            "a2": [("Marygold Companies, Inc.", "0001005101")],
            "0001005101_2022-01-01_x": [("Yet Another Name", None)],
            "b1": [("Aaron Rents, Inc.", None)],
            "b2": [("Aaron's, Inc.", None)],
            "c1": [("Header Corp", None)],
            "c2": [("Other Name Of Header Corp", None)],
            "d1": [("THE ESTÉE LAUDER COMPANIES INC.", None)],
            "d2": [("Estee Lauder Companies Inc", None)],
        },
    )
    (corpus / "MANIFEST.csv").write_text(
        "file,company,cik\nfilings/b1.txt,ticker:AAN,\nfilings/b2.txt,ticker:AAN,\n", "utf-8"
    )
    for name in ("c1", "c2"):
        path = corpus / "filings" / f"{name}.txt"
        path.write_text("<SEC-HEADER>\nCENTRAL INDEX KEY:\t\t\t0000123456\n" + path.read_text())
    group = {f.gold_path.stem: f.group for f in load_labelled([gold_dir], corpus)}
    assert group["a1"] == group["a2"] == group["0001005101_2022-01-01_x"] == "cik:0001005101"
    assert group["b1"] == group["b2"] == "ticker:AAN"
    assert group["c1"] == group["c2"] == "cik:0000123456"
    assert group["d1"] == group["d2"] == "name:estee lauder"
    assert len(set(group.values())) == 4


def test_folds_are_deterministic_and_never_split_a_registrant(tmp_path):
    import random

    from pactgraph.nlp.crossval import assign_folds
    from pactgraph.nlp.labelled import load_labelled

    gold_dir, corpus = _synthetic(tmp_path, _registrant_files(12))
    filings = load_labelled([gold_dir], corpus)
    fold_of = assign_folds(filings, 4)
    shuffled = list(filings)
    random.Random(7).shuffle(shuffled)
    assert assign_folds(shuffled, 4) == fold_of
    assert sorted(set(fold_of.values())) == [0, 1, 2, 3]
    sizes = [sum(1 for f in filings if fold_of[f.group] == k) for k in range(4)]
    assert max(sizes) - min(sizes) <= 1 + max(1 + r % 4 for r in range(12))


def test_holdout_registrants_leave_cross_validation(tmp_path):
    from pactgraph.nlp.labelled import holdout_ciks, load_labelled, split_holdout

    gold_dir, corpus = _synthetic(
        tmp_path,
        {
            "h1": [("Held Out Corp", "0000000042")],
            "h2": [("Held Out Corp", None)],
            "k1": [("Kept Corp", "0000000043")],
        },
    )
    ciks = holdout_ciks("# comment\n0000000042 HELD OUT CORP\n\n")
    assert ciks == ["0000000042"]
    rest, held = split_holdout(load_labelled([gold_dir], corpus), ciks)
    assert sorted(f.gold_path.stem for f in held) == ["h1", "h2"]
    assert [f.gold_path.stem for f in rest] == ["k1"]


def test_fit_is_called_once_per_fold_without_that_folds_files(tmp_path):
    from pactgraph.nlp.crossval import assign_folds, cross_validate
    from pactgraph.nlp.labelled import load_labelled

    gold_dir, corpus = _synthetic(tmp_path, _registrant_files(10))
    filings = load_labelled([gold_dir], corpus)
    fold_of = assign_folds(filings, 5)
    gold_of = {f.filing_path: f.gold_path for f in filings}
    fits, extracted = [], []

    def fit(train):
        fits.append(list(train))
        return len(fits) - 1

    def extract(path, model):
        extracted.append((gold_of[path], model))
        return json.loads(gold_of[path].read_text("utf-8"))

    result = cross_validate(filings, folds=5, fit=fit, extract=extract, workers=1)
    assert len(fits) == 5
    for model, train in enumerate(fits):
        tested = {g for g, m in extracted if m == model}
        assert tested and not tested & set(train)
        assert set(train) | tested == {f.gold_path for f in filings}
    assert result.report()["pooled"]["headline"]["f1"] == 1.0
    assert [r.fold for r in result.files] == [fold_of[f.group] for f in filings]


def _recording_extract(path, model):
    """Extract with the rule-based extractor and keep the prediction under the gold file's
    name in ``model = (out_dir, {filing path: gold file name})``: what score.py reads."""
    from pactgraph.nlp.crossval import plain_extract

    out_dir, names = model
    facts = plain_extract(path)
    (out_dir / names[str(path)]).write_text(json.dumps(facts), "utf-8")
    return facts


def _score_py(gold_dir: Path, pred_dir: Path) -> dict:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), str(gold_dir), str(pred_dir), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


@needs_labelled
@pytest.mark.slow
def test_pooled_cv_figures_equal_the_shared_scorer(tmp_path):
    import shutil

    from pactgraph.nlp.crossval import cross_validate
    from pactgraph.nlp.labelled import holdout_ciks, load_labelled, split_holdout

    filings, _ = split_holdout(load_labelled([GOLD, EXTRA], CORPUS), holdout_ciks())
    gold_copy, preds = tmp_path / "gold", tmp_path / "pred"
    gold_copy.mkdir()
    preds.mkdir()
    for f in filings:
        shutil.copy(f.gold_path, gold_copy / f.gold_path.name)
    names = {str(f.filing_path): f.gold_path.name for f in filings}
    result = cross_validate(
        filings, folds=5, fit=lambda train: (preds, names), extract=_recording_extract, workers=2
    )
    ours, theirs = result.report()["pooled"], _score_py(gold_copy, preds)
    assert theirs["files"] == len(filings)
    # a filing the extractor fails on has no prediction file: both scorers count it as empty
    assert len(list(preds.glob("*.json"))) == len(filings) - len(result.errors())
    assert ours["fields"] == theirs["fields"]
    assert ours["headline"] == theirs["headline"]


def _perturbed(gold: dict, seed: int) -> dict:
    """A prediction with errors of many kinds, chosen by ``seed``."""
    pred = json.loads(json.dumps(gold))
    agreements, stakes, people = pred["agreements"], pred["stakes"], pred["people"]
    if agreements:
        a = agreements[seed % len(agreements)]
        change = seed % 6
        if change == 0:
            a["kind"], a["date"] = "other", None
        elif change == 1:
            a["parties"] = [p.upper() + " LLC" for p in a["parties"]][:1] + ["Stranger Corp"]
        elif change == 2:
            a["exhibit"] = None if a.get("exhibit") else "Exhibit 10.1"
        elif change == 3:
            agreements.append(
                {
                    "title": "an agreement",
                    "kind": "credit",
                    "action": "amended",
                    "date": "2001-01-01",
                    "parties": a["parties"][:1],
                }
            )
        elif change == 4:
            del agreements[0]
        else:
            a["title"], a["action"] = (a.get("title") or "") + " Amendment", "terminated"
    for i, s in enumerate(stakes):
        s["percent"] = float(s["percent"]) + (0.4, 0.6, 0.0)[(seed + i) % 3]
        if (seed + i) % 4 == 0:
            s["qualifier"] = "at_least"
    pred["people"] = [
        dict(p, title=("Director" if (seed + i) % 3 == 0 else p.get("title")))
        for i, p in enumerate(people)
        if (seed + i) % 5
    ]
    pred["filing"]["items"] = pred["filing"]["items"][: 1 + seed % 3] + ["8.01"]
    if seed % 7 == 0:
        pred["filing"]["registrant"]["name"] = "The " + pred["filing"]["registrant"]["name"]
        pred["filing"]["date_of_report"] = None
    return pred


@needs_labelled
def test_our_scorer_equals_the_shared_scorer_on_varied_errors(tmp_path):
    """score_facts summed over files equals score.py on the same predictions, for errors of
    every field (all labelled files, the holdout included: no extraction runs here)."""
    import shutil

    gold_copy, preds = tmp_path / "gold", tmp_path / "pred"
    gold_copy.mkdir()
    preds.mkdir()
    from pactgraph.nlp.evaluate import Scores

    total = Scores()
    for seed, path in enumerate(sorted(GOLD.glob("*.json")) + sorted(EXTRA.glob("*.json"))):
        gold = json.loads(path.read_text("utf-8"))
        pred = _perturbed(gold, seed)
        shutil.copy(path, gold_copy / path.name)
        (preds / path.name).write_text(json.dumps(pred), "utf-8")
        total.merge(score_facts(gold, pred))
    theirs = _score_py(gold_copy, preds)
    assert {name: total.prf((name,)) for name in sorted(total.counts)} == theirs["fields"]
    assert total.prf(HEADLINE) == theirs["headline"]
    assert 0.3 < theirs["headline"]["f1"] < 0.95


@needs_labelled
def test_real_groups_folds_and_holdout():
    from pactgraph.nlp.crossval import assign_folds
    from pactgraph.nlp.labelled import holdout_ciks, load_labelled, split_holdout

    filings = load_labelled([GOLD, EXTRA], CORPUS)
    assert len(filings) == len(list(GOLD.glob("*.json"))) + len(list(EXTRA.glob("*.json")))
    rest, held = split_holdout(filings, holdout_ciks())
    held_keys = {k for f in held for k in f.keys}
    assert {f"cik:{c}" for c in holdout_ciks()} <= held_keys
    assert not held_keys & {k for f in rest for k in f.keys}
    fold_of = assign_folds(rest, 5)
    folds_of_key: dict[str, set[int]] = {}
    for f in rest:
        for key in f.keys:
            folds_of_key.setdefault(key, set()).add(fold_of[f.group])
    assert all(len(folds) == 1 for folds in folds_of_key.values())
    by_source = {f.source: f.group for f in rest}
    marygold = [g for s, g in by_source.items() if "marygold" in s or "concierge" in s]
    assert marygold and set(marygold) == {"cik:0001005101"}
    assert assign_folds(list(reversed(rest)), 5) == fold_of


# --- the command line -----------------------------------------------------------------------


def test_cli_cv_writes_per_file_table_and_json(tmp_path, capsys):
    import csv

    from pactgraph.graph.cli import main

    gold_dir, corpus = _synthetic(tmp_path, _registrant_files(6))
    table = tmp_path / "per-file.csv"
    assert (
        main(
            [
                "evaluate",
                "--cv",
                "--folds",
                "3",
                "--gold",
                str(gold_dir),
                "--corpus",
                str(corpus),
                "--per-file",
                str(table),
                "--json",
                "--workers",
                "1",
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["protocol"]["folds"] == 3 and report["protocol"]["files"] == 13
    assert sorted(f["files"] for f in report["per_fold"]) == [4, 4, 5]  # groups 4,3,2,2,1,1
    assert set(report["spread"]["headline"]) == {"n", "mean", "min", "max", "std"}
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert len(rows) == 13 and {"file", "group", "fold", "headline_f1", "stake.fn"} <= set(rows[0])
    folds_of_group: dict[str, set[str]] = {}
    for row in rows:
        folds_of_group.setdefault(row["group"], set()).add(row["fold"])
    assert len(folds_of_group) == 6 and all(len(f) == 1 for f in folds_of_group.values())
    assert report["pooled"]["headline"]["f1"] > 0.5  # the seed's text, scored against its facts
    assert report["like_the_holdout"]["choices"] == 0  # no held-out registrant in these folders
    assert report["by_folder"]["gold"]["files"] == 13


def test_cli_holdout_prints_aggregates_only(tmp_path, capsys):
    from pactgraph.graph.cli import main
    from pactgraph.nlp.labelled import holdout_ciks

    held_cik = holdout_ciks()[0]
    gold_dir, corpus = _synthetic(
        tmp_path,
        {
            "heldfiling-one": [("Some Held Registrant Inc.", held_cik)],
            **_registrant_files(3),
        },
    )
    args = [
        "evaluate",
        "--holdout",
        "--gold",
        str(gold_dir),
        "--corpus",
        str(corpus),
        "--workers",
        "1",
    ]
    assert main(args + ["--json"]) == 0
    out = capsys.readouterr().out
    summary = json.loads(out)
    assert summary["files"] == 1 and summary["registrants"] == 1
    assert "heldfiling" not in out and "per_file" not in summary
    # one held registrant, read against each of the three cross-validated ones of its folder
    like = summary["like_the_holdout"]
    assert (like["size"], like["registrants_drawn_from"], like["choices"]) == (1, 3, 3)
    assert 0.0 <= like["share_at_or_below"] <= 1.0
    assert main(args + ["--per-file", str(tmp_path / "x.csv")]) == 2
    assert "aggregate" in capsys.readouterr().err


def test_cli_needs_a_mode(capsys):
    from pactgraph.graph.cli import main

    assert main(["evaluate"]) == 2
    assert "--cv" in capsys.readouterr().err
