"""Saved queries: the SPARQL files of ``graph/queries/`` (package data), their titles and
parameters, and binding parameter values into a query.

Saved queries declare their parameters in leading comment lines::

    # title: Agreements of a company
    # @param company: part of the company's name (default: Ascent Solar)

and use them as the variable ``?company``; :func:`bind_params` binds them by inserting
``VALUES ?company { "Ascent Solar" }`` right after the first ``WHERE {``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from rdflib.term import Node

from pactgraph.graph.errors import QueryError
from pactgraph.graph.rdf.lexing import FORM_KEYWORD, strip_comments_and_strings

__all__ = ["Param", "SavedQuery", "bind_params", "load_query", "saved_queries", "saved_query"]

_PARAM_LINE = re.compile(r"^#\s*@param\s+(?P<name>[A-Za-z_]\w*)\s*:?\s*(?P<desc>.*?)\s*$")
_DEFAULT = re.compile(r"\(\s*default\s*:\s*(?P<value>.*?)\s*\)\s*$", re.I)
_TITLE_LINE = re.compile(r"^#\s*(?:title\s*:\s*)?(?P<title>.+?)\s*$", re.I)


@dataclass(frozen=True)
class Param:
    """A parameter of a saved query: ``?name``, its description and default (None: required)."""

    name: str
    description: str = ""
    default: str | None = None


@dataclass(frozen=True)
class SavedQuery:
    """A saved query: its name, title (first comment line), parameters and SPARQL text."""

    name: str
    title: str
    params: tuple[Param, ...]
    text: str
    path: str = ""

    @classmethod
    def parse(cls, name: str, text: str, path: str = "") -> "SavedQuery":
        """Read the leading comment block: description lines (``# title:`` optional) and
        ``# @param`` lines."""
        lines, params = [], []
        for line in text.splitlines():
            stripped = line.strip()
            if not stripped:
                continue
            if not stripped.startswith("#"):
                break
            pm = _PARAM_LINE.match(stripped)
            if pm:
                desc, default = pm.group("desc"), None
                dm = _DEFAULT.search(desc)
                if dm:
                    default = dm.group("value").strip().strip('"').strip("'")
                    desc = desc[: dm.start()].strip()
                params.append(Param(pm.group("name"), desc, default))
                continue
            tm = _TITLE_LINE.match(stripped)
            if tm and not stripped.startswith("#!") and not stripped.lstrip("# ").startswith("@"):
                candidate = tm.group("title").lstrip("#").strip()
                if candidate:
                    lines.append(candidate)
        return cls(name=name, title=" ".join(lines), params=tuple(params), text=text, path=path)

    @property
    def summary(self) -> str:
        """The first sentence (or clause before a colon) of the description."""
        head = re.split(r"(?<=[.:])\s", self.title, maxsplit=1)[0]
        return head.rstrip(".:")


def _queries_dir():
    return resources.files("pactgraph.graph").joinpath("queries")


def saved_queries() -> list[SavedQuery]:
    """Every saved query shipped in ``graph/queries/*.rq``, sorted by name."""
    found = []
    try:
        entries = list(_queries_dir().iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        if entry.name.endswith(".rq") and entry.is_file():
            found.append(
                SavedQuery.parse(entry.name[:-3], entry.read_text(encoding="utf-8"), str(entry))
            )
    return sorted(found, key=lambda q: q.name)


def saved_query(name: str) -> SavedQuery:
    """The saved query called ``name`` (with or without ``.rq``); QueryError if there is none."""
    name = name[:-3] if name.endswith(".rq") else name
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        raise QueryError(f"not a saved query name: {name!r}")
    entry = _queries_dir().joinpath(f"{name}.rq")
    if not entry.is_file():
        names = ", ".join(q.name for q in saved_queries()) or "none"
        raise QueryError(f"no saved query named {name!r} (saved queries: {names})")
    return SavedQuery.parse(name, entry.read_text(encoding="utf-8"), str(entry))


def _sparql_literal(value: Any) -> str:
    """``value`` as a SPARQL term: an IRI (given as ``<...>``, or an absolute ``http(s)://`` IRI
    with no spaces), a number, a bool, or a string."""
    if isinstance(value, Node):
        return value.n3()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if re.fullmatch(r"https?://[^<>\"{}|^`\\\s]+", text):  # an absolute IRI, as queries return them
        return f"<{text}>"
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
        if re.fullmatch(r"[^<>\"{}|^`\\\s]*", iri):
            return text
        raise QueryError(f"not a valid IRI: {text}")
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


_WHERE_BRACE = re.compile(r"(?<![\w?$:])WHERE\s*\{", re.I)


def bind_params(sparql: str, values: Mapping[str, Any]) -> str:
    """``sparql`` with ``VALUES ?name { term }`` inserted after the first ``WHERE {`` per value."""
    if not values:
        return sparql
    for name in values:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"not a valid parameter name: {name!r}")
    masked = strip_comments_and_strings(sparql)
    m = _WHERE_BRACE.search(masked)
    if m is None:  # SELECT * { ... } without WHERE: the first brace after the query form
        form = FORM_KEYWORD.search(masked)
        brace = masked.find("{", form.end() if form else 0)
        if brace < 0:
            raise QueryError("cannot bind parameters: the query has no WHERE { ... } block")
        at = brace + 1
    else:
        at = m.end()
    block = "".join(f" VALUES ?{k} {{ {_sparql_literal(v)} }}" for k, v in values.items())
    return sparql[:at] + block + " " + sparql[at:]


def load_query(
    text: str | None = None,
    *,
    file: str | Path | None = None,
    name: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> str:
    """The SPARQL text of a query given inline, as a file, or as a saved query name with params.

    For a saved query, parameters not given take their default; a parameter without default that
    is not given is a QueryError; an unknown parameter is a QueryError.
    """
    params = dict(params or {})
    if sum(x is not None for x in (text, file, name)) != 1:
        raise QueryError("give exactly one of a query text, a query file or a saved query name")
    if file is not None:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file: {exc.strerror or exc}", path=file) from None
        saved = SavedQuery.parse(Path(file).stem, text, str(file))
    elif name is not None:
        saved = saved_query(name)
    else:
        return bind_params(text, params) if params else text
    declared = {p.name: p for p in saved.params}
    unknown = sorted(set(params) - set(declared)) if declared or name is not None else []
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(
            f"unknown parameter(s) {', '.join(unknown)} for query {saved.name!r} "
            f"(parameters: {known})"
        )
    values: dict[str, Any] = {}
    for p in saved.params:
        if p.name in params:
            values[p.name] = params[p.name]
        elif p.default is not None:
            values[p.name] = p.default
        else:
            raise QueryError(f"query {saved.name!r} needs --param {p.name}=VALUE ({p.description})")
    for k, v in params.items():  # file queries without declarations: bind what is given
        values.setdefault(k, v)
    return bind_params(saved.text, values)
