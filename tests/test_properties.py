"""Property-based tests of the reader and the extractor (hypothesis).

Random and mutated filings — real corpus files (or the bundled samples) truncated, spliced,
byte-flipped, with tags, entities and odd characters inserted, re-encoded — never raise anything
but :class:`~pactgraph.nlp.errors.PactgraphError` subclasses, and every filing that is read has
sound facts: each evidence span equals ``text[start:end]``, stakes lie in 0-100, dates are real
dates, item offsets lie inside the text.

About 2,000 inputs in all (small ones); ``python -m benchmarks.fuzz --n 100000`` runs the same
generators at scale.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]


def _fuzz_module():
    name = "pactgraph_benchmarks_fuzz"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "fuzz.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


fuzz = _fuzz_module()
SEEDS = fuzz.load_seeds(max_bytes=20_000)
COMMON = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
}


def holds(data: bytes) -> None:
    """The property: a typed error or a sound read (``check_one`` raises anything else)."""
    assert fuzz.check_one(data) in ("error", "read")


def test_seeds_are_read_soundly():
    """The unmutated seeds themselves: each is a typed error or a sound read."""
    assert len(SEEDS) >= 5
    outcomes = [fuzz.check_one(s) for s in SEEDS[:40]]
    assert outcomes.count("read") >= len(outcomes) // 2


@settings(max_examples=1000, **COMMON)
@given(
    seed=st.sampled_from(range(len(SEEDS))),
    ops=st.lists(
        st.tuples(st.sampled_from(sorted(fuzz.MUTATORS)), st.integers(0, 2**32 - 1)),
        min_size=1,
        max_size=4,
    ),
    other=st.sampled_from(range(len(SEEDS))),
)
@pytest.mark.slow
def test_mutated_filings(seed, ops, other):
    data = SEEDS[seed]
    for name, r in ops:
        data = fuzz.MUTATORS[name](random.Random(r), data, SEEDS[other])
    holds(data)


@pytest.mark.slow
@settings(max_examples=400, **COMMON)
@given(r=st.integers(0, 2**32 - 1))
def test_generated_reports(r):
    """Synthetic reports with random names (control characters, RTL marks), percentages
    ("150%", "-5%", "23,5%") and dates ("February 30, 2007"), as text, SGML or HTML."""
    holds(fuzz.generated_report(random.Random(r)))


@settings(max_examples=200, **COMMON)
@given(data=st.binary(max_size=4000))
def test_random_bytes(data):
    holds(data)


@pytest.mark.slow
@settings(max_examples=250, **COMMON)
@given(
    text=st.text(max_size=3000), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"])
)
def test_random_text(text, encoding):
    holds(text.encode(encoding, "replace"))


@settings(max_examples=150, **COMMON)
@given(
    r=st.integers(0, 2**32 - 1),
    prefix=st.sampled_from(
        ["", "FORM 8-K\nCURRENT REPORT\n", "<html><body>", "<SEC-DOCUMENT>\n<SEC-HEADER>\n"]
    ),
)
def test_tag_soup(r, prefix):
    holds(prefix.encode() + fuzz.tag_soup(random.Random(r)))


def test_fuzz_command_small_run(capsys, tmp_path):
    """The benchmark command itself: a few inputs, figures printed, exit code 0."""
    code = fuzz.main(["--n", "20", "--seed", "3", "--save", str(tmp_path / "failures")])
    out = capsys.readouterr().out
    assert "inputs/s" in out and "uncaught exceptions" in out
    assert code == 0, out


@pytest.mark.parametrize("name", sorted(fuzz.MUTATORS))
def test_each_mutator_is_deterministic(name):
    a = fuzz.MUTATORS[name](random.Random(7), SEEDS[-1], SEEDS[0])
    b = fuzz.MUTATORS[name](random.Random(7), SEEDS[-1], SEEDS[0])
    assert a == b and isinstance(a, bytes)
