"""One slip of the keyboard in a request's word: ``Rechnug``, ``invocie``, ``Kundne`` still mean what they meant.

A word that neither the vocabulary nor the catalogue knows is compared with the vocabulary's words by their
deletion neighbourhoods (SymSpell's idea): two words whose sets of one-letter deletions meet are candidates, and
those that differ by exactly one insertion, deletion, substitution or swap of neighbours are kept. Only words of
``MIN_LENGTH`` letters or more are compared: in shorter ones one letter often makes another real word.
"""

from __future__ import annotations

from collections.abc import Iterable

MIN_LENGTH = 6
"""The shortest word corrected or corrected to: in five letters one change too often makes another real word
("warten" is one letter from "waren", "Bauer" two from "buyer")."""


class Speller:
    """The words of a vocabulary, found again from a misspelling."""

    def __init__(self, words: Iterable[str]) -> None:
        self._near: dict[str, set[str]] = {}
        for word in words:
            if len(word) >= MIN_LENGTH:
                for variant in _variants(word):
                    self._near.setdefault(variant, set()).add(word)

    def candidates(self, word: str) -> list[str]:
        """The vocabulary's words one slip away from ``word``, in alphabetical order (none for a short word)."""
        if len(word) < MIN_LENGTH:
            return []
        found: set[str] = set()
        for variant in _variants(word):
            found |= self._near.get(variant, set())
        return sorted(candidate for candidate in found if _one_slip(word, candidate))


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


def _variants(word: str) -> set[str]:
    """``word`` and every word one deletion away from it."""
    return {word, *(word[:n] + word[n + 1 :] for n in range(len(word)))}
