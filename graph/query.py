"""Run SPARQL against a pactgraph store, and write the results.

A query comes from a string, a file, or a saved query by name (``graph/queries/NAME.rq``) with
parameters. Saved queries declare their parameters in leading comment lines::

    # title: Agreements of a company
    # @param company: part of the company's name (default: Ascent Solar)

and use them as the variable ``?company``; :func:`bind_params` binds them by inserting
``VALUES ?company { "Ascent Solar" }`` right after the first ``WHERE {``.

Results are one :class:`QueryResult` whatever the backend (embedded Oxigraph, rdflib, a
pactgraph ``Store``): SELECT rows, an ASK boolean, or the triples of a CONSTRUCT/DESCRIBE, in
rdflib terms, written as a rich table, CSV, TSV, SPARQL 1.1 JSON/XML results or Turtle/N-Triples.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Mapping

import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from pactgraph.nlp.errors import QueryError

__all__ = [
    "QueryResult", "SavedQuery", "Param", "run_query", "run_saved", "load_query", "bind_params",
    "saved_queries", "saved_query", "query_form", "strip_comments_and_strings", "RESULT_FORMATS",
    "GRAPH_FORMATS", "serialize_triples", "default_prefixes", "ResultTooLarge",
]

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("ttl", "nt", "xml", "json", "jsonld", "table", "csv", "tsv")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# --------------------------------------------------------------------------- lexing helpers

_LEX = re.compile(
    r'(?P<lstr3>"""(?:[^"\\]|\\.|"(?!""))*""")'
    r"|(?P<sstr3>'''(?:[^'\\]|\\.|'(?!''))*''')"
    r'|(?P<lstr>"(?:[^"\\\n]|\\.)*")'
    r"|(?P<sstr>'(?:[^'\\\n]|\\.)*')"
    r"|(?P<iri><[^<>\"{}|^`\\\s]*>)"
    r"|(?P<comment>\#[^\n]*)",
    re.S,
)


def strip_comments_and_strings(sparql: str) -> str:
    """``sparql`` with comments removed and string literals / IRIs blanked to same-length fillers.

    Offsets stay the same, so a keyword found in the result is at the same place in ``sparql``.
    Used to find keywords (``WHERE``, ``SERVICE``, ``FROM``) without being fooled by text inside
    strings, IRIs or comments.
    """
    def blank(m: re.Match) -> str:
        text = m.group(0)
        if m.lastgroup == "iri":
            return "<" + "_" * (len(text) - 2) + ">"
        if m.lastgroup == "comment":
            return " " * len(text)
        return '"' + "_" * (len(text) - 2) + '"'

    return _LEX.sub(blank, sparql)


_FORM = re.compile(r"(?<![\w?$:])(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|"
                   r"COPY|MOVE|ADD|WITH)(?![\w:])", re.I)


def query_form(sparql: str) -> str:
    """The form of a query: ``select``, ``ask``, ``construct``, ``describe`` or ``update``."""
    m = _FORM.search(strip_comments_and_strings(sparql))
    if not m:
        return "unknown"
    word = m.group(1).lower()
    return word if word in ("select", "ask", "construct", "describe") else "update"


# --------------------------------------------------------------------------- saved queries

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
            found.append(SavedQuery.parse(entry.name[:-3], entry.read_text(encoding="utf-8"),
                                          str(entry)))
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
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
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
        form = _FORM.search(masked)
        brace = masked.find("{", form.end() if form else 0)
        if brace < 0:
            raise QueryError("cannot bind parameters: the query has no WHERE { ... } block")
        at = brace + 1
    else:
        at = m.end()
    block = "".join(f" VALUES ?{k} {{ {_sparql_literal(v)} }}" for k, v in values.items())
    return sparql[:at] + block + " " + sparql[at:]


def load_query(text: str | None = None, *, file: str | Path | None = None, name: str | None = None,
               params: Mapping[str, Any] | None = None) -> str:
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
        raise QueryError(f"unknown parameter(s) {', '.join(unknown)} for query {saved.name!r} "
                         f"(parameters: {known})")
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


# --------------------------------------------------------------------------- results


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
        return len(self.rows) if self.kind == "select" else len(self.triples) if self.kind == "graph" else 1

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0

    def values(self, var: str) -> list[str]:
        """The lexical values bound to ``var`` across the rows (unbound rows skipped)."""
        return [str(r[var]) for r in self.rows if var in r]

    def records(self) -> list[dict[str, Any]]:
        """Rows as plain Python values (literals converted with ``toPython``, IRIs as strings)."""
        return [{k: (v.toPython() if isinstance(v, Literal) else str(v)) for k, v in r.items()}
                for r in self.rows]

    def to_dataframe(self):
        """The rows as a pandas DataFrame (columns in the query's order; literals as Python
        values, IRIs as strings). Needs pandas (the notebooks extra)."""
        import pandas as pd

        if self.kind == "ask":
            return pd.DataFrame({"ask": [bool(self.boolean)]})
        if self.kind == "graph":
            return pd.DataFrame([(str(s), str(p), o.toPython() if isinstance(o, Literal) else str(o))
                                 for s, p, o in self.triples],
                                columns=["subject", "predicate", "object"])
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
            if fmt in ("ttl", "turtle", "nt", "ntriples", "n-triples", "xml", "rdfxml", "jsonld",
                       "json-ld"):
                key = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "rdfxml": "xml",
                       "json-ld": "jsonld"}.get(fmt, fmt)
                if key == "jsonld":
                    g = self.graph()
                    _bind_default_prefixes(g)
                    out.write(g.serialize(format="json-ld", context=default_prefixes(),
                                          auto_compact=True))
                    return
                data = serialize_triples(self.triples, key, prefixes=default_prefixes())
                out.write(data.decode("utf-8"))
                return
            as_rows = QueryResult("select", ["subject", "predicate", "object"],
                                  [{"subject": s, "predicate": p, "object": o}
                                   for s, p, o in self.triples])
            as_rows.write(out, fmt)
            return
        if fmt == "json":
            json.dump(self.to_json(), out, ensure_ascii=False, indent=1)
            out.write("\n")
        elif fmt == "csv":
            _write_csv(self, out)
        elif fmt == "tsv":
            _write_tsv(self, out)
        elif fmt == "xml":
            _write_xml(self, out)
        elif fmt in ("ttl", "turtle", "nt"):
            raise QueryError(f"format {fmt} is for CONSTRUCT/DESCRIBE results; "
                             f"use table, csv, tsv, json or xml for {self.kind.upper()}")
        else:
            raise QueryError(f"unknown result format {fmt!r} (use {', '.join(RESULT_FORMATS)})")

    def to_json(self) -> dict:
        """SPARQL 1.1 Query Results JSON (for a graph: its triples as s/p/o bindings)."""
        if self.kind == "ask":
            return {"head": {}, "boolean": bool(self.boolean)}
        if self.kind == "graph":
            return QueryResult("select", ["subject", "predicate", "object"],
                               [{"subject": s, "predicate": p, "object": o}
                                for s, p, o in self.triples]).to_json()
        return {"head": {"vars": list(self.vars)},
                "results": {"bindings": [{k: _term_json(v) for k, v in row.items()}
                                         for row in self.rows]}}

    def to_table(self, title: str | None = None):
        """A rich Table of the result (IRIs shortened with the graph's known prefixes)."""
        from rich.table import Table

        if self.kind == "ask":
            table = Table(title=title)
            table.add_column("ask")
            table.add_row("true" if self.boolean else "false")
            return table
        cols = self.vars if self.kind == "select" else ["subject", "predicate", "object"]
        rows = self.rows if self.kind == "select" else [
            {"subject": s, "predicate": p, "object": o} for s, p, o in self.triples]
        table = Table(title=title, caption=f"{len(rows)} result{'s' * (len(rows) != 1)}")
        for c in cols:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*[_term_short(row.get(c)) for c in cols])
        return table


_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": _XSD,
    "store": "https://pactgraph.org/store#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
}


def _project_prefixes() -> dict[str, str]:
    """The ``pg`` prefix of the pactgraph ontology namespace module, when it is there."""
    try:
        from pactgraph.ontology.namespace import PG  # type: ignore

        return {"pg": str(PG._NS)}
    except Exception:  # noqa: BLE001 - absent or broken: the documented namespace
        return {"pg": "https://pactgraph.org/ontology#"}


def _bind_default_prefixes(g: rdflib.Graph) -> None:
    for k, v in {**_PREFIXES, **_project_prefixes()}.items():
        g.bind(k, v, override=False)


def _term_short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term)
    for prefix, ns in {**_PREFIXES, **_project_prefixes()}.items():
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"


def _term_json(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        d: dict[str, str] = {"type": "literal", "value": str(term)}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype is not None and str(term.datatype) != _XSD + "string":
            d["datatype"] = str(term.datatype)
        return d
    return {"type": "literal", "value": str(term)}


def _csv_value(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _write_csv(result: QueryResult, out) -> None:
    """SPARQL 1.1 CSV results: a header of variable names, plain lexical values, CRLF lines."""
    writer = csv.writer(out, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow([_csv_value(row.get(v)) for v in result.vars])


def _tsv_value(term: Node | None) -> str:
    """A term in SPARQL TSV (Turtle syntax; plain numbers for integer/decimal/double)."""
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) in (
            _XSD + "integer", _XSD + "decimal", _XSD + "double", _XSD + "boolean"):
        lexical = str(term)
        if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|true|false", lexical):
            return lexical
    if isinstance(term, Literal) and (term.datatype is None or
                                      str(term.datatype) == _XSD + "string") and not term.language:
        return Literal(str(term)).n3()
    return term.n3()


def _write_tsv(result: QueryResult, out) -> None:
    """SPARQL 1.1 TSV results: ``?var`` header, terms in Turtle syntax, tab-separated."""
    if result.kind == "ask":
        out.write("?boolean\n" + ("true" if result.boolean else "false") + "\n")
        return
    out.write("\t".join(f"?{v}" for v in result.vars) + "\n")
    for row in result.rows:
        out.write("\t".join(_tsv_value(row.get(v)) for v in result.vars) + "\n")


def _write_xml(result: QueryResult, out) -> None:
    """SPARQL Query Results XML Format."""
    from xml.sax.saxutils import escape, quoteattr

    out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n')
    if result.kind == "ask":
        out.write("<head/>\n<boolean>" + ("true" if result.boolean else "false") +
                  "</boolean>\n</sparql>\n")
        return
    out.write("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.vars) +
              "</head>\n<results>\n")
    for row in result.rows:
        out.write("<result>")
        for k, v in row.items():
            if isinstance(v, URIRef):
                body = f"<uri>{escape(str(v))}</uri>"
            elif isinstance(v, BNode):
                body = f"<bnode>{escape(str(v))}</bnode>"
            else:
                attrs = ""
                if isinstance(v, Literal) and v.language:
                    attrs = f" xml:lang={quoteattr(v.language)}"
                elif isinstance(v, Literal) and v.datatype is not None and \
                        str(v.datatype) != _XSD + "string":
                    attrs = f" datatype={quoteattr(str(v.datatype))}"
                body = f"<literal{attrs}>{escape(str(v))}</literal>"
            out.write(f"<binding name={quoteattr(k)}>{body}</binding>")
        out.write("</result>\n")
    out.write("</results>\n</sparql>\n")


# --------------------------------------------------------------------------- execution


def _from_ox(term) -> Node | None:
    """A pyoxigraph term as an rdflib term (``None`` for an unbound variable)."""
    if term is None:
        return None
    from .store_oxigraph import from_ox

    return from_ox(term)


def _to_ox(term):
    """An rdflib term as a pyoxigraph term (lexical forms kept as they are)."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot serialise a {type(term).__name__} term")


def serialize_triples(triples, fmt: str, out=None, graph: Node | None = None,
                      prefixes: Mapping[str, str] | None = None):
    """Write rdflib triples with Oxigraph's serialisers (lexical forms kept exactly).

    ``fmt``: ttl, nt, xml, or with ``graph`` (a named graph IRI) nq, trig. ``out``: a binary
    file; None returns bytes.
    """
    import pyoxigraph as ox

    formats = {"ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE,
               "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
               "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
    rdf_format = formats[fmt]
    if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        g = ox.NamedNode(str(graph)) if graph is not None else ox.DefaultGraph()
        items = (ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), g) for s, p, o in triples)
    else:
        items = (ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in triples)
    use_prefixes = dict(prefixes) if prefixes is not None and rdf_format in (
        ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(items, out, rdf_format, prefixes=use_prefixes)


def default_prefixes() -> dict[str, str]:
    """Prefixes used when writing Turtle / TriG / JSON-LD: W3C vocabularies and ``pg``."""
    return {**_PREFIXES, **_project_prefixes()}


def _oxigraph_of(store) -> Any | None:
    """The pyoxigraph.Store behind ``store``, if there is one."""
    try:
        import pyoxigraph as ox
    except ImportError:  # pragma: no cover
        return None
    if isinstance(store, ox.Store):
        return store
    for attr in ("oxigraph", "ox", "_ox", "_store", "store", "_oxigraph"):
        inner = getattr(store, attr, None)
        if isinstance(inner, ox.Store):
            return inner
    # rdflib Graph/Dataset over oxrdflib's store
    inner = getattr(getattr(store, "store", None), "_inner", None)
    if isinstance(inner, ox.Store):
        return inner
    return None


def _syntax_error(exc: Exception) -> QueryError:
    msg = str(exc).strip() or type(exc).__name__
    return QueryError(f"malformed SPARQL query: {msg}")


class ResultTooLarge(QueryError):
    """A result over a row or size limit: the query ran, its answer is refused (add a LIMIT)."""


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
            raise ResultTooLarge(f"the result has more than {self.max_rows} {self.what}; "
                                 "add a LIMIT")
        if self.max_bytes is not None:
            self.bytes += _ox_size(terms)
            if self.bytes > self.max_bytes:
                raise ResultTooLarge(f"the result is larger than {self.max_bytes} bytes; "
                                     "add a LIMIT or select fewer or shorter values")


def _result_from_ox(res, max_rows: int | None, max_bytes: int | None = None) -> QueryResult:
    """A pyoxigraph result as a QueryResult, read row by row and stopped at the limits."""
    import pyoxigraph as ox

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
    """``_from_ox`` remembering the terms it converted for one result: results repeat terms
    (predicates, shared entities), and an rdflib typed literal costs tens of microseconds."""
    seen: dict = {}

    def convert(term):
        found = seen.get(term)
        if found is None:
            found = seen[term] = _from_ox(term)
        return found

    return convert


def _result_from_rdflib(res, max_rows: int | None) -> QueryResult:
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


def run_query(store, sparql: str, *, params: Mapping[str, Any] | None = None,
              max_rows: int | None = None, union_default_graph: bool = True,
              max_bytes: int | None = None) -> QueryResult:
    """Run ``sparql`` on ``store`` and return its :class:`QueryResult`.

    ``store`` is a pactgraph ``Store`` (from ``open_store``), a store spec string
    (``oxigraph:PATH``, ``memory:``, ``sparql:URL``), a ``pyoxigraph.Store``, or an rdflib
    Graph/Dataset. ``params`` are bound with :func:`bind_params`. Updates are refused here
    (use the store's ``update``). The default graph is the union of the named graphs (as the
    pactgraph stores do), unless ``union_default_graph=False``. A malformed query raises
    :class:`QueryError` with the parser's message and position; more than ``max_rows``
    rows/triples, or values adding up to more than ``max_bytes``, raise :class:`ResultTooLarge`
    as soon as the row past the limit is read (the rest is never computed).
    """
    if params:
        sparql = bind_params(sparql, params)
    if query_form(sparql) == "update":
        raise QueryError("this is a SPARQL Update; pactgraph query only reads (SELECT, ASK, "
                         "CONSTRUCT, DESCRIBE)")
    if isinstance(store, str):
        from pactgraph.graph.store import open_store  # the store module of the package

        opened = open_store(store)
        try:
            return run_query(opened, sparql, max_rows=max_rows, max_bytes=max_bytes,
                             union_default_graph=union_default_graph)
        finally:
            close = getattr(opened, "close", None)
            if close:
                close()
    if _is_pactgraph_store(store):  # its query() sets the union default graph itself
        return _limit(_call_query(store, sparql, max_rows, max_bytes), max_rows)
    ox_store = _oxigraph_of(store)
    if ox_store is not None:
        try:
            res = ox_store.query(sparql, use_default_graph_as_union=union_default_graph)
            return _result_from_ox(res, max_rows, max_bytes)
        except SyntaxError as exc:
            raise _syntax_error(exc) from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None
    if isinstance(store, rdflib.Graph):
        return _run_rdflib(store, sparql, max_rows, union_default_graph)
    if getattr(store, "query", None) is None:
        raise QueryError(f"cannot query a {type(store).__name__}")
    return _limit(_call_query(store, sparql), max_rows)


def _is_pactgraph_store(store) -> bool:
    try:
        from pactgraph.graph.store import Store
    except ImportError:  # pragma: no cover - the store module is part of the package
        return False
    return isinstance(store, Store)


def _limit(result: "QueryResult", max_rows: int | None) -> "QueryResult":
    if max_rows is not None and len(result) > max_rows and result.kind != "ask":
        what = "rows" if result.kind == "select" else "triples"
        raise ResultTooLarge(f"the result has more than {max_rows} {what}; add a LIMIT")
    return result


def _call_query(store, sparql: str, max_rows: int | None = None,
                max_bytes: int | None = None) -> "QueryResult":
    """``store.query(sparql)`` with the backend's errors turned into QueryError; a pactgraph
    store is given the limits, to stop reading at them."""
    try:
        if max_rows is None and max_bytes is None:
            res = store.query(sparql)
        else:
            res = store.query(sparql, max_rows=max_rows, max_bytes=max_bytes)
    except QueryError:
        raise
    except SyntaxError as exc:
        raise _syntax_error(exc) from None
    except Exception as exc:  # noqa: BLE001 - a backend's own parse error, e.g. pyparsing's
        if type(exc).__name__ in ("ParseException", "ParseSyntaxException", "QueryBadFormed",
                                  "SPARQLWrapperException"):
            raise _syntax_error(exc) from None
        from pactgraph.nlp.errors import PactgraphError

        if isinstance(exc, PactgraphError):
            raise
        raise QueryError(f"query failed: {exc}") from None
    return _normalize(res, None)


def _normalize(res, max_rows: int | None) -> QueryResult:
    if isinstance(res, QueryResult):
        return res
    try:
        import pyoxigraph as ox

        if isinstance(res, (ox.QueryBoolean, ox.QuerySolutions, ox.QueryTriples)):
            return _result_from_ox(res, max_rows)
    except ImportError:  # pragma: no cover
        pass
    if isinstance(res, rdflib.query.Result):
        return _result_from_rdflib(res, max_rows)
    if isinstance(res, bool):
        return QueryResult("ask", boolean=res)
    if isinstance(res, rdflib.Graph):
        return QueryResult("graph", triples=list(res))
    raise QueryError(f"unexpected query result of type {type(res).__name__}")


def _run_rdflib(graph: rdflib.Graph, sparql: str, max_rows: int | None,
                union: bool = True) -> QueryResult:
    from pyparsing import ParseException

    try:
        if isinstance(graph, rdflib.Dataset) and graph.default_union != union:
            previous = graph.default_union
            graph.default_union = union
            try:
                res = graph.query(sparql)
                out = _result_from_rdflib(res, max_rows)
            finally:
                graph.default_union = previous
            return out
        res = graph.query(sparql)
        return _result_from_rdflib(res, max_rows)
    except ParseException as exc:
        raise QueryError(f"malformed SPARQL query: {exc.msg} at line {exc.lineno}, "
                         f"column {exc.col}") from None
    except QueryError:
        raise
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds on bad queries
        raise QueryError(f"query failed: {exc}") from None


def run_saved(store, name: str, params: Mapping[str, Any] | None = None, **kw) -> QueryResult:
    """Run the saved query ``name`` with ``params`` (defaults filled in)."""
    return run_query(store, load_query(name=name, params=params), **kw)

