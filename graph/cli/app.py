"""The Typer application behind the ``pactgraph`` command; commands live in sibling modules."""
from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="pactgraph",
    help="A knowledge graph of material agreements and ownership stakes from SEC 8-K filings.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

STORE_HELP = ("oxigraph:PATH (default ./.pactgraph, or $PACTGRAPH_STORE), memory:, "
              "sparql:QUERY_URL[,UPDATE_URL]")


def store_option():
    """The ``--store`` option every command that opens a store shares."""
    return typer.Option(None, "--store", "-s", help=STORE_HELP)
