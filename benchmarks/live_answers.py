"""What reading a live answer and redacting a failure cost per call, against floors measured in the same run.

    python benchmarks/live_answers.py            # about 20 s on 2 cores; writes benchmarks/results/live_answers.json
    python benchmarks/live_answers.py --quick    # tiny counts: checks that it runs (numbers meaningless)

(1) reading a 25-record page (list-customers and list-outgoing-invoices shaped records in Membrane's
    ``{items, cursor}`` envelope, numbers and booleans as strings, fields no manifest knows) into the manifest's
    ``{data, meta}`` shape, exactly as ``MembraneBackend`` does after a run; floor: ``json.loads`` of the same
    page, which every call pays anyway;
(2) redacting a typical failed-run stderr, 8 KiB of hostile text (the most that is redacted on the event loop)
    and 64 KiB of hostile text (the cap; longer texts are cut to it); floor: one linear regex pass over the
    same text (``\\S+``), so the ratio says how many plain scans redaction costs.
Every figure is microseconds per call: the median over interleaved batches, with min and max.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import Comparison, Figure, print_table, write_results

from faktoora_mcp.backends.membrane import MembraneBackend
from faktoora_mcp.catalog import Catalog
from faktoora_mcp.redaction import REDACT_INLINE_CHARS, REDACT_MAX_CHARS, redact

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "live_answers.json"
PAGE_SIZE = 25
"""Faktoora's default page size: what one list call returns."""
TARGET = "normalisation + redaction < 100 us (issue 9)"
_PLAIN_SCAN = re.compile(r"\S+")

CUSTOMER = {
    "customerId": "007", "isCompany": "true", "name": "Beispiel AG", "nameAuthorisedSignatory": "Erika Mustermann",
    "address": "Beispielweg 7", "postcode": 80331, "city": "München", "country": "DE", "email": "ap@beispiel.de",
    "phoneNo": "+49 89 123456", "category": "wholesale", "vatId": "DE136695976", "supplierNumber": 4711,
    "createdAt": "2026-03-01T10:00:00Z", "updatedAt": "2026-03-02T08:30:00Z",
    "tenantId": "t-42", "_links": {"self": "https://app.faktoora.example/customers/k1"}, "customFields": [],
}  # fmt: skip
INVOICE = {
    "invoiceNumber": "2026/01/00001", "status": "sent", "format": "XRECHNUNG", "invoiceTypeCode": "380",
    "currency": "EUR", "issueDate": "2026-01-15", "dueDate": "2026-02-14", "deliveryDate": None,
    "paidAt": None, "customer": {"id": "k1", "name": "Beispiel AG", "customerId": "007"},
    "totalNet": "1000.00", "totalTax": "190.00", "totalGross": "1190.00", "amountDue": "1190.00",
    "createdAt": "2026-01-15T09:00:00Z", "updatedAt": "2026-01-15T09:00:00Z",
    "tenantId": "t-42", "reminderLevel": "0", "_links": {"pdf": "https://app.faktoora.example/i/1.pdf"},
}  # fmt: skip
FAILED_STDERR = """(node:48213) ExperimentalWarning: The Fetch API is an experimental feature.
Error: Request failed with status code 400
    at createError (/usr/lib/node_modules/@membranehq/cli/dist/index.js:2:41873)
    at settle (/usr/lib/node_modules/@membranehq/cli/dist/index.js:2:42210)
    at IncomingMessage.handleStreamEnd (/usr/lib/node_modules/@membranehq/cli/dist/index.js:2:43108)
{"type":"connection_request_error","message":"Faktoora answered 400","data":{"response":{"statusCode":400,
"message":"customerId must be unique","path":"/customers","headers":{"authorization":"Bearer eyJhbGciOiJIUzI1NiJ9.
eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U","x-request-id":"9b2f1c7e-5a4d"}}}}
"""
HOSTILE_UNIT = "key" + " " * 8
"""The slowest repeated unit found while testing: a trigger word before the spaces a secret name may be followed by."""


def page(record: dict[str, Any], id_field: str) -> str:
    """A 25-record page as the live connector might answer inside Membrane's ``output``."""
    items = [{id_field: f"k{i:032x}", **record} for i in range(PAGE_SIZE)]
    return json.dumps({"items": items, "cursor": "eyJvZmZzZXQiOjI1fQ"})


def per_call_us(call: Callable[[], object], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - started) / calls * 1e6


def interleaved(ours: Callable[[], object], floor: Callable[[], object], batches: int, calls: int) -> tuple[list, list]:
    """Batches of ours and of the floor in turn, so the machine's drifting load hits both alike."""
    ours(), floor()  # warm: compiled conformers, regex caches
    a, b = [], []
    for _ in range(batches):
        b.append(per_call_us(floor, calls))
        a.append(per_call_us(ours, calls))
    return a, b


def reading(key: str, text: str, batches: int, calls: int) -> tuple[Comparison, list[float]]:
    """``_read_answer`` is the whole reading a run's output goes through (envelope, lifting, conforming)."""
    shapes = {spec.key: spec.output_schema for spec in Catalog.load()}
    backend = MembraneBackend(binary="membrane", shapes=shapes)  # no I/O: only the reading is measured
    output = json.loads(text)
    answer = backend._read_answer(key, shapes[key], output, {"limit": PAGE_SIZE}, [])
    assert len(answer["data"]) == PAGE_SIZE and answer["meta"]["nextCursor"], answer["meta"]
    ours, floor = interleaved(
        lambda: backend._read_answer(key, shapes[key], output, {"limit": PAGE_SIZE}, []),
        lambda: json.loads(text),
        batches,
        calls,
    )
    name = f"live answers: read a {PAGE_SIZE}-record {key} page"
    comparison = Comparison(name, Figure("read into the manifest", "us", ours), Figure("json.loads", "us", floor))
    return comparison, ours


def redaction(name: str, text: str, batches: int, calls: int) -> tuple[Comparison, list[float]]:
    ours, floor = interleaved(lambda: redact(text), lambda: _PLAIN_SCAN.findall(text), batches, calls)
    comparison = Comparison(
        f"redaction: {name} ({len(text):,} chars)", Figure("redact", "us", ours), Figure("one \\S+ scan", "us", floor)
    )
    return comparison, ours


def hostile(chars: int) -> str:
    return (HOSTILE_UNIT * (chars // len(HOSTILE_UNIT) + 1))[:chars]


def run(*, quick: bool) -> list[Comparison]:
    batches, calls, big_calls = (3, 5, 1) if quick else (30, 200, 3)
    customers, customer_samples = reading("list-customers", page(CUSTOMER, "id"), batches, calls)
    invoices, _ = reading("list-outgoing-invoices", page(INVOICE, "faktooraId"), batches, calls)
    stderr, stderr_samples = redaction("a failed run's stderr", FAILED_STDERR, batches, calls)
    results = [customers, invoices, stderr]
    results.append(redaction("hostile text on the event loop", hostile(REDACT_INLINE_CHARS), batches, big_calls)[0])
    results.append(redaction("hostile text at the cap", hostile(REDACT_MAX_CHARS), batches, big_calls)[0])
    results.append(
        redaction('"token": "aaa… at the cap', ('"token": "' + "a" * REDACT_MAX_CHARS)[:REDACT_MAX_CHARS], batches, 1)[
            0
        ]
    )
    combined = [a + b for a, b in zip(customer_samples, stderr_samples, strict=True)]
    results.append(
        Comparison(
            "live answers: list-customers page + failed-run redaction",
            Figure("read + redact", "us", combined),
            None,
            target=TARGET,
        )
    )
    return results


def main(quick: bool, out: Path) -> list[Comparison]:
    results = run(quick=quick)
    print_table(results, name_width=62, digits=1)
    write_results(results, quick=quick, out=out)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="tiny counts: checks the benchmark works, not the numbers")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write JSON")
    options = parser.parse_args()
    main(options.quick, options.out)
