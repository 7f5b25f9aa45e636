"""The README's Python snippets run as written, on a fresh install, and print what they say."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def python_snippets() -> list[str]:
    """The Python blocks of the README's "From Python" section (others, such as fetching from
    EDGAR, need the network)."""
    text = README.read_text("utf-8")
    section = text.split("### From Python", 1)[1].split("\n#", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_has_a_python_snippet():
    assert python_snippets()


@pytest.mark.parametrize("index", range(len(python_snippets())))
def test_a_readme_python_snippet_runs_as_written(index, tmp_path):
    """Run in an empty folder (no filings, no ../shared): the snippet reads what it names."""
    run = subprocess.run(
        [sys.executable, "-c", python_snippets()[index]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "object at 0x" not in run.stdout  # every print shows its content
    assert "['Cooperation Agreement']" in run.stdout
    assert "Norsk Hydro Produksjon AS owns 23% of Ascent Solar Technologies, Inc." in run.stdout
