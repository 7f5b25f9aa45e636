"""Shared fixtures: the read-only corpus beside the repo, and a private Virtuoso server.

When ``../shared`` (the corpus and the gold facts) is not beside the repo, the tests that read it
skip: the header says so once at the start, and every such skip gives the same reason.
"""
from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HAVE_SHARED = (SHARED / "corpus" / "filings").is_dir() and (SHARED / "eval" / "gold").is_dir()
SHARED_REASON = "../shared (the corpus and the gold facts) is not beside the repo"
# how the test modules word a skip for want of ../shared ("needs ../shared", "shared corpus not
# present", "gold set not present", ...): with ../shared absent, all of them are that one reason
_SHARED_WORDS = re.compile(r"\bshared\b|\bgold set\b", re.IGNORECASE)


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "shared: reads ../shared (the corpus or the gold facts)")


def pytest_report_header(config) -> str:
    if HAVE_SHARED:
        return f"shared data: {SHARED} (corpus and gold facts found)"
    return f"shared data: {SHARED_REASON}; the tests that read it skip"


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked ``shared`` skip with the one reason when ../shared is missing."""
    if HAVE_SHARED:
        return
    for item in items:
        if item.get_closest_marker("shared"):
            item.add_marker(pytest.mark.skip(reason=SHARED_REASON))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """With ../shared missing, a skip for want of it (however the module words it) gives the
    one reason, from one place, so the summary folds them into one line."""
    report = yield
    if (not HAVE_SHARED and report.skipped and isinstance(report.longrepr, tuple)
            and _SHARED_WORDS.search(str(report.longrepr[2]))):
        report.longrepr = (str(Path(__file__).relative_to(REPO)), None, SHARED_REASON)
    return report


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpus/filings`` (skips the test when it is not beside the repo)."""
    path = SHARED / "corpus" / "filings"
    if not path.is_dir():
        pytest.skip(SHARED_REASON)
    return path


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """``../shared/eval/gold`` (skips the test when it is not beside the repo)."""
    path = SHARED / "eval" / "gold"
    if not path.is_dir():
        pytest.skip(SHARED_REASON)
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

    Never installs anything: when Debian's ``virtuoso-opensource`` is missing the test skips
    with the install command in the reason (or fails when ``PACTGRAPH_REQUIRE_VIRTUOSO=1``, as
    in CI, which installs it first).
    """
    vt = _virtuoso_module()
    try:
        vt.require()
    except RuntimeError as exc:
        if os.environ.get("PACTGRAPH_REQUIRE_VIRTUOSO") == "1":
            raise
        pytest.skip(str(exc))
    server = vt.Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    try:
        yield server
    finally:
        server.stop()
