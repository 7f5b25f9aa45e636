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


def _match_names(gold: list[str], pred: list[str]) -> tuple[int, int, int]:
    left = list(pred)
    tp = 0
    for g in gold:
        for i, p in enumerate(left):
            if names_match(g, p):
                tp += 1
                del left[i]
                break
    return tp, len(left), len(gold) - tp


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


def score_facts(gold: dict, pred: dict) -> Scores:
    """Scores of one filing's predicted facts against its gold facts."""
    s = Scores()
    gf, pf = gold.get("filing", {}), pred.get("filing", {}) or {}
    _value(
        s,
        "filing.registrant",
        gf.get("registrant", {}).get("name"),
        (pf.get("registrant") or {}).get("name"),
        names_match,
    )
    _value(
        s,
        "filing.date_of_report",
        gf.get("date_of_report"),
        pf.get("date_of_report"),
        lambda a, b: a == b,
    )
    gi, pi = set(gf.get("items", [])), set(pf.get("items", []) or [])
    s.add("filing.items", tp=len(gi & pi), fp=len(pi - gi), fn=len(gi - pi))

    ga, pa = gold.get("agreements", []), pred.get("agreements", []) or []
    pairs = pair_agreements(ga, pa)
    s.add("agreement", tp=len(pairs), fp=len(pa) - len(pairs), fn=len(ga) - len(pairs))
    for g_i, p_i in pairs:
        g, p = ga[g_i], pa[p_i]
        for name, (key, equal) in _AGREEMENT_FIELDS.items():
            _value(s, name, g.get(key), p.get(key), equal)
        tp, fp, fn = _match_names(g.get("parties", []), p.get("parties", []) or [])
        s.add("agreement.parties", tp=tp, fp=fp, fn=fn)
    for side, items, paired in (
        ("fn", ga, {g for g, _ in pairs}),
        ("fp", pa, {p for _, p in pairs}),
    ):
        for index in set(range(len(items))) - paired:
            a = items[index]
            for name, (key, _) in _AGREEMENT_FIELDS.items():
                if a.get(key) is not None:
                    s.add(name, **{side: 1})
            s.add("agreement.parties", **{side: len(a.get("parties", []) or [])})

    gs, ps = list(gold.get("stakes", [])), list(pred.get("stakes", []) or [])
    tp = 0
    for g in gs:
        for i, p in enumerate(ps):
            try:
                close = abs(float(g["percent"]) - float(p.get("percent"))) <= 0.5
            except (TypeError, ValueError):
                close = False
            if (
                close
                and names_match(g["holder"], p.get("holder"))
                and names_match(g["target"], p.get("target"))
                and _FAMILY.get(g.get("qualifier")) == _FAMILY.get(p.get("qualifier"))
            ):
                tp += 1
                del ps[i]
                break
    s.add("stake", tp=tp, fp=len(ps), fn=len(gs) - tp)

    gp, pp = list(gold.get("people", [])), list(pred.get("people", []) or [])
    tp = 0
    for g in gp:
        for i, p in enumerate(pp):
            title_ok = g.get("title") is None or _loose(g.get("title"), p.get("title"))
            if names_match(g["name"], p.get("name")) and title_ok:
                tp += 1
                del pp[i]
                break
    s.add("people", tp=tp, fp=len(pp), fn=len(gp) - tp)
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
