"""The body of an HTTP request, read whole before the SDK sees it: bounded, checked, and quiet when abandoned.

The SDK reads the body itself and logs a 15-line traceback whenever a client goes away before sending all
of it (an aborted POST, or a body the read deadline of ``http_guard`` cut off); it answers a request it
cannot parse with -32602 and a pydantic dump, and a float or null id with 202 and no answer. Here the body
is read first: an abandoned one costs one log line, one larger than ``MAX_BODY_BYTES`` gets 413, and
``jsonrpc_guard.check`` answers what the SDK would misread. The SDK then reads the same bytes again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from faktoora_mcp.http_guard import RefusalLog
from faktoora_mcp.jsonrpc_guard import INVALID_REQUEST, Refusal, check

MAX_BODY_BYTES = 16 * 1024 * 1024
"""Bytes a request body may have: the largest import (5,000,000 characters of XML) fits, base64 or escaped."""


class _Abandoned(Exception):
    """The client disconnected before its body was complete."""


@dataclass(frozen=True)
class CheckedBody:
    """ASGI middleware: every POST body is read whole and checked before ``app`` runs."""

    app: ASGIApp
    max_bytes: int = MAX_BODY_BYTES
    log: RefusalLog = field(default_factory=RefusalLog)  # a flood of aborted POSTs: one line a second

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._read(receive)
        except _Abandoned:
            peer = scope.get("client") or ("",)
            self.log.refused("it went away before sending its whole request body", peer[0])
            return
        refusal = check(body) if body is not None and body.strip() else None
        if body is None:
            refusal = Refusal(INVALID_REQUEST, f"Invalid Request: the body is larger than {self.max_bytes} bytes.")
        if refusal is not None:
            status = 413 if body is None else 400
            await JSONResponse(refusal.as_json(), status_code=status)(scope, receive, send)
            return
        await self.app(scope, _replay(body or b"", receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body; ``None`` once it passes ``max_bytes`` (the rest is not read)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Abandoned
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands out ``body`` once, then what the client sends next (its disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
