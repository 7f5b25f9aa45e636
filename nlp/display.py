"""Show where a fact came from: its evidence sentence with the extracted spans highlighted.

:func:`evidence_html` renders the evidence of an agreement or a stake (a fact of
``pactgraph.facts/v1``, as :func:`pactgraph.nlp.extract.extract_facts` gives it) with spaCy's
displaCy in manual mode: the agreement's title, its parties, its date and exhibit; a stake's
holder, target and percent (with the qualifier words before it, "roughly 23%"). Defined-term
aliases written right after a name ("Norsk Hydro Produksjon AS (Hydro)") and their later uses
are highlighted as the same party. :func:`fact_spans` gives the same spans as data.

The returned HTML is a ``str`` that Jupyter displays as HTML (it has ``_repr_html_``); the
sentence's text is HTML-escaped by displaCy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any, Iterable, Mapping

from .errors import ExtractionError
from .legal_forms import legal_forms
from .reader.dates import find_dates

__all__ = [
    "Highlight",
    "fact_spans",
    "evidence_html",
    "displacy_doc",
    "HtmlText",
    "LABELS",
    "COLORS",
]

#: the labels of highlighted spans, in the order their legend shows them
LABELS = ("AGREEMENT", "PARTY", "HOLDER", "TARGET", "DATE", "PERCENT", "EXHIBIT")
COLORS = {
    "AGREEMENT": "#ffd966",
    "PARTY": "#9fc5e8",
    "HOLDER": "#b4a7d6",
    "TARGET": "#a2d9a5",
    "DATE": "#f9cb9c",
    "PERCENT": "#ea9999",
    "EXHIBIT": "#d9d9d9",
}
# when spans overlap, the longer one wins; on equal length the label earlier here
_PRIORITY = {
    label: i
    for i, label in enumerate(
        ("HOLDER", "TARGET", "PARTY", "PERCENT", "DATE", "AGREEMENT", "EXHIBIT")
    )
}


class HtmlText(str):
    """HTML text that Jupyter renders as HTML (and that is still a plain ``str``)."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<HtmlText: {len(self)} characters of HTML>"


@dataclass(frozen=True)
class Highlight:
    """A highlighted span: ``[start, end)`` in the evidence text, its label and its text."""

    start: int
    end: int
    label: str
    text: str


# --------------------------------------------------------------------------- finding spans


def _name_pattern(name: str) -> re.Pattern:
    """``name`` as a case-insensitive pattern: any whitespace between words, optional commas
    between them ("Foo, Inc." / "Foo Inc.") and optional dots after abbreviations ("Inc." /
    "Inc", "U.S." / "U.S")."""
    parts = []
    for word in name.split():
        core = word.rstrip(",")
        dot = core.endswith(".")
        parts.append(re.escape(core.rstrip(".")) + (r"\.?" if dot else ""))
    body = r",?\s+".join(parts)
    return re.compile(r"(?<![\w])" + body + r"(?![\w])", re.I)


_ALIAS_AFTER = re.compile(
    r"""^\s*\(\s*(?:the\s+|each\s+a\s+|a\s+)?["“”']*\s*([A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,3})\s*["“”']*\s*\)"""
)


def _find_name(text: str, name: str) -> list[tuple[int, int]]:
    if not name or not name.strip():
        return []
    return [(m.start(), m.end()) for m in _name_pattern(name).finditer(text)]


def _aliases(text: str, spans: list[tuple[int, int]]) -> list[str]:
    out = []
    for _, end in spans:
        m = _ALIAS_AFTER.match(text[end : end + 60])
        if m:
            out.append(m.group(1))
    return out


@lru_cache(maxsize=1)
def _legal_suffixes() -> tuple[str, ...]:
    """Legal-form suffixes in lower case, longest first."""
    return tuple(sorted({w.lower() for w in legal_forms().suffixes}, key=len, reverse=True))


def _short_name(name: str) -> str | None:
    """``name`` without its trailing legal form ("Alcoa Inc." -> "Alcoa"), or None."""
    short = name.strip()
    changed = True
    while changed:
        changed = False
        low = short.lower()
        for suffix in _legal_suffixes():
            if low.endswith(" " + suffix) or low.endswith("," + suffix):
                short = short[: len(short) - len(suffix)].rstrip(" ,")
                changed = True
                break
    return short if short != name.strip() and len(short) >= 3 else None


def _uses(text: str, word: str) -> list[tuple[int, int]]:
    """Whole-word uses of a short name or alias that are not part of a longer name
    ("Alcoa", not the "Alcoa" of "Alcoa Holdco Canada ULC")."""
    out = []
    for m in re.finditer(r"(?<![\w])" + re.escape(word) + r"(?![\w])", text):
        if re.match(r"[ \t\xa0]+[A-Z]", text[m.end() : m.end() + 2]) or re.search(
            r"[A-Z][\w.&'’\-]*[ \t\xa0]+$", text[max(0, m.start() - 30) : m.start()]
        ):
            continue
        out.append((m.start(), m.end()))
    return out


def _party_spans(
    text: str, name: str, label: str, context: str | None = None, registrant: bool = False
) -> list[Highlight]:
    """The name (or, when the text does not write it in full, the name without its legal
    form), its defined-term aliases (defined in the text, or anywhere in ``context``) and
    their uses; for the registrant also "the Company", "we", "us", "our"."""
    found = _find_name(text, name)
    if not found:
        short = _short_name(name)
        if short:
            found = _uses(text, short)
    out = [Highlight(s, e, label, text[s:e]) for s, e in found]
    aliases = set(_aliases(text, found))
    if context:
        aliases.update(_aliases(context, _find_name(context, name)[:20]))
    aliases.discard(name)
    for alias in sorted(aliases):
        if alias.lower() in _GENERIC_TERMS:
            continue
        out += [Highlight(s, e, label, text[s:e]) for s, e in _uses(text, alias)]
    if registrant:
        out += [
            Highlight(m.start(), m.end(), label, m.group(0))
            for m in _REGISTRANT_REFS.finditer(text)
        ]
    return out


# defined terms that name a role or a document, not the party ("the Agreement", "Lenders")
_GENERIC_TERMS = {
    "agreement",
    "agreements",
    "company",
    "companies",
    "lender",
    "lenders",
    "borrower",
    "borrowers",
    "parties",
    "party",
    "seller",
    "sellers",
    "buyer",
    "buyers",
    "purchaser",
    "purchasers",
    "guarantor",
    "guarantors",
    "trustee",
    "agent",
    "administrative agent",
    "closing date",
    "effective date",
}
# how a report refers to its registrant
_REGISTRANT_REFS = re.compile(
    r"(?<![\w])(?:[Tt]he (?:Company|Registrant|Corporation)|[Ww]e|us|[Oo]ur)(?![\w])"
)


def _same_name(a: str | None, b: str | None) -> bool:
    def norm(x: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", (_short_name(x) or x).lower()).strip()

    return bool(a and b) and norm(a) == norm(b)


def _date_spans(text: str, iso: str | None) -> list[Highlight]:
    if not iso:
        return []
    return [
        Highlight(s, e, "DATE", text[s:e]) for s, e, d in find_dates(text) if d == str(iso)[:10]
    ]


@lru_cache(maxsize=1)
def _qualifier_words() -> tuple[str, ...]:
    try:
        data = json.loads(
            resources.files("pactgraph.nlp").joinpath("data/qualifiers.json").read_text("utf-8")
        )
    except (FileNotFoundError, ModuleNotFoundError, json.JSONDecodeError):  # pragma: no cover
        return ()
    words = [w for k, v in data.items() if not k.startswith("_") for w in v]
    return tuple(sorted(words, key=len, reverse=True))


_PERCENT = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)", re.I)
_WHOLLY = re.compile(r"\bwholly[\s\-\u2011]+owned\b", re.I)


def _percent_spans(text: str, percent: Any) -> list[Highlight]:
    try:
        value = float(percent)
    except (TypeError, ValueError):
        return []
    out = []
    for m in _PERCENT.finditer(text):
        if abs(float(m.group(1)) - value) > 1e-9:
            continue
        start = m.start()
        before = text[:start].rstrip()
        for word in _qualifier_words():
            if before.lower().endswith(word) and (
                len(before) == len(word) or not before[-len(word) - 1].isalnum()
            ):
                start = len(before) - len(word)
                break
        out.append(Highlight(start, m.end(), "PERCENT", text[start : m.end()]))
    if not out and value == 100.0:
        out = [Highlight(m.start(), m.end(), "PERCENT", m.group(0)) for m in _WHOLLY.finditer(text)]
    return out


def _exhibit_spans(text: str, exhibit: str | None) -> list[Highlight]:
    if not exhibit:
        return []
    pattern = re.compile(
        r"\bExhibits?\s+(?:No\.\s*)?" + re.escape(str(exhibit)) + r"(?![\w.])", re.I
    )
    return [Highlight(m.start(), m.end(), "EXHIBIT", m.group(0)) for m in pattern.finditer(text)]


def _title_spans(text: str, title: str | None) -> list[Highlight]:
    if not title or title.strip().lower() in ("agreement", "an agreement"):
        return []
    return [Highlight(s, e, "AGREEMENT", text[s:e]) for s, e in _find_name(text, title)]


def _non_overlapping(spans: Iterable[Highlight]) -> list[Highlight]:
    ordered = sorted(
        set(spans), key=lambda h: (-(h.end - h.start), _PRIORITY.get(h.label, 99), h.start)
    )
    kept: list[Highlight] = []
    for h in ordered:
        if h.end <= h.start:
            continue
        if all(h.end <= k.start or h.start >= k.end for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def _evidence(fact: Mapping[str, Any]) -> Mapping[str, Any]:
    ev = fact.get("evidence")
    if not isinstance(ev, Mapping) or not isinstance(ev.get("text"), str):
        raise ExtractionError("the fact has no evidence text to show")
    return ev


def fact_spans(
    fact: Mapping[str, Any],
    text: str | None = None,
    extra: Mapping[str, Iterable[str]] | None = None,
    *,
    context: str | None = None,
    registrant: str | None = None,
) -> list[Highlight]:
    """The spans of ``fact`` found in ``text`` (default: the fact's evidence text), sorted and
    non-overlapping (the longer span wins).

    An agreement gives AGREEMENT (title), PARTY (each party and its aliases), DATE, EXHIBIT; a
    stake gives HOLDER, TARGET and PERCENT. ``context`` (the filing's text) is searched for the
    aliases a party is given elsewhere (``International Business Machines Corporation
    ("IBM")``); when ``registrant`` (its name) is a party, "the Company", "we", "us" and "our"
    are marked as that party too. ``extra`` maps a label to more strings to mark.
    """
    if text is None:
        text = _evidence(fact)["text"]
    spans: list[Highlight] = []
    if fact.get("holder") is not None or fact.get("target") is not None:
        for key, label in (("holder", "HOLDER"), ("target", "TARGET")):
            name = fact.get(key) or ""
            spans += _party_spans(text, name, label, context, _same_name(name, registrant))
        spans += _percent_spans(text, fact.get("percent"))
    else:
        spans += _title_spans(text, fact.get("title"))
        for party in fact.get("parties") or []:
            spans += _party_spans(text, party, "PARTY", context, _same_name(party, registrant))
        spans += _date_spans(text, fact.get("date"))
        spans += _exhibit_spans(text, fact.get("exhibit"))
    for label, values in (extra or {}).items():
        for value in values:
            spans += [Highlight(s, e, label, text[s:e]) for s, e in _find_name(text, value)]
    return _non_overlapping(spans)


# --------------------------------------------------------------------------- rendering


def _default_title(fact: Mapping[str, Any]) -> str:
    if fact.get("holder") is not None:
        pct = fact.get("percent")
        pct_text = f"{float(pct):g}%" if isinstance(pct, (int, float)) else str(pct)
        qual = fact.get("qualifier")
        qual_text = f" ({qual})" if qual and qual != "exact" else ""
        return f"Stake: {fact.get('holder')} holds {pct_text}{qual_text} of {fact.get('target')}"
    bits = [str(fact.get("title") or "agreement")]
    if fact.get("kind"):
        bits.append(f"[{fact['kind']}]")
    if fact.get("action"):
        bits.append(str(fact["action"]))
    if fact.get("date"):
        bits.append(str(fact["date"]))
    return "Agreement: " + " ".join(bits)


def displacy_doc(
    fact: Mapping[str, Any],
    *,
    title: str | None = None,
    extra: Mapping[str, Iterable[str]] | None = None,
    context: str | None = None,
    registrant: str | None = None,
) -> dict[str, Any]:
    """The displaCy manual-mode document of a fact's evidence: ``text``, ``ents``, ``title``
    (``context``, ``registrant``: as for :func:`fact_spans`)."""
    text = _evidence(fact)["text"]
    ents = [
        {"start": h.start, "end": h.end, "label": h.label}
        for h in fact_spans(fact, text, extra, context=context, registrant=registrant)
    ]
    return {
        "text": text,
        "ents": ents,
        "title": title if title is not None else _default_title(fact),
    }


def evidence_html(
    fact: Mapping[str, Any],
    *,
    filing: Any = None,
    source: str | None = None,
    title: str | None = None,
    extra: Mapping[str, Iterable[str]] | None = None,
    colors: Mapping[str, str] | None = None,
    registrant: str | None = None,
) -> HtmlText:
    """The evidence sentence of ``fact`` as HTML with its spans highlighted (spaCy displaCy,
    ``style="ent"``, ``manual=True``), followed by where it is: the file and the character
    offsets ``[start, end)`` in the filing's text.

    ``filing``: the :class:`~pactgraph.nlp.reader.Filing` (or its text) the fact was read
    from; when given, the evidence text must equal the filing text at the evidence offsets
    (:class:`~pactgraph.nlp.errors.ExtractionError` otherwise). ``source`` names the file in the
    caption (default: the filing's path). ``extra`` maps more labels to strings to highlight.
    With a ``filing``, the aliases the filing defines for the parties and, for the registrant
    (its header name unless ``registrant`` is given), "the Company", "we", "us", "our" are
    marked as well.
    """
    ev = _evidence(fact)
    start, end = ev.get("start"), ev.get("end")
    context = None
    if filing is not None:
        context = _filing_text(filing)
        _check_offsets(ev, context, getattr(filing, "path", None))
        if not isinstance(filing, str):
            source = source if source is not None else getattr(filing, "path", None)
            registrant = registrant if registrant is not None else _header_name(filing)
    doc = displacy_doc(fact, title=title, extra=extra, context=context, registrant=registrant)
    body = _rendered(doc, colors)
    return HtmlText(f'<div class="pactgraph-evidence">{body}{_caption(source, start, end)}</div>')


def _filing_text(filing: Any) -> str | None:
    """The text of a filing given as its text or as a :class:`~pactgraph.nlp.reader.Filing`."""
    return filing if isinstance(filing, str) else getattr(filing, "text", None)


def _check_offsets(ev: Mapping[str, Any], full: str | None, path: Any) -> None:
    """Raise :class:`~pactgraph.nlp.errors.ExtractionError` unless the evidence text is the
    filing's text at the evidence offsets."""
    start, end = ev.get("start"), ev.get("end")
    if full is None or start is None or end is None or full[start:end] != ev["text"]:
        raise ExtractionError("the evidence text is not the filing's text at its offsets", path)


def _header_name(filing: Any) -> str | None:
    """The registrant's name in the filing's header (company name, else conformed name)."""
    header = getattr(filing, "header", None)
    return getattr(header, "company_name", None) or getattr(header, "conformed_name", None)


def _rendered(doc: dict[str, Any], colors: Mapping[str, str] | None) -> str:
    """displaCy's HTML of a manual-mode document, every label in the legend's order."""
    from spacy import displacy

    palette = {**COLORS, **(colors or {})}
    labels = list(LABELS) + sorted({e["label"] for e in doc["ents"]} - set(LABELS))
    return displacy.render(
        doc, style="ent", manual=True, jupyter=False, options={"colors": palette, "ents": labels}
    )


def _caption(source: str | None, start: Any, end: Any) -> str:
    """Where the evidence is: the file and the character offsets, or "" when neither is known."""
    where = []
    if source:
        where.append(escape(str(source)))
    if start is not None and end is not None:
        where.append(f"characters [{int(start)}, {int(end)})")
    if not where:
        return ""
    return (
        f'<div class="pactgraph-evidence-source" style="font-size: 0.85em; color: #555">'
        f"{' — '.join(where)}</div>"
    )
