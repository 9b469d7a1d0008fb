"""gunicorn settings read from the same environment variables as the app."""

from __future__ import annotations

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", str(min(4, multiprocessing.cpu_count() * 2))))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
# The app logs one structured line per request; gunicorn's access log would repeat it.
accesslog = None
errorlog = "-"
wsgi_app = "config.wsgi:application"


def post_worker_init(worker: object) -> None:
    """Load the API in each worker before it takes connections.

    The API's modules are imported on the first /api/ request, which keeps a cold Lambda's
    /health/ fast; under gunicorn that would make each worker's first request take about a
    second (measured: a p99 near 1 s in the first benchmark run after a restart).
    """
    from django.urls import resolve

    resolve("/api/today")
