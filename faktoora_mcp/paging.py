"""``all: true`` on list tools: collect every page up to a cap, with progress, and say when it stopped early."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from faktoora_mcp.errors import BackendProtocolError

NOT_APPLIED = "notApplied"
"""Notes a live backend adds on arguments it could not apply (``backends/membrane/answers/conform.py``)."""
NEXT_CURSOR = "nextCursor"
"""The cursor of the next page, in ``meta``, when the upstream pages with cursors."""

ALL_PAGES_PER_PAGE = 100
"""Page size used to collect everything when the caller gave none: few round trips, modest answers."""

ALL_PROPERTY = {
    "type": "boolean",
    "default": False,
    "description": "true: every page from page on, up to the cap (1000 items by default; see truncated).",
}
PAGING_OUTPUT = {
    "truncated": {"type": "boolean", "description": "Only with all: true. true when the cap stopped collection early."},
    "nextPage": {
        "type": ["integer", "null"],
        "description": "Only with all: true. The page to ask for next when truncated, else null.",
    },
    "fetchedPages": {"type": "integer", "description": "Only with all: true. How many pages were fetched."},
}

Fetch = Callable[[Mapping[str, Any]], Awaitable[dict[str, Any]]]
Progress = Callable[[float, float | None, str | None], Awaitable[None]]


def paged_input_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    paged = copy.deepcopy(dict(schema))
    paged.setdefault("properties", {})["all"] = ALL_PROPERTY
    return paged


def paged_output_schema(schema: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if schema is None:
        return None
    paged = copy.deepcopy(dict(schema))
    paged.setdefault("properties", {}).update(PAGING_OUTPUT)
    return paged


async def collect_pages(
    fetch: Fetch, arguments: Mapping[str, Any], progress: Progress, *, max_items: int, page_limit: int | None = None
) -> dict:
    """Fetch pages from ``arguments['page']`` (or ``cursor``) on until the last one, stopping before
    ``max_items`` is passed. Pages are followed by number while the answer states totals, by
    ``meta.nextCursor`` when it gives one, and otherwise until a page comes back short.

    ``page_limit`` is the largest page the backend serves whole (the sandbox's, which is Faktoora's). Given,
    the same rows are fetched in pages of that size where the caller's start allows it: one count and one
    scan instead of one per caller page. The answer and the progress still count the caller's pages."""
    first = int(arguments.get("page", 1))
    asked = min(int(arguments.get("perPage", ALL_PAGES_PER_PAGE)), max_items)
    merged = _merged_pages(first, asked, page_limit or asked, max_items)
    if merged == 1:
        return await _collect(fetch, arguments, progress, first, asked, max_items)
    pages = _CallerPages(fetch, progress, first, asked)
    collected = await _collect(
        pages.fetch, arguments, pages.progress, (first - 1) // merged + 1, asked * merged, max_items
    )
    meta = collected["meta"]
    meta["page"], meta["perPage"] = first, asked
    if pages.total_pages is not None:
        meta["totalPages"] = pages.total_pages
    collected["fetchedPages"] = max(1, pages.shown - first + 1)
    if collected["nextPage"] is not None:
        collected["nextPage"] = pages.shown + 1
    return collected


def _merged_pages(first: int, per_page: int, limit: int, max_items: int) -> int:
    """How many caller pages one fetch can hold: the most that fit ``limit``, start where the caller's first
    page starts, and divide the pages the cap allows (so that the rows are exactly the caller's, cap and all)."""
    allowed = max(1, max_items // per_page)
    most = max(1, min(limit, max_items) // per_page)
    return next(m for m in range(most, 0, -1) if (first - 1) % m == 0 and allowed % m == 0)


class _CallerPages:
    """Merged fetches seen as the caller's pages: one progress report per caller page, as without merging."""

    def __init__(self, fetch: Fetch, progress: Progress, first: int, per_page: int) -> None:
        self._fetch, self._progress, self._first, self._per_page = fetch, progress, first, per_page
        self.rows = 0
        self.shown = first - 1
        """The last caller page reported."""
        self.total_pages: int | None = None

    async def fetch(self, request: Mapping[str, Any]) -> dict[str, Any]:
        answer = await self._fetch(request)
        data, meta = answer.get("data"), answer.get("meta")
        self.rows += len(data) if isinstance(data, list) else 0
        total = _whole(meta.get("totalItems")) if isinstance(meta, Mapping) else None
        self.total_pages = None if total is None else -(-total // self._per_page)
        return answer

    async def progress(self, fetched: float, total: float | None, message: str | None) -> None:
        last = self._first - 1 + max(1, -(-self.rows // self._per_page))  # rows are counted from the first page
        expected = None if self.total_pages is None else max(self.total_pages - self._first + 1, last - self._first + 1)
        for page in range(self.shown + 1, last + 1):
            where = f"page {page}" + ("" if self.total_pages is None else f" of {self.total_pages}")
            await self._progress(page - self._first + 1, expected, where)
        self.shown = max(self.shown, last)


async def _collect(
    fetch: Fetch, arguments: Mapping[str, Any], progress: Progress, first: int, per_page: int, max_items: int
) -> dict[str, Any]:
    request = {**arguments, "page": first, "perPage": per_page}
    items: list[Any] = []
    notes: list[str] = []
    page, fetched, seen_cursors = first, 0, set()
    while True:
        answer = await fetch(request)
        data, meta = _page_of(answer)
        items.extend(data)
        notes += [n for n in answer.get(NOT_APPLIED) or () if n not in notes]
        fetched += 1
        total_pages = _whole(meta.get("totalPages"))
        cursor = meta.get(NEXT_CURSOR)
        if total_pages is not None:
            done = page >= total_pages or not data
        elif isinstance(cursor, str) and cursor:
            done = cursor in seen_cursors  # an upstream that hands out the same cursor again would loop
        else:
            done = len(data) < per_page
        await progress(fetched, _expected(total_pages, first, fetched, done), _where(page, total_pages, cursor))
        if done or len(items) + per_page > max_items:
            return _collected(items, meta, first, per_page, page, fetched, done, notes)
        if total_pages is None and isinstance(cursor, str) and cursor:
            seen_cursors.add(cursor)
            request = {k: v for k, v in request.items() if k != "page"} | {"cursor": cursor}
        else:
            request = {**request, "page": page + 1}
        page += 1


def _collected(
    items: list[Any],
    meta: Mapping[str, Any],
    first: int,
    per_page: int,
    page: int,
    fetched: int,
    done: bool,
    notes: list[str],
) -> dict[str, Any]:
    summary = {**meta, "page": first, "perPage": per_page}
    if done and NEXT_CURSOR in summary:
        summary[NEXT_CURSOR] = None
    by_number = meta.get(NEXT_CURSOR) is None
    collected = {
        "data": items,
        "meta": summary,
        "truncated": not done,
        "nextPage": None if done or not by_number else page + 1,
        "fetchedPages": fetched,
    }
    return collected | ({NOT_APPLIED: notes} if notes else {})


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _expected(total_pages: int | None, first: int, fetched: int, done: bool) -> float | None:
    if total_pages is not None:
        return max(total_pages - first + 1, fetched)
    return fetched if done else None


def _where(page: int, total_pages: int | None, cursor: Any) -> str:
    if total_pages is not None:
        return f"page {page} of {total_pages}"
    return f"page {page}" + ("" if cursor else " (last)")


def _page_of(answer: Mapping[str, Any]) -> tuple[list[Any], Mapping[str, Any]]:
    data, meta = answer.get("data"), answer.get("meta")
    if not isinstance(data, list) or not isinstance(meta, Mapping):
        raise BackendProtocolError("A list answer lacked its data and meta fields, so its pages cannot be collected.")
    return data, meta
