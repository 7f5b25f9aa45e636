"""Network exports: the agreement network (``network="agreements"``) or the ownership network
(``network="ownership"``) of :mod:`pactgraph.graph.analyse.network`, filtered like the RDF
exports, as GraphML, GEXF, CSV (nodes and edges) or Neo4j admin-import CSV."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import IO, Any

import networkx as nx

from pactgraph.graph.analyse.network import (
    Filters,
    agreement_network,
    ownership_network,
)
from pactgraph.graph.errors import ConfigError

from .formats import binary, format_name


def network_for_export(
    store, network: str = "agreements", filters: Filters | None = None
) -> nx.Graph:
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
    for i, (u, v, data) in enumerate(
        sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("agreement", "")))
    ):
        h.add_edge(u, v, key=f"e{i}", **data)
    return h


def write_graphml(g: nx.Graph, out: str | os.PathLike | IO | None = "-") -> None:
    """GraphML (readable by networkx, igraph, Gephi, yEd, Cytoscape)."""
    h = _with_unique_edge_ids(g)
    with binary(out) as fh:
        nx.write_graphml(h, fh, encoding="utf-8", prettyprint=True, named_key_ids=True)


def write_gexf(g: nx.Graph, out: str | os.PathLike | IO | None = "-") -> None:
    """GEXF 1.2 (Gephi)."""
    h = _with_unique_edge_ids(g)
    with binary(out) as fh:
        nx.write_gexf(h, fh, encoding="utf-8", prettyprint=True)


def _attr_keys(items) -> list[str]:
    keys: dict[str, None] = {}
    for data in items:
        for k in data:
            keys.setdefault(k, None)
    return list(keys)


def write_csv(
    g: nx.Graph, nodes_out: str | os.PathLike | IO, edges_out: str | os.PathLike | IO
) -> tuple[int, int]:
    """Two CSV files: nodes (``id`` + attributes) and edges (``source``, ``target``, [``key``]
    + attributes). Returns (nodes, edges)."""
    node_keys = _attr_keys(d for _, d in g.nodes(data=True))
    with binary(nodes_out) as fh:
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
    with binary(edges_out) as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
        w = csv.writer(text)
        w.writerow(["source", "target", *edge_keys])
        for u, v, _, d in sorted(edges, key=lambda e: (e[0], e[1], str(e[2]))):
            w.writerow([u, v, *[d.get(k, "") for k in edge_keys]])
        text.detach()
    return g.number_of_nodes(), len(edges)


def _neo(value: Any) -> str:
    return "" if value is None else str(value)


def write_neo4j(
    store, directory: str | os.PathLike, filters: Filters | None = None
) -> dict[str, int]:
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
    w.writerow(
        [
            ":START_ID(Entity)",
            ":END_ID(Entity)",
            "percent:float",
            "qualifier",
            "stake",
            "evidence",
            "date:date",
            ":TYPE",
        ]
    )
    for u, v, data in sorted(own.edges(data=True)):
        w.writerow(
            [
                u,
                v,
                _neo(data.get("percent")),
                _neo(data.get("qualifier")),
                _neo(data.get("stake")),
                _neo(data.get("evidence")),
                _neo(data.get("date")),
                "OWNS",
            ]
        )
    fh.close()
    (d / "import.txt").write_text(
        "neo4j-admin database import full --array-delimiter=';' "
        "--nodes=entities.csv --nodes=agreements.csv "
        "--relationships=party_to.csv --relationships=owns.csv neo4j\n",
        encoding="utf-8",
    )
    return {
        "entities": len(entities),
        "agreements": len(agreements),
        "party_to": len(parties),
        "owns": own.number_of_edges(),
    }


def _csv_paths(out: str | os.PathLike) -> tuple[Path, Path]:
    p = Path(out)
    if p.suffix.lower() == ".csv":
        stem = p.with_suffix("")
        return Path(f"{stem}-nodes.csv"), Path(f"{stem}-edges.csv")
    p.mkdir(parents=True, exist_ok=True)
    return p / "nodes.csv", p / "edges.csv"


def export_network(
    store,
    fmt: str,
    out: str | os.PathLike | IO | None = "-",
    filters: Filters | None = None,
    network: str = "agreements",
) -> dict[str, Any]:
    """Write a networkx view as GraphML, GEXF, CSV (nodes + edges) or Neo4j import CSV.

    ``csv``: ``out`` ending in ``.csv`` gives ``NAME-nodes.csv`` and ``NAME-edges.csv``; otherwise
    ``out`` is a directory receiving ``nodes.csv`` and ``edges.csv``. ``neo4j``: ``out`` is a
    directory. Returns a summary (counts and files written).
    """
    fmt = format_name(fmt)
    if fmt == "neo4j":
        if out in (None, "-") or not isinstance(out, (str, os.PathLike)):
            raise ConfigError("neo4j export writes several files: give -o DIRECTORY")
        return {"format": fmt, **write_neo4j(store, out, filters)}
    g = network_for_export(store, network, filters)
    summary = {
        "format": fmt,
        "network": network,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
    }
    if fmt == "graphml":
        write_graphml(g, out)
    elif fmt == "gexf":
        write_gexf(g, out)
    elif fmt == "csv":
        if out in (None, "-") or not isinstance(out, (str, os.PathLike)):
            raise ConfigError(
                "csv export writes a nodes file and an edges file: give -o NAME.csv or -o DIRECTORY"
            )
        nodes, edges = _csv_paths(out)
        write_csv(g, nodes, edges)
        summary["files"] = [str(nodes), str(edges)]
    else:
        raise ConfigError(f"{fmt} is not a network format")
    return summary
