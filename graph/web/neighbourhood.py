"""A company's neighbourhood as a drawing: owners, counterparties and holdings around it.

Laid out on the server (owners above the company, holdings below, counterparties beside it),
drawn as inline SVG by a template: no script, the same picture on every load.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

_ORDER = {"owner": 0, "counterparty": 1, "holding": 2}


@dataclass
class Node:
    iri: str
    name: str
    relation: str  # owner, counterparty or holding (the first that applies)
    agreements: int = 0
    percents: list[str] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    anchor: str = "middle"  # text-anchor of its label
    lx: float = 0.0
    ly: float = 0.0

    @property
    def caption(self) -> str:
        bits = [f"{p}%" for p in self.percents[:2]]
        if self.agreements:
            bits.append(f"{self.agreements} agreement{'s' * (self.agreements != 1)}")
        return " · ".join(bits)

    @property
    def short(self) -> str:
        return self.name if len(self.name) <= 30 else self.name[:28] + "…"


@dataclass
class Drawing:
    width: int
    height: int
    cx: float
    cy: float
    nodes: list[Node]
    left_out: int


def neighbours(page) -> list[Node]:
    """The nodes next to ``page.iri`` (an entity page): stake holders in it, holdings, and
    the other parties of its agreements (those met most), with the agreements shared."""
    nodes: dict[str, Node] = {}

    def node(iri: str, name: str, relation: str) -> Node:
        n = nodes.get(iri)
        if n is None:
            n = nodes[iri] = Node(iri, name, relation)
        elif _ORDER[relation] < _ORDER[n.relation]:
            n.relation = relation
        return n

    for s in page.stakes_in:
        if s.holder != page.iri:
            _add_percent(node(s.holder, s.holder_name, "owner"), s.percent)
    for s in page.stakes_held:
        if s.target != page.iri:
            _add_percent(node(s.target, s.target_name, "holding"), s.percent)
    for iri, name, count in page.neighbours:
        node(iri, name, "counterparty").agreements = count
    return list(nodes.values())


def _add_percent(n: Node, percent: str) -> None:
    text = f"{float(percent):g}"
    if text not in n.percents:
        n.percents.append(text)


def layout(page) -> Drawing | None:
    """The drawing of ``page``'s neighbourhood: owners in a row above the company, holdings in
    a row below, counterparties (those met most) in two columns beside it, so that no label
    runs into another."""
    every = neighbours(page)
    if not every:
        return None
    every.sort(key=lambda n: (-(n.agreements + 10 * len(n.percents)), n.name))
    groups = {r: [n for n in every if n.relation == r][:cap] for r, cap in _CAPS.items()}
    sides = groups["counterparty"]
    half = (len(sides) + 1) // 2
    ry = max(60.0, 18.0 * (half - 1))
    above = _ROW_GAP + 50 if groups["owner"] else 40.0
    below = _ROW_GAP + 50 if groups["holding"] else 50.0
    width, height = 960, int(above + 2 * ry + below)
    cx, cy = width / 2, above + ry
    _column(sides[:half], cx, cy, 230.0, ry, "start")
    _column(sides[half:], cx, cy, -230.0, ry, "end")
    _row(groups["owner"], cx, cy - ry - _ROW_GAP, above=True)
    _row(groups["holding"], cx, cy + ry + _ROW_GAP, above=False)
    shown = [n for g in groups.values() for n in g]
    return Drawing(width, height, cx, cy, shown, len(every) - len(shown))


_CAPS = {"owner": 4, "holding": 4, "counterparty": 22}
_ROW_GAP = 70.0


def _column(nodes: list[Node], cx: float, cy: float, rx: float, ry: float, anchor: str) -> None:
    """Nodes on a curve beside the centre (``rx`` < 0: the left), top to bottom, evenly
    spaced in height (labels never closer than 36 px)."""
    for i, n in enumerate(nodes):
        dy = 0.0 if len(nodes) == 1 else -1 + 2 * i / (len(nodes) - 1)
        n.x = cx + rx * (0.6 + 0.4 * math.sqrt(1 - dy * dy))
        n.y = cy + ry * dy
        n.anchor, n.lx, n.ly = anchor, n.x + (12 if rx > 0 else -12), n.y + 4


def _row(nodes: list[Node], cx: float, y: float, above: bool) -> None:
    """Nodes in a row centred on ``cx``, labels above (owners) or below (holdings)."""
    for i, n in enumerate(nodes):
        n.x, n.y = cx + 220.0 * (i - (len(nodes) - 1) / 2), y
        n.anchor, n.lx = "middle", n.x
        n.ly = n.y - 12 - (13 if n.caption else 0) if above else n.y + 24
