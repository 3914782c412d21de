"""Settings: command-line flags over ``FAKTOORA_MCP_*`` environment variables over defaults.

The only module that reads ``os.environ``. Everything below it takes a ``Config``. Each setting is declared
once, as a field of ``Config``: its type, default, parser, help and section; its flag (``--read-only``) and
variable (``FAKTOORA_MCP_READ_ONLY``) follow from its name. Adding a setting is adding one field. A bad value
raises ``ConfigError`` naming the flag, the variable and an accepted value.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import Field, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from faktoora_mcp.errors import ConfigError

ENV_PREFIX = "FAKTOORA_MCP_"
BACKENDS = ("auto", "membrane", "sandbox")
MEMBRANE_TRANSPORTS = ("auto", "rest", "cli")
MEMBRANE_VARIABLES = {
    "token": "MEMBRANE_TOKEN",
    "api_url": "MEMBRANE_API_URL",
    "workspace_key": "MEMBRANE_WORKSPACE_KEY",
    "workspace_secret": "MEMBRANE_WORKSPACE_SECRET",
    "tenant_key": "MEMBRANE_TENANT_KEY",
}
"""Membrane's own variables, named as its skills and SDK name them (reference §6): where a REST token comes from."""
TRANSPORTS = ("stdio", "http")
LOG_LEVELS = ("debug", "info", "warning", "error")
SECTIONS = {
    "general": "general options",
    "tools": "what the tools show and do",
    "http": "HTTP transport (--transport http)",
    "sandbox": "offline sandbox (--backend sandbox)",
    "membrane": "live Faktoora through the Membrane CLI (--backend membrane)",
}
"""The sections of ``--help``, in order; a subcommand's help shows the sections it reads."""
DEFAULT_PORT = 8765
DEFAULT_MEMBRANE_TIMEOUT = 60.0
"""Seconds per Membrane CLI call: long enough for a cold CLI start plus a slow Faktoora answer."""
DEFAULT_MEMBRANE_CONCURRENCY = 4
"""Concurrent CLI processes: each is a Node process of ~60 MB, and the machine may have 2 cores."""
DEFAULT_MAX_ITEMS = 1000
"""Items one ``all: true`` call collects: enough for a year of a small business's invoices."""
DEFAULT_MAX_TEXT_CHARS = 20_000
"""Characters of a result's text before it is cut (at a record): sized for Claude Code, which moves a result over
50,000 characters out of the conversation into a file and caps one at 25,000 tokens. 20,000 characters of JSON
are 5,000-10,000 tokens (German text and ids tokenise densely), room to spare under both; structuredContent is
never cut."""
DEFAULT_SANDBOX_IMPORT_QUOTA_MB = 50
"""Megabytes (10^6 bytes) of imported invoice files the sandbox keeps: thousands of real e-invoices (a few kB each)."""
DEFAULT_MAX_SESSIONS = 1000
"""Open HTTP sessions at once: far more agents than one Faktoora account serves, a few MB of memory in all."""
DEFAULT_MAX_SESSIONS_PER_CLIENT = 100
"""Open HTTP sessions per client address, so one address cannot push every other client's sessions out."""
DEFAULT_SESSION_IDLE_TIMEOUT = 600.0
"""Seconds an HTTP session may sit without a request before it ends: a coffee break, not the SDK's 30 min."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting as the command line and the environment see it, read off its ``Config`` field."""

    name: str
    default: Any
    parse: Callable[[str], Any]
    help: str
    section: str

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()

    @property
    def is_switch(self) -> bool:
        """An on/off flag (``--read-only``) that takes no value on the command line."""
        return self.default is False

    @classmethod
    def of(cls, declared: Field[Any]) -> Setting:
        meta = declared.metadata
        return cls(declared.name, declared.default, meta["parse"], meta["help"], meta["section"])


def setting(
    default: Any,
    help: str,
    *,
    parse: Callable[[str], Any] | None = None,
    section: str = "general",
    secret: bool = False,
) -> Any:
    """Declare one ``Config`` field. Without ``parse``, a switch reads booleans and an unset text reads text."""
    if parse is None:
        parse = _bool if default is False else _optional_text
    metadata = {"parse": parse, "help": help, "section": section}
    return field(default=default, repr=not secret, metadata=metadata)  # a secret stays out of repr and logs


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


@dataclass(frozen=True, slots=True)
class Config:
    backend: Literal["auto", "membrane", "sandbox"] = setting(
        "auto", "auto: membrane when a membrane executable is found, else sandbox", parse=_choice(BACKENDS)
    )
    read_only: bool = setting(
        False,
        "hide and refuse every tool that changes data; reads still run (run-action: reads, api-request: GET/HEAD)",
    )
    log_level: str = setting("warning", "stderr log level", parse=_choice(LOG_LEVELS))
    toolsets: str | None = setting(
        None,
        "comma-separated toolsets: invoices,numbering,customers,products,webhooks,discovery,proxy, or default "
        "(invoices,customers,discovery: the default) or all; e.g. default,products",
        section="tools",
    )
    tools: str | None = setting(None, "comma-separated tool names to enable (default all)", section="tools")
    max_items: int = setting(
        DEFAULT_MAX_ITEMS,
        "items a list call with all: true collects before it stops with truncated: true",
        parse=_int_between(1, 100_000),
        section="tools",
    )
    max_text_chars: int = setting(
        DEFAULT_MAX_TEXT_CHARS,
        "longest text mirror of a result; longer ones are cut with a note on how to page",
        parse=_int_between(1_000, 10_000_000),
        section="tools",
    )
    transport: Literal["stdio", "http"] = setting(
        "stdio", "stdio (default) or http (Streamable HTTP)", parse=_choice(TRANSPORTS), section="http"
    )
    host: str = setting("127.0.0.1", "address the http transport listens on", parse=str, section="http")
    port: int = setting(
        DEFAULT_PORT, "port the http transport listens on", parse=_int_between(1, 65535), section="http"
    )
    auth_token: str | None = setting(
        None,
        "bearer token http clients must send; required off loopback (prefer the variable or --auth-token-file: "
        "a flag shows in the process list)",
        section="http",
        secret=True,
    )
    auth_token_file: str | None = setting(
        None, "file holding the bearer token (its first line), instead of --auth-token", section="http"
    )
    allowed_hosts: str | None = setting(
        None,
        "comma-separated Host values http requests may carry, e.g. mcp.example.com,10.0.0.5:8765 "
        "(default: the bound address, plus localhost names on loopback)",
        section="http",
    )
    allowed_origins: str | None = setting(
        None,
        "comma-separated browser Origins allowed, e.g. https://app.example.com (default: http(s):// + allowed hosts)",
        section="http",
    )
    stateless: bool = setting(
        False, "http without sessions: every request stands alone, so a restart never strands a client", section="http"
    )
    max_sessions: int = setting(
        DEFAULT_MAX_SESSIONS,
        "open http sessions at most; when full, the longest-idle session is ended to admit a new one",
        parse=_int_between(1, 100_000),
        section="http",
    )
    max_sessions_per_client: int = setting(
        DEFAULT_MAX_SESSIONS_PER_CLIENT,
        "open http sessions per client address; a client over it loses its own longest-idle session",
        parse=_int_between(1, 100_000),
        section="http",
    )
    session_idle_timeout: float = setting(
        DEFAULT_SESSION_IDLE_TIMEOUT,
        "seconds an http session may go without a request before it ends",
        parse=_seconds_between(1, 1800),
        section="http",
    )
    sandbox_db: str | None = setting(
        None, "sandbox database file, or :memory: (default: the user data directory)", section="sandbox"
    )
    sandbox_reset: bool = setting(
        False, "delete and re-seed the sandbox database at start (not with --read-only)", section="sandbox"
    )
    sandbox_private_webhooks: bool = setting(
        False,
        "let sandbox webhooks target localhost and private networks (for local demos; Faktoora refuses them)",
        section="sandbox",
    )
    sandbox_import_quota_mb: int = setting(
        DEFAULT_SANDBOX_IMPORT_QUOTA_MB,
        "megabytes of imported invoice files the sandbox keeps; an import over it is refused and stores nothing",
        parse=_int_between(1, 1_000_000),
        section="sandbox",
    )
    membrane_bin: str | None = setting(None, "path of the membrane executable", section="membrane")
    connection_id: str | None = setting(
        None,
        "Membrane connection to use (default: the Faktoora connection found by `membrane connection list`)",
        section="membrane",
    )
    membrane_timeout: float = setting(
        DEFAULT_MEMBRANE_TIMEOUT,
        "seconds one tool call may wait for Membrane in total (set-up and retries included)",
        parse=_positive_float,
        section="membrane",
    )
    membrane_concurrency: int = setting(
        DEFAULT_MEMBRANE_CONCURRENCY,
        "Membrane calls allowed at once (CLI processes, or REST connections in the pool); the rest queue",
        parse=_int_between(1, 32),
        section="membrane",
    )
    membrane_transport: Literal["auto", "rest", "cli"] = setting(
        "auto",
        "how to reach Membrane: rest (its REST API, one round trip a call; token from MEMBRANE_TOKEN, a workspace "
        "key and secret, or `membrane token`), cli (one membrane process a call); auto: rest when a token can be "
        "had, else cli",
        parse=_choice(MEMBRANE_TRANSPORTS),
        section="membrane",
    )
    idempotency_ledger: str | None = setting(
        None,
        "file that keeps the idempotencyKey of each live create and its answer, so that a retry (after a lost "
        "answer, a timeout or a restart) never creates twice (default: the user data directory)",
        section="membrane",
    )
    catalogue_cache: str | None = setting(
        None,
        "file caching the live Membrane catalogue, read at start-up (default: the user cache directory; off: none)",
        section="membrane",
    )


SETTINGS = tuple(Setting.of(declared) for declared in fields(Config))
"""Every setting, in ``--help`` order within its section."""


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


MEMBRANE_INSTALL = "npm install -g @membranehq/cli"
SANDBOX_INSTEAD = "--backend sandbox runs the offline demo instead"


def membrane_executable(config: Config, which: Callable[[str], str | None] = shutil.which) -> str | None:
    """The Membrane CLI that would run: ``--membrane-bin`` when given (a path, or a name on ``PATH``), else
    ``membrane`` on ``PATH``; ``None`` when it is missing or not executable."""
    if not config.membrane_bin:
        return which("membrane")
    given = Path(config.membrane_bin).expanduser()
    if given.parent != Path():  # a path: the file itself, not a search
        return str(given) if given.is_file() and os.access(given, os.X_OK) else None
    return which(config.membrane_bin)


def membrane_access(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Membrane's own variables that are set (``MEMBRANE_TOKEN`` …), by the names ``MembraneAccess`` takes."""
    env = os.environ if environ is None else environ
    return {name: env[var].strip() for name, var in MEMBRANE_VARIABLES.items() if env.get(var, "").strip()}


def rest_token_given(config: Config) -> bool:
    """Whether Membrane's own variables give the REST transport a token without the CLI (``MEMBRANE_TOKEN``, or a
    workspace key and secret), and the transport may be REST (not ``--membrane-transport cli``)."""
    access = membrane_access()
    given = "token" in access or {"workspace_key", "workspace_secret"} <= access.keys()
    return given and config.membrane_transport != "cli"


def require_membrane(config: Config, which: Callable[[str], str | None] = shutil.which) -> str | None:
    """The Membrane CLI an explicit live set-up needs (``None`` when a REST token makes it unnecessary), or a
    ``ConfigError`` that names the fix: a live account that was asked for never turns silently into the demo."""
    found = membrane_executable(config, which)
    if found:
        return found
    if config.membrane_bin:
        raise ConfigError(
            f"--membrane-bin {config.membrane_bin} is not an executable file; point it at the Membrane CLI "
            f"({MEMBRANE_INSTALL} installs it), or leave it out; {SANDBOX_INSTEAD}."
        )
    if rest_token_given(config):
        return None
    raise ConfigError(
        f"--backend membrane needs the Membrane CLI and no `membrane` is on PATH; install it ({MEMBRANE_INSTALL}) "
        f"or pass --membrane-bin PATH (or set MEMBRANE_TOKEN for the REST transport); {SANDBOX_INSTEAD}."
    )


def check_backend(config: Config) -> None:
    """Refuse a live set-up that cannot run (``resolve_backend``, ``require_membrane``) before anything heavy is
    loaded: the person who mistyped ``--membrane-bin`` reads the one line at once, not after the SDK's import."""
    if resolve_backend(config).backend == "membrane":
        require_membrane(config)


def resolve_backend(config: Config, which: Callable[[str], str | None] = shutil.which) -> Config:
    """Replace ``auto`` by the backend that will run: membrane when its executable exists or (unless
    ``--membrane-transport cli``) Membrane's own variables give a REST token, else sandbox. An explicit
    ``--membrane-bin`` that is missing is an error, not a reason to serve the demo data."""
    if config.backend == "sandbox":
        return config
    if config.membrane_bin:
        require_membrane(config, which)
    if config.backend != "auto":
        return config
    live = membrane_executable(config, which) or rest_token_given(config)
    return replace(config, backend="membrane" if live else "sandbox")
