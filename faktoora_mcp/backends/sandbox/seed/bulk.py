"""A large sandbox file for measuring: the demo company with many more invoices (benchmarks only)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from faktoora_mcp.backends.sandbox.seed.company import DEFAULT_SEED, seed
from faktoora_mcp.backends.sandbox.store.database import Store

BENCHMARK_INVOICES = 100_000


def seed_large_database(
    path: str | os.PathLike[str], *, n_invoices: int = BENCHMARK_INVOICES, seed_value: int = DEFAULT_SEED
) -> Path:
    """Replace ``path`` by a sandbox with ``n_invoices`` outgoing invoices, written in one transaction."""

    def fill(conn: sqlite3.Connection) -> None:
        seed(conn, seed_value, n_invoices=n_invoices)

    store = Store(path, seeder=fill, reset=True)
    store.open()
    store.write(lambda conn: conn.execute("ANALYZE"))  # planner statistics, as a long-lived file would gather
    store.close()
    return Path(path)
