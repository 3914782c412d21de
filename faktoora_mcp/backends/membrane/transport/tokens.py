"""Where the REST transport's bearer token comes from, in this order, each named wherever it is reported:

1. ``MEMBRANE_TOKEN`` as given (it cannot be refreshed: a refused one must be replaced by whoever set it);
2. a workspace key and secret (``MEMBRANE_WORKSPACE_KEY``/``MEMBRANE_WORKSPACE_SECRET``, with the tenant in
   ``MEMBRANE_TENANT_KEY``): a short-lived JWT signed here with PyJWT, signed again shortly before it expires;
3. the Membrane CLI, which owns login: ``membrane token --json``, asked once and again shortly before the token
   expires or after Membrane refused it.

A token lives in memory only: never written to disk, logged, put in a message or shown to the agent. ``Token``
hides its value from ``repr`` so that no log line or traceback can print it by accident.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import anyio
import jwt

from faktoora_mcp.errors import BackendUnavailable, FaktooraError
from faktoora_mcp.redaction import register_secret

SIGNED_LIFETIME = 3600
"""Seconds a locally signed token is valid: Membrane's own default lifetime for a minted token (reference §3.1)."""
REFRESH_MARGIN = 60.0
"""A token this close to its expiry is replaced before use, so no call starts with a token about to lapse."""
SIGNING_ALGORITHM = "HS512"
"""Membrane's documented algorithm for workspace-signed tokens [INF: from its integration docs, not verified here]."""
HOW_TO_AUTHENTICATE = (
    "No Membrane token could be had: run `membrane login --tenant` (once) so the Membrane CLI can mint one, "
    "or set MEMBRANE_TOKEN (or MEMBRANE_WORKSPACE_KEY, MEMBRANE_WORKSPACE_SECRET and MEMBRANE_TENANT_KEY)"
)


@dataclass(frozen=True, slots=True)
class MembraneAccess:
    """Membrane's own variables as its skills and SDK name them (read by ``config.py``, passed down as values)."""

    token: str | None = field(default=None, repr=False)
    api_url: str | None = None
    workspace_key: str | None = None
    workspace_secret: str | None = field(default=None, repr=False)
    tenant_key: str | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """A bearer token, the source it came from (for messages), and when it expires (monotonic seconds)."""

    value: str = field(repr=False)
    source: str
    expires_at: float | None = None


class TokenSource(Protocol):
    """Gives a fresh token; ``refreshable`` says whether asking again can give a different one."""

    name: str
    refreshable: bool

    async def fetch(self) -> Token: ...


@dataclass(frozen=True, slots=True)
class GivenToken:
    """``MEMBRANE_TOKEN``: used as it is until it expires; Membrane refusing it is final."""

    value: str = field(repr=False)
    clock: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time
    name: str = "MEMBRANE_TOKEN"
    refreshable: bool = False

    async def fetch(self) -> Token:
        return Token(self.value, self.name, expires_at(self.value, self.clock, self.wall))


@dataclass(frozen=True, slots=True)
class WorkspaceKey:
    """A workspace key and secret: each token is a JWT signed here, valid for ``SIGNED_LIFETIME``."""

    key: str
    secret: str = field(repr=False)
    tenant: str
    clock: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time
    name: str = "MEMBRANE_WORKSPACE_KEY and MEMBRANE_WORKSPACE_SECRET"
    refreshable: bool = True

    async def fetch(self) -> Token:
        if not self.tenant:
            raise BackendUnavailable(
                f"{self.name} are set but MEMBRANE_TENANT_KEY is not: set it to the tenant the token is for "
                "(or unset them to use MEMBRANE_TOKEN or the Membrane CLI's login)."
            )
        register_secret(self.secret)
        now = int(self.wall())
        claims = {"iss": self.key, "id": self.tenant, "iat": now, "exp": now + SIGNED_LIFETIME}
        value = jwt.encode(claims, self.secret, algorithm=SIGNING_ALGORITHM)
        return Token(value, self.name, self.clock() + SIGNED_LIFETIME)


@dataclass(frozen=True, slots=True)
class CliToken:
    """``membrane token --json`` through the CLI transport, which keeps the secret out of every message."""

    ask: Callable[[], Awaitable[str]]
    clock: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time
    name: str = "`membrane token` (the Membrane CLI's login)"
    refreshable: bool = True

    async def fetch(self) -> Token:
        try:
            printed = await self.ask()
        except FaktooraError as exc:
            raise BackendUnavailable(f"{HOW_TO_AUTHENTICATE}. ({exc.message})") from None
        value = token_in(printed)
        if not value:
            raise BackendUnavailable(f"`membrane token` printed no token. {HOW_TO_AUTHENTICATE}.")
        return Token(value, self.name, expires_at(value, self.clock, self.wall))


def token_in(printed: str) -> str | None:
    """The token in what ``membrane token [--json]`` printed: ``{"token": …}`` (or ``accessToken``) or the bare
    token on a line of its own (the output format is not documented)."""
    text = printed.strip()
    try:
        payload: Any = json.loads(text)
    except ValueError:
        payload = text
    if isinstance(payload, dict):
        payload = next((payload[k] for k in ("token", "accessToken", "access_token") if k in payload), None)
    if not isinstance(payload, str):
        return None
    lines = [line.strip() for line in payload.strip().splitlines() if line.strip()]
    candidate = lines[-1] if lines else ""
    return candidate if candidate and not any(ch.isspace() for ch in candidate) else None


def expires_at(value: str, clock: Callable[[], float], wall: Callable[[], float]) -> float | None:
    """When a JWT expires, on the monotonic clock; ``None`` for a token that is no JWT or states no expiry.
    The signature is not checked: Membrane checks it; this only decides when to ask for a new one."""
    try:
        exp = jwt.decode(value, options={"verify_signature": False}).get("exp")
    except jwt.PyJWTError:
        return None
    if not isinstance(exp, int | float) or isinstance(exp, bool):
        return None
    return clock() + (float(exp) - wall())


class TokenKeeper:
    """The token in use: fetched on first need, fetched again shortly before expiry or after a refusal.
    Concurrent callers share one fetch."""

    def __init__(self, source: TokenSource, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.source = source
        self._clock = clock
        self._token: Token | None = None
        self._lock = anyio.Lock()

    async def get(self) -> Token:
        async with self._lock:
            if self._token is None or self._expiring(self._token):
                self._token = await self._fetch()
            return self._token

    async def refused(self, token: Token) -> Token | None:
        """After Membrane answered 401 to ``token``: a new token when the source can give one, else ``None``."""
        if not self.source.refreshable:
            return None
        async with self._lock:
            if self._token is token or self._token is None:
                self._token = await self._fetch()
            fresh = self._token
        return fresh if fresh.value != token.value else None

    async def _fetch(self) -> Token:
        token = await self.source.fetch()
        register_secret(token.value)  # from now on it is redacted by value wherever it might be quoted
        return token

    def forget(self) -> None:
        self._token = None

    def _expiring(self, token: Token) -> bool:
        return token.expires_at is not None and token.expires_at - self._clock() <= REFRESH_MARGIN
