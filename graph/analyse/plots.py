"""Pictures of the graph for notebooks and reports, as matplotlib Figures.

* :func:`draw_agreement_network` — the agreement network of
  :func:`pactgraph.graph.analyse.network.agreement_network`: companies (and people) sized by degree,
  edges coloured by the agreement kind, a legend of the kinds;
* :func:`draw_ownership_network` — the ownership network of
  :func:`pactgraph.graph.analyse.network.ownership_network`: arrows holder → target labelled with
  the percent held;
* :func:`kind_per_year_chart` — agreements by kind per year (the rows of the saved query
  ``agreements-by-kind-year``) as stacked bars;
* :func:`kind_colors` — the colour of each agreement kind (the same in every picture);
* :func:`save_png` — write a Figure as a PNG file.

The functions take the data (a networkx graph, query rows) and return a new Figure; they never
call ``plt.show()``, so they work headless (``MPLBACKEND=Agg``) and in Jupyter alike.
matplotlib is an optional dependency (the ``notebooks`` extra): it is imported when a function
is called.
"""

from __future__ import annotations

import math
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Mapping

import networkx as nx

from pactgraph.nlp.kinds import KINDS

__all__ = [
    "draw_agreement_network",
    "draw_ownership_network",
    "kind_per_year_chart",
    "kind_colors",
    "save_png",
    "KINDS",
    "UNKNOWN_YEAR",
]

#: the label of agreements whose year is not known, in :func:`kind_per_year_chart`
UNKNOWN_YEAR = "n/a"


def _plt():
    # matplotlib picks a headless backend (Agg) by itself when there is no display
    import matplotlib.pyplot as plt

    return plt


def kind_colors(kinds: Iterable[str | None] = ()) -> dict[str, Any]:
    """A colour (RGBA tuple) for every kind of :data:`KINDS` and for any other kind given.

    The schema's kinds take the 20 colours of matplotlib's ``tab20`` in :data:`KINDS` order;
    other kinds (and ``None``, shown as ``"unknown"``) get grey shades.
    """
    # here: matplotlib is heavy and only in the notebooks extra
    import matplotlib

    cmap = matplotlib.colormaps["tab20"]
    colors: dict[str, Any] = {k: cmap(i % 20) for i, k in enumerate(KINDS)}
    extra = sorted({_kind_name(k) for k in kinds} - set(colors))
    for i, k in enumerate(extra):
        shade = 0.35 + 0.4 * (i / max(1, len(extra) - 1) if len(extra) > 1 else 0.5)
        colors[k] = (shade, shade, shade, 1.0)
    return colors


def _kind_name(kind: Any) -> str:
    if kind is None or (isinstance(kind, float) and math.isnan(kind)) or str(kind) == "":
        return "unknown"
    return str(kind)


def _ordered_kinds(kinds: Iterable[str]) -> list[str]:
    present = set(kinds)
    ordered = [k for k in KINDS if k in present]
    return ordered + sorted(present - set(ordered))


def _new_figure(ax, figsize):
    plt = _plt()
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
    return fig, ax


def _node_sizes(g: nx.Graph, nodes: list, min_size: float, max_size: float) -> list[float]:
    degrees = [g.degree(n) for n in nodes]
    top = max(degrees, default=0) or 1
    return [min_size + (max_size - min_size) * math.sqrt(d / top) for d in degrees]


def _labels(g: nx.Graph, nodes: list, label_top: int | None, max_chars: int) -> dict:
    ranked = sorted(nodes, key=lambda n: (-g.degree(n), str(g.nodes[n].get("label", n))))
    chosen = ranked if label_top is None else ranked[:label_top]
    out = {}
    for n in chosen:
        text = str(g.nodes[n].get("label") or n)
        out[n] = text if len(text) <= max_chars else text[: max_chars - 1] + "…"
    return out


def draw_agreement_network(
    g: nx.Graph,
    *,
    ax=None,
    title: str | None = None,
    label_top: int | None = 15,
    largest_components: int | None = None,
    layout: Mapping[Any, Any] | None = None,
    seed: int = 7,
    figsize: tuple[float, float] = (12, 9),
    min_size: float = 20,
    max_size: float = 600,
    max_label_chars: int = 32,
):
    """Draw an agreement network; return the matplotlib Figure.

    Nodes are sized by degree (the number of agreement edges); people are drawn as squares,
    organizations as circles. Each pair of partners gets one line, coloured by the kind of most
    of their agreements and as wide as the number of agreements between them; a legend names
    the kinds. ``label_top`` labels the best-connected nodes (``None``: all of them).
    ``largest_components`` keeps only that many of the largest connected components.
    ``layout`` gives node positions (default: a seeded spring layout, so the picture is the same
    on every run).
    """
    fig, ax = _new_figure(ax, figsize)
    if largest_components is not None and g.number_of_nodes():
        g = _largest_components(g, largest_components)
    ax.set_axis_off()
    ax.set_title(_agreement_title(g) if title is None else title)
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no agreements", ha="center", va="center", transform=ax.transAxes)
        return fig

    pairs = _partner_pairs(g)
    colors = kind_colors(k for c in pairs.values() for k in c)
    pos = dict(layout) if layout is not None else _spring(g, seed)
    _draw_pair_edges(ax, pairs, pos, colors)
    nodes = sorted(g.nodes, key=str)
    _draw_party_nodes(ax, g, pos, nodes, _node_sizes(g, nodes, min_size, max_size))
    labels = _labels(g, nodes, label_top, max_label_chars)
    nx.draw_networkx_labels(
        g,
        pos,
        labels=labels,
        font_size=8,
        ax=ax,
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
    )
    ax.margins(*_margins(g))
    _draw_kind_legend(ax, g, nodes, colors)
    fig.tight_layout()
    return fig


def _largest_components(g: nx.Graph, count: int) -> nx.Graph:
    """The subgraph of the ``count`` largest connected components of ``g``."""
    comps = sorted(
        nx.connected_components(nx.Graph(g)), key=lambda c: (-len(c), sorted(map(str, c))[:1])
    )
    keep = set().union(*comps[:count]) if comps else set()
    return g.subgraph(keep)


def _agreement_title(g: nx.Graph) -> str:
    n = _agreement_count(g)
    return (
        f"Agreement network: {g.number_of_nodes()} parties, "
        f"{n} agreement{'s' * (n != 1)} linking them"
    )


def _partner_pairs(g: nx.Graph) -> dict[tuple, Counter]:
    """Each pair of partners (in a fixed order) and how many agreements of each kind link it."""
    pairs: dict[tuple, Counter] = defaultdict(Counter)
    for u, v, data in g.edges(data=True):
        key = (u, v) if str(u) <= str(v) else (v, u)
        pairs[key][_kind_name(data.get("kind"))] += 1
    return pairs


def _draw_pair_edges(ax, pairs: dict[tuple, Counter], pos: dict, colors: dict) -> None:
    """One line per pair of partners: coloured by the kind of most of their agreements, wider
    with their number (the pairs with most agreements drawn last, on top)."""
    edgelist = sorted(pairs, key=lambda p: (sum(pairs[p].values()), p))
    edge_kinds = [_major(pairs[p]) for p in edgelist]
    widths = [1.0 + 1.2 * math.log2(sum(pairs[p].values())) for p in edgelist]
    nx.draw_networkx_edges(
        nx.Graph(edgelist),
        pos,
        edgelist=edgelist,
        ax=ax,
        edge_color=[colors[k] for k in edge_kinds],
        width=widths,
        alpha=0.75,
    )


def _draw_party_nodes(ax, g: nx.Graph, pos: dict, nodes: list, sizes: list[float]) -> None:
    """Organizations as blue circles and people as orange squares, sized as given."""
    size_of = dict(zip(nodes, sizes))
    for shape, ntype in (("o", "organization"), ("s", "person")):
        group = [n for n in nodes if (g.nodes[n].get("type") == "person") == (ntype == "person")]
        if group:
            nx.draw_networkx_nodes(
                g,
                pos,
                nodelist=group,
                node_size=[size_of[n] for n in group],
                node_shape=shape,
                node_color="#4c72b0" if ntype != "person" else "#dd8452",
                edgecolors="white",
                linewidths=0.5,
                alpha=0.9,
                ax=ax,
            )


def _draw_kind_legend(ax, g: nx.Graph, nodes: list, colors: dict) -> None:
    """A legend of the agreement kinds with their edge counts (and the person marker, when
    people are drawn), beside the picture."""
    # here: matplotlib is heavy and only in the notebooks extra
    from matplotlib.lines import Line2D

    counts = Counter()
    for _, _, data in g.edges(data=True):
        counts[_kind_name(data.get("kind"))] += 1
    handles = [
        Line2D([0], [0], color=colors[k], lw=3, label=f"{k} ({counts[k]})")
        for k in _ordered_kinds(counts)
    ]
    if any(g.nodes[n].get("type") == "person" for n in nodes):
        handles.append(_marker_handle("s", "#dd8452", 8, "person"))
    ax.legend(
        handles=handles,
        title="agreement kind (edges)",
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        title_fontsize=9,
        frameon=False,
    )


def _marker_handle(marker: str, color: str, size: float, label: str):
    """A legend entry showing a node marker."""
    # here: matplotlib is heavy and only in the notebooks extra
    from matplotlib.lines import Line2D

    return Line2D(
        [0], [0], marker=marker, color="w", markerfacecolor=color, markersize=size, label=label
    )


def _margins(g: nx.Graph) -> tuple[float, float]:
    """Room around the nodes for their labels (more when there are few nodes)."""
    n = g.number_of_nodes()
    return (0.3, 0.15) if n <= 6 else (0.08, 0.06)


def _agreement_count(g: nx.Graph) -> int:
    keys = {d.get("agreement") for _, _, d in g.edges(data=True) if d.get("agreement")}
    return len(keys) if keys else g.number_of_edges()


def _major(counter: Counter) -> str:
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _spring(g: nx.Graph, seed: int) -> dict:
    """A seeded spring layout of each connected component, the components packed in rows
    (largest first, each in a square box whose side grows with the square root of its size),
    so that small components do not drift to the edges of the picture."""
    simple = nx.Graph(g.to_undirected() if g.is_directed() else g)
    comps = sorted(
        (sorted(c, key=str) for c in nx.connected_components(simple)),
        key=lambda c: (-len(c), str(c[0])),
    )
    sides = [math.sqrt(len(c)) for c in comps]
    row_width = max(max(sides, default=1.0), 1.3 * math.sqrt(sum(len(c) for c in comps)))
    pos: dict = {}
    x = y = row_height = 0.0
    for comp, side in zip(comps, sides):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        sub = simple.subgraph(comp)
        if len(comp) == 1:
            local = {comp[0]: (0.0, 0.0)}
        else:
            local = nx.spring_layout(sub, seed=seed, k=1.5 / math.sqrt(len(comp)), iterations=100)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        inner = side * 0.8
        for n, (px, py) in local.items():
            pos[n] = (
                x + side / 2 + (px - (max(xs) + min(xs)) / 2) / span * inner,
                y - side / 2 + (py - (max(ys) + min(ys)) / 2) / span * inner,
            )
        x += side
        row_height = max(row_height, side)
    return pos


def draw_ownership_network(
    g: nx.DiGraph,
    *,
    ax=None,
    title: str | None = None,
    layout: Mapping[Any, Any] | None = None,
    seed: int = 7,
    figsize: tuple[float, float] = (12, 9),
    max_label_chars: int = 34,
):
    """Draw an ownership network (holder → target arrows labelled with the percent held);
    return the matplotlib Figure. Edge width follows the fraction held; holders are blue and
    companies that are only held are green."""
    fig, ax = _new_figure(ax, figsize)
    ax.set_axis_off()
    ax.set_title(
        title or f"Ownership network: {g.number_of_edges()} stakes, {g.number_of_nodes()} companies"
    )
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no stakes", ha="center", va="center", transform=ax.transAxes)
        return fig
    pos = dict(layout) if layout is not None else _spring(g, seed)
    nodes = sorted(g.nodes, key=str)
    holders = [n for n in nodes if g.out_degree(n) > 0]
    held = [n for n in nodes if g.out_degree(n) == 0]
    nx.draw_networkx_nodes(g, pos, nodelist=holders, node_color="#4c72b0", node_size=260, ax=ax)
    nx.draw_networkx_nodes(g, pos, nodelist=held, node_color="#55a868", node_size=140, ax=ax)
    edges = sorted(g.edges, key=str)
    _draw_stake_edges(ax, g, pos, edges)
    edge_labels = _stake_labels(g, edges)
    nx.draw_networkx_edge_labels(g, pos, edge_labels=edge_labels, font_size=7, ax=ax)
    labels = _labels(g, nodes, None, max_label_chars)
    nx.draw_networkx_labels(g, pos, labels=labels, font_size=7, ax=ax, verticalalignment="bottom")
    ax.margins(*_margins(g))
    ax.legend(
        handles=[
            _marker_handle("o", "#4c72b0", 9, "holder"),
            _marker_handle("o", "#55a868", 7, "held only"),
        ],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=8,
    )
    fig.tight_layout()
    return fig


def _draw_stake_edges(ax, g: nx.DiGraph, pos: dict, edges: list) -> None:
    """Arrows holder → target, wider with the fraction held."""
    widths = [0.8 + 2.5 * float(g.edges[e].get("weight") or 0) for e in edges]
    nx.draw_networkx_edges(
        g,
        pos,
        edgelist=edges,
        width=widths,
        arrows=True,
        arrowsize=12,
        edge_color="#555555",
        alpha=0.8,
        ax=ax,
        node_size=200,
    )


#: how a stake's qualifier is written before its percent (others: the qualifier and a space)
_QUALIFIER_SIGNS = {"approximately": "~", "more_than": ">", "at_least": "≥", "less_than": "<"}


def _stake_labels(g: nx.DiGraph, edges: list) -> dict[tuple, str]:
    """The percent held on each edge that has one, e.g. ``~5%``."""
    labels = {}
    for u, v in edges:
        d = g.edges[u, v]
        if d.get("percent") is None:
            continue
        pct = f"{float(d['percent']):g}%"
        if d.get("qualifier") and d["qualifier"] != "exact":
            pct = _QUALIFIER_SIGNS.get(d["qualifier"], d["qualifier"] + " ") + pct
        labels[(u, v)] = pct
    return labels


def _rows(data: Any) -> list[dict[str, Any]]:
    """Rows as dicts from a QueryResult, a pandas DataFrame or an iterable of mappings."""
    if hasattr(data, "records") and callable(data.records) and hasattr(data, "rows"):
        return list(data.records())  # pactgraph QueryResult
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        return list(data.to_dict("records"))  # pandas DataFrame
    return [dict(r) for r in data]


def _year(value: Any) -> str:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return UNKNOWN_YEAR
    try:
        return str(int(float(str(value)[:4]) if not isinstance(value, (int, float)) else value))
    except (TypeError, ValueError):
        return UNKNOWN_YEAR


def kind_per_year_chart(
    rows: Any,
    *,
    ax=None,
    title: str | None = None,
    include_unknown_year: bool = True,
    figsize: tuple[float, float] = (12, 5),
):
    """Agreements by kind per year as stacked bars; return the matplotlib Figure.

    ``rows``: the result of the saved query ``agreements-by-kind-year`` (a QueryResult, its
    DataFrame, or dicts with ``year``, ``kind`` and ``agreements``). Every year between the
    first and the last gets a bar (empty years stay visible); agreements whose year is unknown
    go to a last bar labelled :data:`UNKNOWN_YEAR` unless ``include_unknown_year`` is False.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in _rows(rows):
        n = r.get("agreements", r.get("count", 1))
        try:
            n = int(n)
        except (TypeError, ValueError):
            n = 0
        counts[_year(r.get("year"))][_kind_name(r.get("kind"))] += n
    known = sorted(int(y) for y in counts if y != UNKNOWN_YEAR)
    years = [str(y) for y in range(known[0], known[-1] + 1)] if known else []
    if include_unknown_year and counts.get(UNKNOWN_YEAR):
        years.append(UNKNOWN_YEAR)
    kinds = _ordered_kinds({k for y in years for k in counts.get(y, {})})
    colors = kind_colors(kinds)

    fig, ax = _new_figure(ax, figsize)
    bottom = [0] * len(years)
    xs = range(len(years))
    for k in kinds:
        heights = [counts.get(y, Counter())[k] for y in years]
        ax.bar(xs, heights, bottom=bottom, color=colors[k], label=k, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_xticks(list(xs))
    ax.set_xticklabels(years, rotation=90 if len(years) > 12 else 0, fontsize=8)
    ax.set_xlabel("year (agreement date, else date of report)")
    ax.set_ylabel("agreements")
    total = sum(bottom)
    ax.set_title(title or f"Agreements by kind per year ({total} agreements)")
    if kinds:
        ax.legend(
            title="kind",
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            fontsize=8,
            title_fontsize=9,
            frameon=False,
        )
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if not years:
        ax.text(0.5, 0.5, "no agreements", ha="center", va="center", transform=ax.transAxes)
    fig.tight_layout()
    return fig


def save_png(fig, path: str | os.PathLike, *, dpi: int = 110) -> Path:
    """Write ``fig`` to ``path`` as a PNG (parent folders made as needed); return the path."""
    out = Path(path)
    if out.suffix.lower() != ".png":
        out = out.with_suffix(out.suffix + ".png") if out.suffix else out.with_suffix(".png")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, format="png", dpi=dpi, bbox_inches="tight")
    return out
