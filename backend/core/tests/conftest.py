"""Stand-ins for AWS and Aurora, started once per test session and shared by core's tests.

- ``moto_endpoint``: a moto server, so boto3's real wire calls are exercised.
- ``private_postgres``: a PostgreSQL cluster that, unlike the shared one, demands TLS and a
  password (core/tests/private_postgres.py).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from config import aws_config
from core.db import credentials
from core.tests.private_postgres import PrivatePostgres, server_binaries
from core.tests.stand_ins import AWS_ENVIRONMENT, reset_moto


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    port = _free_port()
    moto_server = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(
        [str(moto_server), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def aws(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point boto3 at a freshly reset moto server and forget anything read from AWS before."""
    reset_moto(moto_endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    for name, value in AWS_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.setattr(aws_config, "_loaded", False)
    monkeypatch.setattr(credentials, "_sources", {})
    return moto_endpoint


@pytest.fixture(scope="session")
def private_postgres() -> Iterator[PrivatePostgres]:
    binaries = server_binaries()
    if binaries is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl) are not installed: "
            "apt-get install postgresql, or put them on PATH"
        )
    cluster = PrivatePostgres(*binaries)
    try:
        yield cluster
    finally:
        cluster.stop()
