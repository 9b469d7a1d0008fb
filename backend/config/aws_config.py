"""Configuration and database credentials held in AWS.

The Lambda handler calls ``load_aws_configuration()`` once, at cold start, before
``django.setup()``: with ``SSM_PARAMETER_PREFIX`` set, the parameters under that path
named in ``PARAMETER_NAMES`` become environment variables of the same name. A variable
that is already set explicitly wins over the value held in AWS, so an operator can
override one setting on the function (or locally) without touching the shared
parameters. Without the prefix the function returns at once and imports nothing, so
local runs and tests never load boto3.

The database credentials are not read here at cold start but by the database backend
when it opens a connection (``core/db/credentials.py``), because they change while a
container lives: RDS rotates the password of the secret it manages
(``manage_master_user_password``) every seven days. That secret holds only
``username`` and ``password``; the endpoint comes from ``DB_HOST``, ``DB_PORT`` and
``DB_NAME`` (``config/settings.py``). The functions below read and write such a secret.
"""

from __future__ import annotations

import json
import os
from collections.abc import MutableMapping
from typing import Any

PARAMETER_NAMES = (
    "REDIS_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "CORS_ALLOWED_ORIGINS",
    "ORIGIN_VERIFY_SECRET",
    # E-mail: links are built from SITE_URL; the SMTP password is a SecureString of its own.
    "SITE_URL",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
    # Web Push: the private key is drawn by Terraform (module params); the public key is
    # derived from it unless an operator sets it too.
    "VAPID_PRIVATE_KEY",
    "VAPID_PUBLIC_KEY",
    "VAPID_SUBJECT",
)
# Production refuses to start without these; failing here names the parameter
# instead of leaving Django to complain about an unrelated-looking setting.
REQUIRED_PARAMETERS = ("SECRET_KEY", "ALLOWED_HOSTS")

_loaded = False


class AwsConfigurationError(RuntimeError):
    """A secret or parameter the deployment promised is missing or unreadable."""


def load_aws_configuration(environ: MutableMapping[str, str] = os.environ) -> None:
    """Copy the SSM parameters into ``environ``, once per process."""
    global _loaded
    if _loaded:
        return
    prefix = environ.get("SSM_PARAMETER_PREFIX", "")
    if not prefix:
        return
    _load_parameters(_client("ssm"), prefix, environ)
    # Set only after success: a failed cold start is retried by Lambda with a
    # fresh process anyway, and a retried call in the same process should retry.
    _loaded = True


def _client(service: str) -> Any:
    # Imported here: boto3 costs ~100 ms to import and most processes never need it.
    import boto3
    from botocore.config import Config

    config = Config(
        connect_timeout=2, read_timeout=3, retries={"max_attempts": 2, "mode": "standard"}
    )
    return boto3.client(service, config=config)  # type: ignore[call-overload]


def read_credentials_secret(
    secret_arn: str, stage: str = "AWSCURRENT", *, missing_ok: bool = False
) -> tuple[str, str] | None:
    """The ``(username, password)`` of one stage of a secret in the RDS layout.

    With ``missing_ok``, None when the secret has no version in that stage: AWSPENDING
    exists only during a rotation, and the secret Terraform creates for the application
    role holds no value until ``create_app_role`` writes one.
    """
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        response = _client("secretsmanager").get_secret_value(
            SecretId=secret_arn, VersionStage=stage
        )
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code == "ResourceNotFoundException" and missing_ok:
            return None
        raise AwsConfigurationError(
            f"Cannot read the database secret {secret_arn} ({code or error})."
        ) from error
    except BotoCoreError as error:
        raise AwsConfigurationError(
            f"Cannot reach Secrets Manager for the database secret {secret_arn}: {error}"
        ) from error
    try:
        secret = json.loads(response["SecretString"])
        username, password = secret["username"], secret["password"]
    except (KeyError, TypeError, ValueError) as error:
        raise AwsConfigurationError(
            f"The database secret {secret_arn} is not the RDS JSON layout "
            '({"username": ..., "password": ...}).'
        ) from error
    if not isinstance(username, str) or not isinstance(password, str) or not username:
        raise AwsConfigurationError(
            f"The database secret {secret_arn} has no usable username and password."
        )
    return username, password


def stage_pending_credentials(secret_arn: str, username: str, password: str) -> str:
    """Write the credentials as the AWSPENDING version; return its version id."""
    from botocore.exceptions import BotoCoreError, ClientError

    body = json.dumps({"username": username, "password": password})
    try:
        response = _client("secretsmanager").put_secret_value(
            SecretId=secret_arn, SecretString=body, VersionStages=["AWSPENDING"]
        )
    except (BotoCoreError, ClientError) as error:
        raise AwsConfigurationError(
            f"Cannot write the database secret {secret_arn}: {error}"
        ) from error
    return str(response["VersionId"])


def promote_pending_credentials(secret_arn: str, version_id: str) -> None:
    """Make ``version_id`` the current version and clear AWSPENDING."""
    from botocore.exceptions import BotoCoreError, ClientError

    client = _client("secretsmanager")
    try:
        versions = client.describe_secret(SecretId=secret_arn).get("VersionIdsToStages", {})
        current = next((v for v, stages in versions.items() if "AWSCURRENT" in stages), None)
        if current != version_id:
            move: dict[str, str] = {"MoveToVersionId": version_id}
            if current:
                move["RemoveFromVersionId"] = current
            client.update_secret_version_stage(
                SecretId=secret_arn, VersionStage="AWSCURRENT", **move
            )
        client.update_secret_version_stage(
            SecretId=secret_arn, VersionStage="AWSPENDING", RemoveFromVersionId=version_id
        )
    except (BotoCoreError, ClientError) as error:
        raise AwsConfigurationError(
            f"Cannot promote the new version of the database secret {secret_arn}: {error}"
        ) from error


def _load_parameters(client: Any, prefix: str, environ: MutableMapping[str, str]) -> None:
    from botocore.exceptions import BotoCoreError, ClientError

    path = prefix if prefix.endswith("/") else prefix + "/"
    found: dict[str, str] = {}
    try:
        for page in client.get_paginator("get_parameters_by_path").paginate(
            Path=path, Recursive=False, WithDecryption=True
        ):
            for parameter in page["Parameters"]:
                found[parameter["Name"][len(path) :]] = parameter["Value"]
    except (BotoCoreError, ClientError) as error:
        raise AwsConfigurationError(
            f"Cannot read the SSM parameters under {path}: {error}"
        ) from error

    missing = [
        f"{path}{name}"
        for name in REQUIRED_PARAMETERS
        if name not in found and not environ.get(name)
    ]
    if missing:
        raise AwsConfigurationError(f"Missing required SSM parameter(s): {', '.join(missing)}.")
    for name in PARAMETER_NAMES:
        if name in found and not environ.get(name):
            environ[name] = found[name]
