"""Invoice files as files: an answer carrying a document is split into its metadata and the file itself.

``get-invoice-by-id`` and ``get-invoice-by-number`` answer ``{..., mimeType, encoding, document}`` with the
XML as text or the PDF as base64. Inside a JSON text mirror a PDF of any real size is cut into garbage, so
the server sends the metadata as text and the file as an embedded resource (text for XML, blob for PDF)
with its MIME type. ``structuredContent`` keeps the whole answer, valid against the output schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DOCUMENT_FIELDS = ("document", "mimeType", "encoding")
INVOICE_URI = "faktoora://invoices/{faktooraId}"
PDF_URI = "faktoora://invoices/{faktooraId}/pdf"


@dataclass(frozen=True, slots=True)
class Document:
    """One file: ``text`` for text formats, ``blob`` (base64) for binary ones; exactly one is set."""

    uri: str
    mime_type: str
    text: str | None = None
    blob: str | None = None


def split_document(output: Mapping[str, Any]) -> tuple[dict[str, Any], Document | None]:
    """``(metadata, document)`` for an answer that carries a file, else ``(output, None)``."""
    if not all(isinstance(output.get(name), str) for name in DOCUMENT_FIELDS):
        return dict(output), None
    metadata = {name: value for name, value in output.items() if name != "document"}
    uri = document_uri(output)
    if output["encoding"] == "base64":
        return metadata, Document(uri, output["mimeType"], blob=output["document"])
    return metadata, Document(uri, output["mimeType"], text=output["document"])


def document_uri(output: Mapping[str, Any]) -> str:
    """The resource that reads the same file again: the XML at the invoice's URI, the PDF beside it."""
    faktoora_id = output.get("faktooraId") or output.get("fileName") or "document"
    template = PDF_URI if output.get("mimeType") == "application/pdf" else INVOICE_URI
    return template.format(faktooraId=faktoora_id)


def attachment_note(metadata: Mapping[str, Any], document: Document) -> str:
    """The line under the metadata text that says where the file went."""
    size = metadata.get("sizeBytes")
    bytes_ = f", {size:,} bytes" if isinstance(size, int) else ""
    return f"[The file is attached as an embedded resource: {document.uri} ({document.mime_type}{bytes_}).]"
