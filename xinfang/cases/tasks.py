"""Periodic jobs of this app (run by the minute tick of core.tasks; they catch up after downtime)."""

from xinfang.core.jobs import periodic_job

from .anchors import anchor_timeline
from .services import route_followups_remind


@periodic_job("cases.remind_route_followups", hour=7, minute=40)
def remind_route_followups() -> int:
    """Every morning: routed-away items without news for N days are reminded to the routing unit."""
    return route_followups_remind()


@periodic_job("cases.anchor_timeline", hour=23, minute=50)
def anchor_timelines() -> str:
    """Every evening: the heads of all case chains to the anchor file and the log (Art. 21)."""
    record = anchor_timeline()
    return f"{record['cases']} cases, {record['events']} events, digest {record['digest'][:16]}"
