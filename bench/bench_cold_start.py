"""Cold start of the Lambda handler, measured in fresh Python processes.

Each run starts a new interpreter (as Lambda does for a new container), imports
``config.lambda_handler`` and serves the API Gateway HTTP API v2 event
``GET /health/`` from ``backend/core/tests/fixtures/apigw_health.json`` through
``handler(event, context)``, with the default SQLite settings (no AWS variables,
so ``load_aws_configuration`` returns at once). Prints each run and the median of
the import, the first request and their total; exits 1 when the median total is
over the target.

    backend/.venv/bin/python bench/bench_cold_start.py [--runs 7] [--target-ms 600]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BACKEND = Path(__file__).resolve().parent.parent / "backend"
EVENT = BACKEND / "core" / "tests" / "fixtures" / "apigw_health.json"

# Runs inside the fresh interpreter; prints one JSON line of timings.
CHILD = r"""
import json, sys, time
started = time.perf_counter()
from config.lambda_handler import handler
imported = time.perf_counter()

class Context:
    function_name = "bench"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:us-east-1:000000000000:function:bench"
    aws_request_id = "bench"
    def get_remaining_time_in_millis(self):
        return 30000

with open(sys.argv[1]) as handle:
    event = json.load(handle)
response = handler(event, Context())
served = time.perf_counter()
print(json.dumps({
    "status": response.get("statusCode"),
    "import_ms": (imported - started) * 1000,
    "first_request_ms": (served - imported) * 1000,
}))
"""


def run_once(environment: dict[str, str]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(EVENT)],
        cwd=BACKEND,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"the handler failed:\n{result.stderr[-3000:]}")
    timings = json.loads(result.stdout.strip().splitlines()[-1])
    if timings["status"] != 200:
        raise SystemExit(f"GET /health/ answered {timings['status']}, not 200")
    timings["total_ms"] = timings["import_ms"] + timings["first_request_ms"]
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--target-ms", type=float, default=600.0)
    args = parser.parse_args()
    if not EVENT.is_file():
        raise SystemExit(f"missing event fixture {EVENT}")

    with tempfile.TemporaryDirectory() as scratch:
        # Default settings: SQLite, no AWS lookups, bytecode already compiled
        # (as in the image), no writes of new bytecode during the measurement.
        environment = {
            key: value
            for key, value in os.environ.items()
            if key
            not in {
                "DB_SECRET_ARN",
                "SSM_PARAMETER_PREFIX",
                "DATABASE_URL",
                "REDIS_URL",
            }
        }
        # As in production, the API Gateway host the event names is an allowed host.
        event = json.loads(EVENT.read_text())
        host = event.get("headers", {}).get("host") or event["requestContext"]["domainName"]
        environment.update(
            {
                "ALLOWED_HOSTS": host,
                "API_STAGE": event.get("requestContext", {}).get("stage", "staging"),
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "PYTHONDONTWRITEBYTECODE": "1",
                "HOME": scratch,
            }
        )
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "-x", r"[/\\]\.venv[/\\]", "."],
            cwd=BACKEND,
            check=False,
        )
        runs = []
        for number in range(1, args.runs + 1):
            timings = run_once(environment)
            runs.append(timings)
            print(
                f"run {number}: import {timings['import_ms']:.0f} ms, "
                f"first request {timings['first_request_ms']:.0f} ms, "
                f"total {timings['total_ms']:.0f} ms"
            )

    medians = {
        key: statistics.median(run[key] for run in runs)
        for key in runs[0]
        if key != "status"
    }
    print(
        f"median of {args.runs}: import {medians['import_ms']:.0f} ms, "
        f"first request {medians['first_request_ms']:.0f} ms, "
        f"total {medians['total_ms']:.0f} ms (target < {args.target_ms:.0f} ms)"
    )
    return 0 if medians["total_ms"] < args.target_ms else 1


if __name__ == "__main__":
    sys.exit(main())
