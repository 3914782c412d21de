"""Choosing the Faktoora connection from ``membrane connection list``, and saying why none is usable."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from faktoora_mcp.backends.membrane.failures import CONNECT_ADVICE, excerpt
from faktoora_mcp.backends.membrane.protocol import Connection, as_connection, is_faktoora, is_usable, items_of
from faktoora_mcp.errors import BackendUnavailable

LIST_WHAT = "membrane connection list"


def choose_connection(payload: Any, wanted: str | None = None) -> Connection:
    """The connection to use: ``wanted`` (an id or key) or the best Faktoora one, READY ones first."""
    items = items_of(payload, LIST_WHAT)
    if wanted:
        candidates = [i for i in items if wanted in (i.get("id"), i.get("key"))]
        if not candidates:
            raise BackendUnavailable(
                f"The Membrane connection {wanted!r} is not in `membrane connection list`; check --connection-id, "
                f"or {CONNECT_ADVICE}."
            )
    else:
        candidates = [i for i in items if is_faktoora(i)]
    usable = sorted((i for i in candidates if is_usable(i)), key=lambda i: i.get("state") != "READY")
    if usable:
        return as_connection(usable[0])
    if not candidates:
        raise BackendUnavailable(f"Membrane has no Faktoora connection; {CONNECT_ADVICE}, then try again.")
    raise unusable_error(candidates[0])


def unusable_error(item: Mapping[str, Any]) -> BackendUnavailable:
    """Why a Faktoora connection cannot be used yet, with what to do about it."""
    conn = as_connection(item)
    subject = f"The Faktoora connection {conn.id}" + (f" ({conn.name})" if conn.name else "")
    action = item.get("clientAction")
    if conn.state == "CLIENT_ACTION_REQUIRED" or isinstance(action, Mapping):
        return BackendUnavailable(f"{subject} needs you to act in Membrane: {client_action_text(action)}")
    if conn.state == "BUILDING":
        return BackendUnavailable(
            f"{subject} is still being set up (BUILDING); wait for it with "
            f"`membrane connection get {conn.id} --wait`, then try again."
        )
    reason = _error_message(item)
    state = conn.state or "disconnected"
    return BackendUnavailable(
        f"{subject} is not usable ({state}{': ' + reason if reason else ''}); reconnect it with "
        f"`membrane connect --connectionId={conn.id}`, or {CONNECT_ADVICE}."
    )


def client_action_text(action: Any) -> str:
    if not isinstance(action, Mapping):
        return "re-authorise it with `membrane connect --connectorKey faktoora`."
    parts = [str(action.get("description") or "re-authorise the connection").rstrip(".") + "."]
    if action.get("uiUrl"):
        parts.append(f"Open {action['uiUrl']} to do it.")
    if action.get("agentInstructions"):
        parts.append(f"Instructions: {excerpt(str(action['agentInstructions']), 400)}")
    return " ".join(parts)


def _error_message(item: Mapping[str, Any]) -> str:
    error = item.get("error")
    if isinstance(error, Mapping) and error.get("message"):
        return excerpt(str(error["message"]), 200)
    return ""
