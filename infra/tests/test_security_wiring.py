"""The security promises of the architecture, read from the Terraform source."""

from __future__ import annotations

import re
from typing import Any

from conftest import TERRAFORM

EXPECTED_ALARMS = {
    "api-5xx",
    "api-latency",
    "lambda-errors",
    "lambda-throttles",
    "aurora-connections",
    "aurora-cpu",
    "redis-cpu",
    "redis-memory",
}


def _all_tf_text() -> str:
    return "\n".join(
        p.read_text() for p in TERRAFORM.rglob("*.tf") if ".terraform" not in p.parts
    )


def test_only_the_nat_gateway_and_its_route_table_use_public_subnets(
    modules: dict[str, Any], staging: dict[str, Any]
) -> None:
    users = set()
    for module_name, module in modules.items():
        for type_name, by_name in module["resource"].items():
            for name, body in by_name.items():
                if "aws_subnet.public" in str(body):
                    users.add(f"{module_name}.{type_name}.{name}")

    assert users == {
        "network.aws_nat_gateway.this",
        "network.aws_route_table_association.public",
    }
    assert "public_subnet_ids" not in str(staging["module"])
    assert (
        modules["network"]["resource"]["aws_subnet"]["public"][
            "map_public_ip_on_launch"
        ]
        is False
    )


def test_the_database_admits_only_the_lambda_security_group(
    modules: dict[str, Any],
) -> None:
    _assert_ingress_only_from_app(modules["database"], ports=(5432, 5432))


def test_the_cache_admits_only_the_lambda_security_group(
    modules: dict[str, Any],
) -> None:
    _assert_ingress_only_from_app(modules["cache"], ports=(6379, 6380))


def _assert_ingress_only_from_app(
    module: dict[str, Any], *, ports: tuple[int, int]
) -> None:
    resources = module["resource"]
    rules = resources["aws_vpc_security_group_ingress_rule"]
    assert len(rules) == 1
    (rule,) = rules.values()
    assert rule["referenced_security_group_id"] == "${var.app_security_group_id}"
    assert (rule["from_port"], rule["to_port"]) == ports
    assert not {"cidr_ipv4", "cidr_ipv6", "prefix_list_id"} & rule.keys()
    assert "aws_security_group_rule" not in resources
    for group in resources["aws_security_group"].values():
        assert "ingress" not in group
        assert "egress" not in group


def test_staging_wires_one_app_security_group_to_lambda_database_and_cache(
    staging: dict[str, Any],
) -> None:
    app_group = "${module.network.app_security_group_id}"
    assert staging["module"]["database"]["app_security_group_id"] == app_group
    assert staging["module"]["cache"]["app_security_group_id"] == app_group
    assert staging["module"]["api"]["security_group_id"] == app_group
    assert (
        staging["module"]["api"]["subnet_ids"] == "${module.network.private_subnet_ids}"
    )
    assert (
        staging["module"]["database"]["subnet_ids"]
        == "${module.network.private_subnet_ids}"
    )
    assert (
        staging["module"]["cache"]["subnet_ids"]
        == "${module.network.private_subnet_ids}"
    )


def test_every_bucket_blocks_public_access(modules: dict[str, Any]) -> None:
    block = modules["bucket"]["resource"]["aws_s3_bucket_public_access_block"]["this"]
    flags = (
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
    )
    assert all(block[flag] is True for flag in flags)
    assert "aws_s3_bucket" not in {
        type_name
        for name, module in modules.items()
        if name != "bucket"
        for type_name in module["resource"]
    }, "buckets are made only through the bucket module"
    assert modules["web"]["module"]["bucket"]["source"] == "../bucket"
    assert modules["cicd"]["module"]["artifacts"]["source"] == "../bucket"


def test_the_site_bucket_is_read_only_by_the_distribution(
    modules: dict[str, Any],
) -> None:
    web = modules["web"]
    policy = web["data"]["aws_iam_policy_document"]["cloudfront_read"]["statement"][0]
    assert policy["actions"] == ["s3:GetObject"]
    assert policy["principals"][0]["identifiers"] == ["cloudfront.amazonaws.com"]
    assert policy["condition"][0]["values"] == [
        "${aws_cloudfront_distribution.this.arn}"
    ]


def test_the_cache_is_serverless_and_therefore_tls_only(
    modules: dict[str, Any],
) -> None:
    resources = modules["cache"]["resource"]
    assert set(resources) >= {"aws_elasticache_serverless_cache"}
    assert "aws_elasticache_replication_group" not in resources
    assert "aws_elasticache_cluster" not in resources
    assert modules["cache"]["output"]["redis_url"]["value"].startswith("rediss://")


def test_the_database_is_encrypted_private_and_manages_its_password(
    modules: dict[str, Any], staging: dict[str, Any]
) -> None:
    cluster = modules["database"]["resource"]["aws_rds_cluster"]["this"]
    assert cluster["storage_encrypted"] is True
    assert cluster["kms_key_id"] == "${var.kms_key_arn}"
    assert "manage_master_user_password" in cluster
    assert "publicly_accessible" not in str(modules["database"]["resource"])
    assert staging["module"]["database"]["master_password"] == (
        "${local.lean ? var.database_password : null}"
    )


def test_the_eight_alarms_of_the_seed_notify_the_topic(modules: dict[str, Any]) -> None:
    monitoring = modules["monitoring"]
    assert set(monitoring["locals"]["alarms"]) == EXPECTED_ALARMS
    alarm = monitoring["resource"]["aws_cloudwatch_metric_alarm"]["this"]
    assert alarm["for_each"] == "${local.alarms}"
    assert alarm["alarm_actions"] == ["${aws_sns_topic.this.arn}"]
    assert (
        monitoring["resource"]["aws_sns_topic"]["this"]["kms_master_key_id"]
        == "${var.kms_key_arn}"
    )


def test_api_gateway_can_only_send_http_events_to_the_lambda(
    modules: dict[str, Any],
) -> None:
    api = modules["api"]["resource"]
    (integration,) = api["aws_apigatewayv2_integration"].values()
    assert integration["integration_type"] == "AWS_PROXY"
    assert integration["payload_format_version"] == "2.0"
    # Every route (test_aws_rules.py checks them against AWS's rules) has this target.
    (route,) = api["aws_apigatewayv2_route"].values()
    assert route["target"] == "integrations/${aws_apigatewayv2_integration.this.id}"
    permission = api["aws_lambda_permission"]["api"]
    assert permission["source_arn"].endswith("/${var.stage_name}/*")


def test_the_lambda_role_grants_no_wildcard_actions(modules: dict[str, Any]) -> None:
    policy = modules["api"]["data"]["aws_iam_policy_document"]["this"]
    statements = list(policy.get("statement", []))
    for dynamic in policy.get("dynamic", []):
        statements += dynamic["statement"]["content"]
    for statement in statements:
        for action in statement["actions"]:
            assert "*" not in action, action


def test_every_variable_has_a_type_and_a_description() -> None:
    from conftest import load_hcl

    folders = [
        *sorted((TERRAFORM / "modules").iterdir()),
        TERRAFORM / "envs" / "staging",
    ]
    for folder in folders:
        for name, body in load_hcl(folder)["variable"].items():
            assert "type" in body, f"{folder.name}.{name} has no type"
            assert body.get("description"), f"{folder.name}.{name} has no description"


def test_every_module_has_the_standard_files_and_pins_the_provider() -> None:
    for folder in sorted((TERRAFORM / "modules").iterdir()):
        for file_name in (
            "main.tf",
            "variables.tf",
            "outputs.tf",
            "versions.tf",
            "README.md",
        ):
            assert (folder / file_name).is_file(), (
                f"{folder.name}/{file_name} is missing"
            )
        versions = (folder / "versions.tf").read_text()
        assert re.search(r'version\s*=\s*"~> 5\.100"', versions)
        assert re.search(r'required_version\s*=\s*">= 1\.5"', versions)


def test_no_account_id_or_domain_is_hard_coded_in_module_resources(
    modules: dict[str, Any],
) -> None:
    for name, module in modules.items():
        resources = str(module["resource"])
        assert not re.search(r"\b\d{12}\b", resources), name
        assert "example.com" not in resources, name


def test_every_checkov_skip_carries_a_reason() -> None:
    for line in _all_tf_text().splitlines():
        if "checkov:skip=" in line:
            assert re.search(r"checkov:skip=CKV2?_AWS_\d+:\S.{10,}", line), line
