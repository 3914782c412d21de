"""Invoice files built from the structured content: EN 16931 CII XML and a one-page PDF.

The XML is the minimal well-formed Cross Industry Invoice an XRechnung/ZUGFeRD reader expects (header,
parties, lines, VAT breakdown, totals). The PDF page is written by hand, object by object: the invoice
number, parties, lines and totals in Helvetica. For ZUGFeRD invoices (zf:1, zf:2) the factur-x library then
makes it a PDF/A-3 with the CII XML attached as factur-x.xml, as a real ZUGFeRD invoice is; an agent that
reads the XML out of the PDF gets the same document as the XML download.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Any

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
GUIDELINE = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
EN16931 = "urn:cen.eu:en16931:2017"
"""The guideline of a ZUGFeRD 2 / Factur-X invoice in the EN 16931 profile (what zf:1 and zf:2 PDFs embed)."""
ZUGFERD_FORMATS = ("zf:1", "zf:2")
SEPA_CREDIT_TRANSFER = "58"
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters outside the XML 1.0 Char production."""
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


def _add(parent: ET.Element, tag: str, text: Any = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), {k: xml_safe(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_safe(str(text))
    return element


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry replaced by U+FFFD.

    ElementTree escapes ``<``, ``&`` and quotes but writes a NUL or a lone surrogate as it is, which
    makes the document not well-formed; inputs are refused at the edge, and this keeps any stored value
    (an older database, an import) from breaking a file.
    """
    return NOT_XML.sub("\N{REPLACEMENT CHARACTER}", text)


def _date(parent: ET.Element, tag: str, iso_date: str) -> None:
    _add(_add(parent, tag), "udt:DateTimeString", iso_date.replace("-", ""), format="102")


def _amount(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, float | int) else str(value)


def invoice_xml(content: Mapping[str, Any]) -> bytes:
    root = ET.Element(_q("rsm:CrossIndustryInvoice"))
    context = _add(root, "rsm:ExchangedDocumentContext")
    guideline = EN16931 if content.get("format") in ZUGFERD_FORMATS else GUIDELINE
    _add(_add(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", guideline)
    header = _add(root, "rsm:ExchangedDocument")
    _add(header, "ram:ID", content["invoiceNumber"])
    _add(header, "ram:TypeCode", content.get("invoiceTypeCode") or "380")
    _date(header, "ram:IssueDateTime", content["issueDate"])
    for note in content.get("notes", []):
        _add(_add(header, "ram:IncludedNote"), "ram:Content", note)
    transaction = _add(root, "rsm:SupplyChainTradeTransaction")
    for line in content["lines"]:
        _line(transaction, line)
    _agreement(transaction, content)
    delivery = _add(transaction, "ram:ApplicableHeaderTradeDelivery")
    if content.get("deliveryDate"):
        _date(_add(delivery, "ram:ActualDeliverySupplyChainEvent"), "ram:OccurrenceDateTime", content["deliveryDate"])
    _settlement(transaction, content)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def _line(transaction: ET.Element, line: Mapping[str, Any]) -> None:
    item = _add(transaction, "ram:IncludedSupplyChainTradeLineItem")
    _add(_add(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", line["position"])
    product = _add(item, "ram:SpecifiedTradeProduct")
    _add(product, "ram:Name", line["name"])
    if line.get("description"):
        _add(product, "ram:Description", line["description"])
    price = _add(_add(item, "ram:SpecifiedLineTradeAgreement"), "ram:NetPriceProductTradePrice")
    _add(price, "ram:ChargeAmount", line["unitPrice"])
    _add(
        _add(item, "ram:SpecifiedLineTradeDelivery"),
        "ram:BilledQuantity",
        line["quantity"],
        unitCode=line.get("unitCode") or "C62",
    )
    settlement = _add(item, "ram:SpecifiedLineTradeSettlement")
    tax = _add(settlement, "ram:ApplicableTradeTax")
    _add(tax, "ram:TypeCode", "VAT")
    _add(tax, "ram:CategoryCode", line["vatCategory"])
    _add(tax, "ram:RateApplicablePercent", line["vatRate"])
    summation = _add(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _add(summation, "ram:LineTotalAmount", _amount(line["netAmount"]))


def _agreement(transaction: ET.Element, content: Mapping[str, Any]) -> None:
    agreement = _add(transaction, "ram:ApplicableHeaderTradeAgreement")
    _add(agreement, "ram:BuyerReference", content.get("buyerReference") or content["buyer"].get("customerId") or "-")
    _party(agreement, "ram:SellerTradeParty", content["seller"])
    _party(agreement, "ram:BuyerTradeParty", content["buyer"])
    if content.get("orderReference"):
        _add(_add(agreement, "ram:BuyerOrderReferencedDocument"), "ram:IssuerAssignedID", content["orderReference"])


def _party(agreement: ET.Element, tag: str, party: Mapping[str, Any]) -> None:
    element = _add(agreement, tag)
    _add(element, "ram:Name", party["name"])
    address = _add(element, "ram:PostalTradeAddress")
    for key, child in (
        ("postcode", "ram:PostcodeCode"),
        ("street", "ram:LineOne"),
        ("city", "ram:CityName"),
        ("country", "ram:CountryID"),
    ):
        if party.get(key):
            _add(address, child, party[key])
    if party.get("email"):
        _add(_add(element, "ram:URIUniversalCommunication"), "ram:URIID", party["email"], schemeID="EM")
    if party.get("vatId"):
        _add(_add(element, "ram:SpecifiedTaxRegistration"), "ram:ID", party["vatId"], schemeID="VA")
    elif party.get("taxNumber"):
        _add(_add(element, "ram:SpecifiedTaxRegistration"), "ram:ID", party["taxNumber"], schemeID="FC")


def _settlement(transaction: ET.Element, content: Mapping[str, Any]) -> None:
    settlement = _add(transaction, "ram:ApplicableHeaderTradeSettlement")
    currency = content.get("currency") or "EUR"
    _add(settlement, "ram:InvoiceCurrencyCode", currency)
    if content["seller"].get("iban"):
        means = _add(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        _add(means, "ram:TypeCode", SEPA_CREDIT_TRANSFER)
        _add(_add(means, "ram:PayeePartyCreditorFinancialAccount"), "ram:IBANID", content["seller"]["iban"])
    for group in content["vatBreakdown"]:
        tax = _add(settlement, "ram:ApplicableTradeTax")
        _add(tax, "ram:CalculatedAmount", _amount(group["taxAmount"]))
        _add(tax, "ram:TypeCode", "VAT")
        if group.get("exemptionReason"):
            _add(tax, "ram:ExemptionReason", group["exemptionReason"])
        _add(tax, "ram:BasisAmount", _amount(group["taxableAmount"]))
        _add(tax, "ram:CategoryCode", group["category"])
        _add(tax, "ram:RateApplicablePercent", group["rate"])
    terms = _add(settlement, "ram:SpecifiedTradePaymentTerms")
    _add(terms, "ram:Description", content.get("paymentTerms") or "Zahlbar sofort ohne Abzug.")
    if content.get("dueDate"):
        _date(terms, "ram:DueDateDateTime", content["dueDate"])
    _totals(settlement, content["totals"], currency)


def _totals(settlement: ET.Element, totals: Mapping[str, Any], currency: str) -> None:
    summation = _add(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _add(summation, "ram:LineTotalAmount", _amount(totals["lineTotal"]))
    _add(summation, "ram:TaxBasisTotalAmount", _amount(totals["taxBasis"]))
    _add(summation, "ram:TaxTotalAmount", _amount(totals["taxTotal"]), currencyID=currency)
    _add(summation, "ram:GrandTotalAmount", _amount(totals["grandTotal"]))
    _add(summation, "ram:TotalPrepaidAmount", _amount(totals["prepaid"]))
    _add(summation, "ram:DuePayableAmount", _amount(totals["amountDue"]))


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
