"""Background work of the clocks: the hourly scan (catches up after downtime) and the recompute after
a change of the holiday table (an outbox job written in the transaction of the change)."""

from xinfang.core.jobs import job_handler, periodic_job

from .services import deadline_scan, deadlines_recompute


@periodic_job("deadlines.scan", minute=5)
def scan_deadlines() -> dict[str, int]:
    """Every hour: mark due-soon and overdue clocks and record them on the case timelines."""
    return deadline_scan()


@job_handler("deadlines.recompute")
def recompute_deadlines(years: list[int], reason: str) -> dict[str, int]:
    """After a change of the holiday table is committed: recompute the running clocks over `years`
    (idempotent: the clocks are recomputed from the table)."""
    return deadlines_recompute(years=years, reason=reason)
