"""Actions beyond Membrane's 20 that the sandbox also runs.

They cover Faktoora's documented write side (create and correct invoices, numbering, validation reports, the
incoming-invoice import: each has a manifest, whose input schema the sandbox checks too), projects, and the steps
Faktoora's API does not have (send a draft, cancel, mark paid, approve, the account), which the sandbox offers so
that a demo can go from draft to paid, each labelled ``sandbox_only`` with what a live account does instead.
"""

from __future__ import annotations

from faktoora_mcp.availability import SANDBOX_ONLY
from faktoora_mcp.backends.sandbox.actions.catalogue import ENVELOPE, FAKTOORA_ID, RECORD, SUCCEED
from faktoora_mcp.backends.sandbox.actions.definition import ActionDef
from faktoora_mcp.backends.sandbox.actions.discovery import manifest_schema
from faktoora_mcp.backends.sandbox.actions.schemas import (
    Schema,
    array,
    boolean,
    enum,
    identifier,
    integer,
    list_fields,
    obj,
    string,
)
from faktoora_mcp.backends.sandbox.invoices import incoming, issuing, outgoing
from faktoora_mcp.backends.sandbox.invoices import lifecycle as invoicing
from faktoora_mcp.backends.sandbox.records import account, customers, products, projects, webhooks
from faktoora_mcp.backends.sandbox.rules import numbering
from faktoora_mcp.backends.sandbox.rules.codes import UNIT_CODES

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


def _invoice_lifecycle() -> list[ActionDef]:
    """Writing invoices (Faktoora's POST /invoices), and the sandbox's own steps after it, labelled as such."""
    by_faktoora_id = obj({"faktooraId": FAKTOORA_ID}, ["faktooraId"])
    return [
        ActionDef(
            "create-outgoing-invoice",
            "Create outgoing invoice",
            "Create (write, issue) a complete invoice for a customer.",
            issuing.create_outgoing_invoice,
            manifest_schema("create-outgoing-invoice"),
            INVOICE_SUMMARY,
        ),
        ActionDef(
            "correct-outgoing-invoice",
            "Correct outgoing invoice",
            "Credit note (381) or corrected invoice (384) for an issued invoice.",
            issuing.correct_outgoing_invoice,
            manifest_schema("correct-outgoing-invoice"),
            INVOICE_SUMMARY,
        ),
        ActionDef(
            "get-invoice-validation-report",
            "Get invoice validation report",
            "Validation of an outgoing e-invoice against EN 16931 and XRechnung.",
            outgoing.get_invoice_validation_report,
            manifest_schema("get-invoice-validation-report"),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "send-outgoing-invoice",
            "Send outgoing invoice",
            "Send (deliver) a draft or reviewed outgoing invoice to the customer.",
            invoicing.send_outgoing_invoice,
            by_faktoora_id,
            INVOICE_SUMMARY,
            sandbox_only=SANDBOX_ONLY["send-outgoing-invoice"],
        ),
        ActionDef(
            "cancel-outgoing-invoice",
            "Cancel outgoing invoice",
            "Cancel (stornieren, Storno, void) an outgoing invoice that is not paid.",
            invoicing.cancel_outgoing_invoice,
            by_faktoora_id,
            INVOICE_SUMMARY,
            sandbox_only=SANDBOX_ONLY["cancel-outgoing-invoice"],
        ),
        ActionDef(
            "mark-invoice-paid",
            "Mark invoice paid",
            "Record the payment of a sent or overdue outgoing invoice (settle, payment received; Zahlungseingang "
            "verbuchen, als bezahlt markieren).",
            invoicing.mark_invoice_paid,
            manifest_schema("mark-invoice-paid"),
            INVOICE_SUMMARY,
            sandbox_only=SANDBOX_ONLY["mark-invoice-paid"],
        ),
    ]


def _numbering() -> list[ActionDef]:
    return [
        ActionDef(
            "get-next-invoice-number",
            "Get next invoice number",
            "Preview the next invoice number (nothing is reserved).",
            numbering.get_next_invoice_number,
            manifest_schema("get-next-invoice-number"),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "verify-invoice-number",
            "Verify invoice number",
            "Whether an invoice number is still free.",
            numbering.verify_invoice_number,
            manifest_schema("verify-invoice-number"),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "get-invoice-number-template",
            "Get invoice number template",
            "The invoice number template, pad length and counter.",
            numbering.get_invoice_number_template,
            manifest_schema("get-invoice-number-template"),
            RECORD,
            read_only=True,
        ),
        ActionDef(
            "update-invoice-number-template",
            "Update invoice number template",
            "Change the invoice number template, pad length or counter.",
            numbering.update_invoice_number_template,
            manifest_schema("update-invoice-number-template"),
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
            manifest_schema("import-incoming-invoice"),
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
            sandbox_only=SANDBOX_ONLY["approve-incoming-invoice"],
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
            sandbox_only=SANDBOX_ONLY["get-account"],
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
            sandbox_only=SANDBOX_ONLY["update-account-settings"],
        ),
    ]


def extra_actions() -> list[ActionDef]:
    return _invoice_lifecycle() + _numbering() + _incoming() + _others()
