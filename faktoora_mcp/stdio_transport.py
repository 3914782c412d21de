"""The stdio transport: the SDK's, with every line checked first so that a request it cannot read is answered.

The SDK decodes stdin with ``errors="replace"`` (invalid UTF-8 became U+FFFD and was stored) and drops lines
it cannot parse without a word. Here stdin is decoded with ``surrogateescape``, so invalid bytes stay
visible, and each line goes through ``jsonrpc_guard.check``; a refused line is answered on the SDK's own
write stream (one writer, so answers never interleave) and never reaches the server.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
from mcp.server import stdio as sdk_stdio
from mcp.shared.message import SessionMessage

from faktoora_mcp.jsonrpc_guard import Refusal, check

logger = logging.getLogger(__name__)


class CheckedLines:
    """The lines of stdin that the SDK can read; the others are answered through ``answer``."""

    def __init__(self, lines: Any) -> None:
        self._lines = lines
        self.answer: Callable[[Refusal], Awaitable[None]] | None = None

    async def __aiter__(self) -> AsyncIterator[str]:
        async for line in self._lines:
            if not line.strip():
                continue  # a blank line is no message, and the SDK would only log a parse failure for it
            refusal = check(line)
            if refusal is None:
                yield line
            elif self.answer is not None:
                logger.info("Refused a message: %s", refusal.message)
                await self.answer(refusal)


@asynccontextmanager
async def checked_stdio_server() -> AsyncIterator[tuple[Any, Any]]:
    """``mcp.server.stdio.stdio_server`` with its stdin claimed the SDK's way but decoded and checked here.

    It uses the SDK's ``_claim_fd`` (fd 0 diverted to /dev/null while serving, so children read EOF),
    pinned by ``mcp>=2.3,<3``; ``tests/test_stdio_transport.py`` fails if it changes shape.
    """
    buffer, restore = sdk_stdio._claim_fd(0, sys.stdin, "rb", sdk_stdio._open_stdin_diversion)
    text = sdk_stdio._UnownedTextWrapper(buffer, encoding="utf-8", errors="surrogateescape")
    lines = CheckedLines(anyio.wrap_file(text))
    try:
        async with sdk_stdio.stdio_server(stdin=lines) as (read_stream, write_stream):  # type: ignore[arg-type]

            async def answer(refusal: Refusal) -> None:
                await write_stream.send(SessionMessage(refusal.as_message()))

            lines.answer = answer
            yield read_stream, write_stream
    finally:
        if restore is not None:
            restore()
