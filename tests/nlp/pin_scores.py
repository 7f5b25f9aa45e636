"""Rewrite ``pinned_scores.json`` with today's figures: ``python tests/nlp/pin_scores.py``.

Run it after a change that cross-validation says is an improvement, and commit the file with
the change: the regression tests then hold every field to within one point of it.
"""

from __future__ import annotations

import json
from pathlib import Path

PINNED = Path(__file__).with_name("pinned_scores.json")


def current_scores() -> dict[str, dict[str, float]]:
    from pactgraph.nlp.crossval import cross_validate
    from pactgraph.nlp.cvreport import pooled
    from pactgraph.nlp.evaluate import HEADLINE, evaluate
    from pactgraph.nlp.labelled import find_eval_dir, holdout_ciks, load_labelled, split_holdout

    eval_dir = find_eval_dir()
    dev = evaluate(eval_dir / "gold").total
    labelled = load_labelled(
        [eval_dir / "gold", eval_dir / "gold-extra"], eval_dir.parent / "corpus"
    )
    cv = pooled(cross_validate(split_holdout(labelled, holdout_ciks())[0]).files)
    fields = sorted(set(dev.counts) | set(cv.counts))
    scores = {}
    for name, total in (("dev", dev), ("cv", cv)):
        scores[name] = {f: round(total.prf((f,))["f1"], 4) for f in fields}
        scores[name]["headline"] = round(total.prf(HEADLINE)["f1"], 4)
    return scores


if __name__ == "__main__":
    PINNED.write_text(json.dumps(current_scores(), indent=2, sort_keys=True) + "\n", "utf-8")
    print(PINNED.read_text("utf-8"))
