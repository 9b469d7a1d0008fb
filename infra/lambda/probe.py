"""Run inside a Lambda task root as the Lambda runtime would: import the handler, serve events.

Started by `check_dependencies.py` and `bench/bench_cold_start.py` in a fresh interpreter (the
Python of the image, PYTHONPATH set to the task root, nothing else), it imports
``config.lambda_handler``, serves the API Gateway HTTP API v2 event given on the command line,
then runs each ``--manage`` command through the handler as a direct invocation. It prints one
JSON line: the timings, the answers and the modules that were loaded from outside the task
root and the standard library (there must be none: the image has nothing else).

    python probe.py EVENT.json [--manage "check --deploy"]... [--bare]

``--bare`` measures the floor instead: Django configured with one view and no apps, behind
Mangum, serving the same event. It is what any Django-on-Lambda function pays.

Only the standard library is imported before the timer starts.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import shlex  # noqa: E402
import sys  # noqa: E402
import sysconfig  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


class LambdaContext:
    """The attributes of the context object that the Python runtime passes to a handler."""

    function_name = "habit-tracker-api"
    function_version = "$LATEST"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:us-east-1:000000000000:function:habit-tracker-api"
    aws_request_id = "probe-request-1"
    log_group_name = "/aws/lambda/habit-tracker-api"
    log_stream_name = "probe"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def _bare_handler() -> Any:
    """Django with one JSON view and no apps or middleware, behind Mangum."""
    import django
    from django.conf import settings
    from django.http import JsonResponse
    from django.urls import path

    def health(request: Any) -> JsonResponse:
        return JsonResponse({"status": "ok"})

    class Urls:
        urlpatterns = [path("staging/health/", health)]

    settings.configure(
        DEBUG=False,
        SECRET_KEY="bare-" + "x" * 50,
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=Urls,
        INSTALLED_APPS=[],
        MIDDLEWARE=[],
        USE_TZ=True,
    )
    django.setup()
    from django.core.asgi import get_asgi_application
    from mangum import Mangum

    return Mangum(get_asgi_application(), lifespan="off")  # type: ignore[arg-type]


def _outside_modules(task_root: Path) -> list[str]:
    """Modules with a file that is neither in the task root nor in the standard library."""
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    platstdlib = Path(sysconfig.get_paths()["platstdlib"]).resolve()
    site = {
        Path(p).resolve()
        for p in (sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"])
    }
    outside = []
    for name, module in sorted(sys.modules.items()):
        filename = getattr(module, "__file__", None)
        if not filename:
            continue
        where = Path(filename).resolve()
        if where.is_relative_to(task_root) or __file__ == filename:
            continue
        in_site = any(where.is_relative_to(folder) for folder in site)
        in_stdlib = where.is_relative_to(stdlib) or where.is_relative_to(platstdlib)
        if in_site or not in_stdlib:
            outside.append(f"{name} ({where})")
    return outside


def main() -> int:
    arguments = sys.argv[1:]
    bare = "--bare" in arguments
    manage: list[list[str]] = []
    positional: list[str] = []
    index = 0
    while index < len(arguments):
        if arguments[index] == "--manage":
            manage.append(shlex.split(arguments[index + 1]))
            index += 2
            continue
        if arguments[index] != "--bare":
            positional.append(arguments[index])
        index += 1
    event = json.loads(Path(positional[0]).read_text())

    import_started = time.perf_counter()
    cpu_started = time.process_time()
    handler: Any
    if bare:
        handler = _bare_handler()
    else:
        from config import lambda_handler

        handler = lambda_handler.handler
    imported = time.perf_counter()
    response = handler(event, LambdaContext())
    served = time.perf_counter()
    cpu_served = time.process_time()

    commands = [{"argv": argv, **handler({"manage": argv}, LambdaContext())} for argv in manage]
    import django

    task_root = Path(django.__file__).resolve().parent.parent
    print(
        json.dumps(
            {
                "python": sys.version.split()[0],
                "task_root": str(task_root),
                "startup_ms": (import_started - STARTED) * 1000,
                "import_ms": (imported - import_started) * 1000,
                "first_request_ms": (served - imported) * 1000,
                # CPU time of this process over both: what a busy machine inflates least.
                "cpu_ms": (cpu_served - cpu_started) * 1000,
                "status": response.get("statusCode"),
                "body": response.get("body"),
                "manage": commands,
                "boto3_loaded": "boto3" in sys.modules,
                "outside": _outside_modules(task_root),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
