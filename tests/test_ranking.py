"""search-actions' ranking: German and English requests, typed the way people type, find the action they mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.ranking import rank


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> list[ActionInfo]:
    import anyio

    backend = SandboxBackend(Path(tmp_path_factory.mktemp("ranking")) / "unused.sqlite3")
    return anyio.run(backend.list_actions)  # listing the catalogue opens no database


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
        ("Ist die XRechnung zu 2026/03/00043 gültig?", "get-outgoing-invoice-status"),
        ("Meier 300 Euro für den Workshop in Rechnung stellen", "create-outgoing-invoice"),
        ("take product SKU-1001 off the catalogue", "delete-product"),
    ],
)
def test_an_invoice_is_the_accounts_own_unless_the_request_says_otherwise(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert first(intent, catalogue) == expected


def test_nothing_matches_gibberish_and_an_empty_request_lists_all_in_order(catalogue: list[ActionInfo]) -> None:
    assert rank("qwxz zzyq", catalogue, 5) == []
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
