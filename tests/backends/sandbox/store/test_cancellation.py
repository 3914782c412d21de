"""A write is atomic with respect to cancellation: cancelled before its commit, nothing is stored.

The write's worker thread is held at the store's lock (the seam a slow disk or another writer would be), the
caller is cancelled meanwhile, then the thread is let go: it must roll back instead of committing a row that
the caller was told was cancelled.
"""

from __future__ import annotations

import threading

import anyio
import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from tests.backends.sandbox.calls import ALL, COMPANY, run

HELD = 0.4  # seconds the store stays locked; the cancel comes at a quarter of it


async def customer_count(sandbox: SandboxBackend) -> int:
    return len((await run(sandbox, "list-customers", ALL))["data"])


async def test_a_write_cancelled_before_its_commit_stores_nothing(sandbox: SandboxBackend) -> None:
    before = await customer_count(sandbox)
    store_lock = sandbox._store._lock
    store_lock.acquire()  # the write's thread will wait here, as behind a slow disk or another writer
    threading.Timer(HELD, store_lock.release).start()  # let go only after the cancel below
    with anyio.move_on_after(HELD / 4) as scope:
        await run(sandbox, "create-customer", {**COMPANY, "name": "Abgebrochen GmbH"})
    assert scope.cancelled_caught
    assert await customer_count(sandbox) == before


async def test_a_write_that_was_not_cancelled_is_stored_and_answered(sandbox: SandboxBackend) -> None:
    before = await customer_count(sandbox)
    created = await run(sandbox, "create-customer", {**COMPANY, "name": "Vollendet GmbH"})
    assert created["name"] == "Vollendet GmbH"
    assert await customer_count(sandbox) == before + 1


@pytest.mark.parametrize("action", ["create-customer"])
async def test_a_cancel_that_arrives_before_the_write_starts_stores_nothing(
    sandbox: SandboxBackend, action: str
) -> None:
    before = await customer_count(sandbox)
    with anyio.CancelScope() as scope:
        scope.cancel()
        await run(sandbox, action, {**COMPANY, "name": "Nie GmbH"})
    assert await customer_count(sandbox) == before
