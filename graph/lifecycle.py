"""Agreement lifecycle across filings: amendments and terminations.

Each filing's graph holds the agreements *as that filing states them*. When a later filing
amends or terminates a contract an earlier filing reported, this module links the two nodes:

* ``?later pg:amends ?earlier`` — ``?later`` is reported ``amended`` (or is an amendment /
  amended and restated version), ``?earlier`` was reported in an earlier filing;
* ``?later pg:terminates ?earlier`` — ``?later`` is reported ``terminated`` (Item 1.02),
  ``?earlier`` was reported entered into or amended in an earlier filing.

The two are "the same contract" when their ``pg:titleKey`` (title without amendment words,
computed at build time by :func:`title_key`) is equal and they share at least one party.
The links live in their own named graph (:data:`pactgraph.graph.iris.LIFECYCLE_GRAPH`),
recomputed as a whole by :data:`LIFECYCLE_UPDATE` (SPARQL 1.1 Update) after every ingest, so
they appear when both filings are in the store and re-ingesting a filing never leaves stale links.
"""
from __future__ import annotations

import re

from .iris import LIFECYCLE_GRAPH

_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d+(?:st|nd|rd|th)|omnibus|global|master)"
)
# Words that say a document changes another one; removed (repeatedly) to get the base title.
_CHANGE_PREFIXES = [
    rf"^(?:{_ORDINAL}\s+)?(?:amendment|waiver|extension|modification|consent)(?:\s+(?:no\.?|number)\s*\S+)?"
    r"(?:\s+and\s+(?:waiver|consent))?\s+(?:to|of|under)\s+(?:the\s+)?",
    rf"^(?:{_ORDINAL}\s+)?amended\s+and\s+restated\s+",
    r"^restated\s+",
    r"^amended\s+",
]
_SUFFIXES = [r",?\s+as\s+amended.*$", r"\s+dated\s+.*$"]


def title_key(title: str) -> str:
    """The title of the underlying contract: ``"Amendment No. 2 to Three-Year Credit Agreement"``
    and ``"Second Amended and Restated Three-Year Credit Agreement"`` give
    ``"three-year credit agreement"``."""
    t = " ".join(title.lower().replace("\u2019", "'").split())
    t = re.sub(r"^(?:the|an?)\s+", "", t)
    changed = True
    while changed:
        changed = False
        for pattern in _CHANGE_PREFIXES + _SUFFIXES:
            new = re.sub(pattern, "", t).strip()
            if new and new != t:
                t, changed = new, True
    t = re.sub(r"[\"“”]", "", t)
    return re.sub(r"\s+", " ", t).strip(" ,.")


def _side(var: str, action: str, graph: str, f: str, dr: str, d: str) -> str:
    return f"""
    GRAPH ?{graph} {{
        ?{var} pg:action {action} ; pg:statedIn ?{f} ; pg:titleKey ?key ; pg:hasParty ?party .
        OPTIONAL {{ ?{f} pg:dateOfReport ?{dr} }}
        OPTIONAL {{ ?{var} pg:date ?{d} }}
    }}"""


def _where(action: str) -> str:
    return (
        _side("later", f'"{action}"', "gl", "lf", "ldr", "ld")
        + _side("earlier", "?ea", "ge", "ef", "edr", "ed")
        + """
    FILTER (?ea IN ("entered", "amended"))
    FILTER (?gl != ?ge && ?lf != ?ef)
    BIND (COALESCE(?ldr, ?ld) AS ?lt)
    BIND (COALESCE(?edr, ?ed) AS ?et)
    FILTER (BOUND(?lt) && BOUND(?et) && ?et < ?lt)
"""
    )


LIFECYCLE_UPDATE = f"""
PREFIX pg: <https://pactgraph.org/ontology#>
CLEAR SILENT GRAPH <{LIFECYCLE_GRAPH}> ;
INSERT {{ GRAPH <{LIFECYCLE_GRAPH}> {{ ?later pg:amends ?earlier }} }}
WHERE {{ {_where("amended")} }} ;
INSERT {{ GRAPH <{LIFECYCLE_GRAPH}> {{ ?later pg:terminates ?earlier }} }}
WHERE {{ {_where("terminated")} }}
"""
"""SPARQL Update that recomputes the lifecycle graph from the filings' named graphs (explicit
``GRAPH`` patterns: runs on any SPARQL 1.1 store). Run it after :data:`pactgraph.graph.resolve.MERGE_BY_CIK_UPDATE`."""


def lifecycle_construct(kind: str = "amends") -> str:
    """SPARQL CONSTRUCT of the lifecycle links (``amends`` or ``terminates``)."""
    action = "amended" if kind == "amends" else "terminated"
    return f"""
PREFIX pg: <https://pactgraph.org/ontology#>
CONSTRUCT {{ ?later pg:{kind} ?earlier }}
WHERE {{ {_where(action)} }}"""


def post_ingest_updates() -> list[str]:
    """The SPARQL updates to run, in order, after filings were added to or replaced in a store:
    entity merging by CIK, then the lifecycle links."""
    from .resolve import MERGE_BY_CIK_UPDATE

    return [MERGE_BY_CIK_UPDATE, LIFECYCLE_UPDATE]


def run_post_ingest(store) -> None:
    """Run :func:`post_ingest_updates` on anything with an ``update(str)`` method (rdflib
    Dataset, pyoxigraph Store)."""
    for update in post_ingest_updates():
        store.update(update)


def link_lifecycle(dataset) -> int:
    """Recompute the lifecycle graph of an rdflib ``Dataset``; the number of links."""
    dataset.update(LIFECYCLE_UPDATE)
    return len(dataset.graph(LIFECYCLE_GRAPH))
