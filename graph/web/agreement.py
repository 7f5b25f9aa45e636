"""The agreement page: parties with roles, the contract's lifecycle across filings, evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from pactgraph.graph import iris

from . import sparql
from .facts import Dated, Evidence, evidence_of

_QUERY = """{prefixes}
SELECT ?section ?fact ?title ?kind ?action ?date ?exhibit ?filing ?fdate ?flabel ?party
       ?partyName ?counterparty ?other ?link ?stake ?label ?start ?end ?quote
WHERE {{
  {{ BIND ("self" AS ?section) BIND ({a} AS ?fact)
     ?fact pg:title ?title ; pg:statedIn ?filing .
     FILTER EXISTS {{ GRAPH ?f {{ ?fact pg:title ?title ; pg:statedIn ?filing }} {in_f} }}
     {statements} {evidence} }}
  UNION {{ BIND ("party" AS ?section)
     {a} pg:hasPartyRole ?role ; pg:statedIn ?filing . ?role pg:playedBy ?party .
     FILTER EXISTS {{ GRAPH ?f {{ {a} pg:hasPartyRole ?role ; pg:statedIn ?filing .
                                ?role pg:playedBy ?party }} {in_f} }}
     OPTIONAL {{ ?role a pg:Counterparty . BIND (true AS ?counterparty) }}
     BIND (IRI(CONCAT({filings}, STRAFTER(STR(?filing), "/id/filing/"))) AS ?g)
     OPTIONAL {{ GRAPH ?g {{ ?party pg:name ?partyName }} }} }}
  UNION {{ BIND ("version" AS ?section) GRAPH {lifecycle} {{ {a} {earlier}+ ?fact }} {version} }}
  UNION {{ BIND ("version" AS ?section) GRAPH {lifecycle} {{ {a} {later}+ ?fact }} {version} }}
  UNION {{ BIND ("link" AS ?section) BIND ({a} AS ?fact) {link} }}
  UNION {{ BIND ("link" AS ?section) GRAPH {lifecycle} {{ {a} {earlier}+ ?fact }} {link} }}
  UNION {{ BIND ("link" AS ?section) GRAPH {lifecycle} {{ {a} {later}+ ?fact }} {link} }}
  UNION {{ BIND ("stake" AS ?section) {a} pg:counterpartyStake ?stake .
     FILTER EXISTS {{ GRAPH ?f {{ {a} pg:counterpartyStake ?stake }} {in_f} }}
     OPTIONAL {{ ?stake rdfs:label ?label }} }}
}}"""


# The versions of a contract: the agreements it amends or terminates, and those that amend or
# terminate it, each way walked from the agreement itself along the lifecycle graph's links (a
# path that ends at the bound agreement lets the engine read every agreement's title first; one
# path both ways is slow). Their statements are OPTIONAL, read for each version found (a plain
# pattern such as ``?fact pg:title ?title`` would again be read for every agreement first).
_EARLIER = "(pg:amends|pg:terminates)"
_LATER = "(^pg:amends|^pg:terminates)"
_LINK = """GRAPH {lifecycle} {{ ?fact ?p ?other }} FILTER (?p IN (pg:amends, pg:terminates))
     BIND (IF(?p = pg:amends, "amends", "terminates") AS ?link)"""
_VERSION = """OPTIONAL {{ ?fact pg:title ?title {title} }}
     OPTIONAL {{ ?fact pg:statedIn ?filing {filing} }}
     OPTIONAL {{ ?fact pg:action ?action {action} }} OPTIONAL {{ ?fact pg:date ?date {date} }}
     OPTIONAL {{ ?fact pg:exhibit ?exhibit {exhibit} }}
     OPTIONAL {{ ?filing pg:dateOfReport ?fdate {fdate} }}"""
# The self row's statements, each read from a filing's graph.
_STATEMENTS = """OPTIONAL {{ ?fact pg:kind ?kind {kind} }}
     OPTIONAL {{ ?fact pg:action ?action {action} }}
     OPTIONAL {{ ?fact pg:date ?date {date} }} OPTIONAL {{ ?fact pg:exhibit ?exhibit {exhibit} }}
     OPTIONAL {{ ?filing pg:dateOfReport ?fdate {fdate} }}
     OPTIONAL {{ ?filing rdfs:label ?flabel {flabel} }}"""
_CHECKED = {
    "title": "?fact pg:title ?title",
    "filing": "?fact pg:statedIn ?filing",
    "kind": "?fact pg:kind ?kind",
    "action": "?fact pg:action ?action",
    "date": "?fact pg:date ?date",
    "exhibit": "?fact pg:exhibit ?exhibit",
    "fdate": "?filing pg:dateOfReport ?fdate",
    "flabel": "?filing rdfs:label ?flabel",
}


def query(agreement: str) -> str:
    checks = {k: sparql.filed(v) for k, v in _CHECKED.items()}
    return _QUERY.format(
        prefixes=sparql.PREFIXES,
        a=sparql.iri(agreement),
        earlier=_EARLIER,
        later=_LATER,
        version=_VERSION.format(**checks),
        statements=_STATEMENTS.format(**checks),
        link=_LINK.format(lifecycle=sparql.LIFECYCLE),
        evidence=sparql.EVIDENCE,
        in_f=sparql.in_filings("f"),
        **sparql.graph_terms(),
    )


@dataclass
class Version(Dated):
    """One filing's statement of the contract: entered into, amended or terminated."""

    iri: str
    title: str
    action: str | None
    date: str | None
    exhibit: str | None
    filing: str
    filing_date: str | None
    links: list[tuple[str, str]] = field(default_factory=list)  # (amends|terminates, IRI)


@dataclass
class AgreementPage:
    iri: str
    title: str
    kind: str | None
    action: str | None
    date: str | None
    exhibit: str | None
    filing: str
    filing_label: str | None
    parties: list[tuple[str, str, str]]  # (IRI, name, role)
    lifecycle: list[Version]
    stakes: list[tuple[str, str]]  # (IRI, label) of the counterparty's stakes stated with it
    evidence: Evidence | None


def read(agreement: str, rows: list[dict[str, str | None]]) -> AgreementPage | None:
    selves = [r for r in rows if r["section"] == "self"]
    if not selves:
        return None
    me = selves[0]
    parties: dict[str, tuple[str, str, str]] = {}
    for r in rows:
        if r["section"] == "party" and r["party"] not in parties:
            role = "counterparty" if r.get("counterparty") else "registrant"
            parties[r["party"]] = (r["party"], r.get("partyName") or r["party"], role)
    versions = {r["fact"]: _version(r) for r in [me, *rows] if r["section"] in ("self", "version")}
    for r in rows:
        if r["section"] == "link" and r["fact"] in versions:
            link = (r["link"], r["other"])
            if link not in versions[r["fact"]].links:
                versions[r["fact"]].links.append(link)
    ev = Evidence.of_row(me)
    if ev is not None:
        ev = evidence_of(
            ev,
            names=[me["title"], *(p[1] for p in parties.values())],
            dates=[me["date"]] if me.get("date") else [],
        )
    return AgreementPage(
        iri=agreement,
        title=me["title"],
        kind=me.get("kind"),
        action=me.get("action"),
        date=me.get("date"),
        exhibit=me.get("exhibit"),
        filing=me["filing"],
        filing_label=me.get("flabel"),
        parties=sorted(parties.values(), key=lambda p: (p[2] != "registrant", p[1])),
        lifecycle=sorted(versions.values(), key=lambda v: (v.when or "", v.iri)),
        stakes=sorted(
            {(r["stake"], r.get("label") or r["stake"]) for r in rows if r["section"] == "stake"}
        ),
        evidence=ev,
    )


def _version(r: dict[str, str | None]) -> Version:
    return Version(
        iri=r["fact"],
        title=r.get("title") or r["fact"].rsplit("/", 1)[-1],
        action=r.get("action"),
        date=r.get("date"),
        exhibit=r.get("exhibit"),
        filing=r.get("filing") or iris.filing_of_agreement(r["fact"]),
        filing_date=r.get("fdate"),
    )
