"""The ranking package stands alone: it imports no backend, no two modules of the project import each other, and
the ranking's own modules have no import circle.

Every import counts, including the ones inside functions: a circle only a function-level import hides still means
two modules that cannot be read or moved apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import faktoora_mcp
from tests.fixtures.import_graph import circle_in, import_graph, modules_of

ROOT = Path(faktoora_mcp.__file__).parent
PACKAGE = "faktoora_mcp"
RANKING = "faktoora_mcp.ranking"


MODULES = modules_of(ROOT, PACKAGE)
GRAPH = import_graph(MODULES, PACKAGE)


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
    # the package's API imports its modules, not vice versa: edges into the package itself are left out
    graph = {m: {t for t in targets if in_ranking(t) and t != RANKING} for m, targets in GRAPH.items() if in_ranking(m)}
    circle = circle_in(graph)
    assert circle is None, "import circle: " + " -> ".join(circle or [])
