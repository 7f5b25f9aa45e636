"""Loading RDF a user has (Turtle, N-Triples, N-Quads, TriG, JSON-LD,
RDF/XML) into the store — safely.

Nothing is fetched: JSON-LD remote ``@context`` URLs are refused (Oxigraph's parser has no
document loader), and RDF/XML is first parsed by lxml with network access off, only *internal*
entities resolved (no external entities, so no XXE file reads) and libxml2's entity-amplification
limit on (no billion-laughs), then handed to Oxigraph without its DTD.

Triples of the file's default graph go to one named graph (``--graph IRI``, or one named after
the file's SHA-256); named graphs of a quad file are replaced one by one. Loading the same file
twice changes nothing. A pactgraph export (TriG, N-Quads) loads back into the same store content
with ``--allow-project-iris``; without it, loaded data may not use pactgraph's own IRIs (a
filing's graph, a fact about an extracted stake or company, the store's bookkeeping), so it can
never replace, erase or pass as what was extracted from a filing.

Into the embedded store, files are streamed and never held as terms: one transaction per graph
up to 16 MB, Oxigraph's bulk loader above (a 100 MB Turtle file in well under 1 GB).
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
from lxml import etree
from rdflib.term import BNode, Literal, URIRef

from pactgraph.graph.errors import (
    ConfigError,
    EmptyFileError,
    FileTooLargeError,
    ReaderError,
    StoreError,
    UnreadableFileError,
)
from pactgraph.graph.rdf.terms import SKOLEM_BASE, NTriples, content_sha256, from_ox, nt_term
from pactgraph.graph.store import SOURCE_SHA256, STORE_NS
from pactgraph.graph.store.oxigraph import OxigraphStore

from .filings import file_sha256

#: extension -> pyoxigraph RdfFormat attribute name
_EXT = {
    ".ttl": "TURTLE",
    ".turtle": "TURTLE",
    ".nt": "N_TRIPLES",
    ".ntriples": "N_TRIPLES",
    ".nq": "N_QUADS",
    ".nquads": "N_QUADS",
    ".trig": "TRIG",
    ".jsonld": "JSON_LD",
    ".json": "JSON_LD",
    ".rdf": "RDF_XML",
    ".xml": "RDF_XML",
    ".owl": "RDF_XML",
    ".n3": "N3",
}
_NAMES = {
    "ttl": "TURTLE",
    "turtle": "TURTLE",
    "nt": "N_TRIPLES",
    "ntriples": "N_TRIPLES",
    "nq": "N_QUADS",
    "nquads": "N_QUADS",
    "trig": "TRIG",
    "jsonld": "JSON_LD",
    "json-ld": "JSON_LD",
    "xml": "RDF_XML",
    "rdfxml": "RDF_XML",
    "n3": "N3",
}
DEFAULT_MAX_BYTES = 2 * 1024**3
LOAD_GRAPH_BASE = "https://pactgraph.org/id/load/"


def _format_of(path: Path, fmt: str | None):
    if fmt:
        name = _NAMES.get(fmt.lower())
        if name is None:
            raise ConfigError(f"unknown --format {fmt!r}; use one of {', '.join(sorted(_NAMES))}")
        return getattr(ox.RdfFormat, name)
    name = _EXT.get(path.suffix.lower())
    if name is None:
        raise ConfigError(
            f"cannot tell the RDF format from the extension {path.suffix!r}; give --format",
        )
    return getattr(ox.RdfFormat, name)


def _safe_xml(data: bytes, path: Path) -> bytes:
    """RDF/XML re-serialised without its DTD: internal entities expanded under libxml2's
    amplification limit, external entities and network access refused."""
    parser = etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReaderError(f"not well-formed or unsafe XML: {exc}", path=path) from None
    for node in root.iter():
        if isinstance(node, etree._Entity):  # an unresolved (external) entity reference
            raise ReaderError(f"external entity &{node.name}; refused", path=path)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def read_rdf(
    path: str | Path,
    fmt: str | None = None,
    *,
    base_iri: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[URIRef | None, list]:
    """The triples of an RDF file grouped by named graph (``None``: the default graph).

    Raises a :class:`ReaderError` subclass naming the file for a missing/unreadable path, an
    empty or too large file, a syntax error, an XXE or entity-bomb attempt, a remote context.
    """
    p = Path(path)
    _checked_size(p, max_bytes)
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
        return from_ox(t)

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


# --------------------------------------------------------------------------- what a load may say

#: the project's own IRIs: its filings' graphs and facts, its ontology, its bookkeeping
PROJECT_IRIS = "https://pactgraph.org/"
ALLOW_FLAG = "--allow-project-iris"


class _Guard:
    """Refuses what would let loaded data pass as extracted from a filing: a graph name in the
    project's IRIs (a filing's graph, the lifecycle graph; a graph under the load base is a
    load's own), a triple about a project IRI (a stake, a company, a filing), a triple of the
    store's bookkeeping (a graph's source hash decides what ingest skips). ``allow`` (the
    command's ``--allow-project-iris``: restoring a pactgraph export) lets all of it through."""

    def __init__(self, path: Path, allow: bool) -> None:
        self.path, self.allow = path, allow

    def refuse(self, what: str):
        return ReaderError(
            f"{what}: loaded data may not pass as extracted from a filing "
            f"(give {ALLOW_FLAG} to restore a pactgraph export)",
            path=self.path,
        )

    def graph(self, iri: str) -> None:
        if not self.allow and iri.startswith(PROJECT_IRIS) and not iri.startswith(LOAD_GRAPH_BASE):
            raise self.refuse(f"the graph <{iri}> is one of pactgraph's own")

    def triple(self, subject, predicate) -> None:
        if self.allow:
            return
        if predicate.value.startswith(STORE_NS):
            raise self.refuse(f"<{predicate.value}> is the store's bookkeeping")
        value = getattr(subject, "value", "")
        if not isinstance(subject, ox.BlankNode) and value.startswith(PROJECT_IRIS):
            raise self.refuse(f"<{value}> is one of pactgraph's own IRIs")


# --------------------------------------------------------------------------- loading

#: files up to this size are loaded in one transaction per graph; larger ones into an embedded
#: store are streamed through Oxigraph's bulk loader (memory flat, not one transaction)
ATOMIC_MAX_BYTES = 16 * 1024**2
#: quads handed to the bulk loader at a time (it sorts each batch in memory: ~0.3 GB a million)
BULK_CHUNK = 100_000


def load_rdf(
    store,
    path: str | Path,
    fmt: str | None = None,
    *,
    graph: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_project_iris: bool = False,
) -> dict[str, int]:
    """Load an RDF file into ``store`` (see the module docstring); return triples per graph.

    Refuses (ReaderError) the project's own graph IRIs, triples about its IRIs and the store's
    bookkeeping triples unless ``allow_project_iris``. Into an embedded Oxigraph store the file
    is streamed, never held as terms: a file up to :data:`ATOMIC_MAX_BYTES` is written in one
    transaction per graph; a larger one through the bulk loader, each graph's source hash
    written last (a load killed midway leaves a graph without it; loading again replaces it).
    """
    p = Path(path)
    guard = _Guard(p, allow_project_iris)
    if graph:
        guard.graph(graph)
    if not _is_embedded_oxigraph(store):
        return _load_terms(store, p, fmt, graph, max_bytes, guard)
    plan = _Plan.scan(p, fmt, graph, max_bytes, guard)
    if plan.size > ATOMIC_MAX_BYTES:
        return _load_bulk(store, plan)
    return _load_atomic(store, plan)


def _is_embedded_oxigraph(store) -> bool:
    return isinstance(store, OxigraphStore)


def _load_terms(store, p: Path, fmt, graph, max_bytes, guard: _Guard) -> dict[str, int]:
    """Other backends: the file as rdflib terms, each graph replaced in one write."""
    groups = read_rdf(p, fmt, max_bytes=max_bytes)
    sha = file_sha256(str(p))
    loaded: dict[str, int] = {}
    for g, triples in sorted(groups.items(), key=lambda kv: str(kv[0] or "")):
        if isinstance(g, BNode):
            raise ReaderError("blank-node graph names are not supported", path=p)
        iri = (
            URIRef(graph)
            if g is None and graph
            else URIRef(f"{LOAD_GRAPH_BASE}sha256-{sha}")
            if g is None
            else g
        )
        guard.graph(str(iri))
        source = sha if g is None else None
        kept = []
        for t in triples:
            if t[0] == iri and str(t[1]) == _source_predicate() and isinstance(t[2], Literal):
                guard.triple(_named(str(t[0])), _named(str(t[1])))
                source = str(t[2])
                continue
            guard.triple(
                _named(str(t[0])) if isinstance(t[0], URIRef) else ox.BlankNode(), _named(str(t[1]))
            )
            kept.append(t)
        loaded[str(iri)] = _replace(store, iri, kept, source)
    return loaded


def _replace(store, iri, graph, source: str | None) -> int:
    """Replace graph ``iri``; a source hash the file gave that is not one: the content's."""
    try:
        return store.replace_graph(iri, graph, source_sha256=source)
    except StoreError:
        if source is None:
            raise
        return store.replace_graph(iri, graph)


def _named(iri: str):
    return ox.NamedNode(iri)


def _source_predicate() -> str:
    return str(SOURCE_SHA256)


class _Plan:
    """One pass over the file: checked quad by quad, counted per target graph (nothing kept)."""

    def __init__(
        self, p: Path, rdf_format, base: str, size: int, sha: str, graph: str | None
    ) -> None:
        self.path, self.format, self.base, self.size, self.sha = p, rdf_format, base, size, sha
        self.default_target = graph or f"{LOAD_GRAPH_BASE}sha256-{sha}"
        self.counts: dict[str, int] = {}
        self.sources: dict[str, str] = {}  # target graph -> source hash (file's, or a marker's)

    @classmethod
    def scan(cls, p: Path, fmt, graph, max_bytes: int, guard: _Guard) -> _Plan:
        size = _checked_size(p, max_bytes)
        plan = cls(p, _format_of(p, fmt), p.resolve().as_uri(), size, file_sha256(str(p)), graph)
        for target, q in plan.quads():
            if target not in plan.counts:
                guard.graph(target)
                plan.counts[target] = 0
            guard.triple(q.subject, q.predicate)
            if plan.is_marker(target, q):
                plan.sources[target] = q.object.value
            else:
                plan.counts[target] += 1
        if plan.default_target in plan.counts:
            plan.sources.setdefault(plan.default_target, plan.sha)
        return plan

    def is_marker(self, target: str, q) -> bool:
        return (
            q.predicate.value == _source_predicate()
            and isinstance(q.subject, ox.NamedNode)
            and q.subject.value == target
            and isinstance(q.object, ox.Literal)
        )

    def quads(self):
        """``(target graph IRI, quad)`` for every quad of the file."""
        with _reading(self.path, self.format):
            if self.format == ox.RdfFormat.RDF_XML:
                data = _safe_xml(self.path.read_bytes(), self.path)
                parsed = ox.parse(data, format=self.format, base_iri=self.base)
            else:
                parsed = ox.parse(path=str(self.path), format=self.format, base_iri=self.base)
            for q in parsed:
                g = q.graph_name
                if isinstance(g, ox.DefaultGraph):
                    yield self.default_target, q
                elif isinstance(g, ox.NamedNode):
                    yield g.value, q
                else:
                    raise ReaderError("blank-node graph names are not supported", path=self.path)

    def skolem(self):
        """A function giving each blank node of the file its stable IRI (same file, same IRIs:
        loading it again changes nothing)."""
        labels, digest = {}, self.sha[:16]

        def term(t):
            if isinstance(t, ox.BlankNode):
                node = labels.get(t.value)
                if node is None:
                    iri = f"{SKOLEM_BASE}load{digest}n{len(labels)}"
                    node = labels[t.value] = ox.NamedNode(iri)
                return node
            return t

        return term


class _reading:
    """The parser's and the file system's errors as ReaderErrors naming the file."""

    def __init__(self, p: Path, rdf_format) -> None:
        self.path, self.format = p, rdf_format

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        p = self.path
        if isinstance(exc, SyntaxError):
            raise ReaderError(f"not valid {self.format.name}: {exc}", path=p) from None
        if isinstance(exc, PermissionError):
            raise UnreadableFileError("permission denied", path=p) from None
        if isinstance(exc, UnicodeDecodeError):
            raise ReaderError(f"not UTF-8 text: {exc.reason}", path=p) from None
        if isinstance(exc, OSError):
            raise UnreadableFileError(f"cannot read: {exc}", path=p) from None
        return False


def _checked_size(p: Path, max_bytes: int) -> int:
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
    return size


def _load_atomic(store, plan: _Plan) -> dict[str, int]:
    """Each graph as N-Triples text made from Oxigraph's terms, replaced in one transaction."""
    term = plan.skolem()
    lines: dict[str, list[str]] = {g: [] for g in plan.counts}
    for target, q in plan.quads():
        if not plan.is_marker(target, q):
            lines[target].append(f"{term(q.subject)} {q.predicate} {term(q.object)} .\n")
    loaded = {}
    for target in sorted(lines):
        text = "".join(sorted(set(lines.pop(target))))
        nt = NTriples(text)
        loaded[target] = _replace(store, URIRef(target), nt, plan.sources.get(target))
    return loaded


def _load_bulk(store, plan: _Plan) -> dict[str, int]:
    """Stream the file into the embedded store with Oxigraph's bulk loader: each target graph
    is emptied, its triples written to it and to the merged default graph, its source hash
    last (a graph without one was not finished: loading again replaces it)."""
    for target in plan.counts:
        store.remove_graph(target)
    term = plan.skolem()

    def quads():
        for target, q in plan.quads():
            if plan.is_marker(target, q):
                continue
            s, o = term(q.subject), term(q.object)
            yield ox.Quad(s, q.predicate, o, ox.NamedNode(target))
            yield ox.Quad(s, q.predicate, o, ox.DefaultGraph())

    stream = quads()
    try:
        while True:  # in chunks: the bulk loader holds a whole batch in memory while it sorts
            chunk = list(itertools.islice(stream, BULK_CHUNK))
            if not chunk:
                break
            store.pyoxigraph.bulk_extend(chunk)
    except (OSError, RuntimeError) as exc:
        raise StoreError(
            f"bulk load failed: {' '.join(str(exc).split())[:300]}", path=store.path
        ) from None
    marks = []
    for target in sorted(plan.counts):
        source = plan.sources.get(target) or content_sha256(target)
        g = nt_term(URIRef(target))
        mark = f'{g} {nt_term(URIRef(_source_predicate()))} "{source}"'
        marks.append(f"GRAPH {g} {{ {mark} }} {mark} .")
    store.update("INSERT DATA { " + " ".join(marks) + " }", merged=("", ""))
    store.flush()
    return dict(plan.counts)
