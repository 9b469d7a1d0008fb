"""Cold start of the Lambda handler, as Lambda runs it: Python 3.12, from the image's task root.

First builds ``var/lambda/linux-x86_64/task`` the way the image builds /var/task
(``infra/lambda/check_dependencies.py --build-only``: the locked wheels installed with
``pip --target``, the application copied as ``COPY .`` copies it, collectstatic, compileall).
Then each run is a fresh Python 3.12 process with PYTHONPATH set to that task root and nothing
else, no bytecode written (the Lambda file system is read-only), which imports
``config.lambda_handler`` and serves the API Gateway HTTP API v2 event
``GET /staging/health/`` (``backend/core/tests/fixtures/apigw_health.json``) through
``handler(event, context)`` (``infra/lambda/probe.py``). Settings are production ones:
DJANGO_ENV=production, PostgreSQL and Redis named in the environment, as the function runs
without its AWS lookups.

The same run measures, interleaved with it, the floor: bare Django (one view, no apps, no
middleware) behind Mangum serving the same event. The report gives the medians and the ratio.
A third series reads the configuration from SSM and the database credentials from Secrets
Manager through boto3, as the deployed function does, from a local moto server (network round
trips to real AWS come on top); it is reported, not held to the target.

Exits 1 when the median of handler import + first request is over the target.

    backend/.venv/bin/python bench/bench_cold_start.py [--runs 10] [--target-ms 600]

BENCH_PG (default postgresql://postgres@127.0.0.1:5432) and BENCH_REDIS_URL (default
redis://127.0.0.1:6379/0) name the servers; /health/ runs `SELECT 1` and sets one cache key.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import os
import platform
import re
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "infra" / "lambda"))
import check_dependencies as image  # noqa: E402

PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def total(answer: dict[str, object]) -> float:
    return float(answer["import_ms"]) + float(answer["first_request_ms"])  # type: ignore[arg-type]


def one(python: str, task: Path, environment: dict[str, str], *arguments: str) -> dict[str, object]:
    answer = image.probe(python, task, environment, *arguments)
    if answer["status"] != 200:
        raise SystemExit(f"GET /staging/health/ answered {answer['status']}: {answer['body']}")
    if answer["outside"]:
        raise SystemExit(f"modules loaded from outside the task root: {answer['outside']}")
    return answer


def import_costs(python: str, task: Path, environment: dict[str, str]) -> list[tuple[str, float]]:
    """Self time of every module under -X importtime, added up by top-level package."""
    result = image.run(
        [python, "-X", "importtime", "-P", str(image.PROBE), str(image.EVENT)],
        cwd=task,
        env=environment | {"PYTHONPATH": str(task)},
    )
    costs: collections.Counter[str] = collections.Counter()  # microseconds
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if match:
            costs[match.group(2).split(".")[0]] += int(match.group(1))
    return [(name, micros / 1000) for name, micros in costs.most_common(8)]


def describe(label: str, runs: list[dict[str, object]]) -> str:
    return (
        f"| {label} | {statistics.median(float(r['import_ms']) for r in runs):.0f} "  # type: ignore[arg-type]
        f"| {statistics.median(float(r['first_request_ms']) for r in runs):.0f} "  # type: ignore[arg-type]
        f"| **{statistics.median(total(r) for r in runs):.0f}** "
        f"| {min(total(r) for r in runs):.0f}-{max(total(r) for r in runs):.0f} "
        f"| {statistics.median(float(r['cpu_ms']) for r in runs):.0f} |"  # type: ignore[arg-type]
    )


def _load() -> str:
    # Other work on the machine inflates wall-clock times: the report says how busy it was.
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--target-ms", type=float, default=600.0)
    parser.add_argument(
        "--no-aws", action="store_true", help="skip the SSM + Secrets Manager series"
    )
    args = parser.parse_args()
    load_before = _load()

    # The build's own log stays out of the report unless the build fails.
    log = io.StringIO()
    try:
        with contextlib.redirect_stdout(log):
            prepared = image.prepare_task_root()
    except image.CheckFailed as failure:
        raise SystemExit(f"{log.getvalue()}\ncannot build the task root: {failure}") from None
    if prepared.python is None or prepared.task_root is None:
        print(f"_No Python {prepared.version} on this machine: the cold start was not measured._")
        return 1
    python, task = prepared.python, prepared.task_root

    event = json.loads(image.EVENT.read_text())
    with tempfile.TemporaryDirectory() as scratch:
        settings = image.production_settings(event)
        base = image.image_environment(prepared.steps, task, Path(scratch)) | settings
        environment = base | {"DATABASE_URL": f"{PG}/postgres", "REDIS_URL": REDIS}
        series: dict[str, list[dict[str, object]]] = {"bare": [], "app": [], "aws": []}

        def measure(aws: dict[str, str] | None) -> None:
            for _ in range(args.runs):
                series["bare"].append(one(python, task, environment, "--bare"))
                series["app"].append(one(python, task, environment))
                if aws is not None:
                    series["aws"].append(one(python, task, aws))

        if args.no_aws:
            measure(None)
        else:
            with image.moto_server() as endpoint:
                aws = base | image.seed_aws(endpoint, settings, f"{PG}/postgres", REDIS)
                for name in ("SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS"):
                    aws.pop(name)
                measure(aws)
        costs = import_costs(python, task, environment)

    app = statistics.median(total(r) for r in series["app"])
    bare = statistics.median(total(r) for r in series["bare"])
    print(
        f"Python {series['app'][0]['python']} ({python}) from the task root "
        f"var/lambda/linux-x86_64/task, {platform.machine()}, "
        f"{os.cpu_count()} cores, production settings, PostgreSQL + Redis; "
        f"median of {args.runs} fresh processes each, the series interleaved."
    )
    print()
    print(
        "| cold start | import (ms) | first `/health/` (ms) | total (ms) | range (ms) "
        "| CPU time (ms) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(describe("bare Django + Mangum, one view", series["bare"]))
    print(describe("`config.lambda_handler`, settings in the environment", series["app"]))
    if series["aws"]:
        print(describe("`config.lambda_handler`, SSM + Secrets Manager (moto)", series["aws"]))
    print()
    print(f"ratio to bare Django + Mangum: **{app / bare:.2f}** ({app:.0f} / {bare:.0f} ms)")
    app_cpu = statistics.median(float(r["cpu_ms"]) for r in series["app"])  # type: ignore[arg-type]
    bare_cpu = statistics.median(float(r["cpu_ms"]) for r in series["bare"])  # type: ignore[arg-type]
    print(f"in CPU time: {app_cpu / bare_cpu:.2f} ({app_cpu:.0f} / {bare_cpu:.0f} ms)")
    print()
    print(f"load average before and after: {load_before} / {_load()}")
    print()
    print(
        "import time by top-level package (`-X importtime` self times, one run): "
        + ", ".join(f"{name} {ms:.0f} ms" for name, ms in costs)
    )
    met = app <= args.target_ms
    print()
    print(
        f"target: handler import + first request ≤ {args.target_ms:.0f} ms: {'met' if met else '**missed**'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
