"""Normalise a plain-text rendering while keeping its lines, with a map back to the source.

Per line: trailing and leading blanks stripped, exotic spaces (no-break, thin, ...) made plain
spaces, invisible characters dropped; runs of blank lines become one blank line; lines that a
caller marks as artifacts (page headers such as "Edgar Filing: X - Form 8-K", ``<PAGE>``) are
dropped. ``segments`` maps the result back: ``(text_start, source_start, length)`` for every
copied run of characters, source offsets counted in the decoded source string.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

_EXOTIC_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]")
_EDGAR_TAG = re.compile(r"</?(?:PAGE|TABLE|CAPTION|S|C|FN|F\d+)>", re.I)
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]")

# Page furniture of text renderings: printed page headers, page markers, page numbers.
_ARTIFACT = re.compile(
    r"^(?:Edgar Filing:.{1,200}-\s*Form\s+8-K(?:/A)?"
    r"|<PAGE>\s*\d*"
    r"|Source:.{1,120}8-K.{0,60}"
    r"|Powered by Morningstar.*"
    r"|-?\s*\d{1,3}\s*-?"
    r")$",
    re.I,
)


def same_length_clean(raw: str) -> str:
    """The character replacements the normaliser makes without moving anything: EDGAR text
    tags and exotic or invisible characters become spaces. ``text[t:t+n] ==
    same_length_clean(source[s:s+n])`` for every run ``(t, s, n)`` of the map."""
    if "<" in raw:
        raw = _EDGAR_TAG.sub(lambda m: " " * len(m.group(0)), raw)
    return _INVISIBLE.sub(" ", _EXOTIC_SPACE.sub(" ", raw))


def is_artifact(line: str) -> bool:
    return bool(_ARTIFACT.match(line))


def normalise_lines(
    source: str,
    start: int = 0,
    end: int | None = None,
    drop: Callable[[str], bool] | None = is_artifact,
) -> tuple[str, list[tuple[int, int, int]]]:
    """Normalised text of ``source[start:end]`` and its segment map."""
    end = len(source) if end is None else end
    # the same-length replacements in one pass over the region: offsets stay the source's
    region = same_length_clean(source[start:end])
    out: list[str] = []
    segments: list[tuple[int, int, int]] = []
    pos = 0  # length of the text built so far
    blank_pending = False
    i = 0
    n = len(region)
    while i < n:
        j = region.find("\n", i)
        if j < 0:
            j = n
        raw = region[i:j]
        line = raw.strip()
        if not line:
            blank_pending = bool(out)
        elif drop is not None and len(line) < 240 and drop(line):
            pass
        else:
            lead = len(raw) - len(raw.lstrip())
            if out:
                sep = "\n\n" if blank_pending else "\n"
                out.append(sep)
                pos += len(sep)
            segments.append((pos, start + i + lead, len(line)))
            out.append(line)
            pos += len(line)
            blank_pending = False
        i = j + 1
    return "".join(out), segments


def to_source(segments: list[tuple[int, int, int]], offset: int) -> int | None:
    """The source offset of text offset ``offset`` (None for inserted line breaks)."""
    if not segments:
        return None
    k = bisect_right(segments, (offset, float("inf"), 0)) - 1
    if k < 0:
        return None
    t, s, n = segments[k]
    if offset - t <= n:
        return s + (offset - t)
    return None
