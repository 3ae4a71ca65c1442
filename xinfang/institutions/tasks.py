"""Periodic jobs (run by the minute tick of core.tasks; they catch up after downtime)."""

from xinfang.core.jobs import periodic_job

from .services import urgent_sweep


@periodic_job("institutions.urgent_sweep", minute=7)
def sweep_urgent_reports() -> str:
    """Every hour at :07: flag urgent reports not signed for in time and remind the levels."""
    return urgent_sweep().line()


@periodic_job("institutions.decision_sweep", hour=6, minute=20)
def sweep_conference_decisions() -> str:
    """Every day at 06:20: flag joint-conference decisions past their deadline and escalate them
    once (Art. 13: 督促落实)."""
    from .conference import decision_sweep

    return decision_sweep().line()
