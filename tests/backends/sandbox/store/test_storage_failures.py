"""A damaged, empty, read-only or full sandbox file is named with the fix, never met with "internal error"
or silently replaced by demo data."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from pathlib import Path

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.store.failures import StorageError, storage_error
from faktoora_mcp.errors import BackendBusy
from tests.backends.sandbox.store.test_store import seeded_file

PAGE = 4096


def empty_file(path: Path) -> Path:
    """A 0-byte file from a minute ago (an empty file made just now is another process creating it)."""
    path.write_bytes(b"")
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


async def test_an_empty_file_is_refused_not_seeded_over(tmp_path: Path) -> None:
    path = empty_file(tmp_path / "truncated.sqlite3")
    for read_only in (False, True):
        backend = SandboxBackend(path, read_only=read_only)
        with pytest.raises(StorageError, match=r"truncated.sqlite3 is an empty file \(0 bytes\)"):
            await backend.run_action("list-customers", {})
        await backend.aclose()
    assert path.read_bytes() == b""  # still empty: no demo data behind the person's back


async def test_an_empty_file_with_reset_starts_a_new_sandbox(tmp_path: Path) -> None:
    path = empty_file(tmp_path / "truncated.sqlite3")
    backend = SandboxBackend(path, reset=True)
    assert (await backend.run_action("list-customers", {"perPage": 1})).output["data"]
    await backend.aclose()


async def test_random_bytes_in_the_middle_pages_are_found_when_the_file_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    original = await seeded_file(path)
    pages = len(original) // PAGE
    noise = random.Random(27).randbytes(PAGE * (pages // 2))
    damaged = original[: PAGE * (pages // 4)] + noise + original[PAGE * (pages // 4) + len(noise) :]
    path.write_bytes(damaged)
    for read_only in (False, True):
        backend = SandboxBackend(path, read_only=read_only)
        with pytest.raises(StorageError) as refused:
            await backend.run_action("list-customers", {})
        await backend.aclose()
        assert f"{path} is damaged" in refused.value.message and "--sandbox-reset" in refused.value.message
    assert path.read_bytes() == damaged  # refused, not repaired or re-seeded behind the person's back


@pytest.mark.parametrize(
    ("phrase", "says"),
    [
        ("attempt to write a readonly database", "is read-only (permissions, or a read-only mount)"),
        ("database or disk is full", "is full; nothing was changed"),
        ("database disk image is malformed", "is damaged"),
        ("disk I/O error", "disk I/O error"),
        ("unable to open database file", "Start with --read-only"),
    ],
)
def test_each_storage_failure_is_worded_with_the_file_and_the_fix(phrase: str, says: str) -> None:
    found = storage_error("/data/s.sqlite3", sqlite3.OperationalError(phrase))
    assert isinstance(found, StorageError)
    assert "/data/s.sqlite3" in found.message and says in found.message


def test_a_lock_is_a_retryable_busy_error() -> None:
    assert isinstance(storage_error("/d/s.sqlite3", sqlite3.OperationalError("database is locked")), BackendBusy)
