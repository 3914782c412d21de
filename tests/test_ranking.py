"""search-actions' rules: German and English requests, typed the way people type, are read as the action they mean.

These tests pin the rules' reading cause by cause, so they rank with the rules alone; ``tests/test_learned.py``
tests the learned re-ranking that orders the rules' candidates in a search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.ranking import learned, rank


@pytest.fixture(autouse=True)
def rules_alone() -> Iterator[None]:
    learned.use(None)
    yield
    learned.use_shipped()


def first(intent: str, infos: list[ActionInfo]) -> str | None:
    found = rank(intent, infos, 3)
    return found[0].key if found else None


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Zeig mir alle überfälligen Rechnungen", "list-outgoing-invoices"),
        ("zeig mir alle ueberfaelligen rechnungen", "list-outgoing-invoices"),
        ("Neuen Kunden anlegen: Müller GmbH, Hauptstr. 5, 10115 Berlin", "create-customer"),
        ("Artikel SKU-1001 loeschen", "delete-product"),
        ("Rechnung 2026/02/00017 stornieren", "cancel-outgoing-invoice"),
        ("Storno für die letzte Rechnung an Meier", "cancel-outgoing-invoice"),
        ("Eingangsrechnungen von Lieferanten anzeigen", "list-incoming-invoices"),
        ("Zahlungserinnerung: welche Rechnungen sind noch offen?", "list-outgoing-invoices"),
        ("Gib mir eine neue Kundennummer", "generate-customer-number"),
        ("Ist die Artikelnummer SKU-2000 noch frei", "verify-product-code"),
    ],
)
def test_german_requests_find_the_action_in_either_spelling(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("change the email address of customer Müller GmbH", "update-customer"),
        ("Kunde Schulze: Adresse aendern", "update-customer"),
        ("remove client Becker KG", "delete-customer"),
        ("which webhooks are registered", "list-webhooks"),
        ("show me all overdue invoices", "list-outgoing-invoices"),
        ("the customer paid invoice 2026/01/00005, record it", "mark-invoice-paid"),
        ("Stundensatz von 90 auf 100 Euro erhöhen", "update-product"),
        ("reverse invoice 2026/02/00017, the customer returned everything", "cancel-outgoing-invoice"),
        ("list supplier bills that still need approval", "list-incoming-invoices"),
    ],
)
def test_the_verb_decides_between_actions_about_the_same_thing(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


def test_a_pasted_id_asks_for_that_one_record(catalogue: list[ActionInfo]) -> None:
    uuid = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
    assert first(f"look up the customer record for id {uuid}", catalogue) == "get-customer"
    assert first("find customer number K-10023", catalogue) == "list-customers"


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Alle Rechnungen an Becker KG", "list-outgoing-invoices"),
        ("Telekom-Rechnung ist ok, darf bezahlt werden", "approve-incoming-invoice"),
        ("Ist die XRechnung zu 2026/03/00043 gültig?", "get-invoice-validation-report"),
        ("Meier 300 Euro für den Workshop in Rechnung stellen", "create-outgoing-invoice"),
        ("take product SKU-1001 off the catalogue", "delete-product"),
    ],
)
def test_an_invoice_is_the_accounts_own_unless_the_request_says_otherwise(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


def test_gibberish_gets_a_few_guesses_and_an_empty_request_lists_all_in_order(catalogue: list[ActionInfo]) -> None:
    assert 1 <= len(rank("qwxz zzyq", catalogue, 5)) <= 3  # never empty; ``answers`` says they are guesses
    assert rank("  ", catalogue, 4) == catalogue[:4]
    assert len(rank("Rechnung", catalogue, 2)) == 2


def test_it_ranks_any_catalogue_of_action_infos_such_as_a_live_one() -> None:
    live = [
        ActionInfo(id="a1", key="list-customers", name="List Customers", description="Retrieve a list of customers"),
        ActionInfo(id="a2", key="update-customer", name="Update Customer"),
        ActionInfo(id="a3", key="cancel-invoice", name="Cancel Invoice"),
        ActionInfo(id="a4", key="remove-tag", name="Remove Tag"),
    ]
    assert [a.id for a in rank("Kundendaten ändern", live, 2)] == ["a2", "a1"]
    assert [a.id for a in rank("Rechnung stornieren", live, 1)] == ["a3"]
    assert [a.id for a in rank("Tag entfernen", live, 1)] == ["a4"]


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("how do I write an invoice to a customer?", "create-outgoing-invoice"),
        ("wipe the test customer Foo Bar", "delete-customer"),
        ("bump the price of SKU-1001 by 10 %", "update-product"),
        ("don't send it yet, just save a draft invoice for Müller", "create-outgoing-invoice"),
        ("Gutschrift zu Rechnung 2026/02/00017 erstellen", "cancel-outgoing-invoice"),
        ("Die Kundin Anna Schmidt hat geheiratet, neuer Nachname Weber", "update-customer"),
        ("Validierung eingehender Rechnungen deaktivieren", "update-account-settings"),
        ("which incoming invoices were rejected", "list-incoming-invoices"),
        ("Die Rechnung F45NNA1 wurde heute überwiesen", "mark-invoice-paid"),
    ],
)
def test_how_a_thing_is_said_decides_what_is_to_be_done(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    # a procedure question, colloquial verbs, a denied verb, a credit note, a new value, a switch, a plural,
    # a payment stated rather than asked for
    assert first(intent, catalogue) == expected


def test_one_typing_slip_is_forgiven_but_a_name_is_not_taken_for_a_word(catalogue: list[ActionInfo]) -> None:
    assert first("Rechnug für Meier schreiben", catalogue) == "create-outgoing-invoice"
    assert first("invocie 2026/03/00043 as pdf", catalogue) == "get-invoice-by-number"
    # "Bauer" is two letters from "buyer": read as a customer, it would put create-customer first
    assert first("Schreib eine Rechnung an die Firma Bauer über 3 Stunden Beratung", catalogue) == (
        "create-outgoing-invoice"
    )


def test_a_catalogue_of_texts_seen_before_ranks_as_if_seen_for_the_first_time(catalogue: list[ActionInfo]) -> None:
    from faktoora_mcp.ranking import clear_caches

    subset = [info for info in catalogue if info.key.endswith(("customer", "customers", "invoice"))]
    requests = ("Kunde Becker KG entfernen", "change the email address of customer Müller GmbH", "Rechnung löschen")
    rank("warm up", catalogue, 1)
    warm = [[info.key for info in rank(request, subset, 3)] for request in requests]
    clear_caches()
    cold = [[info.key for info in rank(request, subset, 3)] for request in requests]
    assert warm == cold and warm[0][0] == "delete-customer"


def test_answers_says_whether_an_action_does_what_was_asked() -> None:
    from faktoora_mcp.ranking import answers

    looks = [
        ActionInfo(id="a1", key="list-invoices", name="List invoices"),
        ActionInfo(id="a2", key="get-invoice", name="Get invoice"),
    ]
    assert not answers("Rechnung stornieren", looks)  # about invoices, but nothing cancels one
    assert answers("alle Rechnungen anzeigen", looks)
    assert answers("invoices", looks)  # no verb: seeing them is what is asked
    assert not answers("Kunde anlegen", looks) and not answers("storno", [])


def test_a_searchs_answer_is_judged_without_analysing_its_texts_again(catalogue: list[ActionInfo]) -> None:
    from faktoora_mcp.ranking import answers
    from faktoora_mcp.ranking import catalogue as texts

    found = rank("Rechnnug an Becker stornieren", catalogue, 10)
    analysed = len(texts.analysed_texts())
    assert answers("Rechnnug an Becker stornieren", found) and not answers("Kunde anlegen", found[:1])
    assert len(texts.analysed_texts()) == analysed  # search-actions asks this of every answer: it costs no analysis


def test_a_live_action_without_a_key_has_the_verb_of_its_name() -> None:
    from faktoora_mcp.ranking import answers

    live = [
        ActionInfo(id="l1", key="", name="List Invoices", description="Retrieve invoices"),
        ActionInfo(id="l2", key="", name="Delete Invoice"),
    ]
    assert [a.id for a in rank("Rechnung löschen", live, 2)] == ["l2", "l1"]
    assert not answers("Rechnung löschen", live[:1]) and answers("Rechnung löschen", live)
    unreadable = [ActionInfo(id="u1", key="invoice-workflow", name="Invoice workflow")]
    assert answers("cancel the invoice", unreadable)  # a verb the ranker cannot read: Membrane's answer stands


@pytest.mark.parametrize(
    "intent",
    ["lower the hourly price of Consulting to 95 EUR", "set the price of the Hosting package to 12 EUR"],
)
def test_changing_a_field_of_a_record_finds_the_records_update(catalogue: list[ActionInfo], intent: str) -> None:
    # update-product names no field; get-product lists them (price, unit, VAT rate), and they are the product's
    assert first(intent, catalogue) == "update-product"


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("bill Acme Ltd for the March workshop", "create-outgoing-invoice"),
        ("invoice Becker for 3 hours of support", "create-outgoing-invoice"),
        ("please mail invoice F45NNA1 to Weber", "send-outgoing-invoice"),
        ("Die Rechnung F45NNA1 an Frau Becker mailen", "send-outgoing-invoice"),
        ("email address of client Becker", "list-customers"),  # a noun here: what follows it makes it one
    ],
)
def test_a_noun_said_as_the_verb_is_the_verb(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("client Becker paid 2026/04/00020 in full", "mark-invoice-paid"),
        ("Kunde Becker hat die Rechnung 2026/04/00020 beglichen", "mark-invoice-paid"),
        ("paid invoices of customer Becker", "list-outgoing-invoices"),
        ("bezahlte Rechnungen von Becker", "list-outgoing-invoices"),
    ],
)
def test_a_payment_stated_is_recorded_and_paid_things_named_are_listed(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Trag den Kunden Becker ein", "create-customer"),
        ("Füg einen Artikel Wartung hinzu", "create-product"),
        ("Gib die Eingangsrechnung IMP123456 frei", "approve-incoming-invoice"),
        ("Stell Becker eine Rechnung über 500 Euro aus", "create-outgoing-invoice"),
        ("Mach die Rechnung F45NNA1 rückgängig", "cancel-outgoing-invoice"),
    ],
)
def test_a_german_separable_verb_is_read_whole(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    # the verb first, its particle last: "Trag ... ein" is eintragen
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("kill customer Becker", "delete-customer"),
        ("ditch the draft invoice F3ABC12", "delete-invoice"),
        ("reduce the price of Hosting to 9 EUR", "update-product"),
        ("notify me when an invoice is overdue", "create-webhook"),
        ("Benachrichtige mich, wenn eine Rechnung bezahlt wird", "create-webhook"),
        ("why was the supplier invoice declined", "get-incoming-invoice-validation"),
        ("delete the Pro plan", "delete-product"),
    ],
)
def test_the_words_people_use_for_a_verb_or_a_thing_mean_it(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Welche offenen Posten hat Becker?", "list-outgoing-invoices"),  # accounting's word for unpaid invoices
        ("open items of customer Becker", "list-outgoing-invoices"),
        ("Leistung Beratung kostet jetzt 120 Euro", "update-product"),  # a new value stated asks for the change
    ],
)
def test_an_accounting_term_and_a_new_value_stated_are_understood(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Kann ich die Kundennummer K-30001 noch benutzen?", "verify-customer-number"),
        ("can we still use invoice number 2026/09/00001", "verify-invoice-number"),
        ("Kundennummer für die neue Kundin Vogt vergeben", "generate-customer-number"),  # vergeben: to assign
        ("Ist die Kundennummer K-30001 schon vergeben?", "verify-customer-number"),  # ist vergeben: taken
        ("did the invoice to Becker get through?", "get-outgoing-invoice-status"),
    ],
)
def test_a_question_whether_a_thing_is_free_or_arrived_and_assigning_one(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


def test_a_negation_denies_no_verb_past_its_clause(catalogue: list[ActionInfo]) -> None:
    assert first("Die Rechnung an Becker stimmt nicht, bitte stornieren", catalogue) == "cancel-outgoing-invoice"
    assert first("don't send it yet, just save a draft invoice for Müller", catalogue) == "create-outgoing-invoice"


def test_a_pasted_import_id_names_one_received_invoice(catalogue: list[ActionInfo]) -> None:
    assert first("approve IMP555123", catalogue) == "approve-incoming-invoice"
    assert first("what went wrong with IMP555123", catalogue) == "get-incoming-invoice-validation"


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Wie viel Umsatz hatten wir im März?", "list-outgoing-invoices"),
        ("Ich will eine XRechnung von einem Lieferanten einspielen", "import-incoming-invoice"),
        ("Zeige das Prüfprotokoll der Eingangsrechnung IMP555123", "get-incoming-invoice-validation"),
    ],
)
def test_revenue_an_upload_and_a_check_report_in_the_words_bookkeepers_use(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


def test_each_clause_may_open_with_its_verb_and_all_is_no_verb_beside_one(catalogue: list[ActionInfo]) -> None:
    assert first("I sold 3 licenses to Becker, invoice him", catalogue) == "create-outgoing-invoice"
    assert first("delete all test customers", catalogue) == "delete-customer"
    assert first("Alle Kunden aus Berlin", catalogue) == "list-customers"  # alone, "alle" still asks to see


def test_undo_and_credit_cancel_and_a_question_records_nothing(catalogue: list[ActionInfo]) -> None:
    assert first("undo invoice F45NNA1", catalogue) == "cancel-outgoing-invoice"
    assert first("credit the last invoice to Becker", catalogue) == "cancel-outgoing-invoice"
    asked = [a.key for a in rank("Becker paid 2026/04/00020?", catalogue, 3)]  # asked, not stated: nothing recorded
    assert "mark-invoice-paid" not in asked and "list-outgoing-invoices" in asked


def test_a_payment_noun_asks_to_see_where_a_participle_states_it(catalogue: list[ActionInfo]) -> None:
    assert first("Zahlungsstatus der Rechnung F45NNA1", catalogue) == "get-outgoing-invoice-status"
    assert first("payment status of F45NNA1", catalogue) == "get-outgoing-invoice-status"
    assert first("client Becker paid 2026/04/00020 in full", catalogue) == "mark-invoice-paid"


def test_two_swapped_letters_are_forgiven_in_a_short_word(catalogue: list[ActionInfo]) -> None:
    assert first("Kudne Becker anlegen", catalogue) == "create-customer"  # matched nothing at all before


def test_a_compound_may_start_with_a_stem(catalogue: list[ActionInfo]) -> None:
    assert first("Mahnliste", catalogue) == "list-outgoing-invoices"  # mahn|liste: of mahnen, matched nothing


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Die Rechnung F45NNA1 soll storniert werden", "cancel-outgoing-invoice"),
        ("Stornierung der Rechnung F45NNA1", "cancel-outgoing-invoice"),
        ("Löschung des Kunden Becker", "delete-customer"),
        ("Änderung der Adresse von Kunde Becker", "update-customer"),
        ("Prüfung der Kundennummer 30001", "verify-customer-number"),
    ],
)
def test_a_german_participle_or_verbal_noun_is_its_verb(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Wie lege ich einen Kunden an?", "create-customer"),  # how to do it: the verb is what is asked
        ("Wie storniert man eine Rechnung?", "cancel-outgoing-invoice"),
        ("Is it possible to resend invoice F45NNA1?", "send-outgoing-invoice"),  # a polite request
        ("Ist es möglich, die Rechnung F45NNA1 zu löschen?", "delete-invoice"),
        ("Was ist mit Rechnung F45NNA1 los?", "get-outgoing-invoice-status"),  # its state
        ("what's going on with invoice F45NNA1", "get-outgoing-invoice-status"),
        ("Versand der Rechnung 2026/04/00020 an Becker", "send-outgoing-invoice"),
    ],
)
def test_how_to_a_polite_request_and_a_question_after_a_records_state(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Neukunde Becker anlegen", "create-customer"),  # neu|kunde: a new customer
        ("put Becker into the system", "create-customer"),  # nothing known but the verb: the actions that do it
        ("draft an invoice for Becker", "create-outgoing-invoice"),
        # The recipient of invoices (the customer), or of one invoice already issued (a correction): both fit.
        ("Rechnungsempfänger ändern", "update-customer correct-outgoing-invoice"),
    ],
)
def test_a_new_customer_compound_a_verb_alone_and_a_recipient(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) in expected.split()


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("the VAT rate on Hosting is wrong", "update-product"),  # said to be wrong: correct it
        ("Die Adresse von Becker stimmt nicht", "update-customer"),
        ("Becker moved to Hamburg", "update-customer"),  # a new address stated
        ("Kundin Vogt ist umgezogen", "update-customer"),
        ("we no longer work with Becker", "delete-customer"),  # a thing that is over
        ("Becker is no longer a customer", "delete-customer"),
        ("Lieferant hat eine Rechnung geschickt, bitte erfassen", "import-incoming-invoice"),  # the perfect: past
    ],
)
def test_a_state_stated_asks_for_the_change_it_needs(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("is there a draft for Becker?", "list-outgoing-invoices"),  # a draft is an invoice not yet sent
        ("Telefonnummer von Becker ändern", "update-customer"),
        ("stop the webhook to zapier", "delete-webhook"),
        ("where do I see my invoice numbering?", "get-invoice-number-template"),
    ],
)
def test_drafts_phone_numbers_stopping_and_numbering(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Sammelrechnung für Becker über drei Workshops schreiben", "create-outgoing-invoice"),  # a Sammel|rechnung
        ("Monatspauschale Hosting anlegen, 30 Euro", "create-product"),  # a Monats|pauschale is a flat fee
        ("Die Kundenrechungen von Becker", "list-outgoing-invoices"),  # Kunden|rech(n)ungen: a slip in the last part
    ],
)
def test_a_german_compound_is_what_its_last_part_is(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Wir bieten ab Juni Wartung als Leistung an", "create-product"),  # bieten ... an: a plural verb form
        ("Pack die Beratung als Leistung rein", "create-product"),  # rein- as a particle: reinpacken
        ("Welche Rechnungen sind heute reingekommen?", "list-incoming-invoices"),  # rein|ge|kommen: received
    ],
)
def test_colloquial_separable_verbs(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Welche IBAN ist bei uns hinterlegt?", "get-account"),  # bank details are the account's, "bei uns"
        ("Welche Bankdaten sind bei mir gespeichert?", "get-account"),
        ("Bin ich als Kleinunternehmer eingetragen?", "get-account"),  # the person asked about is the account
        ("update the VAT ID of Becker", "update-customer"),  # a VAT ID is a field, not the id of a record
        ("Trag bei Becker die Steuernummer nach", "update-customer"),  # nachtragen: add what was missing
        ("Telefonnummer bei Kunde Becker ergänzen", "update-customer"),
        ("Was stand auf der Rechnung F45NNA1?", "get-outgoing-invoice-content"),  # was steht, in the past
        ("Rechnung für Becker mit Leistungszeitraum Mai schreiben, 3 Tage Beratung", "create-outgoing-invoice"),
    ],
)
def test_account_data_fields_and_additions(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Change the price of 'Rechnung Express' to 50 EUR", "update-product"),  # a quoted name is a name
        ("Den Preis von „Kunden Workshop“ auf 900 € setzen", "update-product"),
        ("mark invoice 2026/01/00003 as 'paid'", "mark-invoice-paid"),  # a quoted word still counts
        ("Set the VAT of Hosting to 7%", "update-product"),  # a percentage is a rate
        ("MwSt für Hosting auf 7 % setzen", "update-product"),
    ],
)
def test_quoted_names_and_percentages(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Gutschrift über 80 € für Kundin Lang ausstellen", "create-outgoing-invoice"),  # its own amount: new
        ("issue a credit note of 200 EUR to Becker for the delay", "create-outgoing-invoice"),
        ("Gutschrift für Rechnung 2026/01/00002 erstellen", "cancel-outgoing-invoice"),  # for an invoice: reverses
        ("Bill Becker for 2 days of training, payable within 30 days", "create-outgoing-invoice"),  # due, not payables
        ("Invoice Becker for the March retainer, payable within 10 days", "create-outgoing-invoice"),
    ],
)
def test_credit_notes_of_an_amount_and_payment_terms(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Welche Lieferantenbelege warten noch auf Freigabe?", "list-incoming-invoices"),  # warten: no past of waren
        ("Schmeiß den Artikel Altbestand raus", "delete-product"),  # rausschmeißen
        ("Artikel Hosting streichen", "delete-product"),
        ("Hab ich schon einen Webhook für neue Rechnungen?", "list-webhooks"),  # a yes/no question: hab ich
        ("Die Leistung Fotoshooting kostet ab Mai 250 €", "update-product"),  # a new value from a date on
        ("Was kostet ab Mai die Leistung Fotoshooting?", "list-products"),  # asked, not stated
    ],
)
def test_colloquial_german_verbs_and_questions(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Can you whip up an invoice for Becker, 3 hours of consulting at 120/h?", "create-outgoing-invoice"),
        ("Could you knock up a quick invoice for Lang?", "create-outgoing-invoice"),  # a request, not a question
        ("Can you bill Lang for two hours of consulting?", "create-outgoing-invoice"),  # its verb still comes first
        ("how do I email invoice F45NNA1 to Lang?", "send-outgoing-invoice"),
        ("the webhook should go to https://x.example/h instead", "update-webhook"),  # a new value stated
        ("refund invoice F45NNA1, customer returned the goods", "cancel-outgoing-invoice"),  # a refund reverses
        ("Rechnung 2026/01/00009 erstatten, Ware kam zurück", "cancel-outgoing-invoice"),
    ],
)
def test_requests_put_as_questions_and_stated_targets(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("Mach mal ne Rechnung für Lang fertig, 2 Tage Schulung", "create-outgoing-invoice"),  # machen makes one
        ("Die Rechnung F45NNA1 muss nochmal raus, Kunde findet sie nicht", "send-outgoing-invoice"),  # muss raus
        ("Ich möchte informiert werden, wenn eine Rechnung bezahlt wird", "create-webhook"),  # informieren notifies
        ("Was muss ich machen, um eine Rechnung zu stornieren?", "cancel-outgoing-invoice"),  # machen is no create here
        ("Wurde die Rechnung 2026/03/00002 schon verschickt?", "get-outgoing-invoice-status"),  # whether: its state
        ("Ist die Rechnung F45NNA1 schon versendet?", "get-outgoing-invoice-status"),
        ("Welche Rechnungen wurden verschickt?", "list-outgoing-invoices"),  # which: a list
        ("Kunde Lang zieht nach Köln", "update-customer"),  # zieht nach: a new address
    ],
)
def test_everyday_german_verbs(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert first(intent, catalogue) == expected
