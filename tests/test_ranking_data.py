"""The ranking's shipped data (faktoora_mcp/ranking/data/): made from today's sources and requests, ranking as the
vocabulary does, and set aside when the installed stemmers stem otherwise."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.ranking import catalogue as texts
from faktoora_mcp.ranking import clear_caches, data, learned, lexicon, rank, stemming

TOOLS = Path(__file__).resolve().parents[1] / "tools" / "ranking"
REQUESTS = (
    "Rechnung an Becker stornieren",
    "Trag den Kunden Becker ein",
    "Mahnliste",
    "email invoice 2026/08/00012 to the customer",
    "Kudne Becker anlegen",
    "lower the price of the Basic plan to 19 EUR",
)


def fresh_process() -> None:
    """As a new process starts: no lexicon, no texts, no data read yet."""
    clear_caches()  # first: it reads the shipped texts so as to forget them
    for memo in (
        lexicon.lexicon,
        texts._seeded,
        data.read,
        data.read_bytes,
        data.tables,
        data.weights,
        data.stemmers_agree,
        learned.shipped,
    ):
        getattr(memo, "cache_clear", lambda: None)()  # not one a test put in its place


@pytest.fixture
def fresh() -> Iterator[None]:
    fresh_process()
    yield
    fresh_process()


def test_the_shipped_data_is_what_todays_sources_and_requests_make() -> None:
    """The one staleness check: the provenance recomputed from the sources, the catalogue and the training
    requests is the one recorded when the data was written."""
    sys.path.insert(0, str(TOOLS))
    try:
        import provenance
        from train_reranker import training_cases
    finally:
        sys.path.remove(str(TOOLS))
    recorded, infos = provenance.recorded(), provenance.catalogue()
    stale = "stale ranking data: run python tools/ranking/build_tables.py, then python tools/ranking/train_reranker.py"
    assert recorded.get("tables") == provenance.tables_part(infos), stale
    assert recorded.get("weights") == provenance.weights_part(infos, training_cases()), stale


def test_ranking_with_the_shipped_tables_is_ranking_from_the_vocabulary(
    fresh: None, catalogue: list[ActionInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    def ranked() -> list[list[str]]:
        return [[info.key for info in rank(request, catalogue, 3)] for request in REQUESTS]

    shipped = ranked()
    tables = data.tables()
    assert tables is not None
    assert texts.analysed_texts().keys() >= tables.topics.keys()  # the shipped texts were used
    fresh_process()
    monkeypatch.setattr(data, "tables", lambda: None)
    built = ranked()
    assert shipped == built
    assert shipped[0][0] == "cancel-outgoing-invoice" and shipped[2][0] == "list-outgoing-invoices"


def test_a_stemmer_that_stems_otherwise_sets_the_shipped_data_aside(
    fresh: None, catalogue: list[ActionInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another Snowball version would meet none of the data's stems: the vocabulary is built afresh instead, and
    the rules rank without the re-ranking (whose features hold stems)."""
    assert data.tables() is not None and learned.model() is not None
    fresh_process()
    monkeypatch.setattr(stemming, "german", lambda word: word)
    monkeypatch.setattr(data, "german", lambda word: word)
    assert data.tables() is None
    assert learned.model() is None
    assert [a.key for a in rank("Rechnung an Becker stornieren", catalogue, 1)] == ["cancel-outgoing-invoice"]


def test_missing_data_files_leave_the_rules_to_rank(
    fresh: None, catalogue: list[ActionInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data, "read", lambda name: None)
    fresh_process()
    assert data.tables() is None and data.weights() is None and learned.model() is None
    assert [a.key for a in rank("Mahnliste", catalogue, 1)] == ["list-outgoing-invoices"]


def test_weights_without_their_bytes_leave_the_rules_to_rank(
    fresh: None, catalogue: list[ActionInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``weights.json`` names the features, ``weights.bin`` holds their weights: one without the other is no model
    (an install that lost the binary file ranks by the rules, it does not fail)."""
    monkeypatch.setattr(data, "read_bytes", lambda name: None)
    fresh_process()
    assert data.tables() is not None and data.weights() is None and learned.model() is None
    assert [a.key for a in rank("Rechnung an Becker stornieren", catalogue, 1)] == ["cancel-outgoing-invoice"]
