"""The Lambda's minute invocation: what `manage.py run_scheduler` and `db_worker` do locally.

EventBridge Scheduler invokes the function every minute with the direct event
`{"scheduled": "minute"}` (infra/terraform/modules/scheduler). The handler runs PERIODIC_TASKS,
then runs queued tasks in-process for at most 50 s, then prints one CloudWatch embedded-metric
(EMF) line that the alarms of that module watch: ticks, failed periodic tasks, and how far
behind the reminders and the queue are.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime
from typing import Any

from django.db.models import Min
from django.utils import timezone

from core.worker import queue_lag_seconds, worker_drain, worker_tick

logger = logging.getLogger("habits.worker")

DRAIN_SECONDS = 50.0
# Left at the end of the invocation for the metrics and the answer, so that a function whose
# timeout is shorter than the drain ends on time instead of being killed mid-task.
RESERVE_SECONDS = 5.0
METRIC_NAMESPACE = "HabitTracker/Worker"


def run_minute(context: Any, *, now: datetime | None = None) -> dict[str, Any]:
    """Tick, drain, measure; the answer summarises all three."""
    now = now or timezone.now()
    tick = worker_tick(now)
    drain = worker_drain(seconds=_drain_budget(context))
    measured_at = timezone.now()
    lag = {
        "reminders": reminders_lag_seconds(measured_at),
        "queue": queue_lag_seconds(measured_at),
    }
    emit_metrics(
        function=getattr(context, "function_name", "local"),
        ticks=1,
        failed=len(tick.failed),
        tasks_succeeded=drain.succeeded,
        tasks_failed=drain.failed,
        reminders_lag=lag["reminders"],
        queue_lag=lag["queue"],
    )
    return {
        "ok": not tick.failed,
        "tick": tick.as_dict(),
        "drain": drain.as_dict(),
        "lag_seconds": lag,
    }


def _drain_budget(context: Any) -> float:
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if remaining is None:
        return DRAIN_SECONDS
    seconds_left = float(remaining()) / 1000
    return max(0.0, min(DRAIN_SECONDS, seconds_left - RESERVE_SECONDS))


def reminders_lag_seconds(now: datetime) -> float:
    """How long the oldest reminder that should have fired by now has been waiting (0: none).

    Right after a dispatch it is 0 unless dispatching fails or cannot keep up: one indexed
    query on next_fire_at.
    """
    from reminders.models import Reminder

    row = Reminder.objects.filter(next_fire_at__lte=now).aggregate(oldest=Min("next_fire_at"))
    oldest: datetime | None = row["oldest"]
    if oldest is None:
        return 0.0
    return max(0.0, (now - oldest).total_seconds())


def emit_metrics(
    *,
    function: str,
    ticks: int,
    failed: int,
    tasks_succeeded: int,
    tasks_failed: int,
    reminders_lag: float,
    queue_lag: float,
) -> None:
    """Print one EMF line; Lambda's log stream turns it into CloudWatch metrics, no API call."""
    # Only what an alarm watches becomes a metric (each costs $0.30 a month); the task counts
    # ride along as fields of the log line, for Logs Insights.
    values: dict[str, tuple[float, str]] = {
        "Ticks": (ticks, "Count"),
        "PeriodicTaskFailures": (failed, "Count"),
        "ReminderLagSeconds": (round(reminders_lag, 3), "Seconds"),
        "QueueLagSeconds": (round(queue_lag, 3), "Seconds"),
    }
    line: dict[str, Any] = {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {
                    "Namespace": METRIC_NAMESPACE,
                    "Dimensions": [["Function"]],
                    "Metrics": [{"Name": name, "Unit": unit} for name, (_, unit) in values.items()],
                }
            ],
        },
        "Function": function,
        "TasksSucceeded": tasks_succeeded,
        "TasksFailed": tasks_failed,
    }
    line.update({name: value for name, (value, _) in values.items()})
    # Straight to stdout: EMF needs the JSON object alone on its line, not inside a log record.
    print(json.dumps(line), flush=True)
