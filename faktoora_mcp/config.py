"""Settings: command-line flags over ``FAKTOORA_MCP_*`` environment variables over defaults.

The only module that reads ``os.environ``. Everything below it takes a ``Config``. A bad value raises
``ConfigError`` naming the flag, the variable and an accepted value.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from faktoora_mcp.errors import ConfigError

ENV_PREFIX = "FAKTOORA_MCP_"
BACKENDS = ("auto", "membrane", "sandbox")
TRANSPORTS = ("stdio", "http")
LOG_LEVELS = ("debug", "info", "warning", "error")
DEFAULT_PORT = 8765
DEFAULT_MEMBRANE_TIMEOUT = 60.0
"""Seconds per Membrane CLI call: long enough for a cold CLI start plus a slow Faktoora answer."""
DEFAULT_MEMBRANE_CONCURRENCY = 4
"""Concurrent CLI processes: each is a Node process of ~60 MB, and the machine may have 2 cores."""
DEFAULT_MAX_ITEMS = 1000
"""Items one ``all: true`` call collects: enough for a year of a small business's invoices."""
DEFAULT_MAX_TEXT_CHARS = 60_000
"""About 15k tokens: a large answer that still leaves a model most of its context."""
DEFAULT_MAX_SESSIONS = 1000
"""Open HTTP sessions at once: far more agents than one Faktoora account serves, a few MB of memory in all."""
DEFAULT_MAX_SESSIONS_PER_CLIENT = 100
"""Open HTTP sessions per client address, so one address cannot push every other client's sessions out."""
DEFAULT_SESSION_IDLE_TIMEOUT = 600.0
"""Seconds an HTTP session may sit without a request before it ends: a coffee break, not the SDK's 30 min."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its flag, its environment variable, its parser and what it means."""

    name: str
    flag: str
    default: Any
    parse: Callable[[str], Any]
    help: str

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower()
        if value not in options:
            raise ValueError(f"{text!r} is not one of {', '.join(options)}")
        return value

    parse.options = options  # type: ignore[attr-defined]  # shown as the flag's metavar
    return parse


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"{text!r} is not a boolean; use true or false")


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise ValueError(f"{value} is outside {low}..{high}")
        return value

    return parse


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise ValueError(f"{value} must be greater than 0")
    return value


def _optional_text(text: str) -> str | None:
    return text.strip() or None


def _seconds_between(low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = float(text)
        if not low <= value <= high:
            raise ValueError(f"{value:g} is outside {low:g}..{high:g} seconds")
        return value

    return parse


SETTINGS = (
    Setting(
        "backend",
        "--backend",
        "auto",
        _choice(BACKENDS),
        "auto: membrane when a membrane executable is found, else sandbox",
    ),
    Setting(
        "read_only",
        "--read-only",
        False,
        _bool,
        "hide and refuse every tool that changes data; reads still run (run-action: reads, api-request: GET/HEAD)",
    ),
    Setting("transport", "--transport", "stdio", _choice(TRANSPORTS), "stdio (default) or http (Streamable HTTP)"),
    Setting("host", "--host", "127.0.0.1", str, "address the http transport listens on"),
    Setting("port", "--port", DEFAULT_PORT, _int_between(1, 65535), "port the http transport listens on"),
    Setting(
        "auth_token",
        "--auth-token",
        None,
        _optional_text,
        "bearer token http clients must send; required off loopback (prefer the variable or --auth-token-file: "
        "a flag shows in the process list)",
    ),
    Setting(
        "auth_token_file",
        "--auth-token-file",
        None,
        _optional_text,
        "file holding the bearer token (its first line), instead of --auth-token",
    ),
    Setting(
        "allowed_hosts",
        "--allowed-hosts",
        None,
        _optional_text,
        "comma-separated Host values http requests may carry, e.g. mcp.example.com,10.0.0.5:8765 "
        "(default: the bound address, plus localhost names on loopback)",
    ),
    Setting(
        "allowed_origins",
        "--allowed-origins",
        None,
        _optional_text,
        "comma-separated browser Origins allowed, e.g. https://app.example.com (default: http(s):// + allowed hosts)",
    ),
    Setting(
        "stateless",
        "--stateless",
        False,
        _bool,
        "http without sessions: every request stands alone, so a restart never strands a client",
    ),
    Setting(
        "max_sessions",
        "--max-sessions",
        DEFAULT_MAX_SESSIONS,
        _int_between(1, 100_000),
        "open http sessions at most; when full, the longest-idle session is ended to admit a new one",
    ),
    Setting(
        "max_sessions_per_client",
        "--max-sessions-per-client",
        DEFAULT_MAX_SESSIONS_PER_CLIENT,
        _int_between(1, 100_000),
        "open http sessions per client address; a client over it loses its own longest-idle session",
    ),
    Setting(
        "session_idle_timeout",
        "--session-idle-timeout",
        DEFAULT_SESSION_IDLE_TIMEOUT,
        _seconds_between(1, 1800),
        "seconds an http session may go without a request before it ends",
    ),
    Setting("log_level", "--log-level", "warning", _choice(LOG_LEVELS), "stderr log level"),
    Setting(
        "sandbox_db",
        "--sandbox-db",
        None,
        _optional_text,
        "sandbox database file, or :memory: (default: the user data directory)",
    ),
    Setting(
        "sandbox_reset",
        "--sandbox-reset",
        False,
        _bool,
        "delete and re-seed the sandbox database at start (not with --read-only)",
    ),
    Setting(
        "sandbox_private_webhooks",
        "--sandbox-private-webhooks",
        False,
        _bool,
        "let sandbox webhooks target localhost and private networks (for local demos; Faktoora refuses them)",
    ),
    Setting("membrane_bin", "--membrane-bin", None, _optional_text, "path of the membrane executable"),
    Setting(
        "connection_id",
        "--connection-id",
        None,
        _optional_text,
        "Membrane connection to use (default: the Faktoora connection found by `membrane connection list`)",
    ),
    Setting(
        "membrane_timeout",
        "--membrane-timeout",
        DEFAULT_MEMBRANE_TIMEOUT,
        _positive_float,
        "seconds one tool call may wait for Membrane in total (set-up and retries included)",
    ),
    Setting(
        "membrane_concurrency",
        "--membrane-concurrency",
        DEFAULT_MEMBRANE_CONCURRENCY,
        _int_between(1, 32),
        "membrane processes allowed at once; the rest queue",
    ),
    Setting(
        "toolsets",
        "--toolsets",
        None,
        _optional_text,
        "comma-separated toolsets to enable: invoices,customers,products,webhooks,discovery,proxy (default all)",
    ),
    Setting("tools", "--tools", None, _optional_text, "comma-separated tool names to enable (default all)"),
    Setting(
        "max_items",
        "--max-items",
        DEFAULT_MAX_ITEMS,
        _int_between(1, 100_000),
        "items a list call with all: true collects before it stops with truncated: true",
    ),
    Setting(
        "max_text_chars",
        "--max-text-chars",
        DEFAULT_MAX_TEXT_CHARS,
        _int_between(1_000, 10_000_000),
        "longest text mirror of a result; longer ones are cut with a note on how to page",
    ),
    Setting(
        "catalogue_cache",
        "--catalogue-cache",
        None,
        _optional_text,
        "file caching the live Membrane catalogue, read at start-up (default: the user cache directory; off: none)",
    ),
)


@dataclass(frozen=True, slots=True)
class Config:
    backend: Literal["auto", "membrane", "sandbox"] = "auto"
    read_only: bool = False
    transport: Literal["stdio", "http"] = "stdio"
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    auth_token: str | None = field(default=None, repr=False)  # a secret: never in a log line or a traceback
    auth_token_file: str | None = None
    allowed_hosts: str | None = None
    allowed_origins: str | None = None
    stateless: bool = False
    max_sessions: int = DEFAULT_MAX_SESSIONS
    max_sessions_per_client: int = DEFAULT_MAX_SESSIONS_PER_CLIENT
    session_idle_timeout: float = DEFAULT_SESSION_IDLE_TIMEOUT
    log_level: str = "warning"
    sandbox_db: str | None = None
    sandbox_reset: bool = False
    sandbox_private_webhooks: bool = False
    membrane_bin: str | None = None
    connection_id: str | None = None
    membrane_timeout: float = DEFAULT_MEMBRANE_TIMEOUT
    membrane_concurrency: int = DEFAULT_MEMBRANE_CONCURRENCY
    toolsets: str | None = None
    tools: str | None = None
    max_items: int = DEFAULT_MAX_ITEMS
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    catalogue_cache: str | None = None


def load_config(flags: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Config:
    """Flags (already typed by argparse; ``None`` when not given) win over the environment."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        flag_value = flags.get(setting.name)
        if flag_value is not None:
            values[setting.name] = flag_value
        elif setting.env in env:
            values[setting.name] = _parse_env(setting, env[setting.env])
        else:
            values[setting.name] = setting.default
    return Config(**values)


def _parse_env(setting: Setting, text: str) -> Any:
    try:
        return setting.parse(text)
    except ValueError as exc:
        raise ConfigError(f"{setting.env}: {exc} (same as {setting.flag}: {setting.help}).") from None


def resolve_backend(config: Config, which: Callable[[str], str | None] = shutil.which) -> Config:
    """Replace ``auto`` by the backend that will run: membrane when its executable exists, else sandbox."""
    if config.backend != "auto":
        return config
    found = (config.membrane_bin and Path(config.membrane_bin).exists()) or which("membrane")
    return replace(config, backend="membrane" if found else "sandbox")
