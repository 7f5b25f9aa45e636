"""Shared fixtures: the read-only corpus beside the repo, and a private Virtuoso server."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpus/filings`` (skips the test when it is not beside the repo)."""
    path = SHARED / "corpus" / "filings"
    if not path.is_dir():
        pytest.skip("../shared/corpus/filings not beside the repo")
    return path


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """``../shared/eval/gold`` (skips the test when it is not beside the repo)."""
    path = SHARED / "eval" / "gold"
    if not path.is_dir():
        pytest.skip("../shared/eval/gold not beside the repo")
    return path


@pytest.fixture(scope="session")
def benchmark_module():
    """``benchmark_module("generate")``: a module of ``benchmarks/`` loaded from its file
    (``benchmarks/`` is not part of the installed package)."""
    import sys

    def load(name: str):
        spec = importlib.util.spec_from_file_location(f"_benchmarks_{name}_under_test",
                                                      REPO / "benchmarks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture(scope="session")
def seed_path(corpus_dir: Path) -> Path:
    """The founding example: Ascent Solar's 8-K of 2007-12-19."""
    path = corpus_dir / "ascent-solar-technologies_2007-12-19_seed.txt"
    if not path.is_file():
        pytest.skip("the seed filing is missing")
    return path


def _virtuoso_module():
    spec = importlib.util.spec_from_file_location("pactgraph_tests_virtuoso",
                                                  REPO / "tests" / "graph" / "virtuoso.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A Virtuoso Open Source server on private loopback ports, for the whole session.

    Installs Debian's ``virtuoso-opensource`` when missing (needs root and apt-get; otherwise
    the test is skipped, or fails when ``PACTGRAPH_REQUIRE_VIRTUOSO=1``, as in CI).
    """
    vt = _virtuoso_module()
    try:
        vt.install()
    except Exception as exc:  # noqa: BLE001 - no package manager, no root, no network
        if os.environ.get("PACTGRAPH_REQUIRE_VIRTUOSO") == "1":
            raise
        pytest.skip(f"Virtuoso not available: {exc}")
    server = vt.Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    try:
        yield server
    finally:
        server.stop()
