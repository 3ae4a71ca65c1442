"""Periodic jobs (run by the minute tick of core.tasks; they catch up after downtime)."""

from xinfang.core.jobs import periodic_job

from .services import urgent_sweep


@periodic_job("institutions.urgent_sweep", minute=7)
def sweep_urgent_reports() -> str:
    """Every hour at :07: flag urgent reports not signed for in time and remind the levels."""
    return urgent_sweep().line()
