"""Settings for the xinfang platform.

One file, driven by environment variables, so that the same code runs on a laptop (SQLite, in-process
jobs) and in production (PostgreSQL, Redis-backed Huey). Every variable is listed in docs/configuration.md.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from xinfang.core.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("XINFANG_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, "").split(",") if v.strip()]


# Production mode unless told otherwise: XINFANG_MODE=demo (alias dev) is the laptop/demo/test mode that
# `make run` and `make test` set. In production mode the platform refuses to start on missing or public
# development keys (xinfang/core/security.py) and turns on HTTPS-only cookies and HSTS (docs/security.md).
XINFANG_MODE = os.environ.get("XINFANG_MODE", "production").strip().lower() or "production"
if XINFANG_MODE in {"dev", "development"}:
    XINFANG_MODE = "demo"
XINFANG_PRODUCTION = XINFANG_MODE != "demo"

DEBUG = env_bool("XINFANG_DEBUG", False)

# Three independent keys (docs/security.md); in demo mode each has a public DEVELOPMENT-ONLY default
# derived from DEV_SECRET_KEY, exactly as earlier versions derived them, so an existing demo database
# still reads. Production mode has no defaults and refuses to start without its own keys.
DEV_SECRET_KEY = "dev-insecure-xinfang-key-change-me"  # public, in the repository: development only
DEV_FIELD_KEY = base64.urlsafe_b64encode(
    hashlib.sha256(("field-encryption:" + DEV_SECRET_KEY).encode()).digest()).decode()
DEV_INDEX_KEY = DEV_SECRET_KEY
_dev = not XINFANG_PRODUCTION
# Signing only (sessions, CSRF, password reset, the portal's challenge); rotate with
# XINFANG_SECRET_KEY_FALLBACKS (old keys still verify, nothing stored depends on it).
SECRET_KEY = os.environ.get("XINFANG_SECRET_KEY", "") or (DEV_SECRET_KEY if _dev else "")
SECRET_KEY_FALLBACKS = env_list("XINFANG_SECRET_KEY_FALLBACKS")
# Personal data at rest (ID and phone numbers, notification addresses): comma-separated Fernet keys,
# the first encrypts, all decrypt (MultiFernet); `manage.py rotate_keys` re-encrypts with the first.
FIELD_ENCRYPTION_KEYS = env_list("XINFANG_FIELD_KEYS") or ([DEV_FIELD_KEY] if _dev else [])
# HMAC key of the blind indexes (exact search by ID/phone number) and of the portal's query-code, form
# token and phone hashes. Old keys (XINFANG_INDEX_KEYS_OLD) are still accepted during a rotation.
XINFANG_INDEX_KEY = os.environ.get("XINFANG_INDEX_KEY", "") or (DEV_INDEX_KEY if _dev else "")
XINFANG_INDEX_KEYS_OLD = env_list("XINFANG_INDEX_KEYS_OLD")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("XINFANG_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
]

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
        "connect_timeout", int(os.environ.get("XINFANG_DB_CONNECT_TIMEOUT", 5)))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite: wait for the write lock instead of failing, and keep writes durable.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:queue"
LOGOUT_REDIRECT_URL = "login"

# Staff passwords: long, not like the username or name, not common, not all digits. (They apply
# where a person chooses a password: the password change page, the admin; not to set_password.)
XINFANG_PASSWORD_MIN_LENGTH = int(os.environ.get("XINFANG_PASSWORD_MIN_LENGTH", 12))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": XINFANG_PASSWORD_MIN_LENGTH}},
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
AXES_FAILURE_LIMIT = int(os.environ.get("XINFANG_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("XINFANG_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "xinfang.portal.abuse.login_ip"
AXES_VERBOSE = False
# Optional second factor: accounts with a confirmed TOTP device (admin → TOTP devices) must give
# the code at the staff and the admin login (xinfang/web/auth.py). The issuer shown in the app:
OTP_TOTP_ISSUER = os.environ.get("XINFANG_OTP_ISSUER", "智慧信访平台")

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
STATIC_ROOT = Path(os.environ.get("XINFANG_STATIC_ROOT", VAR_DIR / "static"))
try:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at start-up when it is missing
except OSError:  # a read-only image
    pass
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # production: content-hashed, gzipped names that browsers may cache for a year (xinfang/core/staticfiles.py);
    # XINFANG_STATIC_STORAGE=manifest|plain overrides (the container's build collects for production)
    "staticfiles": {"BACKEND": "xinfang.core.staticfiles.StaticStorage"
                    if os.environ.get("XINFANG_STATIC_STORAGE",
                                      "manifest" if XINFANG_PRODUCTION else "plain") == "manifest"
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "xinfang.api.views.handle_exception",
    # JSON only: a form-encoded or multipart body would reach the forms as lists (stored as repr)
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Reading many petitioners' identities is rate-limited per user (shared cache: every process
    # counts together); a bulk read is also logged (xinfang.api.views.CaseListCreate).
    "DEFAULT_THROTTLE_RATES": {"case-list": os.environ.get("XINFANG_API_LIST_RATE", "120/hour")},
}
# Idempotency records keep a copy of the answer (a whole case): kept this many days, then deleted.
XINFANG_IDEMPOTENCY_DAYS = int(os.environ.get("XINFANG_IDEMPOTENCY_DAYS", "7"))
SPECTACULAR_SETTINGS = {
    "TITLE": "xinfang API",
    "DESCRIPTION": "智慧信访平台接口：登记信访件、查询、执行法定流程操作（幂等提交）。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar's static files, not from a public CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The schema and its docs page show every endpoint and field: staff only in production.
    "SERVE_PERMISSIONS": (["rest_framework.permissions.IsAuthenticated"] if XINFANG_PRODUCTION
                          else ["rest_framework.permissions.AllowAny"]),
}

# Sessions: idle expiry. A staff session ends XINFANG_SESSION_IDLE_MINUTES (default 30) after its last
# use (core.middleware.SessionLimitMiddleware renews it at most once a minute, rather than
# SESSION_SAVE_EVERY_REQUEST's write on every request) and when the browser closes; a staff login also
# ends after XINFANG_SESSION_MAX_HOURS (default 12, one working day) however active.
SESSION_COOKIE_AGE = int(os.environ.get("XINFANG_SESSION_IDLE_MINUTES", 30)) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
XINFANG_SESSION_MAX_SECONDS = int(float(os.environ.get("XINFANG_SESSION_MAX_HOURS", 12)) * 3600)

# HTTPS in production: secure cookies, HSTS, redirect to https (docs/security.md). Behind a reverse
# proxy that terminates TLS, set XINFANG_PROXY_SSL_HEADER=1 (the proxy must set X-Forwarded-Proto).
if XINFANG_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("XINFANG_SSL_REDIRECT", True)
    if not SECURE_SSL_REDIRECT:  # the reverse proxy redirects http to https itself (documented)
        SILENCED_SYSTEM_CHECKS = ["security.W008"]
    SECURE_HSTS_SECONDS = int(os.environ.get("XINFANG_HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("XINFANG_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("XINFANG_HSTS_PRELOAD", True)
    if env_bool("XINFANG_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # the container's own health probe speaks http from inside (HealthCheckMiddleware answers it
    # before SecurityMiddleware anyway; this keeps it so if the middleware order ever changes)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
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
XINFANG_CACHE = os.environ.get("XINFANG_CACHE", "db")
if XINFANG_CACHE == "redis":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
                          "KEY_PREFIX": "xinfang"}}
elif XINFANG_CACHE == "file":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(VAR_DIR / "cache")}}
elif XINFANG_CACHE == "locmem":  # one process only (a laptop demo); never with several workers
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "xinfang_cache"}}

# Task queue: in-process (immediate) by default; Redis-backed Huey in production
# (XINFANG_HUEY=redis, REDIS_URL=redis://...).
HUEY_BACKEND = os.environ.get("XINFANG_HUEY", "immediate")
if HUEY_BACKEND == "redis":
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": os.environ.get("XINFANG_HUEY_NAME", "xinfang"),  # the queue's name in Redis
        "url": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "immediate": False,
        "consumer": {"workers": 2, "periodic": True},
    }
else:
    HUEY = {"huey_class": "huey.MemoryHuey", "name": "xinfang", "immediate": True}

# No lost background work (core/jobs.py): after-commit jobs are outbox rows; the minute tick re-sends a
# pending job GRACE minutes after it was written, LEASE minutes after a consumer claimed it (it may have
# died), after a back-off when it failed; it gives up after MAX_ATTEMPTS (the row stays, with its error).
XINFANG_JOBS_GRACE_MINUTES = int(os.environ.get("XINFANG_JOBS_GRACE_MINUTES", 5))
XINFANG_JOBS_LEASE_MINUTES = int(os.environ.get("XINFANG_JOBS_LEASE_MINUTES", 10))
XINFANG_JOBS_MAX_ATTEMPTS = int(os.environ.get("XINFANG_JOBS_MAX_ATTEMPTS", 6))
XINFANG_JOBS_RELAY_BATCH = int(os.environ.get("XINFANG_JOBS_RELAY_BATCH", 200))

# Attachments: size and type limits for uploaded material.
XINFANG_ATTACHMENT_MAX_BYTES = int(os.environ.get("XINFANG_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
XINFANG_ATTACHMENT_TYPES = [".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".txt", ".mp3", ".wav"]
# Per case: at most this many attachments, together at most this many bytes (enforced by the service).
XINFANG_ATTACHMENT_MAX_PER_CASE = int(os.environ.get("XINFANG_ATTACHMENT_MAX_PER_CASE", 50))
XINFANG_ATTACHMENT_MAX_TOTAL_BYTES = int(os.environ.get("XINFANG_ATTACHMENT_MAX_TOTAL_BYTES",
                                                        200 * 1024 * 1024))
# Attachments are served only by the permission-checked view /cases/<number>/attachments/<id>/,
# never under MEDIA_URL. "" = Django streams the file; "nginx" = answer with X-Accel-Redirect to
# XINFANG_SENDFILE_PREFIX + the stored name (an `internal` location, see docs/security.md);
# "apache" = answer with X-Sendfile and the file's absolute path (mod_xsendfile).
XINFANG_SENDFILE = os.environ.get("XINFANG_SENDFILE", "").strip().lower()
if XINFANG_SENDFILE not in ("", "nginx", "apache"):
    raise ImproperlyConfigured("XINFANG_SENDFILE must be empty, 'nginx' or 'apache'")
XINFANG_SENDFILE_PREFIX = os.environ.get("XINFANG_SENDFILE_PREFIX", "/protected-media/")

# Deadline policy overrides (local practice), e.g. {"handling": {"days": 60, "unit": "working"}}.
# The defaults and the articles they come from live in xinfang/deadlines/rules.py.
XINFANG_DEADLINE_OVERRIDES: dict = json.loads(os.environ.get("XINFANG_DEADLINE_OVERRIDES", "{}"))
# Art. 35/36 requests (复查/复核) sent by post are timely when the postmark is within the 30 days:
# time in the post is not counted (民事诉讼法 Art. 85); the 条例 is silent, the default protects the
# petitioner. Off: the day the request is received counts.
XINFANG_REQUEST_POSTMARK_COUNTS = env_bool("XINFANG_REQUEST_POSTMARK_COUNTS", True)
# Who issues a written answer (Art. 32, 35, 36): "auto" — a unit with both a handler and an approver
# answers only by its head signing a draft the handler submitted (拟稿、审签); "always"; "optional" — the
# approver may also write it directly (docs/configuration.md).
XINFANG_OPINION_SIGN_OFF = os.environ.get("XINFANG_OPINION_SIGN_OFF", "auto").strip().lower()
if XINFANG_OPINION_SIGN_OFF not in ("auto", "always", "optional"):
    raise ImproperlyConfigured("XINFANG_OPINION_SIGN_OFF must be 'auto', 'always' or 'optional'")
# 并案办理 (merging repeat petitions of one matter into the case in handling) is local practice, not an
# article of the 条例: off (0) where the bureau does not practise it.
XINFANG_CASE_MERGE = env_bool("XINFANG_CASE_MERGE", True)
# A deadline is "due soon" this many calendar days before its due date (practice).
XINFANG_DUE_SOON_DAYS = int(os.environ.get("XINFANG_DUE_SOON_DAYS", 3))
# Where the public shared data (taxonomy, real messages for the demo) is found.
XINFANG_SHARED_DATA = Path(os.environ.get("XINFANG_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))

# Logs (the server's on stdout): one JSON object per line in production (for the bureau's log collector), readable
# lines in demo mode; XINFANG_LOG_FORMAT=json|text overrides. Request id, user id, path without query
# string; ID and mobile numbers masked (xinfang/core/logs.py, docs/security.md).
XINFANG_LOG_FORMAT = os.environ.get("XINFANG_LOG_FORMAT", "json" if XINFANG_PRODUCTION else "text")
LOGGING = logging_config(XINFANG_LOG_FORMAT, os.environ.get("XINFANG_LOG_LEVEL", "INFO"),
                         os.environ.get("XINFANG_LOG_STREAM", "stderr"))  # gunicorn: stdout


# Local practice that is more than one variable (portal limits, warning thresholds, notification
# backends...; see docs/configuration.md) goes in a Python file named by XINFANG_LOCAL_SETTINGS,
# read last so that it can override anything above.
_LOCAL_SETTINGS = os.environ.get("XINFANG_LOCAL_SETTINGS")
if _LOCAL_SETTINGS:
    exec(compile(Path(_LOCAL_SETTINGS).read_text(encoding="utf-8"), _LOCAL_SETTINGS, "exec"))  # noqa: S102
