"""Shared fixtures: the real manifests, a scripted backend, and an MCP client in both protocol eras."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

from faktoora_mcp.app import App, build_app
from faktoora_mcp.backends.base import ActionInfo, Backend, HandlerBackend
from faktoora_mcp.catalog import Catalog
from faktoora_mcp.config import Config

CUSTOMER = {
    "id": "3f1e4c1a-8d0e-4f5b-9a59-2f3c1d7e9b10",
    "customerId": "007",
    "isCompany": True,
    "name": "Beispiel AG",
    "title": None,
    "firstName": None,
    "lastName": None,
    "nameAuthorisedSignatory": "Erika Mustermann",
    "address": "Beispielweg 7",
    "postcode": "80331",
    "city": "München",
    "country": "DE",
    "email": "ap@beispiel.de",
    "phoneNo": None,
    "faxNo": None,
    "category": "wholesale",
    "vatId": "DE136695976",
    "taxId": None,
    "routeId": None,
    "peppolId": None,
    "supplierNumber": None,
    "invoiceProfile": None,
    "extras": {},
    "createdAt": "2026-03-01T10:00:00Z",
    "updatedAt": "2026-03-01T10:00:00Z",
}


@pytest.fixture(autouse=True, scope="session")
def _no_membrane_credentials() -> None:
    """A developer's own MEMBRANE_TOKEN (or workspace key) must never send a test to the real Membrane API: the
    REST transport is tested against a stand-in on loopback with tokens of its own."""
    for name in (
        "MEMBRANE_TOKEN",
        "MEMBRANE_API_URL",
        "MEMBRANE_WORKSPACE_KEY",
        "MEMBRANE_WORKSPACE_SECRET",
        "MEMBRANE_TENANT_KEY",
    ):
        os.environ.pop(name, None)


@pytest.fixture(autouse=True, scope="session")
def _no_user_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Nothing a test runs reads or writes the user's cache directory (the live catalogue cache lives there):
    in-process code sees an empty one, and subprocesses get it through their environment."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> list[ActionInfo]:
    """The sandbox's whole action catalogue, as search-actions ranks it (listing it opens no database)."""
    import anyio

    from faktoora_mcp.backends.sandbox import SandboxBackend

    backend = SandboxBackend(tmp_path_factory.mktemp("catalogue") / "unused.sqlite3")
    return anyio.run(backend.list_actions)


@pytest.fixture
def sandbox_app(tmp_path: Path, catalog: Catalog) -> App:
    """The real server over a fresh sandbox file."""
    config = Config(backend="sandbox", sandbox_db=str(tmp_path / "sandbox.sqlite3"), toolsets="all")
    return build_app(config, catalog=catalog)


@pytest.fixture(params=["auto", "legacy"])
def mode(request: pytest.FixtureRequest) -> str:
    """Both protocol eras: auto negotiates 2026-07-28, legacy speaks the 2025-11-25 handshake."""
    return request.param


def scripted(outputs: dict[str, Any]) -> HandlerBackend:
    """A backend answering each action with a fixed output, or raising it when it is an exception."""

    def handler(action: str, arguments: Any) -> Any:
        answer = outputs[action]
        if isinstance(answer, BaseException):
            raise answer
        return answer(arguments) if callable(answer) else answer

    return HandlerBackend(handler, name="scripted")


@pytest.fixture
def make_app(catalog: Catalog) -> Callable[..., App]:
    def make(backend: Backend, **config: Any) -> App:
        """Every toolset unless the test names some: most tests are about a tool, not the default set."""
        if "tools" not in config:
            config.setdefault("toolsets", "all")
        return build_app(Config(backend="sandbox", **config), backend=backend, catalog=catalog)

    return make


@pytest.fixture
async def client_for(mode: str) -> AsyncIterator[Callable[[App], Client]]:
    """Open clients against apps, in the parametrised protocol era."""
    yield lambda app: Client(app.server, mode=mode)
