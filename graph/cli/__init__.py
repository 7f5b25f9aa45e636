"""Command-line interface: ``pactgraph ingest | extract | query | export | demo | ...``.

Each command lives in its own module and registers itself on :data:`app`.
"""

from __future__ import annotations

import sys

from rich.markup import escape

from pactgraph.graph.errors import PactgraphError

# each command module registers its command on ``app`` when it is imported
from . import demo, evaluate, export, extract, fetch, ingest, load, query, serve  # noqa: F401
from .app import app, err_console


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; a PactgraphError becomes one line on stderr and exit code 2.

    Usage errors are reported by the command-line parser itself (a short message, exit 2).
    """
    try:
        app(args=argv, prog_name="pactgraph")
    except PactgraphError as exc:
        err_console.print(
            f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True
        )
        return 2
    except SystemExit as exc:
        code = exc.code
        if code is None or isinstance(code, int):
            return code or 0
        err_console.print(str(code), highlight=False, soft_wrap=True)
        return 1
    except KeyboardInterrupt:
        err_console.print("interrupted", highlight=False)
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
