"""The SELECTs of a company (or person) page.

The overview reads what is small or can be counted in the store: names, identifiers, the
number of agreements, the parties met most often, stakes, positions, filings. The page query
picks the agreements the timeline shows (newest first, :data:`PAGE_SIZE` a page) and the details
query reads those agreements only: a busy bank is party to a thousand agreements, and reading
all of them with their evidence takes seconds. The overview runs beside the other two.
"""

from __future__ import annotations

from . import sparql

PAGE_SIZE = 25
MAX_LISTED = 200  # stakes, positions, filings listed at most
MAX_NEIGHBOURS = 30  # the drawing shows 22 counterparties

_OVERVIEW = """{prefixes}
SELECT ?section ?value ?n ?fact ?when ?party ?filing ?fdate ?holder ?target ?percent ?qualifier
       ?holderName ?targetName ?person ?personName ?ptitle ?org ?start ?end ?quote
WHERE {{
  {{ BIND ("name" AS ?section)
     {{ SELECT ?value (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ {e} pg:name ?value }}
          FILTER (STRSTARTS(STR(?g), {filings})) }} GROUP BY ?value }} }}
  UNION {{ BIND ("alias" AS ?section) {e} skos:altLabel ?value {alias} }}
  UNION {{ BIND ("cik" AS ?section) {e} pg:cik ?value {cik} }}
  UNION {{ BIND ("state" AS ?section) {e} pg:stateOfIncorporation ?value {state} }}
  UNION {{ BIND ("type" AS ?section) {e} a ?value {type} }}
  UNION {{ BIND ("count" AS ?section)
     {{ SELECT (COUNT(DISTINCT ?fact) AS ?n) WHERE {{ ?fact pg:hasParty {e} {party} }} }} }}
  UNION {{ BIND ("neighbour" AS ?section)
     {{ SELECT ?party (COUNT(DISTINCT ?fact) AS ?n) WHERE {{
          ?fact pg:hasParty {e} ; pg:hasParty ?party . FILTER (?party != {e})
          {parties}
        }} GROUP BY ?party ORDER BY DESC(?n) ?party LIMIT {neighbours} }}
     OPTIONAL {{ ?party rdfs:label ?value {label} }} }}
  UNION {{ BIND ("stake" AS ?section)
     {{ SELECT DISTINCT ?fact WHERE {{ {{ ?fact pg:target {e} }} UNION {{ ?fact pg:holder {e} }} }}
        LIMIT {listed} }}
     ?fact pg:holder ?holder ; pg:target ?target ; pg:percent ?percent ; pg:statedIn ?filing .
     {stake}
     OPTIONAL {{ ?fact pg:qualifier ?qualifier {qualifier} }}
     OPTIONAL {{ ?fact pg:holderName ?holderName {holderName} }}
     OPTIONAL {{ ?fact pg:targetName ?targetName {targetName} }}
     OPTIONAL {{ ?filing pg:dateOfReport ?fdate {fdate} }}
     {evidence} }}
  UNION {{ BIND ("position" AS ?section)
     {{ SELECT DISTINCT ?fact WHERE {{
          {{ ?fact org:organization {e} }} UNION {{ ?fact org:member {e} }} }} LIMIT {listed} }}
     ?fact org:member ?person ; pg:statedIn ?filing .
     {position}
     OPTIONAL {{ ?fact org:organization ?org {org} }}
     OPTIONAL {{ ?fact pg:positionTitle ?ptitle {ptitle} }}
     OPTIONAL {{ ?fact rdfs:label ?value {flabel} }}
     OPTIONAL {{ ?person pg:name ?personName {personName} }}
     OPTIONAL {{ ?filing pg:dateOfReport ?fdate {fdate} }} {evidence} }}
  UNION {{ BIND ("filing" AS ?section)
     {{ SELECT ?filing ?fdate ?value WHERE {{
          ?filing pg:registrant {e} . {registrant}
          OPTIONAL {{ ?filing pg:dateOfReport ?fdate {fdate} }}
          OPTIONAL {{ ?filing pg:formType ?value {form} }}
        }} ORDER BY DESC(?fdate) LIMIT {listed} }} }}
}}"""

_PAGE = """{prefixes}
SELECT ("page" AS ?section) ?fact ?when WHERE {{
  ?fact pg:hasParty {e} . {party}
  OPTIONAL {{ ?fact pg:date ?date {date} }} OPTIONAL {{ ?fact pg:year ?year {year} }}
  BIND (COALESCE(STR(?date), CONCAT(STR(?year), "-99")) AS ?when)
}} ORDER BY DESC(?when) ?fact LIMIT {size} OFFSET {offset}"""

_DETAILS = """{prefixes}
SELECT ?section ?fact ?title ?kind ?action ?date ?exhibit ?filing ?fdate ?party ?partyName
       ?counterparty ?other ?link ?start ?end ?quote
WHERE {{
  {{ BIND ("agreement" AS ?section) VALUES ?fact {{ {facts} }}
     ?fact pg:title ?title ; pg:statedIn ?filing . {agreement}
     OPTIONAL {{ ?fact pg:kind ?kind {kind} }} OPTIONAL {{ ?fact pg:action ?action {action} }}
     OPTIONAL {{ ?fact pg:date ?date {date} }} OPTIONAL {{ ?fact pg:exhibit ?exhibit {exhibit} }}
     OPTIONAL {{ ?filing pg:dateOfReport ?fdate {fdate} }} {evidence} }}
  UNION {{ BIND ("party" AS ?section) VALUES ?fact {{ {facts} }}
     ?fact pg:hasPartyRole ?role ; pg:statedIn ?filing .
     ?role pg:playedBy ?party . {role}
     OPTIONAL {{ ?role a pg:Counterparty . BIND (true AS ?counterparty) }}
     BIND (IRI(CONCAT({filings}, STRAFTER(STR(?filing), "/id/filing/"))) AS ?g)
     OPTIONAL {{ GRAPH ?g {{ ?party pg:name ?partyName }} }} }}
  UNION {{ BIND ("link" AS ?section) VALUES ?fact {{ {facts} }}
     GRAPH {lifecycle} {{
       {{ ?fact pg:amends ?other BIND ("amends" AS ?link) }}
       UNION {{ ?fact pg:terminates ?other BIND ("terminates" AS ?link) }}
       UNION {{ ?other pg:amends ?fact BIND ("amended by" AS ?link) }}
       UNION {{ ?other pg:terminates ?fact BIND ("terminated by" AS ?link) }} }}
     OPTIONAL {{ ?other pg:title ?title {other_title} }}
     OPTIONAL {{ ?other pg:date ?date {other_date} }} }}
}}"""


def _checks(e: str) -> dict[str, str]:
    """The filing-graph checks of the page queries' statements, by the value they check."""
    triples = {
        "alias": f"{e} skos:altLabel ?value",
        "cik": f"{e} pg:cik ?value",
        "state": f"{e} pg:stateOfIncorporation ?value",
        "type": f"{e} a ?value",
        "party": f"?fact pg:hasParty {e}",
        "parties": f"?fact pg:hasParty {e}, ?party",
        "label": "?party rdfs:label ?value",
        "stake": "?fact pg:holder ?holder ; pg:target ?target ; pg:percent ?percent ; "
        "pg:statedIn ?filing",
        "qualifier": "?fact pg:qualifier ?qualifier",
        "holderName": "?fact pg:holderName ?holderName",
        "targetName": "?fact pg:targetName ?targetName",
        "fdate": "?filing pg:dateOfReport ?fdate",
        "position": "?fact org:member ?person ; pg:statedIn ?filing",
        "org": "?fact org:organization ?org",
        "ptitle": "?fact pg:positionTitle ?ptitle",
        "flabel": "?fact rdfs:label ?value",
        "personName": "?person pg:name ?personName",
        "registrant": f"?filing pg:registrant {e}",
        "form": "?filing pg:formType ?value",
        "date": "?fact pg:date ?date",
        "year": "?fact pg:year ?year",
        "agreement": "?fact pg:title ?title ; pg:statedIn ?filing",
        "kind": "?fact pg:kind ?kind",
        "action": "?fact pg:action ?action",
        "exhibit": "?fact pg:exhibit ?exhibit",
        "role": "?fact pg:hasPartyRole ?role ; pg:statedIn ?filing . ?role pg:playedBy ?party",
        "other_title": "?other pg:title ?title",
        "other_date": "?other pg:date ?date",
    }
    return {k: sparql.filed(v) for k, v in triples.items()}


def overview(entity: str) -> str:
    """The overview SELECT of ``entity``'s page."""
    e = sparql.iri(entity)
    return _OVERVIEW.format(
        prefixes=sparql.PREFIXES,
        e=e,
        neighbours=MAX_NEIGHBOURS,
        listed=MAX_LISTED,
        evidence=sparql.EVIDENCE,
        **_checks(e),
        **sparql.graph_terms(),
    )


def page(entity: str, number: int = 1) -> str:
    """The SELECT of the agreements on the timeline's page ``number`` (1: the newest)."""
    e = sparql.iri(entity)
    return _PAGE.format(
        prefixes=sparql.PREFIXES,
        e=e,
        size=PAGE_SIZE,
        offset=(max(number, 1) - 1) * PAGE_SIZE,
        **_checks(e),
    )


def details(agreements: list[str]) -> str:
    """The SELECT of the given agreements: their statements, parties, lifecycle links."""
    facts = " ".join(sparql.iri(a) for a in agreements)
    return _DETAILS.format(
        prefixes=sparql.PREFIXES,
        facts=facts,
        evidence=sparql.EVIDENCE,
        **_checks("?fact"),
        **sparql.graph_terms(),
    )
