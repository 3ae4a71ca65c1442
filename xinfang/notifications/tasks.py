"""Huey tasks: send one message after commit; every minute, send what is due (retries)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from xinfang.core.jobs import job_handler

from .petitioners import ACKNOWLEDGE_JOB, acknowledge_registration
from .services import outbox_flush, outbox_send


@db_task()
def send_notification(pk: int) -> str:
    """Send one queued message (called after the transaction that wrote it commits)."""
    return outbox_send(pk)


@db_periodic_task(crontab(minute="*"))
def flush_outbox() -> dict[str, int]:
    """Every minute: retry failed messages whose time has come and any never attempted."""
    return outbox_flush()


@job_handler(ACKNOWLEDGE_JOB)
def acknowledge_job(case: int) -> int:
    """The outbox job written with the registration: the petitioner's acknowledgement (idempotent)."""
    return acknowledge_registration(case)
