"""The learned re-ranking of search-actions: trained on today's sources, it reads right what the rules misread,
offers nothing for a request about nothing, ranks a catalogue it never saw, and steps aside when stale."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.ranking import answers, learned, rank

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS, TOOLS = ROOT / "benchmarks", ROOT / "tools" / "ranking"
sys.path.insert(0, str(TOOLS))
try:
    import training  # the trainer lives outside the runtime package
finally:
    sys.path.remove(str(TOOLS))


@pytest.fixture
def restore() -> Iterator[None]:
    yield
    learned.use_shipped()
    learned.shipped.cache_clear()


def keys(intent: str, infos: list[ActionInfo], limit: int = 3) -> list[str]:
    return [info.key for info in rank(intent, infos, limit)]


def test_an_approval_asked_as_a_question_stays_among_the_first_three(
    catalogue: list[ActionInfo], restore: None
) -> None:
    # Which action comes first moves with the training (the list before round 8, the supplier invoice's validation
    # since: "so gebucht" reads as "is it in order"); approval has stayed among the first three throughout.
    learned.use_shipped()
    found = keys("kann die Lieferantenrechnung von Conrad so gebucht werden?", catalogue)
    assert "approve-incoming-invoice" in found


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        # Written for this test, in the voices of the training sets; the rules alone misread each
        ("wir haben eine neue Bankverbindung", "update-account-settings"),  # a situation, not an operation
        ("kd-nr 20077 schon vergeben?", "verify-customer-number"),  # an abbreviation
        ("send me a ping at https://hooks.example.com/x whenever an invoice is paid", "create-webhook"),
        ("Zeig mal, was auf der Rechnung 2026/04/00012 steht", "get-outgoing-invoice-content"),
    ],
)
def test_requests_the_rules_misread_are_read_right(
    catalogue: list[ActionInfo], restore: None, intent: str, expected: str
) -> None:
    learned.use(None)
    assert keys(intent, catalogue)[:1] != [expected]  # the rules alone: what the model is there for
    learned.use_shipped()
    assert keys(intent, catalogue)[:1] == [expected]


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        # Written for this test; the rules alone read each right, and the re-ranking keeps it
        ("die Tischlerei Brandt gibt es nicht mehr, raus damit", "delete-customer"),
        ("mach mal die Rechnung für Hofmann fertig, 5 Std. à 80 €", "create-outgoing-invoice"),
        ("schick dem Wagner seine Rechnung nochmal", "send-outgoing-invoice"),
        ("SKU-7781 still free?", "verify-product-code"),
        ("Nummernkreis soll ab jetzt mit RE- anfangen", "update-invoice-number-template"),
        ("which customers do we have in Leipzig", "list-customers"),
        ("bitte die Mahnstufe für alles Überfällige setzen", "list-outgoing-invoices"),
    ],
)
def test_what_the_rules_read_right_stays_right(catalogue: list[ActionInfo], intent: str, expected: str) -> None:
    assert learned.model() is not None
    assert keys(intent, catalogue)[:1] == [expected]


def test_a_request_about_nothing_the_catalogue_knows_gets_a_few_guesses_said_to_be_guesses(
    catalogue: list[ActionInfo], restore: None
) -> None:
    for model in (learned.shipped(), None):
        learned.use(model)
        for intent in ("qwxz zzyq", "hallo", "na ja"):
            guessed = rank(intent, catalogue, 5)
            assert 1 <= len(guessed) <= 3, (intent, model)
            assert not answers(intent, guessed)
    assert rank("hallo", [], 5) == []


def test_a_catalogue_the_training_never_saw_is_ranked_by_the_words_of_its_keys() -> None:
    live = [
        ActionInfo(id="a1", key="void-invoice", name="Void Invoice"),
        ActionInfo(id="a2", key="list-invoices", name="List Invoices"),
        ActionInfo(id="a3", key="", name="Remove Customer"),  # a live action without a key
    ]
    assert learned.model() is not None
    assert [a.id for a in rank("Rechnung 2026/02/00017 stornieren", live, 2)][:1] == ["a1"]
    assert [a.id for a in rank("alle Rechnungen zeigen", live, 2)][:1] == ["a2"]
    assert [a.id for a in rank("Kunde Becker löschen", live, 1)] == ["a3"]


def test_without_weights_the_rules_rank_alone(catalogue: list[ActionInfo], restore: None) -> None:
    intent = "Beleg von Elektro Maier ist da, bitte ins System übernehmen"
    learned.use(None)
    rules = keys(intent, catalogue, 10)
    learned.use_shipped()
    assert keys(intent, catalogue, 10) != rules
    learned.use(None)
    assert keys(intent, catalogue, 10) == rules


WIDGETS = [
    ActionInfo(id="w1", key="list-widgets", name="List widgets"),
    ActionInfo(id="w2", key="delete-widget", name="Delete widget"),
    ActionInfo(id="w3", key="get-widget", name="Get widget"),
]
"""A catalogue of three actions about one thing, for training on words the vocabulary does not know."""


def widget_requests() -> list[tuple[str, tuple[str, ...]]]:
    """Made-up words that mean a verb in nobody's vocabulary: "zorp" deletes, "blick" gets one."""
    shapes = ("{} widget", "{} the widget", "please {} widget 7", "{} widget now", "can you {} widget", "{} widgets")
    return [(shape.format(word), (key,)) for word, key in (("zorp", "delete-widget"), ("blick", "get-widget"))
            for shape in shapes]  # fmt: skip


def test_training_learns_words_the_rules_do_not_know_and_gives_the_same_weights_again(restore: None) -> None:
    data = training.examples(widget_requests(), WIDGETS)
    model = training.train(data, WIDGETS)
    learned.use(None)
    assert [keys(f"{word} my widget", WIDGETS)[:1] for word in ("zorp", "blick")] == [["list-widgets"]] * 2
    learned.use(model)
    assert keys("zorp my widget", WIDGETS)[:1] == ["delete-widget"]
    assert keys("blick my widget", WIDGETS)[:1] == ["get-widget"]
    again = training.train(training.examples(widget_requests(), WIDGETS), WIDGETS)
    assert (again.rows, again.rules) == (model.rows, model.rules)


def test_weights_read_back_from_their_data_file_as_trained() -> None:
    model = training.train(training.examples(widget_requests(), WIDGETS), WIDGETS)
    shipped, codes = training.as_data(model)
    written: dict[str, Any] = json.loads(json.dumps(shipped))  # as data/weights.json holds it
    rows = learned.PackedRows(written["features"], written["scales"], codes, len(written["tokens"]))
    assert sorted(rows) == sorted(model.rows)
    assert any(w < 0 for row in model.rows.values() for w in row)  # signed bytes: negative weights come back
    for feature, row in model.rows.items():
        assert rows[feature] == pytest.approx(row, abs=1e-12)
    assert written["rules"] == model.rules


def request_sets() -> Any:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import discovery_cases
    finally:
        sys.path.remove(str(BENCHMARKS))
    return discovery_cases


def test_a_malformed_request_line_names_its_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    discovery_cases = request_sets()
    (tmp_path / "bad.tsv").write_text("de\tlist-customers\tKunden zeigen\nfr\tlist-customers\tclients\n", "utf-8")
    monkeypatch.setattr(discovery_cases, "REQUESTS", tmp_path)
    with pytest.raises(ValueError, match=r"bad\.tsv:2: want LANG<TAB>KEYS<TAB>TEXT, LANG de or en"):
        discovery_cases._written("bad")


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        # Written for this test, of the kinds a blind set showed failing (issue 25); not in any training set
        ("the old invoice to Krüger is voided, now I need the new one for 800 EUR", "create-outgoing-invoice"),
        ("ab 2027 sind wir keine Kleinunternehmer mehr", "update-account-settings"),  # a settings change as a fact
        ("Nummernkreiss anzeigen", "get-invoice-number-template"),  # a slip in a compound the vocabulary knows whole
    ],
)
def test_the_object_asked_for_a_fact_that_changes_a_setting_and_a_slip_in_a_compound(
    catalogue: list[ActionInfo], intent: str, expected: str
) -> None:
    assert keys(intent, catalogue)[:1] == [expected]


def test_no_request_of_a_held_out_set_is_trained_on_and_the_judges_keep_their_size() -> None:
    """A held-out request that is also a training one is not unseen, so it is not scored: 6 of held-out-10's 160,
    8 of held-out-11's, 8 of held-out-12's and 8 of held-out-13's (3 of its hard lines) repeat requests that earlier
    training sets had (writers with one brief type the same short requests). A training line added later that
    repeats one would shrink them again and fails this first: drop it from the training set instead (the held-out
    sets were there first)."""
    sets = request_sets()
    for held_out, as_written, scored in ((sets.HELD_OUT_10, sets.HELD_OUT_10_AS_WRITTEN, 154),
                                         (sets.HELD_OUT_11, sets.HELD_OUT_11_AS_WRITTEN, 152),
                                         (sets.HELD_OUT_12, sets.HELD_OUT_12_AS_WRITTEN, 152),
                                         (sets.HELD_OUT_13, sets.HELD_OUT_13_AS_WRITTEN, 152)):  # fmt: skip
        assert len(as_written) == 160
        assert not {sets._same(case.text) for case in held_out} & sets.TRAINED_ON
        assert len(held_out) == scored
    hard = sets.HELD_OUT_10_HARD + sets.HELD_OUT_11_HARD
    assert len(hard) == 139 and all(case in sets.HELD_OUT_10 + sets.HELD_OUT_11 for case in hard)
    assert sorted(sets.HELD_OUT_10_KINDS) == sorted(sets.HELD_OUT_11_KINDS) == list(range(1, 9))
    for hard, kinds, scored in ((sets.HELD_OUT_12_HARD, sets.HELD_OUT_12_KINDS, 70),
                                (sets.HELD_OUT_13_HARD, sets.HELD_OUT_13_KINDS, 67)):  # fmt: skip
        assert len(hard) == scored and sorted(kinds) == list(range(1, 9))


def test_the_benchmarks_slips_mistype_one_known_word_once_and_the_same_way_every_run() -> None:
    """``discovery.py`` reads what a typo costs from the spent held-out requests with one slip each: a slip that
    left a word as it was, touched a first letter or mistyped two places would make that figure say nothing."""
    from rapidfuzz.distance import OSA

    sets = request_sets()
    pairs = sets.slips(sets.SPENT)
    assert len(pairs) > 0.9 * len(sets.SPENT) and pairs == sets.slips(sets.SPENT)
    for written, typed in pairs:
        assert (typed.language, typed.answers) == (written.language, written.answers)
        changed = [(a, b) for a, b in zip(written.text.split(), typed.text.split(), strict=True) if a != b]
        assert len(changed) == 1, (written.text, typed.text)
        ((word, slip),) = changed
        assert slip[0] == word[0] and OSA.distance(word, slip) == 1, (word, slip)
