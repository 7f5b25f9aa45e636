"""Slow sweeps over both corpus folders (``corpus/filings`` and ``corpus/extra/filings``):
every file reads or is refused with a true typed reason; the filing fields agree with the gold
files; no name, party or agreement title is made of item-heading words."""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import pytest
from pactgraph.nlp.reader.document import Filing
from pactgraph.nlp.errors import ExhibitFileError, ReaderError
from pactgraph.nlp.reader.items import norm_title
from pactgraph.nlp.reader import read_filing

pytestmark = [pytest.mark.slow, pytest.mark.shared]

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FOLDERS = (SHARED / "corpus" / "filings", SHARED / "corpus" / "extra" / "filings")
GOLDS = (SHARED / "eval" / "gold", SHARED / "eval" / "gold-extra")
FIELD_ACCURACY = 0.99


def _files() -> list[Path]:
    if not all(d.is_dir() for d in FOLDERS):
        pytest.skip("../shared/corpus/filings and corpus/extra/filings not beside the repo")
    return sorted(p for d in FOLDERS for p in d.iterdir() if p.is_file() and p.suffix != ".csv")


@cache
def _outcome(path: Path) -> Filing | ReaderError:
    try:
        return read_filing(path)
    except ReaderError as exc:
        return exc


def _assert_true_exhibit_refusal(path: Path, exc: ExhibitFileError) -> None:
    head = path.read_bytes()[:20000].decode("utf-8", "replace")
    assert exc.exhibit_type and exc.exhibit_number, exc
    assert re.search(
        rf"<TYPE>\s*{re.escape(exc.exhibit_type)}\b"
        rf"|Exhibit\s+{re.escape(exc.exhibit_number)}\b",
        head,
        re.I,
    ), path.name
    assert not re.search(r"<TYPE>\s*8-K", head, re.I), path.name


def test_every_file_of_both_folders_reads_or_is_refused_for_a_true_reason() -> None:
    refused = []
    for path in _files():
        got = _outcome(path)  # anything but a ReaderError propagates: a crash fails the test
        if isinstance(got, ExhibitFileError):
            _assert_true_exhibit_refusal(path, got)
            refused.append(path.name)
            continue
        assert not isinstance(got, ReaderError), f"{path.name}: {got.reason}"
        assert got.header.form in ("8-K", "8-K/A") and got.text.strip(), path.name
        assert got.header.company_name, path.name
        for it in got.items:
            assert 0 <= it.start < it.heading_end <= it.end <= len(got.text), path.name
        for t, s, n in got.source_map:
            assert 0 <= t and t + n <= len(got.text) and s >= 0, path.name
    # the exhibit files are the ones saved from their submissions on their own
    assert all(re.search(r"_ex\d", name) for name in refused), refused


def _scorer():
    spec = importlib.util.spec_from_file_location(
        "pactgraph_eval_score", SHARED / "eval" / "score.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold() -> list[dict]:
    if not all(d.is_dir() for d in GOLDS):
        pytest.skip("../shared/eval/gold and gold-extra not beside the repo")
    return [json.loads(p.read_text("utf-8")) for d in GOLDS for p in sorted(d.glob("*.json"))]


def _key(n: str) -> tuple[int, ...]:
    return tuple(int(p) for p in n.split("."))


def test_filing_fields_agree_with_the_gold_files() -> None:
    """Registrant name, CIK, date of report, state and file number on >= 99% of the gold files
    (each field), items exactly on every one. A gold file annotating an exhibit saved on its
    own is met by the exhibit refusal (it states no report fact)."""
    same_name = _scorer().same_name
    misses: dict[str, list[str]] = {
        k: [] for k in ("name", "cik", "date", "state", "file", "items")
    }
    total = 0
    for gold in _gold():
        path = SHARED / "corpus" / gold["source"]["file"]
        g, reg = gold["filing"], gold["filing"]["registrant"]
        got = _outcome(path)
        if isinstance(got, ExhibitFileError):
            assert not g["items"] and not g["date_of_report"] and not reg.get("cik"), path.name
            continue
        assert not isinstance(got, ReaderError), f"{path.name}: {got.reason}"
        total += 1
        h = got.header
        checks = {
            "name": same_name(reg["name"], h.company_name),
            "cik": (reg.get("cik") or None) == h.cik,
            "date": g["date_of_report"] == h.date_of_report,
            "state": (reg.get("state_of_incorporation") or None) == h.state_of_incorporation,
            "file": (reg.get("commission_file_number") or None) == h.commission_file_number,
            "items": got.item_numbers == sorted(g["items"], key=_key),
        }
        for field, ok in checks.items():
            if not ok:
                misses[field].append(path.name)
    assert total >= 400
    assert not misses["items"], misses["items"]
    for field, missed in misses.items():
        assert len(missed) <= (1 - FIELD_ACCURACY) * total, (field, missed)


@lru_cache(maxsize=1)
def _heading_phrases() -> frozenset[str]:
    """Every item title and alias of the catalogue, and each of their parts between
    semicolons ("Compensatory Arrangements of Certain Officers"), normalised."""
    raw = json.loads(
        resources.files("pactgraph.nlp").joinpath("data/items.json").read_text("utf-8")
    )
    out = set()
    for era in ("modern", "legacy"):
        for entry in raw[era]:
            for title in [entry["title"], *entry.get("aliases", [])]:
                out.update(p for p in (norm_title(x) for x in re.split(r"[;:]", title)) if p)
    return frozenset(out)


def heading_words(name: str | None) -> str | None:
    """The heading phrase ``name`` is made of: it equals or ends with one, or (two words or
    more) is a run of one's words ("Compensatory Arrangements"). None for a real name."""
    n = norm_title(name or "")
    if not n:
        return None
    for phrase in _heading_phrases():
        if n == phrase or n.endswith(" " + phrase) or (" " in n and f" {n} " in f" {phrase} "):
            return phrase
    return None


def test_heading_words_helper() -> None:
    assert heading_words("Compensatory Arrangements") is not None
    assert heading_words("Compensatory Arrangements of Certain Officers") is not None
    assert heading_words("Entry into a Material Definitive Agreement") is not None
    assert heading_words("Jane Roe") is None and heading_words("Credit Agreement") is None


def test_no_name_party_or_title_is_made_of_item_heading_words() -> None:
    from pactgraph.nlp.extract import extract_facts

    bad = []
    for path in _files():
        got = _outcome(path)
        if isinstance(got, ReaderError):
            continue
        facts = extract_facts(got)
        names = [("person", p.get("name")) for p in facts.get("people", [])]
        for a in facts.get("agreements", []):
            names.append(("agreement title", a.get("title")))
            names += [("party", p) for p in a.get("parties", [])]
        for s in facts.get("stakes", []):
            names += [("org", s.get("holder")), ("org", s.get("target"))]
        bad += [(path.name, kind, name) for kind, name in names if heading_words(name)]
    assert not bad, bad
