"""``faktoora-mcp``: serve (the default), list the tools, call one tool, or check the Membrane set-up.

Thin on purpose: flags and environment become a ``Config`` (``config.py``), logs go to stderr, and the
rest happens in ``app.py``. While serving over stdio nothing is written to stdout but protocol messages.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import anyio

from faktoora_mcp import __version__
from faktoora_mcp.commandline import USAGE_EXIT, build_parser
from faktoora_mcp.config import Config, check_backend, load_config, membrane_access
from faktoora_mcp.errors import ConfigError, FaktooraError


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = load_config(vars(args))
    except ConfigError as exc:  # a bad environment value: one line naming the variable and the flag
        print(f"faktoora-mcp: {exc.message}", file=sys.stderr)
        return USAGE_EXIT
    _configure_logging(config)
    command = getattr(args, "command", None)
    try:
        if command in ("tools", "call", None):
            check_backend(config)
        if command == "tools":
            return anyio.run(_tools, config, getattr(args, "json", False))
        if command == "call":
            return anyio.run(_call, config, args.tool, args.arguments)
        if command == "doctor":
            return anyio.run(_doctor, config)
        if command == "catalogue":
            return _catalogue(config, getattr(args, "output", None))
        return anyio.run(_serve, config)
    except ConfigError as exc:
        print(f"faktoora-mcp: {exc.message}", file=sys.stderr)
        return USAGE_EXIT
    except KeyboardInterrupt:
        return 130


SHUTDOWN_GRACE = 5.0
"""Seconds a signalled server gives its backend to close (kill CLI processes, close the database)."""


def _configure_logging(config: Config) -> None:
    logging.basicConfig(
        stream=sys.stderr,
        level=config.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from faktoora_mcp.redaction import redact_logs

    redact_logs(logging.getLogger().handlers)  # whoever logs (the SDK, uvicorn, a traceback): no secret leaves


async def _serve(config: Config) -> int:
    from faktoora_mcp.app import build_app, check_transport, serve
    from faktoora_mcp.listener import check_listen

    # Before the task group and the banner, so a refusal (no token, port taken) is one plain line, exit 2.
    check_transport(config)
    if config.transport == "http":
        check_listen(config)
    app = build_app(config)
    logging.getLogger("faktoora_mcp").warning("%s", _banner(app))
    async with anyio.create_task_group() as group:
        group.start_soon(_exit_on_signal, app)
        await serve(app)
        group.cancel_scope.cancel()
    return 0


async def _exit_on_signal(app: Any) -> None:
    """On SIGINT or SIGTERM close the backend (no Membrane process outlives the server) and leave at once.
    A graceful cancel cannot finish: the stdio transport reads stdin in a worker thread that no cancellation
    interrupts, so the server would only stop once the host closed stdin."""
    with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
        async for received in signals:
            logging.getLogger("faktoora_mcp").warning("stopping on %s", signal.Signals(received).name)
            with anyio.move_on_after(SHUTDOWN_GRACE, shield=True):
                await app.backend.aclose()
            logging.shutdown()
            os._exit(128 + int(received))


def _banner(app: Any) -> str:
    from faktoora_mcp.whereabouts import where

    mode = " read-only" if app.config.read_only else ""
    return (
        f"faktoora-mcp {__version__} serving {len(app.dispatcher.listed())} tools over {app.config.transport}{mode}; "
        f"{where(app.config, app.asked)}"
    )


def _say_where(app: Any) -> None:
    """The sandbox says so once beside a command's output (on stderr, so the output stays JSON to pipe)."""
    from faktoora_mcp.whereabouts import where

    if app.config.backend == "sandbox":
        print(f"faktoora-mcp: {where(app.config, app.asked)}", file=sys.stderr)


async def _tools(config: Config, as_json: bool) -> int:
    from mcp import Client

    from faktoora_mcp.app import build_app, running

    async with running(build_app(config)) as app, Client(app.server) as client:
        listed = await client.list_tools()
    _say_where(app)
    if as_json:
        _out(json.dumps(listed.model_dump(by_alias=True, mode="json", exclude_none=True)["tools"], indent=2))
        return 0
    for tool in listed.tools:
        notes = tool.annotations
        kind = (
            "read " if notes and notes.read_only_hint else ("DELETE" if notes and notes.destructive_hint else "write")
        )
        _out(f"{tool.name:32} {kind:6} {tool.title}")
    return 0


async def _call(config: Config, tool: str, raw_arguments: str) -> int:
    from mcp import Client

    from faktoora_mcp.app import build_app, running

    try:
        arguments = json.loads(raw_arguments)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"ARGUMENTS is not valid JSON ({exc.msg} at column {exc.colno}); pass e.g. '{{}}'.") from None
    if not isinstance(arguments, dict):
        raise ConfigError("ARGUMENTS must be a JSON object, e.g. '{\"perPage\": 5}'.")
    async with running(build_app(config)) as app, Client(app.server) as client:
        result = await client.call_tool(tool, arguments)
    _say_where(app)
    if result.is_error:
        print("".join(getattr(block, "text", "") for block in result.content), file=sys.stderr)
        return 1
    shown = result.structured_content if result.structured_content is not None else result.content[0].text
    _out(json.dumps(shown, indent=2, ensure_ascii=False) if not isinstance(shown, str) else shown)
    return 0


async def _doctor(config: Config) -> int:
    from faktoora_mcp.doctor import run_doctor

    code = await run_doctor(
        config.membrane_bin,
        config.connection_id,
        out=_out,
        transport=config.membrane_transport,
        access=membrane_access(),
    )
    _doctor_says_where(config)
    return code


def _doctor_says_where(config: Config) -> None:
    """The checks are about Membrane; whether the server would serve the demo data instead is said here."""
    from faktoora_mcp.config import resolve_backend
    from faktoora_mcp.whereabouts import where

    try:
        resolved = resolve_backend(config)
    except ConfigError as exc:  # a --membrane-bin that is missing: the server would refuse to start
        _out(f"note the server would not start: {exc.message}")
        return
    if resolved.backend == "sandbox":
        said = where(resolved, config)
        _out(f"note the server {said[0].lower()}{said[1:]}")


def _catalogue(config: Config, output: str | None) -> int:
    from faktoora_mcp.app import catalogue_cache_path
    from faktoora_mcp.doctor import write_catalogue_file

    path = Path(output).expanduser() if output else catalogue_cache_path(config)
    if path is None:
        raise ConfigError("catalogue: --catalogue-cache is off; name a file with --output FILE.")
    try:
        differing = anyio.run(
            partial(write_catalogue_file, transport=config.membrane_transport, access=membrane_access()),
            config.membrane_bin,
            config.connection_id,
            path,
        )
    except FaktooraError as exc:
        print(f"faktoora-mcp: {exc.message}", file=sys.stderr)
        return 1
    _out(f"wrote the live catalogue to {path}; {differing} manifests differ from their live action")
    return 0


def _out(text: str) -> None:
    """Command output (tools, call, doctor) goes to stdout; never used while serving."""
    sys.stdout.write(text + "\n")
