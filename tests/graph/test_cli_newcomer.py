"""What a new user meets first: --version and -h, tables readable at 80 columns, the demo's
action column, export filters that refuse typos, the memory: hint, SPARQL errors with a caret.

None of these needs ../shared: the stores are built from the reviewed seed facts, the demo reads
the samples bundled with the package.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from rich.console import Console

from pactgraph.graph.build.builder import build_filing_graph
from pactgraph.graph.cli import main
from pactgraph.graph.cli.query import syntax_error_message
from pactgraph.graph.cli.tables import print_rows
from pactgraph.graph.query import run_query, run_saved
from pactgraph.graph.store import open_store
from pactgraph.nlp.errors import QueryError

import gold_facts as GF  # noqa: E402  (tests/graph/conftest.py puts it on the path)


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed_spec(tmp_path_factory) -> str:
    spec = f"oxigraph:{tmp_path_factory.mktemp('seed') / 'store'}"
    with open_store(spec) as st:
        st.replace_graph(*build_filing_graph(GF.seed_facts()))
    return spec


def test_version_and_short_help(capsys):
    code, out, _ = cli(capsys, "--version")
    assert code == 0 and out.strip() == f"pactgraph {version('pactgraph')}"
    code, out, _ = cli(capsys, "-h")
    assert code == 0 and "Usage" in out and "query" in out
    code, out, _ = cli(capsys, "export", "-h")
    assert code == 0 and "--kind" in out


def test_demo_at_80_columns_shows_what_each_agreement_report_says(tmp_path):
    exe = shutil.which("pactgraph", path=str(Path(sys.executable).parent)) or "pactgraph"
    run = subprocess.run(
        [exe, "demo", "--memory"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"},
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80 and "…" not in run.stdout
    # date and action are one-line cells: Adobe-Figma's merger is reported terminated
    assert any("2023-12-17" in line and "terminated" in line for line in lines)
    assert any("2007-12-18" in line and "entered" in line for line in lines)


def seed_rows(spec: str, name: str) -> tuple[list[str], list[dict]]:
    with open_store(spec, read_only=True) as st:
        result = run_saved(st, name)
    return list(result.vars), result.rows


@pytest.mark.parametrize("width", [80, 200])
def test_wide_results_print_as_blocks_narrow_ones_as_tables(seed_spec, width):
    columns, rows = seed_rows(seed_spec, "agreements-of")  # 8 columns, two of them IRIs
    out = io.StringIO()
    print_rows(Console(file=out, width=width), columns, rows)
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= width
    if width == 80:
        assert any(line.split() == ["title", "Cooperation", "Agreement"] for line in lines)
        assert any(line.split() == ["action", "entered"] for line in lines)
    else:
        header = next(line for line in lines if "title" in line)
        assert all(c in header for c in columns)
    assert lines[-1] == "1 result"


def test_a_table_that_fits_stays_a_table(seed_spec):
    _, rows = seed_rows(seed_spec, "stakes")
    columns = ["holder", "percent", "qualifier", "target"]
    out = io.StringIO()
    print_rows(Console(file=out, width=80), columns, rows)
    header = next(line for line in out.getvalue().splitlines() if "holder" in line)
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == columns


def test_export_refuses_an_unknown_kind_or_company_and_writes_nothing(capsys, seed_spec, tmp_path):
    out = tmp_path / "g.graphml"
    code, _, err = cli(
        capsys,
        "export",
        "--format",
        "graphml",
        "--kind",
        "credt",
        "-o",
        str(out),
        "--store",
        seed_spec,
    )
    assert code == 2 and "unknown agreement kind 'credt'" in err
    assert all(k in err for k in ("collaboration", "credit", "joint_venture"))
    code, _, err = cli(
        capsys,
        "export",
        "--format",
        "ttl",
        "--company",
        "Nonexistentco",
        "-o",
        str(out),
        "--store",
        seed_spec,
    )
    assert code == 2 and "Nonexistentco" in err and not out.exists()
    code, _, err = cli(
        capsys,
        "export",
        "--format",
        "graphml",
        "--kind",
        "collaboration",
        "--company",
        "hydro",
        "-o",
        str(out),
        "--store",
        seed_spec,
    )
    assert code == 0, err
    assert "Norsk Hydro Produksjon AS" in out.read_text()


def test_query_on_a_memory_store_says_it_starts_empty(capsys):
    code, out, err = cli(capsys, "query", "SELECT * WHERE { ?s ?p ?o }", "--store", "memory:")
    assert code == 0 and "0 results" in out
    assert "memory: store starts empty" in " ".join(err.split())


BAD = "SELECT ?s\nWHERE { ?s ?p ?o FILTER(?s = ) }"


@pytest.mark.parametrize("spec", ["memory:", "oxigraph"])  # rdflib's parser, Oxigraph's
def test_syntax_errors_show_line_column_and_a_caret(spec, tmp_path):
    spec = f"oxigraph:{tmp_path / 'st'}" if spec == "oxigraph" else spec
    with open_store(spec) as st, pytest.raises(QueryError) as raised:
        run_query(st, BAD)
    head, source, caret = syntax_error_message(str(raised.value), BAD).splitlines()
    assert head.startswith("malformed SPARQL query at line 2, column ")
    column = int(head.split("column ")[1].split(":")[0])
    assert source == "  WHERE { ?s ?p ?o FILTER(?s = ) }"
    assert caret == "  " + " " * (column - 1) + "^"
    assert 1 <= column <= len(source) - 1  # where the parser stopped (each parser its own way)


def test_other_errors_pass_unchanged():
    assert syntax_error_message("no saved query 'x'", BAD) == "no saved query 'x'"
