"""Import structure: no cycles in the store package, and a CLI that starts without the stages."""

from __future__ import annotations

import pytest

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "esgtrace"


def _imports(path: Path, prefix: str) -> set[str]:
    """Every module under ``prefix`` that ``path`` imports, at the top, in functions or for typing."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(prefix):
            found.add(node.module)
            for alias in node.names:  # "from esgtrace.store import compare" imports a module
                if (PACKAGE / node.module.removeprefix("esgtrace.").replace(".", "/") / f"{alias.name}.py").is_file():
                    found.add(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith(prefix))
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_store_modules_import_one_way() -> None:
    """database -> compare -> ...; export and compare never import database (they did, via export)."""
    graph: dict[str, set[str]] = {}
    for path in (PACKAGE / "store").glob("*.py"):
        name = "esgtrace.store" if path.stem == "__init__" else f"esgtrace.store.{path.stem}"
        graph[name] = {m for m in _imports(path, "esgtrace.store") if m != name}
    assert _cycle(graph) is None, f"import cycle: {' -> '.join(_cycle(graph) or [])}"
    for module in ("esgtrace.store.compare", "esgtrace.store.export", "esgtrace.store.xlsx"):
        assert "esgtrace.store.database" not in graph[module]


def test_the_command_line_starts_without_loading_the_stages() -> None:
    """``esgtrace --help`` loads the command modules only (the pipeline is imported on use)."""
    code = ("import sys, esgtrace.cli; heavy = [m for m in ('sqlalchemy', 'pint', 'pypdfium2', 'esgtrace.extract', "
            "'esgtrace.ingest', 'esgtrace.store', 'esgtrace.audit', 'esgtrace.disclose', 'rich.table') if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
