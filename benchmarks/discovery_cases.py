"""The requests ``benchmarks/discovery.py`` scores ``search-actions`` on, with the action keys that answer each.

Written the way people type to a host: imperatives and questions, invoice numbers and names inside, Umlauts and
their ASCII spellings, German compounds, colloquial terms. Half German, half English, in these sets:

- ``DEVELOPMENT`` (384): the ranking is tuned against these; ``discovery.py --tuning`` prints the ones it gets
  wrong. It has three parts, reported apart:
  - the first ``ORIGINAL_DEVELOPMENT`` (256, "dev-256"): 64 written with the held-out half, then six batches of 32
    added (three in each of the first two rounds of work), each when tuning had got all the development requests
    right, so that there was something left to learn from;
  - ``RETIRED_HELD_OUT`` (64, "retired-64"), "retired held-out-2/3, round 3": the second and third held-out sets
    (32 each), moved here when round 3 began. Each had been scored several times in rounds 1-2 and its final
    figures were recorded (benchmarks/README.md), so it no longer estimated how the ranker does on requests nobody
    tuned for; as development it shows what the ranker misses in language it was not written for;
  - ``RETIRED_HELD_OUT_4`` (64, "retired-held-out-4"), "retired held-out-4, round 4": the fourth held-out set,
    written by someone who had not seen the ranker, scored once per ranker at the end of round 3 and its figures
    recorded, then moved here before round 4's tuning: requests another person wrote are the best development data
    there is. It starts at ``RETIRED_ROUND_3``.
- ``HELD_OUT`` (64): written and committed together with the first 64 development requests, before any tuning, and
  never printed case by case; only its top-1/top-3 figures are reported. Change it only to fix a wrong answer key,
  and say so.
- ``HELD_OUT_5`` (64): a fifth, written during round 4 by someone who had not seen the ranker, its vocabulary or
  any other request set; never printed case by case.
- ``TRAINING`` (10 x 128) and ``HELD_OUT_6``, ``HELD_OUT_7`` (64 each), round 5: written by twelve people who
  had seen only the action keys and names and ``requests/BRIEF.md``, one set each, in ``requests/*.tsv`` (see
  ``TRAINING`` below). The training sets train the learned re-ranking with the development set; the two held-out
  sets are never printed case by case.

A case may have several right answers (``answers``) when two actions serve the request equally well.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path


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
        ("flag all invoices past due as overdue", "list-outgoing-invoices"),
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
        ("Fällige Rechnungen auf überfällig setzen", "list-outgoing-invoices"),
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
        ("Gutschrift zu Rechnung 2026/02/00017 erstellen", "correct-outgoing-invoice"),
        ("Lieferantenrechnung IMP123456 genehmigen", "approve-incoming-invoice"),
        ("Trag eine neue Leistung ein: Hosting M, 29 Euro", "create-product"),
        ("Webhook-Ziel auf https://neu.example.de/hook umstellen", "update-webhook"),
        ("Ueberfaellige Rechnungen jetzt kennzeichnen", "list-outgoing-invoices"),
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
        ("Mahnung", "list-outgoing-invoices"),
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

DEVELOPMENT += _cases(
    # A seventh batch, written when the ranking had all 224 above right: British and phrasal ways to invoice,
    # dunning, filters and prices in questions, German imperatives and modal verbs.
    "en",
    [
        ("raise an invoice for Weber, 5 days of consulting", "create-outgoing-invoice"),
        ("issue an invoice to Bauer for the logo", "create-outgoing-invoice"),
        ("chase overdue payments", "list-outgoing-invoices"),
        ("run dunning now", "list-outgoing-invoices"),
        ("make Anna Weber a customer", "create-customer"),
        ("put together an invoice for the Weber workshop", "create-outgoing-invoice"),
        ("copy of invoice 2026/03/00043 please", "get-invoice-by-number"),
        ("find the customer with email anna@example.com", "list-customers"),
        ("what does the consulting hour cost", "list-products"),
        ("invoices due next week", "list-outgoing-invoices"),
        ("has Weber paid yet?", "list-outgoing-invoices"),
        ("which URL does the invoicePaid webhook call?", "list-webhooks"),
        ("is F45NNA1 registered with the tax authority", "get-outgoing-invoice-status"),
        ("start numbering invoices with INV- from now on", "update-invoice-number-template"),
        ("a supplier emailed me an XRechnung, add it", "import-incoming-invoice"),
        ("change the VAT rate of product Hosting to 7 %", "update-product"),
    ],
) + _cases(
    "de",
    [
        ("Storniere F45NNA1", "cancel-outgoing-invoice"),
        ("Lösche alle Entwürfe", "delete-invoice"),
        ("Rechnungskopie 2026/03/00043", "get-invoice-by-number"),
        ("Welche Kunden kommen aus Berlin?", "list-customers"),
        ("Gibt es den Kunden Weber schon?", "list-customers"),
        ("Hat Weber schon bezahlt?", "list-outgoing-invoices"),
        ("Zahlungsziel der Rechnung F45NNA1", "get-outgoing-invoice-content"),
        ("Rechnungen im Status Entwurf", "list-outgoing-invoices"),
        ("Einheit beim Artikel Beratung von Stück auf Stunde ändern", "update-product"),
        ("Preisliste", "list-products"),
        ("Rechnungsnummern sollen ab sofort mit RE- beginnen", "update-invoice-number-template"),
        ("Lieferant hat eine Rechnung geschickt, bitte erfassen", "import-incoming-invoice"),
        ("Ist F45NNA1 schon bei der Behörde registriert?", "get-outgoing-invoice-status"),
        ("Kundennummer für Weber erzeugen", "generate-customer-number"),
        ("Projekt Website für Kunde Bauer aufsetzen", "create-project"),
        ("Was kostet der Artikel Hosting?", "list-products"),
    ],
)


ORIGINAL_DEVELOPMENT = len(DEVELOPMENT)
"""How many development requests there were before round 3 retired two held-out sets into development."""

RETIRED_HELD_OUT_2 = _cases(
    # Retired held-out-2, round 3. Written in the session that took up issue 13 again (round 2), before any of
    # its tuning, and committed before it; never printed case by case while it was held out. Scored in round 2.
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
        ("set late invoices to overdue status in one go", "list-outgoing-invoices"),
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

RETIRED_HELD_OUT_3 = _cases(
    # Retired held-out-3, round 3. Written after the second round's tuning and its one held-out measurement, by
    # the same author, before it was first scored; no change to the ranker was made with it while it was held out.
    "en",
    [
        ("could you list all customers in Munich", "list-customers"),
        ("register a new client: Nordlicht Design UG, Kiel", "create-customer"),
        ("update Hoffmann's VAT ID to DE123456789", "update-customer"),
        ("delete the customer record 5b6c7d8e-9f01-4a2b-8c3d-4e5f60718293", "delete-customer"),
        ("show me product 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "get-product"),
        ("lower the price of the Basic plan to 19 EUR", "update-product"),
        ("which invoices are overdue right now?", "list-outgoing-invoices"),
        ("email invoice 2026/08/00012 to the customer", "send-outgoing-invoice"),
        ("I need the e-invoice XML of F9KLM33", "get-invoice-by-id"),
        ("what's the delivery status of invoice F9KLM33?", "get-outgoing-invoice-status"),
        ("customer paid 2026/08/00012 in full", "mark-invoice-paid"),
        ("cancel the invoice we sent to Nordlicht by mistake", "cancel-outgoing-invoice"),
        ("list the bills our suppliers sent us", "list-incoming-invoices"),
        ("approve supplier invoice IMP445566", "approve-incoming-invoice"),
        ("set up a webhook that fires when a customer is created", "create-webhook"),
        ("what number will my next invoice get?", "get-next-invoice-number"),
    ],
) + _cases(
    "de",
    [
        ("Alle offenen Rechnungen von Nordlicht zeigen", "list-outgoing-invoices"),
        ("Neue Rechnung an Hoffmann über 12 Stunden Entwicklung", "create-outgoing-invoice"),
        ("Rechnung 2026/08/00012 an den Kunden mailen", "send-outgoing-invoice"),
        ("Die Rechnung F9KLM33 als XML herunterladen", "get-invoice-by-id"),
        ("Welche Positionen hat die Rechnung F9KLM33?", "get-outgoing-invoice-content"),
        ("Hoffmann hat 2026/08/00012 überwiesen", "mark-invoice-paid"),
        ("Rechnung F9KLM33 bitte stornieren", "cancel-outgoing-invoice"),
        ("Kundin Lena Vogt anlegen, Freiberuflerin aus Kiel", "create-customer"),
        ("E-Mail-Adresse vom Kunden Hoffmann ändern", "update-customer"),
        ("Produkt Basic-Paket löschen", "delete-product"),
        ("Neuen Artikel 'Wartung' mit 80 € pro Stunde anlegen", "create-product"),
        ("Eingangsrechnungen der letzten Woche", "list-incoming-invoices"),
        ("Eine E-Rechnung im UBL-Format hochladen", "import-incoming-invoice"),
        ("Warum wurde die Eingangsrechnung IMP445566 zurückgewiesen?", "get-incoming-invoice-validation"),
        ("Webhook auf neue URL https://hooks.example.de/neu umbiegen", "update-webhook"),
        ("Ist die Kundennummer 30001 noch frei?", "verify-customer-number"),
    ],
)

RETIRED_HELD_OUT = RETIRED_HELD_OUT_2 + RETIRED_HELD_OUT_3
"""Retired held-out-2/3, round 3: development now (see the module's docstring for why)."""
DEVELOPMENT += RETIRED_HELD_OUT

RETIRED_ROUND_3 = len(DEVELOPMENT)
"""How many development requests there were before round 4 retired held-out-4 into development."""

RETIRED_HELD_OUT_4 = _cases(
    # Retired held-out-4, round 4. Written by someone who had seen only the action keys and names and the Faktoora
    # API notes: not the ranker, its vocabulary, the manifests' descriptions or any other request set. Committed
    # before round 3's tuning began; never printed case by case while it was held out. Scored once per ranker, at
    # the end of round 3 (benchmarks/README.md records the figures), then moved here before round 4's tuning.
    "de",
    [
        (
            "Schreib eine Rechnung an Bäckerei Hoffmann: 12 Std. Webdesign à 85 €, Leistungszeitraum März 2026",
            "create-outgoing-invoice",
        ),
        ("Abschlagsrechnung ueber 30 % fuer die Dachsanierung an Familie Krüger schreiben", "create-outgoing-invoice"),
        ("Erstell eine Gutschrift über 150 € für die Weber GmbH wegen der Reklamation", "create-outgoing-invoice"),
        ("Zeig mir alle meine Rechnungen an Kunden vom Februar, die noch nicht bezahlt sind", "list-outgoing-invoices"),
        (
            "Welche Ausgangsrechnungen sind ueberfaellig? Ich will heute die Zahlungserinnerungen rausschicken",
            "list-outgoing-invoices",
        ),
        ("Rechnung F45NNA1 jetzt an den Kunden rausschicken", "send-outgoing-invoice"),
        ("Storno fuer die 2026/02/00017 bitte, die war falsch", "cancel-outgoing-invoice"),
        ("Zahlungseingang: Müller & Söhne hat die 2026/03/00043 heute überwiesen", "mark-invoice-paid"),
        (
            "Der Kunde sagt, er hat die Rechnung F7KQ2ZP nie bekommen. Kannst du nachschauen, ob die zugestellt wurde?",
            "get-outgoing-invoice-status",
        ),
        (
            "Ist die E-Rechnung an die Stadtwerke (FHU77GV) sauber durch die Validierung gekommen oder gab es Fehler?",
            "get-outgoing-invoice-status",
        ),
        ("Lade mir das PDF von Rechnung 2026/03/00051 runter", "get-invoice-by-number"),
        ("Ich brauch die Rechnungsdatei zur Faktoora-ID F45NNA1 als PDF", "get-invoice-by-id"),
        ("Was stand nochmal alles auf der Rechnung F3XR8LM drauf, welche Positionen?", "get-outgoing-invoice-content"),
        ("Den Rechnungsentwurf F9TT1AB brauchen wir nicht mehr, der kann weg", "delete-invoice"),
        (
            "Vor den Mahnungen: setz bei allen Rechnungen mit abgelaufenem Zahlungsziel den Status auf überfällig",
            "list-outgoing-invoices",
        ),
        ("Ist die Nummer 2026/04/00002 schon vergeben?", "verify-invoice-number"),
        (
            "Ab sofort sollen meine Rechnungsnummern so aussehen: RE-2026-0001, also Jahr und vierstelliger Zähler",
            "update-invoice-number-template",
        ),
        (
            "Nimm bitte die Schreinerei Özdemir GmbH als Kunden auf: Hauptstraße 4, 70173 Stuttgart",
            "create-customer",
        ),
        (
            "Frau Schäfer ist umgezogen, der Rechnungsempfänger soll jetzt Lindenweg 9, 04109 Leipzig sein",
            "update-customer",
        ),
        ("Bei der Brandt KG die USt-IdNr DE812345678 und die Steuernummer nachtragen", "update-customer"),
        ("Kunde Gruber hat gekündigt, bitte aus meinen Kunden rausnehmen", "delete-customer"),
        (
            "Ich will benachrichtigt werden, sobald eine Rechnung überfällig wird: schick das an https://hooks.meinefirma.de/faktoora",
            "create-webhook",
        ),
        ("Welche Kundennummer kriegt der naechste Neukunde?", "generate-customer-number"),
        (
            "Wir bieten jetzt eine Wartungspauschale an, 49 Euro netto zzgl. 19 % MwSt, pack die als Produkt rein",
            "create-product",
        ),
        ("Der Stundensatz für Beratung steigt auf 110 €, bitte beim Artikel anpassen", "update-product"),
        ("Kann ich den Artikelcode WP-2026 noch verwenden oder ist der schon belegt?", "verify-product-code"),
        ("Eingangsrechnung vom Lieferanten als ZUGFeRD-PDF hochladen", "import-incoming-invoice"),
        ("Welche Lieferantenrechungen sind diesen Monat reingekommen?", "list-incoming-invoices"),
        ("Die Eingangsrechnung IMP456789 ist geprüft, bitte freigeben", "approve-incoming-invoice"),
        (
            "Neues Projekt 'Praxis-Website' für Dr. Köhler aufmachen, geschätzt 40 Stunden, fertig bis Ende Mai",
            "create-project",
        ),
        ("Welche Steuernummer und IBAN sind bei mir hinterlegt? Die muessen ja auf jede Rechnung", "get-account"),
        (
            "Ich bin ab Januar Kleinunternehmer nach § 19, stell das bei mir im Konto um",
            "update-account-settings",
        ),
    ],
) + _cases(
    "en",
    [
        (
            "Invoice Greenleaf Studios for 3 days of workshop facilitation at €950/day, payable within 14 days",
            "create-outgoing-invoice",
        ),
        ("bill Hansen Logistik for the April retainer, they want it as a ZUGFeRD e-invoice", "create-outgoing-invoice"),
        ("how much have I invocied since January? list all my invoices from this year", "list-outgoing-invoices"),
        ("Email invoice 2026/03/00044 to the client now", "send-outgoing-invoice"),
        (
            "the client says they never received invoice 2026/02/00019 - please resend it to buchhaltung@kessler.de",
            "send-outgoing-invoice",
        ),
        (
            "I billed Nordlicht GmbH twice by mistake and they got both; void the duplicate F8PLM20",
            "cancel-outgoing-invoice",
        ),
        ("Got the money from Atelier Blum for F2WQ9RT, record it as settled", "mark-invoice-paid"),
        ("Did the invoice for Kowalski Bau actually go out? It's F6DD3KA", "get-outgoing-invoice-status"),
        ("grab me the pdf of invoice no. 2026/01/00012 so I can attach it to an email", "get-invoice-by-number"),
        ("What were the net amount and the VAT on invoice F45NNA1?", "get-outgoing-invoice-content"),
        (
            "I am about to write an invoice by hand, which number has to go on it so the sequence stays intact?",
            "get-next-invoice-number",
        ),
        ("What's my current invoice numbering format?", "get-invoice-number-template"),
        ("Add Lisa Brenner as a new client, private person, Kastanienallee 12, 10435 Berlin", "create-customer"),
        ("Change the billing email for Hofmann Consulting to accounts@hofmann.de", "update-customer"),
        (
            "Pull up the full customer record for Weber Elektrotechnik, I need their Leitweg-ID and VAT number",
            "get-customer list-customers",
        ),
        ("Which of my customers are based in Austria?", "list-customers"),
        ("does customer number KD-0815 exist already?", "verify-customer-number"),
        ("what prodcuts and services do I have in my catalog?", "list-products"),
        (
            "What's the price of the 'Premium Hosting' package and which VAT rate does it have?",
            "get-product list-products",
        ),
        ("Add 'SEO audit' as a service, flat fee 690 EUR, 19% VAT, billed as a lump sum", "create-product"),
        ("Set the VAT on 'Fachbuch Steuerrecht' to 7%, it's a book", "update-product"),
        ("We don't sell the old 'Basic Hosting' plan anymore, get rid of it", "delete-product"),
        ("My supplier emailed me an XRechnung xml, put it into Faktoora as a bill", "import-incoming-invoice"),
        ("show me all bills from suppliers that are still waiting for approval", "list-incoming-invoices"),
        (
            "was the supplier invoice IMP771203 accepted or rejected by the validator?",
            "get-incoming-invoice-validation",
        ),
        ("which projects are currently active?", "list-projects"),
        (
            "What's the deadline and the estimated effort on the 'Shop Migration' project?",
            "get-project list-projects",
        ),
        ("Kill the 'Messestand 2025' project, the trade fair was cancelled", "delete-project"),
        ("what webhooks do I have configured right now?", "list-webhooks"),
        (
            "Our endpoint moved to https://api.acme.io/v2/faktoora-events, point the existing hook there",
            "update-webhook",
        ),
        ("stop sending invoice events to my old Zapier URL, remove that hook", "delete-webhook"),
        ("Am I set up as a Kleinunternehmer in Faktoora, or is VAT being charged on my invoices?", "get-account"),
    ],
)
"""Retired held-out-4, round 4: development now (see the module's docstring for why)."""
DEVELOPMENT += RETIRED_HELD_OUT_4


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
        ("run the overdue check now", "list-outgoing-invoices"),
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
        ("Gutschrift zur Rechnung 2026/02/00031 erstellen", "correct-outgoing-invoice"),
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
        ("Mahnlauf jetzt starten", "list-outgoing-invoices"),
        ("Projekt Relaunch 2026 öffnen", "get-project"),
    ],
)

HELD_OUT_5 = _cases(
    # Written during round 4 by someone who had seen only the action keys, names and read-only flags and the Faktoora
    # API notes: not the ranker, its vocabulary, the manifests' descriptions or any other request set.
    "de",
    [
        ("Storno 2026/04/00012", "cancel-outgoing-invoice"),
        (
            "Die Rechnung F7KQ2MX an die Bäckerei Lindner war komplett falsch, die muss storniert werden",
            "cancel-outgoing-invoice",
        ),
        (
            "Schreib eine Rechnung an die Hofmann Zimmerei GmbH: 12 Std. Montage à 65 €, "
            "Leistungszeitraum 01.–15.03.2026",
            "create-outgoing-invoice",
        ),
        (
            "ich brauch ne Abschlagsrechnung ueber 30 % fuer die Dachsanierung bei Familie Weber",
            "create-outgoing-invoice",
        ),
        ("Welche Rechnungen hat Kraemer & Soehne noch nicht bezahlt?", "list-outgoing-invoices"),
        ("Was hab ich im Februar so alles abgerechnet? Zeig mal die Rechnungen", "list-outgoing-invoices"),
        ("Frau Yılmaz hat heute die 2026/03/00043 überwiesen", "mark-invoice-paid"),
        ("Zahlungseingang verbuchen: 1.190 € von Studio Brandt fuer RE 2026/02/00031", "mark-invoice-paid"),
        ("Herr Meier ist umgezogen, neue Anschrift Lindenstraße 4, 04109 Leipzig", "update-customer"),
        ("Bei Schulz Elektrotechnik ist die USt-IdNr falsch hinterlegt, richtig waere DE298765432", "update-customer"),
        (
            "Nimm bitte die Praxis Dr. Anja Vogt als Kundin auf: Gartenweg 9, 79098 Freiburg, praxis@vogt-freiburg.de",
            "create-customer",
        ),
        (
            "Die Rechnung für die Gärtnerei Rosenthal ist fertig, kannst du sie jetzt rausschicken?",
            "send-outgoing-invoice",
        ),
        ("pdf von rechnugn 2026/01/00007 runterladen", "get-invoice-by-number"),
        (
            "Der Kunde meint, die 2026/03/00019 sei nie bei ihm angekommen. Was ist da schiefgelaufen?",
            "get-outgoing-invoice-status",
        ),
        (
            "Hab eine E-Rechnung als XML von meinem Webhoster bekommen, "
            "die muss als Lieferantenrechnung in Faktoora rein",
            "import-incoming-invoice",
        ),
        ("Wie viele Kunden hab ich eigentlich in München?", "list-customers"),
        ("Leg mir die Leistung „Wartungspauschale Website“ an, 89 € netto im Monat, 19 % USt", "create-product"),
        (
            "Der Stundensatz für „Beratung Senior“ geht ab April auf 120 € hoch, bitte im Katalog anpassen",
            "update-product",
        ),
        ("Welche Kundennummer würde der nächste Kunde bekommen?", "generate-customer-number"),
        ("Ist die Kundennr. K-0815 schon vergeben?", "verify-customer-number"),
        ("Kann ich 2026/05/00100 noch als Rechnungsnummer nehmen oder gibts die schon?", "verify-invoice-number"),
        ("welche nummer kriegt meine naechste rechnung", "get-next-invoice-number"),
        ("Nummernkreis bitte auf RE-YYYY-id umstellen, Zähler vierstellig", "update-invoice-number-template"),
        (
            "Ist der Import IMP456789 durch die Prüfung gekommen oder wurde er abgelehnt?",
            "get-incoming-invoice-validation",
        ),
        (
            "Die Rechnung, die uns das Steuerbüro Kranz geschickt hat, ist geprüft – bitte zur Zahlung freigeben",
            "approve-incoming-invoice",
        ),
        ("Schick mir die Datei zu F45NNA1, die brauch ich für den Steuerberater", "get-invoice-by-id"),
        (
            "Welche Positionen standen nochmal auf der Rechnung 2026/02/00028 an die Agentur Nordlicht?",
            "get-outgoing-invoice-content",
        ),
        (
            "Den Rechnungsentwurf für Café Sonnenschein hab ich aus Versehen doppelt angelegt, den zweiten bitte "
            "komplett entfernen",
            "delete-invoice",
        ),
        ("Ist das Artikelkürzel WP-01 noch frei?", "verify-product-code"),
        ("Ich bin ab 2026 kein Kleinunternehmer mehr, stell das bei mir im Konto um", "update-account-settings"),
        ("Mach ein neues Projekt „Relaunch Onlineshop“ für Kaiser Moden auf", "create-project"),
        (
            "Vor dem Mahnen: markier alle Rechnungen, deren Zahlungsziel abgelaufen ist, als überfällig",
            "list-outgoing-invoices",
        ),
    ],
) + _cases(
    "en",
    [
        (
            "Issue a Gutschrift of 150 € to Brightside Media for the workshop day we had to call off",
            "create-outgoing-invoice",
        ),
        (
            "need to bill Müller GmbH for the logo redesign, 1800 EUR net — "
            "just make it a draft for now, ZUGFeRD please",
            "create-outgoing-invoice",
        ),
        ("show me everything I've invoiced Hansen Logistik this year", "list-outgoing-invoices"),
        ("how much are clients still owing me? list the unpaid invoices, oldest first", "list-outgoing-invoices"),
        ("Please void invoice 2026/03/00041, the client called off the whole job", "cancel-outgoing-invoice"),
        ("Got the transfer from Lars Eriksen for F9TR3PL, tick it off as settled", "mark-invoice-paid"),
        (
            "Rechnungsempfänger at Brightside Media changed, invoices now go to ap@brightside.co.uk — "
            "update the client",
            "update-customer",
        ),
        ("Add Nordwind Segelschule as a new client: Hafenstrasse 12, 24103 Kiel, it's a company", "create-customer"),
        (
            "new customer, private person: Jonas Becker, Am Markt 3, 99084 Erfurt. put him in the system",
            "create-customer",
        ),
        ("The draft for Hansen Logistik looks good — fire it off to them", "send-outgoing-invoice"),
        ("pdf of 2026/02/00017 pls", "get-invoice-by-number"),
        (
            "I need the XRechnung XML for invoice no. RE-2025-0193 to upload to the city's portal",
            "get-invoice-by-number",
        ),
        (
            "did invocie 2026/04/00002 actually go out? the client swears they never got an email",
            "get-outgoing-invoice-status",
        ),
        ("Our hosting provider sent a ZUGFeRD PDF, pull it in as a supplier bill", "import-incoming-invoice"),
        ("Show me all clients in the category 'Agentur'", "list-customers"),
        ("add 'SEO audit' to my products, 490 EUR flat, 19% VAT", "create-product"),
        ("The e-book 'Ratgeber Steuern' should be taxed at 7 % not 19 %, fix that", "update-product"),
        ("what services do I have set up and at what prices?", "list-products"),
        ("Which webhooks are currently registered?", "list-webhooks"),
        ("Pull up customer no. 4711 — I need their Leitweg-ID and Peppol ID", "get-customer"),
        ("remove the duplicate client 'Nordwind Segelschule (alt)', it's a leftover", "delete-customer"),
        ("What unit and net price are stored for my product 'Fotoshooting halbtags'?", "get-product"),
        ("Drop 'Print-Flyer A5' from my catalogue, I don't offer it anymore", "delete-product"),
        ("Ping https://hooks.example.org/faktoora every time a supplier invoice comes in", "create-webhook"),
        (
            "Our n8n endpoint moved to https://n8n.mycompany.de/webhook/inv, point the existing hook there instead",
            "update-webhook",
        ),
        ("Kill the old Zapier webhook, we cancelled Zapier", "delete-webhook"),
        ("what pattern do my invoice numbers currently follow?", "get-invoice-number-template"),
        ("Which bills from suppliers came in this month?", "list-incoming-invoices"),
        ("list my active projects", "list-projects"),
        ("How many hours are estimated for project 'Brand Refresh 2026', and when is it due?", "get-project"),
        ("Project 'Test Projekt' was created by mistake, get rid of it", "delete-project"),
        ("What Steuernummer and VAT ID does Faktoora have on file for my own company?", "get-account"),
    ],
)


REQUESTS = Path(__file__).resolve().parent / "requests"
"""Sets written from round 5 on: one file each, ``LANG<TAB>KEYS<TAB>TEXT`` per line (KEYS space-separated)."""


def _written(name: str) -> list[Case]:
    """The set in ``requests/NAME.tsv``; a malformed line stops the run with its file and line number."""
    cases = []
    path = REQUESTS / f"{name}.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fields = line.split("\t")
        if len(fields) != 3 or fields[0] not in ("de", "en") or not fields[1].split() or not fields[2].strip():
            raise ValueError(f"{path}:{number}: want LANG<TAB>KEYS<TAB>TEXT, LANG de or en")
        cases.append(Case(fields[2].strip(), fields[0], tuple(fields[1].split())))
    return cases


TRAINING = {
    name: _written(f"train_{name}")
    for name in [*"abcdefghijklmnopqrstuvwxyz", *(f"a{letter}" for letter in "abcdefghijklmno")]
}
"""Round 5: ten sets of 128 (64 German, 64 English), written for the learned re-ranking by ten people who had seen
only the action keys and names and a line on the less obvious ones (``requests/BRIEF.md``), never the ranker or
another set, each in a voice of its own: (a) owners in a hurry, colloquial, typos and ASCII Umlauts; (b) office
staff, accountants and developers, formal and indirect; (c) the hard distinctions (file, status or content; cancel
or delete; incoming or outgoing; corrections and negations); (d) fragments and abbreviations (Rg., Kd.-Nr., "inv
... -> paid"); (e) a situation or goal told at length instead of the operation; (f) the trade's own words and
synonyms (Faktura, Beleg, Kreditor, offene Posten; vendor bill, void, AR/AP); (g) the queries an agent writes
after reading its user's message; (h) two to five words, as in a search box; (i) Austrian and Swiss German,
non-native English, startup jargon; (j) words that point one way and a meaning the other. Sets a-f were written
first, g-j after cross-validation showed the re-ranking still learning from more. Each was scored by the rules
before anything was tuned on it; ``discovery.py`` scores each as the re-ranking does when trained on all the
other training requests. (k), issue 25: 101 written by the one who tunes the ranker (so not blind), for the kinds
a blind set showed failing (a request naming one object and asking for another; typos in the key word; price
questions without a verb; a customer's new billing e-mail; a settings change stated as a fact; negations; "first
... then") and for issue 22's catalogue (correct-outgoing-invoice, get-invoice-validation-report; overdue is read
from the list). Requests answered only by actions the catalogue lacks are left out of training and score as
misses. (l) and (m), issue 25, written blind from today's ``requests/BRIEF.md`` (43 actions) by two more people
who saw neither the ranker nor any other set: (l) 128 of the hard kinds above, 16 of each (a request naming one
object and asking for another, a typo in the key word, a price question without a verb, a customer's details told
as news, a settings change stated as a fact, indirect wording, negation or sequence, a situation told at length);
(m) 128 of a freelancer's working week of invoicing (write, correct and credit, validate, number, import, record
payments, follow up what is overdue). (n), (o) and (p), issue 25, three more blind writers with the same brief: (n) a
request naming one object and asking for another, and indirect wording (64 each); (o) situations told at length,
negation and sequence, changes stated as facts or news; (p) small-business owners between jobs, every action at
least twice. They were adopted by a rule fixed before they were written: the cross-validated figures of sets a-m
must not drop with them in the training (benchmarks/README.md, round 7). Round 8 (issue 25): eight more blind
writers with today's brief, in two batches, each adopted by the same rule fixed before it was written (the
cross-validated figures of the sets before it must not drop): (q) indirect and colloquial wording; (r) a request
naming one object and asking for another, typos in the key word, questions without a verb, negation and sequence;
(s) news and facts from which an action follows; (t) a tax adviser's office, a bookkeeper and an agent, weighted to
the less common actions; (u) what just happened, told at length; (v) a phone's two to eight sloppy words; (w) the
pairs of actions easy to confuse; (x) hints, complaints, dialect and mixed languages. A line that repeats a held-out
request (case and spacing aside) was dropped from its training file: the held-out sets were there first. Then two
more, 192 each, adopted by the same rule over sets a-x: (y) facts and news with no request in them, and words that
point one way while the meaning points another; (z) the invoicing job told as situations and as plans of several
steps, with negation. Round 9: four more blind writers (160 each), adopted by a rule fixed before they were
written (the cross-validated figures of sets a-z must not drop with them; they rose, 91.3 / 97.5 to 92.0 / 97.9):
(aa) a phone's fast typing, with slips in the word that matters; (ab) negation, sequence, and one object named
while another is wanted; (ac) situations told at length and details told as news or facts; (ad) indirect wording,
questions without a verb, and requests an agent or a developer phrases for the user. Lines that repeat a held-out
request were dropped as before (12). Round 10: seven more blind writers (160 each), adopted by the same rule over sets
a-ad (they rose, 92.7 / 98.3 to 93.8 / 98.3): (ae) indirect and colloquial wording, hints and worries; (af)
situations told in two to four sentences; (ag) one object named while another is wanted, settings stated as facts,
details told as news, negation and sequence; (ah) people new to invoicing software and an agent's terse
instructions; (ai) the invoicing job's concrete details (numbers, VAT, Skonto, Leitweg-ID, ZUGFeRD); (aj) hurried
fragments and slips; (ak) pairs of actions that only a careful reading tells apart. Lines that repeat a held-out
request, held-out-14 included, were dropped (13). Then four more, adopted by the same rule over sets a-ak (93.2 /
98.0 to 93.7 / 98.2): (al) what an agent searches for after reading its user's mail or message, forwarded or as
typed; (am) questions rather than orders; (an) a conversation under way ("die von gestern", "now send it", "nein,
nicht löschen, stornieren"); (ao) the eight hard kinds, 20 of each. 11 lines that repeat a held-out request were
dropped."""

HELD_OUT_6 = _written("held_out_6")
"""Round 5's blind sets (64 each: 32 German, 32 English), written as the training sets were, by two more people
who saw neither them nor the ranker; never printed case by case, scored once per ranker at the end of the round."""
HELD_OUT_7 = _written("held_out_7")

HELD_OUT_8 = _written("held_out_8")
"""Issue 25's blind set (160: 80 German, 80 English), written from the catalogue's descriptions only (with issue 22's
catalogue: no mark-overdue-invoices; correct-outgoing-invoice and get-invoice-validation-report added) by a writer
who never saw the ranker, its vocabulary, its training requests or any other set. Nothing is fitted on it: no
weight, no word list, no training request; it is never printed case by case, only scored."""


def _lines(name: str) -> list[int]:
    """The 1-based line numbers listed in ``requests/NAME`` (one a line)."""
    return [int(line) for line in (REQUESTS / name).read_text(encoding="utf-8").split()]


HELD_OUT_8_HARD = [HELD_OUT_8[number - 1] for number in _lines("held_out_8.hard.txt")]
"""The lines of ``HELD_OUT_8`` its writer marked hard (indirect, multi-step, colloquial or misleading), as
``requests/held_out_8.hard.txt`` lists them."""

HELD_OUT_9 = _written("held_out_9")
"""Issue 25's second blind set (160: 80 German, 80 English), written by another writer who had read only today's
``requests/BRIEF.md`` (43 actions), never the ranker, its vocabulary or any other set, and committed before the
round's tuning began: 61 of its requests are for the invoicing job (write, correct, validate, number, import, record
a payment, follow up), 70 are hard. Nothing is fitted on it; it is never printed case by case, only scored."""

HELD_OUT_9_HARD = [HELD_OUT_9[number - 1] for number in _lines("held_out_9.hard.txt")]
"""The 70 lines of ``HELD_OUT_9`` its writer marked hard, at least 8 of each kind issue 25 names (``requests/
held_out_9.kinds.txt``: 1 names one object and asks for another, 2 a typo in the key word, 3 a price question
without a verb, 4 a customer's details told as news, 5 a settings change stated as a fact, 6 indirect or colloquial,
7 negation or sequence, 8 a situation told at length)."""


def _kinds(name: str, cases: list[Case]) -> dict[int, list[Case]]:
    """The cases of ``requests/NAME`` (``LINE<TAB>KIND`` a line) grouped by kind."""
    kinds: dict[int, list[Case]] = {}
    for line in (REQUESTS / name).read_text(encoding="utf-8").splitlines():
        number, kind = line.split("\t")
        kinds.setdefault(int(kind), []).append(cases[int(number) - 1])
    return dict(sorted(kinds.items()))


HELD_OUT_9_KINDS = _kinds("held_out_9.kinds.txt", HELD_OUT_9)
"""``HELD_OUT_9_HARD`` by kind (1-8, as above): which kind of hard request the ranker still misses, printed as
figures only."""


def _same(text: str) -> str:
    """A request's text as the rule below compares it: case and spacing aside."""
    return " ".join(text.casefold().split())


TRAINED_ON = {_same(case.text) for cases in (DEVELOPMENT, *TRAINING.values()) for case in cases}
"""Every text the re-ranking is trained on. Writers who work from the same brief sometimes type the same short
request ("Kunde anlegen"); a held-out request that is also a training one is not unseen, so from held-out-10 on
such a line is not scored (the files keep it, as written)."""


def _unseen(cases: list[Case]) -> list[Case]:
    return [case for case in cases if _same(case.text) not in TRAINED_ON]


def _judge(name: str) -> tuple[list[Case], list[Case], dict[int, list[Case]], list[Case]]:
    """A blind set with its kinds file, from held-out-10 on: the lines as written, those scored (``_unseen``), the
    scored hard lines by kind (1-8 as for ``HELD_OUT_9_HARD``) and all of them. Wiring in the next one is one line."""
    as_written = _written(name)
    kinds = {kind: _unseen(cases) for kind, cases in _kinds(f"{name}.kinds.txt", as_written).items()}
    return as_written, _unseen(as_written), kinds, [case for cases in kinds.values() for case in cases]


HELD_OUT_10_AS_WRITTEN, HELD_OUT_10, HELD_OUT_10_KINDS, HELD_OUT_10_HARD = _judge("held_out_10")
"""Round 8's first blind set (160 as written: 80 German, 80 English, 70 hard), written from today's
``requests/BRIEF.md`` alone by a writer who never saw the ranker or any other set, in the voices of freelancers,
craftspeople, a small agency's office and a tax adviser's assistant. Committed before the round's tuning, scored
once at its end, used for no decision; never printed case by case. Lines that are also training requests are left
out (``TRAINED_ON``)."""

HELD_OUT_11_AS_WRITTEN, HELD_OUT_11, HELD_OUT_11_KINDS, HELD_OUT_11_HARD = _judge("held_out_11")
"""Round 8's second blind set, written as ``HELD_OUT_10`` was by another writer, in the voices of people who are
not at home with software (a photographer, a yoga teacher, a plumber's wife who keeps his books, an Austrian
caterer, an English-speaking consultant in Berlin) and of an agent acting for them."""

HELD_OUT_12_AS_WRITTEN, HELD_OUT_12, HELD_OUT_12_KINDS, HELD_OUT_12_HARD = _judge("held_out_12")
"""Round 9's judge (160 as written, 70 hard), written as ``HELD_OUT_10`` was by another writer at the end of round
8 and committed then (5335228), unread by this benchmark until round 9's final scoring, which is its only one."""

HELD_OUT_13_AS_WRITTEN, HELD_OUT_13, HELD_OUT_13_KINDS, HELD_OUT_13_HARD = _judge("held_out_13")
"""Round 10's judge (160 as written, 70 hard), written as ``HELD_OUT_10`` was by another writer at the start of
round 9 and committed then (02632cd), unread by this benchmark until round 10's final scoring, which is its only
one. ``requests/held_out_14.tsv`` (written at the start of round 10, a85daae) waits unread in the same way for round
11."""


SPENT = [*HELD_OUT, *HELD_OUT_5, *HELD_OUT_6, *HELD_OUT_7, *HELD_OUT_8, *HELD_OUT_9, *HELD_OUT_10, *HELD_OUT_11]
"""The held-out requests scored in earlier rounds (1 and 5 to 11): no longer judges, but never trained on, so what
a slip of the keyboard costs can be read from them (``slips``) against the same requests as written."""

SLIP_SEED = 20261207
"""Which word of a request is mistyped, and how: fixed, so that every run and every ranker meets the same slips."""
KEYBOARD_ROWS = {"de": ("qwertzuiop", "asdfghjkl", "yxcvbnm"), "en": ("qwertyuiop", "asdfghjkl", "zxcvbnm")}
"""A German keyboard has y and z swapped: a slip hits a neighbour on the keyboard the person types on."""


def slips(cases: list[Case], seed: int = SLIP_SEED) -> list[tuple[Case, Case]]:
    """(as written, mistyped) for each of ``cases`` with one slip of the keyboard, in a word of five letters or
    more that the ranking's vocabulary knows (the word that says what the request is about or what should happen):
    two neighbouring letters swapped, one dropped, one typed twice, or a neighbouring key hit, never the first
    letter. A request without such a word is left out. Issue 25's blind sets mark a typo in the key word as a hard
    kind, 17 or 18 lines a set; this mistypes every request of a set, so that what slips cost can be read from
    hundreds of requests, not twenty."""
    from faktoora_mcp.ranking.analysis import concepts, fold
    from faktoora_mcp.ranking.stemming import english

    choose = random.Random(seed)
    found = []
    for case in cases:
        words = [w for w in re.findall(r"\b[^\W\d_]{5,}\b", case.text) if concepts(fold(w)) != (english(fold(w)),)]
        if not words:
            continue
        word = choose.choice(words)
        typo = case.text.replace(word, _slip(word, case.language, choose), 1)
        found.append((case, Case(typo, case.language, case.answers)))
    return found


def _slip(word: str, language: str, choose: random.Random) -> str:
    """``word`` mistyped once (see ``slipped``): the result always differs from ``word``."""
    at = choose.randrange(1, len(word) - 1)
    kind = choose.choice(("swap", "drop", "double", "neighbour"))
    if kind == "swap" and word[at] != word[at + 1]:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    if kind == "neighbour":
        row = next((row for row in KEYBOARD_ROWS[language] if word[at] in row), "")
        keys = [row[n] for n in (row.find(word[at]) - 1, row.find(word[at]) + 1) if 0 <= n < len(row)] if row else []
        if keys:
            return word[:at] + choose.choice(keys) + word[at + 1 :]
    return word[:at] + word[at + 1 :]  # a letter dropped (also where another slip would leave the word as it was)
