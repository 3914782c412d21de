"""The first rows of a set of rowids in sort order: walked from the sort column's index, or sorted.

A keyword's matches arrive as a set of rowids. Sorting them reads every match's row. Walking the sort column's
index and testing each entry against the set reads no row at all and stops once the page is found: soon when the
matches are spread through the table, never when they all lie at its far end. So the walk runs over one bounded
range of the index, ending at a key value that SQLite stops at, and only for a set whose rowids are spread: a set
packed into a run of rowids was created together (a month of invoice numbers), so it is packed in date order too,
where a walk from the other end would find nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from faktoora_mcp.backends.sandbox.store.sql import estimated_rows

WALK_SLACK = 16
"""The range holds sixteen times the index entries the page needs were the matches spread evenly."""
WALK_SHARE = 0.5
"""At most as many index entries as half the matches. A step through the index, testing the set, costs a quarter
to a third of fetching and sorting one match (0.10-0.15 against 0.45-0.55 microseconds at 100k invoices), and the
set's lookup costs about a quarter more to build: a walk that finds too few adds at most about two fifths to the
sort that follows, and only for spread sets, which it rarely misses."""
SPREAD = 0.5
"""A set is walked when its rowids fill at most half of the run they span."""


@dataclass(frozen=True, slots=True)
class RowidSet:
    """Distinct rowids written as SQLite's ``group_concat`` writes them (``text``, not empty), with their count and
    the lowest and highest (``None`` when the order they came in is not known)."""

    text: str
    count: int
    low: int | None
    high: int | None

    @classmethod
    def of(cls, rowids: set[int]) -> RowidSet:
        return cls(",".join(map(str, rowids)), len(rowids), min(rowids), max(rowids))

    @classmethod
    def listed(cls, text: str, ascending: bool) -> RowidSet:
        """``text`` as ``group_concat`` gave it; in ascending order its ends are its extremes."""
        count = text.count(",") + 1
        if not ascending and count > 1:
            return cls(text, count, None, None)
        return cls(text, count, int(text.partition(",")[0]), int(text.rpartition(",")[2]))

    @property
    def json(self) -> str:
        return f"[{self.text}]"

    @property
    def span(self) -> int | None:
        """How many rowids the run from the lowest to the highest holds."""
        return None if self.low is None or self.high is None else self.high - self.low + 1

    @property
    def spread(self) -> bool:
        """Whether the walk is worth trying. A set in unknown order counts as spread: it comes from the scan for
        single characters, which are spread through any numbering."""
        return self.span is None or self.count <= SPREAD * self.span


def page_rowids(
    conn: sqlite3.Connection, table: str, rowids: RowidSet, order_by: str, descending: bool, offset: int, limit: int
) -> list[int]:
    """The set's rowids from ``offset`` to ``offset + limit`` in ``order_by`` order, ties by rowid; ``order_by`` is
    a column of ``table`` written in this package, with an index for the walk."""
    direction = "DESC" if descending else "ASC"
    order = f"ORDER BY {order_by} {direction}, rowid {direction}"
    walked = _walk(conn, table, rowids, order_by, descending, order, offset, limit) if rowids.spread else None
    if walked is not None:
        return walked
    if rowids.span == rowids.count:  # every rowid of the run: a range of the table, read in order
        sql = f"SELECT rowid FROM {table} WHERE rowid BETWEEN ? AND ? {order} LIMIT ? OFFSET ?"  # noqa: S608
        return [row[0] for row in conn.execute(sql, (rowids.low, rowids.high, limit, offset))]
    # The set is distinct, so a join reads each match once, without the lookup structure that IN builds.
    sql = (
        f"SELECT t.rowid FROM json_each(?) AS j CROSS JOIN {table} AS t ON t.rowid = j.value "  # noqa: S608
        f"ORDER BY t.{order_by} {direction}, t.rowid {direction} LIMIT ? OFFSET ?"
    )
    return [row[0] for row in conn.execute(sql, (rowids.json, limit, offset))]


def _walk(
    conn: sqlite3.Connection,
    table: str,
    rowids: RowidSet,
    order_by: str,
    descending: bool,
    order: str,
    offset: int,
    limit: int,
) -> list[int] | None:
    """``page_rowids`` from one bounded range of the index, or ``None`` when it holds too few matches. NULL keys
    lie outside every range, so a column holding any is left to the sort unless they come last, after the range."""
    evenly = (offset + limit) * estimated_rows(conn, table) // max(rowids.count, 1) + 1
    budget = min(WALK_SLACK * evenly, int(WALK_SHARE * rowids.count))
    if budget < evenly:
        return None
    edge = conn.execute(f"SELECT {order_by} FROM {table} {order} LIMIT 1 OFFSET ?", (budget,)).fetchone()  # noqa: S608
    if (edge is None or edge[0] is None or not descending) and _has_null(conn, table, order_by):
        return None
    bound, values = ("1", []) if edge is None else (f"{order_by} {'>=' if descending else '<='} ?", [edge[0]])
    within = f"{bound} AND +rowid IN (SELECT value FROM json_each(?))"  # noqa: S608 - ``+``: the index leads
    sql = f"SELECT rowid FROM {table} WHERE {within} {order} LIMIT ? OFFSET ?"  # noqa: S608
    found = [row[0] for row in conn.execute(sql, [*values, rowids.json, limit, offset])]
    return found if len(found) == limit or edge is None else None


def _has_null(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE {column} IS NULL LIMIT 1").fetchone() is not None  # noqa: S608
