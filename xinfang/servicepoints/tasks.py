"""The hourly sweep of needs open too long (群众需求逾期未办结的，提请乡镇领导督促)."""

from __future__ import annotations

from xinfang.core import clock
from xinfang.core.jobs import periodic_job
from xinfang.core.workflow import SYSTEM_ACTOR

from .models import Need
from .states import OPEN, NeedAction


@periodic_job("servicepoints.escalate_overdue", minute=35)
def escalate_overdue() -> str:
    """Escalate each open need past its time limit and not yet escalated, once."""
    from .workflow import need_transition

    ids = list(Need.objects.filter(status__in=OPEN, due_at__lt=clock.now(),
                                   escalated_at__isnull=True).values_list("pk", flat=True))
    for pk in ids:
        need_transition(need_id=pk, action=NeedAction.ESCALATE, actor=SYSTEM_ACTOR)
    return f"escalated {len(ids)}"
