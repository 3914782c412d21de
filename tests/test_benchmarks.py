"""The benchmark suite keeps working: a tiny run of every section. Numbers are never asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parent.parent
SMOKE_TIMEOUT = 300  # seconds: a dozen server start-ups on a loaded 2-core machine


def quick_run(script: str, out: Path) -> tuple[list[str], str]:
    """``benchmarks/SCRIPT --quick``: the names of the rows it wrote to ``out``, and what it printed."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=SMOKE_TIMEOUT,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [row["name"] for row in json.loads(out.read_text())["results"]], done.stdout


def test_the_quick_suite_runs_every_section_and_writes_json(tmp_path):
    names, printed = quick_run("run.py", tmp_path / "results.json")
    for expected in (
        "cold start",
        "per call: get-customer",
        "peak RSS",
        "membrane:",
        "sandbox scale",
        "discovery:",
        "live answers: read",
        "redaction: hostile text at the cap",
        "start-up: gc.freeze()",
        "first call after tools/list vs the second",
    ):
        assert any(name.startswith(expected) for name in names), (expected, names)
    assert "ratio" in printed  # the table was printed


def test_the_membrane_rest_benchmark_runs_and_reports_every_goal(tmp_path):
    names, _ = quick_run("membrane_rest.py", tmp_path / "membrane_rest.json")
    for expected in ("tool call vs sandbox + network", "cli tool call vs rest", "connections the REST", "RSS growth"):
        assert any(expected in name for name in names), (expected, names)
