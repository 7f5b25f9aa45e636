"""SPARQL text as text: finding a query's form and its keywords without being fooled by strings,
IRIs or comments (a cheap look before a parser runs; decisions that matter are taken on the
parsed query)."""

from __future__ import annotations

import re

__all__ = ["FORM_KEYWORD", "query_form", "strip_comments_and_strings"]

_LEX = re.compile(
    r'(?P<lstr3>"""(?:[^"\\]|\\.|"(?!""))*""")'
    r"|(?P<sstr3>'''(?:[^'\\]|\\.|'(?!''))*''')"
    r'|(?P<lstr>"(?:[^"\\\n]|\\.)*")'
    r"|(?P<sstr>'(?:[^'\\\n]|\\.)*')"
    r"|(?P<iri><[^<>\"{}|^`\\\s]*>)"
    r"|(?P<comment>\#[^\n]*)",
    re.S,
)


def strip_comments_and_strings(sparql: str) -> str:
    """``sparql`` with comments removed and string literals / IRIs blanked to same-length fillers.

    Offsets stay the same, so a keyword found in the result is at the same place in ``sparql``.
    Used to find keywords (``WHERE``, ``SERVICE``, ``FROM``) without being fooled by text inside
    strings, IRIs or comments.
    """

    def blank(m: re.Match) -> str:
        text = m.group(0)
        if m.lastgroup == "iri":
            return "<" + "_" * (len(text) - 2) + ">"
        if m.lastgroup == "comment":
            return " " * len(text)
        return '"' + "_" * (len(text) - 2) + '"'

    return _LEX.sub(blank, sparql)


#: the keyword that starts a query or an update
FORM_KEYWORD = re.compile(
    r"(?<![\w?$:])(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|"
    r"CREATE|DROP|"
    r"COPY|MOVE|ADD|WITH)(?![\w:])",
    re.I,
)


def query_form(sparql: str) -> str:
    """The form of a query: ``select``, ``ask``, ``construct``, ``describe`` or ``update``."""
    m = FORM_KEYWORD.search(strip_comments_and_strings(sparql))
    if not m:
        return "unknown"
    word = m.group(1).lower()
    return word if word in ("select", "ask", "construct", "describe") else "update"
