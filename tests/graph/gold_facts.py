"""Facts dicts for the graph tests, made from the gold files of ../shared/eval/gold.

The gold files carry no evidence and no content hash; this helper adds both: ``sha256`` of the
filing's bytes and, for every agreement, stake and person, an evidence span located in the
filing's text (the sentence naming the agreement's title / the stake's percent / the person),
so the graph tests exercise provenance without waiting for the extractor. Offsets here point
into the file's decoded text, which is what the builder records; the builder does not care
where they come from.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "eval" / "gold"
CORPUS = SHARED / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"


def available() -> bool:
    return GOLD.is_dir() and CORPUS.is_dir()


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the enclosing sentence (bounded to 400 characters each way)."""
    lo = max(
        text.rfind(". ", max(0, start - 400), start), text.rfind("\n\n", max(0, start - 400), start)
    )
    lo = start if lo < 0 else lo + 2
    hi_candidates = [
        i for i in (text.find(". ", end, end + 400), text.find("\n\n", end, end + 400)) if i >= 0
    ]
    hi = min(hi_candidates) + 1 if hi_candidates else min(len(text), end + 1)
    while lo < start and text[lo].isspace():
        lo += 1
    return lo, max(hi, end)


def _locate(text: str, needles: list[str]) -> tuple[int, int] | None:
    for needle in needles:
        if not needle:
            continue
        words = [re.escape(w) for w in needle.split()]
        m = re.search(r"\s+".join(words), text, flags=re.IGNORECASE)
        if m:
            return _sentence(text, m.start(), m.end())
    return None


def _evidence(text: str, needles: list[str]) -> dict:
    span = _locate(text, needles) or (0, min(len(text), 80))
    return {"start": span[0], "end": span[1], "text": text[span[0] : span[1]]}


@lru_cache(maxsize=None)
def gold_facts(name: str) -> dict:
    """The gold facts of ``name`` (file name in gold/, with or without .json), with sha256 and
    evidence added."""
    path = GOLD / (name if name.endswith(".json") else name + ".json")
    facts = json.loads(path.read_text("utf-8"))
    source = CORPUS / facts["source"]["file"]
    raw = source.read_bytes()
    facts["source"]["sha256"] = hashlib.sha256(raw).hexdigest()
    text = raw.decode("utf-8", errors="replace")
    for a in facts["agreements"]:
        a["evidence"] = _evidence(text, [a["title"], *(a.get("parties") or [])])
    for s in facts["stakes"]:
        pct = f"{s['percent']:g}%"
        a = _evidence(
            text, [pct, f"{s['percent']:g} percent", "wholly owned", "wholly-owned", s["target"]]
        )
        s["evidence"] = a
    for p in facts["people"]:
        p["evidence"] = _evidence(text, [p["name"]])
    return facts


SEED = "ascent-solar-technologies_2007-12-19_seed.json"


def all_gold_facts() -> list[dict]:
    """Facts of every gold file; the seed's are the reviewed ones of golden/seed-facts.json."""
    return [
        seed_facts() if p.name == SEED else gold_facts(p.name) for p in sorted(GOLD.glob("*.json"))
    ]


def seed_facts() -> dict:
    """The reviewed facts of the seed filing, evidence spans included (tests/graph/golden)."""
    return json.loads((GOLDEN / "seed-facts.json").read_text("utf-8"))
