"""What every action handler gets: the connection inside its transaction, the clock, and the settings."""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from faktoora_mcp.backends.sandbox.store.sql import one

IMPORT_QUOTA_BYTES = 50_000_000
"""Bytes of imported invoice files (and their findings) one sandbox keeps: thousands of real e-invoices of a few kB,
ten of the largest allowed. Without a quota 27 imports of 1.4 MB grew the file by 38 MB (issue 27)."""


@dataclass(frozen=True, slots=True)
class Context:
    conn: sqlite3.Connection
    today: date
    now: str
    """One timestamp for the whole call, so that createdAt and updatedAt of a new record agree."""
    allow_private_webhook_targets: bool = False
    import_quota_bytes: int = IMPORT_QUOTA_BYTES
    rng: random.Random = field(default_factory=random.SystemRandom)
    """New ids in a running sandbox are random; only the seed is deterministic."""


def load_account(conn: sqlite3.Connection) -> dict[str, Any]:
    row = one(conn, "SELECT data FROM account WHERE id = 1")
    return json.loads(row["data"]) if row else {}


def save_account(conn: sqlite3.Connection, account: dict[str, Any]) -> None:
    conn.execute("UPDATE account SET data = ? WHERE id = 1", (json.dumps(account, ensure_ascii=False),))


def small_business(conn: sqlite3.Connection) -> bool:
    return bool(load_account(conn).get("company", {}).get("smallBusiness"))
