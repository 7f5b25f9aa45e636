"""``pactgraph demo``: the bundled sample filings into a fresh store, and two example answers."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from pactgraph.graph.errors import ConfigError

from .app import app, console
from .tables import print_rows, show_term

DEMO_DIR = Path(".pactgraph") / "demo"


def sample_filings() -> list[Path]:
    """The sample filings shipped in ``pactgraph.nlp/samples`` (their provenance: MANIFEST.csv)."""
    folder = resources.files("pactgraph.nlp") / "samples"
    return sorted(
        Path(str(p)) for p in folder.iterdir() if p.is_file() and p.name != "MANIFEST.csv"
    )


def _fresh_store_spec(path: Path) -> str:
    if path.exists():
        if not path.is_dir():
            raise ConfigError("exists and is not a folder; give another --path", path=path)
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"oxigraph:{path}"


def _print_agreements(result) -> None:
    """One row per agreement: date, what the filing reports (entered, amended, terminated),
    title and kind, and its parties (the registrant first), readable at 80 columns."""
    table = Table(title="Who is party to which agreement", title_justify="left", show_lines=True)
    table.add_column("date", no_wrap=True)
    table.add_column("reported", no_wrap=True)
    table.add_column("agreement (kind)", ratio=1, overflow="fold")
    table.add_column("parties", ratio=1, overflow="fold")
    for rows in _by_agreement(result.rows):
        first = rows[0]
        title = Text(show_term(first.get("title")))
        title.append(f" ({show_term(first.get('kind')).replace('_', ' ')})", style="dim")
        parties = Text()
        for i, row in enumerate(rows):
            style = "bold" if str(row.get("role", "")) == "registrant" else ""
            parties.append(("\n" if i else "") + show_term(row.get("party")), style=style)
        table.add_row(show_term(first.get("date")), show_term(first.get("action")), title, parties)
    console.print(table)
    console.print("(parties: the registrant first, in bold)", style="dim", highlight=False)


def _by_agreement(rows: list[dict]) -> list[list[dict]]:
    """The rows of the ``parties`` query grouped by agreement, in the query's order."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(str(row["agreement"]), []).append(row)
    return list(groups.values())


@app.command()
def demo(
    path: Path = typer.Option(
        DEMO_DIR, "--path", help="Folder of the demo's embedded Oxigraph store (emptied first)."
    ),
    memory: bool = typer.Option(False, "--memory", help="Use an in-memory store instead."),
) -> None:
    """Ingest the bundled sample filings into a fresh store and answer two example questions."""
    # here, not at the top: the library (rdflib, Oxigraph, networkx) takes a second to import,
    # and `pactgraph --help` or another command need not wait for it
    from pactgraph.graph.ingest import ingest_paths
    from pactgraph.graph.link.resolve import write_preferred_labels
    from pactgraph.graph.query import run_saved
    from pactgraph.graph.store import open_store

    spec = "memory:" if memory else _fresh_store_spec(path)
    files = sample_filings()
    with open_store(spec) as store:
        report = ingest_paths([str(f) for f in files], store)
        write_preferred_labels(store)
        console.print(
            f"Ingested {report.filings} sample filings ({report.agreements} agreements, "
            f"{report.stakes} stakes, {store.triple_count()} triples) into [bold]{spec}[/]",
            highlight=False,
        )
        for p, reason in report.errors:
            console.print(f"[red]error:[/] {p}: {reason}", highlight=False)
        _print_agreements(run_saved(store, "parties"))
        print_rows(
            console,
            ["holder", "percent", "qualifier", "target"],
            run_saved(store, "stakes").rows,
            title="Who owns what share of whom",
        )
    if not memory:
        console.print(
            f"Ask more: pactgraph query --store {spec} agreements-of "
            f'--param company="Ascent Solar"',
            highlight=False,
        )
