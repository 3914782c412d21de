"""Small SQL helpers. Table and column names always come from this package's code, never from input;
values are always bound parameters."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def insert(conn: sqlite3.Connection, table: str, record: Mapping[str, Any]) -> None:
    columns = ", ".join(f'"{c}"' for c in record)
    marks = ", ".join("?" for _ in record)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(record.values()))  # noqa: S608


def insert_many(conn: sqlite3.Connection, table: str, records: Sequence[Mapping[str, Any]]) -> None:
    if not records:
        return
    columns = list(records[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    rows = (tuple(r[c] for c in columns) for r in records)
    conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


def update(conn: sqlite3.Connection, table: str, key: str, key_value: str, changes: Mapping[str, Any]) -> None:
    assignments = ", ".join(f'"{c}" = ?' for c in changes)
    sql = f'UPDATE {table} SET {assignments} WHERE "{key}" = ?'  # noqa: S608
    conn.execute(sql, (*changes.values(), key_value))


def one(conn: sqlite3.Connection, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(sql, tuple(params)).fetchone()
    return row


def estimated_rows(conn: sqlite3.Connection, table: str) -> int:
    """``MAX(rowid)``: the table's size read from its b-tree's edge, without a scan (deleted rows leave gaps, so it
    is an estimate from above). ``table`` is a name written in this package."""
    return conn.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0] or 0  # noqa: S608
