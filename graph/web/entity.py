"""The company (or person) page: one SELECT for everything the page shows, read into sections.

One query, not one per section: each query of the page runs in its own worker process under
the endpoint's limits, and starting one costs more than the lookups of a busy company.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import sparql
from .facts import Evidence, agreement_sort_key, evidence_of, preferred_names

PG = "https://pactgraph.org/ontology#"

_QUERY = """{prefixes}
SELECT ?section ?value ?n ?fact ?title ?kind ?action ?date ?exhibit ?filing ?fdate ?party
       ?partyName ?counterparty ?other ?link ?percent ?qualifier ?holder ?target ?holderName
       ?targetName ?person ?personName ?ptitle ?org ?start ?end ?quote
WHERE {{
  {{ BIND ("name" AS ?section)
     {{ SELECT ?value (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ {e} pg:name ?value }} }}
        GROUP BY ?value }} }}
  UNION {{ BIND ("alias" AS ?section) {e} skos:altLabel ?value }}
  UNION {{ BIND ("cik" AS ?section) {e} pg:cik ?value }}
  UNION {{ BIND ("state" AS ?section) {e} pg:stateOfIncorporation ?value }}
  UNION {{ BIND ("type" AS ?section) {e} a ?value }}
  UNION {{ BIND ("agreement" AS ?section)
     ?fact pg:hasParty {e} ; pg:title ?title ; pg:statedIn ?filing .
     OPTIONAL {{ ?fact pg:kind ?kind }} OPTIONAL {{ ?fact pg:action ?action }}
     OPTIONAL {{ ?fact pg:date ?date }} OPTIONAL {{ ?fact pg:exhibit ?exhibit }}
     OPTIONAL {{ ?filing pg:dateOfReport ?fdate }} {evidence} }}
  UNION {{ BIND ("party" AS ?section)
     ?fact pg:hasParty {e} ; pg:hasPartyRole ?role ; pg:statedIn ?filing .
     ?role pg:playedBy ?party .
     OPTIONAL {{ ?role a pg:Counterparty . BIND (true AS ?counterparty) }}
     BIND (IRI(CONCAT("https://pactgraph.org/graph/filing/",
                      STRAFTER(STR(?filing), "/id/filing/"))) AS ?g)
     OPTIONAL {{ GRAPH ?g {{ ?party pg:name ?partyName }} }} }}
  UNION {{ BIND ("link" AS ?section)
     ?fact pg:hasParty {e} .
     {{ ?fact pg:amends ?other BIND ("amends" AS ?link) }}
     UNION {{ ?fact pg:terminates ?other BIND ("terminates" AS ?link) }}
     UNION {{ ?other pg:amends ?fact BIND ("amended by" AS ?link) }}
     UNION {{ ?other pg:terminates ?fact BIND ("terminated by" AS ?link) }}
     OPTIONAL {{ ?other pg:title ?title }} OPTIONAL {{ ?other pg:date ?date }} }}
  UNION {{ BIND ("stake" AS ?section)
     {{ ?fact pg:target {e} }} UNION {{ ?fact pg:holder {e} }}
     ?fact pg:holder ?holder ; pg:target ?target ; pg:percent ?percent ; pg:statedIn ?filing .
     OPTIONAL {{ ?fact pg:qualifier ?qualifier }} OPTIONAL {{ ?fact pg:holderName ?holderName }}
     OPTIONAL {{ ?fact pg:targetName ?targetName }} OPTIONAL {{ ?filing pg:dateOfReport ?fdate }}
     {evidence} }}
  UNION {{ BIND ("position" AS ?section)
     {{ ?fact org:organization {e} }} UNION {{ ?fact org:member {e} }}
     ?fact org:member ?person ; pg:statedIn ?filing .
     OPTIONAL {{ ?fact org:organization ?org }} OPTIONAL {{ ?fact pg:positionTitle ?ptitle }}
     OPTIONAL {{ ?fact rdfs:label ?value }} OPTIONAL {{ ?person pg:name ?personName }}
     OPTIONAL {{ ?filing pg:dateOfReport ?fdate }} {evidence} }}
  UNION {{ BIND ("filing" AS ?section)
     ?filing pg:registrant {e} .
     OPTIONAL {{ ?filing pg:dateOfReport ?fdate }} OPTIONAL {{ ?filing pg:formType ?value }} }}
}}"""


def query(entity: str) -> str:
    return _QUERY.format(prefixes=sparql.PREFIXES, e=sparql.iri(entity), evidence=sparql.EVIDENCE)


@dataclass
class Agreement:
    iri: str
    title: str
    kind: str | None
    action: str | None
    date: str | None
    exhibit: str | None
    filing: str
    filing_date: str | None
    parties: dict[str, str] = field(default_factory=dict)  # IRI -> name as the filing writes it
    counterparties: list[str] = field(default_factory=list)  # IRIs
    links: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    evidence: Evidence | None = None

    @property
    def when(self) -> str | None:
        return self.date or self.filing_date


@dataclass
class Stake:
    iri: str
    holder: str
    target: str
    holder_name: str
    target_name: str
    percent: str
    qualifier: str | None
    filing: str
    filing_date: str | None
    evidence: Evidence | None = None


@dataclass
class Position:
    iri: str
    person: str
    person_name: str
    organization: str | None
    title: str | None
    label: str | None
    filing: str
    filing_date: str | None
    evidence: Evidence | None = None


@dataclass
class EntityPage:
    iri: str
    names: list[str]
    aliases: list[str]
    cik: str | None
    state: str | None
    is_person: bool
    agreements: list[Agreement]
    stakes_in: list[Stake]
    stakes_held: list[Stake]
    positions: list[Position]
    filings: list[tuple[str, str | None, str | None]]  # (IRI, date of report, form)

    @property
    def name(self) -> str:
        return self.names[0] if self.names else self.iri.rsplit("/", 1)[-1]


def read(entity: str, rows: list[dict[str, str | None]]) -> EntityPage | None:
    """The page of ``entity`` from the rows of :func:`query`; None when nothing names it."""
    by: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by[row.get("section") or ""].append(row)
    if not by:
        return None
    names = preferred_names({r["value"]: int(r.get("n") or 0) for r in by["name"]})
    agreements = _agreements(by)
    stakes = _stakes(by["stake"], names)
    return EntityPage(
        iri=entity, names=names,
        aliases=sorted({r["value"] for r in by["alias"]} - set(names)),
        cik=min((r["value"] for r in by["cik"]), default=None),
        state=min((r["value"] for r in by["state"]), default=None),
        is_person=any(r["value"] == PG + "Person" for r in by["type"]),
        agreements=sorted(agreements.values(), key=agreement_sort_key),
        stakes_in=[s for s in stakes if s.target == entity],
        stakes_held=[s for s in stakes if s.holder == entity],
        positions=_positions(by["position"], names),
        filings=sorted({(r["filing"], r.get("fdate"), r.get("value")) for r in by["filing"]},
                       key=lambda f: (f[1] or "", f[0])),
    )


def _agreements(by: dict[str, list[dict]]) -> dict[str, Agreement]:
    out: dict[str, Agreement] = {}
    for r in by["agreement"]:
        if r["fact"] in out:
            continue
        out[r["fact"]] = Agreement(
            iri=r["fact"], title=r["title"], kind=r.get("kind"), action=r.get("action"),
            date=r.get("date"), exhibit=r.get("exhibit"), filing=r["filing"],
            filing_date=r.get("fdate"), evidence=None)
        out[r["fact"]].evidence = Evidence.of_row(r)
    for r in by["party"]:
        a = out.get(r["fact"])
        if a is None:
            continue
        a.parties.setdefault(r["party"], r.get("partyName") or r["party"].rsplit("/", 1)[-1])
        if r.get("counterparty") and r["party"] not in a.counterparties:
            a.counterparties.append(r["party"])
    for r in by["link"]:
        a = out.get(r["fact"])
        link = (r["link"], r["other"], r.get("title"), r.get("date"))
        if a is not None and link not in a.links:
            a.links.append(link)
    for a in out.values():
        a.links.sort(key=lambda link: (link[3] or "", link[1]))
        if a.evidence is not None:
            a.evidence = evidence_of(a.evidence, names=[a.title, *a.parties.values()],
                                     dates=[a.date] if a.date else [])
    return out


def _stakes(rows: list[dict], names: list[str]) -> list[Stake]:
    out: dict[str, Stake] = {}
    for r in rows:
        if r["fact"] in out:
            continue
        holder_name = r.get("holderName") or r["holder"].rsplit("/", 1)[-1]
        target_name = r.get("targetName") or r["target"].rsplit("/", 1)[-1]
        ev = Evidence.of_row(r)
        if ev is not None:
            ev = evidence_of(ev, names=[holder_name, target_name], percents=[r["percent"]])
        out[r["fact"]] = Stake(
            iri=r["fact"], holder=r["holder"], target=r["target"], holder_name=holder_name,
            target_name=target_name, percent=r["percent"], qualifier=r.get("qualifier"),
            filing=r["filing"], filing_date=r.get("fdate"), evidence=ev)
    return sorted(out.values(), key=lambda s: (-float(s.percent), s.filing_date or "", s.iri))


def _positions(rows: list[dict], names: list[str]) -> list[Position]:
    out: dict[str, Position] = {}
    for r in rows:
        if r["fact"] in out:
            continue
        person_name = r.get("personName") or r["person"].rsplit("/", 1)[-1]
        ev = Evidence.of_row(r)
        if ev is not None:
            ev = evidence_of(ev, names=[person_name, r.get("ptitle") or "", *names])
        out[r["fact"]] = Position(
            iri=r["fact"], person=r["person"], person_name=person_name,
            organization=r.get("org"), title=r.get("ptitle"), label=r.get("value"),
            filing=r["filing"], filing_date=r.get("fdate"), evidence=ev)
    return sorted(out.values(), key=lambda p: (p.person_name, p.filing_date or "", p.iri))
