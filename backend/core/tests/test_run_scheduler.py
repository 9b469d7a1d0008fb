"""The minute scheduler: one tick in every minute, at its start, and a clean stop."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.management.commands.run_scheduler import MinuteScheduler
from core.tests.helpers import BACKEND
from core.worker import TickResult


class FakeTime:
    """A clock that moves only when the scheduler sleeps, or when a tick takes time."""

    def __init__(self, start: datetime, tick_takes: timedelta = timedelta(seconds=2)) -> None:
        self.now = start
        self.tick_takes = tick_takes
        self.ticks: list[datetime] = []
        self.sleeps: list[float] = []

    def clock(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)

    def tick(self, now: datetime) -> TickResult:
        self.ticks.append(now)
        self.now += self.tick_takes
        return TickResult(done={"count": 1})


def test_it_ticks_at_start_then_at_the_start_of_every_minute() -> None:
    fake = FakeTime(datetime(2026, 3, 8, 6, 59, 30, 500_000, tzinfo=UTC))
    scheduler = MinuteScheduler(fake.tick, clock=fake.clock, sleep=fake.sleep)

    scheduler.run(ticks=4)

    assert [t.isoformat() for t in fake.ticks] == [
        "2026-03-08T06:59:30.500000+00:00",  # catching up as it starts
        "2026-03-08T07:00:00+00:00",
        "2026-03-08T07:01:00+00:00",
        "2026-03-08T07:02:00+00:00",
    ]
    # After each 2-s tick it sleeps to the next minute's start, never a full minute more.
    assert fake.sleeps == [27.5, 58.0, 58.0]


def test_a_day_of_ticks_runs_once_in_every_minute() -> None:
    fake = FakeTime(datetime(2026, 11, 1, 0, 0, tzinfo=UTC), tick_takes=timedelta(seconds=7))
    scheduler = MinuteScheduler(fake.tick, clock=fake.clock, sleep=fake.sleep)

    scheduler.run(ticks=24 * 60)

    minutes = [t.replace(second=0, microsecond=0) for t in fake.ticks]
    assert len(set(minutes)) == len(minutes) == 24 * 60
    assert all(t.second == 0 for t in fake.ticks)
    assert minutes[-1] - minutes[0] == timedelta(minutes=24 * 60 - 1)


def test_a_tick_that_overruns_its_minute_skips_the_missed_ones_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeTime(datetime(2026, 1, 1, 12, 0, tzinfo=UTC), tick_takes=timedelta(seconds=150))
    scheduler = MinuteScheduler(fake.tick, clock=fake.clock, sleep=fake.sleep)

    with caplog.at_level(logging.WARNING, logger="habits.worker"):
        scheduler.run(ticks=2)

    assert [t.isoformat() for t in fake.ticks] == [
        "2026-01-01T12:00:00+00:00",
        # 12:02:30 when the first ended: that minute's tick runs at once, 12:01 is skipped.
        "2026-01-01T12:02:30+00:00",
    ]
    assert "skipped 1 minute(s)" in caplog.text


@pytest.mark.slow
def test_the_scheduler_process_writes_the_heartbeat_and_stops_on_sigterm(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    environ.update(VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings")
    environ.pop("DATABASE_URL", None)
    environ.pop("REDIS_URL", None)
    # Nothing periodic to run but the heartbeat, so the test needs no migrated database.
    code = (
        "from django.conf import settings; settings.PERIODIC_TASKS = []\n"
        "from django.core.management import call_command; call_command('run_scheduler')\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=BACKEND,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and '"ok"' not in status:
            time.sleep(0.5)
            status = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import django; django.setup()\n"
                    "import json; from core.worker import worker_status\n"
                    "print(json.dumps(worker_status()))",
                ],
                cwd=BACKEND,
                env=environ,
                capture_output=True,
                text=True,
                check=False,
            ).stdout
        assert '"status": "ok"' in status
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    assert "scheduler started" in output
