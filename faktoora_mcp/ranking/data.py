"""The ranking's shipped data, read from ``data/`` beside this module on first use.

``data/tables.json`` holds what a first search would otherwise build (the vocabulary's lookups by word, by stem and
as a compound's first part; the sandbox catalogue's texts analysed) and the common words the speller leaves alone;
``data/weights.json`` and ``data/weights.bin`` the learned re-ranking (``learned``: its features and scales, and its
weights as raw signed bytes, which a first search reads in a fraction of the ~2.5 ms that parsing them as base64
inside the JSON took). All are written by
``tools/ranking/`` (outside the runtime package) and described by ``data/provenance.json``, which a test
recomputes: a stale file is CI's concern, so a search hashes nothing.

What is checked here is only what CI cannot see: the installed Snowball stemmers (the dependency is not pinned)
must stem a few probe words as they did when the data was made, or the stems in it would meet nothing. If they
do not, the tables are built from the vocabulary instead and the rules rank without the re-ranking.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from faktoora_mcp.ranking.stemming import english, german

TABLES = "tables.json"
WEIGHTS = "weights.json"
WEIGHT_CODES = "weights.bin"
PROVENANCE = "provenance.json"
STEM_PROBES = ("rechnungen", "kundennummern", "storniert", "überwiesen", "invoices", "cancelled", "payments", "sending")
"""Words whose stems tell one Snowball version from another (German and English, inflected and compound)."""

Table = Mapping[str, Sequence[str]]
"""A lookup as the file holds it: word -> concepts, as JSON's lists (``lexicon`` makes a found one a tuple)."""


class Tables:
    """The lexicon's three lookups, the analysed texts of the sandbox's catalogue, and the real words a slip of the
    keyboard must not be read into (``spelling``)."""

    __slots__ = ("heads", "real", "stems", "surface", "topics")

    def __init__(
        self,
        surface: Table,
        stems: Table,
        heads: Table,
        topics: Mapping[str, Mapping[str, float]],
        real: Sequence[str],
    ) -> None:
        self.surface, self.stems, self.heads, self.topics = surface, stems, heads, topics
        self.real = frozenset(real)


HERE = Path(__file__).resolve().parent / "data"
"""The data files, beside the code: the wheel installs them as files. (Not ``importlib.resources``: importing it
cost 10-40 ms of a process's first search, more than the whole search.)"""


@cache
def read(name: str) -> Any:
    """One data file, parsed once per process; None when it is not installed."""
    try:
        text = HERE.joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return json.loads(text)


@cache
def read_bytes(name: str) -> bytes | None:
    """One binary data file, read once per process; None when it is not installed."""
    try:
        return HERE.joinpath(name).read_bytes()
    except FileNotFoundError:
        return None


def stemmed(words: tuple[str, ...] | list[str]) -> list[list[str]]:
    """Each of ``words`` with its German and English stem, as the installed stemmers give them."""
    return [[german(word), english(word)] for word in words]


@cache
def stemmers_agree() -> bool:
    """Whether the installed stemmers stem the probes as those the data was made with."""
    found = read(TABLES)
    return found is not None and stemmed(found["stem_probes"]) == found["stemmed_probes"]


@cache
def tables() -> Tables | None:
    """The shipped tables, or None when they are missing or the stemmers stem otherwise."""
    found = read(TABLES)
    if found is None or not stemmers_agree():
        return None
    # As parsed: making ~2,000 lists tuples up front was a tenth of a first search; a lookup makes the one it finds
    return Tables(found["surface"], found["stems"], found["heads"], found["topics"], found["real"])


@cache
def weights() -> Mapping[str, Any] | None:
    """The re-ranking's weights as written by training (``codes``: the signed bytes of ``weights.bin``), or None
    when either file is missing or the stemmers stem otherwise (its features hold stems)."""
    found, codes = read(WEIGHTS), read_bytes(WEIGHT_CODES)
    if found is None or codes is None or not stemmers_agree():
        return None
    return found | {"codes": codes}
