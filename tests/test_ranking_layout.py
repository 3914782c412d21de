"""The ranking package stands alone: it imports no backend, no two modules of the project import each other, and
the ranking's own modules have no import circle.

Every import counts, including the ones inside functions: a circle only a function-level import hides still means
two modules that cannot be read or moved apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import faktoora_mcp

ROOT = Path(faktoora_mcp.__file__).parent
PACKAGE = "faktoora_mcp"
RANKING = "faktoora_mcp.ranking"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join([PACKAGE, *parts]).removesuffix(".__init__")


MODULES = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def imports_of(path: Path) -> set[str]:
    """The project's modules this file imports, anywhere in it (``from package import module`` names the module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PACKAGE):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith(PACKAGE))
    return found


GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def in_ranking(module: str) -> bool:
    return module == RANKING or module.startswith(RANKING + ".")


@pytest.mark.parametrize("module", sorted(m for m in MODULES if in_ranking(m)))
def test_the_ranking_imports_nothing_of_the_project_but_itself(module: str) -> None:
    """A backend hands the ranking its actions (anything with a key, name and description), never the reverse."""
    outside = sorted(t for t in GRAPH[module] if not in_ranking(t))
    assert not outside, f"{module} imports {outside}: the ranking takes ranking.Action values, not backend types"


def test_no_two_modules_of_the_project_import_each_other() -> None:
    pairs = sorted({tuple(sorted((a, b))) for a, targets in GRAPH.items() for b in targets if a in GRAPH.get(b, ())})
    assert not pairs, f"modules that import each other: {pairs}"


def test_the_ranking_has_no_import_circle() -> None:
    graph = {m: {t for t in targets if in_ranking(t) and t in MODULES} for m, targets in GRAPH.items() if in_ranking(m)}
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module] - {RANKING}):  # the package's API imports its modules, not vice versa
            if state.get(target) == "open":
                pytest.fail("import circle: " + " -> ".join([*path[path.index(target) :], target]))
            if target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
