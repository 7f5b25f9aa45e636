"""Routing: a request path to the page that answers it."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from pactgraph.graph.errors import Refused

from . import (
    agreement,
    entity,
    entity_sparql,
    filing,
    neighbourhood,
    render,
    resource,
    search,
    texts,
)
from .querypage import saved_query_list, starting_query
from .static_files import asset
from .urls import entity_kind, iri_of_path, page_url

RunSelect = Callable[[str], list[dict[str, str | None]]]
Answer = tuple[int, str, bytes]
HTML = "text/html; charset=utf-8"

_settings = {"endpoint": "/sparql"}


def configure(*, endpoint: str | None = None, filing_roots: list | None = None) -> None:
    """Where the SPARQL endpoint is (the query page posts there), and the folders to find
    filings' source files in (see :mod:`pactgraph.graph.web.texts`)."""
    if endpoint is not None:
        _settings["endpoint"] = endpoint
    if filing_roots is not None:
        texts.configure(filing_roots)


def handle_request(
    method: str, path: str, params: dict[str, list[str]], run_select: RunSelect
) -> Answer | None:
    """(status, content type, body) of the page at ``path``; None when there is no page.

    A query the endpoint refuses or stops (time limit, too many rows) gives an error page with
    the endpoint's status and reason (JSON for ``/api/``)."""
    if method not in ("GET", "HEAD"):
        return None
    try:
        return _answer(path, params, run_select)
    except Refused as exc:
        if path.startswith("/api/"):
            body = json.dumps({"status": exc.status, "message": exc.reason}).encode("utf-8")
            return exc.status, "application/json; charset=utf-8", body
        return exc.status, HTML, render.page("error.html", status=exc.status, reason=exc.reason)


def _answer(path: str, params: dict[str, list[str]], run_select: RunSelect) -> Answer | None:
    first = {k: v[0] for k, v in params.items() if v}
    if path.startswith("/static/"):
        found = asset(path[len("/static/") :])
        return (200, *found) if found else None
    if path.startswith("/id/"):
        return _entity_page(path, first, run_select)
    route = _ROUTES.get(path.rstrip("/") or "/")
    return route(first, run_select) if route else None


def _home(params: dict[str, str], run_select: RunSelect) -> Answer:
    return 200, HTML, render.page("home.html", q="")


def _search_page(params: dict[str, str], run_select: RunSelect) -> Answer:
    text = search.cleaned(params.get("q", ""))
    hits = search.rank(text, run_select(search.query(text))) if text else []
    return 200, HTML, render.page("search.html", q=text, hits=hits)


def _search_api(params: dict[str, str], run_select: RunSelect) -> Answer:
    text = search.cleaned(params.get("q", ""))
    hits = search.rank(text, run_select(search.query(text)), limit=12) if text else []
    body = [
        {
            "iri": h.iri,
            "url": page_url(h.iri),
            "name": h.name,
            "also": h.also,
            "kind": h.kind,
            "cik": h.cik,
        }
        for h in hits
    ]
    return 200, "application/json; charset=utf-8", json.dumps(body).encode("utf-8")


def _query_page(params: dict[str, str], run_select: RunSelect) -> Answer:
    saved = saved_query_list()
    return (
        200,
        HTML,
        render.page(
            "query.html",
            saved=saved,
            endpoint=_settings["endpoint"],
            text=starting_query(params, saved),
        ),
    )


_ROUTES = {"/": _home, "/search": _search_page, "/api/search": _search_api, "/query": _query_page}


def _entity_page(path: str, params: dict[str, str], run_select: RunSelect) -> Answer:
    iri = iri_of_path(path)
    if iri is None:
        return _not_found(path)
    kind = entity_kind(iri)
    if kind in ("organization", "person"):
        page = _company(iri, _page_number(params), run_select)
        if page is not None:
            return (
                200,
                HTML,
                render.page(
                    "entity.html",
                    e=page,
                    page_size=entity_sparql.PAGE_SIZE,
                    drawing=neighbourhood.layout(page),
                ),
            )
    elif kind == "filing":
        page = filing.read(iri, run_select(filing.query(iri)))
        if page is not None:
            return 200, HTML, render.page("filing.html", f=page)
    elif kind == "agreement":
        page = agreement.read(iri, run_select(agreement.query(iri)))
        if page is not None:
            return 200, HTML, render.page("agreement.html", a=page)
    page = resource.read(iri, run_select(resource.query(iri)))
    if page is not None:
        return 200, HTML, render.page("resource.html", r=page)
    return _not_found(path)


def _page_number(params: dict[str, str]) -> int:
    text = params.get("page", "1")
    return int(text) if text.isdigit() and 0 < int(text) < 100_000 else 1


def _company(iri: str, page: int, run_select: RunSelect) -> entity.EntityPage | None:
    """The company page's data: its overview read in a thread while the timeline's page is
    chosen and read (each query runs in its own endpoint worker)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        overview = pool.submit(run_select, entity_sparql.overview(iri))
        chosen = run_select(entity_sparql.page(iri, page))
        facts = [r["fact"] for r in chosen]
        details = run_select(entity_sparql.details(facts)) if facts else []
        rows = overview.result()
    return entity.read(iri, [*rows, *chosen], details, page)


def _not_found(path: str) -> Answer:
    return 404, HTML, render.page("not_found.html", path=path)
