"""What a model reads of tools/list: names, titles, descriptions and input schemas, per tool and in all.

    python benchmarks/tools_budget.py                 # the default toolsets, against the 32,000-character budget
    python benchmarks/tools_budget.py --toolsets all  # every toolset

Hosts put these four fields of every listed tool into the model's context on every turn (output schemas are
for the client); 32,000 characters is about 8,000 tokens. Measured over the wire, as compact JSON, through the
server's own tools/list.
"""

from __future__ import annotations

import argparse
import json

import anyio
from mcp import Client

from faktoora_mcp.app import build_app
from faktoora_mcp.backends.base import HandlerBackend
from faktoora_mcp.config import Config

BUDGET = 32_000


async def measure(toolsets: str | None) -> list[tuple[str, int]]:
    app = build_app(Config(backend="sandbox", toolsets=toolsets), backend=HandlerBackend(lambda a, i: {}))
    async with Client(app.server) as client:
        tools = (await client.list_tools()).tools
    read = [
        {"name": t.name, "title": t.title, "description": t.description, "inputSchema": t.input_schema} for t in tools
    ]
    return [(t["name"], len(json.dumps(t, ensure_ascii=False, separators=(",", ":")))) for t in read]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--toolsets", default=None, help="as the server's --toolsets (default: its default)")
    sizes = anyio.run(measure, parser.parse_args().toolsets)
    for name, size in sorted(sizes, key=lambda s: -s[1]):
        print(f"{name:34} {size:>7,}")
    total = sum(size for _, size in sizes) + len('{"tools":[]}') + len(sizes) - 1
    verdict = "within" if total <= BUDGET else "OVER"
    print(f"{'total (' + str(len(sizes)) + ' tools)':34} {total:>7,}  {verdict} the budget of {BUDGET:,}")


if __name__ == "__main__":
    main()
