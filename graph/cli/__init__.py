"""Command-line interface: ``pactgraph ingest | extract | query | export | demo | ...``.

Each command lives in its own module and registers itself on :data:`app`.
"""
from __future__ import annotations

import importlib
import sys

from pactgraph.nlp.errors import PactgraphError

from .app import app, err_console

_COMMAND_MODULES = ("ingest", "extract", "query", "export", "demo", "evaluate", "serve", "load")

for _name in _COMMAND_MODULES:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # a command module not written yet
        if exc.name != f"{__name__}.{_name}":
            raise


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; a PactgraphError becomes one line on stderr and exit code 2."""
    try:
        app(args=argv, standalone_mode=False)
    except PactgraphError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        return 2
    except SystemExit as exc:  # typer/click exits (e.g. --help, usage errors)
        return int(exc.code or 0)
    except Exception as exc:  # click usage errors etc. in non-standalone mode
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return exc.exit_code
        if isinstance(exc, click.exceptions.Abort):
            return 1
        raise
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
