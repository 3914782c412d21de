"""Stateful Streamable HTTP sessions that one client cannot exhaust.

The SDK's session manager refuses new sessions (503) once its table is full and keeps idle ones for
30 minutes, so a loop of unauthenticated ``initialize`` requests locks every other client out. Here a
full table makes room instead: a new session ends the longest-idle session of the same client address
once that address holds its share, else of the address holding the most sessions. A session with a request
in flight (an open GET stream included) is never ended; only when every candidate is busy does a
client get 503. An ended session answers 404, and the protocol tells a client to initialize again.

A session belongs to whoever made it (peer address and bearer credential): a request naming it from
anyone else gets the 404 an unknown session gets, so a DELETE from elsewhere cannot end it. A session whose
only open request is its GET stream counts as idle (a held stream must not make it immortal), and session
ids appear in logs by their first ``LOGGED_ID_CHARS`` characters only.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections import Counter, OrderedDict
from contextvars import ContextVar
from typing import Any

from mcp.server.auth.middleware.bearer_auth import AuthorizationContext
from mcp.server.streamable_http import MCP_SESSION_ID_HEADER, StreamableHTTPServerTransport
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

logger = logging.getLogger(__name__)

LOGGED_ID_CHARS = 8
"""Enough of a session id to follow it through a log; the whole id would let a log reader use the session."""
SDK_LOGGERS = ("mcp.server.streamable_http_manager", "mcp.server.streamable_http")
_SESSION_ID = re.compile(rf"\b([0-9a-f]{{{LOGGED_ID_CHARS}}})[0-9a-f]{{24,}}\b")

_client: ContextVar[str] = ContextVar("faktoora_mcp_http_client", default="")
_owner: ContextVar[str] = ContextVar("faktoora_mcp_http_owner", default="")


def client_key(scope: Scope) -> str:
    """Who a request comes from, as far as the socket tells: the peer address (not a header it could forge)."""
    peer = scope.get("client")
    return str(peer[0]) if peer else ""


def owner_key(scope: Scope) -> str:
    """Who may use a session: the peer address and a digest of the credential the request carried."""
    credential = _header(scope, "authorization") or ""
    return f"{client_key(scope)}|{hashlib.sha256(credential.encode('latin-1')).hexdigest()[:16]}"


class ShortSessionIds(logging.Filter):
    """Session ids in the SDK's log lines cut to their first characters."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        short = _SESSION_ID.sub("\\1…", message)
        if short != message:
            record.msg, record.args = short, None
        return True


def shorten_logged_session_ids() -> None:
    for name in SDK_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(f, ShortSessionIds) for f in target.filters):
            target.addFilter(ShortSessionIds())


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
        self._made_by: dict[str, str] = {}  # session id -> owner_key of the request that made it
        self._busy: Counter[str] = Counter()  # session id -> requests in flight other than its GET stream
        self.evicted = 0
        shorten_logged_session_ids()

    async def _handle_stateful_request(self, scope: Scope, receive: Receive, send: Send) -> None:
        session_id = _header(scope, MCP_SESSION_ID_HEADER)
        if session_id is not None and self._made_by.get(session_id, owner_key(scope)) != owner_key(scope):
            shown = session_id[:LOGGED_ID_CHARS]
            logger.warning("Refused a request for session %s… from %s, which did not make it", shown, client_key(scope))
            await _unknown_session(scope, receive, send)
            return
        if session_id in self._owners:
            self._owners.move_to_end(session_id)
        counted = session_id is not None and scope.get("method") != "GET"  # a GET stream is not work in flight
        if counted:
            self._busy[session_id] += 1
        token, owner = _client.set(client_key(scope)), _owner.set(owner_key(scope))
        try:
            await super()._handle_stateful_request(scope, receive, send)
        finally:
            _client.reset(token)
            _owner.reset(owner)
            if counted:
                self._busy[session_id] -= 1
                if self._busy[session_id] <= 0:
                    del self._busy[session_id]

    def _admit_session(self, requestor: AuthorizationContext | None) -> StreamableHTTPServerTransport | None:
        client = _client.get()
        if not self._make_room(client):
            return None
        transport = super()._admit_session(requestor)
        if transport is not None and transport.mcp_session_id:
            self._owners[transport.mcp_session_id] = client
            self._made_by[transport.mcp_session_id] = _owner.get()
        return transport

    async def _discard_session(self, session_id: str, transport: StreamableHTTPServerTransport) -> None:
        self._owners.pop(session_id, None)
        self._made_by.pop(session_id, None)
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
            if transport is None or owner != client or not self._evictable(session_id, transport):
                continue
            # Forget it now so the table has room at once; cancelling its idle scope ends its server task,
            # which terminates the transport through _discard_session, exactly as an idle timeout would.
            del self._owners[session_id]
            self._made_by.pop(session_id, None)
            self._server_instances.pop(session_id, None)
            if transport.idle_scope is not None:
                transport.idle_scope.cancel()
            self.evicted += 1
            logger.info("Ended idle session %s… to admit a new one", session_id[:LOGGED_ID_CHARS])
            return True
        return False

    def _evictable(self, session_id: str, transport: StreamableHTTPServerTransport) -> bool:
        """Idle, or serving nothing but its GET stream (the SDK counts an open stream as a request in flight)."""
        return is_idle(transport) or not self._busy.get(session_id)


async def _unknown_session(scope: Scope, receive: Receive, send: Send) -> None:
    """The SDK's answer to a session id it does not know: nothing tells a stranger that the session exists."""
    body = {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "Session not found"}}
    await JSONResponse(body, status_code=404)(scope, receive, send)


def _header(scope: Scope, name: str) -> str | None:
    wanted = name.lower().encode("latin-1")
    return next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == wanted), None)
