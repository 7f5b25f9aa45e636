"""The reader benchmark's side-by-side comparison runs both versions and prints both figures."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # two child processes per version
def test_reader_bench_compares_two_versions_side_by_side(tmp_path: Path, seed_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_path, corpus / seed_path.name)
    (corpus / "ex99-1.htm").write_text(
        "<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\nPress release.\n</TEXT>\n</DOCUMENT>\n"
    )
    old = tmp_path / "old" / "pactgraph"
    shutil.copytree(REPO / "nlp", old / "nlp")
    (old / "__init__.py").write_text("")
    # the "before" side must really be the other tree: mark it so its import can be seen
    entry = old / "nlp" / "reader" / "__init__.py"
    entry.write_text(entry.read_text() + "\nraise SystemExit(7)\n")
    bad = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "reader_bench.py"),
            str(corpus),
            "--against",
            str(tmp_path / "old"),
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0  # the old tree was imported, and it failed
    entry.write_text((REPO / "nlp" / "reader" / "__init__.py").read_text())
    out = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "reader_bench.py"),
            str(corpus),
            "--against",
            str(tmp_path / "old"),
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "(2 files," in out
    rows = {line.split("  ")[0].strip(): line.split()[-3:] for line in out.splitlines()[2:]}
    assert set(rows) >= {"files/s (wall)", "files/CPU-s", "MB/CPU-s", "read errors"}
    assert rows["read errors"][-2:] == ["1", "1"]  # the exhibit is refused by both versions
    assert float(rows["files/CPU-s"][0]) > 0 and float(rows["files/CPU-s"][1]) > 0
