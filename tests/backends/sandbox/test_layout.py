"""The sandbox's folders explain it: imports flow down from backend/rest to store, with no circle.

Every import counts, including the ones inside functions and under ``TYPE_CHECKING``: a circle that only
type checkers see still means two modules that cannot be read or moved apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import faktoora_mcp.backends.sandbox as sandbox_package
from tests.fixtures.import_graph import circle_in, import_graph, modules_of

ROOT = Path(sandbox_package.__file__).parent
PACKAGE = "faktoora_mcp.backends.sandbox"
LAYERS = {"backend": 0, "rest": 1, "seed": 1, "actions": 2, "records": 3, "invoices": 3, "rules": 4, "store": 5}
"""A module may import its own layer or a lower one (a higher number); the seed sits beside rest, above all
it fills."""
MAX_MODULES_PER_FOLDER = 10


MODULES = modules_of(ROOT, PACKAGE)
GRAPH = import_graph(MODULES, PACKAGE)


def layer(module: str) -> int | None:
    """The layer of a module inside a folder or at the top (``backend``); ``None`` for the package itself."""
    parts = module.removeprefix(PACKAGE).lstrip(".").split(".")
    return LAYERS[parts[0]] if parts[0] else None


def test_every_module_lives_in_a_known_folder() -> None:
    unknown = {m for m in MODULES if m != PACKAGE and m.removeprefix(PACKAGE + ".").split(".")[0] not in LAYERS}
    assert not unknown, f"add these to a folder (or LAYERS): {sorted(unknown)}"


def test_there_is_no_import_circle() -> None:
    circle = circle_in(GRAPH)
    assert circle is None, "import circle: " + " -> ".join(circle or [])


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != PACKAGE))
def test_imports_flow_down_towards_the_store(module: str) -> None:
    upward = sorted(t for t in GRAPH[module] if t != PACKAGE and layer(t) < layer(module))  # type: ignore[operator]
    assert not upward, f"{module} imports a module above it: {upward}"


def test_folders_stay_small_and_say_what_lives_there() -> None:
    folders = sorted(p.parent for p in ROOT.rglob("__init__.py") if p.parent != ROOT)  # sub-folders too
    assert any(folder.parent != ROOT for folder in folders)  # invoices/files/ is one
    for folder in folders:
        name = folder.relative_to(ROOT)
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        assert len(modules) <= MAX_MODULES_PER_FOLDER, f"{name}/ has {len(modules)} modules"
        docstring = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert docstring, f"{name}/__init__.py needs a docstring saying what lives there"


def test_no_two_module_names_differ_only_by_an_ending() -> None:
    names = sorted({p.stem for p in ROOT.rglob("*.py") if p.stem != "__init__"})
    close = [(a, b) for a in names for b in names if a < b and (b.startswith(a) or a.startswith(b))]
    assert not close, f"names a newcomer must guess between: {close}"
