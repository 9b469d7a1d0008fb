"""scripts/backup.sh and scripts/restore.sh: a restored database equals the original, byte for byte.

Compared twice: every row of every table in a canonical text form (SQL), and every user's own
export (GET /api/export?format=json) served by a second gunicorn on the restored database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

import load
from client import Client
from conftest import record
from servers import REPO, Gunicorn, app_env, stack

RTL = "\u0639\u0627\u062f\u0629 \u200f\u05e7\u05e8\u05d9\u05d0\u05d4 \U0001f4d6"


@pytest.fixture(scope="module")
def servers() -> Iterator[Any]:
    with stack(production=True) as running:
        yield running


def _script(
    name: str, *args: str, database_url: str, backup_dir: Path
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DATABASE_URL=database_url, BACKUP_DIR=str(backup_dir))
    return subprocess.run(
        ["bash", str(REPO / "scripts" / name), *args],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def canonical(database_url: str) -> dict[str, str]:
    """Every table of the public schema as text, rows ordered by all their columns."""
    tables: dict[str, str] = {}
    with psycopg.connect(database_url) as conn:
        names = [n for (n,) in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()]  # fmt: skip
        for name in names:
            rows = conn.execute(
                f'SELECT t::text FROM "{name}" AS t ORDER BY t::text COLLATE "C"'
            ).fetchall()
            tables[name] = "\n".join(row for (row,) in rows)
    return tables


def _exports(port: int, clients: list[Client]) -> dict[str, Any]:
    out = {}
    for client in clients:
        twin = Client(port, timeout=60)
        twin.cookies = dict(client.cookies)
        reply = twin.get("/api/export?format=json")
        if reply.status == 404:
            return {}
        assert reply.status == 200, reply.body[:300]
        body = reply.json()
        body.pop("exported_at", None)  # the one field that is about the request, not the data
        out[client.cookies["sessionid"][:8]] = body
    return out


def test_backup_then_restore_into_a_new_database_gives_back_every_byte(
    servers: Any, tmp_path: Path
) -> None:
    server, pg, _redis = servers
    original_url = pg.url("habits")
    vus = load.prepare(server.port, original_url, 6, habits_per_user=4)
    load.run(vus, 8)  # some check-ins through the API on top of the seeded history
    writer = vus[0].client
    habit = writer.post("/api/habits", {"name": RTL, "description": "multi\nline\ttext",
                                        "kind": "measurable", "target": 2.5, "unit": "km",
                                        "start_date": "2001-02-03"}).json()  # fmt: skip
    yesterday = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)).isoformat()
    writer.put(f"/api/habits/{habit['id']}/entries/{yesterday}", {"value": 12.345, "note": RTL})

    made = _script("backup.sh", database_url=original_url, backup_dir=tmp_path)
    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.strip().splitlines()[-1])
    assert dump.parent == tmp_path
    assert dump.suffix == ".dump"
    assert dump.stat().st_size > 0
    assert oct(dump.stat().st_mode & 0o777) == "0o600"
    assert not list(tmp_path.glob("*.partial"))

    restored_url = pg.create_database("restored")
    restored = _script("restore.sh", str(dump), database_url=restored_url, backup_dir=tmp_path)
    assert restored.returncode == 0, restored.stderr

    before, after = canonical(original_url), canonical(restored_url)
    assert set(before) == set(after)
    differing = [name for name in before if before[name] != after[name]]
    rows = {name: before[name].count("\n") + 1 if before[name] else 0 for name in before}

    # The same users, logged in with the same session cookies, read the same exports from a
    # second server on the restored database.
    twin_env = app_env(database_url=restored_url, redis_url=None, production=True,
                       SECRET_KEY=server.env["SECRET_KEY"])  # fmt: skip
    twin = Gunicorn(twin_env, workers=2)
    twin.start()
    try:
        exports_before = _exports(server.port, [vu.client for vu in vus])
        exports_after = _exports(twin.port, [vu.client for vu in vus])
    finally:
        twin.stop()
        shutil.rmtree(twin_env["VAR_DIR"], ignore_errors=True)
    record("backup_restore", {
        "dump_bytes": dump.stat().st_size, "rows_per_table": rows,
        "tables_differing": differing, "users_compared_by_export": len(exports_before),
    })  # fmt: skip
    assert differing == []
    assert rows["habits_entry"] > 1000
    assert exports_before == exports_after
    assert json.dumps(exports_before, sort_keys=True) == json.dumps(exports_after, sort_keys=True)


def test_restore_over_a_damaged_database_brings_the_dump_back(servers: Any, tmp_path: Path) -> None:
    server, pg, _ = servers
    url = pg.url("habits")
    made = _script("backup.sh", database_url=url, backup_dir=tmp_path)
    assert made.returncode == 0, made.stderr
    dump = made.stdout.strip().splitlines()[-1]
    before = canonical(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM habits_entry WHERE id % 2 = 0")
        conn.execute("UPDATE habits_habit SET name = 'damaged'")
    assert canonical(url) != before
    server.stop()  # a restore replaces tables: the app is stopped first, as in the runbook
    try:
        restored = _script("restore.sh", dump, database_url=url, backup_dir=tmp_path)
        assert restored.returncode == 0, restored.stderr
        assert canonical(url) == before
    finally:
        server.start()


def test_restore_refuses_without_a_file_or_with_a_bad_one(servers: Any, tmp_path: Path) -> None:
    _, pg, _ = servers
    url = pg.url("habits")
    before = canonical(url)
    missing = _script("restore.sh", database_url=url, backup_dir=tmp_path)
    assert missing.returncode != 0
    assert "usage" in missing.stderr
    absent = _script(
        "restore.sh", str(tmp_path / "nope.dump"), database_url=url, backup_dir=tmp_path
    )
    assert absent.returncode != 0
    garbage = tmp_path / "garbage.dump"
    garbage.write_bytes(b"PGDMP but not really" * 100)
    bad = _script("restore.sh", str(garbage), database_url=url, backup_dir=tmp_path)
    assert bad.returncode != 0
    assert canonical(url) == before


def test_backup_refuses_a_non_postgres_url(tmp_path: Path) -> None:
    result = _script("backup.sh", database_url="sqlite:///tmp/x.sqlite3", backup_dir=tmp_path)
    assert result.returncode == 2
    assert not list(tmp_path.iterdir())
