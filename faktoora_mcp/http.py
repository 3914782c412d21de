"""The Streamable HTTP transport: a bearer token off loopback, Host/Origin checks that follow the bind,
and sessions that cannot be exhausted (or none at all with ``--stateless``).

Imported only when ``--transport http`` is chosen, so a stdio start-up never loads Starlette or uvicorn.
The token is compared in constant time and never logged; a refused request learns nothing but 401.
"""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mcp.server.streamable_http_manager import StreamableHTTPASGIApp
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from faktoora_mcp.config import Config
from faktoora_mcp.errors import ConfigError
from faktoora_mcp.http_body import CheckedBody
from faktoora_mcp.http_guard import GuardLimits, total_cap, uvicorn_options
from faktoora_mcp.http_hosts import CanonicalHost, canonical
from faktoora_mcp.http_sessions import BoundedSessionManager
from faktoora_mcp.redaction import register_secret

logger = logging.getLogger(__name__)

MCP_PATH = "/mcp"
MIN_TOKEN_LENGTH = 32
"""Characters a token needs: 32 random URL-safe characters are ~190 bits, out of reach of guessing."""
LOCALHOST_NAMES = ("localhost", "127.0.0.1", "[::1]")
LOOPBACK_BINDS = ("localhost", "127.0.0.1", "::1", "[::1]")
WILDCARD_BINDS = ("0.0.0.0", "::", "")  # noqa: S104 - recognised here so they are never trusted as a Host
HOW_TO_SET_ONE = (
    "set FAKTOORA_MCP_AUTH_TOKEN (or --auth-token-file PATH) to a random secret, e.g. the output of "
    "`python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`, and send it as `Authorization: Bearer <token>`"
)


def is_loopback(host: str) -> bool:
    """Whether a bind address is one of the standard loopback addresses. Other 127.x addresses count as
    beyond: they are rarer, may be routed or forwarded on purpose, and a token there costs nothing."""
    return host.lower() in LOOPBACK_BINDS


def resolve_token(config: Config) -> str | None:
    """The bearer token from the flag, the variable or the file; required when serving beyond loopback."""
    token = config.auth_token
    if config.auth_token_file:
        if token:
            raise ConfigError("Give the token once: --auth-token / FAKTOORA_MCP_AUTH_TOKEN or --auth-token-file.")
        token = _read_token_file(config.auth_token_file)
    if token is None and not is_loopback(config.host):
        raise ConfigError(f"Serving HTTP on {config.host} needs a bearer token: {HOW_TO_SET_ONE}.")
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise ConfigError(f"The bearer token is shorter than {MIN_TOKEN_LENGTH} characters; {HOW_TO_SET_ONE}.")
    if token is not None:
        register_secret(token)  # a client's echo or a library's error may quote it: never in a log
    return token


def _read_token_file(path: str) -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"--auth-token-file {path}: cannot read it ({exc.strerror}).") from None
    token = lines[0].strip() if lines else ""
    if not token:
        raise ConfigError(f"--auth-token-file {path}: the first line is empty; put the token there.")
    return token


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _with_port_wildcard(host: str) -> list[str]:
    """A Host value with and without a port: ``name`` (default port) and ``name:*`` (any port)."""
    has_port = host.rsplit("]", 1)[-1].count(":") == 1 if host.startswith("[") else host.count(":") == 1
    return [host] if has_port else [host, f"{host}:*"]


def _canonical_or_refuse(host: str) -> str:
    """An --allowed-hosts entry in the form ``http_hosts.CanonicalHost`` gives every Host header."""
    fixed = canonical(host)
    if fixed is None:
        raise ConfigError(f"--allowed-hosts: {host!r} is not a host name or IP address (with an optional :port).")
    return fixed


def _as_host(address: str) -> str:
    return f"[{address}]" if ":" in address and not address.startswith("[") else address


def transport_security(config: Config) -> TransportSecuritySettings:
    """DNS-rebinding protection for every bind: the Host and Origin values a request may carry."""
    hosts = _split(config.allowed_hosts)
    if not hosts:
        if config.host in WILDCARD_BINDS:
            raise ConfigError(
                f"--host {config.host or '(empty)'} listens on every address, so no Host value can be inferred; "
                "list the names clients use with --allowed-hosts, e.g. --allowed-hosts mcp.example.com,192.0.2.7"
            )
        hosts = [_as_host(config.host)]
        if is_loopback(config.host):
            hosts += [name for name in LOCALHOST_NAMES if name != hosts[0]]
    allowed_hosts = [form for host in hosts for form in _with_port_wildcard(_canonical_or_refuse(host))]
    origins = _split(config.allowed_origins) or [
        f"{scheme}://{form}" for form in allowed_hosts for scheme in ("http", "https")
    ]
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True, allowed_hosts=allowed_hosts, allowed_origins=origins
    )


@dataclass(frozen=True)
class BearerAuth:
    """ASGI middleware: every HTTP request needs ``Authorization: Bearer <token>``, else 401."""

    app: ASGIApp
    token: str

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._authorized(scope):
            await self.app(scope, receive, send)
            return
        # The same answer for a missing and a wrong token: nothing about the backend, the token or why.
        response = JSONResponse(
            {"jsonrpc": "2.0", "id": None, "error": {"code": -32001, "message": "Unauthorized"}},
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="faktoora-mcp"'},
        )
        await response(scope, receive, send)

    def _authorized(self, scope: Scope) -> bool:
        sent = next((v for k, v in scope.get("headers", []) if k == b"authorization"), b"")
        scheme, _, credential = sent.partition(b" ")
        return scheme.lower() == b"bearer" and hmac.compare_digest(credential.strip(), self.token.encode())


def check_http(config: Config) -> None:
    """Raise the ``ConfigError`` serving would raise: no token beyond loopback, no hosts for a wildcard bind."""
    resolve_token(config)
    transport_security(config)


def build_asgi(server: Any, config: Config) -> ASGIApp:
    """The Starlette app serving ``server`` at /mcp, behind the token when there is one."""
    token = resolve_token(config)
    manager = BoundedSessionManager(
        server,
        stateless=config.stateless,
        security_settings=transport_security(config),
        session_idle_timeout=config.session_idle_timeout,
        max_sessions=config.max_sessions,
        max_per_client=config.max_sessions_per_client,
    )
    app = Starlette(routes=[Route(MCP_PATH, endpoint=StreamableHTTPASGIApp(manager))], lifespan=lambda _: manager.run())
    checked = CanonicalHost(CheckedBody(app))  # behind the token: an unauthenticated client's body is never parsed
    return BearerAuth(checked, token) if token else checked


def start_up_notes(config: Config, security: TransportSecuritySettings, *, with_token: bool) -> list[str]:
    """What the operator should read at start-up; a warning beyond loopback."""
    url = f"http://{_as_host(config.host)}:{config.port}{MCP_PATH}"
    mode = "stateless" if config.stateless else f"sessions idle out after {config.session_idle_timeout:g} s"
    notes = [f"Streamable HTTP on {url} ({mode}; bearer token {'required' if with_token else 'off'})"]
    if not is_loopback(config.host):
        notes.append(
            f"Serving beyond loopback on {config.host}: anyone who can reach this port and holds the token can use "
            f"the Faktoora backend. Hosts allowed: {', '.join(security.allowed_hosts)}. Put TLS in front (a "
            "reverse proxy): over plain HTTP the token travels in clear."
        )
    return notes


async def serve_http(server: Any, config: Config) -> None:
    import uvicorn

    asgi = build_asgi(server, config)
    for note in start_up_notes(config, transport_security(config), with_token=isinstance(asgi, BearerAuth)):
        logger.warning("%s", note)
    await uvicorn.Server(uvicorn_config(asgi, config)).serve()


def uvicorn_config(asgi: ASGIApp, config: Config, limits: GuardLimits | None = None) -> Any:
    """uvicorn's settings: the bind, and the read deadlines and connection caps of ``http_guard``."""
    import uvicorn

    limits = limits or GuardLimits(max_total=total_cap())
    options = uvicorn_options(limits)
    return uvicorn.Config(asgi, host=config.host, port=config.port, log_level=config.log_level, **options)
