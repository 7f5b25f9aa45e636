"""Export a pactgraph store: RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML), the
networkx views (GraphML, GEXF, CSV nodes/edges) and Neo4j admin-import CSV.

RDF exports write whole filing graphs: with filters (a company, kinds, a date range) only the
graphs of the filings that match are written (see :func:`select_graphs`). N-Triples, N-Quads,
Turtle and TriG are written graph by graph (memory bounded by the largest filing); JSON-LD and
RDF/XML are one document, built in memory. Triple formats (ttl, nt, xml) write the union of the
graphs; quad formats (nq, trig, jsonld) keep each filing's named graph.

Network exports write the agreement network (``network="agreements"``) or the ownership
network (``network="ownership"``) of :mod:`pactgraph.graph.analyse.network`, filtered the same way.
"""
from __future__ import annotations

import csv
import io
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

import networkx as nx
import rdflib
from rdflib.term import URIRef

from pactgraph.graph.analyse.network import (
    Filters,
    agreement_network,
    ownership_network,
    vocabulary,
)
from pactgraph.graph.build.builder import kind_classes
from pactgraph.graph.errors import ConfigError
from pactgraph.graph.query import default_prefixes, run_query, serialize_triples

__all__ = ["RDF_FORMATS", "NETWORK_FORMATS", "FORMATS", "export", "export_rdf", "export_network",
           "check_filters", "agreement_kinds",
           "select_graphs", "jsonld_context", "write_graphml", "write_gexf", "write_csv",
           "write_neo4j", "network_for_export"]

#: RDF formats: name -> (keeps named graphs?, rdflib serializer name, streamable per graph?)
RDF_FORMATS = {
    "ttl": (False, "turtle", True), "nt": (False, "nt11", True), "nq": (True, "nquads", True),
    "trig": (True, "trig", True), "jsonld": (True, "json-ld", False),
    "xml": (False, "xml", False),
}
NETWORK_FORMATS = ("graphml", "gexf", "csv", "neo4j")
FORMATS = tuple(RDF_FORMATS) + NETWORK_FORMATS
_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "nquads": "nq",
            "n-quads": "nq", "json-ld": "jsonld", "rdfxml": "xml", "rdf": "xml", "owl": "xml"}


def _fmt(fmt: str) -> str:
    f = fmt.lower().lstrip(".")
    f = _ALIASES.get(f, f)
    if f not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return f


def _prefix_map() -> dict[str, str]:
    return {**default_prefixes(), "pg": vocabulary()["__prefixes__"]["pg"]}


def jsonld_context() -> dict[str, str]:
    """The JSON-LD ``@context`` of the export: the prefixes of the ontology and the W3C vocabularies."""
    return dict(sorted(_prefix_map().items()))


@contextmanager
def _binary(out: str | os.PathLike | IO | None) -> Iterator[IO[bytes]]:
    """``out`` as a binary stream: a path (created), ``-``/None (stdout) or an open file."""
    if out is None or out == "-":
        stream = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
        if stream is None:  # e.g. a captured text stdout
            buf = io.BytesIO()
            yield buf
            sys.stdout.write(buf.getvalue().decode("utf-8"))
            return
        yield stream
        stream.flush()
        return
    if isinstance(out, (str, os.PathLike)):
        path = Path(out)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            yield fh
        return
    if isinstance(out, io.TextIOBase):
        buf = io.BytesIO()
        yield buf
        out.write(buf.getvalue().decode("utf-8"))
        return
    yield out  # a binary file object


# --------------------------------------------------------------------------- graphs of a store


def _all_graphs(store) -> list[URIRef]:
    fn = getattr(store, "graph_iris", None)
    if callable(fn):
        return [URIRef(str(g)) for g in fn()]
    res = run_query(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sorted(URIRef(str(r["g"])) for r in res.rows if isinstance(r.get("g"), URIRef))


def _graph(store, iri: URIRef) -> rdflib.Graph:
    fn = getattr(store, "graph", None)
    if callable(fn) and not isinstance(store, rdflib.Graph):
        return fn(iri)
    res = run_query(store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    g = rdflib.Graph(identifier=iri)
    for t in res.triples:
        g.add(t)
    return g


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def select_graphs(store, filters: Filters | None = None) -> list[URIRef]:
    """The named graphs (filings) to export: all of them, or those matching every filter.

    A graph matches ``company`` when it names an entity whose ``pg:name`` contains it
    (case-insensitive) or has the IRI given; ``kinds`` when it holds an agreement of one of the
    kinds; the date range when its date of report or an agreement's date is in it.
    """
    if not filters:
        return _all_graphs(store)
    v = vocabulary()
    clauses = []
    if filters.company:
        c = filters.company.strip().strip("<>")
        if c.startswith(("http://", "https://", "urn:")):
            clauses.append(f"{{ <{c}> ?cp ?co }} UNION {{ ?cs ?cp2 <{c}> }}")
        else:
            clauses.append(f"?ce <{v['name']}> ?cn . "
                           f"FILTER(CONTAINS(LCASE(STR(?cn)), LCASE({_literal(c)})))")
    if filters.kinds:
        kinds = ", ".join(_literal(k) for k in sorted(filters.kinds))
        clauses.append(f"?ka <{v['kind']}> ?kk . FILTER(LCASE(STR(?kk)) IN ({kinds}))")
    if filters.date_from or filters.date_to:
        cond = []
        if filters.date_from:
            cond.append(f"SUBSTR(STR(?dd), 1, 10) >= {_literal(filters.date_from)}")
        if filters.date_to:
            cond.append(f"SUBSTR(STR(?dd), 1, 10) <= {_literal(filters.date_to)}")
        clauses.append(f"{{ ?dx <{v['filingDate']}> ?dd }} UNION {{ ?dx <{v['date']}> ?dd }} "
                       f"FILTER({' && '.join(cond)})")
    body = " ".join(f"{{ {c} }}" for c in clauses)
    res = run_query(store, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {body} }} }}")
    return sorted(URIRef(str(r["g"])) for r in res.rows if isinstance(r.get("g"), URIRef))


def _bind(g: rdflib.Graph) -> None:
    for k, ns in _prefix_map().items():
        g.bind(k, ns, override=True, replace=True)


def _dataset(graphs: dict[URIRef, rdflib.Graph]) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    _bind(ds)
    for iri, g in graphs.items():
        target = ds.graph(iri)
        for t in g:
            target.add(t)
    return ds


def export_rdf(store, fmt: str, out: str | os.PathLike | IO | None = "-",
               filters: Filters | None = None) -> int:
    """Write the store's graphs (filtered) as RDF in ``fmt``; return the number of triples."""
    fmt = _fmt(fmt)
    if fmt not in RDF_FORMATS:
        raise ConfigError(f"{fmt} is not an RDF format")
    quads, rdflib_fmt, streamable = RDF_FORMATS[fmt]
    graphs = select_graphs(store, filters)
    count = 0
    with _binary(out) as fh:
        if streamable:
            prefixes = _prefix_map()
            for iri in graphs:
                g = _graph(store, iri)
                count += len(g)
                serialize_triples(g, fmt, fh, graph=iri if quads else None, prefixes=prefixes)
                if fmt in ("ttl", "trig"):
                    fh.write(b"\n")
            return count
        if quads:  # json-ld: one document with a @graph per filing
            parts = {iri: _graph(store, iri) for iri in graphs}
            count = sum(len(g) for g in parts.values())
            ds = _dataset(parts)
            fh.write(ds.serialize(format="json-ld", context=jsonld_context(), auto_compact=True,
                                  encoding="utf-8"))
            return count
        union = rdflib.Graph()
        for iri in graphs:
            for t in _graph(store, iri):
                union.add(t)
        count = len(union)
        serialize_triples(union, fmt, fh, prefixes=_prefix_map())
        return count


# --------------------------------------------------------------------------- networks


def network_for_export(store, network: str = "agreements",
                       filters: Filters | None = None) -> nx.Graph:
    """The networkx view to export: ``agreements`` (MultiGraph) or ``ownership`` (DiGraph)."""
    network = network.lower()
    if network in ("agreements", "agreement"):
        return agreement_network(store, filters)
    if network in ("ownership", "stakes"):
        return ownership_network(store, filters)
    raise ConfigError(f"unknown network {network!r}; use agreements or ownership")


def _with_unique_edge_ids(g: nx.Graph) -> nx.Graph:
    """A copy whose multigraph edge keys are unique ids ``e0, e1, ...`` (GraphML/GEXF need them);
    the agreement IRI stays in the ``agreement`` attribute."""
    if not g.is_multigraph():
        return g
    h = g.__class__()
    h.graph.update({k: v for k, v in g.graph.items() if isinstance(v, (str, int, float))})
    h.add_nodes_from(g.nodes(data=True))
    for i, (u, v, data) in enumerate(sorted(g.edges(data=True),
                                            key=lambda e: (e[0], e[1], e[2].get("agreement", "")))):
        h.add_edge(u, v, key=f"e{i}", **data)
    return h


def write_graphml(g: nx.Graph, out: str | os.PathLike | IO | None = "-") -> None:
    """GraphML (readable by networkx, igraph, Gephi, yEd, Cytoscape)."""
    h = _with_unique_edge_ids(g)
    with _binary(out) as fh:
        nx.write_graphml(h, fh, encoding="utf-8", prettyprint=True, named_key_ids=True)


def write_gexf(g: nx.Graph, out: str | os.PathLike | IO | None = "-") -> None:
    """GEXF 1.2 (Gephi)."""
    h = _with_unique_edge_ids(g)
    with _binary(out) as fh:
        nx.write_gexf(h, fh, encoding="utf-8", prettyprint=True)


def _attr_keys(items) -> list[str]:
    keys: dict[str, None] = {}
    for data in items:
        for k in data:
            keys.setdefault(k, None)
    return list(keys)


def write_csv(g: nx.Graph, nodes_out: str | os.PathLike | IO,
              edges_out: str | os.PathLike | IO) -> tuple[int, int]:
    """Two CSV files: nodes (``id`` + attributes) and edges (``source``, ``target``, [``key``]
    + attributes). Returns (nodes, edges)."""
    node_keys = _attr_keys(d for _, d in g.nodes(data=True))
    with _binary(nodes_out) as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
        w = csv.writer(text)
        w.writerow(["id", *node_keys])
        for n, d in sorted(g.nodes(data=True)):
            w.writerow([n, *[d.get(k, "") for k in node_keys]])
        text.detach()
    if g.is_multigraph():
        edges = [(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)]
    else:
        edges = [(u, v, None, d) for u, v, d in g.edges(data=True)]
    edge_keys = [k for k in _attr_keys(d for *_, d in edges)]
    with _binary(edges_out) as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
        w = csv.writer(text)
        w.writerow(["source", "target", *edge_keys])
        for u, v, _, d in sorted(edges, key=lambda e: (e[0], e[1], str(e[2]))):
            w.writerow([u, v, *[d.get(k, "") for k in edge_keys]])
        text.detach()
    return g.number_of_nodes(), len(edges)


def _neo(value: Any) -> str:
    return "" if value is None else str(value)


def write_neo4j(store, directory: str | os.PathLike, filters: Filters | None = None) -> dict[str, int]:
    """Neo4j ``neo4j-admin database import`` CSV files in ``directory``.

    Nodes: ``entities.csv`` (``:Organization`` / ``:Person``) and ``agreements.csv``
    (``:Agreement``); relationships: ``party_to.csv`` (entity ``PARTY_TO`` agreement) and
    ``owns.csv`` (holder ``OWNS`` target, with percent). ``import.txt`` has the command line.
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    agr = agreement_network(store, filters)
    own = ownership_network(store, filters)
    entities: dict[str, dict[str, Any]] = {}
    for g in (agr, own):
        for n, data in g.nodes(data=True):
            entities.setdefault(n, {}).update({k: v for k, v in data.items() if v})
    agreements: dict[str, dict[str, Any]] = {}
    parties: set[tuple[str, str]] = set()
    for u, v, key, data in agr.edges(keys=True, data=True):
        agreements.setdefault(key, data)
        parties.add((u, key))
        parties.add((v, key))

    def writer(name: str):
        fh = open(d / name, "w", encoding="utf-8", newline="")
        return fh, csv.writer(fh)

    fh, w = writer("entities.csv")
    w.writerow(["iri:ID(Entity)", "name", "names:string[]", ":LABEL"])
    for n in sorted(entities):
        data = entities[n]
        label = "Person" if data.get("type") == "person" else "Organization"
        names = ";".join(str(data.get("names") or data.get("label") or "").split(" | "))
        w.writerow([n, _neo(data.get("label")), names, label])
    fh.close()
    fh, w = writer("agreements.csv")
    cols = ["title", "kind", "action", "date:date", "evidence", "filing"]
    w.writerow(["iri:ID(Agreement)", *cols, ":LABEL"])
    for a in sorted(agreements):
        data = agreements[a]
        w.writerow([a, *[_neo(data.get(c.split(":")[0])) for c in cols], "Agreement"])
    fh.close()
    fh, w = writer("party_to.csv")
    w.writerow([":START_ID(Entity)", ":END_ID(Agreement)", ":TYPE"])
    for e, a in sorted(parties):
        w.writerow([e, a, "PARTY_TO"])
    fh.close()
    fh, w = writer("owns.csv")
    w.writerow([":START_ID(Entity)", ":END_ID(Entity)", "percent:float", "qualifier", "stake",
                "evidence", "date:date", ":TYPE"])
    for u, v, data in sorted(own.edges(data=True)):
        w.writerow([u, v, _neo(data.get("percent")), _neo(data.get("qualifier")),
                    _neo(data.get("stake")), _neo(data.get("evidence")), _neo(data.get("date")),
                    "OWNS"])
    fh.close()
    (d / "import.txt").write_text(
        "neo4j-admin database import full --array-delimiter=';' "
        "--nodes=entities.csv --nodes=agreements.csv "
        "--relationships=party_to.csv --relationships=owns.csv neo4j\n", encoding="utf-8")
    return {"entities": len(entities), "agreements": len(agreements),
            "party_to": len(parties), "owns": own.number_of_edges()}


def _csv_paths(out: str | os.PathLike) -> tuple[Path, Path]:
    p = Path(out)
    if p.suffix.lower() == ".csv":
        stem = p.with_suffix("")
        return Path(f"{stem}-nodes.csv"), Path(f"{stem}-edges.csv")
    p.mkdir(parents=True, exist_ok=True)
    return p / "nodes.csv", p / "edges.csv"


def export_network(store, fmt: str, out: str | os.PathLike | IO | None = "-",
                   filters: Filters | None = None, network: str = "agreements") -> dict[str, Any]:
    """Write a networkx view as GraphML, GEXF, CSV (nodes + edges) or Neo4j import CSV.

    ``csv``: ``out`` ending in ``.csv`` gives ``NAME-nodes.csv`` and ``NAME-edges.csv``; otherwise
    ``out`` is a directory receiving ``nodes.csv`` and ``edges.csv``. ``neo4j``: ``out`` is a
    directory. Returns a summary (counts and files written).
    """
    fmt = _fmt(fmt)
    if fmt == "neo4j":
        if out in (None, "-") or not isinstance(out, (str, os.PathLike)):
            raise ConfigError("neo4j export writes several files: give -o DIRECTORY")
        return {"format": fmt, **write_neo4j(store, out, filters)}
    g = network_for_export(store, network, filters)
    summary = {"format": fmt, "network": network, "nodes": g.number_of_nodes(),
               "edges": g.number_of_edges()}
    if fmt == "graphml":
        write_graphml(g, out)
    elif fmt == "gexf":
        write_gexf(g, out)
    elif fmt == "csv":
        if out in (None, "-") or not isinstance(out, (str, os.PathLike)):
            raise ConfigError("csv export writes a nodes file and an edges file: give -o "
                              "NAME.csv or -o DIRECTORY")
        nodes, edges = _csv_paths(out)
        write_csv(g, nodes, edges)
        summary["files"] = [str(nodes), str(edges)]
    else:
        raise ConfigError(f"{fmt} is not a network format")
    return summary


def agreement_kinds() -> list[str]:
    """The agreement kinds of the ontology (``collaboration``, ``credit``, ...), sorted."""
    return sorted(kind_classes())


def check_filters(store, filters: Filters | None) -> None:
    """A ConfigError for a filter that can only select nothing: a kind the ontology does not
    have (the message lists the kinds), or a company no organization of the store matches."""
    if not filters:
        return
    unknown = sorted(set(filters.kinds or ()) - set(agreement_kinds()))
    if unknown:
        raise ConfigError(f"unknown agreement kind {', '.join(map(repr, unknown))}; the kinds "
                          f"are: {', '.join(agreement_kinds())}")
    if filters.company and not _company_exists(store, filters.company.strip().strip("<>")):
        raise ConfigError(f"no organization in the store is named {filters.company!r} (a part "
                          "of a name, case-insensitive, or an IRI); nothing exported. Find "
                          "names with: pactgraph query company --param company=PART")


def _company_exists(store, company: str) -> bool:
    v = vocabulary()
    if company.startswith(("http://", "https://", "urn:")):
        where = f"{{ <{company}> ?p ?o }} UNION {{ ?s ?p <{company}> }}"
    else:
        where = (f"?org <{v['name']}> ?n . "
                 f"FILTER(CONTAINS(LCASE(STR(?n)), LCASE({_literal(company)})))")
    return bool(run_query(store, f"ASK {{ {where} }}"))


def export(store, fmt: str, out: str | os.PathLike | IO | None = "-",
           filters: Filters | None = None, network: str = "agreements") -> dict[str, Any]:
    """Export ``store`` in ``fmt`` (any of :data:`FORMATS`) to ``out`` (a path, ``-`` or a file).

    Filters are checked first (:func:`check_filters`): a typo fails before any file is written.
    """
    fmt = _fmt(fmt)
    check_filters(store, filters)
    if fmt in RDF_FORMATS:
        return {"format": fmt, "triples": export_rdf(store, fmt, out, filters)}
    return export_network(store, fmt, out, filters, network)
