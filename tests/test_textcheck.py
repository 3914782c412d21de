"""Hostile values through the whole server (issue 11): each is a tool error naming the field, never a crash."""

from __future__ import annotations

import math
from typing import Any

import pytest
from mcp import Client, MCPError

from faktoora_mcp.textcheck import excerpt, problems
from tests.test_server import text_of

COMPANY = {"isCompany": True, "name": "Regel GmbH", "address": "Regelweg 1", "postcode": "10115", "city": "Berlin"}


async def refusal(client: Client, tool: str, arguments: dict[str, Any]) -> str:
    result = await client.call_tool(tool, arguments)
    text = text_of(result)
    assert result.is_error, text
    assert "internal error" not in text and len(text) < 2000, text[:300]
    return text


@pytest.mark.parametrize(
    ("tool", "arguments", "field"),
    [
        ("create-customer", COMPANY | {"email": "a@" + "." * 100_000 + " "}, "email:"),
        ("list-products", {"keyword": "a" * 50_001}, "keyword:"),
        ("list-customers", {"page": 2**63}, "page:"),
        ("create-product", {"name": "X", "unit": "C62", "tax": 19, "code": "x" * 1_000_000}, "code:"),
        ("create-product", {"name": "X", "unit": "C62", "tax": 19, "estimate": 1e20}, "estimate:"),
        ("create-product", {"name": "X", "unit": "C62", "tax": 19, "price": math.nan}, "price:"),
        ("create-product", {"name": "X", "unit": "C62", "tax": 19, "price": math.inf}, "price:"),
        ("create-product", {"name": "X\x00", "unit": "C62", "tax": 19}, "name:"),
        ("create-product", {"name": "\ud83d", "unit": "C62", "tax": 19}, "name:"),
        ("create-product", {"name": " \t ", "unit": "C62", "tax": 19}, "name:"),
        ("create-product", {"name": "X", "unit": "XX", "tax": 19}, "unit:"),
        ("create-customer", COMPANY | {"name": "   "}, "name:"),
        ("create-customer", {k: v for k, v in COMPANY.items() if k != "name"}, "name:"),
        ("create-webhook", {"action": "invoiceSent", "target": "http://169.254.169.254/latest"}, "target:"),
        ("create-webhook", {"action": "invoiceSent", "target": "https://a.example.com/\r\nHost: x"}, "target:"),
        ("update-webhook", {"id": "w-1"}, "action or target"),
        ("get-customer", {"id": "c" * 101}, "id:"),
    ],
)
async def test_hostile_input_is_a_tool_error_naming_the_field(sandbox_app, tool, arguments, field) -> None:
    async with Client(sandbox_app.server) as client:
        assert field in await refusal(client, tool, arguments)


async def test_an_unknown_id_of_any_shape_reaches_the_backend_and_is_not_found(sandbox_app) -> None:
    async with Client(sandbox_app.server) as client:
        text = await refusal(client, "get-customer", {"id": "c-404"})
    assert text == "No customer with id 'c-404'; find ids with list-customers."


async def test_a_dry_run_runs_the_backend_s_rules_and_changes_nothing(sandbox_app) -> None:
    async with Client(sandbox_app.server) as client:
        bad_postcode = await refusal(client, "create-customer", COMPANY | {"postcode": "1011", "dryRun": True})
        unknown = await refusal(client, "delete-invoice", {"faktooraId": "FNOPE00", "dryRun": True})
        before = (await client.call_tool("list-customers", {"perPage": 1})).structured_content["meta"]["totalItems"]
        good = await client.call_tool("create-customer", COMPANY | {"dryRun": True})
        after = (await client.call_tool("list-customers", {"perPage": 1})).structured_content["meta"]["totalItems"]
    assert "postcode: must be 5 digits for DE" in bad_postcode
    assert "No outgoing invoice with faktooraId 'FNOPE00'" in unknown
    assert good.structured_content["dryRun"] is True and "rolled back" in good.structured_content["checked"]
    assert before == after


async def test_a_month_past_the_calendar_is_a_clean_invalid_params_error(sandbox_app) -> None:
    async with Client(sandbox_app.server) as client:
        with pytest.raises(MCPError, match="not a month"):
            await client.get_prompt("month-end-overview", {"month": "9999-12"})


def test_problems_name_each_field_and_allow_line_breaks_only_in_running_text() -> None:
    found = problems({"name": "a\nb", "description": "a\nb", "lines": [{"x": 1.0, "y": math.nan}], "k\x00": 1})
    assert [v.path for v in found] == ["name", "lines[0].y", "k\x00"]


def test_an_excerpt_is_short_and_printable() -> None:
    assert excerpt("x" * 10_000) == repr("x" * 40) + "… (10,000 characters)"
    assert "\x00" not in excerpt("a\x00b") and "\\ud800" in excerpt("a\ud800b")
