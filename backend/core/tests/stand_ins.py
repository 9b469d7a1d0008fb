"""Helpers for the AWS stand-in (a moto server) shared by core's tests."""

from __future__ import annotations

import os
import urllib.request

import boto3

AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}


def reset_moto(endpoint: str) -> None:
    request = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")  # noqa: S310
    urllib.request.urlopen(request, timeout=5).close()  # noqa: S310 - local moto server


def rds_managed_secret(cluster: str = "habits") -> str:
    """The secret RDS creates for a cluster with ManageMasterUserPassword, as moto makes it.

    Its value has exactly the layout RDS writes: {"username": ..., "password": ...}.
    """
    created = boto3.client("rds").create_db_cluster(
        DBClusterIdentifier=cluster,
        Engine="aurora-postgresql",
        DatabaseName="habits",
        MasterUsername="admin",
        ManageMasterUserPassword=True,
    )["DBCluster"]
    return str(created["MasterUserSecret"]["SecretArn"])


def subprocess_environment(**overrides: str) -> dict[str, str]:
    """The test process's environment for a child running the app, without Django's or
    pytest's variables, with ``overrides`` on top."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    environ.update(overrides, DJANGO_SETTINGS_MODULE="config.settings")
    return environ
