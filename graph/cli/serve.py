"""``pactgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over the store."""

from __future__ import annotations

from typing import List, Optional

import typer

from pactgraph.graph.errors import ConfigError

from .app import app, console, open_to_read, store_option


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", "-p", help="Port (0: any free port)."),
    store: Optional[str] = store_option(),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds a query may run."),
    max_rows: int = typer.Option(
        100_000, "--max-rows", help="Most rows (or triples) a result may have."
    ),
    cors: Optional[List[str]] = typer.Option(
        None, "--cors", help="Allowed CORS origin (repeatable; '*' for any). Default: none."
    ),
    allow_service: bool = typer.Option(
        False, "--allow-service", help="Allow SERVICE calls to other endpoints."
    ),
    workers: Optional[int] = typer.Option(
        None, "--workers", min=1, help="Query worker processes (default: 2 per core, at least 4)."
    ),
    max_memory_mb: int = typer.Option(
        1024, "--max-memory-mb", min=0, help="Memory a query may use, per worker (0: no cap)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not log requests."),
) -> None:
    """Serve the store over HTTP as a read-only SPARQL endpoint at /sparql."""
    # here, not at the top: the library (rdflib, Oxigraph, networkx) takes a second to import,
    # and `pactgraph --help` or another command need not wait for it
    from pactgraph.graph.server import EndpointConfig
    from pactgraph.graph.server import serve as run_server

    if timeout <= 0 or max_rows <= 0:
        raise ConfigError("--timeout and --max-rows must be positive")
    config = EndpointConfig(
        timeout=timeout,
        max_rows=max_rows,
        allow_service=allow_service,
        cors_origins=tuple(cors or ()),
        max_memory=max_memory_mb * 2**20,
    )
    if workers is not None:
        config.workers = workers
    st = open_to_read(store)

    def ready(server) -> None:
        h, p = server.server_address[:2]
        console.print(
            f"SPARQL endpoint on http://{h}:{p}{config.path} (read-only; "
            f"time limit {timeout:g} s; Ctrl-C to stop)",
            highlight=False,
        )

    try:
        run_server(st, host, port, config, quiet=quiet, on_ready=ready)
    finally:
        st.close()
