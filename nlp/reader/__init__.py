"""The filing reader: one 8-K, in any format EDGAR users keep, into the typed ``Filing``.

``read_filing(path)`` is the entry point (:mod:`.read`). The stages it calls, each a module:
:mod:`.formats` (what the bytes are), :mod:`.sgml` (EDGAR submissions), :mod:`.htmltext`
(HTML and inline XBRL to text), :mod:`.textnorm` (plain-text renderings), :mod:`.cover`,
:mod:`.items`, :mod:`.exhibits`, :mod:`.signature` and :mod:`.registrant` (the parts of a
report), :mod:`.dates` (dates as filings write them) and :mod:`.document` (the model they fill).
Extraction reads a ``Filing``; nothing here imports extraction.
"""

from .document import Exhibit, Filing, Header, Item, Signature
from .read import MAX_BYTES, TIME_BUDGET, read_filing

__all__ = [
    "MAX_BYTES",
    "TIME_BUDGET",
    "Exhibit",
    "Filing",
    "Header",
    "Item",
    "Signature",
    "read_filing",
]
