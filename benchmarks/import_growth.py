"""What imports of incoming e-invoices cost the sandbox file, and what the import quota's check costs.

    .venv/bin/python benchmarks/import_growth.py [--imports 27] [--attachment-kb 1000] [--calls 30]

Imports ``--imports`` different XRechnungen, each carrying ``--attachment-kb`` of embedded attachment (issue 27's
campaign sent 1.4 MB ones), into a fresh sandbox with a quota large enough to take them all; then prints the file's
growth per import, which table grew (SQLite's dbstat), and the time of the quota's stored-bytes query against a
floor and a reference measured in the same run: ``COUNT(*)`` over the same rows, and the same sum over a copy laid out
as schema 2 had it (the file inside the row, before the findings, so that reading them walks its overflow pages).
"""

from __future__ import annotations

import argparse
import base64
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from faktoora_mcp.backends.sandbox import SandboxBackend  # noqa: E402
from faktoora_mcp.backends.sandbox.invoices.incoming import _STORED_BYTES  # noqa: E402

COUNT = "SELECT COUNT(*) FROM incoming_invoices"
ROW_LAYOUT = (
    "CREATE TABLE files_in_rows AS SELECT i.importId, f.file AS document, i.validationMessages "
    "FROM incoming_invoices i JOIN incoming_files f USING (importId)"
)
IN_ROWS = "SELECT SUM(length(document) + length(CAST(validationMessages AS BLOB))) FROM files_in_rows"


async def seed(path: Path) -> None:
    sandbox = SandboxBackend(path)
    await sandbox.warm()
    await sandbox.aclose()


async def fill(path: Path, imports: int, attachment_kb: int) -> int:
    """Import the files; the size of one."""
    sandbox = SandboxBackend(path, import_quota_bytes=10**12)
    upload = ""
    first = (await sandbox.run_action("list-outgoing-invoices", {"perPage": 1})).output["data"][0]
    got = await sandbox.run_action("get-invoice-by-id", {"faktooraId": first["faktooraId"], "format": "xml"})
    xml, number = got.output["document"], first["invoiceNumber"]
    padding = f"<!-- {base64.b64encode(os.urandom(attachment_kb * 1024)).decode()} --></rsm:CrossIndustryInvoice>"
    for index in range(imports):
        upload = xml.replace(number, f"{number}-{index}").replace("</rsm:CrossIndustryInvoice>", padding)
        await sandbox.run_action("import-incoming-invoice", {"xml": upload})
    await sandbox.aclose()
    return len(upload.encode())


def table_sizes(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall())


def timed(path: Path, query: str, calls: int) -> float:
    """Median milliseconds of ``query`` over ``calls`` runs on one connection (the first one warms the cache)."""
    with sqlite3.connect(path) as conn:
        conn.execute(query).fetchone()
        samples = []
        for _ in range(calls):
            started = time.perf_counter()
            conn.execute(query).fetchone()
            samples.append((time.perf_counter() - started) * 1000)
    return sorted(samples)[len(samples) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--imports", type=int, default=27)
    parser.add_argument("--attachment-kb", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "imports.sqlite3"
        anyio.run(seed, path)
        before, seeded = path.stat().st_size, table_sizes(path)
        size = anyio.run(fill, path, args.imports, args.attachment_kb)
        grown = {name: pages - seeded.get(name, 0) for name, pages in table_sizes(path).items()}
        growth = path.stat().st_size - before
        with sqlite3.connect(path) as conn:
            files = conn.execute("SELECT SUM(length(file)) FROM incoming_files").fetchone()[0]
            findings = conn.execute("SELECT SUM(length(validationMessages)) FROM incoming_invoices").fetchone()[0]
            conn.execute(ROW_LAYOUT)
        conn.close()
        quota, count, in_rows = (timed(path, q, args.calls) for q in (_STORED_BYTES, COUNT, IN_ROWS))
    print(f"{args.imports} imports of {size:,} bytes: the file grew {growth:,} bytes ({growth // args.imports:,} each)")
    print("grown (bytes of pages):", ", ".join(f"{name} {pages:,}" for name, pages in grown.items() if pages))
    print(f"stored: files {files:,} bytes, validationMessages {findings:,} bytes")
    print(f"quota check {quota:.3f} ms; floor COUNT(*) {count:.3f} ms; files inside the rows {in_rows:.3f} ms")
    ratio = quota / max(count, 1e-6)
    print(f"ratios: the quota check is {ratio:.1f}x the floor; the row layout takes {in_rows / quota:.0f}x the check")


if __name__ == "__main__":
    main()
