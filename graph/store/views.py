"""Published read views of the embedded store, for readers while another process writes it.

pyoxigraph documents reading a store (``Store.read_only``) while another process writes it as
undefined behaviour, and it is: a reader polling during an ingest saw a filing's graph with 5 of
its 16 triples. So the writer publishes *views*: RocksDB checkpoints (``Store.backup``) in
``PATH/views/TIME-PID`` (publication time in nanoseconds, the writer's process id). A
checkpoint on the same file system hard-links the store's immutable table files (~2 ms at 1M
triples) and is a store of its own that nobody writes: a reader opens the newest one the
present writer published (the process id RocksDB's lock names) while that writer is at work,
and it stays whole however the writer compacts. (On another file system — ``views`` a link to
elsewhere — a checkpoint is a full copy.)

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
import re
import shutil
import time
from pathlib import Path

VIEWS_DIR = "views"
_TMP = ".tmp-"
_LOCK = ".lock"
#: a view's name: when it was published (nanoseconds since the epoch) and the writer's process id
_NAME = re.compile(r"([0-9]+)-([0-9]+)", re.ASCII)


def views_dir(store_path: Path) -> Path:
    return Path(store_path) / VIEWS_DIR


def _views(store_path: Path, writer: int | None = None) -> list[Path]:
    """Published views, oldest first; only those process ``writer`` published, if given."""
    root = views_dir(store_path)
    try:
        names = [(int(m[1]), int(m[2]), n) for n in os.listdir(root) if (m := _NAME.fullmatch(n))]
    except FileNotFoundError:
        return []
    return [root / n for t, pid, n in sorted(names) if writer is None or pid == writer]


def publish(db, store_path: Path) -> Path:
    """Checkpoint the pyoxigraph store ``db`` (open for writing at ``store_path``) as the newest
    view, then remove the older views nobody reads. Returns the new view's directory."""
    root = views_dir(store_path)
    root.mkdir(exist_ok=True)
    stamp = max(
        [time.time_ns(), *(int(_NAME.fullmatch(v.name)[1]) + 1 for v in _views(store_path))]
    )
    name = f"{stamp}-{os.getpid()}"
    tmp = root / f"{_TMP}{name}"
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
        if (
            name.endswith(_LOCK)
            and _NAME.fullmatch(name[: -len(_LOCK)])
            and not (root / name[: -len(_LOCK)]).exists()
        ):
            _remove_if_unread(root / name[: -len(_LOCK)])


def _remove_if_unread(view: Path) -> None:
    # here: POSIX only, like the locks it takes
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
    """The newest view, held (shared lock) until :meth:`release` or until nothing refers to it
    any more (a store that reads the view keeps a reference to it with every handle it gives
    out)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd

    @property
    def published(self) -> float:
        """When it was published (seconds since the epoch)."""
        return int(_NAME.fullmatch(self.path.name)[1]) / 1e9

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        self.release()


#: how long a reader waits for a writer that has just opened the store to publish its first view
FIRST_VIEW_WAIT = 5.0


def hold_newest(
    store_path: Path, writer: int | None = None, attempts: int = 5, wait: float = FIRST_VIEW_WAIT
) -> HeldView | None:
    """Hold the newest view of the store at ``store_path`` that process ``writer`` published
    (any process's, if ``None``); ``None`` if there is none after ``wait`` seconds (a writer
    publishes its first view right after it opened the store): views an earlier writer left are
    not the present writer's, and a writer that publishes none (plain pyoxigraph) gets none."""
    # here: POSIX only, like the locks it takes
    import fcntl

    deadline = time.monotonic() + wait
    while not _views(store_path, writer) and time.monotonic() < deadline:
        time.sleep(0.02)
    for _ in range(attempts):
        views = _views(store_path, writer)
        if not views:
            return None
        view = views[-1]
        lock = view.with_name(view.name + _LOCK)
        try:
            fd = os.open(lock, os.O_RDONLY)
        except FileNotFoundError:
            continue  # removed since we listed: a newer one exists
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)  # waits while the writer removes it, if it does
            try:
                same = os.stat(lock).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same and (view / "CURRENT").exists():
                return HeldView(view, fd)
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    return None
