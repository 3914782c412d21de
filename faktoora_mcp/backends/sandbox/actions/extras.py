"""Actions beyond Membrane's 20 that the sandbox also runs, found through search-actions.

They cover Faktoora's invoice lifecycle (create, send, cancel, pay), numbering, incoming-invoice import
and approval, projects and the account, so that a demo can go from an empty draft to a paid invoice.
"""

from __future__ import annotations

from faktoora_mcp.backends.sandbox.actions.catalogue import ENVELOPE, FAKTOORA_ID, RECORD, SUCCEED
from faktoora_mcp.backends.sandbox.actions.definition import ActionDef
from faktoora_mcp.backends.sandbox.actions.schemas import (
    Schema,
    array,
    boolean,
    day,
    enum,
    identifier,
    integer,
    list_fields,
    num,
    obj,
    string,
)
from faktoora_mcp.backends.sandbox.invoices import incoming
from faktoora_mcp.backends.sandbox.invoices import lifecycle as invoicing
from faktoora_mcp.backends.sandbox.invoices.pdf_import import MAX_PDF_CHARS
from faktoora_mcp.backends.sandbox.records import account, customers, products, projects, webhooks
from faktoora_mcp.backends.sandbox.rules import numbering
from faktoora_mcp.backends.sandbox.rules.codes import INVOICE_FORMATS, INVOICE_TYPE_CODES, UNIT_CODES

UNITS = tuple(UNIT_CODES)
IMPORT_ID = identifier("Import id of the incoming invoice, e.g. IMP456789 (from list-incoming-invoices).")
INVOICE_SUMMARY: Schema = {
    "type": "object",
    "properties": {
        "faktooraId": {"type": "string"},
        "invoiceNumber": {"type": "string"},
        "status": {"type": "string"},
        "totalGross": {"type": "number"},
        "amountDue": {"type": "number"},
    },
    "required": ["faktooraId", "invoiceNumber", "status"],
}
LINE = obj(
    {
        "productId": identifier("Product id (from list-products); name, unit, price and VAT default to the product's."),
        "name": string("Line text (required without productId).", minLength=1),
        "description": string("Longer line text."),
        "quantity": num("Quantity, greater than 0.", exclusiveMinimum=0),
        "unitCode": enum("UN/ECE Rec 20 unit (default the product's, else C62).", UNITS),
        "unitPrice": num("Net unit price, up to 4 decimals (required without productId).", minimum=0),
        "vatRate": enum("VAT percent (default the product's, else 19).", (0, 7, 19)),
    },
    ["quantity"],
    # A line without a product must say what it is and what it costs.
    **{"if": {"not": {"required": ["productId"]}}, "then": {"required": ["name", "unitPrice"]}},
)


def _invoice_lifecycle() -> list[ActionDef]:
    by_faktoora_id = obj({"faktooraId": FAKTOORA_ID}, ["faktooraId"])
    return [
        ActionDef(
            "create-outgoing-invoice",
            "Create outgoing invoice",
            "Create (write, issue) a new outgoing invoice for a customer from product lines. It is saved as a "
            "draft unless draftOnly is false: then it goes to review (reviewMode) or is sent at once. The next "
            "invoice number is assigned and totals are computed per EN 16931.",
            invoicing.create_outgoing_invoice,
            obj(
                {
                    "customerId": identifier("Customer id (from list-customers)."),
                    "lines": array("Invoice lines.", LINE, minItems=1),
                    "issueDate": day("Issue date, default today"),
                    "dueDate": day("Due date"),
                    "paymentTermDays": integer("Days until due when no dueDate (default 14).", minimum=0),
                    "deliveryDate": day("Delivery date"),
                    "servicePeriod": obj(
                        {"start": day("Start"), "end": day("End")},
                        ["start", "end"],
                        description="Service period (BG-14).",
                    ),
                    "paymentTerms": string("Payment terms text."),
                    "buyerReference": string("Buyer reference / Leitweg-ID (default the customer's)."),
                    "orderReference": string("The buyer's order number."),
                    "invoiceNumber": string("Own invoice number; default the next from the template.", minLength=1),
                    "format": enum("File format (default xrechnung for public buyers, else zf:2).", INVOICE_FORMATS),
                    "invoiceTypeCode": enum("UNTDID 1001 type (default 380 invoice).", INVOICE_TYPE_CODES),
                    "currency": string("ISO 4217 currency (default EUR).", pattern="^[A-Z]{3}$"),
                    "prepaid": num("Amount already paid (BT-113).", minimum=0),
                    "draftOnly": boolean("Save as draft only (default true)."),
                    "reviewMode": boolean("Put into review instead of sending (when draftOnly is false)."),
                },
                ["customerId", "lines"],
            ),
            INVOICE_SUMMARY,
        ),
        ActionDef(
            "send-outgoing-invoice",
            "Send outgoing invoice",
            "Send (deliver) a draft or reviewed outgoing invoice to the customer.",
            invoicing.send_outgoing_invoice,
            by_faktoora_id,
            INVOICE_SUMMARY,
        ),
        ActionDef(
            "cancel-outgoing-invoice",
            "Cancel outgoing invoice",
            "Cancel (stornieren, Storno, void) an outgoing invoice that is not paid.",
            invoicing.cancel_outgoing_invoice,
            by_faktoora_id,
            INVOICE_SUMMARY,
        ),
        ActionDef(
            "mark-invoice-paid",
            "Mark invoice paid",
            "Record the payment of a sent or overdue outgoing invoice (settle, payment received; Zahlungseingang "
            "verbuchen, als bezahlt markieren).",
            invoicing.mark_invoice_paid,
            obj(
                {"faktooraId": FAKTOORA_ID, "paidAt": string("Payment date or ISO 8601 timestamp, default now.")},
                ["faktooraId"],
            ),
            INVOICE_SUMMARY,
        ),
        ActionDef(
            "mark-overdue-invoices",
            "Mark overdue invoices",
            "Run the daily job now, the first step of a dunning run (Mahnlauf): sent invoices past their due date "
            "become overdue (überfällig).",
            invoicing.mark_overdue_invoices,
            obj({}),
            RECORD,
        ),
    ]


def _numbering() -> list[ActionDef]:
    template = string("Number template ending in a separator and id, e.g. YYYY/MM/id.", minLength=3)
    return [
        ActionDef(
            "get-next-invoice-number",
            "Get next invoice number",
            "Preview the next invoice number (nothing is reserved).",
            numbering.get_next_invoice_number,
            obj({"template": template}),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "verify-invoice-number",
            "Verify invoice number",
            "Whether an invoice number is still free.",
            numbering.verify_invoice_number,
            obj({"invoiceNumber": string("Invoice number.", minLength=1)}, ["invoiceNumber"]),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "get-invoice-number-template",
            "Get invoice number template",
            "The invoice number template, pad length and counter.",
            numbering.get_invoice_number_template,
            obj({}),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "update-invoice-number-template",
            "Update invoice number template",
            "Change the invoice number template, pad length or counter.",
            numbering.update_invoice_number_template,
            obj(
                {
                    "template": template,
                    "padLength": integer("Digits of the counter.", minimum=1, maximum=numbering.MAX_PAD_LENGTH),
                    "counter": integer("Last number used.", minimum=0),
                }
            ),
            RECORD,
        ),
    ]


def _incoming() -> list[ActionDef]:
    by_import_id = obj({"importId": IMPORT_ID}, ["importId"])
    return [
        ActionDef(
            "import-incoming-invoice",
            "Import incoming invoice",
            # The description is part of the ranking data's fingerprint (tools/ranking/provenance.py): the PDF
            # input and the official checks are told by the input schema and the result instead.
            "Upload a received supplier e-invoice (XRechnung CII or UBL XML text); it is parsed and validated.",
            incoming.import_incoming_invoice,
            obj(
                {
                    "xml": string("The XML file's text (give xml or pdf).", minLength=1),
                    "pdf": string(
                        "A ZUGFeRD/Factur-X PDF, base64 (give xml or pdf).", minLength=1, maxLength=MAX_PDF_CHARS
                    ),
                    "fileName": string("Original file name."),
                    "source": enum("Channel (default api).", ("api", "email", "peppol")),
                },
                [],
            ),
            RECORD,
        ),
        ActionDef(
            "get-incoming-invoice-validation",
            "Get incoming invoice validation",
            "Validation result (accepted or rejected, with reasons) of a received invoice.",
            incoming.get_incoming_invoice_validation,
            by_import_id,
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "approve-incoming-invoice",
            "Approve incoming invoice",
            "Approve a received supplier invoice that passed validation (release for payment).",
            incoming.approve_incoming_invoice,
            by_import_id,
            RECORD,
        ),
    ]


def _others() -> list[ActionDef]:
    by_id = obj({"id": identifier("The record's id (from its list action).")}, ["id"])
    return [
        ActionDef(
            "list-projects",
            "List projects",
            "List projects with keyword and status filters.",
            projects.list_projects,
            obj(
                list_fields(tuple(projects.SORTABLE), "createdAt")
                | {
                    "keyword": string("Matches name, description, place.", minLength=1),
                    "status": array("Any of.", enum("Status.", ("active", "paused", "closed")), minItems=1),
                }
            ),
            ENVELOPE,
            read_only=True,
        ),
        ActionDef(
            "get-project", "Get project", "One project by id.", projects.get_project, by_id, RECORD, read_only=True
        ),
        ActionDef(
            "create-project",
            "Create project",
            "Create a project, optionally for a customer.",
            projects.create_project,
            obj(
                {
                    "name": string("Project name.", minLength=1, maxLength=255),
                    "description": string("Description."),
                    "place": string("Place.", maxLength=255),
                    "eta": string("Planned end (ISO 8601).", format="date-time"),
                    "estMinutes": integer("Estimated minutes.", minimum=0),
                    "currency": string("ISO 4217.", pattern="^[A-Z]{3}$"),
                    "status": enum("Status.", ("active", "paused", "closed")),
                    "customerId": identifier("Customer id (from list-customers)."),
                },
                ["name"],
            ),
            RECORD,
        ),
        ActionDef(
            "delete-project",
            "Delete project",
            "Delete (remove) a project.",
            projects.delete_project,
            by_id,
            SUCCEED,
            destructive=True,
        ),
        ActionDef(
            "delete-webhook",
            "Delete webhook",
            "Delete (unsubscribe, remove) a webhook.",
            webhooks.delete_webhook,
            by_id,
            SUCCEED,
            destructive=True,
        ),
        ActionDef(
            "generate-customer-number",
            "Generate customer number",
            "The next free customer number, to give a new customer.",
            customers.generate_customer_number,
            obj({}),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "verify-customer-number",
            "Verify customer number",
            "Whether a customer number is still free.",
            customers.verify_customer_number,
            obj({"customerId": string("Customer number.", minLength=1)}, ["customerId"]),
            SUCCEED,
            read_only=True,
        ),
        ActionDef(
            "verify-product-code",
            "Verify product code",
            "Whether a product code (SKU) is still free.",
            products.verify_product_code,
            obj({"code": string("Product code.", minLength=1)}, ["code"]),
            SUCCEED,
            read_only=True,
        ),
        ActionDef(
            "get-account",
            "Get account",
            "The account's own company, the seller on every invoice (name, address, VAT ID, tax number, bank "
            "details; Firmendaten, Bankverbindung, Steuernummer, USt-IdNr.), its settings and the invoice number "
            "template.",
            account.get_account,
            obj({}),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "update-account-settings",
            "Update account settings",
            "Switch the sandbox company's flags (Einstellungen): smallBusiness (Kleinunternehmer, § 19 UStG), "
            "invoiceDeleteMode, invoiceValidation.",
            account.update_account_settings,
            obj(
                {
                    "smallBusiness": boolean("Kleinunternehmer: no VAT on invoices."),
                    "invoiceDeleteMode": boolean("Allow deleting draft invoices."),
                    "invoiceValidation": boolean("Validate generated invoices."),
                }
            ),
            RECORD,
        ),
    ]


def extra_actions() -> list[ActionDef]:
    return _invoice_lifecycle() + _numbering() + _incoming() + _others()
