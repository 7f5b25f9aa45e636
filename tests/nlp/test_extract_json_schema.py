"""``pactgraph extract --json``, run as a command, prints facts the shipped schema accepts.

Over the bundled samples (so it runs without ../shared) and a spread of corpus filings in each
format (SGML submissions, HTML documents, text renderings); a real violation of the format (a
stake of 140 %, an unknown kind, an impossible date) fails the validation.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest

from pactgraph.nlp.facts import facts_schema

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "nlp" / "samples"
SEED = SAMPLES / "ascent-solar-technologies_2007-12-19_seed.txt"
CORPORA = [
    REPO.parent / "shared" / "corpus" / "filings",
    REPO.parent / "shared" / "corpus" / "extra" / "filings",
]
PACTGRAPH = shutil.which("pactgraph", path=os.path.dirname(sys.executable)) or "pactgraph"
PER_KIND = 4  # reports taken from each folder for each format and file suffix
_EXHIBIT_ALONE = re.compile(r"_ex\d")  # an exhibit saved on its own: no report to extract
_SGML = re.compile(rb"<(?:SEC-DOCUMENT|SEC-HEADER|SUBMISSION|IMS-HEADER)>")

needs_corpus = pytest.mark.skipif(
    not all(d.is_dir() for d in CORPORA), reason="shared corpus not present (../shared)"
)


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        facts_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _errors(facts: dict) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in _validator().iter_errors(facts)]


def extract_json(path: Path) -> dict:
    """The facts ``pactgraph extract --json PATH`` prints."""
    run = subprocess.run(
        [PACTGRAPH, "extract", "--json", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, f"{path.name}: {run.stderr[-500:]}"
    return json.loads(run.stdout)


def _failures(paths: list[Path]) -> dict[str, list[str]]:
    """The schema errors of each file's printed facts (two commands at a time)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        printed = list(pool.map(extract_json, paths))
    return {p.name: errs[:3] for p, f in zip(paths, printed) if (errs := _errors(f))}


def file_format(path: Path) -> str:
    if path.suffix.lower() in (".htm", ".html"):
        return "html"
    return "sgml" if _SGML.search(path.read_bytes()[:2000]) else "text"


def corpus_spread() -> list[Path]:
    """PER_KIND reports of each format and file suffix from each corpus folder, spread evenly
    over the sorted names."""
    chosen = []
    for folder in CORPORA:
        reports = [
            p
            for p in sorted(folder.iterdir())
            if p.is_file()
            and not _EXHIBIT_ALONE.search(p.stem)
            and p.suffix.lower() in (".txt", ".nc", ".htm", ".html")
        ]
        kinds: dict[tuple[str, str], list[Path]] = {}
        for p in reports:
            kinds.setdefault((file_format(p), p.suffix.lower()), []).append(p)
        for of_kind in kinds.values():
            chosen += of_kind[:: max(1, len(of_kind) // PER_KIND)][:PER_KIND]
    return chosen


@pytest.fixture(scope="module")
def seed_facts() -> dict:
    return extract_json(SEED)


def test_extract_json_of_the_seed_validates(seed_facts):
    assert _errors(seed_facts) == []
    # the extractor writes the keys hand-made facts may leave out
    assert "aliases" in seed_facts and seed_facts["source"]["sha256"]
    assert all("evidence" in f for f in seed_facts["agreements"] + seed_facts["stakes"])


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda f: f["stakes"][0].update(percent=140.0), "$.stakes[0].percent"),
        (lambda f: f["agreements"][0].update(kind="partnership"), "$.agreements[0].kind"),
        (lambda f: f["agreements"][0].update(date="2007-13-45"), "$.agreements[0].date"),
        (lambda f: f["filing"]["registrant"].update(cik="12345"), "$.filing.registrant.cik"),
        (lambda f: f["people"][0].pop("name"), "$.people[0]"),
        (lambda f: f["stakes"][0]["evidence"].update(start=-1), "$.stakes[0].evidence.start"),
        (lambda f: f["agreements"][0].update(confidence=0.9), "$.agreements[0]"),
    ],
    ids=[
        "stake-of-140-percent",
        "unknown-kind",
        "impossible-date",
        "short-cik",
        "person-without-name",
        "negative-offset",
        "key-outside-the-format",
    ],
)
def test_a_violation_of_the_format_fails_validation(seed_facts, change, where):
    assert seed_facts["stakes"] and seed_facts["agreements"] and seed_facts["people"]
    broken = copy.deepcopy(seed_facts)
    change(broken)
    assert [e for e in _errors(broken) if e.startswith(where + ":")], _errors(broken)


@pytest.mark.slow
def test_extract_json_of_every_bundled_sample_validates():
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in (".txt", ".htm"))
    assert {file_format(p) for p in samples} == {"sgml", "html", "text"}
    assert _failures(samples) == {}


@needs_corpus
@pytest.mark.slow
def test_extract_json_of_a_spread_of_corpus_filings_validates():
    spread = corpus_spread()
    assert len(spread) >= 20
    assert {file_format(p) for p in spread} == {"sgml", "html", "text"}
    assert _failures(spread) == {}


@pytest.mark.slow
def test_a_report_that_names_no_registrant_validates_with_a_null_name(tmp_path):
    report = tmp_path / "no-registrant.txt"
    report.write_text(
        "Item 8.01 Other Events.\n\nNothing was agreed and nothing was sold today."
        "\n\nSIGNATURES\n\nBy: /s/ John Smith\nName: John Smith\n"
        "Title: Chief Executive Officer\n",
        encoding="utf-8",
    )
    facts = extract_json(report)
    assert facts["filing"]["registrant"]["name"] is None
    assert _errors(facts) == []
