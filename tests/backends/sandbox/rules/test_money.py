"""EN 16931 arithmetic: line nets, VAT per rate group, exact invoice totals, the Kleinunternehmer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.rules.money import Line, totals, vat_breakdown
from faktoora_mcp.errors import InvalidArguments
from tests.backends.sandbox.calls import COMPANY, run


def test_line_nets_round_half_up_to_cents() -> None:
    assert Line(Decimal(3), Decimal("19.99"), "S", Decimal(19)).net == Decimal("59.97")
    assert Line(Decimal("0.5"), Decimal("0.05"), "S", Decimal(19)).net == Decimal("0.03")  # 0.025, not banker's 0.02
    assert Line(Decimal("2.5"), Decimal("12.3456"), "S", Decimal(19)).net == Decimal("30.86")


def test_three_at_19_99_with_19_percent_vat() -> None:
    result = totals([Line(Decimal(3), Decimal("19.99"), "S", Decimal(19))])
    assert (result.tax_basis, result.tax_total, result.grand_total) == (
        Decimal("59.97"),
        Decimal("11.39"),
        Decimal("71.36"),
    )


def test_vat_is_rounded_once_per_rate_group_not_per_line() -> None:
    lines = [Line(Decimal(1), Decimal("0.10"), "S", Decimal(7)) for _ in range(5)]
    per_line = sum(round(line.net * Decimal("0.07"), 2) for line in lines)
    assert per_line == Decimal("0.05")
    assert totals(lines).tax_total == Decimal("0.04")  # 0.50 × 7 % = 0.035 -> 0.04


def test_vat_groups_are_per_category_and_rate() -> None:
    lines = [
        Line(Decimal(1), Decimal(100), "S", Decimal(19)),
        Line(Decimal(2), Decimal(10), "S", Decimal(7)),
        Line(Decimal(1), Decimal(50), "S", Decimal(19)),
        Line(Decimal(1), Decimal(5), "Z", Decimal(0)),
    ]
    groups = {(g.category, g.rate): (g.taxable, g.tax) for g in vat_breakdown(lines)}
    assert groups == {
        ("S", Decimal(19)): (Decimal(150), Decimal("28.50")),
        ("S", Decimal(7)): (Decimal(20), Decimal("1.40")),
        ("Z", Decimal(0)): (Decimal(5), Decimal(0)),
    }


async def test_a_created_invoice_has_exact_totals_and_one_vat_group_per_rate(sandbox: SandboxBackend) -> None:
    customer = await run(sandbox, "create-customer", COMPANY)
    lines = [
        {"name": "Kabel", "quantity": 3, "unitPrice": 19.99, "vatRate": 19, "unitCode": "H87"},
        *({"name": f"Heft {n}", "quantity": 1, "unitPrice": 0.10, "vatRate": 7} for n in range(5)),
    ]
    created = await run(sandbox, "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines})
    content = await run(sandbox, "get-outgoing-invoice-content", {"faktooraId": created["faktooraId"]})
    assert [(g["rate"], g["taxableAmount"], g["taxAmount"]) for g in content["vatBreakdown"]] == [
        (19, 59.97, 11.39),
        (7, 0.5, 0.04),
    ]
    assert content["totals"] == {
        "lineTotal": 60.47,
        "taxBasis": 60.47,
        "taxTotal": 11.43,
        "grandTotal": 71.9,
        "prepaid": 0,
        "amountDue": 71.9,
    }
    assert created["status"] == "draft" and created["totalGross"] == 71.9


async def test_a_kleinunternehmer_charges_no_vat_and_says_why(sandbox: SandboxBackend) -> None:
    await run(sandbox, "update-account-settings", {"smallBusiness": True})
    with pytest.raises(InvalidArguments) as refused:
        await run(sandbox, "create-product", {"name": "Beratung", "unit": "HUR", "tax": 19})
    assert refused.value.violations[0].path == "tax" and "§ 19 UStG" in refused.value.violations[0].message
    product = await run(sandbox, "list-products", {"perPage": 1, "sort": "price"})
    customer = await run(sandbox, "create-customer", COMPANY)
    created = await run(
        sandbox,
        "create-outgoing-invoice",
        {"customerId": customer["id"], "lines": [{"productId": product["data"][0]["id"], "quantity": 2}]},
    )
    content = await run(sandbox, "get-outgoing-invoice-content", {"faktooraId": created["faktooraId"]})
    assert {(line["vatCategory"], line["vatRate"]) for line in content["lines"]} == {("E", 0)}
    assert [g["category"] for g in content["vatBreakdown"]] == ["E"]
    assert content["vatBreakdown"][0]["exemptionReason"].startswith("Gemäß § 19 UStG")
    assert content["notes"] == ["Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."]
    assert content["totals"]["taxTotal"] == 0
