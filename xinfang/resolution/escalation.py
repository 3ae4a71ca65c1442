"""Automatic escalation of overdue items by level (督办升级), run by a periodic job and a command.

An open 督办/催办 order, 三项建议 letter or 回访 past its due date climbs one unit up the tree (the
issuing unit's parent: its leaders and supervisors) when it becomes overdue, and one more level for
every further `ESCALATION_STEP_DAYS` days, up to `ESCALATION_MAX_LEVEL` (practice settings). Art. 43:
a bureau that should supervise and does not is itself ordered to correct by its superior, so the
superior must see what is overdue. An overdue legal clock on a case gets a system 催办 first.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Q

from xinfang.core import clock
from xinfang.core.errors import DomainError
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.deadlines.rules import DeadlineKind as K

from . import satisfaction, supervision
from .common import practice
from .machine import SYSTEM_ACTOR, Flow, run, start
from .models import Recommendation, SupervisionOrder

log = logging.getLogger(__name__)

ESCALATING: list[tuple[Flow, str]] = [
    (supervision.ORDER_FLOW, SupervisionOrder.Status.OPEN),
    (supervision.REC_FLOW, Recommendation.Status.ISSUED),
    (satisfaction.FLOW, satisfaction.FS.OPEN),
]


# Clocks that are a unit's duty; the 5-working-day objection period (Art. 23) is a right to object,
# and its lapse is nobody's overdue work.
DUTIES = [K.INTAKE, K.ACCEPTANCE_NOTICE, K.ASSIGNMENT, K.HANDLING, K.REVIEW, K.RECHECK]


def target_level(due_on: dt.date, today: dt.date) -> int:
    """Level 1 the day after the due date, +1 every step days, capped (practice)."""
    overdue = (today - due_on).days
    if overdue <= 0:
        return 0
    return min(practice("ESCALATION_MAX_LEVEL"), 1 + (overdue - 1) // practice(
        "ESCALATION_STEP_DAYS"))


def auto_cuiban() -> int:
    """A system 催办 for each overdue staff clock that has no order for it yet."""
    if not practice("AUTO_CUIBAN_FOR_OVERDUE_CLOCKS"):
        return 0
    issued = 0
    overdue = Deadline.objects.filter(state=DeadlineState.OVERDUE, for_petitioner=False,
                                      paused_since__isnull=True, kind__in=DUTIES)
    covered = SupervisionOrder.objects.filter(deadline__isnull=False).values("deadline")
    for d in overdue.exclude(pk__in=covered).select_related("case"):
        try:
            start(supervision.ORDER_FLOW, action=supervision.OrderAction.AUTO_ISSUE, actor=SYSTEM_ACTOR,
                  params={"deadline": d.pk}, case_id=d.case_id)
            issued += 1
        except DomainError as err:
            log.warning("auto 催办 for deadline %s: %s", d.pk, err.message)
    return issued


def escalate_overdue(*, today: dt.date | None = None) -> dict[str, int]:
    """Issue system 催办 for overdue clocks, then raise every overdue item to its due level."""
    today = today or clock.today()
    counts = {"cuiban": auto_cuiban(), "escalated": 0, "followups": satisfaction.followups_sweep()}
    for flow, open_status in ESCALATING:
        at_top = Q(watch_unit__isnull=False, watch_unit__parent__isnull=True)
        for item in flow.model.objects.filter(status=open_status, due_on__lt=today).exclude(
                at_top).exclude(escalation_level__gte=practice("ESCALATION_MAX_LEVEL")):
            for _ in range(target_level(item.due_on, today) - item.escalation_level):
                try:
                    run(flow, record_id=item.pk, action="escalate", actor=SYSTEM_ACTOR)
                except DomainError:  # already at the top of the tree
                    break
                counts["escalated"] += 1
    return counts
