"""Names written as one list ("A, B and C"): which of a sentence's name spans run together.

A span is anything with a place in the text: a mention with ``start`` and ``end``, or a
``(start, end, name)`` tuple. What may stand between two items of one list (``gap``) is the
caller's: persons are joined by a comma or "and"; organisations may also carry a defined term
between ("A (“Alpha”) and B").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

Bounds = Callable[[Any], tuple[int, int]]


def mention_bounds(span: Any) -> tuple[int, int]:
    """Where a mention with ``start`` and ``end`` attributes stands."""
    return span.start, span.end


def tuple_bounds(span: tuple) -> tuple[int, int]:
    """Where a ``(start, end, name)`` tuple stands."""
    return span[0], span[1]


def _joined(text: str, gap: re.Pattern, end: int, start: int) -> bool:
    return gap.fullmatch(text, end, start) is not None


def list_runs(
    spans: Sequence, text: str, gap: re.Pattern, bounds: Bounds = mention_bounds
) -> list[list]:
    """``spans`` (in text order) grouped into lists: two neighbours with only ``gap`` between
    are one list."""
    runs: list[list] = []
    for span in spans:
        if runs and _joined(text, gap, bounds(runs[-1][-1])[1], bounds(span)[0]):
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def listed_from(
    spans: Sequence,
    text: str,
    pos: int,
    gap: re.Pattern,
    bounds: Bounds = mention_bounds,
    lead: int = 3,
) -> list:
    """The list that opens at ``pos`` (its first item at most ``lead`` characters on)."""
    out: list = []
    for span in spans:
        start, end = bounds(span)
        if start < pos:
            continue
        if not (start - pos <= lead if not out else _joined(text, gap, pos, start)):
            break
        out.append(span)
        pos = end
    return out


def listed_before(
    spans: Sequence, text: str, index: int, gap: re.Pattern, bounds: Bounds = mention_bounds
) -> list:
    """The items listed before ``spans[index]`` in its list, nearest first ("A, B and C": B and
    A for C)."""
    out: list = []
    while index > 0 and _joined(text, gap, bounds(spans[index - 1])[1], bounds(spans[index])[0]):
        index -= 1
        out.append(spans[index])
    return out
