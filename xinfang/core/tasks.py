"""Huey tasks of the job outbox: run one job; every minute, relay what is due and catch up periodic jobs."""

from __future__ import annotations

from typing import Any

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .jobs import job_run
from .jobs import tick as jobs_tick


@db_task()
def run_job(pk: int) -> str:
    """Run one outbox job (after the transaction that wrote it committed, or relayed)."""
    return job_run(pk=pk)


@db_periodic_task(crontab(minute="*"))
def tick() -> dict[str, Any]:
    """Every minute: re-send pending jobs that are due; run the periodic jobs whose slot has passed."""
    return jobs_tick()
