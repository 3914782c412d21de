"""The ``sandbox`` fixture: a fresh seeded sandbox file per test (tests that pin the date override it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[SandboxBackend]:
    backend = SandboxBackend(tmp_path / "sandbox.sqlite3")
    yield backend
    await backend.aclose()
