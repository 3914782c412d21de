"""A catalog tool's arguments as the live action takes them: the live ``inputSchema`` is the truth.

An argument the live action declares is sent as it is. One it does not declare is renamed where the meaning
is certain (``perPage`` to ``limit``, ``page`` to an ``offset``), and otherwise not sent and reported back to
the agent in the result's ``notApplied``, so nothing is silently dropped. A live action that publishes no
input properties gets every argument: Membrane ignores what it does not know (reference §4.6).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ALIASES: Mapping[str, tuple[str, ...]] = {
    "perPage": ("limit", "pageSize", "per_page", "page_size"),
    "page": ("pageNumber", "page_number"),
    "keyword": ("search", "query", "q"),
}
"""Manifest argument -> live names that mean exactly the same, tried in order."""
DEFAULT_PER_PAGE = 25
"""Faktoora's page size when none was given: what page N means when turned into an offset."""
SHOWN_FIELDS = 12
"""Live field names listed in a notApplied note; enough to see what the action takes."""


def live_input(
    arguments: Mapping[str, Any], schema: Mapping[str, Any] | None, action: str
) -> tuple[dict[str, Any], list[str]]:
    """The input to send and the notes on arguments that were not applied."""
    properties = schema.get("properties") if isinstance(schema, Mapping) else None
    if not isinstance(properties, Mapping) or not properties:
        return dict(arguments), []
    sent: dict[str, Any] = {}
    notes: list[str] = []
    for name, value in _keyword_as_keywords(arguments, properties).items():
        target = name if name in properties else next((a for a in ALIASES.get(name, ()) if a in properties), None)
        if target is not None:
            sent[target] = value
        elif name == "page" and "offset" in properties and (offset := _offset(value, arguments)) is not None:
            sent["offset"] = offset
        else:
            notes.append(_not_applied(name, action, properties))
    return sent, notes


def _keyword_as_keywords(arguments: Mapping[str, Any], properties: Mapping[str, Any]) -> Mapping[str, Any]:
    """``keyword`` (every list tool's name) for a live action that takes only a list of terms: one term more."""
    names_for_keyword = ("keyword", *ALIASES["keyword"])
    if "keyword" not in arguments or "keywords" not in properties or any(n in properties for n in names_for_keyword):
        return arguments
    rest = {name: value for name, value in arguments.items() if name != "keyword"}
    rest["keywords"] = [arguments["keyword"], *(arguments.get("keywords") or ())]
    return rest


def _offset(page: Any, arguments: Mapping[str, Any]) -> int | None:
    """Page N of perPage as an offset; ``None`` when either is not a whole number of at least 1."""
    per_page = arguments.get("perPage", DEFAULT_PER_PAGE)
    whole = all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in (page, per_page))
    return (page - 1) * per_page if whole else None


def _not_applied(name: str, action: str, properties: Mapping[str, Any]) -> str:
    shown = sorted(properties)[:SHOWN_FIELDS]
    more = ", …" if len(properties) > SHOWN_FIELDS else ""
    hint = " Page on with cursor (meta.nextCursor) instead." if name == "page" and "cursor" in properties else ""
    return (
        f"{name}: the live {action} action does not take this argument (it takes {', '.join(shown)}{more}), "
        f"so it was not sent.{hint}"
    )
