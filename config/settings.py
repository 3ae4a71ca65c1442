"""Settings for the xinfang platform.

One file, driven by environment variables, so that the same code runs on a laptop (SQLite, in-process
jobs) and in production (PostgreSQL, Redis-backed Huey). Every variable is listed in docs/configuration.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("XINFANG_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("XINFANG_DEBUG", False)
# The development default is deliberately unusable in production: prod sets XINFANG_SECRET_KEY.
SECRET_KEY = os.environ.get("XINFANG_SECRET_KEY", "dev-insecure-xinfang-key-change-me")
# Key for personal-data encryption at rest (ID and phone numbers). Comma-separated Fernet keys,
# newest first, so keys can be rotated; derived from SECRET_KEY when unset (development only).
FIELD_ENCRYPTION_KEYS = [
    k.strip() for k in os.environ.get("XINFANG_FIELD_KEYS", "").split(",") if k.strip()
]
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
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xinfang.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
AXES_CLIENT_IP_CALLABLE = "xinfang.portal.abuse.client_ip"
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
STATIC_ROOT = VAR_DIR / "static"
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
}
SPECTACULAR_SETTINGS = {
    "TITLE": "xinfang API",
    "DESCRIPTION": "智慧信访平台接口：登记信访件、查询、执行法定流程操作（幂等提交）。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
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

# Attachments: size and type limits for uploaded material.
XINFANG_ATTACHMENT_MAX_BYTES = int(os.environ.get("XINFANG_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
XINFANG_ATTACHMENT_TYPES = [".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".txt", ".mp3", ".wav"]

# Deadline policy overrides (local practice), e.g. {"handling": {"days": 60, "unit": "working"}}.
# The defaults and the articles they come from live in xinfang/deadlines/rules.py.
XINFANG_DEADLINE_OVERRIDES: dict = json.loads(os.environ.get("XINFANG_DEADLINE_OVERRIDES", "{}"))
# A deadline is "due soon" this many calendar days before its due date (practice).
XINFANG_DUE_SOON_DAYS = int(os.environ.get("XINFANG_DUE_SOON_DAYS", 3))
# Where the public shared data (taxonomy, real messages for the demo) is found.
XINFANG_SHARED_DATA = Path(os.environ.get("XINFANG_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("XINFANG_LOG_LEVEL", "INFO")},
}


# Local practice that is more than one variable (portal limits, warning thresholds, notification
# backends...; see docs/configuration.md) goes in a Python file named by XINFANG_LOCAL_SETTINGS,
# read last so that it can override anything above.
_LOCAL_SETTINGS = os.environ.get("XINFANG_LOCAL_SETTINGS")
if _LOCAL_SETTINGS:
    exec(compile(Path(_LOCAL_SETTINGS).read_text(encoding="utf-8"), _LOCAL_SETTINGS, "exec"))  # noqa: S102
