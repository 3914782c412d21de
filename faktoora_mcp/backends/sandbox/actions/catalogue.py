"""The 20 actions of Membrane's Faktoora catalogue, as the sandbox runs them.

Their input schemas are the manifests' (``manifests/actions``, the advertised contract): one source for the tool,
the sandbox's own check of raw input (run-action, api-request) and the docs. The one difference is Faktoora's:
a ``perPage`` above 1000 is clamped, not refused, on the raw surface (``discovery.raw_schema``).
"""

from __future__ import annotations

from faktoora_mcp.backends.sandbox.actions.definition import ActionDef
from faktoora_mcp.backends.sandbox.actions.discovery import raw_schema
from faktoora_mcp.backends.sandbox.actions.schemas import Schema, identifier
from faktoora_mcp.backends.sandbox.invoices import incoming
from faktoora_mcp.backends.sandbox.invoices import outgoing as invoices
from faktoora_mcp.backends.sandbox.records import customers, products, webhooks

FAKTOORA_ID = identifier("Faktoora id of the outgoing invoice, e.g. F45NNA1 (from list-outgoing-invoices).")
SUCCEED: Schema = {"type": "object", "properties": {"succeed": {"type": "boolean"}}, "required": ["succeed"]}
ENVELOPE: Schema = {
    "type": "object",
    "properties": {"data": {"type": "array"}, "meta": {"type": "object"}},
    "required": ["data", "meta"],
}
RECORD: Schema = {"type": "object"}


def _lists() -> list[ActionDef]:
    def listing(key: str, name: str, description: str, handler: object) -> ActionDef:
        return ActionDef(key, name, description, handler, raw_schema(key), ENVELOPE, read_only=True)  # type: ignore[arg-type]

    return [
        listing(
            "list-outgoing-invoices",
            "List outgoing invoices",
            "List invoices issued to customers (sales invoices), with status, customer, number, keyword and "
            "date filters; overdue or unpaid invoices are status overdue or sent.",
            invoices.list_outgoing_invoices,
        ),
        listing(
            "list-incoming-invoices",
            "List incoming invoices",
            "List invoices received from suppliers (purchase invoices) with validation and approval status.",
            incoming.list_incoming_invoices,
        ),
        listing(
            "list-customers",
            "List customers",
            "List customers (clients, buyers) with keyword search.",
            customers.list_customers,
        ),
        listing(
            "list-products",
            "List products",
            "List products and services (articles, price list) with keyword and code filters.",
            products.list_products,
        ),
        listing("list-webhooks", "List webhooks", "List webhook subscriptions.", webhooks.list_webhooks),
    ]


def _records() -> list[ActionDef]:
    def read(key: str, name: str, description: str, handler: object) -> ActionDef:
        return ActionDef(key, name, description, handler, raw_schema(key), RECORD, read_only=True)  # type: ignore[arg-type]

    def write(key: str, name: str, description: str, handler: object) -> ActionDef:
        return ActionDef(key, name, description, handler, raw_schema(key), RECORD)  # type: ignore[arg-type]

    def delete(key: str, name: str, description: str, handler: object) -> ActionDef:
        return ActionDef(key, name, description, handler, raw_schema(key), SUCCEED, destructive=True)  # type: ignore[arg-type]

    return [
        read("get-customer", "Get customer", "One customer by id.", customers.get_customer),
        write("create-customer", "Create customer", "Create a customer (client).", customers.create_customer),
        write("update-customer", "Update customer", "Change a customer's data.", customers.update_customer),
        delete("delete-customer", "Delete customer", "Delete a customer.", customers.delete_customer),
        read("get-product", "Get product", "One product by id.", products.get_product),
        write("create-product", "Create product", "Create a product or service.", products.create_product),
        write("update-product", "Update product", "Change a product.", products.update_product),
        delete("delete-product", "Delete product", "Delete a product.", products.delete_product),
        read(
            "get-invoice-by-id",
            "Download invoice file by Faktoora ID",
            "The invoice file (XML or PDF) by its faktooraId.",
            invoices.get_invoice_by_id,
        ),
        read(
            "get-invoice-by-number",
            "Download invoice file by invoice number",
            "The invoice file (XML or PDF) by its invoice number.",
            invoices.get_invoice_by_number,
        ),
        read(
            "get-outgoing-invoice-status",
            "Get outgoing invoice status",
            "Processing, delivery and validation status of an outgoing invoice.",
            invoices.get_outgoing_invoice_status,
        ),
        read(
            "get-outgoing-invoice-content",
            "Get outgoing invoice content",
            "The complete structured content of an outgoing invoice.",
            invoices.get_outgoing_invoice_content,
        ),
        delete("delete-invoice", "Delete invoice", "Delete a draft outgoing invoice.", invoices.delete_invoice),
        write("create-webhook", "Create webhook", "Subscribe a URL to a Faktoora event.", webhooks.create_webhook),
        write("update-webhook", "Update webhook", "Change a webhook's event or URL.", webhooks.update_webhook),
    ]


def core_actions() -> list[ActionDef]:
    return _lists() + _records()
