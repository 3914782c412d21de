"""Write ``faktoora_mcp/ranking/data/tables.json``: what the first search of a process would otherwise build.

    python tools/ranking/build_tables.py

The lexicon's lookups (every vocabulary word by itself, by its two Snowball stems, as a compound's first part) and
the analysed texts of the sandbox's own catalogue: two thirds of a first search were these (~1,500 stemmer calls and
~130 texts through the analyser). A catalogue text the tables do not hold (a live catalogue, an edited manifest) is
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
    return tables


def main() -> int:
    tables = build()
    path = DATA / TABLES
    path.write_text(json.dumps(tables, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    record("tables", tables_part(catalogue()))
    sys.stderr.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
