"""German separable verbs put back together: "Trag den Kunden Becker ein" is eintragen, "Gib die Rechnung frei" is
freigeben, "Lad die XRechnung hoch" is hochladen.

In a German main clause the finite verb stands first or second and its particle last, so neither half says what
is to be done: "trag" is carrying, "ein" a stopword. A clause that ends in a particle and holds, among its first
words, a verb form whose particle + infinitive the vocabulary knows is rewritten to hold that infinitive instead
(and the particle is dropped). Tried on requests only, on the folded text, before stopwords are taken out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

_PARTICLES = (
    "an ab auf aus ein hinzu frei hoch herunter runter raus heraus rein herein nach zurueck weg um durch zu "
    "rueckgaengig"
)
PARTICLES = frozenset(_PARTICLES.split())
"""Separable particles a request ends a clause with (and "rueckgaengig", which ``machen`` takes the same way)."""
VERB_REACH = 3
"""The verb is among the first words of a clause: "Trag", "Bitte trag", "Kannst du ... ein" is a question."""
IRREGULAR = {"gib": "geben", "nimm": "nehmen", "sieh": "sehen", "lies": "lesen", "wirf": "werfen"}
"""Imperatives that are no stem of their infinitive."""
ENDINGS = ("est", "st", "e", "t", "")
"""Endings of an imperative or present form before ``-en``: trag, trage, tragt, trägst (Umlauts folded: not met)."""
PUNCTUATION = ",.;:!?"
"""What ends a clause."""


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Compiled on first need: most requests end no clause in a particle, and the import is the first search's
    return re.compile(r"[^,.;:!?\n]+"), re.compile(r"[a-z0-9]+")


def rejoined(text: str, known: Callable[[str], bool]) -> str:
    """``text`` (folded) with each clause's separable verb as one infinitive where ``known`` knows it."""
    words = text.split()
    ends = [word for n, word in enumerate(words) if n == len(words) - 1 or word[-1] in PUNCTUATION]
    if not any(word.strip(PUNCTUATION) in PARTICLES for word in ends):
        return text
    return _patterns()[0].sub(lambda clause: _rejoined(clause.group(0), known), text)


def _rejoined(clause: str, known: Callable[[str], bool]) -> str:
    tokens = _patterns()[1].findall(clause)
    if len(tokens) < 2 or tokens[-1] not in PARTICLES:
        return clause
    particle = tokens[-1]
    for verb in tokens[:VERB_REACH]:
        for infinitive in _infinitives(verb):
            if known(particle + infinitive):
                at = clause.rfind(particle)
                clause = clause[:at] + clause[at + len(particle) :]
                return re.sub(rf"\b{verb}\b", particle + infinitive, clause, count=1)
    return clause


def _infinitives(verb: str) -> list[str]:
    """The infinitives ``verb`` may be a form of: trag -> tragen, trage -> tragen, gib -> geben."""
    if verb in IRREGULAR:
        return [IRREGULAR[verb]]
    if verb.endswith("en"):  # "wir bieten ... an", "Sie tragen ... ein": the infinitive itself
        return [verb]
    found = [verb[: len(verb) - len(e)] + "en" for e in ENDINGS if verb.endswith(e) and len(verb) - len(e) >= 2]
    return [*found, verb + "n"] if verb.endswith("e") else found
