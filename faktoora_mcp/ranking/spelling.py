"""One slip of the keyboard in a request's word: ``Rechnug``, ``invocie``, ``Kundne`` still mean what they meant.

A word that neither the vocabulary nor the catalogue knows is compared with the vocabulary's words of about its
length that start with its letter (people rarely mistype the first letter, and the comparison stays a few dozen
words): one that differs by exactly one added, dropped or replaced letter, or two swapped neighbours, is what was
meant. Only words of ``MIN_LENGTH`` letters or more are compared: in shorter ones one letter often makes another
real word.
"""

from __future__ import annotations

from collections.abc import Iterable

MIN_LENGTH = 6
"""The shortest word corrected or corrected to: in five letters one change too often makes another real word
("warten" is one letter from "waren")."""
MIN_SWAPPED = 4
"""The shortest word whose two swapped neighbours are corrected ("Kudne", "lsit"): a swap rarely makes another
real word, where an added, dropped or replaced letter in a short word often does."""


class Speller:
    """The words of a vocabulary, found again from a misspelling."""

    def __init__(self, words: Iterable[str]) -> None:
        self._all = words
        self._by_letter: dict[str, dict[int, list[str]]] = {}

    def candidates(self, word: str) -> list[str]:
        """The vocabulary's words one slip away from ``word``, in alphabetical order (none for a short word)."""
        if len(word) < MIN_SWAPPED:
            return []
        lengths = self._lengths(word[0])
        if len(word) < MIN_LENGTH:
            return sorted(meant for meant in lengths.get(len(word), []) if _swapped(word, meant))
        near = (lengths.get(len(word) + d, []) for d in (-1, 0, 1) if len(word) + d >= MIN_LENGTH)
        return sorted(candidate for group in near for candidate in group if _one_slip(word, candidate))

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
    """Whether ``typed`` is ``meant`` with two neighbouring letters swapped."""
    at = next((n for n, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b), None)
    return at is not None and typed[at : at + 2] == meant[at : at + 2][::-1] and typed[at + 2 :] == meant[at + 2 :]


def _one_slip(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with one letter added, dropped, replaced, or two neighbours swapped."""
    if typed == meant or abs(len(typed) - len(meant)) > 1:
        return False
    at = next((n for n, (a, b) in enumerate(zip(typed, meant, strict=False)) if a != b), min(len(typed), len(meant)))
    if len(typed) > len(meant):
        return typed[at + 1 :] == meant[at:]
    if len(typed) < len(meant):
        return typed[at:] == meant[at + 1 :]
    swapped = typed[at : at + 2] == meant[at : at + 2][::-1] and typed[at + 2 :] == meant[at + 2 :]
    return typed[at + 1 :] == meant[at + 1 :] or swapped
