"""Issue 2 acceptance, end to end through the installed ``pactgraph`` command.

Runs the real console script in subprocesses against a real embedded Oxigraph store.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "filings" / "ascent-solar-technologies_2007-12-19_seed.txt"
GOLD = SHARED / "eval" / "gold" / "ascent-solar-technologies_2007-12-19_seed.json"

pytestmark = pytest.mark.shared


def pactgraph(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    exe = shutil.which("pactgraph", path=str(Path(sys.executable).parent)) or "pactgraph"
    return subprocess.run(
        [exe, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
    )


def subset(gold, pred):
    """``pred`` restricted to the keys (recursively) that ``gold`` has."""
    if isinstance(gold, dict) and isinstance(pred, dict):
        return {k: subset(v, pred.get(k)) for k, v in gold.items()}
    if isinstance(gold, list) and isinstance(pred, list) and len(gold) == len(pred):
        return [subset(g, p) for g, p in zip(gold, pred)]
    return pred


@pytest.mark.slow
def test_extract_seed_json_equals_gold_on_every_gold_field(tmp_path):
    run = pactgraph("extract", str(SEED), "--json")
    assert run.returncode == 0, run.stderr
    pred = json.loads(run.stdout)
    gold = json.loads(GOLD.read_text())
    assert subset(gold, pred) == gold

    # every evidence span quotes the filing's extracted text at its offsets
    from pactgraph.nlp.reader import read_filing

    text = read_filing(SEED).text
    spans = [f["evidence"] for f in pred["agreements"] + pred["stakes"]]
    assert spans
    for ev in spans:
        assert text[ev["start"] : ev["end"]] == ev["text"]

    # the shared scorer gives 1.000 for the seed
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    shutil.copy(GOLD, gold_dir / GOLD.name)
    (pred_dir / GOLD.name).write_text(run.stdout)
    score = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(gold_dir), str(pred_dir), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(score.stdout)
    assert result["headline"]["f1"] == pytest.approx(1.0)


@pytest.mark.slow
def test_ingest_twice_leaves_the_store_unchanged_and_sparql_answers(tmp_path):
    store = f"oxigraph:{tmp_path / 'store'}"
    first = pactgraph("ingest", str(SEED), "--store", store)
    assert first.returncode == 0, first.stderr
    count = pactgraph(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--store",
        store,
        "--format",
        "csv",
    )
    assert count.returncode == 0, count.stderr
    second = pactgraph("ingest", str(SEED), "--store", store)
    assert second.returncode == 0, second.stderr
    again = pactgraph(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--store",
        store,
        "--format",
        "csv",
    )
    n1 = int(count.stdout.split()[-1])
    assert n1 > 20
    assert int(again.stdout.split()[-1]) == n1

    parties = pactgraph("query", "parties", "--store", store, "--format", "json")
    assert parties.returncode == 0, parties.stderr
    rows = json.loads(parties.stdout)["results"]["bindings"]
    names = {
        v["value"]
        for row in rows
        for k, v in row.items()
        if "name" in k.lower() or "party" in k.lower()
    }
    assert "Ascent Solar Technologies, Inc." in names
    assert "Norsk Hydro Produksjon AS" in names


def test_not_a_filing_gives_one_line_error_naming_the_file(tmp_path):
    bad = tmp_path / "random.txt"
    bad.write_text("hello, this is not an 8-K at all\n" * 3)
    run = pactgraph("extract", str(bad), "--json")
    assert run.returncode != 0
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert str(bad) in lines[0] or bad.name in lines[0]
    assert "Traceback" not in run.stderr


@pytest.mark.slow
def test_folder_with_one_bad_file_ingests_the_others_and_reports_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 40)
    store = f"oxigraph:{tmp_path / 'store'}"
    run = pactgraph("ingest", str(folder), "--store", store)
    assert run.returncode != 0  # something failed, and says so
    out = run.stdout + run.stderr
    assert "empty.txt" in out and "blob.bin" in out
    assert "Traceback" not in out
    ask = pactgraph(
        "query",
        'ASK { GRAPH ?g { ?a ?p "Cooperation Agreement" } }',
        "--store",
        store,
        "--format",
        "json",
    )
    assert ask.returncode == 0, ask.stderr
    assert json.loads(ask.stdout)["boolean"] is True


@pytest.mark.slow
def test_demo_prints_parties_and_stakes(tmp_path):
    run = pactgraph("demo", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Norsk Hydro Produksjon AS" in run.stdout
    assert "Cooperation Agreement" in run.stdout
    assert "23" in run.stdout
