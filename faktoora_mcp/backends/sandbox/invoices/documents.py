"""Invoice files built from the structured content: EN 16931 CII XML and the German PDF/A-3B invoice.

The XML comes from ``files/cii.py``, the pages from ``files/pages.py`` (fpdf2). For ZUGFeRD invoices (zf:1, zf:2)
the factur-x library attaches the CII XML as factur-x.xml (AFRelationship Data) and writes the Factur-X XMP, as a
real ZUGFeRD invoice is; an agent that reads the XML out of the PDF gets the same document as the XML download. An
XRechnung's PDF is a rendering without attachment: the XML is the invoice.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from faktoora_mcp.backends.sandbox.invoices.files import german
from faktoora_mcp.backends.sandbox.invoices.files.cii import invoice_xml, xml_safe

__all__ = ["invoice_pdf", "invoice_xml", "xml_safe"]

ZUGFERD_FORMATS = ("zf:1", "zf:2")


def invoice_pdf(content: Mapping[str, Any]) -> bytes:
    """The invoice as a PDF/A-3B; a ZUGFeRD invoice with its CII XML attached as factur-x.xml."""
    from faktoora_mcp.backends.sandbox.invoices.files import pages  # fpdf2 and fontTools: ~0.5 s, for PDFs only

    pdf = pages.render(content)
    if content.get("format") not in ZUGFERD_FORMATS:
        return pdf
    return _with_xml(pdf, invoice_xml(content), content)


def _with_xml(pdf: bytes, xml: bytes, content: Mapping[str, Any]) -> bytes:
    """``pdf`` with ``xml`` attached by the factur-x library (file to file: its in-memory variant writes the result
    after the input instead of over it, in factur-x 7.8)."""
    from facturx import generate_from_file  # lxml and pypdf load only when a ZUGFeRD PDF is asked for

    heading = f"{german.title(content)} {content['invoiceNumber']}"
    metadata = {
        "author": content["seller"]["name"],
        "title": heading,
        "subject": f"{heading} vom {german.date(content['issueDate'])}",
        "keywords": "Rechnung, Factur-X, ZUGFeRD",
    }
    with tempfile.TemporaryDirectory(prefix="faktoora-pdf-") as folder:
        source, target = Path(folder) / "pages.pdf", Path(folder) / "invoice.pdf"
        source.write_bytes(pdf)
        # The XML is checked against the Factur-X XSD by the tests; here a check could only turn a download
        # into an error, so it is left out.
        generate_from_file(
            str(source),
            xml,
            flavor="factur-x",
            level="en16931",
            check_xsd=False,
            pdf_metadata=metadata,
            lang="de-DE",
            output_pdf_file=str(target),
        )
        return target.read_bytes()
