"""Facts of one filing (``pactgraph.facts/v1``) to RDF: the filing's named graph.

``build_filing_graph(facts)`` returns ``(graph_iri, graph)``. The graph uses only IRIs (no blank
nodes: it goes over the wire to SPARQL servers), is the same on every run for the same facts,
and gives every fact its provenance: ``pg:statedIn`` / ``prov:wasDerivedFrom`` the filing, and a
W3C Web Annotation (``pg:hasEvidence``) whose target is the span of filing text, selected by a
``oa:TextPositionSelector`` (start, end) and a ``oa:TextQuoteSelector`` (the exact words).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV, SKOS

from pactgraph.nlp.facts import Agreement, Facts, Person, Stake
from pactgraph.nlp.names import name_words
from pactgraph.ontology.namespace import PG

from pactgraph.graph import iris
from pactgraph.ontology.gen_namespace import load_ontology

from .titles import contract_key

OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES = {
    "pg": PG._NS,
    "oa": OA,
    "prov": PROV,
    "org": ORG,
    "skos": SKOS,
    "xsd": XSD,
    "rdfs": RDFS,
    "pgid": Namespace(iris.BASE),
}

_ACTION_DATE = {"entered": PG.executionDate, "amended": PG.effectiveDate, "terminated": PG.effectiveDate}


@lru_cache(maxsize=1)
def kind_classes() -> dict[str, URIRef]:
    """Kind code (``"collaboration"``) -> agreement class, read from the ontology (skos:notation)."""
    g = load_ontology()
    out = {}
    for cls in g.subjects(RDFS.subClassOf, PG.Agreement):
        notation = g.value(cls, SKOS.notation)
        if notation is not None:
            out[str(notation)] = cls
    return out


def new_graph(identifier: URIRef | None = None) -> Graph:
    g = Graph(identifier=identifier)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


# ---------------------------------------------------------------------------------------------


_PERSON_TOKEN = re.compile(r"^(?:[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'\u2019][A-Z]?[a-z]+)?|[A-Z]\.|Jr\.?|Sr\.?|II|III|IV)$")
_INITIAL = re.compile(r"^[A-Z]\.$")


_NOT_PERSON_WORDS = frozenset(
    "trust bank fund foundation partners holdings group capital estate grat company university "
    "association securities investments management advisors services".split()
)


def person_name(name: str, people: Mapping[str, str]) -> str | None:
    """The full name of ``name`` if it is a natural person, else None.

    A party is a person when the filing names them among its people (also by first and last
    name: "David Ball" is "David R. Ball"), or when the name has the shape of one: titlecase
    words with a middle initial or Jr./Sr., no legal form and no institution word.
    """
    key = iris.normalize_person(name)
    if key in people:
        return people[key]
    toks = key.split()
    if len(toks) >= 2:
        for pkey, full in people.items():
            ptoks = pkey.split()
            if ptoks and ptoks[0] == toks[0] and ptoks[-1] == toks[-1]:
                return full
    if iris.normalize_name(name) != " ".join(name_words(name)):
        return None  # it ends with a legal form
    words = name.replace(",", " ").split()
    if not 2 <= len(words) <= 5 or not all(_PERSON_TOKEN.match(w) for w in words):
        return None
    if any(t in _NOT_PERSON_WORDS for t in toks):
        return None
    if any(_INITIAL.match(w) or w.rstrip(".") in ("Jr", "Sr") for w in words):
        return name
    return None


class _Builder:
    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        source = facts.get("source") or {}
        filing = facts.get("filing") or {}
        self.source = source
        self.filing_facts = filing
        self.key = iris.filing_key(filing.get("accession"), source.get("sha256"), source.get("file"))
        self.graph_iri = iris.graph_iri(self.key)
        self.filing = iris.filing_iri(self.key)
        self.extraction = iris.extraction_iri(self.filing)
        self.g = new_graph(self.graph_iri)
        self.seen: set[URIRef] = set()

        reg = filing.get("registrant") or {}
        self.registrant_name: str = (reg.get("name") or "").strip()
        self.registrant_key = iris.normalize_name(self.registrant_name)
        self.registrant = iris.org_iri(self.registrant_name, reg.get("cik"))
        self.aliases = self._aliases()
        self.people = {
            iris.normalize_person(p["name"]): p["name"]
            for p in facts.get("people") or []
            if isinstance(p, Mapping) and p.get("name")
        }

    # -- helpers ------------------------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, o: Any) -> None:
        if o is None or o == "":
            return
        if not isinstance(o, (URIRef, Literal)):
            o = Literal(o)
        self.g.add((s, p, o))

    def _aliases(self) -> dict[str, str]:
        """alias -> full name, from ``facts["aliases"]`` (a dict, or a list of {alias, name})
        and ``aliases`` lists on the registrant."""
        out: dict[str, str] = {}
        raw = self.facts.get("aliases")
        if isinstance(raw, Mapping):
            out.update({str(k): str(v) for k, v in raw.items() if k and v})
        elif isinstance(raw, list):
            for a in raw:
                if isinstance(a, Mapping) and a.get("alias") and a.get("name"):
                    out[" ".join(str(a["alias"]).split())] = " ".join(str(a["name"]).split())
        reg = self.filing_facts.get("registrant") or {}
        for a in reg.get("aliases") or []:
            out.setdefault(str(a), self.registrant_name)
        return out

    def canonical(self, name: str) -> str:
        name = " ".join(str(name).split())
        return self.aliases.get(name, name)

    def is_registrant_key(self, key: str) -> bool:
        """Whether a name with resolution key ``key`` names this filing's registrant: the same
        key (case, punctuation, legal form aside), or the filing's near-miss of it ("Agilent
        Technology, Inc." in a filing of Agilent Technologies, Inc.)."""
        if not (self.registrant_name and key):
            return False
        return key == self.registrant_key or iris.plural_variant(key, self.registrant_key)

    def agent(self, name: str | Mapping[str, Any]) -> URIRef:
        """The node of a named organization or person, with its names and type."""
        if isinstance(name, Mapping):  # tolerate {"name": ..., "type": "person"}
            kind = name.get("type")
            name = str(name.get("name") or "")
        else:
            kind = None
        name = self.canonical(name)
        key = iris.normalize_name(name)
        if self.is_registrant_key(key):
            node = self.registrant
            self.add(node, PG.name, name)
            self.add(node, RDFS.label, name)
            return node
        full = name if kind == "person" else (person_name(name, self.people) if kind is None else None)
        if full:
            name = full
            node = iris.person_iri(name)
            self.add(node, RDF.type, PG.Person)
            self.add(node, PG.normalizedName, iris.normalize_person(name))
        else:
            node = iris.org_iri(name)
            self.add(node, RDF.type, PG.Organization)
            self.add(node, PG.normalizedName, key)
        self.add(node, PG.name, name)
        self.add(node, RDFS.label, name)
        for alias, full in self.aliases.items():
            if full == name and alias != name:
                self.add(node, SKOS.altLabel, alias)
        return node

    def evidence(self, fact: URIRef, ev: Any) -> None:
        if not isinstance(ev, Mapping):
            return
        text, start, end = ev.get("text"), ev.get("start"), ev.get("end")
        has_pos = (
            isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
            and 0 <= start <= end
        )
        if not text and not has_pos:
            return
        annotation, span = iris.evidence_iri(fact), iris.span_iri(fact)
        self.add(fact, PG.hasEvidence, annotation)
        self.add(fact, PROV.wasDerivedFrom, span)
        self.add(annotation, RDF.type, PG.Evidence)
        self.add(annotation, RDF.type, OA.Annotation)
        self.add(annotation, OA.hasBody, fact)
        self.add(annotation, OA.hasTarget, span)
        self.add(annotation, OA.motivatedBy, OA.describing)
        self.add(annotation, PROV.wasGeneratedBy, self.extraction)
        self.add(span, RDF.type, PG.TextSpan)
        self.add(span, RDF.type, OA.SpecificResource)
        self.add(span, OA.hasSource, self.filing)
        if has_pos:
            sel = iris.position_selector_iri(fact)
            self.add(span, OA.hasSelector, sel)
            self.add(sel, RDF.type, OA.TextPositionSelector)
            self.add(sel, OA.start, Literal(start, datatype=XSD.integer))
            self.add(sel, OA.end, Literal(end, datatype=XSD.integer))
        if text:
            sel = iris.quote_selector_iri(fact)
            self.add(span, OA.hasSelector, sel)
            self.add(sel, RDF.type, OA.TextQuoteSelector)
            self.add(sel, OA.exact, Literal(text))

    def fact(self, node: URIRef, rdf_type: URIRef, ev: Any) -> None:
        self.add(node, RDF.type, rdf_type)
        self.add(node, PG.statedIn, self.filing)
        self.add(node, PROV.wasGeneratedBy, self.extraction)
        self.evidence(node, ev)

    # -- parts --------------------------------------------------------------------------------

    def build_filing(self) -> None:
        f, facts = self.filing, self.filing_facts
        reg = facts.get("registrant") or {}
        self.add(f, RDF.type, PG.Filing)
        form = facts.get("form") or "8-K"
        self.add(f, PG.formType, form)
        self.add(f, PG.accessionNumber, facts.get("accession"))
        self.add(f, PG.dateOfReport, _date(facts.get("date_of_report")))
        self.add(f, PG.sourceFile, self.source.get("file"))
        self.add(f, PG.sha256, self.source.get("sha256"))
        url = self.source.get("url") or facts.get("url") or edgar_url(facts.get("accession"), reg.get("cik"))
        if url:
            self.add(f, PG.sourceURL, Literal(url, datatype=XSD.anyURI))
        label = f"Form {form} of {self.registrant_name or 'unknown registrant'}"
        if facts.get("date_of_report"):
            label += f", {facts['date_of_report']}"
        self.add(f, RDFS.label, label)
        self.add(f, PG.extraction, self.extraction)
        self.add(self.extraction, RDF.type, PG.Extraction)
        self.add(self.extraction, PROV.used, f)
        self.add(self.extraction, PROV.wasAssociatedWith, PG.pactgraph)
        self.add(self.extraction, RDFS.label, f"pactgraph extraction of {self.source.get('file') or self.key}")

        if self.registrant_name:
            r = self.registrant
            self.add(f, PG.registrant, r)
            self.add(r, RDF.type, PG.Organization)
            self.add(f, PG.registrantName, self.registrant_name)
            self.add(r, PG.name, self.registrant_name)
            self.add(r, RDFS.label, self.registrant_name)
            self.add(r, PG.normalizedName, self.registrant_key)
            self.add(r, PG.cik, reg.get("cik"))
            self.add(r, PG.stateOfIncorporation, reg.get("state_of_incorporation"))
            self.add(r, PG.irsEmployerIdentificationNumber, reg.get("irs_ein"))
            self.add(r, PG.commissionFileNumber, reg.get("commission_file_number"))
            for alias, full in self.aliases.items():
                if iris.normalize_name(full) == self.registrant_key and alias != full:
                    self.add(r, SKOS.altLabel, alias)

        for number in facts.get("items") or []:
            item = iris.item_iri(f, str(number))
            self.add(f, PG.hasItem, item)
            self.add(item, RDF.type, PG.ReportItem)
            self.add(item, PG.itemNumber, str(number))
            self.add(item, RDFS.label, f"Item {number}")

    def build_agreement(self, a: Agreement) -> None:
        title = " ".join(str(a.get("title") or "agreement").split())
        parties = [self.agent(p) for p in a.get("parties") or [] if _name(p).strip()]
        parties = list(dict.fromkeys(parties))
        if not parties and self.registrant_name:
            parties = [self.registrant]  # the report names no party: the registrant reports it
        action, date, exhibit = a.get("action"), _date(a.get("date")), a.get("exhibit")
        node = iris.agreement_iri(
            self.filing, title, (str(p) for p in parties), action, a.get("date"), exhibit
        )
        node = iris.dedupe(node, self.seen)
        kind = a.get("kind") or "other"
        self.fact(node, PG.Agreement, a.get("evidence"))
        self.add(node, RDF.type, kind_classes().get(kind, PG.OtherAgreement))
        self.add(node, PG.title, title)
        self.add(node, RDFS.label, title)
        self.add(node, PG.titleKey, contract_key(title))
        self.add(node, PG.kind, kind)
        self.add(node, PG.action, action)
        if date is not None:
            self.add(node, PG.date, date)
            self.add(node, _ACTION_DATE.get(action, PG.date), date)
        year = _year(a.get("date")) or _year(self.filing_facts.get("date_of_report"))
        if year is not None:
            self.add(node, PG.year, Literal(year, datatype=XSD.integer))
        if exhibit:
            self.add(node, PG.exhibit, str(exhibit))
        for party in parties:
            role = iris.party_role_iri(node, party)
            self.add(node, PG.hasParty, party)
            self.add(node, PG.hasPartyRole, role)
            self.add(role, RDF.type, PG.RegistrantParty if party == self.registrant else PG.Counterparty)
            self.add(role, RDF.type, PG.PartyRole)
            self.add(role, PG.playedBy, party)
            self.add(role, PG.roleIn, node)
            self.add(role, PG.statedIn, self.filing)

    def build_stake(self, s: Stake) -> None:
        if not _name(s.get("holder") or "").strip() or not _name(s.get("target") or "").strip():
            return
        percent = _decimal(s.get("percent"))
        if percent is None or not 0 <= percent.toPython() <= 100:
            return  # not a stake the schema can state (no or impossible percent)
        holder, target = self.agent(s["holder"]), self.agent(s["target"])
        node = iris.dedupe(iris.stake_iri(self.filing, holder, target), self.seen)
        self.fact(node, PG.OwnershipStake, s.get("evidence"))
        self.add(node, PG.holder, holder)
        self.add(node, PG.target, target)
        qualifier = str(s.get("qualifier") or "exact").strip().lower().replace(" ", "_").replace("-", "_")
        self.add(node, PG.percent, percent)
        self.add(node, PG.qualifier, qualifier)
        hname, tname = self.canonical(_name(s["holder"])), self.canonical(_name(s["target"]))
        self.add(node, PG.holderName, hname)
        self.add(node, PG.targetName, tname)
        amount = f" {qualifier.replace('_', ' ')} {float(percent):g}%".replace(" exact ", " ")
        self.add(node, RDFS.label, f"{hname} owns{amount} of {tname}")

    def build_person(self, p: Person) -> None:
        name = " ".join(str(p.get("name") or "").split())
        if not name:
            return
        person = iris.person_iri(name)
        self.add(person, RDF.type, PG.Person)
        self.add(person, PG.name, name)
        self.add(person, RDFS.label, name)
        self.add(person, PG.normalizedName, iris.normalize_person(name))
        org_name = p.get("organization")
        org = self.agent(org_name) if org_name else None
        title = p.get("title")
        node = iris.dedupe(iris.position_iri(self.filing, person, org, title), self.seen)
        self.fact(node, PG.Position, p.get("evidence"))
        self.add(node, ORG.member, person)
        if org is not None:
            self.add(node, ORG.organization, org)
        if title:
            self.add(node, PG.positionTitle, " ".join(str(title).split()))
        label = name + (f", {title}" if title else "") + (f", {self.canonical(org_name)}" if org_name else "")
        self.add(node, RDFS.label, label)

    def build(self) -> tuple[URIRef, Graph]:
        self.build_filing()
        for a in self.facts.get("agreements") or []:
            if isinstance(a, Mapping):
                self.build_agreement(a)
        for s in self.facts.get("stakes") or []:
            if isinstance(s, Mapping):
                self.build_stake(s)
        for p in self.facts.get("people") or []:
            if isinstance(p, Mapping):
                self.build_person(p)
        self.link_counterparty_stakes()
        return self.graph_iri, self.g

    def link_counterparty_stakes(self) -> None:
        """``agreement pg:counterpartyStake stake`` when this filing states both an agreement
        and a stake whose holder is a counterparty to it and whose target another of its
        parties (Norsk Hydro, a 23% shareholder of Ascent, signs with Ascent)."""
        g = self.g
        for agreement in set(g.subjects(RDF.type, PG.Agreement)):
            parties = set(g.objects(agreement, PG.hasParty))
            counterparties = {g.value(role, PG.playedBy) for role in g.objects(agreement, PG.hasPartyRole)
                              if (role, RDF.type, PG.Counterparty) in g}
            for stake in set(g.subjects(RDF.type, PG.OwnershipStake)):
                holder, target = g.value(stake, PG.holder), g.value(stake, PG.target)
                if holder in counterparties and target in parties and holder != target:
                    self.add(agreement, PG.counterpartyStake, stake)


def edgar_url(accession: str | None, cik: str | None) -> str | None:
    """The EDGAR archive URL of a full submission, when the accession number and CIK are known."""
    if not accession or not cik or not re.fullmatch(r"\d{10}-\d{2}-\d{6}", accession) or not str(cik).isdigit():
        return None
    return f"https://www.sec.gov/Archives/edgar/data/{int(cik)}/{accession.replace('-', '')}/{accession}.txt"


def _name(value: Any) -> str:
    if value is None:
        return ""
    return str(value.get("name") or "") if isinstance(value, Mapping) else str(value)


def _date(value: Any) -> Literal | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return Literal(value.strip(), datatype=XSD.date)
    return None


def _year(value: Any) -> int | None:
    """The year of an ISO date (``YYYY-MM-DD``), the same date ``_date`` accepts; else None."""
    return int(value.strip()[:4]) if _date(value) is not None else None


def _decimal(value: Any) -> Literal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    # the canonical form SPARQL stores keep (Oxigraph writes 100.0 back as 100), so that a
    # graph reads back from any store exactly as it was built
    text = format(d.normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


def build_filing_graph(
    facts: Facts, *, filing: Any = None, registry: Any = None
) -> tuple[URIRef, Graph]:
    """The named-graph IRI of the filing and the triples of its facts.

    ``filing`` (optional, a :class:`pactgraph.nlp.reader.Filing`) fills what the facts lack:
    the source file's sha256, its URL, the accession number and CIK of the header.
    ``registry`` (optional, a :class:`pactgraph.graph.link.resolve.Registry`) resolves organizations
    named without CIK to the CIK node of the same normalised name it knows, and learns this
    filing's CIK nodes (entity resolution at build time; see ``resolve.py`` for the store-side
    equivalent).

    ``facts`` is a ``pactgraph.facts/v1`` dict (extra keys are ignored; optional ``aliases`` —
    ``{"Hydro": "Norsk Hydro Produksjon AS"}`` or ``[{"alias": ..., "name": ...}]`` — become
    ``skos:altLabel``). Parties, holders and targets given as aliases resolve to the full name.
    The returned ``Graph`` has the graph IRI as its ``identifier`` and no blank nodes; the same
    facts always give the same graph.
    """
    if filing is not None:
        facts = _with_document(facts, filing)
    graph_iri, graph = _Builder(facts).build()
    if registry is not None:
        registry.learn(graph)
        graph = registry.canonicalize(graph)
    return graph_iri, graph


def _with_document(facts: Mapping[str, Any], doc: Any) -> dict[str, Any]:
    out = dict(facts)
    source = dict(out.get("source") or {})
    if not source.get("sha256") and getattr(doc, "sha256", None):
        source["sha256"] = doc.sha256
    if not source.get("url") and getattr(doc, "source_url", None):
        source["url"] = doc.source_url
    if not source.get("file") and getattr(doc, "path", None):
        source["file"] = str(doc.path)
    out["source"] = source
    header = getattr(doc, "header", None)
    filing = dict(out.get("filing") or {})
    if header is not None:
        if not filing.get("accession") and getattr(header, "accession", None):
            filing["accession"] = header.accession
        registrant = dict(filing.get("registrant") or {})
        if not registrant.get("cik") and getattr(header, "cik", None):
            registrant["cik"] = header.cik
        if registrant:
            filing["registrant"] = registrant
    out["filing"] = filing
    return out


def filing_iri_of(facts: Mapping[str, Any]) -> URIRef:
    """The IRI of the filing node the facts' graph describes."""
    source, filing = facts.get("source") or {}, facts.get("filing") or {}
    return iris.filing_iri(iris.filing_key(filing.get("accession"), source.get("sha256"), source.get("file")))
