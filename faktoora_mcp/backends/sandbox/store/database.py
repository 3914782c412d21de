"""The sandbox's SQLite file: opening, migrating, seeding, and one transaction per operation.
One connection serves the process, guarded by a threading lock, because the backend runs every
database call in a worker thread (``anyio.to_thread``) so that the event loop never blocks. Writes run
in ``BEGIN IMMEDIATE`` transactions: either all of a write lands or none of it does, and a second process
on the same file waits (``busy_timeout``) instead of failing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import anyio.from_thread

from faktoora_mcp.backends.sandbox.store.failures import check_integrity, refuse_empty, storage_error
from faktoora_mcp.backends.sandbox.store.migrations import (
    OLDEST_READABLE_VERSION,
    SCHEMA_VERSION,
    migrate,
    refuse_newer,
    stored_version,
)
from faktoora_mcp.errors import BackendBusy, ConfigError

T = TypeVar("T")

MEMORY = ":memory:"

BUSY_TIMEOUT_MS = 10_000
"""How long a write waits for another process's write; sandbox writes take milliseconds, so this only
matters under contention and is generous enough never to fail a person's call."""

WAL_SWITCH_ATTEMPTS = 100
WAL_SWITCH_PAUSE_S = 0.05
"""Up to five seconds for another process to finish switching or seeding a new file (which takes ~0.1 s)."""

Seeder = Callable[[sqlite3.Connection], None]

READ_ONLY_RESET = (
    "--sandbox-reset deletes and re-seeds the sandbox, and --read-only promises that nothing changes data; "
    "drop one of the two (FAKTOORA_MCP_SANDBOX_RESET / FAKTOORA_MCP_READ_ONLY)."
)


def utc_now() -> str:
    """The current time as the ISO 8601 UTC timestamp every record carries."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Store:
    """One SQLite database file (or ``:memory:``) with the sandbox schema and data."""

    def __init__(
        self,
        path: str | Path,
        *,
        seeder: Seeder,
        reset: bool = False,
        read_only: bool = False,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        if reset and read_only:
            raise ConfigError(READ_ONLY_RESET)
        self.path = str(path)
        self.busy_timeout_ms = busy_timeout_ms
        self._seeder = seeder
        self._reset = reset
        self.read_only = read_only
        """An existing file is opened read-only and never migrated; a new one is seeded, then locked."""
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def open(self) -> None:
        """Open, check the version and the file's integrity, migrate and seed; blocking, and a no-op once open."""
        with self._lock, _storage_errors(self.path, self.read_only):
            if self._conn is None:
                self._conn = self._connect()
                self._reset = False  # a reopen after close keeps the data made since

    def read(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``operation`` in a read transaction, so that a count and its page agree."""
        with self._lock, _storage_errors(self.path, self.read_only), _busy_is_transient(self.busy_timeout_ms):
            conn = self._require()
            conn.execute("BEGIN")
            try:
                return operation(conn)
            finally:
                conn.execute("COMMIT")

    def write(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``operation`` in a write transaction: it commits entirely or not at all."""
        with self._lock, _storage_errors(self.path, self.read_only), _busy_is_transient(self.busy_timeout_ms):
            return _in_write_transaction(self._require(), operation)

    def rehearse(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``operation`` in a write transaction that is always rolled back: a dry run with every rule."""
        with self._lock, _storage_errors(self.path, self.read_only), _busy_is_transient(self.busy_timeout_ms):
            conn = self._require()
            conn.execute("BEGIN IMMEDIATE")
            try:
                return operation(conn)
            finally:
                conn.execute("ROLLBACK")

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _require(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ConfigError("The sandbox database is closed; start the server again.")
        return self._conn

    def _connect(self) -> sqlite3.Connection:
        if self.path != MEMORY and not self._reset:
            refuse_empty(self.path)  # a 0-byte file is not a missing one: never seeded over
        if self.read_only and self.path != MEMORY and Path(self.path).exists():
            return _connect_read_only(self.path)
        if self.path != MEMORY:
            self._prepare_file()
        conn = self._connect_writable()
        if self.read_only:  # a fresh file holds no one's data; seeded, it is as read-only as any other
            conn.execute("PRAGMA query_only = ON")
        return conn

    def _connect_writable(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ConfigError(
                f"The sandbox database {self.path} cannot be opened ({exc}); pass --sandbox-db with a writable path."
            ) from exc
        try:
            _configure_and_migrate(conn, self.path, self._seeder, self.busy_timeout_ms)
        except BaseException:
            conn.close()
            raise
        return conn

    def _prepare_file(self) -> None:
        file = Path(self.path)
        if self._reset and file.exists():
            _refuse_foreign(file)
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{file}{suffix}").unlink(missing_ok=True)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(unwritable(file, exc)) from exc


def check_location(path: str | Path, *, read_only: bool) -> None:
    """At start-up: the sandbox file can be created where it is asked for, so that a bad default directory
    is one clear error naming --sandbox-db, not a failure on every call. An existing file opened read-only
    needs nothing more."""
    file = Path(path)
    if str(path) == MEMORY or (read_only and file.exists()):
        return
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(unwritable(file, exc)) from exc
    if not os.access(file.parent, os.W_OK):
        raise ConfigError(unwritable(file, PermissionError(13, "permission denied")))


def unwritable(file: Path, exc: OSError) -> str:
    """The message for a sandbox file whose directory cannot be created or written."""
    return (
        f"The sandbox database {file} cannot be created: its directory {file.parent} is not writable "
        f"({exc.strerror or exc}). Pass --sandbox-db (FAKTOORA_MCP_SANDBOX_DB) with a writable file, or :memory:."
    )


def _connect_read_only(path: str) -> sqlite3.Connection:
    """An existing sandbox opened so that nothing can write to it: no migration, no WAL switch, no seeding."""
    file = Path(path).resolve()
    # On a read-only mount SQLite cannot make the WAL index beside the file, and mode=ro alone fails to open
    # it; immutable=1 reads it as it is, which is exactly what a file nobody can write guarantees.
    fixed = "&immutable=1" if not os.access(file.parent, os.W_OK) else ""
    try:
        uri = f"{file.as_uri()}?mode=ro{fixed}"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise ConfigError(
            f"The sandbox database {path} cannot be read ({exc}); pass --sandbox-db with another file."
        ) from exc
    try:
        _check_read_only(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _check_read_only(conn: sqlite3.Connection, path: str) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        version = stored_version(conn)
    except sqlite3.DatabaseError as exc:
        raise storage_error(path, exc) or ConfigError(
            f"{path} is not a faktoora-mcp sandbox database ({exc}); pass --sandbox-db with another file."
        ) from exc
    refuse_newer(version, path)
    check_integrity(conn, path)
    if version < OLDEST_READABLE_VERSION:
        raise ConfigError(
            f"The sandbox database {path} has schema {version} and this faktoora-mcp reads {OLDEST_READABLE_VERSION} "
            f"to {SCHEMA_VERSION}; read-only mode never migrates a file. Start once without --read-only to upgrade "
            "it, or pass --sandbox-db with another file."
        )


MIN_FREE_BYTES = 64 * 1024
"""Less free space than this beside the file means a failed WAL switch was the disk, not another process."""


def _disk_full(path: str) -> bool:
    try:
        return shutil.disk_usage(Path(path).resolve().parent).free < MIN_FREE_BYTES
    except OSError:
        return False


@contextmanager
def _storage_errors(path: str, read_only: bool = False) -> Iterator[None]:
    """A read-only file, a full disk or a damaged page named as such, with the fix, instead of "internal error"."""
    try:
        yield
    except sqlite3.Error as exc:
        mapped = storage_error(path, exc, opened_read_only=read_only)
        if mapped is None:
            raise
        raise mapped from exc


@contextmanager
def _busy_is_transient(waited_ms: int) -> Iterator[None]:
    """ "database is locked" after the busy timeout is another process's long write, not a fault of ours."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        raise BackendBusy(
            f"The sandbox database is busy: another process held its write lock for over {waited_ms / 1000:g} s "
            f"({exc}). Nothing was changed; retrying is safe."
        ) from exc


def _refuse_foreign(file: Path) -> None:
    """Reset deletes only a sandbox this version wrote (or an empty file), never a newer one or a stranger's."""
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ConfigError(f"{file} cannot be read ({exc}); pass --sandbox-db with another file.") from exc
    try:
        version = stored_version(conn)
        tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise ConfigError(
            f"{file} is not a faktoora-mcp sandbox database ({exc}), so reset will not delete it; "
            "pass --sandbox-db with another file."
        ) from exc
    finally:
        conn.close()
    refuse_newer(version, str(file))
    if version == 0 and tables:
        raise ConfigError(
            f"{file} is an SQLite database but not a faktoora-mcp sandbox, so reset will not delete "
            "it; pass --sandbox-db with another file."
        )


def _configure_and_migrate(conn: sqlite3.Connection, path: str, seeder: Seeder, busy_timeout_ms: int) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    try:
        # Read the version before anything can write to the file: a newer file must stay untouched.
        refuse_newer(stored_version(conn), path)
    except sqlite3.DatabaseError as exc:
        raise storage_error(path, exc) or ConfigError(
            f"{path} is not a faktoora-mcp sandbox database ({exc}); pass --sandbox-db with another file."
        ) from exc
    if path != MEMORY:
        check_integrity(conn, path)
        _switch_to_wal(conn, path)
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL keeps the file consistent; only the last commit may roll back
    _in_write_transaction(conn, lambda c: _migrate_and_seed(c, path, seeder))


def _switch_to_wal(conn: sqlite3.Connection, path: str) -> None:
    """WAL mode, so that readers never wait for another process's writer.

    Switching needs a moment of exclusive access, for which SQLite does not call the busy handler; two
    processes opening a new file at once can collide here, so the switch is retried for a bounded time.
    """
    for attempt in range(WAL_SWITCH_ATTEMPTS):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if _disk_full(path):  # SQLite says "locked" when it cannot make the WAL file on a full disk
                raise storage_error(path, sqlite3.OperationalError("database or disk is full")) from exc
            if "locked" not in str(exc) or attempt == WAL_SWITCH_ATTEMPTS - 1:
                raise ConfigError(
                    f"The sandbox database {path} is locked by another process ({exc}); "
                    "close the other faktoora-mcp, or pass --sandbox-db with another file."
                ) from exc
            time.sleep(WAL_SWITCH_PAUSE_S)


def _migrate_and_seed(conn: sqlite3.Connection, path: str, seeder: Seeder) -> None:
    # Checked again inside the write lock: another process may have created the file meanwhile.
    current = stored_version(conn)
    refuse_newer(current, path)
    if current == SCHEMA_VERSION:
        return
    migrate(conn, current, utc_now())
    if current == 0:
        seeder(conn)


def _in_write_transaction(conn: sqlite3.Connection, operation: Callable[[sqlite3.Connection], T]) -> T:
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = operation(conn)
        _raise_if_cancelled()  # the last moment a cancel can still mean "nothing was stored"
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return result


def _raise_if_cancelled() -> None:
    """Raise the caller's cancellation when this write runs for a task that was cancelled meanwhile.

    A write runs in a worker thread that cancellation cannot interrupt (``anyio.to_thread.run_sync``), so
    a cancel used to arrive, be acknowledged as "Request cancelled", and the row was committed anyway.
    Outside an anyio worker thread (a test, a script) there is no caller to ask.
    """
    try:
        anyio.from_thread.check_cancelled()
    except RuntimeError:  # not in an anyio worker thread (NoEventLoopError is one)
        return
