"""The official rules applied in the sandbox: the validity of an outgoing invoice, the verdict on an import.

When the rule sets are not installed (``python -m faktoora_mcp.einvoice.update``) an outgoing invoice's validation
reports ``failed`` (it could not run) and an import is judged by its structure alone, with a warning that says so.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from faktoora_mcp.backends.sandbox.invoices.files.cii import invoice_xml
from faktoora_mcp.backends.sandbox.invoices.model import document_content
from faktoora_mcp.einvoice.engine import RulesNotInstalled, validate

RULES_MISSING = "RULES-NOT-INSTALLED"


def outgoing_validation(row: sqlite3.Row, now: str) -> dict[str, Any]:
    """The ``validation`` block of get-outgoing-invoice-status: the invoice's XML run through the official rules."""
    try:
        report = validate(invoice_xml(document_content(row)))
    except RulesNotInstalled as exc:
        return {
            "status": "failed",
            "validity": None,
            "createdAt": now,
            "ruleSets": [],
            "failedRules": [],
            "error": str(exc),
        }
    return {
        "status": "completed",
        "validity": "valid" if report.valid else "invalid",
        "createdAt": now,
        "ruleSets": list(report.rule_sets),
        "failedRules": [a.as_dict() for a in report.fatal],
    }


def failed_rules(xml: bytes) -> list[dict[str, str]]:
    """Every fatal assert of the rules that fit this document; a warning instead when the rules are missing."""
    try:
        report = validate(xml)
    except RulesNotInstalled as exc:
        return [message(RULES_MISSING, f"{exc} Only the structure was checked.", flag="warning")]
    return [a.as_dict() for a in report.fatal]


def message(rule: str, text: str, *, flag: str = "fatal") -> dict[str, str]:
    """A finding in the shape the official rules' findings have."""
    return {"id": rule, "flag": flag, "message": text, "location": "", "ruleSet": "sandbox"}
