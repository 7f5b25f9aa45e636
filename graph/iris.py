"""Stable IRIs for everything pactgraph puts in the graph.

The same facts give the same IRIs on every run and machine (no counters, no blank nodes, no
clock), so re-ingesting a filing replaces its named graph with an identical one and the same
company named in different filings meets itself on one node.

Scheme (base ``https://pactgraph.org/id/``)::

    filing/{accession}                 filing with an accession number
    filing/sha256-{hex20}              filing without one (first 80 bits of the file's SHA-256)
    org/cik-{cik}                      registrant with a CIK
    org/{normalised-name}              any other organization ("alcoa", "norsk-hydro-produksjon")
    person/{normalised-name}           natural person
    {filing}/item/{number}             report item
    {filing}/extraction                the activity that read the filing
    {filing}/agreement/{title}-{h8}    agreement: filing + title + parties (+ action, date, exhibit)
    {agreement}/party/{party-key}      party role
    {filing}/stake/{holder}--{target}  ownership stake
    {filing}/position/{person}-{h8}    a person's title at an organization
    {fact}/evidence[/span|/position|/quote]   Web Annotation, target and selectors

Named graphs: ``https://pactgraph.org/graph/filing/{key}`` (the filing's key as above).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from rdflib import URIRef

from pactgraph.nlp.legal_forms import iri_tail_words
from pactgraph.nlp.names import fold as _fold
from pactgraph.nlp.names import name_words

BASE = "https://pactgraph.org/id/"
GRAPH_BASE = "https://pactgraph.org/graph/"
LIFECYCLE_GRAPH = URIRef(GRAPH_BASE + "lifecycle")
RESOLUTION_GRAPH = URIRef(GRAPH_BASE + "resolution")
# Graphs derived from the filing graphs after an ingest (links between filings, preferred names):
# no filing's
DERIVED_GRAPHS = frozenset({LIFECYCLE_GRAPH, RESOLUTION_GRAPH})

# Legal-form words that end an organization's name; ignored when names are compared
# (tokens after dots, commas and apostrophes are removed and the name is lower-cased).
LEGAL_FORMS, _TWO_WORD_FORMS = iri_tail_words()

_ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")


def normalize_name(name: str) -> str:
    """The resolution key of an organization name.

    ``"Alcoa Inc."``, ``"ALCOA INC"`` and ``"Alcoa Incorporated"`` all give ``"alcoa"``;
    ``"The Bank of New York Mellon"`` gives ``"bank of new york mellon"``.
    """
    tokens = name_words(name)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for pair in _TWO_WORD_FORMS:
            if len(tokens) > 2 and tuple(tokens[-2:]) == pair:
                tokens = tokens[:-2]
                changed = True
        if len(tokens) > 1 and tokens[-1] in LEGAL_FORMS:
            tokens = tokens[:-1]
            changed = True
    return " ".join(tokens)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def plural_variant(key: str, other: str) -> bool:
    """Whether two resolution keys of two words or more differ only in the number of one word
    after the first (``"agilent technology"`` / ``"agilent technologies"``).

    Not a rule for matching names across filings (two companies may differ so); the builder
    uses it only to read a filing's near-miss of its own registrant's name as that registrant.
    """
    a, b = key.split(), other.split()
    if len(a) != len(b) or len(a) < 2 or a[0] != b[0]:
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and _singular(diff[0][0]) == _singular(diff[0][1])


def normalize_person(name: str) -> str:
    """The resolution key of a person's name (case, punctuation and accents ignored)."""
    return " ".join(name_words(name))


def digest(*parts: object, length: int = 8) -> str:
    """Short stable hash of the parts (sha256 over their text joined by a separator)."""
    text = "\u241f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def slug(text: str, limit: int = 60) -> str:
    """IRI-safe path segment: lower-case words joined by '-', long ones cut and hashed."""
    words = re.findall(r"[a-z0-9]+", _fold(text))
    s = "-".join(words)
    if not s:
        return "x" + digest(text)
    if len(s) > limit:
        s = s[:limit].rstrip("-") + "-" + digest(text)
    return s


def filing_key(accession: str | None, sha256: str | None, file: str | None = None) -> str:
    """The key of a filing: its accession number, else the hash of its content (or path)."""
    if accession and _ACCESSION.match(accession.strip()):
        return accession.strip()
    if accession:
        return "acc-" + slug(accession)
    if sha256:
        return "sha256-" + sha256.strip().lower()[:20]
    return "file-" + digest(file or "", length=16)


def filing_iri(key: str) -> URIRef:
    return URIRef(f"{BASE}filing/{key}")


def graph_iri(key: str) -> URIRef:
    return URIRef(f"{GRAPH_BASE}filing/{key}")


def filing_of_graph(graph: str) -> URIRef:
    """The filing IRI of a filing's named graph (the inverse of :func:`graph_iri`)."""
    return filing_iri(str(graph).removeprefix(f"{GRAPH_BASE}filing/"))


def org_iri(name: str, cik: str | None = None) -> URIRef:
    """An organization: by CIK when known, else by its normalised name."""
    if cik:
        return URIRef(f"{BASE}org/cik-{cik.strip().zfill(10)}")
    return URIRef(f"{BASE}org/{slug(normalize_name(name) or name, 80)}")


def person_iri(name: str) -> URIRef:
    return URIRef(f"{BASE}person/{slug(normalize_person(name) or name, 80)}")


def item_iri(filing: URIRef, number: str) -> URIRef:
    return URIRef(f"{filing}/item/{slug(number.replace('.', '-'), 20)}")


def extraction_iri(filing: URIRef) -> URIRef:
    return URIRef(f"{filing}/extraction")


#: what follows the filing IRI in an agreement's IRI
AGREEMENT_PATH = "/agreement/"


def agreement_iri(
    filing: URIRef,
    title: str,
    party_keys: Iterable[str],
    action: str | None = None,
    date: str | None = None,
    exhibit: str | None = None,
) -> URIRef:
    """An agreement: filing + title + parties (action, date and exhibit tell apart two agreements
    of the same title and parties in one filing, e.g. two terminated credit agreements)."""
    parties = "|".join(sorted(set(party_keys)))
    h = digest(_fold(title).strip(), parties, action, date, exhibit)
    return URIRef(f"{filing}{AGREEMENT_PATH}{slug(title, 48)}-{h}")


def filing_of_agreement(agreement: str) -> str:
    """The filing IRI an agreement's IRI starts with (see :func:`agreement_iri`)."""
    return str(agreement).split(AGREEMENT_PATH, 1)[0]


def party_role_iri(agreement: URIRef, party: URIRef) -> URIRef:
    return URIRef(f"{agreement}/party/{str(party).rsplit('/', 1)[-1]}")


def stake_iri(filing: URIRef, holder: URIRef, target: URIRef) -> URIRef:
    h = str(holder).rsplit("/", 1)[-1]
    t = str(target).rsplit("/", 1)[-1]
    return URIRef(f"{filing}/stake/{h}--{t}")


def position_iri(
    filing: URIRef, person: URIRef, organization: URIRef | None, title: str | None
) -> URIRef:
    p = str(person).rsplit("/", 1)[-1]
    return URIRef(f"{filing}/position/{p}-{digest(organization, _fold(title or ''))}")


def evidence_iri(fact: URIRef) -> URIRef:
    return URIRef(f"{fact}/evidence")


def span_iri(fact: URIRef) -> URIRef:
    return URIRef(f"{fact}/evidence/span")


def position_selector_iri(fact: URIRef) -> URIRef:
    return URIRef(f"{fact}/evidence/position")


def quote_selector_iri(fact: URIRef) -> URIRef:
    return URIRef(f"{fact}/evidence/quote")


def dedupe(iri: URIRef, seen: set[URIRef]) -> URIRef:
    """``iri`` if unused, else ``iri-2``, ``iri-3`` ... (facts repeated verbatim in one filing)."""
    candidate, n = iri, 1
    while candidate in seen:
        n += 1
        candidate = URIRef(f"{iri}-{n}")
    seen.add(candidate)
    return candidate
