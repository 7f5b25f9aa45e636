"""Rewritings of a filing that change how it is written, not what it says.

Filings state the same facts in many hands: "December 18, 2007" or "Dec. 18, 2007", prose
wrapped at 60 or 80 columns, an exhibit index in capitals or not. Extraction should give the
same facts either way. Each perturbation here rewrites one such habit throughout a filing's raw
text (HTML markup left alone); :mod:`robustness` extracts the labelled filings as written and
rewritten and scores both against their gold facts. A perturbation returns the text unchanged
where the habit does not occur or the format does not have it.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_DATE = re.compile(r"\b(" + "|".join(_MONTHS) + r") (\d{1,2}), ((?:19|20)\d\d)\b")
_HTML = re.compile(r"(?i)<html|<p\b|<div\b|<td\b")
_PROSE_WIDTH = 60


@dataclass(frozen=True)
class Perturbation:
    """One way of writing a filing differently: its name, what it does, the rewrite."""

    name: str
    description: str
    rewrite: Callable[[str], str]


def _is_html(text: str) -> bool:
    return bool(_HTML.search(text[:20000]))


def text_only(rewrite: Callable[[str], str], text: str) -> str:
    """``rewrite`` applied to the text between an HTML page's tags (all of a plain text)."""
    if not _is_html(text):
        return rewrite(text)
    return re.sub(r"(?s)(<[^>]*>)|([^<]+)", lambda m: m.group(1) or rewrite(m.group(2)), text)


def abbreviated_months(text: str) -> str:
    """ "December 18, 2007" -> "Dec. 18, 2007" (May stays May)."""

    def short(m: re.Match) -> str:
        month = m.group(1)
        return m.group(0) if month == "May" else f"{month[:3]}. {m.group(2)}, {m.group(3)}"

    return text_only(lambda t: _DATE.sub(short, t), text)


def day_month_year(text: str) -> str:
    """ "December 18, 2007" -> "18 December 2007"."""
    return text_only(lambda t: _DATE.sub(r"\2 \1 \3", t), text)


def curly_quotes(text: str) -> str:
    """Straight double quotes and apostrophes -> typographic ones."""

    def curl(t: str) -> str:
        t = re.sub(r'"(?=\w)', "\u201c", t)
        t = re.sub(r'(?<=[\w.,)])"', "\u201d", t)
        return t.replace("'s", "\u2019s")

    return text_only(curl, text)


def rewrapped_prose(text: str) -> str:
    """A plain-text report's prose paragraphs filled again at 60 columns (tables, lists, index
    lines and indented blocks kept as they are)."""
    if _is_html(text):
        return text
    parts = re.split(r"(\n[ \t]*\n)", text)
    return "".join(_refilled(p) if _is_prose(p) else p for p in parts)


def _is_prose(paragraph: str) -> bool:
    lines = paragraph.split("\n")
    return (
        len(" ".join(lines)) > 70
        and "<" not in paragraph
        and all(len(line) > 40 for line in lines[:-1])
        and all(len(line) - len(line.lstrip()) < 8 and "\t" not in line for line in lines)
        and not any(
            re.match(r"\s*(?:\(?[0-9a-z]{1,4}[.)]|Exhibit|EX-|\d+(?:\.\d+)?\s)", line)
            for line in lines
        )
        and not any(re.search(r"\S {2,}\S", line.strip()) for line in lines)
    )


def _refilled(paragraph: str) -> str:
    indent = re.match(r"[ \t]*", paragraph).group(0)
    words = " ".join(line.strip() for line in paragraph.split("\n"))
    return textwrap.fill(
        words,
        _PROSE_WIDTH,
        initial_indent=indent,
        expand_tabs=False,
        break_long_words=False,
        break_on_hyphens=False,
    )


def index_in_capitals(text: str) -> str:
    """A plain-text report's exhibit section (from its last Item 9.01 / Item 7 heading to the
    signature) written in capitals, as many reports of the 1990s print it."""
    if _is_html(text):
        return text
    headings = list(re.finditer(r"(?im)^[ \t]*item[ \t]*(?:9\.01|7)\b", text))
    if not headings:
        return text
    start = headings[-1].start()
    signature = re.search(r"(?m)^[ \t]*SIGNATURES?\b", text[start:])
    end = start + signature.start() if signature else len(text)
    if "<" in text[start:end]:
        return text
    return text[:start] + text[start:end].upper() + text[end:]


PERTURBATIONS: dict[str, Perturbation] = {
    p.name: p
    for p in (
        Perturbation(
            "abbreviated-months", "December 18, 2007 -> Dec. 18, 2007", abbreviated_months
        ),
        Perturbation("day-month-year", "December 18, 2007 -> 18 December 2007", day_month_year),
        Perturbation(
            "curly-quotes", 'straight "quotes" -> typographic \u201cquotes\u201d', curly_quotes
        ),
        Perturbation(
            "rewrapped-prose", "plain-text prose filled again at 60 columns", rewrapped_prose
        ),
        Perturbation(
            "index-in-capitals", "plain-text exhibit section in capitals", index_in_capitals
        ),
    )
}
