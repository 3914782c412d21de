"""Slips of the keyboard in a request's word: ``Rechnug``, ``rechnnug``, ``invocie``, ``custmer``, ``Kundne`` still
mean what they meant.

A word that neither the vocabulary nor the catalogue knows is compared with the vocabulary's own words of about its
length that start with its letter (people rarely mistype the first letter, and the comparison stays a few dozen
words), by ``rapidfuzz``'s optimal string alignment distance: letters added, dropped or replaced, and two
neighbours swapped, each one edit. The nearest words within ``allowed`` edits are what was meant. Short words get
fewer edits: in five letters one change too often makes another real word ("warten" is one letter from "waren").
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import OSA

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


def _swapped(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with two neighbouring letters swapped (one edit of optimal string alignment,
    and not a replacement, which in a short word too often makes another real word)."""
    return sorted(typed) == sorted(meant) and OSA.distance(typed, meant) == 1
