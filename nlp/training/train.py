"""Train the agreement-event classifier with ``spacy train`` on examples from labelled filings."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from ..extraction.event_model import LABELS
from .examples import Example

CONFIG = "training/agreement_events.cfg"
# One example in this many goes to the dev set that picks the best checkpoint.
DEV_EVERY = 10


def config_path() -> Path:
    return Path(str(resources.files("pactgraph.nlp").joinpath(CONFIG)))


def _is_dev(example: Example) -> bool:
    digest = hashlib.sha256(example.text.encode("utf-8")).digest()
    return digest[0] % DEV_EVERY == 0


def _docbin(examples: Sequence[Example], path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    bin_ = DocBin()
    for example in examples:
        doc = nlp.make_doc(example.text)
        doc.cats = {label: float(label == example.label) for label in LABELS}
        bin_.add(doc)
    bin_.to_disk(path)


def train(examples: Sequence[Example], output: Path, *, overrides: dict | None = None) -> Path:
    """Train on ``examples`` and write the best pipeline to ``output``; returns ``output``.
    ``overrides`` are config settings by dotted name (``{"training.max_epochs": 1}``)."""
    from spacy.cli.train import train as spacy_train

    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="pactgraph-train-") as tmp:
        tmp = Path(tmp)
        dev = [e for e in examples if _is_dev(e)] or list(examples[:1])
        _docbin([e for e in examples if not _is_dev(e)], tmp / "train.spacy")
        _docbin(dev, tmp / "dev.spacy")
        settings = {"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")}
        settings.update(overrides or {})
        spacy_train(config_path(), tmp / "out", overrides=settings, use_gpu=-1)
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(tmp / "out" / "model-best", output)
    return output
