"""networkx views of a pactgraph store, and the analytics helpers the notebooks use.

* :func:`agreement_network` — organizations and people as nodes, one edge per agreement and pair
  of its parties (a ``MultiGraph`` keyed by agreement IRI), with ``kind``, ``date``, ``title``,
  ``action``, ``evidence`` and ``filing`` on the edge;
* :func:`ownership_network` — a ``DiGraph`` holder → target weighted by the stake (``percent``,
  ``weight`` = fraction), and :func:`indirect_stakes` along ownership chains (product of
  fractions, summed over the chains);
* :func:`centrality`, :func:`components`, :func:`neighbourhood`, :func:`find_nodes`.

The views are read from the store with SPARQL (:data:`AGREEMENTS_QUERY`, :data:`STAKES_QUERY`),
over the union of the filings' named graphs, so they work on every backend.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

import networkx as nx

from pactgraph.graph.errors import ConfigError
from pactgraph.graph.query import run_query
from pactgraph.ontology.namespace import PG as ONTOLOGY

__all__ = [
    "agreement_network",
    "ownership_network",
    "indirect_stakes",
    "centrality",
    "components",
    "neighbourhood",
    "find_nodes",
    "Filters",
    "AGREEMENTS_QUERY",
    "STAKES_QUERY",
    "vocabulary",
]


PG = str(ONTOLOGY._NS)

#: local names (in the pactgraph ontology namespace) of the terms the views read
TERMS = {
    "Agreement": "Agreement",
    "Person": "Person",
    "Stake": "OwnershipStake",
    "hasParty": "hasParty",
    "title": "title",
    "kind": "kind",
    "action": "action",
    "date": "date",
    "evidence": "hasEvidence",
    "filing": "statedIn",
    "filingDate": "dateOfReport",
    "name": "name",
    "holder": "holder",
    "target": "target",
    "percent": "percent",
    "qualifier": "qualifier",
}


def vocabulary() -> dict[str, Any]:
    """Full IRIs of the ontology terms the views use (namespace from the ontology module)."""
    ns = PG
    terms: dict[str, Any] = {k: ns + v if ":" not in v else v for k, v in TERMS.items()}
    terms["__prefixes__"] = {"pg": ns, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    return terms


def _prefixes() -> str:
    v = vocabulary()
    return "\n".join(f"PREFIX {k}: <{ns}>" for k, ns in v["__prefixes__"].items()) + "\n"


def _q(template: str) -> str:
    v = vocabulary()
    return _prefixes() + template.format(
        **{k: f"<{iri}>" for k, iri in v.items() if not k.startswith("__")}
    )


AGREEMENTS_QUERY = """
SELECT ?agreement ?title ?kind ?action ?date ?evidence ?filing ?filingDate
       ?party ?partyName ?partyType
WHERE {{
  ?agreement {hasParty} ?party .
  OPTIONAL {{ ?agreement {title} ?title }}
  OPTIONAL {{ ?agreement {kind} ?kind }}
  OPTIONAL {{ ?agreement {action} ?action }}
  OPTIONAL {{ ?agreement {date} ?date }}
  OPTIONAL {{ ?agreement {evidence} ?evidence }}
  OPTIONAL {{ ?agreement {filing} ?filing . OPTIONAL {{ ?filing {filingDate} ?filingDate }} }}
  OPTIONAL {{ ?party {name} ?partyName }}
  OPTIONAL {{ ?party a {Person} . BIND("person" AS ?isPerson) }}
  BIND(COALESCE(?isPerson, "organization") AS ?partyType)
}}
"""

STAKES_QUERY = """
SELECT ?stake ?holder ?holderName ?target ?targetName ?percent ?qualifier ?evidence ?filing ?date
WHERE {{
  ?stake {holder} ?holder ; {target} ?target .
  OPTIONAL {{ ?stake {percent} ?percent }}
  OPTIONAL {{ ?stake {qualifier} ?qualifier }}
  OPTIONAL {{ ?stake {evidence} ?evidence }}
  OPTIONAL {{ ?stake {filing} ?filing . OPTIONAL {{ ?filing {filingDate} ?date }} }}
  OPTIONAL {{ ?holder {name} ?holderName }}
  OPTIONAL {{ ?target {name} ?targetName }}
}}
"""


class Filters:
    """Which facts a view keeps: a company (IRI or part of a name), kinds, a date range."""

    def __init__(
        self,
        company: str | None = None,
        kinds: Iterable[str] | None = None,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
    ):
        self.company = company
        self.kinds = {_local(k).lower() for k in kinds} if kinds else None
        self.date_from = _iso(date_from)
        self.date_to = _iso(date_to)

    def __bool__(self) -> bool:
        return bool(self.company or self.kinds or self.date_from or self.date_to)

    def keep_date(self, date: str | None) -> bool:
        if not (self.date_from or self.date_to):
            return True
        if not date:
            return False
        d = date[:10]
        return (not self.date_from or d >= self.date_from) and (
            not self.date_to or d <= self.date_to
        )

    def keep_kind(self, kind: str | None) -> bool:
        return self.kinds is None or (kind is not None and _local(kind).lower() in self.kinds)

    def matches_company(self, iri: str, name: str | None) -> bool:
        if not self.company:
            return True
        c = self.company.strip()
        if c == iri or c.strip("<>") == iri:
            return True
        return bool(name) and c.lower() in name.lower()


def _iso(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    try:
        return (
            dt.date.fromisoformat(text[:10]).isoformat()
            if len(text) >= 10
            else dt.date.fromisoformat(
                (text + "-01-01")[:10] if len(text) == 4 else text
            ).isoformat()
        )
    except ValueError as exc:
        raise ConfigError(f"not a date (use YYYY-MM-DD): {value!r}") from exc


def _local(iri: str) -> str:
    text = str(iri)
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text


def _val(row: dict, key: str) -> str | None:
    v = row.get(key)
    return None if v is None else str(v)


def _kind_label(value: str | None) -> str | None:
    """A kind as the facts schema spells it (``collaboration``), from an IRI or a literal."""
    if value is None:
        return None
    local = _local(value)
    if local.endswith("Agreement") and local != "Agreement":
        local = local[: -len("Agreement")]
    # CamelCase class names back to snake_case kinds
    out = []
    for i, ch in enumerate(local):
        if ch.isupper() and i and (not local[i - 1].isupper()):
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def _add_node(g: nx.Graph, iri: str, name: str | None, ntype: str | None) -> None:
    attrs = g.nodes[iri] if iri in g else {}
    label = name or attrs.get("label") or _local(iri)
    data = {"label": label, "type": ntype or attrs.get("type") or "organization"}
    if name:
        names = set(filter(None, str(attrs.get("names", "")).split(" | ")))
        names.add(name)
        data["names"] = " | ".join(sorted(names))
        # keep the longest (fullest) name as the label
        data["label"] = max(names, key=lambda n: (not n.isupper(), len(n), n))
    g.add_node(iri, **data)


def agreement_network(store, filters: Filters | None = None, **filter_kw) -> nx.MultiGraph:
    """Organizations and people as nodes, agreements as edges (one per pair of parties).

    Node attributes: ``label`` (fullest name), ``names`` (all names, `` | ``-joined), ``type``
    (organization / person). Edge key: the agreement IRI; edge attributes: ``agreement``,
    ``title``, ``kind``, ``action``, ``date`` (ISO), ``evidence`` (IRI), ``filing`` (IRI). Graph
    attribute ``agreements``: the number of agreements read. Filters (``company=``, ``kinds=``,
    ``date_from=``, ``date_to=``) keep agreements of that company / kind / date range.
    """
    filters = filters or Filters(**filter_kw)
    result = run_query(store, _q(AGREEMENTS_QUERY), union_default_graph=True)
    agreements = _agreements_of_rows(result.rows)
    g = nx.MultiGraph(name="pactgraph agreement network")
    kept = 0
    for a in sorted(agreements):
        rec = agreements[a]
        attrs = {k: v for k, v in rec["attrs"].items() if v is not None}
        parties = sorted(rec["parties"].items())
        if _keep_agreement(filters, attrs, parties):
            kept += 1
            _add_agreement(g, a, attrs, parties)
    g.graph["agreements"] = kept
    return g


def _agreements_of_rows(rows: Iterable[dict]) -> dict[str, dict[str, Any]]:
    """The agreements of :data:`AGREEMENTS_QUERY`'s rows (one row per agreement and party), each
    ``{"attrs": {...}, "parties": {iri: (name, type)}}``."""
    agreements: dict[str, dict[str, Any]] = {}
    for row in rows:
        rec = agreements.setdefault(str(row["agreement"]), {"parties": {}, "attrs": {}})
        _merge_agreement_attrs(rec["attrs"], row)
        _merge_party(rec["parties"], row)
    return agreements


def _merge_agreement_attrs(attrs: dict[str, Any], row: dict) -> None:
    """Fill in the attributes of an agreement that ``row`` gives and earlier rows did not."""
    for key in ("title", "action", "evidence", "filing"):
        v = _val(row, key)
        if v is not None and key not in attrs:
            attrs[key] = v
    kind = _kind_label(_val(row, "kind"))
    if kind and kind != "" and ("kind" not in attrs or attrs["kind"] in ("", None)):
        attrs["kind"] = kind
    date = _val(row, "date") or None
    if date and "date" not in attrs:
        attrs["date"] = date[:10]
    fdate = _val(row, "filingDate")
    if fdate and "filing_date" not in attrs:
        attrs["filing_date"] = fdate[:10]


def _merge_party(parties: dict[str, tuple[str | None, str | None]], row: dict) -> None:
    """Record the party of ``row``: its longest name, and ``person`` once any row says so."""
    party = str(row["party"])
    name = _val(row, "partyName")
    ptype = _val(row, "partyType")
    prev = parties.get(party)
    if prev is None or (name and (prev[0] is None or len(name) > len(prev[0]))):
        parties[party] = (name, ptype if ptype == "person" or prev is None else prev[1])


def _keep_agreement(filters: Filters, attrs: dict[str, Any], parties: list) -> bool:
    """Whether an agreement passes the kind, date and company filters."""
    if not filters.keep_kind(attrs.get("kind")):
        return False
    if not filters.keep_date(attrs.get("date") or attrs.get("filing_date")):
        return False
    if filters.company and not any(filters.matches_company(p, n) for p, (n, _) in parties):
        return False
    return True


def _add_agreement(g: nx.MultiGraph, a: str, attrs: dict[str, Any], parties: list) -> None:
    """Add the parties of agreement ``a`` as nodes and an edge keyed ``a`` per pair of them."""
    for p, (name, ptype) in parties:
        _add_node(g, p, name, ptype)
    edge = {"agreement": a, **attrs}
    edge.pop("filing_date", None)
    for i in range(len(parties)):
        for j in range(i + 1, len(parties)):
            g.add_edge(parties[i][0], parties[j][0], key=a, **edge)


def ownership_network(store, filters: Filters | None = None, **filter_kw) -> nx.DiGraph:
    """A directed graph holder → target of the stakes, weighted by percent.

    Edge attributes: ``percent`` (float), ``weight`` (fraction 0–1), ``qualifier``, ``stake``
    (IRI), ``evidence``, ``filing``, ``date``, ``reports`` (how many stake facts name the pair;
    the latest one by filing date gives the values).
    """
    filters = filters or Filters(**filter_kw)
    result = run_query(store, _q(STAKES_QUERY), union_default_graph=True)
    g = nx.DiGraph(name="pactgraph ownership network")
    best: dict[tuple[str, str], dict[str, Any]] = {}
    names: dict[str, str | None] = {}
    for row in result.rows:
        holder, target = str(row["holder"]), str(row["target"])
        hname, tname = _val(row, "holderName"), _val(row, "targetName")
        # names are gathered from every stake, also those the filters leave out
        _remember_name(names, holder, hname)
        _remember_name(names, target, tname)
        date = (_val(row, "date") or "")[:10] or None
        if not filters.keep_date(date):
            continue
        if filters.company and not (
            filters.matches_company(holder, hname) or filters.matches_company(target, tname)
        ):
            continue
        _merge_stake(best, (holder, target), _stake_record(row, date))
    for (holder, target), rec in sorted(best.items()):
        rec = {k: v for k, v in rec.items() if v is not None and not k.startswith("_")}
        for iri in (holder, target):
            _add_node(g, iri, names.get(iri), "organization")
        g.add_edge(holder, target, **rec)
    return g


def _remember_name(names: dict[str, str | None], iri: str, name: str | None) -> None:
    """Keep the best name seen for ``iri``: not all capitals first, then the longest."""
    old = names.get(iri)
    if name and (old is None or (not name.isupper(), len(name)) > (not old.isupper(), len(old))):
        names[iri] = name
    names.setdefault(iri, None)


def _stake_record(row: dict, date: str | None) -> dict[str, Any]:
    """The edge attributes one stake row gives."""
    percent = _percent(row)
    return {
        "stake": str(row["stake"]),
        "percent": percent,
        "weight": None if percent is None else percent / 100.0,
        "qualifier": _val(row, "qualifier"),
        "evidence": _val(row, "evidence"),
        "filing": _val(row, "filing"),
        "date": date,
    }


def _percent(row: dict) -> float | None:
    """The stake's percent as a float, or None when it is missing or not a number."""
    try:
        return float(row["percent"].toPython()) if row.get("percent") is not None else None
    except (TypeError, ValueError):
        return None


def _merge_stake(
    best: dict[tuple[str, str], dict[str, Any]], key: tuple[str, str], rec: dict[str, Any]
) -> None:
    """Count a stake of the pair ``key``; the latest one (by date, then IRI) gives the values."""
    prev = best.get(key)
    if prev is None:
        best[key] = {**rec, "reports": 1, "_stakes": {rec["stake"]}}
        return
    if rec["stake"] not in prev["_stakes"]:
        prev["_stakes"].add(rec["stake"])
        prev["reports"] += 1
    if (rec["date"] or "", rec["stake"]) > (prev["date"] or "", prev["stake"]):
        prev.update(rec)


def indirect_stakes(
    g: nx.DiGraph, holder: str | None = None, max_depth: int = 6, min_percent: float = 0.0
) -> list[dict[str, Any]]:
    """Stakes along ownership chains: for each (holder, target) reached by a chain of ≥ 2 edges,
    the product of the fractions along each chain, summed over the chains.

    Returns dicts ``holder``, ``target``, ``percent`` (effective, 0–100), ``chains`` (list of node
    lists), sorted by percent descending. Edges without a percent are skipped. ``holder``
    restricts to one holder (IRI or part of a name).
    """
    starts = find_nodes(g, holder) if holder else list(g.nodes)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for start in starts:
        stack = [(start, [start], 1.0)]
        while stack:
            node, path, frac = stack.pop()
            if len(path) > max_depth:
                continue
            for nxt in g.successors(node):
                w = g.edges[node, nxt].get("weight")
                if w is None or nxt in path:
                    continue
                f = frac * float(w)
                chain = path + [nxt]
                if len(chain) >= 3:
                    rec = out.setdefault(
                        (start, nxt), {"holder": start, "target": nxt, "percent": 0.0, "chains": []}
                    )
                    rec["percent"] += f * 100.0
                    rec["chains"].append(chain)
                stack.append((nxt, chain, f))
    rows = [r for r in out.values() if r["percent"] >= min_percent]
    for r in rows:
        r["percent"] = round(r["percent"], 6)
        r["holder_label"] = g.nodes[r["holder"]].get("label", r["holder"])
        r["target_label"] = g.nodes[r["target"]].get("label", r["target"])
    return sorted(rows, key=lambda r: (-r["percent"], r["holder"], r["target"]))


def find_nodes(g: nx.Graph, company: str) -> list[str]:
    """Nodes whose IRI equals ``company`` or whose names contain it (case-insensitive)."""
    c = company.strip().strip("<>")
    if c in g:
        return [c]
    low = c.lower()
    return sorted(
        n
        for n, d in g.nodes(data=True)
        if low in str(d.get("names") or d.get("label") or "").lower()
    )


def neighbourhood(g: nx.Graph, company: str, depth: int = 1) -> nx.Graph:
    """The subgraph of the nodes within ``depth`` hops of the company (edges either direction).

    ``company`` is an IRI or part of a name; all matching nodes are centres. Empty graph (of the
    same type) when nothing matches.
    """
    centres = find_nodes(g, company)
    und = g.to_undirected(as_view=True) if g.is_directed() else g
    keep: set[str] = set()
    for c in centres:
        keep.update(nx.single_source_shortest_path_length(und, c, cutoff=depth))
    return g.subgraph(keep).copy()


def components(g: nx.Graph) -> list[set[str]]:
    """Connected components (weakly, for a directed graph), largest first."""
    comps = nx.weakly_connected_components(g) if g.is_directed() else nx.connected_components(g)
    return sorted((set(c) for c in comps), key=lambda c: (-len(c), sorted(c)[:1]))


def centrality(g: nx.Graph, top: int | None = None) -> list[dict[str, Any]]:
    """A centrality table: node, label, degree (edges), partners (distinct neighbours),
    degree centrality, betweenness, eigenvector (or PageRank when it does not converge),
    sorted by degree then betweenness. ``pandas.DataFrame(centrality(g))`` makes it a frame.
    """
    if g.number_of_nodes() == 0:
        return []
    simple = nx.DiGraph(g) if g.is_directed() else nx.Graph(g)
    und = simple.to_undirected() if simple.is_directed() else simple
    deg_c = nx.degree_centrality(und)
    betw = nx.betweenness_centrality(und)
    try:
        eig = nx.eigenvector_centrality(und, max_iter=1000)
        eig_name = "eigenvector"
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        eig = nx.pagerank(und)
        eig_name = "pagerank"
    rows = []
    for n, d in g.nodes(data=True):
        rows.append(
            {
                "node": n,
                "label": d.get("label", n),
                "type": d.get("type"),
                "degree": g.degree(n),
                "partners": und.degree(n),
                "degree_centrality": round(deg_c[n], 6),
                "betweenness": round(betw[n], 6),
                eig_name: round(eig[n], 6),
            }
        )
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["label"]))
    return rows[:top] if top else rows
