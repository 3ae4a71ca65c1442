"""The daily follow-up check of decided major decisions (决策后跟踪, practice; interval a setting)."""

from __future__ import annotations

from xinfang.core import clock
from xinfang.core.jobs import periodic_job
from xinfang.core.workflow import SYSTEM_ACTOR

from .models import Decision
from .states import DecisionAction, DecisionStatus


@periodic_job("riskreview.follow_up", minute=40, hour=6)
def follow_up_due() -> str:
    """Check each decided, not closed decision whose next check is due, once."""
    from .selectors import next_check_on
    from .workflow import decision_transition

    today = clock.today()
    due = [d.pk for d in Decision.objects.filter(
        status__in=[DecisionStatus.DECIDED, DecisionStatus.FOLLOWED_UP]).order_by("pk")
        if (on := next_check_on(d)) is not None and on <= today]
    for pk in due:
        decision_transition(decision_id=pk, action=DecisionAction.CHECK, actor=SYSTEM_ACTOR)
    return f"checked {len(due)}"
