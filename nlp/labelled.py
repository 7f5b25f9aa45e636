"""Labelled filings and the registrant each belongs to.

A labelled filing is a gold facts file (``pactgraph.facts/v1``) whose ``source.file`` names a
filing relative to the corpus folder. Cross-validation must never put two filings of one
registrant on both sides of a split, so every filing gets a *registrant group*: the connected
component of the keys that identify its registrant. The keys are, in order of trust:

1. the CIK: the gold file's ``filing.registrant.cik``, else the ``cik`` column of a corpus
   ``MANIFEST.csv`` row for the file, else the first ``CENTRAL INDEX KEY`` of the filing's SGML
   header, else a leading 10-digit CIK in the file name;
2. a ticker the manifest gives instead of a CIK (``ticker:AAN``), which keeps a registrant
   together across a change of name ("Aaron Rents, Inc." became "Aaron's, Inc.");
3. the normalised registrant name, used only when neither of the above is known.

Filings sharing any key are one group, so two names of one CIK are one registrant.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import ConfigError
from .legal_forms import name_tail_words
from .names import name_words

_CIK_IN_HEADER = re.compile(r"CENTRAL INDEX KEY:\s*(\d{10})")
_CIK_IN_NAME = re.compile(r"^(\d{10})_")
_HEADER_BYTES = 16_384
# dropped from the end of a registrant's name: its legal form, and the "The" of "Bank of New
# York, The"
_LEGAL_TAIL = name_tail_words() | {"the"}


@dataclass(frozen=True)
class LabelledFiling:
    """One gold facts file and the filing it describes."""

    gold_path: Path
    filing_path: Path
    source: str
    group: str
    keys: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The key the per-file table and predictions use: ``source.file`` as written."""
        return self.source


def normalised_name(name: str | None) -> str:
    """A registrant name without case, accents, punctuation or trailing legal forms."""
    tokens = name_words(name or "")
    while tokens and tokens[0] == "the":
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1] in _LEGAL_TAIL:
        tokens.pop()
    return " ".join(tokens)


def read_manifests(corpus: Path) -> dict[str, dict[str, str]]:
    """Rows of every ``MANIFEST.csv`` under ``corpus`` (this folder and one level down), keyed
    by their ``file`` column, which is relative to ``corpus``."""
    rows: dict[str, dict[str, str]] = {}
    for manifest in sorted([corpus / "MANIFEST.csv", *corpus.glob("*/MANIFEST.csv")]):
        if manifest.is_file():
            with manifest.open(newline="", encoding="utf-8") as fh:
                rows.update({row["file"]: row for row in csv.DictReader(fh) if row.get("file")})
    return rows


def _header_cik(path: Path) -> str | None:
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEADER_BYTES).decode("latin-1")
    except OSError:
        return None
    found = _CIK_IN_HEADER.search(head)
    return found.group(1) if found else None


def registrant_keys(gold: dict, filing_path: Path, manifest_row: dict | None) -> list[str]:
    """The keys that identify this filing's registrant (see the module's docstring)."""
    row = manifest_row or {}
    cik = ((gold.get("filing") or {}).get("registrant") or {}).get("cik") or row.get("cik")
    cik = cik or _header_cik(filing_path)
    if not cik and (found := _CIK_IN_NAME.match(filing_path.name)):
        cik = found.group(1)
    if cik:
        return [f"cik:{int(cik):010d}"]
    company = row.get("company", "")
    if company.startswith("ticker:"):
        return [company]
    name = normalised_name(((gold.get("filing") or {}).get("registrant") or {}).get("name"))
    return [f"name:{name}"] if name else [f"file:{filing_path.name}"]


def _name_key(gold: dict) -> str | None:
    name = normalised_name(((gold.get("filing") or {}).get("registrant") or {}).get("name"))
    return f"name:{name}" if name else None


def _key_rank(key: str) -> tuple[int, str]:
    """CIK keys name a group before tickers, names and file names."""
    kind = key.split(":", 1)[0]
    return ({"cik": 0, "ticker": 1, "name": 2}.get(kind, 3), key)


class _Components:
    """Union-find over registrant keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, keys: list[str]) -> None:
        roots = sorted({self.find(k) for k in keys}, key=_key_rank)
        for root in roots[1:]:
            self.parent[root] = roots[0]


def load_labelled(gold_dirs: list[Path], corpus: Path) -> list[LabelledFiling]:
    """Every ``*.json`` of ``gold_dirs`` with its filing and registrant group, sorted by source.

    A group is named by its smallest key, a CIK before a ticker before a name. The normalised
    name also joins groups, so a registrant labelled once with and once without a CIK stays one
    group.
    """
    manifests = read_manifests(corpus)
    entries, components = [], _Components()
    for gold_dir in gold_dirs:
        paths = sorted(Path(gold_dir).glob("*.json"))
        if not paths:
            raise ConfigError("no gold files (*.json) in this folder", gold_dir)
        for path in paths:
            gold = json.loads(path.read_text("utf-8"))
            source = (gold.get("source") or {}).get("file", "")
            if not source:
                raise ConfigError("gold file has no source.file", path)
            keys = registrant_keys(gold, corpus / source, manifests.get(source))
            keys += [k for k in [_name_key(gold)] if k and k not in keys]
            components.union(keys)
            entries.append((path, corpus / source, source, tuple(keys)))
    seen = {e[2] for e in entries}
    if len(seen) != len(entries):
        raise ConfigError("two gold files name the same source.file", gold_dirs[0])
    return sorted(
        (LabelledFiling(p, f, s, components.find(k[0]), k) for p, f, s, k in entries),
        key=lambda e: e.source,
    )


def find_eval_dir() -> Path | None:
    """``shared/eval`` beside the repository this package runs from, or beside the current
    directory; ``None`` when neither has one."""
    repo = Path(__file__).resolve().parents[1]
    for base in (repo.parent, Path.cwd().parent, Path.cwd()):
        if (base / "shared" / "eval" / "gold").is_dir():
            return base / "shared" / "eval"
    return None


def corpus_of(gold_dir: Path) -> Path:
    """The corpus folder gold files' ``source.file`` paths are relative to: ``../../corpus``
    from a gold folder (``eval/gold`` beside ``corpus``)."""
    return Path(gold_dir).resolve().parent.parent / "corpus"


def holdout_ciks(text: str | None = None) -> list[str]:
    """The CIKs of the untouched test split (``data/holdout_registrants.txt`` by default)."""
    if text is None:
        text = (
            resources.files("pactgraph.nlp")
            .joinpath("data/holdout_registrants.txt")
            .read_text("utf-8")
        )
    ciks = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            ciks.append(f"{int(line.split()[0]):010d}")
    return ciks


def split_holdout(
    filings: list[LabelledFiling], ciks: list[str]
) -> tuple[list[LabelledFiling], list[LabelledFiling]]:
    """(filings for cross-validation, every filing of a group holding one of ``ciks``)."""
    wanted = {f"cik:{int(cik):010d}" for cik in ciks}
    held_groups = {f.group for f in filings if wanted & set(f.keys)}
    rest = [f for f in filings if f.group not in held_groups]
    held = [f for f in filings if f.group in held_groups]
    return rest, held
