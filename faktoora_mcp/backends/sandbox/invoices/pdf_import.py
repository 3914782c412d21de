"""The XML inside a received ZUGFeRD / Factur-X / XRechnung PDF, read with the factur-x library.

A file that does not start like a PDF is refused before any parser sees it; a PDF without an e-invoice attached
is refused too. Neither is stored: the caller learns what was wrong and what to send instead.
"""

from __future__ import annotations

import base64
import binascii
import logging

from faktoora_mcp.errors import InvalidArguments

PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024
"""The PDF standard lets the header start within the first 1024 bytes."""
MAX_PDF_BYTES = 20_000_000
"""E-invoice PDFs with a scanned page or a logo are a few MB; 20 MB bounds what one call can make the sandbox read."""
MAX_PDF_CHARS = (MAX_PDF_BYTES + 2) // 3 * 4
"""The same bound on the base64 text, checked before decoding."""
XML_NAMES = ["factur-x.xml", "zugferd-invoice.xml", "ZUGFeRD-invoice.xml", "xrechnung.xml", "*.xml"]
"""The names the standards give the attached XML, in the order they are tried; any XML attachment last."""


def pdf_bytes(text: str, field_name: str = "pdf") -> bytes:
    """The PDF from its base64 text, bounded and checked to be a PDF."""
    if len(text) > MAX_PDF_CHARS:
        raise InvalidArguments.single(
            field_name, f"is {len(text):,} base64 characters; the sandbox accepts PDFs up to {MAX_PDF_BYTES:,} bytes"
        )
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidArguments.single(field_name, "is not base64; send the PDF file's bytes base64-encoded") from None
    if PDF_MAGIC not in data[:MAGIC_WINDOW]:
        raise InvalidArguments.single(
            field_name, "is not a PDF (no %PDF- header); send a ZUGFeRD/Factur-X PDF, or the XML itself as xml"
        )
    return data


def attached_xml(data: bytes, field_name: str = "pdf") -> bytes:
    """The e-invoice XML attached to the PDF ``data``."""
    from facturx import get_xml_from_pdf  # lxml and pypdf load only when a PDF is imported
    from pypdf.errors import PyPdfError

    logging.getLogger("facturx").setLevel(logging.WARNING)  # it logs every attachment it looks at
    try:
        _name, xml = get_xml_from_pdf(data, check_xsd=False, filenames=XML_NAMES)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise InvalidArguments.single(field_name, f"is not a readable PDF ({type(exc).__name__})") from None
    if not xml:
        raise InvalidArguments.single(
            field_name,
            "has no e-invoice attached (no factur-x.xml, zugferd-invoice.xml or xrechnung.xml); it is a plain PDF. "
            "Ask the supplier for a ZUGFeRD/Factur-X PDF or an XRechnung XML",
        )
    return bytes(xml)
