"""Train the learned re-ranking of ``search-actions`` and write ``faktoora_mcp/ranking/data/weights.json`` and
``weights.bin``.

    python tools/ranking/train_reranker.py            # train on every training request, write the weights

The training requests are the development set of ``benchmarks/discovery_cases.py`` and the training sets
(``benchmarks/requests/train_*.tsv``); the held-out sets are never used. Train again after any change to the
ranking's sources or to these requests (after ``build_tables.py``): a test says when the weights are stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from provenance import DATA, catalogue, record, weights_part
from training import as_data, examples, train

from faktoora_mcp.ranking import Action, learned
from faktoora_mcp.ranking.data import WEIGHT_CODES, WEIGHTS


def training_cases(without: str | None = None) -> list[Any]:
    """Every training request (``discovery_cases.Case``); with ``without``, all but that training set (for
    cross-validation)."""
    from discovery_cases import DEVELOPMENT, TRAINING  # in benchmarks/, on the path once ``provenance`` is imported

    return DEVELOPMENT + [case for name, cases in TRAINING.items() if name != without for case in cases]


def trained(cases: Sequence[Any], infos: Sequence[Action]) -> learned.Model:
    """A model trained on ``cases``, its features read by the rules alone (never by an earlier model)."""
    return train(examples([(case.text, case.answers) for case in cases], infos), infos)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    cases, infos = training_cases(), catalogue()
    path = DATA / WEIGHTS
    written, codes = as_data(trained(cases, infos))
    path.write_text(json.dumps(written, separators=(",", ":")), encoding="utf-8")
    (DATA / WEIGHT_CODES).write_bytes(codes)
    record("weights", weights_part(infos, cases))
    sys.stderr.write(f"wrote {path} from {len(cases)} requests\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
