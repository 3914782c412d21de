"""The bilingual vocabulary as lookups: by folded word, by the German and English Snowball stems of each word,
and by the forms a word takes as the first part of a German compound. Built once per process, on first use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from faktoora_mcp.ranking.stemming import english, german
from faktoora_mcp.ranking.vocabulary import COMPOUND_MODIFIERS, COMPOUNDS, INTENTS, TOPICS

MIN_PART = 3
"""The shortest part a compound is split into: shorter ones ("en", "an") would split almost any word."""
LINKING = ("s", "es", "n", "en", "e")
"""German linking elements (Fugenelemente) between compound parts: Rechnung-s-nummer, Kunde-n-nummer."""
MIN_HEAD_STEM = 4
"""The shortest stem that may start a compound: three letters ("akt", "art") start too many words by chance."""
Table = Mapping[str, Sequence[str]]
"""A lookup of words (or stems, or first parts) to the concepts they mean (tuples when built, JSON's lists when
read from the shipped tables: ``word``, ``stem`` and ``head`` give a tuple either way)."""


class Lexicon:
    """The vocabulary as lookups: by folded word, by the German and English stems of each word, and by the forms
    a word takes as the first part of a compound."""

    __slots__ = ("heads", "stems", "surface")

    def __init__(self, surface: Table, stems: Table, heads: Table) -> None:
        self.surface, self.stems, self.heads = surface, stems, heads

    @classmethod
    def built(cls) -> Lexicon:
        """The lookups made from the vocabulary: ~1,500 stemmer calls (what ``data`` ships precomputed)."""
        surface: dict[str, tuple[str, ...]] = {}
        for table in (TOPICS, INTENTS):
            for concept, listed in table.items():
                for word in listed.split():
                    cls._add(surface, word, concept)
        stems = cls._stems(surface)
        return cls(surface, stems, cls._heads(surface))

    @classmethod
    def _stems(cls, surface: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """Every word by its German and English stems; the compounds added to ``surface`` on the way."""
        stems: dict[str, tuple[str, ...]] = {}
        for word, found in list(surface.items()):
            for stem in {german(word), english(word)}:
                if len(stem) >= MIN_PART:
                    for concept in found:
                        cls._add(stems, stem, concept)
        for compound, meaning in COMPOUNDS.items():
            surface[compound] = tuple(c for part in meaning.split() for c in surface[part])
            for stem in {german(compound), english(compound)}:  # Nummernkreises, Kundennummern
                stems[stem] = surface[compound]
        return stems

    def word(self, word: str) -> tuple[str, ...] | None:
        """The concepts of a folded word as the vocabulary lists it."""
        return _tupled(self.surface.get(word))

    def stem(self, stem: str) -> tuple[str, ...] | None:
        """The concepts of the words with this German or English stem."""
        return _tupled(self.stems.get(stem))

    def head(self, part: str) -> tuple[str, ...] | None:
        """The concepts of ``part`` as the first part of a compound, with or without the linking element it may
        carry (rechnung, rechnung-s, kunde-n); looked up, not listed: a table of every word with every link was
        three times the vocabulary."""
        found = self.heads.get(part)
        if found is None:
            for link in LINKING:
                if part.endswith(link) and len(part) - len(link) >= MIN_PART:
                    found = self.heads.get(part[: -len(link)])
                    if found is not None:
                        break
        return _tupled(found)

    @staticmethod
    def _heads(surface: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """First parts of compounds (before a linking element: ``head`` looks for those): each topic word and its
        German stem. Only topics: "every|thing" is no request to list, and a German compound's head is a thing,
        not a verb."""
        heads = {w: found for w, found in surface.items() if w in COMPOUND_MODIFIERS or not any(map(is_intent, found))}
        for word, found in list(heads.items()):
            stem = german(word)  # a verb's or noun's stem starts a compound too: Mahn|stufe, Liefer|schein
            if len(stem) >= MIN_HEAD_STEM:
                heads.setdefault(stem, found)
        return heads

    @staticmethod
    def _add(table: dict[str, tuple[str, ...]], word: str, concept: str) -> None:
        if concept not in table.get(word, ()):
            table[word] = (*table.get(word, ()), concept)


@cache
def lexicon() -> Lexicon:
    """The shipped tables (``data``), else, when the stemmers stem otherwise, the lookups built from the
    vocabulary."""
    from faktoora_mcp.ranking.data import tables as shipped  # on first use: it reads a file

    tables = shipped()
    if tables is None:
        return Lexicon.built()
    return Lexicon(tables.surface, tables.stems, tables.heads)


def _tupled(found: Sequence[str] | None) -> tuple[str, ...] | None:
    return None if found is None else tuple(found)


def is_intent(term: str) -> bool:
    return term.startswith("@")
