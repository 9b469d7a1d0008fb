"""Shared fixtures: parsed Terraform files and a throwaway moto server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import hcl2
import pytest

INFRA = Path(__file__).resolve().parent.parent
REPO = INFRA.parent
TERRAFORM = INFRA / "terraform"

# Requests the app answers, one or more per URL prefix of config/urls.py and the static
# files (test_aws_rules.py's test_the_sample_requests_cover_every_prefix_the_app_serves
# keeps this honest).
APP_REQUESTS = [
    ("GET", "/health/"),
    ("GET", "/api/"),
    ("GET", "/api/habits"),
    ("POST", "/api/habits"),
    ("PATCH", "/api/habits/1"),
    ("DELETE", "/api/habits/1"),
    ("POST", "/api/auth/login"),
    ("GET", "/api/today"),
    ("GET", "/admin/"),
    ("POST", "/admin/login/"),
    ("GET", "/admin/habits/habit/1/change/"),
    ("GET", "/static/admin/css/base.css"),
]
# Client-side routes and built assets: CloudFront serves them from the site bucket.
SPA_PATHS = ["/", "/index.html", "/habits", "/habits/3/edit", "/assets/index-abc123.js"]
RDS_CA_BUNDLE = "/etc/pki/rds/global-bundle.pem"


def _unquote(value: Any) -> Any:
    """python-hcl2 keeps the quotes of string literals and labels; drop them."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    if isinstance(value, list):
        return [_unquote(item) for item in value]
    if isinstance(value, dict):
        return {
            _unquote(k): _unquote(v) for k, v in value.items() if k != "__is_block__"
        }
    return value


def load_hcl(folder: Path) -> dict[str, Any]:
    """Merge every .tf file of a folder into {block type: ...} with resources by type and name."""
    merged: dict[str, Any] = {
        "resource": {},
        "data": {},
        "module": {},
        "locals": {},
        "output": {},
        "variable": {},
    }
    for path in sorted(folder.glob("*.tf")):
        with path.open() as handle:
            parsed = _unquote(hcl2.load(handle))
        for kind in ("resource", "data"):
            for block in parsed.get(kind, []):
                for type_name, by_name in block.items():
                    merged[kind].setdefault(type_name, {}).update(by_name)
        for kind in ("module", "output", "variable"):
            for block in parsed.get(kind, []):
                merged[kind].update(block)
        for block in parsed.get("locals", []):
            merged["locals"].update(block)
    return merged


@pytest.fixture(scope="session")
def modules() -> dict[str, dict[str, Any]]:
    return {
        path.name: load_hcl(path) for path in sorted((TERRAFORM / "modules").iterdir())
    }


@pytest.fixture(scope="session")
def staging() -> dict[str, Any]:
    return load_hcl(TERRAFORM / "envs" / "staging")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _moto_server_process() -> Iterator[str]:
    """A moto server of its own on a free loopback port, stopped afterwards."""
    port = free_port()
    executable = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(
        [str(executable), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def moto_server() -> Iterator[str]:
    with _moto_server_process() as url:
        yield url


@pytest.fixture(scope="module")
def module_moto_server() -> Iterator[str]:
    """One moto server for every test of a module (an apply shared by several tests)."""
    with _moto_server_process() as url:
        yield url
