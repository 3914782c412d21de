"""``faktoora-mcp doctor``: check the Membrane set-up step by step and name the fix for the first problem.

The checks build on each other (when the CLI is needed: an executable, that it is the Membrane CLI, its
login; then the transport chosen and why, the Faktoora connection, its live actions), so after the first
failure the rest are reported as skipped rather than failing noisily. Last comes the drift between each
manifest and its live action, field by field: not a failure (the server reads live answers whatever their
shape), but what to review when updating manifests.
``write_catalogue_file`` is ``faktoora-mcp catalogue``: the live catalogue and that drift, as one JSON file.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

from faktoora_mcp.backends.membrane import INSTALL_ADVICE, MembraneAccess, MembraneBackend, Runner
from faktoora_mcp.backends.membrane.answers.cache_file import catalogue_document, write_catalogue
from faktoora_mcp.backends.membrane.answers.live import drift
from faktoora_mcp.backends.membrane.protocol import find_action
from faktoora_mcp.backends.membrane.setup import TransportChoice
from faktoora_mcp.catalog import Catalog
from faktoora_mcp.errors import BackendUnavailable, FaktooraError

Check = tuple[str, Callable[[], Awaitable[str]]]


async def run_doctor(
    binary: str | None,
    connection_id: str | None,
    *,
    runner: Runner | None = None,
    out: Callable[[str], None],
    env: Mapping[str, str] | None = None,
    transport: TransportChoice = "cli",
    access: Mapping[str, str] | None = None,
) -> int:
    """Print ``ok   <what>`` or ``FAIL <what> — <fix>`` per check; 0 when all pass, else 1. ``access`` holds
    Membrane's own variables (``config.membrane_access``)."""
    backend = MembraneBackend(
        binary=binary,
        connection_id=connection_id,
        runner=runner,
        env=env,
        transport=transport,
        access=MembraneAccess(**(access or {})),
    )
    try:
        code = await _run_checks(_checks(backend, binary, env), out)
        if code == 0:
            _print_drift(await backend.live_actions(), out)
        return code
    finally:
        await backend.aclose()


def _print_drift(actions: tuple, out: Callable[[str], None]) -> None:
    for spec in Catalog.load():
        for line in drift(spec.manifest, find_action(actions, spec.key)):
            out(f"     {spec.key}: {line}")


async def write_catalogue_file(
    binary: str | None,
    connection_id: str | None,
    path: Path,
    *,
    runner: Runner | None = None,
    env: Mapping[str, str] | None = None,
    transport: TransportChoice = "cli",
    access: Mapping[str, str] | None = None,
) -> int:
    """List the live catalogue now and write it, with the drift of every manifest, to ``path``."""
    backend = MembraneBackend(
        binary=binary,
        connection_id=connection_id,
        runner=runner,
        env=env,
        transport=transport,
        access=MembraneAccess(**(access or {})),
    )
    try:
        conn = await backend.connection()
        actions = await backend.live_actions()
    finally:
        await backend.aclose()
    document = catalogue_document(conn.id, actions, [spec.manifest for spec in Catalog.load()])
    write_catalogue(path, document)
    return sum(1 for lines in document["drift"].values() if lines)


def _checks(backend: MembraneBackend, binary: str | None, env: Mapping[str, str] | None) -> list[Check]:
    async def found() -> str:
        return _locate(backend, binary, env)

    async def is_membrane() -> str:
        return await backend.verify_cli()

    async def connection() -> str:
        conn = await backend.check_connection()
        return f"{conn.id}{' (' + conn.name + ')' if conn.name else ''} is {conn.state or 'usable'}"

    async def live_actions() -> str:
        actions = await backend.live_actions()
        catalog = list(Catalog.load())
        differing = sum(1 for spec in catalog if drift(spec.manifest, find_action(actions, spec.key)))
        detail = f"; {differing} of {len(catalog)} manifests differ from them (below)" if differing else ""
        return f"{len(actions)} actions{detail}"

    cli_checks: list[Check] = [
        ("membrane executable found", found),
        ("it is the Membrane CLI (@membranehq/cli)", is_membrane),
        ("logged in to Membrane", backend.login_state),
    ]
    return [
        *(cli_checks if backend.needs_cli else []),
        ("Membrane transport", backend.transport_choice),
        ("Faktoora connection ready", connection),
        ("live actions listed", live_actions),
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
