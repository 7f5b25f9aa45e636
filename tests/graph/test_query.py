"""Running SPARQL: inline, from a file, saved queries with parameters; result formats; errors;
the ``pactgraph query`` / ``pactgraph queries`` commands (in-process, real stores)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.query import Result

from pactgraph.graph.build.builder import build_filing_graph
from pactgraph.graph.cli import main
from pactgraph.graph.query import (
    QueryResult,
    bind_params,
    load_query,
    query_form,
    run_query,
    run_saved,
    saved_queries,
    saved_query,
    strip_comments_and_strings,
)
from pactgraph.graph.store import open_store
from pactgraph.nlp.errors import QueryError

REPO = Path(__file__).resolve().parents[2]
PG = "https://pactgraph.org/ontology#"
ASCENT = "Ascent Solar Technologies, Inc."
HYDRO = "Norsk Hydro Produksjon AS"


import gold_facts as GF  # noqa: E402  (tests/graph/conftest.py puts it on the path)

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def oxi_spec(gold_store_spec):
    """An embedded Oxigraph store holding the graphs of every gold filing."""
    return gold_store_spec


@pytest.fixture(scope="module")
def oxi(oxi_spec):
    st = open_store(oxi_spec, read_only=True)
    yield st
    st.close()


@pytest.fixture(scope="module")
def mem():
    st = open_store("memory:")
    iri, g = build_filing_graph(GF.seed_facts())
    st.replace_graph(iri, g)
    return st


PARTIES = f"""PREFIX pg: <{PG}>
SELECT DISTINCT ?name WHERE {{ ?a pg:title "Cooperation Agreement" ; pg:hasParty ?p .
  ?p pg:name ?name }} ORDER BY ?name"""


def test_same_answers_on_every_kind_of_store(oxi, mem):
    raw = ox.Store()
    ds = rdflib.Dataset()
    iri, g = build_filing_graph(GF.seed_facts())
    for s, p, o in g:
        ds.graph(iri).add((s, p, o))
    raw.load(
        g.serialize(format="nt").encode(), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(iri))
    )
    answers = [run_query(st, PARTIES).values("name") for st in (oxi, mem, raw, ds)]
    assert answers[0] == [ASCENT, HYDRO]
    assert all(a == answers[0] for a in answers)


def test_result_kinds_and_formats(mem):
    sel = run_query(mem, PARTIES)
    assert sel.kind == "select" and sel.vars == ["name"] and len(sel) == 2
    # SPARQL JSON, XML, CSV and TSV results parse back with rdflib's result parsers
    for fmt in ("json", "xml", "csv", "tsv"):
        parsed = Result.parse(io.StringIO(sel.serialize(fmt)), format=fmt)
        assert sorted(str(row[0]) for row in parsed) == [ASCENT, HYDRO], fmt
    rows = list(csv.reader(io.StringIO(sel.serialize("csv"))))
    assert rows == [["name"], [ASCENT], [HYDRO]]
    doc = json.loads(sel.serialize("json"))
    assert doc["head"]["vars"] == ["name"]
    assert doc["results"]["bindings"][0]["name"] == {"type": "literal", "value": ASCENT}

    ask = run_query(mem, f"ASK {{ ?s <{PG}percent> ?p FILTER(?p > 20) }}")
    assert ask.kind == "ask" and ask.boolean is True and bool(ask)
    assert json.loads(ask.serialize("json")) == {"head": {}, "boolean": True}
    assert Result.parse(io.StringIO(ask.serialize("xml")), format="xml").askAnswer is True

    con = run_query(mem, f"CONSTRUCT {{ ?s <{PG}percent> ?p }} WHERE {{ ?s <{PG}percent> ?p }}")
    assert con.kind == "graph" and len(con) == 1
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("xml", "xml"), ("jsonld", "json-ld")):
        back = rdflib.Graph().parse(data=con.serialize(fmt), format=parser)
        assert isomorphic(back, con.graph()), fmt
    ((_, _, percent),) = con.triples
    assert float(percent) == pytest.approx(23.0)

    desc = run_query(mem, f"DESCRIBE ?s WHERE {{ ?s <{PG}percent> ?p }}")
    assert desc.kind == "graph" and len(desc) >= 4


def test_malformed_query_gives_query_error_with_position(oxi, mem):
    with pytest.raises(QueryError) as err:
        run_query(oxi, "SELECT * WHERE { ?s ?p }")
    assert "malformed SPARQL query" in str(err.value) and "1:" in str(err.value)
    with pytest.raises(QueryError) as err:
        run_query(mem, "SELECT * WHERE { ?s ?p }")
    assert "malformed SPARQL query" in str(err.value)


def test_updates_are_refused_by_query(oxi):
    for update in (
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <file:///etc/passwd>",
        "CLEAR ALL",
        "DROP GRAPH <urn:g>",
    ):
        with pytest.raises(QueryError, match="Update"):
            run_query(oxi, update)


def test_query_form_ignores_strings_comments_and_iris():
    assert (
        query_form("PREFIX ex: <http://ex/insert#> # DELETE me\nSELECT ?x { ?x ex:p 'INSERT' }")
        == "select"
    )
    assert query_form("ASK { ?s ?p ?o }") == "ask"
    assert query_form("construct where { ?s ?p ?o }") == "construct"
    assert query_form("DESCRIBE <urn:x>") == "describe"
    assert query_form("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == "update"
    masked = strip_comments_and_strings('SELECT "a WHERE {" # WHERE {\n<urn:WHERE>')
    assert "WHERE" not in masked and len(masked) == len('SELECT "a WHERE {" # WHERE {\n<urn:WHERE>')


def test_bind_params_escapes_and_finds_the_right_where():
    q = (
        'SELECT ?x # WHERE { in a comment\nWHERE { ?x <urn:p> "WHERE { not here" '
        "{ SELECT ?y WHERE { ?y ?p ?o } } }"
    )
    bound = bind_params(q, {"name": 'He said "hi" \\ \n bye'})
    assert bound.index("VALUES ?name") > bound.index("\nWHERE {")
    assert bound.index("VALUES ?name") < bound.index('"WHERE { not here"')
    assert r'"He said \"hi\" \\ \n bye"' in bound
    st = ox.Store()
    st.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal('He "quoted" \\ x')))
    res = run_query(
        st,
        bind_params(
            "SELECT ?s WHERE { ?s <urn:p> ?v FILTER(?v = ?want) }", {"want": 'He "quoted" \\ x'}
        ),
    )
    assert res.values("s") == ["urn:s"]
    # an injection attempt stays one literal
    res = run_query(
        st,
        bind_params("SELECT ?s WHERE { ?s <urn:p> ?want }", {"want": '" } ?s ?p ?o . FILTER("1'}),
    )
    assert len(res) == 0
    iri = bind_params("SELECT ?s WHERE { ?s ?p ?o }", {"s": "<urn:s>"})
    assert "VALUES ?s { <urn:s> }" in iri
    with pytest.raises(QueryError):
        bind_params("SELECT ?s WHERE { ?s ?p ?o }", {"s": "<urn:bad iri>"})
    with pytest.raises(QueryError):
        bind_params("SELECT ?s WHERE { ?s ?p ?o }", {"bad name": "x"})


def test_saved_queries_are_listed_with_params_and_all_run(oxi):
    found = {q.name: q for q in saved_queries()}
    assert {"parties", "stakes", "agreements-of"} <= set(found)
    for q in found.values():
        assert q.title, q.name
        res = run_saved(oxi, q.name)  # defaults fill every parameter
        assert res.kind in ("select", "ask", "graph")
    company = {p.name: p for p in found["agreements-of"].params}["company"]
    assert company.description and company.default
    with pytest.raises(QueryError, match="no saved query"):
        saved_query("no-such-query")
    with pytest.raises(QueryError, match="not a saved query name"):
        saved_query("../../etc/passwd")
    with pytest.raises(QueryError, match="unknown parameter"):
        load_query(name="agreements-of", params={"nope": "1"})


def test_saved_query_with_param_answers_the_seed(oxi):
    res = run_saved(oxi, "agreements-of", {"company": "Norsk Hydro"})
    titles = res.values("title")
    assert "Cooperation Agreement" in titles
    other = run_saved(oxi, "agreements-of", {"company": "no company has this name"})
    assert len(other) == 0


def test_query_from_file_with_declared_params(tmp_path, mem):
    f = tmp_path / "q.rq"
    f.write_text(
        f"# Parties of an agreement\n# @param title: the title (default: nothing)\n"
        f"SELECT ?name WHERE {{ ?a <{PG}title> ?title ; <{PG}hasParty>/<{PG}name> ?name }}"
        " ORDER BY ?name\n"
    )
    res = run_query(mem, load_query(file=f, params={"title": "Cooperation Agreement"}))
    assert res.values("name") == [ASCENT, HYDRO]
    with pytest.raises(QueryError):
        load_query(file=tmp_path / "missing.rq")


def test_max_rows(oxi):
    with pytest.raises(QueryError, match="more than 3"):
        run_query(oxi, "SELECT * WHERE { ?s ?p ?o }", max_rows=3)
    assert len(run_query(oxi, "SELECT * WHERE { ?s ?p ?o } LIMIT 3", max_rows=3)) == 3


def test_query_result_helpers():
    r = QueryResult("select", ["a"], [{"a": rdflib.Literal(5)}, {}])
    assert r.records() == [{"a": 5}, {}]
    assert r.values("a") == ["5"]
    table = r.to_table()
    assert table.row_count == 2


def test_to_dataframe(mem):
    pd = pytest.importorskip("pandas")
    df = run_query(mem, PARTIES).to_dataframe()
    assert isinstance(df, pd.DataFrame) and list(df.columns) == ["name"]
    assert list(df["name"]) == [ASCENT, HYDRO]
    stakes = run_saved(mem, "stakes").to_dataframe()
    assert len(stakes) == 1


# --------------------------------------------------------------------------- the CLI


def cli(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_query_formats(capsys, oxi_spec):
    code, out, err = cli(capsys, "query", PARTIES, "--store", oxi_spec, "--format", "json")
    assert code == 0, err
    names = [b["name"]["value"] for b in json.loads(out)["results"]["bindings"]]
    assert names == [ASCENT, HYDRO]
    code, out, _ = cli(capsys, "query", PARTIES, "--store", oxi_spec, "--format", "csv")
    assert list(csv.reader(io.StringIO(out))) == [["name"], [ASCENT], [HYDRO]]
    code, out, _ = cli(capsys, "query", PARTIES, "--store", oxi_spec, "--format", "tsv")
    assert out.splitlines() == ["?name", f'"{ASCENT}"', f'"{HYDRO}"']
    code, out, _ = cli(capsys, "query", PARTIES, "--store", oxi_spec)
    assert code == 0 and ASCENT in out and "2 results" in out
    code, out, _ = cli(
        capsys,
        "query",
        f"CONSTRUCT WHERE {{ ?s <{PG}percent> ?p }}",
        "--store",
        oxi_spec,
        "--format",
        "ttl",
    )
    assert code == 0
    assert len(rdflib.Graph().parse(data=out, format="turtle")) >= 1


def test_cli_saved_query_with_param_and_file(capsys, oxi_spec, tmp_path):
    code, out, err = cli(
        capsys,
        "query",
        "agreements-of",
        "--param",
        'company="Ascent Solar"',
        "--store",
        oxi_spec,
        "--format",
        "json",
    )
    assert code == 0, err
    rows = json.loads(out)["results"]["bindings"]
    assert any(r["title"]["value"] == "Cooperation Agreement" for r in rows)
    f = tmp_path / "parties.rq"
    f.write_text(PARTIES)
    code, out, _ = cli(capsys, "query", "--file", str(f), "--store", oxi_spec, "-F", "csv")
    assert code == 0 and list(csv.reader(io.StringIO(out)))[1:] == [[ASCENT], [HYDRO]]


def test_cli_errors_are_short_and_a_syntax_error_points_at_its_place(capsys, oxi_spec, tmp_path):
    query = "SELECT ?s\nWHERE { ?s ?p ?o FILTER(?s = ) }"
    code, out, err = cli(capsys, "query", query, "--store", oxi_spec)
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 3 and "malformed SPARQL query at line 2, column " in lines[0]
    column = int(lines[0].split("column ")[1].split(":")[0])
    assert lines[1] == "  WHERE { ?s ?p ?o FILTER(?s = ) }"
    assert lines[2] == "  " + " " * (column - 1) + "^" and column > len("WHERE { ?s ?p ?o FILTER(")
    code, _, err = cli(capsys, "query", "no-such-saved-query", "--store", oxi_spec)
    assert code == 2 and "no saved query" in err
    code, _, err = cli(
        capsys, "query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--store", oxi_spec
    )
    assert code == 2 and "Update" in err
    code, _, err = cli(
        capsys, "query", "ASK { ?s ?p ?o }", "--store", f"oxigraph:{tmp_path / 'nothing-here'}"
    )
    assert code == 2 and "no pactgraph store here" in err
    assert not (tmp_path / "nothing-here").exists()


def test_cli_query_while_another_process_writes_reads_its_view_and_says_so(
    capsys, tmp_path, monkeypatch
):
    import subprocess
    import sys

    from pactgraph.graph.cli.app import err_console

    monkeypatch.setattr(err_console, "width", 40)  # narrower than the note: it stays one line

    spec = f"oxigraph:{tmp_path / 'live'}"
    with open_store(spec) as st:
        iri, g = build_filing_graph(GF.seed_facts())
        st.replace_graph(iri, g)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom pactgraph.graph.store import open_store\n"
            "st = open_store(sys.argv[1])\nst.remove_graph(sys.argv[2])\n"  # not published yet
            "print('ready', flush=True)\nsys.stdin.read()\n",
            spec,
            str(iri),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline() == "ready\n"
        code, out, err = cli(capsys, "query", PARTIES, "--store", spec, "--format", "csv")
    finally:
        writer.stdin.close()
        writer.wait(60)
    assert code == 0, err
    assert list(csv.reader(io.StringIO(out)))[1:] == [[ASCENT], [HYDRO]]  # the published view
    note = [line for line in err.splitlines() if line.strip()]
    assert len(note) == 1 and "is being written by another process" in note[0]
    assert str(tmp_path / "live") in note[0]
    code, out, err = cli(capsys, "query", PARTIES, "--store", spec, "--format", "csv")
    assert code == 0 and list(csv.reader(io.StringIO(out)))[1:] == [] and not err  # the store


def test_cli_queries_lists_saved_queries(capsys):
    code, out, _ = cli(capsys, "queries")
    assert code == 0
    for q in saved_queries():
        assert q.name[:20] in out
    assert "company" in out
