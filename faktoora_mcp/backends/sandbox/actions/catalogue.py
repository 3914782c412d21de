"""The 20 actions of Membrane's Faktoora catalogue, as the sandbox runs them.

These schemas validate raw input (run-action, api-request) and stand in for a manifest file that is
missing; the manifests in ``manifests/actions`` are the advertised contract. perPage has no maximum
here because Faktoora clamps it rather than rejecting it.
"""

from __future__ import annotations

from faktoora_mcp.backends.sandbox.actions.definition import ActionDef
from faktoora_mcp.backends.sandbox.actions.schemas import (
    Schema,
    array,
    boolean,
    day,
    enum,
    identifier,
    list_fields,
    num,
    obj,
    string,
)
from faktoora_mcp.backends.sandbox.invoices import incoming
from faktoora_mcp.backends.sandbox.invoices import outgoing as invoices
from faktoora_mcp.backends.sandbox.records import customers, products, webhooks
from faktoora_mcp.backends.sandbox.rules.codes import INVOICE_STATUSES, PAST_TENSE_EVENTS, UNIT_CODES, WEBHOOK_EVENTS

FAKTOORA_ID = identifier("Faktoora id of the outgoing invoice, e.g. F45NNA1 (from list-outgoing-invoices).")
FILE_FORMAT = enum("xml (EN 16931 CII, default) or pdf (base64).", ("xml", "pdf"), default="xml")
SUCCEED: Schema = {"type": "object", "properties": {"succeed": {"type": "boolean"}}, "required": ["succeed"]}
ENVELOPE: Schema = {
    "type": "object",
    "properties": {"data": {"type": "array"}, "meta": {"type": "object"}},
    "required": ["data", "meta"],
}
RECORD: Schema = {"type": "object"}
UNITS = tuple(UNIT_CODES)

CUSTOMER_FIELDS: dict[str, Schema] = {
    "isCompany": boolean("true for a company, false for an individual."),
    "name": string("Company name, or the person's full name.", minLength=1),
    "title": string("Academic title, e.g. Dr."),
    "firstName": string("First name (individuals)."),
    "lastName": string("Last name (individuals)."),
    "nameAuthorisedSignatory": string("Contact person at the company."),
    "address": string("Street and house number.", minLength=1),
    "postcode": string("Postcode: DE 5 digits, AT/CH 4 digits.", minLength=1),
    "city": string("City.", minLength=1),
    "country": string("ISO 3166-1 alpha-2 country code (default DE).", pattern="^[A-Z]{2}$"),
    "email": string("Invoice email address.", format="email"),
    "phoneNo": string("Phone number."),
    "faxNo": string("Fax number."),
    "customerId": string("Customer number, e.g. 026; generated when omitted.", minLength=1),
    "category": string("Free category, e.g. wholesale."),
    "vatId": string("VAT ID (USt-IdNr.), e.g. DE136695976.", pattern="^[A-Z]{2,3}[A-Za-z0-9 .\\-]{2,20}$"),
    "taxId": string("Tax number (Steuernummer)."),
    "routeId": string("Leitweg-ID of a public buyer (XRechnung BT-10)."),
    "peppolId": string("Peppol participant id, e.g. 0204:991-12345-67."),
    "supplierNumber": string("Our supplier number at this customer."),
    "invoiceProfile": string("Invoice profile, e.g. xrechnung."),
    "extras": {"type": "object", "description": "Free extra data (default {})."},
}
PRODUCT_FIELDS: dict[str, Schema] = {
    "name": string("Product name (no emoji).", minLength=1),
    "unit": enum("UN/ECE Rec 20 unit code: C62 one, H87 piece, HUR hour, DAY day, MON month, LS lump sum.", UNITS),
    "tax": enum("VAT rate in percent.", (0, 7, 19)),
    "code": string("SKU, unique.", minLength=1),
    "description": string("Description (no emoji)."),
    "price": num("Net unit price (up to 4 decimals).", minimum=0),
    "cost": num("Purchase cost.", minimum=0),
    "inventoryCount": num("Units in stock."),
    "time": num("Estimated hours."),
    "estimate": num("Estimated value."),
    "buyerAssignedID": string("Buyer's id for the product (BT-156)."),
    "globalID": obj(
        {"id": string("The global id, e.g. a GTIN."), "schemeId": string("ISO/IEC 6523 ICD, 0160 GTIN.")},
        ["id", "schemeId"],
        description="Global id with its scheme, e.g. a GTIN.",
    ),
}
EVENT = string(
    "Webhook event; past tense (invoiceCreated) is accepted and stored as the fired name.",
    enum=[*WEBHOOK_EVENTS, *PAST_TENSE_EVENTS],
)
TARGET = string("Public http(s) URL Faktoora posts the event to.", format="uri")


def _lists() -> list[ActionDef]:
    return [
        ActionDef(
            "list-outgoing-invoices",
            "List outgoing invoices",
            "List invoices issued to customers (sales invoices), with status, customer, number, keyword and "
            "date filters; overdue or unpaid invoices are status overdue or sent.",
            invoices.list_outgoing_invoices,
            obj(
                list_fields(("invoiceNumber", "issueDate", "dueDate", "totalGross", "createdAt"), "issueDate")
                | {
                    "keyword": string("Matches invoice number and customer name.", minLength=1),
                    "invoiceNumber": string("Exact invoice number.", minLength=1),
                    "status": array(
                        "Any of these statuses.", enum("Status.", INVOICE_STATUSES), minItems=1, uniqueItems=True
                    ),
                    "customerId": identifier("Customer id (from list-customers)."),
                    "issueDateFrom": day("Issued on or after"),
                    "issueDateTo": day("Issued on or before"),
                    "dueDateFrom": day("Due on or after"),
                    "dueDateTo": day("Due on or before"),
                }
            ),
            ENVELOPE,
            read_only=True,
        ),
        ActionDef(
            "list-incoming-invoices",
            "List incoming invoices",
            "List invoices received from suppliers (purchase invoices) with validation and approval status.",
            incoming.list_incoming_invoices,
            obj(
                list_fields(("issueDate", "dueDate", "totalGross", "createdAt", "invoiceNumber"), "createdAt")
                | {
                    "keyword": string("Matches invoice number and seller name.", minLength=1),
                    "validationStatus": enum("Validation result.", ("accepted", "rejected", "pending")),
                    "approvalStatus": enum("Approval state.", ("pending", "approved", "rejected", "paid")),
                    "issueDateFrom": day("Issued on or after"),
                    "issueDateTo": day("Issued on or before"),
                }
            ),
            ENVELOPE,
            read_only=True,
        ),
        ActionDef(
            "list-customers",
            "List customers",
            "List customers (clients, buyers) with keyword search.",
            customers.list_customers,
            obj(
                list_fields(tuple(customers.SORTABLE), "createdAt")
                | {
                    "keyword": string("Matches name, number, email, city or VAT ID.", minLength=1),
                    "keywords": array(
                        "All must match name, number, email, city or VAT ID (keyword, as a list).",
                        string("Keyword.", minLength=1),
                        minItems=1,
                    ),
                    "category": string("Exact category.", minLength=1),
                }
            ),
            ENVELOPE,
            read_only=True,
        ),
        ActionDef(
            "list-products",
            "List products",
            "List products and services (articles, items) with prices.",
            products.list_products,
            obj(
                list_fields(tuple(products.SORTABLE), "createdAt")
                | {
                    "keyword": string("Matches name, code and description.", minLength=1),
                    "code": string("Exact product code.", minLength=1),
                }
            ),
            ENVELOPE,
            read_only=True,
        ),
        ActionDef(
            "list-webhooks",
            "List webhooks",
            "List webhook subscriptions, newest first.",
            webhooks.list_webhooks,
            obj(list_fields(None, None)),
            ENVELOPE,
            read_only=True,
        ),
    ]


def _records() -> list[ActionDef]:
    by_id = obj({"id": identifier("The record's id (from its list action).")}, ["id"])
    by_faktoora_id = obj({"faktooraId": FAKTOORA_ID}, ["faktooraId"])
    return [
        ActionDef(
            "get-customer",
            "Get customer",
            "One customer by id.",
            customers.get_customer,
            by_id,
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "create-customer",
            "Create customer",
            "Create a customer (client); postcode and VAT ID are checked.",
            customers.create_customer,
            obj(CUSTOMER_FIELDS, ["isCompany", "address", "postcode", "city"]),
            RECORD,
        ),
        ActionDef(
            "update-customer",
            "Update customer",
            "Change some fields of a customer; others keep their value.",
            customers.update_customer,
            obj({"id": identifier("Customer id (from list-customers).")} | CUSTOMER_FIELDS, ["id"]),
            RECORD,
        ),
        ActionDef(
            "delete-customer",
            "Delete customer",
            "Delete (remove) a customer.",
            customers.delete_customer,
            by_id,
            SUCCEED,
            destructive=True,
        ),
        ActionDef(
            "get-product", "Get product", "One product by id.", products.get_product, by_id, RECORD, read_only=True
        ),
        ActionDef(
            "create-product",
            "Create product",
            "Create a product or service (article, item) with unit and VAT.",
            products.create_product,
            obj(PRODUCT_FIELDS, ["name", "unit", "tax"]),
            RECORD,
        ),
        ActionDef(
            "update-product",
            "Update product",
            "Change some fields of a product; the others keep their value.",
            products.update_product,
            obj({"id": identifier("Product id (from list-products).")} | PRODUCT_FIELDS, ["id"]),
            RECORD,
        ),
        ActionDef(
            "delete-product",
            "Delete product",
            "Delete (remove) a product.",
            products.delete_product,
            by_id,
            SUCCEED,
            destructive=True,
        ),
        ActionDef(
            "get-invoice-by-id",
            "Download invoice file by Faktoora ID",
            "The invoice file (XML or PDF) of an outgoing invoice by faktooraId.",
            invoices.get_invoice_by_id,
            obj({"faktooraId": FAKTOORA_ID, "format": FILE_FORMAT}, ["faktooraId"]),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "get-invoice-by-number",
            "Download invoice file by invoice number",
            "The invoice file (XML or PDF) of an outgoing invoice by its number.",
            invoices.get_invoice_by_number,
            obj(
                {"invoiceNumber": string("Invoice number, e.g. 2026/03/00043.", minLength=1), "format": FILE_FORMAT},
                ["invoiceNumber"],
            ),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "get-outgoing-invoice-status",
            "Get outgoing invoice status",
            "Processing status of an outgoing invoice: file, delivery (sent, delivered), validation.",
            invoices.get_outgoing_invoice_status,
            by_faktoora_id,
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "get-outgoing-invoice-content",
            "Get outgoing invoice content",
            "The complete structured invoice: parties, lines, VAT breakdown and totals.",
            invoices.get_outgoing_invoice_content,
            by_faktoora_id,
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "delete-invoice",
            "Delete invoice",
            "Delete a draft outgoing invoice (sent ones must be cancelled).",
            invoices.delete_invoice,
            by_faktoora_id,
            SUCCEED,
            destructive=True,
        ),
        ActionDef(
            "create-webhook",
            "Create webhook",
            "Subscribe a URL to an event, e.g. invoiceCreate.",
            webhooks.create_webhook,
            obj({"action": EVENT, "target": TARGET}, ["action", "target"]),
            RECORD,
        ),
        ActionDef(
            "update-webhook",
            "Update webhook",
            "Change a webhook's event or target URL.",
            webhooks.update_webhook,
            obj({"id": identifier("Webhook id (from list-webhooks)."), "action": EVENT, "target": TARGET}, ["id"]),
            RECORD,
        ),
    ]


def core_actions() -> list[ActionDef]:
    return _lists() + _records()
