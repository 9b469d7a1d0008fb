"""The Lambda image's Dockerfile, read for the facts the deployment relies on."""

from __future__ import annotations

import fnmatch
import json
import re

from conftest import REPO

BACKEND = REPO / "backend"


def _instructions() -> list[tuple[str, str]]:
    text = (BACKEND / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in lines
        if line and not line.startswith("#")
    ]


def _ignored() -> list[str]:
    lines = (BACKEND / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _is_ignored(path: str) -> bool:
    for pattern in _ignored():
        bare = pattern.removeprefix("**/")
        if fnmatch.fnmatch(path, pattern) or any(
            fnmatch.fnmatch(part, bare)
            or fnmatch.fnmatch("/".join(path.split("/")[i:]), bare)
            for i, part in enumerate(path.split("/"))
        ):
            return True
    return False


def test_the_runtime_image_is_the_aws_lambda_python_312_base() -> None:
    bases = [arg.split()[0] for kind, arg in _instructions() if kind == "FROM"]
    assert bases[-1] == "public.ecr.aws/lambda/python:3.12"
    assert all(base.startswith("public.ecr.aws/lambda/python:3.12") for base in bases)


def test_the_handler_is_the_django_lambda_handler() -> None:
    cmds = [arg for kind, arg in _instructions() if kind == "CMD"]
    assert [json.loads(cmd) for cmd in cmds] == [["config.lambda_handler.handler"]]


def test_dependencies_come_from_the_lock_file_without_dev_packages() -> None:
    runs = " ".join(arg for kind, arg in _instructions() if kind == "RUN")
    assert "uv export --frozen --no-dev" in runs
    assert re.search(
        r"pip install .*--require-hashes .*--target \"?\$\{LAMBDA_TASK_ROOT\}", runs
    )


def test_bytecode_is_compiled_at_build_time() -> None:
    runs = [arg for kind, arg in _instructions() if kind == "RUN"]
    assert any("compileall" in run and "LAMBDA_TASK_ROOT" in run for run in runs)


def test_the_frontend_and_tests_stay_out_of_the_image() -> None:
    copies = [arg for kind, arg in _instructions() if kind == "COPY"]
    assert not any("frontend" in copy or "tests" in copy for copy in copies)
    for path in (
        "core/tests/test_aws_config.py",
        "habits/tests/__init__.py",
        "habits/rules/test_streaks.py",
        "conftest.py",
        ".venv/bin/python",
        "config/__pycache__/settings.cpython-312.pyc",
        "db.sqlite3",
    ):
        assert _is_ignored(path), f"{path} would be copied into the image"
    for path in (
        "config/settings.py",
        "config/lambda_handler.py",
        "uv.lock",
        "manage.py",
    ):
        assert not _is_ignored(path), f"{path} is needed in the image"


RDS_CA_BUNDLE_URL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem"


def _runtime_stage() -> list[tuple[str, str]]:
    instructions = _instructions()
    last_from = max(i for i, (kind, _) in enumerate(instructions) if kind == "FROM")
    return instructions[last_from + 1 :]


def test_the_image_carries_the_rds_ca_bundle_that_db_sslrootcert_names() -> None:
    # Aurora with rds.force_ssl accepts only TLS, and sslmode=verify-full needs the CA that
    # signed the server's certificate: AWS's RDS bundle, which no base image carries.
    stage = _runtime_stage()
    adds = [arg.split() for kind, arg in stage if kind == "ADD" and RDS_CA_BUNDLE_URL in arg]
    assert len(adds) == 1, "the runtime stage must ADD the RDS global CA bundle"
    *flags, source, destination = adds[0]
    assert source == RDS_CA_BUNDLE_URL
    # ADD from a URL makes the file 600 root:root, unreadable to the Lambda's user.
    assert any(re.fullmatch(r"--chmod=0?[0-7][4-7][4-7]", flag) for flag in flags), flags
    env = " ".join(arg for kind, arg in stage if kind == "ENV")
    assert f"DB_SSLROOTCERT={destination}" in env.split()
    runs = " ".join(arg for kind, arg in stage if kind == "RUN")
    assert destination in runs, "the build should check that the bundle parses as PEM"
