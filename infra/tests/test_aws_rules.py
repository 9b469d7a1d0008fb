"""The Terraform against rules AWS enforces and moto does not (aws_rules.py), read from the
HCL. test_moto_apply.py checks the same rules on what an apply actually created."""

from __future__ import annotations

import json
import os
import re
import subprocess
from functools import cache
from typing import Any

import pytest
from aws_rules import (
    cloudfront_path_pattern_matches,
    cloudwatch_statistic_problem,
    http_api_route_for,
    http_api_route_key_problems,
    rds_identifier_problem,
)
from conftest import APP_REQUESTS, RDS_CA_BUNDLE, REPO, SPA_PATHS


# ---------------------------------------------------------------- API Gateway routes


@pytest.mark.parametrize(
    "route_key",
    [
        "$default",
        "ANY /{proxy+}",
        "GET /",
        "ANY /api/{proxy+}",
        "GET /health",
        "GET /pets/{petID}",
        "POST /a.b/c_d-e/{id}/{rest+}",
    ],
)
def test_the_route_key_rules_accept_what_aws_documents(route_key: str) -> None:
    assert http_api_route_key_problems(route_key) == []


@pytest.mark.parametrize(
    "route_key",
    [
        "GET /health/",  # a path may not end in "/"
        "ANY /admin/",
        "GET health",  # nor start without one
        "FETCH /health",  # not an HTTP method
        "get /health",  # methods are upper case
        "GET  /health",  # one space
        "GET",
        "$connect",  # WebSocket APIs only
        "ANY /{proxy+}/more",  # greedy only at the end
        "GET /a//b",
        "GET /a/b{id}",  # a variable is a whole segment
        "GET /{id}/{id}",
    ],
)
def test_the_route_key_rules_refuse_what_aws_refuses(route_key: str) -> None:
    assert http_api_route_key_problems(route_key)


def test_http_api_route_keys_are_ones_aws_accepts(modules: dict[str, Any]) -> None:
    routes = modules["api"]["locals"]["routes"]
    assert isinstance(routes, list), "routes must be a literal list"
    assert routes
    problems = [
        problem for key in routes for problem in http_api_route_key_problems(key)
    ]
    assert problems == []
    route = modules["api"]["resource"]["aws_apigatewayv2_route"]["this"]
    assert route["for_each"] == "${toset(local.routes)}"
    assert route["route_key"] == "${each.value}"


def test_a_greedy_route_does_not_serve_its_parent_path() -> None:
    # What made ANY /admin/{proxy+} miss /admin/, and why the sample requests must be
    # matched the way API Gateway matches them.
    routes = ["ANY /admin/{proxy+}", "GET /health"]
    assert http_api_route_for(routes, "GET", "/admin/") is None
    assert http_api_route_for(routes, "GET", "/admin/login/") == "ANY /admin/{proxy+}"
    assert http_api_route_for(routes, "GET", "/health/") is None
    assert http_api_route_for([*routes, "$default"], "GET", "/admin/") == "$default"


@pytest.mark.parametrize(("method", "path"), APP_REQUESTS)
def test_api_gateway_routes_every_request_the_app_serves_to_the_function(
    modules: dict[str, Any], method: str, path: str
) -> None:
    api = modules["api"]
    routes = api["locals"]["routes"]
    assert http_api_route_for(routes, method, path) is not None, (
        f"{method} {path}: no route matches, API Gateway answers 404 without calling Django"
    )
    # Every route goes to the one integration, so whatever route matched reaches Django.
    assert api["resource"]["aws_apigatewayv2_route"]["this"]["target"] == (
        "integrations/${aws_apigatewayv2_integration.this.id}"
    )


@cache
def _django_url_map() -> dict[str, Any]:
    """The app's own URL prefixes and how it resolves the sample paths (a subprocess, so
    that Django's settings stay out of this test process)."""
    script = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.urls import Resolver404, get_resolver, resolve
resolved = {}
for path in json.loads(sys.argv[1]):
    try:
        match = resolve(path)
        resolved[path] = match.url_name or match.view_name
    except Resolver404:
        resolved[path] = None
print(json.dumps({
    "static_url": settings.STATIC_URL,
    "prefixes": [str(p.pattern) for p in get_resolver().url_patterns],
    "resolved": resolved,
}))
"""
    paths = sorted({path for _, path in APP_REQUESTS} | set(SPA_PATHS))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(
        [
            str(REPO / "backend" / ".venv" / "bin" / "python"),
            "-c",
            script,
            json.dumps(paths),
        ],
        cwd=REPO / "backend",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return dict(json.loads(result.stdout))


def test_the_sample_requests_cover_every_prefix_the_app_serves() -> None:
    urls = _django_url_map()
    static_url = urls["static_url"]
    for method, path in APP_REQUESTS:
        if path.startswith(static_url):
            continue  # WhiteNoise serves these before URL resolution
        assert urls["resolved"][path] not in (None, "spa"), (
            f"{method} {path} is not an app path"
        )
    for path in SPA_PATHS:
        assert urls["resolved"][path] == "spa", path
    # A prefix added to config/urls.py needs a sample here (and a CloudFront behaviour).
    prefixes = [p for p in urls["prefixes"] if not p.startswith("^")]
    for prefix in [*prefixes, static_url.lstrip("/")]:
        assert any(path.startswith("/" + prefix) for _, path in APP_REQUESTS), prefix


# ---------------------------------------------------------------- CloudFront behaviours


def _cache_behaviours(web: dict[str, Any]) -> list[dict[str, Any]]:
    """Ordered cache behaviours, dynamic blocks expanded from the locals they iterate."""
    distribution = web["resource"]["aws_cloudfront_distribution"]["this"]
    behaviours = list(distribution.get("ordered_cache_behavior", []))
    for dynamic in distribution.get("dynamic", []):
        block = dynamic.get("ordered_cache_behavior")
        if block is None:
            continue
        source = re.fullmatch(r"\$\{local\.(\w+)\}", block["for_each"])
        assert source, f"cannot expand for_each = {block['for_each']}"
        (content,) = block["content"]
        for value in web["locals"][source.group(1)]:
            expanded = dict(content)
            assert content["path_pattern"] == "${ordered_cache_behavior.value}"
            expanded["path_pattern"] = value
            behaviours.append(expanded)
    return behaviours


@pytest.mark.parametrize(("method", "path"), APP_REQUESTS)
def test_cloudfront_sends_every_request_the_app_serves_to_the_api_origin(
    modules: dict[str, Any], method: str, path: str
) -> None:
    matching = [
        b
        for b in _cache_behaviours(modules["web"])
        if cloudfront_path_pattern_matches(b["path_pattern"], path)
    ]
    # Without a matching ordered behaviour the default one sends it to the site bucket.
    assert matching, f"{method} {path} would be served from S3"
    for behaviour in matching:
        assert behaviour["target_origin_id"] == "${local.api_origin_id}", behaviour
        assert method in behaviour["allowed_methods"], (
            behaviour["path_pattern"],
            method,
        )


@pytest.mark.parametrize("path", SPA_PATHS)
def test_cloudfront_leaves_client_side_routes_to_the_site_bucket(
    modules: dict[str, Any], path: str
) -> None:
    assert not [
        b["path_pattern"]
        for b in _cache_behaviours(modules["web"])
        if cloudfront_path_pattern_matches(b["path_pattern"], path)
    ]


# ---------------------------------------------------------------- database in transit


def test_aurora_refuses_connections_without_tls(modules: dict[str, Any]) -> None:
    group = modules["database"]["resource"]["aws_rds_cluster_parameter_group"]["this"]
    parameters = {p["name"]: p for p in group["parameter"]}
    assert parameters["rds.force_ssl"]["value"] == "1"
    # The group's family follows the engine's major version, or RDS refuses the pair.
    assert group["family"] == "aurora-postgresql${var.engine_version}"


def test_the_function_verifies_the_database_certificate_against_the_rds_ca_bundle(
    modules: dict[str, Any],
) -> None:
    api = modules["api"]
    variables = api["variable"]
    assert variables["db_sslmode"]["default"] == "verify-full"
    assert variables["db_sslrootcert"]["default"] == RDS_CA_BUNDLE
    environment = api["locals"]["database_environment"]
    assert environment["DB_SSLMODE"] == "${var.db_sslmode}"
    assert environment["DB_SSLROOTCERT"] == "${var.db_sslrootcert}"
    assert "local.database_environment" in api["locals"]["environment"]


def test_the_image_holds_the_rds_ca_bundle_where_the_function_looks_for_it() -> None:
    dockerfile = (REPO / "backend" / "Dockerfile").read_text()
    logical = re.sub(r"\\\n", " ", dockerfile)
    destinations = [
        line.split()[-1]
        for line in logical.splitlines()
        if re.match(r"\s*(ADD|COPY)\b", line) and "bundle.pem" in line
    ]
    assert RDS_CA_BUNDLE in destinations, (
        f"backend/Dockerfile must put the RDS CA bundle at {RDS_CA_BUNDLE} "
        f"(DB_SSLROOTCERT); it puts it at {destinations}"
    )


# ---------------------------------------------------------------- where the database is


def test_the_function_learns_where_the_database_is_from_terraform_not_the_secret(
    modules: dict[str, Any], staging: dict[str, Any]
) -> None:
    # The secret RDS manages holds only username and password.
    api_call = staging["module"]["api"]
    assert api_call["db_host"] == "${module.database.endpoint}"
    assert api_call["db_port"] == "${module.database.port}"
    assert api_call["db_name"] == "${module.database.database_name}"
    assert "module.database.master_user_secret_arn" in api_call["db_secret_arn"]
    assert "module.database.app_secret_arn" in api_call["db_app_secret_arn"]
    api_locals = modules["api"]["locals"]
    assert api_locals["database_environment"] | api_locals["secret_environment"] == {
        "DB_HOST": "${var.db_host}",
        "DB_PORT": "${tostring(var.db_port)}",
        "DB_NAME": "${var.db_name}",
        "DB_SSLMODE": "${var.db_sslmode}",
        "DB_SSLROOTCERT": "${var.db_sslrootcert}",
        "DB_SECRET_ARN": "${var.db_secret_arn}",
        "DB_APP_SECRET_ARN": "${var.db_app_secret_arn}",
    }
    # The module's DB_* win over variables of the same name passed in `environment`.
    merged = api_locals["environment"]
    assert merged.index("var.environment") < merged.index("local.database_environment")


def test_the_function_may_read_both_secrets_and_write_only_the_application_one(
    modules: dict[str, Any],
) -> None:
    policy = modules["api"]["data"]["aws_iam_policy_document"]["this"]
    statements = {
        d["statement"]["content"][0]["sid"]: d["statement"]["content"][0]
        for d in policy["dynamic"]
    }
    read = statements["DatabaseSecrets"]
    assert set(read["actions"]) == {
        "secretsmanager:GetSecretValue",
        "secretsmanager:DescribeSecret",
    }
    assert read["resources"] == ["${var.db_secret_arn}", "${var.db_app_secret_arn}"]
    write = statements["ApplicationSecretRotation"]
    assert write["resources"] == ["${var.db_app_secret_arn}"]
    assert all(action.startswith("secretsmanager:") for action in write["actions"])
    encrypt = statements["EncryptSecretVersions"]
    assert encrypt["actions"] == ["kms:GenerateDataKey"]
    assert encrypt["condition"][0]["variable"] == "kms:ViaService"


def test_the_application_secret_is_encrypted_with_the_key_and_holds_no_password_in_state(
    modules: dict[str, Any],
) -> None:
    resources = modules["database"]["resource"]
    secret = resources["aws_secretsmanager_secret"]["app"]
    assert secret["kms_key_id"] == "${var.kms_key_arn}"
    assert secret["name"] == "${var.name}-db-app"
    # create_app_role writes the value; a version from Terraform would sit in the state.
    assert "aws_secretsmanager_secret_version" not in resources


# ---------------------------------------------------------------- operations


def test_the_aurora_log_group_exists_before_the_cluster_with_retention_and_key(
    modules: dict[str, Any],
) -> None:
    database = modules["database"]
    group = database["resource"]["aws_cloudwatch_log_group"]["postgresql"]
    # RDS exports to /aws/rds/cluster/<cluster identifier>/<log type>.
    assert group["name"] == "${local.log_group_name}"
    assert (
        database["locals"]["log_group_name"]
        == "/aws/rds/cluster/${var.name}/postgresql"
    )
    assert group["retention_in_days"] == "${var.log_retention_in_days}"
    assert group["kms_key_id"] == "${var.kms_key_arn}"
    cluster = database["resource"]["aws_rds_cluster"]["this"]
    assert cluster["cluster_identifier"] == "${var.name}"
    assert cluster["enabled_cloudwatch_logs_exports"] == ["postgresql"]
    assert "${aws_cloudwatch_log_group.postgresql}" in cluster["depends_on"]


def test_a_deletion_always_takes_a_final_snapshot_with_a_name_used_once(
    modules: dict[str, Any],
) -> None:
    database = modules["database"]
    cluster = database["resource"]["aws_rds_cluster"]["this"]
    assert cluster["skip_final_snapshot"] is False
    assert cluster["final_snapshot_identifier"] == (
        "${var.name}-final-${terraform_data.final_snapshot_suffix.output}"
    )
    # A timestamp in the cluster itself would change on every plan; the suffix is fixed
    # when the cluster is created.
    assert "timestamp" not in str(cluster)
    suffix = database["resource"]["terraform_data"]["final_snapshot_suffix"]
    assert suffix["lifecycle"][0]["ignore_changes"] == ["input"]
    assert rds_identifier_problem("habit-tracker-staging-final-20250102030405") is None
    name_rule = database["variable"]["name"]["validation"][0]["condition"]
    assert "[a-z][a-z0-9-]" in name_rule


@pytest.mark.parametrize(
    ("identifier", "accepted"),
    [
        ("habit-tracker-staging-final-20250102030405", True),
        ("a", True),
        ("1-final", False),
        ("habit--final", False),
        ("habit-final-", False),
        ("habit_final", False),
    ],
)
def test_the_rds_identifier_rule_matches_what_rds_documents(
    identifier: str, accepted: bool
) -> None:
    assert (rds_identifier_problem(identifier) is None) is accepted


def test_the_engine_version_pins_only_the_major_so_minor_upgrades_cause_no_diff(
    modules: dict[str, Any],
) -> None:
    database = modules["database"]
    default = database["variable"]["engine_version"]["default"]
    assert re.fullmatch(r"\d+", default), default
    cluster = database["resource"]["aws_rds_cluster"]["this"]
    assert cluster["engine_version"] == "${var.engine_version}"
    instance = database["resource"]["aws_rds_cluster_instance"]["this"]
    assert instance["auto_minor_version_upgrade"] is True
    # An instance's version follows its cluster's; setting it would be one more diff.
    assert "engine_version" not in instance


# ---------------------------------------------------------------- alarms


@pytest.mark.parametrize(
    ("namespace", "metric", "statistic", "accepted"),
    [
        ("AWS/ElastiCache", "ElastiCacheProcessingUnits", "Sum", True),
        ("AWS/ElastiCache", "ElastiCacheProcessingUnits", "Average", False),
        ("AWS/Lambda", "Errors", "Average", False),
        ("AWS/Lambda", "Duration", "p99", True),
        ("AWS/Lambda", "Duration", "Sum", False),
        ("AWS/RDS", "DatabaseConnections", "Sum", False),
        ("AWS/RDS", "DatabaseConnections", "Maximum", True),
        ("AWS/Nowhere", "Something", "Sum", False),
    ],
)
def test_the_statistic_rules_match_what_each_metric_measures(
    namespace: str, metric: str, statistic: str, accepted: bool
) -> None:
    assert (
        cloudwatch_statistic_problem(namespace, metric, statistic) is None
    ) is accepted


def test_every_alarm_uses_the_statistic_that_matches_its_metric(
    modules: dict[str, Any],
) -> None:
    monitoring = modules["monitoring"]
    problems = [
        f"{name}: {problem}"
        for name, alarm in monitoring["locals"]["alarms"].items()
        if (
            problem := cloudwatch_statistic_problem(
                alarm["namespace"], alarm["metric"], alarm["statistic"]
            )
        )
    ]
    assert problems == []
    # Thresholds of counts are per period: one minute.
    alarm = monitoring["resource"]["aws_cloudwatch_metric_alarm"]["this"]
    assert alarm["period"] == 60
    assert "* 60 *" in monitoring["locals"]["alarms"]["redis-cpu"]["threshold"]
