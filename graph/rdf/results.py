"""The result of a query, whatever the backend: SELECT rows, an ASK boolean, or the triples of a
CONSTRUCT/DESCRIBE, in rdflib terms; made from pyoxigraph's or rdflib's results, read row by row
and stopped at a row or byte limit.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Iterator

import pyoxigraph as ox
import rdflib
from rdflib.term import Literal, Node
from rich.table import Table

from pactgraph.graph.errors import QueryError, ResultTooLarge

from .formats import (
    bind_default_prefixes,
    default_prefixes,
    serialize_triples,
    term_json,
    term_short,
    write_result,
)
from .terms import from_ox

__all__ = [
    "QueryResult",
    "ResultTooLarge",
    "limit",
    "normalize",
    "result_from_ox",
    "result_from_rdflib",
]


@dataclass
class QueryResult:
    """The result of one query, in rdflib terms.

    ``kind`` is ``"select"`` (``vars`` and ``rows``: dicts from variable name to term, unbound
    variables absent), ``"ask"`` (``boolean``) or ``"graph"`` (``triples`` of a CONSTRUCT or
    DESCRIBE).
    """

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)

    # -- convenience -----------------------------------------------------------------------
    def __iter__(self) -> Iterator:
        if self.kind == "select":
            return iter(self.rows)
        if self.kind == "graph":
            return iter(self.triples)
        return iter([self.boolean])

    def __len__(self) -> int:
        if self.kind == "ask":
            return 1
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0

    def values(self, var: str) -> list[str]:
        """The lexical values bound to ``var`` across the rows (unbound rows skipped)."""
        return [str(r[var]) for r in self.rows if var in r]

    def records(self) -> list[dict[str, Any]]:
        """Rows as plain Python values (literals converted with ``toPython``, IRIs as strings)."""
        return [
            {k: (v.toPython() if isinstance(v, Literal) else str(v)) for k, v in r.items()}
            for r in self.rows
        ]

    def to_dataframe(self):
        """The rows as a pandas DataFrame (columns in the query's order; literals as Python
        values, IRIs as strings). Needs pandas (the notebooks extra)."""
        import pandas as pd  # here: heavy, and only in the notebooks extra

        if self.kind == "ask":
            return pd.DataFrame({"ask": [bool(self.boolean)]})
        if self.kind == "graph":
            return pd.DataFrame(
                [
                    (str(s), str(p), o.toPython() if isinstance(o, Literal) else str(o))
                    for s, p, o in self.triples
                ],
                columns=["subject", "predicate", "object"],
            )
        return pd.DataFrame(self.records(), columns=list(self.vars))

    def graph(self) -> rdflib.Graph:
        """The triples of a CONSTRUCT/DESCRIBE as an rdflib Graph."""
        g = rdflib.Graph()
        for t in self.triples:
            g.add(t)
        return g

    # -- serialisation ---------------------------------------------------------------------
    def serialize(self, fmt: str = "json") -> str:
        """The result as text: csv, tsv, json, xml for SELECT/ASK; ttl, nt, xml, jsonld for graphs.

        A graph asked for as csv/tsv/json gives its triples as s, p, o rows (json: SPARQL JSON).
        """
        fmt = fmt.lower()
        out = io.StringIO()
        self.write(out, fmt)
        return out.getvalue()

    def write(self, out, fmt: str = "json") -> None:
        fmt = fmt.lower()
        if self.kind == "graph":
            if fmt in (
                "ttl",
                "turtle",
                "nt",
                "ntriples",
                "n-triples",
                "xml",
                "rdfxml",
                "jsonld",
                "json-ld",
            ):
                key = {
                    "turtle": "ttl",
                    "ntriples": "nt",
                    "n-triples": "nt",
                    "rdfxml": "xml",
                    "json-ld": "jsonld",
                }.get(fmt, fmt)
                if key == "jsonld":
                    g = self.graph()
                    bind_default_prefixes(g)
                    out.write(
                        g.serialize(format="json-ld", context=default_prefixes(), auto_compact=True)
                    )
                    return
                data = serialize_triples(self.triples, key, prefixes=default_prefixes())
                out.write(data.decode("utf-8"))
                return
            as_rows = QueryResult(
                "select",
                ["subject", "predicate", "object"],
                [{"subject": s, "predicate": p, "object": o} for s, p, o in self.triples],
            )
            as_rows.write(out, fmt)
            return
        write_result(self, out, fmt)

    def to_json(self) -> dict:
        """SPARQL 1.1 Query Results JSON (for a graph: its triples as s/p/o bindings)."""
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        if self.kind == "graph":
            return QueryResult(
                "select",
                ["subject", "predicate", "object"],
                [{"subject": s, "predicate": p, "object": o} for s, p, o in self.triples],
            ).to_json()
        return {
            "head": {"vars": list(self.vars)},
            "results": {
                "bindings": [{k: term_json(v) for k, v in row.items()} for row in self.rows]
            },
        }

    def to_table(self, title: str | None = None):
        """A rich Table of the result (IRIs shortened with the graph's known prefixes)."""
        if self.kind == "ask":
            table = Table(title=title)
            table.add_column("ask")
            table.add_row("true" if self.boolean else "false")
            return table
        cols = self.vars if self.kind == "select" else ["subject", "predicate", "object"]
        rows = (
            self.rows
            if self.kind == "select"
            else [{"subject": s, "predicate": p, "object": o} for s, p, o in self.triples]
        )
        table = Table(title=title, caption=f"{len(rows)} result{'s' * (len(rows) != 1)}")
        for c in cols:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*[term_short(row.get(c)) for c in cols])
        return table


# --------------------------------------------------------------------------- reading results


def _ox_size(terms) -> int:
    """About how many bytes ``terms`` take in a result (their lexical values, plus some)."""
    return sum(len(getattr(t, "value", "")) for t in terms if t is not None) + 8 * len(terms)


class _Budget:
    """Counts rows and bytes as a result is read, and stops it at the limits (streamed: a result
    is never held whole before it is refused)."""

    def __init__(self, max_rows: int | None, max_bytes: int | None, what: str) -> None:
        self.max_rows, self.max_bytes, self.what = max_rows, max_bytes, what
        self.rows = self.bytes = 0

    def add(self, terms) -> None:
        self.rows += 1
        if self.max_rows is not None and self.rows > self.max_rows:
            raise ResultTooLarge(
                f"the result has more than {self.max_rows} {self.what}; add a LIMIT"
            )
        if self.max_bytes is not None:
            self.bytes += _ox_size(terms)
            if self.bytes > self.max_bytes:
                raise ResultTooLarge(
                    f"the result is larger than {self.max_bytes} bytes; "
                    "add a LIMIT or select fewer or shorter values"
                )


def result_from_ox(res, max_rows: int | None, max_bytes: int | None = None) -> QueryResult:
    """A pyoxigraph result as a QueryResult, read row by row and stopped at the limits."""
    if isinstance(res, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(res))
    convert = _converter()
    if isinstance(res, ox.QuerySolutions):
        names = [v.value for v in res.variables]
        budget = _Budget(max_rows, max_bytes, "rows")
        rows = []
        for sol in res:
            terms = list(sol)  # in the order of res.variables
            budget.add(terms)
            rows.append({n: convert(t) for n, t in zip(names, terms) if t is not None})
        return QueryResult("select", vars=names, rows=rows)
    budget = _Budget(max_rows, max_bytes, "triples")
    triples = []
    for t in res:
        budget.add((t.subject, t.predicate, t.object))
        triples.append((convert(t.subject), convert(t.predicate), convert(t.object)))
    return QueryResult("graph", triples=triples)


def _converter():
    """``from_ox`` remembering the terms it converted for one result: results repeat terms
    (predicates, shared entities), and an rdflib typed literal costs tens of microseconds."""
    seen: dict = {}

    def convert(term):
        found = seen.get(term)
        if found is None:
            found = seen[term] = from_ox(term)
        return found

    return convert


def result_from_rdflib(res, max_rows: int | None) -> QueryResult:
    if res.type == "ASK":
        return QueryResult("ask", boolean=bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        triples = list(res.graph) if res.graph is not None else []
        if max_rows is not None and len(triples) > max_rows:
            raise ResultTooLarge(f"the result has more than {max_rows} triples; add a LIMIT")
        return QueryResult("graph", triples=triples)
    names = [str(v) for v in (res.vars or [])]
    rows = []
    for b in res.bindings:
        if max_rows is not None and len(rows) >= max_rows:
            raise ResultTooLarge(f"the result has more than {max_rows} rows; add a LIMIT")
        rows.append({str(k): v for k, v in b.items() if v is not None})
    return QueryResult("select", vars=names, rows=rows)


def limit(result: QueryResult, max_rows: int | None) -> QueryResult:
    """``result``, or ResultTooLarge when it has more than ``max_rows`` rows or triples."""
    if max_rows is not None and len(result) > max_rows and result.kind != "ask":
        what = "rows" if result.kind == "select" else "triples"
        raise ResultTooLarge(f"the result has more than {max_rows} {what}; add a LIMIT")
    return result


def normalize(res, max_rows: int | None) -> QueryResult:
    """A backend's answer (pyoxigraph, rdflib, a bool or a graph) as a QueryResult."""
    if isinstance(res, QueryResult):
        return res
    if isinstance(res, (ox.QueryBoolean, ox.QuerySolutions, ox.QueryTriples)):
        return result_from_ox(res, max_rows)
    if isinstance(res, rdflib.query.Result):
        return result_from_rdflib(res, max_rows)
    if isinstance(res, bool):
        return QueryResult("ask", boolean=res)
    if isinstance(res, rdflib.Graph):
        return QueryResult("graph", triples=list(res))
    raise QueryError(f"unexpected query result of type {type(res).__name__}")
