"""``pactgraph ingest PATH...``: filings into the store, with a progress bar and a summary."""

from __future__ import annotations

import os
from typing import List, Optional

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from .app import app, console, err_console, store_option


@app.command()
def ingest(
    paths: List[str] = typer.Argument(
        ..., help="Filings: files, folders (walked) or glob patterns."
    ),
    store: Optional[str] = store_option(),
    workers: int = typer.Option(
        1, "--workers", "-w", min=1, help="Extract in N local worker processes."
    ),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Extract on a Dask distributed cluster, e.g. tcp://HOST:8786."
    ),
    force: bool = typer.Option(
        False, "--force", help="Re-ingest files already in the store with the same content."
    ),
) -> None:
    """Read, extract and store filings; one named graph per filing, replaced atomically."""
    # here, not at the top: the library (rdflib, Oxigraph, networkx) takes a second to import,
    # and `pactgraph --help` or another command need not wait for it
    from pactgraph.graph.store import open_store

    with open_store(store) as st:
        report = _ingest_with_progress(paths, st, workers=workers, scheduler=scheduler, force=force)
    _print_summary(report, st.spec)
    _print_errors(report.errors)
    if report.errors:
        raise SystemExit(1)  # some files failed (the others are in the store)


def _ingest_with_progress(paths: List[str], st, *, workers: int, scheduler, force: bool):
    """Ingest ``paths`` into the open store ``st`` under a progress bar (on stderr, gone when
    done) that counts the files done and failed and names the current one."""
    from pactgraph.graph.ingest import FAILED, ingest_paths

    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
        console=err_console,
        transient=True,
    )
    with progress:
        task = progress.add_task("ingest", total=None, failed=0, current="")
        failed = 0

        def on_progress(done: int, total: int, path: str, status: str) -> None:
            nonlocal failed
            failed += status == FAILED
            progress.update(
                task,
                completed=done,
                total=total,
                failed=failed,
                current=_shown(path).rsplit("/", 1)[-1][:40],
            )

        return ingest_paths(
            paths, st, workers=workers, scheduler=scheduler, on_progress=on_progress, force=force
        )


def _print_summary(report, spec: str) -> None:
    """The run's counts as a table, then the store's size when it is known."""
    table = Table(title=f"ingested into {spec}", show_header=True)
    for column in ("filings", "skipped", "agreements", "stakes", "triples", "errors", "seconds"):
        table.add_column(column, justify="right")
    table.add_row(
        str(report.filings),
        str(report.skipped),
        str(report.agreements),
        str(report.stakes),
        str(report.triples),
        str(report.failed),
        f"{report.seconds:.1f}",
    )
    console.print(table)
    if report.store_triples is not None:
        console.print(f"the store holds {report.store_triples} triples", highlight=False)


def _print_errors(errors: list[tuple[str, str]]) -> None:
    """One line on stderr per file that failed, with its reason."""
    for path, reason in errors:
        err_console.print(
            f"[red]error:[/] {escape(_shown(path))}: {escape(reason)}",
            highlight=False,
            soft_wrap=True,
        )


def _shown(path: str) -> str:
    """``path`` as text to print: bytes of a name that is not UTF-8 as ``\\xff`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
