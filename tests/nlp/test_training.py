"""The learned agreement-event classifier: examples, a real spaCy training run, loading."""

from __future__ import annotations

from pactgraph.nlp.extraction.event_model import LABELS, load_model, score_candidates
from pactgraph.nlp.training.examples import Example, label_for
from pactgraph.nlp.training.train import train

GOLD = [
    {"title": "Revolving Credit Agreement", "action": "amended"},
    {"title": "Stock Purchase Agreement", "action": "entered"},
]


def test_a_candidate_takes_the_action_of_the_gold_agreement_of_its_title():
    assert label_for("Amended Revolving Credit Agreement", GOLD) == "amended"
    assert label_for("stock purchase agreement", GOLD) == "entered"
    assert label_for("Registration Rights Agreement", GOLD) == "none"


def test_training_writes_a_pipeline_that_scores_every_label(tmp_path):
    examples = []
    for i in range(12):
        examples.append(
            Example(
                f"rule_entered . item_1_01 . On May {i + 1}, 2031, Zeta entered "
                f"into the [[ Supply Agreement ]] with Orbit {i}.",
                "entered",
            )
        )
        examples.append(
            Example(
                f"rule_none . item_8_01 . The [[ Credit Agreement ]] dated 20{i:02d} "
                "remains in effect.",
                "none",
            )
        )
    model = load_model(
        str(
            train(
                examples,
                tmp_path / "model",
                overrides={"training.max_epochs": 2, "training.eval_frequency": 10},
            )
        )
    )
    cats = score_candidates(
        ["rule_entered . item_1_01 . Zeta entered into the [[ Lease ]]."], model
    )
    assert set(cats[0]) == set(LABELS) and abs(sum(cats[0].values()) - 1) < 1e-3


def test_the_hybrid_follows_the_classifier_only_where_it_is_sure_enough():
    from pactgraph.nlp.training.compare import hybrid_label

    example = Example("rule_entered . item_1_01 . entered into a [[ Supply Agreement ]]", "none")
    cats = {"entered": 0.05, "amended": 0.0, "terminated": 0.0, "none": 0.95}
    assert hybrid_label(example, cats, 0.9) == "none"
    assert hybrid_label(example, cats, 0.98) == "entered"
