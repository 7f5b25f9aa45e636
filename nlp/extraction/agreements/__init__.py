"""Agreements the report says were entered into, amended or terminated, extracted in typed stages.

``mentions`` finds candidate mentions and their titles; ``events`` classifies what each mention's
sentence reports (entered / amended / terminated, or background, future, description); ``dates``,
``parties`` and ``exhibits`` give a record its date, parties and exhibit number; ``ledger`` links a
later mention to the record it names; ``listed`` reads the items of a list a lead sentence opens;
``merge`` consolidates the records; ``pipeline`` is the flow.
"""

from .context import build_context
from .exhibits import exhibits_in
from .mentions import find_mentions, title_key
from .model import AGREEMENT_ITEMS, Agreement, Context, Mention
from .parties import Resolver, list_parties
from .pipeline import extract_agreements

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
