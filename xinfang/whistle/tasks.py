"""The hourly sweep of overdue reports (吹哨报到: 逾期未报到的，提请乡镇领导督促)."""

from __future__ import annotations

from xinfang.core import clock
from xinfang.core.jobs import periodic_job
from xinfang.core.workflow import SYSTEM_ACTOR

from .models import Whistle
from .states import ReportStatus, WhistleAction, WhistleStatus


@periodic_job("whistle.escalate_overdue", minute=25)
def escalate_overdue() -> str:
    """Escalate each open whistle with a report past its deadline and not yet escalated, once."""
    from .workflow import whistle_transition

    ids = list(Whistle.objects.filter(
        status=WhistleStatus.WHISTLED, reports__status=ReportStatus.PENDING,
        reports__due_at__lt=clock.now(), reports__escalated_at__isnull=True,
    ).values_list("pk", flat=True).distinct())
    for pk in ids:
        whistle_transition(whistle_id=pk, action=WhistleAction.ESCALATE, actor=SYSTEM_ACTOR)
    return f"escalated {len(ids)}"
