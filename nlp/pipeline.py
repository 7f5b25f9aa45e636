"""The spaCy pipeline of pactgraph: ``spacy.blank("en")`` plus rule components registered as
factories.

The pipeline runs over the report's item text only (never over exhibits). A Doc carries, in
``doc.user_data``, the filing-wide context the components share:

- ``pactgraph_patterns``: a spaCy ``SpanRuler`` loaded with ``patterns/*.jsonl`` (legal-form
  suffixes ``ORG_FORM``, agreement title heads ``AGREEMENT_HEAD``, stake phrases ``STAKE``) into
  ``doc.spans["patterns"]``;
- ``pactgraph_orgs``: organisation spans (``doc.spans["orgs"]``), aliases and the registrant's
  names;
- ``pactgraph_dates``: date spans (``doc.spans["dates"]``, ISO value in ``span.label_``);
- ``pactgraph_agreements``: agreement facts of the item sections (``doc.user_data["agreements"]``);
- ``pactgraph_stakes``: ownership stakes (``doc.user_data["stakes"]``).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from .agreements import Resolver, build_context, extract_agreements
from .reader.dates import find_dates
from .orgs import find_orgs, patterns
from .sentences import sentence_spans
from .extraction.acquisitions import acquisition_stakes
from .extraction.agreements.mentions import generic_head_patterns
from .extraction.agreements.model import (
    NO_AGREEMENT_ITEMS,
    RESTATED_EVENT,
    STAKE_COMPLETION_SECTIONS,
)
from .stakes import alias_pattern, extract_stakes

COMPONENTS = (
    "pactgraph_patterns",
    "pactgraph_orgs",
    "pactgraph_dates",
    "pactgraph_agreements",
    "pactgraph_stakes",
)
PATTERN_FILES = ("legal_forms", "agreement_heads", "stakes")
PATTERNS_KEY = "patterns"


def _pattern_spans(doc: Doc, *labels: str) -> list[tuple[int, int]]:
    """Absolute ``[start, end)`` of the SpanRuler's spans with one of ``labels``."""
    offset = doc.user_data.get("offset", 0)
    return [
        (offset + sp.start_char, offset + sp.end_char)
        for sp in doc.spans.get(PATTERNS_KEY, [])
        if sp.label_ in labels
    ]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _spans(doc: Doc, items) -> list[Span]:
    out = []
    offset = doc.user_data.get("offset", 0)
    for start, end, label in items:
        span = doc.char_span(start - offset, end - offset, label=label, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


def _doc_text(doc: Doc) -> str:
    """The document's text: the string it was made from when the caller kept it (``Doc.text``
    joins every token's text again on each call)."""
    return doc.user_data.get("doc_text") or doc.text


class OrgsComponent:
    def __call__(self, doc: Doc) -> Doc:
        data = doc.user_data
        offset = data.get("offset", 0)
        doc_text = _doc_text(doc)
        doc.spans["orgs"] = _spans(
            doc, [(offset + o.start, offset + o.end, "ORG") for o in find_orgs(doc_text)]
        )
        data["context"] = build_context(
            data.get("text") or doc_text,
            data.get("registrant"),
            data.get("report_date"),
            data.get("exhibit_index", []),
            data.get("regions") or [(offset, offset + len(doc_text))],
        )
        return doc


class DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        offset = doc.user_data.get("offset", 0)
        dates = find_dates(_doc_text(doc), doc.user_data.get("report_date"))
        doc.spans["dates"] = _spans(doc, [(offset + d.start, offset + d.end, d.iso) for d in dates])
        return doc


class AgreementsComponent:
    """Agreements of the sections that name one: a section without an agreement head
    (``AGREEMENT_HEAD`` patterns: "Agreement", "Indenture", "Plan of Merger", "letter", ...)
    reports none."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc.user_data["context"]
        heads = _pattern_spans(doc, "AGREEMENT_HEAD", "AGREEMENT_HEAD_LOWER")
        all_sections = doc.user_data.get("sections", [])
        if all(number == RESTATED_EVENT for number, _, _ in all_sections):
            # a report of financial statements restating an earlier event: that report made
            # the agreements, this one (even its exhibit index) makes none
            doc.user_data["agreements"] = []
            return doc
        sections = [
            sec
            for sec in all_sections
            if sec[0] != RESTATED_EVENT and _overlaps(heads, sec[1], sec[2])
        ]
        doc.user_data["agreements"] = extract_agreements(
            ctx, sections, {n for n, _, _ in all_sections}
        )
        return doc


class StakesComponent:
    def __call__(self, doc: Doc) -> Doc:
        ctx = doc.user_data["context"]
        resolver = Resolver(ctx)
        sections = doc.user_data.get("sections", [])
        phrases = _pattern_spans(
            doc, "STAKE"
        )  # "23% shareholder of", "wholly-owned subsidiary", "owned 60% by"
        found = []
        aliases = alias_pattern(ctx.org_aliases)
        for number, start, end in sections:
            if number not in NO_AGREEMENT_ITEMS:
                sentences = [
                    (s, e)
                    for s, e in sentence_spans(ctx.text, start, end)
                    if _overlaps(phrases, s, e)
                ]
                found += extract_stakes(
                    ctx.text,
                    sentences,
                    resolver.resolve,
                    completed=number in STAKE_COMPLETION_SECTIONS,
                    aliases=aliases,
                    resolve_at=resolver.resolve,
                )
        found += acquisition_stakes(ctx.text, sections, ctx.registrant, resolver.resolve)
        firsts = {}  # one stake per (holder, target): the first found
        for stake in found:
            firsts.setdefault((stake.holder, stake.target), stake)
        doc.user_data["stakes"] = list(firsts.values())
        return doc


@Language.factory("pactgraph_patterns")
def make_patterns(nlp: Language, name: str) -> SpanRuler:
    """The token and phrase patterns of ``patterns/*.jsonl`` (phrase patterns match on ORTH: legal
    forms are case-sensitive, "AS" is not "as"; token patterns say their own attributes), and
    the lower-case agreement heads of the mention finder's vocabulary."""
    ruler = SpanRuler(nlp, name, spans_key=PATTERNS_KEY, phrase_matcher_attr="ORTH", validate=True)
    ruler.add_patterns(
        [row for file in PATTERN_FILES for row in patterns(file)] + generic_head_patterns()
    )
    return ruler


@Language.factory("pactgraph_orgs")
def make_orgs(nlp: Language, name: str) -> OrgsComponent:
    return OrgsComponent()


@Language.factory("pactgraph_dates")
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


@Language.factory("pactgraph_agreements")
def make_agreements(nlp: Language, name: str) -> AgreementsComponent:
    return AgreementsComponent()


@Language.factory("pactgraph_stakes")
def make_stakes(nlp: Language, name: str) -> StakesComponent:
    return StakesComponent()


@lru_cache(maxsize=1)
def make_pipeline() -> Language:
    """The pipeline (built once per process): blank English tokenizer + the rule components."""
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
