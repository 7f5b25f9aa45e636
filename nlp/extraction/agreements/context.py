"""The report's context shared by all sections: organisations, their aliases, people, exhibits."""

from __future__ import annotations

import re

from ...orgs import (
    REGISTRANT_REFS,
    alias_after,
    exact_name,
    find_orgs,
    name_tokens,
    other_legal_form,
)
from ...people import find_persons
from .acronyms import spelled_out
from .groups import group_terms
from .mentions import HEAD_RE
from .model import Context

# a name inside a defined term's quotes ("(“JV Company”)") is the alias of the name before it
_INSIDE_QUOTES = re.compile(r"\((?:the\s+)?[“\"”]\s*$")
# a defined term a little after a name, with only an address or description between: '... ("Acme")'
_FAR_ALIAS = re.compile(r"\((?:the\s+)?[“\"]([A-Z][^”\"]{0,40})[”\"]\)")
# a sentence end, a paragraph break or an agreement title between a name and a term: the term
# is another's (a single line break is only where hard-wrapped prose was filled)
_BREAK = re.compile(r"[.;]\s|\n[ \t]*\n")


def _alias_of(text: str, start: int, end: int, region_orgs, k: int) -> str | None:
    """The defined term of the ``k``-th organisation of the region at ``start``: right after it,
    or within 160 characters when nothing breaks in between."""
    org = region_orgs[k]
    alias, _ = alias_after(text, start + org.end)
    if alias is not None:
        return alias
    limit = start + (region_orgs[k + 1].start if k + 1 < len(region_orgs) else end - start)
    far = _FAR_ALIAS.search(text, start + org.end, min(limit, start + org.end + 160))
    between = text[start + org.end : far.start()] if far else ""
    if far and not _BREAK.search(between) and not HEAD_RE.search(between):
        term = far.group(1).strip()
        return None if _spells_words_before(text, far.start(), term) else term
    return None


def _spells_words_before(text: str, at: int, term: str) -> bool:
    """Whether an acronym term abbreviates the words right before its bracket at ``at`` ("an
    Alcoa World Alumina and Chemicals ("AWAC") affiliate"): the term is theirs, not a name's
    further back."""
    before = text[max(0, at - 120) : at].rstrip()
    spelled = spelled_out(term, before)
    return bool(spelled) and re.sub(r"\s+", " ", before).endswith(spelled)


def _abbreviates(alias: str, name: str) -> bool:
    """Whether a defined term's first word is a word of ``name`` ("Delphi" of "Delphi
    S.a.r.l.")."""
    first = name_tokens(alias)[:1]
    return bool(first) and first[0] in name_tokens(name)


def _owner_of_alias(region_orgs, aliases: list[str | None], k: int) -> str | None:
    """The defined term of the ``k``-th organisation, or of the one before it when the term
    abbreviates that one and not this ("Delphi S.a.r.l., a company controlled by EQT V Limited
    (“Delphi”)": the term names the company described, not its owner)."""
    own = aliases[k]
    if own is not None and k > 0 and aliases[k - 1] is None:
        if _abbreviates(own, region_orgs[k - 1].name) and not _abbreviates(
            own, region_orgs[k].name
        ):
            return None  # given to the one before, below
    nxt = aliases[k + 1] if k + 1 < len(aliases) else None
    if own is None and nxt is not None and k + 1 < len(region_orgs):
        if _abbreviates(nxt, region_orgs[k].name) and not _abbreviates(
            nxt, region_orgs[k + 1].name
        ):
            return nxt
    return own


def _add_org(ctx: Context, registrant: str | None, full: str, alias: str | None, seen: set) -> None:
    # (a name of another legal form is another entity: the trust's operating partnership
    # "Gulfstream Retail Properties, L.P." is not the registrant "... Properties Trust")
    if registrant and (
        (exact_name(full, registrant) and not other_legal_form(full, registrant))
        or full.upper() == registrant.upper()
    ):
        if alias:
            ctx.registrant_aliases.add(alias.lower())
        return
    toks = name_tokens(full)
    if toks not in seen:
        seen.add(toks)
        ctx.orgs.append(full)
    if alias and alias.lower() not in REGISTRANT_REFS and not HEAD_RE.search(alias):
        ctx.org_aliases.setdefault(alias.lower(), full)
    elif alias and alias.lower() in REGISTRANT_REFS and not registrant:
        ctx.registrant = full


def build_context(
    text: str,
    registrant: str | None,
    report_date: str | None,
    exhibit_index: list[tuple[str, str]],
    regions: list[tuple[int, int]],
) -> Context:
    """The organisations, aliases and people of ``regions`` of ``text``."""
    ctx = Context(text, registrant, report_date, exhibit_index=exhibit_index)
    seen_orgs: set[tuple[str, ...]] = set()
    for start, end in regions:
        region_orgs = [
            o
            for o in find_orgs(text[start:end])
            if not _INSIDE_QUOTES.search(text[max(0, start + o.start - 8) : start + o.start])
        ]
        region_persons = find_persons(text[start:end])
        named = sorted(region_orgs + region_persons, key=lambda n: n.start)
        for term, members in group_terms(text[start:end], named).items():
            ctx.org_groups.setdefault(term, members)
        aliases = [_alias_of(text, start, end, region_orgs, k) for k in range(len(region_orgs))]
        for k, org in enumerate(region_orgs):
            _add_org(ctx, registrant, org.name, _owner_of_alias(region_orgs, aliases, k), seen_orgs)
        for person in region_persons:
            if person.name not in ctx.persons:
                ctx.persons.append(person.name)
    if registrant:
        for word in name_tokens(registrant)[:1]:
            ctx.registrant_aliases.add(word)
    return ctx
