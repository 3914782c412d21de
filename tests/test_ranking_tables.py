"""The ranker's precomputed tables (faktoora_mcp/ranking/tables.py): current, and ranking as the vocabulary does."""

from __future__ import annotations

from pathlib import Path

import pytest

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.ranking import catalogue as texts
from faktoora_mcp.ranking import clear_caches, lexicon, rank, tables

REQUESTS = (
    "Rechnung an Becker stornieren",
    "Trag den Kunden Becker ein",
    "Mahnliste",
    "email invoice 2026/08/00012 to the customer",
    "Kudne Becker anlegen",
    "lower the price of the Basic plan to 19 EUR",
)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> list[ActionInfo]:
    import anyio

    backend = SandboxBackend(Path(tmp_path_factory.mktemp("tables")) / "unused.sqlite3")
    return anyio.run(backend.list_actions)


def test_the_shipped_tables_are_the_ones_the_sources_make() -> None:
    assert tables.shipped() is not None, "stale ranking tables: run python -m faktoora_mcp.ranking.tables"


def test_ranking_with_the_shipped_tables_is_ranking_from_the_vocabulary(
    catalogue: list[ActionInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    def ranked() -> list[list[str]]:
        return [[info.key for info in rank(request, catalogue, 3)] for request in REQUESTS]

    def fresh_process() -> None:  # as a new process starts: no lexicon, no texts, the shipped ones not yet read
        lexicon.lexicon.cache_clear()
        clear_caches()
        texts._seeded.cache_clear()

    fresh_process()
    shipped = ranked()
    assert texts.analysed_texts().keys() >= tables.shipped().TOPICS.keys()  # the shipped texts were used
    monkeypatch.setattr(tables, "shipped", lambda: None)
    fresh_process()
    try:
        built = ranked()
    finally:
        monkeypatch.undo()
        fresh_process()
    assert shipped == built
    assert shipped[0][0] == "cancel-outgoing-invoice" and shipped[2][0] == "list-outgoing-invoices"


def test_a_stemmer_that_stems_otherwise_turns_the_shipped_tables_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another Snowball version would meet none of the tables' stems: the vocabulary is built afresh instead."""
    tables.shipped.cache_clear()
    monkeypatch.setattr(lexicon, "german", lambda word: word)
    try:
        assert tables.shipped() is None
    finally:
        tables.shipped.cache_clear()
    monkeypatch.undo()
    assert tables.shipped() is not None
