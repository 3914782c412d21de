"""Issue 27's campaign (benchmarks/campaign.py) replays every defect it found; each count must stay zero."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN_TIMEOUT = 180  # seconds: about ten on an idle machine


@pytest.mark.subprocess
def test_the_campaign_finds_nothing_unanswered_unacknowledged_internal_or_leaked() -> None:
    run = subprocess.run(
        [sys.executable, "benchmarks/campaign.py"], cwd=ROOT, capture_output=True, text=True, timeout=CAMPAIGN_TIMEOUT
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("all zero"), run.stdout
