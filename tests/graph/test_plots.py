"""Pictures of the graph: agreement network, ownership network, kinds per year, PNG files.

The seed filing goes through the real pipeline into a real in-memory store; the views come from
``pactgraph.graph.analyse.network``; the figures are rendered headless (Agg) and written as PNG.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")  # headless

from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

from pactgraph.graph.ingest import ingest_paths  # noqa: E402
from pactgraph.graph.analyse.network import agreement_network, ownership_network  # noqa: E402
from pactgraph.graph.analyse.plots import (  # noqa: E402
    KINDS,
    UNKNOWN_YEAR,
    draw_agreement_network,
    draw_ownership_network,
    kind_colors,
    kind_per_year_chart,
    save_png,
)
from pactgraph.graph.query import run_saved  # noqa: E402
from pactgraph.graph.store import open_store  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def seed_store(seed_path: Path):
    store = open_store("memory:")
    report = ingest_paths([seed_path], store)
    assert report.filings == 1
    yield store
    store.close()


@pytest.fixture(autouse=True)
def _close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


def _valid_png(path: Path) -> tuple[int, int]:
    import matplotlib.image as mpimg

    assert path.read_bytes()[:8] == PNG_SIGNATURE
    image = mpimg.imread(path)
    assert image.ndim == 3 and image.shape[0] > 0 and image.shape[1] > 0
    assert image.reshape(-1, image.shape[-1]).std(axis=0).max() > 0.01  # not blank
    return image.shape[1], image.shape[0]


def _network() -> nx.MultiGraph:
    """A small agreement network as agreement_network makes it (kinds, labels, types)."""
    g = nx.MultiGraph()
    for n, label, kind in (
        ("a", "Acme Corp.", "organization"),
        ("b", "Bank, N.A.", "organization"),
        ("c", "Cloud LLC", "organization"),
        ("d", "Dana Smith", "person"),
        ("e", "Lonely Inc.", "organization"),
        ("f", "Friend AG", "organization"),
    ):
        g.add_node(n, label=label, type=kind)
    g.add_edge("a", "b", key="ag1", agreement="ag1", kind="credit", title="Credit Agreement")
    g.add_edge("a", "b", key="ag2", agreement="ag2", kind="credit", title="Amendment No. 1")
    g.add_edge("a", "b", key="ag3", agreement="ag3", kind="indenture", title="Indenture")
    g.add_edge("a", "c", key="ag4", agreement="ag4", kind="merger", title="Merger Agreement")
    g.add_edge("a", "d", key="ag5", agreement="ag5", kind="employment", title="Offer Letter")
    g.add_edge("e", "f", key="ag6", agreement="ag6", kind="license", title="License Agreement")
    return g


def test_agreement_network_of_the_seed(seed_store, tmp_path: Path):
    g = agreement_network(seed_store)
    fig = draw_agreement_network(g)
    ax = fig.axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["collaboration (1)"]
    labels = sorted(t.get_text() for t in ax.texts)
    assert labels == ["Ascent Solar Technologies, Inc.", "Norsk Hydro Produksjon AS"]
    assert ax.get_title() == "Agreement network: 2 parties, 1 agreement linking them"
    [edges] = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert tuple(edges.get_colors()[0][:3]) == pytest.approx(kind_colors()["collaboration"][:3])
    out = save_png(fig, tmp_path / "seed" / "network.png")
    assert out == tmp_path / "seed" / "network.png"
    width, height = _valid_png(out)
    assert width > 300 and height > 200


def test_nodes_sized_by_degree_and_edges_coloured_by_kind():
    g = _network()
    fig = draw_agreement_network(g, label_top=2)
    ax = fig.axes[0]
    circles, squares = [c for c in ax.collections if isinstance(c, PathCollection)]
    sizes = dict(zip(sorted(n for n in g if n != "d"), circles.get_sizes()))
    assert sizes["a"] == max(sizes.values())  # 5 agreement edges
    assert sizes["b"] > sizes["c"]  # 3 edges > 1 edge
    assert sizes["c"] == sizes["e"] == sizes["f"]
    assert len(squares.get_sizes()) == 1  # the person
    # one line per pair, coloured by the kind of most of the pair's agreements
    [lines] = [c for c in ax.collections if isinstance(c, LineCollection)]
    colors = kind_colors()
    assert len(lines.get_segments()) == 4
    got = {tuple(round(x, 4) for x in c[:3]) for c in lines.get_colors()}
    want = {
        tuple(round(x, 4) for x in to_rgba(colors[k])[:3])
        for k in ("credit", "merger", "employment", "license")
    }
    assert got == want
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "merger (1)",
        "credit (2)",
        "indenture (1)",
        "employment (1)",
        "license (1)",
        "person",
    ]
    assert sorted(t.get_text() for t in ax.texts) == ["Acme Corp.", "Bank, N.A."]  # label_top=2


def test_layout_is_reproducible_and_components_can_be_limited():
    g = _network()

    def offsets(fig):
        return [
            c.get_offsets().tolist()
            for c in fig.axes[0].collections
            if isinstance(c, PathCollection)
        ]

    assert offsets(draw_agreement_network(g)) == offsets(draw_agreement_network(g))
    fig = draw_agreement_network(g, largest_components=1, label_top=None)
    assert "4 parties, 5 agreements linking them" in fig.axes[0].get_title()
    assert "Lonely Inc." not in {t.get_text() for t in fig.axes[0].texts}


def test_empty_network_draws_a_note(tmp_path: Path):
    fig = draw_agreement_network(nx.MultiGraph())
    assert "no agreements" in [t.get_text() for t in fig.axes[0].texts]
    _valid_png(save_png(fig, tmp_path / "empty"))  # ".png" is added


def test_ownership_network_of_the_seed(seed_store, tmp_path: Path):
    g = ownership_network(seed_store)
    fig = draw_ownership_network(g)
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert "~23%" in texts  # approximately 23%
    assert {"Norsk Hydro Produksjon AS", "Ascent Solar Technologies, Inc."} <= texts
    _valid_png(save_png(fig, tmp_path / "ownership.png"))


def test_kind_per_year_chart_from_the_saved_query(seed_store, tmp_path: Path):
    result = run_saved(seed_store, "agreements-by-kind-year")
    for data in (result, result.to_dataframe(), result.records()):
        fig = kind_per_year_chart(data)
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["2007"]
        assert [p.get_height() for p in ax.patches] == [1]
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["collaboration"]
    _valid_png(save_png(fig, tmp_path / "kinds.png"))


def test_kind_per_year_chart_fills_years_and_stacks_kinds():
    rows = [
        {"year": 2005, "kind": "credit", "agreements": 2},
        {"year": 2005, "kind": "merger", "agreements": 1},
        {"year": 2008, "kind": "credit", "agreements": 3},
        {"year": None, "kind": "lease", "agreements": 4},
        {"year": float("nan"), "kind": "credit", "agreements": 1},
    ]
    fig = kind_per_year_chart(rows)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "2005",
        "2006",
        "2007",
        "2008",
        UNKNOWN_YEAR,
    ]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["merger", "credit", "lease"]
    # bars: per kind (schema order), per year; heights sum to the number of agreements
    heights = [p.get_height() for p in ax.patches]
    assert sum(heights) == 11
    assert heights[:5] == [1, 0, 0, 0, 0]  # merger
    assert heights[5:10] == [2, 0, 0, 3, 1]  # credit
    assert "11 agreements" in ax.get_title()
    fig = kind_per_year_chart(rows, include_unknown_year=False)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()][-1] == "2008"


def test_kind_colors_are_stable_and_distinct():
    colors = kind_colors()
    assert list(colors) == list(KINDS) and len(KINDS) == 20
    assert len({tuple(c) for c in colors.values()}) == 20
    more = kind_colors(["something_new", None])
    assert more["credit"] == colors["credit"] and "something_new" in more and "unknown" in more
