"""Shared helpers of the reliability suite; each test module starts the servers it breaks."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The suite's helpers (servers, client, load) are plain modules next to this file.
sys.path.insert(0, str(HERE))

RESULTS = Path(os.environ.get("RELIABILITY_RESULTS", HERE.parent / "var" / "reliability"))


def record(name: str, figures: dict[str, object]) -> None:
    """Keep a test's measured figures as JSON next to the run, and print them."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    figures = {"recorded_at": time.strftime("%Y-%m-%dT%H:%M:%S"), **figures}
    (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2, default=str))
    print(f"\n[{name}] {json.dumps(figures, default=str)}")
