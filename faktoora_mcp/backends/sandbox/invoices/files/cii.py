"""The invoice as UN/CEFACT CII XML that passes CEN's EN 16931 rules and KoSIT's XRechnung 3.0 rules.

Elements are written in the order the CII schema's sequences demand. What the rules ask beyond the bare
invoice: the business process (BT-23, Peppol R001), the seller contact (BG-6, BR-DE-2), the service period
(BG-14), the preceding invoice of a credit note or correction (BG-3, BR-DE-26) and, per VAT category, the fields
its rules allow: no VAT ids and no rate for "not subject to VAT" (BR-O-02, BR-O-05), both VAT ids for reverse
charge and intra-EU supplies (BR-AE-02, BR-IC-02), a delivery country and date for intra-EU supplies (BR-IC-11/12).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
GUIDELINE = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
EN16931 = "urn:cen.eu:en16931:2017"
"""The guideline of a ZUGFeRD 2 / Factur-X invoice in the EN 16931 profile (what zf:1 and zf:2 PDFs embed)."""
BUSINESS_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
"""BT-23: Peppol's billing process, the one XRechnung 3.0 names (PEPPOL-EN16931-R001)."""
ZUGFERD_FORMATS = ("zf:1", "zf:2")
SEPA_CREDIT_TRANSFER = "58"
NO_VAT_RATE = frozenset({"O"})
"""Categories whose lines carry no rate (BR-O-05); their breakdown says 0 %, as BR-DE-14 requires a rate."""
NO_VAT_IDS = frozenset({"O"})
"""Categories that forbid the seller's and buyer's VAT ids on the invoice (BR-O-02)."""
INTRA_EU = frozenset({"K"})
EXEMPTION_CODES = {"AE": "VATEX-EU-AE", "K": "VATEX-EU-IC", "G": "VATEX-EU-G", "O": "VATEX-EU-O"}
"""BT-121 codes beside the BT-120 text, so that a machine reads the reason without parsing German."""
CORRECTING_TYPES = ("381", "384")
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


def _date(parent: ET.Element, tag: str, iso_date: str, kind: str = "udt") -> None:
    _add(_add(parent, tag), f"{kind}:DateTimeString", iso_date.replace("-", ""), format="102")


def _amount(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, float | int) else str(value)


def _categories(content: Mapping[str, Any]) -> set[str]:
    return {line["vatCategory"] for line in content["lines"]}


def invoice_xml(content: Mapping[str, Any]) -> bytes:
    root = ET.Element(_q("rsm:CrossIndustryInvoice"))
    context = _add(root, "rsm:ExchangedDocumentContext")
    _add(_add(context, "ram:BusinessProcessSpecifiedDocumentContextParameter"), "ram:ID", BUSINESS_PROCESS)
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
    _delivery(transaction, content)
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
    delivery = _add(item, "ram:SpecifiedLineTradeDelivery")
    _add(delivery, "ram:BilledQuantity", line["quantity"], unitCode=line.get("unitCode") or "C62")
    settlement = _add(item, "ram:SpecifiedLineTradeSettlement")
    tax = _add(settlement, "ram:ApplicableTradeTax")
    _add(tax, "ram:TypeCode", "VAT")
    _add(tax, "ram:CategoryCode", line["vatCategory"])
    if line["vatCategory"] not in NO_VAT_RATE:
        _add(tax, "ram:RateApplicablePercent", line["vatRate"])
    summation = _add(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _add(summation, "ram:LineTotalAmount", _amount(line["netAmount"]))


def _agreement(transaction: ET.Element, content: Mapping[str, Any]) -> None:
    agreement = _add(transaction, "ram:ApplicableHeaderTradeAgreement")
    _add(agreement, "ram:BuyerReference", content.get("buyerReference") or content["buyer"].get("customerId") or "-")
    with_vat_ids = not (_categories(content) & NO_VAT_IDS)
    _seller(agreement, content["seller"], with_vat_ids)
    _buyer(agreement, content["buyer"], with_vat_ids)
    if content.get("orderReference"):
        _add(_add(agreement, "ram:BuyerOrderReferencedDocument"), "ram:IssuerAssignedID", content["orderReference"])


def _seller(agreement: ET.Element, seller: Mapping[str, Any], with_vat_ids: bool) -> None:
    element = _add(agreement, "ram:SellerTradeParty")
    _add(element, "ram:Name", seller["name"])
    if seller.get("registerNumber"):  # BT-30: identifies the seller where the VAT id may not be written (BR-CO-26)
        _add(_add(element, "ram:SpecifiedLegalOrganization"), "ram:ID", seller["registerNumber"])
    contact = _add(element, "ram:DefinedTradeContact")  # BG-6, which XRechnung requires (BR-DE-2, -5, -6, -7)
    _add(contact, "ram:PersonName", seller.get("contactName") or seller["name"])
    if seller.get("phone"):
        _add(_add(contact, "ram:TelephoneUniversalCommunication"), "ram:CompleteNumber", seller["phone"])
    if seller.get("email"):
        _add(_add(contact, "ram:EmailURIUniversalCommunication"), "ram:URIID", seller["email"])
    _address(element, seller)
    _electronic_address(element, seller)
    if with_vat_ids and seller.get("vatId"):
        _add(_add(element, "ram:SpecifiedTaxRegistration"), "ram:ID", seller["vatId"], schemeID="VA")
    if seller.get("taxNumber") and (not with_vat_ids or not seller.get("vatId")):
        _add(_add(element, "ram:SpecifiedTaxRegistration"), "ram:ID", seller["taxNumber"], schemeID="FC")


def _buyer(agreement: ET.Element, buyer: Mapping[str, Any], with_vat_ids: bool) -> None:
    element = _add(agreement, "ram:BuyerTradeParty")
    _add(element, "ram:Name", buyer["name"])
    _address(element, buyer)
    _electronic_address(element, buyer)
    if with_vat_ids and buyer.get("vatId"):
        _add(_add(element, "ram:SpecifiedTaxRegistration"), "ram:ID", buyer["vatId"], schemeID="VA")


def _address(element: ET.Element, party: Mapping[str, Any]) -> None:
    address = _add(element, "ram:PostalTradeAddress")
    for key, child in (
        ("postcode", "ram:PostcodeCode"),
        ("street", "ram:LineOne"),
        ("city", "ram:CityName"),
        ("country", "ram:CountryID"),
    ):
        if party.get(key):
            _add(address, child, party[key])


def _electronic_address(element: ET.Element, party: Mapping[str, Any]) -> None:
    if party.get("email"):
        _add(_add(element, "ram:URIUniversalCommunication"), "ram:URIID", party["email"], schemeID="EM")


def _delivery(transaction: ET.Element, content: Mapping[str, Any]) -> None:
    delivery = _add(transaction, "ram:ApplicableHeaderTradeDelivery")
    if _categories(content) & INTRA_EU:  # BR-IC-12: the deliver-to country of an intra-EU supply
        ship_to = _add(delivery, "ram:ShipToTradeParty")
        _add(ship_to, "ram:Name", content["buyer"]["name"])
        _address(ship_to, content["buyer"])
    if content.get("deliveryDate"):
        _date(_add(delivery, "ram:ActualDeliverySupplyChainEvent"), "ram:OccurrenceDateTime", content["deliveryDate"])


def _settlement(transaction: ET.Element, content: Mapping[str, Any]) -> None:
    settlement = _add(transaction, "ram:ApplicableHeaderTradeSettlement")
    currency = content.get("currency") or "EUR"
    _add(settlement, "ram:InvoiceCurrencyCode", currency)
    if content["seller"].get("iban"):
        means = _add(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        _add(means, "ram:TypeCode", SEPA_CREDIT_TRANSFER)
        _add(_add(means, "ram:PayeePartyCreditorFinancialAccount"), "ram:IBANID", content["seller"]["iban"])
    for group in content["vatBreakdown"]:
        _vat_group(settlement, group)
    period = content.get("servicePeriod")
    if period and period.get("start") and period.get("end"):
        billing = _add(settlement, "ram:BillingSpecifiedPeriod")
        _date(billing, "ram:StartDateTime", period["start"])
        _date(billing, "ram:EndDateTime", period["end"])
    terms = _add(settlement, "ram:SpecifiedTradePaymentTerms")
    _add(terms, "ram:Description", content.get("paymentTerms") or "Zahlbar sofort ohne Abzug.")
    if content.get("dueDate"):
        _date(terms, "ram:DueDateDateTime", content["dueDate"])
    _totals(settlement, content["totals"], currency)
    _preceding(settlement, content)


def _vat_group(settlement: ET.Element, group: Mapping[str, Any]) -> None:
    tax = _add(settlement, "ram:ApplicableTradeTax")
    _add(tax, "ram:CalculatedAmount", _amount(group["taxAmount"]))
    _add(tax, "ram:TypeCode", "VAT")
    if group.get("exemptionReason"):
        _add(tax, "ram:ExemptionReason", group["exemptionReason"])
    _add(tax, "ram:BasisAmount", _amount(group["taxableAmount"]))
    _add(tax, "ram:CategoryCode", group["category"])
    if group["category"] in EXEMPTION_CODES:
        _add(tax, "ram:ExemptionReasonCode", EXEMPTION_CODES[group["category"]])
    _add(tax, "ram:RateApplicablePercent", group["rate"])  # 0 for O too: XRechnung requires BT-119 (BR-DE-14)


def _totals(settlement: ET.Element, totals: Mapping[str, Any], currency: str) -> None:
    summation = _add(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _add(summation, "ram:LineTotalAmount", _amount(totals["lineTotal"]))
    _add(summation, "ram:TaxBasisTotalAmount", _amount(totals["taxBasis"]))
    _add(summation, "ram:TaxTotalAmount", _amount(totals["taxTotal"]), currencyID=currency)
    _add(summation, "ram:GrandTotalAmount", _amount(totals["grandTotal"]))
    _add(summation, "ram:TotalPrepaidAmount", _amount(totals["prepaid"]))
    _add(summation, "ram:DuePayableAmount", _amount(totals["amountDue"]))


def _preceding(settlement: ET.Element, content: Mapping[str, Any]) -> None:
    """BG-3 of a credit note or correction: the invoice it refers to (BR-DE-26 for 384)."""
    preceding = content.get("precedingInvoice")
    if content.get("invoiceTypeCode") not in CORRECTING_TYPES or not isinstance(preceding, Mapping):
        return
    if not preceding.get("invoiceNumber"):
        return
    document = _add(settlement, "ram:InvoiceReferencedDocument")
    _add(document, "ram:IssuerAssignedID", preceding["invoiceNumber"])
    if preceding.get("issueDate"):
        _date(document, "ram:FormattedIssueDateTime", preceding["issueDate"], kind="qdt")
