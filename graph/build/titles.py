"""The contract key of an agreement: its title without the words that say a document changes
another one, so that an amendment and the contract it amends share a key (``pg:titleKey``,
written at build time and matched across filings by the lifecycle links). Another job than
extraction's ``title_key`` (``nlp/extraction/agreements/mentions.py``), which keys the mentions
of one report: "Amendment No. 1 to the Credit Agreement" is its own mention there, and the
credit agreement's contract here."""
from __future__ import annotations

import re

__all__ = ["contract_key"]

_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d+(?:st|nd|rd|th)|omnibus|global|master)"
)
# Words that say a document changes another one; removed (repeatedly) to get the base title.
_CHANGE_PREFIXES = [
    (rf"^(?:{_ORDINAL}\s+)?(?:amendment|waiver|extension|modification|consent)(?:\s+(?:no\.?|number)\s*\S+)?"
     r"(?:\s+and\s+(?:waiver|consent))?\s+(?:to|of|under)\s+(?:the\s+)?"),
    rf"^(?:{_ORDINAL}\s+)?amended\s+and\s+restated\s+",
    r"^restated\s+",
    r"^amended\s+",
]
_SUFFIXES = [r",?\s+as\s+amended.*$", r"\s+dated\s+.*$"]


def contract_key(title: str) -> str:
    """The title of the underlying contract: ``"Amendment No. 2 to Three-Year Credit Agreement"``
    and ``"Second Amended and Restated Three-Year Credit Agreement"`` give
    ``"three-year credit agreement"``."""
    t = " ".join(title.lower().replace("\u2019", "'").split())
    t = re.sub(r"^(?:the|an?)\s+", "", t)
    changed = True
    while changed:
        changed = False
        for pattern in _CHANGE_PREFIXES + _SUFFIXES:
            new = re.sub(pattern, "", t).strip()
            if new and new != t:
                t, changed = new, True
    t = re.sub(r"[\"“”]", "", t)
    return re.sub(r"\s+", " ", t).strip(" ,.")
