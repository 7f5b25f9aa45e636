"""The Typer application behind the ``pactgraph`` command; commands live in sibling modules."""

from __future__ import annotations

import time
from importlib.metadata import PackageNotFoundError, version

import typer
from rich.console import Console

app = typer.Typer(
    name="pactgraph",
    help="A knowledge graph of material agreements and ownership stakes from SEC 8-K filings.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console()
err_console = Console(stderr=True)


def package_version() -> str:
    """The installed pactgraph's version (from its distribution metadata)."""
    try:
        return version("pactgraph")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def _print_version(value: bool) -> None:
    if value:
        console.print(f"pactgraph {package_version()}", highlight=False)
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        is_eager=True,
        callback=_print_version,
        help="Print the version and exit.",
    ),
) -> None:
    """A knowledge graph of material agreements and ownership stakes from SEC 8-K filings."""


STORE_HELP = (
    "oxigraph:PATH (default ./.pactgraph, or $PACTGRAPH_STORE), memory:, "
    "sparql:QUERY_URL[,UPDATE_URL]"
)


def store_option():
    """The ``--store`` option every command that opens a store shares."""
    return typer.Option(None, "--store", "-s", help=STORE_HELP)


def open_to_read(spec: str | None):
    """The store ``spec`` opened to read (``open_for_reading``); when an ingest is writing it,
    a one-line note on stderr says which published view is read."""
    from pactgraph.graph.store import (
        open_for_reading,  # here: see the commands' imports
    )

    st = open_for_reading(spec)
    view = getattr(st, "view", None)
    if view is not None:
        err_console.print(
            f"note: {st.path} is being written by another process (an ingest?); reading the "
            f"view it published at {time.strftime('%H:%M:%S', time.localtime(view.published))}"
            f" ({time.time() - view.published:.0f} s ago): later writes are not in it",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )  # one line, whatever the width
    return st
