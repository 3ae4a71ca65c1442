"""Reads of the joint-handling parts, always through the acting user."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from xinfang.cases.selectors import visible_cases
from xinfang.core import clock
from xinfang.deadlines.models import RUNNING_STATES
from xinfang.deadlines.rules import DeadlineKind
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import jurisdiction_root

from .models import JointPart
from .states import OPEN, PartStatus

#: the clocks of the answer the parts feed: 办理 (Art. 34), 依法履行职责或答复 (Art. 31 (5)), and a
#: bureau's 交办办结报告 (Art. 22 (3)) while the case is still at the assigned unit
ANSWER_CLOCKS = (DeadlineKind.HANDLING, DeadlineKind.DUTY, DeadlineKind.ASSIGNMENT)


def visible_parts(user: Any) -> QuerySet[JointPart]:
    """The parts `user` may see: those on a case they may see (a unit given a part sees the case,
    shared to it; Art. 30: never the accused unit, which is never given a part)."""
    if not getattr(user, "is_authenticated", False):
        return JointPart.objects.none()
    if user.is_superuser:
        return JointPart.objects.all()
    return JointPart.objects.filter(case__in=visible_cases(user))


def case_parts(user: Any, case: Any) -> list[JointPart]:
    return list(visible_parts(user).filter(case=case).select_related("unit", "assigned_by_unit")
                .order_by("assigned_at", "pk"))


def parts_for_unit(user: Any) -> QuerySet[JointPart]:
    """我的分工: the parts my unit must report (the late and the oldest first)."""
    if getattr(user, "unit_id", None) is None:
        return JointPart.objects.none()
    return (visible_parts(user).filter(unit_id=user.unit_id)
            .select_related("case", "assigned_by_unit", "case__holding_unit")
            .order_by("status", "due_on", "pk"))


def parts_led(user: Any) -> QuerySet[JointPart]:
    """The parts on the cases my unit leads (holds), to adopt or return."""
    if getattr(user, "unit_id", None) is None:
        return JointPart.objects.none()
    return (visible_parts(user).filter(case__holding_unit_id=user.unit_id)
            .exclude(unit_id=user.unit_id)
            .select_related("case", "unit").order_by("status", "due_on", "pk"))


def answer_due(case: Any) -> dt.date | None:
    """The due date of the case's running answer clock (the earliest, when several run)."""
    row = (case.deadlines.filter(state__in=RUNNING_STATES, kind__in=ANSWER_CLOCKS)
           .order_by("due_on").values_list("due_on", flat=True).first())
    return row


def open_parts(case: Any) -> QuerySet[JointPart]:
    return JointPart.objects.filter(case=case, status__in=OPEN)


def summary(user: Any) -> dict[str, Any]:
    """The figures of the joint-handling page, over the parts `user` may see (docs/indicators.md):
    joint matters (cases with at least one part not cancelled), parts overdue now (逾期未报告, or
    已分工 past the deadline), and the average days from assignment to the (last) report."""
    qs = visible_parts(user).exclude(status=PartStatus.CANCELLED)
    today = clock.today()
    overdue = qs.filter(Q(status=PartStatus.OVERDUE)
                        | Q(status=PartStatus.ASSIGNED, due_on__lt=today)).count()
    days = [(reported - assigned).total_seconds() / 86400 for assigned, reported in
            qs.filter(reported_at__isnull=False).values_list("assigned_at", "reported_at")]
    return {"matters": qs.values("case_id").distinct().count(), "parts": qs.count(),
            "overdue": overdue, "reported": len(days),
            "avg_days": round(sum(days) / len(days), 1) if days else None}


def part_roots(actor_unit: Any, case: Any) -> list[Unit]:
    """The jurisdictions a part may be given in (属地管理、分级负责, Art. 5 (3)): that of the unit
    assigning, and that of the bureau that sent the case."""
    roots = [jurisdiction_root(actor_unit)]
    if case.sending_unit_id:
        roots.append(jurisdiction_root(case.sending_unit))
    return roots


def assignable_units(user: Any, case: Any) -> QuerySet[Unit]:
    """The active units the 分工交办 form offers: the case's holding unit and the units in the
    `part_roots` (what the guard `unit_may_handle` accepts), without the accused unit and the
    units below it (Art. 30). The guard still decides; this is only what the picker lists."""
    offered = Q(pk=case.holding_unit_id)
    for root in part_roots(user.unit, case):
        offered |= Q(path__startswith=root.path)
    units = Unit.objects.filter(offered, active=True)
    if case.is_accusation and case.accused_unit_id:
        units = units.exclude(path__startswith=case.accused_unit.path)
    return units
