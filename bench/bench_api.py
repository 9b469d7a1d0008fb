"""API latency and throughput under wrk, on PostgreSQL and Redis, with 1 and with 1,000 users.

Run: backend/.venv/bin/python bench/bench_api.py   (or `make bench`; about 6 minutes)

Creates a fresh database `habits_bench`, seeds one user with 20 habits x 730 days, starts
gunicorn with the bench URLconf (the real routes plus a constant JSON view), logs in through the
API and drives it with wrk. Then it profiles /api/today against the constant view with cProfile
and the Django test client, seeds 999 more users and measures again. Prints Markdown.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import http.client
import json
import os
import platform
import pstats
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BACKEND = REPO / "backend"
VENV_BIN = BACKEND / ".venv" / "bin"
PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
DB_NAME = "habits_bench"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
TARGET_P50_MS = 10.0
TARGET_P99_MS = 50.0
TARGET_RATIO = 1 / 3

sys.path[:0] = [str(BACKEND), str(BENCH)]


@dataclass
class Run:
    label: str
    requests: int
    seconds: float
    p50: float
    p75: float
    p90: float
    p99: float
    max: float
    errors: int
    # CPU cores the server side and wrk kept busy during the run (saturation rounds only).
    cores: float = 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def configure_env(tmp: Path, log_level: str = "WARNING") -> None:
    # DJANGO_ENV is left unset: development defaults with DEBUG off. Production would add
    # secure-only cookies and an HTTPS redirect, which a plain-HTTP loopback benchmark cannot use.
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"{PG}/{DB_NAME}",
        REDIS_URL=REDIS,
        # A prefix per run: our summaries and sessions never mix with anyone else's keys.
        CACHE_KEY_PREFIX=f"bench{os.getpid()}",
        SECRET_KEY="bench-" + "x" * 50,
        ROOT_URLCONF="urls",
        LOG_LEVEL=log_level,
        DEBUG="0",
        VAR_DIR=str(tmp),
        PYTHONPATH=os.pathsep.join([str(BACKEND), str(BENCH)]),
    )
    os.environ.pop("DJANGO_ENV", None)


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def server(workers: int, threads: int, log_level: str, logfile: Path) -> Iterator[int]:
    port = free_port()
    env = dict(
        os.environ,
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY=str(workers),
        GUNICORN_THREADS=str(threads),
        LOG_LEVEL=log_level,
    )
    with logfile.open("ab") as log:
        proc = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
            [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=BACKEND,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if request(port, "GET", "/health/")[0] == 200:
                        break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start; see {logfile}")
                time.sleep(0.2)
            yield port
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def request(
    port: int, method: str, path: str, body: dict[str, object] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes, list[tuple[str, str]]]:  # fmt: skip
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        data = None if body is None else json.dumps(body).encode()
        sent = {"Content-Type": "application/json", **(headers or {})}
        conn.request(method, path, body=data, headers=sent)
        response = conn.getresponse()
        return response.status, response.read(), response.getheaders()
    finally:
        conn.close()


def _cookies(headers: list[tuple[str, str]]) -> dict[str, str]:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key] = rest.split(";", 1)[0]
    return found


def login(port: int, email: str, password: str) -> dict[str, str]:
    """Log in through the API; returns the env the wrk scripts read (cookie and CSRF token)."""
    _, _, headers = request(port, "GET", "/api/auth/csrf")
    csrf = _cookies(headers)["csrftoken"]
    status, body, headers = request(
        port, "POST", "/api/auth/login", {"email": email, "password": password},
        {"Cookie": f"csrftoken={csrf}", "X-CSRFToken": csrf},
    )  # fmt: skip
    if status != 200:
        raise RuntimeError(f"login failed: {status} {body[:200]!r}")
    cookies = {"csrftoken": csrf, **_cookies(headers)}
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    return {"BENCH_COOKIE": cookie, "BENCH_CSRF": cookies["csrftoken"]}


def wrk(
    port: int, path: str, script: str, env: dict[str, str], *, connections: int,
    seconds: float, label: str,
) -> Run:  # fmt: skip
    threads = min(2, connections)
    cmd = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--latency",
        "-s", str(BENCH / script), f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    out = subprocess.run(  # noqa: S603
        cmd, env=dict(os.environ, **env), capture_output=True, text=True, check=True
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    data = json.loads(line.removeprefix("WRKJSON "))
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Run(
        label=label,
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50=data["p50"] / 1000,
        p75=data["p75"] / 1000,
        p90=data["p90"] / 1000,
        p99=data["p99"] / 1000,
        max=data["max"] / 1000,
        errors=errors,
    )


def warm_up(port: int, env: dict[str, str], put_env: dict[str, str]) -> None:
    # Fills every worker's connection pools and the summary cache before anything is timed.
    wrk(port, "/api/today", "wrk_get.lua", env, connections=4, seconds=2, label="warm")
    wrk(port, "/api/bench/constant", "wrk_get.lua", env, connections=4, seconds=1, label="warm")


def saturation(port: int, env: dict[str, str], seconds: float, rounds: int) -> tuple[Run, Run]:
    """Alternate today and constant at 16 connections; the median round of each is returned.

    A round counts only if it kept the machine busy (at least 90 % of its cores, from /proc).
    gunicorn's workers accept connections as they come, and sometimes one worker takes all
    sixteen: that round measures one process held by its GIL (about 1,200 req/s for either
    path) while the other sits idle, not the server's saturated throughput. Every round is
    printed with its core use; if none qualifies, all are used and the report says so.
    """
    today: list[Run] = []
    constant: list[Run] = []
    for _ in range(rounds):
        for path, runs in (("/api/bench/constant", constant), ("/api/today", today)):
            runs.append(busy(lambda path=path: wrk(  # type: ignore[misc]
                port, path, "wrk_get.lua", env, connections=16, seconds=seconds,
                label=f"{path}, 16 conn")))  # fmt: skip
    need = 0.9 * (os.cpu_count() or 1)

    def median(runs: list[Run]) -> Run:
        valid = [r for r in runs if r.cores >= need] or runs
        return sorted(valid, key=lambda r: r.rps)[len(valid) // 2]

    if rounds > 1:  # the sweep's single rounds are printed in its own table
        SATURATION_NOTES.extend(
            f"Saturation rounds, {name}: "
            + "; ".join(f"{r.rps:.0f} req/s on {r.cores:.2f} cores" for r in runs)
            + f" (a round under {need:.1f} busy cores is not counted unless all are)."
            for name, runs in (("constant", constant), ("today", today))
        )  # fmt: skip
    return median(today), median(constant)


# Filled by saturation(), printed under the table of the measurement they belong to.
SATURATION_NOTES: list[str] = []


def busy(measure: Callable[[], Run]) -> Run:
    """Run `measure` and record how many cores gunicorn, PostgreSQL, Redis and wrk used."""
    run, used = cpu_used_during(measure)
    run.cores = sum(used.values()) / run.seconds
    return run


def cpu_used_during(measure: Callable[[], Run]) -> tuple[Run, dict[str, float]]:
    """Run `measure`; CPU seconds each process group used meanwhile (wrk is our child)."""
    before, children = _cpu_seconds_by_group(), os.times()
    run = measure()
    after, children_after = _cpu_seconds_by_group(), os.times()
    used: dict[str, float] = {"gunicorn": 0.0, "PostgreSQL": 0.0, "Redis": 0.0}
    for key, value in after.items():
        used[key[0]] += value - before.get(key, 0.0)
    used["wrk"] = (children_after.children_user + children_after.children_system) - (
        children.children_user + children.children_system
    )
    return run, used


def check(run: Run) -> str:
    ok = run.p50 < TARGET_P50_MS and run.p99 < TARGET_P99_MS and run.errors == 0
    return "met" if ok else "MISSED"


def table(runs: list[tuple[str, Run, str]]) -> str:
    lines = [
        "| case | req/s | p50 ms | p75 ms | p90 ms | p99 ms | max ms | errors | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for case, r, target in runs:
        lines.append(
            f"| {case} | {r.rps:.0f} | {r.p50:.2f} | {r.p75:.2f} | {r.p90:.2f} | {r.p99:.2f} "
            f"| {r.max:.1f} | {r.errors} | {target} |"
        )
    return "\n".join(lines)


def full_measurement(
    port: int, env: dict[str, str], put_env: dict[str, str], seconds: float, title: str
) -> tuple[list[tuple[str, Run, str]], float]:
    warm_up(port, env, put_env)
    get_rounds = rounds_of_four(port, "/api/today", "wrk_get.lua", env, seconds, "GET /api/today")
    today, constant = saturation(port, env, seconds / 2, rounds=3)
    put_rounds = rounds_of_four(port, "/api/habits", "wrk_put.lua", put_env, seconds, "PUT entry")
    get4, put4 = median_by_p50(get_rounds), median_by_p50(put_rounds)
    ratio = today.rps / constant.rps
    verdict = "met" if ratio >= TARGET_RATIO and today.errors == 0 else "MISSED"
    rows = [
        ("GET /api/today, 4 conn", get4, check(get4)),
        ("PUT /api/habits/{id}/entries/{date}, 4 conn", put4, check(put4)),
        ("GET /api/today, 16 conn (saturated)", today, f"ratio {ratio:.2f} >= 0.33: {verdict}"),
        ("GET /api/bench/constant, 16 conn (saturated)", constant, "ceiling"),
    ]
    print(f"\n### {title}\n")
    print(table(rows))
    print(f"\nSaturated throughput ratio today/constant: **{ratio:.2f}** "
          f"({today.rps:.0f} / {constant.rps:.0f} req/s, median of 3 alternating "
          f"{seconds / 2:g} s rounds).")  # fmt: skip
    for note in SATURATION_NOTES:
        print(note)
    SATURATION_NOTES.clear()
    for label, runs in (("GET /api/today", get_rounds), ("PUT", put_rounds)):
        print(f"{label} at 4 connections, the three rounds (median shown above): "
              + "; ".join(f"p50 {r.p50:.2f} ms, p99 {r.p99:.2f} ms, {r.rps:.0f} req/s"
                          for r in runs) + ".")  # fmt: skip
    sys.stdout.flush()
    return rows, ratio


def rounds_of_four(
    port: int, path: str, script: str, env: dict[str, str], seconds: float, label: str
) -> list[Run]:
    """Three runs at 4 connections, each opening new ones.

    gunicorn's workers accept connections as they come, and a burst of four can land on one
    worker, which then serves them alone (one PUT run in three did, at about 380 req/s and a
    p50 near 10 ms, against 560-600 req/s and 6.6-7.4 ms when they spread; a 1 x 4 server
    reproduces it). One run would report whichever spread it happened to get.
    """
    return [wrk(port, path, script, env, connections=4, seconds=seconds / 2, label=label)
            for _ in range(3)]  # fmt: skip


def median_by_p50(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.p50)[len(runs) // 2]


def sweep(
    configs: list[tuple[int, int]], env: dict[str, str], seconds: float, logfile: Path
) -> tuple[int, int]:
    print("\n### Worker settings tried (short runs, for comparison)\n")
    print("| workers x threads | today p50 ms (4 conn) | today p99 ms (4 conn) "
          "| today req/s (16 conn) | constant req/s (16 conn) | ratio |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    best, best_rps = configs[0], 0.0
    for workers, threads in configs:
        with server(workers, threads, "WARNING", logfile) as port:
            warm_up(port, env, {})
            get4 = wrk(port, "/api/today", "wrk_get.lua", env, connections=4,
                       seconds=seconds, label="today")  # fmt: skip
            today, constant = saturation(port, env, seconds, rounds=1)
        print(f"| {workers} x {threads} | {get4.p50:.2f} | {get4.p99:.2f} | {today.rps:.0f} "
              f"| {constant.rps:.0f} | {today.rps / constant.rps:.2f} |")  # fmt: skip
        sys.stdout.flush()
        if today.rps > best_rps:
            best, best_rps = (workers, threads), today.rps
    return best


def put_env_for(habits: list[object], today: dt.date, env: dict[str, str]) -> dict[str, str]:
    items = ",".join(f"{h.pk}:{h.kind}" for h in habits)  # type: ignore[attr-defined]
    dates = ",".join((today - dt.timedelta(days=i)).isoformat() for i in range(7))
    return {**env, "BENCH_HABITS": items, "BENCH_DATES": dates}


# --- CPU per request, by process ---------------------------------------------------------------


def _cpu_seconds_by_group() -> dict[tuple[str, str], float]:
    """utime + stime of every gunicorn, PostgreSQL and Redis process, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # the process ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()
        group = next((g for key, g in (("gunicorn", "gunicorn"), ("postgres", "PostgreSQL"),
                                       ("redis-server", "Redis")) if key in cmdline), None)  # fmt: skip
        if group:
            found[(group, pid)] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def cpu_per_request(port: int, env: dict[str, str], path: str, seconds: float) -> dict[str, float]:
    """Microseconds of CPU per request in each process group during a saturated run."""
    run, used = cpu_used_during(lambda: wrk(port, path, "wrk_get.lua", env, connections=16,
                                            seconds=seconds, label=path))  # fmt: skip
    per_request = {group: value * 1e6 / run.requests for group, value in used.items()}
    per_request["req/s"] = run.rps
    return per_request


def cpu_table(port: int, env: dict[str, str], seconds: float, rounds: int = 2) -> None:
    print("\n### CPU per request, by process (saturated, 16 connections)\n")
    print("Read from /proc before and after each wrk run; the median of "
          f"{rounds} alternating rounds of {seconds:g} s.\n")  # fmt: skip
    results: dict[str, list[dict[str, float]]] = {"/api/bench/constant": [], "/api/today": []}
    for _ in range(rounds):
        for path, runs in results.items():
            runs.append(cpu_per_request(port, env, path, seconds))
    groups = ["gunicorn", "PostgreSQL", "Redis", "wrk"]
    print("| path | req/s | " + " | ".join(f"{g} µs" for g in groups) + " | total µs |")
    print("| --- | ---: | " + " | ".join("---:" for _ in groups) + " | ---: |")
    for path, runs in results.items():
        med = {k: statistics.median(r[k] for r in runs) for k in [*groups, "req/s"]}
        total = sum(med[g] for g in groups)
        print(f"| {path} | {med['req/s']:.0f} | "
              + " | ".join(f"{med[g]:.0f}" for g in groups) + f" | {total:.0f} |")  # fmt: skip
    sys.stdout.flush()


# --- profile ----------------------------------------------------------------------------------

# (label, file suffix, function): cumulative time per request of the functions that make up
# the gap between /api/today and the constant view.
_PROFILE_ROWS = [
    ("whole request (test client handler)", "django/test/client.py", "__call__"),
    ("session load (cached_db: Redis get)", "sessions/backends/cached_db.py", "load"),
    ("auth: request.user (session + user SELECT)", "contrib/auth/middleware.py", "get_user"),
    ("ninja: Operation.run (view + parse + serialise)", "ninja/operation.py", "run"),
    ("  ninja: parse query params", "ninja/operation.py", "_get_values"),
    ("  view: habits.api_reading.today", "habits/api_reading.py", "today"),
    ("    selectors.today_items", "habits/selectors.py", "today_items"),
    ("      selectors.habit_summaries", "habits/selectors.py", "habit_summaries"),
    ("        cache.get_many (Redis MGET + unpickle)", "django_redis/cache.py", "get_many"),
    ("  ninja: response validation + JSON", "ninja/operation.py", "_result_to_response"),
    ("    pydantic model_validate (from ORM objects)", "pydantic/main.py", "model_validate"),
    ("      ninja DjangoGetter attribute reads", "ninja/schema.py", "__getattr__"),
    ("    JSON render (NinjaJSONEncoder)", "ninja/renderers.py", "render"),
    ("all SQL: cursor.execute (incl. network)", "django/db/backends/utils.py", "execute"),
    ("ORM: build + run querysets (_fetch_all)", "django/db/models/query.py", "_fetch_all"),
    ("  ORM: Model.__init__ per row", "django/db/models/base.py", "__init__"),
    ("  psycopg: fetch + type loaders", "psycopg/cursor.py", "fetchmany"),
    ("all Redis commands (incl. network)", "redis/client.py", "execute_command"),
    ("CSRF middleware (process_view)", "django/middleware/csrf.py", "process_view"),
    ("logging calls", "logging/__init__.py", "info"),
]
# Entries whose function name is shared by many callers ("__call__", "__iter__") would be
# summed across all of them, so only single-purpose functions are listed above.


def profile(user_email: str, n_today: int, n_constant: int) -> None:
    import warnings

    import django

    django.setup()
    # The test client builds the middleware stack; WhiteNoise warns about the missing
    # collectstatic output, which the benchmark does not need.
    warnings.filterwarnings("ignore", message="No directory at")
    from django.db import connection
    from django.test import Client

    from users.models import User

    client = Client()
    client.force_login(User.objects.get(email=user_email))

    def timed(path: str, n: int) -> float:
        for _ in range(30):
            assert client.get(path).status_code == 200
        start = time.perf_counter()
        for _ in range(n):
            client.get(path)
        return (time.perf_counter() - start) * 1000 / n

    queries: list[str] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    client.get("/api/today")
    with connection.execute_wrapper(record):
        client.get("/api/today")
    today_ms = statistics.median(timed("/api/today", n_today) for _ in range(3))
    constant_ms = statistics.median(timed("/api/bench/constant", n_constant) for _ in range(3))

    def stats_for(path: str, n: int) -> pstats.Stats:
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(n):
            client.get(path)
        prof.disable()
        return pstats.Stats(prof)

    today_stats = stats_for("/api/today", n_today)
    constant_stats = stats_for("/api/bench/constant", n_constant)

    def cumulative(stats: pstats.Stats, suffix: str, func: str, n: int) -> float:
        total = 0.0
        for (filename, _, name), (_, _, _, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
            if name == func and filename.endswith(suffix):
                total += ct
        return total * 1000 / n

    print("\n### Where /api/today's time goes (cProfile, Django test client, in-process)\n")
    print(f"Without the profiler: /api/today **{today_ms:.2f} ms**, constant view "
          f"**{constant_ms:.2f} ms** per request (median of 3 x {n_today} / {n_constant} "
          f"requests); {len(queries)} SQL queries per /api/today (session from Redis):\n")  # fmt: skip
    for sql in queries:
        print(f"- `{sql[:150]}`")
    print("\nCumulative ms per request under cProfile (which inflates Python-heavy parts "
          "about 2x; compare rows, not absolutes):\n")  # fmt: skip
    print("| part | /api/today | constant |")
    print("| --- | ---: | ---: |")
    for label, suffix, func in _PROFILE_ROWS:
        t = cumulative(today_stats, suffix, func, n_today)
        c = cumulative(constant_stats, suffix, func, n_constant)
        print(f"| {label} | {t:.3f} | {c:.3f} |")
    print("\nTop 25 cumulative entries for /api/today (ms per request):\n")
    print("| cumulative ms | own ms | calls/req | function |")
    print("| ---: | ---: | ---: | --- |")
    rows = sorted(today_stats.stats.items(), key=lambda kv: -kv[1][3])  # type: ignore[attr-defined]
    shown = 0
    for (filename, line, name), (_, nc, tt, ct, _) in rows:
        if "cProfile" in filename or name.startswith("<built-in method builtins.exec"):
            continue
        short = filename.split("site-packages/")[-1].replace(str(BACKEND) + "/", "")
        print(f"| {ct * 1000 / n_today:.3f} | {tt * 1000 / n_today:.3f} | "
              f"{nc / n_today:.1f} | `{short}:{line}({name})` |")  # fmt: skip
        shown += 1
        if shown == 25:
            break
    sys.stdout.flush()


# --- machine ----------------------------------------------------------------------------------


def machine() -> str:
    import django
    import psycopg
    import redis as redis_py

    cpu = next(
        (x.split(":", 1)[1].strip() for x in Path("/proc/cpuinfo").read_text().splitlines()
         if x.startswith("model name")), "unknown")  # fmt: skip
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    with psycopg.connect(f"{PG}/postgres") as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
    info = redis_py.Redis.from_url(REDIS).info("server")
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)  # noqa: S607
    wrk_version = wrk.stdout.split()[:2]
    gunicorn = subprocess.run([str(VENV_BIN / "gunicorn"), "--version"], capture_output=True,
                              text=True).stdout.strip()  # fmt: skip
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO,  # noqa: S607
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    return (
        f"- code: git {commit}\n"
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M UTC}; load average before the run: "
        f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])} (shared machine)\n"
        f"- nproc: {os.cpu_count()}, CPU: {cpu}, memory: {mem_kb / 1024 / 1024:.1f} GiB\n"
        f"- Python {platform.python_version()}, Django {django.get_version()}, "
        f"PostgreSQL {pg}, Redis {info['redis_version']}, {gunicorn}, {' '.join(wrk_version)}\n"
        "- wrk, gunicorn, PostgreSQL and Redis share the same cores (loopback)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10, help="length of each timed wrk run")
    parser.add_argument("--sweep-seconds", type=float, default=5)
    parser.add_argument("--configs", default="4x2,2x1,4x1,2x4",
                        help="workers x threads to try; the first, gunicorn.conf.py's default, is measured")  # fmt: skip
    parser.add_argument("--skip-many", action="store_true", help="no 1,000-user run")
    args = parser.parse_args()
    configs = [tuple(int(n) for n in c.split("x")) for c in args.configs.split(",")]

    tmp = Path(tempfile.mkdtemp(prefix="habits-bench-"))
    logfile = tmp / "gunicorn.log"
    configure_env(tmp)
    recreate_database()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection

    import seed

    today = dt.datetime.now(dt.UTC).date()  # the seeded user's time zone is UTC
    started = time.perf_counter()
    _, habits = seed.seed_main_user(today)
    seed.settle()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM habits_entry")
        entries = cursor.fetchone()[0]
    print("## API benchmark (bench/bench_api.py)\n")
    print(machine())
    print(f"- data: 1 user, {len(habits)} habits, {entries} entries ({seed.DAYS} days), "
          f"seeded in {time.perf_counter() - started:.1f} s")  # fmt: skip
    print("- server: gunicorn gthread (backend/gunicorn.conf.py), DJANGO_ENV unset "
          "(development defaults, DEBUG off), LOG_LEVEL=WARNING unless stated, "
          "ROOT_URLCONF=urls (bench/urls.py), PostgreSQL + Redis, DB_CONN_MAX_AGE=600")  # fmt: skip
    print(f"- load: wrk -t2; at 4 connections 3 runs of {args.seconds / 2:g} s, each with new "
          f"connections, the median by p50; saturation: 3 alternating rounds of "
          f"{args.seconds / 2:g} s, the median round")  # fmt: skip
    connection.close()
    sys.stdout.flush()

    # Sessions live in the database and Redis, so one login serves every server restart.
    with server(*configs[0], "WARNING", logfile) as port:
        env = login(port, seed.EMAIL, seed.PASSWORD)
    put_env = put_env_for(habits, today, env)

    best = sweep(configs, env, args.sweep_seconds, logfile)
    # Everything below runs the server as shipped (the first setting, gunicorn.conf.py's
    # default on this machine), not the sweep's winner: one short saturated run picks a
    # different winner each time, and the best for Today is not the best for check-ins
    # (1 thread per worker cannot overlap a PUT's database waits).
    workers, threads = configs[0]
    print(f"\nFastest for saturated Today in this sweep: {best[0]} x {best[1]}. Measured "
          f"below: the default, WEB_CONCURRENCY={workers} GUNICORN_THREADS={threads}.")  # fmt: skip

    with server(workers, threads, "WARNING", logfile) as port:
        full_measurement(port, env, put_env, args.seconds,
                         f"1 user, {workers} workers x {threads} threads, LOG_LEVEL=WARNING")  # fmt: skip

    with server(workers, threads, "INFO", logfile) as port:
        warm_up(port, env, put_env)
        get4 = wrk(port, "/api/today", "wrk_get.lua", env, connections=4,
                   seconds=args.seconds / 2, label="today")  # fmt: skip
        today_run, constant = saturation(port, env, args.seconds / 2, rounds=1)
    print("\n### Same server with LOG_LEVEL=INFO (one log line per request, to a file)\n")
    print(table([
        ("GET /api/today, 4 conn", get4, check(get4)),
        ("GET /api/today, 16 conn", today_run, f"ratio {today_run.rps / constant.rps:.2f}"),
        ("GET /api/bench/constant, 16 conn", constant, "ceiling"),
    ]))  # fmt: skip
    sys.stdout.flush()

    with server(workers, threads, "WARNING", logfile) as port:
        warm_up(port, env, put_env)
        cpu_table(port, env, args.seconds / 2)

    profile(seed.EMAIL, n_today=300, n_constant=1000)

    if args.skip_many:
        return
    from django.db import connection as conn2

    started = time.perf_counter()
    more = seed.seed_other_users(today)
    conn2.close()
    print(f"\n### Many users\n\n999 more users with {seed.OTHER_HABITS} habits and two years "
          f"each: {more} more entries, seeded in {time.perf_counter() - started:.1f} s.")  # fmt: skip
    with server(workers, threads, "WARNING", logfile) as port:
        full_measurement(port, env, put_env, args.seconds,
                         f"1,000 users, {workers} workers x {threads} threads, LOG_LEVEL=WARNING")  # fmt: skip


if __name__ == "__main__":
    main()
