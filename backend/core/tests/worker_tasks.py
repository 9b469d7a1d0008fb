"""Tasks and periodic callables the worker tests run (module level, as django-tasks requires)."""

from __future__ import annotations

from datetime import datetime

from django_tasks import task

calls: list[datetime] = []


@task()
def add(a: int, b: int) -> int:
    return a + b


@task()
def explode() -> None:
    raise RuntimeError("this task always fails")


def count_call(now: datetime) -> int:
    calls.append(now)
    return 7


def fail(now: datetime) -> int:
    raise RuntimeError("the dispatcher's database is on fire")
