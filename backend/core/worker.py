"""The background worker's minute tick, its heartbeat and the in-process queue drain.

Work outside a request is done two ways (docs/decisions/0017-background-worker.md):
- tasks (`@task` in `<app>/tasks.py`, `.enqueue()`d) that django-tasks stores in the database
  and `manage.py db_worker` runs, or `worker_drain` runs in the Lambda;
- PERIODIC_TASKS, plain callables `fn(now) -> int` that `worker_tick` calls once a minute, from
  `manage.py run_scheduler` locally and from the EventBridge Scheduler event on AWS.

The heartbeat lives in the shared cache (Redis, or the files under VAR_DIR every local process
shares), so /health/ in any process, gunicorn worker or Lambda container, sees the same one.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import close_old_connections, connection
from django.db.models import Min
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus

logger = logging.getLogger("habits.worker")

HEARTBEAT_KEY = "worker:heartbeat"
# Long enough to outlive any outage /health/ should report as "late", short enough that a
# stopped installation does not keep the key forever.
HEARTBEAT_TTL = 7 * 24 * 3600


def worker_heartbeat(now: datetime) -> None:
    """Record that a minute tick ran every periodic task without an error."""
    caches[settings.SHARED_CACHE_ALIAS].set(HEARTBEAT_KEY, now.isoformat(), timeout=HEARTBEAT_TTL)


def worker_status(now: datetime | None = None) -> dict[str, Any]:
    """{"status": "ok" | "late", "last_heartbeat": ISO 8601 or None} for /health/."""
    raw = caches[settings.SHARED_CACHE_ALIAS].get(HEARTBEAT_KEY)
    last = _parse(raw)
    now = now or timezone.now()
    late = last is None or now - last > timedelta(seconds=settings.WORKER_LATE_AFTER)
    return {
        "status": "late" if late else "ok",
        "last_heartbeat": last.isoformat() if last else None,
    }


def _parse(raw: object) -> datetime | None:
    if not isinstance(raw, str):
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return None


def _drop_stale_connections() -> None:
    # A long-running process must not reuse a connection the database has dropped. Inside a
    # transaction (a caller's, a test's) the connection is in use and must be left alone.
    if not connection.in_atomic_block:
        close_old_connections()


@dataclass
class TickResult:
    """What one minute tick did: each periodic task's count, or why it failed."""

    done: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"done": self.done, "failed": self.failed}


def worker_tick(now: datetime) -> TickResult:
    """Call every PERIODIC_TASKS callable once with `now`; heartbeat only when all succeeded.

    One failing task does not keep the others from running. The heartbeat means "the periodic
    work is being done", so a task that cannot even be imported (a typo in the setting, an app
    not deployed yet) leaves it unwritten and /health/ says "late" until it is fixed.
    """
    result = TickResult()
    for path in settings.PERIODIC_TASKS:
        _drop_stale_connections()
        try:
            function = import_string(path)
        except ImportError as exc:
            logger.error("periodic task %s cannot be imported: %s", path, exc)
            result.failed[path] = f"cannot be imported: {exc}"
            continue
        try:
            result.done[path] = int(function(now))
        except Exception as exc:  # one task's failure is logged and reported, never fatal
            logger.exception("periodic task %s failed", path)
            result.failed[path] = f"{type(exc).__name__}: {exc}"
    _drop_stale_connections()
    if not result.failed:
        worker_heartbeat(now)
    return result


@dataclass
class DrainResult:
    """What one drain of the task queue did."""

    succeeded: int = 0
    failed: int = 0
    empty: bool = False  # stopped because nothing was ready, rather than out of time

    def as_dict(self) -> dict[str, Any]:
        return {"succeeded": self.succeeded, "failed": self.failed, "empty": self.empty}


def worker_drain(*, seconds: float, backend: str = "default") -> DrainResult:
    """Run ready tasks in this process until the queue is empty or `seconds` have passed.

    It is `db_worker`'s loop without the sleeping: a task is claimed only while time is left,
    and the claim (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL) lets drains that overlap,
    a slow minute's and the next one's, share the queue without running a task twice.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    worker_id = f"drain-{get_random_string(12)}"
    runner = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    deadline = time.monotonic() + seconds
    result = DrainResult()
    while time.monotonic() < deadline:
        _drop_stale_connections()
        ready = DBTaskResult.objects.ready().filter(backend_name=backend)
        with exclusive_transaction(ready.db):
            claimed = ready.get_locked()
            if claimed is not None:
                claimed.claim(worker_id)
        if claimed is None:
            result.empty = True
            break
        runner.run_task(claimed)  # records success or failure on the row, and on `claimed`
        if claimed.status == TaskResultStatus.SUCCESSFUL:
            result.succeeded += 1
        else:
            result.failed += 1
    _drop_stale_connections()
    return result


def queue_lag_seconds(now: datetime, backend: str = "default") -> float:
    """How long the oldest task that is ready to run has been waiting (0 when none is).

    A task enqueued to run later waits from its run_after, any other from its enqueueing.
    """
    from django_tasks_db.models import DBTaskResult, get_date_max

    ready = DBTaskResult.objects.ready().filter(backend_name=backend)
    undeferred = ready.filter(run_after=get_date_max()).aggregate(oldest=Min("enqueued_at"))
    deferred = ready.exclude(run_after=get_date_max()).aggregate(oldest=Min("run_after"))
    times: list[datetime] = [t for t in (undeferred["oldest"], deferred["oldest"]) if t is not None]
    if not times:
        return 0.0
    return max(0.0, float((now - min(times)).total_seconds()))


# Finished task rows (each keeps its arguments, result or traceback) are deleted after
# TASK_RESULTS_KEEP_DAYS. Once an hour, at this minute, because finding them is not an indexed
# query; in batches, so that no single statement holds many row locks.
PRUNE_MINUTE = 17
PRUNE_BATCH = 5_000
PRUNE_MAX_PER_RUN = 100_000


def worker_prune(now: datetime) -> int:
    """A periodic task: delete finished task results older than TASK_RESULTS_KEEP_DAYS."""
    if now.minute != PRUNE_MINUTE:
        return 0
    from django_tasks_db.models import DBTaskResult

    cutoff = now - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    old = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff)
    deleted = 0
    while deleted < PRUNE_MAX_PER_RUN:
        ids = list(old.values_list("id", flat=True)[:PRUNE_BATCH])
        if not ids:
            break
        deleted += DBTaskResult.objects.filter(id__in=ids).delete()[0]
    return deleted
