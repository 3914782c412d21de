"""The live backend's idempotency ledger: a small SQLite file that remembers keyed creates across restarts.

Faktoora's API takes no idempotency key, and none of its records has a field a client reference could be found
by (reference §4, §6), so the key is kept here, by (connection, key), with the tool, a fingerprint of the
arguments, and what became of the call:

    pending   the call was let through to Faktoora and its outcome is not known (yet, or ever: the answer was lost)
    created   Faktoora acknowledged the record (an invoice's faktooraId) before the rest of the call failed
    done      the call's answer: a retry gets it back and nothing is sent

A retry of a pending key is refused, never sent again, since the first attempt may have created the record; the
refusal says where to look and that a new key forces a new attempt. A call that certainly changed nothing (it
never sent its write, or Faktoora refused it) frees its key. Entries are forgotten after ``RETENTION_DAYS``.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import anyio.to_thread

from faktoora_mcp.backends.idempotency import FIELD, fingerprint, reused_key
from faktoora_mcp.errors import BackendUnavailable, Conflict

logger = logging.getLogger(__name__)
RETENTION_DAYS = 30
"""A retry comes within minutes; a month also covers a host that resends a conversation the next week."""
BUSY_TIMEOUT_S = 5.0
"""Two servers may share the file (two hosts); a ledger write takes milliseconds, so a wait this long means trouble."""
SETTING = "--idempotency-ledger (FAKTOORA_MCP_IDEMPOTENCY_LEDGER)"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS keys (scope TEXT NOT NULL, key TEXT NOT NULL, action TEXT NOT NULL, "
    "fingerprint TEXT NOT NULL, state TEXT NOT NULL, result TEXT, startedAt TEXT NOT NULL, updatedAt TEXT NOT NULL, "
    "PRIMARY KEY (scope, key))"
)


def default_ledger_path() -> Path:
    """``idempotency-keys.sqlite3`` in the user's data directory for faktoora-mcp, beside the sandbox."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("faktoora-mcp")) / "idempotency-keys.sqlite3"


@dataclass(frozen=True, slots=True)
class Claim:
    """A keyed call let through (``result`` None), or answered before (``result`` is that answer)."""

    scope: str
    key: str
    action: str
    result: dict[str, Any] | None = None


@dataclass(slots=True)
class Attempt:
    """One keyed call on its way: the backend marks when its write goes out and what Faktoora acknowledged, and
    settles the ledger entry when the call ends."""

    ledger: Ledger
    claim: Claim
    sent: bool = False
    """A write went out to Membrane: from here on a failure may have created the record."""
    acknowledged: bool = False
    """Faktoora answered the write with the new record's id; the entry holds it (``created``)."""

    async def acknowledge(self, record: Mapping[str, Any]) -> None:
        self.acknowledged = True  # first: the key is never freed once the record exists
        await self._keep(self.ledger.created, record)

    async def settle(self, result: Mapping[str, Any]) -> None:
        await self._keep(self.ledger.finish, result)

    async def _keep(self, write: Callable[[Claim, Mapping[str, Any]], None], result: Mapping[str, Any]) -> None:
        """An answer, kept for a retry. If the ledger cannot keep it the record exists all the same: the entry stays
        pending, so a retry is refused as unknown (never sent twice), and this call still answers."""
        try:
            await anyio.to_thread.run_sync(write, self.claim, dict(result))
        except BackendUnavailable as exc:
            logger.warning("%s", exc.message)

    async def settle_failed(self, changed_nothing: bool) -> None:
        """Free the key when nothing can have been created; else leave it for the next attempt to refuse."""
        unchanged = not self.acknowledged and (not self.sent or changed_nothing)
        try:
            await anyio.to_thread.run_sync(self.ledger.release if unchanged else self.ledger.leave, self.claim)
        except BackendUnavailable as exc:  # the key stays taken: a retry is refused, never sent twice
            logger.warning("%s", exc.message)


class Ledger:
    """The ledger file; opened by the first keyed call, every operation in its own short transaction."""

    def __init__(self, path: str | os.PathLike[str], *, now: Callable[[], datetime] | None = None) -> None:
        self.path = os.fspath(path)
        self._now = now or (lambda: datetime.now(UTC))
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._running: set[tuple[str, str]] = set()

    def claim(self, scope: str, action: str, key: str, arguments: Mapping[str, Any]) -> Claim:
        """Let the call through as ``pending``, or return its stored answer; refuse a reused or unsettled key."""
        wanted, now = fingerprint(arguments), self._stamp()
        with self._lock, _storage_errors(self.path):
            conn = self._open()
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("DELETE FROM keys WHERE updatedAt < ?", (self._stamp(-RETENTION_DAYS),))
                row = conn.execute(
                    "SELECT action, fingerprint, state, result, startedAt FROM keys WHERE scope = ? AND key = ?",
                    (scope, key),
                ).fetchone()
                claim = self._decide(row, scope, key, action, wanted, arguments)
                if claim.result is None:
                    conn.execute(
                        "INSERT OR REPLACE INTO keys VALUES (?, ?, ?, ?, 'pending', NULL, ?, ?)",
                        (scope, key, action, wanted, now, now),
                    )
                    self._running.add((scope, key))
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        return claim

    def created(self, claim: Claim, result: Mapping[str, Any]) -> None:
        """Faktoora acknowledged the record: whatever happens next, a retry gets this, not a second one."""
        self._settle(claim, "created", result)

    def finish(self, claim: Claim, result: Mapping[str, Any]) -> None:
        self._settle(claim, "done", result)

    def release(self, claim: Claim) -> None:
        """The call certainly created nothing: the key is free again (for these arguments or others)."""
        with self._lock, _storage_errors(self.path):
            self._open().execute(
                "DELETE FROM keys WHERE scope = ? AND key = ? AND state = 'pending'", (claim.scope, claim.key)
            )
            self._running.discard((claim.scope, claim.key))

    def leave(self, claim: Claim) -> None:
        """The call ended without a known outcome: its entry stays ``pending`` for the next attempt to refuse."""
        with self._lock:
            self._running.discard((claim.scope, claim.key))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _decide(self, row: Any, scope: str, key: str, action: str, wanted: str, arguments: Mapping[str, Any]) -> Claim:
        if row is None:
            return Claim(scope, key, action)
        first_action, first_fingerprint, state, result, started = row
        if (first_action, first_fingerprint) != (action, wanted):
            raise reused_key(first_action, action)
        if state in ("done", "created"):
            return Claim(scope, key, action, json.loads(result))
        if (scope, key) in self._running:
            raise Conflict(
                f"{FIELD}: a {action} call with this key is still waiting for Faktoora; nothing was sent again. "
                "Wait for its answer, then retry with the same key if it failed."
            )
        raise unknown_outcome(action, arguments, started)

    def _settle(self, claim: Claim, state: str, result: Mapping[str, Any]) -> None:
        stored = json.dumps(dict(result), default=str)
        with self._lock, _storage_errors(self.path):
            self._open().execute(
                "UPDATE keys SET state = ?, result = ?, updatedAt = ? WHERE scope = ? AND key = ?",
                (state, stored, self._stamp(), claim.scope, claim.key),
            )
            if state == "done":
                self._running.discard((claim.scope, claim.key))

    def _open(self) -> sqlite3.Connection:
        if self._conn is None:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(_SCHEMA)
            self._conn = conn
        return self._conn

    def _stamp(self, days: int = 0) -> str:
        return (self._now() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _storage_errors(path: str) -> Iterator[None]:
    """A ledger that cannot be read or written stops the keyed call, and says why and what to do."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        raise BackendUnavailable(
            f"{FIELD}: the idempotency ledger {path} cannot be used ({type(exc).__name__}: {exc}); nothing was "
            f"sent. Point {SETTING} at a writable file, or call without {FIELD}."
        ) from exc


def unknown_outcome(action: str, arguments: Mapping[str, Any], started: str) -> Conflict:
    """The refusal of a retry whose first attempt went out and never came back: it may have created the record."""
    return Conflict(
        f"{FIELD}: the {action} call sent with this key at {started} got no answer, so it may or may not have "
        f"created the record; nothing was sent again. Check {where_to_look(action, arguments)}: if the record is "
        f"there, use it; if it is not, call {action} again with a new {FIELD}."
    )


def where_to_look(action: str, arguments: Mapping[str, Any]) -> str:
    """The list call that shows whether a create whose answer was lost made its record."""

    def given(name: str) -> str:
        return json.dumps(arguments[name], ensure_ascii=False)

    newest = "newest first (sort createdAt, order desc)"
    if action == "create-outgoing-invoice":
        number = f" and invoiceNumber {given('invoiceNumber')}" if arguments.get("invoiceNumber") else ""
        return f"list-outgoing-invoices with customerId {given('customerId')}{number}, {newest}"
    if action == "correct-outgoing-invoice":
        return f"list-outgoing-invoices for the customer of {given('faktooraId')}, {newest}, for a correction of it"
    if action == "import-incoming-invoice":
        return f"list-incoming-invoices, {newest}"
    if action == "create-customer":
        name = next((n for n in ("name", "lastName") if arguments.get(n)), None)
        return f"list-customers with keyword {given(name)}" if name else f"list-customers, {newest}"
    if action == "create-product":
        found_by = f"code {given('code')}" if arguments.get("code") else f"keyword {given('name')}"
        return f"list-products with {found_by}"
    if action == "create-webhook":
        return f"list-webhooks for target {given('target')}"
    return f"the list of what {action} makes, {newest}"
