"""A company's neighbourhood as a drawing: owners, counterparties and holdings around it.

Laid out on the server (a ring around the company, owners at the top, holdings at the
bottom), drawn as inline SVG by a template: no script, the same picture on every load.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

MAX_NODES = 40
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
    """The drawing of ``page``'s neighbourhood, the :data:`MAX_NODES` closest shown."""
    every = neighbours(page)
    if not every:
        return None
    every.sort(key=lambda n: (_ORDER[n.relation], -(n.agreements + 10 * len(n.percents)), n.name))
    shown = sorted(every[:MAX_NODES], key=lambda n: (_ORDER[n.relation], n.name))
    count = len(shown)
    rx, ry = 250.0, 120.0 + 5.0 * min(count, 24)
    width, height = 940, int(2 * ry + 90)
    cx, cy = width / 2, height / 2
    for i, n in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * (i + 0.5) / count - math.pi / count
        cos, sin = math.cos(angle), math.sin(angle)
        n.x, n.y = cx + rx * cos, cy + ry * sin
        n.anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        n.lx = n.x + (12 if n.anchor == "start" else -12 if n.anchor == "end" else 0)
        if n.anchor != "middle":  # beside the node: name, caption below it
            n.ly = n.y + 4
        elif sin > 0:  # below the node
            n.ly = n.y + 24
        else:  # above the node: name and caption both above it
            n.ly = n.y - 12 - (13 if n.caption else 0)
    return Drawing(width, height, cx, cy, shown, len(every) - count)
