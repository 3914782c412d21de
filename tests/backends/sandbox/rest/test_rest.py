"""The sandbox's REST surface: Faktoora's paths, status codes and NestJS error bodies."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from faktoora_mcp.backends.base import ApiRequest, ApiResponse
from faktoora_mcp.backends.sandbox import SandboxBackend

PRODUCT = {"name": "REST-Artikel", "unit": "H87", "tax": 19, "price": 12.5, "code": "REST-1"}
CUSTOMER = {"isCompany": True, "name": "REST GmbH", "address": "Weg 1", "postcode": "10115", "city": "Berlin"}


async def call(backend: SandboxBackend, method: str, path: str, **parts: Any) -> ApiResponse:
    return await backend.request(ApiRequest(method, path, **parts))  # type: ignore[arg-type]


async def a_draft(backend: SandboxBackend) -> dict[str, Any]:
    listed = await call(backend, "GET", "/invoices", query={"status": "draft", "perPage": "1"})
    return listed.body["data"][0]


@pytest.mark.parametrize("prefix", ["", "/api/v1", "/api/v2"])
async def test_lists_are_served_with_or_without_a_version_prefix(sandbox: SandboxBackend, prefix: str) -> None:
    response = await call(sandbox, "GET", f"{prefix}/customers", query={"perPage": "5", "page": "2"})
    assert response.status == 200
    assert response.body["meta"] == {"page": 2, "perPage": 5, "totalItems": 25, "totalPages": 5}


async def test_query_strings_are_converted_and_repeated_keys_become_lists(sandbox: SandboxBackend) -> None:
    response = await call(sandbox, "GET", "/invoices", query={"status": ["paid", "overdue"], "perPage": "1000"})
    assert {i["status"] for i in response.body["data"]} == {"paid", "overdue"}
    inline = await call(sandbox, "GET", "/customers?keywords[]=GmbH&perPage=2")
    assert inline.status == 200 and inline.body["meta"]["perPage"] == 2
    assert all("GmbH" in c["name"] for c in inline.body["data"])


async def test_a_bad_query_value_is_a_400_naming_the_parameter(sandbox: SandboxBackend) -> None:
    response = await call(sandbox, "GET", "/products", query={"page": "first"})
    assert response.status == 400
    assert response.body == {
        "statusCode": 400,
        "message": "page: 'first' is not a valid integer",
        "error": "Bad Request",
    }


async def test_creating_answers_201_and_the_record_is_readable(sandbox: SandboxBackend) -> None:
    created = await call(sandbox, "POST", "/product", body=PRODUCT)
    assert created.status == 201 and created.body["code"] == "REST-1"
    read = await call(sandbox, "GET", "/product/{id}", path_params={"id": created.body["id"]})
    assert read.status == 200 and read.body == created.body
    patched = await call(sandbox, "PATCH", f"/product/{created.body['id']}", body={"price": 13})
    assert patched.status == 200 and patched.body["price"] == 13
    valid = await call(sandbox, "GET", "/product/valid-code", query={"code": "REST-1"})
    assert valid.body == {"succeed": False}


async def test_a_validation_failure_is_a_nest_style_400(sandbox: SandboxBackend) -> None:
    response = await call(sandbox, "POST", "/customer", body={**CUSTOMER, "postcode": "1011"})
    assert response.status == 400
    assert response.body == {
        "statusCode": 400,
        "message": "postcode: must be 5 digits for DE (got '1011')",
        "error": "Bad Request",
    }
    several = await call(sandbox, "POST", "/customer", body={"isCompany": True})
    fields = [message.split(":")[0] for message in several.body["message"]]
    assert fields == ["name", "address", "postcode", "city"]  # a company needs its name too


async def test_a_duplicate_code_is_a_409(sandbox: SandboxBackend) -> None:
    await call(sandbox, "POST", "/product", body=PRODUCT)
    response = await call(sandbox, "POST", "/product", body=PRODUCT)
    assert response.status == 409 and response.body["error"] == "Conflict" and "REST-1" in response.body["message"]


async def test_an_unknown_id_is_a_404(sandbox: SandboxBackend) -> None:
    response = await call(sandbox, "DELETE", "/customer/00000000-0000-4000-8000-000000000000")
    assert response.status == 404 and response.body["error"] == "Not Found"
    assert response.body["message"].startswith(
        "No customer with id '00000000-0000-4000-8000-000000000000'; find ids with list-customers."
    )


async def test_an_unknown_route_is_a_404_listing_what_exists(sandbox: SandboxBackend) -> None:
    response = await call(sandbox, "GET", "/api/v1/invoicez")
    assert response.status == 404
    assert response.body["message"].startswith("Cannot GET /invoicez. The sandbox serves: GET /customers,")
    assert "GET /invoices/{faktooraId}/status" in response.body["message"]


async def test_invoice_downloads_follow_the_accept_header(sandbox: SandboxBackend) -> None:
    draft = await a_draft(sandbox)
    path = f"/invoices/{draft['faktooraId']}"
    xml = await call(sandbox, "GET", path, headers={"Accept": "application/xml"})
    assert xml.status == 200 and xml.headers["content-type"] == "application/xml"
    assert xml.body.startswith("<?xml") and draft["invoiceNumber"] in xml.body
    pdf = await call(sandbox, "GET", path, headers={"accept": "application/pdf"})
    assert pdf.headers["content-type"] == "application/pdf" and base64.b64decode(pdf.body).startswith(b"%PDF")
    refused = await call(sandbox, "GET", path, headers={"Accept": "text/html"})
    assert refused.status == 406 and refused.body["error"] == "Not Acceptable"


async def test_get_invoices_with_a_number_downloads_that_invoice(sandbox: SandboxBackend) -> None:
    draft = await a_draft(sandbox)
    response = await call(
        sandbox,
        "GET",
        "/invoices",
        query={"invoiceNumber": draft["invoiceNumber"]},
        headers={"Accept": "application/xml"},
    )
    assert response.status == 200 and f"<ram:ID>{draft['invoiceNumber']}</ram:ID>" in response.body


async def test_status_next_number_and_delete_of_invoices(sandbox: SandboxBackend) -> None:
    draft = await a_draft(sandbox)
    status = await call(sandbox, "GET", f"/invoices/{draft['faktooraId']}/status")
    assert status.status == 200 and status.body["status"] == "draft"
    assert (await call(sandbox, "GET", "/invoices/next-number")).body["counter"] == 200
    deleted = await call(sandbox, "DELETE", f"/api/v1/invoices/{draft['faktooraId']}")
    assert deleted.status == 200 and deleted.body == {"succeed": True}
    paid = (await call(sandbox, "GET", "/invoices", query={"status": "paid", "perPage": "1"})).body["data"][0]
    refused = await call(sandbox, "DELETE", f"/invoices/{paid['faktooraId']}")
    assert refused.status == 409 and "GoBD" in refused.body["message"]


async def test_webhooks_are_served_under_both_spellings(sandbox: SandboxBackend) -> None:
    created = await call(
        sandbox, "POST", "/webhook", body={"action": "invoiceCreated", "target": "https://h.example.com"}
    )
    assert created.status == 201 and created.body["action"] == "invoiceCreate"
    patched = await call(sandbox, "PATCH", f"/webhooks/{created.body['id']}", body={"action": "invoiceSent"})
    assert patched.body["action"] == "invoiceSent"
    listed = await call(sandbox, "GET", "/webhooks")
    assert patched.body in listed.body["data"]
    assert (await call(sandbox, "DELETE", f"/webhook/{created.body['id']}")).body == {"succeed": True}


async def test_customer_numbers_and_incoming_invoices_are_served(sandbox: SandboxBackend) -> None:
    assert (await call(sandbox, "GET", "/customers/generate-number")).body == {"value": "026"}
    incoming = await call(sandbox, "GET", "/import/incoming", query={"validationStatus": "rejected"})
    assert incoming.status == 200 and {i["validationStatus"] for i in incoming.body["data"]} == {"rejected"}


async def test_posting_invoices_is_202_and_one_bad_invoice_stops_the_whole_batch(sandbox: SandboxBackend) -> None:
    customer = (await call(sandbox, "POST", "/customer", body=CUSTOMER)).body
    good = {"customerId": customer["id"], "lines": [{"name": "A", "quantity": 1, "unitPrice": 10}]}
    bad = {"customerId": customer["id"], "lines": [{"name": "B", "quantity": 1, "unitPrice": 10, "unitCode": "XX"}]}
    before = (await call(sandbox, "GET", "/invoices")).body["meta"]["totalItems"]
    refused = await call(sandbox, "POST", "/invoices", body={"invoices": [good, bad]})
    assert refused.status == 400 and refused.body["message"].startswith("invoices[1].lines[0].unitCode:")
    assert (await call(sandbox, "GET", "/invoices")).body["meta"]["totalItems"] == before
    assert (await call(sandbox, "GET", "/invoices/next-number")).body["counter"] == 200  # the first claim rolled back
    accepted = await call(sandbox, "POST", "/invoices", body={"invoices": [good, good]})
    assert accepted.status == 202
    assert [i["invoiceNumber"] for i in accepted.body["invoices"]] == [
        (await call(sandbox, "GET", "/invoices", query={"keyword": n})).body["data"][0]["invoiceNumber"]
        for n in ("00201", "00202")
    ]


async def test_a_read_only_sandbox_answers_writes_with_403(tmp_path: Path) -> None:
    backend = SandboxBackend(tmp_path / "ro.sqlite3", read_only=True)
    try:
        response = await call(backend, "POST", "/product", body=PRODUCT)
        assert response.status == 403 and response.body["error"] == "Forbidden"
        assert (await call(backend, "GET", "/products")).status == 200
    finally:
        await backend.aclose()
