"""The competency questions (graph/queries/*.rq) answered on the graphs of all gold filings,
loaded into an in-memory Oxigraph store (default graph = union of the named graphs), after the
post-ingest updates (merge by CIK, lifecycle links). The seed's answers also through rdflib."""

from __future__ import annotations

import re
import sys
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef

sys.path.insert(0, str(Path(__file__).parent))
import gold_facts as gf
from pactgraph.graph.build.builder import build_filing_graph
from pactgraph.graph.link.lifecycle import run_post_ingest

pytestmark = pytest.mark.shared

QUERY_NAMES = [
    "company",
    "agreements-of",
    "agreements-by-kind-year",
    "amendments-of",
    "amendments-matching",
    "counterparties-shareholders",
    "evidence-of",
    "facts-matching",
    "parties",
    "stakes",
    "stakes-above",
]
PARAM = re.compile(r"^#\s*@param\s+(\w+)\s*:.*?\(default:\s*(.*?)\)\s*$", re.MULTILINE)


def saved(name: str) -> str:
    return resources.files("pactgraph.graph").joinpath("queries", f"{name}.rq").read_text("utf-8")


def bind(query: str, **params: str) -> str:
    """The saved-query convention: declared params (with defaults) bound by a VALUES block
    inserted right after the first ``WHERE {``."""
    values = dict(PARAM.findall(query))
    values.update(params)
    block = " ".join(f"VALUES ?{k} {{ {term(v)} }}" for k, v in values.items())
    return re.sub(
        r"WHERE\s*\{", lambda m: m.group(0) + " " + block, query, count=1, flags=re.IGNORECASE
    )


def term(value: str) -> str:
    """A parameter value as a SPARQL term: an absolute IRI as an IRI, anything else a string."""
    return f"<{value}>" if re.fullmatch(r"https?://\S+", value) else f'"{value}"'


def rows(store: ox.Store, name: str, **params: str) -> list[dict]:
    result = store.query(bind(saved(name), **params), use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: (None if s[n] is None else s[n].value) for n in names} for s in result]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    st = ox.Store()
    for facts in gf.all_gold_facts():
        graph_iri, g = build_filing_graph(facts)
        st.load(
            g.serialize(format="nt").encode("utf-8"),
            ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(graph_iri),
        )
    run_post_ingest(st)
    return st


def gold_agreements_with(substring: str) -> int:
    return sum(
        1
        for facts in gf.all_gold_facts()
        for a in facts["agreements"]
        if any(substring in p.lower() for p in a["parties"])
    )


def test_every_saved_query_parses_and_declares_its_params():
    for name in QUERY_NAMES:
        q = saved(name)
        ox.Store().query(bind(q))  # parses and runs on an empty store
        for param, _ in PARAM.findall(q):
            assert f"?{param}" in q.split("WHERE", 1)[1], (name, param)
    assert "company" in dict(PARAM.findall(saved("agreements-of")))


def test_agreements_of_a_company(store):
    seed = rows(store, "agreements-of")  # default: Ascent Solar
    assert [(r["title"], r["kind"], r["action"], r["date"], r["exhibit"]) for r in seed] == [
        ("Cooperation Agreement", "collaboration", "entered", "2007-12-18", "10.1")
    ]
    assert set(seed[0]["parties"].split("; ")) == {
        "Ascent Solar Technologies, Inc.",
        "Norsk Hydro Produksjon AS",
    }
    for company in ("google", "alcoa", "agilent", "international business machines"):
        assert len(rows(store, "agreements-of", company=company)) == gold_agreements_with(
            company
        ), company
    assert len(rows(store, "agreements-of", company="GOOGLE")) == gold_agreements_with("google")
    assert rows(store, "agreements-of", company="no such company") == []


def test_counterparties_that_are_also_shareholders(store):
    got = [
        (r["counterparty"], float(r["percent"]), r["qualifier"], r["company"], r["title"])
        for r in rows(store, "counterparties-shareholders")
    ]
    assert got == [
        (
            "Norsk Hydro Produksjon AS",
            23.0,
            "approximately",
            "Ascent Solar Technologies, Inc.",
            "Cooperation Agreement",
        )
    ]


def test_stakes_above_a_threshold(store):
    all_stakes = [s for f in gf.all_gold_facts() for s in f["stakes"]]
    for threshold in (0, 20, 50, 100):
        got = rows(store, "stakes-above", threshold=str(threshold))
        assert len(got) == sum(1 for s in all_stakes if s["percent"] >= threshold), threshold
    above_20 = {
        (r["holder"], r["target"], float(r["percent"])) for r in rows(store, "stakes-above")
    }
    assert ("Norsk Hydro Produksjon AS", "Ascent Solar Technologies, Inc.", 23.0) in above_20
    assert ("Alumina Limited", "Alcoa World Alumina and Chemicals", 40.0) in above_20
    assert not any(
        r for r in rows(store, "stakes-above", threshold="23.5") if r["holder"].startswith("Norsk")
    )


def test_agreements_by_kind_per_year(store):
    got = {
        (r["year"], r["kind"]): int(r["agreements"]) for r in rows(store, "agreements-by-kind-year")
    }
    total = sum(len(f["agreements"]) for f in gf.all_gold_facts())
    assert sum(got.values()) == total
    assert got[("2007", "collaboration")] == 1
    assert got[("2025", "credit")] >= 4  # NIKE 2025 (4) and IBM 2025 (2)


def test_amendments_of_an_agreement(store):
    got = rows(store, "amendments-of")  # default: IBM's Three-Year Credit Agreement of 2024, by IRI
    assert [
        (
            r["original"],
            r["link"],
            r["change"],
            r["originalDate"],
            r["changeDate"],
            r["changeExhibit"],
        )
        for r in got
    ] == [
        (
            "Three-Year Credit Agreement",
            "amends",
            "Amendment No. 2 to Three-Year Credit Agreement",
            "2024-06-17",
            "2025-06-20",
            "10.1",
        )
    ]
    assert (
        rows(store, "amendments-of", agreement=got[0]["later"]) == []
    )  # nothing amends the amendment
    assert (
        rows(store, "amendments-of", agreement="https://pactgraph.org/id/no-such-agreement") == []
    )


def test_amendments_matching_a_title(store):
    got = {(r["original"], r["link"], r["change"]) for r in rows(store, "amendments-matching")}
    assert (
        "Three-Year Credit Agreement",
        "amends",
        "Amendment No. 2 to Three-Year Credit Agreement",
    ) in got
    assert (
        "Five-Year Credit Agreement",
        "amends",
        "Amendment No. 2 to Five-Year Credit Agreement",
    ) in got
    assert (
        "Credit Agreement",
        "terminates",
        "Credit Agreement",
    ) in got  # NIKE 2025 ends the 2024 facility
    ibm = rows(
        store,
        "amendments-matching",
        agreement="three-year",
        company="International Business Machines",
    )
    assert [(r["originalDate"], r["changeDate"], r["changeExhibit"]) for r in ibm] == [
        ("2024-06-17", "2025-06-20", "10.1")
    ]
    assert [r["later"] for r in ibm] == [r["later"] for r in rows(store, "amendments-of")]
    assert rows(store, "amendments-matching", agreement="Cooperation Agreement") == []


def test_the_evidence_of_a_fact(store):
    got = rows(store, "evidence-of")  # default: the seed's Cooperation Agreement, by IRI
    assert len(got) == 1
    ev = got[0]
    text = (gf.CORPUS / "filings/ascent-solar-technologies_2007-12-19_seed.txt").read_text("utf-8")
    assert ev["file"] == "filings/ascent-solar-technologies_2007-12-19_seed.txt"
    assert text[int(ev["start"]) : int(ev["end"])] == ev["quote"]
    assert "Cooperation Agreement" in ev["quote"] and "23%" in ev["quote"]
    hydro = rows(store, "facts-matching", text="Norsk Hydro Produksjon AS owns")
    assert [r["label"] for r in hydro] == [
        "Norsk Hydro Produksjon AS owns approximately 23% of Ascent Solar Technologies, Inc."
    ]
    stake = rows(store, "evidence-of", fact=hydro[0]["fact"])
    assert [r["quote"] for r in stake] == [
        "Norsk Hydro Produksjon AS (Hydro), a roughly 23% shareholder of Ascent"
    ]
    assert rows(store, "evidence-of", fact="https://pactgraph.org/id/no-such-fact") == []


def test_facts_matching_finds_facts_of_every_kind_by_their_words(store):
    coop = rows(store, "facts-matching")  # default: Cooperation Agreement
    assert [(r["label"], r["type"].rsplit("#", 1)[1]) for r in coop] == [
        ("Cooperation Agreement", "Agreement")
    ]
    assert coop[0]["fact"] == rows(store, "evidence-of")[0]["factIri"]
    kinds = {
        r["type"].rsplit("#", 1)[1] for r in rows(store, "facts-matching", text="") if r["type"]
    }
    assert kinds == {"Agreement", "OwnershipStake", "Position"}
    assert rows(store, "facts-matching", text="no such words anywhere") == []


def test_parties_and_stakes_for_the_demo(store):
    parties = rows(store, "parties")
    seed = {(r["party"], r["role"]) for r in parties if r["title"] == "Cooperation Agreement"}
    assert seed == {
        ("Ascent Solar Technologies, Inc.", "registrant"),
        ("Norsk Hydro Produksjon AS", "counterparty"),
    }
    stakes = rows(store, "stakes")
    assert len(stakes) == sum(len(f["stakes"]) for f in gf.all_gold_facts())
    hydro = next(r for r in stakes if r["holder"].startswith("Norsk"))
    assert (hydro["holder"], float(hydro["percent"]), hydro["qualifier"], hydro["target"]) == (
        "Norsk Hydro Produksjon AS",
        23.0,
        "approximately",
        "Ascent Solar Technologies, Inc.",
    )


def test_seed_answers_are_the_same_through_rdflib():
    ds = Dataset(default_union=True)
    graph_iri, g = build_filing_graph(gf.seed_facts())
    target = ds.graph(graph_iri)
    for t in g:
        target.add(t)
    got = [(str(r[0]), float(r[1]), str(r[2]), str(r[3])) for r in ds.query(bind(saved("stakes")))]
    assert got == [
        ("Norsk Hydro Produksjon AS", 23.0, "approximately", "Ascent Solar Technologies, Inc.")
    ]
    got = {(str(r["party"]), str(r["role"])) for r in ds.query(bind(saved("parties")))}
    assert got == {
        ("Ascent Solar Technologies, Inc.", "registrant"),
        ("Norsk Hydro Produksjon AS", "counterparty"),
    }


def test_a_company_is_one_node_with_its_names_and_counts(store):
    google = rows(store, "company")  # default: Google
    assert [(r["names"], r["filings"]) for r in google] == [
        ("Google Inc.", str(len(gf_files("ticker-GOOG_"))))
    ]
    alnylam = rows(store, "company", company="alnylam")  # CIK node and name node merged
    assert [(r["org"].rsplit("/", 1)[1], r["cik"], r["filings"]) for r in alnylam] == [
        ("cik-0001178670", "0001178670", "2")
    ]
    hydro = rows(store, "company", company="Norsk Hydro")
    assert [(r["names"], r["aliases"]) for r in hydro] == [("Norsk Hydro Produksjon AS", "Hydro")]


def test_company_columns_stay_unbound_when_there_is_nothing_to_show(store):
    everyone = rows(store, "company", company="")
    assert len({r["org"] for r in everyone}) == len(everyone)
    assert any(r["aliases"] is None for r in everyone) and any(r["aliases"] for r in everyone)
    assert all(r["agreements"] is None or int(r["agreements"]) > 0 for r in everyone)
    assert all(r["stakes"] is None or int(r["stakes"]) > 0 for r in everyone)
    assert any(r["stakes"] is None for r in everyone) and any(r["stakes"] for r in everyone)


@pytest.mark.slow
def test_every_saved_query_answers_the_same_through_rdflib(store):
    """The entity-first shapes (parameters bound in an inner sub-select, aggregates over
    optional values) give the same rows on rdflib's engine as on Oxigraph."""
    ds = Dataset(default_union=True)
    for q in store.quads_for_pattern(None, None, None, None):  # filing graphs after post-ingest
        ds.graph(URIRef(q.graph_name.value)).add(
            (rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object))
        )
    cases = [(name, {}) for name in QUERY_NAMES]
    cases += [
        ("agreements-of", {"company": "bank"}),
        ("company", {"company": "inc"}),
        ("facts-matching", {"text": "owns"}),
        ("amendments-matching", {"agreement": "", "company": ""}),
    ]
    for name, params in cases:
        want = rows(store, name, **params)
        result = ds.query(bind(saved(name), **params))
        got = [{str(v): (None if r[v] is None else str(r[v])) for v in result.vars} for r in result]
        assert canon(got) == canon(want), (name, params)


def rdflib_term(t):
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    return Literal(t.value, datatype=URIRef(t.datatype.value))


def canon(answer: list[dict]) -> list[tuple]:
    """Rows in a comparable form: numbers as floats, GROUP_CONCAT lists as sets, order ignored."""

    def value(v):
        if v is None:
            return ""
        try:
            return str(float(v))
        except ValueError:
            return "; ".join(sorted(v.split("; ")))

    return sorted(tuple(sorted((k, value(v)) for k, v in r.items())) for r in answer)


def gf_files(prefix: str) -> list[dict]:
    return [f for f in gf.all_gold_facts() if Path(f["source"]["file"]).name.startswith(prefix)]
