"""The vocabularies of agreement extraction, kept as data (``data/agreement_*.json``), loaded
once. It imports nothing of the project, so the agreement stages and the kind reader below them
share it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    path = resources.files("pactgraph.nlp").joinpath(f"data/agreement_{name}.json")
    return json.loads(path.read_text("utf-8"))


def words(name: str, key: str) -> frozenset[str]:
    """The word set ``key`` of ``data/agreement_<name>.json``."""
    return frozenset(_load(name)[key])


def alternation(name: str, *keys: str) -> str:
    """The regex fragments of ``keys`` of ``data/agreement_<name>.json`` as one alternation (in
    file order, the keys one after another)."""
    return "|".join(f for key in keys for f in _load(name)[key])
