"""Behaviour every backend shows, through ``run_action`` only: the contract of docs/data-model.md."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest

from faktoora_mcp.backends.base import Backend
from faktoora_mcp.errors import Conflict, InvalidArguments, NotFound

UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"
NEW_CUSTOMER = {
    "isCompany": True,
    "name": "Vertrag Test GmbH",
    "address": "Teststraße 1",
    "postcode": "50667",
    "city": "Köln",
    "country": "DE",
    "email": "rechnung@vertrag-test.example",
}
NEW_PRODUCT = {"name": "Vertragsprüfung", "unit": "HUR", "tax": 19, "price": 95.5, "code": "CONTRACT-1"}


async def run(backend: Backend, action: str, input: dict[str, Any]) -> Any:
    return (await backend.run_action(action, input)).output


async def invoices(backend: Backend, **filters: Any) -> dict[str, Any]:
    return await run(backend, "list-outgoing-invoices", {"perPage": 1000, **filters})


def paths(error: InvalidArguments) -> set[str]:
    return {violation.path for violation in error.violations}


async def count_all(backend: Backend, action: str, per_page: int, **filters: Any) -> int:
    """How many items a list really has, by paging through it: totals are only stated when the upstream
    states them (``meta.totalItems`` is then exact, else null)."""
    count, page = 0, 1
    while True:
        data = (await run(backend, action, {"perPage": per_page, "page": page, **filters}))["data"]
        count += len(data)
        if len(data) < per_page:
            return count
        page += 1


async def test_a_created_customer_can_be_read_found_updated_and_deleted(backend: Backend) -> None:
    created = await run(backend, "create-customer", NEW_CUSTOMER)
    assert created["name"] == "Vertrag Test GmbH" and created["customerId"]
    assert await run(backend, "get-customer", {"id": created["id"]}) == created
    found = await run(backend, "list-customers", {"keyword": "Vertrag Test"})
    assert [c["id"] for c in found["data"]] == [created["id"]]
    assert (await run(backend, "list-customers", {"keyword": "Vertrag", "keywords": ["Köln"]}))["data"] == found["data"]
    assert (await run(backend, "list-customers", {"keyword": "Vertrag", "keywords": ["Berlin"]}))["data"] == []
    updated = await run(backend, "update-customer", {"id": created["id"], "email": "neu@vertrag-test.example"})
    assert updated["email"] == "neu@vertrag-test.example" and updated["city"] == "Köln"
    assert (await run(backend, "delete-customer", {"id": created["id"]}))["succeed"] is True
    with pytest.raises(NotFound):
        await run(backend, "get-customer", {"id": created["id"]})
    assert (await run(backend, "list-customers", {"keywords": ["Vertrag Test"]}))["data"] == []


async def test_a_created_product_can_be_read_found_by_code_updated_and_deleted(backend: Backend) -> None:
    created = await run(backend, "create-product", NEW_PRODUCT)
    assert (created["code"], created["unit"], created["tax"], created["price"]) == ("CONTRACT-1", "HUR", 19, 95.5)
    assert await run(backend, "get-product", {"id": created["id"]}) == created
    by_code = await run(backend, "list-products", {"code": "CONTRACT-1"})
    assert [p["id"] for p in by_code["data"]] == [created["id"]]
    updated = await run(backend, "update-product", {"id": created["id"], "price": 99.99})
    assert updated["price"] == 99.99 and updated["name"] == "Vertragsprüfung"
    assert (await run(backend, "delete-product", {"id": created["id"]}))["succeed"] is True
    with pytest.raises(NotFound):
        await run(backend, "get-product", {"id": created["id"]})
    assert (await run(backend, "list-products", {"code": "CONTRACT-1"}))["data"] == []


async def test_a_second_product_with_the_same_code_is_a_conflict(backend: Backend) -> None:
    await run(backend, "create-product", NEW_PRODUCT)
    with pytest.raises(Conflict):
        await run(backend, "create-product", {**NEW_PRODUCT, "name": "Doppelt"})


async def test_webhooks_can_be_created_updated_and_listed(backend: Backend) -> None:
    created = await run(backend, "create-webhook", {"action": "invoiceSent", "target": "https://hooks.example.com/a"})
    assert (created["action"], created["target"]) == ("invoiceSent", "https://hooks.example.com/a")
    updated = await run(backend, "update-webhook", {"id": created["id"], "target": "https://hooks.example.com/b"})
    assert (updated["action"], updated["target"]) == ("invoiceSent", "https://hooks.example.com/b")
    listed = await run(backend, "list-webhooks", {"perPage": 1000})
    assert {w["id"]: (w["action"], w["target"]) for w in listed["data"]}[updated["id"]] == (
        "invoiceSent",
        "https://hooks.example.com/b",
    )


async def test_unknown_ids_are_not_found(backend: Backend) -> None:
    for action, input in [
        ("get-customer", {"id": UNKNOWN_UUID}),
        ("get-product", {"id": UNKNOWN_UUID}),
        ("update-webhook", {"id": UNKNOWN_UUID, "target": "https://hooks.example.com/x"}),
        ("get-outgoing-invoice-content", {"faktooraId": "FZZZZZZ"}),
        ("get-outgoing-invoice-status", {"faktooraId": "FZZZZZZ"}),
        ("get-invoice-by-number", {"invoiceNumber": "1999/01/99999"}),
    ]:
        with pytest.raises(NotFound):
            await run(backend, action, input)


async def test_validation_errors_name_the_field(backend: Backend) -> None:
    with pytest.raises(InvalidArguments) as postcode:
        await run(backend, "create-customer", {**NEW_CUSTOMER, "postcode": "1234"})
    assert paths(postcode.value) == {"postcode"}
    with pytest.raises(InvalidArguments) as unit:
        await run(backend, "create-product", {**NEW_PRODUCT, "unit": "XYZ"})
    assert paths(unit.value) == {"unit"}
    with pytest.raises(InvalidArguments) as missing:
        await run(backend, "create-customer", {"isCompany": True, "name": "Ohne Adresse GmbH"})
    assert {"address", "postcode", "city"} <= paths(missing.value)


async def test_pages_report_their_totals_and_a_page_past_the_end_is_empty(backend: Backend) -> None:
    first = await run(backend, "list-outgoing-invoices", {"perPage": 7})
    meta = first["meta"]
    assert meta["page"] == 1 and meta["perPage"] in (7, None) and len(first["data"]) == 7
    total = await count_all(backend, "list-outgoing-invoices", 100)
    assert meta["totalItems"] in (total, None)  # exact when stated, never guessed
    assert meta["totalPages"] in (math.ceil(total / 7), None)
    pages = math.ceil(total / 7)
    last = await run(backend, "list-outgoing-invoices", {"perPage": 7, "page": pages})
    assert 1 <= len(last["data"]) <= 7
    past = await run(backend, "list-outgoing-invoices", {"perPage": 7, "page": pages + 1})
    assert past["data"] == [] and past["meta"]["totalItems"] == meta["totalItems"]


async def test_pages_do_not_overlap_and_cover_every_item(backend: Backend) -> None:
    total = await count_all(backend, "list-customers", 1000)
    seen = []
    for page in range(1, math.ceil(total / 4) + 1):
        seen += [c["id"] for c in (await run(backend, "list-customers", {"perPage": 4, "page": page}))["data"]]
    assert len(seen) == len(set(seen)) == total


async def test_a_page_size_above_1000_is_clamped_to_1000(backend: Backend) -> None:
    listed = await run(backend, "list-outgoing-invoices", {"perPage": 5000})
    assert listed["meta"]["perPage"] in (1000, None) and len(listed["data"]) <= 1000


async def test_lists_sort_ascending_and_descending(backend: Backend) -> None:
    for sort in ("issueDate", "dueDate", "totalGross", "invoiceNumber"):
        ascending = [i[sort] for i in (await invoices(backend, sort=sort, order="asc"))["data"]]
        descending = [i[sort] for i in (await invoices(backend, sort=sort, order="desc"))["data"]]
        assert ascending == sorted(ascending) and descending == sorted(descending, reverse=True)
    default = [i["issueDate"] for i in (await invoices(backend))["data"]]
    assert default == sorted(default, reverse=True)


async def test_the_status_filter_returns_only_the_given_statuses(backend: Backend) -> None:
    everything = await invoices(backend)
    open_ones = await invoices(backend, status=["sent", "overdue"])
    assert open_ones["data"] and {i["status"] for i in open_ones["data"]} <= {"sent", "overdue"}
    expected = sum(1 for i in everything["data"] if i["status"] in ("sent", "overdue"))
    assert len(open_ones["data"]) == expected and open_ones["meta"]["totalItems"] in (expected, None)


async def test_date_ranges_are_inclusive(backend: Backend) -> None:
    dates = sorted({i["issueDate"] for i in (await invoices(backend))["data"]})
    start, end = dates[len(dates) // 4], dates[len(dates) // 2]
    ranged = await invoices(backend, issueDateFrom=start, issueDateTo=end)
    got = [i["issueDate"] for i in ranged["data"]]
    assert got and min(got) == start and max(got) == end
    due = await invoices(backend, dueDateTo=end)
    assert all(i["dueDate"] <= end for i in due["data"])


async def test_the_keyword_finds_invoices_by_customer_name_and_number(backend: Backend) -> None:
    sample = (await run(backend, "list-outgoing-invoices", {"perPage": 1}))["data"][0]
    by_name = await invoices(backend, keyword=sample["customer"]["name"])
    assert sample["faktooraId"] in [i["faktooraId"] for i in by_name["data"]]
    assert all(i["customer"]["name"] == sample["customer"]["name"] for i in by_name["data"])
    by_number = await invoices(backend, invoiceNumber=sample["invoiceNumber"])
    assert [i["faktooraId"] for i in by_number["data"]] == [sample["faktooraId"]]


async def test_invoice_content_totals_add_up(backend: Backend) -> None:
    for summary in (await run(backend, "list-outgoing-invoices", {"perPage": 40}))["data"]:
        content = await run(backend, "get-outgoing-invoice-content", {"faktooraId": summary["faktooraId"]})
        totals = {k: Decimal(str(v)) for k, v in content["totals"].items()}
        line_nets = sum(Decimal(str(line["netAmount"])) for line in content["lines"])
        group_taxes = sum(Decimal(str(group["taxAmount"])) for group in content["vatBreakdown"])
        assert line_nets == totals["lineTotal"] == totals["taxBasis"]
        assert group_taxes == totals["taxTotal"]
        assert totals["grandTotal"] == totals["taxBasis"] + totals["taxTotal"]
        assert totals["amountDue"] == totals["grandTotal"] - totals["prepaid"]
        assert Decimal(str(summary["totalGross"])) == totals["grandTotal"]


async def test_a_draft_invoice_can_be_deleted_and_is_gone(backend: Backend) -> None:
    draft = (await invoices(backend, status=["draft"]))["data"][0]
    assert (await run(backend, "delete-invoice", {"faktooraId": draft["faktooraId"]}))["succeed"] is True
    with pytest.raises(NotFound):
        await run(backend, "get-outgoing-invoice-status", {"faktooraId": draft["faktooraId"]})


@pytest.mark.subprocess
async def test_the_membrane_variant_answers_the_same_across_a_real_process_boundary(tmp_path) -> None:
    """The other membrane variants run the fake CLI's program in this process; this one spawns it per call."""
    from tests.fixtures.fake_membrane_env import FakeCli

    cli = FakeCli(tmp_path)
    cli.env["FAKE_MEMBRANE_DB"] = str(tmp_path / "contract.sqlite3")
    backend = cli.backend(timeout=60)
    try:
        created = await run(backend, "create-customer", NEW_CUSTOMER)
        found = await run(backend, "list-customers", {"keywords": ["Vertrag Test"]})
        assert [c["id"] for c in found["data"]] == [created["id"]]
        assert len(cli.pids()) >= 3  # connection list, action list, action runs: each its own process
    finally:
        await cli.aclose()
