"""The typed objects the agreement stages pass along: the report's context, mentions and records."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# Items of Form 8-K that report agreements (with the pre-2004 Items 2 and 5)
AGREEMENT_ITEMS = {"1.01", "1.02", "2.01", "2.03", "5.02", "2", "5"}
# Items never read for agreements: the exhibit list and financial statements (Item 9.01, old
# Item 7). Every other item is: the annotation rules say the item does not decide, an agreement
# entered into, amended or terminated counts under whichever item reports it.
NO_AGREEMENT_ITEMS = frozenset({"9.01", "7"})
# Items that report a completed acquisition: the agreement a deal closed under is reported as
# entered
COMPLETION_ITEMS = ("2.01", "2")
# The prose before the items of a report that files only financial statements or exhibits (an
# 8-K/A's Explanatory Note): it restates the event an earlier report told. Its agreements were
# that report's; the stakes it states hold once the event happened, so they are read as in a
# completion item.
RESTATED_EVENT = "restated"
# where a stated stake is one the completed deal left: the completion items and a restatement
STAKE_COMPLETION_SECTIONS = (*COMPLETION_ITEMS, RESTATED_EVENT)
# Items whose event is the agreement itself (entered into, terminated, a financing): the date
# the section opens with ("On May 23, 2008, ...") is the date of an agreement it reports
# undated. Elsewhere the section's date is another event's: an officer's appointment (5.02), a
# closing (2.01), a press release (8.01).
AGREEMENT_EVENT_ITEMS = frozenset({"1.01", "1.02", "2.03"})
REGISTRANT = (
    "__REGISTRANT__"  # placeholder party for "the Company", resolved to the registrant's name
)


@dataclass
class Context:
    """What the whole report knows, shared by the sections: registrant, aliases, exhibits."""

    text: str
    registrant: str | None
    report_date: str | None
    registrant_aliases: set[str] = field(default_factory=set)
    org_aliases: dict[str, str] = field(default_factory=dict)  # alias (lower) -> full name
    orgs: list[str] = field(default_factory=list)  # full names in order of first mention
    persons: list[str] = field(default_factory=list)
    exhibit_index: list[tuple[str, str]] = field(default_factory=list)  # (number, description)
    # collective terms ("the guarantors") -> the organisations they gather
    org_groups: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Agreement:
    title: str
    kind: str
    action: str | None
    date: str | None
    parties: list[str]
    exhibit: str | None
    start: int
    end: int
    dated: str | None = None
    aliases: set[str] = field(default_factory=set)
    key: str = ""
    background: bool = False  # named only as background (prior, previously disclosed, long dated)
    # its mention names the counterparty right after the title ("a Supply Agreement with X"):
    # two such records of one title with no counterparty in common are two agreements
    named_with: bool = False

    def copy(self) -> Agreement:
        """A record of its own (parties and aliases not shared): stages return new records."""
        return replace(self, parties=list(self.parties), aliases=set(self.aliases))

    def to_fact(self, text: str) -> dict:
        return {
            "title": self.title,
            "kind": self.kind,
            "action": self.action,
            "date": self.date,
            "parties": list(self.parties),
            "exhibit": self.exhibit,
            "evidence": {"start": self.start, "end": self.end, "text": text[self.start : self.end]},
        }


@dataclass
class Mention:
    start: int
    end: int
    title: str
    generic: bool
    reference: bool  # "the Agreement": points back to an agreement already named


@dataclass(frozen=True)
class Sentence:
    """One sentence of an item section and what its wording says about the event it reports."""

    start: int
    end: int
    text: str
    low: str  # lower case; mentions and item headings blanked when the verb is outside them
    has_term: bool
    has_amend: bool
    has_enter: bool
    is_future: bool
    conditional: bool  # opens with "If", "Upon", "Subject to", ...
    background_at: tuple[int, ...]  # offsets of "as previously disclosed" and the like


@dataclass(frozen=True)
class Event:
    """What a sentence reports about one mention's agreement."""

    action: str | None  # entered / amended / terminated, or None (background, future, description)
    was_background: (
        bool  # an "entered" (or an earlier "amended") demoted to background: previously disclosed,
        # prior, long dated
    )
    prior: bool  # named as an existing or prior agreement
