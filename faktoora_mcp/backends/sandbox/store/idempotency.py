"""Idempotency keys: a create retried with the same key returns the first result instead of a duplicate.

The key, the action, a fingerprint of the arguments and the result are stored in the same transaction as
the record itself, so either both exist or neither does: a retry after any failure (a timeout, a dropped
connection, a cancel) is safe. The table is made by the first keyed write, inside that write's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from faktoora_mcp.backends.idempotency import fingerprint, reused_key

_TABLE = (
    "CREATE TABLE IF NOT EXISTS idempotency_keys (key TEXT PRIMARY KEY, action TEXT NOT NULL, "
    "fingerprint TEXT NOT NULL, result TEXT NOT NULL, createdAt TEXT NOT NULL)"
)


def run_once(
    conn: sqlite3.Connection,
    key: str,
    action: str,
    arguments: Mapping[str, Any],
    run: Callable[[sqlite3.Connection], Any],
    now: str,
) -> Any:
    """``run(conn)``'s result, stored under ``key``; the stored one when ``key`` was used for this call before."""
    conn.execute(_TABLE)
    found = conn.execute("SELECT action, fingerprint, result FROM idempotency_keys WHERE key = ?", (key,)).fetchone()
    wanted = fingerprint(arguments)
    if found is not None:
        if (found[0], found[1]) != (action, wanted):
            raise reused_key(found[0], action)
        return json.loads(found[2])
    result = run(conn)
    stored = json.dumps(result, default=str)
    conn.execute("INSERT INTO idempotency_keys VALUES (?, ?, ?, ?, ?)", (key, action, wanted, stored, now))
    return result
