"""``pactgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over the store."""
from __future__ import annotations

from typing import List, Optional

import typer

from .app import app, console, store_option


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", "-p", help="Port (0: any free port)."),
    store: Optional[str] = store_option(),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds a query may run."),
    max_rows: int = typer.Option(100_000, "--max-rows",
                                 help="Most rows (or triples) a result may have."),
    cors: Optional[List[str]] = typer.Option(
        None, "--cors", help="Allowed CORS origin (repeatable; '*' for any). Default: none."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Allow SERVICE calls to other endpoints."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not log requests."),
) -> None:
    """Serve the store over HTTP as a read-only SPARQL endpoint at /sparql."""
    from pactgraph.graph.serve import EndpointConfig, serve as run_server
    from pactgraph.nlp.errors import ConfigError

    from .query import open_for_reading

    if timeout <= 0 or max_rows <= 0:
        raise ConfigError("--timeout and --max-rows must be positive")
    config = EndpointConfig(timeout=timeout, max_rows=max_rows, allow_service=allow_service,
                            cors_origins=tuple(cors or ()))
    st = open_for_reading(store)

    def ready(server) -> None:
        h, p = server.server_address[:2]
        console.print(f"SPARQL endpoint on http://{h}:{p}{config.path} (read-only; "
                      f"time limit {timeout:g} s; Ctrl-C to stop)", highlight=False)

    try:
        run_server(st, host, port, config, quiet=quiet, on_ready=ready)
    finally:
        st.close()
