"""The background worker: tasks run by a real db_worker process, the minute tick and heartbeat."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend

from core import worker
from core.tests import worker_tasks
from core.tests.helpers import BACKEND
from core.worker import (
    queue_lag_seconds,
    worker_drain,
    worker_heartbeat,
    worker_status,
    worker_tick,
)

NOW = datetime(2026, 12, 2, 8, 0, 0, tzinfo=UTC)
COUNT = "core.tests.worker_tasks.count_call"
FAIL = "core.tests.worker_tasks.fail"


@pytest.fixture(autouse=True)
def _fresh_calls() -> None:
    worker_tasks.calls.clear()


def _environment(tmp_path: Path) -> dict[str, str]:
    """The environment of a process that shares this test's database."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    if connection.vendor == "postgresql":
        # The test database pytest-django made; the test is transactional, so what one
        # process commits the other sees.
        params = connection.settings_dict
        environ["DATABASE_URL"] = (
            f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST']}:"
            f"{params['PORT'] or 5432}/{params['NAME']}"
        )
    else:
        # The SQLite test database lives in this process's memory: the processes share a file.
        environ.pop("DATABASE_URL", None)
        environ["VAR_DIR"] = str(tmp_path)
    return environ


def _manage(environ: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *argv],
        cwd=BACKEND,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _python(environ: dict[str, str], code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=BACKEND,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_in_the_database_is_run_by_the_db_worker_process(tmp_path: Path) -> None:
    environ = _environment(tmp_path)
    if connection.vendor == "sqlite":
        migrated = _manage(environ, "migrate", "--noinput", "-v0")
        assert migrated.returncode == 0, migrated.stderr
    enqueue = (
        "from core.tests.worker_tasks import add, explode\n"
        "print(add.enqueue(2, 3).id, explode.enqueue().id)\n"
    )
    added, exploded = _python(environ, enqueue).split()
    waiting = _python(
        environ,
        "from django_tasks import default_task_backend as b\n"
        f"print(b.get_result('{added}').status)\n",
    )
    assert waiting == "READY"

    # --batch: run what is queued, then exit; the worker `make run` starts is the same loop.
    ran = _manage(environ, "db_worker", "--batch", "--no-startup-delay", "--no-reload")

    assert ran.returncode == 0, ran.stdout + ran.stderr
    report = _python(
        environ,
        "from django_tasks import default_task_backend as b\n"
        f"r = b.get_result('{added}'); f = b.get_result('{exploded}')\n"
        "print(r.status, r.return_value, f.status, f.errors[0].exception_class_path)\n",
    )
    assert report.split() == ["SUCCESSFUL", "5", "FAILED", "builtins.RuntimeError"]


@pytest.mark.django_db(transaction=True)
def test_the_drain_runs_every_ready_task_in_this_process_and_stops_when_the_queue_is_empty() -> (
    None
):
    first = worker_tasks.add.enqueue(1, 1)
    second = worker_tasks.add.enqueue(20, 22)
    failing = worker_tasks.explode.enqueue()

    result = worker_drain(seconds=30)

    assert result.as_dict() == {"succeeded": 2, "failed": 1, "empty": True}
    assert default_task_backend.get_result(first.id).return_value == 2
    assert default_task_backend.get_result(second.id).return_value == 42
    assert default_task_backend.get_result(failing.id).status == TaskResultStatus.FAILED


@pytest.mark.django_db(transaction=True)
def test_the_drain_claims_no_task_once_its_time_is_up() -> None:
    queued = worker_tasks.add.enqueue(1, 2)

    result = worker_drain(seconds=0)

    assert result.as_dict() == {"succeeded": 0, "failed": 0, "empty": False}
    assert default_task_backend.get_result(queued.id).status == TaskResultStatus.READY


@pytest.mark.django_db(transaction=True)
def test_queue_lag_is_the_age_of_the_oldest_ready_task() -> None:
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    assert queue_lag_seconds(now) == 0.0
    old = worker_tasks.add.enqueue(1, 2)
    DBTaskResult.objects.filter(id=old.id).update(enqueued_at=now - timedelta(seconds=90))
    assert queue_lag_seconds(now) == 90.0

    # A deferred task waits from its run_after, not from when it was queued; one not due yet
    # is not waiting at all.
    DBTaskResult.objects.filter(id=old.id).delete()
    worker_tasks.add.using(run_after=now - timedelta(seconds=40)).enqueue(3, 4)
    worker_tasks.add.using(run_after=now + timedelta(hours=1)).enqueue(5, 6)
    assert queue_lag_seconds(now) == 40.0


@pytest.mark.django_db
def test_a_tick_calls_each_periodic_task_with_now_and_writes_the_heartbeat(settings: Any) -> None:
    settings.PERIODIC_TASKS = [COUNT]

    result = worker_tick(NOW)

    assert result.as_dict() == {"done": {COUNT: 7}, "failed": {}}
    assert worker_tasks.calls == [NOW]
    assert worker_status(NOW + timedelta(seconds=30)) == {
        "status": "ok",
        "last_heartbeat": NOW.isoformat(),
    }


@pytest.mark.django_db
def test_a_failing_periodic_task_does_not_stop_the_others_and_writes_no_heartbeat(
    settings: Any,
) -> None:
    settings.PERIODIC_TASKS = [FAIL, COUNT]

    result = worker_tick(NOW)

    assert result.done == {COUNT: 7}
    assert result.failed == {FAIL: "RuntimeError: the dispatcher's database is on fire"}
    assert worker_status(NOW)["last_heartbeat"] is None


@pytest.mark.django_db
def test_a_periodic_task_that_cannot_be_imported_is_reported_by_name(settings: Any) -> None:
    settings.PERIODIC_TASKS = ["reminders.no_such_module.dispatch", COUNT]

    result = worker_tick(NOW)

    assert result.done == {COUNT: 7}
    assert result.failed["reminders.no_such_module.dispatch"].startswith("cannot be imported")
    assert worker_status(NOW)["status"] == "late"


@pytest.mark.django_db
def test_run_scheduler_once_fails_naming_the_task_it_cannot_import(settings: Any) -> None:
    settings.PERIODIC_TASKS = ["reminders.no_such_module.dispatch"]

    with pytest.raises(CommandError, match=r"reminders\.no_such_module\.dispatch"):
        call_command("run_scheduler", "--once")


def test_the_worker_is_late_without_a_heartbeat_and_after_the_late_limit(settings: Any) -> None:
    settings.WORKER_LATE_AFTER = 180
    assert worker_status(NOW) == {"status": "late", "last_heartbeat": None}

    worker_heartbeat(NOW)

    assert worker_status(NOW + timedelta(seconds=180))["status"] == "ok"
    assert worker_status(NOW + timedelta(seconds=181)) == {
        "status": "late",
        "last_heartbeat": NOW.isoformat(),
    }


def test_the_heartbeat_is_kept_where_every_process_sees_it(settings: Any) -> None:
    # The shared cache: Redis, or without it the files under VAR_DIR, never one process's memory.
    from django.core.cache import caches

    worker_heartbeat(NOW)

    shared = caches[settings.SHARED_CACHE_ALIAS]
    assert shared.get(worker.HEARTBEAT_KEY) == NOW.isoformat()
    assert "LocMemCache" not in type(shared).__name__


@pytest.mark.django_db(transaction=True)
def test_prune_deletes_finished_results_past_the_retention_once_an_hour(settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASK_RESULTS_KEEP_DAYS = 7
    old_done = worker_tasks.add.enqueue(1, 1)
    old_failed = worker_tasks.explode.enqueue()
    recent = worker_tasks.add.enqueue(2, 2)
    waiting = worker_tasks.add.enqueue(3, 3)
    worker_drain(seconds=30)
    at = datetime(2026, 12, 20, 4, worker.PRUNE_MINUTE, tzinfo=UTC)
    DBTaskResult.objects.filter(id__in=[old_done.id, old_failed.id]).update(
        finished_at=at - timedelta(days=7, seconds=1)
    )
    DBTaskResult.objects.filter(id=recent.id).update(finished_at=at - timedelta(days=6))
    # Never finished: a queued task is kept however old it is.
    DBTaskResult.objects.filter(id=waiting.id).update(
        status=TaskResultStatus.READY, finished_at=None
    )

    assert worker.worker_prune(at.replace(minute=worker.PRUNE_MINUTE + 1)) == 0
    assert worker.worker_prune(at) == 2

    left = set(DBTaskResult.objects.values_list("id", flat=True))
    assert {str(i) for i in left} == {recent.id, waiting.id}


def test_the_prune_is_one_of_the_periodic_tasks(settings: Any) -> None:
    assert "core.worker.worker_prune" in settings.PERIODIC_TASKS
    assert "reminders.tasks.dispatch_due_reminders" in settings.PERIODIC_TASKS


@pytest.mark.django_db
def test_a_tick_inside_a_transaction_leaves_its_connection_alone(settings: Any) -> None:
    # Dropping stale connections is for the long-running scheduler between ticks; inside a
    # caller's transaction (here the test's) it would throw the transaction away.
    from users.models import User

    settings.PERIODIC_TASKS = [COUNT]
    User.objects.create_user(email="tick@example.com", password="a long and sturdy passphrase")

    worker_tick(NOW)

    assert User.objects.filter(email="tick@example.com").count() == 1
