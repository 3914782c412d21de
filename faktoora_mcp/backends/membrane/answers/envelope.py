"""Reading a live action's ``output`` into the manifest's envelope, whatever envelope it came in.

Lists arrive as Faktoora's ``{data, meta}``, Membrane's ``{items, cursor}`` or ``{records, cursor}``, a bare
array, or another object with one list in it; all become ``{"data": [...], "meta": {page, perPage,
totalItems, totalPages, nextCursor}}`` with every other top-level field kept. Page size and totals the
upstream did not state are ``null``, never guessed; ``page`` is the one asked for when not stated (the
first when none was and no cursor was sent). Membrane's universal records (``{id, name, fields, rawFields}``) get the
manifest's fields lifted to the top from ``rawFields``/``fields``; the nested originals stay. A single
record wrapped in ``{data: {...}}`` (or ``record``/``item``/``result``) is unwrapped. Nothing is dropped.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import Any

from faktoora_mcp.backends.membrane.answers.conform import NEXT_CURSOR, read_number

LIST_KEYS = ("data", "items", "records", "results", "rows", "entries")
"""Where list envelopes we can foresee keep their items, in order of preference."""
META_KEYS = ("meta", "pagination", "paging", "page_info", "pageInfo")
WRAPPER_KEYS = ("data", "record", "item", "result")
"""A single record wrapped in one of these (and nothing else) is unwrapped."""
NOT_ITEMS = frozenset({"errors", "warnings", "messages", "links", "_links", "notApplied"})
"""Lists an answer may carry beside its page that are never the page itself."""
RECORD_FIELD_KEYS = ("rawFields", "fields")
"""Membrane's universal data records keep the connector's own fields here; rawFields are the app's names."""

_PAGE = ("page", "currentPage", "current_page", "pageNumber")
_PER_PAGE = ("perPage", "per_page", "pageSize", "page_size", "limit")
_TOTAL = ("totalItems", "total", "totalCount", "total_count", "count")
_TOTAL_PAGES = ("totalPages", "total_pages", "pageCount", "pages", "lastPage", "last_page")
_CURSOR = ("nextCursor", "next_cursor", "cursor", "nextPageToken")


def read_answer(payload: Any, shape: Mapping[str, Any], sent: Mapping[str, Any]) -> dict[str, Any]:
    """An action's output in the envelope its manifest output schema ``shape`` describes."""
    properties = shape.get("properties") if isinstance(shape.get("properties"), Mapping) else {}
    if "data" in properties and "meta" in properties:
        data = properties["data"] if isinstance(properties["data"], Mapping) else {}
        items = data.get("items") if isinstance(data.get("items"), Mapping) else {}
        fields = items.get("properties") if isinstance(items.get("properties"), Mapping) else {}
        return read_list(payload, sent, fields)
    return read_record(payload, properties)


def read_list(payload: Any, sent: Mapping[str, Any], fields: Collection[str]) -> dict[str, Any]:
    """A list answer as ``{data, meta, …}``; ``sent`` is the input the action ran with (for page/perPage)."""
    if isinstance(payload, list):
        data, rest, meta_in = payload, {}, {}
    elif isinstance(payload, Mapping):
        key = _list_key(payload)
        data = payload[key] if key else []
        rest = {k: v for k, v in payload.items() if k != key}
        meta_key = next((k for k in META_KEYS if isinstance(rest.get(k), Mapping)), None)
        meta_in = dict(rest.pop(meta_key)) if meta_key else {}
        for taken in ("data", "meta"):  # an upstream value under a name the envelope needs is kept apart
            if taken in rest and rest[taken] is not None:
                rest[f"upstream{taken.title()}"] = rest.pop(taken)
            rest.pop(taken, None)
    else:
        data, rest, meta_in = [], ({} if payload is None else {"value": payload}), {}
    records = [lift_fields(item, fields) for item in data]
    return {"data": records, "meta": _meta(meta_in, rest, sent), **rest}


def read_record(payload: Any, fields: Collection[str]) -> dict[str, Any]:
    """A single answer as an object: unwrapped when wrapped, lifted when a universal record, else kept."""
    if isinstance(payload, list) and len(payload) == 1 and isinstance(payload[0], Mapping):
        payload = payload[0]
    if isinstance(payload, Mapping):
        if len(payload) == 1 and (key := next(iter(payload))) in WRAPPER_KEYS and key not in fields:
            inner = payload[key]
            if isinstance(inner, Mapping):
                payload = inner
        return lift_fields(payload, fields) if isinstance(payload, Mapping) else dict(payload)
    return {} if payload is None else {"value": payload}


def lift_fields(item: Any, fields: Collection[str]) -> Any:
    """Manifest fields missing at the top of a record, taken from its ``rawFields``/``fields``."""
    if not isinstance(item, Mapping):
        return item
    nested = [item[k] for k in RECORD_FIELD_KEYS if isinstance(item.get(k), Mapping)]
    if not nested:
        return item if isinstance(item, dict) else dict(item)
    lifted = dict(item)
    for name in fields:
        if name not in lifted:
            source = next((n for n in nested if name in n), None)
            if source is not None:
                lifted[name] = source[name]
    return lifted


def _list_key(payload: Mapping[str, Any]) -> str | None:
    for key in LIST_KEYS:
        if isinstance(payload.get(key), list):
            return key
    if "data" in payload:  # a data that is not a list (null: nothing found) means no other list is the page
        return None
    lists = [k for k, v in payload.items() if isinstance(v, list) and k not in NOT_ITEMS]
    return lists[0] if len(lists) == 1 else None


def _meta(meta: Mapping[str, Any], top: Mapping[str, Any], sent: Mapping[str, Any]) -> dict[str, Any]:
    """page/perPage/totalItems/totalPages/nextCursor from the answer's meta, its top level, then the input.
    Every other meta field is kept; a value under one of those names that cannot be read stays in ``unread``."""
    unread: dict[str, Any] = {}

    def pick(names: tuple[str, ...]) -> int | None:
        for source in (meta, top):
            for name in names:
                if name in source and source[name] is not None:
                    value = _count(source[name])
                    if value is not None:
                        return value
                    if source is meta:
                        unread[name] = source[name]
        return None

    page = pick(_PAGE)
    if page is None:
        page = _page_sent(sent)
    per_page = pick(_PER_PAGE)  # what was asked for is not what was applied (the API may cap it): not guessed
    total = pick(_TOTAL)
    total_pages = pick(_TOTAL_PAGES)
    if total_pages is None and total is not None and per_page:
        total_pages = math.ceil(total / per_page)
    cursor_name = next((n for s in (meta, top) for n in _CURSOR if _is_cursor(s.get(n))), None)
    cursor = next((str(s[n]) for s in (meta, top) for n in _CURSOR if _is_cursor(s.get(n))), None)
    read = {"page": page, "perPage": per_page, "totalItems": total, "totalPages": total_pages, NEXT_CURSOR: cursor}
    extra = {k: v for k, v in meta.items() if k not in read and k != cursor_name}  # upstream names stay too
    if meta.get(NEXT_CURSOR) is not None and not _is_cursor(meta[NEXT_CURSOR]):
        unread[NEXT_CURSOR] = meta[NEXT_CURSOR]
    return {**extra, **read, **({"unread": unread} if unread else {})}


def _page_sent(sent: Mapping[str, Any]) -> int | None:
    """The page the input asked for: ``page``, or ``offset``/``limit``; the first when neither nor a cursor."""
    page, offset, limit = _count(sent.get("page")), _count(sent.get("offset")), _count(sent.get("limit"))
    if page is not None:
        return page
    if offset is not None and limit:
        return offset // limit + 1
    return None if "cursor" in sent or "offset" in sent else 1


def _is_cursor(value: Any) -> bool:
    return (isinstance(value, str) and value != "") or (isinstance(value, int) and not isinstance(value, bool))


def _count(value: Any) -> int | None:
    """A non-negative integer from an int or a numeric string; anything else is unknown."""
    if isinstance(value, str):
        value = read_number(value, integer=True)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
