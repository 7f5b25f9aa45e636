"""The report text of a filing, read again from its source file, for the filing page.

The store keeps where a filing was read from (``pg:sourceFile``, relative to the corpus folder
when it lay in a ``filings/`` folder) and the SHA-256 of its bytes, not its text. The page reads
the file again with pactgraph's reader (evidence offsets point into the reader's text) from the
folders it is told to look in (:func:`configure` or the ``PACTGRAPH_FILINGS`` environment
variable, folders separated by ``os.pathsep``; the working directory last), and shows it only
when the file's SHA-256 is the one the store recorded: the page never shows another file's text.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path

from pactgraph.graph.errors import PactgraphError
from pactgraph.nlp.reader import read_filing

ENV_VAR = "PACTGRAPH_FILINGS"
MAX_BYTES = 64 * 1024 * 1024
_CACHE_SIZE = 16

_roots: list[Path] = []
_cache: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()


def configure(roots: list[str | os.PathLike] | None) -> None:
    """Folders to look for filings' source files in (before ``PACTGRAPH_FILINGS`` and the
    working directory)."""
    with _lock:
        _roots[:] = [Path(r) for r in roots or ()]
        _cache.clear()


def roots() -> list[Path]:
    env = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    return [*_roots, *env, Path.cwd()]


def candidates(source_file: str) -> list[Path]:
    """Where the file recorded as ``source_file`` may be: itself when absolute, else under each
    root."""
    path = Path(source_file)
    if path.is_absolute():
        return [path]
    return [root / path for root in roots()]


def _sha256_of(path: Path) -> str | None:
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def filing_text(source_file: str | None, sha256: str | None) -> str | None:
    """The reader's text of the filing read from ``source_file``, or None when no file with
    that SHA-256 is found (or it cannot be read)."""
    if not source_file or not sha256:
        return None
    with _lock:
        if sha256 in _cache:
            _cache.move_to_end(sha256)
            return _cache[sha256]
    for path in candidates(source_file):
        if _sha256_of(path) == sha256.lower():
            text = _read_text(path)
            if text is not None:
                with _lock:
                    _cache[sha256] = text
                    while len(_cache) > _CACHE_SIZE:
                        _cache.popitem(last=False)
            return text
    return None


def _read_text(path: Path) -> str | None:
    try:
        return read_filing(path).text
    except PactgraphError:
        return None
