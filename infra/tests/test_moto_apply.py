"""terraform apply and destroy of the modules moto supports, against a local moto server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import boto3
import pytest
from conftest import INFRA

ROOT = INFRA / "tests" / "moto_root"
PLUGIN_DIR = Path(os.environ.get("TF_PLUGIN_DIR", "/opt/tf-plugins"))

pytestmark = pytest.mark.skipif(
    shutil.which("terraform") is None or not PLUGIN_DIR.is_dir(),
    reason="terraform or the offline provider mirror is not installed",
)


def _terraform(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    result = subprocess.run(
        ["terraform", f"-chdir={ROOT}", *args, "-no-color"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    print(f"terraform {args[0]}: {time.monotonic() - started:.0f} s")
    if result.returncode != 0:
        pytest.fail(
            f"terraform {args[0]} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return result


def test_the_supported_modules_apply_and_destroy_against_moto(
    moto_server: str, tmp_path: Path
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        "TF_DATA_DIR": str(tmp_path / ".terraform"),
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
        "CHECKPOINT_DISABLE": "1",
        "TF_VAR_endpoint": moto_server,
    }
    if not Path(env.get("TF_CLI_CONFIG_FILE", "/")).is_file():
        env.pop("TF_CLI_CONFIG_FILE", None)
    state = tmp_path / "terraform.tfstate"

    _terraform(
        "init", f"-plugin-dir={PLUGIN_DIR}", f"-backend-config=path={state}", env=env
    )
    _terraform("apply", "-auto-approve", "-parallelism=20", env=env)

    outputs = json.loads(_terraform("output", "-json", env=env).stdout)
    assert len(outputs["alarm_names"]["value"]) == 8
    aws = {
        "endpoint_url": moto_server,
        "region_name": "us-east-1",
        "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing",
    }
    function = boto3.client("lambda", **aws).get_function_configuration(
        FunctionName=outputs["function_name"]["value"]
    )
    assert function["Environment"]["Variables"]["DJANGO_ENV"] == "production"
    assert function["VpcConfig"]["SubnetIds"]
    parameters = boto3.client("ssm", **aws).get_parameters_by_path(
        Path="/habit-tracker/moto/", WithDecryption=True
    )["Parameters"]
    assert {p["Name"].rsplit("/", 1)[1] for p in parameters} == {
        "REDIS_URL",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "CORS_ALLOWED_ORIGINS",
        "SECRET_KEY",
    }

    _terraform("destroy", "-auto-approve", "-parallelism=20", env=env)
    remaining = json.loads(state.read_text())["resources"]
    assert [r for r in remaining if r["mode"] == "managed"] == []
