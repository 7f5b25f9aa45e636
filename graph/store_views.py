"""Published read views of the embedded store, for readers while another process writes it.

pyoxigraph documents reading a store (``Store.read_only``) while another process writes it as
undefined behaviour, and it is: a reader polling during an ingest saw a filing's graph with 5 of
its 16 triples. So the writer publishes *views*: RocksDB checkpoints (``Store.backup``) in
``PATH/views/``. A checkpoint on the same file system hard-links the store's immutable table
files (~2 ms at 1M triples) and is a store of its own that nobody writes: a reader opens the
newest one while a writer is at work, and it stays whole however the writer compacts.

The writer publishes when it opens the store, at every flush (every 200 filings in an ingest)
and when it closes, so a view is at most one flush behind, and holds only whole filings (each
filing is one transaction).

A reader holds a shared ``flock`` on ``VIEW.lock`` for as long as it reads ``VIEW``; after each
publication the writer removes every older view whose lock it can take exclusively (nobody
reads it) — with the lock held, so a reader that waited for it sees the lock file gone and
picks a newer view. Only one process writes a store (RocksDB's lock), so leftovers of a killed
writer (``.tmp-*``) are its own to remove. POSIX only (``flock``): elsewhere the store publishes
no views, and its readers cannot tell a writer is there anyway.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

VIEWS_DIR = "views"
_TMP = ".tmp-"
_LOCK = ".lock"


def views_dir(store_path: Path) -> Path:
    return Path(store_path) / VIEWS_DIR


def _views(store_path: Path) -> list[Path]:
    """Published views, oldest first (names are publication times in nanoseconds)."""
    root = views_dir(store_path)
    try:
        names = [n for n in os.listdir(root) if n.isdigit()]
    except FileNotFoundError:
        return []
    return [root / n for n in sorted(names, key=int)]


def publish(db, store_path: Path) -> Path:
    """Checkpoint the pyoxigraph store ``db`` (open for writing at ``store_path``) as the newest
    view, then remove the older views nobody reads. Returns the new view's directory."""
    root = views_dir(store_path)
    root.mkdir(exist_ok=True)
    name = str(max([time.time_ns(), *(int(v.name) + 1 for v in _views(store_path))]))
    tmp = root / f"{_TMP}{os.getpid()}-{name}"
    db.backup(str(tmp))
    # the lock exists before the view does: a reader that finds the view finds its lock
    (root / (name + _LOCK)).touch()
    view = root / name
    os.rename(tmp, view)
    prune(store_path, keep=view)
    return view


def prune(store_path: Path, keep: Path | None = None) -> None:
    """Remove the views nobody reads (but ``keep``) and a killed writer's unfinished ones."""
    root = views_dir(store_path)
    try:
        entries = os.listdir(root)
    except FileNotFoundError:
        return
    for name in entries:
        if name.startswith(_TMP):
            shutil.rmtree(root / name, ignore_errors=True)
    for view in _views(store_path):
        if view != keep:
            _remove_if_unread(view)
    # a lock left without its view (a writer killed between the two removals)
    for name in os.listdir(root):
        if name.endswith(_LOCK) and not (root / name[: -len(_LOCK)]).exists():
            _remove_if_unread(root / name[: -len(_LOCK)])


def _remove_if_unread(view: Path) -> None:
    import fcntl

    lock = view.with_name(view.name + _LOCK)
    try:
        fd = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        shutil.rmtree(view, ignore_errors=True)
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # a reader has it open
        shutil.rmtree(view, ignore_errors=True)
        os.unlink(lock)
    finally:
        os.close(fd)


class HeldView:
    """The newest view, held (shared lock) until :meth:`release`."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd

    @property
    def published(self) -> float:
        """When it was published (seconds since the epoch)."""
        return int(self.path.name) / 1e9

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:  # pragma: no cover - release() is the rule
        self.release()


def hold_newest(store_path: Path, attempts: int = 5) -> HeldView | None:
    """Hold the newest published view of the store at ``store_path``; ``None`` if there is none."""
    import fcntl

    for _ in range(attempts):
        views = _views(store_path)
        if not views:
            return None
        view = views[-1]
        lock = view.with_name(view.name + _LOCK)
        try:
            fd = os.open(lock, os.O_RDONLY)
        except FileNotFoundError:
            continue  # removed since we listed: a newer one exists
        fcntl.flock(fd, fcntl.LOCK_SH)  # waits while the writer removes it, if it does
        try:
            same = os.stat(lock).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same and (view / "CURRENT").exists():
            return HeldView(view, fd)
        os.close(fd)
    return None
