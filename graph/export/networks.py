"""Network exports: the agreement network (``network="agreements"``) or the ownership network
(``network="ownership"``) of :mod:`pactgraph.graph.analyse.network`, filtered like the RDF
exports, as GraphML, GEXF, CSV (nodes and edges) or Neo4j admin-import CSV."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

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


#: the agreement columns of ``agreements.csv`` (with their Neo4j types) and the header of
#: ``owns.csv``
_AGREEMENT_COLUMNS = ["title", "kind", "action", "date:date", "evidence", "filing"]
_OWNS_HEADER = [
    ":START_ID(Entity)",
    ":END_ID(Entity)",
    "percent:float",
    "qualifier",
    "stake",
    "evidence",
    "date:date",
    ":TYPE",
]
#: the command line that imports the files (``import.txt``)
_NEO4J_IMPORT = (
    "neo4j-admin database import full --array-delimiter=';' "
    "--nodes=entities.csv --nodes=agreements.csv "
    "--relationships=party_to.csv --relationships=owns.csv neo4j\n"
)


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
    entities = _neo4j_entities(agr, own)
    agreements, parties = _neo4j_agreements(agr)
    _write_rows(
        d / "entities.csv",
        ["iri:ID(Entity)", "name", "names:string[]", ":LABEL"],
        _entity_rows(entities),
    )
    _write_rows(
        d / "agreements.csv",
        ["iri:ID(Agreement)", *_AGREEMENT_COLUMNS, ":LABEL"],
        _agreement_rows(agreements),
    )
    _write_rows(
        d / "party_to.csv",
        [":START_ID(Entity)", ":END_ID(Agreement)", ":TYPE"],
        ([e, a, "PARTY_TO"] for e, a in sorted(parties)),
    )
    _write_rows(d / "owns.csv", _OWNS_HEADER, _owns_rows(own))
    (d / "import.txt").write_text(_NEO4J_IMPORT, encoding="utf-8")
    return {
        "entities": len(entities),
        "agreements": len(agreements),
        "party_to": len(parties),
        "owns": own.number_of_edges(),
    }


def _neo4j_entities(agr: nx.Graph, own: nx.Graph) -> dict[str, dict[str, Any]]:
    """The nodes of both networks, by IRI, with the non-empty attributes of either."""
    entities: dict[str, dict[str, Any]] = {}
    for g in (agr, own):
        for n, data in g.nodes(data=True):
            entities.setdefault(n, {}).update({k: v for k, v in data.items() if v})
    return entities


def _neo4j_agreements(
    agr: nx.MultiGraph,
) -> tuple[dict[str, dict[str, Any]], set[tuple[str, str]]]:
    """The agreements of the network (IRI → attributes of its first edge) and the
    (party, agreement) pairs."""
    agreements: dict[str, dict[str, Any]] = {}
    parties: set[tuple[str, str]] = set()
    for u, v, key, data in agr.edges(keys=True, data=True):
        agreements.setdefault(key, data)
        parties.add((u, key))
        parties.add((v, key))
    return agreements, parties


def _write_rows(path: Path, header: list[str], rows: Iterable[list]) -> None:
    """A CSV file of ``header`` and ``rows``."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def _entity_rows(entities: dict[str, dict[str, Any]]) -> Iterator[list]:
    """``entities.csv`` rows: IRI, fullest name, all names (``;``-separated), label."""
    for n in sorted(entities):
        data = entities[n]
        label = "Person" if data.get("type") == "person" else "Organization"
        names = ";".join(str(data.get("names") or data.get("label") or "").split(" | "))
        yield [n, _neo(data.get("label")), names, label]


def _agreement_rows(agreements: dict[str, dict[str, Any]]) -> Iterator[list]:
    for a in sorted(agreements):
        data = agreements[a]
        yield [a, *[_neo(data.get(c.split(":")[0])) for c in _AGREEMENT_COLUMNS], "Agreement"]


def _owns_rows(own: nx.DiGraph) -> Iterator[list]:
    for u, v, data in sorted(own.edges(data=True)):
        stake = [_neo(data.get(k)) for k in ("percent", "qualifier", "stake", "evidence", "date")]
        yield [u, v, *stake, "OWNS"]


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
