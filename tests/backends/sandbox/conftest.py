"""The ``sandbox`` fixture: a fresh seeded sandbox file per test, on the seed's own date.

Statuses are derived from the date (a sent invoice past its due date is overdue), so a sandbox on the real
today would age under the tests: pinned to the seed's anchor, the demo company looks as it was written.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.seed.company import ANCHOR


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[SandboxBackend]:
    backend = SandboxBackend(tmp_path / "sandbox.sqlite3", today=ANCHOR)
    yield backend
    await backend.aclose()
