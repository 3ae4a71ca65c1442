"""Periodic jobs (Huey) of this app."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .escalation import escalate_overdue


@db_periodic_task(crontab(minute="20"))
def escalate_overdue_items() -> dict[str, int]:
    """Every hour, after the deadline scan: system 催办 for overdue clocks, escalate overdue items."""
    return escalate_overdue()
