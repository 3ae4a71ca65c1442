"""Settings of every mode (config/settings/prod.py and dev.py add their own; see __init__.py).

Every environment variable is declared once, with its type and default, in the apps' ``conf.py``
(xinfang/core/conf.py); ``env`` holds their values, read and checked here: a value that does not parse
stops the start with a message naming the variable. docs/configuration.md is generated from them.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from xinfang.core import conf
from xinfang.core.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

if os.environ.get("XINFANG_LOCAL_SETTINGS"):  # earlier versions exec'd this file; nothing is lost quietly
    raise ImproperlyConfigured(
        "XINFANG_LOCAL_SETTINGS 已不再读取：请改用同名环境变量（字典用 JSON），或把该文件放到 "
        "config/settings/local.py / XINFANG_LOCAL_SETTINGS is no longer read: set the environment "
        "variables instead (JSON for dicts) or put the file at config/settings/local.py "
        "(docs/configuration.md)")

#: Every declared setting and environment variable: from the environment, else its declared default.
env = conf.environment()
# The declared Django settings (XINFANG_...), each from its environment variable or its default.
globals().update(conf.django_settings(env))

VAR_DIR = Path(env["XINFANG_VAR_DIR"])
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env["XINFANG_DEBUG"]

# Three independent keys (docs/security.md); in demo mode each has a public DEVELOPMENT-ONLY default
# derived from DEV_SECRET_KEY (config/settings/dev.py); production has none and refuses to start
# without its own keys (xinfang/core/security.py).
DEV_SECRET_KEY = "dev-insecure-xinfang-key-change-me"  # public, in the repository: development only
DEV_FIELD_KEY = base64.urlsafe_b64encode(
    hashlib.sha256(("field-encryption:" + DEV_SECRET_KEY).encode()).digest()).decode()
DEV_INDEX_KEY = DEV_SECRET_KEY
# Signing only (sessions, CSRF, password reset, the portal's challenge); rotate with
# XINFANG_SECRET_KEY_FALLBACKS (old keys still verify, nothing stored depends on it).
SECRET_KEY = env["XINFANG_SECRET_KEY"]
SECRET_KEY_FALLBACKS = env["XINFANG_SECRET_KEY_FALLBACKS"]
# Personal data at rest (ID and phone numbers, notification addresses): comma-separated Fernet keys,
# the first encrypts, all decrypt (MultiFernet); `manage.py rotate_keys` re-encrypts with the first.
FIELD_ENCRYPTION_KEYS = env["XINFANG_FIELD_KEYS"]
# XINFANG_INDEX_KEY (set above with the declared settings): HMAC key of the blind indexes (exact search
# by ID/phone number) and of the portal's hashes; XINFANG_INDEX_KEYS_OLD still accepted in a rotation.
ALLOWED_HOSTS = env["XINFANG_ALLOWED_HOSTS"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our static files (closed networks, CSP)
    "csp",
    "huey.contrib.djhuey",
    "xinfang.core",
    "xinfang.orgs",
    "xinfang.cases",
    "xinfang.deadlines",
    "xinfang.api",
    "xinfang.web",
    "xinfang.triage",
    "xinfang.resolution",
    "xinfang.documents",
    "xinfang.warning",
    "xinfang.portal",
    "xinfang.notifications",
    "xinfang.imports",
    "xinfang.suggestions",
    "xinfang.whistle",
    "xinfang.deliberation",
    "xinfang.servicepoints",
    "xinfang.riskreview",
    "xinfang.institutions",
    "xinfang.reviewboard",
    "xinfang.reception",
    "xinfang.joint",
    "xinfang.xborder",
    "xinfang.rollups",
]

MIDDLEWARE = [
    # first: request id and one log line per request; then /healthz, answered before the host check,
    # the HTTPS redirect, sessions and CSRF (the container probes it over http from inside)
    "xinfang.core.middleware.RequestLogMiddleware",
    "xinfang.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # static files served by the application itself (the container needs no separate web server)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xinfang.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xinfang.core.middleware.SessionLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): logged in with a code
    # roles that must use the second factor reach no page before setting it up / giving the code
    "xinfang.web.twofactor.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last: turns a lockout signalled by the authentication backend into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xinfang.web.context.ui_preferences",
                "xinfang.web.context.unread_messages",
            ],
        },
    },
]

# SQLite by default (one laptop, zero set-up); DATABASE_URL=postgres://... for production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'xinfang.sqlite3'}", conn_max_age=60
    )
}
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # an unreachable database fails a request (and /healthz) within seconds instead of hanging a worker
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env["XINFANG_DB_CONNECT_TIMEOUT"])
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite: wait for the write lock instead of failing, and keep writes durable.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"  # a leader lands on the dashboard, others on the queue
LOGOUT_REDIRECT_URL = "login"

# Staff passwords: long (XINFANG_PASSWORD_MIN_LENGTH), not like the username or name, not common, not
# all digits. (They apply where a person chooses a password: the password change page, the admin.)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": env["XINFANG_PASSWORD_MIN_LENGTH"]}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ("username", "display_name", "first_name", "last_name",
                                     "email")}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login protection (django-axes): after XINFANG_LOGIN_FAILURE_LIMIT failed logins for one account,
# or from one address, further logins are refused for XINFANG_LOGIN_COOLOFF_MINUTES. Failures are
# stored in the database, so every worker process sees them; the staff and the admin login alike.
AUTHENTICATION_BACKENDS = [
    "xinfang.web.auth.LockoutBackend",  # django-axes, see xinfang/web/auth.py
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env["XINFANG_LOGIN_FAILURE_LIMIT"]
AXES_COOLOFF_TIME = dt.timedelta(minutes=env["XINFANG_LOGIN_COOLOFF_MINUTES"])
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "xinfang.core.clientip.client_ip"  # the real client behind a trusted proxy
AXES_VERBOSE = False
# XINFANG_TRUSTED_PROXIES (declared, set above): the reverse proxies whose X-Forwarded-For is believed
# (xinfang/core/clientip.py), for the login lockout, the portal's per-address limits and the logs.
# Second factor (TOTP): accounts with a confirmed device (set up on 两步验证, /accounts/two-factor/, or
# admin → TOTP devices) must give the code at the staff and the admin login (xinfang/web/auth.py);
# XINFANG_OTP_REQUIRED_ROLES (declared; production default in prod.py) must use it. The issuer:
OTP_TOTP_ISSUER = env["XINFANG_OTP_ISSUER"]
if [r.lower() for r in XINFANG_OTP_REQUIRED_ROLES] == ["none"]:  # noqa: F821 (declared above)
    XINFANG_OTP_REQUIRED_ROLES = []

# Chinese first: the law and the users speak Chinese; English is the translation.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic's target, served by WhiteNoise; the container keeps it in the image (/app/static),
# outside the data volume, so that an upgraded image brings its own files.
STATIC_ROOT = Path(env["XINFANG_STATIC_ROOT"] or VAR_DIR / "static")
try:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at start-up when it is missing
except OSError:  # a read-only image
    pass
# production: content-hashed, gzipped names that browsers may cache for a year (xinfang/core/staticfiles.py);
# XINFANG_STATIC_STORAGE=manifest|plain overrides the mode's choice (the container's build collects
# for production in demo mode)
static_storages = {"manifest": "xinfang.core.staticfiles.StaticStorage",
                   "plain": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def storages(default_static: str) -> dict:
    """STORAGES with the static files stored as XINFANG_STATIC_STORAGE says, else `default_static`."""
    return {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": static_storages[env["XINFANG_STATIC_STORAGE"] or default_static]}}



MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    # a role that must use the second factor: only through a verified browser session, never a token
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated",
                                   "xinfang.api.permissions.SecondFactor"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "xinfang.api.views.handle_exception",
    # JSON only: a form-encoded or multipart body would reach the forms as lists (stored as repr)
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Reading many petitioners' identities is rate-limited per user (shared cache: every process
    # counts together); a bulk read is also logged (xinfang.api.views.CaseListCreate).
    "DEFAULT_THROTTLE_RATES": {"case-list": env["XINFANG_API_LIST_RATE"]},
}
# (XINFANG_IDEMPOTENCY_DAYS: idempotency records keep a copy of the answer, a whole case; deleted after.)
SPECTACULAR_SETTINGS = {
    "TITLE": "xinfang API",
    "DESCRIPTION": "智慧信访平台接口：登记信访件、查询、执行法定流程操作（幂等提交）。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar's static files, not from a public CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The schema and its docs page show every endpoint and field: staff only (demo mode: anyone), and
    # for a role that must use the second factor, only through a verified session.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated",
                          "xinfang.api.permissions.SecondFactor"],
}

# Sessions: idle expiry. A staff session ends XINFANG_SESSION_IDLE_MINUTES (default 30) after its last
# use (core.middleware.SessionLimitMiddleware renews it at most once a minute, rather than
# SESSION_SAVE_EVERY_REQUEST's write on every request) and when the browser closes; a staff login also
# ends after XINFANG_SESSION_MAX_HOURS (default 12, one working day) however active.
SESSION_COOKIE_AGE = env["XINFANG_SESSION_IDLE_MINUTES"] * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
XINFANG_SESSION_MAX_SECONDS = int(env["XINFANG_SESSION_MAX_HOURS"] * 3600)

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp), in every mode so that a violation shows up in development:
# scripts, styles, fonts and images only from the platform itself (no CDN, no inline script).
# style-src-attr allows style="" attributes that chart and API-docs libraries write into their markup.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Cache, also where the portal's rate limits and failure counters live: it must be shared by all
# worker processes. Default: a table in the database (`manage.py createcachetable`, run by
# `make setup`); XINFANG_CACHE=redis uses REDIS_URL (production), =file a directory under VAR_DIR.
if env["XINFANG_CACHE"] == "redis":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": env["REDIS_URL"],
                          "KEY_PREFIX": "xinfang"}}
elif env["XINFANG_CACHE"] == "file":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(VAR_DIR / "cache")}}
elif env["XINFANG_CACHE"] == "locmem":  # one process only (a laptop demo); never with several workers
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "xinfang_cache"}}

# Task queue: in-process (immediate) by default; Redis-backed Huey in production
# (XINFANG_HUEY=redis, REDIS_URL=redis://...).
HUEY_BACKEND = env["XINFANG_HUEY"]
if HUEY_BACKEND == "redis":
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": env["XINFANG_HUEY_NAME"],  # the queue's name in Redis
        "url": env["REDIS_URL"],
        "immediate": False,
        "consumer": {"workers": 2, "periodic": True},
    }
else:
    HUEY = {"huey_class": "huey.MemoryHuey", "name": "xinfang", "immediate": True}

# Declared with the settings above, from the environment or their defaults (docs/configuration.md):
# the outbox's XINFANG_JOBS_* (core/jobs.py), the attachments' limits and types (XINFANG_ATTACHMENT_*),
# who sends a download (XINFANG_SENDFILE, XINFANG_SENDFILE_PREFIX), the clocks' local practice
# (XINFANG_DEADLINE_OVERRIDES, XINFANG_DUE_SOON_DAYS), requests by post (XINFANG_REQUEST_POSTMARK_COUNTS),
# the shared data (XINFANG_SHARED_DATA) and every app's practice settings.

# Logs (the server's on stdout): one JSON object per line in production (for the bureau's log collector),
# readable lines in demo mode (the mode modules set LOGGING with `logs`); XINFANG_LOG_FORMAT=json|text
# overrides. Request id, user id, path without query string; ID and mobile numbers masked
# (xinfang/core/logs.py, docs/security.md).


def logs(default_format: str) -> tuple[str, dict]:
    """XINFANG_LOG_FORMAT (else `default_format`) and the LOGGING dict."""
    fmt = env["XINFANG_LOG_FORMAT"] or default_format
    return fmt, logging_config(fmt, env["XINFANG_LOG_LEVEL"].upper(), env["XINFANG_LOG_STREAM"])
