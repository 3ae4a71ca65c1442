"""Periodic jobs of the API (Huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .idempotency import idempotency_expire


@db_periodic_task(crontab(hour="3", minute="40"))
def expire_idempotency_records() -> int:
    """Every night: delete idempotency records past XINFANG_IDEMPOTENCY_DAYS (they hold personal data)."""
    return idempotency_expire()
