"""Periodic jobs (Huey): in-process in development, a Redis-backed consumer in production."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .services import deadline_scan, deadlines_recompute


@db_periodic_task(crontab(minute="5"))
def scan_deadlines() -> dict[str, int]:
    """Every hour: mark due-soon and overdue clocks and record them on the case timelines."""
    return deadline_scan()


@db_task()
def recompute_deadlines(years: list[int], reason: str) -> dict[str, int]:
    """After a change of the holiday table is committed: recompute the running clocks over `years`."""
    return deadlines_recompute(years=years, reason=reason)
