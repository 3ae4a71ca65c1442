"""gunicorn: the platform's production server (``make serve``, the container's ``web`` service).

    .venv/bin/gunicorn -c config/gunicorn.conf.py config.wsgi

Every value comes from the environment (docs/configuration.md). The application is loaded once in the
master before the workers fork (``preload_app``), so production mode's refusal to start on missing or
public keys (xinfang/core/security.py) stops the server at once with its message, not in a loop of
dying workers. Logs go to stdout in the platform's format (JSON lines in production). The request log is
written by the application (xinfang.core.middleware.RequestLogMiddleware: request id, user id, path
without query string, status, duration); gunicorn's own access log is off unless XINFANG_ACCESS_LOG=1,
and its format then also logs the path only (%(U)s), never the query string (%(q)s, %(r)s) or the
referrer (%(f)s): search URLs carry ID and phone numbers.
"""

import gc
import multiprocessing
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # xinfang.core.logs, config.wsgi

from config.settings import is_demo  # noqa: E402  (stdlib only, no Django)
from xinfang.core import conf  # noqa: E402
from xinfang.core.logs import logging_config  # noqa: E402

# The server's logs go to stdout (the container's log stream); Django's settings read this.
os.environ.setdefault("XINFANG_LOG_STREAM", "stdout")
# Every value declared once (xinfang/core/deployment.py); a value that does not parse stops here.
env = conf.environment()


# Loopback by default: a reverse proxy on the same host terminates TLS. The container binds 0.0.0.0:8000.
bind = env["XINFANG_BIND"]
# Sync workers: 2 × CPUs + 1 (gunicorn's advice), at most 8 unless set; each holds one database connection.
workers = env["XINFANG_WORKERS"] or min(2 * multiprocessing.cpu_count() + 1, 8)
threads = env["XINFANG_THREADS"]
# Generous: a PDF notice is rendered by LibreOffice within the request.
timeout = env["XINFANG_TIMEOUT"]
graceful_timeout = env["XINFANG_GRACEFUL_TIMEOUT"]
keepalive = 5
# Recycle workers now and then (the triage model and jieba's dictionary are large in memory).
max_requests = env["XINFANG_MAX_REQUESTS"]
max_requests_jitter = max_requests // 10
preload_app = True
proc_name = "xinfang"
control_socket_disable = True  # gunicorn ≥ 24's management socket: not used (signals and restarts suffice)
# Which proxies may set X-Forwarded-Proto/For for gunicorn itself (Django trusts X-Forwarded-Proto
# separately, XINFANG_PROXY_SSL_HEADER). Default: only a proxy on the same host.
forwarded_allow_ips = env["XINFANG_FORWARDED_ALLOW_IPS"]
if os.path.isdir("/dev/shm"):  # noqa: S108  worker heartbeats in memory, not on a (container) disk
    worker_tmp_dir = "/dev/shm"  # noqa: S108
# Request headers and lines: gunicorn's limits (8 KB line, 100 headers) refuse oversized ones with 400.

loglevel = env["XINFANG_LOG_LEVEL"].lower()
errorlog = "-"
_access = env["XINFANG_ACCESS_LOG"]
accesslog = "-" if _access else None
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'
_format = env["XINFANG_LOG_FORMAT"] or ("text" if is_demo() else "json")
_logging = logging_config(_format, loglevel.upper(), env["XINFANG_LOG_STREAM"])
_logging["loggers"] = {
    "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
    # with logconfig_dict gunicorn always formats access lines: the level keeps them out unless asked
    "gunicorn.access": {"handlers": ["console"], "level": "INFO" if _access else "WARNING",
                        "propagate": False},
}
logconfig_dict = _logging


def pre_fork(server, worker):  # noqa: ANN001, ANN201, ARG001  (gunicorn's hook signature)
    """Freeze the preloaded application's objects (Django, settings, URL map, models) before each
    fork: a worker's full garbage collections never walk them again (they were ~30 % of a case
    page's p95 at province scale, docs/scaling.md) and their memory pages stay shared with the
    master instead of being copied when the collector touches them."""
    gc.freeze()
