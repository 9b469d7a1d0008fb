"""Fill the process environment from AWS before Django reads its settings.

The Lambda handler calls ``load_aws_configuration()`` once, at cold start, before
``django.setup()``. Configuration stays in ``settings.py`` (read from the
environment); this module only turns AWS-held values into environment variables:

* ``DB_SECRET_ARN``: a Secrets Manager secret in the layout RDS writes for
  ``manage_master_user_password`` (``host``, ``port``, ``username``, ``password``
  and, sometimes, ``dbname``) becomes ``DATABASE_URL``.
* ``SSM_PARAMETER_PREFIX``: the parameters under that path named in
  ``PARAMETER_NAMES`` become environment variables of the same name.

A variable that is already set explicitly wins over the value held in AWS, so an
operator can override one setting on the function (or locally) without touching
the shared parameters. When neither variable is set the function returns at once
and imports nothing, so local runs and tests never load boto3.
"""

from __future__ import annotations

import json
import os
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import quote

PARAMETER_NAMES = (
    "REDIS_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "CORS_ALLOWED_ORIGINS",
)
# Production refuses to start without these; failing here names the parameter
# instead of leaving Django to complain about an unrelated-looking setting.
REQUIRED_PARAMETERS = ("SECRET_KEY", "ALLOWED_HOSTS")
DEFAULT_DB_NAME = "habits"

_loaded = False


class AwsConfigurationError(RuntimeError):
    """A secret or parameter the deployment promised is missing or unreadable."""


def load_aws_configuration(environ: MutableMapping[str, str] = os.environ) -> None:
    """Copy the database secret and SSM parameters into ``environ``, once per process."""
    global _loaded
    if _loaded:
        return
    secret_arn = environ.get("DB_SECRET_ARN", "")
    prefix = environ.get("SSM_PARAMETER_PREFIX", "")
    if not secret_arn and not prefix:
        return
    # Imported here: boto3 costs ~100 ms to import and most processes never need it.
    import boto3
    from botocore.config import Config

    config = Config(
        connect_timeout=2, read_timeout=3, retries={"max_attempts": 2, "mode": "standard"}
    )
    if secret_arn:
        _load_database_url(boto3.client("secretsmanager", config=config), secret_arn, environ)
    if prefix:
        _load_parameters(boto3.client("ssm", config=config), prefix, environ)
    # Set only after success: a failed cold start is retried by Lambda with a
    # fresh process anyway, and a retried call in the same process should retry.
    _loaded = True


def _load_database_url(client: Any, secret_arn: str, environ: MutableMapping[str, str]) -> None:
    if environ.get("DATABASE_URL"):
        return
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        response = client.get_secret_value(SecretId=secret_arn)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        raise AwsConfigurationError(
            f"Cannot read the database secret {secret_arn} ({code or error})."
        ) from error
    except BotoCoreError as error:
        raise AwsConfigurationError(
            f"Cannot reach Secrets Manager for the database secret {secret_arn}: {error}"
        ) from error
    try:
        secret = json.loads(response["SecretString"])
        user, password, host = secret["username"], secret["password"], secret["host"]
    except (KeyError, TypeError, ValueError) as error:
        raise AwsConfigurationError(
            f"The database secret {secret_arn} is not the RDS JSON layout "
            "(host, port, username, password)."
        ) from error
    port = secret.get("port") or 5432
    dbname = secret.get("dbname") or environ.get("DB_NAME") or DEFAULT_DB_NAME
    environ["DATABASE_URL"] = (
        f"postgres://{quote(str(user), safe='')}:{quote(str(password), safe='')}"
        f"@{host}:{port}/{quote(str(dbname), safe='')}"
    )


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
