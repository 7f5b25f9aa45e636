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
  UNION {{ BIND ("alias" AS ?section) {{ SELECT DISTINCT ?value WHERE {{
     GRAPH ?g {{ {e} skos:altLabel ?value }} FILTER (STRSTARTS(STR(?g), {filings})) }} }} }}
  UNION {{ BIND ("cik" AS ?section) {{ SELECT DISTINCT ?value WHERE {{
     GRAPH ?g {{ {e} pg:cik ?value }} FILTER (STRSTARTS(STR(?g), {filings})) }} }} }}
  UNION {{ BIND ("state" AS ?section) {{ SELECT DISTINCT ?value WHERE {{
     GRAPH ?g {{ {e} pg:stateOfIncorporation ?value }}
     FILTER (STRSTARTS(STR(?g), {filings})) }} }} }}
  UNION {{ BIND ("type" AS ?section) {{ SELECT DISTINCT ?value WHERE {{
     GRAPH ?g {{ {e} a ?value }} FILTER (STRSTARTS(STR(?g), {filings})) }} }} }}
  UNION {{ BIND ("count" AS ?section)
     {{ SELECT (COUNT(DISTINCT ?fact) AS ?n) WHERE {{
          GRAPH ?g {{ ?fact pg:hasParty {e} }} FILTER (STRSTARTS(STR(?g), {filings})) }} }} }}
  UNION {{ BIND ("neighbour" AS ?section)
     {{ SELECT ?party (COUNT(DISTINCT ?fact) AS ?n) WHERE {{
          GRAPH ?g {{ ?fact pg:hasParty {e} ; pg:hasParty ?party . FILTER (?party != {e}) }}
          FILTER (STRSTARTS(STR(?g), {filings}))
        }} GROUP BY ?party ORDER BY DESC(?n) ?party LIMIT {neighbours} }}
     OPTIONAL {{ ?party rdfs:label ?value
                FILTER EXISTS {{ GRAPH ?l {{ ?party rdfs:label ?value }}
                                FILTER (STRSTARTS(STR(?l), {filings})) }} }} }}
  UNION {{ BIND ("stake" AS ?section)
     {{ SELECT DISTINCT ?fact WHERE {{
          GRAPH ?g {{ {{ ?fact pg:target {e} }} UNION {{ ?fact pg:holder {e} }} }}
          FILTER (STRSTARTS(STR(?g), {filings}))
        }} LIMIT {listed} }}
     GRAPH ?f {{
       ?fact pg:holder ?holder ; pg:target ?target ; pg:percent ?percent ; pg:statedIn ?filing .
       OPTIONAL {{ ?fact pg:qualifier ?qualifier }} OPTIONAL {{ ?fact pg:holderName ?holderName }}
       OPTIONAL {{ ?fact pg:targetName ?targetName }} OPTIONAL {{ ?filing pg:dateOfReport ?fdate }}
       {evidence} }} FILTER (STRSTARTS(STR(?f), {filings})) }}
  UNION {{ BIND ("position" AS ?section)
     {{ SELECT DISTINCT ?fact WHERE {{
          GRAPH ?g {{ {{ ?fact org:organization {e} }} UNION {{ ?fact org:member {e} }} }}
          FILTER (STRSTARTS(STR(?g), {filings})) }} LIMIT {listed} }}
     GRAPH ?f {{
       ?fact org:member ?person ; pg:statedIn ?filing .
       OPTIONAL {{ ?fact org:organization ?org }} OPTIONAL {{ ?fact pg:positionTitle ?ptitle }}
       OPTIONAL {{ ?fact rdfs:label ?value }} OPTIONAL {{ ?filing pg:dateOfReport ?fdate }}
       {evidence} }} FILTER (STRSTARTS(STR(?f), {filings}))
     OPTIONAL {{ ?person pg:name ?personName
                FILTER EXISTS {{ GRAPH ?p {{ ?person pg:name ?personName }}
                                FILTER (STRSTARTS(STR(?p), {filings})) }} }} }}
  UNION {{ BIND ("filing" AS ?section)
     {{ SELECT ?filing ?fdate ?value WHERE {{
          GRAPH ?g {{ ?filing pg:registrant {e} .
            OPTIONAL {{ ?filing pg:dateOfReport ?fdate }}
            OPTIONAL {{ ?filing pg:formType ?value }} }}
          FILTER (STRSTARTS(STR(?g), {filings}))
        }} ORDER BY DESC(?fdate) LIMIT {listed} }} }}
}}"""

_PAGE = """{prefixes}
SELECT ("page" AS ?section) ?fact ?when WHERE {{
  GRAPH ?g {{ ?fact pg:hasParty {e} .
    OPTIONAL {{ ?fact pg:date ?date }} OPTIONAL {{ ?fact pg:year ?year }} }}
  FILTER (STRSTARTS(STR(?g), {filings}))
  BIND (COALESCE(STR(?date), CONCAT(STR(?year), "-99")) AS ?when)
}} ORDER BY DESC(?when) ?fact LIMIT {size} OFFSET {offset}"""

_DETAILS = """{prefixes}
SELECT ?section ?fact ?title ?kind ?action ?date ?exhibit ?filing ?fdate ?party ?partyName
       ?counterparty ?other ?link ?start ?end ?quote
WHERE {{
  {{ BIND ("agreement" AS ?section) VALUES ?fact {{ {facts} }}
     GRAPH ?f {{ ?fact pg:title ?title ; pg:statedIn ?filing .
       OPTIONAL {{ ?fact pg:kind ?kind }} OPTIONAL {{ ?fact pg:action ?action }}
       OPTIONAL {{ ?fact pg:date ?date }} OPTIONAL {{ ?fact pg:exhibit ?exhibit }}
       OPTIONAL {{ ?filing pg:dateOfReport ?fdate }} {evidence} }}
     FILTER (STRSTARTS(STR(?f), {filings})) }}
  UNION {{ BIND ("party" AS ?section) VALUES ?fact {{ {facts} }}
     GRAPH ?f {{ ?fact pg:hasPartyRole ?role ; pg:statedIn ?filing .
       ?role pg:playedBy ?party .
       OPTIONAL {{ ?role a pg:Counterparty . BIND (true AS ?counterparty) }} }}
     FILTER (STRSTARTS(STR(?f), {filings}))
     BIND (IRI(CONCAT("https://pactgraph.org/graph/filing/",
                      STRAFTER(STR(?filing), "/id/filing/"))) AS ?g)
     OPTIONAL {{ GRAPH ?g {{ ?party pg:name ?partyName }} }} }}
  UNION {{ BIND ("link" AS ?section) VALUES ?fact {{ {facts} }}
     GRAPH {lifecycle} {{
       {{ ?fact pg:amends ?other BIND ("amends" AS ?link) }}
       UNION {{ ?fact pg:terminates ?other BIND ("terminates" AS ?link) }}
       UNION {{ ?other pg:amends ?fact BIND ("amended by" AS ?link) }}
       UNION {{ ?other pg:terminates ?fact BIND ("terminated by" AS ?link) }} }}
     OPTIONAL {{ GRAPH ?o {{ ?other pg:statedIn ?ofiling .
                            OPTIONAL {{ ?other pg:title ?title }}
                            OPTIONAL {{ ?other pg:date ?date }} }}
                FILTER (STRSTARTS(STR(?o), {filings})) }} }}
}}"""


def overview(entity: str) -> str:
    """The overview SELECT of ``entity``'s page."""
    return _OVERVIEW.format(prefixes=sparql.PREFIXES, e=sparql.iri(entity),
                            neighbours=MAX_NEIGHBOURS, listed=MAX_LISTED, evidence=sparql.EVIDENCE,
                            **sparql.graph_terms())


def page(entity: str, number: int = 1) -> str:
    """The SELECT of the agreements on the timeline's page ``number`` (1: the newest)."""
    return _PAGE.format(prefixes=sparql.PREFIXES, e=sparql.iri(entity), size=PAGE_SIZE,
                        offset=(max(number, 1) - 1) * PAGE_SIZE, **sparql.graph_terms())


def details(agreements: list[str]) -> str:
    """The SELECT of the given agreements: their statements, parties, lifecycle links."""
    facts = " ".join(sparql.iri(a) for a in agreements)
    return _DETAILS.format(prefixes=sparql.PREFIXES, facts=facts, evidence=sparql.EVIDENCE,
                           **sparql.graph_terms())
