"""Periodic jobs of this app (run by the minute tick of core.tasks; they catch up after downtime)."""

from xinfang.core.jobs import periodic_job

from .escalation import escalate_overdue


@periodic_job("resolution.escalate_overdue", minute=20)
def escalate_overdue_items() -> dict[str, int]:
    """Every hour, after the deadline scan: system 催办 for overdue clocks, escalate overdue items."""
    return escalate_overdue()
