"""The package's layers: engine < report < cli, gui. Every import counts, function-level ones too."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "viewer"
# A module may import its own layer and the ones below; app.py starts the CLI or the GUI.
LAYERS = {"": 0, "engine": 0, "paths": 0, "report": 1, "cli": 2, "gui": 2, "batch": 2, "app": 3, "__main__": 4}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, package: str) -> set[str]:
    """Every viewer name that ``source`` (a module of ``package``) imports, wherever the import stands."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "viewer" or name.startswith("viewer.")}


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges = {}
    for name, path in modules.items():
        # "from viewer.engine import loading" names a module; "from viewer.engine.model import Kind" does not.
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        # A package is always set up before its own modules, so a module naming its package
        # ("from viewer.engine.facts import dates" inside the facts package) adds no edge to it.
        edges[name] = {m for m in imports_of(path.read_text(encoding="utf-8"), package)
                       if m in modules and m != name and not name.startswith(m + ".")}
    return edges


def part(module: str) -> str:
    """The layer a module belongs to: "engine", "report", "gui", "cli"..."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_module_imports_a_higher_layer():
    wrong = sorted(f"{a} -> {b}" for a, targets in graph().items() for b in targets
                   if LAYERS.get(part(b), 0) > LAYERS.get(part(a), 0))
    assert wrong == []


def test_gui_and_cli_do_not_import_each_other():
    wrong = sorted(f"{a} -> {b}" for a, targets in graph().items() for b in targets
                   if {part(a), part(b)} == {"gui", "cli"})
    assert wrong == []


def test_there_is_no_import_cycle():
    edges = graph()
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(path[path.index(nxt):] + [node, nxt]) if nxt in path else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, path + [node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    assert cycles == []


@pytest.mark.parametrize("source, expected", [
    ("def f():\n    from viewer.engine.pipeline import Cancelled\n", {"viewer.engine.pipeline",
                                                                       "viewer.engine.pipeline.Cancelled"}),
    ("import viewer.engine.model as m\n", {"viewer.engine.model"}),
    ("from . import loading\n", {"viewer.engine", "viewer.engine.loading"}),
])
def test_function_level_and_relative_imports_are_seen(source, expected):
    assert imports_of(source, "viewer.engine") == expected
