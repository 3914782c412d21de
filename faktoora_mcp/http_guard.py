"""Connections that cannot hold the HTTP server hostage: read deadlines and connection caps at the socket.

uvicorn bounds the header size (``h11_max_incomplete_event_size``) and the idle time between requests
(``timeout_keep_alive``), but not the time a client may take to send its headers or its body: a connection
that never finishes its headers was held forever, and ~1,100 of them exhausted the file descriptors.
``limit_concurrency`` does not help (it answers 503 only once a request was read, to legitimate clients too).
So the h11 protocol is extended here: a request must arrive within ``HEADER_TIMEOUT`` and its body within
``BODY_TIMEOUT``, one address holds at most ``max_per_client`` connections and the server ``max_total``;
a connection over the address's cap is closed at once, and when the server is full the connection that has
waited longest for its headers makes room. Each refusal is logged, at most one line a second.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from dataclasses import dataclass, field
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

logger = logging.getLogger(__name__)

HEADER_TIMEOUT = 10.0
"""Seconds from a connection (or the first byte of a kept-alive request) to its complete headers: a real
client sends them in one packet, so this only ever ends a slow-loris connection."""
BODY_TIMEOUT = 30.0
"""Seconds from the headers to the end of the body: the largest request body (an e-invoice upload, a few MB)
fits in this on a slow link."""
KEEP_ALIVE_TIMEOUT = 15.0
"""Seconds an idle kept-alive connection stays open between requests (uvicorn's ``timeout_keep_alive``)."""
MAX_HEADER_BYTES = 16 * 1024
"""Bytes of request line and headers h11 buffers before it answers 400 (``h11_max_incomplete_event_size``)."""
MAX_PER_CLIENT = 64
"""Open connections one peer address may hold: an MCP client needs two or three, a browser six."""
MAX_TOTAL = 1024
"""Open connections in all; never more than half the descriptors the process may open (see ``total_cap``)."""
LOG_INTERVAL = 1.0
"""Seconds between two log lines about refused connections: a flood must not flood the log."""


def total_cap(wanted: int = MAX_TOTAL) -> int:
    """``wanted``, or half the descriptor limit when that is lower: the rest serve the database, the CLI's
    pipes and the listening socket, so accept() never fails for lack of descriptors."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return wanted if soft == resource.RLIM_INFINITY else max(1, min(wanted, soft // 2))


@dataclass
class RefusalLog:
    """One warning per refused connection, but at most one line per ``interval``, counting the rest."""

    interval: float = LOG_INTERVAL
    suppressed: int = 0
    last: float = field(default=-float("inf"))

    def refused(self, reason: str, client: str) -> None:
        now = time.monotonic()
        if now - self.last < self.interval:
            self.suppressed += 1
            return
        more = f" ({self.suppressed} more refused since the last line)" if self.suppressed else ""
        logger.warning("Closed a connection from %s: %s%s", client or "an unknown peer", reason, more)
        self.last, self.suppressed = now, 0


@dataclass(frozen=True)
class GuardLimits:
    """The bounds one server applies; tests shorten them."""

    header_timeout: float = HEADER_TIMEOUT
    body_timeout: float = BODY_TIMEOUT
    max_per_client: int = MAX_PER_CLIENT
    max_total: int = MAX_TOTAL
    log: RefusalLog = field(default_factory=RefusalLog)


def guarded_protocol(limits: GuardLimits) -> type[H11Protocol]:
    """An h11 protocol class bound to ``limits`` (uvicorn builds one instance per connection)."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"limits": limits})


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with read deadlines and connection caps."""

    limits: GuardLimits = GuardLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._phase = ""  # what the armed deadline waits for: "headers", "body" or nothing
        self._armed_at = 0.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        reason = self._over_cap()
        if reason:
            self.limits.log.refused(reason, self._peer())
            transport.abort()  # no answer: answering would cost the very resources the flood is after
            return
        self._arm(self.limits.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._follow_state()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow_state()

    def _follow_state(self) -> None:
        """Arm the deadline that matches what the client still owes us, or none once the request is in."""
        theirs = self.conn.their_state
        if self.transport is None or self.transport.is_closing():
            self._disarm()
        elif theirs is h11.SEND_BODY and self._phase != "body":
            self._arm(self.limits.body_timeout, "body")
        elif theirs is h11.IDLE and self.timeout_keep_alive_task is None and self._phase != "headers":
            self._arm(self.limits.header_timeout)  # bytes of a new request arrived: its headers must follow
        elif theirs not in (h11.IDLE, h11.SEND_BODY):
            self._disarm()  # the request is complete; the response may stream as long as it needs

    def _arm(self, seconds: float, phase: str = "headers") -> None:
        self._disarm()
        self._phase = phase
        self._armed_at = self.loop.time()
        self._deadline = self.loop.call_later(seconds, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline, self._phase = None, ""

    def _expire(self) -> None:
        phase = self._phase
        self._deadline, self._phase = None, ""
        if self.transport is not None and not self.transport.is_closing():
            self.limits.log.refused(f"its {phase} did not arrive in time", self._peer())
            self.transport.abort()

    def _over_cap(self) -> str | None:
        peer = self.client[0] if self.client else None
        held = sum(1 for other in self.connections if getattr(other, "client", None) and other.client[0] == peer)
        if held > self.limits.max_per_client:
            return f"this address already holds {self.limits.max_per_client} connections"
        if len(self.connections) > self.limits.max_total and not self._evict_slowest():
            return f"the server already holds {self.limits.max_total} connections, all of them busy"
        return None

    def _evict_slowest(self) -> bool:
        """Make room by closing the connection that has waited longest for its headers: a real client sends
        them at once, so a full table of half-sent requests gives way to whoever is next."""
        waiting = [
            other
            for other in self.connections
            if isinstance(other, GuardedH11Protocol) and other is not self and other._phase == "headers"
        ]
        if not waiting:
            return False
        slowest = min(waiting, key=lambda other: other._armed_at)
        slowest._disarm()
        self.limits.log.refused("it had not sent its headers and the server was full", slowest._peer())
        slowest.transport.abort()
        return True

    def _peer(self) -> str:
        return self.client[0] if self.client else ""


def uvicorn_options(limits: GuardLimits) -> dict[str, Any]:
    """What uvicorn itself offers, plus the guarded protocol for what it does not."""
    return {
        "http": guarded_protocol(limits),
        "timeout_keep_alive": KEEP_ALIVE_TIMEOUT,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    }
