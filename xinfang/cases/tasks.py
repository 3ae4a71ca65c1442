"""Periodic jobs (Huey) of this app."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import route_followups_remind


@db_periodic_task(crontab(hour="7", minute="40"))
def remind_route_followups() -> int:
    """Every morning: routed-away items without news for N days are reminded to the routing unit."""
    return route_followups_remind()
