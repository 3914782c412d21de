"""Stateful Streamable HTTP sessions that one client cannot exhaust.

The SDK's session manager refuses new sessions (503) once its table is full and keeps idle ones for
30 minutes, so a loop of unauthenticated ``initialize`` requests locks every other client out. Here a
full table makes room instead: a new session ends the longest-idle session of the same client address
once that address holds its share, else of the address holding the most sessions. A session with a request
in flight (an open GET stream included) is never ended; only when every candidate is busy does a
client get 503. An ended session answers 404, and the protocol tells a client to initialize again.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, OrderedDict
from contextvars import ContextVar
from typing import Any

from mcp.server.auth.middleware.bearer_auth import AuthorizationContext
from mcp.server.streamable_http import MCP_SESSION_ID_HEADER, StreamableHTTPServerTransport
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from starlette.types import Receive, Scope, Send

logger = logging.getLogger(__name__)

_client: ContextVar[str] = ContextVar("faktoora_mcp_http_client", default="")


def client_key(scope: Scope) -> str:
    """Who a request comes from, as far as the socket tells: the peer address (not a header it could forge)."""
    peer = scope.get("client")
    return str(peer[0]) if peer else ""


def is_idle(transport: StreamableHTTPServerTransport) -> bool:
    """No request in flight: the SDK sets the idle deadline only while nothing is being served."""
    scope = transport.idle_scope
    return scope is not None and not scope.cancel_called and scope.deadline != math.inf


class BoundedSessionManager(StreamableHTTPSessionManager):
    """The SDK's manager with eviction of idle sessions in place of a hard cap.

    It relies on three SDK internals, pinned by ``mcp>=2.3,<3``: ``_server_instances`` (the table),
    ``_admit_session`` (called under the creation lock) and ``_discard_session`` (every way a session
    ends). ``tests/test_http_sessions.py`` fails if they change shape.
    """

    def __init__(self, app: Any, *, max_sessions: int, max_per_client: int, **options: Any) -> None:
        super().__init__(app, max_sessions=None, **options)
        self.cap = max_sessions
        self.per_client = min(max_per_client, max_sessions)
        self._owners: OrderedDict[str, str] = OrderedDict()  # session id -> client, least recently used first
        self.evicted = 0

    async def _handle_stateful_request(self, scope: Scope, receive: Receive, send: Send) -> None:
        session_id = _header(scope, MCP_SESSION_ID_HEADER)
        if session_id in self._owners:
            self._owners.move_to_end(session_id)
        token = _client.set(client_key(scope))
        try:
            await super()._handle_stateful_request(scope, receive, send)
        finally:
            _client.reset(token)

    def _admit_session(self, requestor: AuthorizationContext | None) -> StreamableHTTPServerTransport | None:
        client = _client.get()
        if not self._make_room(client):
            return None
        transport = super()._admit_session(requestor)
        if transport is not None and transport.mcp_session_id:
            self._owners[transport.mcp_session_id] = client
        return transport

    async def _discard_session(self, session_id: str, transport: StreamableHTTPServerTransport) -> None:
        self._owners.pop(session_id, None)
        await super()._discard_session(session_id, transport)

    def _make_room(self, client: str) -> bool:
        """Room for one more session of ``client``, ending idle sessions if needed; False if all are busy."""
        held = Counter(self._owners.values())
        if held[client] >= self.per_client and not self._evict_one(client):
            logger.warning("Refusing a new session for %s: its %d sessions are all busy", client, held[client])
            return False
        if len(self._server_instances) < self.cap:
            return True
        # The heaviest holders give up an idle session first, so a flood pays for itself.
        if any(self._evict_one(owner) for owner, _ in held.most_common()):
            return True
        logger.warning("Refusing a new session: all %d sessions are busy", self.cap)
        return False

    def _evict_one(self, client: str) -> bool:
        """End the least recently used idle session of ``client``."""
        for session_id, owner in self._owners.items():
            transport = self._server_instances.get(session_id)
            if transport is None or owner != client or not is_idle(transport):
                continue
            # Forget it now so the table has room at once; cancelling its idle scope ends its server task,
            # which terminates the transport through _discard_session, exactly as an idle timeout would.
            del self._owners[session_id]
            self._server_instances.pop(session_id, None)
            if transport.idle_scope is not None:
                transport.idle_scope.cancel()
            self.evicted += 1
            logger.info("Ended idle session %s to admit a new one", session_id[:8])
            return True
        return False


def _header(scope: Scope, name: str) -> str | None:
    wanted = name.lower().encode("latin-1")
    return next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == wanted), None)
