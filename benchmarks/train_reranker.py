"""Train the learned re-ranking of ``search-actions`` and write it into the package (``ranking/_weights.py``).

    python benchmarks/train_reranker.py            # train on every training request, write _weights.py
    python benchmarks/train_reranker.py --check    # exit 1 when _weights.py is not what training would write

The training requests are the development set of ``discovery_cases.py`` and the three sets written for training
in round 5 (``requests/train_*.tsv``); the held-out sets are never used. Train again after any change to the
ranking's sources or to these requests: until then the shipped weights do not match the sources, and searches are
ranked by the rules alone (a test says so).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import anyio
from discovery_cases import DEVELOPMENT, TRAINING, Case

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.ranking import learned, training
from faktoora_mcp.ranking.tables import STEM_PROBES

WEIGHTS = Path(learned.__file__).resolve().parent / "_weights.py"


def training_cases(without: str | None = None) -> list[Case]:
    """Every training request; with ``without``, all but that training set (for cross-validation)."""
    return DEVELOPMENT + [case for name, cases in TRAINING.items() if name != without for case in cases]


def data_fingerprint(cases: Sequence[Case]) -> str:
    """A checksum of the requests and their answers, in order, and of the training's code: the weights say what
    made them, so that a test notices new requests or a new penalty the weights were not trained with."""
    text = "\n".join(f"{case.language}\t{' '.join(case.answers)}\t{case.text}" for case in cases)
    trainer = Path(training.__file__).read_bytes()
    return f"{zlib.crc32(trainer, zlib.crc32(text.encode('utf-8'))):08x}"


def catalogue() -> list[ActionInfo]:
    """The sandbox's actions, in its order (the catalogue the requests are labelled against)."""
    with tempfile.TemporaryDirectory() as tmp:
        return anyio.run(SandboxBackend(Path(tmp) / "unused.sqlite3").list_actions)  # lists, opens no database


def trained(cases: Sequence[Case], infos: Sequence[ActionInfo]) -> learned.Model:
    """A model trained on ``cases``, its features read by the rules alone (never by an earlier model)."""
    return training.train(training.examples([(case.text, case.answers) for case in cases], infos), infos)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether _weights.py is current")
    args = parser.parse_args(argv)
    cases = training_cases()
    source = learned.as_module(trained(cases, catalogue()), data_fingerprint(cases), STEM_PROBES)
    if args.check:
        current = WEIGHTS.exists() and WEIGHTS.read_text(encoding="utf-8") == source
        sys.stderr.write("weights current\n" if current else f"stale: run python {Path(__file__).name}\n")
        return 0 if current else 1
    WEIGHTS.write_text(source, encoding="utf-8")
    sys.stderr.write(f"wrote {WEIGHTS} from {len(cases)} requests\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
