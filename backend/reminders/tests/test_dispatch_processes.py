"""Two dispatcher processes started at the same moment against one database, with the real
django-tasks database backend: every occurrence is created and queued exactly once.

Processes rather than threads: that is how two schedulers (or a scheduler and the Lambda) race,
and two connections to the embedded default need a database file, not pytest's in-memory one.
On PostgreSQL the same race runs inside pytest's database (test_tasks.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2]

SEED = """
import datetime as dt, django
django.setup()
from habits.models import Habit
from reminders.models import Reminder
from reminders.services import reminder_plan
from users.models import User
user = User.objects.create_user(email="race@example.com", password="x" * 20)
for i in range(120):
    habit = Habit.objects.create(owner=user, name=f"H{i}", start_date=dt.date(2026, 1, 1), position=i)
    reminder = Reminder(habit=habit, user=user, time=dt.time(8))
    reminder_plan(reminder, habit=habit, user=user, after=dt.datetime(2026, 3, 2, 7, tzinfo=dt.UTC))
    reminder.save()
"""

DISPATCH = """
import datetime as dt, sys, time, django
django.setup()
from reminders import tasks
tasks.BATCH = 7  # many small transactions, so that the two processes interleave
start = float(sys.argv[1])
time.sleep(max(0.0, start - time.time()))
print(tasks.dispatch_due_reminders(dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC)))
"""

REPORT = """
import json, django
django.setup()
from django_tasks_db.models import DBTaskResult
from reminders.models import ReminderOccurrence
queued = [pk for r in DBTaskResult.objects.filter(task_path="reminders.tasks.send_reminders")
          for pk in r.args_kwargs["kwargs"]["occurrence_ids"]]
print(json.dumps({"occurrences": ReminderOccurrence.objects.count(), "queued": queued}))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        pytest.skip("PostgreSQL runs this race in test_tasks.py")
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'race.sqlite3'}"
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env["VAR_DIR"] = str(tmp_path)
    return env


def _python(code: str, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=BACKEND, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


@pytest.mark.slow
def test_two_dispatcher_processes_on_one_sqlite_file_queue_each_occurrence_once(
    tmp_path: Path,
) -> None:
    env = _env(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=BACKEND, env=env, check=True, timeout=300,
    )  # fmt: skip
    _python(SEED, env)
    start = str(time.time() + 3)
    command = [sys.executable, "-c", DISPATCH, start]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    racers = [subprocess.Popen(command, cwd=BACKEND, env=env, **pipes) for _ in range(2)]
    counts = []
    for racer in racers:
        out, err = racer.communicate(timeout=120)
        assert racer.returncode == 0, err
        counts.append(int(out.strip().splitlines()[-1]))
    report = json.loads(_python(REPORT, env))
    assert sum(counts) == 120
    assert report["occurrences"] == 120
    assert len(report["queued"]) == len(set(report["queued"])) == 120
