from __future__ import annotations

import re
from typing import Any

import boto3
import hcl2
import pytest

from config.settings import PLACEHOLDER_SECRET_KEYS
from core.tests.helpers import BACKEND, run_django

PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "k" * 20 + "production-secret-key-for-a-test-0123456789abcdefghij",
    "ALLOWED_HOSTS": "habits.example.com",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/habits",
    # A mail server on the machine itself (core/tests/test_settings_email.py covers the rest).
    "EMAIL_BACKEND": "smtp",
    # Web Push (reminders.E001): a key of the form Terraform draws (43 letters and digits).
    "VAPID_PRIVATE_KEY": "Vapid0PrivateKey0For0A0Test0" + "x7" * 7 + "q",
    "VAPID_SUBJECT": "mailto:ops@habits.example.com",
}


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "nonsense"),
        ("REDIS_URL", "http://cache"),
        ("DEBUG", "maybe"),
        ("SESSION_COOKIE_SAMESITE", "Sometimes"),
        ("CSRF_TRUSTED_ORIGINS", "not-an-origin"),
        ("DB_CONN_MAX_AGE", "ten"),
        ("DB_SSLMODE", "sometimes"),
        ("DB_SSLROOTCERT", "/nowhere/global-bundle.pem"),
    ],
)
def test_it_refuses_to_start_with_a_bad_value_and_names_the_variable(
    variable: str, value: str
) -> None:
    result = run_django("", **{"DATABASE_URL": "postgres://u@db:5432/x", variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = PRODUCTION | {"SECRET_KEY": ""}
    result = run_django("", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("change-me", "placeholder"),
        ("django-insecure-" + "x7Gq2LpT9vWc4NzR8mKb1HyF6dJs3AeU0oPi5tYl", "django-insecure-"),
        ("Kx81mQz0vLp3Wr7Tb2Yh5Nc9Fd4Gs6Aj0Ue1Io8Pl2Mn7Bv3C", "49 characters"),
        ("abcd" * 20, "4 distinct characters"),
    ],
)
def test_production_refuses_a_placeholder_or_weak_secret_key_naming_secret_key(
    key: str, problem: str
) -> None:
    result = run_django("", **(PRODUCTION | {"SECRET_KEY": key}))

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY" in result.stderr
    assert problem in result.stderr
    assert key not in result.stderr  # a real key that is merely short must not reach the logs


def _params_module() -> dict[str, Any]:
    """infra/terraform/modules/params/main.tf as {block type: {type: {name: arguments}}}."""
    text = (BACKEND.parent / "infra" / "terraform" / "modules" / "params" / "main.tf").read_text()
    blocks: dict[str, Any] = {}
    for kind in ("resource", "data"):
        for block in hcl2.loads(text).get(kind, []):
            for type_, named in block.items():
                for name, arguments in named.items():
                    blocks.setdefault(kind, {}).setdefault(type_.strip('"'), {})[
                        name.strip('"')
                    ] = arguments
    return blocks


def test_terraform_writes_a_drawn_secret_key_into_ssm_not_a_placeholder() -> None:
    # A placeholder in SSM stopped the first deploy until someone set the key by hand.
    module = _params_module()
    parameter = module["resource"]["aws_ssm_parameter"]["secret_key"]
    assert parameter["value"] == (
        "${data.aws_secretsmanager_random_password.secret_key.random_password}"
    )
    # The draw changes on every plan: the first value must stay.
    assert parameter["lifecycle"][0]["ignore_changes"] == ["value"]
    # Nor does any other module or environment set a placeholder as a value.
    for path in (BACKEND.parent / "infra" / "terraform").rglob("*.tf"):
        literals = re.findall(r'^\s*value\s*=\s*"([^"]*)"', path.read_text(), re.M)
        assert not PLACEHOLDER_SECRET_KEYS & {v.lower() for v in literals}, path


def test_production_accepts_the_secret_key_terraform_draws(aws: str) -> None:
    # The arguments the module gives GetRandomPassword, through moto's implementation of it.
    draw = _params_module()["data"]["aws_secretsmanager_random_password"]["secret_key"]
    arguments = {
        "".join(word.capitalize() for word in name.split("_")): value
        for name, value in draw.items()
        if name != "__is_block__"
    }
    assert arguments["PasswordLength"] >= 50
    key = boto3.client("secretsmanager").get_random_password(**arguments)["RandomPassword"]

    result = run_django(
        "from django.conf import settings; print(len(settings.SECRET_KEY))",
        **(PRODUCTION | {"SECRET_KEY": key}),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(arguments["PasswordLength"])]


def test_terraform_draws_the_vapid_key_once_and_the_lean_profile_passes_it_on() -> None:
    module = _params_module()
    parameter = module["resource"]["aws_ssm_parameter"]["vapid_private_key"]
    assert parameter["name"].strip('"') == "${var.prefix}VAPID_PRIVATE_KEY"
    assert parameter["value"] == (
        "${data.aws_secretsmanager_random_password.vapid_private_key.random_password}"
    )
    # A new key would strand every browser's subscription: the first draw stays.
    assert parameter["lifecycle"][0]["ignore_changes"] == ["value"]
    staging = (BACKEND.parent / "infra" / "terraform" / "envs" / "staging" / "main.tf").read_text()
    assert "VAPID_PRIVATE_KEY = module.params.vapid_private_key" in staging
    assert "VAPID_SUBJECT = " in staging


def test_production_signs_pushes_with_the_vapid_key_terraform_draws(aws: str) -> None:
    # The arguments the module gives GetRandomPassword, through moto's implementation of it.
    draw = _params_module()["data"]["aws_secretsmanager_random_password"]["vapid_private_key"]
    arguments = {
        "".join(word.capitalize() for word in name.split("_")): value
        for name, value in draw.items()
        if name != "__is_block__"
    }
    client = boto3.client("secretsmanager")
    # The largest value the alphabet allows ("9" is base64url 61) is still below the order.
    keys = ["9" * arguments["PasswordLength"]] + [
        client.get_random_password(**arguments)["RandomPassword"] for _ in range(8)
    ]
    code = (
        "import sys\n"
        "from django.core.management import call_command\n"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')\n"
        "from cryptography.hazmat.primitives.asymmetric import ec\n"
        "from cryptography.hazmat.primitives import hashes\n"
        "from reminders.push import _b64url_decode, push_vapid_public_key, vapid_keys\n"
        "keys = vapid_keys()\n"
        "point = _b64url_decode(push_vapid_public_key())\n"
        "public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)\n"
        "signature = keys.vapid.private_key.sign(b'probe', ec.ECDSA(hashes.SHA256()))\n"
        "public.verify(signature, b'probe', ec.ECDSA(hashes.SHA256()))\n"
        "print(len(point), keys.subject)\n"
    )
    for key in keys:
        result = run_django(code, **(PRODUCTION | {"VAPID_PRIVATE_KEY": key}))

        assert result.returncode == 0, (key, result.stderr)
        assert result.stdout.splitlines()[-1].split() == ["65", "mailto:ops@habits.example.com"]


def test_development_accepts_a_short_secret_key() -> None:
    result = run_django("", SECRET_KEY="change-me", DATABASE_URL="")

    assert result.returncode == 0, result.stderr


def test_production_passes_the_deploy_check_without_warnings() -> None:
    code = (
        "from django.core.management import call_command\n"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')\n"
        "from django.conf import settings\n"
        "assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE\n"
        "assert settings.SECURE_HSTS_SECONDS > 0\n"
        "assert settings.SECURE_PROXY_SSL_HEADER == ('HTTP_X_FORWARDED_PROTO', 'https')\n"
    )
    result = run_django(code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr


def test_it_uses_postgres_with_persistent_health_checked_connections() -> None:
    code = (
        "from django.conf import settings\n"
        "db = settings.DATABASES['default']\n"
        "print(db['ENGINE'], db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])\n"
    )
    result = run_django(code, DATABASE_URL="postgres://u:p@db.internal:5432/habits")
    assert result.stdout.split() == ["core.db.postgresql", "600", "True"]


def test_on_aws_the_endpoint_comes_from_db_host_and_the_credentials_from_the_secrets() -> None:
    code = (
        "from django.conf import settings\n"
        "db = settings.DATABASES['default']\n"
        "print(db['HOST'], db['PORT'], db['NAME'], repr(db['USER']), repr(db['PASSWORD']),"
        " db['SECRET_ARN'], db['OWNER_SECRET_ARN'], db['OPTIONS']['sslmode'])\n"
    )
    result = run_django(
        code,
        DATABASE_URL="",
        DB_HOST="habits.cluster-x.us-east-1.rds.amazonaws.com",
        DB_PORT="5433",
        DB_NAME="tracker",
        DB_SECRET_ARN="arn:owner",
        DB_APP_SECRET_ARN="arn:app",
        DB_SSLMODE="require",
    )
    assert result.stdout.split() == [
        "habits.cluster-x.us-east-1.rds.amazonaws.com",
        "5433",
        "tracker",
        "''",
        "''",
        "arn:app",
        "arn:owner",
        "require",
    ], result.stderr


def test_db_host_without_a_secret_stops_start_up_naming_the_secret_variables() -> None:
    result = run_django("", DATABASE_URL="", DB_HOST="db.internal", DB_SECRET_ARN="")

    assert result.returncode != 0
    assert "DB_SECRET_ARN" in result.stderr


def test_it_uses_sqlite_and_a_local_cache_when_nothing_is_set(tmp_path: object) -> None:
    code = (
        "from django.conf import settings\n"
        "print(settings.DATABASES['default']['ENGINE'], settings.CACHES['default']['BACKEND'])\n"
    )
    result = run_django(code, DATABASE_URL="", REDIS_URL="", VAR_DIR=str(tmp_path))
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_it_accepts_a_tls_redis_url() -> None:
    code = "from django.conf import settings\nprint(settings.CACHES['default']['LOCATION'])\n"
    result = run_django(code, REDIS_URL="rediss://cache.internal:6379/0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "rediss://cache.internal:6379/0"


def test_it_keeps_one_generated_secret_key_for_local_runs(tmp_path: object) -> None:
    code = "from django.conf import settings\nprint(settings.SECRET_KEY)\n"
    first = run_django(code, SECRET_KEY="", VAR_DIR=str(tmp_path)).stdout
    second = run_django(code, SECRET_KEY="", VAR_DIR=str(tmp_path)).stdout
    assert len(first.strip()) >= 50
    assert first == second


@pytest.mark.parametrize(
    ("entries", "backend"),
    [
        ("", "locmem.LocMemCache 256"),
        ("0", "dummy.DummyCache None"),
        ("50", "locmem.LocMemCache 50"),
    ],
)
def test_the_per_process_cache_holds_local_cache_entries_or_is_off_at_zero(
    entries: str, backend: str
) -> None:
    code = (
        "from django.conf import settings\n"
        "local = settings.CACHES['local']\n"
        "print(local['BACKEND'].removeprefix('django.core.cache.backends.'),"
        " local.get('OPTIONS', {}).get('MAX_ENTRIES'))\n"
    )
    result = run_django(code, LOCAL_CACHE_ENTRIES=entries)
    assert result.stdout.split() == backend.split(), result.stderr


def test_a_gunicorn_worker_loads_the_api_before_its_first_request_and_lambda_does_not() -> None:
    # The API is imported lazily so that a cold Lambda's /health/ stays fast; a gunicorn
    # worker loads it in post_worker_init, so its first request is not a second slower.
    code = (
        "import runpy, sys\n"
        "from django.test import Client\n"
        "Client().get('/health/')\n"
        "print('ninja' in sys.modules)\n"
        "runpy.run_path('gunicorn.conf.py')['post_worker_init'](None)\n"
        "print('ninja' in sys.modules, 'config.api' in sys.modules)\n"
    )
    result = run_django(code, ALLOWED_HOSTS="testserver")
    assert result.stdout.split() == ["False", "True", "True"], result.stderr
