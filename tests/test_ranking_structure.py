"""The shape of a request the learned re-ranking sees (faktoora_mcp/ranking/structure.py), and slips of the keyboard
in the words that decide the record type."""

from __future__ import annotations

from faktoora_mcp.ranking.analysis import fold, terms
from faktoora_mcp.ranking.spelling import Speller
from faktoora_mcp.ranking.structure import roles


def roles_of(text: str) -> set[str]:
    return set(roles(fold(text)))


def test_what_is_asked_last_is_told_apart_from_the_situation_before_it() -> None:
    found = roles_of("Die Rechnung an Hofmann ist storniert, jetzt brauch ich eine neue")
    assert {"last~neue", "last~brauch"} <= found
    assert not any(role.endswith(("storniert", "rechnung")) for role in found)
    assert roles_of("Rechnung stornieren") == set()  # one clause: nothing is "last"


def test_a_negated_verb_is_marked_as_negated() -> None:
    found = roles_of("don't delete Wagner, just change his phone number")
    assert "not~delete" in found and "not~change" not in found and "last~change" in found
    assert "not~gutschrift" in roles_of("keine Gutschrift, sondern eine normale Rechnung")


def test_first_and_later_steps_are_marked() -> None:
    found = roles_of("erst den Kunden Jansen anlegen, dann schreib ich ihm die Rechnung")
    assert {"first~anlegen", "first~kunden", "then~rechnung"} <= found
    assert "first~rechnung" not in found


def test_two_slips_in_a_long_word_are_forgiven_and_in_a_short_word_only_a_swap_a_dropped_or_a_doubled_letter() -> None:
    speller = Speller(["rechnungsnummer", "rechnung", "warten", "status", "storno", "draft", "stand"])
    assert speller.candidates("rechnngsnumer") == ["rechnungsnummer"]  # two edits in 13 letters
    assert speller.candidates("rechnnug") == ["rechnung"]  # two neighbours swapped
    assert speller.candidates("staus") == ["status"]  # a letter left out of a longer word
    assert speller.candidates("strno") == ["storno"]
    assert speller.candidates("drafft") == ["draft"]  # a letter typed twice
    assert speller.candidates("sttand") == ["stand"]
    assert speller.candidates("drabt") == []  # a replaced letter needs six letters to be forgiven
    assert speller.candidates("drat") == []  # four letters: only a swap


def test_a_common_word_the_vocabulary_lacks_is_never_a_slip() -> None:
    speller = Speller(["setting", "warten", "verschicken"], real={"sitting", "waren", "verschieben"})
    assert speller.candidates("sitting") == speller.candidates("waren") == speller.candidates("verschieben") == []
    assert speller.candidates("settnig") == ["setting"]
    # The shipped tables hold the common words the speller would otherwise take (tools/ranking/build_tables.py)
    assert terms("Rechnung an Becker verschieben") != terms("Rechnung an Becker verschicken")


def test_a_slip_in_a_compound_known_whole_is_that_compound() -> None:
    # Split into a known first part and an unknown rest, these were "number" and "kreiss", "numer"
    assert "template" in terms("Nummernkreiss anzeigen")
    assert terms("Rechnungsnumer noch frei?")["number"] >= 1.0
