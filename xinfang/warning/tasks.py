"""Periodic jobs (Huey): in-process in development, a Redis-backed consumer in production."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import warnings_recompute


@db_periodic_task(crontab(hour="6", minute="20"))
def recompute_warnings() -> str:
    """Every morning at 06:20: recompute spikes, hot issues and overdue clusters (idempotent)."""
    return warnings_recompute().line()
