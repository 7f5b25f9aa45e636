"""``pactgraph evaluate GOLD_DIR``: precision, recall and F1 of extraction on labelled filings."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from .app import app, console


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of gold pactgraph.facts/v1 JSON files."),
    pred_dir: Path = typer.Option(None, "--pred-dir", help="Score these predictions (same file names) instead of extracting."),
    corpus: Path = typer.Option(None, "--corpus", help="Folder the gold files' source.file paths are relative to (default GOLD_DIR/../../corpus)."),
    worst: int = typer.Option(5, "--worst", help="How many of the worst files to list."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Extract the filings the gold files name (or read --pred-dir) and print P/R/F1 per field."""
    from pactgraph.nlp.evaluate import HEADLINE, evaluate as run

    result = run(gold_dir, corpus=corpus, pred_dir=pred_dir)
    report = result.report()
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    table = Table(title=f"Extraction on {report['files']} filings")
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "field" else "right")
    for name, r in report["fields"].items():
        style = "bold" if name in HEADLINE else None
        table.add_row(name, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                      str(r["tp"]), str(r["fp"]), str(r["fn"]), style=style)
    console.print(table)
    worst_files = sorted(report["per_file"].items(), key=lambda kv: kv[1])[:worst]
    if worst_files:
        console.print("worst files: " + ", ".join(f"{stem} ({f1:.3f})" for stem, f1 in worst_files), highlight=False)
    for stem, err in report["errors"].items():
        console.print(f"[yellow]could not score {stem}: {err}[/]", highlight=False)
    console.print(f"headline micro-F1 over {report['files']} filings: {report['headline']['f1']:.3f}", highlight=False)
