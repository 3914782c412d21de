"""The action table: every sandbox action (the 20 and the extras) by key and by id."""

from __future__ import annotations

import difflib
from functools import cache

from faktoora_mcp.backends.sandbox.actions.definition import ActionDef, key_of
from faktoora_mcp.errors import UnknownTool


@cache
def all_actions() -> dict[str, ActionDef]:
    """Built on first use: the handler modules are only imported when the sandbox is actually called."""
    from faktoora_mcp.backends.sandbox.actions.catalogue import core_actions
    from faktoora_mcp.backends.sandbox.actions.extras import extra_actions

    return {action.key: action for action in core_actions() + extra_actions()}


def find(action: str) -> ActionDef:
    """The action named by key (``list-customers``) or id (``sbx_list-customers``)."""
    known = all_actions()
    found = known.get(key_of(action))
    if found is None:
        close = difflib.get_close_matches(key_of(action), list(known), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UnknownTool(f"The sandbox has no action {action!r}.{hint} Use search-actions to find one.")
    return found
