"""Any other entity (a stake, a position, a party role, a report item ...): its statements
and the statements that point to it, with its evidence when it has some, as the filings' graphs
state them."""

from __future__ import annotations

from dataclasses import dataclass

from . import sparql
from .facts import Evidence, evidence_of

LIMIT = 500

_QUERY = """{prefixes}
SELECT ?section ?fact ?prop ?value ?vlabel ?start ?end ?quote
WHERE {{
  {{ BIND ("out" AS ?section) {x} ?prop ?value . {out}
     OPTIONAL {{ ?value rdfs:label ?vlabel {label} }} }}
  UNION {{ BIND ("in" AS ?section)
     {{ SELECT ?prop ?value WHERE {{ ?value ?prop {x} {into} }} LIMIT {limit} }}
     OPTIONAL {{ ?value rdfs:label ?vlabel {label} }} }}
  UNION {{ BIND ("evidence" AS ?section) BIND ({x} AS ?fact) {evidence}
     FILTER (BOUND(?quote) || BOUND(?start)) }}
}}
LIMIT {total}"""


def query(entity: str) -> str:
    x = sparql.iri(entity)
    return _QUERY.format(
        prefixes=sparql.PREFIXES,
        x=x,
        limit=LIMIT,
        total=3 * LIMIT,
        evidence=sparql.EVIDENCE,
        out=sparql.filed(f"{x} ?prop ?value"),
        into=sparql.filed(f"?value ?prop {x}"),
        label=sparql.filed("?value rdfs:label ?vlabel"),
    )


@dataclass
class ResourcePage:
    iri: str
    label: str
    statements: list[tuple[str, str, str | None]]  # (property, value, value's label)
    mentions: list[tuple[str, str, str | None]]  # (property, subject, subject's label)
    evidence: Evidence | None


def read(entity: str, rows: list[dict[str, str | None]]) -> ResourcePage | None:
    out = sorted({(r["prop"], r["value"], r.get("vlabel")) for r in rows if r["section"] == "out"})
    into = sorted({(r["prop"], r["value"], r.get("vlabel")) for r in rows if r["section"] == "in"})
    if not out and not into:
        return None
    label = next((v for p, v, _ in out if p.endswith("#label")), entity.rsplit("/", 1)[-1])
    names = [v for p, v, _ in out if p.endswith(("#holderName", "#targetName", "#positionTitle"))]
    names += [vl for p, _, vl in out if vl and p.endswith(("#member", "#organization"))]
    percents = [v for p, v, _ in out if p.endswith("#percent")]
    ev_row = next((r for r in rows if r["section"] == "evidence"), None)
    ev = Evidence.of_row(ev_row) if ev_row else None
    if ev is not None:
        ev = evidence_of(ev, names=names, percents=percents)
    return ResourcePage(iri=entity, label=label, statements=out, mentions=into, evidence=ev)
