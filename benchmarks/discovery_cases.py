"""The requests ``benchmarks/discovery.py`` scores ``search-actions`` on, with the action keys that answer each.

Written the way people type to a host: imperatives and questions, invoice numbers and names inside, Umlauts and
their ASCII spellings, German compounds, colloquial terms. Half German, half English, in two halves:

- ``DEVELOPMENT`` (224): the ranking is tuned against these; ``discovery.py --tuning`` prints the ones it gets
  wrong. 64 were written with the held-out half; three batches of 32 were added, each when tuning had got all the
  development requests right, so that there was something left to learn from.
- ``HELD_OUT`` (64): written and committed together with the development half, before any tuning, and never printed
  case by case; only its top-1/top-3 figures are reported. Change it only to fix a wrong answer key, and say so.
- ``HELD_OUT_FRESH`` (32): a second held-out set, written when the work was taken up again (the first held-out
  half was at 93.8 % top-3), committed before that round's tuning began, and scored apart from the first.

A case may have several right answers (``answers``) when two actions serve the request equally well.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    language: str  # "de" or "en"
    answers: tuple[str, ...]


def _cases(language: str, rows: list[tuple[str, str]]) -> list[Case]:
    return [Case(text, language, tuple(answers.split())) for text, answers in rows]


DEVELOPMENT = _cases(
    "en",
    [
        ("show me all overdue invoices", "list-outgoing-invoices"),
        ("create a new customer called Schmidt & Partner GmbH", "create-customer"),
        ("change the email address of customer Müller GmbH", "update-customer"),
        ("delete product SKU-1001", "delete-product"),
        ("download the PDF of invoice 2026/03/00043", "get-invoice-by-number"),
        ("has invoice F45NNA1 been delivered?", "get-outgoing-invoice-status"),
        ("what's on invoice F45NNA1, line by line", "get-outgoing-invoice-content"),
        ("cancel invoice 2026/02/00017", "cancel-outgoing-invoice"),
        ("the customer paid invoice 2026/01/00005, record it", "mark-invoice-paid"),
        ("which supplier invoices came in this month", "list-incoming-invoices"),
        ("add a webhook for invoiceSent to https://example.com/hook", "create-webhook"),
        ("stop sending events to our old webhook URL", "delete-webhook update-webhook"),
        ("what will the next invoice number be", "get-next-invoice-number"),
        ("is invoice number 2026/05/00100 already taken?", "verify-invoice-number"),
        ("write an invoice for Acme Ltd for 8 hours consulting", "create-outgoing-invoice"),
        ("send the draft invoice to the client", "send-outgoing-invoice"),
        ("update the price of the consulting hour product to 120 EUR", "update-product"),
        ("list all products", "list-products"),
        ("find customer number K-10023", "list-customers"),
        ("I'm a Kleinunternehmer, switch VAT off", "update-account-settings"),
        ("show our company details", "get-account"),
        ("import this XRechnung XML from a supplier", "import-incoming-invoice"),
        ("approve the incoming invoice from Telekom", "approve-incoming-invoice"),
        ("why was the supplier e-invoice rejected?", "get-incoming-invoice-validation"),
        ("new project for customer Weber", "create-project"),
        ("remove client Becker KG", "delete-customer"),
        ("change the invoice number format to RE-{YYYY}-{NNNN}", "update-invoice-number-template"),
        ("give me a fresh customer number", "generate-customer-number"),
        ("is product code SKU-2000 free", "verify-product-code"),
        ("which webhooks are registered", "list-webhooks"),
        ("void the last invoice to Meier", "cancel-outgoing-invoice"),
        ("look up the customer record for id 7c9e6679-7425-40de-944b-e07fc1f90ae7", "get-customer"),
    ],
) + _cases(
    "de",
    [
        ("Zeig mir alle überfälligen Rechnungen", "list-outgoing-invoices"),
        ("Neuen Kunden anlegen: Müller GmbH, Hauptstr. 5, 10115 Berlin", "create-customer"),
        ("Kunde Schulze: Adresse aendern", "update-customer"),
        ("Artikel SKU-1001 loeschen", "delete-product"),
        ("Rechnung 2026/03/00043 als PDF herunterladen", "get-invoice-by-number"),
        ("Wurde die Rechnung F45NNA1 schon zugestellt?", "get-outgoing-invoice-status"),
        ("Was steht auf der Rechnung F45NNA1 drauf?", "get-outgoing-invoice-content"),
        ("Rechnung 2026/02/00017 stornieren", "cancel-outgoing-invoice"),
        ("Zahlungseingang für Rechnung 2026/01/00005 verbuchen", "mark-invoice-paid"),
        ("Eingangsrechnungen von Lieferanten anzeigen", "list-incoming-invoices"),
        ("Webhook für neue Rechnungen einrichten", "create-webhook"),
        ("Webhook-URL ändern", "update-webhook"),
        ("Welche Rechnungsnummer kommt als nächstes?", "get-next-invoice-number"),
        ("Ist die Rechnungsnummer 2026/05/00100 noch frei?", "verify-invoice-number"),
        ("Schreib eine Rechnung an die Firma Bauer über 3 Stunden Beratung", "create-outgoing-invoice"),
        ("Rechnung an den Kunden verschicken", "send-outgoing-invoice"),
        ("Preis vom Artikel Beratungsstunde auf 95 Euro setzen", "update-product"),
        ("Alle Produkte auflisten", "list-products"),
        ("Kundennummer K-10023 suchen", "list-customers"),
        ("Ich bin Kleinunternehmer, bitte Umsatzsteuer abschalten", "update-account-settings"),
        ("Unsere Firmendaten anzeigen", "get-account"),
        ("XRechnung vom Lieferanten hochladen", "import-incoming-invoice"),
        ("Eingangsrechnung von der Telekom freigeben", "approve-incoming-invoice"),
        ("Warum wurde die Lieferantenrechnung abgelehnt?", "get-incoming-invoice-validation"),
        ("Neues Projekt für Kunde Weber anlegen", "create-project"),
        ("Kunde Becker KG entfernen", "delete-customer"),
        ("Rechnungsnummernformat umstellen auf RE-{YYYY}-{NNNN}", "update-invoice-number-template"),
        ("Gib mir eine neue Kundennummer", "generate-customer-number"),
        ("Ist die Artikelnummer SKU-2000 noch frei", "verify-product-code"),
        ("Welche Webhooks gibt es?", "list-webhooks"),
        ("Storno für die letzte Rechnung an Meier", "cancel-outgoing-invoice"),
        ("Zahlungserinnerung: welche Rechnungen sind noch offen?", "list-outgoing-invoices"),
    ],
)

DEVELOPMENT += _cases(
    # Added after the first tuning round had learnt the first 64 by heart; the held-out half did not change.
    "en",
    [
        ("scrap the draft invoice F3ABC12, it was a mistake", "delete-invoice"),
        ("what projects are running for Weber?", "list-projects"),
        ("show project 9d8c7b6a-1111-4222-8333-444455556666", "get-project"),
        ("close down the Website project, delete it", "delete-project"),
        ("before I add a customer, check whether number 20017 is in use", "verify-customer-number"),
        ("what does our invoice numbering pattern look like", "get-invoice-number-template"),
        ("flag all invoices past due as overdue", "mark-overdue-invoices"),
        ("put 'Logo design' into the catalogue at 450 EUR", "create-product"),
        ("product info for SKU-3003", "list-products"),
        ("grab the PDF for F45NNA1", "get-invoice-by-id"),
        ("unsubscribe the customerCreate webhook", "delete-webhook"),
        ("what hooks do we have set up", "list-webhooks"),
        ("which supplier invoices failed validation", "list-incoming-invoices get-incoming-invoice-validation"),
        ("deliver invoice 2026/04/00020 to the buyer by email", "send-outgoing-invoice"),
        ("client moved to Hamburg, update their address", "update-customer"),
        ("how much does Müller still owe us", "list-outgoing-invoices"),
    ],
) + _cases(
    "de",
    [
        ("Entwurf F3ABC12 wegwerfen, war ein Fehler", "delete-invoice"),
        ("Welche Projekte laufen gerade?", "list-projects"),
        ("Projekt 9d8c7b6a-1111-4222-8333-444455556666 anzeigen", "get-project"),
        ("Projekt Website löschen", "delete-project"),
        ("Kundennummer 20017 schon belegt?", "verify-customer-number"),
        ("Wie sieht unser Rechnungsnummernschema aus?", "get-invoice-number-template"),
        ("Fällige Rechnungen auf überfällig setzen", "mark-overdue-invoices"),
        ("Leistung 'Logo-Design' für 450 € anlegen", "create-product"),
        ("Artikel mit Code SKU-3003 suchen", "list-products"),
        ("PDF von F45NNA1 holen", "get-invoice-by-id"),
        ("Webhook customerCreate abbestellen", "delete-webhook"),
        ("Welche Webhooks sind eingerichtet?", "list-webhooks"),
        ("Warum ist die Eingangsrechnung IMP456789 ungültig?", "get-incoming-invoice-validation"),
        ("Rechnung 2026/04/00020 per E-Mail an den Kunden schicken", "send-outgoing-invoice"),
        ("Kunde ist nach Hamburg umgezogen, Anschrift aktualisieren", "update-customer"),
        ("Wie viel schuldet uns Müller noch?", "list-outgoing-invoices"),
    ],
)

DEVELOPMENT += _cases(
    # A third batch, written when the ranking had all 64 + 32 above right; the held-out half did not change.
    "en",
    [
        ("we got paid for F45NNA1 today", "mark-invoice-paid"),
        ("charge Meier 300 EUR for the workshop", "create-outgoing-invoice"),
        ("I want to see everything Becker KG was invoiced", "list-outgoing-invoices"),
        ("new SKU for printer paper", "create-product"),
        ("how many customers do we have", "list-customers"),
        ("take product SKU-1001 off the catalogue", "delete-product"),
        ("correct the phone number of client Weber", "update-customer"),
        ("e-invoice from our supplier just arrived, import it", "import-incoming-invoice"),
        ("okay the Telekom bill, it can be paid", "approve-incoming-invoice"),
        ("what's the counter of the invoice number sequence", "get-invoice-number-template"),
        ("reset the invoice counter to 1 for the new year", "update-invoice-number-template"),
        ("resend invoice F45NNA1", "send-outgoing-invoice"),
        ("is the XRechnung for 2026/03/00043 valid", "get-outgoing-invoice-status"),
        ("amounts and VAT of invoice F45NNA1", "get-outgoing-invoice-content"),
        ("which events can trigger a webhook", "create-webhook list-webhooks"),
        ("our tax settings", "get-account update-account-settings"),
    ],
) + _cases(
    "de",
    [
        ("F45NNA1 ist heute bezahlt worden", "mark-invoice-paid"),
        ("Meier 300 Euro für den Workshop in Rechnung stellen", "create-outgoing-invoice"),
        ("Alle Rechnungen an Becker KG", "list-outgoing-invoices"),
        ("Neue Artikelnummer für Druckerpapier anlegen", "create-product"),
        ("Wie viele Kunden haben wir?", "list-customers"),
        ("Artikel SKU-1001 aus dem Sortiment nehmen", "delete-product"),
        ("Telefonnummer vom Kunden Weber korrigieren", "update-customer"),
        ("E-Rechnung vom Lieferanten ist da, bitte einlesen", "import-incoming-invoice"),
        ("Telekom-Rechnung ist ok, darf bezahlt werden", "approve-incoming-invoice"),
        ("Zählerstand des Rechnungsnummernkreises", "get-invoice-number-template"),
        ("Rechnungszähler zum Jahreswechsel auf 1 zurücksetzen", "update-invoice-number-template"),
        ("Rechnung F45NNA1 nochmal senden", "send-outgoing-invoice"),
        ("Ist die XRechnung zu 2026/03/00043 gültig?", "get-outgoing-invoice-status"),
        ("Beträge und Mehrwertsteuer der Rechnung F45NNA1", "get-outgoing-invoice-content"),
        ("Bei welchen Ereignissen kann ein Webhook auslösen?", "create-webhook list-webhooks"),
        ("Unsere Steuereinstellungen", "get-account update-account-settings"),
    ],
)

DEVELOPMENT += _cases(
    # A fourth batch, written when the ranking had all 128 above right; the held-out half did not change.
    "en",
    [
        ("who are our biggest clients", "list-customers"),
        ("store a new contact: Anna Schmidt, freelancer, Leipzig", "create-customer"),
        ("archive customer 7c9e6679-7425-40de-944b-e07fc1f90ae7, we no longer work with them", "delete-customer"),
        ("raise the hourly rate product from 90 to 100", "update-product"),
        ("do we already have a product with code CONS-01", "verify-product-code list-products"),
        ("print invoice 2026/01/00009", "get-invoice-by-number"),
        ("where is invoice F45NNA1 in processing", "get-outgoing-invoice-status"),
        ("finalize and send the draft for Bauer", "send-outgoing-invoice"),
        ("reverse invoice 2026/02/00017, the customer returned everything", "cancel-outgoing-invoice"),
        ("money for 2026/01/00005 came in", "mark-invoice-paid"),
        ("list supplier bills that still need approval", "list-incoming-invoices"),
        ("change where the invoiceSent webhook posts to", "update-webhook"),
        ("what is our VAT ID and address", "get-account"),
        ("enable e-invoice validation for the account", "update-account-settings"),
        ("start a project for the trade fair", "create-project"),
        ("remove the old project Relaunch 2025", "delete-project"),
    ],
) + _cases(
    "de",
    [
        ("Wer sind unsere größten Kunden?", "list-customers"),
        ("Neuen Kontakt speichern: Anna Schmidt, Freiberuflerin, Leipzig", "create-customer"),
        (
            "Kunden 7c9e6679-7425-40de-944b-e07fc1f90ae7 archivieren, wir arbeiten nicht mehr zusammen",
            "delete-customer",
        ),
        ("Stundensatz von 90 auf 100 Euro erhöhen", "update-product"),
        ("Gibt es schon einen Artikel mit dem Code CONS-01?", "verify-product-code list-products"),
        ("Rechnung 2026/01/00009 drucken", "get-invoice-by-number"),
        ("Wie weit ist die Verarbeitung der Rechnung F45NNA1?", "get-outgoing-invoice-status"),
        ("Entwurf für Bauer fertigstellen und versenden", "send-outgoing-invoice"),
        ("Rechnung 2026/02/00017 rückgängig machen, der Kunde hat alles zurückgeschickt", "cancel-outgoing-invoice"),
        ("Geld für 2026/01/00005 ist eingegangen", "mark-invoice-paid"),
        ("Lieferantenrechnungen, die noch freigegeben werden müssen", "list-incoming-invoices"),
        ("Ändern, wohin der Webhook invoiceSent sendet", "update-webhook"),
        ("Wie lauten unsere USt-IdNr. und Adresse?", "get-account"),
        ("E-Rechnungs-Validierung im Konto einschalten", "update-account-settings"),
        ("Projekt für die Messe starten", "create-project"),
        ("Altes Projekt Relaunch 2025 entfernen", "delete-project"),
    ],
)

DEVELOPMENT += _cases(
    # A fifth batch, written when the ranking had all 160 above right, with the second held-out set: separable and
    # imperative German verbs, compounds the vocabulary does not list, English phrasal verbs, ASCII Umlauts.
    "en",
    [
        ("pull up invoice 2026/02/00031", "get-invoice-by-number"),
        ("how do I write an invoice to a customer?", "create-outgoing-invoice"),
        ("send out all drafts to Weber", "send-outgoing-invoice"),
        ("wipe the test customer Foo Bar", "delete-customer"),
        ("sign up a webhook for paid invoices", "create-webhook"),
        ("who owes us money", "list-outgoing-invoices"),
        ("bump the price of SKU-1001 by 10 %", "update-product"),
        ("what's the status of F12XY34", "get-outgoing-invoice-status"),
        ("list invoices from vendors awaiting validation", "list-incoming-invoices"),
        ("turn on small-business mode", "update-account-settings"),
        ("is K-20001 free as a customer number", "verify-customer-number"),
        ("the invoice number counter, where is it at?", "get-invoice-number-template"),
        ("print the seller details that go on invoices", "get-account"),
        ("throw away project Alpha", "delete-project"),
        ("add 'Hosting M' to our products, 29 EUR a month", "create-product"),
        ("show the validation report for supplier invoice IMP123456", "get-incoming-invoice-validation"),
    ],
) + _cases(
    "de",
    [
        ("Leg einen neuen Kunden an: Brandt GmbH, Köln", "create-customer"),
        ("Zeig die Rechnungsentwürfe an", "list-outgoing-invoices"),
        ("Schick die Rechnung 2026/03/00050 raus", "send-outgoing-invoice"),
        ("Lösch den Artikel Druckerpapier", "delete-product"),
        ("Kundenadresse von Weber ändern", "update-customer"),
        ("Produktpreis für Beratung auf 110 € anpassen", "update-product"),
        ("Kundenliste exportieren", "list-customers"),
        ("Wer hat seine Rechnung noch nicht bezahlt?", "list-outgoing-invoices"),
        ("Rechnung F12XY34 als bezahlt verbuchen", "mark-invoice-paid"),
        ("Gutschrift zu Rechnung 2026/02/00017 erstellen", "cancel-outgoing-invoice"),
        ("Lieferantenrechnung IMP123456 genehmigen", "approve-incoming-invoice"),
        ("Trag eine neue Leistung ein: Hosting M, 29 Euro", "create-product"),
        ("Webhook-Ziel auf https://neu.example.de/hook umstellen", "update-webhook"),
        ("Ueberfaellige Rechnungen jetzt kennzeichnen", "mark-overdue-invoices"),
        ("Projektdetails von 9d8c7b6a-1111-4222-8333-444455556666", "get-project"),
        ("Steuernummer unserer Firma nachschauen", "get-account"),
    ],
)

DEVELOPMENT += _cases(
    # A sixth batch, written when the ranking had all 192 above right: chatty and one-word requests, Denglisch,
    # formal German, typos, a verb said not to be wanted.
    "en",
    [
        ("hi, could you please send the invoice I created yesterday for Müller", "send-outgoing-invoice"),
        ("don't send it yet, just save a draft invoice for Müller", "create-outgoing-invoice"),
        ("can you delete invoices?", "delete-invoice"),
        ("new invoice", "create-outgoing-invoice"),
        ("webhooks", "list-webhooks"),
        ("the biggest invoices we issued this year", "list-outgoing-invoices"),
        ("invocie 2026/03/00043 as pdf", "get-invoice-by-number"),
        ("customer Weber's email is wrong, it should be info@weber.de", "update-customer"),
        ("payment for F45NNA1 just landed in our bank account", "mark-invoice-paid"),
        ("I need a storno for invoice 2026/02/00017", "cancel-outgoing-invoice"),
        ("what does invoice F45NNA1 contain", "get-outgoing-invoice-content"),
        ("register the supplier's e-invoice I just got", "import-incoming-invoice"),
        ("which incoming invoices were rejected", "list-incoming-invoices"),
        ("our bank details", "get-account"),
        ("switch invoice validation off", "update-account-settings"),
        ("look at project 9d8c7b6a-1111-4222-8333-444455556666", "get-project"),
    ],
) + _cases(
    "de",
    [
        ("Könnten Sie bitte die Rechnung 2026/02/00017 stornieren?", "cancel-outgoing-invoice"),
        ("Customer Müller anlegen", "create-customer"),
        ("Den Webhook deleten", "delete-webhook"),
        ("Invoice an Weber schicken", "send-outgoing-invoice"),
        ("Kunden", "list-customers"),
        ("Mahnung", "list-outgoing-invoices mark-overdue-invoices"),
        ("Ich brauche eine Übersicht über alle Kunden", "list-customers"),
        ("Rechnung Nr. 2026/03/00043 ausdrucken", "get-invoice-by-number"),
        ("Die Rechnung F45NNA1 wurde heute überwiesen", "mark-invoice-paid"),
        ("Die Kundin Anna Schmidt hat geheiratet, neuer Nachname Weber", "update-customer"),
        ("Rechnug für Meier schreiben", "create-outgoing-invoice"),
        ("Welche Eingangsrechnungen warten noch auf Freigabe?", "list-incoming-invoices"),
        ("Bankverbindung unserer Firma", "get-account"),
        ("Validierung eingehender Rechnungen deaktivieren", "update-account-settings"),
        ("Artikel 5e6f7a8b-1234-4cde-9abc-0123456789ab anzeigen", "get-product"),
        ("Welche Ereignisse abonniert unser Webhook?", "list-webhooks"),
    ],
)

HELD_OUT = _cases(
    "en",
    [
        ("which invoices haven't been paid yet", "list-outgoing-invoices"),
        ("register Hoffmann Consulting as a new client", "create-customer"),
        ("fix the VAT ID on customer Fischer AG", "update-customer"),
        ("get rid of the webhook pointing at zapier", "delete-webhook"),
        ("I need the XML of invoice F7KQ2ZP", "get-invoice-by-id"),
        ("did the e-invoice to Stadtwerke go out ok", "get-outgoing-invoice-status"),
        ("what exactly did we bill Schneider on 2026/04/00012", "get-outgoing-invoice-content"),
        ("issue a credit note for invoice 2026/02/00031", "cancel-outgoing-invoice"),
        ("mark 2026/03/00007 as paid", "mark-invoice-paid"),
        ("show purchase invoices from vendors", "list-incoming-invoices"),
        ("notify my server when an invoice is overdue", "create-webhook"),
        ("point the invoiceCreate webhook at a new URL", "update-webhook"),
        ("preview the upcoming invoice number", "get-next-invoice-number"),
        ("can I use RE-2026-0042 as an invoice number", "verify-invoice-number"),
        ("bill Wagner GmbH for 2 workshop days", "create-outgoing-invoice"),
        ("email invoice F45NNA1 to the customer", "send-outgoing-invoice"),
        ("rename product 'Support Stunde' to 'Support hour'", "update-product"),
        ("what services do we sell", "list-products"),
        ("look up the customer with email anna@example.de", "list-customers"),
        ("turn on invoice deletion for the account", "update-account-settings"),
        ("what is our seller address on invoices", "get-account"),
        ("upload a UBL invoice we received", "import-incoming-invoice"),
        ("release the supplier bill from Lidl for payment", "approve-incoming-invoice"),
        ("validation result of the incoming invoice from DHL", "get-incoming-invoice-validation"),
        ("list our projects", "list-projects"),
        ("delete invoice F9XX12A", "delete-invoice"),
        ("how are invoice numbers generated, show the template", "get-invoice-number-template"),
        ("is customer number 10042 still available", "verify-customer-number"),
        ("add a new product: Website maintenance, 90 EUR per hour", "create-product"),
        ("show product details for id 5b1c2d3e-aaaa-4bbb-8ccc-0123456789ab", "get-product"),
        ("run the overdue check now", "mark-overdue-invoices"),
        ("open project details for Relaunch 2026", "get-project"),
    ],
) + _cases(
    "de",
    [
        ("Welche Rechnungen sind noch nicht bezahlt?", "list-outgoing-invoices"),
        ("Leg bitte einen neuen Mandanten an: Hoffmann Consulting, Köln", "create-customer"),
        ("USt-IdNr. beim Kunden Fischer AG korrigieren", "update-customer"),
        ("Den Webhook für Zapier löschen", "delete-webhook"),
        ("XML der Rechnung F7KQ2ZP abrufen", "get-invoice-by-id"),
        ("Ist die E-Rechnung an die Stadtwerke angekommen?", "get-outgoing-invoice-status"),
        ("Welche Positionen hat die Rechnung 2026/04/00012?", "get-outgoing-invoice-content"),
        ("Gutschrift zur Rechnung 2026/02/00031 erstellen", "cancel-outgoing-invoice"),
        ("Rechnung 2026/03/00007 als bezahlt markieren", "mark-invoice-paid"),
        ("Lieferantenrechnungen zeigen", "list-incoming-invoices"),
        ("Benachrichtige meinen Server, wenn eine Rechnung überfällig wird", "create-webhook"),
        ("Ziel-URL vom Webhook invoiceCreate aendern", "update-webhook"),
        ("naechste Rechnungsnummer", "get-next-invoice-number"),
        ("Pruefe ob die Rechnungsnummer RE-2026-0042 schon vergeben ist", "verify-invoice-number"),
        ("Rechnung schreiben für Wagner GmbH, 2 Tage Workshop", "create-outgoing-invoice"),
        ("Rechnung F45NNA1 an den Kunden senden", "send-outgoing-invoice"),
        ("Artikel 'Support Stunde' umbenennen", "update-product"),
        ("Welche Leistungen bieten wir an?", "list-products"),
        ("Kunden mit der E-Mail anna@example.de finden", "list-customers"),
        ("Löschen von Rechnungen im Konto erlauben", "update-account-settings"),
        ("Wie lautet unsere Absenderadresse auf den Rechnungen?", "get-account"),
        ("Empfangene UBL-Rechnung importieren", "import-incoming-invoice"),
        ("Eingangsrechnung von Lidl zur Zahlung freigeben", "approve-incoming-invoice"),
        ("Prüfergebnis der Eingangsrechnung von DHL", "get-incoming-invoice-validation"),
        ("Projekte auflisten", "list-projects"),
        ("Rechnung F9XX12A endgültig löschen", "delete-invoice"),
        ("Nummernkreis für Rechnungen anzeigen", "get-invoice-number-template"),
        ("Ist die Kundennummer 10042 noch verfügbar?", "verify-customer-number"),
        ("Neuen Artikel anlegen: Website-Wartung, 90 Euro pro Stunde", "create-product"),
        ("Produktdetails zu Artikel 5b1c2d3e-aaaa-4bbb-8ccc-0123456789ab anzeigen", "get-product"),
        ("Mahnlauf jetzt starten", "mark-overdue-invoices"),
        ("Projekt Relaunch 2026 öffnen", "get-project"),
    ],
)

HELD_OUT_FRESH = _cases(
    # Written in the session that took up issue 13 again, before any of its tuning, and committed before it; never
    # printed case by case and never tuned against. Scored once, at the end, apart from the first held-out 64.
    "en",
    [
        ("pls list every invoice we sent to Hoffmann last quarter", "list-outgoing-invoices"),
        ("bill Kraus Design for two days of UX research", "create-outgoing-invoice"),
        ("need the XML file for invoice 2026/06/00112", "get-invoice-by-number"),
        ("did F7QWE21 get through to the customer", "get-outgoing-invoice-status"),
        ("add Lisa Brandt as a new client, she's in Köln", "create-customer"),
        ("fix the postcode on customer Wagner", "update-customer"),
        ("rename the product 'Support Basic' to 'Support Plus'", "update-product"),
        ("kill the webhook that posts to zapier", "delete-webhook"),
        ("void F7QWE21 please, wrong customer", "cancel-outgoing-invoice"),
        ("show unapproved bills from suppliers", "list-incoming-invoices"),
        ("email the reviewed invoice for Kraus Design to them", "send-outgoing-invoice"),
        ("which of our invoice deletion settings is active", "get-account"),
        ("get product 3f2b8a90-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "get-product"),
        ("notify my server at https://hooks.example.org/faktoora whenever an invoice is paid", "create-webhook"),
        ("set late invoices to overdue status in one go", "mark-overdue-invoices"),
        ("is SKU WEB-HOST-01 still unused?", "verify-product-code"),
    ],
) + _cases(
    "de",
    [
        ("Zeig mir die offenen Posten von Kunde Hoffmann", "list-outgoing-invoices"),
        ("Positionen der Rechnung F7QWE21 anzeigen", "get-outgoing-invoice-content"),
        ("Welche Leistungen haben wir im Angebot?", "list-products"),
        ("2026/05/00077 als bezahlt markieren, Überweisung ist da", "mark-invoice-paid"),
        ("Kann ich die Rechnungsnummer 2026/07/00001 noch verwenden?", "verify-invoice-number"),
        ("Lieferanten-XRechnung importieren", "import-incoming-invoice"),
        ("Nächste freie Kundennummer vergeben", "generate-customer-number"),
        ("Den Entwurf F7QWE21 endgültig löschen", "delete-invoice"),
        ("Eingangsrechnung von Vodafone zur Zahlung freigeben", "approve-incoming-invoice"),
        ("Prüfergebnis der Eingangsrechnung IMP998877", "get-incoming-invoice-validation"),
        ("Welche Projekte haben wir für Kunde Kraus?", "list-projects"),
        ("Projekt Relaunch anlegen", "create-project"),
        ("Kundendaten von 7c9e6679-7425-40de-944b-e07fc1f90ae7 abrufen", "get-customer"),
        ("Kunde Wagner GmbH löschen, Firma aufgelöst", "delete-customer"),
        ("Wie ist unser Rechnungsnummernkreis eingestellt?", "get-invoice-number-template"),
        ("Kleinunternehmerregelung aktivieren", "update-account-settings"),
    ],
)
