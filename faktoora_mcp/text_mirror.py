"""The text mirror of a tool result: compact JSON, whole records only, and a way to the rest when it is cut.

Clients that ignore ``structuredContent`` show the model this text, so a cut inside a record would hand
it half an invoice. Records (the ``data`` list of a page, else the first list in the answer, else the
answer's top-level fields) are added while they fit ``limit``: as many as the first few say will fit in one
call, then one at a time; serialising stops at the first that does not, so a 1,000-invoice answer costs what
the shown part costs. An answer whose first records say it will fit is serialised whole in one call instead
(``benchmarks/text_mirror.py``). A cut text is
still valid JSON of what it shows, followed by one line that says how many records it holds out of how
many and which arguments fetch the rest as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from itertools import islice
from typing import Any

PAGING_ARGUMENTS = ("page", "perPage", "all")
SAMPLE_RECORDS = 5
"""Records serialised to estimate an answer's size before deciding how to serialise it."""
FIT_MARGIN = 0.8
"""Trust the size estimate only this far (whole answer, or records in one call): a wrong guess costs one dump."""


CUT_MARK = "\n[cut"
"""How every cut note begins; compact JSON never holds a raw newline, so the mark is unambiguous."""


def compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def text_mirror(output: Mapping[str, Any], limit: int, *, tool: str, arguments: Mapping[str, Any]) -> str:
    """``output`` as compact JSON of at most ``limit`` characters plus, when cut, one line saying so."""
    key = _records_key(output)
    each = _record_size(output[key]) if key is not None else 0.0
    if key is None or each * len(output[key]) <= limit * FIT_MARGIN:
        whole = compact_json(output)  # one C-speed call for the common case of an answer that fits
        if len(whole) <= limit:
            return whole
    if key is None:
        return _fields_mirror(output, limit)
    records = output[key]
    head = {name: compact_json(value) for name, value in output.items() if name != key}
    budget = limit - sum(len(name) + len(text) + 4 for name, text in head.items()) - len(key) - 6
    if budget <= 0:  # the fields beside the records alone fill the text
        return _fields_mirror(output, limit)
    shown, body = _leading_records(records, budget, each)
    text = _object_text(output, {**head, key: f"[{body}]"})
    if shown == len(records):
        return text
    return f"{text}\n{_records_note(output, key, shown, tool, arguments)}"


def _record_size(records: list[Any]) -> float:
    """The mean length of a record's JSON, estimated from the first few."""
    sample = records[:SAMPLE_RECORDS]
    return len(compact_json(sample)) / len(sample) if sample else 0.0


def _leading_records(records: list[Any], budget: int, each: float) -> tuple[int, str]:
    """How many leading records fit ``budget`` once joined by commas, and that joined text. The records the
    estimate says will fit are serialised in one call (one record at a time costs twice as much), the rest one
    at a time up to the first that does not fit; a wrong estimate falls back to one at a time from the start."""
    bulk = min(len(records), int(budget / each * FIT_MARGIN)) if each else 0
    body = compact_json(records[:bulk])[1:-1] if bulk else ""  # compact JSON joins a list's items with ","
    if len(body) > budget:
        bulk, body = 0, ""
    rest = _fitting(map(compact_json, islice(records, bulk, None)), budget - len(body) - (1 if body else 0))
    return bulk + len(rest), ",".join([body, *rest] if body else rest)


def _records_key(output: Mapping[str, Any]) -> str | None:
    if isinstance(output.get("data"), list):
        return "data"
    return next((name for name, value in output.items() if isinstance(value, list)), None)


def _fitting(pieces: Iterable[str], budget: int) -> list[str]:
    """The leading pieces whose joined length stays within ``budget``; the rest is never produced."""
    kept: list[str] = []
    used = 0
    for piece in pieces:
        used += len(piece) + (1 if kept else 0)
        if used > budget:
            break
        kept.append(piece)
    return kept


def _object_text(output: Mapping[str, Any], parts: Mapping[str, str]) -> str:
    """A JSON object of already serialised values, in the answer's own key order."""
    return "{" + ",".join(f"{compact_json(name)}:{parts[name]}" for name in output if name in parts) + "}"


def _fields_mirror(output: Mapping[str, Any], limit: int) -> str:
    """An answer without a list is one record; it is cut between its top-level fields, never inside one."""
    names = list(output)
    pieces = _fitting((f"{compact_json(n)}:{compact_json(output[n])}" for n in names), limit - 2)
    text = "{" + ",".join(pieces) + "}"
    if len(pieces) == len(names):
        return text
    left_out = ", ".join(names[len(pieces) :])
    return (
        f"{text}\n[cut: this text shows {len(pieces)} of the answer's {len(names)} fields, at most {limit:,} "
        f"characters; left out: {left_out}. The structured content holds the complete answer.]"
    )


def _records_note(output: Mapping[str, Any], key: str, shown: int, tool: str, arguments: Mapping[str, Any]) -> str:
    held = len(output[key])
    meta = output.get("meta") if isinstance(output.get("meta"), Mapping) else {}
    total = meta.get("totalItems")
    of_total = f" ({total:,} in all)" if isinstance(total, int) else ""
    head = f"[cut at a record boundary: this text shows {shown} of the {held} {key} records in this answer{of_total}."
    rest = _rest_arguments(meta, shown, arguments) if shown else None
    if rest is None:
        how = "Narrow the request to read the rest as text." if shown else "One record alone exceeds the limit."
    else:
        how = f"To read the rest as text, call {tool} with {compact_json(rest)}."
    next_page, cursor = output.get("nextPage"), meta.get("nextCursor")
    more = f" After this answer, nextPage is {next_page}." if next_page else ""
    if isinstance(cursor, str) and cursor:  # live pages with cursors: the next page, after all of this one
        more += f" The page after this one: cursor {compact_json(cursor)}."
    return f"{head} {how}{more} The structured content holds all {held}.]"


def _rest_arguments(meta: Mapping[str, Any], shown: int, arguments: Mapping[str, Any]) -> dict[str, Any] | None:
    """Page arguments whose pages start exactly after the records shown: perPage divides the offset."""
    page, per_page = meta.get("page"), meta.get("perPage")
    if not isinstance(page, int) or not isinstance(per_page, int) or page < 1:
        return None
    offset = (page - 1) * per_page + shown
    size = next(size for size in range(shown, 0, -1) if offset % size == 0)
    kept = {name: value for name, value in arguments.items() if name not in PAGING_ARGUMENTS}
    collect = {"all": True} if arguments.get("all") in (True, "true") else {}
    return {**kept, **collect, "page": offset // size + 1, "perPage": size}
