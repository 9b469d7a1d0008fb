from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2]


def run_django(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run Python with Django set up in a fresh process, with these environment variables."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    environ.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    script = "import django; django.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=BACKEND,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
