"""The invoice as a German accountant expects it on paper, drawn with fpdf2 as a PDF/A-3B.

A4 in the DIN 5008 form B layout: letterhead, the return line and the buyer's address in the window
(20 mm from the left, 45 mm from the top), the invoice's data on the right, then a table of lines that runs over
as many pages as it needs, carrying the running net total from page to page (Übertrag), the VAT split by rate,
the texts a tax-free or reverse-charge invoice needs, payment terms with due date and IBAN, and on every page the
seller's legal details and "Seite n von m". The font is DejaVu Sans, shipped in ``fonts/`` and embedded (as a
subset), so every Latin letter prints on any machine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from fpdf import FPDF

from faktoora_mcp.backends.sandbox.invoices.files import german

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVu"
LEFT, RIGHT = 25.0, 20.0
"""DIN 5008 margins in mm."""
WINDOW_X, WINDOW_Y, RETURN_LINE_Y, ADDRESS_Y = 20.0, 45.0, 57.0, 62.7
"""Form B: the window starts 45 mm from the top; its address zone 17.7 mm below that, under the return line."""
INFO_X = 125.0
INFO_LABEL = 31.0
"""Width of the info block's labels ("Rechnungsnummer:" at 8.5 pt)."""
TABLE_Y = 103.0
FOOTER_HEIGHT = 28.0
BREAK_AT = 297.0 - FOOTER_HEIGHT - 12.0
"""Where a page's lines stop, leaving room for the carried-over total above the footer."""
ROW = 5.0
FOOTER_COLUMNS = ((LEFT, 44.0), (LEFT + 46, 70.0), (LEFT + 118, 210 - RIGHT - LEFT - 118))
"""(x, width) of the footer's address, legal and bank columns."""
DEFAULT_TERMS = re.compile(r"^Zahlbar bis \S+ ohne Abzug\.$")
"""The terms the sandbox stores by default: the payment sentence says the same, with the IBAN."""
COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("Pos.", 9, "L"),
    ("Bezeichnung", 55, "L"),
    ("Menge", 16, "R"),
    ("Einheit", 16, "L"),
    ("Einzelpreis", 27, "R"),
    ("USt", 12, "R"),
    ("Betrag", 30, "R"),
)


class InvoicePages(FPDF):
    """One invoice's pages: the letterhead on page 1, a short header after it, the legal footer on every page."""

    def __init__(self, content: Mapping[str, Any]) -> None:
        super().__init__(format="A4", unit="mm", enforce_compliance="PDF/A-3B")
        self.content = content
        self.currency = content.get("currency") or "EUR"
        for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")):
            self.add_font(FONT, style, str(FONTS / file))
        self.set_margins(LEFT, 15, RIGHT)
        self.set_auto_page_break(False)
        self.alias_nb_pages()
        heading = f"{german.title(content)} {content['invoiceNumber']}"
        self.set_title(heading)
        self.set_subject(f"{heading} vom {german.date(content['issueDate'])}")
        self.set_author(content["seller"]["name"])
        self.set_creator("faktoora-mcp")
        self.set_lang("de-DE")

    def header(self) -> None:
        if self.page_no() > 1:
            self._text(LEFT, 10, f"{german.title(self.content)} {self.content['invoiceNumber']}", size=8)

    def footer(self) -> None:
        seller = self.content["seller"]
        self.set_draw_color(160, 160, 160)
        self.line(LEFT, 297 - FOOTER_HEIGHT, 210 - RIGHT, 297 - FOOTER_HEIGHT)
        self._text(LEFT, 297 - FOOTER_HEIGHT - 6, f"Seite {self.page_no()} von {{nb}}", size=8, align="R")
        blocks = (_address_lines(seller), _legal_lines(seller), _bank_lines(seller))
        for (x, width), block in zip(FOOTER_COLUMNS, blocks, strict=True):
            for row, text in enumerate(block):
                self._text(x, 297 - FOOTER_HEIGHT + 2 + row * 3.4, text, size=6.5, width=width)

    def _text(self, x: float, y: float, text: str, *, size: float = 9, bold: bool = False, width: float = 0,
              align: str = "L") -> None:  # fmt: skip
        self.set_font(FONT, "B" if bold else "", size)
        self.set_xy(x, y)
        self.cell(width or (210 - RIGHT - x), size * 0.45, text, align=align)


def render(content: Mapping[str, Any]) -> bytes:
    """The invoice's pages as a PDF/A-3B (without attachments)."""
    pdf = InvoicePages(content)
    pdf.add_page()
    _letterhead(pdf)
    _window(pdf)
    _info(pdf)
    y = _title(pdf)
    y = _lines(pdf, y + 4)
    y = _totals(pdf, y + 3)
    _texts(pdf, y + 4)
    return bytes(pdf.output())


def _letterhead(pdf: InvoicePages) -> None:
    seller = pdf.content["seller"]
    pdf._text(LEFT, 14, seller["name"], size=15, bold=True)
    contact = [x for x in (seller.get("phone") and f"Tel. {seller['phone']}", seller.get("email")) if x]
    for row, text in enumerate([*_address_lines(seller)[1:], *contact]):
        pdf._text(INFO_X, 14 + row * 4, text, size=8)


def _window(pdf: InvoicePages) -> None:
    seller, buyer = pdf.content["seller"], pdf.content["buyer"]
    pdf._text(WINDOW_X, RETURN_LINE_Y, " · ".join(_address_lines(seller)[:3]), size=6.5, width=85)
    for row, text in enumerate(_address_lines(buyer, foreign_from="DE")):
        pdf._text(WINDOW_X, ADDRESS_Y + row * 4.6, text, size=10, width=85)


def _info(pdf: InvoicePages) -> None:
    content, buyer = pdf.content, pdf.content["buyer"]
    rows = [
        ("Rechnungsnummer", content["invoiceNumber"]),
        ("Rechnungsdatum", german.date(content["issueDate"])),
        _supply_row(content),
        ("Kundennummer", buyer.get("customerId")),
        ("Ihre USt-IdNr.", buyer.get("vatId")),
        ("Ihre Bestellung", content.get("orderReference")),
        ("Leitweg-ID", buyer.get("routeId")),
        ("Fällig am", german.date(content.get("dueDate"))),
    ]
    shown = [(label, value) for label, value in rows if value]
    for row, (label, value) in enumerate(shown):
        pdf._text(INFO_X, 50 + row * 4.4, f"{label}:", size=8.5, width=INFO_LABEL)
        pdf._text(INFO_X + INFO_LABEL, 50 + row * 4.4, str(value), size=8.5, width=210 - RIGHT - INFO_X - INFO_LABEL)


def _supply_row(content: Mapping[str, Any]) -> tuple[str, str]:
    """§ 14 Abs. 4 Nr. 6 UStG: when the supply was made; the issue date counts when no other is given."""
    period = content.get("servicePeriod") or {}
    if period.get("start") and period.get("end"):
        return "Leistungszeitraum", f"{german.date(period['start'])} – {german.date(period['end'])}"
    if content.get("deliveryDate"):
        return "Leistungsdatum", german.date(content["deliveryDate"])
    return "Leistungsdatum", f"{german.date(content['issueDate'])} (= Rechnungsdatum)"


def _title(pdf: InvoicePages) -> float:
    content = pdf.content
    pdf._text(LEFT, 95, f"{german.title(content)} {content['invoiceNumber']}", size=14, bold=True)
    preceding = content.get("precedingInvoice") or {}
    if content.get("invoiceTypeCode") in ("381", "384") and preceding.get("invoiceNumber"):
        issued = f" vom {german.date(preceding['issueDate'])}" if preceding.get("issueDate") else ""
        what = "Korrektur" if content.get("invoiceTypeCode") == "384" else "Gutschrift"
        pdf._text(LEFT, 102, f"{what} zu Rechnung {preceding['invoiceNumber']}{issued}", size=9)
        return TABLE_Y + 5
    return TABLE_Y


def _table_head(pdf: InvoicePages, y: float) -> float:
    x = LEFT
    pdf.set_fill_color(235, 235, 235)
    pdf.rect(LEFT, y, 210 - LEFT - RIGHT, ROW + 0.6, style="F")
    for label, width, align in COLUMNS:
        pdf._text(x + 0.8, y + 1, label, size=8, bold=True, width=width - 1.6, align=align)
        x += width
    return y + ROW + 1.5


def _lines(pdf: InvoicePages, y: float) -> float:
    y = _table_head(pdf, y)
    carried = Decimal(0)
    for line in pdf.content["lines"]:
        texts = _wrapped(pdf, line)
        height = ROW * len(texts)
        if y + height > BREAK_AT:
            y = _carry_over(pdf, y, carried)
        _row(pdf, y, line, texts)
        carried += Decimal(str(line["netAmount"]))
        y += height
    pdf.set_draw_color(160, 160, 160)
    pdf.line(LEFT, y + 0.5, 210 - RIGHT, y + 0.5)
    return y + 1


def _wrapped(pdf: InvoicePages, line: Mapping[str, Any]) -> list[str]:
    """The line's name (and description) broken to the width of its column, every character kept."""
    pdf.set_font(FONT, "", 8.5)
    width = COLUMNS[1][1] - 1.6
    text = line["name"] + (f"\n{line['description']}" if line.get("description") else "")
    return list(pdf.multi_cell(width, ROW, text, dry_run=True, output="LINES"))


def _row(pdf: InvoicePages, y: float, line: Mapping[str, Any], texts: Sequence[str]) -> None:
    currency = pdf.currency
    category = line["vatCategory"]
    cells = (
        str(line["position"]),
        texts[0],
        german.number(line["quantity"]),
        german.unit(line.get("unitCode")),
        german.price(line["unitPrice"], currency),
        "–" if category == "O" else german.rate(line["vatRate"]),
        german.amount(line["netAmount"], currency),
    )
    x = LEFT
    for text, (_label, width, align) in zip(cells, COLUMNS, strict=True):
        pdf._text(x + 0.8, y + 0.8, text, size=8.5, width=width - 1.6, align=align)
        x += width
    for extra, text in enumerate(texts[1:], start=1):
        pdf._text(LEFT + COLUMNS[0][1] + 0.8, y + 0.8 + extra * ROW, text, size=8.5, width=COLUMNS[1][1] - 1.6)


def _carry_over(pdf: InvoicePages, y: float, carried: Decimal) -> float:
    """Close the page with the running total and open the next with it (Übertrag)."""
    total = german.amount(carried, pdf.currency)
    pdf._text(LEFT, y + 1.5, f"Zwischensumme netto (Übertrag auf Seite {pdf.page_no() + 1}): {total}", size=8.5,
              bold=True, align="R")  # fmt: skip
    pdf.add_page()
    pdf._text(LEFT, 18, f"Übertrag von Seite {pdf.page_no() - 1}: {total}", size=8.5, bold=True, align="R")
    return _table_head(pdf, 24)


def _totals(pdf: InvoicePages, y: float) -> float:
    content, currency = pdf.content, pdf.currency
    totals = content["totals"]
    rows: list[tuple[str, str, bool]] = [("Summe netto", german.amount(totals["taxBasis"], currency), False)]
    for group in content["vatBreakdown"]:
        base = german.amount(group["taxableAmount"], currency)
        label = f"USt {german.rate(group['rate'])} auf {base}"
        if group["category"] not in ("S", "Z"):
            label = f"USt {german.rate(group['rate'])} ({_category_name(group['category'])}) auf {base}"
        rows.append((label, german.amount(group["taxAmount"], currency), False))
    rows.append(("Gesamtbetrag", german.amount(totals["grandTotal"], currency), True))
    if Decimal(str(totals["prepaid"])):
        rows.append(("abzüglich bereits gezahlt", german.amount(-Decimal(str(totals["prepaid"])), currency), False))
        rows.append(("Zahlbetrag", german.amount(totals["amountDue"], currency), True))
    if y + len(rows) * 5 + 30 > BREAK_AT:
        pdf.add_page()
        y = 24
    for row, (label, value, bold) in enumerate(rows):
        pdf._text(80, y + row * 5, label, size=9, bold=bold, width=78)
        pdf._text(160, y + row * 5, value, size=9, bold=bold, width=210 - RIGHT - 160, align="R")
    return y + len(rows) * 5


def _category_name(category: str) -> str:
    names = {
        "AE": "Reverse Charge",
        "K": "innergem. Lieferung",
        "E": "§ 19 UStG",
        "G": "Ausfuhr",
        "O": "nicht steuerbar",
    }
    return names.get(category, category)


def _texts(pdf: InvoicePages, y: float) -> None:
    """VAT texts, payment terms, notes: wrapped paragraphs, continued on a new page when the page is full."""
    pdf.set_xy(LEFT, y)
    for paragraph in _paragraphs(pdf.content, pdf.currency):
        pdf.set_font(FONT, "", 9)
        lines = pdf.multi_cell(210 - LEFT - RIGHT, 4.4, paragraph, dry_run=True, output="LINES")
        if pdf.get_y() + len(lines) * 4.4 > BREAK_AT + 8:
            pdf.add_page()
            pdf.set_xy(LEFT, 24)
        pdf.set_x(LEFT)
        pdf.multi_cell(210 - LEFT - RIGHT, 4.4, paragraph, align="L")
        pdf.ln(1.5)


def _paragraphs(content: Mapping[str, Any], currency: str) -> list[str]:
    buyer, seller = content["buyer"], content["seller"]
    categories = sorted({line["vatCategory"] for line in content["lines"]})
    texts = [german.VAT_TEXTS[c] for c in categories if c in german.VAT_TEXTS]
    if buyer.get("vatId") and any(c in ("AE", "K") for c in categories):
        texts.append(f"USt-IdNr. des Leistungsempfängers: {buyer['vatId']}; unsere USt-IdNr.: {seller.get('vatId')}")
    texts.append(_payment(content, currency))
    known = {*german.VAT_TEXTS.values(), *(g.get("exemptionReason") for g in content["vatBreakdown"])}
    texts += [german.dates_in(note) for note in content.get("notes", []) if note not in known and "§ 19" not in note]
    return texts


def _payment(content: Mapping[str, Any], currency: str) -> str:
    seller, totals = content["seller"], content["totals"]
    due = german.amount(totals["amountDue"], currency)
    account = f"IBAN {seller['iban']}" if seller.get("iban") else "unser Konto"
    if seller.get("bic"):
        account += f", BIC {seller['bic']}"
    if seller.get("bankName"):
        account += f" ({seller['bankName']})"
    if content.get("invoiceTypeCode") in ("381", "389"):
        return f"Den Betrag von {german.amount(totals['grandTotal'], currency)} schreiben wir Ihnen gut."
    terms = content.get("paymentTerms") or ""
    terms = "" if DEFAULT_TERMS.match(terms) else german.dates_in(terms)
    when = f" bis zum {german.date(content['dueDate'])}" if content.get("dueDate") else ""
    sentence = f"Bitte überweisen Sie {due}{when} auf {account}, Verwendungszweck {content['invoiceNumber']}."
    return f"{terms} {sentence}".strip()


def _address_lines(party: Mapping[str, Any], foreign_from: str | None = None) -> list[str]:
    place = " ".join(x for x in (party.get("postcode"), party.get("city")) if x)
    lines = [party.get("name"), party.get("street"), place]
    country = party.get("country")
    if foreign_from and country and country != foreign_from:
        lines.append(german.COUNTRIES.get(country, country))
    return [line for line in lines if line]


def _legal_lines(seller: Mapping[str, Any]) -> list[str]:
    rows = [
        seller.get("contactName") and f"Geschäftsführung: {seller['contactName']}",
        seller.get("registerCourt") and f"{seller['registerCourt']}, {seller.get('registerNumber') or ''}".strip(", "),
        seller.get("taxNumber") and f"Steuernummer: {seller['taxNumber']}",
        seller.get("vatId") and f"USt-IdNr.: {seller['vatId']}",
    ]
    return [row for row in rows if row]


def _bank_lines(seller: Mapping[str, Any]) -> list[str]:
    rows = [
        seller.get("bankName"),
        seller.get("iban") and f"IBAN {seller['iban']}",
        seller.get("bic") and f"BIC {seller['bic']}",
    ]
    return [row for row in rows if row]
