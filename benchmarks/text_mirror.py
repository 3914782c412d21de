"""The text mirror: cutting at a record boundary without serialising the whole answer first.

    python benchmarks/text_mirror.py            # about 10 s
    python benchmarks/text_mirror.py --quick    # smoke run

Floor: what the server did before, ``json.dumps`` of the whole answer and then a slice at the limit. Measured in
the same run, interleaved: (a) an ``all: true`` answer of 1,000 invoice rows (~0.9 MB of JSON) against the default
limit of 60,000 characters, where the mirror stops after the rows that fit; (b) a 25-row page that fits whole,
where the mirror pays one ``json.dumps`` per row instead of one for the page.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import Comparison, Figure

from faktoora_mcp.text_mirror import compact_json, text_mirror

LIMIT = 60_000


def invoice(i: int) -> dict[str, Any]:
    """A row shaped like list-outgoing-invoices' (about 900 characters of JSON)."""
    return {
        "faktooraId": f"F{i:06d}XK",
        "invoiceNumber": f"2026/{1 + i % 12:02d}/{i:05d}",
        "status": ("sent", "paid", "overdue", "draft")[i % 4],
        "format": "xrechnung",
        "invoiceTypeCode": "380",
        "currency": "EUR",
        "issueDate": "2026-03-01",
        "dueDate": "2026-03-31",
        "deliveryDate": "2026-02-28",
        "paidAt": None,
        "customer": {"id": f"3f1e4c1a-8d0e-4f5b-9a59-{i:012d}", "customerId": f"{i:05d}", "name": f"Kunde {i} GmbH"},
        "totalNet": 1234.5 + i,
        "totalTax": 234.56,
        "totalGross": 1469.06 + i,
        "amountDue": 1469.06 + i,
        "detailsPage": f"https://app.faktoora.com/invoices/F{i:06d}XK/details?tab=overview&lang=de&view=full",
        "createdAt": "2026-03-01T10:00:00Z",
        "updatedAt": "2026-03-01T10:00:00Z",
    }


def answer(rows: int) -> dict[str, Any]:
    meta = {"page": 1, "perPage": 100, "totalItems": rows, "totalPages": rows // 100 + 1}
    return {"data": [invoice(i) for i in range(rows)], "meta": meta, "truncated": False, "nextPage": None}


def before(output: dict[str, Any]) -> str:
    text = compact_json(output)
    return text if len(text) <= LIMIT else text[:LIMIT] + "\n[cut]"


def after(output: dict[str, Any]) -> str:
    return text_mirror(output, LIMIT, tool="list-outgoing-invoices", arguments={"all": True})


def timed(call: Callable[[dict[str, Any]], str], output: dict[str, Any], repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        call(output)
    return (time.perf_counter() - started) / repeat * 1000


def compare(name: str, output: dict[str, Any], runs: int, repeat: int) -> Comparison:
    ours, floor = [], []
    for _ in range(runs):
        floor.append(timed(before, output, repeat))
        ours.append(timed(after, output, repeat))
    return Comparison(name, Figure("text_mirror", "ms", ours), Figure("dumps whole, then slice", "ms", floor))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: checks that it runs")
    args = parser.parse_args()
    runs, repeat = (3, 2) if args.quick else (15, 20)
    for name, rows in (("all: true, 1,000 rows, cut at 60,000 chars", 1000), ("one page of 25 rows, fits", 25)):
        result = compare(name, answer(rows), runs, repeat)
        size = len(compact_json(answer(rows)))
        print(
            f"{result.name} ({size:,} chars whole): {result.ours.median:.3f} ms "
            f"[{result.ours.low:.3f}..{result.ours.high:.3f}] vs {result.floor.median:.3f} ms: "
            f"ratio {result.ratio:.2f}"
        )
    print(json.dumps({"python": sys.version.split()[0], "runs": runs, "repeat": repeat}))


if __name__ == "__main__":
    main()
