"""Where a process runs, said the same way on every surface: the first log line, the initialize instructions,
the ``call`` and ``tools`` output and ``doctor``. A person who believes they are looking at their books must
never be looking at the demo company, and the live backend claims a live account only once it has seen one.
"""

from __future__ import annotations

from faktoora_mcp.config import MEMBRANE_INSTALL, Config

SANDBOX = "the OFFLINE SANDBOX: a fictional demo company, not a real Faktoora account"
LIVE_UNVERIFIED = (
    "a live Faktoora account through the Membrane CLI, not yet verified (the first call checks the login and "
    "the connection)"
)


def sandbox_reason(asked: Config) -> str:
    """Why the sandbox serves, from the configuration as given (before ``auto`` was resolved)."""
    if asked.backend == "sandbox":
        return "--backend sandbox"
    return f"no Membrane CLI was found; for your own account install it ({MEMBRANE_INSTALL}) and log in"


def where(resolved: Config, asked: Config | None = None) -> str:
    """One sentence: what this process serves, and for the sandbox why."""
    if resolved.backend == "sandbox":
        return f"Runs on {SANDBOX} ({sandbox_reason(asked or resolved)})."
    return f"Runs on {LIVE_UNVERIFIED}."
