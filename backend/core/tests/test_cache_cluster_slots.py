"""ElastiCache Serverless is a Redis Cluster: a command's keys must all hash to one slot.

Here the cache is a private redis-server in cluster mode with all 16384 slots on its one node.
Redis then refuses a multi-key command across slots with CROSSSLOT, exactly as ElastiCache
Serverless does, while django-redis keeps talking to it as a plain (non-cluster) client through
one endpoint, as it does in production. The cache swallows Redis errors (IGNORE_EXCEPTIONS), so a
refused command would only show as a cache miss: these tests read Redis's own error counters,
which must stay at zero (docs/decisions/0009-cache-keys-are-slot-safe.md).
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from conftest import PASSWORD, Api, make_user
from habits.models import Habit
from habits.selectors import habit_summaries, user_today
from habits.tests.factories import done_days, habit_for
from users import throttle

pytestmark = pytest.mark.django_db

SLOTS = 16384


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_cluster_node(server: str, directory: Path) -> tuple[subprocess.Popen[bytes], int]:
    # The kernel may hand a probed port to someone else before redis-server binds it: try again.
    for _attempt in range(5):
        port, bus_port = _free_port(), _free_port()
        process = subprocess.Popen(
            [server, "--bind", "127.0.0.1", "--port", str(port), "--cluster-port", str(bus_port),
             "--cluster-enabled", "yes", "--cluster-config-file", str(directory / "nodes.conf"),
             "--dir", str(directory), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=port, socket_timeout=2)
        for _ in range(100):
            if process.poll() is not None:
                break
            try:
                client.ping()
                return process, port
            except redis.ConnectionError:
                time.sleep(0.05)
        process.kill()
        process.wait()
        (directory / "nodes.conf").unlink(missing_ok=True)
    raise RuntimeError("redis-server in cluster mode did not start")


@pytest.fixture(scope="module")
def cluster_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    process, port = _start_cluster_node(server, tmp_path_factory.mktemp("redis-cluster"))
    try:
        client = redis.Redis(port=port)
        try:
            client.execute_command("CLUSTER", "ADDSLOTSRANGE", 0, SLOTS - 1)
        except redis.ResponseError:  # Redis before 7.0 has no ADDSLOTSRANGE
            for start in range(0, SLOTS, 1024):
                client.execute_command("CLUSTER", "ADDSLOTS", *range(start, start + 1024))
        for _ in range(200):
            if b"cluster_state:ok" in client.execute_command("CLUSTER", "INFO"):
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("the one-node cluster never reached cluster_state:ok")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def handshake_errors(cluster_port: int) -> int:
    """Error replies a new connection's own handshake earns on this server.

    redis-py opens with commands Redis before 7.2 does not know (CLIENT SETINFO); they are
    answered ERR and ignored, once per connection, and have nothing to do with slots.
    """
    watcher = redis.Redis(port=cluster_port)
    watcher.config_resetstat()
    fresh = redis.Redis(port=cluster_port)
    fresh.ping()
    fresh.close()
    errors = int(watcher.info("stats")["total_error_replies"])
    watcher.close()
    return errors


@pytest.fixture
def cluster(cluster_port: int, handshake_errors: int, settings: Any) -> Iterator[redis.Redis]:
    """Point the default cache at the cluster-mode Redis, configured as production does it.

    After the test, Redis's own error counters must show nothing but the connections' handshakes:
    a refused command (CROSSSLOT) would otherwise pass unseen as a cache miss.
    """
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{cluster_port}/0",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
            "KEY_PREFIX": "ht",
        },
    }
    # With REDIS_URL set, Redis is also what every worker shares (sessions, login failures).
    settings.SHARED_CACHE_ALIAS = settings.SESSION_CACHE_ALIAS = "default"
    client = redis.Redis(port=cluster_port, decode_responses=True)
    client.flushall()
    # The same command on a plain Redis succeeds: make sure this one enforces the rule.
    with pytest.raises(redis.ResponseError, match="same slot"):
        client.mget("a", "b")
    client.config_resetstat()
    yield client
    stats = client.info("stats")
    errors = client.info("errorstats")
    assert "errorstat_CROSSSLOT" not in errors, errors
    expected = handshake_errors * int(stats["total_connections_received"])
    assert stats["total_error_replies"] == expected, errors
    client.close()


def test_a_whole_visit_sends_no_command_across_slots_as_elasticache_serverless_requires(
    cluster: redis.Redis, settings: Any
) -> None:
    anon = Api(Client(enforce_csrf_checks=True))
    email = "cluster@example.com"
    assert (
        anon.post("/api/auth/register", {"email": email, "password": PASSWORD}).status_code == 201
    )
    assert anon.post("/api/auth/logout").status_code == 204
    assert anon.post("/api/auth/login", {"email": email, "password": PASSWORD}).status_code == 200
    habits = [anon.post("/api/habits", {"name": name}).json() for name in ("Run", "Read", "Write")]
    today = anon.get("/api/today").json()["date"]
    checked = anon.put(f"/api/habits/{habits[0]['id']}/entries/{today}", {"status": "done"})
    assert checked.status_code in {200, 201}
    first = anon.get("/api/today").json()
    second = anon.get("/api/today").json()
    assert first == second
    assert [item["entry"] and item["entry"]["status"] for item in first["items"]] == [
        "done",
        None,
        None,
    ]
    overview = anon.get("/api/overview").json()
    assert anon.get("/api/overview").json() == overview  # the second from the cache

    attacker = Api(Client(enforce_csrf_checks=True))
    codes = [
        attacker.post("/api/auth/login", {"email": email, "password": f"guess {n}"}).status_code
        for n in range(25)
    ]
    assert (
        codes[: settings.LOGIN_FAILURES_PER_ACCOUNT] == [401] * settings.LOGIN_FAILURES_PER_ACCOUNT
    )
    assert set(codes[settings.LOGIN_FAILURES_PER_ACCOUNT :]) == {429}, codes
    assert cluster.keys("*habit-today*"), "Today's per-habit rows never reached Redis"
    assert cluster.keys("*overview:*"), "the overview never reached Redis"


def test_summaries_are_read_back_from_a_cluster_mode_redis(
    cluster: redis.Redis, django_assert_num_queries: Any
) -> None:
    user = make_user()
    day = user_today(user)
    for name in ("Run", "Read", "Write", "Stretch"):
        done_days(habit_for(user, name=name, start_date=day - dt.timedelta(days=9)), [day])
    habits = list(Habit.objects.filter(owner=user))
    computed = habit_summaries(habits, day=day, week_start=user.week_start)
    # A hit for every habit needs no entries query at all.
    with django_assert_num_queries(0):
        assert habit_summaries(habits, day=day, week_start=user.week_start) == computed


def test_summaries_of_several_people_are_read_without_crossing_slots(
    cluster: redis.Redis, django_assert_num_queries: Any
) -> None:
    day = dt.date(2026, 11, 18)
    people = [make_user(f"p{n}@example.com") for n in range(3)]
    habits = [
        habit_for(person, name=name, start_date=day - dt.timedelta(days=3))
        for person in people
        for name in ("Run", "Read")
    ]
    computed = habit_summaries(habits, day=day, week_start=0)
    with django_assert_num_queries(0):
        assert habit_summaries(habits, day=day, week_start=0) == computed


def test_login_throttling_counts_on_a_cluster_mode_redis(cluster: redis.Redis) -> None:
    for _ in range(3):
        throttle.record_failure("ada@example.com", "203.0.113.5")
    keys = cluster.keys("*login*")
    assert len(keys) == 2
    # One hash tag per address: both counters live in one slot, read with one MGET.
    assert len({cluster.cluster("KEYSLOT", key) for key in keys}) == 1
    assert throttle.retry_after("ada@example.com", "203.0.113.5") is None
    for _ in range(10):
        throttle.record_failure("ada@example.com", "203.0.113.5")
    assert throttle.retry_after("ada@example.com", "203.0.113.5") is not None
    throttle.clear("ada@example.com", "203.0.113.5")


def test_every_cache_key_of_one_person_hashes_to_one_slot(cluster: redis.Redis) -> None:
    user = make_user()
    day = user_today(user)
    habits = [habit_for(user, name=f"Habit {n}", start_date=day) for n in range(6)]
    habit_summaries(habits, day=day, week_start=0)
    keys = cluster.keys("*habit-summary*")
    assert len(keys) == len(habits)
    assert len({cluster.cluster("KEYSLOT", key) for key in keys}) == 1
    # The tag survives the cache's own key prefix and version.
    assert all(key.startswith(cache.make_key("habit-summary:")) for key in keys)
