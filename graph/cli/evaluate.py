"""``pactgraph evaluate``: precision, recall and F1 of extraction on labelled filings.

Four modes: ``GOLD_DIR`` scores one folder (fitted figures, for development);
``--cv`` runs grouped K-fold cross-validation by registrant over all labelled data, the figure
that decides whether a change is kept; ``--holdout`` scores the untouched registrants, printing
aggregate figures only; ``--robustness`` scores the cross-validation filings as written and as
rewritten in other habits of writing (see ``pactgraph.nlp.perturbations``).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich import box
from rich.table import Table

from pactgraph.graph.errors import ConfigError

from .app import app, console


@app.command()
def evaluate(
    gold_dir: Path | None = typer.Argument(
        None, help="Folder of gold pactgraph.facts/v1 JSON files (fitted figures)."
    ),
    pred_dir: Path = typer.Option(
        None, "--pred-dir", help="Score these predictions (same file names) instead of extracting."
    ),
    corpus: Path = typer.Option(
        None,
        "--corpus",
        help="Folder the gold files' source.file paths are relative to "
        "(default GOLD_DIR/../../corpus).",
    ),
    cv: bool = typer.Option(
        False,
        "--cv",
        help="Grouped cross-validation by registrant over all labelled data "
        "(the held-out registrants excluded).",
    ),
    holdout: bool = typer.Option(
        False, "--holdout", help="Score the untouched registrants (aggregate figures only)."
    ),
    robustness: bool = typer.Option(
        False,
        "--robustness",
        help="Score the cross-validation filings as written and rewritten (months abbreviated, "
        "prose re-wrapped, exhibit index in capitals, ...): how much each habit moves the score.",
    ),
    folds: int = typer.Option(5, "--folds", help="Number of folds for --cv."),
    gold: list[Path] | None = typer.Option(
        None,
        "--gold",
        help="Gold folder for --cv/--holdout (repeatable; default "
        "../shared/eval/gold and gold-extra beside the repository).",
    ),
    per_file: Path = typer.Option(
        None, "--per-file", help="With --cv: write the per-file table (CSV) here."
    ),
    workers: int = typer.Option(
        0, "--workers", help="Extraction processes (default: the CPU count)."
    ),
    worst: int = typer.Option(5, "--worst", help="GOLD_DIR mode: how many worst files to list."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Score extraction: one gold folder, grouped cross-validation (--cv) or the holdout."""
    if sum((cv, holdout, robustness)) > 1:
        raise ConfigError("--cv, --holdout and --robustness are separate runs; pass one")
    if robustness:
        if gold_dir is not None or pred_dir is not None or per_file is not None:
            raise ConfigError("--robustness takes --gold, --corpus and --workers only")
        _run_robustness(gold or [], corpus, workers or None, as_json)
        return
    if cv or holdout:
        if gold_dir is not None or pred_dir is not None:
            raise ConfigError("GOLD_DIR and --pred-dir do not apply to --cv/--holdout (use --gold)")
        if holdout and per_file is not None:
            raise ConfigError("--holdout prints aggregate figures only; --per-file is for --cv")
        if cv:
            _run_cv(gold or [], corpus, folds, per_file, workers or None, as_json)
        else:
            _run_holdout(gold or [], corpus, workers or None, as_json)
        return
    if gold_dir is None:
        raise ConfigError("pass GOLD_DIR, --cv or --holdout")
    _run_folder(gold_dir, corpus, pred_dir, worst, as_json)


def _labelled(gold: list[Path], corpus: Path | None):
    # here, not at the top: extraction (and spaCy, once it runs) serves this command only
    from pactgraph.nlp.labelled import (
        corpus_of,
        find_eval_dir,
        holdout_ciks,
        load_labelled,
        split_holdout,
    )

    if not gold:
        eval_dir = find_eval_dir()
        if eval_dir is None:
            raise ConfigError(
                "no labelled data found beside the repository (shared/eval/gold); "
                "pass --gold DIR (repeatable) and --corpus DIR"
            )
        gold = [d for d in (eval_dir / "gold", eval_dir / "gold-extra") if d.is_dir()]
    corpus = Path(corpus) if corpus else corpus_of(gold[0])
    if not corpus.is_dir():
        raise ConfigError("corpus folder not found; pass --corpus DIR", corpus)
    return split_holdout(load_labelled(gold, corpus), holdout_ciks())


def _run_cv(gold, corpus, folds, per_file, workers, as_json) -> None:
    """Grouped K-fold by registrant over the labelled data outside the holdout."""
    # here, not at the top: extraction (and spaCy, once it runs) serves this command only
    from pactgraph.nlp.crossval import cross_validate

    train, held = _labelled(gold, corpus)
    result = cross_validate(train, folds=folds, workers=workers)
    if per_file is not None:
        result.write_per_file(per_file)
    report = result.report()
    report["protocol"]["held_out_files_excluded"] = len(held)
    report["like_the_holdout"] = _like_the_holdout(result.files, held)
    report["by_folder"] = _by_folder(result.files)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    proto = report["protocol"]
    _say(
        f"Cross-validation, {proto['folds']} folds by registrant: {proto['files']} "
        f"filings of {proto['registrants']} registrants ({len(held)} filings of the "
        "held-out registrants excluded)"
    )
    _print_fields("Pooled over folds", report["pooled"]["fields"])
    _print_folds(report)
    for source, err in report["errors"].items():
        _say(f"[yellow]could not extract {source}: {err}[/]")
    _say(
        "pooled headline by gold folder: "
        + "; ".join(
            f"{name} {f['headline']:.3f} ({f['files']} filings, {f['registrants']} registrants)"
            for name, f in report["by_folder"].items()
        )
    )
    _say_like_the_holdout(report["like_the_holdout"])
    if per_file is not None:
        _say(f"per-file table written to {per_file}")
    _say(
        f"cross-validated headline micro-F1 over {proto['files']} filings: "
        f"{report['pooled']['headline']['f1']:.3f}"
    )


def _print_fields(title: str, fields: dict) -> None:
    # here, not at the top: extraction (and spaCy, once it runs) serves this command only
    from pactgraph.nlp.evaluate import HEADLINE

    table = Table(title=title, box=box.SIMPLE)
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "field" else "right")
    for name, r in fields.items():
        table.add_row(
            name,
            f"{r['precision']:.3f}",
            f"{r['recall']:.3f}",
            f"{r['f1']:.3f}",
            str(r["tp"]),
            str(r["fp"]),
            str(r["fn"]),
            style="bold" if name in HEADLINE else None,
        )
    console.print(table)


def _f1_cells(values: list, spread: dict) -> list[str]:
    cells = ["-" if v is None else f"{v:.3f}" for v in values]
    stats = ("mean", "min", "max", "std")
    return cells + (["-"] * 4 if spread["n"] == 0 else [f"{spread[k]:.3f}" for k in stats])


def _print_folds(report: dict) -> None:
    """F1 of each fold, headline and per field, with the spread over folds."""
    folds, spreads = report["per_fold"], report["spread"]
    table = Table(title="F1 per fold", box=None, padding=(0, 1, 0, 0))
    table.add_column("field")
    for col in [f"f{f['fold']}" for f in folds] + ["mean", "min", "max", "std"]:
        table.add_column(col, justify="right")
    table.add_row(
        "headline", *_f1_cells([f["headline"] for f in folds], spreads["headline"]), style="bold"
    )
    for name, spread in spreads["fields"].items():
        values = [None if f["fields"][name] is None else f["fields"][name]["f1"] for f in folds]
        table.add_row(name, *_f1_cells(values, spread))
    console.print(table)
    _say(
        "filings per fold: "
        + ", ".join(str(f["files"]) for f in folds)
        + "; registrants per fold: "
        + ", ".join(str(len(f["registrants"])) for f in folds)
    )


def _like_the_holdout(cv_files, held, observed: float | None = None) -> dict:
    """Splits of as many registrants as the holdout has, drawn from the cross-validated
    registrants of its gold folders (see ``nlp.splitdraws``)."""
    # here, not at the top: extraction (and spaCy, once it runs) serves this command only
    from pactgraph.nlp.splitdraws import like_the_holdout

    folders = {f.gold_path.parent for f in held}
    return like_the_holdout(cv_files, folders, len({f.group for f in held}), observed)


def _by_folder(cv_files) -> dict:
    # here, not at the top: extraction (and spaCy, once it runs) serves this command only
    from pactgraph.nlp.splitdraws import by_folder

    return by_folder(cv_files)


def _say_like_the_holdout(like: dict) -> None:
    if not like.get("choices"):
        return
    line = (
        f"splits like the untouched one ({like['size']} of the {like['registrants_drawn_from']}"
        f" cross-validated registrants of its gold folders, {like['choices']:,} choices): "
        f"headline median {like['median']:.3f}, 5th-95th percentile "
        f"{like['p05']:.3f}-{like['p95']:.3f}"
    )
    if "share_at_or_below" in like:
        line += f"; {like['share_at_or_below']:.0%} of them score no higher than this split"
    _say(line)


def _run_holdout(gold, corpus, workers, as_json) -> None:
    """Fit on all cross-validation data, score the untouched split, print aggregates only,
    and where it stands among splits of cross-validated registrants like it."""
    # here, not at the top: extraction (and spaCy, once it runs) serves this command only
    from pactgraph.nlp.crossval import cross_validate, score_holdout
    from pactgraph.nlp.cvreport import holdout_summary

    train, held = _labelled(gold, corpus)
    summary = holdout_summary(score_holdout(train, held, workers=workers))
    # the rule extractor fits nothing, so the folds only matter to a trained one
    registrants = len({f.group for f in train})
    folds = min(5, registrants)
    cv_files = cross_validate(train, folds, workers=workers).files if folds >= 2 else []
    summary["like_the_holdout"] = _like_the_holdout(cv_files, held, summary["headline"]["f1"])
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    _print_fields(
        f"Untouched split: {summary['files']} filings of {summary['registrants']} registrants",
        summary["fields"],
    )
    if summary["unreadable_files"]:
        _say(f"{summary['unreadable_files']} filings could not be extracted (scored as empty)")
    _say_like_the_holdout(summary["like_the_holdout"])
    _say(
        f"holdout headline micro-F1 over {summary['files']} filings: "
        f"{summary['headline']['f1']:.3f}"
    )


def _say(line: str) -> None:
    """One summary line, printed whole (never folded at the terminal's width, so a pipe and a
    narrow terminal read the same line)."""
    console.print(line, highlight=False, soft_wrap=True)


def _run_robustness(gold, corpus, workers, as_json) -> None:
    """Headline micro-F1 of the cross-validation filings as written and as each perturbation
    rewrites them."""
    # here, not at the top: extraction (and spaCy, once it runs) serves this command only
    from dataclasses import asdict

    from pactgraph.nlp.robustness import robustness as run

    train, _ = _labelled(gold, corpus)
    rows = run(train, workers=workers)
    if as_json:
        typer.echo(json.dumps({"files": len(train), "rows": [asdict(r) for r in rows]}, indent=2))
        return
    # one line per perturbation, not a table: readable at any width
    typer.echo(
        f"Headline micro-F1 of {len(train)} filings against their gold facts, as written and "
        "as rewritten (filings rewritten; of those, filings whose facts changed):"
    )
    for r in rows:
        typer.echo(
            f"{r.name}: {r.as_written:.3f} -> {r.perturbed:.3f} "
            f"({r.perturbed - r.as_written:+.3f}); {r.rewritten} rewritten, {r.changed} changed"
            f" [{r.description}]"
        )


def _run_folder(gold_dir, corpus, pred_dir, worst, as_json) -> None:
    # here, not at the top: extraction (and spaCy, once it runs) serves this command only
    from pactgraph.nlp.evaluate import evaluate as run

    report = run(gold_dir, corpus=corpus, pred_dir=pred_dir).report()
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    _print_fields(f"Extraction on {report['files']} filings", report["fields"])
    worst_files = sorted(report["per_file"].items(), key=lambda kv: kv[1])[:worst]
    if worst_files:
        _say("worst files: " + ", ".join(f"{stem} ({f1:.3f})" for stem, f1 in worst_files))
    for stem, err in report["errors"].items():
        _say(f"[yellow]could not score {stem}: {err}[/]")
    _say(f"headline micro-F1 over {report['files']} filings: {report['headline']['f1']:.3f}")
