"""Production mode (the default: ``XINFANG_MODE`` unset or ``production``): the platform refuses to start
on missing or public development keys (xinfang/core/security.py), cookies are HTTPS-only with HSTS,
the API docs need a login, static files get hashed names, logs are JSON lines (docs/security.md)."""

import importlib.util

from .base import *  # noqa: F403
from .base import env, logs, storages

XINFANG_MODE = "production"
XINFANG_PRODUCTION = True

# HTTPS: secure cookies, HSTS, redirect to https (docs/security.md). Behind a reverse proxy that
# terminates TLS, set XINFANG_PROXY_SSL_HEADER=1 (the proxy must set X-Forwarded-Proto).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env["XINFANG_SSL_REDIRECT"]
if not SECURE_SSL_REDIRECT:  # the reverse proxy redirects http to https itself (documented)
    SILENCED_SYSTEM_CHECKS = ["security.W008"]
SECURE_HSTS_SECONDS = env["XINFANG_HSTS_SECONDS"]
SECURE_HSTS_INCLUDE_SUBDOMAINS = env["XINFANG_HSTS_INCLUDE_SUBDOMAINS"]
SECURE_HSTS_PRELOAD = env["XINFANG_HSTS_PRELOAD"]
if env["XINFANG_PROXY_SSL_HEADER"]:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# the container's own health probe speaks http from inside (HealthCheckMiddleware answers it
# before SecurityMiddleware anyway; this keeps it so if the middleware order ever changes)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]

STORAGES = storages("manifest")
XINFANG_LOG_FORMAT, LOGGING = logs("json")

# Last: a bureau's own Python values, when config/settings/local.py exists (not in the repository;
# docs/configuration.md). It may `from .base import *` to extend a list.
if importlib.util.find_spec("config.settings.local"):
    from .local import *  # noqa: F403
