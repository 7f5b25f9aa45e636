"""``pactgraph load FILE``: load RDF files into the store (the loading itself:
:mod:`pactgraph.graph.ingest.rdf_files`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pactgraph.graph.errors import ConfigError

from .app import app, console, store_option

#: the flag the loader's refusals name (pactgraph.graph.ingest.rdf_files.ALLOW_FLAG)
ALLOW_FLAG = "--allow-project-iris"


@app.command()
def load(
    files: list[Path] = typer.Argument(..., help="RDF files: .ttl .nt .nq .trig .jsonld .rdf/.owl"),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-F", help="ttl, nt, nq, trig, jsonld, xml (default: from the extension)."
    ),
    graph: Optional[str] = typer.Option(
        None,
        "--graph",
        "-g",
        help="Named graph IRI for the file's default-graph "
        "triples (default: one per file content).",
    ),
    store: Optional[str] = store_option(),
    allow_project_iris: bool = typer.Option(
        False,
        ALLOW_FLAG,
        help="Let the files use pactgraph's own IRIs: filing graphs, facts "
        "about extracted entities, store bookkeeping (to restore a "
        "pactgraph export). Without it they are refused.",
    ),
) -> None:
    """Load RDF files into the store (no network access, no XML external entities); loaded data
    can never replace or pass as a filing's extracted facts."""
    # here, not at the top: the library (rdflib, Oxigraph, networkx) takes a second to import,
    # and `pactgraph --help` or another command need not wait for it
    from pactgraph.graph.ingest.rdf_files import load_rdf
    from pactgraph.graph.store import open_store

    if graph and len(files) > 1:
        raise ConfigError("--graph names one graph: give one file with it")
    with open_store(store) as st:
        for f in files:
            loaded = load_rdf(st, f, fmt, graph=graph, allow_project_iris=allow_project_iris)
            total = sum(loaded.values())
            console.print(
                f"loaded {f}: {total} triples into {len(loaded)} graph{'s' * (len(loaded) != 1)}",
                highlight=False,
            )
