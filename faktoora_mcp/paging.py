"""``all: true`` on list tools: collect every page up to a cap, with progress, and say when it stopped early."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from faktoora_mcp.errors import BackendProtocolError

ALL_PAGES_PER_PAGE = 100
"""Page size used to collect everything when the caller gave none: few round trips, modest answers."""

ALL_PROPERTY = {
    "type": "boolean",
    "default": False,
    "description": "true: collect every page from `page` on (up to the server's cap, 1000 items by default) in one "
    "call. The answer says truncated: true and the nextPage to ask for when the cap was hit.",
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


async def collect_pages(fetch: Fetch, arguments: Mapping[str, Any], progress: Progress, *, max_items: int) -> dict:
    """Fetch pages from ``arguments['page']`` on until the last page, stopping before ``max_items`` is passed."""
    first = int(arguments.get("page", 1))
    per_page = min(int(arguments.get("perPage", ALL_PAGES_PER_PAGE)), max_items)
    items: list[Any] = []
    page = first
    while True:
        data, meta = _page_of(await fetch({**arguments, "page": page, "perPage": per_page}))
        items.extend(data)
        total_pages = int(meta.get("totalPages") or 0)
        fetched = page - first + 1
        await progress(fetched, max(total_pages - first + 1, fetched), f"page {page} of {total_pages}")
        done = page >= total_pages or not data
        if done or len(items) + per_page > max_items:
            summary = {**meta, "page": first, "perPage": per_page}
            next_page = None if done else page + 1
            return {
                "data": items,
                "meta": summary,
                "truncated": not done,
                "nextPage": next_page,
                "fetchedPages": fetched,
            }
        page += 1


def _page_of(answer: Mapping[str, Any]) -> tuple[list[Any], Mapping[str, Any]]:
    data, meta = answer.get("data"), answer.get("meta")
    if not isinstance(data, list) or not isinstance(meta, Mapping):
        raise BackendProtocolError("A list answer lacked its data and meta fields, so its pages cannot be collected.")
    return data, meta
