"""The generated corpus: variants of one filing within a group are one made-up company, across
groups different ones — also for renderings that name their registrant only in running text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pactgraph.nlp.reader import read_filing

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "filings"
pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def gen(benchmark_module):
    return benchmark_module("generate")


def variant_header(gen, tmp_path: Path, base: Path, serial: int, group: int):
    text = base.read_bytes().decode("latin-1")
    out = tmp_path / f"{serial}{base.suffix}"
    out.write_bytes(
        gen.vary(text, random.Random(serial), serial, group, gen.registrant_name(base)).encode(
            "latin-1"
        )
    )
    return read_filing(out).header


@pytest.mark.parametrize(
    "name",
    [
        "ticker-A_2004-10-28_lee-20041028061524.txt",  # rendering: name in the text
        "ascent-solar-technologies_2007-12-19_seed.txt",
    ],
)
def test_same_group_same_company_other_group_other_company(gen, tmp_path, name):
    base = CORPUS / name
    real = read_filing(base).header
    a = variant_header(gen, tmp_path, base, 1, group=0)
    b = variant_header(gen, tmp_path, base, 2, group=0)
    c = variant_header(gen, tmp_path, base, 3, group=1)
    assert a.company_name and a.company_name != real.company_name
    assert a.company_name == b.company_name != c.company_name
    assert a.cik == b.cik
    if real.cik:
        assert a.cik != real.cik and a.cik != c.cik


def test_variants_of_another_generator_version_are_replaced(gen, tmp_path):
    out = tmp_path / "gen"
    out.mkdir()
    stale = out / "00000_stale.txt"
    stale.write_text("made by an earlier generator")
    gen.generate(out, 3, CORPUS, processes=1)
    made = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len(made) == 3 and "00000_stale.txt" not in made
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    gen.generate(out, 3, CORPUS, processes=1)  # same version and seed: kept as they are
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
