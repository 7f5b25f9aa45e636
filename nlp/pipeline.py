"""The spaCy pipeline of pactgraph: ``spacy.blank("en")`` plus rule components registered as factories.

The pipeline runs over the report's item text only (never over exhibits). A Doc carries, in
``doc.user_data``, the filing-wide context the components share:

- ``pactgraph_orgs``: organisation spans (``doc.spans["orgs"]``), aliases and the registrant's names;
- ``pactgraph_dates``: date spans (``doc.spans["dates"]``, ISO value in ``span.label_``);
- ``pactgraph_agreements``: agreement facts of the item sections (``doc.user_data["agreements"]``);
- ``pactgraph_stakes``: ownership stakes (``doc.user_data["stakes"]``).
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .agreements import AGREEMENT_ITEMS, Resolver, build_context, extract_agreements
from .date_mentions import find_dates
from .orgs import find_orgs
from .sentences import sentence_spans
from .stakes import extract_stakes

COMPONENTS = ("pactgraph_orgs", "pactgraph_dates", "pactgraph_agreements", "pactgraph_stakes")


def _spans(doc: Doc, items) -> list[Span]:
    out = []
    offset = doc.user_data.get("offset", 0)
    for start, end, label in items:
        span = doc.char_span(start - offset, end - offset, label=label, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


class OrgsComponent:
    def __call__(self, doc: Doc) -> Doc:
        data = doc.user_data
        offset = data.get("offset", 0)
        doc.spans["orgs"] = _spans(doc, [(offset + o.start, offset + o.end, "ORG") for o in find_orgs(doc.text)])
        text = data.get("text", doc.text)
        data["context"] = build_context(text, data.get("registrant"), data.get("report_date"),
                                        data.get("exhibit_index", []), data.get("regions", [(offset, offset + len(doc.text))]))
        return doc


class DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        offset = doc.user_data.get("offset", 0)
        dates = find_dates(doc.text, doc.user_data.get("report_date"))
        doc.spans["dates"] = _spans(doc, [(offset + d.start, offset + d.end, d.iso) for d in dates])
        return doc


class AgreementsComponent:
    def __call__(self, doc: Doc) -> Doc:
        ctx = doc.user_data["context"]
        doc.user_data["agreements"] = extract_agreements(ctx, doc.user_data.get("sections", []))
        return doc


class StakesComponent:
    def __call__(self, doc: Doc) -> Doc:
        ctx = doc.user_data["context"]
        stakes = []
        resolver = Resolver(ctx)
        for number, start, end in doc.user_data.get("sections", []):
            if number in AGREEMENT_ITEMS or number in ("8.01", "7.01"):
                for stake in extract_stakes(ctx.text, sentence_spans(ctx.text, start, end), resolver.resolve,
                                            completed=number in ("2.01", "2")):
                    if not any(s.holder == stake.holder and s.target == stake.target for s in stakes):
                        stakes.append(stake)
        doc.user_data["stakes"] = stakes
        return doc


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
