"""Writing invoices on a live account: ``POST /invoices`` with the documented body, then waiting for the file.

The REST shapes are the documented ones where known (``{"invoices": [...]}``, dates as ``YYYYMMDD``,
``invoiceItems[].product.taxes``, ``draftOnly``/``reviewMode``; 202 with ``faktooraId``); the field names the docs
do not show are the project's proposal (reference §11.4) and are listed in docs/data-model.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from faktoora_mcp import notices
from faktoora_mcp.backends.base import ApiRequest
from faktoora_mcp.backends.membrane.documented.calls import Proxy, message, rejected, segment, yyyymmdd
from faktoora_mcp.errors import BackendProtocolError, BackendTimeout, Conflict, InvalidArguments, NotFound
from faktoora_mcp.vat import vat_category

POLL_DELAYS = (0.5, 1.0, 1.0, 2.0, 2.0, 3.0, 5.0, 5.0)
"""Seconds between status polls after a create: Faktoora generates the file in seconds (its FAQ says to poll); the
sum (19.5 s) stays inside the default 60 s budget of one tool call."""
GENERATING = frozenset({"processing", "queued", "pending", "generating"})
"""Statuses that mean the file is not generated yet."""
MODE_FLAGS = {"draft": (True, False), "review": (False, True), "deliver": (False, False)}
"""mode -> (draftOnly, reviewMode): with neither flag Faktoora generates and sends at once (reference §6.3)."""
KIND_CODES = {"credit-note": "381", "corrected-invoice": "384"}
RESOURCE = "faktoora://invoices/{}"


async def create_outgoing_invoice(proxy: Proxy, input: Mapping[str, Any]) -> dict[str, Any]:
    customer = await proxy.connector("get-customer", {"id": input["customerId"]})
    body = await invoice_body(proxy, input, buyer_block(customer))
    return await _submit(proxy, body, mode=input.get("mode", "draft"))


async def correct_outgoing_invoice(proxy: Proxy, input: Mapping[str, Any]) -> dict[str, Any]:
    """The original is read through the connector; its buyer and (unless given) lines go into the correction."""
    original = await proxy.connector("get-outgoing-invoice-content", {"faktooraId": input["faktooraId"]})
    number = original.get("invoiceNumber")
    if not number:
        raise BackendProtocolError(f"Faktoora returned invoice {input['faktooraId']} without its number.")
    lines = input.get("lines") or [_line_from_content(line) for line in original.get("lines") or []]
    if not lines:
        raise InvalidArguments.single(
            "lines", f"the lines of invoice {number} could not be read from Faktoora; give the lines to correct"
        )
    notes = [input["reason"]] if input.get("reason") else []
    written = {
        "lines": lines,
        "mode": input.get("mode", "draft"),
        "format": input.get("format") or original.get("format"),
        "invoiceTypeCode": KIND_CODES[input["kind"]],
        "currency": original.get("currency") or "EUR",
        "issueDate": input.get("issueDate"),
        "notes": notes,
        "precedingInvoiceNumber": number,
    }
    body = await invoice_body(proxy, {k: v for k, v in written.items() if v}, dict(original.get("buyer") or {}))
    preceding = {"invoiceNumber": number, "issueDate": yyyymmdd(original.get("issueDate"))}
    body["invoices"][0]["precedingInvoice"] = preceding
    return await _submit(proxy, body, mode=written["mode"])


def buyer_block(customer: Mapping[str, Any]) -> dict[str, Any]:
    """The buyer as ``POST /invoices`` takes it, from a customer record."""
    block = {
        "name": customer.get("name"),
        "street": customer.get("address") or customer.get("street"),
        "postcode": customer.get("postcode"),
        "city": customer.get("city"),
        "country": customer.get("country") or "DE",
        "vatId": customer.get("vatId"),
        "email": customer.get("email"),
        "routeId": customer.get("routeId"),
        "customerId": customer.get("customerId"),
        "isCompany": customer.get("isCompany", True),
    }
    return {k: v for k, v in block.items() if v is not None}


async def invoice_body(proxy: Proxy, input: Mapping[str, Any], buyer: Mapping[str, Any]) -> dict[str, Any]:
    """The documented ``{"invoices": [...]}`` envelope for one invoice."""
    draft_only, review = MODE_FLAGS[input.get("mode", "draft")]
    items = [await _item(proxy, index, line, buyer) for index, line in enumerate(input["lines"])]
    invoice: dict[str, Any] = {
        "format": input.get("format") or ("xrechnung" if buyer.get("routeId") else "zf:2"),
        "invoiceTypeCode": input.get("invoiceTypeCode", "380"),
        "currency": input.get("currency", "EUR"),
        "buyer": {k: v for k, v in buyer.items() if k != "isCompany"},
        "invoiceItems": items,
        "draftOnly": draft_only,
        "reviewMode": review,
    }
    for name in ("issueDate", "dueDate", "deliveryDate"):
        if input.get(name):
            invoice[name] = yyyymmdd(input[name])
    if input.get("servicePeriod"):
        period = input["servicePeriod"]
        invoice["servicePeriod"] = {"start": yyyymmdd(period["start"]), "end": yyyymmdd(period["end"])}
    for name in ("invoiceNumber", "paymentTerms", "orderReference", "buyerReference", "notes", "prepaid"):
        if input.get(name) not in (None, "", []):
            invoice[name] = input[name]
    if input.get("paymentTermDays") is not None and not input.get("dueDate"):
        invoice["paymentTermDays"] = input["paymentTermDays"]
    if input.get("precedingInvoiceNumber"):
        invoice["precedingInvoice"] = {"invoiceNumber": input["precedingInvoiceNumber"]}
    return {"invoices": [invoice]}


async def _item(proxy: Proxy, index: int, line: Mapping[str, Any], buyer: Mapping[str, Any]) -> dict[str, Any]:
    """One ``invoiceItems`` entry; a line naming only a product is completed from the product."""
    product: Mapping[str, Any] = {}
    if line.get("productId") and (line.get("name") is None or line.get("unitPrice") is None):
        try:
            product = await proxy.connector("get-product", {"id": line["productId"]})
        except NotFound as exc:
            raise InvalidArguments.single(f"lines[{index}].productId", exc.message) from None
    rate = int(line.get("vatRate", product.get("tax", 19)))
    category, rate = _category(line, rate, buyer)
    item = {
        "productId": line.get("productId"),
        "name": line.get("name") or product.get("name"),
        "description": line.get("description") or product.get("description"),
        "quantity": str(line["quantity"]),
        "unitCode": line.get("unitCode") or product.get("unit") or "C62",
        "price": line.get("unitPrice", product.get("price")),
        "taxes": [{"typeCode": "VAT", "categoryCode": category, "rate": rate}],
    }
    missing = [f"lines[{index}].{f}" for f, k in (("name", "name"), ("unitPrice", "price")) if item[k] is None]
    if missing:
        raise InvalidArguments.single(missing[0], "is required without a productId, and the product has none")
    return {"id": str(index + 1), "product": {k: v for k, v in item.items() if v is not None}}


def _category(line: Mapping[str, Any], rate: int, buyer: Mapping[str, Any]) -> tuple[str, int]:
    if line.get("vatCategory"):
        return line["vatCategory"], (rate if line["vatCategory"] == "S" else 0)
    return vat_category(
        rate,
        small_business=False,  # Faktoora applies the account's own § 19 setting itself
        buyer_country=buyer.get("country"),
        buyer_vat_id=buyer.get("vatId"),
        buyer_is_company=bool(buyer.get("isCompany", True)),
    )


def _line_from_content(line: Mapping[str, Any]) -> dict[str, Any]:
    """A line of get-outgoing-invoice-content as a line input (its category kept, so the correction matches)."""
    taken = {
        "productId": line.get("productId"),
        "name": line.get("name"),
        "description": line.get("description"),
        "quantity": line.get("quantity"),
        "unitCode": line.get("unitCode"),
        "unitPrice": line.get("unitPrice"),
        "vatRate": line.get("vatRate"),
        "vatCategory": line.get("vatCategory"),
    }
    return {k: v for k, v in taken.items() if v is not None}


# -- submitting and waiting ----------------------------------------------------------------------------------


async def _submit(proxy: Proxy, body: Mapping[str, Any], *, mode: str) -> dict[str, Any]:
    """``POST /invoices`` (202), then poll the status until the file is generated, within the call's budget."""
    answer = await proxy.request(ApiRequest("POST", "/invoices", body=dict(body)))
    if answer.status == 409:
        raise Conflict(f"Faktoora refused the invoice: {message(answer)}. Nothing was created.")
    if not 200 <= answer.status < 300:
        raise rejected(answer, "POST /invoices")
    accepted = _accepted(answer.body)
    await proxy.acknowledged(_issued(accepted, {}, mode))  # it exists now, whatever becomes of the polling
    faktoora_id = accepted["faktooraId"]
    status = await _wait_until_generated(proxy, faktoora_id)
    return _issued(accepted, status, mode)


def _accepted(body: Any) -> dict[str, Any]:
    """``{faktooraId, detailsPage}``, or the same inside ``{"invoices": [...]}``."""
    if isinstance(body, Mapping) and isinstance(body.get("invoices"), list) and body["invoices"]:
        body = body["invoices"][0]
    if not isinstance(body, Mapping) or not isinstance(body.get("faktooraId"), str):
        raise BackendProtocolError(
            "Faktoora accepted the invoice but its answer names no faktooraId; it may have been created: "
            "check list-outgoing-invoices before creating it again."
        )
    return dict(body)


async def _wait_until_generated(proxy: Proxy, faktoora_id: str) -> dict[str, Any]:
    """Poll ``GET /invoices/{id}/status``; progress says where it is. The invoice exists either way."""
    status: dict[str, Any] = {}
    for attempt, delay in enumerate((0.0, *POLL_DELAYS)):
        if delay > proxy.remaining() - 1.0:
            break
        await proxy.sleep(delay)
        await notices.progress(attempt, len(POLL_DELAYS) + 1, f"waiting for Faktoora to generate {faktoora_id}")
        try:
            answer = await proxy.request(ApiRequest("GET", f"/invoices/{segment(faktoora_id)}/status"))
        except BackendTimeout:
            break
        if 200 <= answer.status < 300 and isinstance(answer.body, Mapping):
            status = dict(answer.body)
            if not _generating(status):
                return status
    await notices.notify("notice", f"{faktoora_id} was created; Faktoora is still generating its file.")
    return status | {"status": status.get("status") or "processing"}


def _generating(status: Mapping[str, Any]) -> bool:
    file = status.get("file")
    if isinstance(file, Mapping) and file.get("generated") is False:
        return True
    return str(status.get("status") or "processing").lower() in GENERATING


def _issued(accepted: Mapping[str, Any], status: Mapping[str, Any], mode: str) -> dict[str, Any]:
    faktoora_id = accepted["faktooraId"]
    uri = RESOURCE.format(faktoora_id)
    delivery = status.get("delivery") if isinstance(status.get("delivery"), Mapping) else {}
    return {
        "faktooraId": faktoora_id,
        "invoiceNumber": status.get("invoiceNumber") or accepted.get("invoiceNumber"),
        "status": str(status.get("status") or accepted.get("status") or "processing"),
        "detailsPage": accepted.get("detailsPage"),
        "delivered": mode == "deliver" and delivery.get("status") in ("sent", "delivered"),
        "documents": {"xml": uri, "pdf": f"{uri}/pdf", "status": f"{uri}/status"},
    }
