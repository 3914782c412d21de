"""What every benchmark section shares: a measured figure, a comparison against a floor, a server environment."""

from __future__ import annotations

import json
import os
import statistics
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Figure:
    name: str
    unit: str
    samples: list[float] = field(repr=False)
    median: float = 0.0
    low: float = 0.0
    high: float = 0.0

    def __post_init__(self) -> None:
        self.median = statistics.median(self.samples)
        self.low, self.high = min(self.samples), max(self.samples)


@dataclass
class Comparison:
    name: str
    ours: Figure
    floor: Figure | None
    target: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.ours.median / self.floor.median if self.floor and self.floor.median else None


def server_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("HOME", "PATH", "LANG", "USER", "TMPDIR", "XDG_CACHE_HOME")}
    env.update(extra)
    return env


def print_table(results: list[Comparison], *, name_width: int = 44, digits: int = 3) -> None:
    """The comparisons as an aligned table on stdout (benchmarks are programs: printing is their output)."""
    header = f"{'measurement':{name_width}} {'ours (median [min..max])':34} {'floor (median)':16} {'ratio':>7}  target"
    print(header)
    print("-" * len(header))
    for c in results:
        ours = f"{c.ours.median:.{digits}f} [{c.ours.low:.{digits}f}..{c.ours.high:.{digits}f}] {c.ours.unit}"
        floor = f"{c.floor.median:.{digits}f} {c.floor.unit}" if c.floor else "-"
        ratio = f"{c.ratio:.2f}" if c.ratio else "-"
        print(f"{c.name:{name_width}} {ours:34} {floor:16} {ratio:>7}  {c.target}{'  ' + c.note if c.note else ''}")


def write_results(results: list[Comparison], *, quick: bool, out: Path) -> None:
    """The comparisons as JSON, with the ratios and the Python version, for later runs to compare against."""
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = [asdict(c) | {"ratio": c.ratio} for c in results]
    out.write_text(json.dumps({"quick": quick, "python": sys.version.split()[0], "results": payload}, indent=2))
