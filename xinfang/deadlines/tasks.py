"""Periodic jobs (Huey): in-process in development, a Redis-backed consumer in production."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import deadline_scan


@db_periodic_task(crontab(minute="5"))
def scan_deadlines() -> dict[str, int]:
    """Every hour: mark due-soon and overdue clocks and record them on the case timelines."""
    return deadline_scan()
