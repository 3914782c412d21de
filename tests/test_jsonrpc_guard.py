"""What the JSON-RPC guard answers for a message the SDK would drop or misread (both transports use it)."""

from __future__ import annotations

import pytest

from faktoora_mcp.jsonrpc_guard import INVALID_REQUEST, PARSE_ERROR, check

VALID = [
    b'{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}',
    b'{"jsonrpc": "2.0", "id": "a", "method": "tools/call", "params": {"name": "x", "arguments": {}}}',
    b'{"jsonrpc": "2.0", "method": "notifications/initialized"}',
    b'{"jsonrpc": "2.0", "id": 7, "result": {}}',  # the client's answer to a request of the server's
]


@pytest.mark.parametrize("raw", VALID)
def test_what_the_sdk_reads_correctly_passes(raw: bytes) -> None:
    assert check(raw) is None


@pytest.mark.parametrize(
    ("raw", "code", "request_id", "says"),
    [
        (b'{"jsonrpc": "2.0", "id": 1.5, "method": "tools/list"}', INVALID_REQUEST, None, "id must be"),
        (b'{"jsonrpc": "2.0", "id": null, "method": "tools/list"}', INVALID_REQUEST, None, "not null"),
        (b'{"jsonrpc": "2.0", "id": true, "method": "tools/list"}', INVALID_REQUEST, None, "not true"),
        (b'{"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": [1]}', INVALID_REQUEST, 3, "params"),
        (b'{"jsonrpc": "2", "id": "q", "method": "tools/list"}', INVALID_REQUEST, "q", "jsonrpc"),
        (b'[{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}]', INVALID_REQUEST, None, "batches"),
        (b"[]", INVALID_REQUEST, None, "batches"),
        (b"{oops", PARSE_ERROR, None, "not JSON"),
        (b"[" * 50_000, PARSE_ERROR, None, "deeper"),
        (b'{"jsonrpc": "2.0", "id": 4, "method": "m", "params": {"k\xff": 1}}', INVALID_REQUEST, 4, "UTF-8"),
        (b'{"jsonrpc": "2.0", "id": 5, "method": "m", "params": {"\\ud800": 1}}', INVALID_REQUEST, 5, "surrogate"),
    ],
)
def test_what_the_sdk_would_drop_is_answered(raw: bytes, code: int, request_id: object, says: str) -> None:
    refusal = check(raw)
    assert refusal is not None
    assert (refusal.code, refusal.id) == (code, request_id)
    assert says in refusal.message


def test_a_hostile_key_is_not_repeated_in_full() -> None:
    key = "k" * 1_000_000
    refusal = check(('{"jsonrpc": "2.0", "id": 1, "method": "m", "params": {"' + key + '": "\\udfff"}}').encode())
    assert refusal is not None and len(refusal.message) < 500
