"""Running one CLI command as a child process: argv only, bounded output, the whole group killed on timeout.

The backend talks to this through the ``Runner`` seam, so tests replace it with a plain async function.
A runner returns a ``CompletedRun`` for any exit code; it raises ``TimeoutError`` when the deadline passed
(the process group is already dead and reaped by then), ``OSError`` when the program cannot be started,
and ``BackendProtocolError`` when the output exceeds the cap.

Each child leads a process group of its own, so a timeout kills everything it started (Node, npx, their
children). Signals sent to the server do not reach those groups, so a ``Guardian`` (one small process per
server, started with the first child) holds their ids and kills them when the server is gone, however it
ended: a normal exit, SIGTERM, SIGINT, or SIGKILL, which no handler in the server could catch.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import anyio
from anyio import CancelScope
from anyio.abc import ByteReceiveStream, Process

from faktoora_mcp.errors import BackendProtocolError

logger = logging.getLogger(__name__)

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


GUARDIAN_NAME = "faktoora-mcp-guardian"
"""The guardian's argv[1]: how ``ps`` (and the tests) tell it apart from a Membrane child."""
GUARDIAN_EXIT_WAIT = 1.0
"""Seconds to wait for the guardian to exit once told to: it only reads a pipe to its end."""
_GUARDIAN_SOURCE = """
import os, signal, sys
groups = set()
for line in sys.stdin:
    sign, pid = line[:1], int(line[1:] or 0)
    if pid > 1:
        (groups.add if sign == "+" else groups.discard)(pid)
for pid in groups:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
"""


class Guardian:
    """A watcher process that kills the registered process groups once this process is gone.

    It reads ``+pid``/``-pid`` lines on a pipe whose only writer is this process; the kernel closes the pipe
    whatever ends this process, and at end-of-file the guardian kills every group still registered. It runs
    in a session of its own, so a Ctrl-C meant for the server does not stop it first.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self.groups: set[int] = set()

    def watch(self, pid: int) -> None:
        self.groups.add(pid)
        self._send(f"+{pid}\n")

    def forget(self, pid: int) -> None:
        self.groups.discard(pid)
        self._send(f"-{pid}\n")

    def kill_all(self) -> None:
        """Kill every group still running (the backend is closing), then let the guardian go."""
        for pid in list(self.groups):
            kill_group(pid)
        self.groups.clear()
        if self._process is not None:
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                self._process.stdin.close()  # type: ignore[union-attr]  # always a pipe
                self._process.wait(GUARDIAN_EXIT_WAIT)
            self._process = None

    def _send(self, line: str) -> None:
        try:
            if self._process is None or self._process.poll() is not None:
                self._process = self._start()
            self._process.stdin.write(line.encode())  # type: ignore[union-attr]  # always a pipe
            self._process.stdin.flush()  # type: ignore[union-attr]
        except OSError as exc:  # without a guardian, only a hard kill of the server can leave orphans
            logger.warning("the process guardian is not running (%s); a killed server may leave orphans", exc)

    @staticmethod
    def _start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and a fixed script, never a shell
            [sys.executable, "-I", "-S", "-c", _GUARDIAN_SOURCE, GUARDIAN_NAME],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


class SubprocessRunner:
    """The default runner: a new session per child so that a timeout can kill everything it started."""

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        *,
        max_output: int = MAX_OUTPUT_BYTES,
        guardian: Guardian | None = None,
    ) -> None:
        self._env = dict(env) if env is not None else None
        self._max_output = max_output
        self.guardian = guardian or Guardian()

    async def __call__(self, argv: Sequence[str], timeout: float) -> CompletedRun:  # noqa: ASYNC109 - the Runner seam
        process = await anyio.open_process(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self._env if self._env is not None else dict(os.environ),
            start_new_session=True,
        )
        self.guardian.watch(process.pid)
        out, err = _Capture(self._max_output), _Capture(self._max_output)
        try:
            with anyio.move_on_after(timeout) as deadline:
                await _collect(process, out, err)
        finally:
            await _reap(process)
            self.guardian.forget(process.pid)
        if out.overflow or err.overflow:
            raise BackendProtocolError(
                f"The Membrane CLI printed more than {self._max_output // (1024 * 1024)} MiB (output too large); "
                "it was stopped. Narrow the request (smaller perPage, a filter) and try again."
            )
        if deadline.cancelled_caught:
            raise TimeoutError(f"killed after {timeout:g} s")
        returncode = process.returncode if process.returncode is not None else -1
        return CompletedRun(returncode, out.text(), err.text())

    def close(self) -> None:
        """Kill whatever is still running (a call in flight when the server stops)."""
        self.guardian.kill_all()


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
