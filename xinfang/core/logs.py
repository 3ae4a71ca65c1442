"""Structured logs: one JSON object per line on stdout in production, readable lines in demo mode.

Only the standard library (``logging`` + ``json``): the fields are few and fixed, and the formatter must
also be importable by gunicorn's own logging before Django starts (config/gunicorn.conf.py). Every line
carries the request id and user id of the request being served (``RequestContextFilter``, fed by
``xinfang.core.middleware.RequestLogMiddleware``). Nothing here logs a query string (search URLs carry
ID and phone numbers): paths are logged without it, and a query string, an ID number or a mobile
number that some other code puts into a message is masked before the line is written.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "xinfang_request_id", default=None)
user_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "xinfang_user_id", default=None)

# Extra fields a record may carry (logger.info(..., extra={...})); written when present.
FIELDS = ("request_id", "user_id", "method", "path", "status", "duration_ms")

_QUERY = re.compile(r"(/[\w\-./%~:@]*)\?[^\s\"'<>]*")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def scrub(text: str) -> str:
    """Remove query strings and mask resident ID and mobile numbers in a log text."""
    if not text:
        return text
    text = _QUERY.sub(r"\1?…", text)
    text = _ID_NUMBER.sub(r"\1********\2", text)
    return _MOBILE.sub(r"\1****\2", text)


def strip_query(path: str) -> str:
    return str(path).split("?", 1)[0]


class RequestContextFilter(logging.Filter):
    """Adds the current request's id and user id to every record (attached to the handler)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        if getattr(record, "user_id", None) is None:
            record.user_id = user_id_var.get()
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, user_id, path, status..."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC)
            .isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                out[name] = strip_query(value) if name == "path" else value
        if record.exc_info:
            out["exception"] = scrub(self.formatException(record.exc_info))
        elif record.stack_info:
            out["stack"] = scrub(self.formatStack(record.stack_info))
        return json.dumps(out, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Demo mode: ``2026-11-26 10:00:00 INFO xinfang.request [rid] GET /path 200``, same masking."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord(record.__dict__)  # a copy: other handlers see the original
        record.request_id = getattr(record, "request_id", None) or request_id_var.get() or "-"
        return scrub(super().format(record))


def logging_config(fmt: str, level: str, stream: str = "stdout") -> dict:
    """The LOGGING dict of config/settings/ (also used by gunicorn's logs).

    The server logs to stdout (config/gunicorn.conf.py sets XINFANG_LOG_STREAM=stdout); management
    commands log to stderr so that their output (``dumpdata > backup.json``) stays clean.
    """
    stream = "stderr" if stream == "stderr" else "stdout"
    formatter = ({"()": "xinfang.core.logs.JSONFormatter"} if fmt == "json"
                 else {"()": "xinfang.core.logs.TextFormatter"})
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "xinfang.core.logs.RequestContextFilter"}},
        "formatters": {"xinfang": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "stream": f"ext://sys.{stream}",
                                 "formatter": "xinfang", "filters": ["request_context"]}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's runserver request lines carry the full request line (query string included):
            # demo only, but routed through the masking formatter like everything else.
            "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
