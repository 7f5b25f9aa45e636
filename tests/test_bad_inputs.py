"""Every entry of the bad-input catalogue (``tests/badinputs.py``) through ``read_filing`` and
``extract_facts``, and some through the CLI (``pactgraph extract`` / ``pactgraph ingest``) in a
subprocess: a typed error naming the file in one line, or a read (flagged when partial) whose
facts are sound. Big inputs run in a child process whose peak memory is measured."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pactgraph.nlp import errors
from pactgraph.nlp.extract import extract_facts
from pactgraph.nlp.reader import read_filing

REPO = Path(__file__).resolve().parents[1]
PACTGRAPH = shutil.which("pactgraph", path=os.path.dirname(sys.executable)) or shutil.which(
    "pactgraph"
)


def _load_catalogue():
    name = "pactgraph_tests_badinputs"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "tests" / "badinputs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bad = _load_catalogue()
LIGHT = [b for b in bad.CATALOGUE if not b.heavy]
HEAVY = [b for b in bad.CATALOGUE if b.heavy]
#: peak resident memory allowed for reading + extracting one big input (the file is <= 50 MB)
MAX_RSS_MB = 1000
#: a guard against hangs (not a speed test): reading + extracting one big input must end
BIG_TIMEOUT = 180


def test_the_catalogue_has_at_least_30_kinds():
    assert len(bad.CATALOGUE) >= 30
    kinds = {b.expect for b in bad.CATALOGUE}
    assert {
        errors.EmptyFileError,
        errors.BinaryFileError,
        errors.NotAFilingError,
        errors.WrongFormError,
        errors.TruncatedFilingError,
        errors.FileTooLargeError,
        errors.UnreadableFileError,
        bad.PARTIAL,
        bad.READ,
    } <= kinds
    for b in bad.CATALOGUE:
        assert b.expect in (bad.PARTIAL, bad.READ, bad.SAFE) or issubclass(
            b.expect, errors.ReaderError
        ), b.name


def _assert_typed_error(err: BaseException, path: Path, expected: type) -> None:
    assert isinstance(err, expected), (
        f"expected {expected.__name__}, got {type(err).__name__}: {err}"
    )
    assert err.path == str(path), f"the error names {err.path!r}, not the file {str(path)!r}"
    assert str(path) in str(err) and err.reason
    assert "\n" not in str(err), f"the message is not one line: {str(err)!r}"
    assert "Traceback" not in str(err)


def run_entry(entry, tmp: Path) -> None:
    """Make the input, read and extract it, and hold the outcome to the catalogue."""
    if entry.skip and (why := entry.skip()):
        pytest.skip(why)
    path = entry.make(tmp)
    if isinstance(entry.expect, type):
        with pytest.raises(errors.PactgraphError) as info:
            read_filing(path)
        _assert_typed_error(info.value, path, entry.expect)
        return
    if entry.expect == bad.SAFE:
        try:
            filing = read_filing(path)
        except errors.ReaderError as exc:
            _assert_typed_error(exc, path, errors.ReaderError)
            return
    else:
        filing = read_filing(path)  # anything but a read is a failure here
    if entry.expect == bad.PARTIAL:
        assert filing.warnings, "a partial read must say why in Filing.warnings"
    facts = extract_facts(filing)
    problems = bad.fact_problems(filing, facts)
    assert not problems, problems
    if entry.check is not None:
        entry.check(filing, facts)


@pytest.mark.parametrize("entry", LIGHT, ids=[b.name for b in LIGHT])
def test_bad_input(entry, tmp_path):
    run_entry(entry, tmp_path)


# --------------------------------------------------------------------------- big inputs

CHILD = textwrap.dedent("""
    import json, resource, sys, tempfile, importlib.util
    from pathlib import Path
    spec = importlib.util.spec_from_file_location("badinputs", sys.argv[1])
    bi = importlib.util.module_from_spec(spec)
    sys.modules["badinputs"] = bi
    spec.loader.exec_module(bi)
    from pactgraph.nlp import errors
    from pactgraph.nlp.reader import read_filing
    from pactgraph.nlp.extract import extract_facts
    import pactgraph.nlp.pipeline  # imports counted in the baseline
    entry = bi.BY_NAME[sys.argv[2]]
    path = entry.make(Path(sys.argv[3]))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = {"size": path.stat().st_size}
    try:
        filing = read_filing(path)
        out["warnings"] = filing.warnings
        try:
            facts = extract_facts(filing)
        except errors.PactgraphError as exc:
            out["extract_error"] = [type(exc).__name__, str(exc)]
        else:
            out["problems"] = bi.fact_problems(filing, facts)
            try:
                if entry.check:
                    entry.check(filing, facts)
            except AssertionError as exc:
                out["check"] = str(exc)
    except errors.PactgraphError as exc:
        out["error"] = [type(exc).__name__, str(exc)]
    except BaseException as exc:
        out["uncaught"] = [type(exc).__name__, str(exc)[:500]]
    out["base_mb"] = base / 1024
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))
""")


@pytest.fixture(scope="module")
def big_runs(tmp_path_factory):
    """The big inputs, each read + extracted in its own child process, all started at once."""
    procs = {}
    for entry in HEAVY:
        tmp = tmp_path_factory.mktemp(entry.name)
        procs[entry.name] = (
            tmp,
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    CHILD,
                    str(REPO / "tests" / "badinputs.py"),
                    entry.name,
                    str(tmp),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
    out = {}
    deadline = time.monotonic() + BIG_TIMEOUT
    for name, (tmp, proc) in procs.items():
        try:
            stdout, stderr = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
            out[name] = (tmp, proc.returncode, stdout, stderr)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            out[name] = (tmp, None, "", "")
    return out


@pytest.mark.parametrize("entry", HEAVY, ids=[b.name for b in HEAVY])
def test_big_input_in_bounded_memory(entry, big_runs):
    """Read + extract in a child process: a typed refusal, or a sound read; peak RSS bounded."""
    tmp_path, code, stdout, stderr = big_runs[entry.name]
    if code is None:
        pytest.fail(
            f"reading + extracting {entry.name} ({entry.why}) did not finish in {BIG_TIMEOUT} s"
        )
    assert code == 0, stderr[-2000:]
    run = subprocess.CompletedProcess([], code, stdout, stderr)
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert "uncaught" not in out, f"uncaught {out['uncaught'][0]}: {out['uncaught'][1]}"
    assert out["peak_mb"] < MAX_RSS_MB, (
        f"peak RSS {out['peak_mb']:.0f} MB for a {out['size']:,}-byte file"
    )
    if isinstance(entry.expect, type):
        assert out.get("error", [None])[0] == entry.expect.__name__, out
        return
    assert "error" not in out, out
    if "extract_error" in out:  # a clear limit is allowed for a 10-50 MB report, not below
        assert out["size"] >= 10_000_000, (
            f"extraction refused a {out['size']:,}-byte file: {out['extract_error']}"
        )
        assert str(tmp_path) in out["extract_error"][1], (
            "the extraction error does not name the file"
        )
        return
    assert not out["problems"], out["problems"]
    assert "check" not in out, out["check"]


# --------------------------------------------------------------------------- through the CLI

CLI_ENTRIES = [b for b in bad.CATALOGUE if b.cli and isinstance(b.expect, type)]


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory):
    """``pactgraph extract FILE --json`` on each CLI entry, all started at once."""
    if PACTGRAPH is None:
        pytest.skip("the pactgraph command is not installed")
    procs = {}
    for entry in CLI_ENTRIES:
        if entry.skip and entry.skip():
            continue
        tmp = tmp_path_factory.mktemp(entry.name)
        path = entry.make(tmp)
        procs[entry.name] = (
            path,
            subprocess.Popen(
                [PACTGRAPH, "extract", str(path), "--json"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "COLUMNS": "4000"},
            ),
        )
    out = {}
    for name, (path, proc) in procs.items():
        try:
            stdout, stderr = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
            stderr += "\n<timed out after 120 s>"
        out[name] = (path, proc.returncode, stdout, stderr)
    return out


@pytest.mark.parametrize("entry", CLI_ENTRIES, ids=[b.name for b in CLI_ENTRIES])
def test_cli_extract_one_line_error(entry, cli_runs):
    if entry.name not in cli_runs:
        pytest.skip("skipped entry")
    path, code, stdout, stderr = cli_runs[entry.name]
    assert code not in (0, None), f"exit code {code}"
    assert "Traceback" not in stderr, stderr[-2000:]
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {stderr[-1000:]!r}"
    assert str(path) in lines[0], f"the error line does not name the file: {lines[0]!r}"
    assert stdout.strip() == ""


def _ingest(args: list[str], timeout: float = 120):
    if PACTGRAPH is None:
        pytest.skip("the pactgraph command is not installed")
    try:
        return subprocess.run(
            [PACTGRAPH, "ingest", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "COLUMNS": "4000"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"pactgraph ingest {' '.join(args)} hung (no answer in {timeout:g} s)")


def test_cli_ingest_folder_of_bad_files_ingests_the_good_one(tmp_path, seed_path):
    """A folder with every cheap bad *file* of the catalogue plus the seed: the seed is ingested,
    each bad file is named on its own line with its reason, exit code non-zero, no traceback."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = []
    for entry in LIGHT:
        if not isinstance(entry.expect, type) or entry.expect is errors.UnreadableFileError:
            continue  # paths (links, FIFOs, devices) are tested one by one below
        sub = tmp_path / "make" / entry.name
        sub.mkdir(parents=True)
        made = entry.make(sub)
        target = folder / f"{entry.name}{made.suffix}"
        made.rename(target)
        names.append(target.name)
    shutil.copy(seed_path, folder / seed_path.name)
    run = _ingest([str(folder), "--store", f"oxigraph:{tmp_path / 'store'}"])
    assert run.returncode != 0
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    error_lines = [line for line in run.stderr.splitlines() if "error" in line.lower()]
    for name in names:
        hits = [line for line in error_lines if name in line]
        assert len(hits) == 1, f"{name}: {hits or 'not reported'}"
    from pactgraph.graph.store import open_store

    with open_store(f"oxigraph:{tmp_path / 'store'}", read_only=True) as st:
        res = st.query('ASK { ?a ?p ?o . FILTER(CONTAINS(STR(?o), "Cooperation Agreement")) }')
        assert res.boolean is True, "the seed beside the bad files was not ingested"


BAD_PATHS = ["fifo", "device", "broken-symlink", "symlink-loop", "missing-file"]


@pytest.fixture(scope="module")
def ingest_bad_path_runs(tmp_path_factory, corpus_dir):
    """``pactgraph ingest`` of a folder holding the seed and one bad path, all started at once."""
    if PACTGRAPH is None:
        pytest.skip("the pactgraph command is not installed")
    seed = corpus_dir / "ascent-solar-technologies_2007-12-19_seed.txt"
    procs = {}
    for maker in BAD_PATHS:
        tmp = tmp_path_factory.mktemp(f"ingest-{maker}")
        folder = tmp / "in"
        folder.mkdir()
        shutil.copy(seed, folder / seed.name)
        bad_path = bad.BY_NAME[maker].make(folder)
        # a missing file can only be named on the command line
        args = [str(folder)] + ([str(bad_path)] if maker == "missing-file" else [])
        procs[maker] = subprocess.Popen(
            [PACTGRAPH, "ingest", *args, "--store", f"oxigraph:{tmp / 'store'}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "COLUMNS": "4000"},
        )
    out = {}
    deadline = time.monotonic() + 60
    for maker, proc in procs.items():
        try:
            stdout, stderr = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
            out[maker] = (proc.returncode, stdout, stderr)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            out[maker] = None
    return out


@pytest.mark.parametrize("maker", BAD_PATHS)
def test_cli_ingest_of_a_bad_path_in_a_folder_does_not_hang(maker, ingest_bad_path_runs):
    """A named pipe or a link to /dev/zero among the filings must be reported, not read forever;
    the seed beside it is ingested."""
    run = ingest_bad_path_runs[maker]
    assert run is not None, "pactgraph ingest hung (no answer in 60 s)"
    code, stdout, stderr = run
    assert code != 0
    assert "Traceback" not in stderr, stderr[-3000:]
    assert any("error" in line.lower() for line in stderr.splitlines()), stderr
    assert "1" in stdout  # the summary table counts the seed


def test_cli_ingest_one_bad_file_names_it(tmp_path):
    p = bad.BY_NAME["pdf"].make(tmp_path)
    run = _ingest([str(p), "--store", f"oxigraph:{tmp_path / 'store'}"])
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert any(str(p) in line for line in run.stderr.splitlines()), run.stderr


def test_the_fuzzer_drives_the_store_write_with_hostile_names(benchmark_module):
    """``python -m benchmarks.fuzz`` reaches the store: inputs under hostile file names (bytes
    that are not UTF-8, control characters, IRI delimiters) are ingested into a real embedded
    store; nothing escapes but per-file errors."""
    fuzz = benchmark_module("fuzz")
    r = fuzz.run(
        40,
        seed=23,
        corpus=None,
        max_bytes=20_000,
        save=None,
        progress=False,
        store="oxigraph",
        batch=20,
    )
    assert r["uncaught"] == {}, r["examples"]
    assert r["store"]["written"] > 0 and r["store"]["failed"] > 0
    assert sum(r["store"].values()) == 40
