"""A folder or file the ingest cannot read is reported by name, never skipped silently (issue 23,
low): ``pactgraph ingest DIR`` with an unreadable subfolder ends with an error line naming it and
exit code 1, and the readable filings around it are ingested.

Root reads through ``chmod 000``, so under root the ingest runs with the two capabilities that
let it (``CAP_DAC_OVERRIDE``, ``CAP_DAC_READ_SEARCH``) dropped by ``setpriv``: it stays the same
user, so it can still run an interpreter installed where only root may enter, but permissions
now stop it. Without ``setpriv``, or where the capabilities cannot be dropped, the tests skip
with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "nlp" / "samples"
GOOD = "ascent-solar-technologies_2007-12-19_seed.txt"
HIDDEN = "ticker-A_2009-07-27_lee-20090727173130.txt"
PACTGRAPH = shutil.which("pactgraph", path=os.path.dirname(sys.executable))
DROP = "-dac_override,-dac_read_search"


def _tree(tmp_path: Path) -> dict[str, Path]:
    """``in/a-locked/`` (mode 000, a filing inside: sorted first, so the ingest meets it before
    the rest), ``in/b-good/`` with a filing and a mode-000 file beside it."""
    root = tmp_path / "in"
    locked, good = root / "a-locked", root / "b-good"
    locked.mkdir(parents=True)
    good.mkdir()
    shutil.copy(SAMPLES / HIDDEN, locked / "hidden.txt")
    shutil.copy(SAMPLES / GOOD, good / "filing.txt")
    shutil.copy(SAMPLES / HIDDEN, good / "locked.txt")
    (good / "locked.txt").chmod(0)
    locked.chmod(0)
    return {"root": root, "locked_dir": locked, "locked_file": good / "locked.txt"}


def _unlock(paths: dict[str, Path]) -> None:
    paths["locked_dir"].chmod(0o755)
    paths["locked_file"].chmod(0o644)


def _unprivileged(paths: dict[str, Path]) -> list[str]:
    """The command prefix under which ``chmod 000`` stops a read; skips when there is none."""
    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: chmod 000 does not stop root")
        prefix = [setpriv, "--bounding-set", DROP, "--inh-caps", DROP, "--"]
    probe = subprocess.run(
        [*prefix, "cat", str(paths["locked_file"])], check=False, capture_output=True
    )
    if probe.returncode == 0:
        pytest.skip(
            "could not take away root's override of file permissions here "
            f"(setpriv: {probe.stderr.decode(errors='replace').strip() or 'no error'})"
        )
    return prefix


@pytest.fixture
def tree(tmp_path):
    paths = _tree(tmp_path)
    yield paths
    _unlock(paths)


@pytest.mark.slow
def test_cli_ingest_names_an_unreadable_subfolder_and_ingests_the_rest(tree, tmp_path):
    prefix = _unprivileged(tree)
    if PACTGRAPH is None:
        pytest.skip("the pactgraph command is not installed")
    store = tmp_path / "store"
    run = subprocess.run(
        [*prefix, PACTGRAPH, "ingest", str(tree["root"]), "--store", f"oxigraph:{store}"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {tree['locked_dir']}: cannot read the folder: permission denied",
        f"error: {tree['locked_file']}: cannot read the file: Permission denied",
    ], run.stderr
    _unlock(tree)
    from pactgraph.graph import iris
    from pactgraph.graph.ingest import file_sha256
    from pactgraph.graph.store import open_store

    with open_store(f"oxigraph:{store}", read_only=True) as st:
        filings = [g for g in st.graph_iris() if g not in iris.DERIVED_GRAPHS]
        written = st.source_graph(file_sha256(str(SAMPLES / GOOD)))
        hidden = st.source_graph(file_sha256(str(SAMPLES / HIDDEN)))
    assert filings == [written] and hidden is None, filings


@pytest.mark.slow
def test_ingest_paths_reports_the_unreadable_subfolder_and_file(tree):
    """The library call the CLI makes: one error per unreadable path, with its reason, and the
    readable filing written."""
    prefix = _unprivileged(tree)
    script = textwrap.dedent(f"""
        import json
        from pactgraph.graph.ingest import ingest_paths
        from pactgraph.graph.store import open_store
        with open_store("memory:") as st:
            r = ingest_paths([{str(tree["root"])!r}], st)
        print(json.dumps({{"filings": r.filings, "errors": r.errors}}))
    """)
    run = subprocess.run(
        [*prefix, sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    got = json.loads(run.stdout.splitlines()[-1])
    assert got["filings"] == 1
    assert got["errors"] == [
        [str(tree["locked_dir"]), "cannot read the folder: permission denied"],
        [str(tree["locked_file"]), "cannot read the file: Permission denied"],
    ]
