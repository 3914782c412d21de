"""Setting up the Membrane backend: which transport reaches Membrane (and where its token comes from), and which
connection calls go through (chosen from the connection list, with why none is usable)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from faktoora_mcp.backends.membrane.failures import CONNECT_ADVICE, excerpt
from faktoora_mcp.backends.membrane.protocol import Connection, as_connection, is_faktoora, is_usable, items_of
from faktoora_mcp.backends.membrane.transport import Transport
from faktoora_mcp.backends.membrane.transport.cli import CliTransport
from faktoora_mcp.backends.membrane.transport.rest import DEFAULT_API_URL, RestTransport
from faktoora_mcp.backends.membrane.transport.tokens import (
    CliToken,
    GivenToken,
    MembraneAccess,
    TokenKeeper,
    TokenSource,
    WorkspaceKey,
)
from faktoora_mcp.errors import BackendUnavailable

LIST_WHAT = "membrane connection list"
TransportChoice = Literal["auto", "rest", "cli"]


def transports_for(
    choice: TransportChoice,
    cli: CliTransport,
    access: MembraneAccess | None,
    *,
    timeout: float,
    max_concurrency: int,
    clock: Callable[[], float] = time.monotonic,
) -> tuple[Transport, ...]:
    """The transports to try, in order: ``auto`` tries REST (when a token can be had) and then the CLI."""
    if choice == "cli":
        return (cli,)
    access = access or MembraneAccess()
    rest = RestTransport(
        tokens=TokenKeeper(token_source(access, cli, clock=clock), clock=clock),
        api_url=access.api_url or DEFAULT_API_URL,
        timeout=timeout,
        max_concurrency=max_concurrency,
        clock=clock,
    )
    return (rest,) if choice == "rest" else (rest, cli)


def needs_cli(candidates: Sequence[Transport], cli: CliTransport) -> bool:
    """Whether the first choice relies on the CLI: it is the CLI, or REST with a token the CLI mints."""
    first = candidates[0]
    return first is cli or (isinstance(first, RestTransport) and isinstance(first.tokens.source, CliToken))


def token_source(access: MembraneAccess, cli: CliTransport, *, clock: Callable[[], float]) -> TokenSource:
    """``MEMBRANE_TOKEN``, else a workspace key and secret, else the CLI's login (the order doctor names)."""
    if access.token:
        return GivenToken(access.token, clock=clock)
    if access.workspace_key and access.workspace_secret:
        return WorkspaceKey(access.workspace_key, access.workspace_secret, access.tenant_key or "", clock=clock)

    async def ask() -> str:
        await cli.verify_cli()  # another program called membrane must not be asked for a token
        return await cli.token()

    return CliToken(ask, clock=clock)


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
