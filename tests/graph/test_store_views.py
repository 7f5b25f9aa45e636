"""Published read views of the embedded store (graph/store_views.py), on real RocksDB stores."""

from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest

from pactgraph.graph.store import views as store_views

if not sys.platform.startswith("linux"):  # pragma: no cover
    pytest.skip("flock semantics checked on Linux", allow_module_level=True)


def insert(db: ox.Store, k: int) -> None:
    db.update(f'INSERT DATA {{ GRAPH <urn:g{k}> {{ <urn:s{k}> <urn:p> "{k}" }} }}')


def graphs(path) -> int:
    db = ox.Store.read_only(str(path))
    try:
        return sum(1 for _ in db.named_graphs())
    finally:
        del db


def views(path) -> list[str]:
    return sorted(os.listdir(store_views.views_dir(path)))


def test_publish_keeps_only_the_newest_view_nobody_reads(tmp_path):
    db = ox.Store(str(tmp_path))
    first = store_views.publish(db, tmp_path)
    insert(db, 1)
    second = store_views.publish(db, tmp_path)
    assert second.name.endswith(f"-{os.getpid()}")  # publication time, writer's process id
    assert int(second.name.split("-")[0]) > int(first.name.split("-")[0])
    assert views(tmp_path) == [second.name, second.name + ".lock"]
    assert graphs(second) == 1  # an unflushed write is in the checkpoint


def test_a_held_view_outlives_publications_and_compaction_and_goes_once_released(tmp_path):
    db = ox.Store(str(tmp_path))
    for k in range(3):
        insert(db, k)
    store_views.publish(db, tmp_path)
    held = store_views.hold_newest(tmp_path)
    assert held is not None and graphs(held.path) == 3
    for k in range(3, 6):
        insert(db, k)
        db.flush()
    db.optimize()  # compaction removes the table files the held view was made of, in the store
    newest = store_views.publish(db, tmp_path)
    # the store dropped table files the held view still links (its only link now) ...
    assert any(f.stat().st_nlink == 1 for f in held.path.glob("*.sst"))
    assert graphs(held.path) == 3  # ... and the view is whole
    assert graphs(newest) == 6
    held.release()
    insert(db, 6)
    latest = store_views.publish(db, tmp_path)
    assert views(tmp_path) == [latest.name, latest.name + ".lock"]


def test_a_reader_in_another_process_blocks_removal(tmp_path):
    db = ox.Store(str(tmp_path))
    insert(db, 1)
    store_views.publish(db, tmp_path)
    code = (
        "import sys, time\nfrom pathlib import Path\n"
        "from pactgraph.graph.store import views as store_views\n"
        "v = store_views.hold_newest(Path(sys.argv[1]))\nprint(v.path.name, flush=True)\n"
        "sys.stdin.read()\nv.release()\n"
    )
    reader = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        held = reader.stdout.readline().strip()
        insert(db, 2)
        newest = store_views.publish(db, tmp_path)
        assert set(views(tmp_path)) == {held, held + ".lock", newest.name, newest.name + ".lock"}
    finally:
        reader.stdin.close()
        reader.wait(30)
    store_views.prune(tmp_path, keep=newest)
    assert views(tmp_path) == [newest.name, newest.name + ".lock"]


def test_no_view_yet_and_a_killed_writers_leftovers(tmp_path):
    assert store_views.hold_newest(tmp_path) is None  # nothing published
    db = ox.Store(str(tmp_path))
    root = store_views.views_dir(tmp_path)
    root.mkdir()
    (root / ".tmp-1-999999").mkdir()  # a checkpoint a killed writer did not finish
    (root / "5-999999.lock").touch()  # a lock whose view was already removed
    (root / "7-999999").mkdir()  # a view whose lock was never written
    newest = store_views.publish(db, tmp_path)
    assert views(tmp_path) == [newest.name, newest.name + ".lock"]
    held = store_views.hold_newest(tmp_path)
    assert held is not None and held.path == newest
    held.release()


def test_a_reader_takes_only_the_present_writers_views(tmp_path):
    """Views an earlier writer left (a reader still holds one) are not the present writer's."""
    db = ox.Store(str(tmp_path))
    insert(db, 1)
    earlier = store_views.publish(db, tmp_path)
    held = store_views.hold_newest(tmp_path)  # pins the earlier writer's view
    assert held is not None and held.path == earlier
    assert store_views.hold_newest(tmp_path, writer=os.getpid() + 1) is None
    again = store_views.hold_newest(tmp_path, writer=os.getpid())
    assert again is not None and again.path == earlier
    again.release()
    held.release()
