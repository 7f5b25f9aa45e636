"""``python -m pactgraph.nlp.training compare [--folds 5]``: the classifier beside the rules.

``python -m pactgraph.nlp.training build OUTPUT``: train on every cross-validation filing and
write the pipeline to OUTPUT. (The package ships no trained pipeline: under cross-validation the
classifier does not beat the rules it would replace; ``compare`` shows the figures.)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import ConfigError
from ..labelled import find_eval_dir, holdout_ciks, load_labelled, split_holdout


def _cv_filings():
    eval_dir = find_eval_dir()
    if eval_dir is None:
        raise ConfigError(
            "no ../shared/eval beside the repository: the labelled facts are needed", Path.cwd()
        )
    corpus = eval_dir.parent / "corpus"
    gold = [d for d in (eval_dir / "gold", eval_dir / "gold-extra") if d.is_dir()]
    filings, _ = split_holdout(load_labelled(gold, corpus), holdout_ciks())
    return filings, corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pactgraph.nlp.training")
    sub = parser.add_subparsers(dest="command", required=True)
    cmp_ = sub.add_parser("compare", help="the classifier beside the rules, fold by fold")
    cmp_.add_argument("--folds", type=int, default=5)
    build = sub.add_parser("build", help="train on all cross-validation filings")
    build.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    filings, corpus = _cv_filings()
    if args.command == "compare":
        from .compare import compare

        for key, value in compare(filings, corpus, args.folds).items():
            print(f"{key:32} {value:.3f}" if isinstance(value, float) else f"{key:32} {value}")
    else:
        from .examples import examples_of
        from .train import train

        examples = [e for f in filings for e in examples_of(f.gold_path, corpus)]
        print(train(examples, args.output))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
