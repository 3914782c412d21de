"""The real server over stdio, called the way hosts are reported to call it: typed arguments as text.

The shapes come from public reports: numbers as strings (anthropics/claude-code#24597, #56539), arrays
and objects as JSON text (#32524, #93179), any parameter whose schema is `{}` as a string (#82652), and
clients that send 10115 for a string postcode.
"""

from __future__ import annotations

import sys

import pytest
from mcp import Client, StdioServerParameters

from tests.test_server import text_of
from tests.test_transports import server_env

pytestmark = pytest.mark.subprocess

CALLS = [
    ("list-outgoing-invoices", {"perPage": "3", "page": "1", "status": '["sent", "overdue"]', "all": "false"}),
    ("list-products", {"perPage": "2", "sort": "name", "order": "asc"}),
    (
        "create-customer",
        {"isCompany": "true", "name": "Neu GmbH", "address": "Hauptstr. 1", "postcode": 10115, "city": "Berlin"},
    ),
    ("create-product", {"name": "Beratung", "unit": "HUR", "tax": "19", "code": "CONS-T", "price": "95.5"}),
    (
        "api-request",
        {
            "method": "POST",
            "path": "/product",
            "body": '{"name": "Workshop", "unit": "DAY", "tax": 19, "code": "WS-T"}',
        },
    ),
    ("run-action", {"action": "list-projects", "input": '{"perPage": "2"}'}),
]


async def test_the_real_server_accepts_the_stringified_arguments_hosts_send(tmp_path):
    params = StdioServerParameters(
        command=sys.executable,
        args=[
            "-m",
            "faktoora_mcp",
            "--backend",
            "sandbox",
            "--toolsets",
            "all",
            "--sandbox-db",
            str(tmp_path / "hosts.sqlite3"),
        ],
        env=server_env(),
    )
    async with Client(params) as client:
        results = {name: await client.call_tool(name, arguments) for name, arguments in CALLS}
    failed = {name: text_of(result) for name, result in results.items() if result.is_error}
    assert failed == {}
    invoices = results["list-outgoing-invoices"].structured_content
    assert len(invoices["data"]) == 3 and {i["status"] for i in invoices["data"]} <= {"sent", "overdue"}
    assert results["create-customer"].structured_content["postcode"] == "10115"
    assert results["create-product"].structured_content["price"] == 95.5
    assert results["api-request"].structured_content["body"]["code"] == "WS-T"
    assert results["run-action"].structured_content["action"] == "list-projects"
