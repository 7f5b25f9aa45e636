"""HTML pages from the package's Jinja2 templates, every value escaped (autoescape on)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from .urls import fact_anchor, page_url


def _local(iri: str | None) -> str:
    """The last path segment of an IRI: a readable stand-in when it has no name."""
    return (iri or "").rstrip("/").rsplit("/", 1)[-1]


def _percent(value: str | None) -> str:
    try:
        return f"{float(value):g}%"
    except (TypeError, ValueError):
        return ""


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pactgraph.graph.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(page=page_url, anchor=fact_anchor, local=_local, percent=_percent)
    return env


def page(template: str, **context) -> bytes:
    """The page ``template`` rendered with ``context``, as UTF-8."""
    return environment().get_template(template).render(**context).encode("utf-8")
