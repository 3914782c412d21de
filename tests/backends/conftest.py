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
from tests.fixtures.membrane_runner import ScriptedCli


def sandbox(directory: Path) -> Backend:
    return SandboxBackend(directory / "contract.sqlite3")


# --- membrane-fake (owned by the Membrane adapter): MembraneBackend driving the fake CLI over a fresh sandbox DB.
# The fake's program runs in this process (tests/fixtures/in_process_membrane.py): a process per CLI call made
# these variants 50x slower than the sandbox's; tests marked `subprocess` cross the real process boundary.
def membrane_fake(directory: Path) -> Backend:
    from tests.fixtures.fake_membrane_env import FakeCli

    cli = FakeCli(directory)
    cli.env["FAKE_MEMBRANE_DB"] = str(directory / "contract.sqlite3")
    return cli.backend(timeout=60, in_process=True)


def membrane_foreign(shape: str) -> Callable[[Path], Backend]:
    """The same over answers shaped unlike the sandbox's (tests/fixtures/foreign_shapes.py), read back
    through the manifests' shapes as the live backend reads them."""

    def make(directory: Path) -> Backend:
        from faktoora_mcp.catalog import Catalog
        from tests.fixtures.fake_membrane_env import FakeCli

        cli = FakeCli(directory)
        cli.env["FAKE_MEMBRANE_DB"] = str(directory / "contract.sqlite3")
        cli.env["FAKE_MEMBRANE_SHAPE"] = shape
        shapes = {spec.key: spec.output_schema for spec in Catalog.load()}
        return cli.backend(timeout=60, shapes=shapes, in_process=True)

    return make


def membrane_rest(directory: Path) -> Backend:
    """MembraneBackend over the REST transport, against the REST stand-in answering from a fresh sandbox DB."""
    from faktoora_mcp.backends.membrane import MembraneAccess, MembraneBackend
    from tests.fixtures.fake_membrane_store import SandboxStore
    from tests.fixtures.membrane_api import TOKEN, MembraneApi, Refused
    from tests.fixtures.membrane_runner import ScriptedCli, no_sleep

    api = MembraneApi(SandboxStore(str(directory / "contract.sqlite3"), Refused)).start()
    access = MembraneAccess(token=TOKEN, api_url=api.url)
    made = MembraneBackend(transport="rest", access=access, runner=ScriptedCli(), sleep=no_sleep, timeout=60)
    made.stop_stand_in = api.stop  # type: ignore[attr-defined]  # the fixture stops it after closing the backend
    return made


# --- end membrane-fake


@pytest.fixture
def cli() -> ScriptedCli:
    """An in-memory Membrane CLI, logged in with one READY Faktoora connection (tests/fixtures/membrane_runner.py)."""
    return ScriptedCli()


FACTORIES: dict[str, Callable[[Path], Backend]] = {
    "sandbox": sandbox,
    "membrane-fake": membrane_fake,
    "membrane-rest": membrane_rest,
    # Membrane's cursor envelope without totals, sparse records, unknown fields, strings for numbers, wrapped
    # single records and ids that are not uuids:
    "membrane-foreign-items": membrane_foreign("items-cursor,sparse,extra,strings,wrapped,foreign-ids"),
}


@pytest.fixture(params=sorted(FACTORIES))
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    made = FACTORIES[request.param](tmp_path)
    try:
        yield made
    finally:
        await made.aclose()
        getattr(made, "stop_stand_in", lambda: None)()
