"""The query page's saved queries: each one's name, short title, description and its SPARQL
with the parameters' defaults bound (ready to run as it stands)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pactgraph.graph.query import load_query, saved_queries

MAX_TEXT = 64 * 1024

_EXAMPLE = """PREFIX pg: <https://pactgraph.org/ontology#>
SELECT ?agreement ?title ?date
WHERE {
  ?agreement a pg:Agreement ; pg:title ?title .
  OPTIONAL { ?agreement pg:date ?date }
}
ORDER BY DESC(?date)
LIMIT 20
"""


@dataclass(frozen=True)
class Saved:
    name: str
    title: str
    description: str
    text: str


@lru_cache(maxsize=1)
def saved_query_list() -> tuple[Saved, ...]:
    out = []
    for q in saved_queries():
        if any(p.default is None for p in q.params):
            continue  # a parameter without a default: nothing to run it with
        head, _, rest = q.title.partition(":")
        out.append(
            Saved(q.name, head.strip() if rest else q.name, q.title, load_query(name=q.name))
        )
    return tuple(out)


def starting_query(params: dict[str, str], saved: tuple[Saved, ...]) -> str:
    """What the editor opens with: ``?saved=NAME``, else ``?query=TEXT``, else an example."""
    by_name = {s.name: s.text for s in saved}
    if params.get("saved") in by_name:
        return by_name[params["saved"]]
    if params.get("query"):
        return params["query"][:MAX_TEXT]
    return _EXAMPLE
