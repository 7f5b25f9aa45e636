"""``pactgraph demo``: the bundled sample filings into a fresh store, and two example answers."""
from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import typer
from rich.table import Table

from pactgraph.nlp.errors import ConfigError

from .app import app, console

DEMO_DIR = Path(".pactgraph") / "demo"


def sample_filings() -> list[Path]:
    """The sample filings shipped in ``pactgraph.nlp/samples`` (their provenance: MANIFEST.csv)."""
    folder = resources.files("pactgraph.nlp") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir()
                  if p.is_file() and p.name != "MANIFEST.csv")


def _fresh_store_spec(path: Path) -> str:
    if path.exists():
        if not path.is_dir():
            raise ConfigError("exists and is not a folder; give another --path", path=path)
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"oxigraph:{path}"


def _print_result(title: str, result, columns: list[str]) -> None:
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c)
    for row in result.rows:
        table.add_row(*(_show(row.get(c)) for c in columns))
    console.print(table)


def _show(term) -> str:
    if term is None:
        return ""
    value = term.toPython() if hasattr(term, "toPython") else term
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@app.command()
def demo(
    path: Path = typer.Option(DEMO_DIR, "--path",
                              help="Folder of the demo's embedded Oxigraph store (emptied first)."),
    memory: bool = typer.Option(False, "--memory", help="Use an in-memory store instead."),
) -> None:
    """Ingest the bundled sample filings into a fresh store and answer two example questions."""
    from pactgraph.graph.ingest import ingest_paths
    from pactgraph.graph.query import run_saved
    from pactgraph.graph.store import open_store

    spec = "memory:" if memory else _fresh_store_spec(path)
    files = sample_filings()
    with open_store(spec) as store:
        report = ingest_paths([str(f) for f in files], store)
        console.print(
            f"Ingested {report.filings} sample filings into [bold]{spec}[/]: "
            f"{report.agreements} agreements, {report.stakes} stakes, "
            f"{store.triple_count()} triples.", highlight=False)
        for p, reason in report.errors:
            console.print(f"[red]error:[/] {p}: {reason}", highlight=False)
        _print_result("Who is party to which agreement", run_saved(store, "parties"),
                      ["title", "kind", "date", "party", "role", "exhibit"])
        _print_result("Who owns what share of whom", run_saved(store, "stakes"),
                      ["holder", "percent", "qualifier", "target"])
    if not memory:
        console.print(f"Ask more: pactgraph query --store {spec} agreements-of "
                      f"--param company=\"Ascent Solar\"", highlight=False)
