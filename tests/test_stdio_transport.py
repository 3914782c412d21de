"""Over stdio every request with an id gets exactly one answer, also when the SDK cannot read it.

The real server as a subprocess: each malformed request below was dropped without a word before
(``faktoora_mcp.jsonrpc_guard`` says why), so a client waited forever.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from tests.test_transports import STARTUP_TIMEOUT, jsonrpc, server_env

pytestmark = pytest.mark.subprocess

INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 0,
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}},
}
CALL = '"method": "tools/call", "params": {"name": "list-customers", "arguments": '
MALFORMED = {  # id -> the raw line
    1: b'{"jsonrpc": "1.0", "id": 1, "method": "tools/list"}',
    2: b'{"jsonrpc": "2.0", "id": 2, "method": 42}',
    3: b'{"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": ["list-customers"]}',
    4: b'{"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": "list-customers"}',
    5: ('{"jsonrpc": "2.0", "id": 5, ' + CALL + '{"x": ' + "[" * 300 + "]" * 300 + "}}}").encode(),
    6: ('{"jsonrpc": "2.0", "id": 6, ' + CALL + '{"x": "\\udc00"}}}').encode(),
    7: ('{"jsonrpc": "2.0", "id": 7, ' + CALL + '{"x": ' + "9" * 5000 + "}}}").encode(),
    8: ('{"jsonrpc": "2.0", "id": 8, ' + CALL + '{"keyword": "M\xfcller"}}}').encode("latin-1"),  # not UTF-8
}
ANONYMOUS = [  # no id can be read: answered with id null
    b'[{"jsonrpc": "2.0", "id": 9, "method": "tools/list"}]',
    b'{"jsonrpc": "2.0", "id": 1.5, "method": "tools/list"}',
    b'{"jsonrpc": "2.0", "id": null, "method": "tools/list"}',
    b"{this is not json",
]


def test_every_malformed_request_gets_exactly_one_answer_with_the_right_code(tmp_path) -> None:
    command = [sys.executable, "-m", "faktoora_mcp", "--sandbox-db", str(tmp_path / "s.sqlite3")]
    server = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=server_env(FAKTOORA_MCP_BACKEND="sandbox"),
    )
    watchdog = threading.Timer(STARTUP_TIMEOUT, server.kill)  # a silent server fails the test instead of hanging
    watchdog.start()
    lines = [jsonrpc(INITIALIZE), *(line + b"\n" for line in [*MALFORMED.values(), *ANONYMOUS])]
    lines.append(jsonrpc({"jsonrpc": "2.0", "id": 99, "method": "tools/list"}))  # answered last: all are in
    try:
        server.stdin.write(b"".join(lines))
        server.stdin.flush()
        replies = []
        while not any(reply.get("id") == 99 for reply in replies):
            line = server.stdout.readline()
            assert line, f"the server closed stdout; answered so far: {replies}"
            replies.append(json.loads(line))
        server.stdin.close()
        server.wait()
    finally:
        watchdog.cancel()
    by_id: dict[object, list[dict]] = {}
    for reply in replies:
        by_id.setdefault(reply.get("id"), []).append(reply)
    for request_id in MALFORMED:
        assert [r["error"]["code"] for r in by_id.get(request_id, [])] == [-32600], (request_id, by_id.get(request_id))
    assert sorted(r["error"]["code"] for r in by_id[None]) == [-32700, -32600, -32600, -32600]
    assert "params must be an object" in by_id[3][0]["error"]["message"]
