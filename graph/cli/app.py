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
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console()
err_console = Console(stderr=True)


def package_version() -> str:
    """The installed pactgraph's version (from its distribution metadata)."""
    from importlib.metadata import PackageNotFoundError, version

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
    version: bool = typer.Option(False, "--version", "-V", is_eager=True,
                                 callback=_print_version, help="Print the version and exit."),
) -> None:
    """A knowledge graph of material agreements and ownership stakes from SEC 8-K filings."""

STORE_HELP = ("oxigraph:PATH (default ./.pactgraph, or $PACTGRAPH_STORE), memory:, "
              "sparql:QUERY_URL[,UPDATE_URL]")


def store_option():
    """The ``--store`` option every command that opens a store shares."""
    return typer.Option(None, "--store", "-s", help=STORE_HELP)
