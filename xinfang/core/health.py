"""``GET /healthz``: is this web process fit to serve? For the container's probe and load balancers.

Answered by ``HealthCheckMiddleware`` near the top of the stack, before the host check, the HTTPS redirect,
sessions, login and CSRF: the container probes ``http://127.0.0.1:8000/healthz`` from inside, which is
neither an allowed host nor https. The answer says nothing about the installation (no settings, hosts,
error texts): ``{"status", "database", "cache", "version"}``. 200 when the database answers ``SELECT 1``
and every migration is applied; 503 otherwise. A failing cache alone is reported (``"cache": "error"``,
``"status": "degraded"``) with 200: restarting the web process would not repair the cache server.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse

import xinfang

logger = logging.getLogger("xinfang.health")

PATHS = {"/healthz", "/healthz/"}
_migrated = False  # once every migration was applied, stays so for this process (cheap probes)


def database_status() -> str:
    global _migrated
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        if not _migrated:
            from django.db.migrations.executor import MigrationExecutor

            executor = MigrationExecutor(connection)
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                return "migrations_pending"
            _migrated = True
        return "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "not fit to serve"
        logger.warning("healthz: database unavailable (%s)", type(exc).__name__)
        return "error"


def cache_status() -> str:
    token = uuid.uuid4().hex
    try:
        cache.set("xinfang:healthz", token, 30)
        return "ok" if cache.get("xinfang:healthz") == token else "error"
    except Exception as exc:  # noqa: BLE001
        logger.warning("healthz: cache unavailable (%s)", type(exc).__name__)
        return "error"


def healthz(request: HttpRequest) -> JsonResponse:
    if request.method not in {"GET", "HEAD"}:
        response = JsonResponse({"status": "method not allowed"}, status=405)
        response["Allow"] = "GET, HEAD"
        return response
    database = database_status()
    cache_state = cache_status() if database == "ok" else "unknown"
    if database != "ok":
        status, code = "error", 503
    elif cache_state != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    response = JsonResponse({"status": status, "database": database, "cache": cache_state,
                             "version": xinfang.__version__}, status=code)
    response["Cache-Control"] = "no-store"
    return response
