"""The bilingual vocabulary as lookups: by folded word, by the German and English Snowball stems of each word,
and by the forms a word takes as the first part of a German compound. Built once per process, on first use."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache

from faktoora_mcp.ranking.vocabulary import COMPOUNDS, INTENTS, TOPICS

MIN_PART = 3
"""The shortest part a compound is split into: shorter ones ("en", "an") would split almost any word."""
LINKING = ("s", "es", "n", "en", "e")
"""German linking elements (Fugenelemente) between compound parts: Rechnung-s-nummer, Kunde-n-nummer."""
MIN_HEAD_STEM = 4
"""The shortest stem that may start a compound: three letters ("akt", "art") start too many words by chance."""
WORD_MEMO = 8192
"""Words analysed once per process; a catalogue and a session of requests use a few thousand at most."""


class Lexicon:
    """The vocabulary as lookups: by folded word, by the German and English stems of each word, and by the forms
    a word takes as the first part of a compound."""

    def __init__(self) -> None:
        self.surface: dict[str, tuple[str, ...]] = {}
        for table in (TOPICS, INTENTS):
            for concept, listed in table.items():
                for word in listed.split():
                    self._add(self.surface, word, concept)
        self.stems: dict[str, tuple[str, ...]] = {}
        for word, found in list(self.surface.items()):
            for stem in {german(word), english(word)}:
                if len(stem) >= MIN_PART:
                    for concept in found:
                        self._add(self.stems, stem, concept)
        for compound, meaning in COMPOUNDS.items():
            self.surface[compound] = tuple(c for part in meaning.split() for c in self.surface[part])
            for stem in {german(compound), english(compound)}:  # Nummernkreises, Kundennummern
                self.stems[stem] = self.surface[compound]
        # First parts of compounds, with the linking element they may carry: rechnung, rechnungs, kunden, ...
        # Only topics: "every|thing" is no request to list, and a German compound's head is a thing, not a verb.
        self.heads = {word: found for word, found in self.surface.items() if not any(map(is_intent, found))}
        for word, found in list(self.heads.items()):
            for link in LINKING:
                self.heads.setdefault(word + link, found)
            stem = german(word)  # a verb's or noun's stem starts a compound too: Mahn|stufe, Liefer|schein
            if len(stem) >= MIN_HEAD_STEM:
                self.heads.setdefault(stem, found)

    @staticmethod
    def _add(table: dict[str, tuple[str, ...]], word: str, concept: str) -> None:
        if concept not in table.get(word, ()):
            table[word] = (*table.get(word, ()), concept)


@cache
def lexicon() -> Lexicon:
    return Lexicon()


@cache
def _stemmers() -> Mapping[str, object]:
    # Imported on first use: snowballstemmer loads every language it has (~20 ms), which start-up should not pay.
    import snowballstemmer

    return {"de": snowballstemmer.stemmer("german"), "en": snowballstemmer.stemmer("english")}


@lru_cache(maxsize=WORD_MEMO)
def german(word: str) -> str:
    return str(_stemmers()["de"].stemWord(word))  # type: ignore[attr-defined]  # snowballstemmer is untyped


@lru_cache(maxsize=WORD_MEMO)
def english(word: str) -> str:
    return str(_stemmers()["en"].stemWord(word))  # type: ignore[attr-defined]  # snowballstemmer is untyped


def is_intent(term: str) -> bool:
    return term.startswith("@")
