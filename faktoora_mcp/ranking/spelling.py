"""Slips of the keyboard in a request's word: ``Rechnug``, ``rechnnug``, ``invocie``, ``custmer``, ``Kundne`` still
mean what they meant.

A word that neither the vocabulary nor the catalogue knows is compared with the vocabulary's own words of about its
length that start with its letter (people rarely mistype the first letter, and the comparison stays a few dozen
words), by ``rapidfuzz``'s optimal string alignment distance: letters added, dropped or replaced, and two
neighbours swapped, each one edit. The nearest words within ``allowed`` edits are what was meant. Short words get
fewer edits: in five letters one change too often makes another real word ("warten" is one letter from "waren"), so
a short word is only read as two neighbours swapped ("Kudne"), a letter left out of a longer word ("staus",
"cncel") or a letter typed twice ("drafft"). A common word of German or English that the vocabulary lacks is never
a slip ("sitting" is not "setting", "verschieben" not "verschicken"): ``tools/ranking/build_tables.py`` lists
those the speller would otherwise take, from ``pyspellchecker``'s word frequencies, into the shipped tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Iterable
from functools import cache

MIN_SWAPPED = 4
"""The shortest word whose two swapped neighbours are corrected ("Kudne", "lsit"): a swap rarely makes another
real word, where an added, dropped or replaced letter in a short word often does."""
MIN_LENGTH = 6
"""The shortest word corrected by any one edit, or corrected to."""
MIN_TWO_EDITS = 10
"""The shortest word corrected by two edits ("Rechnungsnumer", "Lieferantenrechung"): long words have few
neighbours, and typing them slips more often."""


def allowed(word: str) -> int:
    """How many edits a word of this length may be from the word meant."""
    return 2 if len(word) >= MIN_TWO_EDITS else 1 if len(word) >= MIN_SWAPPED else 0


class Speller:
    """The words of a vocabulary, found again from a misspelling."""

    def __init__(self, words: Iterable[str], real: Container[str] = frozenset()) -> None:
        self._all, self._real = words, real
        self._by_letter: dict[str, dict[int, list[str]]] = {}

    def candidates(self, word: str) -> list[str]:
        """The vocabulary's words nearest ``word`` within ``allowed`` edits, in alphabetical order (none for a
        short word, or a real word of the language that is not the vocabulary's: "sitting" is not "setting")."""
        edits = allowed(word)
        if not edits or word in self._real:
            return []
        lengths = self._lengths(word[0])
        if len(word) < MIN_LENGTH:  # a short word: two swapped neighbours, or a letter dropped from a longer word
            swapped = [m for m in lengths.get(len(word), []) if _swapped(word, m)]
            dropped = [m for m in lengths.get(len(word) + 1, []) if _dropped(word, m)]
            return sorted(swapped + dropped)
        doubled = [m for m in lengths.get(len(word) - 1, []) if len(m) < MIN_LENGTH and _doubled(word, m)]
        if doubled:
            return sorted(doubled)
        near = [
            c for d in range(-edits, edits + 1) if len(word) + d >= MIN_LENGTH for c in lengths.get(len(word) + d, [])
        ]
        letters = Counter(word)
        near = [candidate for candidate in near if _bag_distance(letters, Counter(candidate)) <= edits]
        if not near:  # a name, most often: no word of the vocabulary has nearly its letters
            return []
        distance = osa_distance()
        distances = {candidate: distance(word, candidate, score_cutoff=edits) for candidate in near}
        best = min((d for c, d in distances.items() if 0 < d <= edits), default=None)
        return sorted(c for c, d in distances.items() if d == best) if best else []

    def _lengths(self, letter: str) -> dict[int, list[str]]:
        """The words starting with ``letter`` by length, every letter's sorted out in one pass on first need (a
        pass per letter cost a search meeting a dozen letters ~5 ms)."""
        if not self._by_letter:
            for word in self._all:
                if len(word) >= MIN_SWAPPED:
                    self._by_letter.setdefault(word[0], {}).setdefault(len(word), []).append(word)
        return self._by_letter.get(letter, {})


def _bag_distance(typed: Counter[str], meant: Counter[str]) -> int:
    """A lower bound of the edit distance from the letters alone (an edit changes at most one letter of each side;
    a swap none): words it puts out of reach are never compared letter by letter."""
    return max(sum((typed - meant).values()), sum((meant - typed).values()))


def _swapped(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with two neighbouring letters swapped (not a replacement, which in a short word
    too often makes another real word)."""
    return sorted(typed) == sorted(meant) and osa_distance()(typed, meant) == 1


def _dropped(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with one letter left out ("staus", "cncel", "formt")."""
    return len(meant) >= MIN_LENGTH and any(meant[:n] + meant[n + 1 :] == typed for n in range(1, len(meant)))


def _doubled(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with one letter typed twice ("drafft", "sttand")."""
    return any(typed[n] == typed[n + 1] and typed[:n] + typed[n + 1 :] == meant for n in range(1, len(typed) - 1))


@cache
def osa_distance() -> Callable[..., int]:
    """rapidfuzz's optimal string alignment distance, imported on first need: importing rapidfuzz (the whole
    package, whatever submodule is named) costs ~11 ms in a server's process, where a first search costs ~10. A
    server imports it while the host reads the tools (``ranking.warm``), a script when a word may be a slip."""
    from rapidfuzz.distance import OSA

    return OSA.distance
