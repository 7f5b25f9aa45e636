"""The project's modules import each other without a cycle, and without guards against their own
absence.

The import graph is read from the source (``ast``), not by importing: an edge A -> B for every
``import``/``from ... import`` in A (at any depth) that names a module of the project. Importing
``pkg.mod`` from outside ``pkg`` also runs ``pkg/__init__.py`` first, so such an import is an edge
to ``pkg`` too (a package's face that imports back into its importer is a real cycle).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
#: installed name -> source folder (pyproject's package-dir)
PACKAGES = {
    "pactgraph.graph": ROOT / "graph",
    "pactgraph.nlp": ROOT / "nlp",
    "pactgraph.ontology": ROOT / "ontology",
}


def _modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([package, *parts])] = path
    return found


MODULES = _modules()


def _package_of(name: str) -> str:
    return name if MODULES[name].name == "__init__.py" else name.rsplit(".", 1)[0]


def _absolute(node: ast.ImportFrom, importer: str) -> str:
    if not node.level:
        return node.module or ""
    base = _package_of(importer).split(".")
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(node: ast.AST, importer: str) -> list[str]:
    """The project modules an import statement names (a ``from pkg import mod`` names pkg.mod)."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        module = _absolute(node, importer)
        names = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in MODULES]
        names = names or [module]
    out = []
    for name in names:
        while name and name not in MODULES:  # ``import a.b.c`` of a name inside a module
            name = name.rpartition(".")[0]
        if name:
            out.append(name)
    return out


def _parents_entered(importer: str, target: str) -> list[str]:
    """The packages whose ``__init__`` importing ``target`` runs first: those above it that
    the importer is not inside of already."""
    parts, out = target.split("."), []
    for i in range(2, len(parts)):
        package = ".".join(parts[:i])
        if package in MODULES and not importer.startswith(package + ".") and importer != package:
            out.append(package)
    return out


def import_graph() -> nx.DiGraph:
    return _import_graph().copy()


@functools.cache
def _import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for name, path in MODULES.items():
        g.add_node(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _targets(node, name):
                    for dep in [*_parents_entered(name, target), target]:
                        if dep != name:
                            g.add_edge(name, dep)
    return g


def test_the_import_graph_is_read():
    g = import_graph()
    assert ("pactgraph.graph.store.oxigraph", "pactgraph.graph.store.base") in g.edges
    assert ("pactgraph.graph.query.run", "pactgraph.graph.store") in g.edges  # a package's face


def test_no_import_cycle_among_the_project_modules():
    cycles = sorted(sorted(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == [], f"{len(cycles)} import cycles, e.g. {' -> '.join(cycles[0])}"


def test_a_cycle_would_be_found():
    g = import_graph()
    g.add_edge("pactgraph.graph.rdf.terms", "pactgraph.graph.query")  # through the query face
    assert not nx.is_directed_acyclic_graph(g)


def _graph_sources():
    return [(n, p) for n, p in MODULES.items() if n.startswith("pactgraph.graph")]


def test_graph_modules_take_the_error_family_from_one_place():
    """Only graph/errors.py imports the family from the nlp side; the rest import graph.errors."""
    g = import_graph()
    importers = sorted(n for n, _ in _graph_sources() if "pactgraph.nlp.errors" in g.successors(n))
    assert importers == ["pactgraph.graph.errors"]


@pytest.mark.parametrize("name,path", _graph_sources(), ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_no_guard_against_the_projects_own_modules(name, path):
    """No ``try: import ... except ImportError`` around a project import, no signature probes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
            isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
            for h in node.handlers
        ):
            imports = [
                i
                for s in node.body
                for i in ast.walk(s)
                if isinstance(i, (ast.Import, ast.ImportFrom))
            ]
            assert not any(_targets(i, name) for i in imports), f"{path}:{node.lineno}"
        if isinstance(node, ast.Attribute) and node.attr == "signature":
            assert getattr(node.value, "id", "") != "inspect", f"{path}:{node.lineno}"
