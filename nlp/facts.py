"""The facts of one filing in the ``pactgraph.facts/v1`` format, as types.

These are what extraction hands to the graph builder and what ``pactgraph extract --json``
prints; hand-checked facts (the evaluation's gold files) use the same format. The format is also
written as a JSON schema, ``data/facts.schema.json``, shipped with the package and read with
:func:`facts_schema`; a test keeps the types and the schema in agreement.

A key marked ``NotRequired`` may be left out of hand-made facts (gold files carry no evidence,
no aliases and no file hash); the extractor always writes it. A value typed ``... | None`` is
null when the filing does not state it.

The module is written without ``from __future__ import annotations`` so that ``NotRequired``
is seen when the classes are made (``__required_keys__``) on every supported Python.
"""

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, NotRequired, TypedDict

SCHEMA_ID = "pactgraph.facts/v1"

Form = Literal["8-K", "8-K/A"]
# what the reported event did to the agreement
Action = Literal["entered", "amended", "terminated"]
# the coarse kinds of agreement, listed here once (``pactgraph.nlp.kinds.KINDS`` is this tuple)
Kind = Literal[
    "merger",
    "purchase_sale",
    "securities_offering",
    "credit",
    "indenture",
    "security_guarantee",
    "employment",
    "separation",
    "indemnification",
    "supply",
    "license",
    "collaboration",
    "joint_venture",
    "distribution",
    "services",
    "lease",
    "settlement",
    "governance",
    "repurchase",
    "other",
]
# how the report qualifies a percentage; "exact" plus the keys of ``data/qualifiers.json``
Qualifier = Literal[
    "exact",
    "approximately",
    "at_least",
    "at_most",
    "more_than",
    "less_than",
]


class Evidence(TypedDict):
    """Where a fact is stated: character offsets into the filing's extracted text, and that
    text (``text == filing_text[start:end]``)."""

    start: int
    end: int
    text: str


class Source(TypedDict):
    """The file the facts were read from."""

    file: str  # the path, relative to the corpus folder when the file lies in one ("filings/x")
    sha256: NotRequired[str]
    url: NotRequired[str]  # where the filing is published, when known


class Registrant(TypedDict):
    """The company that filed the report, as its cover page or SGML header gives it."""

    name: str | None  # null only when neither the cover page nor a header names it
    cik: NotRequired[str | None]  # ten digits
    state_of_incorporation: NotRequired[str | None]
    irs_ein: NotRequired[str | None]
    commission_file_number: NotRequired[str | None]


class FilingFacts(TypedDict):
    """What the report says about itself."""

    form: Form
    accession: NotRequired[str | None]
    registrant: Registrant
    date_of_report: str | None  # ISO date, YYYY-MM-DD
    items: list[str]  # item numbers, sorted: "1.01", "9.01"; pre-2004 reports "5", "7"


class Agreement(TypedDict):
    """A material agreement the report says was entered into, amended or terminated."""

    title: str
    kind: Kind
    action: Action
    date: str | None  # ISO date the agreement was entered into, amended or terminated
    parties: list[str]  # full names as first given
    exhibit: str | None  # the exhibit number the report files it as: "10.1", "10(aa)"
    evidence: NotRequired[Evidence]


class Stake(TypedDict):
    """``holder`` owns ``percent`` of ``target`` once the reported event has happened."""

    holder: str
    target: str
    percent: float  # 0 to 100
    qualifier: Qualifier
    evidence: NotRequired[Evidence]


class Person(TypedDict):
    """A signatory or an officer or director the report names, with the title it gives."""

    name: str
    title: NotRequired[str | None]
    organization: NotRequired[str | None]


class Alias(TypedDict):
    """A defined term the report gives an organisation ("Hydro"), spelled as first written,
    and the full name it stands for."""

    alias: str
    name: str


class Facts(TypedDict):
    """The facts one 8-K report states."""

    schema: Literal["pactgraph.facts/v1"]
    source: Source
    filing: FilingFacts
    agreements: list[Agreement]
    stakes: list[Stake]
    people: list[Person]
    aliases: NotRequired[list[Alias]]


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return resources.files("pactgraph.nlp").joinpath("data/facts.schema.json").read_text("utf-8")


def facts_schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) of :class:`Facts`, a fresh copy on each call."""
    return json.loads(_schema_text())
