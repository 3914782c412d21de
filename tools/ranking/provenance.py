"""What the ranking's shipped data was made from, as ``data/provenance.json`` records it.

Two parts, each written by the tool that makes its file: ``tables`` (by ``build_tables.py``: the ranking's sources
and the catalogue's texts) and ``weights`` (by ``train_reranker.py``: the ranking's sources, the training requests
and the trainer's code). ``tests/test_ranking_data.py`` recomputes both and compares, so that a change that makes
the data stale fails CI with the command that makes it again, and a search at run time hashes nothing.
"""

from __future__ import annotations

import json
import sys
import tempfile
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "faktoora_mcp" / "ranking"
DATA = PACKAGE / "data"
PROVENANCE = DATA / "provenance.json"
TOOLS = Path(__file__).resolve().parent
BENCHMARKS = ROOT / "benchmarks"
for folder in (TOOLS, BENCHMARKS):  # run as a script, or imported by the benchmark and the tests
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def checksum(parts: Iterable[bytes]) -> str:
    """zlib's crc32 of ``parts`` in order: a staleness check, not a security one."""
    value = 0
    for part in parts:
        value = zlib.crc32(part, value)
    return f"{value:08x}"


def sources() -> str:
    """Every module of the runtime package (the data file loader aside: it reads the data, does not make it)."""
    return checksum(path.read_bytes() for path in sorted(PACKAGE.glob("*.py")) if path.name != "data.py")


def catalogue() -> list[Any]:
    """The sandbox's actions, in its order: the catalogue the tables hold analysed and the requests are labelled
    against."""
    from faktoora_mcp.backends.sandbox import SandboxBackend

    with tempfile.TemporaryDirectory() as tmp:
        return anyio.run(SandboxBackend(Path(tmp) / "unused.sqlite3").list_actions)  # lists, opens no database


def catalogue_texts(infos: Sequence[Any]) -> str:
    return checksum(f"{i.key}\t{i.name}\t{i.description}\n".encode() for i in infos)


def requests(cases: Sequence[Any]) -> str:
    """The training requests and their answers, in order, and the trainer's code."""
    text = "\n".join(f"{case.language}\t{' '.join(case.answers)}\t{case.text}" for case in cases)
    trainer = [(TOOLS / name).read_bytes() for name in ("training.py", "train_reranker.py")]
    return checksum([text.encode("utf-8"), *trainer])


def tables_part(infos: Sequence[Any]) -> dict[str, str]:
    return {"sources": sources(), "catalogue": catalogue_texts(infos)}


def weights_part(infos: Sequence[Any], cases: Sequence[Any]) -> dict[str, str]:
    return {"sources": sources(), "catalogue": catalogue_texts(infos), "requests": requests(cases)}


def recorded() -> dict[str, Any]:
    return json.loads(PROVENANCE.read_text(encoding="utf-8")) if PROVENANCE.exists() else {}


def record(part: str, value: dict[str, str]) -> None:
    """Write ``part`` of the provenance, keeping the other."""
    PROVENANCE.write_text(json.dumps(recorded() | {part: value}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
