"""A remote store: any SPARQL 1.1 Query/Update endpoint over HTTP
(``sparql:QUERY_URL[,UPDATE_URL]``).

Tested against Virtuoso Open Source. A filing is written in ONE request — ``DROP SILENT GRAPH``
followed by ``INSERT DATA`` with all its triples — never triple by triple; blank nodes are
skolemised before they go over the wire. Credentials come from the URL
(``http://user:password@host:8890/sparql-auth``) or from ``PACTGRAPH_SPARQL_USER`` and
``PACTGRAPH_SPARQL_PASSWORD``; HTTP Digest (Virtuoso's ``/sparql-auth``) and Basic are both
answered, whichever the server asks for.

Only graphs written by pactgraph (those with the bookkeeping triple) are listed, counted and
dumped, so a server's own system graphs stay out of the way.
"""

from __future__ import annotations

import json
import os
from typing import IO, Iterator
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.term import BNode, Literal, Node, URIRef

from pactgraph.graph.errors import ConfigError, QueryError, StoreError
from pactgraph.graph.iris import LIFECYCLE_GRAPH, RESOLUTION_GRAPH
from pactgraph.graph.rdf.lexing import query_form
from pactgraph.graph.rdf.results import QueryResult, limit
from pactgraph.graph.rdf.terms import nt_term

from .base import SOURCE_SHA256, Store, _binary_out, _dump_format

_MARK = nt_term(SOURCE_SHA256)
_ACCEPT_RESULTS = "application/sparql-results+json"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RDF_MEDIA = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/ntriples": "nt",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


class _ChallengeAuth(httpx.Auth):
    """Answers the server's challenge with Digest or Basic, and remembers which one it was."""

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request):
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        flow = self._digest.auth_flow(request)
        response = yield next(flow)
        challenge = response.headers.get("www-authenticate", "").strip().lower()
        if response.status_code == 401 and challenge.startswith("basic"):
            self._scheme = "basic"
            yield from self._basic.auth_flow(request)
            return
        try:
            yield flow.send(response)
        except StopIteration:
            return


def _split_credentials(url: str) -> tuple[str, str | None, str | None]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"not an http(s) SPARQL endpoint URL: {url!r}")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    if ":" in parts.hostname:  # IPv6 literal
        netloc = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, "")), user, password


def _term(b: dict) -> Node:
    kind, value = b.get("type"), b.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if b.get("xml:lang"):
        return Literal(value, lang=b["xml:lang"])
    dt = b.get("datatype")
    if dt and dt != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value, datatype=URIRef(dt))
    return Literal(value)


class SparqlStore(Store):
    """A SPARQL 1.1 Protocol endpoint (``query_url``; updates to ``update_url``, default the
    same)."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        timeout: float = 300.0,
        ascii_only: bool = True,
    ) -> None:
        self.query_url, user, password = _split_credentials(query_url)
        if update_url:
            self.update_url, u2, p2 = _split_credentials(update_url)
            user, password = user or u2, password or p2
        else:
            self.update_url = self.query_url
        user = user or os.environ.get("PACTGRAPH_SPARQL_USER") or None
        password = password or os.environ.get("PACTGRAPH_SPARQL_PASSWORD") or ""
        self.spec = (
            "sparql:"
            + self.query_url
            + ("" if self.update_url == self.query_url else "," + self.update_url)
        )
        # non-ASCII characters go as \\u escapes: servers differ in how they decode form bodies
        self._ascii_only = ascii_only
        self._auth = _ChallengeAuth(user, password) if user else None
        self._http = httpx.Client(
            timeout=timeout,
            auth=self._auth,
            follow_redirects=True,
            headers={"User-Agent": "pactgraph"},
        )

    # -- HTTP ----------------------------------------------------------------------------------
    def _post(self, url: str, field: str, text: str, accept: str | None) -> httpx.Response:
        headers = {"Accept": accept} if accept else {}
        try:
            resp = self._http.post(url, data={field: text}, headers=headers)
        except httpx.HTTPError as exc:
            raise StoreError(f"SPARQL endpoint {url} unreachable: {exc}") from None
        if resp.status_code >= 400:
            body = " ".join(resp.text.split())[:500]
            if resp.status_code in (401, 403):
                raise StoreError(
                    f"SPARQL endpoint {url} refused the request ({resp.status_code}): {body}"
                )
            if resp.status_code == 400 or "syntax" in body.lower() or "SP030" in body:
                raise QueryError(
                    f"SPARQL endpoint rejected the request ({resp.status_code}): {body}"
                )
            raise StoreError(f"SPARQL endpoint {url} failed ({resp.status_code}): {body}")
        return resp

    # -- writes --------------------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        self._post(self.update_url, "update", sparql, None)

    # -- reads ---------------------------------------------------------------------------------
    def query(self, sparql: str, *, max_rows: int | None = None, max_bytes: int | None = None):
        """Run a query (the result is read whole, then held to ``max_rows``; ``max_bytes`` is
        for the embedded store, which reads results row by row)."""
        return limit(self._query(sparql), max_rows)

    def _query(self, sparql: str):
        form = query_form(sparql)
        if form == "update":
            raise QueryError("a SPARQL Update is not a query; use update()")
        graph = form in ("construct", "describe")
        resp = self._post(
            self.query_url, "query", sparql, _ACCEPT_GRAPH if graph else _ACCEPT_RESULTS
        )
        media = resp.headers.get("content-type", "").split(";")[0].strip().lower()
        if graph:
            g = rdflib.Graph()
            if resp.content.strip():
                g.parse(data=resp.content, format=_RDF_MEDIA.get(media, "turtle"))
            return QueryResult("graph", triples=list(g))
        try:
            data = json.loads(resp.content)
        except ValueError:
            raise StoreError(
                f"SPARQL endpoint answered {media or 'no content type'}, not SPARQL JSON results"
            ) from None
        if "boolean" in data:
            return QueryResult("ask", boolean=bool(data["boolean"]))
        names = list(data.get("head", {}).get("vars", []))
        rows = [
            {k: _term(v) for k, v in b.items()} for b in data.get("results", {}).get("bindings", [])
        ]
        return QueryResult("select", vars=names, rows=rows)

    def graph_iris(self) -> list[URIRef]:
        # the filing graphs (which carry the bookkeeping triple) and pactgraph's derived graphs
        derived = ", ".join(nt_term(g) for g in (LIFECYCLE_GRAPH, RESOLUTION_GRAPH))
        res = self.query(
            f"SELECT DISTINCT ?g WHERE {{ {{ GRAPH ?g {{ ?g {_MARK} ?h }} }} UNION "
            f"{{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g IN ({derived})) }} }}"
        )
        return sorted(URIRef(str(r["g"])) for r in res.rows if "g" in r)

    def triple_count(self, iri: str | URIRef | None = None) -> int:
        if iri is not None:
            return super().triple_count(iri)
        total = 0
        for g in self.graph_iris():
            total += super().triple_count(g)
        return total

    def _graph_triples(self, iri: URIRef) -> Iterator[tuple[Node, Node, Node]]:
        return iter(self.graph(iri))

    def dump(self, format: str, out: str | os.PathLike | IO[bytes]) -> None:
        quads, fmt = _dump_format(format)
        if fmt != "nquads":
            return super().dump(format, out)
        with _binary_out(out) as fh:
            for iri in self.graph_iris():
                g = nt_term(iri)
                lines = sorted(
                    f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {g} .\n"
                    for s, p, o in self._graph_triples(iri)
                )
                fh.write("".join(lines).encode("utf-8"))

    def dataset(self) -> rdflib.Dataset:
        """A live rdflib Dataset over the endpoint when it needs no login, else a snapshot copy."""
        if self._auth is None:
            # JSON results: with rdflib's default request Virtuoso answers some queries (SELECT
            # DISTINCT) in a form rdflib cannot parse ("Repeat node-elements")
            store = SPARQLUpdateStore(self.query_url, self.update_url, returnFormat="json")
            return rdflib.Dataset(store=store, default_union=True)
        return super().dataset()

    def close(self) -> None:
        self._http.close()
