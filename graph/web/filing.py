"""The filing page: the report text with every fact's evidence span marked, and the facts
listed with their spans (the text is read again from the source file: see :mod:`.texts`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup
from pactgraph.graph import iris

from . import sparql, texts
from .facts import Evidence, evidence_of
from .highlight import Span, annotated, find_words, word_patterns
from .urls import fact_anchor

PG = "https://pactgraph.org/ontology#"
_FACT_TYPES = {
    PG + "Agreement": "agreement",
    PG + "OwnershipStake": "stake",
    PG + "Position": "position",
}

_QUERY = """{prefixes}
SELECT ?section ?prop ?value ?fact ?type ?label ?wkind ?start ?end ?quote
WHERE {{
  {{ BIND ("self" AS ?section) GRAPH {g} {{ {f} ?prop ?value }}
     FILTER (?prop IN (rdfs:label, pg:formType, pg:dateOfReport, pg:sourceFile, pg:sha256,
                       pg:sourceURL, pg:accessionNumber, pg:registrant)) }}
  UNION {{ BIND ("registrant" AS ?section)
     GRAPH {g} {{ {f} pg:registrant ?fact . ?fact pg:name ?value }} }}
  UNION {{ BIND ("item" AS ?section)
     GRAPH {g} {{ {f} pg:hasItem ?fact . ?fact pg:itemNumber ?value }} }}
  UNION {{ BIND ("fact" AS ?section)
     GRAPH {g} {{ ?fact pg:statedIn {f} ; a ?type .
                 FILTER (?type IN (pg:Agreement, pg:OwnershipStake, pg:Position))
                 OPTIONAL {{ ?fact rdfs:label ?label }} {evidence} }} }}
  UNION {{ BIND ("word" AS ?section)
     GRAPH {g} {{ ?fact pg:statedIn {f} .
       {{ ?fact pg:title ?value }} UNION {{ ?fact pg:hasParty/pg:name ?value }}
       UNION {{ ?fact pg:holderName ?value }} UNION {{ ?fact pg:targetName ?value }}
       UNION {{ ?fact org:member/pg:name ?value }} UNION {{ ?fact pg:positionTitle ?value }}
       UNION {{ ?fact org:organization/pg:name ?value }}
       UNION {{ ?fact pg:percent ?value BIND ("percent" AS ?wkind) }}
       UNION {{ ?fact pg:date ?value BIND ("date" AS ?wkind) }} }} }}
}}"""


def query(filing: str) -> str:
    key = filing[len(iris.BASE) + len("filing/") :]
    return _QUERY.format(
        prefixes=sparql.PREFIXES,
        f=sparql.iri(filing),
        g=f"<{iris.graph_iri(key)}>",
        evidence=sparql.EVIDENCE,
    )


@dataclass
class Fact:
    iri: str
    kind: str
    label: str
    anchor: str
    evidence: Evidence | None
    placed: bool = False  # its span is marked in the text shown


@dataclass
class FilingPage:
    iri: str
    label: str
    props: dict[str, str]
    registrant: tuple[str, str] | None
    items: list[str]
    facts: list[Fact]
    text: Markup | None  # the marked report text; None when the source file was not found
    notes: list[str] = field(default_factory=list)


def read(filing: str, rows: list[dict[str, str | None]]) -> FilingPage | None:
    props = {r["prop"].rsplit("#", 1)[-1]: r["value"] for r in rows if r["section"] == "self"}
    if not props:
        return None
    facts = _facts(rows)
    text = texts.filing_text(props.get("sourceFile"), props.get("sha256"))
    page = FilingPage(
        iri=filing,
        label=props.get("label") or filing,
        props=props,
        registrant=next(
            ((r["fact"], r["value"]) for r in rows if r["section"] == "registrant"), None
        ),
        items=sorted(
            {r["value"] for r in rows if r["section"] == "item"},
            key=lambda n: [int(p) if p.isdigit() else 0 for p in n.split(".")],
        ),
        facts=facts,
        text=None,
    )
    if text is None:
        page.notes.append(
            "The report text is not shown: its source file "
            f"({props.get('sourceFile') or 'not recorded'}) was not found with "
            "the SHA-256 the store recorded. The evidence of each fact is listed."
        )
    else:
        page.text = annotated(text, _spans(text, facts, _words(rows), page))
    return page


def _facts(rows: list[dict[str, str | None]]) -> list[Fact]:
    out: dict[str, Fact] = {}
    for r in rows:
        if r["section"] != "fact" or r["fact"] in out:
            continue
        out[r["fact"]] = Fact(
            iri=r["fact"],
            kind=_FACT_TYPES.get(r["type"], "fact"),
            label=r.get("label") or r["fact"],
            anchor="",
            evidence=Evidence.of_row(r),
        )
    facts = sorted(
        out.values(),
        key=lambda f: (
            f.evidence.start if f.evidence and f.evidence.start is not None else 1 << 60,
            f.kind,
            f.iri,
        ),
    )
    for f in facts:
        f.anchor = fact_anchor(f.iri)
    return facts


def _words(rows: list[dict[str, str | None]]) -> dict[str, dict[str, list[str]]]:
    words: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r["section"] == "word":
            words[r["fact"]][r.get("wkind") or "name"].append(r["value"])
    return words


def _spans(text: str, facts: list[Fact], words: dict, page: FilingPage) -> list[Span]:
    """The span of each fact whose offsets hold its quoted words (else where the quote is
    found in the text), with its extracted words; marks each fact's evidence as well."""
    spans = []
    for f in facts:
        ev = f.evidence
        if ev is None:
            continue
        w = words.get(f.iri, {})
        pattern = word_patterns(w.get("name", ()), w.get("date", ()), w.get("percent", ()))
        evidence_of(ev, w.get("name", ()), w.get("date", ()), w.get("percent", ()))
        start, end = _locate(text, ev)
        if start is None:
            page.notes.append(
                f"The evidence of “{f.label}” was not found in the text read "
                "again from the source file."
            )
            continue
        f.placed = True
        spans.append(Span(f.anchor, start, end, find_words(text[start:end], pattern, start)))
    return spans


def _locate(text: str, ev: Evidence) -> tuple[int | None, int | None]:
    if ev.start is not None and ev.end is not None and 0 <= ev.start <= ev.end <= len(text):
        if ev.quote is None or text[ev.start : ev.end] == ev.quote:
            return ev.start, ev.end
    if ev.quote:
        found = text.find(ev.quote)
        if found >= 0:
            return found, found + len(ev.quote)
    return None, None
