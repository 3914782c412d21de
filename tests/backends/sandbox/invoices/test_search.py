"""Keyword search over outgoing invoices: what it finds, whatever plan the sandbox picks and whatever the length."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.backends.sandbox.store import listing, walk
from tests.backends.sandbox.calls import run

EVERYTHING = {"perPage": 1000}


async def every_invoice(sandbox: SandboxBackend) -> list[dict[str, Any]]:
    return (await run(sandbox, "list-outgoing-invoices", EVERYTHING))["data"]


def expected(invoices: list[dict[str, Any]], keyword: str) -> set[str]:
    """What a substring search over number and customer name should find, written the obvious way."""
    needle = keyword.casefold()
    return {
        i["faktooraId"]
        for i in invoices
        if needle in i["invoiceNumber"].casefold() or needle in (i["customer"]["name"] or "").casefold()
    }


async def found(sandbox: SandboxBackend, keyword: str, **extra: Any) -> list[dict[str, Any]]:
    return (await run(sandbox, "list-outgoing-invoices", {"keyword": keyword, **EVERYTHING, **extra}))["data"]


@pytest.mark.parametrize("length", [1, 2, 3, 6])
async def test_keywords_of_any_length_find_exactly_the_invoices_whose_number_or_customer_contains_them(
    sandbox: SandboxBackend, length: int
) -> None:
    invoices = await every_invoice(sandbox)
    name = invoices[0]["customer"]["name"]
    for keyword in {name[:length], name[-length:].upper(), invoices[7]["invoiceNumber"][-length:]}:
        hits = {i["faktooraId"] for i in await found(sandbox, keyword)}
        assert hits == expected(invoices, keyword), keyword
        assert hits, f"{keyword!r} is taken from a real invoice and must find it"


async def test_a_keyword_ignores_case_and_german_sharp_s(sandbox: SandboxBackend) -> None:
    customer = await run(
        sandbox,
        "create-customer",
        {"isCompany": True, "name": "Großhandel Weiß GmbH", "address": "Ring 1", "postcode": "10115", "city": "Berlin"},
    )
    line = {"name": "Beratung", "quantity": 1, "unitPrice": 100, "vatRate": 19, "unitCode": "HUR"}
    await run(sandbox, "create-outgoing-invoice", {"customerId": customer["id"], "lines": [line]})
    for keyword in ("großhandel", "GROSSHANDEL", "weiss"):
        names = {i["customer"]["name"] for i in await found(sandbox, keyword)}
        assert names == {"Großhandel Weiß GmbH"}, keyword


@pytest.mark.parametrize("keyword_of", [lambda i: i["customer"]["name"], lambda i: i["invoiceNumber"][:6]])
async def test_walking_the_sort_index_and_sorting_the_matches_give_the_same_pages(
    sandbox: SandboxBackend, monkeypatch: pytest.MonkeyPatch, keyword_of: Any
) -> None:
    keyword = keyword_of((await every_invoice(sandbox))[3])
    requests = [
        {"keyword": keyword, "perPage": per_page, "page": page, "sort": sort, "order": order}
        for per_page, page in ((5, 1), (5, 3), (7, 2), (1000, 1))
        for sort, order in (("issueDate", "desc"), ("totalGross", "asc"), ("invoiceNumber", "desc"))
    ]

    async def answers(sort_cost: float) -> list[Any]:
        monkeypatch.setattr(listing, "SORT_COST", sort_cost)
        return [await run(sandbox, "list-outgoing-invoices", request) for request in requests]

    walked, sorted_ = await answers(float("inf")), await answers(0)  # always walk; never walk
    assert walked == sorted_
    assert any(answer["data"] for answer in walked)


async def test_two_characters_with_an_umlaut_find_numbers_whatever_their_case(sandbox: SandboxBackend) -> None:
    customer = (await run(sandbox, "list-customers", {"perPage": 1}))["data"][0]
    line = {"name": "Beratung", "quantity": 1, "unitPrice": 100, "vatRate": 19, "unitCode": "HUR"}
    for number in ("GRÜN-7", "grün-8", "Öko/2026/1"):
        invoice = {"customerId": customer["id"], "lines": [line], "invoiceNumber": number}
        await run(sandbox, "create-outgoing-invoice", invoice)
    invoices = await every_invoice(sandbox)
    for keyword in ("rü", "RÜ", "Rü", "ÖK", "öK", "ün"):
        hits = {i["faktooraId"] for i in await found(sandbox, keyword)}
        assert hits == expected(invoices, keyword), keyword
        assert hits, keyword


ROWID_PLANS: dict[str, dict[str, Any]] = {
    # never walked, and never read as a range of rowids: every match joined and sorted
    "sorted": {"WALK_SHARE": 0, "RowidSet.span": property(lambda _: None)},
    "as they come (a run of rowids read as a range)": {},
    "walked through the whole index": {"SPREAD": 10**9, "WALK_SHARE": 10**9, "WALK_SLACK": 10**9},
    "walked a short range, then sorted when it held too few": {"SPREAD": 10**9, "WALK_SHARE": 10**9, "WALK_SLACK": 1},
}


async def rowid_plan_answers(sandbox: SandboxBackend, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Number keywords (their matches become a set of rowids) on every sort, order and page, under every plan."""
    invoices = await every_invoice(sandbox)
    requests = [
        {"keyword": keyword, "perPage": per_page, "page": page, "sort": sort, "order": order}
        for keyword in ("26", "1", invoices[3]["invoiceNumber"][:9])
        for per_page, page in ((5, 1), (5, 3), (7, 2), (3, 40), (1000, 1))
        for sort in ("issueDate", "dueDate", "totalGross", "invoiceNumber", "createdAt")
        for order in ("desc", "asc")
    ]
    answers = {}
    for plan, constants in ROWID_PLANS.items():
        with monkeypatch.context() as patch:
            for name, value in constants.items():
                owner, _, attribute = name.rpartition(".")
                patch.setattr(getattr(walk, owner) if owner else walk, attribute, value)
            answers[plan] = [await run(sandbox, "list-outgoing-invoices", request) for request in requests]
    return answers


async def test_a_page_of_number_matches_is_the_same_walked_or_sorted(
    sandbox: SandboxBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = await rowid_plan_answers(sandbox, monkeypatch)
    sorted_ = answers.pop("sorted")
    assert sum(len(answer["data"]) for answer in sorted_) > 1000
    for plan, pages in answers.items():
        assert pages == sorted_, plan


async def test_missing_dates_keep_their_place_in_pages_of_number_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A NULL key lies outside every range of the index; a walk must not lose those invoices."""
    path = tmp_path / "nulls.sqlite3"
    seeded = SandboxBackend(path)
    await every_invoice(seeded)
    await seeded.aclose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE invoices SET dueDate = NULL, issueDate = NULL WHERE rowid % 3 = 0")
    conn.close()
    reopened = SandboxBackend(path)
    try:
        answers = await rowid_plan_answers(reopened, monkeypatch)
    finally:
        await reopened.aclose()
    sorted_ = answers.pop("sorted")
    assert any(i["dueDate"] is None for answer in sorted_ for i in answer["data"])
    for plan, pages in answers.items():
        assert pages == sorted_, plan


async def test_a_keyword_nothing_contains_finds_nothing_at_once(sandbox: SandboxBackend) -> None:
    answer = await run(sandbox, "list-outgoing-invoices", {"keyword": "Ωμέγα"})
    assert answer["data"] == []
    assert answer["meta"]["totalItems"] == 0


async def test_the_keyword_combines_with_the_other_filters(sandbox: SandboxBackend) -> None:
    invoices = await every_invoice(sandbox)
    name = invoices[0]["customer"]["name"]
    want = {i["faktooraId"] for i in invoices if i["customer"]["name"] == name and i["status"] == "paid"}
    hits = {i["faktooraId"] for i in await found(sandbox, name, status=["paid"])}
    assert hits == want


async def test_a_writable_start_upgrades_a_version_1_file_and_search_still_finds_everything(tmp_path: Path) -> None:
    from tests.backends.sandbox.store.test_store import as_version_1

    path = tmp_path / "v1.sqlite3"
    backend = SandboxBackend(path)
    invoices = await every_invoice(backend)
    await backend.aclose()
    as_version_1(path)
    upgraded = SandboxBackend(path)
    try:
        for keyword in (invoices[0]["customer"]["name"], invoices[5]["invoiceNumber"], "26"):
            hits = {i["faktooraId"] for i in await found(upgraded, keyword)}
            assert hits == expected(invoices, keyword), keyword
    finally:
        await upgraded.aclose()
