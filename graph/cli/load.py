"""``pactgraph load FILE``: load RDF a user has (Turtle, N-Triples, N-Quads, TriG, JSON-LD,
RDF/XML) into the store — safely.

Nothing is fetched: JSON-LD remote ``@context`` URLs are refused (Oxigraph's parser has no
document loader), and RDF/XML is first parsed by lxml with network access off, only *internal*
entities resolved (no external entities, so no XXE file reads) and libxml2's entity-amplification
limit on (no billion-laughs), then handed to Oxigraph without its DTD.

Triples of the file's default graph go to one named graph (``--graph IRI``, or one named after
the file's SHA-256); named graphs of a quad file are replaced one by one. Each graph is replaced
atomically, so loading the same file twice changes nothing. A pactgraph export (TriG, N-Quads)
loads back into the same store content.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Optional

import typer
from rdflib.term import BNode, Literal, URIRef

from pactgraph.nlp.errors import (ConfigError, EmptyFileError, FileTooLargeError, ReaderError,
                                  UnreadableFileError)

from .app import app, console, store_option

#: extension -> pyoxigraph RdfFormat attribute name
_EXT = {
    ".ttl": "TURTLE", ".turtle": "TURTLE", ".nt": "N_TRIPLES", ".ntriples": "N_TRIPLES",
    ".nq": "N_QUADS", ".nquads": "N_QUADS", ".trig": "TRIG", ".jsonld": "JSON_LD",
    ".json": "JSON_LD", ".rdf": "RDF_XML", ".xml": "RDF_XML", ".owl": "RDF_XML",
    ".n3": "N3",
}
_NAMES = {"ttl": "TURTLE", "turtle": "TURTLE", "nt": "N_TRIPLES", "ntriples": "N_TRIPLES",
          "nq": "N_QUADS", "nquads": "N_QUADS", "trig": "TRIG", "jsonld": "JSON_LD",
          "json-ld": "JSON_LD", "xml": "RDF_XML", "rdfxml": "RDF_XML", "n3": "N3"}
DEFAULT_MAX_BYTES = 2 * 1024 ** 3
LOAD_GRAPH_BASE = "https://pactgraph.org/id/load/"


def _format_of(path: Path, fmt: str | None):
    import pyoxigraph as ox

    if fmt:
        name = _NAMES.get(fmt.lower())
        if name is None:
            raise ConfigError(f"unknown --format {fmt!r}; use one of {', '.join(sorted(_NAMES))}")
        return getattr(ox.RdfFormat, name)
    name = _EXT.get(path.suffix.lower())
    if name is None:
        raise ConfigError(f"cannot tell the RDF format from the extension {path.suffix!r}; "
                          "give --format", )
    return getattr(ox.RdfFormat, name)


def _safe_xml(data: bytes, path: Path) -> bytes:
    """RDF/XML re-serialised without its DTD: internal entities expanded under libxml2's
    amplification limit, external entities and network access refused."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities="internal", no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReaderError(f"not well-formed or unsafe XML: {exc}", path=path) from None
    for node in root.iter():
        if isinstance(node, etree._Entity):  # an unresolved (external) entity reference
            raise ReaderError(f"external entity &{node.name}; refused", path=path)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def _from_ox(term):
    from pactgraph.graph.query import _from_ox as conv

    return conv(term)


def read_rdf(path: str | Path, fmt: str | None = None, *, base_iri: str | None = None,
             max_bytes: int = DEFAULT_MAX_BYTES) -> dict[URIRef | None, list]:
    """The triples of an RDF file grouped by named graph (``None``: the default graph).

    Raises a :class:`ReaderError` subclass naming the file for a missing/unreadable path, an
    empty or too large file, a syntax error, an XXE or entity-bomb attempt, a remote context.
    """
    import pyoxigraph as ox

    p = Path(path)
    try:
        if p.is_dir():
            raise UnreadableFileError("is a directory", path=p)
        size = p.stat().st_size
    except FileNotFoundError:
        raise UnreadableFileError("no such file (or a broken link)", path=p) from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot read: {exc.strerror}", path=p) from None
    if size == 0:
        raise EmptyFileError("the file is empty", path=p)
    if size > max_bytes:
        raise FileTooLargeError(f"{size} bytes is over the limit of {max_bytes}", path=p)
    rdf_format = _format_of(p, fmt)
    base = base_iri or p.resolve().as_uri()
    graphs: dict[URIRef | None, list] = defaultdict(list)
    # blank nodes get labels fixed by the file's content and their order, so that loading the
    # same file again gives the same (skolemised) nodes and changes nothing
    digest = hashlib.sha256(p.read_bytes()).hexdigest()[:16]
    labels: dict[str, BNode] = {}

    def term(t):
        if isinstance(t, ox.BlankNode):
            node = labels.get(t.value)
            if node is None:
                node = labels[t.value] = BNode(f"load{digest}n{len(labels)}")
            return node
        return _from_ox(t)

    try:
        if rdf_format == ox.RdfFormat.RDF_XML:
            data = _safe_xml(p.read_bytes(), p)
            quads = ox.parse(data, format=rdf_format, base_iri=base)
        else:
            quads = ox.parse(path=str(p), format=rdf_format, base_iri=base)
        for q in quads:
            g = None if isinstance(q.graph_name, ox.DefaultGraph) else term(q.graph_name)
            graphs[g].append((term(q.subject), term(q.predicate), term(q.object)))
    except SyntaxError as exc:
        raise ReaderError(f"not valid {rdf_format.name}: {exc}", path=p) from None
    except PermissionError:
        raise UnreadableFileError("permission denied", path=p) from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot read: {exc}", path=p) from None
    except UnicodeDecodeError as exc:
        raise ReaderError(f"not UTF-8 text: {exc.reason}", path=p) from None
    return dict(graphs)


def load_rdf(store, path: str | Path, fmt: str | None = None, *, graph: str | None = None,
             max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, int]:
    """Load an RDF file into ``store`` (see the module docstring); return triples per graph."""
    from pactgraph.graph.store import SOURCE_SHA256

    p = Path(path)
    groups = read_rdf(p, fmt, max_bytes=max_bytes)
    sha = hashlib.sha256(p.read_bytes()).hexdigest()
    loaded: dict[str, int] = {}
    for g, triples in sorted(groups.items(), key=lambda kv: str(kv[0] or "")):
        if g is None:
            iri = URIRef(graph) if graph else URIRef(f"{LOAD_GRAPH_BASE}sha256-{sha}")
            source = sha
        elif isinstance(g, BNode):
            raise ReaderError("blank-node graph names are not supported", path=p)
        else:
            iri = g
            source = None
        # a pactgraph export carries each graph's bookkeeping triple: keep its value
        kept = []
        for t in triples:
            if t[0] == iri and t[1] == SOURCE_SHA256 and isinstance(t[2], Literal):
                source = str(t[2])
            else:
                kept.append(t)
        try:
            loaded[str(iri)] = store.replace_graph(iri, kept, source_sha256=source)
        except Exception as exc:  # noqa: BLE001 - a bad sha in the file: use the content's
            from pactgraph.nlp.errors import StoreError

            if isinstance(exc, StoreError) and source is not None and g is not None:
                loaded[str(iri)] = store.replace_graph(iri, kept)
            else:
                raise
    return loaded


@app.command()
def load(
    files: list[Path] = typer.Argument(..., help="RDF files: .ttl .nt .nq .trig .jsonld .rdf/.owl"),
    fmt: Optional[str] = typer.Option(None, "--format", "-F",
                                      help="ttl, nt, nq, trig, jsonld, xml (default: from the "
                                           "extension)."),
    graph: Optional[str] = typer.Option(None, "--graph", "-g",
                                        help="Named graph IRI for the file's default-graph "
                                             "triples (default: one per file content)."),
    store: Optional[str] = store_option(),
) -> None:
    """Load RDF files into the store (no network access, no XML external entities)."""
    from pactgraph.graph.store import open_store

    from .query import default_store

    if graph and len(files) > 1:
        raise ConfigError("--graph names one graph: give one file with it")
    with open_store(store or default_store()) as st:
        for f in files:
            loaded = load_rdf(st, f, fmt, graph=graph)
            total = sum(loaded.values())
            console.print(f"loaded {f}: {total} triples into {len(loaded)} graph"
                          f"{'s' * (len(loaded) != 1)}", highlight=False)
