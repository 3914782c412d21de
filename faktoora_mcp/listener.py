"""Whether the HTTP transport can listen on ``--host``/``--port``, asked before anything says "serving".

Trying the bind first turns a port that is taken into one clear start-up error (exit 2) instead of uvicorn's
exit from inside the server's task group, which surfaced as a 40-line exception-group traceback after the log
had already announced the server. The socket is closed again and uvicorn binds its own (it then logs
"Uvicorn running on ...", which scripts wait for); should another process take the port in between, the CLI
still reports that in one line.
"""

from __future__ import annotations

import errno
import socket

from faktoora_mcp.config import Config
from faktoora_mcp.errors import ConfigError

BACKLOG = 1
"""The trial socket never accepts a connection."""


def check_listen(config: Config) -> None:
    """Raise a ``ConfigError`` naming the flag to change when ``--host``/``--port`` cannot be listened on."""
    host = config.host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        socket.create_server((host, config.port), family=family, backlog=BACKLOG).close()
    except OSError as exc:
        raise ConfigError(_why(exc, config)) from None


def _why(exc: OSError, config: Config) -> str:
    where = f"{config.host}:{config.port}"
    if exc.errno == errno.EADDRINUSE:
        return f"Port {config.port} is already in use on {config.host}; stop what listens there or pass --port N."
    if exc.errno == errno.EACCES:
        return f"Not allowed to listen on {where} (ports below 1024 need privileges); pass --port 8765 or above."
    if exc.errno in (errno.EADDRNOTAVAIL, socket.EAI_NONAME) or isinstance(exc, socket.gaierror):
        return f"--host {config.host} is not an address of this machine; pass --host 127.0.0.1 or one of its own."
    return f"Cannot listen on {where} ({exc.strerror or exc}); check --host and --port."
