"""A write is atomic with respect to cancellation: cancelled before its commit, nothing is stored.

The write's worker thread is held at the store's lock (the seam a slow disk or another writer would be), the
caller is cancelled meanwhile, then the thread is let go: it must roll back instead of committing a row that
the caller was told was cancelled.
"""

from __future__ import annotations

import anyio
import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from tests.backends.sandbox.calls import ALL, COMPANY, run


async def customer_count(sandbox: SandboxBackend) -> int:
    return len((await run(sandbox, "list-customers", ALL))["data"])


async def test_a_write_cancelled_before_its_commit_stores_nothing(sandbox: SandboxBackend) -> None:
    before = await customer_count(sandbox)
    store_lock = sandbox._store._lock
    store_lock.acquire()  # the write's thread will wait here, as behind a slow disk or another writer
    scope = anyio.CancelScope()

    async def create() -> None:
        with scope:
            await run(sandbox, "create-customer", {**COMPANY, "name": "Abgebrochen GmbH"})

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(create)
        await anyio.sleep(0.05)  # the write has reached its thread (if not, the cancel stops it even earlier)
        scope.cancel()  # the caller gives up while the write waits ...
        store_lock.release()  # ... and only then can the write run: it must not commit
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
