"""Invoice files built from the structured content: EN 16931 CII XML and a one-page PDF.

The XML is the minimal well-formed Cross Industry Invoice an XRechnung/ZUGFeRD reader expects (header,
parties, lines, VAT breakdown, totals). The PDF page is written by hand, object by object: the invoice
number, parties, lines and totals in Helvetica. For ZUGFeRD invoices (zf:1, zf:2) the factur-x library then
makes it a PDF/A-3 with the CII XML attached as factur-x.xml, as a real ZUGFeRD invoice is; an agent that
reads the XML out of the PDF gets the same document as the XML download.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from faktoora_mcp.backends.sandbox.invoices.files.cii import _amount, invoice_xml, xml_safe

__all__ = ["invoice_pdf", "invoice_xml", "simple_pdf", "xml_safe"]

ZUGFERD_FORMATS = ("zf:1", "zf:2")


def invoice_pdf(content: Mapping[str, Any]) -> bytes:
    """The invoice as a PDF; a ZUGFeRD invoice is a PDF/A-3 with its CII XML attached as factur-x.xml."""
    pdf = simple_pdf(_pdf_lines(content))
    if content.get("format") not in ZUGFERD_FORMATS:
        return pdf  # XRechnung is the XML itself; its PDF is only a rendering
    from facturx import generate_from_binary  # lxml and pypdf load only when a ZUGFeRD PDF is asked for

    # The XML is checked against the Factur-X XSD by the tests; here a check could only turn a download
    # into an error, so it is left out.
    return bytes(generate_from_binary(pdf, invoice_xml(content), flavor="factur-x", level="en16931", check_xsd=False))


def _pdf_lines(content: Mapping[str, Any]) -> list[str]:
    seller, buyer, totals = content["seller"], content["buyer"], content["totals"]
    currency = content.get("currency") or "EUR"
    text = [
        f"{seller['name']} - {seller.get('street') or ''}, {seller.get('postcode') or ''} {seller.get('city') or ''}",
        "",
        f"Rechnung {content['invoiceNumber']}",
        f"Rechnungsdatum: {content['issueDate']}",
        f"Fällig am: {content.get('dueDate') or '-'}",
        "",
        buyer["name"],
        f"{buyer.get('street') or ''}",
        f"{buyer.get('postcode') or ''} {buyer.get('city') or ''}",
        "",
    ]
    for line in content["lines"]:
        text.append(
            f"{line['position']}. {line['name']}: {line['quantity']} {line.get('unitCode') or ''} x "
            f"{line['unitPrice']} = {_amount(line['netAmount'])} {currency} ({line['vatRate']} %)"
        )
    text += [
        "",
        f"Netto: {_amount(totals['taxBasis'])} {currency}",
        f"USt: {_amount(totals['taxTotal'])} {currency}",
        f"Gesamt: {_amount(totals['grandTotal'])} {currency}",
        f"Zahlbetrag: {_amount(totals['amountDue'])} {currency}",
        *content.get("notes", []),
    ]
    return text


def simple_pdf(lines: Sequence[str]) -> bytes:
    """A valid one-page PDF 1.4 showing ``lines`` (Windows-1252 text, so German umlauts print)."""
    shown = "".join(f"({_pdf_text(line)}) Tj T*\n" for line in lines)
    stream = f"BT\n/F1 10 Tf\n14 TL\n50 800 Td\n{shown}ET\n".encode("cp1252", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _pdf_text(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
