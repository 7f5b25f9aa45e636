"""Entity resolution: the same company from different filings is one node with all its names."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS

sys.path.insert(0, str(Path(__file__).parent))
import gold_facts as gf  # noqa: E402

from pactgraph.graph import iris  # noqa: E402
from pactgraph.graph.build.builder import build_filing_graph  # noqa: E402
from pactgraph.graph.link.resolve import (
    MERGE_BY_CIK_UPDATE,
    Registry,
    merge_by_cik,  # noqa: E402
    names_of,
    preferred_label,
    write_preferred_labels,
)
from pactgraph.ontology.namespace import PG  # noqa: E402

needs_shared = pytest.mark.shared


@pytest.mark.parametrize(
    "variants,key",
    [
        (["Alcoa Inc.", "ALCOA INC", "Alcoa Incorporated", "Alcoa, Inc"], "alcoa"),
        (["Citibank, N.A.", "Citibank N.A.", "CITIBANK NA"], "citibank"),
        (["America Online, Inc.", "America Online Inc"], "america online"),
        (["The Bank of New York Mellon", "Bank of New York Mellon"], "bank of new york mellon"),
        (["HSBC Bank USA, National Association", "HSBC Bank USA"], "hsbc bank usa"),
        (
            [
                "Merrill Lynch, Pierce, Fenner & Smith Incorporated",
                "Merrill Lynch, Pierce, Fenner and Smith Inc.",
            ],
            "merrill lynch pierce fenner and smith",
        ),
        (["Norsk Hydro Produksjon AS", "NORSK HYDRO PRODUKSJON A.S."], "norsk hydro produksjon"),
        (["Société Générale S.A.", "Societe Generale SA"], "societe generale"),
        (["AARON RENTS, INC.", "Aaron Rents, Inc.", "Aaron Rents Inc"], "aaron rents"),
        (
            [
                "INTERNATIONAL BUSINESS MACHINES CORPORATION",
                "International Business Machines Corporation",
            ],
            "international business machines",
        ),
        (["J.P. Morgan Securities LLC", "J.P. Morgan Securities Inc."], "jp morgan securities"),
    ],
)
def test_name_variants_share_one_key_and_iri(variants, key):
    assert {iris.normalize_name(v) for v in variants} == {key}
    assert len({iris.org_iri(v) for v in variants}) == 1


def test_different_companies_keep_different_keys():
    names = [
        "Agilent Technologies, Inc.",
        "Agilent Technologies World Trade, Inc.",
        "Agilent Technologies UK Ltd.",
        "Agilent Technologies Europe B.V.",
        "Time Warner Inc.",
        "America Online, Inc.",
        "Aaron Rents, Inc.",
        "Aaron's, Inc.",
        "Citigroup Inc.",
        "Citibank, N.A.",
    ]
    assert len({iris.org_iri(n) for n in names}) == len(names)


def union(facts_list) -> Graph:
    g = Graph()
    for facts in facts_list:
        g += build_filing_graph(facts)[1]
    return g


def nodes_named(g: Graph, key: str) -> set[URIRef]:
    return {
        s
        for s, o in g.subject_objects(PG.normalizedName)
        if str(o) == key and (s, RDF.type, PG.Organization) in g
    }


def gold_of(prefix: str) -> list[dict]:
    return [f for f in gf.all_gold_facts() if Path(f["source"]["file"]).name.startswith(prefix)]


def variant_facts(
    base: dict, file: str, names: dict[str, str], aliases: dict[str, str] | None = None
) -> dict:
    """Facts of another corpus filing of the same company, naming the same parties differently."""
    facts = copy.deepcopy(base)
    facts["source"] = {"file": file, "sha256": iris.digest(file, length=64)}
    for a in facts["agreements"]:
        a["parties"] = [names.get(p, p) for p in a["parties"]]
    for s in facts["stakes"]:
        s["holder"], s["target"] = (
            names.get(s["holder"], s["holder"]),
            names.get(s["target"], s["target"]),
        )
    facts["filing"]["registrant"]["name"] = names.get(
        facts["filing"]["registrant"]["name"], facts["filing"]["registrant"]["name"]
    )
    if aliases:
        facts["aliases"] = aliases
    return facts


@needs_shared
def test_google_time_warner_aol_across_filings():
    goog = gold_of("ticker-GOOG_")
    letter = next(
        f for f in goog if any("Time Warner Inc." in a["parties"] for a in f["agreements"])
    )
    later = variant_facts(
        letter,
        "filings/ticker-GOOG_2006-03-29_lee-20060329134039.txt",
        {
            "Time Warner Inc.": "Time Warner Inc",
            "America Online, Inc.": "AOL",
            "Google Inc.": "GOOGLE INC",
        },
        aliases={"AOL": "America Online, Inc."},
    )
    g = union(goog + [later])
    google, tw, aol = (
        nodes_named(g, "google"),
        nodes_named(g, "time warner"),
        nodes_named(g, "america online"),
    )
    assert len(google) == len(tw) == len(aol) == 1
    assert {"Google Inc.", "GOOGLE INC"} <= names_of(g, next(iter(google)))
    assert {"Time Warner Inc.", "Time Warner Inc"} <= names_of(g, next(iter(tw)))
    aol_node = next(iter(aol))
    assert "AOL" in {str(x) for x in g.objects(aol_node, SKOS.altLabel)}
    assert "AOL" not in {str(x) for x in g.objects(aol_node, PG.name)}  # the alias is not a name
    # the letter agreements of both filings have the same three parties
    parties = {
        frozenset(g.objects(a, PG.hasParty))
        for a in g.subjects(PG.title, None)
        if "letter" in str(g.value(a, PG.title))
    }
    assert parties == {frozenset(google | tw | aol)}


@needs_shared
def test_alcoa_across_filings_is_one_node():
    alcoa = gold_of("ticker-AA_")
    assert len(alcoa) >= 5
    extra = variant_facts(
        alcoa[-1],
        "filings/ticker-AA_2011-01-24_lee-20110124212151.txt",
        {"Alcoa Inc.": "ALCOA INC"},
    )
    g = union(alcoa + [extra])
    nodes = nodes_named(g, "alcoa")
    assert len(nodes) == 1
    node = next(iter(nodes))
    assert {"Alcoa Inc.", "ALCOA INC"} <= names_of(g, node)
    filings = set(g.subjects(PG.registrant, node))
    assert len(filings) == len(alcoa) + 1


@needs_shared
def test_agilent_across_filings_is_one_node_apart_from_its_subsidiaries():
    agilent = gold_of("ticker-A_")
    g = union(agilent)
    parent = nodes_named(g, "agilent technologies")
    assert len(parent) == 1
    assert len(set(g.subjects(PG.registrant, next(iter(parent))))) == len(agilent)
    assert len(nodes_named(g, "agilent technologies world trade")) == 1
    world_trade = next(iter(nodes_named(g, "agilent technologies world trade")))
    assert world_trade not in parent
    # the 100% stake of the parent in World Trade connects the two nodes
    assert any(g.value(s, PG.holder) in parent for s in g.subjects(PG.target, world_trade))


def alnylam_graphs() -> list[tuple[URIRef, Graph]]:
    return [build_filing_graph(f) for f in gold_of("0001178670_")]


@needs_shared
def test_merge_by_cik_on_oxigraph_makes_one_node_and_is_idempotent():
    graphs = alnylam_graphs()
    cik_node = iris.org_iri("Alnylam Pharmaceuticals, Inc.", "0001178670")
    name_node = iris.org_iri("Alnylam Pharmaceuticals, Inc.")
    st = ox.Store()
    for graph_iri, g in graphs:
        st.load(
            g.serialize(format="nt").encode(),
            ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(graph_iri),
        )
    assert any(True for _ in st.quads_for_pattern(ox.NamedNode(str(name_node)), None, None))
    st.update(MERGE_BY_CIK_UPDATE)
    n = len(st)
    assert not any(True for _ in st.quads_for_pattern(ox.NamedNode(str(name_node)), None, None))
    assert not any(True for _ in st.quads_for_pattern(None, None, ox.NamedNode(str(name_node))))
    registrants = {
        q.object.value for q in st.quads_for_pattern(None, ox.NamedNode(str(PG.registrant)), None)
    }
    assert registrants == {str(cik_node)}
    st.update(MERGE_BY_CIK_UPDATE)
    assert len(st) == n


@needs_shared
def test_merge_by_cik_on_rdflib_and_registry_at_build_time_agree():
    graphs = alnylam_graphs()
    ds = Dataset(default_union=True)
    for graph_iri, g in graphs:
        target = ds.graph(graph_iri)
        for t in g:
            target.add(t)
    merge_by_cik(ds)
    merged = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}

    registry = Registry()
    for _, g in graphs:
        registry.learn(g)
    canon = set()
    for _, g in graphs:
        canon |= set(registry.canonicalize(g))
    assert merged == canon
    name_node = iris.org_iri("Alnylam Pharmaceuticals, Inc.")
    assert not [t for t in merged if name_node in t]


def test_ambiguous_names_are_not_merged():
    a = {
        "schema": "pactgraph.facts/v1",
        "source": {"file": "a.txt"},
        "filing": {
            "form": "8-K",
            "registrant": {"name": "Acme Inc.", "cik": "0000000001"},
            "date_of_report": None,
            "items": [],
        },
        "agreements": [],
        "stakes": [],
        "people": [],
    }
    b = copy.deepcopy(a)
    b["source"]["file"] = "b.txt"
    b["filing"]["registrant"]["cik"] = "0000000002"
    c = copy.deepcopy(a)
    c["source"]["file"] = "c.txt"
    c["filing"]["registrant"]["cik"] = None
    st = ox.Store()
    for facts in (a, b, c):
        graph_iri, g = build_filing_graph(facts)
        st.load(
            g.serialize(format="nt").encode(),
            ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(graph_iri),
        )
    before = len(st)
    st.update(MERGE_BY_CIK_UPDATE)
    assert len(st) == before
    assert any(
        True for _ in st.quads_for_pattern(ox.NamedNode(str(iris.org_iri("Acme Inc."))), None, None)
    )


@needs_shared
def test_builder_with_a_registry_resolves_at_build_time():
    facts = gold_of("0001178670_")
    cik_node = iris.org_iri("Alnylam Pharmaceuticals, Inc.", "0001178670")
    registry = Registry()
    build_filing_graph(facts[0], registry=registry)  # the full submission, with CIK
    _, g = build_filing_graph(facts[1], registry=registry)  # the exhibit rendering, no CIK
    assert set(g.objects(None, PG.registrant)) == {cik_node}


@needs_shared
def test_pairs_of_new_filings_are_the_pairs_of_the_whole_store(tmp_path):
    """The pairs an ingest window looks for (names of its own filings' organizations) add up to
    the pairs of a scan of every CIK node, and a filing naming neither node adds none."""
    from pactgraph.graph.link.resolve import cik_pairs
    from pactgraph.graph.store import open_store, to_ntriples

    graphs = alnylam_graphs()
    pair = (
        str(iris.org_iri("Alnylam Pharmaceuticals, Inc.")),
        str(iris.org_iri("Alnylam Pharmaceuticals, Inc.", "0001178670")),
    )
    other_iri, other = build_filing_graph(gold_of("ticker-AA_")[0])
    with open_store(f"oxigraph:{tmp_path / 'st'}") as st:
        for n, (graph_iri, g) in enumerate(graphs + [(other_iri, other)]):
            st.replace_graph(graph_iri, to_ntriples(g), source_sha256=f"{n:064d}")
        assert cik_pairs(st) == [pair]
        one_by_one = {p for graph_iri, _ in graphs for p in cik_pairs(st, [str(graph_iri)])}
        assert one_by_one == {pair}
        assert cik_pairs(st, [str(other_iri)]) == []
        assert cik_pairs(st, []) == []


# --------------------------------------------------------------------------- near-miss, aliases


def test_plural_variant_only_for_one_word_after_the_first():
    assert iris.plural_variant("agilent technology", "agilent technologies")
    assert iris.plural_variant("general motor", "general motors")
    for a, b in [
        ("agilent technologies", "agilent technologies world trade"),
        ("aaron rents", "aarons"),
        ("citigroup", "citigroups"),
        ("agilent technologies", "agilent technologies"),
        ("time warner", "time warner cable"),
        ("first data", "first date"),
    ]:
        assert not iris.plural_variant(a, b), (a, b)


def seed_with(**changes) -> dict:
    facts = copy.deepcopy(gf.seed_facts())
    facts.update(changes)
    return facts


def org_of(g: Graph, name_in_filing: str) -> URIRef:
    return next(s for s in g.subjects(PG.name, None) if name_in_filing in names_of(g, s))


def test_a_filing_misspelling_its_own_registrant_is_read_as_the_registrant():
    """Agilent's 8-K of 2005-08-25 names "Agilent Technology, Inc." (the filer itself)."""
    facts = seed_with(
        agreements=[
            {
                "title": "Indenture",
                "kind": "indenture",
                "action": "terminated",
                "parties": ["Ascent Solar Technology, Inc.", "Citibank, N.A."],
            }
        ],
        stakes=[],
        aliases={},
    )
    _, g = build_filing_graph(facts)
    registrant = g.value(filing_of(g), PG.registrant)
    agreement = next(g.subjects(PG.title, None))
    parties = set(g.objects(agreement, PG.hasParty))
    assert registrant in parties and len(parties) == 2
    assert "Ascent Solar Technology, Inc." in names_of(g, registrant)  # kept as written


def test_the_same_near_miss_outside_its_registrant_filing_stays_apart():
    facts = seed_with(
        agreements=[
            {
                "title": "Supply Agreement",
                "kind": "supply",
                "action": "entered",
                "parties": ["Agilent Technology, Inc.", "Agilent Technologies, Inc."],
            }
        ],
        stakes=[],
        aliases={},
    )
    _, g = build_filing_graph(facts)
    agreement = next(g.subjects(PG.title, Literal("Supply Agreement")))
    assert len(set(g.objects(agreement, PG.hasParty))) == 2


def filing_of(g: Graph) -> URIRef:
    return next(g.subjects(RDF.type, PG.Filing))


def test_defined_terms_resolve_to_their_entity():
    """The seed defines "Hydro" and "Ascent" (the extractor's top-level ``aliases`` list)."""
    facts = seed_with(
        aliases=[
            {"alias": "Hydro", "name": "Norsk Hydro Produksjon AS"},
            {"alias": "Ascent", "name": "Ascent Solar Technologies, Inc."},
        ],
        agreements=[{**gf.seed_facts()["agreements"][0], "parties": ["Ascent", "Hydro"]}],
        stakes=[{**gf.seed_facts()["stakes"][0], "holder": "Hydro", "target": "Ascent"}],
    )
    _, g = build_filing_graph(facts)
    registrant = g.value(filing_of(g), PG.registrant)
    hydro = iris.org_iri("Norsk Hydro Produksjon AS")
    agreement = next(g.subjects(PG.title, Literal("Cooperation Agreement")))
    assert set(g.objects(agreement, PG.hasParty)) == {registrant, hydro}
    stake = next(g.subjects(RDF.type, PG.OwnershipStake))
    assert (g.value(stake, PG.holder), g.value(stake, PG.target)) == (hydro, registrant)
    assert str(g.value(stake, PG.holderName)) == "Norsk Hydro Produksjon AS"
    assert set(g.objects(hydro, SKOS.altLabel)) == {Literal("Hydro")}
    assert set(g.objects(registrant, SKOS.altLabel)) == {Literal("Ascent")}
    assert {str(n) for n in g.objects(None, PG.name)} >= {"Norsk Hydro Produksjon AS"}
    assert not {"Hydro", "Ascent"} & {str(n) for n in g.objects(None, PG.name)}


# --------------------------------------------------------------------------- preferred labels


def test_preferred_label_rule():
    # mixed case over capitals, then the registrant's own filings, then frequency
    assert (
        preferred_label(
            [("AARON RENTS, INC.", 5, 3), ("Aaron Rents, Inc.", 2, 2), ("Aaron Rents Inc", 9, 0)]
        )
        == "Aaron Rents, Inc."
    )
    assert (
        preferred_label(
            [
                ("INTERNATIONAL BUSINESS MACHINES CORPORATION", 3, 3),
                ("International Business Machines Corp.", 1, 0),
                ("International Business Machines Corporation", 6, 0),
            ]
        )
        == "International Business Machines Corporation"
    )
    assert preferred_label([("Citibank N.A.", 4, 0), ("Citibank, N.A.", 6, 0)]) == "Citibank, N.A."
    assert preferred_label([("Alcoa", 9, 0), ("Alcoa Inc.", 9, 0)]) == "Alcoa Inc."  # full name
    assert preferred_label([("Foo Inc", 1, 0), ("Foo Inc.", 1, 0)]) == "Foo Inc"  # code points
    assert preferred_label([("IBM", 3, 0)]) == "IBM"  # capitals when that is all there is


@needs_shared
def test_one_preferred_label_per_organization_and_no_doubled_names(tmp_path):
    from pactgraph.graph.query import run_saved
    from pactgraph.graph.store import open_store

    with open_store(f"oxigraph:{tmp_path / 'st'}") as st:
        for facts in gf.all_gold_facts():
            st.replace_graph(*build_filing_graph(facts))
        ibm = run_saved(st, "agreements-of", {"company": "international business"})
        names = [
            n
            for r in ibm.rows
            for n in str(r["parties"]).split("; ")
            if "business machines" in n.lower()
        ]
        assert {n.lower() for n in names} == {"international business machines corporation"}
        assert len(set(names)) == 2  # both spellings, before any label is chosen
        assert write_preferred_labels(st) > 0
        counts = st.query(LABELS_PER_ORG)
        assert counts.rows and {int(r["n"]) for r in counts.rows} == {1}
        orgs = st.query("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a <%s> }" % PG.Organization)
        assert len(counts.rows) == int(orgs.rows[0]["n"])
        ibm = run_saved(st, "agreements-of", {"company": "international business"})
        names = {
            n
            for r in ibm.rows
            for n in str(r["parties"]).split("; ")
            if "business machines" in n.lower()
        }
        assert names == {"International Business Machines Corporation"}
        company = run_saved(st, "company", {"company": "adobe"})
        assert [str(r["name"]) for r in company.rows] == ["Adobe Inc."]
        # again for one filing's organizations (as after an ingest): still one label each
        assert write_preferred_labels(st, [str(build_filing_graph(gf.seed_facts())[0])]) == 2
        assert {int(r["n"]) for r in st.query(LABELS_PER_ORG).rows} == {1}


LABELS_PER_ORG = f"SELECT ?o (COUNT(?l) AS ?n) WHERE {{ ?o <{SKOS.prefLabel}> ?l }} GROUP BY ?o"


def test_the_extractor_aliases_of_the_seed_resolve_in_its_graph():
    """End to end on the seed bundled with the package: the extractor's defined terms "Hydro"
    and "Ascent" are alternative labels of the two parties, not organisations of their own."""
    from importlib.resources import files

    from pactgraph.nlp.extract import extract_facts
    from pactgraph.nlp.reader import read_filing

    seed = files("pactgraph.nlp") / "samples" / "ascent-solar-technologies_2007-12-19_seed.txt"
    _, g = build_filing_graph(extract_facts(read_filing(str(seed))))
    registrant = g.value(filing_of(g), PG.registrant)
    hydro = iris.org_iri("Norsk Hydro Produksjon AS")
    assert Literal("Hydro") in set(g.objects(hydro, SKOS.altLabel))
    assert Literal("Ascent") in set(g.objects(registrant, SKOS.altLabel))
    named = {str(n) for n in g.objects(None, PG.name)}
    assert "Norsk Hydro Produksjon AS" in named and not {"Hydro", "Ascent"} & named


def test_an_ingest_writes_each_organisations_preferred_name(seed_path):
    from pactgraph.graph.ingest import ingest_paths
    from pactgraph.graph.store import open_store

    with open_store("memory:") as st:
        ingest_paths([seed_path], st)
        rows = st.query(
            "SELECT ?org ?label WHERE { ?org "
            "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
        )
        labels = {str(row["label"]) for row in rows}
    assert {"Ascent Solar Technologies, Inc.", "Norsk Hydro Produksjon AS"} <= labels
