"""The sandbox's file: lazy opening, transactions, versioning, crashes and two processes at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import anyio
import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend, default_sandbox_path
from faktoora_mcp.backends.sandbox.store import migrations
from faktoora_mcp.backends.sandbox.store.database import Store
from faktoora_mcp.backends.sandbox.store.migrations import SCHEMA_VERSION
from faktoora_mcp.errors import ConfigError, PolicyRefused

REPO = Path(__file__).resolve().parents[4]
PROCESS_TIMEOUT = 60
WRITER = textwrap.dedent("""
    import sys, anyio
    from faktoora_mcp.backends.sandbox import SandboxBackend

    async def main(path, prefix, count):
        backend = SandboxBackend(path)
        for i in range(count):
            product = {"name": f"{prefix} {i}", "unit": "C62", "tax": 19, "code": f"{prefix}-{i}"}
            await backend.run_action("create-product", product)
            await backend.run_action("list-products", {"keyword": prefix, "perPage": 1})
            print(i, flush=True)
        await backend.aclose()

    anyio.run(main, sys.argv[1], sys.argv[2], int(sys.argv[3]))
""")


def writer(path: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), prefix, str(count)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def products_named(path: Path, prefix: str) -> int:
    backend = SandboxBackend(path)
    try:
        listed = await backend.run_action("list-products", {"keyword": prefix, "perPage": 1})
        return int(listed.output["meta"]["totalItems"])
    finally:
        await backend.aclose()


async def test_construction_touches_no_file_until_the_first_call(tmp_path: Path) -> None:
    path = tmp_path / "lazy" / "sandbox.sqlite3"
    backend = SandboxBackend(path, reset=True)
    assert not path.exists() and not path.parent.exists()
    await backend.run_action("list-webhooks", {})
    assert path.exists()
    await backend.aclose()


async def test_reset_happens_at_first_use_and_brings_back_the_seed(tmp_path: Path) -> None:
    path = tmp_path / "reset.sqlite3"
    backend = SandboxBackend(path)
    await backend.run_action("create-product", {"name": "Weg damit", "unit": "C62", "tax": 19})
    await backend.aclose()
    again = SandboxBackend(path, reset=True)
    assert path.exists()
    assert (await again.run_action("list-products", {"perPage": 1})).output["meta"]["totalItems"] == 30
    await again.aclose()


async def test_data_survives_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "keep.sqlite3"
    backend = SandboxBackend(path)
    await backend.run_action("create-product", {"name": "Bleibt", "unit": "C62", "tax": 19, "code": "KEEP"})
    await backend.aclose()
    await backend.aclose()  # closing twice is fine
    assert await products_named(path, "Bleibt") == 1


async def test_a_file_database_uses_wal_and_a_memory_one_works_too(tmp_path: Path) -> None:
    path = tmp_path / "wal.sqlite3"
    backend = SandboxBackend(path)
    await backend.status()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    await backend.aclose()
    memory = SandboxBackend(":memory:")
    assert (await memory.run_action("list-customers", {})).output["meta"]["totalItems"] == 25
    await memory.aclose()


async def test_concurrent_calls_open_the_file_once_and_all_succeed(tmp_path: Path) -> None:
    backend = SandboxBackend(tmp_path / "concurrent.sqlite3")
    results: list[Any] = []

    async def create(i: int) -> None:
        product = {"name": f"Parallel {i}", "unit": "C62", "tax": 19, "code": f"P-{i}"}
        results.append((await backend.run_action("create-product", product)).output)

    async with anyio.create_task_group() as group:
        for i in range(20):
            group.start_soon(create, i)
    assert len({r["code"] for r in results}) == 20
    assert (await backend.run_action("list-products", {"keyword": "Parallel"})).output["meta"]["totalItems"] == 20
    await backend.aclose()


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    store = Store(tmp_path / "atomic.sqlite3", seeder=lambda conn: None)
    store.open()

    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO webhooks VALUES ('w1', 'invoiceCreate', 'https://x.example', 'now', 'now')")
        raise ValueError("fails after the first insert")

    with pytest.raises(ValueError, match="fails after"):
        store.write(half_then_fail)
    assert store.read(lambda conn: conn.execute("SELECT COUNT(*) FROM webhooks").fetchone()[0]) == 0
    store.close()


async def test_a_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, appliedAt TEXT NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES (?, '2031-01-01T00:00:00Z')", (SCHEMA_VERSION + 98,))
    conn.close()
    before = path.read_bytes()
    backend = SandboxBackend(path)
    with pytest.raises(
        ConfigError,
        match=rf"written by a newer faktoora-mcp \(schema {SCHEMA_VERSION + 98};.*"
        r"upgrade, or pass --sandbox-db with another file",
    ):
        await backend.run_action("list-customers", {})
    status = await backend.status()
    await backend.aclose()
    assert status.ready is False and "newer faktoora-mcp" in status.detail
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["future.sqlite3"]  # no -wal or -shm was created either


async def test_reset_does_not_delete_a_newer_sandbox_or_a_foreign_database(tmp_path: Path) -> None:
    newer, foreign = tmp_path / "newer.sqlite3", tmp_path / "accounts.sqlite3"
    with sqlite3.connect(newer) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, appliedAt TEXT NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    conn.close()
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE ledger (amount INTEGER)")
    conn.close()
    for path, reason in ((newer, "newer faktoora-mcp"), (foreign, "not a faktoora-mcp sandbox")):
        before = path.read_bytes()
        backend = SandboxBackend(path, reset=True)
        with pytest.raises(ConfigError, match=reason):
            await backend.run_action("list-customers", {})
        await backend.aclose()
        assert path.read_bytes() == before


async def test_a_file_that_is_not_a_database_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("this is not sqlite " * 100)
    backend = SandboxBackend(path)
    with pytest.raises(ConfigError, match="is not a faktoora-mcp sandbox database"):
        await backend.run_action("list-customers", {})
    await backend.aclose()
    assert path.read_text() == "this is not sqlite " * 100


def test_the_default_path_is_in_the_user_data_directory() -> None:
    from platformdirs import user_data_dir

    assert default_sandbox_path() == Path(user_data_dir("faktoora-mcp")) / "sandbox.sqlite3"


@pytest.mark.subprocess
@pytest.mark.serial  # kill timing
async def test_a_process_killed_mid_write_leaves_a_sound_database(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    process = writer(path, "Crash", 100_000)
    assert process.stdout is not None
    written = 0
    while written < 30:
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else "writer ended early"
        written += 1
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=PROCESS_TIMEOUT)
    process.stdout.close()
    process.stderr.close()  # type: ignore[union-attr]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert await products_named(path, "Crash") >= written


@pytest.mark.subprocess
@pytest.mark.serial  # two processes contend for one SQLite file within busy timeouts
async def test_two_processes_share_one_file_for_reads_and_writes(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    processes = [writer(path, prefix, 25) for prefix in ("Alpha", "Beta")]
    for process in processes:
        out, err = process.communicate(timeout=PROCESS_TIMEOUT)
        assert process.returncode == 0, err
        assert out.split() == [str(i) for i in range(25)]
    assert await products_named(path, "Alpha") == await products_named(path, "Beta") == 25
    backend = SandboxBackend(path)
    invoices = await backend.run_action("list-outgoing-invoices", {"perPage": 1})
    await backend.aclose()
    assert invoices.output["meta"]["totalItems"] == 200  # seeded once, though both processes raced to create it


async def seeded_file(path: Path) -> bytes:
    backend = SandboxBackend(path)
    await backend.run_action("list-customers", {"perPage": 1})
    await backend.aclose()
    return await anyio.Path(path).read_bytes()


async def test_read_only_opens_an_existing_sandbox_without_writing_a_byte(tmp_path: Path) -> None:
    path = tmp_path / "mine.sqlite3"
    before = await seeded_file(path)
    backend = SandboxBackend(path, read_only=True)
    listed = await backend.run_action("list-customers", {"perPage": 2})
    with pytest.raises(PolicyRefused, match="read-only"):
        await backend.run_action("create-project", {"name": "X"})
    await backend.aclose()
    assert len(listed.output["data"]) == 2
    assert path.read_bytes() == before


def test_a_read_only_store_cannot_write_even_when_asked_directly(tmp_path: Path) -> None:
    path = tmp_path / "mine.sqlite3"
    anyio.run(seeded_file, path)
    store = Store(path, seeder=lambda conn: None, read_only=True)
    store.open()
    with pytest.raises(PolicyRefused, match="opened read-only"):
        store.write(lambda conn: conn.execute("DELETE FROM customers"))
    store.close()
    fresh = Store(tmp_path / "new.sqlite3", seeder=lambda conn: None, read_only=True)  # a missing file is seeded
    fresh.open()
    with pytest.raises(PolicyRefused, match="opened read-only"):
        fresh.write(lambda conn: conn.execute("DELETE FROM customers"))
    fresh.close()


def as_version_1(path: Path) -> None:
    """Turn a current sandbox file into what faktoora-mcp wrote at schema 1: one trigram index over number
    and customer name together, no name index, no table of imported files (a fresh file holds none)."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM incoming_files").fetchone()[0] == 0
        conn.execute("DROP TABLE incoming_files")
        conn.execute("DROP TABLE invoice_number_terms")
        conn.execute("DROP TABLE invoice_number_search")
        for event in ("insert", "delete", "update"):
            conn.execute(f"DROP TRIGGER invoice_number_search_{event}")
        conn.execute("DROP INDEX invoices_customer_name")
        for statement in migrations._statements(migrations._V1_SEARCH):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO invoice_search (rowid, text) SELECT rowid, invoiceNumber || ' ' || customerName FROM invoices"
        )
        conn.execute("DELETE FROM schema_version WHERE version > 1")
    conn.close()


async def test_read_only_reads_a_version_1_sandbox_as_it_is_and_finds_the_same(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    await seeded_file(path)
    current = SandboxBackend(path)
    sample = (await current.run_action("list-outgoing-invoices", {"perPage": 1})).output["data"][0]
    queries = [{"keyword": k, "perPage": 1000} for k in (sample["customer"]["name"], sample["invoiceNumber"], "26")]
    want = [(await current.run_action("list-outgoing-invoices", q)).output for q in queries]
    await current.aclose()
    as_version_1(path)
    before = path.read_bytes()
    backend = SandboxBackend(path, read_only=True)
    try:
        assert [(await backend.run_action("list-outgoing-invoices", q)).output for q in queries] == want
    finally:
        await backend.aclose()
    assert path.read_bytes() == before


async def test_read_only_never_migrates_a_file_older_than_it_reads(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    await seeded_file(path)
    with sqlite3.connect(path) as conn:  # no schema version at all: older than any this release reads
        conn.execute("DELETE FROM schema_version")
    conn.close()
    before = path.read_bytes()
    backend = SandboxBackend(path, read_only=True)
    with pytest.raises(ConfigError, match=r"read-only mode never migrates a file\. Start once without --read-only"):
        await backend.run_action("list-customers", {})
    await backend.aclose()
    assert path.read_bytes() == before


def test_read_only_with_reset_is_refused_because_reset_changes_data(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"--sandbox-reset deletes and re-seeds.*--read-only"):
        SandboxBackend(tmp_path / "s.sqlite3", read_only=True, reset=True)
    assert list(tmp_path.iterdir()) == []


async def test_a_sandbox_directory_that_cannot_be_created_names_sandbox_db(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the directory should be")
    backend = SandboxBackend(blocker / "faktoora-mcp" / "sandbox.sqlite3")
    with pytest.raises(ConfigError, match=r"cannot be created.*Pass --sandbox-db"):
        await backend.run_action("list-customers", {})
    await backend.aclose()
