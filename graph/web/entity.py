"""The company (or person) page, read from the rows of its two SELECTs (:mod:`.entity_sparql`):
the overview (one query for every section, each query of a page costing a round trip to the
endpoint's workers) and the details of the agreements on the timeline's page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .entity_sparql import PAGE_SIZE
from .facts import Dated, Evidence, evidence_of, preferred_names

PG = "https://pactgraph.org/ontology#"


@dataclass
class Agreement(Dated):
    iri: str
    title: str
    kind: str | None
    action: str | None
    date: str | None
    exhibit: str | None
    filing: str
    filing_date: str | None
    parties: dict[str, str] = field(default_factory=dict)  # IRI -> name as the filing writes it
    counterparties: list[str] = field(default_factory=list)  # IRIs
    links: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    evidence: Evidence | None = None


@dataclass
class Stake:
    iri: str
    holder: str
    target: str
    holder_name: str
    target_name: str
    percent: str
    qualifier: str | None
    filing: str
    filing_date: str | None
    evidence: Evidence | None = None


@dataclass
class Position:
    iri: str
    person: str
    person_name: str
    organization: str | None
    title: str | None
    label: str | None
    filing: str
    filing_date: str | None
    evidence: Evidence | None = None

    @property
    def organization_name(self) -> str | None:
        """The organization's name as the stating filing writes it (the end of the position's
        label "person, title, organization")."""
        if not self.organization:
            return None
        head = ", ".join(p for p in (self.person_name, self.title) if p) + ", "
        if self.label and self.label.startswith(head):
            return self.label[len(head) :]
        return self.organization.rsplit("/", 1)[-1]


@dataclass
class EntityPage:
    iri: str
    names: list[str]
    aliases: list[str]
    cik: str | None
    state: str | None
    is_person: bool
    agreement_count: int
    page: int  # of the agreements' timeline, 1 = the newest
    agreements: list[Agreement]
    neighbours: list[tuple[str, str, int]]  # (IRI, name, agreements shared), most first
    stakes_in: list[Stake]
    stakes_held: list[Stake]
    positions: list[Position]
    filings: list[tuple[str, str | None, str | None]]  # (IRI, date of report, form)

    @property
    def name(self) -> str:
        return self.names[0] if self.names else self.iri.rsplit("/", 1)[-1]

    @property
    def pages(self) -> int:
        return max(1, -(-self.agreement_count // PAGE_SIZE))


def page_agreements(rows: list[dict[str, str | None]]) -> list[str]:
    """The agreements the overview chose for the timeline's page, newest first."""
    return [r["fact"] for r in rows if r["section"] == "page"]


def read(
    entity: str,
    rows: list[dict[str, str | None]],
    details: list[dict[str, str | None]],
    page: int = 1,
) -> EntityPage | None:
    """The page of ``entity`` from its overview and details rows; None when nothing names it."""
    by: dict[str, list[dict]] = defaultdict(list)
    for row in [*rows, *details]:
        by[row.get("section") or ""].append(row)
    if not any(by[s] for s in ("name", "type", "alias")):
        return None
    names = preferred_names({r["value"]: int(r.get("n") or 0) for r in by["name"]})
    order = {fact: i for i, fact in enumerate(page_agreements(rows))}
    stakes = _stakes(by["stake"], names)
    return EntityPage(
        iri=entity,
        names=names,
        aliases=sorted({r["value"] for r in by["alias"]} - set(names)),
        cik=min((r["value"] for r in by["cik"]), default=None),
        state=min((r["value"] for r in by["state"]), default=None),
        is_person=any(r["value"] == PG + "Person" for r in by["type"]),
        agreement_count=int(next((r["n"] for r in by["count"]), 0) or 0),
        page=page,
        agreements=sorted(_agreements(by).values(), key=lambda a: order.get(a.iri, 0)),
        neighbours=_neighbours(by["neighbour"]),
        stakes_in=[s for s in stakes if s.target == entity],
        stakes_held=[s for s in stakes if s.holder == entity],
        positions=_positions(by["position"], names),
        filings=sorted(
            {(r["filing"], r.get("fdate"), r.get("value")) for r in by["filing"]},
            key=lambda f: (f[1] or "", f[0]),
            reverse=True,
        ),
    )


def _neighbours(rows: list[dict]) -> list[tuple[str, str, int]]:
    names: dict[str, dict[str, int]] = defaultdict(dict)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["party"]] = int(r["n"])
        if r.get("value"):
            names[r["party"]][r["value"]] = 1
    return sorted(
        (
            (p, (preferred_names(names[p]) or [p.rsplit("/", 1)[-1]])[0], n)
            for p, n in counts.items()
        ),
        key=lambda t: (-t[2], t[1]),
    )


def _agreements(by: dict[str, list[dict]]) -> dict[str, Agreement]:
    out: dict[str, Agreement] = {}
    for r in by["agreement"]:
        if r["fact"] in out:
            continue
        out[r["fact"]] = Agreement(
            iri=r["fact"],
            title=r["title"],
            kind=r.get("kind"),
            action=r.get("action"),
            date=r.get("date"),
            exhibit=r.get("exhibit"),
            filing=r["filing"],
            filing_date=r.get("fdate"),
            evidence=None,
        )
        out[r["fact"]].evidence = Evidence.of_row(r)
    for r in by["party"]:
        a = out.get(r["fact"])
        if a is None:
            continue
        a.parties.setdefault(r["party"], r.get("partyName") or r["party"].rsplit("/", 1)[-1])
        if r.get("counterparty") and r["party"] not in a.counterparties:
            a.counterparties.append(r["party"])
    for r in by["link"]:
        a = out.get(r["fact"])
        link = (r["link"], r["other"], r.get("title"), r.get("date"))
        if a is not None and link not in a.links:
            a.links.append(link)
    for a in out.values():
        a.links.sort(key=lambda link: (link[3] or "", link[1]))
        if a.evidence is not None:
            a.evidence = evidence_of(
                a.evidence, names=[a.title, *a.parties.values()], dates=[a.date] if a.date else []
            )
    return out


def _stakes(rows: list[dict], names: list[str]) -> list[Stake]:
    out: dict[str, Stake] = {}
    for r in rows:
        if r["fact"] in out:
            continue
        holder_name = r.get("holderName") or r["holder"].rsplit("/", 1)[-1]
        target_name = r.get("targetName") or r["target"].rsplit("/", 1)[-1]
        ev = Evidence.of_row(r)
        if ev is not None:
            ev = evidence_of(ev, names=[holder_name, target_name], percents=[r["percent"]])
        out[r["fact"]] = Stake(
            iri=r["fact"],
            holder=r["holder"],
            target=r["target"],
            holder_name=holder_name,
            target_name=target_name,
            percent=r["percent"],
            qualifier=r.get("qualifier"),
            filing=r["filing"],
            filing_date=r.get("fdate"),
            evidence=ev,
        )
    return sorted(out.values(), key=lambda s: (-float(s.percent), s.filing_date or "", s.iri))


def _positions(rows: list[dict], names: list[str]) -> list[Position]:
    out: dict[str, Position] = {}
    for r in rows:
        if r["fact"] in out:
            continue
        person_name = r.get("personName") or r["person"].rsplit("/", 1)[-1]
        ev = Evidence.of_row(r)
        if ev is not None:
            ev = evidence_of(ev, names=[person_name, r.get("ptitle") or "", *names])
        out[r["fact"]] = Position(
            iri=r["fact"],
            person=r["person"],
            person_name=person_name,
            organization=r.get("org"),
            title=r.get("ptitle"),
            label=r.get("value"),
            filing=r["filing"],
            filing_date=r.get("fdate"),
            evidence=ev,
        )
    return sorted(out.values(), key=lambda p: (p.person_name, p.filing_date or "", p.iri))
