"""Paged, sorted, filtered lists in Faktoora's ``{data, meta}`` envelope."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 1000
"""Faktoora clamps larger page sizes silently (reference §3.4); so does the sandbox."""


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

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def any_of(self, column: str, values: Sequence[Any]) -> None:
        self.add(f"{column} IN ({', '.join('?' for _ in values)})", *values)

    def contains(self, columns: Sequence[str], text: str) -> None:
        """Case-insensitive substring match on any of ``columns``; % and _ in ``text`` match literally."""
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        self.add("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")", *([pattern] * len(columns)))

    @property
    def sql(self) -> str:
        return " AND ".join(self.conditions) or "1"


def paged(
    conn: sqlite3.Connection,
    table: str,
    where: Filter,
    order_by: str,
    page: Page,
    convert: Callable[[sqlite3.Row], dict[str, Any]],
) -> dict[str, Any]:
    """One page plus the totals; ``order_by`` is a column expression written in this package."""
    direction = "DESC" if page.descending else "ASC"
    total = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where.sql}", where.params).fetchone()[0]  # noqa: S608
    sql = (
        f"SELECT * FROM {table} WHERE {where.sql} "  # noqa: S608
        f"ORDER BY {order_by} {direction}, rowid {direction} LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, [*where.params, page.per_page, (page.page - 1) * page.per_page]).fetchall()
    return envelope([convert(row) for row in rows], total, page)


def envelope(data: list[dict[str, Any]], total: int, page: Page) -> dict[str, Any]:
    meta = {
        "page": page.page,
        "perPage": page.per_page,
        "totalItems": total,
        "totalPages": math.ceil(total / page.per_page),
    }
    return {"data": data, "meta": meta}
