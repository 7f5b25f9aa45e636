"""``pactgraph extract`` and ``pactgraph evaluate`` through the real CLI entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pactgraph.graph.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "nlp" / "samples" / "ascent-solar-technologies_2007-12-19_seed.txt"
GOLD = ROOT.parent / "shared" / "eval" / "gold"


def test_extract_json_of_the_seed(capsys):
    assert main(["extract", str(SEED), "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["schema"] == "pactgraph.facts/v1"
    assert facts["agreements"][0]["title"] == "Cooperation Agreement"
    ev = facts["agreements"][0]["evidence"]
    assert ev["text"].startswith("On December 18, 2007")


def test_source_file_is_relative_to_a_filings_folder(tmp_path, capsys):
    folder = tmp_path / "filings"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    assert main(["extract", str(folder / SEED.name), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["source"]["file"] == f"filings/{SEED.name}"


def test_extract_table(capsys):
    assert main(["extract", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Cooperation" in out and "Foster" in out and "collaboration" in out


def test_extract_of_a_bad_file_is_one_line_error(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    assert main(["extract", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "empty.txt" in err[0]


def test_evaluate_on_a_gold_folder(tmp_path, capsys):
    gold_src = GOLD / "ascent-solar-technologies_2007-12-19_seed.json"
    if not gold_src.is_file():
        pytest.skip("shared gold set not present")
    gold_dir = tmp_path / "eval" / "gold"
    gold_dir.mkdir(parents=True)
    shutil.copy(gold_src, gold_dir)
    (tmp_path / "corpus" / "filings").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "corpus" / "filings" / SEED.name)
    assert main(["evaluate", str(gold_dir)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "headline micro-F1 over 1 filings: 1.000"
