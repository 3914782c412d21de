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


# --- membrane-fake (owned by the Membrane adapter): MembraneBackend driving the fake CLI over a fresh sandbox DB.
def membrane_fake(directory: Path) -> Backend:
    from tests.fixtures.fake_membrane_env import FakeCli

    cli = FakeCli(directory)
    cli.env["FAKE_MEMBRANE_DB"] = str(directory / "contract.sqlite3")
    return cli.backend(timeout=60)


# --- end membrane-fake


FACTORIES: dict[str, Callable[[Path], Backend]] = {
    "sandbox": sandbox,
    "membrane-fake": membrane_fake,
}


@pytest.fixture(params=sorted(FACTORIES))
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    made = FACTORIES[request.param](tmp_path)
    try:
        yield made
    finally:
        await made.aclose()
