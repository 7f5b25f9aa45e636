"""The counterparty written right after an agreement's title: "a Supply Agreement with Orbit
Corp.", "..., dated as of June 28, 1996, with ESP Software Services, Inc." (its dated clause
skipped). Two agreements of one title, each named so, are told apart by it; a sentence that
introduces several agreements so is enumerated by them."""

from __future__ import annotations

import re

from .dates import after_dated

# "with" and the capitalised words of a name after it (the title's date already skipped)
_WITH_NAME = re.compile(r",?\s+with\s+((?:[A-Z][\w&.\-]*,?\s+){0,5}[A-Z][\w&.\-]*)")


def counterparty_at(text: str, title_end: int, limit: int) -> str | None:
    """The name written after "with" right after a title ending at ``title_end`` (and its
    dated clause), before ``limit``."""
    with_ = _WITH_NAME.match(text, after_dated(text, title_end, limit), limit)
    return with_.group(1) if with_ else None
