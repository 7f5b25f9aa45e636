"""``pactgraph query`` and ``pactgraph queries``: run SPARQL, list the saved queries."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import List, Optional

import typer

from pactgraph.graph.errors import ConfigError, QueryError

from .app import app, console, err_console, open_to_read, store_option
from .tables import print_rows


def parse_params(items: list[str] | None) -> dict[str, str]:
    """``["k=v", ...]`` as a dict; a value may be quoted (``company="Ascent Solar"``)."""
    params: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise ConfigError(f"--param needs NAME=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        key = key.strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        params[key] = value
    return params


def _is_memory(spec: str | None) -> bool:
    from pactgraph.graph.store import default_spec  # here: see _query_text's imports

    return (spec or default_spec()).strip().lower().startswith("memory:")


# where the parser says it stopped: Oxigraph "error at 3:35: ...", rdflib "(line:3, col:35)"
_ERROR_AT = re.compile(
    r"error at (?P<line>\d+):(?P<col>\d+):\s*|\s*\(at char \d+\),?\s*"
    r"\(line:\s*(?P<line2>\d+), col:\s*(?P<col2>\d+)\)"
)


def syntax_error_message(message: str, text: str) -> str:
    """A parser's error as ``line L, column C: reason`` with the query's line and a caret under
    the column; other errors unchanged."""
    found = _ERROR_AT.search(message)
    if not message.startswith("malformed SPARQL query") or not found:
        return message
    line = int(found.group("line") or found.group("line2"))
    col = int(found.group("col") or found.group("col2"))
    reason = (message[: found.start()] + message[found.end() :]).strip()
    reason = reason.removeprefix("malformed SPARQL query:").strip()
    lines = text.splitlines() or [""]
    source = lines[min(line, len(lines)) - 1].expandtabs(4)
    caret = " " * (max(1, min(col, len(source) + 1)) - 1) + "^"
    return f"malformed SPARQL query at line {line}, column {col}: {reason}\n  {source}\n  {caret}"


def print_result(result) -> None:
    """A result on the terminal: rows (a table, or blocks when too wide), true/false, triples."""
    if result.kind == "ask":
        console.print("true" if result.boolean else "false")
    elif result.kind == "graph":
        rows = [{"subject": s, "predicate": p, "object": o} for s, p, o in result.triples]
        print_rows(console, ["subject", "predicate", "object"], rows)
    else:
        print_rows(console, list(result.vars), result.rows)


def _looks_like_sparql(text: str) -> bool:
    return bool(re.search(r"[{\s]", text.strip())) or text.strip().upper().startswith(
        ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE")
    )


@app.command()
def query(
    sparql: Optional[str] = typer.Argument(
        None, help="A SPARQL query, or the name of a saved query (see `pactgraph queries`)."
    ),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the query from a file."),
    param: Optional[List[str]] = typer.Option(
        None, "--param", "-p", help="A parameter of a saved query, NAME=VALUE (repeatable)."
    ),
    fmt: str = typer.Option(
        "table",
        "--format",
        "-F",
        help="table, csv, tsv, json, xml (SPARQL results); ttl, nt, jsonld for CONSTRUCT/DESCRIBE.",
    ),
    store: Optional[str] = store_option(),
) -> None:
    """Run a SPARQL query (text, --file, or saved query NAME --param k=v) and print the results."""
    fmt = _checked_format(fmt)
    text = _query_text(sparql, file, parse_params(param))
    result = _run_on_store(store, text)
    if _is_memory(store) and not result:
        err_console.print(
            "note: a memory: store starts empty in every command, so this query "
            "can find nothing; ingest and query in one Python process, or use an "
            "oxigraph: store",
            highlight=False,
            soft_wrap=True,
        )
    _print_in_format(result, fmt)


#: the values of ``--format``
_FORMATS = {"table", "csv", "tsv", "json", "xml", "ttl", "turtle", "nt", "jsonld"}
#: the formats of a graph (CONSTRUCT/DESCRIBE) result
_GRAPH_FORMATS = ("ttl", "turtle", "nt", "jsonld")


def _checked_format(fmt: str) -> str:
    """``--format`` in lower case; an unknown one is a ConfigError."""
    fmt = fmt.lower()
    if fmt not in _FORMATS:
        raise ConfigError(f"unknown --format {fmt!r} (use {', '.join(sorted(_FORMATS))})")
    return fmt


def _query_text(sparql: str | None, file: Path | None, params: dict[str, str]) -> str:
    """The SPARQL to run: from ``--file``, the argument (a query or a saved query's name) or,
    with neither, the text piped on stdin."""
    # here, not at the top: the library (rdflib, Oxigraph, networkx) takes a second to import,
    # and `pactgraph --help` or another command need not wait for it
    from pactgraph.graph.query import load_query

    if file is not None:
        if sparql is not None:
            raise ConfigError("give either a query or --file, not both")
        return load_query(file=file, params=params)
    if sparql is None:
        piped = sys.stdin.read() if sys.stdin is not None and not sys.stdin.isatty() else ""
        if not piped.strip():
            raise ConfigError("give a SPARQL query, --file FILE, or a saved query name")
        return load_query(piped, params=params)
    if _looks_like_sparql(sparql):
        return load_query(sparql, params=params)
    return load_query(name=sparql, params=params)


def _run_on_store(store: str | None, text: str):
    """Run ``text`` on the store; a parser's error points at the line and column."""
    from pactgraph.graph.query import run_query  # here: see _query_text's imports

    st = open_to_read(store)
    try:
        return run_query(st, text)
    except QueryError as exc:
        raise QueryError(syntax_error_message(str(exc), text)) from exc
    finally:
        st.close()


def _print_in_format(result, fmt: str) -> None:
    """The result as a table on the terminal, or serialized in ``fmt`` on stdout."""
    if fmt == "table":
        print_result(result)
        return
    if result.kind != "graph" and fmt in _GRAPH_FORMATS:
        raise QueryError(
            f"--format {fmt} is for CONSTRUCT/DESCRIBE; use table, csv, tsv, json or xml"
        )
    sys.stdout.write(result.serialize(fmt))
    sys.stdout.flush()


@app.command()
def queries(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also print each query's SPARQL."),
) -> None:
    """List the saved queries, with their descriptions and parameters."""
    from pactgraph.graph.query import saved_queries  # here: see _query_text's imports

    found = saved_queries()
    # plain lines, not a table: names stay whole at any width and in a pipe
    typer.echo("Saved queries (run with: pactgraph query NAME --param k=v)")
    for q in found:
        typer.echo(f"\n{q.name}\n  {q.title}")
        for p in q.params:
            default = f" (default: {p.default})" if p.default is not None else " (required)"
            typer.echo(f"  --param {p.name}: {p.description}{default}")
    if verbose:
        for q in found:
            console.rule(q.name)
            console.print(q.text, highlight=False, markup=False)
