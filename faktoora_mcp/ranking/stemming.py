"""The German and English Snowball stemmers, each word stemmed once per process."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache

WORD_MEMO = 8192
"""Words analysed once per process; a catalogue and a session of requests use a few thousand at most."""


@cache
def _stemmers() -> Mapping[str, object]:
    # Imported on first use: snowballstemmer loads every language it has (1.3-2.5 ms), which start-up should not pay.
    import snowballstemmer

    return {"de": snowballstemmer.stemmer("german"), "en": snowballstemmer.stemmer("english")}


@lru_cache(maxsize=WORD_MEMO)
def german(word: str) -> str:
    return str(_stemmers()["de"].stemWord(word))  # type: ignore[attr-defined]  # snowballstemmer is untyped


@lru_cache(maxsize=WORD_MEMO)
def english(word: str) -> str:
    return str(_stemmers()["en"].stemWord(word))  # type: ignore[attr-defined]  # snowballstemmer is untyped
