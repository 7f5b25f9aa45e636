"""Golden document models: one file of each format, read to JSON and compared with a reviewed
copy in ``tests/nlp/golden/``. Regenerate after a deliberate change with
``PACTGRAPH_REGEN_GOLDEN=1 pytest tests/nlp/test_reader_golden.py`` and review the diff."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from pactgraph.nlp.reader import read_filing

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus" / "filings"
GOLDEN = Path(__file__).resolve().parent / "golden"

# one file per format the reader knows
CASES = {
    "text-seed": "ascent-solar-technologies_2007-12-19_seed.txt",
    "lee": "ticker-AA_2009-12-24_lee-20091224134041.txt",
    "sgml-html": "0000796343_2023-12-18_0000796343-23-000254.txt",
    "sgml-plaintext-1996": "0000320193_1996-12-24_0000320193-96-000027.txt",
    "sgml-nc": "0000880984_2025-01-08_0001493152-25-001317.nc",
    "html-ixbrl": "0001178670_2023-07-21_0001193125-23-194715.htm",
    "html-2003": "louisville-gas-and-electric-co_2003-03-25_0001104659-03-004925.html",
}


def model(path: Path) -> dict:
    """The document model as JSON-able data; exhibit texts by length and hash only."""
    f = read_filing(path)
    d = f.to_dict()
    d["path"] = path.name
    d["source_map"] = {
        "runs": len(f.source_map),
        "sha256": hashlib.sha256(json.dumps(f.source_map).encode()).hexdigest(),
    }
    for e in d["exhibits"]:
        text = e.pop("text")
        e["text_chars"] = len(text)
        e["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    d["item_numbers"] = f.item_numbers
    return json.loads(json.dumps(d))  # tuples (the preamble span) as JSON lists


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_document_model(name: str) -> None:
    src = CORPUS / CASES[name]
    if not src.is_file():
        pytest.skip(f"{src} not beside the repo")
    got = model(src)
    golden = GOLDEN / f"reader-{name}.json"
    if os.environ.get("PACTGRAPH_REGEN_GOLDEN") == "1" or not golden.exists():
        if not golden.exists() and os.environ.get("PACTGRAPH_REGEN_GOLDEN") != "1":
            pytest.fail(f"missing golden file {golden.name}; run with PACTGRAPH_REGEN_GOLDEN=1")
        golden.write_text(
            json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8"
        )
        return
    want = json.loads(golden.read_text("utf-8"))
    for key in sorted(set(want) | set(got)):
        assert got.get(key) == want.get(key), f"{name}: field {key!r} changed"
