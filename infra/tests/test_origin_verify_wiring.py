"""Requests sent straight to the execute-api URL skip CloudFront and the WAF: CloudFront adds a
secret header to every API origin request, and the Lambda is given the same secret to require.
Behind CloudFront and API Gateway, the client is the second X-Forwarded-For entry from the right
(docs/decisions/0010)."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import boto3
import pytest
from conftest import INFRA, REPO

HEADER = "X-Origin-Verify"
ROOT = INFRA / "tests" / "origin_verify_root"
PLUGIN_DIR = Path(os.environ.get("TF_PLUGIN_DIR", "/opt/tf-plugins"))


def _api_origin(web: dict[str, Any]) -> dict[str, Any]:
    origins = web["resource"]["aws_cloudfront_distribution"]["this"]["origin"]
    (api,) = [o for o in origins if o["origin_id"] == "${local.api_origin_id}"]
    return api


def test_cloudfront_sends_the_origin_secret_on_every_api_request_and_nowhere_else(
    modules: dict[str, Any],
) -> None:
    web = modules["web"]
    api = _api_origin(web)
    assert api["custom_header"] == [
        {
            "name": "${local.origin_verify_header}",
            "value": "${var.origin_verify_secret}",
        }
    ]
    assert web["locals"]["origin_verify_header"] == HEADER
    # The site bucket does not need it, and S3 must not receive the secret.
    origins = web["resource"]["aws_cloudfront_distribution"]["this"]["origin"]
    assert [o for o in origins if "custom_header" in o] == [api]
    variable = web["variable"]["origin_verify_secret"]
    assert variable["sensitive"] is True
    assert "default" not in variable


def test_the_header_cloudfront_sends_is_the_one_the_app_checks() -> None:
    middleware = (REPO / "backend" / "core" / "middleware.py").read_text()
    assert re.search(rf'^\s+HEADER = "{HEADER}"$', middleware, re.MULTILINE)


def test_staging_gives_cloudfront_and_the_lambda_the_same_origin_secret(
    modules: dict[str, Any], staging: dict[str, Any]
) -> None:
    params_call = staging["module"]["params"]
    assert params_call["create_origin_verify_secret"] is True
    assert staging["module"]["web"]["origin_verify_secret"] == (
        "${module.params.origin_verify_secret}"
    )
    # Lean profile: in the function's environment.
    lean = staging["locals"]["lean_environment"]
    assert "ORIGIN_VERIFY_SECRET = module.params.origin_verify_secret" in lean
    # Seed profile: the SSM parameter under the prefix the function reads at cold start.
    params = modules["params"]
    parameter = params["resource"]["aws_ssm_parameter"]["origin_verify_secret"]
    assert parameter["name"] == "${var.prefix}ORIGIN_VERIFY_SECRET"
    assert parameter["type"] == "SecureString"
    assert params["output"]["origin_verify_secret"]["value"] == (
        "${one(aws_ssm_parameter.origin_verify_secret[*].value)}"
    )
    assert params_call["prefix"] == "${local.ssm_prefix}"
    api_call = staging["module"]["api"]
    assert "local.ssm_prefix" in api_call["ssm_parameter_prefix"]
    assert "local.seed_environment" in api_call["environment"]


def test_the_lambda_trusts_exactly_cloudfront_and_api_gateway_in_x_forwarded_for(
    staging: dict[str, Any],
) -> None:
    # CloudFront appends the viewer, API Gateway appends the CloudFront edge: two entries.
    assert staging["locals"]["edge_environment"] == {"TRUSTED_PROXY_COUNT": "2"}
    for profile in ("lean_environment", "seed_environment"):
        assert "local.edge_environment" in staging["locals"][profile]


def _parameter_names() -> set[str]:
    tree = ast.parse((REPO / "backend" / "config" / "aws_config.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "PARAMETER_NAMES"
            for target in node.targets
        ):
            return set(ast.literal_eval(node.value))
    raise AssertionError("config/aws_config.py defines no PARAMETER_NAMES")


def test_the_seed_profile_reads_the_origin_secret_from_ssm() -> None:
    assert "ORIGIN_VERIFY_SECRET" in _parameter_names()


def _terraform(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["terraform", f"-chdir={ROOT}", *args, "-no-color"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode not in {0, 2}:
        pytest.fail(
            f"terraform {args[0]} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return result


@pytest.mark.skipif(
    shutil.which("terraform") is None or not PLUGIN_DIR.is_dir(),
    reason="terraform or the offline provider mirror is not installed",
)
def test_the_origin_secret_is_random_stored_once_and_stable_across_plans(
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
    _terraform("apply", "-auto-approve", env=env)
    # The moto server is thrown away with its resources: no destroy needed.
    secret = json.loads(state.read_text())["outputs"]["origin_verify_secret"]["value"]
    assert re.fullmatch(r"[A-Za-z0-9]{64}", secret)
    stored = boto3.client(
        "ssm",
        endpoint_url=moto_server,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).get_parameter(
        Name="/habit-tracker/origin-verify/ORIGIN_VERIFY_SECRET", WithDecryption=True
    )
    assert stored["Parameter"]["Value"] == secret
    assert stored["Parameter"]["Type"] == "SecureString"
    # The random source draws a new value on every plan; the parameter keeps the first, so
    # CloudFront's header and the app's secret never drift apart on a routine apply.
    plan = _terraform("plan", "-detailed-exitcode", env=env)
    assert plan.returncode == 0, plan.stdout[-4000:]
