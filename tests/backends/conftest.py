"""The ``backend`` fixture: every backend the contract suite runs against, each on fresh demo data.

Adding a backend is one entry in ``FACTORIES``: a function from a temporary directory to a backend.
The contract tests only use the Backend protocol, so they hold for any entry.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from faktoora_mcp.backends.base import Backend
from faktoora_mcp.backends.sandbox import SandboxBackend


def sandbox(directory: Path) -> Backend:
    return SandboxBackend(directory / "contract.sqlite3")


FACTORIES: dict[str, Callable[[Path], Backend]] = {
    "sandbox": sandbox,
}


@pytest.fixture(params=sorted(FACTORIES))
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    made = FACTORIES[request.param](tmp_path)
    try:
        yield made
    finally:
        await made.aclose()
