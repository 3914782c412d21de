"""Paged, sorted, filtered lists in Faktoora's ``{data, meta}`` envelope."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from faktoora_mcp.backends.sandbox.store import walk
from faktoora_mcp.backends.sandbox.store.sql import estimated_rows

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 1000
"""Faktoora clamps larger page sizes silently (reference §3.4); so does the sandbox."""
SORT_COST = 2
"""Fetching and sorting one matching row costs about two steps of walking the sort column's index
(measured at 100k invoices); ``paged`` walks the index when that reads fewer rows."""


@dataclass(frozen=True, slots=True)
class Page:
    page: int
    per_page: int
    descending: bool


def page_of(input: Mapping[str, Any]) -> Page:
    page = max(1, int(input.get("page") or 1))
    per_page = min(MAX_PER_PAGE, max(1, int(input.get("perPage") or DEFAULT_PER_PAGE)))
    return Page(page, per_page, input.get("order", "desc") != "asc")


@dataclass(slots=True)
class Filter:
    """A WHERE clause assembled from code-written conditions and bound values."""

    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    rowids: walk.RowidSet | None = None
    """The rows ``add_rowids`` allowed; when nothing else filters, they are counted without SQL and the page is
    found by ``walk.first_rowids``."""
    walks: list[str | None] = field(default_factory=list)
    """Conditions written again so that SQLite tests them row by row (``+column``) while it walks the sort
    column's index, where ``add(..., walk=...)`` gave such a form: a keyword over a big table."""

    def add(self, condition: str, *params: Any, walk: str | None = None) -> None:
        """``walk`` takes the same parameters, in the same order, as ``condition``."""
        self.conditions.append(condition)
        self.walks.append(walk)
        self.params.extend(params)

    def add_rowids(self, rowids: walk.RowidSet) -> None:
        """Only these rows: a match set computed once, instead of a subquery each statement runs again."""
        self.rowids = rowids
        self.add("rowid IN (SELECT value FROM json_each(?))", rowids.json)

    def any_of(self, column: str, values: Sequence[Any]) -> None:
        self.add(f"{column} IN ({', '.join('?' for _ in values)})", *values)

    def contains(self, columns: Sequence[str], text: str) -> None:
        """Case-insensitive substring match on any of ``columns``; % and _ in ``text`` match literally."""
        self.add(like_any(columns), *([like_pattern(text)] * len(columns)))

    @property
    def sql(self) -> str:
        return " AND ".join(self.conditions) or "1"

    @property
    def walkable(self) -> bool:
        return any(walk is not None for walk in self.walks)

    @property
    def walk_sql(self) -> str:
        return " AND ".join(w or c for w, c in zip(self.walks, self.conditions, strict=True)) or "1"


def like_pattern(text: str) -> str:
    """``text`` as a LIKE pattern for "contains", with ``\\`` as the escape: % and _ match literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def like_any(columns: Sequence[str]) -> str:
    """A condition true when any of ``columns`` matches its ``like_pattern`` parameter (one per column)."""
    return "(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")"


def paged(
    conn: sqlite3.Connection,
    table: str,
    where: Filter,
    order_by: str,
    page: Page,
    convert: Callable[[sqlite3.Row], dict[str, Any]],
) -> dict[str, Any]:
    """One page plus the totals; ``order_by`` is a column expression written in this package."""
    order = f"ORDER BY {order_by} {'DESC' if page.descending else 'ASC'}, rowid {'DESC' if page.descending else 'ASC'}"
    bounds = [page.per_page, (page.page - 1) * page.per_page]
    if where.rowids is not None and len(where.conditions) == 1:  # counted already; the page by rowid
        total = where.rowids.count
        found = walk.page_rowids(conn, table, where.rowids, order_by, page.descending, bounds[1], bounds[0])
        sql = f"SELECT * FROM {table} WHERE rowid IN (SELECT value FROM json_each(?)) {order}"  # noqa: S608
        rows = conn.execute(sql, (json.dumps(found),)).fetchall()
        return envelope([convert(row) for row in rows], total, page)
    total = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where.sql}", where.params).fetchone()[0]  # noqa: S608
    if where.walkable and total and _walk_is_cheaper(conn, table, total, page):
        sql = f"SELECT * FROM {table} WHERE {where.walk_sql} {order} LIMIT ? OFFSET ?"  # noqa: S608
    elif where.walkable or where.rowids is not None:  # sort the matches' keys, then read only the page's rows
        inner = f"SELECT rowid FROM {table} WHERE {where.sql} {order} LIMIT ? OFFSET ?"  # noqa: S608
        sql = f"SELECT * FROM {table} WHERE rowid IN ({inner}) {order}"  # noqa: S608
    else:
        sql = f"SELECT * FROM {table} WHERE {where.sql} {order} LIMIT ? OFFSET ?"  # noqa: S608
    rows = conn.execute(sql, [*where.params, *bounds]).fetchall()
    return envelope([convert(row) for row in rows], total, page)


def _walk_is_cheaper(conn: sqlite3.Connection, table: str, matches: int, page: Page) -> bool:
    """Walking the sort index reads about (offset + page size) / share-of-matches rows; sorting reads
    every match."""
    walked = page.page * page.per_page * estimated_rows(conn, table) / matches
    return walked <= SORT_COST * matches


def envelope(data: list[dict[str, Any]], total: int, page: Page) -> dict[str, Any]:
    meta = {
        "page": page.page,
        "perPage": page.per_page,
        "totalItems": total,
        "totalPages": math.ceil(total / page.per_page),
    }
    return {"data": data, "meta": meta}
