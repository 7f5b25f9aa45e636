"""``pactgraph export``: the store as RDF, as network files (GraphML, GEXF, CSV) or for Neo4j."""

from __future__ import annotations

from typing import List, Optional

import typer

from pactgraph.graph.errors import ConfigError

from .app import app, err_console, open_to_read, store_option


@app.command()
def export(
    fmt: str = typer.Option(
        "ttl",
        "--format",
        "-F",
        help="ttl, nt, nq, trig, jsonld, xml (RDF); graphml, gexf, csv "
        "(network views); neo4j (admin-import CSV).",
    ),
    output: str = typer.Option(
        "-",
        "--output",
        "-o",
        help="File to write, '-' for stdout (csv: NAME.csv or a folder; neo4j: a folder).",
    ),
    store: Optional[str] = store_option(),
    company: Optional[str] = typer.Option(
        None,
        "--company",
        "-c",
        help="Only facts/filings naming this company (part of a name, or an IRI).",
    ),
    kind: Optional[List[str]] = typer.Option(
        None, "--kind", "-k", help="Only agreements of this kind (repeatable), e.g. collaboration."
    ),
    date_from: Optional[str] = typer.Option(None, "--from", help="Earliest date, YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Latest date, YYYY-MM-DD."),
    network: str = typer.Option(
        "agreements",
        "--network",
        "-n",
        help="Network view for graphml/gexf/csv: agreements or ownership.",
    ),
) -> None:
    """Export the graph (or a filtered part of it) to a file or stdout."""
    # here, not at the top: the library (rdflib, Oxigraph, networkx) takes a second to import,
    # and `pactgraph --help` or another command need not wait for it
    from pactgraph.graph.analyse.network import Filters
    from pactgraph.graph.export import FORMATS
    from pactgraph.graph.export import export as run_export

    if fmt.lower() not in FORMATS and fmt.lower() not in (
        "turtle",
        "json-ld",
        "nquads",
        "ntriples",
        "rdfxml",
    ):
        raise ConfigError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    filters = Filters(company=company, kinds=kind or None, date_from=date_from, date_to=date_to)
    st = open_to_read(store)
    try:
        summary = run_export(st, fmt, output, filters=filters, network=network)
    finally:
        st.close()
    if output != "-":
        parts = ", ".join(f"{k} {v}" for k, v in summary.items() if k not in ("format", "files"))
        err_console.print(f"exported {summary['format']} to {output}: {parts}", highlight=False)
