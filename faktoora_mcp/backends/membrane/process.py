"""Running one CLI command as a child process: argv only, bounded output, the whole group killed on timeout.

The backend talks to this through the ``Runner`` seam, so tests replace it with a plain async function.
A runner returns a ``CompletedRun`` for any exit code; it raises ``TimeoutError`` when the deadline passed
(the process group is already dead and reaped by then), ``OSError`` when the program cannot be started,
and ``BackendProtocolError`` when the output exceeds the cap.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import anyio
from anyio import CancelScope
from anyio.abc import ByteReceiveStream, Process

from faktoora_mcp.errors import BackendProtocolError

MAX_OUTPUT_BYTES = 8 * 1024 * 1024
"""Per stream. A full page of 1000 Faktoora records is far below this; more means a runaway child."""


@dataclass(frozen=True, slots=True)
class CompletedRun:
    """What a finished command printed and how it exited."""

    returncode: int
    stdout: str
    stderr: str


class Runner(Protocol):
    """Runs ``argv`` (never through a shell) with a deadline in seconds."""

    def __call__(self, argv: Sequence[str], timeout: float) -> Awaitable[CompletedRun]: ...


@dataclass(slots=True)
class _Capture:
    """One output stream, collected up to a byte limit."""

    limit: int
    chunks: list[bytes] = field(default_factory=list)
    size: int = 0
    overflow: bool = False

    def add(self, chunk: bytes) -> bool:
        """Keep ``chunk``; ``False`` once the limit is passed."""
        self.size += len(chunk)
        self.overflow = self.size > self.limit
        if not self.overflow:
            self.chunks.append(chunk)
        return not self.overflow

    def text(self) -> str:
        return b"".join(self.chunks).decode("utf-8", errors="replace")


class SubprocessRunner:
    """The default runner: a new session per child so that a timeout can kill everything it started."""

    def __init__(self, env: Mapping[str, str] | None = None, *, max_output: int = MAX_OUTPUT_BYTES) -> None:
        self._env = dict(env) if env is not None else None
        self._max_output = max_output

    async def __call__(self, argv: Sequence[str], timeout: float) -> CompletedRun:  # noqa: ASYNC109 - the Runner seam
        process = await anyio.open_process(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self._env if self._env is not None else dict(os.environ),
            start_new_session=True,
        )
        out, err = _Capture(self._max_output), _Capture(self._max_output)
        try:
            with anyio.move_on_after(timeout) as deadline:
                await _collect(process, out, err)
        finally:
            await _reap(process)
        if out.overflow or err.overflow:
            raise BackendProtocolError(
                f"The Membrane CLI printed more than {self._max_output // (1024 * 1024)} MiB (output too large); "
                "it was stopped. Narrow the request (smaller perPage, a filter) and try again."
            )
        if deadline.cancelled_caught:
            raise TimeoutError(f"killed after {timeout:g} s")
        returncode = process.returncode if process.returncode is not None else -1
        return CompletedRun(returncode, out.text(), err.text())


async def _collect(process: Process, out: _Capture, err: _Capture) -> None:
    """Read both streams to their end, then wait for the exit; stop early when a stream overflows."""
    async with anyio.create_task_group() as group:
        group.start_soon(_drain, process.stdout, out, group.cancel_scope)
        group.start_soon(_drain, process.stderr, err, group.cancel_scope)
    if not (out.overflow or err.overflow):
        await process.wait()


async def _drain(stream: ByteReceiveStream | None, capture: _Capture, scope: CancelScope) -> None:
    if stream is None:
        return
    async for chunk in stream:
        if not capture.add(chunk):
            scope.cancel()
            return


async def _reap(process: Process) -> None:
    """Kill whatever is left of the child's process group, then wait for the child: no orphans, no zombies."""
    with anyio.CancelScope(shield=True):
        kill_group(process.pid)
        await process.aclose()


def kill_group(pid: int) -> None:
    """SIGKILL the process group led by ``pid``; a group that is already gone is fine."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
