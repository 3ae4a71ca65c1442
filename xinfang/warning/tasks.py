"""Periodic jobs (run by the minute tick of core.tasks; they catch up after downtime)."""

from xinfang.core.jobs import every_minute, periodic_job

from .services import warnings_recompute
from .snapshots import dashboards_refresh


@periodic_job("warning.recompute", hour=6, minute=20)
def recompute_warnings() -> str:
    """Every morning at 06:20: recompute spikes, hot issues and overdue clusters (idempotent)."""
    return warnings_recompute().line()


@every_minute("warning.dashboards")
def refresh_dashboards() -> str:
    """Every minute: recompute the leaders' dashboard snapshots viewed lately (warning/snapshots.py)."""
    return f"{dashboards_refresh()} dashboards"
