"""The export formats, their aliases, and where an export writes (a path, stdout or a file)."""

from __future__ import annotations

import io
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from pactgraph.graph.errors import ConfigError

RDF_FORMATS = {
    "ttl": (False, "turtle", True),
    "nt": (False, "nt11", True),
    "nq": (True, "nquads", True),
    "trig": (True, "trig", True),
    "jsonld": (True, "json-ld", False),
    "xml": (False, "xml", False),
}
NETWORK_FORMATS = ("graphml", "gexf", "csv", "neo4j")
FORMATS = tuple(RDF_FORMATS) + NETWORK_FORMATS
_ALIASES = {
    "turtle": "ttl",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nq",
    "n-quads": "nq",
    "json-ld": "jsonld",
    "rdfxml": "xml",
    "rdf": "xml",
    "owl": "xml",
}


def format_name(fmt: str) -> str:
    """The export format ``fmt`` names (aliases resolved); ConfigError for an unknown one."""
    f = fmt.lower().lstrip(".")
    f = _ALIASES.get(f, f)
    if f not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return f


@contextmanager
def binary(out: str | os.PathLike | IO | None) -> Iterator[IO[bytes]]:
    """``out`` as a binary stream: a path (created), ``-``/None (stdout) or an open file."""
    if out is None or out == "-":
        stream = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
        if stream is None:  # e.g. a captured text stdout
            buf = io.BytesIO()
            yield buf
            sys.stdout.write(buf.getvalue().decode("utf-8"))
            return
        yield stream
        stream.flush()
        return
    if isinstance(out, (str, os.PathLike)):
        path = Path(out)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            yield fh
        return
    if isinstance(out, io.TextIOBase):
        buf = io.BytesIO()
        yield buf
        out.write(buf.getvalue().decode("utf-8"))
        return
    yield out  # a binary file object


def literal(text: str) -> str:
    """``text`` as a SPARQL string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
