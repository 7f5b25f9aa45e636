"""Facts of one filing in the ``pactgraph.facts/v1`` format, each agreement and stake with
evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .agreements import AGREEMENT_ITEMS
from .extraction.agreements.model import COMPLETION_ITEMS, NO_AGREEMENT_ITEMS, RESTATED_EVENT
from .names import DEGREE_LEAD, bare_person_name, person_key
from .orgs import exact_name, find_orgs, is_defined_term
from .reader.document import Filing, Signature
from .facts import Agreement, Alias, Facts, FilingFacts, Person, Stake
from .reader.signature import find_signature_start
from .truecase import truecased
from .unwrap import unwrapped
from .extraction.officers import officers_in_items, party_people

if TYPE_CHECKING:
    from spacy.tokens import Doc

SCHEMA = "pactgraph.facts/v1"
MAX_SECTION_CHARS = (
    300_000  # an item section longer than this is read up to here (real ones are far shorter)
)
_CONTROL = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def clean_name(name: str | None) -> str | None:
    """A name without control or bidirectional formatting characters (which spoof how it reads)."""
    if name is None:
        return None
    return re.sub(r"\s+", " ", _CONTROL.sub("", name)).strip() or None


def _source_file(path: str) -> str:
    p = Path(path)
    if p.parent.name == "filings":
        return f"filings/{p.name}"
    return str(path)


def report_sections(filing: Filing) -> list[tuple[str, int, int]]:
    """(item number, body start, end) of the report's items; whole body when items are not
    segmented."""
    sections = [(i.number, i.heading_end, i.end) for i in filing.items]
    if filing.items:
        lead = filing.preamble  # the reader's prose before the first item
        if lead:
            sections.insert(0, (_preamble_item(filing, lead), lead[0], lead[1]))
    numbers = set(filing.item_numbers)
    covered = {n for n, _, _ in sections}
    missing = (numbers & AGREEMENT_ITEMS) - covered
    if not sections and not missing:
        missing = numbers - NO_AGREEMENT_ITEMS  # no headings at all: the body is the one item's
    if missing and not (covered & AGREEMENT_ITEMS):
        end = find_signature_start(filing.text)
        end = len(filing.text) if end is None else end
        start = 0
        for n, s, e in sections:
            if n == "9.01" and s > start:
                end = min(end, s)
        sections.append((sorted(missing)[0], start, end))
    return sections


# a preamble that tells a deal completed ("Introductory Note ... consummated the previously
# announced merger"), in a report with a completion item
_COMPLETED = re.compile(r"\b(?:completed|consummated|closed)\b")


def _preamble_item(filing: Filing, lead: tuple[int, int]) -> str:
    """The item the prose before the first item is read with: the completion item when it
    tells a completed deal and the report has one (an Introductory Note that Item 2.01
    incorporates); a restatement when the report files only financial statements or exhibits;
    else the first item."""
    if all(i.number in NO_AGREEMENT_ITEMS for i in filing.items):
        return RESTATED_EVENT
    completion = [i.number for i in filing.items if i.number in COMPLETION_ITEMS]
    if completion and _COMPLETED.search(filing.text, lead[0], lead[1]):
        return completion[0]
    return min(filing.items, key=lambda i: i.start).number


_EXHIBIT_TITLE = re.compile(
    r"(?m)^[ \t\xa0]*((?:[A-Z0-9][A-Z0-9,.'’&\- ]{0,80}\s)?"
    r"(?:AGREEMENT|INDENTURE|GUARANTY|GUARANTEE|AMENDMENT|LETTER AGREEMENT|PLAN OF MERGER)"
    r"(?:[ ][A-Z0-9,.'’&\- ]{0,80}?)?)[ \t\xa0]*"
    r"(?:$|(?=,?[ \t\xa0]+(?:dated|by and|between|among|made)\b))"
)


def _exhibit_index(filing: Filing) -> list[tuple[str, str]]:
    """(number, description) of the report's exhibit index (the reader's); when the rendering
    lost the index's descriptions, the title line at the top of each attached exhibit stands in
    for it."""
    out = [
        (e.number, truecased(e.description, spelled_in=filing.text))
        for e in filing.exhibits
        if e.number and e.description
    ]
    if out:
        return out
    for exhibit in filing.exhibits:
        if not exhibit.number or not exhibit.text:
            continue
        m = _EXHIBIT_TITLE.search(exhibit.text[:600])
        if m and not re.match(r"(?i)\s*exhibit\b", m.group(1)):
            title = re.sub(r"\s+", " ", m.group(1)).strip().title()
            out.append((exhibit.number, re.sub(r"^(?:This|The)\s+", "", title)))
    return out


def defined_aliases(text: str, ctx) -> list[Alias]:
    """The defined terms the report gives organisations ("Norsk Hydro Produksjon AS
    (Hydro)", "Ascent" for the registrant), each ``{"alias", "name"}``, the alias spelled as the
    report first writes it."""
    pairs = [(alias, full) for alias, full in ctx.org_aliases.items()]
    pairs += [(alias, ctx.registrant) for alias in sorted(ctx.registrant_aliases) if ctx.registrant]
    out = []
    for alias, full in pairs:
        m = re.search(r"\b(" + re.escape(alias) + r")\b", text, re.I)
        if m and full and m.group(1).lower() != full.lower():
            out.append({"alias": clean_name(m.group(1)), "name": clean_name(full)})
    return out


def _add_person(people: list[Person], name: str, title: str | None, org: str | None) -> None:
    """Append the person unless ``people`` already holds someone of that name."""
    if not any(person_key(p["name"]) == person_key(name) for p in people):
        people.append({"name": name, "title": title, "organization": org})


# "By: Bluestem Pipeline GP, LLC, its general partner": the entity a partnership signs through
_SIGNING_ENTITY = re.compile(
    r",?\s+its\s+(?:sole\s+)?(?:general\s+partner|managing\s+member|sole\s+member|manager)\b",
    re.I,
)


def _signs_for_a_partnership(name: str) -> bool:
    """Whether a signature's name is the organisation a partnership or LLC signs through (its
    general partner or managing member), not a person."""
    if _SIGNING_ENTITY.search(name):
        return True
    return any(o.end - o.start >= len(name) - 2 for o in find_orgs(name))


def _without_degrees(title: str | None) -> str | None:
    """ "Ph.D., President" -> "President": the degree after a name is no office."""
    if not title:
        return title
    return DEGREE_LEAD.sub("", title) or None


def _signatory(sig: Signature, registrant: str | None) -> Person:
    """A signatory as a person; the company is named as the registrant is when it is the
    registrant (the signature block often writes it in capitals)."""
    title = _without_degrees(None if sig.title == sig.name else sig.title)
    org = sig.organization
    if not org or exact_name(org, registrant):
        org = registrant
    return {"name": bare_person_name(sig.name), "title": title, "organization": org}


def _people(
    filing: Filing, sections: list[tuple[str, int, int]], registrant: str | None
) -> list[Person]:
    """The report's signatories (the reader's ``Filing.signatures``), then the officers and
    directors its item sections name, each person once."""
    people: list[Person] = [
        _signatory(sig, registrant)
        for sig in filing.signatures
        if sig.name and not _signs_for_a_partnership(sig.name)
    ]
    for name, title in officers_in_items(unwrapped(filing.text), sections):
        if is_defined_term(filing.text, name):
            continue  # a term the report defines for an organisation ("Lindell Federal")
        _add_person(people, name, _without_degrees(title), registrant)
    return people


def _display_name(name: str | None, text: str) -> str | None:
    """The registrant's name as the prose writes it when the cover page shouts it in capitals."""
    if not name or not name.isupper():
        return name
    pattern = re.escape(name).replace(r"\ ", r"\s+").replace(",", ",?")
    for m in re.finditer(pattern, text, re.I):
        if not m.group(0).isupper():
            return re.sub(r"\s+", " ", m.group(0))
    return name


def _agreement_sections(sections: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The sections of items that may report an agreement, each cut at ``MAX_SECTION_CHARS``."""
    return [
        (n, s, min(e, s + MAX_SECTION_CHARS)) for n, s, e in sections if n not in NO_AGREEMENT_ITEMS
    ]


@dataclass
class _ItemFacts:
    """What the extraction pipeline finds in the item sections."""

    registrant: str | None  # the header's name, else the one the pipeline found
    agreements: list[Agreement] = field(default_factory=list)
    stakes: list[Stake] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)  # the people the sections name


def _run_pipeline(
    filing: Filing, registrant: str | None, relevant: list[tuple[str, int, int]]
) -> Doc:
    """The extraction pipeline's document of the text from the first relevant section to the
    end of the last (up to the pipeline's length limit)."""
    from .pipeline import make_pipeline

    header = filing.header
    start = min(s for _, s, _ in relevant)
    end = max(e for _, _, e in relevant)
    nlp = make_pipeline()
    text = truecased(unwrapped(filing.text))
    doc_text = text[start : min(end, start + nlp.max_length)]
    doc = nlp.make_doc(doc_text)
    doc.user_data.update(
        {
            "offset": start,
            "doc_text": doc_text,  # Doc.text rebuilds the string from every token: kept once
            "text": text,
            "registrant": registrant,
            "report_date": header.date_of_report or header.filing_date,
            "exhibit_index": _exhibit_index(filing),
            "sections": relevant,
            "regions": [(s, e) for _, s, e in relevant],
        }
    )
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _cleaned_agreement(agreement: Agreement) -> Agreement:
    """The agreement with its parties' names cleaned (:func:`clean_name`), empty ones dropped."""
    parties = [p for p in (clean_name(x) for x in agreement["parties"]) if p]
    return {**agreement, "parties": parties}


def _cleaned_stake(stake: Stake) -> Stake:
    """The stake with its holder's and target's names cleaned."""
    return {**stake, "holder": clean_name(stake["holder"]), "target": clean_name(stake["target"])}


def _cleaned_person(person: Person) -> Person:
    """The person with name, title and organisation cleaned."""
    return {
        "name": clean_name(person["name"]),
        "title": clean_name(person["title"]),
        "organization": clean_name(person["organization"]),
    }


def _item_facts(
    filing: Filing, registrant: str | None, relevant: list[tuple[str, int, int]]
) -> _ItemFacts:
    """The agreements, stakes, aliases and people the relevant item sections state (none when
    there are no such sections)."""
    if not relevant:
        return _ItemFacts(registrant)
    doc = _run_pipeline(filing, registrant, relevant)
    ctx = doc.user_data["context"]
    return _ItemFacts(
        registrant=registrant or ctx.registrant,
        agreements=[
            _cleaned_agreement(a.to_fact(filing.text)) for a in doc.user_data["agreements"]
        ],
        stakes=[_cleaned_stake(s.to_fact(filing.text)) for s in doc.user_data["stakes"]],
        aliases=defined_aliases(filing.text, ctx),
        persons=ctx.persons,
    )


def _all_people(
    filing: Filing, sections: list[tuple[str, int, int]], found: _ItemFacts
) -> list[Person]:
    """Signatories, officers of the items and the people named as parties, each once, cleaned."""
    people = _people(filing, sections, found.registrant)
    parties = [name for a in found.agreements for name in a["parties"]]
    for name, title in party_people(filing.text, sections, parties, found.persons):
        _add_person(people, name, title, found.registrant)
    return [_cleaned_person(p) for p in people]


def _filing_summary(filing: Filing, registrant: str | None) -> FilingFacts:
    """The ``filing`` part of the facts: form, accession, registrant, date and items."""
    header = filing.header
    return {
        "form": header.form or "8-K",
        "accession": header.accession,
        "registrant": {
            "name": registrant,
            "cik": header.cik,
            "state_of_incorporation": header.state_of_incorporation,
            "irs_ein": header.irs_ein,
            "commission_file_number": header.commission_file_number,
        },
        "date_of_report": header.date_of_report,
        "items": filing.item_numbers,
    }


def extract_facts(filing: Filing) -> Facts:
    """The facts the report states, as a ``pactgraph.facts/v1`` dict."""
    header = filing.header
    registrant = _display_name(header.company_name or header.conformed_name, filing.text)
    sections = report_sections(filing)
    found = _item_facts(filing, registrant, _agreement_sections(sections))
    return {
        "schema": SCHEMA,
        "source": {"file": _source_file(filing.path), "sha256": filing.sha256},
        "filing": _filing_summary(filing, clean_name(found.registrant)),
        "agreements": found.agreements,
        "stakes": found.stakes,
        "people": _all_people(filing, sections, found),
        "aliases": found.aliases,
    }


def facts_for_path(path) -> Facts:
    """Read the filing at ``path`` and extract its facts."""
    from .reader import read_filing

    return extract_facts(read_filing(path))
