"""What the official e-invoice rules cost: install size of Saxon-HE and the first validation in a fresh process.

    python benchmarks/einvoice_rules.py [--runs 5]

First use, each in a fresh Python process (nothing cached): import saxonche and start Saxon, compile CEN's CII
rules and KoSIT's XRechnung CII rules, then validate one sandbox invoice with both; the floor is a fresh process
that imports the server (``faktoora_mcp.app``) and stops. A second validation in the same process is timed too.
Install size: the files of the ``saxonche`` distribution against everything else installed in this environment.
Then how long a refused import takes (XML bomb, external entity, 50 MB, PDF without XML, not a PDF), against
a plain list call in the same sandbox. Needs the rules installed (python -m faktoora_mcp.einvoice.update).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from common import Comparison, Figure, print_table

FIRST_USE = r"""
import json, time
t0 = time.perf_counter()
from saxonche import PySaxonProcessor
from faktoora_mcp.einvoice.engine import Validator
from faktoora_mcp.einvoice.rulesets import RULE_SETS
xml = open({xml!r}, "rb").read()
validator = Validator()
validator._saxon()
t1 = time.perf_counter()
validator.run(xml, [RULE_SETS["en16931-cii"]])
t2 = time.perf_counter()
validator.run(xml, [RULE_SETS["xrechnung-cii"]])
t3 = time.perf_counter()
validator.run(xml, [RULE_SETS["en16931-cii"], RULE_SETS["xrechnung-cii"]])
t4 = time.perf_counter()
print(json.dumps({{"start": t1 - t0, "cen": t2 - t1, "kosit": t3 - t2, "again": t4 - t3, "total": t3 - t0}}))
"""
REFUSALS = r"""
import asyncio, base64, json, tempfile, time
from pathlib import Path
from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.errors import InvalidArguments

bomb = ('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY l0 "lol">'
        + "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)) + "]><i>&l9;</i>")
cases = {
    "XML bomb": {"xml": bomb},
    "external entity": {"xml": '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><i>&e;</i>'},
    "50 MB XML": {"xml": "<i>" + "x" * 50_000_000 + "</i>"},
    "PDF without XML": None,
    "not a PDF": {"pdf": base64.b64encode(b"PK" + bytes(5000)).decode()},
}

async def main():
    backend = SandboxBackend(Path(tempfile.mkdtemp()) / "s.sqlite3")
    await backend.run_action("list-incoming-invoices", {"perPage": 1})
    customer = (await backend.run_action("list-customers", {"perPage": 1})).output["data"][0]
    line = {"name": "x", "quantity": 1, "unitPrice": 1, "vatRate": 19}
    created = (await backend.run_action("create-outgoing-invoice", {"customerId": customer["id"], "lines": [line],
                                                                    "format": "xrechnung"})).output
    pdf = (await backend.run_action("get-invoice-by-id", {"faktooraId": created["faktooraId"], "format": "pdf"})).output
    cases["PDF without XML"] = {"pdf": pdf["document"]}
    times = {}
    for name, input in cases.items():
        t0 = time.perf_counter()
        try:
            await backend.run_action("import-incoming-invoice", input)
        except InvalidArguments:
            times[name] = time.perf_counter() - t0
    t0 = time.perf_counter()
    await backend.run_action("list-incoming-invoices", {"perPage": 1})
    times["floor: list-incoming-invoices"] = time.perf_counter() - t0
    await backend.aclose()
    print(json.dumps(times))

asyncio.run(main())
"""
FLOOR = "import time; t0 = time.perf_counter(); import faktoora_mcp.app; print(time.perf_counter() - t0)"


def sample_invoice(path: Path) -> None:
    """One sandbox invoice (three rates, a service period) written to ``path``."""
    from faktoora_mcp.backends.sandbox.invoices.files.cii import invoice_xml

    line = {
        "position": 1,
        "name": "Beratung",
        "quantity": "2",
        "unitCode": "HUR",
        "unitPrice": "120.5",
        "netAmount": 241,
        "vatCategory": "S",
        "vatRate": 19,
    }
    content = {
        "invoiceNumber": "RE-1",
        "issueDate": "2026-03-02",
        "dueDate": "2026-03-16",
        "format": "xrechnung",
        "seller": {
            "name": "Muster GmbH",
            "city": "Berlin",
            "postcode": "10115",
            "country": "DE",
            "vatId": "DE123456789",
            "email": "r@muster.example",
            "phone": "+49 30 1",
            "iban": "DE02120300000000202051",
        },
        "buyer": {"name": "Kunde GmbH", "city": "Köln", "postcode": "50667", "country": "DE"},
        "servicePeriod": {"start": "2026-02-01", "end": "2026-02-28"},
        "buyerReference": "K-1",
        "lines": [line],
        "vatBreakdown": [{"category": "S", "rate": 19, "taxableAmount": 241, "taxAmount": 45.79}],
        "totals": {
            "lineTotal": 241,
            "taxBasis": 241,
            "taxTotal": 45.79,
            "grandTotal": 286.79,
            "prepaid": 0,
            "amountDue": 286.79,
        },
    }
    path.write_bytes(invoice_xml(content))


def distribution_bytes(name: str) -> int:
    files = metadata.distribution(name).files or []
    return sum(f.locate().stat().st_size for f in files if Path(f.locate()).is_file())


def site_bytes() -> int:
    site = Path(metadata.distribution("saxonche").locate_file(""))
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    xml = Path(tempfile.gettempdir()) / "faktoora-einvoice-sample.xml"
    sample_invoice(xml)
    runs = [json.loads(_python(FIRST_USE.format(xml=str(xml)))) for _ in range(args.runs)]
    floor = Figure("import faktoora_mcp.app", "s", [float(_python(FLOOR)) for _ in range(args.runs)])
    figures = {k: Figure(k, "s", [r[k] for r in runs]) for k in ("start", "cen", "kosit", "again", "total")}
    saxon, everything = distribution_bytes("saxonche"), site_bytes()
    results = [
        Comparison("first validation, fresh process: total", figures["total"], floor),
        Comparison("  import saxonche + start Saxon", figures["start"], floor),
        Comparison("  compile + run EN 16931 CII", figures["cen"], floor),
        Comparison("  compile + run XRechnung CII", figures["kosit"], floor),
        Comparison("second validation (both sets, compiled)", figures["again"], floor),
    ]
    print_table(results)
    refusals = [json.loads(_python(REFUSALS)) for _ in range(args.runs)]
    floor_call = Figure("list-incoming-invoices", "s", [r.pop("floor: list-incoming-invoices") for r in refusals])
    print("\nrefused imports (each in a warm sandbox; the first refusal of a process also imports the parsers):")
    print_table(
        [
            Comparison(f"refused: {name}", Figure(name, "s", [r[name] for r in refusals]), floor_call)
            for name in refusals[0]
        ]
    )
    print(
        f"\ninstall size: saxonche {saxon / 1e6:.1f} MB of {everything / 1e6:.1f} MB in site-packages "
        f"({saxon / everything:.0%}); without it {(everything - saxon) / 1e6:.1f} MB"
    )


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    main()
