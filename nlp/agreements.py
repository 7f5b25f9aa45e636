"""Agreements the report says were entered into, amended or terminated.

The extractor lives in ``pactgraph.nlp.extraction.agreements`` as typed stages (mentions, events,
dates, parties, exhibits, merge); this module keeps the names other modules import from here.
"""

from __future__ import annotations

from .extraction.agreements import (
    AGREEMENT_ITEMS,
    Agreement,
    Context,
    Mention,
    Resolver,
    build_context,
    exhibits_in,
    extract_agreements,
    find_mentions,
    list_parties,
    title_key,
)

__all__ = [
    "AGREEMENT_ITEMS",
    "Agreement",
    "Context",
    "Mention",
    "Resolver",
    "build_context",
    "exhibits_in",
    "extract_agreements",
    "find_mentions",
    "list_parties",
    "title_key",
]
