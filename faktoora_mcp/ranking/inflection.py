"""German verb forms the Snowball stemmer does not bring back to the verb: participles and the nouns made of a verb.

"Die Rechnung soll storniert werden", "Stornierung der Rechnung F45NNA1", "Kunde wurde angelegt": the stemmer
keeps ``storniert``, ``stornierung`` and ``angelegt`` apart from ``stornieren`` and ``anlegen``, so the vocabulary,
which lists infinitives, did not know them. ``infinitives`` gives the infinitives a word may be a form of; the
analyser tries them, in order, only for a word the vocabulary knows no other way.
"""

from __future__ import annotations

from collections.abc import Iterator

from faktoora_mcp.ranking.separable import PARTICLES

MIN_STEM = 3
"""The shortest verb stem left after taking a form apart: shorter ones ("ge|ld", "ko|sten") are no verbs."""
PARTICIPLE_ENDINGS = ("ierten", "iertes", "ierter", "iertem", "ierte", "iert", "eten", "ete", "et", "ten", "te", "t")
"""Endings of a weak participle or past form, longest first (storniert-e, gesend-et, gelösch-t)."""
PREFIXES = tuple((particle, particle + "ge") for particle in sorted(PARTICLES, key=len, reverse=True))
"""Separable particles before the ``ge`` of a participle (an|ge|legt, frei|ge|geben, hoch|ge|laden), each with it."""


def infinitives(word: str) -> Iterator[str]:
    """The infinitives ``word`` may be a form of, likeliest first: stornierung -> stornieren, storniert ->
    stornieren, gelöscht -> löschen, angelegt -> anlegen, eingetragen -> eintragen, änderung -> ändern."""
    if word.endswith("ung") and len(word) - 3 >= MIN_STEM:
        yield from _from_stem(word[:-3])
    for particle, rest in _unprefixed(word):
        for ending in PARTICIPLE_ENDINGS:
            # A bare -ten is an infinitive as often as a past form: warten is wart|en, not war|ten
            shortest = MIN_STEM + (ending == "ten" and not particle and rest is word)
            if rest.endswith(ending) and len(rest) - len(ending) >= shortest:
                stem = rest[: -len(ending)] + ("ier" if ending.startswith("iert") else "")
                yield from (particle + infinitive for infinitive in _from_stem(stem))
                break
        strong = (particle or rest is not word) and rest.endswith("en")  # ein|ge|tragen, frei|ge|geben
        if strong and len(rest) - 2 >= MIN_STEM:
            yield particle + rest


def _unprefixed(word: str) -> Iterator[tuple[str, str]]:
    """(particle, the rest after ``ge``) for each way ``word`` may be a participle; the word itself last, for the
    participles without ``ge`` (storniert, verschickt, erstellt)."""
    if "ge" in word:  # most words hold none: the particles need not be tried
        for particle, opening in PREFIXES:
            if word.startswith(opening):
                yield particle, word[len(opening) :]
        if word.startswith("ge"):
            yield "", word[2:]
    yield "", word


def _from_stem(stem: str) -> Iterator[str]:
    yield stem + "en"
    if stem.endswith(("er", "el")):  # ändern, sammeln
        yield stem + "n"
