"""Prompts list, render with their arguments, refuse bad ones, and complete arguments."""

from __future__ import annotations

import datetime as dt

import pytest
from mcp import MCPError

from faktoora_mcp.backends.base import HandlerBackend
from faktoora_mcp.prompts import month_bounds, recent_months


def invoices(action: str, args: dict) -> dict:
    numbers = ["2026/10/00041", "2026/10/00042", "2026/09/00040"]
    keyword = args.get("keyword", "")
    rows = [
        {"faktooraId": f"F00000{i}", "invoiceNumber": n, "status": "sent"}
        for i, n in enumerate(numbers)
        if keyword in n
    ]
    return {"data": rows, "meta": {"page": 1, "perPage": 20, "totalItems": len(rows), "totalPages": 1}}


async def test_four_prompts_are_listed_with_their_arguments(make_app, client_for):
    async with client_for(make_app(HandlerBackend(invoices))) as client:
        prompts = {p.name: p for p in (await client.list_prompts()).prompts}
    assert set(prompts) == {
        "review-overdue-invoices",
        "onboard-customer",
        "month-end-overview",
        "explain-invoice-status",
    }
    assert [(a.name, a.required) for a in prompts["month-end-overview"].arguments] == [("month", True)]


async def test_a_prompt_renders_its_arguments_into_tool_guidance(make_app, client_for):
    async with client_for(make_app(HandlerBackend(invoices))) as client:
        result = await client.get_prompt("month-end-overview", {"month": "2026-02"})
    text = result.messages[0].content.text
    assert "issueDateFrom 2026-02-01, issueDateTo 2026-02-28" in text and "list-incoming-invoices" in text


@pytest.mark.parametrize(
    ("name", "arguments", "fragment"),
    [
        ("month-end-overview", {}, "month: required"),
        ("month-end-overview", {"month": "Feb"}, "'Feb' is not a month; use YYYY-MM"),
        ("write-a-poem", {}, "no prompt named 'write-a-poem'"),
    ],
)
async def test_bad_prompt_arguments_are_a_clear_protocol_error(make_app, client_for, name, arguments, fragment):
    async with client_for(make_app(HandlerBackend(invoices))) as client:
        with pytest.raises(MCPError) as caught:
            await client.get_prompt(name, arguments)
    assert fragment in str(caught.value)


async def test_invoice_numbers_complete_from_the_backend(make_app, client_for):
    from mcp.types import PromptReference

    async with client_for(make_app(HandlerBackend(invoices))) as client:
        result = await client.complete(
            PromptReference(name="explain-invoice-status"), {"name": "invoiceNumber", "value": "2026/10"}
        )
    assert result.completion.values == ["2026/10/00041", "2026/10/00042"]


def test_months_complete_backwards_from_today_and_know_their_last_day():
    assert recent_months(dt.date(2026, 1, 15), 3) == ["2026-01", "2025-12", "2025-11"]
    assert month_bounds("2024-02") == ("2024-02-01", "2024-02-29")
