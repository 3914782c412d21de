"""Write ``faktoora_mcp/ranking/data/tables.json``: what the first search of a process would otherwise build.

    pip install -e ".[ranking-data]"   # once: pyspellchecker's word frequencies
    python tools/ranking/build_tables.py

The lexicon's lookups (every vocabulary word by itself, by its two Snowball stems, as a compound's first part) and
the analysed texts of the sandbox's own catalogue: two thirds of a first search were these (~1,500 stemmer calls and
~130 texts through the analyser). Also the common words of German and English that the vocabulary lacks and the
speller would take for a slip of one of its words ("sitting", "verschieben"; ``real_words``), which it leaves
alone. A catalogue text the tables do not hold (a live catalogue, an edited manifest) is
analysed at search time as before. Run it after any edit of ``faktoora_mcp/ranking/`` (a test says when), then
``train_reranker.py``.
"""

from __future__ import annotations

import json
import sys

from provenance import DATA, catalogue, record, tables_part

from faktoora_mcp.ranking import data
from faktoora_mcp.ranking import lexicon as lexicons
from faktoora_mcp.ranking.catalogue import analysed_texts, catalogue_topics, forget
from faktoora_mcp.ranking.data import STEM_PROBES, TABLES, stemmed
from faktoora_mcp.ranking.spelling import Speller

COMMON = 500
"""Uses in ``pyspellchecker``'s frequency lists (subtitles; the rarest word listed has 50) from which a word is
common: below it the lists hold rare inflections and a few slips ("aktiveren") that are likelier typing slips of
the vocabulary's words than words meant."""


def build() -> dict[str, object]:
    """The tables, built from the vocabulary and the sandbox's catalogue (nothing shipped read)."""
    data.tables = lambda: None  # the vocabulary's own lookups, never those of the file being replaced
    lexicons.lexicon.cache_clear()
    lexicon = lexicons.lexicon()
    infos = catalogue()
    forget()
    catalogue_topics([(info.key, info.name, info.description) for info in infos], seed=False)
    tables: dict[str, object] = {"stem_probes": list(STEM_PROBES), "stemmed_probes": stemmed(STEM_PROBES)}
    for name, table in (("surface", lexicon.surface), ("stems", lexicon.stems), ("heads", lexicon.heads)):
        tables[name] = {word: list(concepts) for word, concepts in sorted(table.items())}
    tables["topics"] = {text: dict(topics) for text, topics in sorted(analysed_texts().items())}
    tables["real"] = real_words()
    return tables


def real_words() -> list[str]:
    """The common words of German and English (``pyspellchecker``'s frequency lists, at least ``COMMON`` uses) that
    the vocabulary does not know but the speller would read as a slip of a word it does: "sitting" is not a slip
    of "setting", nor "verschieben" of "verschicken", nor "contract" of "contact"."""
    from spellchecker import SpellChecker

    from faktoora_mcp.ranking.analysis import fold, known

    speller = Speller(lexicons.lexicon().surface)  # every word it would correct, common or not
    found = set()
    for language in ("de", "en"):
        for word, uses in SpellChecker(language=language).word_frequency.dictionary.items():
            folded = fold(word)
            if uses >= COMMON and folded.isalpha() and not known(folded):
                meant = speller.candidates(folded)
                if meant and not all(_another_form(folded, candidate) for candidate in meant):
                    found.add(folded)
    return sorted(found)


def _another_form(typed: str, meant: str) -> bool:
    """Whether two words differ only in their last two letters: another form of one word ("bezahle", "bezahlt";
    "verkauft", "verkauf"), which the speller may read as the one the vocabulary knows."""
    end = max(len(typed), len(meant)) - 2
    return typed[:end] == meant[:end]


def main() -> int:
    tables = build()
    path = DATA / TABLES
    path.write_text(json.dumps(tables, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    record("tables", tables_part(catalogue()))
    sys.stderr.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
