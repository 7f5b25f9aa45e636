"""Scoring with the definitions of the shared scorer."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from pactgraph.nlp.evaluate import HEADLINE, evaluate, names_match, score_facts

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
GOLD = SHARED / "gold"

SEED_GOLD = {
    "filing": {"registrant": {"name": "Ascent Solar Technologies, Inc."}, "date_of_report": "2007-12-18",
               "items": ["1.01", "9.01"]},
    "agreements": [{"title": "Cooperation Agreement", "kind": "collaboration", "action": "entered",
                    "date": "2007-12-18", "parties": ["Ascent Solar Technologies, Inc.", "Norsk Hydro Produksjon AS"],
                    "exhibit": "10.1"}],
    "stakes": [{"holder": "Norsk Hydro Produksjon AS", "target": "Ascent Solar Technologies, Inc.", "percent": 23.0,
                "qualifier": "approximately"}],
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
    assert s.prf(("agreement.parties",)) ["fp"] == 1
    assert s.prf(("stake",))["tp"] == 0
    assert s.prf(("agreement",))["f1"] == 1.0


def test_empty_prediction_scores_zero():
    assert score_facts(SEED_GOLD, {}).headline == 0.0


@pytest.mark.skipif(not GOLD.is_dir(), reason="shared gold set not present")
def test_same_numbers_as_the_shared_scorer(tmp_path):
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "score.py")
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    # a crude prediction: each gold file with its second half of agreements dropped and a date changed
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        agreements = gold["agreements"][: (len(gold["agreements"]) + 1) // 2]
        for a in agreements[:1]:
            a["date"] = None
        gold["agreements"] = agreements
        (tmp_path / path.name).write_text(json.dumps(gold), "utf-8")
    ours = evaluate(GOLD, pred_dir=tmp_path).total
    theirs = shared.Tally()
    for path in sorted(GOLD.glob("*.json")):
        theirs.merge(shared.score_file(shared.load(path), shared.load(tmp_path / path.name)))
    for name in theirs.counts:
        assert ours.prf((name,)) == pytest.approx(theirs.prf((name,))), name
    assert ours.prf(HEADLINE)["f1"] == pytest.approx(theirs.prf(shared.HEADLINE)["f1"])
