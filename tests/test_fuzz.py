"""Property-based calls to every tool, from its advertised input schema, valid and hostile (issue 11).

Fixed seed, about 20 valid and 20 hostile inputs per tool and per discovered action: no call may end in an
internal error or a protocol error, every success must validate against the tool's output schema, and no
call may hold the server for more than ``SLOW_CALL_S``. ``benchmarks/fuzz.py --calls 10000`` is the long run.
"""

from __future__ import annotations

import logging

from mcp import Client

from faktoora_mcp.app import build_app
from faktoora_mcp.config import Config
from tests.fixtures.fuzzing import fuzz

PER_TARGET = 20
"""Inputs of each kind per target: about 1,900 calls, some 25 s on a loaded 2-core machine."""


async def test_no_generated_input_crashes_stalls_or_breaks_an_output_schema(tmp_path, caplog) -> None:
    caplog.set_level(logging.CRITICAL, logger="faktoora_mcp")  # incidents are collected, not printed
    app = build_app(Config(backend="sandbox", sandbox_db=str(tmp_path / "fuzz.sqlite3")))
    async with Client(app.server) as client:
        findings = await fuzz(client, per_target=PER_TARGET, seed=11)
    assert findings.problems == []
    assert findings.outcomes["ok"] > findings.calls // 10  # the valid stream reaches real records
    assert findings.outcomes["refused"] > findings.calls // 3  # and the hostile one is refused
