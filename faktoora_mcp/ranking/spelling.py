"""Slips of the keyboard in a request's word: ``Rechnug``, ``rechnnug``, ``invocie``, ``custmer``, ``Kundne`` still
mean what they meant.

A word that neither the vocabulary nor the catalogue knows is compared with the vocabulary's own words of about its
length that start with its letter (people rarely mistype the first letter, and the comparison stays a few dozen
words), by ``rapidfuzz``'s optimal string alignment distance: letters added, dropped or replaced, and two
neighbours swapped, each one edit. The nearest words within ``allowed`` edits are what was meant. Short words get
fewer edits: in five letters one change too often makes another real word ("warten" is one letter from "waren").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

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

    def __init__(self, words: Iterable[str]) -> None:
        self._all = words
        self._by_letter: dict[str, dict[int, list[str]]] = {}

    def candidates(self, word: str) -> list[str]:
        """The vocabulary's words nearest ``word`` within ``allowed`` edits, in alphabetical order (none for a
        short word)."""
        edits = allowed(word)
        if not edits:
            return []
        lengths = self._lengths(word[0])
        if len(word) < MIN_LENGTH:  # a short word: only two swapped neighbours, to a word as long
            return sorted(m for m in lengths.get(len(word), []) if _swapped(word, m))
        near = [
            c for d in range(-edits, edits + 1) if len(word) + d >= MIN_LENGTH for c in lengths.get(len(word) + d, [])
        ]
        letters = Counter(word)
        near = [candidate for candidate in near if _bag_distance(letters, Counter(candidate)) <= edits]
        if not near:  # a name, most often: no word of the vocabulary has nearly its letters
            return []
        from rapidfuzz.distance import OSA  # on first need: importing rapidfuzz costs ~20 ms, a first search ~10

        distances = {candidate: OSA.distance(word, candidate, score_cutoff=edits) for candidate in near}
        best = min((d for c, d in distances.items() if 0 < d <= edits), default=None)
        return sorted(c for c, d in distances.items() if d == best) if best else []

    def _lengths(self, letter: str) -> dict[int, list[str]]:
        """The words starting with ``letter`` by length, sorted out on first need: a request meets a few letters,
        and sorting the whole vocabulary up front was a fifth of a first search."""
        found = self._by_letter.get(letter)
        if found is None:
            found = {}
            for word in self._all:
                if word[0] == letter and len(word) >= MIN_SWAPPED:
                    found.setdefault(len(word), []).append(word)
            self._by_letter[letter] = found
        return found


def _bag_distance(typed: Counter[str], meant: Counter[str]) -> int:
    """A lower bound of the edit distance from the letters alone (an edit changes at most one letter of each side;
    a swap none): words it puts out of reach are never compared letter by letter."""
    return max(sum((typed - meant).values()), sum((meant - typed).values()))


def _swapped(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with two neighbouring letters swapped (not a replacement, which in a short word
    too often makes another real word)."""
    if sorted(typed) != sorted(meant):
        return False
    from rapidfuzz.distance import OSA  # on first need (see ``candidates``)

    return OSA.distance(typed, meant) == 1
