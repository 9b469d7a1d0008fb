"""`manage.py run_scheduler`: call PERIODIC_TASKS at the start of every minute.

`make run` and `make dev` start it beside the web server and `db_worker` (scripts/run.sh). On AWS
EventBridge Scheduler does its job by invoking the Lambda every minute (config/scheduled.py).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader

from core.worker import TickResult, worker_tick

logger = logging.getLogger("habits.worker")


def minute_start(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


class MinuteScheduler:
    """Runs `tick` once in every minute, as soon after the minute starts as it can.

    The clock and the sleep are parameters so that tests can drive a day in milliseconds.
    A tick that overruns its minute makes the scheduler skip the minutes it missed rather
    than run them late one after the other: the periodic tasks find everything that fell due
    meanwhile by themselves (each looks for what is due up to `now`).
    """

    def __init__(
        self,
        tick: Callable[[datetime], TickResult],
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.tick = tick
        self.clock = clock
        self.sleep = sleep
        self.running = True
        self.in_tick = False
        self.last_minute: datetime | None = None

    def run(self, *, ticks: int | None = None) -> None:
        """Tick now (catching up at start), then at every minute's start; `ticks` bounds it."""
        done = 0
        while self.running and (ticks is None or done < ticks):
            now = self.clock()
            minute = minute_start(now)
            if minute == self.last_minute:
                next_minute = minute + timedelta(minutes=1)
                self.sleep(max(0.0, (next_minute - now).total_seconds()))
                continue
            if self.last_minute is not None and minute - self.last_minute > timedelta(minutes=1):
                missed = int((minute - self.last_minute).total_seconds() // 60) - 1
                logger.warning("scheduler skipped %d minute(s): the last tick overran", missed)
            self.last_minute = minute
            self._tick(now)
            done += 1

    def _tick(self, now: datetime) -> None:
        self.in_tick = True
        try:
            result = self.tick(now)
        finally:
            self.in_tick = False
        if result.failed:
            logger.error("minute tick at %s: failed %s", now.isoformat(), result.failed)
        else:
            logger.info("minute tick at %s: %s", now.isoformat(), result.done)

    def stop(self, signum: int, frame: FrameType | None) -> None:
        # A tick under way is let finish (a dispatch is idempotent, but stopping half-way
        # would delay what it had not reached yet); sleeping between ticks ends at once.
        self.running = False
        if not self.in_tick:
            sys.exit(0)


class Command(BaseCommand):
    help = (
        "Call settings.PERIODIC_TASKS at the start of every minute and write the worker heartbeat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run one tick now and exit (non-zero when a periodic task failed), e.g. from cron.",
        )
        parser.add_argument(
            "--reload",
            action="store_true",
            help="Restart when the code changes (make dev).",
        )

    def handle(self, *args: Any, once: bool, reload: bool, **options: Any) -> None:
        if once:
            result = worker_tick(datetime.now(UTC))
            self.stdout.write(str(result.as_dict()))
            if result.failed:
                raise CommandError(f"periodic tasks failed: {result.failed}")
            return
        scheduler = MinuteScheduler(worker_tick)
        if reload:
            # Only the child the reloader starts runs the loop, so only it handles the signals.
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                self._handle_signals(scheduler)
            run_with_reloader(scheduler.run)
        else:
            self._handle_signals(scheduler)
            logger.info("scheduler started: PERIODIC_TASKS run at the start of every minute")
            scheduler.run()

    def _handle_signals(self, scheduler: MinuteScheduler) -> None:
        for name in ("SIGINT", "SIGTERM", "SIGQUIT"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), scheduler.stop)
