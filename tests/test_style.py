"""The code keeps the style pyproject.toml sets: ruff's lint (pyflakes, pycodestyle, lines of at
most 100 characters) and ruff's format, over the whole repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    """ruff of this environment (the version the test extra pins), else the one on PATH."""
    beside = Path(sys.executable).with_name("ruff")
    ruff = str(beside) if beside.exists() else shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    return subprocess.run(
        [ruff, *args], cwd=REPO, capture_output=True, text=True, timeout=300, check=False
    )


def test_ruff_lint_finds_nothing():
    result = _ruff("check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_ruff_format_would_change_nothing():
    result = _ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
