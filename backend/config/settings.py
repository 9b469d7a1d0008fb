"""The one settings module: everything comes from the environment.

With nothing set, the app runs on SQLite and an in-process cache so `make run` works on a
fresh machine. DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis; DJANGO_ENV=production
turns on the deploy hardening. There is no second code path for production.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_origins, env_str
from core import static as static_rules

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("VAR_DIR") or REPO_DIR / "var")
FRONTEND_DIST = Path(env_str("FRONTEND_DIST") or REPO_DIR / "frontend" / "dist")

DJANGO_ENV = env_choice("DJANGO_ENV", "development", {"development", "production", "test"})
PRODUCTION = DJANGO_ENV == "production"
DEBUG = env_bool("DEBUG", False)
VERSION = env_str("APP_VERSION", "0.1.0")


# Values that are not secrets: the usual example values, among them the placeholder Terraform
# once wrote into SSM (it now draws a random key: infra/terraform/modules/params).
PLACEHOLDER_SECRET_KEYS = {"change-me", "changeme", "secret", "your-secret-key"}


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        if PRODUCTION:
            _refuse_a_weak_secret_key(key)
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production")
    # Local runs keep one generated key so sessions survive a restart.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def _refuse_a_weak_secret_key(key: str) -> None:
    # The same bar as Django's security.W009 check, which only warns (and only under
    # `check --deploy`): a forgeable key signs sessions, password-reset links and CSRF tokens.
    problem = ""
    if key.lower() in PLACEHOLDER_SECRET_KEYS:
        problem = "is a placeholder"
    elif key.startswith("django-insecure-"):
        problem = "is one of Django's generated development keys (django-insecure-)"
    elif len(key) < 50:
        problem = f"is {len(key)} characters long"
    elif len(set(key)) < 5:
        problem = f"has only {len(set(key))} distinct characters"
    if problem:
        raise ImproperlyConfigured(
            f"SECRET_KEY {problem}: when DJANGO_ENV=production it must be at least 50 random "
            "characters with at least 5 distinct ones (python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')"
        )


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must name the site's hosts when DJANGO_ENV=production"
    )
CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS")
CORS_ALLOWED_ORIGINS = env_origins("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_CREDENTIALS = True
CORS_URLS_REGEX = r"^/(api|health)/.*$"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "core",
    "users",
    "habits",
    "reminders",
    "integrations",
]

MIDDLEWARE = [
    "core.middleware.StripStagePrefixMiddleware",
    "core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    # Before every middleware that answers by itself, so its message is translated too; the API
    # switches to the account's language once authentication has loaded the user (core/locale.py).
    "core.locale.LocaleMiddleware",
    # Refuses requests that did not come through CloudFront (when ORIGIN_VERIFY_SECRET is set),
    # after the log and header middleware so that its 403 is logged and carries the headers.
    "core.middleware.OriginVerifyMiddleware",
    # After the header middleware, so that its 413 carries the security headers too.
    "core.middleware.BodySizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "core.middleware.ApiCsrfMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.JsonExceptionMiddleware",
]

# Benchmarks swap in a URLconf that adds a constant-response view beside the real routes.
ROOT_URLCONF = env_str("ROOT_URLCONF", "config.urls")
WSGI_APPLICATION = "config.wsgi.application"
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


SSL_MODES = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}


def _database() -> dict[str, object]:
    url = env_str("DATABASE_URL")
    if not url and env_str("DB_HOST"):
        config = _database_from_aws()
    else:
        if not url:
            VAR_DIR.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
        config = _database_from_url(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers proceed while one writer writes. IMMEDIATE takes the write lock at
        # BEGIN: a transaction that read first and then wrote could not wait for the lock and
        # would fail with "database is locked". A writer waits up to 20 s for the lock (below
        # gunicorn's 30-s timeout). synchronous=FULL syncs the WAL at every commit, so that an
        # acknowledged write survives a power cut as it does on PostgreSQL (NORMAL may roll
        # back the last commits); it costs one fsync per write (docs/RELIABILITY.md).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        }
        return config
    # Django's PostgreSQL backend, checking a reused connection at most once a second instead
    # of before every request, and taking credentials from Secrets Manager when the settings
    # name a secret (core/db/postgresql/base.py).
    config["ENGINE"] = "core.db.postgresql"
    config["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 600, minimum=0)
    config["CONN_HEALTH_CHECKS"] = True
    # Options from the URL (?sslmode=verify-full&sslrootcert=...) are kept; DB_SSLMODE and
    # DB_SSLROOTCERT override them. A short connect timeout makes a database restart fail
    # requests fast (503) instead of hanging workers.
    options = dict(config.get("OPTIONS") or {})  # type: ignore[call-overload]
    options["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 3, minimum=1)
    options.update(_database_tls(options))
    config["OPTIONS"] = options
    return config


def _database_from_url(url: str) -> dict[str, object]:
    scheme = urlparse(url).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must be a postgres:// or sqlite:// URL, got scheme {scheme or 'none'!r}"
        )
    try:
        return dict(dj_database_url.parse(url))
    except Exception as exc:  # dj-database-url raises several types for a malformed URL
        raise ImproperlyConfigured(f"DATABASE_URL could not be parsed: {exc}") from None


def _database_from_aws() -> dict[str, object]:
    # The secret RDS manages (manage_master_user_password) holds only the username and the
    # password, so the endpoint comes from the environment; the backend reads the
    # credentials when it connects, and again after a rotation (core/db/credentials.py).
    # Requests use the application role's secret; the master secret owns the schema and
    # is used for migrations and create_app_role only.
    owner_secret = env_str("DB_SECRET_ARN")
    app_secret = env_str("DB_APP_SECRET_ARN")
    if not owner_secret and not app_secret:
        raise ImproperlyConfigured(
            "DB_HOST is set but neither DB_APP_SECRET_ARN nor DB_SECRET_ARN names the "
            "Secrets Manager secret holding the database username and password"
        )
    return {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": env_str("DB_HOST"),
        "PORT": env_int("DB_PORT", 5432, minimum=1, maximum=65535),
        "NAME": env_str("DB_NAME") or "habits",
        "USER": "",
        "PASSWORD": "",
        "SECRET_ARN": app_secret or owner_secret,
        "OWNER_SECRET_ARN": owner_secret or app_secret,
    }


def _database_tls(url_options: dict[str, object]) -> dict[str, str]:
    tls: dict[str, str] = {}
    sslmode = env_str("DB_SSLMODE") or str(url_options.get("sslmode") or "")
    if sslmode:
        if sslmode not in SSL_MODES:
            source = "DB_SSLMODE" if env_str("DB_SSLMODE") else "DATABASE_URL's sslmode"
            raise ImproperlyConfigured(
                f"{source}={sslmode!r} is not one of: {', '.join(sorted(SSL_MODES))}"
            )
        tls["sslmode"] = sslmode
    rootcert = env_str("DB_SSLROOTCERT") or str(url_options.get("sslrootcert") or "")
    if rootcert:
        # libpq would only say "could not read root certificate file" on the first request.
        if not Path(rootcert).is_file():
            source = "DB_SSLROOTCERT" if env_str("DB_SSLROOTCERT") else "DATABASE_URL's sslrootcert"
            raise ImproperlyConfigured(f"{source}={rootcert!r} is not a readable file")
        tls["sslrootcert"] = rootcert
    if sslmode.startswith("verify-") and not rootcert:
        # libpq would look in ~/.postgresql/root.crt, which no deployment of ours has.
        raise ImproperlyConfigured(
            f"DB_SSLMODE={sslmode} needs DB_SSLROOTCERT, the CA bundle to verify the server with"
        )
    return tls


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    if urlparse(REDIS_URL).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://")
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A Redis outage must degrade to cache misses, never to errors.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ht"),
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A small per-process cache in front of the shared one, for values whose key names an immutable
# version (a rendered Today body under the user's data_version): it can never serve stale data.
LOCAL_CACHE_ENTRIES = env_int("LOCAL_CACHE_ENTRIES", 256, minimum=0)
CACHES["local"] = (
    {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "local",
        "OPTIONS": {"MAX_ENTRIES": LOCAL_CACHE_ENTRIES},
    }
    if LOCAL_CACHE_ENTRIES
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
)

# Sessions live in the cache and the database: losing Redis logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# What every gunicorn worker must see alike: sessions and login-failure counts. With Redis that
# is the default cache. Without it the default cache is each process's own: a session ended in
# one worker (logout) would live on in the others' copies, and a guesser whose connections
# reach four workers would get four times the login limit. Those values are kept in files
# under VAR_DIR instead, which every worker reads and writes alike (reliability/test_workers.py).
SHARED_CACHE_ALIAS = "default"
if not REDIS_URL:
    CACHES["shared"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "shared-cache"),
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
    SHARED_CACHE_ALIAS = "shared"
SESSION_CACHE_ALIAS = SHARED_CACHE_ALIAS
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 30, minimum=60)
SESSION_COOKIE_SAMESITE = env_choice("SESSION_COOKIE_SAMESITE", "Lax", {"Lax", "Strict", "None"})
CSRF_COOKIE_SAMESITE = SESSION_COOKIE_SAMESITE
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = ["users.backends.SessionUserBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# API messages and e-mails speak the person's language (core/locale.py, docs/decisions/0023):
# the account's, else the best Accept-Language match, else English. Django's codes are lower
# case; users.models.LANGUAGES stores "pt-BR", which core.locale maps to "pt-br".
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt-br", "Português (Brasil)"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# The built SPA is served from the site root; hashed files under assets/ are cached forever.
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.is_dir() else None
WHITENOISE_INDEX_FILE = True
WHITENOISE_IMMUTABLE_FILE_TEST = static_rules.is_immutable
WHITENOISE_ADD_HEADERS_FUNCTION = static_rules.add_headers

# Request bodies: JSON is small; imports are uploaded files with their own limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 50 * 1024 * 1024, minimum=1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

API_STAGE = env_str("API_STAGE")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOG_FORMAT = env_choice("LOG_FORMAT", "json" if PRODUCTION else "text", {"json", "text"})
LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.logging.JsonFormatter"},
        "text": {"()": "core.logging.TextFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Our middleware logs every request with its id; Django's own request logger would
        # log 4xx/5xx a second time without it.
        "django.request": {"handlers": [], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
    },
}

# Login throttling: failures per account and per client address within the window.
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 10, minimum=1)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 50, minimum=1)
LOGIN_THROTTLE_WINDOW = env_int("LOGIN_THROTTLE_WINDOW", 15 * 60, minimum=1)

# The client address (core/client_ip.py): how many proxies in front of the app append to
# X-Forwarded-For. 0 (`make run`) uses the socket's peer and ignores the header; on AWS it is 2,
# CloudFront and API Gateway (docs/decisions/0010).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=10)
# The value CloudFront sends in X-Origin-Verify; when set, requests without it are refused, so
# the execute-api URL cannot be used to go around CloudFront and the WAF.
ORIGIN_VERIFY_SECRET = env_str("ORIGIN_VERIFY_SECRET")
if ORIGIN_VERIFY_SECRET and len(ORIGIN_VERIFY_SECRET) < 32:
    raise ImproperlyConfigured("ORIGIN_VERIFY_SECRET must be at least 32 characters long")

# Requests to URLs a person chose (push endpoints, webhooks) go through core/outbound.py, which
# refuses plain http and loopback, private and link-local addresses unless this allows them
# (a push service or webhook receiver on the developer's machine). Metadata addresses never.
OUTBOUND_ALLOW_PRIVATE = env_bool("OUTBOUND_ALLOW_PRIVATE", not PRODUCTION)
# Web Push's VAPID key pair (base64url, as `vapid --gen --applicationServerKey` prints it) and
# the contact push services see (mailto: or https:). Outside production a pair is generated
# once into VAR_DIR when these are unset; production refuses to start without them (reminders.E001).
VAPID_PRIVATE_KEY = env_str("VAPID_PRIVATE_KEY")
VAPID_PUBLIC_KEY = env_str("VAPID_PUBLIC_KEY")
VAPID_SUBJECT = env_str("VAPID_SUBJECT")

# E-mail: password-reset and e-mail-change links (users/recovery.py) and reminder e-mails.
# The console backend prints every message to the log, so a self-hoster without a mail server
# still sees the link; EMAIL_BACKEND=smtp sends through EMAIL_HOST (on AWS, Amazon SES's SMTP
# interface: docs/deploy.md). A full dotted path names any other backend.
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}


def _email_backend() -> str:
    value = env_str("EMAIL_BACKEND") or "console"
    if value in EMAIL_BACKENDS:
        return EMAIL_BACKENDS[value]
    if "." not in value:
        raise ImproperlyConfigured(
            f"EMAIL_BACKEND={value!r} is not one of {', '.join(sorted(EMAIL_BACKENDS))} "
            "nor a dotted path to an e-mail backend class"
        )
    return value


def _site_url() -> str:
    # Every link in an e-mail is built from this, never from the request's Host header: a
    # forged Host would otherwise send a reset link pointing at someone else's server.
    url = env_str("SITE_URL")
    if not url:
        if PRODUCTION:
            # The first host production answers to is the site's name (Terraform lists the
            # domain first); a wildcard names no single site.
            host = ALLOWED_HOSTS[0]
            if host.startswith(".") or "*" in host:
                raise ImproperlyConfigured(
                    "SITE_URL must be set when DJANGO_ENV=production and ALLOWED_HOSTS starts "
                    f"with a wildcard ({host!r}): e-mailed links need the site's address"
                )
            return f"https://{host}"
        host = env_str("HOST") or "127.0.0.1"
        if host in {"0.0.0.0", "::"}:  # noqa: S104 - a listening address, not a binding
            host = "127.0.0.1"
        return f"http://{host}:{env_int('PORT', 8000, minimum=1, maximum=65535)}"
    parsed = urlparse(url)
    if (
        parsed.scheme not in {"http", "https"}
        or not parsed.hostname
        or parsed.query
        or parsed.fragment
        or parsed.username
    ):
        raise ImproperlyConfigured(
            f"SITE_URL={url!r} is not a public base URL like https://habits.example.com"
        )
    return url.rstrip("/")


EMAIL_BACKEND = _email_backend()
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (implicit TLS, port 465) "
        "exclude each other: set one"
    )
EMAIL_PORT = env_int(
    "EMAIL_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25, minimum=1, maximum=65535
)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
# Django waits forever by default: a mail server that hangs would hang the request with it.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1, maximum=120)
SITE_URL = _site_url()
# The sender defaults to an address at the site's domain (an IP address has none).
_site_host = urlparse(SITE_URL).hostname or ""
_mail_domain = _site_host if "." in _site_host and not _site_host[-1].isdigit() else "localhost"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or f"Habit Tracker <no-reply@{_mail_domain}>"
if "@" not in DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured(
        f"DEFAULT_FROM_EMAIL={DEFAULT_FROM_EMAIL!r} is not an address like "
        "'Habit Tracker <no-reply@habits.example.com>'"
    )
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Password-reset links (Django's PasswordResetTokenGenerator) are valid for one hour.
PASSWORD_RESET_TIMEOUT = 60 * 60
# E-mail-change links, sent to an inbox the person may first have to open elsewhere: one day.
EMAIL_CHANGE_TIMEOUT = 24 * 60 * 60
# Password-reset and e-mail-change requests accepted per address and per client address in an
# hour (users/throttle.py); more answer 429 with Retry-After. Logging in is never affected.
RECOVERY_REQUESTS_PER_ADDRESS = env_int("RECOVERY_REQUESTS_PER_ADDRESS", 5, minimum=1)
RECOVERY_REQUESTS_PER_CLIENT = env_int("RECOVERY_REQUESTS_PER_CLIENT", 20, minimum=1)

# Personal API tokens (integrations/, docs/decisions/0018): requests each token may make per
# minute (more answer 429 with Retry-After), counted in the cache every worker shares.
API_TOKEN_REQUESTS_PER_MINUTE = env_int("API_TOKEN_REQUESTS_PER_MINUTE", 300, minimum=1)

NINJA_PAGINATION_PER_PAGE = 100

# Background work (docs/decisions/0017): tasks defined with django_tasks' @task in <app>/tasks.py
# are stored in the database by .enqueue() and run by `manage.py db_worker` (started by
# `make run`) or, on AWS, drained by the Lambda's minute invocation (config/lambda_handler.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Plain callables fn(now) -> int (the number of things done) that the minute scheduler
# (`manage.py run_scheduler`) and the Lambda's EventBridge Scheduler event call once a minute.
PERIODIC_TASKS = [
    "reminders.tasks.dispatch_due_reminders",
    "core.worker.worker_prune",
    # Queues webhook endpoints with due messages: retries, and the at-least-once backstop.
    "integrations.tasks.webhooks_sweep",
]
# Days finished tasks (reminder sends, with their result or error) are kept for inspection.
TASK_RESULTS_KEEP_DAYS = env_int("TASK_RESULTS_KEEP_DAYS", 7, minimum=1)
# /health/ reports the worker "late" when its last heartbeat (core/worker.py) is older than this.
WORKER_LATE_AFTER = env_int("WORKER_LATE_AFTER", 180, minimum=60)
