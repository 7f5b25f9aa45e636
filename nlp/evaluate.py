"""Measure extraction against labelled filings, with the definitions of the shared scorer.

Names are compared after normalisation (case, punctuation, "the", trailing legal forms) and a
name matches a longer one that starts with the same words; agreements are paired one-to-one
(same kind or similar title, and a shared party); the headline is the micro-averaged F1 over
agreements, parties, kinds, dates and stakes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .legal_forms import scorer_tail_words

HEADLINE = ("agreement", "agreement.parties", "agreement.kind", "agreement.date", "stake")
# the words the shared scorer drops from the end of a name ("inc", "llc", "holdings", ...)
_LEGAL = scorer_tail_words()
_STOP = {"the", "a", "an", "of", "to", "and", "by", "among", "between", "with", "for", "its"}
_FAMILY = {
    "exact": "point",
    "approximately": "point",
    "at_least": "lower",
    "more_than": "lower",
    "at_most": "upper",
    "less_than": "upper",
}


def _tokens(name: str | None) -> tuple[str, ...]:
    if not name:
        return ()
    text = re.sub(r"[^\w\s]", "", name.lower().replace("&", " and ").replace("-", " "))
    toks = text.split()
    while toks and toks[0] == "the":
        toks.pop(0)
    while len(toks) > 1 and toks[-1] in _LEGAL:
        toks.pop()
    return tuple(toks)


def names_match(a: str | None, b: str | None) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    n = min(len(ta), len(tb))
    return ta[:n] == tb[:n]


def _title_set(title: str | None) -> set[str]:
    return set(_tokens(title)) - _STOP


def title_similarity(a: str | None, b: str | None) -> float:
    ta, tb = _title_set(a), _title_set(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def _loose(a: str | None, b: str | None) -> bool:
    ta, tb = _title_set(a), _title_set(b)
    if not ta and not tb:
        return True
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= 0.5


def _exhibit(value) -> str | None:
    if value is None:
        return None
    return re.sub(r"[\s()]", "", str(value).lower()).replace("exhibit", "").lstrip("0") or None


@dataclass
class Scores:
    """True/false positives and false negatives per field."""

    counts: dict[str, Counter] = field(default_factory=dict)

    def add(self, name: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        c = self.counts.setdefault(name, Counter())
        c["tp"] += tp
        c["fp"] += fp
        c["fn"] += fn

    def merge(self, other: "Scores") -> None:
        for name, c in other.counts.items():
            self.add(name, c["tp"], c["fp"], c["fn"])

    def prf(self, names: tuple[str, ...] | None = None) -> dict[str, float]:
        keys = names if names is not None else tuple(self.counts)
        tp = sum(self.counts.get(k, Counter())["tp"] for k in keys)
        fp = sum(self.counts.get(k, Counter())["fp"] for k in keys)
        fn = sum(self.counts.get(k, Counter())["fn"] for k in keys)
        p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
        r = tp / (tp + fn) if tp + fn else (1.0 if not fp else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}

    @property
    def headline(self) -> float:
        return self.prf(HEADLINE)["f1"]


def _greedy_matches(
    gold: list[Any], pred: list[Any], same: Callable[[Any, Any], bool]
) -> tuple[int, int, int]:
    """(tp, fp, fn) when each gold item in turn takes the first predicted item still free that
    is ``same`` as it."""
    left = list(pred)
    tp = 0
    for g in gold:
        for i, p in enumerate(left):
            if same(g, p):
                tp += 1
                del left[i]
                break
    return tp, len(left), len(gold) - tp


def _match_names(gold: list[str], pred: list[str]) -> tuple[int, int, int]:
    return _greedy_matches(gold, pred, names_match)


def _value(scores: Scores, name: str, gold, pred, equal) -> None:
    if gold is None and pred is None:
        return
    if gold is None:
        scores.add(name, fp=1)
    elif pred is None:
        scores.add(name, fn=1)
    elif equal(gold, pred):
        scores.add(name, tp=1)
    else:
        scores.add(name, fp=1, fn=1)


def pair_agreements(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best candidates first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            shared = _match_names(g.get("parties", []), p.get("parties", []))[0]
            sim = title_similarity(g.get("title"), p.get("title"))
            same_kind = g.get("kind") == p.get("kind")
            if (same_kind or sim >= 0.5) and (shared or sim >= 0.5):
                candidates.append((2 * shared + sim + same_kind, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


_AGREEMENT_FIELDS = {
    "agreement.kind": ("kind", lambda a, b: a == b),
    "agreement.action": ("action", lambda a, b: a == b),
    "agreement.date": ("date", lambda a, b: a == b),
    "agreement.exhibit": ("exhibit", lambda a, b: _exhibit(a) == _exhibit(b)),
}


def _filing_scores(gold: dict, pred: dict) -> Scores:
    """Scores of the ``filing`` part: registrant, date of report, items."""
    s = Scores()
    _value(
        s,
        "filing.registrant",
        gold.get("registrant", {}).get("name"),
        (pred.get("registrant") or {}).get("name"),
        names_match,
    )
    _value(
        s,
        "filing.date_of_report",
        gold.get("date_of_report"),
        pred.get("date_of_report"),
        lambda a, b: a == b,
    )
    gi, pi = set(gold.get("items", [])), set(pred.get("items", []) or [])
    s.add("filing.items", tp=len(gi & pi), fp=len(pi - gi), fn=len(gi - pi))
    return s


def _paired_agreement_scores(gold: dict, pred: dict) -> Scores:
    """Scores of the fields and parties of a predicted agreement paired with a gold one."""
    s = Scores()
    for name, (key, equal) in _AGREEMENT_FIELDS.items():
        _value(s, name, gold.get(key), pred.get(key), equal)
    tp, fp, fn = _match_names(gold.get("parties", []), pred.get("parties", []) or [])
    s.add("agreement.parties", tp=tp, fp=fp, fn=fn)
    return s


def _unpaired_agreement_scores(side: str, agreement: dict) -> Scores:
    """An unpaired agreement's stated fields and parties, each counted on ``side`` ("fn" for a
    gold agreement, "fp" for a predicted one)."""
    s = Scores()
    for name, (key, _) in _AGREEMENT_FIELDS.items():
        if agreement.get(key) is not None:
            s.add(name, **{side: 1})
    s.add("agreement.parties", **{side: len(agreement.get("parties", []) or [])})
    return s


def _agreement_scores(gold: list[dict], pred: list[dict]) -> Scores:
    """Scores of the agreements: the pairing, then each pair's fields and the unpaired ones'."""
    s = Scores()
    pairs = pair_agreements(gold, pred)
    s.add("agreement", tp=len(pairs), fp=len(pred) - len(pairs), fn=len(gold) - len(pairs))
    for g_i, p_i in pairs:
        s.merge(_paired_agreement_scores(gold[g_i], pred[p_i]))
    for side, items, paired in (
        ("fn", gold, {g for g, _ in pairs}),
        ("fp", pred, {p for _, p in pairs}),
    ):
        for index in set(range(len(items))) - paired:
            s.merge(_unpaired_agreement_scores(side, items[index]))
    return s


def _stakes_match(gold: dict, pred: dict) -> bool:
    """Same holder and target, percentages within half a point, qualifiers of one family."""
    try:
        close = abs(float(gold["percent"]) - float(pred.get("percent"))) <= 0.5
    except (TypeError, ValueError):
        close = False
    return (
        close
        and names_match(gold["holder"], pred.get("holder"))
        and names_match(gold["target"], pred.get("target"))
        and _FAMILY.get(gold.get("qualifier")) == _FAMILY.get(pred.get("qualifier"))
    )


def _people_match(gold: dict, pred: dict) -> bool:
    """Same name, and a similar title when the gold person has one."""
    title_ok = gold.get("title") is None or _loose(gold.get("title"), pred.get("title"))
    return names_match(gold["name"], pred.get("name")) and title_ok


def score_facts(gold: dict, pred: dict) -> Scores:
    """Scores of one filing's predicted facts against its gold facts."""
    s = Scores()
    s.merge(_filing_scores(gold.get("filing", {}), pred.get("filing", {}) or {}))
    s.merge(_agreement_scores(gold.get("agreements", []), pred.get("agreements", []) or []))
    gs, ps = list(gold.get("stakes", [])), list(pred.get("stakes", []) or [])
    tp, fp, fn = _greedy_matches(gs, ps, _stakes_match)
    s.add("stake", tp=tp, fp=fp, fn=fn)
    gp, pp = list(gold.get("people", [])), list(pred.get("people", []) or [])
    tp, fp, fn = _greedy_matches(gp, pp, _people_match)
    s.add("people", tp=tp, fp=fp, fn=fn)
    return s


@dataclass
class Evaluation:
    total: Scores
    per_file: dict[str, Scores]
    errors: dict[str, str]

    def report(self) -> dict:
        return {
            "files": len(self.per_file),
            "headline": self.total.prf(HEADLINE),
            "fields": {name: self.total.prf((name,)) for name in sorted(self.total.counts)},
            "per_file": {stem: s.headline for stem, s in self.per_file.items()},
            "errors": self.errors,
        }


def evaluate(
    gold_dir: Path, corpus: Path | None = None, pred_dir: Path | None = None
) -> Evaluation:
    """Score every ``GOLD_DIR/*.json``: against ``pred_dir`` files of the same name when given,
    else against facts extracted now from ``corpus / gold["source"]["file"]``."""
    from .errors import ConfigError, ExhibitFileError, PactgraphError

    gold_dir = Path(gold_dir)
    gold_files = sorted(gold_dir.glob("*.json"))
    if not gold_files:
        raise ConfigError("no gold files (*.json) in this folder", gold_dir)
    corpus = Path(corpus) if corpus else gold_dir.parent.parent / "corpus"
    total, per_file, errors = Scores(), {}, {}
    for path in gold_files:
        gold = json.loads(path.read_text("utf-8"))
        if pred_dir is not None:
            try:
                pred = json.loads((Path(pred_dir) / path.name).read_text("utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                pred, errors[path.stem] = {}, str(exc)
        else:
            from .extract import facts_for_path

            source = (gold.get("source") or {}).get("file", "")
            try:
                pred = facts_for_path(corpus / source)
            except ExhibitFileError:
                pred = {}  # an exhibit saved on its own is no report: it states no facts
            except PactgraphError as exc:
                pred, errors[path.stem] = {}, str(exc)
        scores = score_facts(gold, pred)
        per_file[path.stem] = scores
        total.merge(scores)
    return Evaluation(total, per_file, errors)
