"""``pactgraph fetch``: 8-K filings from EDGAR into a local folder, then optionally the store."""

from __future__ import annotations

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
from .ingest import ingest as ingest_command


def _split(values: Optional[List[str]]) -> list[str]:
    """Repeated options and comma-separated values, flattened."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


@app.command()
def fetch(
    ticker: Optional[List[str]] = typer.Option(
        None, "--ticker", "-t", help="Company ticker (repeat, or comma-separate)."
    ),
    cik: Optional[List[str]] = typer.Option(
        None, "--cik", help="Company CIK (repeat, or comma-separate)."
    ),
    from_file: Optional[str] = typer.Option(
        None, "--from-file", "-f", help="File of tickers and CIKs, # comments."
    ),
    since: Optional[str] = typer.Option(None, "--since", help="First filing date, YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Last filing date, YYYY-MM-DD."),
    items: Optional[List[str]] = typer.Option(
        None, "--items", "-i", help="8-K items, any of, e.g. 1.01,2.01."
    ),
    forms: str = typer.Option("8-K,8-K/A", "--forms", help="Forms to fetch."),
    out: str = typer.Option(
        "edgar-filings",
        "--out",
        "-o",
        help="Folder laid out like EDGAR's Archives (edgar/data/CIK/...).",
    ),
    user_agent: Optional[str] = typer.Option(
        None,
        "--user-agent",
        help="Who you are, with a contact e-mail (SEC rule); else "
        "$PACTGRAPH_USER_AGENT or user_agent in the config file.",
    ),
    base_url: Optional[str] = typer.Option(
        None, "--base-url", help="A mirror laid out like EDGAR (default SEC)."
    ),
    rate: Optional[float] = typer.Option(None, "--rate", help="Requests per second, <= 10."),
    workers: Optional[int] = typer.Option(
        None, "--workers", "-w", min=1, help="Downloads in flight at once."
    ),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Seconds per request."),
    retries: Optional[int] = typer.Option(
        None, "--retries", min=0, help="Retries after 429, 5xx or a cut connection."
    ),
    ingest: bool = typer.Option(False, "--ingest", help="Then ingest the fetched filings."),
    store: Optional[str] = store_option(),
) -> None:
    """Download 8-K filings' complete submission files by company, date and item.

    Polite by construction: a declared User-Agent, at most 10 requests/s, backoff on 429/5xx.
    Files already complete in --out are not fetched again; a stopped run resumes.
    """
    # here, not at the top: the library (rdflib, Oxigraph, networkx) takes a second to import,
    # and `pactgraph --help` or another command need not wait for it
    from pactgraph.graph.edgar import fetch_filings, load_settings

    settings = load_settings(
        user_agent=user_agent,
        base_url=base_url,
        rate=rate,
        workers=workers,
        timeout=timeout,
        retries=retries,
    )
    selection = _selection(ticker, cik, from_file, forms, since, until, items)
    report = _run_with_progress(fetch_filings, out, settings, selection)
    _print_report(report, out)
    if ingest:
        _ingest(report, store)
    if report.errors:
        raise SystemExit(1)  # some filings could not be fetched (the others are on disk)


def _selection(ticker, cik, from_file, forms, since, until, items) -> dict:
    """The command's selection options as :func:`fetch_filings` takes them."""
    return {
        "tickers": _split(ticker),
        "ciks": _split(cik),
        "companies_file": from_file,
        "forms": _split([forms]),
        "since": since,
        "until": until,
        "items": _split(items),
    }


def _run_with_progress(fetch_filings, out, settings, selection: dict):
    """Fetch the selection under a progress bar (on stderr, gone when done)."""
    progress = Progress(
        TextColumn("[bold]fetch"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            "{task.fields[cached]} cached, {task.fields[failed]} failed, "
            "{task.fields[rate]:.1f} req/s"
        ),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )
    with progress:
        task = progress.add_task("fetch", total=None, cached=0, failed=0, rate=0.0)

        def on_selected(refs) -> None:
            progress.update(task, total=len(refs))

        def on_progress(p) -> None:
            progress.update(task, completed=p.done, cached=p.cached, failed=p.failed, rate=p.rate)

        return fetch_filings(
            out,
            **selection,
            settings=settings,
            on_selected=on_selected,
            on_progress=on_progress,
        )


def _print_report(report, out: str) -> None:
    table = Table(title=f"fetched into {out}", show_header=True)
    for column in (
        "selected",
        "downloaded",
        "cached",
        "failed",
        "requests",
        "req/s",
        "MB",
        "seconds",
    ):
        table.add_column(column, justify="right")
    table.add_row(
        str(report.selected),
        str(report.downloaded),
        str(report.cached),
        str(report.failed),
        str(report.requests),
        f"{report.rate:.1f}",
        f"{report.bytes / 1e6:.1f}",
        f"{report.seconds:.1f}",
    )
    console.print(table)
    for accession, reason in report.errors:
        err_console.print(
            f"[red]error:[/] {escape(accession)}: {escape(reason)}", highlight=False, soft_wrap=True
        )


def _ingest(report, store: Optional[str]) -> None:
    """Ingest the selection's files with the ``ingest`` command (its progress and summary)."""
    if not report.paths:
        err_console.print(
            "nothing to ingest: no filing of the selection is on disk", highlight=False
        )
        return
    ingest_command(
        paths=[str(p) for p in report.paths], store=store, workers=1, scheduler=None, force=False
    )
