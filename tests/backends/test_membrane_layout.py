"""The Membrane backend's folders explain it: which code runs a process or speaks HTTP (``transport/``), which
reads answers whatever transport brought them (``answers/``), and imports flow down from ``backend`` to
``protocol`` with no circle.

Every import counts, including the ones inside functions and under ``TYPE_CHECKING``, as in the sandbox's
``test_layout.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import faktoora_mcp.backends.membrane as membrane_package
from tests.fixtures.import_graph import circle_in, import_graph, modules_of

ROOT = Path(membrane_package.__file__).parent
PACKAGE = "faktoora_mcp.backends.membrane"
LAYERS = {
    "backend": 0,
    "setup": 1,
    "ledger": 1,
    "documented": 1,
    "transport": 2,
    "answers": 2,
    "failures": 3,
    "protocol": 4,
    "budget": 5,
    "single_flight": 5,
}
"""A module may import its own layer or a lower one (a higher number). ``transport`` and ``answers`` share a
layer and never import each other: an answer is read the same whatever brought it."""
SIBLINGS_APART = ("transport", "answers")
MAX_MODULES_PER_FOLDER = 12


MODULES = modules_of(ROOT, PACKAGE)
GRAPH = import_graph(MODULES, PACKAGE)


def top(module: str) -> str:
    """The folder or top-level module a module belongs to (``transport``, ``backend``); ``""`` for the package."""
    return module.removeprefix(PACKAGE).lstrip(".").split(".")[0]


def test_every_module_lives_in_a_known_place() -> None:
    unknown = {m for m in MODULES if m != PACKAGE and top(m) not in LAYERS}
    assert not unknown, f"add these to a folder (or LAYERS): {sorted(unknown)}"


def test_there_is_no_import_circle() -> None:
    circle = circle_in(GRAPH)
    assert circle is None, "import circle: " + " -> ".join(circle or [])


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != PACKAGE))
def test_imports_flow_down_towards_the_protocol(module: str) -> None:
    upward = sorted(t for t in GRAPH[module] if t != PACKAGE and LAYERS[top(t)] < LAYERS[top(module)])
    assert not upward, f"{module} imports a module above it: {upward}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if top(m) in SIBLINGS_APART))
def test_answers_are_read_whatever_transport_brought_them(module: str) -> None:
    other = next(s for s in SIBLINGS_APART if s != top(module))
    crossing = sorted(t for t in GRAPH[module] if top(t) == other)
    assert not crossing, f"{module} imports {other}/: {crossing}"


def test_folders_stay_small_and_say_what_lives_there() -> None:
    for folder in [ROOT, *sorted(p for p in ROOT.iterdir() if (p / "__init__.py").is_file())]:
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        assert len(modules) <= MAX_MODULES_PER_FOLDER, f"{folder.name}/ has {len(modules)} modules"
        docstring = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert docstring, f"{folder.name}/__init__.py needs a docstring saying what lives there"


def test_no_two_module_names_differ_only_by_an_ending() -> None:
    names = sorted({p.stem for p in ROOT.rglob("*.py") if p.stem != "__init__"})
    close = [(a, b) for a in names for b in names if a < b and (b.startswith(a) or a.startswith(b))]
    assert not close, f"names a newcomer must guess between: {close}"
