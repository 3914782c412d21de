"""``faktoora-mcp doctor``: check the Membrane set-up step by step and name the fix for the first problem.

The checks build on each other (an executable, that it is the Membrane CLI, its login, the Faktoora
connection), so after the first failure the rest are reported as skipped rather than failing noisily.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable, Mapping

from faktoora_mcp.backends.membrane import INSTALL_ADVICE, MembraneBackend, Runner
from faktoora_mcp.errors import BackendUnavailable, FaktooraError

Check = tuple[str, Callable[[], Awaitable[str]]]


async def run_doctor(
    binary: str | None,
    connection_id: str | None,
    *,
    runner: Runner | None = None,
    out: Callable[[str], None],
    env: Mapping[str, str] | None = None,
) -> int:
    """Print ``ok   <what>`` or ``FAIL <what> — <fix>`` per check; 0 when all pass, else 1."""
    backend = MembraneBackend(binary=binary, connection_id=connection_id, runner=runner, env=env)
    try:
        return await _run_checks(_checks(backend, binary, env), out)
    finally:
        await backend.aclose()


def _checks(backend: MembraneBackend, binary: str | None, env: Mapping[str, str] | None) -> list[Check]:
    async def found() -> str:
        return _locate(backend, binary, env)

    async def is_membrane() -> str:
        return await backend.verify_cli()

    async def connection() -> str:
        conn = await backend.check_connection()
        return f"{conn.id}{' (' + conn.name + ')' if conn.name else ''} is {conn.state or 'usable'}"

    return [
        ("membrane executable found", found),
        ("it is the Membrane CLI (@membranehq/cli)", is_membrane),
        ("logged in to Membrane", backend.login_state),
        ("Faktoora connection ready", connection),
    ]


async def _run_checks(checks: list[Check], out: Callable[[str], None]) -> int:
    for index, (what, check) in enumerate(checks):
        try:
            shown = await check()
        except FaktooraError as exc:
            out(f"FAIL {what} — {exc.message}")
            for skipped, _ in checks[index + 1 :]:
                out(f"skip {skipped} (needs the check above)")
            return 1
        out(f"ok   {what}: {shown}")
    return 0


def _locate(backend: MembraneBackend, binary: str | None, env: Mapping[str, str] | None) -> str:
    if binary and not shutil.which(binary, path=env.get("PATH") if env is not None else None):
        raise BackendUnavailable(f"{binary} does not exist or is not executable; {INSTALL_ADVICE}.")
    return backend.binary_path()
