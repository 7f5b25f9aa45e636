"""``pactgraph load`` can never overwrite, erase, shadow or pass as a filing's extracted facts
(issue 23, the second attack run), and large files stream through the bulk loader.

The store holds the seed filing's graph, built from its reviewed facts; each poisoning case of
the attack run is tried through the command and through ``load_rdf``: it is refused with one
line naming the file, and the filing's graph, its source hash and what the saved ``stakes``
query reads stay as they were. With ``--allow-project-iris`` (restoring an export) the data
loads, into its own graph.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import gold_facts as GF
import pytest
from pactgraph.graph import iris
from pactgraph.graph.build.builder import build_filing_graph
from pactgraph.graph.ingest import rdf_files as load_module
from pactgraph.graph.ingest.rdf_files import LOAD_GRAPH_BASE, load_rdf
from pactgraph.graph.query import run_query, run_saved
from pactgraph.graph.store import SOURCE_SHA256, open_store
from pactgraph.nlp.errors import ReaderError

PG = "https://pactgraph.org/ontology#"
PACTGRAPH = Path(sys.executable).parent / "pactgraph"


@pytest.fixture
def seeded(tmp_path):
    """An embedded store with the seed filing: (spec, filing graph IRI, a stake IRI, its sha)."""
    spec = f"oxigraph:{tmp_path / 'store'}"
    iri, graph = build_filing_graph(GF.seed_facts())
    with open_store(spec) as st:
        st.replace_graph(iri, graph)
        stake = run_query(st, f"SELECT ?s WHERE {{ ?s <{PG}percent> ?p }} LIMIT 1").rows[0]["s"]
        sha = st.graph_sha256(iri)
    return spec, str(iri), str(stake), sha


def snapshot(spec: str, filing: str) -> tuple:
    """What must not change: the filing graph's triples and hash, and every stake percentage."""
    with open_store(spec, read_only=True) as st:
        triples = {tuple(map(str, t)) for t in st.graph(filing)}
        percents = sorted(
            str(v) for v in run_query(st, f"SELECT ?p WHERE {{ ?s <{PG}percent> ?p }}").values("p")
        )
        return triples, st.graph_sha256(filing), percents, st.source_graph(st.graph_sha256(filing))


def cli_load(spec: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PACTGRAPH), "load", *args, "--store", spec],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def poisoning_cases(tmp_path: Path, filing: str, stake: str, sha: str) -> dict[str, tuple]:
    """name -> (file, extra command-line arguments)."""
    cases = {
        "turtle about a stake's IRI": ("stake.ttl", f"<{stake}> <{PG}percent> 99 .\n", ()),
        "trig naming the filing's graph with a forged hash": (
            "forged.trig",
            (
                f"<{filing}> {{ <{stake}> <{PG}percent> 99 . "
                f'<{filing}> <{SOURCE_SHA256}> "{"0" * 64}" }}\n'
            ),
            (),
        ),
        "--graph naming the filing's graph": (
            "plain.ttl",
            '<urn:x> <urn:y> "z" .\n',
            ("--graph", filing),
        ),
        "--graph naming the lifecycle graph": (
            "plain2.ttl",
            '<urn:x> <urn:y> "w" .\n',
            ("--graph", str(iris.LIFECYCLE_GRAPH)),
        ),
        "a graph claiming the filing's source hash": (
            "claim.trig",
            f'<urn:mine> {{ <urn:mine> <{SOURCE_SHA256}> "{sha}" }}\n',
            (),
        ),
        "n-quads emptying the filing's graph": (
            "empty.nq",
            f'<urn:a> <urn:b> "c" <{filing}> .\n',
            (),
        ),
    }
    out = {}
    for name, (file_name, text, args) in cases.items():
        f = tmp_path / file_name
        f.write_text(text)
        out[name] = (f, args)
    return out


def test_every_poisoning_case_is_refused_and_changes_nothing(seeded, tmp_path):
    spec, filing, stake, sha = seeded
    before = snapshot(spec, filing)
    for name, (f, args) in poisoning_cases(tmp_path, filing, stake, sha).items():
        run = cli_load(spec, str(f), *args)
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        assert run.returncode == 2, f"{name}: {run.stdout} {run.stderr}"
        assert len(lines) == 1 and f.name in lines[0] and "Traceback" not in run.stderr, name
        assert snapshot(spec, filing) == before, name
    # the filing's file still counts as ingested by its own graph, not by a user's
    assert before[3] is not None and str(before[3]) == filing


def test_allowed_project_data_stays_in_its_own_graph(seeded, tmp_path):
    """With the flag, a user's statement about a stake loads into a load graph: the filing's
    graph keeps its 23%, and the user's graph is told apart by its IRI."""
    spec, filing, stake, _ = seeded
    f = tmp_path / "note.ttl"
    f.write_text(f"<{stake}> <{PG}percent> 99 .\n")
    before = snapshot(spec, filing)
    run = cli_load(spec, str(f), "--allow-project-iris")
    assert run.returncode == 0, run.stderr
    after = snapshot(spec, filing)
    assert after[:2] == before[:2]
    with open_store(spec, read_only=True) as st:
        where = run_query(st, f"SELECT ?g WHERE {{ GRAPH ?g {{ <{stake}> <{PG}percent> 99 }} }}")
        assert [str(g) for g in where.values("g")] == [
            f"{LOAD_GRAPH_BASE}sha256-{hashlib.sha256(f.read_bytes()).hexdigest()}"
        ]


def test_load_rdf_refuses_in_process_too(seeded, tmp_path):
    spec, filing, stake, sha = seeded
    with open_store(spec) as st:
        for f, args in poisoning_cases(tmp_path, filing, stake, sha).values():
            graph = args[1] if args else None
            with pytest.raises(ReaderError, match="allow-project-iris"):
                load_rdf(st, f, graph=graph)
    with open_store("memory:") as st:  # the other backends' path checks the same
        for f, args in poisoning_cases(tmp_path, filing, stake, sha).values():
            with pytest.raises(ReaderError, match="allow-project-iris"):
                load_rdf(st, f, graph=args[1] if args else None)


# --------------------------------------------------------------------------- streaming


def _turtle(n: int) -> str:
    lines = ["@prefix ex: <http://example.org/> ."]
    for i in range(n):
        lines.append(
            f'ex:s{i} ex:name "entity {i}" ; ex:link ex:s{i // 3} , [ ex:note "blank {i}"@en ] .'
        )
    return "\n".join(lines) + "\n"


def _quads(spec: str) -> set:
    with open_store(spec, read_only=True) as st:
        rows = run_query(st, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        merged = run_query(st, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]
    return {tuple(str(r[k]) for k in "gspo") for r in rows}, int(merged)


def test_a_large_file_streams_through_the_bulk_loader_like_a_small_one(tmp_path, monkeypatch):
    """Above the size for one transaction the file goes through Oxigraph's bulk loader: the
    store ends the same as with the one-transaction path, loading again changes nothing, and
    the graph can be removed (the merged default graph follows)."""
    f = tmp_path / "data.ttl"
    f.write_text(_turtle(3000))
    small, large = f"oxigraph:{tmp_path / 'small'}", f"oxigraph:{tmp_path / 'large'}"
    with open_store(small) as st:
        first = load_rdf(st, f)
    monkeypatch.setattr(load_module, "ATOMIC_MAX_BYTES", 1000)
    monkeypatch.setattr(load_module, "BULK_CHUNK", 1000)  # several chunks
    with open_store(large) as st:
        assert load_rdf(st, f) == first
    assert _quads(large) == _quads(small)
    with open_store(large) as st:
        load_rdf(st, f)
    assert _quads(large) == _quads(small)
    with open_store(large) as st:
        ((graph, count),) = first.items()
        assert (
            count == 12000 and st.graph_sha256(graph) == hashlib.sha256(f.read_bytes()).hexdigest()
        )
        st.remove_graph(graph)
    assert _quads(large) == (set(), 0)


def test_the_bulk_loader_refuses_poisoning_too(seeded, tmp_path, monkeypatch):
    spec, filing, stake, sha = seeded
    monkeypatch.setattr(load_module, "ATOMIC_MAX_BYTES", 10)
    before = snapshot(spec, filing)
    with open_store(spec) as st:
        for f, args in poisoning_cases(tmp_path, filing, stake, sha).values():
            with pytest.raises(ReaderError):
                load_rdf(st, f, graph=args[1] if args else None)
    assert snapshot(spec, filing) == before


@pytest.mark.parametrize("saved", ["stakes", "stakes-above"])
def test_saved_stake_queries_read_only_the_filing_graphs(seeded, tmp_path, saved):
    """A user's statement about an extracted stake, loaded with --allow-project-iris, sits in a
    load graph; the saved stake queries read filing graphs only, so they still show the
    extracted percentage alone, not the loaded one beside it."""
    spec, _, stake, _ = seeded
    with open_store(spec, read_only=True) as st:
        before = run_saved(st, saved, {"threshold": "0"} if saved == "stakes-above" else None)
    f = tmp_path / "poison.ttl"
    f.write_text(f'<{stake}> <{PG}percent> 99 ; <{PG}qualifier> "exact" .\n')
    run = cli_load(spec, str(f), "--allow-project-iris")
    assert run.returncode == 0, run.stderr
    with open_store(spec, read_only=True) as st:
        assert run_query(st, f"ASK {{ <{stake}> <{PG}percent> 99 }}").boolean  # it did load
        after = run_saved(st, saved, {"threshold": "0"} if saved == "stakes-above" else None)
    assert [r["stake"] for r in after.rows if str(r["stake"]) == stake]
    assert "99" not in after.values("percent")
    assert after.records() == before.records()


def test_the_command_offers_the_flag_the_refusals_name():
    from pactgraph.graph.cli import load as load_command

    assert load_command.ALLOW_FLAG == load_module.ALLOW_FLAG
