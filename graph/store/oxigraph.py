"""The default store: embedded, persistent Oxigraph (RocksDB) in a directory (``oxigraph:PATH``).

Writes are Oxigraph transactions: a filing's graph is replaced by one SPARQL update
(``DROP SILENT GRAPH`` + ``INSERT DATA``), which Oxigraph applies all or nothing, so a reader —
or a restart after a crash — never sees half a filing.

The default graph holds the RDF merge (a set) of all the named graphs, kept up to date in the
same update: a triple stated in many filings (a company's name) is there once. Queries run on
it, so joins over shared entities do not multiply by the number of filings that state them, as
they would on Oxigraph's union of the named graphs (a bag). Measured on the corpus: the saved
query ``agreements-of`` takes 78 ms this way and 3 s on the bag union.

One process writes the store (RocksDB's lock); readers in other processes read it read-only, or,
while a writer has it open, the newest view the writer published (``store_views``).
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import struct
import sys
import warnings
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import rdflib
from oxrdflib import OxigraphStore as RdflibOxigraph
from rdflib.term import URIRef

from pactgraph.graph.errors import QueryError, StoreError
from pactgraph.graph.rdf.results import result_from_ox
from pactgraph.graph.rdf.terms import from_ox, nt_term

from . import views as store_views
from .base import Store, _binary_out, _dump_format

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

_OX_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "turtle": ox.RdfFormat.TURTLE,
    "xml": ox.RdfFormat.RDF_XML,
}


_REMERGE = "DROP SILENT DEFAULT ;\nINSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


_PREFIX_LINE = re.compile(r"^\s*PREFIX\s+[\w-]*:\s*<[^>]*>\s*$", re.IGNORECASE | re.MULTILINE)


def _sequence(*updates: str) -> str:
    """One SPARQL update of several, their PREFIX lines gathered at the top (Oxigraph 0.5 reads
    a prologue only at the start of a request)."""
    prefixes: dict[str, None] = {}
    bodies = []
    for u in updates:
        prefixes.update(dict.fromkeys(m.group(0).strip() for m in _PREFIX_LINE.finditer(u)))
        body = _PREFIX_LINE.sub("", u).strip()
        if body:
            bodies.append(body)
    return "\n".join(prefixes) + "\n" + " ;\n".join(bodies)


#: stores this process has open for writing
_OPEN_FOR_WRITING: set[Path] = set()


def _writer(path: Path) -> int | None:
    """The process id of another process that has the store open for writing (0 when it is not
    known: a process in another PID namespace), or ``None`` when none has: RocksDB holds a POSIX
    write lock on its ``LOCK`` file. pyoxigraph documents a read-only open while another process
    writes as undefined behaviour, and it is: a reader polling during an ingest saw a filing's
    graph with 5 of its 16 triples. Asked with ``F_GETLK``, which takes no lock. Not asked for a
    store this process writes (closing any descriptor of the file would drop this process's own
    lock; its own lock never conflicts anyway) nor off Linux (the ``struct flock`` layout is
    Linux's)."""
    if not sys.platform.startswith("linux") or path.resolve() in _OPEN_FOR_WRITING:
        return None
    # here: POSIX only, like the locks it takes
    import fcntl

    layout = "@hhqqi4x"  # struct flock: l_type, l_whence, l_start, l_len, l_pid
    try:
        fd = os.open(path / "LOCK", os.O_RDONLY)
    except OSError:
        return None
    try:
        answer = fcntl.fcntl(
            fd, fcntl.F_GETLK, struct.pack(layout, fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        )
    except OSError:
        return None
    finally:
        os.close(fd)
    kind, _, _, _, pid = struct.unpack(layout, answer)
    return None if kind == fcntl.F_UNLCK else max(pid, 0)


def _trim_heap() -> None:
    """glibc keeps the memory a large update freed in its heap (RSS grows with every ingest
    window); ``malloc_trim`` returns it. Nothing elsewhere."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.lru_cache(maxsize=1)
def _glibc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def _first_line(exc: BaseException) -> str:
    """An error's message on one line (RocksDB's may run over several)."""
    text = " ".join(str(exc).split())
    return text[:300] or type(exc).__name__


def _unmerge(g: str) -> str:
    """SPARQL: remove from the default graph the triples only graph ``g`` states."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {g}) }} }}"
    )


class OxigraphStore(Store):
    """A pyoxigraph ``Store`` in ``path`` (created if missing); ``read_only`` opens a snapshot."""

    #: the published view this read-only store reads, when another process writes the store
    view: store_views.HeldView | None = None
    _ox: ox.Store | None = None

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.spec = f"oxigraph:{self.path}"
        self.read_only = read_only
        try:
            if read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError("no Oxigraph store here", path=self.path)
                writer = _writer(self.path)
                if writer is not None:
                    self._open_view(writer)  # opening the store itself now is undefined behaviour
                else:
                    self._db = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._db = ox.Store(str(self.path))
                _OPEN_FOR_WRITING.add(self.path.resolve())
                self._publish()
        except OSError as exc:
            self._release_view()
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreError(
                    "the store is in use by another pactgraph process (an ingest?); "
                    "wait for it, or open the store read-only",
                    path=self.path,
                ) from None
            raise StoreError(f"cannot open the Oxigraph store: {msg}", path=self.path) from None

    def read_while_written(self) -> bool:
        """Whether this read-only store reads the store itself while another process writes it
        (it was opened before that process started)."""
        return self._writer_under_it() is not None

    def _writer_under_it(self) -> int | None:
        """The process writing the store this read-only store reads itself (not a view), if any."""
        if self._ox is None or not self.read_only or self.view is not None:
            return None
        return _writer(self.path)  # a lock query on RocksDB's LOCK file: ~25 µs per read

    def follow_writer(self) -> None:
        """Move now, not at the next read, to the newest view of a process that started writing
        the store since this read-only store was opened (see ``_db``); nothing otherwise."""
        self._db  # noqa: B018 - the property moves it

    @property
    def _db(self) -> ox.Store:
        """The pyoxigraph store to use now. A read-only store opened before another process
        started writing moves to that writer's newest view before it reads again (reading under
        the writer is undefined behaviour): still a snapshot, a newer one."""
        writer = self._writer_under_it()
        if writer is not None:
            self._open_view(writer)
        return self._ox

    @_db.setter
    def _db(self, db: ox.Store | None) -> None:
        self._ox = db

    def _open_view(self, writer: int) -> None:
        """Read the newest view process ``writer`` (0: not known) published (store_views)."""
        view = store_views.hold_newest(self.path, writer or None)
        if view is None:
            raise StoreError(
                "the store is open for writing in another process (an ingest?), "
                "which has published no view to read yet: query it when that "
                "process is done",
                path=self.path,
            )
        try:
            db = ox.Store.read_only(str(view.path))
        except OSError as exc:
            view.release()
            raise StoreError(f"cannot open the store's view: {exc}", path=self.path) from None
        self._ox, self.view = db, view

    @property
    def pyoxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``, valid until this store is closed (when it reads a
        writer's view, the writer may remove that view then)."""
        return self._db

    # -- writes --------------------------------------------------------------------------------
    #: the default graph is the merge of the named graphs (see the module docstring)
    keeps_merged_default_graph = True

    def update(self, sparql: str, *, merged: tuple[str, str] | None = None) -> None:
        """Run a SPARQL update on the named graphs, in one transaction with the upkeep of the
        merged default graph: ``merged`` = (before, after), SPARQL updates of the default graph
        that keep it the merge (e.g. the same rewrite); without it, the merge is rebuilt from
        all named graphs (~1 min at 1M triples)."""
        if merged is None:
            self._update(f"{sparql} ;\n{_REMERGE}")
        else:
            self._update(_sequence(merged[0], sparql, merged[1]))

    def _update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only", path=self.path)
        try:
            self._db.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {exc}") from None
        except (OSError, RuntimeError) as exc:  # disk full, I/O error: RocksDB's message
            raise StoreError(f"update failed: {_first_line(exc)}", path=self.path) from None

    def remove_graph(self, iri: str | URIRef) -> None:
        g = nt_term(URIRef(str(iri)))
        self._update(f"{_unmerge(g)} ;\nDROP SILENT GRAPH {g}")

    def _replace(self, iri: URIRef, nt) -> None:
        g = nt_term(iri)
        self._update(
            f"{_unmerge(g)} ;\nDROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{nt}}}\n{nt}}}"
        )

    def load_nquads(self, data: bytes | IO[bytes]) -> None:
        """Bulk-load N-Quads (no transaction: for benchmarks and restores of a dump)."""
        self._db.bulk_load(data, format=ox.RdfFormat.N_QUADS)

    def flush(self) -> None:
        """Flush RocksDB's memtables to disk: without it they grow to ~1.5 GB in a long ingest.
        Then give the heap pages the updates freed back to the system."""
        if not self.read_only:
            try:
                self._db.flush()
            except (OSError, RuntimeError) as exc:  # disk full, I/O error: RocksDB's message
                raise StoreError(
                    f"cannot write the store: {_first_line(exc)}", path=self.path
                ) from None
            self._publish()
            _trim_heap()

    def _publish(self) -> None:
        """Publish the store as it is now for readers in other processes (store_views). A view
        that cannot be written (disk full) costs readers their view, not the writer its write.
        Linux only, like the check readers make for a writer (``_writer``)."""
        if not sys.platform.startswith("linux"):
            return
        try:
            store_views.publish(self._db, self.path)
        except (OSError, RuntimeError) as exc:  # RocksDB errors come as RuntimeError
            warnings.warn(f"{self.path}: no view published for readers: {exc}", stacklevel=2)

    def _release_view(self) -> None:
        """Let go of the view: its lock is released when nothing refers to it any more (a
        ``dataset()`` still in use keeps it)."""
        self.view = None

    # -- reads ---------------------------------------------------------------------------------
    def query(self, sparql: str, *, max_rows: int | None = None, max_bytes: int | None = None):
        """Run a query; a result past ``max_rows`` rows or ``max_bytes`` bytes stops at the row
        past the limit (``ResultTooLarge``)."""
        try:
            res = self._db.query(sparql)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL query: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None
        try:
            return result_from_ox(res, max_rows, max_bytes)
        except OSError as exc:  # raised while the rows are read
            raise QueryError(f"query failed: {exc}") from None

    def graph_iris(self) -> list[URIRef]:
        return sorted(
            URIRef(g.value) for g in self._db.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def has_graph(self, iri: str | URIRef) -> bool:
        return self._db.contains_named_graph(ox.NamedNode(str(iri)))

    def triple_count(self, iri: str | URIRef | None = None) -> int:
        if iri is None:
            res = self._db.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        else:
            res = self._db.query(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {nt_term(URIRef(str(iri)))}"
                " { ?s ?p ?o } }"
            )
        return int(next(iter(res))["n"].value)

    def graph(self, iri: str | URIRef) -> rdflib.Graph:
        out = rdflib.Graph(identifier=URIRef(str(iri)))
        for q in self._db.quads_for_pattern(None, None, None, ox.NamedNode(str(iri))):
            out.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return out

    def dataset(self) -> rdflib.Dataset:
        """A live rdflib Dataset over this store (through oxrdflib)."""
        ds = rdflib.Dataset(store=RdflibOxigraph(store=self._db))  # default graph = the merge
        ds._pactgraph_view = self.view  # the view it reads stays published while it lives
        return ds

    def dump(self, format: str, out: str | os.PathLike | IO[bytes]) -> None:
        quads, fmt = _dump_format(format)
        if fmt == "json-ld":
            return super().dump(format, out)
        with _binary_out(out) as fh:
            if quads:
                # named graphs only (the default graph holds nothing pactgraph writes)
                # the named graphs (the default graph is their merge)
                ox.serialize(
                    (q for q in self._db if not isinstance(q.graph_name, ox.DefaultGraph)),
                    fh,
                    _OX_FORMATS[fmt],
                )
            else:
                triples = self._db.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
                ox.serialize(triples, fh, _OX_FORMATS[fmt])

    def close(self) -> None:
        db = self._ox
        if db is not None:
            try:
                if not self.read_only:
                    try:
                        db.flush()
                    except (OSError, RuntimeError):  # the disk is failing (full): the error
                        pass  # that stopped the writer was reported
                    else:
                        self._publish()
            finally:
                self._db = None  # RocksDB closes when the object goes
                del db
                if not self.read_only:
                    _OPEN_FOR_WRITING.discard(self.path.resolve())
                self._release_view()
