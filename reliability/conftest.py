"""Shared helpers of the reliability suite; each test module starts the servers it breaks."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# The suite's helpers (servers, client, load) are plain modules next to this file.
sys.path.insert(0, str(HERE))

from servers import ENGINES as ALL_ENGINES  # noqa: E402 - needs the path above

RESULTS = Path(os.environ.get("RELIABILITY_RESULTS", HERE.parent / "var" / "reliability"))
# Which engines the engine-parametrised tests run on: both unless narrowed for a quick look.
ENGINES = tuple(
    name.strip()
    for name in os.environ.get("RELIABILITY_ENGINES", ",".join(ALL_ENGINES)).split(",")
    if name.strip()
)
if unknown := set(ENGINES) - set(ALL_ENGINES):
    raise pytest.UsageError(f"RELIABILITY_ENGINES names unknown engines: {sorted(unknown)}")


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The engine a test module's servers run on; module-scoped, so each is started once."""
    return str(request.param)


def record(name: str, figures: dict[str, object]) -> None:
    """Keep a test's measured figures as JSON next to the run, and print them."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    figures = {"recorded_at": time.strftime("%Y-%m-%dT%H:%M:%S"), **figures}
    (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2, default=str))
    print(f"\n[{name}] {json.dumps(figures, default=str)}")
