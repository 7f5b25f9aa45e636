"""The fuzz benchmark's own machinery (``benchmarks/fuzz.py``): jobs share the inputs, each
into its own store; a file the ingest refuses by name still has its content read and extracted;
a fresh store leaves nothing of the old one behind."""

from __future__ import annotations

import os
import random

import pytest

SEED_FILING = "ascent-solar-technologies_2007-12-19_seed.txt"


@pytest.fixture
def fuzz(benchmark_module):
    return benchmark_module("fuzz")


def _run(fuzz, jobs: int) -> dict:
    return fuzz.run(
        30,
        seed=5,
        corpus=None,
        max_bytes=20_000,
        save=None,
        progress=False,
        store="oxigraph",
        batch=8,
        jobs=jobs,
        store_every=16,
    )


@pytest.mark.slow
def test_two_jobs_fuzz_the_same_inputs_as_one(fuzz):
    one, two = _run(fuzz, 1), _run(fuzz, 2)
    assert one["uncaught"] == two["uncaught"] == {}, (one["examples"], two["examples"])
    assert one["mb"] == two["mb"]  # input i is the same whatever the jobs
    assert sum(one["outcomes"].values()) == sum(two["outcomes"].values()) == 30
    assert sum(one["store"].values()) == sum(two["store"].values()) == 30
    assert two["store"]["written"] > 0 and two["jobs"] == 2


def _rng_naming(fuzz, name: bytes, i: int) -> random.Random:
    """A generator whose next hostile name for input ``i`` ends with ``name``."""
    for k in range(10_000):
        if fuzz.hostile_name(random.Random(k), i).endswith(name):
            return random.Random(k)
    raise AssertionError(f"no generator gives {name!r}")


def test_a_name_the_ingest_refuses_still_has_its_content_checked(fuzz):
    seed = (fuzz.REPO / "nlp" / "samples" / SEED_FILING).read_bytes()
    stage = fuzz.StoreStage("memory", batch=10)
    try:
        for i, data in enumerate((seed, b"%PDF-1.4\n" + bytes(range(256)) * 8)):
            stage.add(_rng_naming(fuzz, b"a\xff.txt", i), i, data, "test")
        results = stage.flush()
        counts = dict(stage.counts)
    finally:
        stage.close()
    assert [got for _, got, _ in results] == ["read", "error"]
    assert counts == {"written": 0, "skipped": 0, "failed": 2}  # refused by name, before reading


def test_a_fresh_store_closes_and_removes_the_old_one(fuzz):
    old = fuzz.StoreStage("oxigraph", batch=10)
    folder = old.tmp.name
    assert os.path.isdir(folder)
    new = fuzz.fresh_stage(old, "oxigraph", 10)
    try:
        assert not os.path.exists(folder)
        assert new.tmp.name != folder and new.store.triple_count() == 0
    finally:
        new.close()
