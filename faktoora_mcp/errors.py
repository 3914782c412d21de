"""One error tree for the whole server.

Every error carries a message written for the reader who can act on it: one sentence that says what
went wrong, then the next step. The server turns a ``FaktooraError`` into an ``isError: true`` tool
result with exactly that message; anything else is an unexpected fault, logged to stderr and answered
with a generic message that leaks nothing.

    FaktooraError
    ├── ConfigError                  bad flag, environment variable or start-up state (exits the CLI)
    │   └── ManifestError            a manifest file is broken (names the file and the reason)
    ├── InvalidArguments             arguments break the advertised schema (lists every violation)
    ├── UnknownTool                  no tool or action of that name
    ├── NotFound                     no record with that id
    ├── Conflict                     duplicate code / number, or a state that forbids the change
    ├── PolicyRefused                read-only mode, toolset filter, or a destructive call without confirm
    ├── UpstreamRejected             Faktoora (or Membrane) answered "no" with a status and a message
    └── BackendError                 the backend could not serve the call at all
        ├── BackendUnavailable       membrane missing, not logged in, no usable connection
        ├── BackendTimeout           no answer in time; says whether a retry is safe
        ├── BackendBusy              the store is locked by another writer for now; retrying is safe
        └── BackendProtocolError     the backend answered something that is not what it promised

Errors that a model can fix (arguments, ids) and errors that a person must fix (login, connection)
are all tool results: hosts show them, and the message tells whoever reads it what to do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class FaktooraError(Exception):
    """Base of every error this package raises on purpose."""

    status: int = 500
    """The HTTP status the sandbox's REST surface answers with for this error."""

    def __init__(self, message: str, *, details: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = dict(details or {})

    def __str__(self) -> str:
        return self.message


class ConfigError(FaktooraError):
    """A setting or start-up condition is wrong; the CLI prints the message and exits non-zero."""


class ManifestError(ConfigError):
    """A manifest file cannot be loaded; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One way an argument breaks a schema, located by a JSON path such as ``lines[0].quantity``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidArguments(FaktooraError):
    """The arguments break the tool's input schema or a business rule of Faktoora."""

    status = 400

    def __init__(self, violations: Sequence[Violation], *, tool: str | None = None) -> None:
        self.violations = tuple(violations)
        self.tool = tool
        listed = "; ".join(str(v) for v in self.violations)
        subject = f"Invalid arguments for {tool}" if tool else "Invalid arguments"
        super().__init__(f"{subject}: {listed}. Fix the named field(s) and call again.")

    @classmethod
    def single(cls, path: str, message: str, *, tool: str | None = None) -> InvalidArguments:
        return cls([Violation(path, message)], tool=tool)


class UnknownTool(FaktooraError):
    """No tool or discovered action has that name."""

    status = 404


class NotFound(FaktooraError):
    """No record with that id or number exists."""

    status = 404


class Conflict(FaktooraError):
    """A uniqueness rule or the record's state forbids the change."""

    status = 409


class PolicyRefused(FaktooraError):
    """The server's safety policy refused the call (read-only, toolset filter, missing confirm)."""

    status = 403


class UpstreamRejected(FaktooraError):
    """Faktoora or Membrane refused the request; carries the upstream status, type and key."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        error_type: str | None = None,
        error_key: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, details=details)
        self.status = status
        self.error_type = error_type
        self.error_key = error_key


class BackendError(FaktooraError):
    """The backend could not serve the call."""

    status = 502


class BackendUnavailable(BackendError):
    """The backend cannot be reached or used until a person fixes something (install, login, connect)."""

    status = 503


class BackendTimeout(BackendError):
    """The backend did not answer in time."""

    status = 504

    def __init__(self, message: str, *, safe_to_retry: bool, details: Mapping[str, Any] | None = None) -> None:
        super().__init__(message, details=details)
        self.safe_to_retry = safe_to_retry


class BackendBusy(BackendError):
    """A transient condition (a locked store, a full queue): nothing was changed and a retry is safe."""

    status = 503
    safe_to_retry = True


class BackendProtocolError(BackendError):
    """The backend answered, but not in the shape it promised."""
