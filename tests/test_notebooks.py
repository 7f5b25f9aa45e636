"""The notebooks are part of the product: each runs top to bottom on the installed package.

Every notebook in ``notebooks/`` is executed with nbclient in a kernel running this interpreter
(a kernelspec made on the fly, so the kernel sees the same installed pactgraph), headless
(``MPLBACKEND=Agg``). A cell error fails the test. Each notebook asserts real values in its
cells and saves at least one figure as PNG into ``$PACTGRAPH_FIGURE_DIR``, which is checked to be a
valid, non-empty image. Each runs twice: on the samples bundled with the package (what a user
who only installed pactgraph gets) and on the corpus of ../shared (``$PACTGRAPH_CORPUS``). The
notebooks of one run share one embedded Oxigraph store (``$PACTGRAPH_NOTEBOOK_STORE``): the
first ingests the filings, the next ones find them there.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
pytest.importorskip("pandas")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))
KERNEL_NAME = "pactgraph-test-python"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOK_FILES] == [
        "01-quickstart.ipynb",
        "02-agreement-network.ipynb",
        "03-ownership-and-provenance.ipynb",
    ]
    assert (NOTEBOOKS / "README.md").is_file()


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_is_stored_clean(path: Path):
    """No outputs or execution counts (diff-friendly), kernel python3, a valid nbformat 4."""
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, (
            f"{path.name}: stored with outputs"
        )
    sources = "\n".join(c.source for c in code)
    assert "assert " in sources  # checks real values
    assert "PACTGRAPH_FIGURE_DIR" in sources and "save_png(" in sources
    # the notebooks use pactgraph's public API only
    assert "pactgraph" in sources and "._" not in sources.replace("._repr", "")


@pytest.fixture(scope="session")
def kernel_dir(tmp_path_factory) -> Path:
    """A Jupyter data folder holding a kernelspec that runs this interpreter."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": f"Python ({sys.executable})",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="session")
def shared_store(tmp_path_factory) -> str:
    return f"oxigraph:{tmp_path_factory.mktemp('notebook-store') / 'store'}"


def _png_ok(path: Path) -> tuple[int, int]:
    import matplotlib.image as mpimg

    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG"
    assert len(data) > 1000, f"{path.name} is nearly empty"
    image = mpimg.imread(path)
    height, width = image.shape[:2]
    assert width > 0 and height > 0
    # not a blank canvas: more than one colour
    assert image.reshape(-1, image.shape[-1]).std(axis=0).max() > 0.01, f"{path.name} is blank"
    return width, height


def run_notebook(path: Path, env: dict[str, str], monkeypatch) -> list[Path]:
    """Run ``path`` top to bottom in the test kernel with ``env``; its figures, checked."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    figures = Path(env["PACTGRAPH_FIGURE_DIR"])
    monkeypatch.delenv("PACTGRAPH_CORPUS", raising=False)
    for key, value in {"MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1", **env}.items():
        monkeypatch.setenv(key, value)
    nb = nbformat.read(str(path), as_version=4)
    # a last cell (in memory only) tells which interpreter ran the kernel
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.executable)"))
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name=KERNEL_NAME,
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        pytest.fail(f"{path.name} failed:\n{exc}", pytrace=False)

    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs).strip()
    assert Path(printed) == Path(sys.executable)
    pngs = sorted(figures.glob("*.png"))
    assert pngs, f"{path.name} saved no figure into $PACTGRAPH_FIGURE_DIR"
    for png in pngs:
        assert png.name.startswith(path.name[:2]), png.name
        width, height = _png_ok(png)
        assert width > 100 and height > 100
    return pngs


@pytest.fixture(scope="session")
def samples_store(tmp_path_factory) -> str:
    return f"oxigraph:{tmp_path_factory.mktemp('notebook-samples') / 'store'}"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_runs_on_the_samples_bundled_with_the_package(
    path: Path, kernel_dir: Path, samples_store: str, tmp_path: Path, monkeypatch
):
    """What someone who only installed pactgraph gets: no PACTGRAPH_CORPUS, no ../shared."""
    run_notebook(
        path,
        {
            "JUPYTER_PATH": str(kernel_dir),
            "PACTGRAPH_FIGURE_DIR": str(tmp_path / "figures"),
            "PACTGRAPH_NOTEBOOK_STORE": samples_store,
        },
        monkeypatch,
    )


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_runs_on_the_corpus(
    path: Path, corpus_dir: Path, kernel_dir: Path, shared_store: str, tmp_path: Path, monkeypatch
):
    run_notebook(
        path,
        {
            "JUPYTER_PATH": str(kernel_dir),
            "PACTGRAPH_CORPUS": str(corpus_dir),
            "PACTGRAPH_FIGURE_DIR": str(tmp_path / "figures"),
            "PACTGRAPH_NOTEBOOK_STORE": shared_store,
        },
        monkeypatch,
    )
