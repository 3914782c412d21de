"""ZUGFeRD PDFs carry their CII XML the standard way (issue 11, point 8), read back with pypdf."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from pypdf import PdfReader

from faktoora_mcp.backends.sandbox import SandboxBackend


async def invoice_in(sandbox: SandboxBackend, file_format: str) -> dict[str, Any]:
    customer = (await sandbox.run_action("list-customers", {"perPage": 1})).output["data"][0]
    lines = [{"name": "Beratung <&>", "quantity": 2, "unitPrice": 120.5, "vatRate": 19}]
    created = await sandbox.run_action(
        "create-outgoing-invoice", {"customerId": customer["id"], "lines": lines, "format": file_format}
    )
    return created.output


async def download(sandbox: SandboxBackend, faktoora_id: str, file_format: str) -> dict[str, Any]:
    return (await sandbox.run_action("get-invoice-by-id", {"faktooraId": faktoora_id, "format": file_format})).output


@pytest.mark.parametrize("file_format", ["zf:1", "zf:2"])
async def test_a_zugferd_pdf_is_a_pdf_a_3_with_its_cii_xml_attached(sandbox: SandboxBackend, file_format: str) -> None:
    from facturx import xml_check_xsd

    invoice = await invoice_in(sandbox, file_format)
    pdf = base64.b64decode((await download(sandbox, invoice["faktooraId"], "pdf"))["document"])
    xml = (await download(sandbox, invoice["faktooraId"], "xml"))["document"].encode("utf-8")
    reader = PdfReader(io.BytesIO(pdf))
    attached = reader.attachments
    assert list(attached) == ["factur-x.xml"]
    assert attached["factur-x.xml"][0] == xml  # the same document as the XML download
    assert xml_check_xsd(attached["factur-x.xml"][0], flavor="factur-x", level="en16931")
    metadata = reader.xmp_metadata
    assert metadata is not None and "<pdfaid:part>3</pdfaid:part>" in metadata.stream.get_data().decode()
    assert b"/AFRelationship" in pdf


async def test_an_xrechnung_pdf_is_a_plain_rendering(sandbox: SandboxBackend) -> None:
    invoice = await invoice_in(sandbox, "xrechnung")
    pdf = base64.b64decode((await download(sandbox, invoice["faktooraId"], "pdf"))["document"])
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
