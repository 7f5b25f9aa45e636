"""Company search: organizations and people whose names, aliases or CIK contain the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import sparql

MAX_TEXT = 100
MAX_ROWS = 400
PG = "https://pactgraph.org/ontology#"

_QUERY = """{prefixes}
SELECT ?e ?name ?type ?cik ?label
WHERE {{
  {{ SELECT DISTINCT ?e ?name WHERE {{
      {{ SELECT ?e ?name WHERE {{
          {{ ?e pg:name ?name }} UNION {{ ?e skos:altLabel ?name }}
          FILTER (CONTAINS(LCASE(?name), {text}))
      }} }}
      FILTER EXISTS {{ GRAPH ?g {{ {{ ?e pg:name ?name }} UNION {{ ?e skos:altLabel ?name }} }}
                      FILTER (STRSTARTS(STR(?g), {filings})) }}
  }} LIMIT {limit} }}
  ?e a ?type . FILTER (?type IN (pg:Organization, pg:Person))
  OPTIONAL {{ ?e pg:cik ?cik
             FILTER EXISTS {{ GRAPH ?c {{ ?e pg:cik ?cik }}
                             FILTER (STRSTARTS(STR(?c), {filings})) }} }}
  OPTIONAL {{ ?e pg:name ?label
             FILTER EXISTS {{ GRAPH ?l {{ ?e pg:name ?label }}
                             FILTER (STRSTARTS(STR(?l), {filings})) }} }}
}}"""

_CIK_QUERY = """{prefixes}
SELECT ?e ?name ?type ?cik ?label
WHERE {{
  {{ SELECT DISTINCT ?e ?cik WHERE {{ ?e pg:cik ?cik . FILTER (CONTAINS(?cik, {digits}))
       FILTER EXISTS {{ GRAPH ?c {{ ?e pg:cik ?cik }} FILTER (STRSTARTS(STR(?c), {filings})) }}
     }} LIMIT {limit} }}
  ?e a ?type ; pg:name ?name . FILTER (?type = pg:Organization) BIND (?name AS ?label)
  FILTER EXISTS {{ GRAPH ?l {{ ?e pg:name ?name }} FILTER (STRSTARTS(STR(?l), {filings})) }}
}}"""


@dataclass
class Hit:
    iri: str
    name: str  # the entity's name to show
    kind: str  # "organization" or "person"
    cik: str | None
    score: tuple
    matched: str  # the name or alias the text was found in
    names: set[str] = field(default_factory=set)

    @property
    def also(self) -> str | None:
        """The alias the text was found in, when it is not the name shown."""
        return self.matched if self.matched not in self.names else None


def cleaned(text: str) -> str:
    """The search text: whitespace folded, at most :data:`MAX_TEXT` characters."""
    return " ".join(text.split())[:MAX_TEXT]


def query(text: str) -> str:
    """The SELECT for ``text``: CIK digits when it is all digits, else names and aliases."""
    text = cleaned(text)
    if text.isdigit():
        digits = sparql.string(text.lstrip("0") or "0")
        return _CIK_QUERY.format(
            prefixes=sparql.PREFIXES, digits=digits, limit=MAX_ROWS, **sparql.graph_terms()
        )
    return _QUERY.format(
        prefixes=sparql.PREFIXES,
        text=sparql.string(text.lower()),
        limit=MAX_ROWS,
        **sparql.graph_terms(),
    )


def rank(text: str, rows: list[dict[str, str | None]], limit: int = 20) -> list[Hit]:
    """One hit per entity, best first: a name or alias that is the text, then one that starts
    with it, then one with a word starting with it; organizations before people; shorter
    first. Each hit shows the entity's name (the one the text is in when it is a name)."""
    needle = cleaned(text).lower()
    word = re.compile(r"(?<!\w)" + re.escape(needle)) if needle else None
    best: dict[str, Hit] = {}
    for r in rows:
        name = r["name"] or ""
        low = name.lower()
        kind = "person" if r["type"] == PG + "Person" else "organization"
        closeness = (
            0
            if low == needle
            else 1
            if low.startswith(needle)
            else 2
            if word and word.search(low)
            else 3
        )
        score = (closeness, kind != "organization", len(name), name)
        hit = best.get(r["e"])
        if hit is None or score < hit.score:
            names = hit.names if hit else set()
            hit = best[r["e"]] = Hit(
                r["e"], name, kind, r.get("cik") or (hit.cik if hit else None), score, name, names
            )
        if r.get("label"):
            hit.names.add(r["label"])
    for hit in best.values():
        hit.name = (
            hit.matched
            if hit.matched in hit.names
            else min(hit.names or {hit.matched}, key=lambda n: (n.isupper(), -len(n), n))
        )
    return sorted(best.values(), key=lambda h: h.score)[:limit]
