"""The resource templates: records an agent can read by URI, each through one catalog action.

Plain data; ``server.py`` lists them and reads them through the backend.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from faktoora_mcp.documents import PDF_URI

JSON = "application/json"


@dataclass(frozen=True, slots=True)
class RecordTemplate:
    """A resource template for records, read through one catalog action."""

    uri_template: str
    pattern: re.Pattern[str]
    action: str
    argument: str
    name: str
    description: str
    mime_type: str = JSON
    input: Mapping[str, Any] = field(default_factory=dict)
    """Fixed arguments beside the one taken from the URI (``format: pdf``)."""


RECORD_TEMPLATES = (
    RecordTemplate(
        "faktoora://customers/{id}",
        re.compile(r"^faktoora://customers/([^/]+)$"),
        "get-customer",
        "id",
        "customer",
        "One customer by its id (ids come from list-customers).",
    ),
    RecordTemplate(
        "faktoora://products/{id}",
        re.compile(r"^faktoora://products/([^/]+)$"),
        "get-product",
        "id",
        "product",
        "One product by its id (ids come from list-products).",
    ),
    RecordTemplate(
        "faktoora://invoices/{faktooraId}/status",
        re.compile(r"^faktoora://invoices/([^/]+)/status$"),
        "get-outgoing-invoice-status",
        "faktooraId",
        "invoice-status",
        "Processing, delivery and validation status of an outgoing invoice.",
    ),
    RecordTemplate(
        "faktoora://invoices/{faktooraId}/content",
        re.compile(r"^faktoora://invoices/([^/]+)/content$"),
        "get-outgoing-invoice-content",
        "faktooraId",
        "invoice-content",
        "The complete structured content of an outgoing invoice: parties, lines, VAT breakdown, totals.",
    ),
    RecordTemplate(
        "faktoora://invoices/{faktooraId}",
        re.compile(r"^faktoora://invoices/([^/]+)$"),
        "get-invoice-by-id",
        "faktooraId",
        "invoice-document",
        "The e-invoice document (EN 16931 XML) of an outgoing invoice (faktooraIds come from list-outgoing-invoices).",
        mime_type="application/xml",
    ),
    RecordTemplate(
        PDF_URI,
        re.compile(r"^faktoora://invoices/([^/]+)/pdf$"),
        "get-invoice-by-id",
        "faktooraId",
        "invoice-pdf",
        "The printable PDF of an outgoing invoice, as a binary blob.",
        mime_type="application/pdf",
        input={"format": "pdf"},
    ),
)
ACTION_URI = re.compile(r"^faktoora://actions/([a-z0-9-]+)$")
